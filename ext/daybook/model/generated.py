"""What each generated page shows of the book, to re-read only those that changed. Pure.

A generated page (cover, part page, archive, tags) is made from the book
model when it is read (``pages/``). On an incremental build, a page is read
again only when what it shows changed: a retitled chapter re-reads its part
page, the archive, its tag pages and, if it is one of the cover's cards, the
cover; not the other parts' pages.
"""

from __future__ import annotations

from .book import Book, Chapter


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
