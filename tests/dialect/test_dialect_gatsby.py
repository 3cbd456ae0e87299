"""The Gatsby pipeline's inline reading, without Sphinx: CJK-friendly emphasis,
emoji shortcodes, smart punctuation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from daybook.dialect.emoji import emoji_plugin, emojify, node_emoji_names
from daybook.dialect.emphasis import cjk_emphasis_plugin, flanking, is_cjk
from daybook.dialect.smartypants import smarten, smartypants_plugin

SEED_POST = Path(__file__).resolve().parents[2] / "docs" / "boostcamp" / "day28-20210303.md"


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


# -- emoji: node-emoji 1.x's shortcodes, in Markdown text only


def _myst() -> MarkdownIt:
    """The parser MyST builds for the dialect (math, autolinks, strikethrough, ...)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    from daybook.dialect.parser import dialect_config

    return create_md_parser(dialect_config(MdParserConfig()), RendererHTML)


def _inline_text(md: MarkdownIt, source: str) -> list[tuple[str, str]]:
    """(type, content) of the first paragraph's or heading's inline children."""
    inline = next(t for t in md.parse(source) if t.type == "inline")
    assert inline.children is not None
    return [(t.type, t.content) for t in inline.children]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (":point_right: 피어 세션", "👉 피어 세션"),
        ("발사 :rocket:!", "발사 🚀!"),
        (":strawberry::+1:", "🍓👍"),
        ("done :white_check_mark: and :-1:", "done ✅ and 👎"),
        ("**:tada:** 축하", "🎉"),
        ("unknown :not_an_emoji: stays", "unknown :not_an_emoji: stays"),
        ("at 10:30:00, ratio a:b:c", "at 10:30:00, ratio a:b:c"),
        ("12:100:00 but :100:", "12:100:00 but 💯"),  # node-emoji knew 100 and b:
        ("x:o:y 로켓:rocket:발사", "x:o:y 로켓🚀발사"),  # ASCII on both sides keeps them

        (":foo:rocket: is not :rocket:", ":foo:rocket: is not 🚀"),  # node-emoji's matches do not overlap
        ("\\:rocket: stays", ":rocket: stays"),
        (":flag-kr: :keycap_star:", "🇰🇷 *\ufe0f\u20e3"),  # names the emoji package lacks
    ],
)
def test_emoji_in_text(source: str, text: str) -> None:
    md = _myst().use(emoji_plugin)
    rendered = "".join(content for kind, content in _inline_text(md, source) if kind in ("text", "text_special"))
    assert text in rendered


def test_emoji_in_headings() -> None:
    md = _myst().use(emoji_plugin)
    assert ("text", "👉 피어 세션") in _inline_text(md, "## [:point_right: 피어 세션](https://example.com/:rocket:)")
    assert ("text", "⛺ DAY 28") in _inline_text(md, "# :tent: DAY 28")


def test_emoji_never_in_code_math_html_or_urls() -> None:
    md = _myst().use(emoji_plugin)
    source = (
        "`:rocket:` $a:rocket:b$ <span title=':rocket:'>x</span> "
        "[link](https://example.com/:rocket:) <https://example.com/:tada:/> "
        "https://example.com/:+1:/x\n\n"
        "```\n:rocket:\n```\n\n$$\n:rocket:\n$$\n\n<div>:rocket:</div>\n"
    )
    tokens = md.parse(source)
    html = md.render(source)
    assert "🚀" not in html and "🎉" not in html and "👍" not in html
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert {"code_inline", "math_inline", "html_inline", "fence", "math_block", "html_block"} <= kinds


def test_node_emoji_names() -> None:
    names = node_emoji_names()
    assert len(names) == 1878
    assert names["+1"] == "👍" and names["white_check_mark"] == "✅" and names["point_right"] == "👉"
    with pytest.raises(TypeError):
        names["rocket"] = "x"  # type: ignore[index]


def test_emojify_with_other_names() -> None:
    assert emojify(":a: :b:", {"a": "A"}) == "A :b:"
    md = MarkdownIt().use(emoji_plugin, names={"x": "X"})
    assert md.renderInline(":x: :rocket:") == "X :rocket:"


# -- smartypants: retext-smartypants' defaults, per remark text node

