"""Comments in Debian's Chromium: nothing of utterances (or giscus) is requested until the
reader reaches the end of the chapter; then the widget gets the blog's thread
and the book's colour mode, and follows the colour switch.

utteranc.es and giscus.app are local stubs (Playwright routes their addresses; there is no
network): ``client.js`` records the attributes it was loaded with and adds an
iframe, as the real one does; the iframe records the messages it receives.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from daybook.comments.threads import pathname_term

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the chromium fixture says what is missing
    PlaywrightError = Exception  # type: ignore[assignment,misc]
from daybook.model.urls import page_url

LONG_CHAPTER = "알고리즘/이분-탐색/"
TERM = quote("알고리즘/이분-탐색/")
STUB_CLIENT = """
(function () {
  var script = document.currentScript;
  var attrs = {};
  for (var i = 0; i < script.attributes.length; i++) attrs[script.attributes[i].name] = script.attributes[i].value;
  window.__utterances = attrs;
  var frame = document.createElement("iframe");
  frame.className = "utterances-frame";
  frame.src = new URL(script.src).origin + "/widget.html";
  script.insertAdjacentElement("afterend", frame);
})();
"""
STUB_FRAME = "<!doctype html><script>window.received = []; addEventListener('message', function (e) { received.push(e.data); });</script>"


@pytest.fixture(scope="module")
def comments_book(tmp_path_factory, rootdir):
    srcdir = tmp_path_factory.mktemp("comments") / "src"
    shutil.copytree(rootdir / "test-comments", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir)
    try:
        app.build()
        yield Path(app.outdir)
    finally:
        app.cleanup()


GISCUS = {"provider": "giscus", "repo": "CoodingPenguin/devlog", "repo_id": "R_kgDO", "category": "댓글",
          "category_id": "DIC_kwDO"}


@pytest.fixture(scope="module")
def giscus_book(tmp_path_factory, rootdir):
    srcdir = tmp_path_factory.mktemp("giscus") / "src"
    shutil.copytree(rootdir / "test-comments", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir, confoverrides={"daybook_comments": GISCUS})
    try:
        app.build()
        yield Path(app.outdir)
    finally:
        app.cleanup()


@pytest.fixture
def reader(chromium):
    """A light-mode reader whose utteranc.es is the stub; ``reader.requests`` lists what it asked utteranc.es for."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))

    def utterances(route):
        page.requests.append(route.request.url)
        if route.request.url.endswith("/client.js"):
            route.fulfill(status=200, content_type="text/javascript", body=STUB_CLIENT)
        else:
            route.fulfill(status=200, content_type="text/html", body=STUB_FRAME)

    page.route(re.compile(r"^https://(utteranc\.es|giscus\.app)/"), utterances)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    yield page
    context.close()


def widget_frame(page, origin: str):
    """The widget's iframe once it has loaded its page (from the stub)."""
    for _ in range(200):
        frame = next((f for f in page.frames if f.url.startswith(origin)), None)
        try:
            if frame is not None and frame.evaluate("Array.isArray(window.received)"):
                return frame
        except PlaywrightError:  # still navigating
            pass
        page.wait_for_timeout(50)
    raise AssertionError(f"no frame from {origin}: {[f.url for f in page.frames]}")


def test_the_comments_script_waits_for_the_end_of_the_chapter(reader, comments_book, serve):
    book = serve(comments_book)
    reader.goto(book + LONG_CHAPTER, wait_until="networkidle")
    reader.wait_for_timeout(300)
    assert reader.requests == []
    assert reader.evaluate("window.__utterances") is None
    # halfway down: still nothing
    reader.evaluate("window.scrollTo(0, document.body.scrollHeight / 3)")
    reader.wait_for_timeout(300)
    assert reader.requests == []
    # the end of the chapter
    reader.locator("#daybook-comments").scroll_into_view_if_needed()
    reader.wait_for_function("window.__utterances !== undefined")
    assert reader.requests[0] == "https://utteranc.es/client.js"
    attributes = reader.evaluate("window.__utterances")
    assert attributes["issue-term"] == TERM
    assert attributes["repo"] == "CoodingPenguin/devlog"
    assert attributes["label"] == "comment"
    assert attributes["theme"] == "github-light"
    assert attributes["crossorigin"] == "anonymous"
    # loaded once, whatever the reader does next
    reader.evaluate("window.scrollTo(0, 0)")
    reader.locator("#daybook-comments").scroll_into_view_if_needed()
    reader.wait_for_timeout(300)
    assert reader.requests.count("https://utteranc.es/client.js") == 1
    assert reader.errors == []


