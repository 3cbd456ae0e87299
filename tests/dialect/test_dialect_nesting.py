"""Markdown nested past the limits keeps its text, warns once and never raises."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from daybook.dialect.markdown import MARKDOWN_IN_HTML_DEPTH, html_depth_message, markdown_in_html_plugin
from daybook.dialect.nesting import block_message, inline_message, nesting_plugin

ROOTS = Path(__file__).parents[1] / "roots"
LIMIT = 20  # maxNesting of markdown-it's CommonMark preset, which MyST starts from


def parser(warnings: list[tuple[int, str]], *, nesting: bool = True) -> MarkdownIt:
    def warn(message: str, line: int) -> None:
        warnings.append((line, message))

    md = MarkdownIt("commonmark").enable("strikethrough").use(markdown_in_html_plugin, warn=warn)
    if nesting:
        md.use(nesting_plugin, warn=warn)
    return md


def render(source: str) -> tuple[str, list[tuple[int, str]]]:
    warnings: list[tuple[int, str]] = []
    return parser(warnings).render(source), warnings


def tree_depth(tokens: list[Token]) -> int:
    """How deep the tree MyST builds from ``tokens`` is (without building it)."""
    deepest = 0
    stack = [(tokens, 0)]
    while stack:
        stream, depth = stack.pop()
        for token in stream:
            depth += token.nesting if token.nesting == -1 else 0
            deepest = max(deepest, depth + 1)
            if token.children:
                stack.append((token.children, depth + 1))
            depth += token.nesting if token.nesting == 1 else 0
    return deepest


def nested_list(depth: int, text: str = "item") -> str:
    return "".join("  " * i + f"- {text}{i + 1}\n" for i in range(depth))


# -- blocks: past markdown-it's maxNesting ------------------------------------------


def test_the_limit_is_markdown_its() -> None:
    assert MarkdownIt("commonmark").options.maxNesting == LIMIT


def test_a_list_ten_deep_keeps_its_items_and_what_follows() -> None:
    source = nested_list(12) + "  " * 11 + "  more of item 12\n" + "  - back at two\n\nAFTER\n\n# Heading\n"
    html, warnings = render(source)
    for n in range(1, 13):
        assert f"item{n}" in html
    assert "more of item 12" in html and "back at two" in html
    assert html.endswith("<p>AFTER</p>\n<h1>Heading</h1>\n")
    # the tenth list's items are read; their content, at the limit, is flattened
    assert html.count("<ul>") == 10
    assert warnings == [(10, block_message(LIMIT))]


def test_the_message_names_the_limit() -> None:
    assert "nested deeper than 20 levels; the rest is shown flattened" in block_message(20)


def test_a_quote_twenty_deep_keeps_its_text_without_markers() -> None:
    html, warnings = render("intro\n\n" + ">" * 20 + " deep quote\n" + ">" * 25 + " deeper\n\nAFTER\n")
    assert "<p>deep quote</p>\n<p>deeper</p>" in html
    assert html.count("<blockquote>") == 20
    assert html.endswith("<p>AFTER</p>\n")
    assert warnings == [(3, block_message(LIMIT))]


def test_flattened_lines_keep_inline_markup_and_paragraphs() -> None:
    deep = ">" * 20
    source = f"{deep} *one* line\n{deep} continued\n{deep}\n{deep} - > second **strong**\n{deep} 2. third\n"
    html, _ = render(source)
    assert "<p><em>one</em> line\ncontinued</p>\n<p>second <strong>strong</strong></p>\n<p>2. third</p>" in html


def test_one_warning_per_construct() -> None:
    one_list = nested_list(11) + "  " * 10 + "- sibling\n" + "  " * 9 + "- cousin\n" + "  " * 10 + "- its child\n"
    source = one_list + "\npara\n\n" + ">" * 21 + " quote\n"
    html, warnings = render(source)
    assert "sibling" in html and "cousin" in html and "its child" in html and "quote" in html
    assert warnings == [(10, block_message(LIMIT)), (18, block_message(LIMIT))]


def test_nesting_within_the_limit_is_untouched() -> None:
    source = nested_list(9) + "\n" + ">" * 19 + " quote\n\n" + "*" * 40 + "x" + "*" * 40 + "\n"
    warnings: list[tuple[int, str]] = []
    assert parser(warnings).render(source) == parser([], nesting=False).render(source)
    assert warnings == []


# -- markdown=1 HTML: nested without raising the level -------------------------------


def nested_divs(depth: int, text: str = "deep *text*", blank: str = "") -> str:
    return f'<div markdown="1">\n{blank}' * depth + text + "\n" + f"{blank}</div>\n" * depth


def test_five_hundred_markdown_1_divs_do_not_raise() -> None:
    html, warnings = render(nested_divs(500) + "\nAFTER\n")
    assert "deep *text*" in html  # raw HTML, as written
    assert html.count('<div markdown="1">') == 500 - MARKDOWN_IN_HTML_DEPTH
    assert html.endswith("<p>AFTER</p>\n")
    assert warnings == [(MARKDOWN_IN_HTML_DEPTH + 1, html_depth_message(MARKDOWN_IN_HTML_DEPTH))]


def test_markdown_1_divs_within_the_limit_read_markdown() -> None:
    html, warnings = render(nested_divs(MARKDOWN_IN_HTML_DEPTH))
    assert "<p>deep <em>text</em></p>" in html and "markdown=" not in html
    assert warnings == []


def test_markdown_1_depth_warns_once_per_outermost_element() -> None:
    # blank lines end the raw HTML blocks: the divs past the limit are met one by one
    source = nested_divs(30, blank="\n") + "\n" + nested_divs(25, blank="\n")
    html, warnings = render(source)
    assert html.count("deep <em>text</em>") == 2
    assert html.count('<div markdown="1">') == 10 + 5
    second = source.splitlines().index('<div markdown="1">', 100) + 1
    assert [line for line, _ in warnings] == [41, second + 40]


# -- inline markup: no limit in markdown-it, a tree too deep for MyST -----------------


@pytest.mark.parametrize(
    "source",
    [
        "*" * 1000 + "TEXT" + "*" * 1000,
        "_" * 1000 + "TEXT" + "_" * 1000,
        "x " + "~~" * 500 + "TEXT" + "~~" * 500,
        "[" * 1000 + "TEXT" + "]" * 1000 + "(u)",
        "![" + "*" * 1000 + "TEXT" + "*" * 1000 + "](a.png)",
        "[" + "**" * 500 + "TEXT" + "**" * 500 + "](https://example.com)",
        "![" * 300 + "TEXT" + "](a.png)" * 300,
        "<span>" * 1000 + "TEXT" + "</span>" * 1000,
    ],
)
def test_deep_inline_markup_keeps_its_text_and_a_shallow_tree(source: str) -> None:
    warnings: list[tuple[int, str]] = []
    md = parser(warnings)
    tokens = md.parse(source + "\n\nAFTER\n")
    assert tree_depth(tokens) <= LIMIT + 3
    SyntaxTreeNode(tokens)  # what MyST renders from: no RecursionError
    html = md.renderer.render(tokens, md.options, {})
    assert "TEXT" in html
    assert html.endswith("<p>AFTER</p>\n")
    assert len(warnings) <= 1


def test_inline_markup_past_the_limit_is_shown_as_written() -> None:
    html, warnings = render("a\nb\n" + "*" * 50 + "x" + "*" * 50 + "\n")
    assert html.count("<strong>") == LIMIT
    assert "*" * 10 + "x" + "*" * 10 in html
    assert warnings == [(3, inline_message(LIMIT))]


def test_a_link_past_the_limit_keeps_its_address() -> None:
    stars = "*" * 42
    html, _ = render(f'{stars}[link](https://e.com/x "T") <https://auto.com>{stars}\n')
    assert '[link](https://e.com/x &quot;T&quot;) https://auto.com**</strong>' in html
    assert "<a " not in html


# -- properties ------------------------------------------------------------------------

KINDS = ("list", "ordered", "quote", "div")


def nested(kinds: list[str]) -> str:
    """Each kind inside the previous one, each with a line of text; then a sentinel."""
    lines: list[str] = []

    def build(index: int, prefix: str) -> None:
        if index == len(kinds):
            lines.append(prefix + "deepest text")
            return
        kind, text = kinds[index], f"level{index} text"
        if kind == "list":
            lines.append(f"{prefix}- {text}")
            build(index + 1, prefix + "  ")
        elif kind == "ordered":
            lines.append(f"{prefix}1. {text}")
            build(index + 1, prefix + "   ")
        elif kind == "quote":
            lines.append(f"{prefix}> {text}")
            build(index + 1, prefix + "> ")
        else:
            lines.append(f'{prefix}<div markdown="1">')
            lines.append(prefix + text)
            build(index + 1, prefix)
            lines.append(prefix + "</div>")

    build(0, "")
    return "\n".join(lines) + "\n\nSENTINEL paragraph\n\n# Heading after\n"


def expected_warnings(kinds: list[str]) -> list[str]:
    level = divs = 0
    for kind in kinds:
        if kind == "div":
            if divs == MARKDOWN_IN_HTML_DEPTH:
                return [html_depth_message(MARKDOWN_IN_HTML_DEPTH)]
            divs += 1
        else:
            level += {"list": 2, "ordered": 2, "quote": 1}[kind]
            if level >= LIMIT:
                return [block_message(LIMIT)]
    return []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(KINDS), max_size=60))
@example(["list"] * 60)
@example(["quote"] * 19 + ["list"] + ["quote"] * 5)
@example(["div"] * 21 + ["list"] * 30)
@example(["div", "quote", "ordered"] * 20)
def test_any_nesting_keeps_every_text_and_what_follows(kinds: list[str]) -> None:
    source = nested(kinds)
    warnings: list[tuple[int, str]] = []
    md = parser(warnings)
    tokens = md.parse(source)
    html = md.renderer.render(tokens, md.options, {})
    for index in range(len(kinds)):
        assert f"level{index} text" in html
    assert "deepest text" in html
    assert html.endswith("<p>SENTINEL paragraph</p>\n<h1>Heading after</h1>\n")
    assert [message for _, message in warnings] == expected_warnings(kinds)
    # containers up to the limit, one list past it, a paragraph, its inline and text
    assert tree_depth(tokens) <= LIMIT + 5


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["list", "quote", "div"]), st.integers(min_value=0, max_value=60))
def test_one_kind_nested_any_depth_keeps_the_deepest_item(kind: str, depth: int) -> None:
    source = nested([kind] * depth)
    html, warnings = render(source)
    assert "deepest text" in html
    assert html.endswith("<p>SENTINEL paragraph</p>\n<h1>Heading after</h1>\n")
    assert len(warnings) <= 1
    if warnings:
        line = warnings[0][0]
        assert 1 <= line <= len(source.splitlines())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["*", "_", "**", "__", "~~", "["]), max_size=60),
    st.sampled_from(["x ", "a\nb "]),  # not at the start of a line: ``~~~`` opens a fence
)
def test_any_inline_nesting_keeps_its_text(marks: list[str], before: str) -> None:
    closing = {"[": "](u)"}
    source = before + "".join(marks) + "TEXT" + "".join(closing.get(m, m) for m in reversed(marks)) + "\n\nSENTINEL\n"
    warnings: list[tuple[int, str]] = []
    md = parser(warnings)
    tokens = md.parse(source)
    html = md.renderer.render(tokens, md.options, {})
    assert "TEXT" in html
    assert html.endswith("<p>SENTINEL</p>\n")
    assert tree_depth(tokens) <= LIMIT + 3
    assert len(warnings) <= 1


# -- the book: built with Sphinx -----------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    """The first line holding ``text`` as a word."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", line))


