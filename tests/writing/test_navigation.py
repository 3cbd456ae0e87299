"""The sidebar from the book model: the theme's own markup, a window of it, links that work everywhere.

The pure model (the window, which pages a change rewrites) is tested in
test_sidebar_model.py; random books in test_sidebar_property.py; the
sidebar in a browser against the last release's in test_sidebar_browser.py.
"""

from __future__ import annotations

import difflib
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

import pytest
from bs4 import BeautifulSoup

from daybook.model.window import window_bounds
from incremental import edit

ROOT = Path(__file__).parents[1] / "roots" / "test-navigation"
#: a window wider than any list: every entry shows, as in the theme's own tree
EVERYTHING = {"daybook_sidebar_window": 1000}


def _normal(html: str) -> str:
    """Markup without the whitespace between tags (the theme's is indented), one line per list entry."""
    html = re.sub(r"\s*\n\s*", "\n", html.strip())
    html = re.sub(r">\s+<", "><", html)
    # an attribute without value, as BeautifulSoup writes it, is the same as with its name
    html = html.replace("<details open>", '<details open="open">')
    return html.replace("<li", "\n<li")


def record_both_sidebars(app, sidebars: dict) -> None:
    """On every page, daybook's sidebar template and the theme's own, rendered with the page's context."""

    def record(app, pagename, templatename, context, doctree) -> None:
        assert "daybook_sidebar" in context, "daybook gives every page its sidebar"
        ours = app.builder.templates.render("sbt-sidebar-nav.html", context)
        theirs = app.builder.templates.render("!components/sbt-sidebar-nav.html", context)
        sidebars[pagename] = (ours, theirs)

    app.connect("html-page-context", record, priority=950)


def _without_part_links(html: str) -> str:
    """daybook closes each part's list with a link to the part page; the theme's tree has none."""
    return re.sub(r'\n<li class="toctree-l1 daybook-more[^"]*">.*?</li>', "", html)


def _same_but_other_parts(ours: str, theirs: str) -> None:
    """Caption by caption, the same markup; where ours shows only a part's page (another part), theirs lists its chapters."""
    mark = '<p aria-level="2" class="caption"'
    # a part folded in its caption (show_navbar_depth 0) opens where it holds the page; on a part page,
    # daybook's link to it is the page (checked below), the theme's tree has none
    fold = re.compile(r'(<li class="toctree-l0 has-children"><details) open="open"')
    ours_parts, their_parts = fold.sub(r"\1", _normal(ours)).split(mark), fold.sub(r"\1", _normal(theirs)).split(mark)
    assert len(ours_parts) == len(their_parts)
    for mine, other in zip(ours_parts, their_parts):
        # on a part's page, its link marks its list current
        mine = _without_part_links(mine).replace('<ul class="current nav bd-sidenav"></ul>', '<ul class="nav bd-sidenav"></ul>')
        if '<ul class="nav bd-sidenav"></ul>' in mine:
            assert other.count('<li class="toctree-l1') > 0 and "current" not in other
            other = re.sub(r'(<ul class="nav bd-sidenav">).*?(</ul>)', r"\1\2", other, flags=re.S)
        assert mine == other, "\n".join(difflib.unified_diff(mine.splitlines(), other.splitlines(), "daybook", "theme", lineterm=""))


#: an introduction the author writes on the cover, with a toctree of their own before the book's parts
AUTHOR_INDEX = """\
# 나의 책

소개 글입니다.

```{toctree}
:caption: 시작하기

about
Blog <https://blog.example.com>
```

```{daybook-cover}
```
"""


#: the book theme's options for its sidebar, as a conf.py may set them
THEME_OPTIONS = {
    "defaults": {},
    "parts-fold": {"show_navbar_depth": 0},
    "open-two-levels": {"show_navbar_depth": 2, "max_navbar_depth": 2},
    "collapsed": {"collapse_navbar": True, "home_page_in_toc": False},
}


