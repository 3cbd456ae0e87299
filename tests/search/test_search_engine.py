"""daybook's search index and engine: the pure parts in Python, the ranking in Chromium.

The browser cases build an index in Python from a few pages of text
(:func:`daybook.search.index.page_terms`, as the collector does), write it as
the shards do, and hand it to the real ``engine.js`` in a blank page.
"""

from __future__ import annotations

import json
import random
import unicodedata

import pytest
import snowballstemmer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daybook.search.index import (
    BODY,
    HEADING,
    TITLE,
    TITLE_FLAG,
    PageTerms,
    build_index,
    page_terms,
    weight_code,
)
from daybook.search.korean import ENDINGS, day_numbers, words
from daybook.search.lazy import engine_script, query_reading
from daybook.search.shards import split
from daybook.search.synonyms import SYNONYMS, SYNONYMS_FILE, author_pairs, read_synonyms
from daybook.upstream import ENGLISH_STOPWORDS

ENGLISH = snowballstemmer.stemmer("english")
STOPWORDS = frozenset(ENGLISH_STOPWORDS)


def terms_of(texts, day=None) -> PageTerms:
    pairs = [pair for _, text in texts for pair in author_pairs(text)]
    return page_terms(texts, ENGLISH.stemWord, STOPWORDS, day=day, pairs=pairs)


# --- reading text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("특강으로 부스트캠프에서", [("특강", "hangul", False), ("부스트캠프", "hangul", False)]),
        ("추천 시스템을", [("추천", "hangul", True), ("시스템", "hangul", False)]),
        ("GPU를 샀다", [("gpu", "latin", False), ("샀다", "hangul", True)]),
        ("Transformer(트랜스포머)", [("transformer", "latin", False), ("트랜스포머", "hangul", True)]),
        ("DAY 07 회고", [("day", "latin", False), ("7", "number", False), ("회고", "hangul", True)]),
        ("000", [("0", "number", False)]),
        ("팀을", [("팀을", "hangul", True)]),  # a one-syllable ending leaves a run of three or more only
        (unicodedata.normalize("NFD", "특강으로"), [("특강", "hangul", False)]),
    ],
)
def test_words_are_stems_latin_words_and_numbers(text, expected):
    assert [(w.text, w.script, w.bare) for w in words(text)] == expected


def test_words_know_which_stand_side_by_side():
    found = words("추천 시스템, 배치  정규화\n를")
    assert [w.joins_next for w in found] == [True, False, True, True, False]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("DAY 7", [7]), ("day7 과 Day-07", [7, 7]), ("7일차", [7]), ("28 일 차에", [28]), ("3일째", [3]),
        ("today 7", []), ("3월 7일", []), ("birthday 7", []), ("DAY 28. 특강 둘째 날", [28]), ("127일차", [127]),
    ],
)
def test_days_a_text_names(text, days):
    assert day_numbers(text) == days


# --- a page's terms ---------------------------------------------------------------------------


def test_page_terms_count_where_words_are():
    page = terms_of([(TITLE, "DAY 3. 경사하강법"), (HEADING, "경사하강법"), (BODY, "경사하강법을 배웠다. 경사하강법!")], day=3)
    value = page.terms["경사하강법"]
    assert value & TITLE_FLAG
    assert weight_code(value) == TITLE * 8 + 2  # three times in the heading and body
    assert weight_code(page.terms["배웠"]) == BODY * 8  # 배웠다 without its ending
    assert weight_code(page.terms["#3"]) == TITLE * 8
    assert page.length == 4  # the title's words are not counted


def test_two_bare_hangul_words_are_also_kept_as_one():
    page = terms_of([(BODY, "추천 시스템을 만들고 배치 정규화(Batch Normalization)를 넣었다. 모델을 학습")])
    assert "+추천시스템" in page.terms and "+배치정규화" in page.terms
    assert "+모델학습" not in page.terms  # 모델을 is no bare word
    assert page.pairs == (("배치 정규화", "Batch Normalization"),)


