"""daybook's search index cut into files a reader's browser fetches only when it searches. Pure.

Every page of the book theme would load Sphinx's ``searchindex.js`` on its
first visit (1.8 MB at 1,000 posts, growing with the book). daybook writes
its own index (:mod:`.index`) in two parts:

* the *base* (``_static/daybook-search/base.js``): page names and titles
  (what a result shows; each title written as the length of what it shares
  with the one before and the rest, :func:`front_code`), each page's length
  (:func:`encode_lengths`), and what reading a query needs: the endings of
  ``endings.txt``, the English stop words, the names of ``synonyms.txt``
  and those the pages pair; fetched when the reader starts a search;
* the *term shards* (``_static/daybook-search/t/<n>.js``): the ``words``
  and ``parts`` terms, grouped by :func:`bucket_key` (a Hangul term's first
  syllable, another term's first two letters) and hashed into ``count``
  files; a query fetches only the shards of its own words and their other
  names.

A query word finds the terms it starts (팀 → 팀원): they share its first
syllable, so one shard. A Latin word's partial match looks only among the
terms of its shard (same first two letters).

Each file is a script (``DaybookSearch.base(...)`` / ``DaybookSearch.shard(n, ...)``)
rather than JSON, so the book also searches when opened from disk
(``file://``), where the browser refuses ``fetch``.

A term's pages are written as one string (:func:`encode_postings`): for
each page, the gap from the page before (``g``: how many page numbers are
skipped, so 0 for the next page; the first counts from -1), then its weight
code (:func:`.index.weight_code`), both Rice-coded: ``x >> k`` one-bits, a
zero-bit, then the ``k`` low bits of ``x``; the two ``k`` (the first two
characters) are the ones giving the fewest bits for that list. The bits are
written six to a character of :data:`ALPHABET` (URL-safe Base64), the last
character padded with one-bits (an unfinished gap, so the reader stops).
``engine.js`` decodes a term's string only when a query asks for it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from .index import SearchIndex

#: how many shards: about this many bytes of terms and their pages in each
SHARD_BYTES = 24_000
MAX_SHARDS = 4096
HANGUL_FIRST, HANGUL_LAST = "\uac00", "\ud7a3"
#: six bits a character; none of them needs escaping in a JSON string or a script
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#: a page's length as one character: ``round(LENGTH_STEPS * log2(1 + words))``, at most 63
LENGTH_STEPS = 4
_SIXES = {format(value, "06b"): character for value, character in enumerate(ALPHABET)}
_BITS = {character: bits for bits, character in _SIXES.items()}
#: the two kinds of terms, as the shards name them: whole words, parts of words
WORDS, PARTS = "w", "p"


def bucket_key(term: str) -> str:
    """What decides a term's shard: its first syllable, or its first two letters."""
    if term and HANGUL_FIRST <= term[0] <= HANGUL_LAST:
        return term[0]
    return term[:2]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (the browser computes the same)."""
    value = 0x811C9DC5
    for character in text:
        value ^= ord(character)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(term: str, count: int) -> int:
    return fnv1a(bucket_key(term)) % count


def shard_count(total_bytes: int) -> int:
    """A power of two giving shards of about :data:`SHARD_BYTES`, at least 1."""
    count = 1
    while count < MAX_SHARDS and total_bytes / count > SHARD_BYTES:
        count *= 2
    return count


def _dumps(value: Any) -> str:
    # ASCII escapes: the files are valid JavaScript whatever a title holds, and
    # "</script>" cannot appear
    return json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")).replace("/", "\\/")


def _gaps(pages: list[int]) -> list[int]:
    gaps, previous = [], -1
    for page in pages:
        gaps.append(page - previous - 1)
        previous = page
    return gaps


def rice_parameter(values: list[int]) -> int:
    """The ``k`` that writes ``values`` in the fewest bits (at most 30, a JavaScript shift)."""
    best, best_bits = 0, None
    for k in range(31):
        bits = len(values) * (k + 1) + sum(value >> k for value in values)
        if best_bits is not None and bits >= best_bits:
            break  # the count falls, then rises: past the least
        best, best_bits = k, bits
    return best


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def front_code(names: list[str]) -> list[str]:
    """Each name as the length of what it shares with the one before, then the rest.

    The length is one character of :data:`ALPHABET` (so at most 63) and counts
    UTF-16 units, as JavaScript's ``slice`` does; the shared part ends
    between two characters, never inside one.
    """
    coded, previous = [], ""
    for name in names:
        shared, limit = 0, min(len(name), len(previous), len(ALPHABET) - 1)
        while shared < limit and name[shared] == previous[shared]:
            shared += 1
        while _utf16_length(name[:shared]) >= len(ALPHABET):
            shared -= 1  # an astral character counts two
        coded.append(ALPHABET[_utf16_length(name[:shared])] + name[shared:])
        previous = name
    return coded


def rice_bits(value: int, k: int) -> str:
    """``value`` Rice-coded with parameter ``k``: ``value >> k`` one-bits, a zero-bit, the ``k`` low bits."""
    return "1" * (value >> k) + "0" + (format(value & ((1 << k) - 1), f"0{k}b") if k else "")


def sixes(bits: str) -> str:
    """``bits`` six to a character of :data:`ALPHABET`, the last padded with one-bits."""
    bits += "1" * (-len(bits) % 6)
    return "".join(_SIXES[bits[i : i + 6]] for i in range(0, len(bits), 6))


def encode_postings(postings: list[tuple[int, int]]) -> str:
    """A term's (page, weight code) pairs, pages increasing, as a string; see the module docstring."""
    gaps = _gaps([page for page, _ in postings])
    codes = [code for _, code in postings]
    gap_k, code_k = rice_parameter(gaps), rice_parameter(codes)
    bits = "".join(rice_bits(gap, gap_k) + rice_bits(code, code_k) for gap, code in zip(gaps, codes))
    return ALPHABET[gap_k] + ALPHABET[code_k] + sixes(bits)


