"""Search results worth reading, in Debian's Chromium, on a generated archive.

A Korean word is marked whole in the results (부스트캠프, not 부스 and 트캠);
the pages daybook generates (cover, parts, archive, tags) are never results,
though their cards and lists hold the word; each excerpt is the text around
the first match in the post's body, cut between two characters, and never
the chapter's title and byline again. The excerpt's cutting is also tried
on generated text full of emoji sequences.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))

from generate import write_archive  # noqa: E402
from search_ranking import search_again  # noqa: E402

ARCHIVE_CONF = """\
project = "결과를 읽는 책"
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "sphinx_design", "daybook"]
source_suffix = {".md": "markdown"}
html_theme = "sphinx_book_theme"
html_theme_options = {"search_as_you_type": True}
html_context = {"default_mode": "auto"}
"""

#: what each result shows, with the chapter's own title and byline fetched from its page
RESULTS_JS = """
async () => {
  const items = [...document.querySelectorAll("#search-results ul.search li")];
  return Promise.all(items.map(async (item) => {
    const link = item.querySelector("a");
    const page = new DOMParser().parseFromString(await (await fetch(link.href)).text(), "text/html");
    const byline = page.querySelector(".daybook-byline");
    const excerpt = item.querySelector("p.context");
    return {
      href: link.getAttribute("href"),
      title: link.textContent,
      pageTitle: (page.querySelector("article h1") || {textContent: ""}).textContent.replace(/#$/, "").trim(),
      byline: byline ? byline.textContent.replace(/\\s+/g, " ").trim() : "",
      excerpt: excerpt ? excerpt.textContent : null,
      marked: [...item.querySelectorAll(".highlighted")].map((m) => m.textContent),
    };
  }));
}
"""
LONE_SURROGATE = r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    from daybook import get_book

    srcdir = tmp_path_factory.mktemp("results") / "src"
    posts = write_archive(srcdir, 40, 5)
    # tags, so that the archive has tag pages named with the word
    for post in posts[::4]:
        path = srcdir / post.path
        path.write_text(path.read_text(encoding="utf-8").replace("draft: false", "tags: [부스트캠프, 회고]\ndraft: false", 1),
                        encoding="utf-8")
    (srcdir / "conf.py").write_text(ARCHIVE_CONF, encoding="utf-8")
    app = SphinxTestApp("dirhtml", srcdir=srcdir)
    try:
        app.build()
        assert "Traceback" not in app.warning.getvalue()
        yield Path(app.outdir), frozenset(get_book(app.env).generated)
    finally:
        app.cleanup()


@pytest.fixture
def search_url(archive, serve, page) -> str:
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    return serve(archive[0]) + "search/"


def results(page) -> list[dict]:
    # the excerpts come after the list, one fetch each
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-results ul.search li')]"
        ".every((li) => li.querySelector('p.context'))"
    )
    return page.evaluate(RESULTS_JS)


@pytest.mark.parametrize("query", ["부스트캠프", "부스트캠프와"])
def test_a_korean_word_is_marked_whole_and_no_generated_page_is_a_result(page, search_url, archive, query):
    _, generated = archive
    page.goto(search_url + "?q=" + "특강")
    hits = search_again(page, query)
    assert len(hits) >= 10
    # the cover, the part pages, the archive and the tag pages all list titles holding the word
    assert {"index", "archive", "tags/index"} <= generated and any("부스트캠프" in name for name in generated)
    assert not set(hits) & generated, sorted(set(hits) & generated)
    shown = results(page)
    marked = [text for item in shown for text in item["marked"]]
    assert marked, "nothing marked"
    assert set(marked) == {"부스트캠프"}, sorted(set(marked))
    assert page.console_errors == []


def test_excerpts_start_near_the_first_match_in_the_body_never_with_title_or_byline(page, search_url):
    page.goto(search_url + "?q=" + "부스트캠프")
    page.wait_for_function(
        "() => { const t = document.querySelector('#search-results h2');"
        " return t !== null && t.textContent === Documentation.gettext('Search Results'); }"
    )
    shown = results(page)
    assert len(shown) >= 10
    with_match = 0
    for item in shown:
        excerpt = item["excerpt"]
        assert excerpt, item
        text = excerpt.removeprefix("… ").removesuffix(" …")
        assert item["pageTitle"] and not text.startswith(item["pageTitle"][:8]), item
        assert item["pageTitle"] not in text, item
        assert item["byline"] and item["byline"] not in excerpt, item
        assert "\ufffd" not in excerpt
        position = text.find("부스트캠프")
        if position >= 0:
            with_match += 1
            # about 40 characters of what comes before, from a word's start
            assert position <= 60, (position, excerpt)
    assert with_match >= len(shown) * 3 // 4
    assert page.console_errors == []


def test_the_chapter_opened_from_a_result_marks_the_whole_word_too(page, search_url):
    page.goto(search_url + "?q=" + "부스트캠프를")
    page.wait_for_function("() => document.querySelector('#search-results ul.search li a') !== null")
    stored = page.evaluate("() => localStorage.getItem('sphinx_highlight_terms')")
    assert stored.split() == ["부스트캠프"]


# --- cutting between graphemes -----------------------------------------------------------

graphemes = st.sampled_from(
    ["가", "나", "부스트캠프", " ", "  ", "a", "👨\u200d💻", "👩🏽\u200d🔬", "🇰🇷", "❤\ufe0f", "e\u0301", "💡", "\n", "特"]
)
texts = st.lists(graphemes, min_size=0, max_size=400).map("".join)


@pytest.fixture(scope="module")
def engine_page(chromium):
    from daybook.search.lazy import engine_script

    context = chromium.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><meta charset='utf-8'><title>excerpt</title>")
    page.add_script_tag(content=engine_script())
    yield page
    context.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=10), st.sampled_from(["부스트캠프", "가", "a", "없는말"]))
def test_excerpts_are_whole_graphemes_of_the_text(engine_page, batch, word):
    """Cut between two graphemes (no half emoji, no lone accent), around the first match."""
    problems = engine_page.evaluate(
        """([texts, word]) => texts.flatMap((text) => {
             const flat = text.replace(/\\s+/g, " ").trim();
             const cut = DaybookEngine.excerpt(text, [word]);
             const bounds = new Set(Array.from(new Intl.Segmenter(undefined, {granularity: "grapheme"})
               .segment(flat), (s) => s.index).concat(flat.length));
             const first = flat.indexOf(word);
             const wrong = [];
             if (cut.text !== flat.slice(cut.start, cut.end)) wrong.push("not the text");
             if (!bounds.has(cut.start) || !bounds.has(cut.end)) wrong.push("inside a grapheme");
             if (cut.before !== cut.start > 0 || cut.after !== cut.end < flat.length) wrong.push("ellipses");
             if (first >= 0 && !(cut.start <= first && first + word.length <= cut.end)) wrong.push("match left out");
             if (first < 0 && cut.start !== 0) wrong.push("no match but not from the start");
             return wrong.length ? [{text: flat, cut, wrong}] : [];
           })""",
        [batch, word],
    )
    assert problems == []


# --- days, on a book this test did not write ------------------------------------------------


def test_every_day_of_the_archive_is_found_first_by_its_number(page, search_url, archive):
    """The generator's archive has one post a day: "DAY n", "n일차" and "day n" find day n first."""
    outdir, _ = archive
    days = {}
    for chapter in sorted(outdir.glob("*/day*/index.html")):
        name = chapter.parent.relative_to(outdir).as_posix()
        days[int(name.split("/day")[1].split("-")[0])] = name
    assert len(days) == 40
    page.goto(search_url + "?q=" + "부스트캠프")
    forms = ["DAY {n}", "{n}일차", "day {n}", "Day{n}"]
    queries = [form.format(n=n) for n in days for form in forms]
    ranked = page.evaluate("(queries) => Promise.all(queries.map((q) => DaybookSearch.rank(q)))", queries)
    wrong = [(query, hits[:3]) for query, hits in zip(queries, ranked)
             if not hits or hits[0] != days[int("".join(c for c in query if c.isdigit()))]]
    assert wrong == []
    # and through the search page itself
    for n in (1, 7, 40):
        assert search_again(page, f"{n}일차")[0] == days[n]
    assert page.console_errors == []
