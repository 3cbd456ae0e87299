"""Korean search: the splitter on both sides, and the index Sphinx writes.

The same ``QUERY_CASES`` run through the Python splitter and through the
``splitQuery`` of the ``language_data.js`` a build ships, in Chromium.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from daybook.search import ENDINGS, SearchKorean, javascript_splitter, split_index, split_query
from daybook.search.korean import ENDINGS_FILE, read_endings, strip_ending

ROOT = Path(__file__).parents[1] / "roots" / "test-search"

#: query -> the terms both splitters give (before stemming)
QUERY_CASES = [
    ("특강", ["특강"]),
    ("특강으로", ["특강"]),
    ("캐글을", ["캐글"]),
    ("부스트캠프와", ["부스", "스트", "트캠", "캠프"]),
    ("부스트캠프에서", ["부스", "스트", "트캠", "캠프"]),
    ("대회", ["대회"]),
    ("경진대회", ["경진", "진대", "대회"]),
    ("캐글 노하우", ["캐글", "노하", "하우"]),
    ("캐글을 노하우를", ["캐글", "노하", "하우"]),
    ("UpStage에서", ["UpStage"]),
    ("GPU를", ["GPU"]),
    ("GPU서버", ["GPU", "서버"]),
    ("진행됩니다", ["진행"]),
    ("진행했다", ["진행"]),
    ("발표했습니다", ["발표"]),
    ("학생입니다", ["학생"]),
    ("팀", ["팀"]),
    ("팀에서", ["팀"]),  # a two-syllable ending may leave one syllable
    ("팀을", ["팀을"]),  # a one-syllable one may not: 사과, 인도 stay whole
    ("사과", ["사과"]),
    ("인도", ["인도"]),
    ("바다", ["바다"]),
    ("에서", ["에서"]),  # a particle alone is what the reader asked for
    ("Full Stack ML", ["Full", "Stack", "ML"]),
    ("day28 3일차", ["day28", "3", "일차"]),
    ("ㅋㅋ 좋았다", ["ㅋㅋ", "좋"]),  # 았다 leaves 좋, which starts 좋은, 좋아
    ("특강, 특강!", ["특강"]),
    ("", []),
    ("  !? ", []),
    (unicodedata.normalize("NFD", "특강으로"), ["특강"]),  # macOS files, some IMEs
]

#: text -> the terms it is indexed under (before stemming)
INDEX_CASES = [
    ("특강으로", ["특강", "강으", "으로"]),
    ("팀", ["팀"]),
    ("UpStage에서", ["UpStage", "에서"]),
    ("GPU를 샀다", ["GPU", "를", "샀다"]),
    ("Kaggle 대회", ["Kaggle", "대회"]),
]


@pytest.mark.parametrize(("query", "terms"), QUERY_CASES)
def test_python_splits_query(query, terms):
    assert split_query(query) == terms


@pytest.mark.parametrize(("text", "terms"), INDEX_CASES)
def test_python_splits_text_for_the_index(text, terms):
    assert split_index(text) == terms


def test_endings_file_is_read_longest_first_once_without_comments():
    assert read_endings("# note\n을\n으로  # comment\n\n을\n") == ("으로", "을")
    assert ENDINGS == read_endings(ENDINGS_FILE.read_text(encoding="utf-8"))
    assert len(ENDINGS) == len(set(ENDINGS))
    assert [len(e) for e in ENDINGS] == sorted((len(e) for e in ENDINGS), reverse=True)
    assert {"으로", "에서", "을", "를", "됩니다", "했다"} <= set(ENDINGS)


@pytest.mark.parametrize(
    ("run", "stem"),
    [("특강으로", "특강"), ("캐글을", "캐글"), ("사과", "사과"), ("팀에서", "팀"), ("으로", "으로")],
)
def test_strip_ending_strips_one_ending(run, stem):
    assert strip_ending(run) == stem


def test_javascript_splitter_is_generated_from_the_endings_file():
    code = javascript_splitter()
    match = re.search(r"const ENDINGS = (\[.*?\]);", code)
    assert match is not None
    assert tuple(json.loads(match.group(1))) == ENDINGS
    assert "DAYBOOK_ENDINGS" not in code


hangul_word = st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=6)


@given(st.lists(st.one_of(hangul_word, st.sampled_from(ENDINGS), st.sampled_from(["GPU", "ML", " ", "3"])), max_size=6))
def test_every_query_term_of_a_text_finds_that_text(parts):
    """Stripping only widens: each query term is an index term, or starts one."""
    text = "".join(parts)
    indexed = set(split_index(text))
    for term in split_query(text):
        assert term in indexed or (len(term) == 1 and any(t.startswith(term) for t in indexed))


# --- the build --------------------------------------------------------------


@pytest.fixture
def built(search_build: SphinxTestApp) -> SphinxTestApp:
    return search_build


def read_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    assert text.startswith("Search.setIndex(") and text.endswith(")")
    return json.loads(text[len("Search.setIndex(") : -1])


def files_of(mapping: dict, term: str) -> set[int]:
    files = mapping.get(term, [])
    return {files} if isinstance(files, int) else set(files)


def test_build_uses_the_korean_search_language(built):
    assert "dumping search index in Korean" in built.status.getvalue()
    assert "in English" not in built.status.getvalue()
    assert "daybook" not in built.warning.getvalue()


def test_index_holds_bigrams_and_stemmed_latin_words(built):
    index = read_index(Path(built.outdir))
    day = {name: i for i, name in enumerate(index["docnames"])}
    assert day["diary/day01"] in files_of(index["terms"], "특강")  # from 특강으로
    assert day["diary/day04"] in files_of(index["terms"], "대회")  # from 경진대회
    assert day["diary/day05"] in files_of(index["terms"], "upstag")  # English stem
    assert day["diary/day08"] in files_of(index["terms"], "팀")
    assert "특강으로" not in index["terms"]


def test_index_holds_front_matter_titles_and_headings(built):
    index = read_index(Path(built.outdir))
    day = {name: i for i, name in enumerate(index["docnames"])}
    assert day["diary/day02"] in files_of(index["titleterms"], "입문")  # title: 캐글 입문
    assert day["diary/day07"] in files_of(index["titleterms"], "회고")  # heading: 회고록
    assert index["titles"][day["diary/day02"]] == "DAY 2. 캐글 입문"


def test_drafts_are_not_in_the_index(built):
    outdir = Path(built.outdir)
    index = read_index(outdir)
    assert not any("draft" in name for name in index["docnames"])
    whole = (outdir / "searchindex.js").read_text(encoding="utf-8")
    decoded = json.dumps(index, ensure_ascii=False)
    for canary in ("zebracanari", "zebracanary", "캐너", "비공"):
        assert canary not in whole and canary not in decoded


def test_language_data_has_no_undefined_stemmer(built):
    """Sphinx 9 bug #14229: ``window.Stemmer = KoreanStemmer`` names no class."""
    code = (Path(built.outdir) / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "window.Stemmer" not in code
    assert "var Stemmer = function" in code
    assert javascript_splitter() in code


# --- the same cases in the browser -------------------------------------------


@pytest.fixture
def language_data(built, page) -> object:
    """A blank page running the ``language_data.js`` the build wrote."""
    code = (Path(built.outdir) / "_static" / "language_data.js").read_text(encoding="utf-8")
    page.set_content("<!doctype html><meta charset='utf-8'><title>t</title>")
    page.add_script_tag(content=code)
    return page


@pytest.mark.parametrize(("query", "terms"), QUERY_CASES)
def test_javascript_splits_query_as_python_does(language_data, query, terms):
    assert language_data.evaluate("(q) => splitQuery(q)", query) == terms
    assert language_data.console_errors == []


def test_javascript_and_python_agree_on_random_text(language_data):
    """Many mixed strings, seeded: the two splitters give the same terms."""
    rng = random.Random(4)
    pieces = [*ENDINGS, "특강", "캐글", "팀", "부스트캠프", "GPU", "UpStage", "3", " ", ", ", "ㅋ", "_", "é"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(500)]
    got = language_data.evaluate("(texts) => texts.map((t) => splitQuery(t))", texts)
    assert got == [split_query(text) for text in texts]


def test_javascript_stems_as_python_does(language_data):
    korean = SearchKorean({})
    words = ["UpStage", "engineering", "Notebooks", "running", "팀원", "특강", "GPU", "ML"]
    got = language_data.evaluate("(ws) => { const s = new Stemmer(); return ws.map((w) => s.stemWord(w.toLowerCase())); }", words)
    assert got == [korean.stem(word).lower() for word in words]


# --- size of the index --------------------------------------------------------


def test_index_is_no_larger_than_twice_the_english_one(built, tmp_path):
    """Bigrams must not blow the index up; measured against Sphinx's English."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    english = SphinxTestApp("dirhtml", srcdir=srcdir, confoverrides={"html_search_language": "en"})
    try:
        english.build()
        english_size = len(gzip.compress((Path(english.outdir) / "searchindex.js").read_bytes()))
    finally:
        english.cleanup()
    korean_size = len(gzip.compress((Path(built.outdir) / "searchindex.js").read_bytes()))
    assert korean_size <= 2 * english_size


# --- daybook's own index (the shards the pages search) -------------------------------------


def daybook_index(outdir: Path) -> tuple[dict, dict[str, set[str]]]:
    """The base, and the terms of every shard (words and parts) with the pages they name."""
    folder = outdir / "_static" / "daybook-search"
    text = (folder / "base.js").read_text(encoding="utf-8")
    base = json.loads(text[len("DaybookSearch.base(") : -len(");\n")])
    terms: dict[str, set[str]] = {"w": set(), "p": set()}
    for path in sorted((folder / "t").glob("*.js")):
        script = path.read_text(encoding="utf-8")
        shard = json.loads(script[script.index(",") + 1 : -len(");\n")])
        for key in terms:
            terms[key] |= set(shard[key])
    return base, terms


def test_drafts_are_not_in_the_shards(built):
    base, terms = daybook_index(Path(built.outdir))
    assert not any("draft" in name for name in base["docnames"])
    every = json.dumps(base, ensure_ascii=False) + json.dumps(sorted(terms["w"] | terms["p"]), ensure_ascii=False)
    for canary in ("zebracanar", "캐너", "비공", "비밀"):
        assert canary not in every


def test_generated_pages_and_bylines_are_not_in_the_shards(built):
    from daybook import get_book

    base, terms = daybook_index(Path(built.outdir))
    generated = set(get_book(built.env).generated)
    assert "index" in generated and not generated & set(base["docnames"])
    assert "diary/day01" in base["docnames"]
    # the byline says "1분 읽기" and the date; no post does
    assert "읽기" not in terms["w"] and "2021년" not in json.dumps(sorted(terms["w"]), ensure_ascii=False)
    # the chapter's day is a term, from the book
    assert {"#1", "#8"} <= terms["w"]
    assert {"특강", "캐글", "경진대회", "upstag", "팀원들"} <= terms["w"]  # 팀원들과 without 과
    assert {"대회", "진대회"} <= terms["p"]
