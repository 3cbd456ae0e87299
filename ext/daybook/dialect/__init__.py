"""The Gatsby Markdown dialect (issue 7). Work in progress by the dialect helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_dialect(app: Sphinx) -> None:
    """Register the dialect's parsers and transforms; filled in by the dialect work."""
