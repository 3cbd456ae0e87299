"""daybook's search index: which page says what, how often and where. Pure.

Sphinx's index knows only which pages hold a term, so its search cannot tell
the chapter about a word from one that mentions it once, and its Korean
terms (bigrams) cannot tell 부스트캠프 from 부스트 … 트캠프 in two words.
daybook indexes each page itself (:mod:`.collect` hands it the text of the
title, the headings and the body; :func:`page_terms` counts) and writes,
for every term, the pages that hold it with a *weight code*: where the term
is (title, heading or only the body) and how often (:func:`weight_code`).

The terms of a page (see :mod:`.korean`):

* ``words``: each word as read (Hangul without its ending, a Latin word
  stemmed, a number); a page's day as ``#<day>`` (from the book, and where
  the text says DAY 7 or 7일차);
* ``parts``: what finds a word *inside* a Hangul word: every ending of at
  least two syllables of each Hangul word (경진대회 → 진대회, 대회), so 대회
  finds 경진대회 and 정규화 finds 배치정규화 but never 정규 … 규화 in two
  words; and two Hangul words written apart as one (추천 시스템 → 추천시스템)
  when the first is bare, so 추천시스템 finds 추천 시스템.

A query's word then finds the pages where it is a whole word, the start of
one (팀 → 팀원) or a part of one; ``engine.js`` ranks them in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .korean import day_numbers, is_hangul, words

#: where a term is on a page
BODY, HEADING, TITLE = 0, 1, 2
#: a term's count and places on one page, packed in an int: the count in the
#: low bits, then one flag per place
COUNT_MASK = (1 << 24) - 1
HEADING_FLAG = 1 << 24
TITLE_FLAG = 1 << 25
#: the highest count of each level of a weight code (8 levels, the last open)
COUNT_LEVELS = (1, 2, 3, 5, 8, 13, 21)
#: term prefixes kept in a page's terms: a day; two words written apart
DAY_PREFIX = "#"
JOINED_PREFIX = "+"
#: the shortest part of a Hangul word that is a term
PART_SYLLABLES = 2


@dataclass
class PageTerms:
    """What one page says, as the environment keeps it (:mod:`.collect`)."""

    #: words in the headings and the body
    length: int = 0
    #: term -> count and flags (``COUNT_MASK``, ``HEADING_FLAG``, ``TITLE_FLAG``)
    terms: dict[str, int] = field(default_factory=dict)
    #: the (Hangul, English) names the page pairs itself
    pairs: tuple[tuple[str, str], ...] = ()

    def add(self, term: str, place: int) -> None:
        value = self.terms.get(term, 0)
        if place == TITLE:
            value |= TITLE_FLAG
        else:
            value = (value & ~COUNT_MASK) | min(COUNT_MASK, (value & COUNT_MASK) + 1)
            if place == HEADING:
                value |= HEADING_FLAG
        self.terms[term] = value


def merge(first: int, second: int) -> int:
    """Two counts and flags of one term as one: counts added, flags kept."""
    count = min(COUNT_MASK, (first & COUNT_MASK) + (second & COUNT_MASK))
    return count | ((first | second) & ~COUNT_MASK)


def page_terms(
    texts: Iterable[tuple[int, str]],
    stem: Callable[[str], str],
    stopwords: frozenset[str] | set[str] = frozenset(),
    day: int | None = None,
    pairs: Iterable[tuple[str, str]] = (),
) -> PageTerms:
    """The terms of a page whose text is ``texts``: (place, a title, heading or paragraph).

    ``stem`` stems a Latin word (lower case); ``stopwords`` are left out;
    ``day`` is the page's day in the book.
    """
    page = PageTerms(pairs=tuple(dict.fromkeys(pairs)))
    if day is not None:
        page.add(f"{DAY_PREFIX}{day}", TITLE)
    for place, text in texts:
        for number in day_numbers(text):
            page.add(f"{DAY_PREFIX}{number}", place)
        found = words(text)
        for position, word in enumerate(found):
            if word.script == "latin":
                if word.text in stopwords:
                    continue
                term = stem(word.text)
                if not term:
                    continue
            else:
                term = word.text
            page.add(term, place)
            if place != TITLE:
                page.length += 1
            following = found[position + 1] if position + 1 < len(found) else None
            if (
                word.script == "hangul"
                and word.bare
                and word.joins_next
                and following is not None
                and following.script == "hangul"
            ):
                page.add(JOINED_PREFIX + word.text + following.text, place)
    return page


def weight_code(value: int) -> int:
    """A term's place and count on a page as one small number: place × 8 + count level."""
    place = TITLE if value & TITLE_FLAG else HEADING if value & HEADING_FLAG else BODY
    count = value & COUNT_MASK
    level = next((n for n, top in enumerate(COUNT_LEVELS) if count <= top), len(COUNT_LEVELS))
    return place * 8 + level


@dataclass
class SearchIndex:
    """Every page's terms, as the shards write them (:mod:`.shards`)."""

    docnames: list[str]
    titles: list[str]
    #: words in each page's headings and body
    lengths: list[int]
    #: term -> [(page, weight code)], pages in order
    words: dict[str, list[tuple[int, int]]]
    parts: dict[str, list[tuple[int, int]]]
    #: (Hangul, English) names the pages pair, each once, sorted
    pairs: list[tuple[str, str]]


def _parts_of(terms: dict[str, int]) -> dict[str, int]:
    """A page's ``parts`` terms: endings of its Hangul words, and words written apart."""
    parts: dict[str, int] = {}
    for term, value in terms.items():
        if term.startswith(JOINED_PREFIX):
            joined = term[len(JOINED_PREFIX) :]
            parts[joined] = merge(parts.get(joined, 0), value)
        elif len(term) > PART_SYLLABLES and is_hangul(term[0]):
            for start in range(1, len(term) - PART_SYLLABLES + 1):
                part = term[start:]
                parts[part] = merge(parts.get(part, 0), value)
    return parts


def page_codes(page: PageTerms) -> tuple[dict[str, int], dict[str, int]]:
    """What one page adds to the index: its ``words`` and its ``parts`` terms, each with its weight code."""
    words_codes = {term: weight_code(value) for term, value in page.terms.items() if not term.startswith(JOINED_PREFIX)}
    parts_codes = {term: weight_code(value) for term, value in _parts_of(page.terms).items()}
    return words_codes, parts_codes


def build_index(pages: Iterable[tuple[str, str, PageTerms]]) -> SearchIndex:
    """The index of ``pages``: (docname, title, terms), in the order given."""
    docnames: list[str] = []
    titles: list[str] = []
    lengths: list[int] = []
    words_index: dict[str, list[tuple[int, int]]] = {}
    parts_index: dict[str, list[tuple[int, int]]] = {}
    pairs: set[tuple[str, str]] = set()
    for number, (docname, title, page) in enumerate(pages):
        docnames.append(docname)
        titles.append(title)
        lengths.append(page.length)
        pairs.update(page.pairs)
        words_codes, parts_codes = page_codes(page)
        for term, code in words_codes.items():
            words_index.setdefault(term, []).append((number, code))
        for term, code in parts_codes.items():
            parts_index.setdefault(term, []).append((number, code))
    return SearchIndex(docnames, titles, lengths, words_index, parts_index, sorted(pairs))
