"""The search index's shards: how a term's pages are written, and read back.

``search/shards.py`` writes each term's pages with their weight codes
compactly (see its docstring); ``engine.js`` reads them back. The Python
reader here mirrors the browser's, for quick round trips on many lists; the
browser cases run the real ``engine.js`` in Chromium on lists written here,
on shards served and opened from disk, and on the test-search book.
"""

from __future__ import annotations

import gzip
import json
import math
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daybook.search import SEARCH_PAGE_SCRIPT, shards
from daybook.search.index import PageTerms, build_index
from daybook.search.kept import KeptIndex
from daybook.search.lazy import engine_script
from daybook.search.shards import (
    ALPHABET,
    encode_lengths,
    encode_postings,
    front_code,
    rice_parameter,
    shard_of,
    split,
)

# --- a reader in Python, as engine.js reads ----------------------------------------


def decode_postings(code: str) -> list[tuple[int, int]]:
    """The (page, weight code) pairs of ``code``: what ``decodePostings`` in engine.js does."""
    gap_k, code_k = ALPHABET.index(code[0]), ALPHABET.index(code[1])
    bits = "".join(format(ALPHABET.index(c), "06b") for c in code[2:])
    values, at = [], 0
    while True:
        k = gap_k if len(values) % 2 == 0 else code_k
        quotient = 0
        while at < len(bits) and bits[at] == "1":
            quotient += 1
            at += 1
        if at == len(bits):
            break  # the padding: one-bits, no zero-bit after them
        at += 1
        assert at + k <= len(bits)
        low = int(bits[at : at + k], 2) if k else 0
        at += k
        values.append((quotient << k) + low)
    pairs, page = [], -1
    for gap, weight in zip(values[::2], values[1::2]):
        page += gap + 1
        pairs.append((page, weight))
    assert len(values) % 2 == 0
    return pairs


def read_shard(script: str) -> tuple[int, dict[str, dict[str, str]]]:
    match = re.fullmatch(r"DaybookSearch\.shard\((\d+),(.*)\);\n", script, re.S)
    assert match is not None
    return int(match.group(1)), json.loads(match.group(2))


def read_base(script: str) -> dict[str, Any]:
    match = re.fullmatch(r"DaybookSearch\.base\((.*)\);\n", script, re.S)
    assert match is not None
    return json.loads(match.group(1))


def unfront(coded: list[str]) -> list[str]:
    """What ``unfront`` in search-page.js does: JavaScript strings are UTF-16 units."""
    names, previous = [], b""
    for item in coded:
        shared = ALPHABET.index(item[0])
        previous = previous[: 2 * shared] + item[1:].encode("utf-16-le", "surrogatepass")
        names.append(previous.decode("utf-16-le", "surrogatepass"))
    return names


# --- the encoding ----------------------------------------------------------------------

postings_lists = st.lists(
    st.tuples(st.integers(min_value=0, max_value=3000), st.integers(min_value=0, max_value=23)),
    max_size=300,
    unique_by=lambda pair: pair[0],
).map(sorted)


@given(postings_lists)
def test_postings_read_back_as_written(postings):
    code = encode_postings(postings)
    assert decode_postings(code) == postings
    assert set(code) <= set(ALPHABET)


@given(postings_lists)
def test_python_reads_postings_back_as_the_browser_does(postings):
    """The kept index reads a term's pages back (:func:`shards.decode_postings`) to change one page's weight."""
    assert shards.decode_postings(encode_postings(postings)) == decode_postings(encode_postings(postings)) == postings


@given(st.lists(st.integers(min_value=0, max_value=2**20), min_size=1, max_size=40, unique=True))
def test_far_pages_read_back(pages):
    postings = [(page, page % 24) for page in sorted(pages)]
    assert decode_postings(encode_postings(postings)) == postings