def test_the_widget_starts_in_the_book_s_colour_mode_and_follows_the_switch(reader, comments_book, serve):
    book = serve(comments_book)
    reader.goto(book + LONG_CHAPTER, wait_until="networkidle")
    reader.evaluate("document.documentElement.dataset.theme = 'dark'")
    reader.locator("#daybook-comments").scroll_into_view_if_needed()
    reader.wait_for_function("window.__utterances !== undefined")
    assert reader.evaluate("window.__utterances")["theme"] == "github-dark"
    frame = widget_frame(reader, "https://utteranc.es/")
    # the reader picks light with the theme's own switch
    reader.locator(".theme-switch-button").first.click()
    reader.locator('.theme-change-button[data-mode="light"]').first.click()
    assert reader.evaluate("document.documentElement.dataset.theme") == "light"
    frame.wait_for_function("window.received.length > 0")
    assert frame.evaluate("window.received")[-1] == {"type": "set-theme", "theme": "github-light"}
    assert reader.errors == []


def test_giscus_gets_the_blog_s_thread_as_a_fixed_term_and_the_colour_mode(reader, giscus_book, serve):
    book = serve(giscus_book)
    reader.goto(book + LONG_CHAPTER, wait_until="networkidle")
    reader.wait_for_timeout(300)
    assert reader.requests == []
    reader.locator("#daybook-comments").scroll_into_view_if_needed()
    reader.wait_for_function("window.__utterances !== undefined")
    assert reader.requests[0] == "https://giscus.app/client.js"
    attributes = reader.evaluate("window.__utterances")
    assert attributes["data-mapping"] == "specific"
    assert attributes["data-term"] == TERM
    assert attributes["data-repo"] == "CoodingPenguin/devlog" and attributes["data-category-id"] == "DIC_kwDO"
    assert attributes["data-category"] == "댓글" and attributes["data-lang"] == "ko"
    assert attributes["data-theme"] == "light"
    frame = widget_frame(reader, "https://giscus.app/")
    reader.evaluate("document.documentElement.dataset.theme = 'dark'")
    frame.wait_for_function("window.received.length > 0")
    assert frame.evaluate("window.received")[-1] == {"giscus": {"setConfig": {"theme": "dark"}}}
    assert reader.errors == []


def test_a_short_chapter_loads_the_comments_at_once(reader, comments_book, serve):
    book = serve(comments_book)
    reader.goto(book + "알고리즘/짧은-글/", wait_until="networkidle")
    reader.wait_for_function("window.__utterances !== undefined")
    assert reader.evaluate("window.__utterances")["issue-term"] == quote("알고리즘/짧은-글/")


_segment_characters = st.sampled_from(
    list("abcXYZ019-_.~!$&'()*+,;=:@ \"<>^`{}|[]") + ["한", "글", "탐", "색", "é", "ß", "🏃", "中", "ㄱ", "ㅏ"]
)
_segments = st.text(_segment_characters, min_size=1, max_size=8).filter(lambda s: s.strip(".") != "" and s.strip() == s)


@given(st.lists(st.lists(_segments, min_size=1, max_size=3), min_size=1, max_size=40))
@settings(max_examples=5, deadline=None)
def test_the_term_is_what_the_browser_s_pathname_gave_on_the_blog(chromium, paths):
    """For any post path, daybook's term equals utterances' own ``location.pathname.substr(1)`` in Chromium."""
    docnames = ["/".join(parts) for parts in paths]
    context = chromium.new_context()
    try:
        page = context.new_page()
        browser_terms = page.evaluate(
            "paths => paths.map(p => new URL(p, 'https://blog.example').pathname.substr(1).replace(/\\.\\w+$/, ''))",
            [page_url(d) for d in docnames],
        )
    finally:
        context.close()
    assert [pathname_term(d) for d in docnames] == browser_terms, json.dumps(docnames, ensure_ascii=False)
