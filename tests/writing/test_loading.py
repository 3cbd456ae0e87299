"""A page that loads like plain Sphinx (issue 23, item 2): what the pages ask the browser for.

The icons are daybook's drawings (writing/icons.py) instead of Font Awesome's
script; the drawings are checked directly, the pages on one build of a
generated archive read back with BeautifulSoup. The browser side (icons
visible in both colour modes, the controls still working) is in
test_loading_browser.py.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from daybook.search import SEARCH_PAGE_SCRIPT
from daybook.search.lazy import can_be_inline_script
from daybook.writing.icons import ALIASES, data_url, drawings, drawn_names, icon_stylesheet

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))

from generate import write_archive  # noqa: E402
from incremental import book_conf  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
#: the search page writes its search starter's text into its head
SEARCH_PAGE_SCRIPT_TEXT = SEARCH_PAGE_SCRIPT.read_text(encoding="utf-8")
#: Font Awesome's classes of style, size and width: not icons
FA_MODIFIERS = re.compile(r"fa-(solid|regular|brands|classic|fw|lg|xl|2xl|xs|sm|2xs|\d+x|width-\w+|custom)$")
SVG = "{http://www.w3.org/2000/svg}"


def icon_names(classes: list[str]) -> set[str]:
    return {c.removeprefix("fa-") for c in classes if c.startswith("fa-") and not FA_MODIFIERS.match(c)}


# -- the drawings -------------------------------------------------------------------


def test_each_drawing_is_an_svg_of_the_16_unit_grid_that_draws_something():
    drawn = drawings()
    assert len(drawn) >= 15
    for name, svg in drawn.items():
        root = ElementTree.fromstring(svg)
        assert root.tag == SVG + "svg", name
        assert root.get("viewBox") == "0 0 16 16", name
        shapes = [e for e in root.iter() if e.tag in (SVG + "path", SVG + "circle", SVG + "rect")]
        assert shapes, f"{name} draws nothing"
        # nothing a mask would not read, nothing that fetches
        assert not [e for e in root.iter() if e.tag in (SVG + "image", SVG + "use", SVG + "script", SVG + "style")], name


def test_the_stylesheet_draws_every_name_and_alias_from_a_quoted_data_url():
    drawn = {"bars": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path stroke="#000" d="M2 3h12"/></svg>',
             "xmark": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="m3 3 9 9"/></svg>'}
    css = icon_stylesheet(drawn, "/* own rules */\n.x { color: red; }")
    for name in ("bars", "xmark", *ALIASES["xmark"]):
        assert re.search(rf"\.fa-{name}::before[^{{]*\{{ --daybook-icon: url\(\"data:image/svg\+xml,[^\"]+\"\); \}}", css), name
        assert f".fa-{name}," in css or f".fa-{name})" in css, f"{name} is in the shared rule"
    assert css.rstrip().endswith(".x { color: red; }")
    url = data_url(drawn["bars"])
    assert '"' not in url and "#" not in url and "<" not in url
    assert "%23000" in url
    assert drawn_names(drawn) == sorted(["bars", "xmark", *ALIASES["xmark"]])


def test_the_stylesheet_keeps_the_web_font_away_and_the_shapes_in_the_text_colour():
    css = icon_stylesheet(drawings(), "")
    assert "font-family: inherit" in css
    assert 'content: "";' in css and "background-color: currentColor" in css
    assert "mask: var(--daybook-icon)" in css and "-webkit-mask: var(--daybook-icon)" in css
    assert "forced-colors: active" in css


# -- the pages ---------------------------------------------------------------------

BOOK_CONF = book_conf(
    "가벼운 책", author="부캠러",
    html_theme_options={"search_as_you_type": True, "home_page_in_toc": True, "show_navbar_depth": 0},
)


class Built:
    def __init__(self, app: SphinxTestApp) -> None:
        self.outdir = Path(app.outdir)
        self.warnings = app.warning.getvalue()

    def pages(self) -> dict[str, BeautifulSoup]:
        return {
            str(path.relative_to(self.outdir)): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for path in sorted(self.outdir.rglob("*.html"))
            if "_static" not in path.parts
        }


def build(srcdir: Path, **overrides: object) -> Built:
    app = SphinxTestApp("dirhtml", srcdir=srcdir, confoverrides=overrides, status=StringIO(), warning=StringIO())
    try:
        app.build()
        return Built(app)
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Iterator[Built]:
    srcdir = tmp_path_factory.mktemp("loading") / "src"
    write_archive(srcdir, 12, 5)
    (srcdir / "conf.py").write_text(BOOK_CONF, encoding="utf-8")
    yield build(srcdir)


def test_no_page_loads_font_awesome_and_every_page_links_the_drawn_icons(book):
    pages = book.pages()
    assert len(pages) > 15
    for name, page in pages.items():
        sources = [tag.get("src") or tag.get("href") or "" for tag in page.select("script[src], link[href]")]
        assert not [s for s in sources if "fontawesome" in s], name
        # the theme preloads the two scripts the page's end loads (with Font Awesome's); daybook
        # preloads only its search files and what the theme's stylesheet imports, on the
        # search page (the tests below)
        preloads = [link["href"] for link in page.select('link[rel="preload"]')]
        own = [href for href in preloads if "_static/daybook-search/" in href or href.endswith("_static/basic.css")]
        assert preloads == own, name
        assert not own or name == "search/index.html", name
        assert [s for s in sources if "_static/daybook/icons.css" in s], name
    css = (book.outdir / "_static" / "daybook" / "icons.css").read_text(encoding="utf-8")
    assert css == icon_stylesheet(drawings(), (REPO / "ext/daybook/writing/icons/icons.css").read_text(encoding="utf-8"))


#: the one script a page's head may read before it paints: the theme's inline
#: scripts right after it set the values it defines
HEAD_SCRIPT_READ_AT_ONCE = "documentation_options.js"


def test_a_chapter_and_the_cover_read_no_script_in_the_head_before_they_paint(book):
    """Every script the head of a page of the book loads waits for the document, but the options the inline ones use."""
    pages = book.pages()
    chapters = [n for n in pages if n.count("/") == 2 and not n.startswith(("search", "genindex", "archive", "404"))]
    assert chapters
    for name in ["index.html", *chapters]:
        head = pages[name].head
        blocking = [t["src"] for t in head.select("script[src]") if not t.has_attr("defer") and not t.has_attr("async")]
        assert [s.split("/")[-1].split("?")[0] for s in blocking] == [HEAD_SCRIPT_READ_AT_ONCE], name
        # deferred scripts keep the theme's order: searchtools.js after daybook's search, as Sphinx has it
        order = [t["src"].split("/")[-1].split("?")[0] for t in head.select("script[src]")]
        assert order.index("search-page.js") < order.index("searchtools.js"), name
    # the search page keeps the theme's order and timing: Sphinx's search starts as the page is read
    search = pages["search/index.html"].head
    assert not [t["src"] for t in search.select("script[src]") if t.has_attr("defer")]


def test_the_search_page_fetches_its_search_at_once_and_nothing_no_search_page_shows(book):
    pages = book.pages()
    search = pages["search/index.html"]
    preloads = {link["href"]: link.get("as") for link in search.select('link[rel="preload"]')}
    assert preloads == {
        "../_static/daybook-search/base.js": "script",
        "../_static/daybook-search/engine.js": "script",
        "../_static/basic.css": "style",
    }
    for href in preloads:
        assert (book.outdir / "search" / href).resolve().is_file(), href
    loaded = {
        (tag.get("src") or tag.get("href")).split("_static/", 1)[-1].split("?")[0]
        for tag in search.select("script[src], link[rel=stylesheet]")
    }
    # an article's components: cards, tabs, the blog's Markdown dialect, highlighted code, zoomable images
    assert loaded & {"daybook/cards.css", "daybook/dialect.css", "sphinx-design.min.css", "pygments.css",
                     "design-tabs.js", "daybook/zoom.js"} == set()
    assert {"daybook/daybook.css", "daybook/icons.css", "searchtools.js"} <= loaded
    # the search starter is written into the page: no file of its own to wait for
    assert "daybook/search-page.js" not in loaded
    assert [s.string for s in search.head.select("script:not([src])") if s.string == SEARCH_PAGE_SCRIPT_TEXT]
    # ... which chapters still load
    chapter = next(page for name, page in pages.items() if name.count("/") == 2 and name.startswith("boostcamp/"))
    chapter_loads = " ".join(tag.get("src") or tag.get("href") for tag in chapter.select("script[src], link[href]"))
    assert "daybook/dialect.css" in chapter_loads and "pygments.css" in chapter_loads
    assert "daybook/search-page.js" in chapter_loads


def _head_order(head) -> list[str]:
    """The head's scripts, stylesheets and preloads in order, as ``kind name`` (``script search-page.js``)."""
    order = []
    for tag in head.find_all(["script", "link"]):
        if tag.name == "script" and tag.has_attr("src"):
            order.append("script " + tag["src"].split("/")[-1].split("?")[0])
        elif tag.name == "script" and tag.string == SEARCH_PAGE_SCRIPT_TEXT:
            order.append("script search-page.js, written in")
        elif tag.name == "link" and "stylesheet" in tag.get("rel", []):
            order.append("stylesheet " + tag["href"].split("/")[-1].split("?")[0])
        elif tag.name == "link" and "preload" in tag.get("rel", []):
            order.append("preload " + tag["href"].split("/")[-1].split("?")[0])
    return order


