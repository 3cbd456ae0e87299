"""An image whose file is missing says so on the web page, and asks for nothing.

Sphinx warns once, at its line, when an image's file is not there (``image
file not readable``), and then writes its ``<img>`` with the path as the post
wrote it: the browser asks for a file that is not in the output, and shows
its broken-image icon (or nothing, for ``alt=""``). In the web builds daybook
writes a placeholder in its place instead: a box, in both colour modes, that
says what is missing (the alt text, else the file name). A caption written
under the image ("출처: …") stays under the box. Images in raw HTML get the
same box (:func:`..reading.html_images.visit_raw_with_images`). The ePub and
the PDF write the alt text (:mod:`..takeaway.transforms`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..doctree import copied_only_image
from ..model.text import placeholder_html, what_is_missing
from ..upstream import copied_image_name

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class missing_image(nodes.Inline, nodes.Element):
    """The place of an image whose file is not in the output (``what``: alt text or file name)."""


class MissingImages(SphinxPostTransform):
    """Images of the page whose files were not copied become placeholders (web builds only)."""

    builders = ("html", "dirhtml", "singlehtml")
    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            if isinstance(image, copied_only_image):
                continue  # the thumbnail, the files of raw HTML: drawn by no writer
            candidates = image.get("candidates", {})
            if not candidates or "?" in candidates:
                continue  # a web address or inline data
            if any(copied_image_name(self.env, path) is not None for path in candidates.values()):
                continue
            placeholder = missing_image(what=what_is_missing(image.get("alt", ""), image.get("uri", "")))
            placeholder.source, placeholder.line = image.source, image.line
            if isinstance(image.parent, nodes.TextElement):
                image.replace_self(placeholder)
            else:
                image.replace_self(nodes.paragraph("", "", placeholder))


def visit_missing_image(self: HTML5Translator, node: missing_image) -> None:
    self.body.append(placeholder_html(node["what"], self.builder.config.language))
    raise nodes.SkipNode
