"""The pages daybook generates: cover, part pages, archive, tags.

Each generated page's source is a title and one directive; the directive
builds the page from the book model at read time, toctrees included, so
Sphinx's own machinery (sidebar, prev/next, search) sees an ordinary book.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .book import ARCHIVE_DOCNAME, TAGS_DIRNAME, Book, Chapter
from .text import format_day, ui

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def wants_cover(book: Book, docname: str) -> bool:
    """The root page carries the cover, generated or written by the author."""
    return docname == book.root_docname


def generated_source(book: Book, docname: str, config: Config) -> str:
    """The Markdown source of a generated page (titles escaped as text)."""
    from .chapter import escape_markdown

    language = config.language
    if docname == book.root_docname:
        return f"# {escape_markdown(config.project)}\n\n```{{daybook-cover}}\n```\n"
    for part in book.parts:
        if part.docname == docname:
            return f"# {escape_markdown(part.title)}\n\n```{{daybook-part}}\n```\n"
    if docname == ARCHIVE_DOCNAME:
        return f"# {escape_markdown(ui(language, 'archive'))}\n\n```{{daybook-archive}}\n```\n"
    if docname == f"{TAGS_DIRNAME}/index":
        return f"# {escape_markdown(ui(language, 'tags'))}\n\n```{{daybook-tags}}\n```\n"
    for tag, _ in book.tags:
        if book.tag_docname(tag) == docname:
            title = escape_markdown(ui(language, "tagged", tag=tag))
            return f"# {title}\n\n```{{daybook-tag}}\n```\n"
    return "# \n"


def _book(directive: SphinxDirective) -> Book:
    from .project import book_state

    state = book_state(directive.env)
    assert state is not None, "daybook's book is made before any page is read"
    return state.book


def toctree(
    directive: SphinxDirective, docnames: list[str], caption: str | None, *, hidden: bool
) -> nodes.compound:
    node = addnodes.toctree()
    node["parent"] = directive.env.current_document.docname
    node["entries"] = [(None, d) for d in docnames]
    node["includefiles"] = list(docnames)
    node["maxdepth"] = 1
    node["caption"] = caption
    node["rawcaption"] = caption or ""
    node["glob"] = False
    node["hidden"] = hidden
    node["includehidden"] = False
    node["numbered"] = 0
    node["titlesonly"] = True
    directive.set_source_info(node)
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += node
    return wrapper


def doc_link(docname: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to a document, titled by the document unless ``text`` is given."""
    ref = addnodes.pending_xref(
        refdomain="std", reftype="doc", reftarget="/" + docname, refexplicit=text is not None, refwarn=True
    )
    ref += nodes.inline(text=text or docname)
    return ref


def chapter_list(chapters: tuple[Chapter, ...] | list[Chapter], language: str | None) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["daybook-chapter-list"])
    for chapter in chapters:
        paragraph = nodes.paragraph()
        paragraph += doc_link(chapter.docname, chapter.title)
        if chapter.date:
            paragraph += nodes.Text(" ")
            paragraph += nodes.inline(text=format_day(chapter.date, language), classes=["daybook-date"])
        items += nodes.list_item("", paragraph)
    return items


class CoverDirective(SphinxDirective):
    """The book's parts, each a toctree with the category as its caption."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        language = self.config.language
        out: list[nodes.Node] = []
        from .config import daybook_config

        description = daybook_config(self.config).description
        if description:
            out.append(nodes.paragraph(text=description, classes=["daybook-description"]))
        for part in book.parts:
            heading = nodes.rubric(classes=["daybook-part-heading"])
            heading += doc_link(part.docname, part.title)
            out.append(heading)
            out.append(toctree(self, [c.docname for c in part.chapters], part.title, hidden=False))
        more = [*book.pages, *(p.docname for p in book.parts), ARCHIVE_DOCNAME]
        if book.tags:
            more.append(f"{TAGS_DIRNAME}/index")
        out.append(toctree(self, more, ui(language, "pages"), hidden=False))
        return out


class PartDirective(SphinxDirective):
    """The chapters of the part this page opens."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        docname = self.env.current_document.docname
        part = next((p for p in book.parts if p.docname == docname), None)
        if part is None:
            return []
        count = nodes.paragraph(text=ui(self.config.language, "chapters", count=len(part.chapters)))
        return [count, chapter_list(part.chapters, self.config.language)]


class ArchiveDirective(SphinxDirective):
    """Every chapter by year and month, newest first."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        language = self.config.language
        dated = sorted((c for c in book.chapters if c.date), key=lambda c: (c.sort_date, c.docname), reverse=True)
        out: list[nodes.Node] = []
        current: tuple[int, int] | None = None
        for chapter in dated:
            assert chapter.date is not None
            month = (chapter.date.year, chapter.date.month)
            if month != current:
                current = month
                label = f"{month[0]}년 {month[1]}월" if (language or "").startswith("ko") else f"{month[0]}-{month[1]:02d}"
                out.append(nodes.rubric(text=label, classes=["daybook-archive-month"]))
                out.append(nodes.bullet_list(classes=["daybook-chapter-list"]))
            items = out[-1]
            paragraph = nodes.paragraph()
            paragraph += nodes.inline(text=format_day(chapter.date, language), classes=["daybook-date"])
            paragraph += nodes.Text(" ")
            paragraph += doc_link(chapter.docname, chapter.title)
            paragraph += nodes.Text(" ")
            paragraph += nodes.inline(text=chapter.category or "", classes=["daybook-category"])
            items += nodes.list_item("", paragraph)
        return out


class TagsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        book = _book(self)
        listing = nodes.bullet_list(classes=["daybook-tag-list"])
        for tag, chapters in book.tags:
            paragraph = nodes.paragraph()
            paragraph += doc_link(book.tag_docname(tag), f"#{tag}")
            paragraph += nodes.Text(f" ({len(chapters)})")
            listing += nodes.list_item("", paragraph)
        hidden = toctree(self, [book.tag_docname(t) for t, _ in book.tags], None, hidden=True)
        return [listing, hidden]


class TagDirective(SphinxDirective):
    """The chapters carrying the tag this page is for."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        docname = self.env.current_document.docname
        chapters = next((cs for t, cs in book.tags if book.tag_docname(t) == docname), ())
        return [chapter_list(chapters, self.config.language)]


def setup_pages(app: Sphinx) -> None:
    app.add_directive("daybook-cover", CoverDirective)
    app.add_directive("daybook-part", PartDirective)
    app.add_directive("daybook-archive", ArchiveDirective)
    app.add_directive("daybook-tags", TagsDirective)
    app.add_directive("daybook-tag", TagDirective)