def test_the_search_page_reads_its_search_starter_before_any_stylesheet(book):
    """A script after a stylesheet waits for it: the search starts while the theme's styles come."""
    pages = book.pages()
    order = _head_order(pages["search/index.html"].head)
    first_stylesheet = next(i for i, item in enumerate(order) if item.startswith("stylesheet "))
    # the search's files first, then the starter, read at once (it must be in place before Sphinx's search)
    assert order[:first_stylesheet] == [
        "preload base.js", "preload engine.js", "preload basic.css", "script search-page.js, written in",
    ]
    assert order.count("script search-page.js, written in") == 1 and "script search-page.js" not in order
    # Sphinx's search and its words still come after the styles, in the theme's order
    assert order.index("script searchtools.js") > first_stylesheet
    assert order.index("script documentation_options.js") < order.index("script searchtools.js")
    # what it preloads is what the theme's first stylesheet imports
    imported = re.findall(r'@import\s+(?:url\()?"([^"]+)"', (book.outdir / "_static/styles/theme.css").read_text())
    assert imported == ["../basic.css"]


@pytest.mark.parametrize(
    ("text", "inline"),
    [
        ("const a = 1 < 2;", True),
        ('const end = "</script>";', False),
        ('const end = "</SCRIPT >";', False),
        ("if (a <!--b) {}", False),
        ('const start = "<script>";', False),
        ("// </scrip t>", True),
    ],
)
def test_a_script_is_written_into_a_page_only_if_the_html_parser_reads_it_whole(text, inline):
    assert can_be_inline_script(text) is inline


