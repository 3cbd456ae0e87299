"""The search index's shards: how a term's pages are written, and read back.

``search/shards.py`` writes each list of pages compactly (see its docstring);
``search-page.js`` reads it back into Sphinx's own form. The Python reader
here mirrors the browser's, for quick round trips on many lists; the
browser cases run the real ``search-page.js`` in Chromium on shards written
to disk (served, and opened from disk) and on the test-search book, and
compare with Sphinx's index exactly.
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

from daybook.search import SEARCH_PAGE_SCRIPT
from daybook.search.shards import (
    ALPHABET,
    COMPLEMENT,
    encode_pages,
    encode_postings,
    front_code,
    rice_parameter,
    shard_of,
    split,
)

# --- a reader in Python, as search-page.js reads ---------------------------------


def decode_pages(code: str, count: int) -> list[int]:
    """The pages of ``code``: what ``decodePages`` in search-page.js does, step by step."""
    complement = code.startswith(COMPLEMENT)
    position = 1 if complement else 0
    k = ALPHABET.index(code[position])
    bits = "".join(format(ALPHABET.index(c), "06b") for c in code[position + 1 :])
    pages, page, at = [], -1, 0
    while True:
        quotient = 0
        while at < len(bits) and bits[at] == "1":
            quotient += 1
            at += 1
        if at == len(bits):
            break  # the padding
        at += 1
        low = int(bits[at : at + k], 2) if k else 0
        at += k
        page += (quotient << k) + low + 1
        pages.append(page)
    if complement:
        absent = set(pages)
        return [n for n in range(count) if n not in absent]
    return pages


def decode_shard(script: str) -> tuple[int, dict[str, Any]]:
    match = re.fullmatch(r"DaybookSearch\.shard\((\d+),(.*)\);\n", script, re.S)
    assert match is not None
    data = json.loads(match.group(2))

    def terms(mapping: dict[str, Any]) -> dict[str, Any]:
        return {t: decode_pages(v, data["pages"]) if isinstance(v, str) else v for t, v in mapping.items()}

    return int(match.group(1)), {"terms": terms(data["terms"]), "titleterms": terms(data["titleterms"])}


def unfront(coded: list[str]) -> list[str]:
    """What ``unfront`` in search-page.js does: JavaScript strings are UTF-16 units."""
    names, previous = [], b""
    for item in coded:
        shared = ALPHABET.index(item[0])
        previous = previous[: 2 * shared] + item[1:].encode("utf-16-le", "surrogatepass")
        names.append(previous.decode("utf-16-le", "surrogatepass"))
    return names


def decode_base(script: str) -> dict[str, Any]:
    match = re.fullmatch(r"DaybookSearch\.base\((.*)\);\n", script, re.S)
    assert match is not None
    base = json.loads(match.group(1))
    for key in base["front"]:
        base[key] = unfront(base[key])
    return base


# --- an index like Sphinx's --------------------------------------------------------


def sample_index(pages: int = 300, seed: int = 7) -> dict[str, Any]:
    """Sphinx's index of a made-up diary: terms on every page, most, some, one, none."""
    rng = random.Random(seed)
    folders = ["boostcamp", "reading", "c#sharp", "a-folder-whose-name-is-longer-than-sixty-three-characters-of-a-url"]
    docnames = sorted(f"{rng.choice(folders)}/day{n}-2021{n % 12 + 1:02}" for n in range(pages))
    syllables = "가나다라마바사아자차카타파하팀원특강캐글회고"
    terms: dict[str, Any] = {}
    for n in range(120):
        term = rng.choice(syllables) + rng.choice(syllables) if n % 7 else rng.choice(syllables)
        density = rng.choice([1.0, 0.999, 0.97, 0.8, 0.5, 0.3, 0.05, 0.01, 0.0])
        found = [page for page in range(pages) if rng.random() < density] or [rng.randrange(pages)]
        terms[term] = found[0] if len(found) == 1 else found
    terms.update({"upstag": list(range(pages)), "gpu": 5, "ml": [0, pages - 1], "torch": [3]})
    titleterms = {"day": list(range(pages)), "글": [p for p in range(pages) if p % 50], "캐글": 2, "입문": [2, 9]}
    return {
        "docnames": docnames,
        "filenames": [f"{name}.md" for name in docnames],
        "titles": [f"📝 DAY {n}. 캐글 </script> \"이야기\" \\" for n in range(pages)],
        "terms": terms,
        "titleterms": titleterms,
        "alltitles": {"캐글": [[0, None]]},
        "indexentries": {},
        "objects": {},
        "objnames": {},
        "objtypes": {},
        "envversion": {"sphinx": 66},
    }


