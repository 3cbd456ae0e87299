"""How Korean text becomes search terms. Pure: knows nothing of Sphinx.

Korean glues particles and endings to the word (특강으로, 캐글을, 진행했다), and
most nouns are two syllables, so whole space-separated words make poor terms.
Daybook indexes Hangul *bigrams* instead: every run of Hangul syllables gives
its overlapping syllable pairs (특강으로 → 특강, 강으, 으로); a run of one
syllable is kept whole. Other scripts (Latin words, numbers) stay whole words.

A query is reduced the same way, after one particle or ending is stripped from
each Hangul run (특강으로 → 특강). Stripping happens on the query side only:
the index keeps every bigram, so a stem that is too short can only widen a
search. The endings come from ``endings.txt``, the one list that the
JavaScript splitter (:func:`javascript_splitter`) is generated from too.
That is Sphinx's own index (``searchindex.js``), kept for tools.

The book's pages search daybook's own index (:mod:`.index`), made of
*words* (:func:`words`): each Hangul run without its one particle or
ending (the same stripping on both sides, so 부스트캠프에서 and 부스트캠프와
are both 부스트캠프), each Latin word, each number; and of the *days* a text
names (:func:`day_numbers`: DAY 7, day7, 7일차). ``engine.js`` reads a
query the same way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ENDINGS_FILE = Path(__file__).with_name("endings.txt")
SPLITTER_TEMPLATE = Path(__file__).with_name("splitter.js")
#: where the generated list goes in ``splitter.js``
ENDINGS_PLACEHOLDER = "/*DAYBOOK_ENDINGS*/[]"

#: a word: letters, numbers and underscore, as Python's ``\w`` and the
#: JavaScript ``[\p{L}\p{N}_]`` agree on them
WORD_RE = re.compile(r"\w+")
#: precomposed Hangul syllables (가..힣); jamo alone (ㅋㅋ) are not syllables
HANGUL_SYLLABLES = "\uac00-\ud7a3"
SCRIPT_RUN_RE = re.compile(f"[{HANGUL_SYLLABLES}]+|[^{HANGUL_SYLLABLES}]+")
HANGUL_RE = re.compile(f"[{HANGUL_SYLLABLES}]")
#: a number as the index keeps it: ASCII digits (JavaScript's ``\\d``)
NUMBER_RE = re.compile(r"[0-9]+")
#: the ways a diary names one of its days: "DAY 7", "day07", "Day-7" and "7일차", "7일째"
DAY_RES = (
    re.compile(r"(?<![A-Za-z])day[ \t._-]*0*([0-9]{1,4})(?![0-9])", re.IGNORECASE),
    re.compile(r"(?<![0-9])0*([0-9]{1,4})[ \t]*일[ \t]*(?:차|째)"),
)


def read_endings(text: str) -> tuple[str, ...]:
    """The endings listed in ``text``, longest first, each once."""
    endings: set[str] = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            endings.add(unicodedata.normalize("NFC", entry))
    return tuple(sorted(endings, key=lambda e: (-len(e), e)))


ENDINGS: tuple[str, ...] = read_endings(ENDINGS_FILE.read_text(encoding="utf-8"))
_ENDING_SET = frozenset(ENDINGS)
_ENDING_LENGTHS = tuple(sorted({len(ending) for ending in ENDINGS}, reverse=True))


def is_hangul(text: str) -> bool:
    """Whether ``text`` holds a Hangul syllable (a run is all or nothing)."""
    return HANGUL_RE.search(text) is not None


def bigrams(run: str) -> list[str]:
    """The overlapping syllable pairs of a Hangul run; a one-syllable run whole."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def strip_ending(run: str, endings: Iterable[str] = ENDINGS) -> str:
    """``run`` without its longest trailing ending, if one may be stripped.

    A one-syllable ending is stripped only from a run of three syllables or
    more: in 사과, 인도, 바다 the last syllable belongs to the noun.
    """
    if endings is ENDINGS:
        ending_set, lengths = _ENDING_SET, _ENDING_LENGTHS
    else:
        ending_set = frozenset(endings)
        lengths = tuple(sorted({len(ending) for ending in ending_set}, reverse=True))
    # one ending of each length can end the run: the longest that may go goes
    for length in lengths:
        if length < len(run) and (length >= 2 or len(run) >= 3) and run[-length:] in ending_set:
            return run[:-length]
    return run


