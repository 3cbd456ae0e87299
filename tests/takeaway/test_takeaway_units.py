"""The pure parts of the book to take away: TeX escaping, file names, raw HTML fragments,
formulas from the allow-list, raw HTML blocks, table columns, LaTeX's located errors, the cover."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from daybook.takeaway import formulas, fragments, lualatex, tex
from daybook.takeaway.transforms import _Converter, column_widths
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("written", "latex"),
    [
        ("0.991%", r"0.991\%"),
        (r"50\%", r"50\%"),
        ("a # b", r"a \# b"),
        (r"\frac{1}{2}", r"\frac{1}{2}"),
        # any other % starts a comment, as on the web (KaTeX, latex2mathml): the rest of its line goes
        ("x = 0 % 주석", "x = 0"),
        ("a &= 1 % note\nb &= 2", "a &= 1\nb &= 2"),
        (r"a \\% b", r"a \\"),
    ],
)
def test_math_reads_percent_as_the_web_does_but_keeps_percentages(written, latex):
    assert tex.math_for_latex(written) == latex


def test_text_is_escaped_for_latex():
    assert tex.escape_text(r"100% \ {a} $b$ & #c ^ _ ~ [x]") == (
        r"100\% \textbackslash{} \{a\} \$b\$ \& \#c \textasciicircum{} \_ \textasciitilde{} {[}x{]}"
    )
    assert tex.escape_text("줄\n바꿈\x00") == "줄 바꿈"


def test_book_file_name_keeps_hangul():
    assert tex.book_file_name("부스트캠프 AI Tech 일지") == "부스트캠프-AI-Tech-일지"
    assert tex.book_file_name("⛺ 나의/책: 2021") == "나의-책-2021"
    assert tex.book_file_name("⛺ 🌱") == "book"


def test_title_page_escapes_front_matter():
    page = tex.title_page("A & B", "나 #1", "100% 진심 \\end{document}")
    assert r"A \& B" in page and r"나 \#1" in page and r"100\% 진심 \textbackslash{}end\{document\}" in page
    assert "\\end{document}" not in page.replace(r"\textbackslash{}end\{document\}", "")


def test_font_packages_skip_unsafe_font_names():
    packages = tex.font_packages(("Symbola", 'x"}\\evil'))
    assert "Symbola:mode=harf;" in packages and "evil" not in packages
    assert "Renderer=HarfBuzz" in packages and "{kotex}" in packages


def test_fragment_keeps_placeholders_where_the_html_put_them():
    root = fragments.parse_fragment(["<u>", 0, "</u>", 1, "<br>", 2])
    u = root.find("u")
    assert fragments.placeholder_index(u[0]) == 0
    indexes = [fragments.placeholder_index(e) for e in root.iter() if fragments.placeholder_index(e) is not None]
    assert indexes == [0, 1, 2]


def test_fragment_of_unclosed_and_odd_html_still_parses():
    root = fragments.parse_fragment(['<div class="quote-block"><details>', 0, "<!-- only a comment -->"])
    assert [fragments.placeholder_index(e) for e in root.iter() if fragments.placeholder_index(e) is not None] == [0]
    assert fragments.parse_fragment(["<!-- x -->"]) is not None
    assert fragments.parse_fragment([]) is not None


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://example.org/a", True),
        ("mailto:me@example.org", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("../day2", False),
        ("data:text/html,x", False),
        (None, False),
    ],
)
def test_only_web_and_mail_links_stay_links(href, kept):
    assert (fragments.safe_link(href) is not None) is kept


# -- formulas: LaTeX only from the allow-list ------------------------------------------------

@pytest.mark.parametrize(
    ("written", "display", "latex"),
    [
        (r"\beta", False, r"\beta"),
        ("L(θ;x)", False, r"L(\theta ;x)"),
        ("α + β ≤ γ", False, r"\alpha  + \beta  \le  \gamma"),
        ("손실 = 1", False, r"\text{손실} = 1"),
        ("x²", False, "x^{2}"),
        (r"\R^n", False, r"\mathbb {R}^{n}"),
        (r"\bm{x}", False, r"\bm {x}"),
        (r"\color{#f00} x", False, r"\color[HTML]{FF0000} x"),
        ("0.991%", False, r"0.991\%"),
        (r"a \\ b", True, r"\begin{gather*}a \\ b\end{gather*}"),
        (r"a &= b \\ c &= d", True, r"\begin{align*}a &= b \\ c &= d\end{align*}"),
        (r"\begin{align} a &= b \tag{1} \end{align}", True, r"\begin{align*} a &= b \tag {1} \end{align*}"),
        (r"\begin{equation} E = mc^2 \end{equation}", True, r"\begin{equation*} E = mc^{2} \end{equation*}"),
        (r"\theta", True, r"\begin{equation*}\theta \end{equation*}"),
    ],
)
def test_formulas_are_written_again_as_latex(written, display, latex):
    assert formulas.latex_formula(written, display) == latex


@pytest.mark.parametrize(
    "written",
    [
        r"\directlua{io.open('x','w')}",
        r"\text{\directlua{x}}",
        r"\mbox{\input{/etc/hostname}}",
        r"\hbox{\input /etc/hostname}",
        r"\input{/etc/hostname}",
        r"\immediate\write18{ls}",
        r"\text{\immediate\openout5=x}",
        r"\catcode`\@=11",
        r"^^5cinput{x}",
        r"\text{^^5c}",
        r"\csname directlua\endcsname",
        r"\def\x{y}\x",
        r"\begin{filecontents}{x}y\end{filecontents}",
        r"\pdfextension obj file {x}",
        r"\color{red\directlua{x}}",
        r"\begin{array}{c@{\directlua{x}}c} a \end{array}",
        r"\hspace{\directlua{x}}",
        r"\operatorname{\input{x}}",
        r"\tag{\input{x}}",
        "a\x08b",
        # what LaTeX would stop on
        r"x^2^3",
        r"\left( x",
        r"a & b",
        r"\frac{1}",
        r"\begin{cases} a & b & c \end{cases}",
        r"x\limits",
        r"{",
        r"\begin{align} a &= b \end{align}",
        # nested past any sense, never a RecursionError
        "\\sqrt" * 3000 + "x",
        "{" * 3000 + "}" * 3000,
        "\\text{" * 3000,
    ],
)
def test_formulas_outside_the_allow_list_are_refused(written):
    # {align} only as the whole of a displayed formula: inline it is refused too
    with pytest.raises(formulas.FormulaError):
        formulas.latex_formula(written, False)


_TOKENS = [
    "x", "y", "1", "2", "+", "-", "=", "(", ")", "[", "]", "|", ",", "'", "^", "_", "&", "$", "#", "%", "~", "{", "}",
    " ", "\n", "θ", "ㅋ", "손", "≤", "👩", "\u200d", "\\\\", "\\", "^^", "\\alpha", "\\frac", "\\sqrt", "\\text",
    "\\mbox", "\\hbox", "\\left", "\\right", "\\begin{cases}", "\\end{cases}", "\\begin{align}", "\\end{align}",
    "\\tag", "\\directlua", "\\input", "\\openout", "\\write", "\\immediate", "\\catcode", "\\csname", "\\endcsname",
    "\\def", "\\expandafter", "\\color", "\\hspace", "\\kern", "\\limits", "\\sum", "\\over", "\\operatorname",
    "\\begin", "\\end", "\\hline", "\\R", "\\bm", "\\mathbb", "5c", "@", "`",
]
_COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=30), st.booleans())
def test_whatever_a_formula_holds_latex_gets_only_allow_listed_commands(tokens, display):
    written = "".join(tokens)
    try:
        latex = formulas.latex_formula(written, display)
    except formulas.FormulaError:
        return
    allowed = formulas.allowed_commands()
    for match in _COMMAND.finditer(latex):
        assert match[1] in allowed or match[1] in ("\\",), (written, latex, match[0])
    assert "^^" not in latex
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", latex)
    for match in _COMMAND.finditer(latex):
        if match[1] not in ("begin", "end"):
            continue
        name = re.match(r"\{([^}]*)\}", latex[match.end() :])[1]
        assert name in formulas._INNER_ENVIRONMENTS or name in formulas._TOP_ENVIRONMENTS.values() or name in ("split", "equation*")
    depth = 0
    for index, char in enumerate(latex):
        escaped = index and latex[index - 1] == "\\" and (index < 2 or latex[index - 2] != "\\")
        if char == "{" and not escaped:
            depth += 1
        elif char == "}" and not escaped:
            depth -= 1
        assert depth >= 0, latex
    assert depth == 0, latex


# a grammar of what posts write: every formula it makes that the allow-list accepts must typeset
_ATOMS = st.sampled_from(["x", "y_i", "\\theta", "θ", "α", "\\hat{y}", "\\bm{x}", "\\mathbb{R}", "\\R", "2", "n",
                          "\\text{정확도}", "손실", "\\infty", "\\nabla", "\\partial", "\\log", "\\max", "p(x|\\theta)",
                          "\\|x\\|_2", "\\{a\\}", "\\mathcal{L}", "\\operatorname{softmax}", "\\ldots", "ㅋ"])
def _bigger_formulas(inner):
    return st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "=", "\\le", "\\cdot", "\\times", "\\to", ",", " ", "&", "\\\\"]), inner).map("".join),
        inner.map(lambda f: f"\\frac{{{f}}}{{2}}"),
        inner.map(lambda f: f"\\sqrt{{{f}}}"),
        inner.map(lambda f: f"{{{f}}}^{{2}}"),
        inner.map(lambda f: f"x_{{{f}}}"),
        inner.map(lambda f: f"\\left( {f} \\right)"),
        inner.map(lambda f: f"\\sum_{{i=1}}^{{n}} {f}"),
        inner.map(lambda f: f"\\begin{{cases}} {f} & x \\\\ 0 & y \\end{{cases}}"),
        inner.map(lambda f: f"\\begin{{bmatrix}} {f} & 1 \\\\ 2 & 3 \\end{{bmatrix}}"),
        inner.map(lambda f: f"\\text{{if }} {f}"),
        inner.map(lambda f: f"{f}^2^3"),
        inner.map(lambda f: f"\\begin{{aligned}} {f} &= 1 \\\\ x &= 2 \\end{{aligned}}"),
        inner.map(lambda f: f"{f} \\tag{{1}}"),
    )


_FORMULA = st.recursive(_ATOMS, _bigger_formulas, max_leaves=6)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(_FORMULA, st.booleans()), min_size=60, max_size=60))
def test_every_formula_the_allow_list_accepts_typesets_without_a_latex_error(tmp_path_factory, written):
    if shutil.which("lualatex") is None:
        pytest.skip("LuaLaTeX is missing")
    from daybook.takeaway.tex import STYLES

    body = []
    for formula, display in written:
        try:
            latex = formulas.latex_formula(formula, display)
        except formulas.FormulaError:
            continue
        body.append(f"\n{latex}\n" if display else f"\\({latex}\\)\n\n")
    # the grammar makes mostly valid formulas: most of them are typeset
    assert len(body) >= len(written) // 3, len(body)
    folder = tmp_path_factory.mktemp("formulas")
    shutil.copyfile(Path(formulas.__file__).parent / "static" / "daybook.lua", folder / "daybook.lua")
    preamble = STYLES.replace(r"\usepackage{lua-ul}", "").replace(r"\usepackage{titlesec}", "")
    preamble = "\n".join(line for line in preamble.splitlines() if "titleformat" not in line and "titlespacing" not in line)
    tex = folder / "formulas.tex"
    tex.write_text(
        "\\documentclass{article}\\usepackage{amsmath,amssymb,xcolor}\n\\directlua{dofile(\"daybook.lua\")}\n"
        + preamble + "\n\\begin{document}\n" + "".join(body) + "\n\\end{document}\n",
        encoding="utf-8",
    )
    outcome = lualatex.typeset(folder, tex, max_runs=1)
    assert outcome.error is None, outcome.error


# -- raw HTML: blocks where they hold blocks ----------------------------------------------

_WRAPPERS = ["small", "center", "div", "span", "b", "u", "font", "p", 'div align="center"', 'p align="right"', "em"]


@st.composite
def _html(draw, depth=0):
    """(pieces for parse_fragment, the original nodes): tags around paragraphs, text, <br> and inline nodes."""
    pieces: list = []
    originals: list = []

    def fill(level: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["text", "br", "paragraph", "strong", "wrap"] if level < 3 else ["text", "br", "paragraph"]))
            if kind == "text":
                pieces.append(draw(st.sampled_from(["출처", "ㅋㅋ", "a", " "])))
            elif kind == "br":
                pieces.append("<br>")
            elif kind == "paragraph":
                pieces.append(len(originals))
                originals.append(nodes.paragraph("", f"문단{len(originals)}"))
            elif kind == "strong":
                pieces.append(len(originals))
                originals.append(nodes.strong("", f"굵게{len(originals)}"))
            else:
                tag = draw(st.sampled_from(_WRAPPERS))
                pieces.append(f"<{tag}>")
                fill(level + 1)
                pieces.append(f"</{tag.split()[0]}>")

    fill(0)
    return pieces, originals


def _check_blocks(node: nodes.Node, inside_inline: bool) -> None:
    for child in node.children:
        if isinstance(child, nodes.Text):
            continue
        is_inline = isinstance(child, nodes.Inline)
        if inside_inline:
            assert is_inline, f"{child.tagname} inside an inline or a paragraph"
        _check_blocks(child, inside_inline or is_inline or isinstance(child, nodes.TextElement))


@settings(max_examples=300, deadline=None)
@given(_html())
def test_raw_html_never_puts_a_block_inside_a_line(html):
    pieces, originals = html
    children = [nodes.raw("", p, format="html") if isinstance(p, str) else originals[p] for p in pieces]
    indexed = [c.astext() if isinstance(c, nodes.raw) else i for i, c in enumerate(children)]
    converter = _Converter(children, {})
    root = fragments.parse_fragment(indexed)
    section = nodes.section("")
    section.extend(converter.blocks(root))
    _check_blocks(section, False)
    # no paragraph of the post is lost
    text = section.astext()
    for original in originals:
        assert original.astext() in text


def test_table_columns_are_at_least_as_wide_as_their_longest_word():
    widths = column_widths([["**용어**", "BatchNormalization", "Generalization"], ["설명이 길게 이어지는 문장입니다 " * 4] * 3])
    assert widths[0] >= 100 * (len("BatchNormalization") * 0.55 + 1) / 42 - 1
    assert sum(widths) in range(98, 103)


# -- LuaLaTeX's errors name the post ----------------------------------------------------------


def test_latex_error_is_located_in_its_post(tmp_path):
    from daybook.takeaway.nodes import POST_MARKER

    assert POST_MARKER == lualatex.POST_MARKER
    tex = tmp_path / "book.tex"
    tex.write_text("\\begin{document}\n%daybook-post: diary/%ED%95%98%EB%A3%A8.md\nline\nbad \\foo\n", encoding="utf-8")
    log = "This is LuaHBTeX\n./book.tex:4: Undefined control sequence.\nl.4 bad \\foo\n\nmore\n"
    message = lualatex.located_error(log, tex)
    assert "in the post diary/하루.md" in message
    assert "./book.tex:4: Undefined control sequence." in message and "l.4 bad \\foo" in message
    assert lualatex.post_at(tex.read_text().splitlines(), 1) is None


def test_epubcheck_missing_is_a_note_not_a_failure(monkeypatch, tmp_path, capsys):
    from daybook.takeaway import epubcheck

    monkeypatch.setattr(epubcheck.shutil, "which", lambda name: None)
    assert epubcheck.main([str(tmp_path / "book.epub")]) == 0
    assert "not installed" in capsys.readouterr().out


def test_cover_is_drawn_over_the_picture(tmp_path):
    from PIL import Image
    from daybook.takeaway import cover

    picture = tmp_path / "thumb.png"
    Image.new("RGB", (40, 30), (200, 40, 40)).save(picture)
    out = tmp_path / "cover.jpg"
    cover.draw_cover("⛺ 나의 일지", "글쓴이", picture, out, cover.korean_font())
    image = Image.open(out)
    assert image.size == cover.SIZE and image.format == "JPEG"
    red, green, blue = image.convert("RGB").getpixel((20, 20))
    assert red > green and red > blue
    assert cover.drawable("⛺ 나의  일지 👩‍💻") == "나의 일지"
