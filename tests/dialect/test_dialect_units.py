"""The dialect's pure parts, without Sphinx: slugs, Prism fences, TeX to MathML, markdown-it rules."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from daybook.dialect.fences import FenceInfo, parse_fence_info, pygments_language, take_highlight_comments
from daybook.dialect.markdown import heading_levels_plugin, markdown_in_html_plugin, prism_fences_plugin
from daybook.dialect.mathml import MathError, tex_to_mathml
from daybook.dialect.slugs import HeadingSlugger, heading_slug

# -- slugs: the anchors gatsby-remark-autolink-headers (github-slugger) made


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("특강 3: 캐글 그랜드마스터의 경진대회 노하우 대방출", "특강-3-캐글-그랜드마스터의-경진대회-노하우-대방출"),
        ("브랜디 코드네임B 코딩대회", "브랜디-코드네임b-코딩대회"),
        ("벡터", "벡터"),
        ("👉 피어 세션", "-피어-세션"),
        ("⛺ DAY 28. 특강 둘째 날", "-day-28-특강-둘째-날"),
        ("C++ & Python_3", "c--python_3"),
        ("Привет non-latin 你好", "привет-non-latin-你好"),
        ("foo  bar", "foo--bar"),
        ("Ⓐ circled", "ⓐ-circled"),
        ("¿Qué? «quotes» — dash", "qué-quotes--dash"),
        ("", ""),
    ],
)
def test_heading_slug_follows_github_slugger(heading: str, slug: str) -> None:
    assert heading_slug(heading) == slug


def test_duplicate_headings_get_numbered_as_on_the_blog() -> None:
    slugger = HeadingSlugger()
    assert [slugger.slug(t) for t in ["벡터", "벡터", "행렬", "벡터", "벡터-1", ""]] == [
        "벡터",
        "벡터-1",
        "행렬",
        "벡터-2",
        "벡터-1-1",
        "",
    ]


@given(st.lists(st.text(max_size=12), max_size=12))
def test_slugs_within_a_page_are_unique_and_stable(headings: list[str]) -> None:
    first, second = HeadingSlugger(), HeadingSlugger()
    slugs = [first.slug(h) for h in headings]
    assert len(set(slugs)) == len(slugs)
    assert slugs == [second.slug(h) for h in headings]
    assert not any(" " in s for s in slugs)


# -- Prism fences


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("tsx{9-14}", FenceInfo("tsx", tuple(range(9, 15)))),
        ("js{6,7,9}", FenceInfo("js", (6, 7, 9))),
        ("json{4}", FenceInfo("json", (4,))),
        ("js{3-1}", FenceInfo("js", (1, 2, 3))),
        ("python{numberLines: true}", FenceInfo("python", (), 1)),
        ("python{numberLines: 5}{2}", FenceInfo("python", (2,), 5)),
        ("js:title=src/app.js", FenceInfo("js", (), None, "src/app.js")),
        ("js{1}:title=a b.js", FenceInfo("js", (1,), None, "a b.js")),
    ],
)
def test_prism_info_strings(info: str, expected: FenceInfo) -> None:
    assert parse_fence_info(info) == expected


def test_plain_info_is_left_to_myst_and_bad_ranges_are_one_problem() -> None:
    assert parse_fence_info("python") is None
    assert parse_fence_info("") is None
    info = parse_fence_info("js{1,x-y,3}")
    assert info is not None and info.highlight_lines == (1, 3)
    assert info.problem is not None and "'x-y'" in info.problem and "{1,3-5}" in info.problem


def test_highlight_comments_are_removed_and_mark_lines() -> None:
    code = "\n".join(
        [
            "a = 1  # highlight-line",
            "// highlight-next-line",
            "b = 2",
            "/* highlight-start */",
            "c = 3",
            "d = 4",
            "<!-- highlight-end -->",
            "e = 5",
        ]
    )
    marked = take_highlight_comments(code)
    assert marked.code == "a = 1\nb = 2\nc = 3\nd = 4\ne = 5"
    assert marked.highlight_lines == (1, 2, 3, 4)
    assert take_highlight_comments("x = 1").highlight_lines == ()


def test_languages_fall_back_to_pygments_names_then_text() -> None:
    known = {"javascript", "json", "bash", "html", "text", "Vue"}.__contains__
    assert pygments_language("javascript", known) == "javascript"
    assert pygments_language("jsonc", known) == "json"
    assert pygments_language("sh", known) == "bash"
    assert pygments_language("svelte", known) == "html"
    assert pygments_language("brainfuck-ish", known) == "text"
    assert pygments_language("", known) == ""


def _fences(source: str) -> tuple[list, list[tuple[str, int]]]:
    problems: list[tuple[str, int]] = []
    md = MarkdownIt("commonmark").use(
        prism_fences_plugin,
        known={"js", "python", "text"}.__contains__,
        warn=lambda message, line: problems.append((message, line)),
        directives=frozenset({"mermaid"}),
    )
    return md.parse(source), problems


def test_fence_tokens_carry_myst_options() -> None:
    tokens, problems = _fences("x\n\n```js{1,9}\na\nb\n```\n\n```mermaid\ngraph\n```\n\n```js{z}\nq\n```\n")
    fences = [t for t in tokens if t.type == "fence"]
    assert fences[0].info == "js" and fences[0].attrs == {"emphasize-lines": "1"}  # 9 is past the end
    assert fences[1].info == "mermaid"  # a directive, left alone
    assert problems == [(problems[0][0], 12)] and "'z'" in problems[0][0]


# -- TeX to MathML


def test_mathml_is_well_formed_and_keeps_the_tex() -> None:
    typeset = tex_to_mathml(r"XY = \left( \sum_k x_{ik} y_{kj} \right)", display=True)
    math = fromstring(typeset.mathml)
    assert math.tag == "math" and math.get("display") == "block"
    assert math.find(".//annotation").text == r"XY = \left( \sum_k x_{ik} y_{kj} \right)"
    assert "∑" in typeset.mathml and "&#x" not in typeset.mathml


def test_mathml_text_is_escaped() -> None:
    typeset = tex_to_mathml(r"\text{<img src=x onerror=alert(1)>} a<b \& c", display=False)
    assert "<img" not in typeset.mathml
    fromstring(typeset.mathml)  # well-formed: every < and & escaped


def test_environments_latex2mathml_lacks_become_tables() -> None:
    aligned = fromstring(tex_to_mathml(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", True).mathml)
    assert len(aligned.findall(".//mtr")) == 2
    lines = fromstring(tex_to_mathml(r"a = b \\ c = d", True).mathml)
    assert len(lines.findall(".//mtr")) == 2


def test_bad_tex_is_an_error_and_unknown_commands_are_named() -> None:
    with pytest.raises(MathError, match="cannot typeset"):
        tex_to_mathml(r"\left( x", False)
    with pytest.raises(MathError, match="empty"):
        tex_to_mathml("  ", True)
    assert tex_to_mathml(r"\foo + \sum x", False).unknown_commands == (r"\foo",)


@given(st.text(alphabet="x^_{}\\()[]&<>$ \n\"'abc12", max_size=20), st.booleans())
def test_any_tex_is_well_formed_mathml_or_a_math_error(tex: str, display: bool) -> None:
    try:
        typeset = tex_to_mathml(tex, display)
    except MathError:
        return
    fromstring(typeset.mathml)


# -- Markdown inside markdown=1 HTML, and headings that skip levels


def _html(source: str) -> str:
    return MarkdownIt("commonmark").use(markdown_in_html_plugin).use(heading_levels_plugin).render(source)


def test_markdown_in_a_callout_without_blank_lines() -> None:
    source = (
        '<div class="quote-block"><div class="quote-block__emoji">💡</div>'
        '<div class="quote-block__content" markdown=1>\n'
        "**컴파일러**: 소스를 기계어로\n"
        "</div></div>\n"
    )
    assert _html(source) == (
        '<div class="quote-block"><div class="quote-block__emoji">💡</div><div class="quote-block__content">\n'
        "<p><strong>컴파일러</strong>: 소스를 기계어로</p>\n"
        "</div></div>\n"
    )


def test_details_summary_stays_html_and_nested_markdown_elements_work() -> None:
    source = (
        '<details markdown="1"><summary><strong>📌 그라운드 룰</strong></summary>\n'
        "- **하나**\n"
        "<div markdown='1'>\n_둘_\n</div>\n"
        "</details>\n"
    )
    html = _html(source)
    assert html.startswith("<details><summary><strong>📌 그라운드 룰</strong></summary>\n<ul>")
    assert "<li><strong>하나</strong></li>" in html
    assert "<div>\n<p><em>둘</em></p>\n</div>" in html
    assert html.endswith("</details>\n")


def test_markdown_in_html_keeps_line_numbers_and_leaves_unclosed_html() -> None:
    md = MarkdownIt("commonmark").use(markdown_in_html_plugin)
    tokens = md.parse("text\n\n<div markdown=1>\n\n**a**\n\n</div>\n\nafter\n")
    maps = [(t.type, t.map) for t in tokens if t.map]
    assert ("html_block", [2, 3]) in maps and ("paragraph_open", [4, 5]) in maps
    assert ("html_block", [6, 7]) in maps and ("paragraph_open", [8, 9]) in maps
    assert "markdown=1" in _html("<div markdown=1>\nnever closed\n")


def test_skipped_heading_levels_close_up() -> None:
    assert _html("# T\n## A\n#### B\n### C\n##### D\n") == (
        "<h1>T</h1>\n<h2>A</h2>\n<h3>B</h3>\n<h3>C</h3>\n<h4>D</h4>\n"
    )
