"""Browsing the book: cover cards, part pages, archive, tags, feed, social meta, sitemap, 404.

The pages are checked on one build of the ``browsing`` testroot, read back
with BeautifulSoup, feedparser and ElementTree. The pure helpers are tested
on their own in test_listing.py (model) and test_publishing_units.py.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from daybook.model.urls import absolute_url

ROOTS = Path(__file__).parents[1] / "roots"
BASE = "https://example.org/book/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# -- one build of the testroot ----------------------------------------------------------


class Built:
    """The output of one finished build."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.app = app
        self.outdir = Path(app.outdir)
        self.warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())

    def page(self, path: str) -> BeautifulSoup:
        """``path`` as served: ``""`` is the cover, ``camp/day1/`` a chapter."""
        return BeautifulSoup((self.outdir / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    def article(self, path: str) -> BeautifulSoup:
        return self.page(path).select_one("article.bd-article")


def build(srcdir: Path, builddir: Path, **confoverrides: object) -> Built:
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=builddir, confoverrides=confoverrides, status=StringIO(), warning=StringIO())
    try:
        app.build()
        return Built(app)
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Iterator[Built]:
    srcdir = tmp_path_factory.mktemp("browsing") / "src"
    shutil.copytree(ROOTS / "test-browsing", srcdir)
    yield build(srcdir, srcdir.parent / "build")


def card_summary(card) -> tuple[str, str, str]:
    """(title, link, thumbnail src or "" for a card of text alone) of one card."""
    link = card.select_one("a.sd-stretched-link")
    image = card.select_one("img.sd-card-img-top")
    assert (image is None) == ("daybook-card-text" in card["class"])
    visual = image["src"] if image else ""
    return card.select_one(".sd-card-title").get_text(strip=True), link["href"], visual


def test_build_has_no_warnings(built):
    assert "WARNING" not in built.warnings and "ERROR" not in built.warnings, built.warnings


def test_cover_shows_title_description_and_each_part_as_cards(built):
    article = built.article("")
    assert article.h1.get_text(strip=True).rstrip("#") == "테스트 책"
    # the description is text, never markup
    assert article.select_one(".daybook-description").get_text() == "하루하루의 기록 <b>굵게</b> & 그 밖의 것"
    assert article.select_one(".daybook-description b") is None
    headings = article.select("h2.daybook-part-heading a")
    # the larger part first (issue 23: by size when daybook_part_order is not set)
    assert [(a.get_text(strip=True), a["href"]) for a in headings] == [("⛺ Boostcamp", "boostcamp/"), ("독서", "독서/")]
    grids = article.select(".daybook-cards")
    assert len(grids) == 2
    assert [card_summary(c) for c in grids[1].select(".sd-card")] == [("책 읽기 노트", "notes/reading/", "")]
    assert [card_summary(c) for c in grids[0].select(".sd-card")] == [
        ("DAY 1. 첫날 <script>alert(1)</script>", "camp/day1/", "_images/day1.png"),
        ("DAY 2. 둘째 날", "camp/day2/", "_images/day2.png"),
        ("DAY 3. 셋째 날", "camp/day3/", ""),
    ]
    assert article.find("script") is None
    # the whole card is the link; the date is on it
    first = grids[0].select_one(".sd-card")
    assert "sd-card-hover" in first["class"] and "sd-hide-link-text" in first.select_one("a")["class"]
    assert first.select_one(".daybook-date").get_text(strip=True) == "2021년 1월 18일"
    for src in article.select("img"):
        assert (built.outdir / src["src"]).is_file()
    # the toctrees are hidden: the reader sees cards, not lists
    assert article.select(".toctree-wrapper li") == []
    shortcuts = [(a.get_text(strip=True), a["href"]) for a in article.select(".daybook-shortcuts a")]
    assert shortcuts == [("전체 글", "archive/"), ("태그", "tags/"), ("피드 (Atom)", BASE + "feed.xml")]


def test_sidebar_follows_the_hidden_toctrees(built):
    nav = built.page("").select_one(".bd-sidebar-primary")
    captions = [c.get_text(strip=True) for c in nav.select("p.caption")]
    assert captions == ["⛺ Boostcamp", "독서", "더 보기"]
    links = [a.get_text(strip=True) for a in nav.select("a.reference")]
    for reachable in ["전체 글", "태그", "소개"]:
        assert reachable in links
    # each part's page is linked once, at the end of its own list, not again under "더 보기"
    for caption, part_page in (("독서", "독서/"), ("⛺ Boostcamp", "boostcamp/")):
        listing = next(c for c in nav.select("p.caption") if c.get_text(strip=True) == caption).find_next_sibling("ul")
        assert listing.select("li")[-1].a["href"] == part_page
        assert [a["href"] for a in nav.select("a.reference")].count(part_page) == 1
    # on the part page, its link is the current entry
    part = built.page("boostcamp").select_one(".bd-sidebar-primary")
    assert [a["href"] for a in part.select("li.current > a")] == ["#"]
    # a chapter's sidebar opens its own part: each of its chapters once
    chapter = built.page("camp/day2").select_one(".bd-sidebar-primary")
    links = [a.get_text(strip=True) for a in chapter.select("a.reference")]
    assert links.count("DAY 1. 첫날 <script>alert(1)</script>") == 1  # never in two toctrees


def test_part_page_lists_its_chapters_as_cards(built):
    article = built.article("boostcamp")
    assert article.h1.get_text(strip=True).rstrip("#") == "⛺ Boostcamp"
    assert article.select_one(".daybook-part-count").get_text(strip=True) == "3개의 글"
    assert [card_summary(c) for c in article.select(".sd-card")] == [
        ("DAY 1. 첫날 <script>alert(1)</script>", "../camp/day1/", "../_images/day1.png"),
        ("DAY 2. 둘째 날", "../camp/day2/", "../_images/day2.png"),
        ("DAY 3. 셋째 날", "../camp/day3/", ""),
    ]


def test_archive_lists_every_chapter_by_year_and_month_newest_first(built):
    article = built.article("archive")
    headings = [(h.name, h.get_text(strip=True)) for h in article.select("h2.rubric, h3.rubric")]
    assert headings == [("h2", "2021년"), ("h3", "2월"), ("h3", "1월"), ("h2", "2020년"), ("h3", "12월")]
    rows = []
    for item in article.select(".daybook-chapter-list > li"):
        links = item.select("a")
        rows.append((item.select_one(".daybook-date").get_text(strip=True), links[0].get_text(strip=True), links[1].get_text(strip=True)))
    assert rows == [
        ("2021년 2월 1일", "DAY 3. 셋째 날", "⛺ Boostcamp"),
        ("2021년 1월 19일", "DAY 2. 둘째 날", "⛺ Boostcamp"),
        ("2021년 1월 18일", "DAY 1. 첫날 <script>alert(1)</script>", "⛺ Boostcamp"),
        ("2020년 12월 24일", "책 읽기 노트", "독서"),
    ]


def test_tags_have_pages_and_chapters_list_their_tags(built):
    index = built.article("tags")
    assert [a.get_text(strip=True) for a in index.select(".daybook-tag-list a")] == ["#파이썬", "#회고"]
    assert "(2)" in index.select_one(".daybook-tag-list li").get_text()
    tagged = built.article("tags/파이썬")
    assert [a.get_text(strip=True) for a in tagged.select(".daybook-chapter-list li > p > a")] == [
        "DAY 1. 첫날 <script>alert(1)</script>",
        "DAY 2. 둘째 날",
    ]
    on_chapter = built.article("camp/day1").select(".daybook-tags a")
    assert [(a.get_text(strip=True), a["href"]) for a in on_chapter] == [("#파이썬", "../../tags/파이썬/"), ("#회고", "../../tags/회고/")]


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_chapter_has_open_graph_and_twitter_meta(built):
    head = built.page("camp/day1").head
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:title") == "DAY 1. 첫날 <script>alert(1)</script>"
    assert meta(head, "og:description") == '첫날의 "설명" <b>태그</b> & 앰퍼샌드'
    assert meta(head, "description") == '첫날의 "설명" <b>태그</b> & 앰퍼샌드'
    assert len(head.find_all("meta", attrs={"name": "description"})) == 1
    assert meta(head, "og:url") == BASE + "camp/day1/"
    assert meta(head, "og:image") == BASE + "_images/day1.png"
    assert (built.outdir / "_images/day1.png").is_file()
    assert meta(head, "article:published_time") == "2021-01-18T09:00:00+00:00"
    assert meta(head, "article:section") == "⛺ Boostcamp"
    assert [m["content"] for m in head.find_all("meta", attrs={"property": "article:tag"})] == ["파이썬", "회고"]
    assert meta(head, "twitter:card") == "summary_large_image"
    assert head.find("script", string=re.compile("alert")) is None


def test_chapter_has_the_book_theme_chrome_once(built):
    html = (built.outdir / "camp/day1/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    # sphinx-book-theme has no header bar; pydata-sphinx-theme 0.20 would add a page-wide search field
    assert page.select(".bd-header .search-button-field, .bd-header template") == []
    # the JavaScript-only controls wait in their places for chrome.js, which holds the theme's markup
    assert len(page.select('.bd-sidebar-primary template[data-daybook="search-field"]')) == 1
    assert len(page.select('.article-header-buttons template[data-daybook="theme-switch"]')) == 1
    assert len(page.select('#pst-search-dialog template[data-daybook="search-form"]')) == 1
    assert page.select(".search-button-field, .theme-switch-container, #pst-search-dialog form") == []
    script = page.find("script", src=re.compile(r"_static/daybook/chrome\.js\?v=\w+$"))
    assert script is not None and script.find_next("script")["src"].startswith("../../_static/scripts/bootstrap.js")
    chrome = (built.outdir / "_static/daybook/chrome.js").read_text(encoding="utf-8")
    for control in ("theme-switch-container", "search-button-field", "pst-js-only", 'action=\\"daybook-search-page-url\\"'):
        assert control in chrome
    # no print-only copy of the title and contents: one h1
    assert page.select("#jb-print-docs-body") == [] and len(page.select("h1")) == 1
    assert page.select_one("article.bd-article h1").get_text(strip=True).startswith("DAY 1")
    # pydata-sphinx-theme's head through daybook's template: no third viewport tag (Sphinx's layout and
    # docutils write one each), no empty version; through daybook's templates/static/webpack-macros.html,
    # no Font Awesome script and no preloads of the theme's two scripts (the page's end loads them)
    assert len(page.find_all("meta", attrs={"name": "viewport"})) == 2
    assert page.find_all("link", rel="preload") == []
    assert page.find("script", src=re.compile("fontawesome")) is None
    assert page.find("meta", attrs={"name": "docsearch:version"}) is None
    assert page.find("script", src=re.compile("searchindex")) is None
    assert page.find("script", src=re.compile("bootstrap.js")) is not None
    # the footer's byline reads as Korean (the book theme's catalog wrote "으로 부캠러")
    assert page.select_one(".component-author").get_text(strip=True) == "지은이 부캠러"
    # the theme's words in Korean, also those its catalogs leave in English
    assert page.select_one("h1 a.headerlink")["title"] == "이 제목을 가리키는 링크"
    assert page.select_one(".primary-toggle.btn")["title"] == "목록 열고 닫기"
    assert page.select_one("#pst-skip-link a").get_text() == "본문으로 건너뛰기"
    assert page.select_one("a.right-next")["title"] == "다음 글"
    controls = "".join(json.loads(re.search(r"const controls = (\{.*\});", chrome)[1]).values())
    for words in ("색 모드", "밝게", "어둡게", "시스템 설정대로", "검색어 입력…"):
        assert words in controls
    english = [w for w in ("Color mode", "System Settings", "Toggle", "Link to this", "Search...") if w in html + chrome]
    assert english == []
    # daybook's own markup (the sidebar) is written without indentation; the theme's is as its templates write it
    sidebar = str(page.select_one("nav.bd-docs-nav"))
    assert sidebar.count("<li") > 5 and not re.search(r"\n[ \t]+<", sidebar)


def test_a_page_loads_only_the_styles_and_scripts_of_what_it_holds(built):
    def assets(path: str) -> set[str]:
        head = built.page(path).head
        found = {tag["href"] for tag in head.find_all("link", rel="stylesheet")}
        found |= {tag["src"] for tag in head.find_all("script", src=True)}
        return {re.sub(r"^(\.\./)*_static/", "", name).split("?")[0] for name in found}

    chapter, cover, archive = assets("camp/day1"), assets(""), assets("archive")
    assert not {"daybook/cards.css", "sphinx-design.min.css", "design-tabs.js"} & chapter
    assert "daybook/daybook.css" in chapter and "daybook/zoom.js" in chapter
    assert {"daybook/cards.css", "sphinx-design.min.css"} <= cover and "design-tabs.js" not in cover
    assert "daybook/cards.css" in archive
    # a post with sphinx-design's tabs gets their script and styles
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from daybook.writing.theme import page_assets

    def builder_assets() -> dict[str, list[str]]:
        return {"css_files": ["_static/sphinx-design.min.css"], "script_files": ["_static/design-tabs.js", "x.js"]}

    def article(*classes: str) -> nodes.document:
        doctree = new_document("post.md", get_default_settings(Parser))
        doctree += nodes.paragraph("", "", nodes.inline("", "탭", classes=list(classes)))
        return doctree

    context = builder_assets()
    page_assets(built.app, "camp/day1", "page.html", context, article("sd-tab-set", "docutils"))
    assert context == builder_assets()
    context = builder_assets()
    scripts = context["script_files"]
    page_assets(built.app, "camp/day1", "page.html", context, article("docutils"))
    assert context["css_files"] == [] and context["script_files"] == ["x.js"]
    # the builder's own list: what the theme's handlers add to it for this page stays
    assert context["script_files"] is scripts


def test_description_falls_back_to_the_first_paragraph(built):
    head = built.page("camp/day2").head
    assert meta(head, "og:description") == "💡 둘째 날 인용으로 시작하는 요약 문단."
    plain = built.page("camp/day3").head
    assert meta(plain, "og:description") == "썸네일 없는 셋째 날."
    assert meta(plain, "og:image") is None and meta(plain, "twitter:card") == "summary"
    assert meta(built.page("").head, "og:type") == "website"


def test_every_page_links_the_feed(built):
    pages = sorted(p for p in built.outdir.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) > 10
    for path in pages:
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        links = head.find_all("link", attrs={"rel": "alternate", "type": "application/atom+xml"})
        assert [link["href"] for link in links] == [BASE + "feed.xml"], path


def test_feed_lists_the_latest_chapters_for_a_feed_reader(built):
    parsed = feedparser.parse((built.outdir / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "테스트 책"
    assert parsed.feed.links[0].href == BASE + "feed.xml"
    # daybook_feed_length = 3 in the testroot: the oldest chapter is left out
    assert [e.title for e in parsed.entries] == ["DAY 3. 셋째 날", "DAY 2. 둘째 날", "DAY 1. 첫날 <script>alert(1)</script>"]
    assert [e.link for e in parsed.entries] == [BASE + "camp/day3/", BASE + "camp/day2/", BASE + "camp/day1/"]
    assert [e.published_parsed[:3] for e in parsed.entries] == [(2021, 2, 1), (2021, 1, 19), (2021, 1, 18)]
    assert {t.term for t in parsed.entries[0].tags} == {"⛺ Boostcamp"}
    assert parsed.entries[1].summary == "💡 둘째 날 인용으로 시작하는 요약 문단."
    assert parsed.entries[2].summary == '첫날의 "설명" <b>태그</b> & 앰퍼샌드'


def test_sitemap_lists_every_page_and_no_draft(built):
    root = ElementTree.fromstring((built.outdir / "sitemap.xml").read_bytes())
    locs = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert len(locs) == len(set(locs))
    for path in ["", "camp/day1/", "camp/day2/", "camp/day3/", "notes/reading/", "about/", "archive/", "boostcamp/", "tags/"]:
        assert BASE + path in locs
    assert absolute_url(BASE, "tags/파이썬/") in locs
    assert not any("draft" in loc for loc in locs)


def test_not_found_page_works_from_any_address(built):
    page = BeautifulSoup((built.outdir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert "페이지를 찾을 수 없습니다" in page.select_one("article").get_text()
    assert page.select_one("article a")["href"] == "/book/"
    # served at any depth: every stylesheet is an absolute path
    assert all(link["href"].startswith(("/book/", "https://")) for link in page.find_all("link", rel="stylesheet"))


def test_a_draft_reaches_no_output_file(built):
    leaked = []
    for path in built.outdir.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name == "objects.inv":
            data = zlib.decompress(data.split(b"\n", 4)[4])
        for secret in (b"XYZZYDRAFT", b"day4-draft"):
            if secret in data:
                leaked.append(f"{path.relative_to(built.outdir)}: {secret!r}")
    assert leaked == []


def test_without_a_base_url_no_feed_or_sitemap_and_no_warning(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", srcdir)
    result = build(srcdir, tmp_path / "build", html_baseurl="")
    assert "WARNING" not in result.warnings, result.warnings
    assert not (result.outdir / "feed.xml").exists() and not (result.outdir / "sitemap.xml").exists()
    head = result.page("camp/day1").head
    assert head.find("link", attrs={"type": "application/atom+xml"}) is None
    assert meta(head, "og:image") is None
    assert result.article("").select(".daybook-shortcuts a")[-1].get_text(strip=True) == "태그"
    assert (result.outdir / "404.html").is_file()


def test_the_cover_shows_the_first_chapters_of_a_long_part_then_its_page(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", srcdir)
    result = build(srcdir, tmp_path / "build", daybook_cover_cards=2)
    assert "WARNING" not in result.warnings, result.warnings
    article = result.article("")
    grids = article.select(".daybook-cards")
    # in book order, two of the three; the short part as it is, without a link
    assert [card_summary(c)[1] for c in grids[0].select(".sd-card")] == ["camp/day1/", "camp/day2/"]
    assert [card_summary(c)[1] for c in grids[1].select(".sd-card")] == ["notes/reading/"]
    more = article.select(".daybook-part-more a")
    assert [(a.get_text(strip=True), a["href"]) for a in more] == [("3개의 글 모두 보기", "boostcamp/")]
    # the part page and the book's navigation keep every chapter
    assert len(result.article("boostcamp").select(".sd-card")) == 3
    assert result.page("camp/day2").select_one("a.right-next")["href"] == "../day3/"


def test_a_bad_thumbnail_is_one_warning_and_a_placeholder_card(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", srcdir)
    post = srcdir / "camp" / "day3.md"
    post.write_text(post.read_text(encoding="utf-8").replace("category:", "thumbnail: ./img/missing.png\ncategory:"), encoding="utf-8")
    result = build(srcdir, tmp_path / "build")
    found = [line for line in result.warnings.splitlines() if "WARNING" in line]
    assert len(found) == 1 and "day3.md" in found[0] and "missing.png" in found[0], found
    cards = result.article("").select(".daybook-cards")[0].select(".sd-card")
    assert card_summary(cards[-1]) == ("DAY 3. 셋째 날", "camp/day3/", "")
    assert meta(result.page("camp/day3").head, "og:image") is None


def test_parallel_build_gives_the_same_pages_feed_and_meta(built, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=tmp_path / "build", parallel=2, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    outdir = Path(app.outdir)
    for name in ["feed.xml", "sitemap.xml", "index.html", "archive/index.html", "camp/day2/index.html"]:
        assert (outdir / name).read_bytes() == (built.outdir / name).read_bytes(), name


def test_the_author_introduction_comes_before_the_cards(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", srcdir)
    (srcdir / "index.md").write_text(
        "# 나의 책\n\n머리말 문단.\n\n```{daybook-cover}\n```\n\n맺음말 문단.\n", encoding="utf-8"
    )
    result = build(srcdir, tmp_path / "build")
    assert "WARNING" not in result.warnings, result.warnings
    article = result.article("")
    assert article.h1.get_text(strip=True).rstrip("#") == "나의 책"
    blocks = [el.get_text(strip=True) for el in article.select("p, .sd-card-title")]
    assert blocks.index("머리말 문단.") < blocks.index("책 읽기 노트") < blocks.index("맺음말 문단.")
    assert len(article.select(".sd-card")) == 4
