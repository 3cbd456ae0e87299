"""Korean search in Debian's Chromium: queries typed into the built book.

One build of the ``test-search`` testroot serves every test here. Each
chapter of it holds one form of a word (특강으로, 캐글, 부스트캠프에서, ...);
``diary/control`` holds none of them and must never be a hit.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sphinx.testing.util import SphinxTestApp

CONTROL = "diary/control"

#: query -> chapters it must find; "only" means no other chapter may be a hit
ACCEPTANCE = [
    ("특강", {"diary/day01"}, False),  # the chapter says only 특강으로
    ("캐글을", {"diary/day02", "diary/day04"}, False),  # they say 캐글에, 캐글
    ("부스트캠프와", {"diary/day05"}, False),  # it says 부스트캠프에서
    ("대회", {"diary/day04"}, False),  # it says 경진대회
    ("캐글 노하우", {"diary/day04"}, True),  # day02 has only 캐글, day03 only 노하우
    ("UpStage에서", {"diary/day05"}, False),  # it says UpStage
    ("진행됩니다", {"diary/day06"}, False),  # it says 진행했다
    ("팀", {"diary/day07", "diary/day08"}, False),  # 팀원들과; 우리 팀
]


@pytest.fixture
def site(search_build: SphinxTestApp) -> Path:
    """The testroot built once with dirhtml, as the Makefile builds the book."""
    assert "Traceback" not in search_build.warning.getvalue()
    return Path(search_build.outdir)


@pytest.fixture
def book(site: Path, serve, page) -> str:
    """The served book's URL; a page whose favicon request is answered."""
    # The browser asks every site for /favicon.ico; the book has none, and the
    # 404 would be reported as a console error that no page of ours caused.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    return serve(site)


def docname_of(href: str) -> str:
    return unquote(urlsplit(href).path).strip("/")


def wait_for_results(page, container: str) -> list[str]:
    """The docnames of the hits shown in ``container``, once the search ended."""
    summary = f"{container} #search-results p.search-summary"
    page.wait_for_function(
        "(selector) => { const s = document.querySelector(selector);"
        " return s !== null && s.textContent.trim().length > 0; }",
        arg=summary,
    )
    hrefs = page.eval_on_selector_all(
        f"{container} #search-results ul.search li > a", "links => links.map((a) => a.href)"
    )
    return [docname_of(href) for href in hrefs]


def chapters(hits: list[str]) -> set[str]:
    return {hit for hit in hits if hit.startswith("diary/")}


def search_page(page, book: str, query: str) -> list[str]:
    """Type ``query`` into the search page's box and submit it."""
    page.goto(book + "search/")
    box = page.locator(".bd-search-container input[name=q]")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    return wait_for_results(page, ".bd-search-container")


@pytest.mark.parametrize(("query", "expected", "only"), ACCEPTANCE)
def test_search_page_finds_chapter_whatever_the_particle(page, book, query, expected, only):
    hits = search_page(page, book, query)
    found = chapters(hits)
    assert expected <= found, f"{query!r} found {hits}"
    assert CONTROL not in found
    if only:
        assert found == expected, f"{query!r} found {hits}"
    assert page.console_errors == []


def test_search_page_finds_nothing_for_an_unknown_word(page, book):
    hits = search_page(page, book, "존재하지않는낱말")
    assert hits == []
    summary = page.locator(".bd-search-container p.search-summary").text_content()
    assert summary.strip()
    assert page.console_errors == []


def test_search_page_finds_the_front_matter_title_and_headings(page, book):
    assert "diary/day02" in chapters(search_page(page, book, "입문"))  # title only
    assert chapters(search_page(page, book, "회고록")) == {"diary/day07"}  # a heading
    assert page.console_errors == []


def test_search_page_shows_the_count_of_hits_in_korean(page, book):
    search_page(page, book, "특강")
    summary = page.locator(".bd-search-container p.search-summary").text_content()
    assert "개 찾았습니다" in summary
    assert page.console_errors == []


