"""Reading a post: its front matter becomes the title and a byline.

* ``source-read`` replaces the front matter block by one Markdown H1 holding
  the title (escaped, so it is text and never markup) and blank lines, so every
  body line keeps its line number and the post's H2s become its sections;
* :class:`ChapterTransform` adds the byline under the title and carries the
  thumbnail as an image Sphinx copies but never draws;
* :class:`LocalFilesTransform` refuses images and downloads outside the posts folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .assets import add_static_files
from .book import Book
from .frontmatter import body_after, parse_post
from .pages import generated_source, wants_cover
from .project import book_state
from .text import format_day, reading_minutes, ui

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark: the text stays literal text."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    state = book_state(env)
    if state is None:
        return
    book = state.book
    if docname in book.generated:
        source[0] = generated_source(book, docname, app.config)
        return
    path = Path(env.doc2path(docname))
    if path.suffix != ".md":
        return
    # the scan before reading parsed this very file; only the body is split here
    scan = state.scanned.get(docname)
    parsed = scan.parsed if scan is not None and scan.parsed is not None else parse_post(source[0])
    for problem in parsed.problems:
        logger.warning(
            problem.message,
            location=(docname, problem.line),
            type="daybook",
            subtype=problem.subtype,
        )
    text = body_after(source[0], parsed.block_lines)
    if parsed.block_lines:
        title = parsed.front_matter.title if parsed.front_matter else None
        heading = "# " + escape_markdown(title or _name_of(docname))
        text = heading + "\n" * parsed.block_lines + text
    if wants_cover(book, docname) and "daybook-cover" not in text:
        text += "\n\n```{daybook-cover}\n```\n"
    source[0] = text


def _name_of(docname: str) -> str:
    parts = docname.split("/")
    return parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]


class thumbnail_image(nodes.image):
    """The post's thumbnail: copied like any image, drawn by no writer."""


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


class ChapterTransform(SphinxTransform):
    """Byline and thumbnail for a chapter, from the book model."""

    default_priority = 860  # before doctree-read (880), which collects images

    def apply(self, **kwargs: object) -> None:
        state = book_state(self.env)
        docname = self.env.current_document.docname
        if state is None or state.book.chapter(docname) is None:
            return
        book = state.book
        chapter = book.chapter(docname)
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        minutes = reading_minutes(_prose_text(self.document))
        byline = self._byline(book, docname, minutes)
        section.insert(1, byline)
        if chapter.thumbnail:
            self._add_thumbnail(section, chapter.thumbnail, docname)

    def _byline(self, book: Book, docname: str, minutes: int) -> nodes.container:
        chapter = book.chapter(docname)
        assert chapter is not None
        language = self.config.language
        byline = nodes.container(classes=["daybook-byline"])
        items: list[nodes.Node] = []
        if chapter.draft:
            items.append(nodes.inline(text=ui(language, "draft"), classes=["daybook-draft-badge"]))
        if chapter.date:
            items.append(nodes.inline(text=format_day(chapter.date, language), classes=["daybook-date"]))
        part = next(p for p in book.parts if chapter in p.chapters)
        category = addnodes.pending_xref(
            refdomain="std", reftype="doc", reftarget="/" + part.docname, refexplicit=True, refwarn=False
        )
        category += nodes.inline(text=part.title)
        items.append(nodes.inline("", "", category, classes=["daybook-category"]))
        if chapter.day is not None:
            items.append(nodes.inline(text=ui(language, "day", day=chapter.day), classes=["daybook-day"]))
        items.append(
            nodes.inline(text=ui(language, "reading_time", minutes=minutes), classes=["daybook-reading-time"])
        )
        for index, item in enumerate(items):
            if index:
                byline += nodes.inline(text=" · ", classes=["daybook-sep"])
            byline += item
        if chapter.tags:
            tags = nodes.container(classes=["daybook-tags"])
            for tag in chapter.tags:
                ref = addnodes.pending_xref(
                    refdomain="std",
                    reftype="doc",
                    reftarget="/" + book.tag_docname(tag),
                    refexplicit=True,
                    refwarn=False,
                )
                ref += nodes.inline(text="#" + tag)
                tags += nodes.inline("", "", ref, classes=["daybook-tag"])
            byline += tags
        if chapter.draft:
            byline += nodes.paragraph(text=ui(language, "draft_note"), classes=["daybook-draft-note"])
        return byline

    def _add_thumbnail(self, section: nodes.section, thumbnail: str, docname: str) -> None:
        state = book_state(self.env)
        assert state is not None
        parsed = state.scanned[docname].parsed
        line = parsed.front_matter.lines.get("thumbnail", 1) if parsed and parsed.front_matter else 1
        if "://" in thumbnail or thumbnail.startswith(("data:", "javascript:", "//")):
            if not thumbnail.startswith(("https://", "http://")):
                logger.warning(
                    "thumbnail must be a path to an image beside the post or an http(s) "
                    "address; it is ignored",
                    location=(docname, line),
                    type="daybook",
                    subtype="thumbnail",
                )
            return
        node = thumbnail_image(uri=thumbnail, alt="", classes=["daybook-thumbnail"])
        node.source, node.line = str(self.env.doc2path(docname)), line
        section.append(node)


def _prose_text(document: nodes.document) -> str:
    return " ".join(
        node.astext()
        for node in document.findall(nodes.Text)
        if not isinstance(node.parent, (nodes.literal_block, nodes.raw, nodes.comment))
    )


class LocalFilesTransform(SphinxTransform):
    """No file outside the posts folder is ever copied into the output."""

    default_priority = 870  # after the thumbnail is added, before doctree-read

    def apply(self, **kwargs: object) -> None:
        srcdir = Path(self.env.srcdir).resolve()
        docname = self.env.current_document.docname
        for node in list(self.document.findall(nodes.image)):
            uri = node.get("uri", "")
            if "://" in uri or uri.startswith("data:"):
                continue
            if not self._inside(srcdir, uri, docname):
                self._refuse(node, uri, "image")
        for node in list(self.document.findall(addnodes.download_reference)):
            target = node.get("reftarget", "")
            if "://" in target:
                continue
            if not self._inside(srcdir, target, docname):
                self._refuse(node, target, "download")

    def _inside(self, srcdir: Path, uri: str, docname: str) -> bool:
        _, full = self.env.relfn2path(uri, docname)
        try:
            real = Path(os.path.realpath(full))
        except (OSError, ValueError):
            return False
        return real == srcdir or srcdir in real.parents

    def _refuse(self, node: nodes.Element, uri: str, what: str) -> None:
        logger.warning(
            f"{what} '{uri}' is outside the posts folder; it is not copied",
            location=node,
            type="daybook",
            subtype="outside_path",
        )
        alt = node.get("alt", "") if isinstance(node, nodes.image) else node.astext()
        node.replace_self(nodes.inline(text=alt))


def setup_chapter(app: Sphinx) -> None:
    add_static_files(app, Path(__file__).with_name("static") / "daybook.css")
    app.connect("source-read", on_source_read)
    app.add_transform(ChapterTransform)
    app.add_transform(LocalFilesTransform)
    app.add_node(
        thumbnail_image,
        html=(_skip, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
