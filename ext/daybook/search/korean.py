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
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
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


def read_endings(text: str) -> tuple[str, ...]:
    """The endings listed in ``text``, longest first, each once."""
    endings: set[str] = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            endings.add(unicodedata.normalize("NFC", entry))
    return tuple(sorted(endings, key=lambda e: (-len(e), e)))


ENDINGS: tuple[str, ...] = read_endings(ENDINGS_FILE.read_text(encoding="utf-8"))


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
    for ending in endings:
        if len(ending) < len(run) and run.endswith(ending):
            if len(ending) >= 2 or len(run) >= 3:
                return run[: -len(ending)]
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