def test_the_index_holds_the_parts_of_hangul_words_and_no_two_pieces_of_two_words():
    pages = [
        ("a", "A", terms_of([(BODY, "경진대회 배치정규화")])),
        ("b", "B", terms_of([(BODY, "강화된 화학 학습")])),
        ("c", "C", terms_of([(BODY, "추천 시스템")])),
    ]
    index = build_index(pages)
    assert index.parts["대회"] == [(0, 0)] and index.parts["진대회"] == [(0, 0)]
    assert index.parts["정규화"] == [(0, 0)]
    assert "강화학습" not in index.parts and "강화학습" not in index.words
    assert index.parts["추천시스템"] == [(2, 0)]
    assert index.docnames == ["a", "b", "c"]


def test_stopwords_are_left_out_and_latin_words_stemmed():
    page = terms_of([(BODY, "Attention Is All You Need models")])
    assert "attent" in page.terms and "model" in page.terms and "need" in page.terms
    assert not {"is", "all", "you"} & set(page.terms)


# --- names of one thing --------------------------------------------------------------------------


def test_every_line_of_the_table_says_where_the_pairing_comes_from():
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names, _, source = line.partition("#")
            assert "|" in names and source.strip(), line
    assert len(SYNONYMS) >= 40


def test_a_name_is_in_one_line_of_the_table_only():
    seen: dict[str, int] = {}
    for number, group in enumerate(SYNONYMS):
        for name in group:
            key = name.casefold().replace(" ", "").replace("-", "")
            assert seen.setdefault(key, number) == number, name


def test_the_table_is_read_line_by_line():
    assert read_synonyms("# note\n가 | A  # where\n\n나\n다 | D | 다 # x\n") == (("가", "A"), ("다", "D"))


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("과대적합(Overfitting)은", [("과대적합", "Overfitting")]),
        ("움직일지는 학습률(learning rate)이", [("학습률", "learning rate")]),
        ("Transformer(트랜스포머)를", [("트랜스포머", "Transformer")]),
        ("Hugging Face(허깅페이스) 라이브러리", [("허깅페이스", "Hugging Face")]),
        ("순환 신경망(RNN)은", [("순환 신경망", "RNN")]),
        ("잔차 연결 (Residual Connection) 덕분에", [("잔차 연결", "Residual Connection")]),
        ("의문(?)이", []), ("모델(ResNet50)", []), ("TTA(Test Time Augmentation)", []), ("팀(A)", []),
        ("은(silver)", []),
    ],
)
def test_author_pairs(text, pairs):
    assert author_pairs(text) == pairs


# --- the engine in the browser ----------------------------------------------------------------------

HARNESS = """<!doctype html><meta charset="utf-8"><title>engine</title>"""
SETUP = """
([base, shards]) => {
  window.engine = DaybookEngine.create(base, new EnglishStemmer());
  for (const [number, data] of Object.entries(shards)) engine.addShard(Number(number), data);
  window.search = (text) => engine.rank(engine.parse(text)).map((hit) => base.docnames[hit.page]);
}
"""


def load_book(page, pages: list[tuple[str, list[tuple[int, str]], int | None]]) -> None:
    """A blank page whose ``search(text)`` ranks ``pages``: (docname, texts, day)."""
    index = build_index((name, name, terms_of(texts, day)) for name, texts, day in pages)
    base, scripts = split(index, query_reading())
    shards = {}
    for number, script in scripts.items():
        shards[number] = json.loads(script[script.index(",") + 1 : -3])
    page.set_content(HARNESS)
    page.add_script_tag(content=engine_script())
    page.evaluate(SETUP, [json.loads(base[len("DaybookSearch.base(") : -3]), shards])


@pytest.fixture(scope="module")
def browser_page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_a_word_never_matches_pieces_of_two_words(browser_page):
    load_book(browser_page, [
        ("chemistry", [(BODY, "화학을 전공했고 강화된 스크립트로 학습의 재미를 느꼈다")], None),
        ("rl", [(BODY, "강화학습은 보상을 배운다")], None),
        ("lunch", [(BODY, "연어 덮밥을 먹으며 자연스럽게 이야기했다")], None),
        ("nlp", [(BODY, "자연어 처리를 배웠다")], None),
    ])
    assert browser_page.evaluate("search('강화학습')") == ["rl"]
    assert browser_page.evaluate("search('자연어')") == ["nlp"]
    assert browser_page.evaluate("search('자연')") == ["nlp", "lunch"] or browser_page.evaluate(
        "search('자연')") == ["lunch", "nlp"]


