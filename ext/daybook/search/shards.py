"""The search index cut into files a reader's browser fetches only when it searches. Pure.

Sphinx writes one ``searchindex.js`` that every page of the book theme
loads on first visit: 1.8 MB at 1,000 posts, growing with the book. daybook
cuts it in two:

* the *base* (``_static/daybook-search/base.js``): page names and titles,
  what a result shows, each title written as the length of what it shares
  with the one before and the rest (:func:`front_code`); fetched when the
  reader starts a search;
* the *term shards* (``_static/daybook-search/t/<n>.js``): the terms and
  title terms, grouped by :func:`bucket_key` (a Hangul term's first
  syllable, another term's first two letters) and hashed into ``count``
  files; a query fetches only the shards of its own terms.

A one-syllable query (팀) needs every term that starts with it: they share
its first syllable, so one shard. A Latin word's partial match looks only
among the terms of its shard (same first two letters).

Section titles (``alltitles``) and index entries are left out of the base:
they grow with every heading of the book, and the headings' words are
title terms already, so a heading still finds its chapter.

Each file is a script (``DaybookSearch.base(...)`` / ``DaybookSearch.shard(n, ...)``)
rather than JSON, so the book also searches when opened from disk
(``file://``), where the browser refuses ``fetch``.

A term's pages are not written as Sphinx writes them, a JSON array of page
numbers: in a diary the syllables of everyday words are on most pages, and
at 10,000 posts such a shard weighed 420 kB (150 kB gzipped). A shard holds
each list of pages as a string (:func:`encode_pages`):

* the gaps between successive page numbers (``g``: how many numbers are
  skipped, so 0 for the next page; the first counts from -1), Rice-coded:
  ``g >> k`` one-bits, a zero-bit, then the ``k`` low bits of ``g``; ``k``
  (the first character) is the one giving the fewest bits for that list;
* a list holding more than half of the pages is written as the pages it
  lacks, after a ``!``;
* the bits six to a character of :data:`ALPHABET` (URL-safe Base64), the
  last character padded with one-bits (an unfinished gap, so the reader stops).

That is within a few per cent of the information the lists hold, and gzip
has nothing left to squeeze. ``search-page.js`` decodes the strings back into
Sphinx's arrays before Sphinx's search sees them; a single page stays a
number, as Sphinx writes it, and a list that is no increasing run of page
numbers (none is, in Sphinx's index) is kept as it is.
"""

from __future__ import annotations

import json
from typing import Any

#: how many shards: about this many bytes of Sphinx's JSON for the terms of
#: each (the file itself is smaller, see :func:`encode_pages`); counted on
#: Sphinx's form, so the encoding never moves a term to another file
SHARD_BYTES = 24_000
MAX_SHARDS = 4096
HANGUL_FIRST, HANGUL_LAST = "\uac00", "\ud7a3"
#: what the base keeps of Sphinx's index; the rest but the terms is left out
BASE_KEYS = ("docnames", "titles", "envversion", "objects", "objnames", "objtypes")
#: six bits a character; none of them needs escaping in a JSON string or a script
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#: starts a list written as the pages it lacks
COMPLEMENT = "!"
#: the base's lists written front-coded, when every item is a string. Not the
#: page names: tools (and tests/test_trust.py) read them from base.js as they are
FRONT_CODED = ("titles",)
_SIXES = {format(value, "06b"): character for value, character in enumerate(ALPHABET)}


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


def is_page_list(pages: Any, count: int) -> bool:
    """Whether ``pages`` is a list of page numbers below ``count``, each greater than the one before."""
    if not isinstance(pages, list):
        return False
    previous = -1
    for page in pages:
        if type(page) is not int or not previous < page < count:
            return False
        previous = page
    return True


def _gaps(pages: list[int]) -> list[int]:
    gaps, previous = [], -1
    for page in pages:
        gaps.append(page - previous - 1)
        previous = page
    return gaps


def _complement(pages: list[int], count: int) -> list[int]:
    present = set(pages)
    return [page for page in range(count) if page not in present]


def rice_parameter(gaps: list[int]) -> int:
    """The ``k`` that writes ``gaps`` in the fewest bits (at most 30, a JavaScript shift)."""
    best, best_bits = 0, None
    for k in range(31):
        bits = len(gaps) * (k + 1) + sum(gap >> k for gap in gaps)
        if best_bits is not None and bits >= best_bits:
            break  # the count falls, then rises: past the least
        best, best_bits = k, bits
    return best


def encode_pages(pages: list[int], count: int) -> str:
    """``pages`` (an increasing list of page numbers below ``count``) as a string; see the module docstring."""
    prefix = ""
    if len(pages) > count - len(pages):
        prefix, pages = COMPLEMENT, _complement(pages, count)
    gaps = _gaps(pages)
    k = rice_parameter(gaps)
    low = (1 << k) - 1
    bits = "".join("1" * (gap >> k) + "0" + (format(gap & low, f"0{k}b") if k else "") for gap in gaps)
    bits += "1" * (-len(bits) % 6)
    return prefix + ALPHABET[k] + "".join(_SIXES[bits[i : i + 6]] for i in range(0, len(bits), 6))


def encode_postings(pages: Any, count: int) -> Any:
    """A term's value in Sphinx's index as a shard holds it: a list of pages as a string."""
    return encode_pages(pages, count) if is_page_list(pages, count) else pages


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


def split(index: dict[str, Any]) -> tuple[str, dict[int, str]]:
    """The base script and each shard's script, from Sphinx's index."""
    terms: dict[str, Any] = index.get("terms") or {}
    titleterms: dict[str, Any] = index.get("titleterms") or {}
    size = sum(len(t) + len(json.dumps(p)) for t, p in terms.items()) + sum(
        len(t) + len(json.dumps(p)) for t, p in titleterms.items()
    )
    count = shard_count(size)
    # every shard is written, empty ones too: a query whose terms are in no
    # page must find its file (no 404 in the reader's console)
    pages_count = len(index.get("docnames") or [])
    shards: dict[int, dict[str, Any]] = {
        n: {"pages": pages_count, "terms": {}, "titleterms": {}} for n in range(count)
    }
    for key, mapping in (("terms", terms), ("titleterms", titleterms)):
        for term, pages in mapping.items():
            shards[shard_of(term, count)][key][term] = encode_postings(pages, pages_count)
    base = {key: index[key] for key in BASE_KEYS if key in index}
    base["front"] = [key for key in FRONT_CODED if key in base and all(isinstance(n, str) for n in base[key])]
    for key in base["front"]:
        base[key] = front_code(base[key])
    base["shards"] = count
    scripts = {n: f"DaybookSearch.shard({n},{_dumps(shard)});\n" for n, shard in sorted(shards.items())}
    return f"DaybookSearch.base({_dumps(base)});\n", scripts
