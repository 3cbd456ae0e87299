"""The fast sidebar is the theme's own: byte for byte, on every page, for every argument set."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from daybook.writing.navigation import CLASS_MARKER, HREF_TOKEN, NotTemplatable, SidebarTemplate, href_group

ROOT = Path(__file__).parent / "roots" / "test-navigation"

#: sphinx-book-theme's sidebar (sbt-sidebar-nav.html) with its defaults, then
#: the other values its theme options can take
BOOK_THEME_CALLS = [
    dict(kind="sidebar", startdepth=0, maxdepth=maxdepth, collapse=collapse, includehidden=True,
         titles_only=True, show_nav_level=level)
    for maxdepth, collapse, level in itertools.product((4, 1, 2, 0), (False, True), (1, 0, 2, 3))
]
#: pydata-sphinx-theme's sidebar-nav-bs.html and the layout's suppress check use startdepth=1
PYDATA_CALLS = [
    dict(kind="sidebar", show_nav_level=level, maxdepth=4, collapse=collapse, includehidden=hidden,
         titles_only=True)
    for level, collapse, hidden in itertools.product((1, 0), (False, True), (True, False))
]
#: what the templates never ask for, but a theme option or override could
OTHER_CALLS = [
    dict(kind="raw", startdepth=0, maxdepth=4, collapse=False, includehidden=True, titles_only=True),
    dict(kind="sidebar", startdepth=0, maxdepth=4, collapse=False, includehidden=False, titles_only=False),
    dict(kind="sidebar", startdepth=0, show_nav_level=1, collapse=False),
]
CALLS = BOOK_THEME_CALLS + PYDATA_CALLS + OTHER_CALLS


def _call(function, call: dict) -> str:
    arguments = dict(call)
    kind = arguments.pop("kind")
    try:
        return str(function(kind, **arguments))
    except Exception as error:  # the theme raises for pages with no ancestor
        return f"raised {type(error).__name__}: {error}"


def record_sidebars(app, sidebars: dict) -> None:
    """After daybook, call both the fast and the theme's own function on every page."""

    def compare(app, pagename, templatename, context, doctree) -> None:
        fast = context["generate_toctree_html"]
        # the 404 page too: sphinx-notfound-page writes its links its own way
        assert hasattr(fast, "original"), "daybook did not install its navigation"
        for index, call in enumerate(CALLS):
            served_before = fast.served_from_template
            mine = _call(fast, call)
            theirs = _call(fast.theme_own, call)
            sidebars[pagename, index] = (mine, theirs, fast.served_from_template > served_before)

    app.connect("html-page-context", compare, priority=950)


@pytest.mark.sphinx("dirhtml", testroot="navigation")
def test_every_page_sidebar_equals_the_theme_own(app):
    sidebars: dict = {}
    record_sidebars(app, sidebars)
    app.build()
    pages = {page for page, _ in sidebars}
    assert {"index", "diary/day2", "about/about-detail", "notes/week-1/index", "search", "genindex", "404"} <= pages
    for (page, index), (mine, theirs, _) in sidebars.items():
        assert mine == theirs, f"{page}: {CALLS[index]}"
    assert len(pages) >= 15
    # the book theme's own sidebar (the first call) came from the template on
    # every page, so the equality above is about the fast path
    assert all(sidebars[page, 0][2] for page in pages)
    # and so it did for every call whose tree is not cut by maxdepth
    assert all(sidebars[page, i][2] for page in pages for i, c in enumerate(BOOK_THEME_CALLS)
               if not c["collapse"] and c["show_nav_level"] >= 1 and c["maxdepth"] == 4)


@pytest.mark.sphinx("html", testroot="navigation", srcdir="navigation-html")
def test_html_builder_sidebar_equals_the_theme_own(app):
    sidebars: dict = {}
    record_sidebars(app, sidebars)
    app.build()
    for (page, index), (mine, theirs, _) in sidebars.items():
        assert mine == theirs, f"{page}: {CALLS[index]}"
    assert all(served for (_, i), (_, _, served) in sidebars.items() if i == 0)


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
    assert CLASS_MARKER not in str(other) and HREF_TOKEN not in str(other)
    # titles stay escaped text
    assert "<b>굵게</b>" not in str(other) and "&lt;b&gt;굵게&lt;/b&gt;" in str(other)


def test_rebuild_after_a_title_edit_shows_the_new_title_everywhere(make_app, tmp_path):
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOT, srcdir)
    app = make_app("dirhtml", srcdir=srcdir)
    app.build()
    # a chapter's sidebar lists its own part's chapters
    assert "노트 1주" in str(_sidebar(app.outdir, "notes/week-2/index.html"))
    assert "노트 1주" not in str(_sidebar(app.outdir, "diary/day3/index.html"))
    post = srcdir / "notes" / "week-1" / "index.md"
    post.write_text(post.read_text(encoding="utf-8").replace("노트 1주", "노트 첫 주"), encoding="utf-8")
    sidebars: dict = {}
    app2 = make_app("dirhtml", srcdir=srcdir)
    record_sidebars(app2, sidebars)
    app2.build()
    for page in ("notes/week-1/index.html", "notes/week-2/index.html"):
        text = str(_sidebar(app2.outdir, page))
        assert "노트 첫 주" in text and "노트 1주" not in text, page
    for (page, index), (mine, theirs, _) in sidebars.items():
        assert mine == theirs, f"{page}: {CALLS[index]}"


