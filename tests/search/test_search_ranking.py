"""The ranking set (tests/search_ranking.py) through the book's real search page, in Chromium.

The set's queries are typed into the search page of ``test-search-rank``,
built as the Makefile builds a book, and the results read in the order the
page lists them. The issue's targets must hold; the figures beside plain
Sphinx's come from ``tests/benchmark/ranking.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from search_ranking import RANKING_SET, TARGETS, metrics, search_again, search_page_results


@pytest.fixture(scope="module")
def rank_book(tmp_path_factory: pytest.TempPathFactory, rootdir: Path):
    srcdir = tmp_path_factory.mktemp("rank") / "src"
    shutil.copytree(rootdir / "test-search-rank", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir)
    try:
        app.build()
        assert "Traceback" not in app.warning.getvalue()
        yield Path(app.outdir)
    finally:
        app.cleanup()


@pytest.fixture
def search_url(rank_book: Path, serve, page) -> str:
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    return serve(rank_book) + "search/"


def test_ranking_set_meets_the_targets(page, search_url):
    page.goto(search_url + "?q=" + "부트캠프")
    ranked = {item.query: search_again(page, item.query) for item in RANKING_SET}
    figures = metrics(ranked)
    report = f"{figures.as_dict()}; first hit not relevant: {list(figures.misses)}"
    assert figures.success_at_1 >= TARGETS["success@1"], report
    assert figures.mrr_at_10 >= TARGETS["MRR@10"], report
    assert figures.recall_at_5 >= TARGETS["recall@5"], report
    assert figures.no_results <= TARGETS["queries with no result"], report
    assert figures.listings_in_top_5 == 0, report
    assert page.console_errors == []


@pytest.mark.parametrize("query", ["DAY 7", "배치정규화", "과대적합", "트랜스포머 어텐숀"])
def test_a_fresh_search_page_lists_as_a_search_again(page, search_url, query):
    """The page opened with ?q= (the base and shards fetched for it) orders as a search on the open page."""
    fresh = search_page_results(page, search_url, query)
    again = search_again(page, query)
    assert fresh == again and fresh
    assert page.console_errors == []