def test_title_before_headings_before_body_and_more_before_fewer(browser_page):
    load_book(browser_page, [
        ("once", [(TITLE, "다른 이야기"), (BODY, "오늘 도커를 잠깐 보았다. " + "그리고 다른 것을 했다. " * 20)], None),
        ("often", [(TITLE, "환경 만들기"), (BODY, "도커 이미지와 도커 컨테이너. 도커로 배포. 도커는 좋다. " * 3)], None),
        ("heading", [(TITLE, "배포"), (HEADING, "도커"), (BODY, "이미지를 만들었다 도커로")], None),
        ("title", [(TITLE, "도커로 환경 만들기"), (BODY, "이미지를 만들었다 도커로")], None),
    ])
    assert browser_page.evaluate("search('도커')") == ["title", "heading", "often", "once"]


def test_a_day_and_its_number_find_that_day_first(browser_page):
    load_book(browser_page, [
        ("day7", [(TITLE, "DAY 7. 파이토치 시작"), (BODY, "텐서를 배웠다")], 7),
        ("day8", [(TITLE, "DAY 8. 역전파"), (BODY, "DAY 7에서 본 텐서로 역전파를 했다")], 8),
        ("day17", [(TITLE, "DAY 17. 특강"), (BODY, "7명이 들었다")], 17),
        ("day70", [(TITLE, "DAY 70. 마무리"), (BODY, "끝")], 70),
    ])
    for query in ("DAY 7", "day7", "7일차", "Day 07", "7"):
        assert browser_page.evaluate("(q) => search(q)", query)[0] == "day7", query
    assert browser_page.evaluate("search('DAY 7 역전파')") == ["day8"]
    assert "day70" not in browser_page.evaluate("search('DAY 7')")


def test_other_names_find_a_page_written_with_one_name_only(browser_page):
    load_book(browser_page, [
        ("korean", [(TITLE, "과적합을 막는 방법"), (BODY, "과대적합(Overfitting)은 학습 데이터를 외운다")], None),
        ("english", [(TITLE, "Dropout 논문"), (BODY, "Dropout prevents overfitting")], None),
        ("author", [(TITLE, "메모"), (BODY, "스킵 연결(Shortcut Path)을 배웠다")], None),
        ("shortcut", [(TITLE, "논문"), (BODY, "the shortcut path of the network")], None),
        ("spaced", [(TITLE, "정규화"), (BODY, "배치 정규화를 넣었다")], None),
    ])
    assert set(browser_page.evaluate("search('overfitting')")) == {"korean", "english"}
    assert set(browser_page.evaluate("search('과대적합')")) == {"korean", "english"}
    assert set(browser_page.evaluate("search('드롭아웃')")) == {"english"}
    # a pair the author wrote, learned from the text: the other page says it in English only
    assert set(browser_page.evaluate("search('스킵 연결')")) == {"author", "shortcut"}
    assert browser_page.evaluate("search('배치정규화')") == ["spaced"]
    assert browser_page.evaluate("search('BatchNorm')") == ["spaced"]


def test_a_word_found_nowhere_leaves_the_pages_with_the_others(browser_page):
    load_book(browser_page, [
        ("both", [(BODY, "앙상블과 배깅")], None),
        ("one", [(BODY, "앙상블만")], None),
        ("none", [(BODY, "다른 이야기")], None),
    ])
    # every word, where a page has every one
    assert browser_page.evaluate("search('앙상블 배깅')") == ["both"]
    # else the pages with the most of them
    assert browser_page.evaluate("search('앙상블 부스팅')") == ["both", "one"] or browser_page.evaluate(
        "search('앙상블 부스팅')") == ["one", "both"]
    assert browser_page.evaluate("search('없는말')") == []


def test_the_word_typed_ranks_above_another_name_and_side_by_side_above_apart(browser_page):
    load_book(browser_page, [
        ("apart", [(BODY, "추천 모델과 시스템 설계. " + "다른 말. " * 5)], None),
        ("together", [(BODY, "추천 시스템 설계. " + "다른 말. " * 5)], None),
        ("english", [(BODY, "recommender 과 system 설계. " + "다른 말. " * 5)], None),
    ])
    assert browser_page.evaluate("search('추천 시스템')")[:2] == ["together", "apart"]
    assert browser_page.evaluate("search('추천시스템')")[0] == "together"


# --- the same reading on both sides -------------------------------------------------------------------

