"""The typed API other code reads post metadata through.

Never re-parse ``env.metadata``: the book model holds every post's typed front
matter, ordered, for the current build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .environment import book_state

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .model.book import Book, Chapter


def get_book(env: BuildEnvironment) -> Book:
    """The book of the current build (parts, chapters in order, generated pages); made before any page is read."""
    return book_state(env).book


def chapter_of(env: BuildEnvironment, docname: str) -> Chapter | None:
    """The chapter ``docname`` is, with its typed front matter; ``None`` for other pages."""
    return book_state(env).book.chapter(docname)
