"""The typed API other code reads post metadata through.

Never re-parse ``env.metadata``: the book model holds every post's typed front
matter, ordered, for the current build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model.book import Book, Chapter
from .scan import book_state

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def get_book(env: BuildEnvironment) -> Book:
    """The book of the current build (parts, chapters in order, generated pages)."""
    state = book_state(env)
    if state is None:
        raise RuntimeError("daybook has not scanned the posts yet (before env-get-outdated)")
    return state.book


def chapter_of(env: BuildEnvironment, docname: str) -> Chapter | None:
    """The chapter ``docname`` is, with its typed front matter; ``None`` for other pages."""
    state = book_state(env)
    return state.book.chapter(docname) if state else None
