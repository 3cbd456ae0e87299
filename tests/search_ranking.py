"""The search's ranking set: reader queries on ``tests/roots/test-search-rank``, judged by hand.

The corpus is a Korean bootcamp diary written for this set (34 days of a
bootcamp with days missing, five paper notes, three retrospectives, an About
page and a draft): topics come back on many days, the same thing is written
in Hangul on one page and in English on another, words carry particles and
spacing varies. Each query lists the chapters a reader would want to see,
judged from the texts before any search ran; a chapter that only mentions a
word in passing is not relevant.

``metrics`` turns the ranked result lists of a search into recall@5, MRR@10
and success@1. ``tests/benchmark/ranking.py`` runs the set through daybook's
search page and plain Sphinx's in Chromium; ``tests/search/test_search_ranking.py``
asserts the targets on daybook's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: the days of the corpus: day -> its docname
DAYS = {
    1: "day1-20210118", 2: "day2-20210119", 3: "day3-20210120", 4: "day4-20210121", 5: "day5-20210122",
    7: "day7-20210126", 8: "day8-20210127", 9: "day9-20210128", 10: "day10-20210129", 11: "day11-20210201",
    12: "day12-20210202", 15: "day15-20210205", 16: "day16-20210208", 17: "day17-20210209",
    18: "day18-20210210", 19: "day19-20210211", 22: "day22-20210216", 23: "day23-20210217",
    24: "day24-20210218", 25: "day25-20210219", 26: "day26-20210222", 27: "day27-20210223",
    28: "day28-20210224", 29: "day29-20210225", 30: "day30-20210226", 31: "day31-20210301",
    32: "day32-20210302", 33: "day33-20210303", 34: "day34-20210304", 35: "day35-20210305",
    36: "day36-20210308", 37: "day37-20210309", 38: "day38-20210310", 40: "day40-20210312",
}


def day(number: int) -> str:
    return f"boostcamp/{DAYS[number]}"


ATTENTION_PAPER = "papers/attention-is-all-you-need"
DROPOUT_PAPER = "papers/dropout"
BATCHNORM_PAPER = "papers/batch-normalization"
RESNET_PAPER = "papers/resnet"
WORD2VEC_PAPER = "papers/word2vec"
JANUARY = "retrospect/2021-01"

TRANSFORMER = frozenset({day(15), day(16), ATTENTION_PAPER})
OVERFITTING = frozenset({day(10), DROPOUT_PAPER})
DROPOUT = frozenset({day(18), DROPOUT_PAPER})
BATCHNORM = frozenset({day(18), BATCHNORM_PAPER})
GRADIENT_DESCENT = frozenset({day(4), day(9)})
FINE_TUNING = frozenset({day(24), day(30)})


@dataclass(frozen=True)
class Judged:
    query: str
    relevant: frozenset[str]
    kind: str


def _set(*docnames: str) -> frozenset[str]:
    return frozenset(docnames)


#: (query, the chapters a reader wants, what kind of query it is)
RANKING_SET: list[Judged] = [
    # one-word topics
    Judged("트랜스포머", TRANSFORMER, "topic"),
    Judged("역전파", _set(day(8)), "topic"),
    Judged("앙상블", _set(day(25)), "topic"),
    Judged("옵티마이저", _set(day(9)), "topic"),
    Judged("경사하강법", GRADIENT_DESCENT, "topic"),
    Judged("도커", _set(day(33)), "topic"),
    Judged("토크나이저", _set(day(29)), "topic"),
    Judged("임베딩", _set(day(29), WORD2VEC_PAPER), "topic"),
    Judged("캐글", _set(day(27)), "topic"),
    Judged("멘토링", _set(day(19)), "topic"),
    Judged("경량화", _set(day(34)), "topic"),
    # day 3 and day 1 hold 강화, 화학 and 학습, each in another word
    Judged("강화학습", _set(day(35)), "topic"),
    # day 37 holds 자연스럽게 and 연어, not 자연어
    Judged("자연어", _set(day(29), day(30)), "topic"),
    Judged("양자화", _set(day(34)), "topic"),
    Judged("텐서", _set(day(7)), "topic"),
    Judged("LSTM", _set(day(12)), "topic"),
    Judged("특강", _set(day(17), day(27), day(28), day(35)), "topic"),
    # words with particles
    Judged("트랜스포머를", TRANSFORMER, "particle"),
    Judged("과적합이", OVERFITTING, "particle"),
    Judged("도커로", _set(day(33)), "particle"),
    Judged("앙상블은", _set(day(25)), "particle"),
    Judged("파이토치로", _set(day(7)), "particle"),
    Judged("추천시스템을", _set(day(31)), "particle"),
    Judged("멘토링에서", _set(day(19)), "particle"),
    # two words and more
    Judged("배치 정규화", BATCHNORM, "words"),
    Judged("추천 시스템", _set(day(31)), "words"),
    Judged("데이터 증강", _set(day(23)), "words"),
    Judged("전이 학습", _set(day(24)), "words"),
    Judged("마스크 분류 대회", _set(day(22), day(26)), "words"),
    Judged("객체 탐지", _set(day(38)), "words"),
    Judged("그래프 신경망", _set(day(32)), "words"),
    Judged("모델 서빙", _set(day(36)), "words"),
    Judged("기울기 소실", _set(day(12)), "words"),
    Judged("지식 증류", _set(day(34)), "words"),
    Judged("랩업 리포트", _set(day(26)), "words"),
    Judged("1월 회고", _set(JANUARY), "words"),
    # English, and Korean with English
    Judged("Transformer", TRANSFORMER, "english"),
    Judged("overfitting", OVERFITTING, "english"),
    Judged("Dropout", DROPOUT, "english"),
    Judged("BatchNorm", BATCHNORM, "english"),
    Judged("PyTorch 텐서", _set(day(7)), "english"),
    Judged("Data Augmentation", _set(day(23)), "english"),
    Judged("fine-tuning", FINE_TUNING, "english"),
    Judged("Docker 컨테이너", _set(day(33)), "english"),
    Judged("Attention", TRANSFORMER, "english"),
    # spacing other than the text's
    Judged("배치정규화", BATCHNORM, "spacing"),
    Judged("전이학습", _set(day(24)), "spacing"),
    Judged("경사 하강법", GRADIENT_DESCENT, "spacing"),
    Judged("손실함수", _set(day(4)), "spacing"),
    Judged("합성곱 신경망", _set(day(11)), "spacing"),
    Judged("순환신경망", _set(day(12)), "spacing"),
    # one day; day 8 links to DAY 7 in its text
    Judged("DAY 7", _set(day(7)), "day"),
    Judged("7일차", _set(day(7)), "day"),
    Judged("day 16", _set(day(16)), "day"),
    Judged("28일차", _set(day(28)), "day"),
    Judged("DAY 23 데이터 증강", _set(day(23)), "day"),
    Judged("day9", _set(day(9)), "day"),
    # the other name of one thing (the text uses the other spelling, or both)
    Judged("과대적합", OVERFITTING, "synonym"),
    Judged("드롭아웃", DROPOUT, "synonym"),
    Judged("잔차 연결", _set(RESNET_PAPER), "synonym"),
    # 어텐션 in Hangul is only in day 32 (graphs), once
    Judged("어텐션", TRANSFORMER, "synonym"),
    Judged("파인튜닝", FINE_TUNING, "synonym"),
    Judged("허깅페이스", _set(day(30)), "synonym"),
    # one word misspelt or absent: the other still finds the chapter
    Judged("트랜스포머 어텐숀", TRANSFORMER, "partial"),
    Judged("앙상블 배깅", _set(day(25)), "partial"),
]

ROOT = Path(__file__).parent / "roots" / "test-search-rank"
#: the corpus's own pages (posts and the About page), the draft left out
PAGES = frozenset(
    path.relative_to(ROOT).with_suffix("").as_posix()
    for path in ROOT.rglob("*.md")
    if "draft: true" not in path.read_text(encoding="utf-8")
)


def is_listing(docname: str) -> bool:
    """A page that is none of the posts: daybook's cover, parts, archive and tags; plain Sphinx's root."""
    return docname not in PAGES


@dataclass(frozen=True)
class Figures:
    queries: int
    recall_at_5: float
    mrr_at_10: float
    success_at_1: float
    no_results: int
    listings_in_top_5: int
    misses: tuple[tuple[str, tuple[str, ...]], ...]

    def as_dict(self) -> dict:
        return {
            "queries": self.queries,
            "recall@5": round(self.recall_at_5, 3),
            "MRR@10": round(self.mrr_at_10, 3),
            "success@1": round(self.success_at_1, 3),
            "queries with no result": self.no_results,
            "listing pages in a top 5": self.listings_in_top_5,
        }


def metrics(ranked: dict[str, list[str]], judged: list[Judged] = RANKING_SET) -> Figures:
    """Figures of ``ranked`` (query -> docnames, best first) against the judgments."""
    recall = reciprocal = success = 0.0
    empty = listings = 0
    misses = []
    for item in judged:
        hits = ranked.get(item.query, [])
        top5 = hits[:5]
        recall += len(item.relevant & set(top5)) / len(item.relevant)
        rank = next((n for n, hit in enumerate(hits[:10], 1) if hit in item.relevant), None)
        reciprocal += 1 / rank if rank else 0.0
        success += 1.0 if hits[:1] and hits[0] in item.relevant else 0.0
        empty += not hits
        listings += sum(1 for hit in top5 if is_listing(hit))
        if not hits or hits[0] not in item.relevant:
            misses.append((item.query, tuple(hits[:5])))
    count = len(judged)
    return Figures(count, recall / count, reciprocal / count, success / count, empty, listings, tuple(misses))


#: the issue's targets (issue 26)
TARGETS = {"success@1": 0.925, "MRR@10": 0.93, "recall@5": 0.90, "queries with no result": 1, "listing pages in a top 5": 0}


# --- running a query through a built book's own search page ---------------------------

#: the search is over when Sphinx's searchtools titled it "Search Results" (``_finishSearch``);
#: the summary may be empty (Sphinx's Korean catalogue leaves "found N pages" blank) and
#: the progress dots may go on (a pending timer restarts them)
_FINISHED = (
    "() => { const title = document.querySelector('#search-results h2');"
    " return title !== null && title.textContent === Documentation.gettext('Search Results'); }"
)
_HITS = "links => links.map((a) => a.getAttribute('href'))"


def docname_of(href: str) -> str:
    """The docname of a result link of a dirhtml book (relative to the book's root)."""
    from urllib.parse import unquote, urlsplit

    path = unquote(urlsplit(href).path)
    while path.startswith("../"):
        path = path[3:]
    return path.strip("/") or "index"


def search_page_results(page, search_url: str, query: str) -> list[str]:
    """The docnames the search page at ``search_url`` lists for ``query``, in its order."""
    from urllib.parse import quote

    page.goto(f"{search_url}?q={quote(query)}")
    page.wait_for_function(_FINISHED, timeout=60_000)
    hrefs = page.eval_on_selector_all("#search-results ul.search li > a", _HITS)
    ranked: list[str] = []
    for href in hrefs:
        name = docname_of(href)
        if name not in ranked:
            ranked.append(name)
    return ranked


#: clears the results and searches as the search page's form does, on the page already open
_SEARCH_AGAIN = """
(query) => {
  document.getElementById("search-results").replaceChildren();
  Search.performSearch(query);
}
"""


def search_again(page, query: str) -> list[str]:
    """The docnames the open search page lists for ``query``, searched without reloading the page."""
    # a search still drawing its list would go on drawing into the next one's
    page.wait_for_function(
        "() => document.querySelector('#search-results h2') === null || (" + _FINISHED + ")()", timeout=60_000
    )
    page.evaluate(_SEARCH_AGAIN, query)
    page.wait_for_function(_FINISHED, timeout=60_000)
    ranked: list[str] = []
    for href in page.eval_on_selector_all("#search-results ul.search li > a", _HITS):
        name = docname_of(href)
        if name not in ranked:
            ranked.append(name)
    return ranked
