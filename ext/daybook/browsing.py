"""Browsing the book (issue 3): feed, social cards, sitemap, 404. Work in progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_browsing(app: Sphinx) -> None:
    """Register the feed, Open Graph, sitemap and 404 page; filled in by the browsing work."""
