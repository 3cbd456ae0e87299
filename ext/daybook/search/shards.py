"""The search index cut into files a reader's browser fetches only when it searches. Pure.

Sphinx writes one ``searchindex.js`` that every page of the book theme
loads on first visit: 1.8 MB at 1,000 posts, growing with the book. daybook
cuts it in two:

* the *base* (``_static/daybook-search/base.js``): page names and titles,
  what a result shows; fetched when the reader starts a search;
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
"""

from __future__ import annotations

import json
from typing import Any

#: aim for shards of about this many bytes of JSON (before gzip)
SHARD_BYTES = 24_000
MAX_SHARDS = 4096
HANGUL_FIRST, HANGUL_LAST = "\uac00", "\ud7a3"
#: what the base keeps of Sphinx's index; the rest but the terms is left out
BASE_KEYS = ("docnames", "titles", "envversion", "objects", "objnames", "objtypes")


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
    shards: dict[int, dict[str, dict[str, Any]]] = {n: {"terms": {}, "titleterms": {}} for n in range(count)}
    for key, mapping in (("terms", terms), ("titleterms", titleterms)):
        for term, pages in mapping.items():
            shard = shards.setdefault(shard_of(term, count), {"terms": {}, "titleterms": {}})
            shard[key][term] = pages
    base = {key: index[key] for key in BASE_KEYS if key in index}
    base["shards"] = count
    scripts = {n: f"DaybookSearch.shard({n},{_dumps(shard)});\n" for n, shard in sorted(shards.items())}
    return f"DaybookSearch.base({_dumps(base)});\n", scripts