@pytest.mark.parametrize(
    ("builder", "cover", "options"),
    [
        ("dirhtml", "generated", "defaults"),
        ("html", "generated", "defaults"),
        ("dirhtml", "written", "defaults"),
        ("html", "written", "collapsed"),
        ("dirhtml", "generated", "parts-fold"),
        ("dirhtml", "written", "open-two-levels"),
    ],
)
def test_with_a_window_of_everything_the_sidebar_is_the_theme_own(make_app, tmp_path, builder, cover, options):
    """Classes, current branches, toggles, titles, links: byte for byte what the theme renders, on every page.

    But for what daybook adds and leaves out on purpose: a link to its page at
    the end of each part, and only that link for the parts the page is not in.
    """
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    if cover == "written":
        (srcdir / "index.md").write_text(AUTHOR_INDEX, encoding="utf-8")
    theme_options = {"home_page_in_toc": True, **THEME_OPTIONS[options]}
    app = make_app(builder, srcdir=srcdir, confoverrides={**EVERYTHING, "html_theme_options": theme_options})
    sidebars: dict = {}
    record_both_sidebars(app, sidebars)
    app.build()
    assert {"index", "diary/day2", "about/about-detail", "notes/week-1/index", "search", "genindex", "404", "tags/daily"} <= set(sidebars)
    for page, (ours, theirs) in sidebars.items():
        if page == "404" and builder == "dirhtml":
            # the theme's home link on the 404 page is "#" (sphinx-notfound-page's pathto of an empty address)
            theirs = theirs.replace('<a class="reference internal" href="#">', '<a class="reference internal" href="/">', 1)
        try:
            _same_but_other_parts(ours, theirs)
        except AssertionError as error:
            raise AssertionError(f"{page}: {error}") from None
    if options == "parts-fold":
        for page in ("diary/day2", "일기/index"):
            folded = BeautifulSoup(sidebars[page][0], "html.parser").select("li.toctree-l0")
            assert [li.details.has_attr("open") for li in folded] == [True, False, False], page
    # the part links are there, one per part, at the end of each part's list
    day2 = BeautifulSoup(sidebars["diary/day2"][0], "html.parser")
    captions = [p.get_text() for p in day2.select("p.caption")]
    assert captions == (["시작하기"] if cover == "written" else []) + ["일기", "노트", "더 보기"]
    assert [li.a.get_text() for li in day2.select("li.daybook-more")] == ["4개의 글 모두 보기", "2개의 글 모두 보기"]
    assert all(li.find_next_sibling("li") is None for li in day2.select("li.daybook-more"))