@pytest.mark.parametrize(("query", "expected", "only"), ACCEPTANCE)
def test_search_as_you_type_box_finds_chapter(page, book, query, expected, only):
    page.goto(book + "diary/control/")
    page.locator(".search-button-field").first.click()
    box = page.locator("#pst-search-dialog input[name=q]")
    box.wait_for(state="visible")
    # one keyup with the whole query: the theme searches once, after it
    box.fill(query)
    box.press("End")
    hits = wait_for_results(page, "#pst-search-dialog")
    found = chapters(hits)
    assert expected <= found, f"{query!r} found {hits}"
    assert CONTROL not in found
    if only:
        assert found == expected, f"{query!r} found {hits}"
    # the theme's links lead to the chapters from a chapter page too
    first = page.locator("#pst-search-dialog #search-results ul.search li > a").first
    assert docname_of(first.evaluate("a => a.href")) in hits
    assert page.console_errors == []


def test_search_page_keeps_its_results_with_search_as_you_type(page, book):
    """With dirhtml the search page is search/, which the theme mistook for any page."""
    page.goto(book + "search/?q=특강")
    hits = wait_for_results(page, ".bd-search-container")
    assert "diary/day01" in hits
    assert page.locator("#pst-search-dialog #search-results").count() == 0
    assert page.console_errors == []


#: when the search page's results box got its title, and when the document had been read
SEARCH_START_TIMES = """
window.__searchStarted = null;
window.__documentRead = null;
new MutationObserver((_, observer) => {
  if (document.querySelector("#search-results h2")) {
    window.__searchStarted = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
document.addEventListener("DOMContentLoaded", () => { window.__documentRead = performance.now(); });
window.__focused = null;
document.addEventListener("focusin", () => { if (window.__focused === null) window.__focused = performance.now(); });
"""


def test_search_page_starts_its_search_as_its_results_box_is_read_and_only_once(page, book):
    """Sphinx starts it on DOMContentLoaded, after the theme's scripts at the page's end; daybook before them.

    Before the theme's script right after the box too, which focuses the
    search field and so makes the page work out its styles and layout.
    """
    page.add_init_script(SEARCH_START_TIMES)
    page.goto(book + "search/?q=특강")
    hits = wait_for_results(page, ".bd-search-container")
    assert "diary/day01" in hits
    started, read, focused = page.evaluate("() => [window.__searchStarted, window.__documentRead, window.__focused]")
    assert started is not None and read is not None and started < read
    assert focused is not None and started < focused
    # Sphinx's own start then finds the search running: one title, one list, each hit once
    page.wait_for_load_state("load")
    assert page.locator(".bd-search-container #search-results h2").count() == 1
    assert page.locator(".bd-search-container #search-results ul.search").count() == 1
    assert len(hits) == len(set(hits))
    assert page.locator(".bd-search-container input[name=q]").input_value() == "특강"
    assert page.console_errors == []


#: what the page had read when daybook's search starter ran, and the search files it added
STARTER_SEEN = """
window.__starterSaw = null;
Object.defineProperty(window, "DaybookSearch", {
  configurable: true,
  set(value) {
    window.__starterSaw = {
      stylesheets: document.querySelectorAll('link[rel="stylesheet"]').length,
      sphinxSearch: typeof Search !== "undefined",
    };
    Object.defineProperty(window, "DaybookSearch", { value, writable: true, configurable: true });
  },
});
"""


def test_search_page_starts_fetching_its_search_before_the_theme_styles_are_read(page, book):
    """Its starter runs before the parser reaches a stylesheet; its files are fetched at high priority."""
    page.add_init_script(STARTER_SEEN)
    page.goto(book + "search/?q=특강")
    hits = wait_for_results(page, ".bd-search-container")
    assert "diary/day01" in hits
    assert page.evaluate("() => window.__starterSaw") == {"stylesheets": 0, "sphinxSearch": False}
    # the base, the engine and the query's shards: not the low priority of a script added by a script
    added = page.eval_on_selector_all(
        'script[src*="_static/daybook-search/"]', "tags => tags.map((t) => [t.src.split('/').pop(), t.fetchPriority])"
    )
    names = [name for name, _ in added]
    assert "base.js" in names and "engine.js" in names and any(name not in ("base.js", "engine.js") for name in names)
    assert {priority for _, priority in added} == {"high"}
    # the page's own styles apply (the theme's sidebar and header)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.bd-sidebar-primary')).display") != "inline"
    assert page.console_errors == []