# What retext-smartypants 3.0.3 (with retext 5, as gatsby-remark-smartypants 2.x
# ran it; 4.0.0 with retext 7 answers the same) returned for each string:
# `String(retext().use(smartypants).processSync(text))`, recorded literally.
RETEXT_SMARTYPANTS = [
        ('"사수가 ML엔지니어도 프론트엔드와 백엔드를 할 줄 알아야 한다"고 하는 것을', '“사수가 ML엔지니어도 프론트엔드와 백엔드를 할 줄 알아야 한다”고 하는 것을'),
        ("don't", 'don’t'),
        ("It's the '80s", 'It’s the ’80s'),
        ('He said, "\'Quoted\' words in a larger quote."', 'He said, “‘Quoted’ words in a larger quote.”'),
        ('a -- b', 'a — b'),
        ('a---b', 'a---b'),
        ('a--b', 'a—b'),
        ('wait...', 'wait…'),
        ('wait. . . no', 'wait… no'),
        ("``quoted''", '“quoted”'),
        ("`single'", '`single’'),
        ('"할 수 있을까?"라는', '“할 수 있을까?”라는'),
        ("'OutOfMemory Error'라는", '‘OutOfMemory Error’라는'),
        ('"싱글 모델부터 시작해 대회 마감 1, 2주 전에는 앙상블로 성능을 최대한 끌어올린다"든지, "Jupyter Notebook에서도 Terminal을 사용할 수 있다"든지', '“싱글 모델부터 시작해 대회 마감 1, 2주 전에는 앙상블로 성능을 최대한 끌어올린다”든지, “Jupyter Notebook에서도 Terminal을 사용할 수 있다”든지'),
        ('"', '”'),
        (' text"', ' text”'),
        ('"text', '“text'),
        ("'", '’'),
        ("rock 'n' roll", 'rock ‘n’ roll'),
        ("Ma'am", 'Ma’am'),
        ('"Hello," she said.', '“Hello,” she said.'),
        ('\'single\' and "double"', '‘single’ and “double”'),
        ('x"y"z', 'x”y”z'),
        ('5\'10"', '5’10”'),
        ('("parens")', '(“parens”)'),
        ('"..."', '”…”'),
        ('a....b', 'a…b'),
        ('..', '..'),
        ('a -- b --- c ---- d', 'a — b --- c ---- d'),
        ('–', '–'),
        ('I\'m "fine".', 'I’m “fine”.'),
        ("we're", 'we’re'),
        ("'tis", '‘tis'),
        ("the '90s and 2000s", 'the ’90s and 2000s'),
]


@pytest.mark.parametrize(("text", "expected"), RETEXT_SMARTYPANTS)
def test_smarten_as_retext_smartypants(text: str, expected: str) -> None:
    assert smarten(text) == expected


def _smart() -> MarkdownIt:
    return _myst().use(smartypants_plugin)


def test_smartypants_per_text_node() -> None:
    # the bold is a node of its own: the first quote sees no word after it (retext: '"' -> '”')
    assert _smart().renderInline('"**bold** text"') == "”<strong>bold</strong> text”"
    # and the quote after it opens, as retext-smartypants on '"고' alone answers '“고'
    assert _smart().renderInline('"사수가 ...**한다**"고') == "“사수가 …<strong>한다</strong>“고"
    # a soft break stays inside one remark text node
    assert _smart().renderInline('a "b\nc" d') == "a “b\nc” d"


def test_smartypants_never_in_code_math_html_or_urls() -> None:
    source = (
        "`\"code\" -- ...` $a'' -- b...$ <span title=\"it's -- x\">it's</span> "
        "[\"link\"](https://example.com/a--b...'c') <https://example.com/a--b.../>\n\n"
        "```\n\"fence\" -- ...\n```\n\n$$\nf'' -- ...\n$$\n\n<div>\"html\" -- ...</div>\n"
    )
    html = _smart().render(source)
    assert '<code class="code_inline">&quot;code&quot; -- ...</code>' in html or "&quot;code&quot; -- ..." in html
    assert "a'' -- b..." in html
    assert 'title="it\'s -- x"' in html and "it’s" in html
    assert "“link”" in html and "https://example.com/a--b...'c'" in html
    assert "https://example.com/a--b.../" in html.replace("&amp;", "&")
    assert "&quot;fence&quot; -- ..." in html or '"fence" -- ...' in html
    assert "f'' -- ..." in html
    assert '<div>"html" -- ...</div>' in html


# -- all three on a real post


def test_seed_post_with_all_plugins() -> None:
    source = SEED_POST.read_text(encoding="utf-8")
    md = _myst().use(cjk_emphasis_plugin).use(emoji_plugin).use(smartypants_plugin)
    tokens = md.parse(source)
    html = md.render(source)
    codes = [c.content for t in tokens for c in t.children or [] if c.type == "code_inline"]
    assert codes == re.findall(r"(?<!`)`([^`]+)`(?!`)", source.split("---", 2)[2])
    assert all(f"<code>{code}</code>" in html for code in codes)
    assert "“사수가 ML엔지니어도 프론트엔드와 백엔드를 할 줄 알아야 한다”고" in html
    assert "“할 수 있을까?”라는" in html
    assert "<strong>나에게 맞는 Kaggle 대회를 찾아서 해보자</strong>는" in html
