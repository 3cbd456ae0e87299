"""Korean search (issue 4): particles and endings don't stop a match.

With ``language = "ko"`` Sphinx has no search language of its own and falls
back to English, whole space-separated words. Daybook registers
:class:`.language.SearchKorean`, which indexes Hangul bigrams (see
:mod:`.korean`) and ships the same query splitter to the browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..assets import add_static_files
from .korean import ENDINGS, javascript_splitter, split_index, split_query
from .language import SearchKorean

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SEARCH_PAGE_SCRIPT = Path(__file__).with_name("search-page.js")

__all__ = ["ENDINGS", "SearchKorean", "javascript_splitter", "setup_search", "split_index", "split_query"]


def setup_search(app: Sphinx) -> None:
    """Use daybook's Korean search language for ``language = "ko"``."""
    app.add_search_language(SearchKorean)
    # after the theme's inline DOCUMENTATION_OPTIONS.search_as_you_type = ...
    add_static_files(app, SEARCH_PAGE_SCRIPT, priority=900)