def _sphinx_build(srcdir: Path, outdir: Path) -> None:
    """A build in its own process, as a user runs it: the store is only trusted
    when the configuration hashes alike, which it does not within one process
    whose themes have already set up another app."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "ext"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dirhtml", "-q", str(srcdir), str(outdir)],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr


def _pages(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_rebuilds_reuse_the_stored_sidebar_until_the_tree_changes(tmp_path):
    from daybook.writing.navigation import STORE_FILENAME

    srcdir, outdir = tmp_path / "navigation", tmp_path / "out"
    shutil.copytree(ROOT, srcdir)
    _sphinx_build(srcdir, outdir)
    store = outdir / ".doctrees" / STORE_FILENAME
    assert store.is_file()
    stored = (store.stat().st_mtime_ns, store.read_bytes())
    clean = _pages(outdir)

    # a no-op rebuild writes genindex, search and 404 again: from the store,
    # which is kept as it is because no template was built
    time.sleep(0.01)
    _sphinx_build(srcdir, outdir)
    assert (store.stat().st_mtime_ns, store.read_bytes()) == stored
    assert _pages(outdir) == clean

    # a body edit re-writes its page: the sidebar is the same, from the store
    post = srcdir / "diary" / "day2.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n본문에 한 줄을 더했다.\n", encoding="utf-8")
    _sphinx_build(srcdir, outdir)
    assert (store.stat().st_mtime_ns, store.read_bytes()) == stored
    assert str(_sidebar(outdir, "diary/day2/index.html")) == str(
        BeautifulSoup(clean["diary/day2/index.html"].decode(), "html.parser").select_one("nav.bd-docs-nav")
    )

    # a title edit changes the tree: a new template is built and stored
    post.write_text(post.read_text(encoding="utf-8").replace("일기 2일째", "일기 둘째 날"), encoding="utf-8")
    _sphinx_build(srcdir, outdir)
    assert store.read_bytes() != stored[1]
    for page in ("diary/day2/index.html", "diary/day1/index.html", "diary/day4/index.html"):
        text = str(_sidebar(outdir, page))
        assert "일기 둘째 날" in text and "일기 2일째" not in text, page
    retitled = _pages(outdir)

    # a damaged store is ignored and written anew
    store.write_bytes(b"not a pickle")
    _sphinx_build(srcdir, outdir)
    assert store.read_bytes() != b"not a pickle"
    assert _pages(outdir) == retitled


# --- the pure parts -------------------------------------------------------


def test_href_groups_share_links_only_when_relative_uri_agrees():
    from sphinx.util.osutil import relative_uri

    uris = sorted(["", "a/", "a/v/", "a/x/", "a/y/", "a/y/z/", "b/", "b/w/", "c.html", "d/e.html", "d/f.html"])
    groups: dict[str, list[str]] = {}
    for uri in uris:
        group, base = href_group(uri, uris)
        groups.setdefault(group, []).append(uri)
        for target in uris:
            if target != uri:
                assert relative_uri(base, target) == relative_uri(uri, target), (uri, target)
    # siblings share one group; a page with pages inside it gets its own
    assert groups[href_group("a/x/", uris)[0]] == ["a/v/", "a/x/"]
    assert groups[href_group("a/y/", uris)[0]] == ["a/y/"]
    assert groups[href_group("d/e.html", uris)[0]] == ["d/e.html", "d/f.html"]


def _template() -> SidebarTemplate:
    m = CLASS_MARKER
    html = (
        f'<ul class="{m}0 nav bd-sidenav">\n'
        f'<li class="toctree-l1 {m}1 has-children"><a class="{m}2 reference internal" href="{HREF_TOKEN}0">A</a>'
        f'<details><summary></summary><ul class="{m}3">\n'
        f'<li class="toctree-l2 {m}4"><a class="{m}5 reference internal" href="{HREF_TOKEN}1">B</a></li>\n'
        "</ul>\n</details></li>\n</ul>"
    )
    kinds = ["ul", "li", "a", "ul", "li", "a"]
    ancestors = [(), (0,), (1, 0), (1, 0), (3, 1, 0), (4, 3, 1, 0)]
    links = {2: ("a", ""), 5: ("b", "")}
    return SidebarTemplate.cut(html, kinds, ancestors, links, ["a", "b"])


def test_template_marks_the_branch_like_sphinx_and_the_theme():
    template = _template()
    hrefs = ["../a/", "../b/"]
    folder = template.for_folder(hrefs)
    plain = template.for_page(folder, hrefs, "elsewhere")
    assert plain == (
        '<ul class="nav bd-sidenav">\n'
        '<li class="toctree-l1 has-children"><a class="reference internal" href="../a/">A</a>'
        "<details><summary></summary><ul>\n"
        '<li class="toctree-l2"><a class="reference internal" href="../b/">B</a></li>\n'
        "</ul>\n</details></li>\n</ul>"
    )
    page = template.for_page(folder, hrefs, "b")
    assert page == (
        '<ul class="current nav bd-sidenav">\n'
        '<li class="toctree-l1 current active has-children"><a class="reference internal" href="../a/">A</a>'
        '<details open="open"><summary></summary><ul class="current">\n'
        '<li class="toctree-l2 current active"><a class="current reference internal" href="#">B</a></li>\n'
        "</ul>\n</details></li>\n</ul>"
    )
    # the folder's pieces are not changed by one page
    assert template.for_page(folder, hrefs, "elsewhere") == plain


def test_a_title_that_looks_like_a_marker_is_refused():
    m = CLASS_MARKER
    html = f'<ul class="{m}0"><li class="{m}1">x class="{m}1"</li></ul>'
    with pytest.raises(NotTemplatable):
        SidebarTemplate.cut(html, ["ul", "li"], [(), (0,)], {}, [])


def test_window_bounds_stay_inside_the_list_and_keep_their_size():
    from daybook.writing.window import window_bounds

    assert window_bounds(5, 2, 10) == (0, 5)
    assert window_bounds(100, 0, 2) == (0, 5)
    assert window_bounds(100, 50, 2) == (48, 53)
    assert window_bounds(100, 99, 2) == (95, 100)
    for count in range(0, 30):
        for index in range(count):
            lo, hi = window_bounds(count, index, 3)
            assert lo <= index < hi and hi - lo == min(count, 7) and 0 <= lo and hi <= count


def _parts_template(chapters: int) -> tuple[SidebarTemplate, list[str]]:
    """Two parts of ``chapters`` entries each, closed by a *more* entry, as the theme renders them."""
    m = CLASS_MARKER
    html, kinds, ancestors, links, targets = [], [], [], {}, []
    for part in ("p", "q"):
        ul = len(kinds)
        kinds.append("ul")
        ancestors.append(())
        html.append(f'<p class="caption">{part}</p>\n<ul class="{m}{ul} nav bd-sidenav">\n')
        for n in range(chapters + 1):
            more = n == chapters
            li, a = len(kinds), len(kinds) + 1
            kinds += ["li", "a"]
            ancestors += [(ul,), (li, ul)]
            target = f"{part}/index" if more else f"{part}/{n}"
            links[a] = (target, "")
            targets.append(target)
            extra = " daybook-more" if more else ""
            html.append(f'<li class="toctree-l1{extra} {m}{li}"><a class="{m}{a} reference internal" '
                        f'href="{HREF_TOKEN}{len(targets) - 1}">{target}</a></li>\n')
        html.append("</ul>\n")
    return SidebarTemplate.cut("".join(html), kinds, ancestors, links, targets), targets


def test_a_page_shows_a_window_of_its_own_part_and_only_the_link_of_the_others():
    template, targets = _parts_template(30)
    hrefs = [f"/{t}/" for t in targets]
    folder = template.for_folder(hrefs)
    soup = BeautifulSoup(template.for_page(folder, hrefs, "p/15", window=2), "html.parser")
    first, second = soup.select("ul")
    assert [a.get_text() for a in first.select("a")] == ["p/13", "p/14", "p/15", "p/16", "p/17", "p/index"]
    assert [a.get_text() for a in second.select("a")] == ["q/index"]
    assert [a.get_text() for a in soup.select("li.current.active > a.current[href='#']")] == ["p/15"]
    assert "current" in first["class"] and "current" not in second["class"]
    # at the start of a part the window is as long, on one side
    soup = BeautifulSoup(template.for_page(folder, hrefs, "q/0", window=2), "html.parser")
    assert [a.get_text() for a in soup.select("ul")[1].select("a")] == ["q/0", "q/1", "q/2", "q/3", "q/4", "q/index"]
    # a page in no part (the cover) shows every part's link only
    soup = BeautifulSoup(template.for_page(folder, hrefs, "index", window=2), "html.parser")
    assert [a.get_text() for a in soup.select("a")] == ["p/index", "q/index"]
    # without a window, everything
    assert len(BeautifulSoup(template.for_page(folder, hrefs, "p/15"), "html.parser").select("a")) == 62


def test_a_page_weight_does_not_grow_with_its_part():
    sizes = []
    for chapters in (50, 500):
        template, targets = _parts_template(chapters)
        hrefs = [f"/{t}/" for t in targets]
        sizes.append(len(template.for_page(template.for_folder(hrefs), hrefs, f"p/{chapters // 2}", window=10)))
    # ten times the chapters: only the longer numbers in the titles add bytes
    assert sizes[1] < sizes[0] * 1.1