def read_split(index: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[int, str]]:
    """The base, the terms and title terms of every shard read back, and the scripts."""
    base_script, scripts = split(index)
    terms: dict[str, Any] = {"terms": {}, "titleterms": {}}
    for number, script in scripts.items():
        read_number, shard = decode_shard(script)
        assert read_number == number
        for key in terms:
            for term, value in shard[key].items():
                assert shard_of(term, len(scripts)) == number
                terms[key][term] = value
    return decode_base(base_script), terms, scripts


# --- the encoding ----------------------------------------------------------------


@st.composite
def page_lists(draw) -> tuple[list[int], int]:
    count = draw(st.integers(min_value=0, max_value=3000))
    density = draw(st.sampled_from([0.0, 0.001, 0.02, 0.3, 0.5, 0.7, 0.98, 0.999, 1.0]))
    seed = draw(st.integers(min_value=0, max_value=2**32))
    rng = random.Random(seed)
    return [page for page in range(count) if rng.random() < density], count


@given(page_lists())
def test_pages_read_back_as_written(case):
    pages, count = case
    code = encode_pages(pages, count)
    assert decode_pages(code, count) == pages
    assert set(code) <= set(ALPHABET + COMPLEMENT)


@given(st.lists(st.integers(min_value=0, max_value=2**20), min_size=1, max_size=40, unique=True))
def test_sparse_lists_of_far_pages_read_back(pages):
    pages.sort()
    count = pages[-1] + 1 + 2**20
    assert decode_pages(encode_pages(pages, count), count) == pages


@pytest.mark.parametrize(
    ("pages", "count"),
    [([], 0), ([], 10), ([0], 1), ([9], 10), (list(range(10)), 10), (list(range(1, 10)), 10), ([0, 1], 2_000_000)],
)
def test_edge_cases_read_back(pages, count):
    assert decode_pages(encode_pages(pages, count), count) == pages


def test_a_term_on_nearly_every_page_is_written_as_the_pages_it_lacks():
    pages = [n for n in range(10_000) if n not in (17, 4_000)]
    code = encode_pages(pages, 10_000)
    assert code.startswith(COMPLEMENT)
    assert len(code) < 12
    assert not encode_pages([17, 4_000], 10_000).startswith(COMPLEMENT)


def test_rice_parameter_is_the_one_of_fewest_bits():
    rng = random.Random(3)
    for mean in (0, 1, 3, 40, 900):
        gaps = [int(rng.expovariate(1 / (mean + 0.01))) for _ in range(500)]
        cost = [len(gaps) * (k + 1) + sum(g >> k for g in gaps) for k in range(31)]
        assert cost[rice_parameter(gaps)] == min(cost)
    assert rice_parameter([]) == 0


@pytest.mark.parametrize("value", [[3, 1], [1, 1], [-1, 2], [0, 300], [True, 2], [0.5], "x", None])
def test_a_value_that_is_no_list_of_pages_is_kept_as_it_is(value):
    assert encode_postings(value, 300) == value


def test_lists_weigh_little_more_than_the_information_they_hold():
    """Within 5% of their entropy, and gzip's own header and tables (about 80 bytes a file)."""
    rng = random.Random(5)
    count = 10_000
    terms, entropy = {}, 0.0
    for n, density in enumerate([0.99, 0.95, 0.85, 0.63, 0.6, 0.5, 0.4, 0.2, 0.05, 0.01, 0.001] * 2):
        terms[f"t{n}"] = [page for page in range(count) if rng.random() < density]
        p = len(terms[f"t{n}"]) / count
        entropy += count * -(p * math.log2(p) + (1 - p) * math.log2(1 - p)) / 8
    index = {"docnames": [f"d{n}" for n in range(count)], "titles": [""] * count, "terms": terms}
    _, scripts = split(index)
    weight = sum(len(gzip.compress(script.encode("ascii"), 6)) for script in scripts.values())
    assert weight < 1.05 * entropy + 100 * len(scripts)


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


# --- the split ---------------------------------------------------------------------


def test_split_reads_back_as_sphinx_wrote_it():
    index = sample_index()
    base, terms, scripts = read_split(index)
    # the exact form: a number stays a number, a list a list
    assert terms["terms"] == index["terms"]
    assert terms["titleterms"] == index["titleterms"]
    assert json.dumps(terms["terms"], sort_keys=True) == json.dumps(index["terms"], sort_keys=True)
    assert base["docnames"] == index["docnames"]
    assert base["titles"] == index["titles"]
    assert base["front"] == ["titles"]
    assert base["shards"] == len(scripts)
    assert sorted(scripts) == list(range(len(scripts)))  # every shard, empty ones too


def test_a_list_holding_no_string_is_kept_as_it_is():
    index = sample_index(pages=5)
    index["titles"][3] = None
    base, _, _ = read_split(index)
    assert base["front"] == []
    assert base["titles"] == index["titles"]


