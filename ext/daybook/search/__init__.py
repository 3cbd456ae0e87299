"""Korean search (issue 4). Work in progress by the search helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_search(app: Sphinx) -> None:
    """Register the Korean search language; filled in by the search work."""