@pytest.mark.parametrize(
    "postings",
    [[], [(0, 0)], [(9, 23)], [(n, 0) for n in range(10)], [(n, 16) for n in range(1, 64)], [(0, 1), (2_000_000, 2)]],
)
def test_edge_cases_read_back(postings):
    assert decode_postings(encode_postings(postings)) == postings


def test_rice_parameter_is_the_one_of_fewest_bits():
    rng = random.Random(3)
    for mean in (0, 1, 3, 40, 900):
        gaps = [int(rng.expovariate(1 / (mean + 0.01))) for _ in range(500)]
        cost = [len(gaps) * (k + 1) + sum(g >> k for g in gaps) for k in range(31)]
        assert cost[rice_parameter(gaps)] == min(cost)
    assert rice_parameter([]) == 0


def test_a_term_on_every_page_weighs_a_few_bits_a_page():
    """Gaps of 0 (one bit) and codes of 0 or 1 (one or two bits): two and a half bits a page."""
    postings = [(page, page % 2) for page in range(10_000)]
    assert len(encode_postings(postings)) * 6 < 2.51 * 10_000 + 12


def test_lengths_are_one_character_a_page_in_steps_of_a_fifth():
    assert encode_lengths([]) == ""
    coded = encode_lengths([0, 1, 10, 100, 1000, 10**9])
    assert len(coded) == 6 and coded[0] == "A"
    steps = [ALPHABET.index(c) for c in coded]
    assert steps == sorted(steps) and steps[-1] == 63
    # what the browser reads back is within a fifth of the length
    for length in (10, 100, 1000):
        read = 2 ** (ALPHABET.index(encode_lengths([length])) / 4) - 1
        assert abs(read - length) / length < 0.1 + 1 / length


names = st.lists(
    st.text(st.sampled_from(["a", "b", "/", "가", "각", "📝", "📚", "\u0301", "é"]), max_size=150), max_size=30
).map(sorted)


@given(names)
def test_front_coded_names_read_back(listed):
    coded = front_code(listed)
    assert unfront(coded) == listed
    assert all(item[0] in ALPHABET for item in coded)


def test_front_coding_shares_at_most_63_units_and_never_half_a_character():
    long = "x" * 62
    coded = front_code([long + "📝a", long + "📝b", "y" * 100, "y" * 100 + "z"])
    assert coded[1] == ALPHABET[62] + "📝b"  # 64 units would be shared: the emoji goes whole
    assert coded[3] == ALPHABET[63] + "y" * 37 + "z"
    assert unfront(coded) == [long + "📝a", long + "📝b", "y" * 100, "y" * 100 + "z"]


# --- the split ---------------------------------------------------------------------------


def sample_index(pages: int = 300, seed: int = 7):
    """daybook's index of a made-up diary: terms on every page, most, some, one."""
    rng = random.Random(seed)
    syllables = "가나다라마바사아자차카타파하팀원특강캐글회고"
    built = []
    for n in range(pages):
        page = PageTerms(length=rng.randrange(2000))
        for _ in range(rng.randrange(1, 40)):
            term = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
            page.add(term, rng.choice([0, 0, 0, 1, 2]))
        page.add("upstag", 0)
        page.add(f"#{n}", 2)
        if n % 3 == 0:
            page.add("+추천시스템", 0)
        built.append((f"diary/day{n}", f"📝 DAY {n}. 캐글 </script> \"이야기\" \\", page))
    return build_index(built)


def read_split(index) -> tuple[dict[str, Any], dict[str, dict[str, str]], dict[int, str]]:
    """The base, the terms of every shard read back, and the scripts."""
    base_script, scripts = split(index, {"endings": ["을"]})
    terms: dict[str, dict[str, str]] = {"w": {}, "p": {}}
    for number, script in scripts.items():
        read_number, shard = read_shard(script)
        assert read_number == number
        for key in terms:
            for term, code in shard[key].items():
                assert shard_of(term, len(scripts)) == number
                terms[key][term] = code
    return read_base(base_script), terms, scripts