VOCABULARY = ["부스트캠프", "특강", "캐글", "경진대회", "추천", "시스템", "배치", "정규화", "팀", "모델", "데이터",
              "Transformer", "GPU", "models", "DAY", "7", "28", "사과", "인도", "학습률"]
PARTICLES = ["", "", "을", "를", "에서", "으로", "와", "의", "이다", "했다", "은", "는"]
SEPARATORS = [" ", " ", "  ", ", ", "\n", "(", ")", ". "]


@st.composite
def diary_texts(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        parts.append(draw(st.sampled_from(VOCABULARY)) + draw(st.sampled_from(PARTICLES)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(diary_texts(), min_size=2, max_size=6))
def test_every_word_of_a_page_finds_it_and_the_browser_reads_as_python(browser_page, texts):
    """Index (Python) and query (engine.js) read text alike: each word, typed as written, finds its page."""
    pages = [(f"p{n}", [(BODY, text)], None) for n, text in enumerate(texts)]
    load_book(browser_page, pages)
    read = browser_page.evaluate(
        "(texts) => texts.map((t) => engine.terms(t).map((w) => [w.text, w.script, w.bare, w.joinsNext]))", texts
    )
    expected = [[[w.text, w.script, w.bare, w.joins_next] for w in words(text) if not (
        w.script == "latin" and w.text in STOPWORDS)] for text in texts]
    assert read == expected
    rng = random.Random(len(texts))
    for n, text in enumerate(texts):
        typed = [w for w in text.replace("(", " ").replace(")", " ").replace(",", " ").replace(".", " ").split()
                 if w.lower() not in STOPWORDS]
        for word in rng.sample(typed, min(3, len(typed))):
            assert f"p{n}" in browser_page.evaluate("(q) => search(q)", word), (word, text)


def test_endings_are_the_ones_of_the_file():
    assert query_reading()["endings"] == list(ENDINGS)


#: names of things as a reader types them: from the table, the author's pairs, diary words
NAMED_QUERY_WORDS = [name for group in SYNONYMS[:12] for name in group] + [
    "스킵 연결", "Shortcut Path", "배치정규화", "DAY 7", "7일차", "부스트캠프를", "GPU를", "models",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(NAMED_QUERY_WORDS + VOCABULARY), min_size=1, max_size=4))
def test_a_query_read_without_other_names_needs_no_shard_the_whole_reading_does_not(browser_page, words_typed):
    """The search page fetches the shards of a query's own words before it reads the other names of things."""
    load_book(browser_page, [
        ("author", [(TITLE, "메모"), (BODY, "스킵 연결(Shortcut Path)을 배웠다")], None),
        ("day7", [(TITLE, "DAY 7. 파이토치"), (BODY, "텐서")], 7),
    ])
    query = " ".join(words_typed)
    own, whole, own_alternatives = browser_page.evaluate(
        """(q) => {
          const own = engine.parse(q, { otherNames: false });
          return [engine.shardsOf(own), engine.shardsOf(engine.parse(q)),
                  own.groups.flatMap((g) => g.alternatives.filter((a) => !a.own).map((a) => a.words[0].script))];
        }""",
        query,
    )
    assert set(own) <= set(whole), query
    # read alone, a query's words have no other names; a number may still be a day
    assert set(own_alternatives) <= {"day"}, query


def test_the_engine_stems_no_other_name_until_a_query_looks_them_up(browser_page):
    """Stemming every name of synonyms.txt takes tens of milliseconds on a cold page: not while the engine starts."""
    load_book(browser_page, [("p", [(BODY, "모델")], None)])
    stemmed = browser_page.evaluate(
        """([base]) => {
          let count = 0;
          const english = new EnglishStemmer();
          const counting = { stemWord: (word) => { count += 1; return english.stemWord(word); } };
          const fresh = DaybookEngine.create(base, counting);
          const atStart = count;
          fresh.parse("model", { otherNames: false });
          const ownOnly = count;
          fresh.parse("model");
          return [atStart, ownOnly, count];
        }""",
        [json.loads(split(build_index([("p", "p", terms_of([(BODY, "모델")]))]), query_reading())[0][
            len("DaybookSearch.base("): -3])],
    )
    assert stemmed[0] == 0 and stemmed[1] == 1
    assert stemmed[2] > 1 + len(SYNONYMS)  # every Latin name of the table
