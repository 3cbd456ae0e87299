"""The byline under a chapter's title, and its thumbnail, from the book model."""

from __future__ import annotations


from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..api import get_book
from ..doctree import thumbnail_image
from ..environment import book_state
from ..model.book import Book
from ..model.text import format_day, reading_minutes, ui
from ..model.urls import Reference, reference_kind

logger = logging.getLogger(__name__)


class ChapterTransform(SphinxTransform):
    """Byline and thumbnail for a chapter, from the book model."""

    default_priority = 860  # before doctree-read (880), which collects images

    def apply(self, **kwargs: object) -> None:
        book = get_book(self.env)
        docname = self.env.current_document.docname
        chapter = book.chapter(docname)
        if chapter is None:
            return
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
        part = book.part_of(docname)
        assert part is not None
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
        parsed = book_state(self.env).scanned[docname].parsed
        line = parsed.front_matter.lines.get("thumbnail", 1) if parsed and parsed.front_matter else 1
        kind = reference_kind(thumbnail)
        if kind is not Reference.PATH:
            if kind is not Reference.WEB:
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
