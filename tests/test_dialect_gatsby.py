"""The Gatsby pipeline's inline reading, without Sphinx: CJK-friendly emphasis,
emoji shortcodes, smart punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from daybook.dialect.emphasis import cjk_emphasis_plugin, flanking, is_cjk


def _plain() -> MarkdownIt:
    """markdown-it as MyST sets it up for the dialect: CommonMark, tables, strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


# -- emphasis: remark-parse 6 bolded runs next to Korean particles


def _emphasis() -> MarkdownIt:
    return _plain().use(cjk_emphasis_plugin)


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("**빅오 표기법(Big-O)**이", "<strong>빅오 표기법(Big-O)</strong>이"),
        ("**`ECMAScript`**는", "<strong><code>ECMAScript</code></strong>는"),
        ("**'OutOfMemory Error: Heap Space'**라는", "<strong>'OutOfMemory Error: Heap Space'</strong>라는"),
        ("**root(/)**가", "<strong>root(/)</strong>가"),
        ("~~취소(선)~~이", "<s>취소(선)</s>이"),
        ("*기울임(이탤릭)*을", "<em>기울임(이탤릭)</em>을"),
        ("이것은**(괄호)**다", "이것은<strong>(괄호)</strong>다"),
        ("これは**「重要」**です。", "これは<strong>「重要」</strong>です。"),
        ("값이 **\"문자열\"**이면", "값이 <strong>&quot;문자열&quot;</strong>이면"),
    ],
)
def test_emphasis_closes_before_hangul(source: str, html: str) -> None:
    assert _plain().renderInline(source) != html  # CommonMark alone leaves them literal
    assert _emphasis().renderInline(source) == html


@pytest.mark.parametrize(
    "source",
    [
        "**a**b",
        "a**b**",
        "*foo*bar",
        "snake_case_word",
        "__init__",
        "2*3*4",
        "a * b * c",
        "**foo bar **",
        "** foo bar**",
        'a**"foo"**b',
        "foo-_(bar)_",
        "_foo_bar_baz_",
        "*(*foo*)*",
        "**foo*",
        "~~struck~~ and ~~not ~~",
        "~~~three~~~",
        "x~~y~~z",
        "***strong emph***",
        "`**code**`",
        "[**link**](http://a.b/*c*)",
        "\\*not\\*",
    ],
)
def test_commonmark_cases_unchanged(source: str) -> None:
    assert _emphasis().render(source) == _plain().render(source)


@given(st.text(alphabet="ab *_~()'\".!`\n", max_size=24))
def test_without_cjk_it_is_commonmark(source: str) -> None:
    assert _emphasis().render(source) == _plain().render(source)


def test_emphasis_keeps_single_tilde_option() -> None:
    md = _emphasis()
    md.options["strikethrough_single_tilde"] = True
    assert md.renderInline("~취소(선)~이") == "<s>취소(선)</s>이"
    assert md.renderInline("~~~셋~~~") == "~~~셋~~~"


def test_cjk_characters() -> None:
    assert all(is_cjk(c) for c in "가힣ㄱ漢あア「」。（")
    assert not any(is_cjk(c) for c in "aZ1(\"'😀✅ ")


@pytest.mark.parametrize(
    ("source", "start", "end", "expected"),
    [
        ("a)**이", 2, 4, (True, True)),  # CommonMark: not right-flanking, as below
        ("a)**b", 2, 4, (True, False)),
        ("가**(b", 1, 3, (True, True)),
        ("a **b", 2, 4, (True, False)),
        ("a** b", 1, 3, (False, True)),
    ],
)
def test_flanking(source: str, start: int, end: int, expected: tuple[bool, bool]) -> None:
    assert flanking(source, start, end) == expected
