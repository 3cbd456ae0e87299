"""The search index as the last build encoded it, updated by the pages that changed. Pure.

A clean build encodes every term's pages (:func:`.shards.encode_terms`)
and cuts them into the base and the shards (:func:`.shards.split`). At
1,000 posts that is most of the work of writing the search files, and a
body edit changes a few dozen terms of one page. :class:`KeptIndex` keeps
what the files are made of (the pages as indexed, the query's reading, each
term's encoded pages) so that the next build re-encodes only the terms
whose pages changed (each read back with :func:`.shards.decode_postings`,
the changed pages' weight codes put in or taken out) and names the files
they are in. What it gives for a file is, byte for byte, what
:func:`.shards.split` gives for the same pages: the update is only a
shortcut, and a test checks it against a clean split on random changes.

A page added, removed or renamed moves the page numbers after it, so every
term would change: :meth:`KeptIndex.update` refuses, and the index is
built again from the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .index import PageTerms, build_index, page_codes
from .shards import (
    PARTS,
    WORDS,
    base_script,
    decode_postings,
    encode_postings,
    encode_terms,
    entry_size,
    shard_count,
    shard_of,
    shard_scripts,
    total_size,
)

Page = tuple[str, str, PageTerms]
BASE = "base.js"


def shard_name(number: int) -> str:
    """The file of shard ``number``, under the search folder."""
    return f"t/{number}.js"


@dataclass
class KeptIndex:
    """What the base and the shards are made of: the pages (docname, title, terms), the query, every term encoded."""

    pages: list[Page]
    query: dict[str, Any]
    #: ``w`` and ``p`` -> term -> its pages as :func:`.shards.encode_postings` writes them
    encoded: dict[str, dict[str, str]]
    #: what :func:`.shards.shard_count` divides: :func:`.shards.total_size` of ``encoded``
    size: int

    @classmethod
    def build(cls, pages: list[Page], query: dict[str, Any]) -> KeptIndex:
        """The index of ``pages`` from nothing, as a clean build makes it."""
        encoded = encode_terms(build_index(pages))
        return cls(list(pages), query, encoded, total_size(encoded))

    @property
    def count(self) -> int:
        return shard_count(self.size)

    def file_names(self) -> list[str]:
        """Every file of the index: the base and each shard (empty ones too)."""
        return [BASE, *(shard_name(number) for number in range(self.count))]

    def scripts(self, names: set[str] | list[str]) -> dict[str, str]:
        """The script of each of ``names`` (of :meth:`file_names`)."""
        wanted = set(names)
        count = self.count
        numbers = [number for number in range(count) if shard_name(number) in wanted]
        found = {shard_name(number): script for number, script in shard_scripts(self.encoded, count, numbers).items()}
        if BASE in wanted:
            pairs = sorted({pair for _, _, page in self.pages for pair in page.pairs})
            found[BASE] = base_script(
                [docname for docname, _, _ in self.pages], [title for _, title, _ in self.pages],
                [page.length for _, _, page in self.pages], pairs, count, self.query,
            )
        return found

    def update(self, pages: list[Page], query: dict[str, Any]) -> set[str] | None:
        """Become the index of ``pages``; the names of the files that may have changed.

        ``None`` (and the index left as it was) when the pages are not the
        same pages in the same order: build it again with :meth:`build`.
        """
        if len(pages) != len(self.pages) or any(new[0] != old[0] for new, old in zip(pages, self.pages)):
            return None
        changed: set[str] = set()
        if query != self.query:
            changed.add(BASE)
        #: ``w``/``p`` -> term -> page number -> its new weight code (None: the page no longer holds it)
        edits: dict[str, dict[str, dict[int, int | None]]] = {WORDS: {}, PARTS: {}}
        for number, (new, old) in enumerate(zip(pages, self.pages)):
            if new == old:
                continue
            (_, new_title, new_page), (_, old_title, old_page) = new, old
            if new_title != old_title or new_page.length != old_page.length or new_page.pairs != old_page.pairs:
                changed.add(BASE)
            if new_page.terms == old_page.terms:
                continue
            for key, before, after in zip((WORDS, PARTS), page_codes(old_page), page_codes(new_page)):
                for term in before.keys() | after.keys():
                    if before.get(term) != after.get(term):
                        edits[key].setdefault(term, {})[number] = after.get(term)
        count = self.count
        for key, terms in edits.items():
            encoded = self.encoded[key]
            for term, by_page in terms.items():
                code = encoded.pop(term, None)
                postings = dict(decode_postings(code)) if code is not None else {}
                if code is not None:
                    self.size -= entry_size(term, code)
                for number, weight in by_page.items():
                    if weight is None:
                        postings.pop(number, None)
                    else:
                        postings[number] = weight
                if postings:
                    code = encoded[term] = encode_postings(sorted(postings.items()))
                    self.size += entry_size(term, code)
        self.pages, self.query = list(pages), query
        if self.count != count:
            return set(self.file_names())
        changed.update(shard_name(shard_of(term, count)) for terms in edits.values() for term in terms)
        return changed
