"""Light pages in Debian's Chromium: no search index on first load, a bounded
sidebar that still leads everywhere without JavaScript, excerpts of the post's own text.

The search cases use the ``test-search`` testroot (see test_search_browser);
the sidebar cases a generated archive of 120 posts in 5 parts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))
# the search tests' helpers
sys.path.insert(0, str(Path(__file__).parents[1] / "search"))

from generate import write_archive  # noqa: E402
from incremental import book_conf  # noqa: E402
from test_search_browser import CONTROL, chapters, wait_for_results  # noqa: E402

#: text of the theme's controls that a search excerpt must never show
THEME_TEXT = ["System Settings", "Light", "Dark", "Ctrl", "Skip to main content", "Back to top", "Search", ".md", ".pdf",
              "색 모드", "시스템 설정대로", "본문으로 건너뛰기", "맨 위로", "검색어 입력"]
ARCHIVE_CONF = book_conf(
    "가벼운 책", html_theme_options={"search_as_you_type": True, "home_page_in_toc": True}, daybook_sidebar_window=3
)


def index_requests(page) -> list[str]:
    """The search data the page asks for, recorded from now on."""
    seen: list[str] = []
    page.on(
        "request",
        lambda request: ("searchindex" in request.url or "daybook-search" in request.url) and seen.append(request.url),
    )
    return seen


@pytest.fixture
def book(search_build: SphinxTestApp, serve, page) -> str:
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    return serve(Path(search_build.outdir))


def test_a_chapter_first_load_requests_no_search_index(page, book):
    seen = index_requests(page)
    page.goto(book + "diary/day01/", wait_until="networkidle")
    assert seen == []
    assert page.console_errors == []


def test_ctrl_k_and_a_korean_query_find_the_right_chapters(page, book):
    seen = index_requests(page)
    page.goto(book + "diary/control/", wait_until="networkidle")
    assert seen == []
    page.keyboard.press("Control+k")
    box = page.locator("#pst-search-dialog input[name=q]")
    box.wait_for(state="visible")
    box.fill("캐글 노하우")
    box.press("End")
    hits = wait_for_results(page, "#pst-search-dialog")
    assert chapters(hits) == {"diary/day04"}
    assert CONTROL not in hits
    assert not [url for url in seen if "searchindex" in url]
    fetched = [unquote(urlsplit(url).path) for url in seen]
    assert "/_static/daybook-search/base.js" in fetched
    assert any("/_static/daybook-search/t/" in url for url in fetched)
    assert page.console_errors == []


def test_the_theme_controls_are_back_in_their_places_and_work(page, book):
    """The colour switch and search controls come from chrome.js, as the theme wrote them."""
    page.goto(book + "diary/day01/", wait_until="networkidle")
    assert page.locator("template[data-daybook]").count() == 0
    # in the order the theme puts them: download, full screen, colour mode, search (then contents, if any)
    buttons = page.locator(".article-header-buttons > *")
    classes = [buttons.nth(i).get_attribute("class") or "" for i in range(buttons.count())]
    assert [c.split()[0] for c in classes[:4]] == ["dropdown", "btn", "theme-switch-container", "btn"]
    assert "btn-fullscreen-button" in classes[1] and "search-button" in classes[3]
    field = page.locator(".bd-sidebar-primary .search-button-field")
    assert field.count() == 1 and field.is_visible()
    # the pop-up's form sends the query to this book's search page, from a chapter two folders down
    action = page.locator("#pst-search-dialog form").get_attribute("action")
    assert action == "../../search/"
    field.click()
    assert page.locator("#pst-search-dialog").evaluate("dialog => dialog.open")
    page.keyboard.press("Escape")
    page.locator(".theme-switch-button").click()
    page.locator('.theme-change-button[data-mode="dark"]').click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    # the tooltip the theme gives its controls still appears
    page.locator(".btn-fullscreen-button").hover()
    page.locator(".tooltip").wait_for(state="visible")
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.mode") == "dark"
    assert page.console_errors == []


def test_search_excerpts_hold_the_post_text_and_no_theme_text(page, book):
    page.goto(book + "search/?q=특강")
    hits = wait_for_results(page, ".bd-search-container")
    assert "diary/day01" in hits
    excerpt = page.locator(".bd-search-container ul.search li p.context").first
    excerpt.wait_for()
    text = excerpt.text_content()
    assert "특강" in text
    assert not [word for word in THEME_TEXT if word in text], text
    assert page.console_errors == []


# --- the sidebar -----------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    srcdir = tmp_path_factory.mktemp("light") / "src"
    posts = write_archive(srcdir, 120, 5)
    (srcdir / "conf.py").write_text(ARCHIVE_CONF, encoding="utf-8")
    app = SphinxTestApp("dirhtml", srcdir=srcdir)
    try:
        app.build()
        assert "Traceback" not in app.warning.getvalue()
        yield Path(app.outdir), posts
    finally:
        app.cleanup()


def _chapter_urls(outdir: Path) -> set[str]:
    return {
        "/" + str(path.parent.relative_to(outdir)) + "/"
        for path in outdir.glob("*/*/index.html")
        if path.parts[-3] not in ("tags", "_static", "_sources")
    }


def _links(page, selector: str) -> set[str]:
    hrefs = page.locator(selector).evaluate_all("(links) => links.map((a) => a.href)")
    return {unquote(urlsplit(href).path) for href in hrefs if href}


def test_a_chapter_sidebar_lists_its_part_and_every_part(page, archive, serve):
    outdir, posts = archive
    url = serve(outdir)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    parts = sorted({post.folder for post in posts})
    chapter = sorted(_chapter_urls(outdir))[40]
    page.goto(url + chapter.lstrip("/"))
    nav = page.locator("nav.bd-docs-nav")
    current = nav.locator("li.current.active > a.current")
    assert current.count() == 1 and current.get_attribute("href") == "#"
    own = nav.locator("ul.current > li.toctree-l1:not(.daybook-more) > a")
    # the window: three on each side at most, every one of the same part
    assert 4 <= own.count() <= 7
    folder = chapter.split("/")[1]
    assert all(path.startswith(f"/{folder}/") for path in _links(page, "nav.bd-docs-nav ul.current > li:not(.daybook-more) > a"))
    # every part is named, and each other part has its link to its part page
    captions = nav.locator("p.caption").all_text_contents()
    assert len(captions) >= len(parts) + 1
    assert nav.locator("li.daybook-more").count() == len(parts)
    assert page.console_errors == []


def test_without_javascript_every_chapter_is_within_two_clicks(chromium, archive, serve):
    outdir, _ = archive
    url = serve(outdir)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        everything = _chapter_urls(outdir)
        start = sorted(everything)[7]
        page.goto(url + start.lstrip("/"))
        first = _links(page, "nav.bd-docs-nav a")
        reached = set(first)
        for target in sorted(first):
            if target.startswith("/") and target.endswith("/"):
                page.goto(url + target.lstrip("/"))
                reached |= _links(page, "a")
        missing = everything - reached - {start}
        assert not missing, sorted(missing)[:5]
    finally:
        context.close()


def test_a_chapter_weight_does_not_hold_the_whole_book(archive):
    outdir, _ = archive
    pages = sorted(outdir.glob("*/*/index.html"))
    chapter = next(p for p in pages if p.parts[-3] not in ("tags",))
    html = chapter.read_text(encoding="utf-8")
    assert html.count('class="toctree-l1') < 30
    assert "searchindex.js" not in html