def _sidebar(outdir: Path, page: str) -> BeautifulSoup:
    html = (outdir / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("nav.bd-docs-nav")


@pytest.mark.sphinx("dirhtml", testroot="navigation", srcdir="navigation-written")
def test_written_page_marks_the_current_branch(app):
    app.build()
    nav = _sidebar(app.outdir, "about/about-detail/index.html")
    current = [a.get_text() for a in nav.select("a.current")]
    # the page is listed three times (under 소개 > 역사, under 역사, among the pages): all marked
    assert current == ["자세한 역사"] * 3
    assert [a["href"] for a in nav.select("a.current")] == ["#"] * 3
    opened = [li.a.get_text() for li in nav.select("li.current.active.has-children")]
    assert opened == ["소개", "역사", "역사"]
    assert all(li.details.get("open") == "open" for li in nav.select("li.current.has-children"))
    assert not nav.select("li.current a[href='#'] ~ details:not([open])")
    # a page of another branch marks nothing of this one
    other = _sidebar(app.outdir, "diary/day1/index.html")
    assert [a.get_text() for a in other.select("a.current")] == ["DAY 1. 일기 1일째"]
    assert other.select_one("a[href='../../about/about-detail/']") is not None
    # titles stay escaped text
    assert "<b>굵게</b>" not in str(other) and "&lt;b&gt;굵게&lt;/b&gt;" in str(other)


@pytest.mark.sphinx("dirhtml", testroot="navigation", srcdir="navigation-404", confoverrides={"notfound_urls_prefix": "/ko/latest/"})
def test_the_404_page_links_absolutely_under_its_prefix(app):
    app.build()
    nav = _sidebar(app.outdir, "404.html")
    hrefs = [a["href"] for a in nav.select("a")]
    assert hrefs[0] == "/ko/latest/"  # the cover, not "#"
    assert "/ko/latest/일기/" in hrefs and "/ko/latest/about/history/" in hrefs
    assert all(h.startswith("/ko/latest/") for h in hrefs), hrefs


def test_links_reach_every_page_whatever_its_file_name(make_app, tmp_path):
    """``+``, ``.``, ``#``, ``%``, Hangul and a decomposed (NFD) name: every sidebar link leads to its page."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text((ROOT / "conf.py").read_text(encoding="utf-8"), encoding="utf-8")
    names = ["c++ 입문", "v1.2-notes", "c#sharp", "100%-done", "한글_제목-1", unicodedata.normalize("NFD", "맥에서")]
    for day, name in enumerate(names, 1):
        folder = srcdir / "글"
        folder.mkdir(exist_ok=True)
        (folder / f"{name}.md").write_text(
            f"---\ntitle: 글 {day}\ndate: 2022-03-{day:02d}\ncategory: 일기\n---\n\n## 본문\n\n{day}\n", encoding="utf-8"
        )
    for builder in ("dirhtml", "html"):
        app = make_app(builder, srcdir=srcdir, builddir=tmp_path / builder)
        app.build()
        outdir = Path(app.outdir)
        pages = sorted(p for p in outdir.rglob("*.html") if "글" in p.parts)
        assert len(pages) == len(names), pages
        for page in pages:
            base = "http://x/" + quote(page.relative_to(outdir).as_posix())
            for a in _sidebar(outdir, page.relative_to(outdir).as_posix()).select("a"):
                if a["href"] == "#":
                    continue
                target = unquote(urljoin(base, a["href"]).removeprefix("http://x/"))
                if target.endswith("/") or target == "":
                    target += "index.html"
                assert (outdir / target).is_file(), (builder, page.name, a["href"])


def _written(app) -> list[str]:
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *rest: written.append(pagename))
    return written


def test_a_title_edit_rewrites_only_the_pages_that_show_the_chapter(make_app, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    for day in range(5, 31):
        (srcdir / "diary" / f"day{day}.md").write_text(
            f"---\ntitle: DAY {day}. 일기 {day}일째\ndate: 2022-03-{day:02d}\ncategory: 일기\n---\n\n## 오늘\n\n{day}\n",
            encoding="utf-8",
        )
    app = make_app("dirhtml", srcdir=srcdir)
    app.build()
    edit(srcdir / "diary" / "day12.md", "일기 12일째", "고친 제목")
    again = make_app("dirhtml", srcdir=srcdir)
    written = _written(again)
    again.build()
    chapters = {p for p in written if p.startswith("diary/")}
    # the chapters whose window (four on each side, shifted at the part's ends) shows
    # DAY 12, which include its previous and next; no other chapter
    days = list(range(1, 31))
    showing = {f"diary/day{d}" for i, d in enumerate(days) if days.index(12) in range(*window_bounds(30, i, 4))}
    assert showing == {f"diary/day{d}" for d in range(8, 17)}
    assert chapters == showing
    assert {"일기/index", "archive", "index"} <= set(written)
    assert "노트/index" not in written and "notes/week-1/index" not in written
    for d in (8, 12, 16):
        assert "고친 제목" in str(_sidebar(again.outdir, f"diary/day{d}/index.html"))
    assert "고친 제목" not in str(_sidebar(again.outdir, "diary/day2/index.html"))


def test_a_body_with_h1s_and_an_include_leaves_the_sidebar_alone(make_app, tmp_path):
    """Body H1s are the page's "on this page" box's; they never change the sidebar (they crashed it before)."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    for day in range(5, 17):
        body = "## 오늘\n\n글\n"
        if day in (7, 9, 12):
            body += "\n# A body H1\n\ntext\n\n## sub\n\nmore\n\n# Second H1\n\nx\n"
        if day == 10:
            body += "\n```{include} day7.md\n```\n"
        (srcdir / "diary" / f"day{day}.md").write_text(
            f"---\ntitle: DAY {day}. 일기 {day}일째\ndate: 2022-03-{day:02d}\ncategory: 일기\n---\n\n{body}", encoding="utf-8"
        )
    app = make_app("dirhtml", srcdir=srcdir)
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    for day in (7, 9, 10, 12):
        page = BeautifulSoup((app.outdir / f"diary/day{day}/index.html").read_text(encoding="utf-8"), "html.parser")
        nav = page.select_one("nav.bd-docs-nav")
        assert "H1" not in nav.get_text() and not [a for a in nav.select("a") if "#" in a["href"] and a["href"] != "#"]
        own = nav.select_one("ul.current").select("li:not(.daybook-more) > a")
        assert len(own) == 9 and [a["href"] for a in own].count("#") == 1
        if day != 10:
            assert "Second H1" in page.select_one(".bd-sidebar-secondary").get_text()
