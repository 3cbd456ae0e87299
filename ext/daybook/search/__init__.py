"""Korean search: particles and endings don't stop a match.

With ``language = "ko"`` Sphinx has no search language of its own and falls
back to English, whole space-separated words. Daybook registers
:class:`.language.SearchKorean`, which indexes Hangul bigrams (see
:mod:`.korean`) and ships the same query splitter to the browser.
"""

from __future__ import annotations

from pathlib import Path

from .korean import ENDINGS, javascript_splitter, split_index, split_query
from .language import SearchKorean

SEARCH_PAGE_SCRIPT = Path(__file__).with_name("search-page.js")

__all__ = ["ENDINGS", "SearchKorean", "javascript_splitter", "split_index", "split_query"]
