"""Images inside raw HTML blocks are copied and shown, as gatsby-remark-copy-linked-files did.

``<div align="center"><img src="./img/a.png" width="60%"></div>`` stays raw
HTML (MyST turns only a standalone ``<img>`` into an image). For each local
``src`` in raw HTML, :class:`RawHtmlImages` puts a hidden image node beside
it, so Sphinx copies the file (and says once, at its line, if it is missing),
under the same policy as any image (:mod:`.local_files`). When the page is
written, :func:`visit_raw_with_images` points each ``src`` at the copy in
``_images/``; an ``<img>`` whose file is missing becomes the placeholder any
missing image is (:mod:`..writing.missing_images`). A ``src`` outside the
posts folder, or not an image, is one warning and is removed.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..doctree import IMAGES, raw_html_image
from ..model.text import placeholder_html, what_is_missing
from ..model.urls import Reference, copyable_as, reference_kind
from ..posts import file_in_posts
from ..upstream import builder_image_url

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

#: ``src`` of an ``<img>`` tag, quoted or not
_IMG_SRC = re.compile(
    r"""(<img\b[^>]*?\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE | re.DOTALL
)
#: a whole ``<img>`` tag (``>`` may stand inside a quoted attribute)
_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
#: its ``alt``, quoted or not
_IMG_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


class raw_with_images(nodes.raw):
    """Raw HTML whose ``<img src>`` point at copied files; other writers treat it as raw."""


class RawHtmlImages(SphinxTransform):
    # before the thumbnail and local-file checks (860, 870) and image collection (880)
    default_priority = 850

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split() or "<img" not in raw.astext().lower():
                continue
            self._copy_images(raw, docname)

    def _copy_images(self, raw: nodes.raw, docname: str) -> None:
        text = raw.astext()
        kept: list[tuple[str, str]] = []
        refused: set[str] = set()
        for match in _IMG_SRC.finditer(text):
            written = html.unescape(next(g for g in match.groups()[1:] if g is not None))
            kind = reference_kind(written)
            if kind in (Reference.WEB, Reference.DATA):
                continue
            line = (raw.line or 1) + text.count("\n", 0, match.start())
            relative = file_in_posts(self.env, written, docname) if kind is Reference.PATH else None
            if relative is None or not copyable_as(written, "image"):
                reason = "is outside the posts folder" if relative is None else "is not an image"
                logger.warning(
                    f"image '{written}' in HTML {reason}; it is not copied",
                    location=(docname, line),
                    type="daybook",
                    subtype="outside_path" if relative is None else "not_image",
                )
                refused.add(written)
                continue
            image = raw_html_image(uri=written, alt="")
            image.source, image.line = raw.source, line
            raw.parent.insert(raw.parent.index(raw) + 1, image)
            kept.append((written, relative))
        if not (kept or refused):
            return
        if refused:
            text = _IMG_SRC.sub(lambda m: m[0] if _src(m) not in refused else f'{m[1]}""', text)
        replacement = raw_with_images(raw.rawsource, text, **raw.attributes)
        replacement.source, replacement.line = raw.source, raw.line
        replacement[IMAGES] = kept
        raw.replace_self(replacement)


def _src(match: re.Match[str]) -> str:
    return html.unescape(next(g for g in match.groups()[1:] if g is not None))


def visit_raw_with_images(self: HTML5Translator, node: raw_with_images) -> None:
    """The raw HTML, each copied image's ``src`` pointing at its copy in ``_images/``, each missing one a placeholder."""
    images = dict(node.get(IMAGES, ()))

    def point(tag: re.Match[str]) -> str:
        src = _IMG_SRC.search(tag[0])
        path = images.get(_src(src)) if src is not None else None
        if src is None or path is None:
            return tag[0]  # a web address, inline data, or a refused src (emptied when read)
        copied = builder_image_url(self.builder, path)
        if copied is None:
            alt = _IMG_ALT.search(tag[0])
            written = html.unescape(next(g for g in alt.groups() if g is not None)) if alt else ""
            return placeholder_html(what_is_missing(written, path), self.builder.config.language)
        pointed = f'{src[1]}"{html.escape(copied)}"'
        return tag[0][: src.start()] + pointed + tag[0][src.end() :]

    node.children = [nodes.Text(_IMG_TAG.sub(point, node.astext()))]
    self.visit_raw(node)