def write_deeper_post(path: Path) -> list[str]:
    """A post of constructs far past the limits; the texts each must keep."""
    head = '---\ntitle: "더 깊이"\ndate: 2021-02-02 10:00:00\ncategory: "posts"\n---\n\n'
    parts = {
        "LISTS": "".join("  " * i + f"- L{i}\n" for i in range(200)),
        "QUOTES": "".join(">" * (i + 1) + f" Q{i}\n" for i in range(200)),
        "DIVS": nested_divs(500, "DIVTEXT"),
        "STARS": "*" * 1000 + "STARTEXT" + "*" * 1000 + "\n",
        "BRACKETS": "[" * 1000 + "BRACKETTEXT" + "]" * 1000 + "(u)\n",
    }
    body = "".join(f"{part}\n\nSENTINEL_{name}\n\n" for name, part in parts.items())
    path.write_text(head + body, encoding="utf-8")
    return (
        [f"L{i}" for i in range(200)]
        + [f"Q{i}" for i in range(200)]
        + ["DIVTEXT", "STARTEXT", "BRACKETTEXT"]
        + [f"SENTINEL_{name}" for name in parts]
    )


def test_the_book_builds_keeps_every_text_and_warns_once_per_construct(tmp_path: Path) -> None:
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-nesting", srcdir)
    deep, deeper = srcdir / "posts" / "deep.md", srcdir / "posts" / "deeper.md"
    texts = write_deeper_post(deeper)
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=tmp_path / "build", status=StringIO(), warning=StringIO())
    try:
        app.build()
        outdir = Path(app.outdir)
        found = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).strip().splitlines()
    finally:
        app.cleanup()

    block, html_depth, inline = block_message(LIMIT), html_depth_message(MARKDOWN_IN_HTML_DEPTH), inline_message(LIMIT)
    expected = [
        (deep, line_of(deep, "DEEPEST_LIST"), block),
        (deep, line_of(deep, "DEEPEST_QUOTE"), block),
        (deep, line_of(deep, "DEEPEST_STRONG"), inline),
        # the tenth list's content and the twentieth quote's are at the limit
        (deeper, line_of(deeper, "L9"), block),
        (deeper, line_of(deeper, "Q19"), block),
        (deeper, line_of(deeper, "<div") + MARKDOWN_IN_HTML_DEPTH, html_depth),
        (deeper, line_of(deeper, "STARTEXT"), inline),
    ]
    assert sorted(found) == sorted(f"{path}:{line}: WARNING: {message} [daybook.nesting]" for path, line, message in expected)

    def article_text(docname: str) -> str:
        soup = BeautifulSoup((outdir / docname / "index.html").read_text(encoding="utf-8"), "html.parser")
        return soup.select_one("article.bd-article").get_text(" ")

    deeper_text = article_text("posts/deeper")
    assert [text for text in texts if not re.search(rf"\b{text}\b", deeper_text)] == []
    shallow = article_text("posts/deep")
    for text in ["DEEPEST_LIST", "열하나", "다시 둘", "DEEPEST_QUOTE", "DEEPEST_STRONG", "SENTINEL_LIST", "SENTINEL_QUOTE"]:
        assert text in shallow
    assert "SENTINEL_END" in shallow
