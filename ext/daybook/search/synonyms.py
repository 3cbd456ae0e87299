"""One thing, several names: the maintained table, and the pairs an author writes. Pure.

Korean technical writing names a concept in Hangul or in English, often both
(트랜스포머 / Transformer, 과대적합 / 과적합 / overfitting). ``synonyms.txt``
lists such names, each line with where the pairing was seen; a query in one
of them searches all of them. An author also pairs names themselves, the
first time a word comes up: "과대적합(Overfitting)", "Transformer(트랜스포머)".
:func:`author_pairs` finds those pairs in a page's text at build time; the
search uses them as it uses the table, a little lower.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .korean import HANGUL_SYLLABLES, strip_ending

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")

#: at most this many words on either side of a pair
MAX_WORDS = 4
_HANGUL_WORD = f"[{HANGUL_SYLLABLES}]+"
_LATIN_WORD = r"[A-Za-z][A-Za-z\-]*"
#: a parenthesis and what it holds, with no parenthesis inside
_PARENTHESIS = re.compile(r"[ \t]?\(([^()\n]{1,80})\)")
_HANGUL_INSIDE = re.compile(rf"{_HANGUL_WORD}(?:[ \t]+{_HANGUL_WORD})*")
_LATIN_INSIDE = re.compile(rf"{_LATIN_WORD}(?:[ \t]+{_LATIN_WORD})*")
_HANGUL_BEFORE = re.compile(rf"((?:{_HANGUL_WORD}[ \t]+)*{_HANGUL_WORD})$")
_LATIN_BEFORE = re.compile(rf"((?:{_LATIN_WORD}[ \t]+)*{_LATIN_WORD})$")
_ACRONYM = re.compile(r"[A-Z]{2,5}")


def read_synonyms(text: str) -> tuple[tuple[str, ...], ...]:
    """The groups of names in ``text`` (the format of ``synonyms.txt``), in order."""
    groups = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0]
        names = tuple(
            dict.fromkeys(" ".join(unicodedata.normalize("NFC", name).split()) for name in entry.split("|"))
        )
        names = tuple(name for name in names if name)
        if len(names) >= 2:
            groups.append(names)
    return tuple(groups)


SYNONYMS: tuple[tuple[str, ...], ...] = read_synonyms(SYNONYMS_FILE.read_text(encoding="utf-8"))


def _is_bare(word: str) -> bool:
    return strip_ending(word) == word


def _hangul_name(before: str, limit: int) -> str | None:
    """The Hangul words right before a parenthesis: the last one, and bare words before it up to ``limit``."""
    match = _HANGUL_BEFORE.search(before)
    if match is None:
        return None
    words = match.group(1).split()
    name = [words.pop()]
    while words and len(name) < limit and _is_bare(words[-1]):
        name.insert(0, words.pop())
    return " ".join(name)


def _latin_name(before: str, limit: int) -> str | None:
    """The Latin words right before a parenthesis: the last one, and capitalised ones before it."""
    match = _LATIN_BEFORE.search(before)
    if match is None:
        return None
    words = match.group(1).split()
    name = [words.pop()]
    while words and len(name) < limit and words[-1][0].isupper():
        name.insert(0, words.pop())
    return " ".join(name)


def author_pairs(text: str) -> list[tuple[str, str]]:
    """The (Hangul, English) names ``text`` pairs as "과대적합(Overfitting)" or "Transformer(트랜스포머)"."""
    text = unicodedata.normalize("NFC", text)
    pairs = []
    for match in _PARENTHESIS.finditer(text):
        inside = " ".join(match.group(1).split())
        before = text[: match.start()]
        if _LATIN_INSIDE.fullmatch(inside):
            latin_words = inside.split()
            if _ACRONYM.fullmatch(inside):
                limit = min(len(inside), 3)
            else:
                limit = len(latin_words)
            hangul = _hangul_name(before, limit)
            if hangul is not None and len(latin_words) <= MAX_WORDS and len(inside.replace("-", "")) >= 2:
                pairs.append((hangul, inside))
        elif _HANGUL_INSIDE.fullmatch(inside):
            hangul_words = inside.split()
            latin = _latin_name(before, MAX_WORDS)
            if latin is not None and len(hangul_words) <= MAX_WORDS and len(latin) >= 2:
                pairs.append((inside, latin))
    # a name of one syllable (은, 의) is a particle, not a name
    return [(hangul, latin) for hangul, latin in pairs if len(hangul.replace(" ", "")) >= 2]
