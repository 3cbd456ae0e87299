"""The generated pages: their Markdown, and what each shows of the book, to re-read only those that changed. Pure.

A generated page (cover, part page, archive, tags) is made from the book
model when it is read (``pages/``). On an incremental build, a page is read
again only when what it shows changed: a retitled chapter re-reads its part
page, the archive, its tag pages and, if it is one of the cover's cards, the
cover; not the other parts' pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .book import Book, Chapter
from .text import escape_markdown, ui


def shown_by(book: Book, docname: str, cover_cards: int) -> tuple | None:
    """What generated page ``docname`` shows of ``book``; ``None`` if it is not one of its generated pages."""
    if docname not in book.generated and docname != book.root_docname:
        return None
    if docname == book.root_docname:
        # the cards of the first chapters, each part's title, page and size, and the
        # hidden toctrees (every chapter, in order) that prev/next links follow
        return (
            "cover",
            tuple((p.title, p.docname, p.chapters[:cover_cards] if cover_cards else p.chapters) for p in book.parts),
            tuple(tuple(c.docname for c in p.chapters) for p in book.parts),
            book.pages,
            book.archive_docname,
            book.tags_docname if book.tags else None,
        )
    for part in book.parts:
        if part.docname == docname:
            return ("part", part)
    if docname == book.archive_docname:
        return ("archive", tuple(_listed(book, c) for c in book.chapters))
    if docname == book.tags_docname:
        return ("tags", tuple((tag, book.tag_docname(tag), len(chapters)) for tag, chapters in book.tags))
    for tag, chapters in book.tags:
        if book.tag_docname(tag) == docname:
            return ("tag", tag, tuple(_listed(book, c) for c in chapters))
    return ("page", docname)


def _listed(book: Book, chapter: Chapter) -> tuple:
    """A chapter in a listing: itself and the part its line links to."""
    part = book.part_of(chapter.docname)
    return (chapter, part.title if part else None, part.docname if part else None)


def generated_pages_to_read(old: Book | None, new: Book, cover_cards: int) -> set[str]:
    """The generated pages (and the cover) whose content differs between two books."""
    pages = set(new.generated) | {new.root_docname}
    if old is None:
        return pages
    return {d for d in pages if shown_by(old, d, cover_cards) != shown_by(new, d, cover_cards)}


# -- the Markdown of each generated page: its title, escaped as text, and one directive

#: the file Sphinx reads for every generated page; its text is replaced on source-read
GENERATED_SOURCE = Path(__file__).with_name("generated.md")
#: the directive that places the cover's cards (the author's own index.md may use it)
COVER_DIRECTIVE = "daybook-cover"


class PageConfig(Protocol):
    """What a generated page's source reads of Sphinx's config."""

    project: str
    language: str | None


def generated_source(book: Book, docname: str, config: PageConfig) -> str:
    """The Markdown source of a generated page."""
    language = config.language
    if docname == book.root_docname:
        return f"# {escape_markdown(config.project)}\n\n```{{{COVER_DIRECTIVE}}}\n```\n"
    for part in book.parts:
        if part.docname == docname:
            # in no toctree: the sidebar links it from its part's list, once (writing/navigation.py)
            return f"---\norphan: true\n---\n# {escape_markdown(part.title)}\n\n```{{daybook-part}}\n```\n"
    if docname == book.archive_docname:
        return f"# {escape_markdown(ui(language, 'archive'))}\n\n```{{daybook-archive}}\n```\n"
    if docname == book.tags_docname:
        return f"# {escape_markdown(ui(language, 'tags'))}\n\n```{{daybook-tags}}\n```\n"
    for tag, _ in book.tags:
        if book.tag_docname(tag) == docname:
            title = escape_markdown(ui(language, "tagged", tag=tag))
            return f"# {title}\n\n```{{daybook-tag}}\n```\n"
    return "# \n"
