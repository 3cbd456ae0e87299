"""The pure parts of the book to take away: TeX escaping, file names, raw HTML fragments."""

from __future__ import annotations

import pytest
from daybook.takeaway import fragments, tex


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