def test_daybooks_search_starter_can_be_written_into_the_search_page():
    assert can_be_inline_script(SEARCH_PAGE_SCRIPT_TEXT)


def test_the_search_page_goes_without_search_as_you_type_and_the_chapters_keep_it(book):
    """The theme's option is written from the page's context: false on the search page only."""
    pages = book.pages()

    def option(page) -> list[str]:
        return re.findall(r"DOCUMENTATION_OPTIONS\.search_as_you_type = (\w+);", str(page.head))

    assert option(pages["search/index.html"]) == ["false"]
    chapter = next(page for name, page in pages.items() if name.count("/") == 2 and name.startswith("boostcamp/"))
    assert option(chapter) == ["true"]
    assert option(pages["index.html"]) == ["true"]


def test_every_icon_the_pages_and_their_controls_show_is_drawn(book):
    """Every Font Awesome name on a page of the book, or in the controls chrome.js puts back, has a drawing."""
    shown: dict[str, set[str]] = {}
    for name, page in book.pages().items():
        for element in page.select('[class*="fa-"]'):
            for icon in icon_names(element.get("class", [])):
                shown.setdefault(icon, set()).add(name)
    script = (book.outdir / "_static" / "daybook" / "chrome.js").read_text(encoding="utf-8")
    controls = json.loads(script.split("const controls = ", 1)[1].split(";\n", 1)[0])
    for html in controls.values():
        for element in BeautifulSoup(html, "html.parser").select('[class*="fa-"]'):
            for icon in icon_names(element.get("class", [])):
                shown.setdefault(icon, set()).add("chrome.js")
    # the toolbar, the sidebar's toggles (show_navbar_depth 0), prev/next, the colour switch, search
    assert {"bars", "list", "download", "expand", "chevron-down", "angle-left", "angle-right", "arrow-up", "sun",
            "moon", "circle-half-stroke", "magnifying-glass"} <= set(shown)
    missing = {icon: sorted(where)[:3] for icon, where in shown.items() if icon not in drawn_names(drawings())}
    assert missing == {}


def test_a_theme_without_the_icons_is_left_as_it_is(tmp_path):
    srcdir = tmp_path / "src"
    write_archive(srcdir, 3, 5)
    (srcdir / "conf.py").write_text(book_conf("가벼운 책", author="부캠러", html_theme="alabaster"), encoding="utf-8")
    built = build(srcdir)
    assert not (built.outdir / "_static" / "daybook" / "icons.css").exists()
    assert not [n for n, page in built.pages().items() if page.select('link[href*="icons.css"]')]


def test_icons_of_its_own_in_conf_keep_font_awesome(tmp_path):
    """pydata-sphinx-theme's ``fa-custom`` icons are added to Font Awesome's script by the book's own JavaScript."""
    srcdir = tmp_path / "src"
    write_archive(srcdir, 3, 5)
    links = '[{"name": "블로그", "url": "https://example.org", "icon": "fa-custom fa-blog", "type": "fontawesome"}]'
    (srcdir / "conf.py").write_text(BOOK_CONF + f"html_theme_options['icon_links'] = {links}\n", encoding="utf-8")
    built = build(srcdir)
    page = built.pages()["index.html"]
    assert page.select('script[src*="fontawesome.js"]')
    assert not page.select('link[href*="icons.css"]')