def test_split_reads_back_as_the_index_holds_it():
    index = sample_index()
    base, terms, scripts = read_split(index)
    assert {term: decode_postings(code) for term, code in terms["w"].items()} == index.words
    assert {term: decode_postings(code) for term, code in terms["p"].items()} == index.parts
    assert "추천시스템" in index.parts and "추천시스템" not in index.words
    assert base["docnames"] == index.docnames
    assert unfront(base["titles"]) == index.titles
    assert len(base["lengths"]) == len(index.docnames)
    assert base["endings"] == ["을"]
    assert base["shards"] == len(scripts)
    assert sorted(scripts) == list(range(len(scripts)))  # every shard, empty ones too


def test_the_kept_index_notices_anything_the_files_are_made_of():
    """The kept index names a file as changed whenever a clean split would write it differently."""
    page = PageTerms(length=3, terms={"모델": 2, "#7": 1 << 25}, pairs=(("모델", "model"),))
    pages = [("day7", "DAY 7. 모델", page)]
    query = {"endings": ["을"]}
    reordered = PageTerms(length=3, terms={"#7": 1 << 25, "모델": 2}, pairs=(("모델", "model"),))
    kept = KeptIndex.build(pages, query)
    assert kept.update([("day7", "DAY 7. 모델", reordered)], query) == set()
    variants = [
        ([("day8", "DAY 7. 모델", page)], query),
        ([("day7", "DAY 7. 모형", page)], query),
        ([("day7", "DAY 7. 모델", PageTerms(4, page.terms, page.pairs))], query),
        ([("day7", "DAY 7. 모델", PageTerms(3, {**page.terms, "모델": 3}, page.pairs))], query),
        ([("day7", "DAY 7. 모델", PageTerms(3, page.terms, ()))], query),
        (pages + [("day8", "", PageTerms())], query),
        (pages, {"endings": ["를"]}),
    ]
    for changed_pages, changed_query in variants:
        kept = KeptIndex.build(pages, query)
        base, scripts = split(build_index(changed_pages), changed_query)
        clean = {"base.js": base, **{f"t/{number}.js": script for number, script in scripts.items()}}
        before = kept.scripts(kept.file_names())
        names = kept.update(changed_pages, changed_query)
        if names is None:  # other pages: built again
            kept = KeptIndex.build(changed_pages, changed_query)
            names = set(kept.file_names())
        assert {name for name in clean if clean[name] != before.get(name)} <= names
        assert kept.scripts(kept.file_names()) == clean


def test_page_names_stay_as_they_are_in_the_base():
    """Tools read the page names of base.js (tests/guarantees/test_trust.py does)."""
    index = sample_index(pages=20)
    assert read_base(split(index)[0])["docnames"] == index.docnames


def test_scripts_are_ascii_and_cannot_close_a_script_tag():
    base, scripts = split(sample_index())
    for script in [base, *scripts.values()]:
        assert script.isascii()
        assert "</" not in script


def test_shards_of_a_large_index_stay_small():
    """About 24 kB of terms a shard before gzip, so a query fetches little."""
    _, scripts = split(sample_index(pages=3000, seed=2))
    sizes = sorted(len(gzip.compress(script.encode("ascii"))) for script in scripts.values())
    assert len(scripts) > 1
    assert sizes[len(sizes) // 2] < 16_000


# --- in the browser ------------------------------------------------------------------------

#: Sphinx's searchtools, reduced to what search-page.js calls
HARNESS = """<!doctype html>
<html data-content_root="./"><head><meta charset="utf-8"><title>shards</title><link rel="icon" href="data:,">
<script>
var SearchResultKind = { text: "text" };
var Search = {
  _index: null,
  setIndex: (index) => { Search._index = index; },
  query: (text) => {},
  performSearch: (text) => {},
};
</script>
<script src="search-page.js"></script>
</head><body></body></html>
"""


def write_harness(folder: Path, index) -> Path:
    base, scripts = split(index, {"endings": [], "stopwords": [], "synonyms": []})
    search = folder / "_static" / "daybook-search"
    (search / "t").mkdir(parents=True)
    (search / "base.js").write_text(base, encoding="utf-8")
    (search / "engine.js").write_text(engine_script(), encoding="utf-8")
    for number, script in scripts.items():
        (search / "t" / f"{number}.js").write_text(script, encoding="utf-8")
    (folder / "search-page.js").write_text(SEARCH_PAGE_SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "index.html").write_text(HARNESS, encoding="utf-8")
    return folder / "index.html"


def fetched_shards(page) -> int:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/t/')).length"
    )