def encode_lengths(lengths: list[int]) -> str:
    """Each page's length in words as one character (about 19% steps: enough to weigh a mention)."""
    return "".join(ALPHABET[min(63, round(LENGTH_STEPS * math.log2(1 + length)))] for length in lengths)


def decode_postings(code: str) -> list[tuple[int, int]]:
    """The (page, weight code) pairs :func:`encode_postings` wrote as ``code``."""
    gap_k, code_k = ALPHABET.index(code[0]), ALPHABET.index(code[1])
    bits = "".join(_BITS[character] for character in code[2:])
    postings, page, at = [], -1, 0
    while True:
        stop = bits.find("0", at)
        if stop < 0:
            return postings  # the padding: one-bits with no zero-bit after them
        gap = ((stop - at) << gap_k) + (int(bits[stop + 1 : stop + 1 + gap_k], 2) if gap_k else 0)
        at = stop + 1 + gap_k
        stop = bits.index("0", at)
        weight = ((stop - at) << code_k) + (int(bits[stop + 1 : stop + 1 + code_k], 2) if code_k else 0)
        at = stop + 1 + code_k
        page += gap + 1
        postings.append((page, weight))


def entry_size(term: str, code: str) -> int:
    """What one term and its pages add to the size :func:`shard_count` divides."""
    return len(term) + len(code) + 6


def encode_terms(index: SearchIndex) -> dict[str, dict[str, str]]:
    """Each ``words`` (``w``) and ``parts`` (``p``) term of ``index`` with its pages as a string."""
    maps = {WORDS: index.words, PARTS: index.parts}
    return {
        key: {term: encode_postings(postings) for term, postings in mapping.items()} for key, mapping in maps.items()
    }


def total_size(encoded: dict[str, dict[str, str]]) -> int:
    return sum(entry_size(term, code) for mapping in encoded.values() for term, code in mapping.items())


def shard_scripts(
    encoded: dict[str, dict[str, str]], count: int, numbers: Iterable[int] | None = None
) -> dict[int, str]:
    """The script of each shard of ``numbers`` (all ``count`` of them by default) of the terms ``encoded``.

    Every shard is written, empty ones too: a query whose terms are in no
    page must find its file (no 404 in the reader's console).
    """
    wanted = set(range(count) if numbers is None else numbers)
    shards: dict[int, dict[str, dict[str, str]]] = {n: {key: {} for key in encoded} for n in sorted(wanted)}
    for key, mapping in encoded.items():
        for term, code in mapping.items():
            number = shard_of(term, count)
            if number in wanted:
                shards[number][key][term] = code
    return {n: f"DaybookSearch.shard({n},{_dumps(shard)});\n" for n, shard in shards.items()}


def base_script(
    docnames: list[str], titles: list[str], lengths: list[int], pairs: list[tuple[str, str]], count: int,
    query: dict[str, Any] | None = None,
) -> str:
    """The base's script: the pages, ``count`` shards and ``query`` (what the browser needs to read a query)."""
    base: dict[str, Any] = {
        "docnames": docnames,
        "titles": front_code(titles),
        "lengths": encode_lengths(lengths),
        "pairs": [list(pair) for pair in pairs],
        "shards": count,
        **(query or {}),
    }
    return f"DaybookSearch.base({_dumps(base)});\n"


def split(index: SearchIndex, query: dict[str, Any] | None = None) -> tuple[str, dict[int, str]]:
    """The base script and each shard's script of ``index``.

    ``query`` is what the browser needs to read a query (endings, stop words,
    names), written into the base as it is.
    """
    encoded = encode_terms(index)
    count = shard_count(total_size(encoded))
    base = base_script(index.docnames, index.titles, index.lengths, index.pairs, count, query)
    return base, shard_scripts(encoded, count)