def _script_runs(text: str) -> Iterator[tuple[str, bool]]:
    """Each word of ``text`` cut where Hangul meets another script.

    Yields ``(run, attached)``: ``attached`` is true for a Hangul run glued
    to a run of another script before it, as 에서 in ``UpStage에서``.
    """
    for word in WORD_RE.findall(unicodedata.normalize("NFC", text)):
        previous_is_other = False
        for run in SCRIPT_RUN_RE.findall(word):
            hangul = is_hangul(run)
            yield run, hangul and previous_is_other
            previous_is_other = not hangul


def day_numbers(text: str) -> list[int]:
    """The days ``text`` names, in order of appearance (DAY 7, day7, 7일차, 7일째)."""
    found = []
    for pattern in DAY_RES:
        found.extend((match.start(), int(match[1])) for match in pattern.finditer(unicodedata.normalize("NFC", text)))
    return [number for _, number in sorted(found)]


@dataclass(frozen=True)
class Word:
    """One word of a text as daybook's index and query read it."""

    #: a Hangul run without its particle or ending; a Latin word in lower case
    #: (not stemmed yet); a number without leading zeros
    text: str
    #: ``"hangul"``, ``"latin"`` or ``"number"``
    script: str
    #: a Hangul run that lost no ending (추천 in 추천 시스템, not 추천을)
    bare: bool = False
    #: only blanks between this word and the next one (no punctuation, no other script)
    joins_next: bool = False


def words(text: str, endings: tuple[str, ...] = ENDINGS) -> list[Word]:
    """The words of ``text`` in order. A particle glued to a Latin word (GPU를) is no word."""
    text = unicodedata.normalize("NFC", text)
    ending_set = frozenset(endings)
    found: list[Word] = []
    matches = list(WORD_RE.finditer(text))
    for position, match in enumerate(matches):
        runs = SCRIPT_RUN_RE.findall(match.group())
        following = matches[position + 1].start() if position + 1 < len(matches) else None
        blank_after = following is not None and text[match.end() : following].strip() == ""
        previous_is_other = False
        for number, run in enumerate(runs):
            last = number == len(runs) - 1
            hangul = "\uac00" <= run[0] <= "\ud7a3"  # a run is all Hangul or none
            attached = hangul and previous_is_other
            previous_is_other = not hangul
            joins = last and blank_after
            if hangul:
                if attached and run in ending_set:
                    continue
                stem = strip_ending(run, endings)
                found.append(Word(stem, "hangul", bare=stem == run, joins_next=joins))
            elif NUMBER_RE.fullmatch(run):
                found.append(Word(run.lstrip("0") or "0", "number", joins_next=joins))
            else:
                found.append(Word(run.lower(), "latin", joins_next=joins))
    return found


def _unique(terms: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(terms))


def split_index(text: str) -> list[str]:
    """The terms under which a chapter's ``text`` is indexed."""
    terms: list[str] = []
    for run, _attached in _script_runs(text):
        terms.extend(bigrams(run) if is_hangul(run) else [run])
    return terms


def split_query(text: str, endings: tuple[str, ...] = ENDINGS) -> list[str]:
    """The terms a reader's query asks for; every one must match (AND)."""
    ending_set = frozenset(endings)
    terms: list[str] = []
    for run, attached in _script_runs(text):
        if not is_hangul(run):
            terms.append(run)
        elif attached and run in ending_set:
            continue  # the particle of GPU를, UpStage에서
        else:
            terms.extend(bigrams(strip_ending(run, endings)))
    return _unique(terms)


def javascript_splitter(endings: tuple[str, ...] = ENDINGS) -> str:
    """The browser's query splitter, with the endings of ``endings.txt``.

    ``splitter.js`` is the same algorithm as :func:`split_query`; the tests
    run both on the same cases. JSON with ASCII escapes is valid JavaScript.
    """
    template = SPLITTER_TEMPLATE.read_text(encoding="utf-8")
    return template.replace(ENDINGS_PLACEHOLDER, json.dumps(list(endings)))
