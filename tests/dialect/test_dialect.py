"""The Gatsby Markdown dialect, built: a testroot written the blog's way."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parents[1] / "roots"


@dataclass(frozen=True)
class Built:
    outdir: Path
    warnings: str


def build(srcdir: Path, **kwargs: object) -> Built:
    """Build ``srcdir`` once (dirhtml); the output and warnings outlive the app."""
    app = SphinxTestApp(
        "dirhtml", srcdir=srcdir, builddir=srcdir.parent / "build", status=StringIO(), warning=StringIO(), **kwargs
    )
    try:
        app.build()
        return Built(Path(app.outdir), re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()))
    finally:
        app.cleanup()


def page(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / docname / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article.bd-article")
    assert found is not None
    return found


def visible_text(node: Tag) -> str:
    """Text a reader sees: the TeX kept for copy and paste is not shown."""
    copy = BeautifulSoup(str(node), "html.parser")
    for hidden in copy.select("annotation"):
        hidden.decompose()
    return copy.get_text()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Iterator[Built]:
    srcdir = tmp_path_factory.mktemp("dialect") / "src"
    shutil.copytree(ROOTS / "test-dialect", srcdir)
    yield build(srcdir)


def test_the_dialect_builds_without_a_single_warning(built):
    assert built.warnings.strip() == ""


def test_math_is_mathml_and_no_dollar_sign_is_left(built):
    body = article(page(built, "posts/math-and-boxes"))
    formulas = body.select("math")
    assert len(formulas) == 4
    assert [m["display"] for m in formulas] == ["inline", "block", "block", "block"]
    text = visible_text(body)
    assert "$" not in text
    assert "\\sum" not in text and "\\left" not in text
    # TeX kept beside the MathML, hidden, for copy and paste
    assert formulas[1].select_one('annotation[encoding="application/x-tex"]').get_text().startswith("XY =")
    # \left( … \right) stretches; aligned became a table of two rows
    assert formulas[1].select('mo[stretchy="true"]')
    assert len(formulas[3].select("mtr")) == 2
    # display math inside a line of text stays inside its paragraph
    inline_display = formulas[2].find_parent(class_="daybook-math-display")
    assert inline_display.name == "span" and inline_display.find_parent("p") is not None


def test_no_mathjax_and_no_cdn(built):
    soup = page(built, "posts/math-and-boxes")
    sources = [s.get("src", "") for s in soup.select("script")] + [l.get("href", "") for l in soup.select("link")]
    assert not [s for s in sources if "mathjax" in s.lower() or s.startswith(("http:", "https:", "//"))]
    assert any("daybook/dialect.css" in s for s in sources)


def test_markdown_inside_markdown_1_html(built):
    body = article(page(built, "posts/math-and-boxes"))
    box = body.select_one(".quote-block .quote-block__content")
    assert box is not None
    assert box.select_one("strong").get_text() == "컴파일러"
    assert box.select_one("em").get_text() == "인터프리터"
    assert body.select_one(".quote-block__emoji").get_text() == "💡"
    assert "markdown" not in str(body.select_one(".quote-block"))  # the attribute is not written
    assert "**" not in visible_text(body)


def test_details_stay_collapsible_with_markdown_inside(built):
    details = article(page(built, "posts/math-and-boxes")).select_one("details")
    assert details is not None and not details.has_attr("open")
    assert details.select_one("summary > strong").get_text() == "📌 그라운드 룰"
    assert [" ".join(li.get_text().split()) for li in details.select("ul > li")] == ["시간 약속 지키기", "서로 존중하기"]
    assert details.select_one("li strong").get_text() == "시간 약속"


def test_inline_html_is_kept(built):
    body = article(page(built, "posts/math-and-boxes"))
    assert body.select_one("small").get_text() == "작은 글씨"
    assert body.select_one("u").get_text() == "밑줄"
    assert body.select_one("br") is not None
    assert body.select_one(".daybook-strike").get_text() == "취소선"


def test_github_markdown_task_lists_and_bare_links(built):
    body = article(page(built, "posts/math-and-boxes"))
    boxes = body.select('li input[type="checkbox"]')
    assert [b.has_attr("checked") for b in boxes] == [True, False]
    assert body.select_one('a[href="https://example.org/boostcamp"]') is not None
    assert "tex2jax_ignore" not in str(body)


def test_iframe_and_img_keep_their_sizes(built):
    body = article(page(built, "posts/math-and-boxes"))
    frame = body.select_one("iframe")
    assert frame["src"] == "https://www.youtube.com/embed/dQw4w9WgXcQ"
    assert (frame["width"], frame["height"]) == ("560", "315")
    image = body.select_one('img[alt="점 하나"]')
    assert (image["width"], image["height"]) == ("120", "80")
    assert (Path(built.outdir) / "_images" / "pixel.png").is_file()


def test_heading_anchors_are_the_blog_slugs(built):
    body = article(page(built, "posts/math-and-boxes"))
    ids = [section["id"] for section in body.select("section")]
    assert ids == [
        "day-9-행렬과-벡터",
        "벡터",
        "벡터-1",
        "브랜디-코드네임b-코딩대회",
        "특강-3-캐글-그랜드마스터의-경진대회-노하우-대방출",
        "-피어-세션",
    ]
    permalinks = [a["href"] for a in body.select("h2 > a.headerlink")]
    assert permalinks == ["#벡터", "#벡터-1", "#특강-3-캐글-그랜드마스터의-경진대회-노하우-대방출", "#-피어-세션"]
    assert not [a for a in body.select("a.headerlink") if re.fullmatch(r"#id\d+", a["href"])]


def test_in_page_links_land_on_the_headings(built):
    body = article(page(built, "posts/math-and-boxes"))
    links = {a.get_text(): a["href"] for a in body.select("p a.reference.internal")}
    assert links["위의 벡터"] == "#벡터"
    assert links["두 번째"] == "#벡터-1"
    assert links["브랜디 대회"] == "#브랜디-코드네임b-코딩대회"
    ids = {tag["id"] for tag in body.select("[id]")}
    assert {href[1:] for href in links.values()} <= ids


def test_the_page_contents_use_the_slugs(built):
    soup = page(built, "posts/math-and-boxes")
    toc = [a["href"] for a in soup.select(".bd-toc a.nav-link")]
    assert "#특강-3-캐글-그랜드마스터의-경진대회-노하우-대방출" in toc
    assert "#브랜디-코드네임b-코딩대회" in toc


def test_a_skipped_heading_level_nests_without_a_warning(built):
    body = article(page(built, "posts/math-and-boxes"))
    heading = body.select_one("#브랜디-코드네임b-코딩대회 > h3")
    assert heading is not None
    assert heading.find_parent("section")["id"] == "브랜디-코드네임b-코딩대회"
    assert heading.find_parent("section").find_parent("section")["id"] == "벡터-1"


def _blocks(app) -> list[Tag]:
    return article(page(app, "posts/code")).select('div[class^="highlight-"]')


def _emphasized(block: Tag) -> list[str]:
    return [span.get_text().rstrip("\n") for span in block.select("span.hll")]


def test_prism_fences_emphasize_lines_and_keep_the_language(built):
    blocks = _blocks(built)
    languages = [b["class"][0].removeprefix("highlight-") for b in blocks]
    assert languages == [
        "tsx", "js", "json", "diff", "bash", "jsx", "vue", "text", "text", "python", "js", "js",
    ]
    assert _emphasized(blocks[0]) == ["const b = <div>hi</div>;", "export default b;"]
    assert _emphasized(blocks[1]) == ["let x = 1;", "let z = 3;"]
    assert _emphasized(blocks[2]) == ['  "name": "daybook"']
    # the language is still highlighted: Pygments marked keywords up
    assert blocks[1].select_one("span.kd") is not None
    assert blocks[0].select_one("span.kd, span.k") is not None


def test_fences_all_work_and_unknown_languages_are_plain_text(built):
    blocks = _blocks(built)
    assert blocks[3].select_one("span.gd") is not None and blocks[3].select_one("span.gi") is not None  # diff
    assert blocks[8].get_text().strip() == "+++ unknown language +++"
    assert not blocks[8].select("span[class]:not(.hll)")  # plain: no token classes


def test_prism_line_numbers_titles_and_highlight_comments(built):
    blocks = _blocks(built)
    assert [n.get_text() for n in blocks[9].select(".linenos")] == ["1", "2"]
    title = article(page(built, "posts/code")).select_one(".daybook-code-title")
    assert title.get_text() == "src/app.js"
    assert title.find_next_sibling("div")["class"][0] == "highlight-js"
    assert "highlight-" not in blocks[11].get_text()
    assert _emphasized(blocks[11]) == ["const a = 1;", "const b = 2;"]


# -- bad input: each problem is one warning naming the file and line


def _warnings_of(warnings: str) -> list[str]:
    return [line for line in warnings.splitlines() if "WARNING" in line]


def test_each_bad_formula_or_fence_is_one_warning_with_its_line(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-dialect-problems", srcdir)
    result = build(srcdir)
    warnings = _warnings_of(result.warnings)
    assert len(warnings) == 3, warnings
    bad = str(srcdir / "notes" / "bad.md")
    assert any(w.startswith(f"{bad}:9:") and "cannot typeset" in w and "[daybook.math]" in w for w in warnings)
    assert any(w.startswith(f"{bad}:11:") and "\\foo" in w and "[daybook.math]" in w for w in warnings)
    assert any(w.startswith(f"{bad}:15:") and "'x-y'" in w and "[daybook.fence]" in w for w in warnings)
    assert "Traceback" not in result.warnings
    body = article(page(result, "notes/bad"))
    # the formula that failed is shown as its source, escaped; the others are typeset
    assert body.select_one("code.daybook-math-source").get_text() == "\\left( x"
    assert len(body.select("math")) == 2
    # the fence keeps the lines it could read
    assert len(body.select("div.highlight-js span.hll")) == 1


# -- dates Gatsby published but YAML and Python reject (point 5)


def test_dates_gatsby_accepted_keep_the_post_in_its_place(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-dialect-dates", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=tmp_path / "build", status=StringIO(), warning=StringIO())
    try:
        app.build()
        from daybook.api import get_book

        chapters = [c for part in get_book(app.env).parts for c in part.chapters]
        warnings = _warnings_of(re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()))
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    assert [c.docname for c in chapters] == ["diary/first", "diary/overflow", "diary/unpadded", "diary/last"]
    dates = {c.docname: c.date for c in chapters}
    assert dates["diary/overflow"] == dt.datetime(2020, 4, 5, 21, 5, 16)
    assert dates["diary/unpadded"] == dt.datetime(2020, 4, 6, 9, 5, 3)
    overflow = [w for w in warnings if "overflow.md" in w]
    assert len(overflow) == 1
    assert overflow[0].startswith(f"{srcdir / 'diary' / 'overflow.md'}:3:")
    assert "2020-04-05 21:05:16" in overflow[0]  # the fix: how to write it
    assert all("overflow.md" in w or "unpadded.md" in w for w in warnings)
    byline = BeautifulSoup((outdir / "diary" / "overflow" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert byline.select_one(".daybook-date").get_text() == "2020년 4월 5일"
    links = [a["href"] for a in byline.select(".prev-next-area a")]
    assert links == ["../first/", "../unpadded/"]