def test_page_names_stay_as_they_are_in_the_base():
    """Tools read the page names of base.js (tests/test_trust.py does)."""
    index = sample_index(pages=20)
    base = json.loads(split(index)[0][len("DaybookSearch.base(") : -len(");\n")])
    assert base["docnames"] == index["docnames"]


def test_scripts_are_ascii_and_cannot_close_a_script_tag():
    base, scripts = split(sample_index())
    for script in [base, *scripts.values()]:
        assert script.isascii()
        assert "</" not in script


# --- in the browser ------------------------------------------------------------------

#: Sphinx's searchtools, reduced to what search-page.js calls; ``query`` keeps the index it saw
HARNESS = """<!doctype html>
<html data-content_root="./"><head><meta charset="utf-8"><title>shards</title><link rel="icon" href="data:,">
<script>
var Search = {
  _index: null,
  setIndex: (index) => { Search._index = index; },
  _parseQuery: (text) => [text, new Set(JSON.parse(text)), new Set(), new Set(), new Set()],
  query: (text) => { window.searched = Search._index; },
  performSearch: (text) => {
    const wait = () => (Search._index ? Search.query(text) : setTimeout(wait, 5));
    wait();
  },
};
</script>
<script src="search-page.js"></script>
</head><body></body></html>
"""


def write_harness(folder: Path, index: dict[str, Any]) -> Path:
    base, scripts = split(index)
    search = folder / "_static" / "daybook-search"
    (search / "t").mkdir(parents=True)
    (search / "base.js").write_text(base, encoding="utf-8")
    for number, script in scripts.items():
        (search / "t" / f"{number}.js").write_text(script, encoding="utf-8")
    (folder / "search-page.js").write_text(SEARCH_PAGE_SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "index.html").write_text(HARNESS, encoding="utf-8")
    return folder / "index.html"


def searched_index(page, url: str, terms: list[str]) -> dict[str, Any]:
    """The index Sphinx's search is handed after a query for ``terms``."""
    page.goto(url)
    page.evaluate("(terms) => Search.performSearch(JSON.stringify(terms))", terms)
    page.wait_for_function("() => window.searched !== undefined")
    return page.evaluate(
        "() => { const i = window.searched; return {docnames: i.docnames, filenames: i.filenames,"
        " titles: i.titles, terms: i.terms, titleterms: i.titleterms, shards: performance"
        ".getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/t/')).length}; }"
    )


@pytest.fixture
def harness(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    index = sample_index()
    return write_harness(tmp_path, index), index


def test_browser_reads_every_shard_back_as_sphinx_wrote_it(page, serve, harness):
    path, index = harness
    every = [*index["terms"], *index["titleterms"]]
    got = searched_index(page, serve(path.parent), every)
    assert got["terms"] == index["terms"]
    assert got["titleterms"] == index["titleterms"]
    assert got["docnames"] == index["docnames"]
    assert got["filenames"] == index["docnames"]  # search-page.js links results by page name
    assert got["titles"] == index["titles"]
    assert page.console_errors == []


def test_browser_reads_the_shards_from_disk_too(page, harness):
    path, index = harness
    asked = [term for term in index["terms"] if len(term) == 2][:3]
    got = searched_index(page, path.as_uri(), asked)
    assert {term: got["terms"][term] for term in asked} == {term: index["terms"][term] for term in asked}
    assert got["titles"] == index["titles"]
    assert page.console_errors == []


def test_browser_fetches_only_the_shards_of_the_query(page, serve, harness):
    path, index = harness
    got = searched_index(page, serve(path.parent), ["upstag"])
    assert got["shards"] == 1
    assert got["terms"]["upstag"] == index["terms"]["upstag"]
    assert page.console_errors == []


def test_book_search_sees_the_terms_of_sphinx_index(page, serve, search_build):
    """On the test-search book: what search-page.js hands Sphinx's search is searchindex.js."""
    outdir = Path(search_build.outdir)
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    whole = json.loads(text[len("Search.setIndex(") : -1])
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(serve(outdir) + "search/?q=" + "캐글 노하우 특강 팀")
    page.wait_for_function(
        "() => { const s = document.querySelector('.bd-search-container #search-results p.search-summary');"
        " return s !== null && s.textContent.trim().length > 0; }"
    )
    got = page.evaluate("() => ({terms: Search._index.terms, titleterms: Search._index.titleterms,"
                        " titles: Search._index.titles})")
    assert {"캐글", "노하", "하우", "특강", "팀"} <= set(got["terms"])
    for key in ("terms", "titleterms"):
        for term, pages in got[key].items():
            assert pages == whole[key][term], term
    assert got["titles"] == whole["titles"]
    assert page.console_errors == []
