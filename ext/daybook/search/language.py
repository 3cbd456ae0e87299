"""The Korean search language that Sphinx uses when ``language`` is ``ko``.

Thin glue around :mod:`.korean`. Latin words are stemmed as English, with the
same Snowball stemmer Sphinx ships for English, on both sides.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import snowballstemmer
from sphinx.search import SearchLanguage

from ..upstream import ENGLISH_STOPWORDS, sphinx_stemmer_scripts
from .korean import is_hangul, javascript_splitter, split_index

STEMMER_WRAPPER = Path(__file__).with_name("stemmer.js")


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    #: stop words apply to the Latin words only: Hangul terms are bigrams
    stopwords = ENGLISH_STOPWORDS
    # No ``js_stemmer_rawcode``: with one, Sphinx 9 writes
    # ``window.Stemmer = KoreanStemmer;``, a class no file defines (#14229).
    # The stemmer code is whole in ``js_stemmer_code`` instead.

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.english = snowballstemmer.stemmer("english")
        #: word -> stem: a diary repeats its Latin words (code, names) on every
        #: page, and the Snowball stemmer is pure Python
        self._stems: dict[str, str] = {}

    @cached_property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        return sphinx_stemmer_scripts("base", "english") + "\n" + STEMMER_WRAPPER.read_text(encoding="utf-8")

    @cached_property
    def js_splitter_code(self) -> str:  # type: ignore[override]
        return javascript_splitter()

    def split(self, input: str) -> list[str]:
        return split_index(input)

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = word if is_hangul(word) else self.english.stemWord(word.lower())
            self._stems[word] = stem
        return stem
