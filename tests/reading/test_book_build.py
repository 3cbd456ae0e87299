"""Building testroots: chapters, parts, titles, bylines, links, images, drafts, bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from daybook import chapter_of, get_book


def html(app, docname: str) -> BeautifulSoup:
    is_index = docname == "index" or docname.endswith("/index")
    path = Path(app.outdir) / (f"{docname}.html" if is_index else f"{docname}/index.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def warnings(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def toctree_parts(app) -> list[tuple[str, list[str]]]:
    """(caption, [titles]) of each part, in the order the cover's toctrees give them.

    The sidebar of a page shows only a window of its own part (test_navigation,
    test_light_browser); the parts themselves are the cover's toctrees.
    """
    from sphinx import addnodes

    parts = []
    for toctree in app.env.get_doctree("index").findall(addnodes.toctree):
        titles = [app.env.titles[docname].astext() for _, docname in toctree["entries"]]
        parts.append((toctree["caption"], titles))
    return parts


@pytest.mark.sphinx("dirhtml", testroot="flat", freshenv=True)
def test_flat_layout_builds_day_ordered_parts(app):
    app.build()
    # the larger part first (issue 23: by size when daybook_part_order is not set)
    assert toctree_parts(app) == [
        (
            "⛺ Boostcamp",
            ["⛺ DAY 1. 시작", "DAY 2. 둘째 날", "Day 10: 열흘째", "DAY 10. 보충 수업", "⛺ DAY 100. 마지막 날", "부스트캠프 회고"],
        ),
        ("React", ["선언적 에러 처리", "React Hooks 정리"]),
        # part pages are linked from their own lists in the sidebar, not from the toctree
        ("더 보기", ["소개", "전체 글", "태그"]),
    ]
    # the blog's URLs are kept
    out = Path(app.outdir)
    for docname in ["boostcamp/day1-20210118", "boostcamp/day100-20210430", "react/error-handling", "about"]:
        assert (out / docname / "index.html").is_file()
    # the only warnings are the true ones: a missing image, a draft and a missing post linked
    found = warnings(app)
    assert len(found) == 3, found
    assert any("day2-20210119.md:23" in w and "missing.png" in w for w in found)
    assert any("day2-20210119.md:14" in w and "day3-20210120" in w and "[daybook.post_link]" in w for w in found)
    assert any("day2-20210119.md:15" in w and "day99-20210999" in w for w in found)
    assert not any("Document headings start at H2" in w or "myst.header" in w for w in found)


@pytest.mark.sphinx("dirhtml", testroot="flat")
def test_front_matter_title_is_the_chapter_title_everywhere(app):
    app.build()
    page = html(app, "boostcamp/day1-20210118")
    assert page.title.get_text().startswith("⛺ DAY 1. 시작")
    assert page.select_one("article h1").get_text(strip=True).rstrip("#") == "⛺ DAY 1. 시작"
    # the post's H2s are sections under it
    assert [h.get_text(strip=True).rstrip("#") for h in page.select("article h2")] == ["시작", "👉 피어 세션"]
    current = page.select_one(".bd-sidebar-primary li.current > a")
    assert current.get_text(strip=True) == "⛺ DAY 1. 시작"
    prev_next = html(app, "boostcamp/day2-20210119").select(".prev-next-area a")
    assert [a.select_one(".prev-next-title").get_text(strip=True) for a in prev_next] == [
        "⛺ DAY 1. 시작",
        "Day 10: 열흘째",
    ]
    # the title is text, even when it looks like markup
    assert html(app, "boostcamp/day10-20210129").select_one("article h1").get_text(strip=True).rstrip("#") == "Day 10: 열흘째"


@pytest.mark.sphinx("dirhtml", testroot="flat")
def test_typed_metadata_api(app):
    import datetime as dt

    app.build()
    book = get_book(app.env)
    day1 = chapter_of(app.env, "boostcamp/day1-20210118")
    assert day1.title == "⛺ DAY 1. 시작"
    assert day1.date == dt.datetime(2021, 1, 18, 10, 0)
    assert day1.category == "⛺ Boostcamp"
    assert day1.thumbnail == "./img/1-thumbnail.png"
    assert day1.draft is False and day1.day == 1
    assert chapter_of(app.env, "boostcamp/day2-20210119").date == dt.datetime(2021, 1, 19, 9, 5)
    assert chapter_of(app.env, "boostcamp/day2-20210119").tags == ("파이썬", "회고")
    assert chapter_of(app.env, "react/hooks").description == "훅을 정리한 글"
    assert chapter_of(app.env, "boostcamp/day100-20210430").date.utcoffset() == dt.timedelta(hours=9)
    assert chapter_of(app.env, "about") is None and "about" in book.pages
    assert chapter_of(app.env, "boostcamp/day3-20210120") is None  # a draft


@pytest.mark.sphinx("dirhtml", testroot="flat")
def test_byline_in_korean(app):
    app.build()
    byline = html(app, "boostcamp/day1-20210118").select_one("article .daybook-byline")
    assert byline.select_one(".daybook-date").get_text() == "2021년 1월 18일"
    assert byline.select_one(".daybook-category").get_text() == "⛺ Boostcamp"
    assert byline.select_one(".daybook-category a")["href"] == "../"
    assert byline.select_one(".daybook-day").get_text() == "DAY 1"
    assert re.fullmatch(r"\d+분 읽기", byline.select_one(".daybook-reading-time").get_text())
    tags = html(app, "boostcamp/day2-20210119").select("article .daybook-tag a")
    assert [(a.get_text(), a["href"]) for a in tags] == [("#파이썬", "../../tags/파이썬/"), ("#회고", "../../tags/회고/")]


@pytest.mark.sphinx("dirhtml", testroot="flat")
def test_links_between_posts_resolve_like_gatsby(app):
    app.build()
    article = html(app, "boostcamp/day2-20210119").select_one("article")
    links = {a.get_text(strip=True): a.get("href") for a in article.select("a")}
    assert links["첫날"] == "../day1-20210118/"
    assert links["첫날 시작"].startswith("../day1-20210118/#")
    assert links["열흘"] == "../day10-20210129/"
    assert links["마지막"] == "../day100-20210430/"
    assert "셋째 날" not in links and "아흐레" not in links
    dead = [span.get_text() for span in article.select(".daybook-dead-link")]
    assert dead == ["셋째 날", "아흐레"]
    assert not article.select('a[href^="#.."]') and not article.select('a[href*="day3-20210120"]')
    # a full address on the blog's own domain, from the last day back to the first
    back = html(app, "boostcamp/day100-20210430").select_one("article").find("a", string="DAY 1")
    assert back["href"] == "../day1-20210118/"


@pytest.mark.sphinx("dirhtml", testroot="flat")
def test_images_and_thumbnails_are_copied_and_inline_html_kept(app):
    app.build()
    images = sorted(p.name for p in (Path(app.outdir) / "_images").iterdir())
    assert images == ["1-thumbnail.png", "14-lstm.png"]
    article = html(app, "boostcamp/day2-20210119").select_one("article")
    assert [u.get_text() for u in article.find_all("u")] == ["밑줄 친 문장", "대문자 태그로 연 밑줄"]
    # the thumbnail is carried for copying but not drawn in the chapter
    assert not html(app, "boostcamp/day1-20210118").select("article img.daybook-thumbnail")


@pytest.mark.sphinx("dirhtml", testroot="flat")
def test_drafts_leave_no_byte_in_any_output(app):
    app.build()
    out = Path(app.outdir)
    for path in out.rglob("*"):
        assert "day3-20210120" not in str(path) and "비밀태그" not in str(path)
        if path.is_file():
            data = path.read_bytes()
            # its body, title, tag and image (a published post may link to it by name)
            for word in ("비밀캐너리", "아직 쓰는 중", "비밀태그", "3-draft-only"):
                assert word.encode() not in data, (word, path)


@pytest.mark.sphinx(
    "dirhtml", testroot="flat", confoverrides={"daybook_drafts": True}, srcdir="flat-with-drafts"
)
def test_drafts_when_asked_for_carry_a_badge(app):
    app.build()
    page = html(app, "boostcamp/day3-20210120")
    assert page.select_one("article .daybook-draft-badge").get_text() == "초안"
    assert "비밀캐너리" in page.select_one("article").get_text()
    assert "⛺ Boostcamp" in dict(toctree_parts(app))
    assert "DAY 3. 아직 쓰는 중" in dict(toctree_parts(app))["⛺ Boostcamp"]


@pytest.mark.sphinx("dirhtml", testroot="folders", freshenv=True)
def test_folder_layout(app):
    app.build()
    assert toctree_parts(app)[:2] == [
        ("노트", ["노트 둘째 주"]),
        ("일기", ["day-05 첫날", "일곱째 날", "여덟째 날 일기"]),
    ]
    assert (Path(app.outdir) / "diary/day7/index.html").is_file()
    assert [c.day for c in get_book(app.env).chapters] == [14, 5, 7, 8]
    first = html(app, "diary/first-day/index").select_one("article")
    assert first.find("a", string="일곱째 날")["href"] == "../day7/"
    assert html(app, "diary/day7/index").select_one("article").find("a", string="첫날")["href"] == "../first-day/"
    assert (Path(app.outdir) / "_images/cover.png").is_file()
    assert warnings(app) == []


EXPECTED_BAD_INPUT = {
    "cp949.md:2": "daybook.encoding",
    "bad-date.md:4": "daybook.date",
    "bad-yaml.md:2": "daybook.yaml",
    "dict-title.md:3": "daybook.field",
    "list-category.md:4": "daybook.field",
    "no-title.md:1": "daybook.title",
    "python-tag.md:2": "daybook.yaml_tag",
    "unclosed.md:1": "daybook.front_matter",
}


@pytest.mark.sphinx("dirhtml", testroot="badinput", freshenv=True)
def test_each_bad_input_is_one_warning_and_the_book_still_builds(app):
    app.build()
    found = warnings(app)
    assert len(found) == len(EXPECTED_BAD_INPUT), found
    for where, subtype in EXPECTED_BAD_INPUT.items():
        matching = [w for w in found if f"posts/{where}:" in w]
        assert len(matching) == 1 and f"[{subtype}]" in matching[0], (where, found)
    out = Path(app.outdir)
    # every post but the undecodable one and those whose front matter cannot be
    # read (they may be drafts) is built; BOM and CRLF simply work
    built = sorted(p.parent.name for p in (out / "posts").glob("*/index.html"))
    assert built == sorted(["bad-date", "bom", "crlf", "dict-title", "good", "list-category", "no-title", "python-tag"])
    for private in ("bad-yaml", "unclosed"):
        assert "kept private" in next(w for w in found if f"posts/{private}.md:" in w)
    assert html(app, "posts/bom").select_one("article h1").get_text(strip=True).rstrip("#") == "BOM으로 시작하는 글"
    assert html(app, "posts/crlf").select_one("article h1").get_text(strip=True).rstrip("#") == "CRLF 줄바꿈 글"
    assert chapter_of(app.env, "posts/crlf").category == "일지"
    assert chapter_of(app.env, "posts/list-category").category == "일지"
    # impossible date: still a chapter, without a date
    assert chapter_of(app.env, "posts/bad-date").date is None
    # invalid front matter: left out like a draft, its text nowhere
    assert "posts/bad-yaml" in get_book(app.env).drafts_left_out
    assert not any("콜론" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert not (out / "posts/cp949").exists()
    assert "echo pwned" not in (out / "posts/python-tag/index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("dirhtml", testroot="flat", srcdir="flat-parallel-book", parallel=2)
def test_a_parallel_build_keeps_the_whole_book_for_the_next_build(app):
    """Parallel readers run in other processes; the book the main process made stays whole."""
    app.build()
    chapters = [c.docname for c in get_book(app.env).chapters]
    assert "boostcamp/day100-20210430" in chapters and "react/error-handling" in chapters
    app.build()  # a no-op rebuild in the same environment
    assert [c.docname for c in get_book(app.env).chapters] == chapters


@pytest.mark.sphinx("dirhtml", testroot="flat")
def test_listings_of_chapters_are_not_search_hits(app):
    import json

    app.build()
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docnames = index["docnames"]

    def pages(term: str) -> set[str]:
        found = set()
        for key in ("terms", "titleterms"):
            hits = index[key].get(term, [])
            found |= {docnames[i] for i in ([hits] if isinstance(hits, int) else hits)}
        return found

    # the cover, the part page and the archive list DAY 10's title "Day 10: 열흘째"
    # and must not answer for it; the chapter must
    found = pages("흘째")
    assert "boostcamp/day10-20210129" in found
    assert not found & {"index", "boostcamp/index", "archive"}


@pytest.mark.sphinx("dirhtml", testroot="flat", srcdir="flat-generated-sources")
def test_generated_pages_offer_no_source(app):
    """Cover, part pages, archive and tags have no source a reader could want, and the
    output never tells where daybook or the posts sit on the build machine."""
    import json

    import daybook

    app.build()
    out = Path(app.outdir)
    generated = get_book(app.env).generated
    assert "index" in generated and "archive" in generated
    sources = sorted(p.relative_to(out / "_sources").as_posix() for p in (out / "_sources").rglob("*") if p.is_file())
    assert "boostcamp/day1-20210118.md" in sources
    assert not [s for s in sources if s.split(".")[0] in generated or "generated" in s]
    cover = html(app, "index")
    assert cover.select(".dropdown-download-buttons") == []
    chapter = html(app, "boostcamp/day1-20210118")
    assert chapter.select_one(".btn-download-source-button")["href"].endswith("_sources/boostcamp/day1-20210118.md")
    index = (out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    files = dict(zip(data["docnames"], data["filenames"]))
    assert files["index"] == "" and files["archive"] == ""
    assert files["boostcamp/day1-20210118"] == "boostcamp/day1-20210118.md"
    package = str(Path(daybook.__file__).parent)
    leaks = [
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.suffix in (".html", ".js", ".xml", ".txt")
        and (package.encode() in p.read_bytes() or str(app.srcdir).encode() in p.read_bytes())
    ]
    assert leaks == []