@pytest.fixture
def harness(tmp_path: Path):
    index = sample_index()
    return write_harness(tmp_path, index), index


def test_browser_reads_postings_as_python_writes_them(page, serve, harness):
    path, _ = harness
    page.goto(serve(path.parent))
    page.evaluate("() => DaybookSearch.rank('')")
    rng = random.Random(11)
    lists = [sorted(rng.sample(range(5000), rng.randint(0, 200))) for _ in range(200)]
    cases = [[(p, rng.randrange(24)) for p in pages] for pages in lists] + [[], [(0, 0)], [(4999, 23)]]
    codes = [encode_postings(postings) for postings in cases]
    got = page.evaluate(
        "(codes) => codes.map((c) => { const d = DaybookEngine.decodePostings(c);"
        " return d.pages.map((p, n) => [p, d.codes[n]]); })",
        codes,
    )
    assert [[tuple(pair) for pair in found] for found in got] == cases
    assert page.console_errors == []


def test_browser_finds_a_term_and_fetches_only_its_shard(page, serve, harness):
    path, index = harness
    page.goto(serve(path.parent))
    ranked = page.evaluate("() => DaybookSearch.rank('upstag')")
    assert sorted(ranked) == sorted(index.docnames)
    assert fetched_shards(page) == 1
    assert page.console_errors == []


def test_browser_reads_the_shards_from_disk_too(page, harness):
    path, index = harness
    page.goto(path.as_uri())
    ranked = page.evaluate("() => DaybookSearch.rank('DAY 7')")
    assert ranked[0] == "diary/day7"
    assert page.console_errors == []


def test_book_search_reads_the_shards_as_python_wrote_them(page, serve, search_build):
    """On the test-search book: every term of every shard, decoded by engine.js, as written."""
    outdir = Path(search_build.outdir)
    folder = outdir / "_static" / "daybook-search"
    written = {}
    for path in sorted((folder / "t").glob("*.js")):
        _, shard = read_shard(path.read_text(encoding="utf-8"))
        for key in ("w", "p"):
            written.update({f"{key}:{term}": code for term, code in shard[key].items()})
    assert "w:특강" in written and "w:upstag" in written and "p:대회" in written
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(serve(outdir) + "search/")
    page.wait_for_function("() => typeof DaybookSearch !== 'undefined'")
    page.evaluate("() => DaybookSearch.rank('특강')")
    got = page.evaluate(
        "(codes) => Object.fromEntries(Object.entries(codes).map(([t, c]) => {"
        " const d = DaybookEngine.decodePostings(c); return [t, d.pages.map((p, n) => [p, d.codes[n]])]; }))",
        written,
    )
    assert {term: [tuple(pair) for pair in pairs] for term, pairs in got.items()} == {
        term: decode_postings(code) for term, code in written.items()
    }
    assert page.console_errors == []


def test_lengths_read_back_in_the_browser_within_a_tenth(page, serve, harness):
    path, index = harness
    page.goto(serve(path.parent))
    lengths = page.evaluate(
        "(coded) => Array.from(coded, (c) => 2 ** ('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'"
        ".indexOf(c) / 4) - 1)",
        encode_lengths(index.lengths),
    )
    for read, length in zip(lengths, index.lengths):
        assert math.isclose(read, length, rel_tol=0.1, abs_tol=1)
