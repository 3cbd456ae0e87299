"""Fast sidebar navigation (issue 5). Work in progress by the performance helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_navigation(app: Sphinx) -> None:
    """Replace the theme's per-page toctree rendering; filled in by the performance work."""
