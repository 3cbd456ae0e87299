"""Every warning is true and names its file and line (issue #14).

tests/roots/test-true-warnings holds, post by post, what real Gatsby posts
contain: JSX in ```js, ``!pip`` in ```python, curly quotes in ```json,
directory trees, SQL with Hangul, a post ending with ``---``, missing images
(``![](…)`` without alt text, ``<img>``, a thumbnail), links with no target.
The build's warnings are compared, as a set, with the true ones: each with
its file and line; the false ones (Pygments lexing errors, "Document may not
end with a transition", "cross-reference target not found: ''") are gone.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from daybook.dialect.fences import cleanest_language
from daybook.dialect.links import empty_links_plugin

# the dialect tests' build helpers
sys.path.insert(0, str(Path(__file__).parents[1] / "dialect"))
from test_dialect import ROOTS, Built, article, build, page  # noqa: E402

ROOT = "test-true-warnings"

_WARNING = re.compile(r"^(?P<file>.+?):(?P<line>\d*): WARNING: (?P<message>.*?)(?: \[(?P<type>[\w.]+)\])?$")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Iterator[tuple[Path, Built]]:
    srcdir = tmp_path_factory.mktemp("true-warnings") / "src"
    shutil.copytree(ROOTS / ROOT, srcdir)
    yield srcdir, build(srcdir)


def warnings_of(srcdir: Path, text: str) -> set[tuple[str, str, str, str]]:
    """(file relative to the posts, line, type, message) of every warning; any other line fails."""
    found = set()
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _WARNING.match(line)
        assert match, f"not a warning naming file and line: {line!r}"
        file = Path(match["file"]).relative_to(srcdir).as_posix()
        found.add((file, match["line"], match["type"] or "", match["message"]))
    return found


def _missing(line: int, path: str) -> tuple[str, str, str, str]:
    return ("posts/missing.md", str(line), "image.not_readable", f"image file not readable: posts/{path}")


def _empty(line: int, text: str) -> tuple[str, str, str, str]:
    return ("posts/links.md", str(line), "daybook.empty_link", f"link '{text}' has no target; it is shown as plain text")


#: every warning the testroot deserves, and no other
TRUE_WARNINGS = {
    _missing(5, "img/no-thumbnail.png"),
    _missing(10, "missing.png"),
    _missing(12, "img/missing.png"),
    _missing(14, "img/also-missing.png"),
    _missing(16, "img/inline-missing.png"),
    _missing(18, "img/list-missing.png"),
    _missing(19, "img/list-md-missing.png"),
    _missing(23, "img/div-missing.png"),
    _missing(25, "img/div-md-missing.png"),
    _missing(31, "img/table-missing.png"),
    _missing(32, "img/table-md-missing.png"),
    _missing(34, "img/quote-missing.png"),
    # an <img> inside a larger HTML block is copied too, so its file is missed too
    _missing(36, "img/p-missing.png"),
    _missing(40, "img/details-missing.png"),
    _missing(44, "img/no-alt-missing.png"),
    _missing(46, "img/no-alt-inline-missing.png"),
    _missing(48, "img/html-empty-alt-missing.png"),
    _empty(9, "여기"),
    _empty(11, "샵"),
    _empty(13, "공백"),
    _empty(18, "빈 링크"),
    _empty(19, "굵은 빈 링크"),
    _empty(21, "빈 항목"),
}


def test_every_warning_is_true_and_names_file_and_line(built):
    srcdir, result = built
    assert "Traceback" not in result.warnings
    assert warnings_of(srcdir, result.warnings) == TRUE_WARNINGS


@pytest.mark.parametrize(
    "false",
    [
        "Lexing literal_block",
        "highlighting_failure",
        "Document may not end with a transition",
        "may not begin with a transition",
        "adjacent transitions",
        "cross-reference target not found",
        "myst.xref_missing",
        ".md::",
    ],
)
def test_false_warnings_are_gone(built, false):
    assert false not in built[1].warnings


# -- 3. code Prism showed is highlighted, never a lexing warning


def _blocks(result: Built) -> list:
    return article(page(result, "posts/code")).select('div[class^="highlight-"]')


def test_code_prism_showed_is_highlighted_as_well_as_pygments_can(built):
    blocks = _blocks(built[1])
    languages = [b["class"][0].removeprefix("highlight-") for b in blocks]
    # JSX in a js or javascript fence: the JSX lexer; the rest keep their language
    assert languages == ["jsx", "jsx", "python", "json", "text", "bash", "sql", "python"]
    jsx = blocks[0]
    assert jsx.select_one("span.nt") is not None  # the <div> tag, highlighted as a tag
    assert not jsx.select("span.err")
    # relaxed: Pygments keeps colouring what it reads; what it cannot read is an error token, shown as text
    python, json, sql = blocks[2], blocks[3], blocks[6]
    assert python.select_one("span.kn") is not None  # import
    assert [e.get_text() for e in python.select("span.err")] == ["!"]
    assert "“daybook”" in json.get_text()
    assert sql.select_one("span.k") is not None  # SELECT
    assert "SELECT 이름 FROM 학생 WHERE 나이 > 20;" in sql.get_text()
    assert "├── App.js" in blocks[4].get_text() and "└── src" in blocks[5].get_text()


def test_prism_fence_features_still_work_on_code_pygments_cannot_read(built):
    blocks = _blocks(built[1])
    # ```javascript{2} holding JSX: the second line emphasized, highlighted as JSX
    assert [s.get_text().rstrip("\n") for s in blocks[1].select("span.hll")] == ["  return <h1>Hello</h1>;"]
    assert [n.get_text() for n in blocks[7].select(".linenos")] == ["1", "2"]


@pytest.mark.parametrize(
    ("name", "code", "expected"),
    [
        ("js", "const a = <div>x</div>;", "jsx"),
        ("javascript", "return <App>안녕</App>;", "jsx"),
        ("JS", "const a = <div>x</div>;", "jsx"),
        ("typescript", "const a: number = <div>x</div>;", "tsx"),
        ("js", "if (a < b) { x = 1; }", "js"),  # no JSX: stays JavaScript
        ("js", "const a = 1;", "js"),
        ("python", "!pip install torch", "python"),  # no relative: as written
        ("js", "@@@ <", "js"),  # neither reads it: as written, highlighted leniently
    ],
)
def test_a_js_fence_holding_jsx_is_read_as_jsx(name, code, expected):
    from daybook.dialect.parser import lexes_cleanly

    assert cleanest_language(name, code, lexes_cleanly) == expected


# -- 4. a rule anywhere is drawn, as on the blog


def test_a_post_ending_with_a_rule_shows_it_last(built):
    for docname in ("posts/ending", "posts/ending-stars"):
        body = article(page(built[1], docname))
        *_, last_paragraph, rule = body.find_all(["p", "hr"])
        assert last_paragraph.get_text() in ("글의 마지막 줄이 구분선입니다.", "별표 구분선으로 끝납니다.")
        assert rule.name == "hr" and rule["class"] == ["docutils"]


def test_rules_docutils_cannot_place_are_all_drawn(built):
    body = article(page(built[1], "posts/rules"))
    # first after the title, two in a row, one at a section's end, one at the post's end
    sequence = [
        "---" if e.name == "hr" else e.get_text()
        for e in body.find_all(["p", "hr"])
        if e.name == "hr" or not e.find_parent(class_="daybook-byline")
    ]
    assert sequence == [
        "---", "첫 줄이 구분선입니다.", "---", "---", "구분선 두 개가 이어집니다.",
        "섹션 끝의 구분선은 그대로 둡니다.", "---", "마지막 섹션.", "---",
    ]


# -- 5. image warnings name their line: see TRUE_WARNINGS; the images are still
# shown, as placeholders naming what is missing (writing/missing_images.py)


def test_images_without_alt_text_still_show(built):
    body = article(page(built[1], "posts/missing"))
    # every image of the post is missing: none is asked for, each is a placeholder
    assert body.select("img") == []
    shown = [box.get_text(" ", strip=True) for box in body.select(".daybook-missing-image")]
    assert len(shown) == 16
    assert "그림 없음 no-alt-missing.png" in shown
    assert "그림 없음 no-alt-inline-missing.png" in shown
    assert "그림 없음 html-empty-alt-missing.png" in shown
    assert "그림 없음 없는 그림" in shown and "그림 없음 목록" in shown


# -- 6. a link with no target is its text


def test_links_without_target_are_plain_text(built):
    body = article(page(built[1], "posts/links"))
    assert not [a for a in body.select("a") if a.get("href", "").strip() in ("", "#")]
    text = " ".join(body.get_text().split())
    for shown in ("자세한 내용은 여기를 보세요.", "샵 하나만 있는 링크.", "공백 링크.", "셋째 줄에 굵은 빈 링크 하나.", "목록 속 빈 항목"):
        assert shown in text
    assert body.select_one("p strong").get_text() == "굵은"
    assert body.select_one('a[href="https://example.com/"]').get_text() == "제대로 된 링크"


def _empty_links(source: str) -> tuple[str, list[tuple[str, int]]]:
    found: list[tuple[str, int]] = []
    md = MarkdownIt("commonmark").use(empty_links_plugin, warn=lambda message, line: found.append((message, line)))
    return md.render(source), found


def test_empty_links_plugin_names_each_line():
    html, found = _empty_links("첫 줄\n둘째 [a]() 줄\n셋째 [b](#) [c](https://x.org/) [d]( )\n\n[![그림](p.png)]()\n")
    assert found == [
        ("link 'a' has no target; it is shown as plain text", 2),
        ("link 'b' has no target; it is shown as plain text", 3),
        ("link 'd' has no target; it is shown as plain text", 3),
        ("link '그림' has no target; it is shown as plain text", 5),
    ]
    _, nothing = _empty_links("[]()\n")
    assert nothing == [("a link has no target and no text; it is left out", 1)]
    assert html.count("<a ") == 1 and '<a href="https://x.org/">c</a>' in html
    assert '<img src="p.png" alt="그림"' in html  # the image inside stays


def test_links_with_targets_are_untouched():
    html, found = _empty_links("[a](#anchor) [b](../x/) <https://x.org/> [c](<>)\n")
    assert found == [("link 'c' has no target; it is shown as plain text", 1)]
    assert '<a href="#anchor">a</a>' in html and '<a href="../x/">b</a>' in html
