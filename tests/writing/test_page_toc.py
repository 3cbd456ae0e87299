"""The page's "on this page" list: daybook writes, from the toc node, what pydata-sphinx-theme writes from its HTML.

Each generated toc is rendered by a real Sphinx HTML builder (as into the page
context's ``toc``) and given to the theme's own ``generate_toc_html()``; daybook's
``page_toc_html`` must give the same markup, or None (the theme's then).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydata_sphinx_theme.toctree import add_toctree_functions
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from daybook.writing.page_toc import page_toc_html

#: section titles as posts write them, with the characters an HTML writer or parser treats apart
#: (text a parser gives back changed, such as tabs and line breaks, is rarer: daybook leaves it to the theme)
PLAIN_TEXT = st.lists(
    st.sampled_from(list("가나다 부스트캠프abcXYZ019-_.,:;!?&<>\"'@#%/=\\{}()[]*`~\u00a0\u200b\u2028\u3000“”‘’…") + ["&amp;", "&lt;", "&#64;"]),
    min_size=1, max_size=12,
).map("".join)
TITLE_TEXT = st.one_of(PLAIN_TEXT, PLAIN_TEXT, PLAIN_TEXT, st.text(min_size=1, max_size=6))
SAFE_ANCHORS = st.sampled_from(["", "회고", "오늘-배운-것", "day-28", "a_b.c", "100%", "q?x", "a@b", "id-2", "a\u00a0b", "a\u3000b"])
ANCHORS = st.one_of(
    SAFE_ANCHORS, SAFE_ANCHORS, SAFE_ANCHORS,
    st.text(alphabet=st.sampled_from(list("가a1-_%.\"'&<> @\u00a0\u2028\u3000\t")), min_size=1, max_size=8),
).map(lambda anchor: f"#{anchor}" if anchor else "#")


@st.composite
def inline(draw) -> list[nodes.Node]:
    """A title's content: mostly text, sometimes code or emphasis (which daybook leaves to the theme)."""
    kind = draw(st.sampled_from(["text"] * 12 + ["literal", "emphasis", "texts"]))
    text = draw(TITLE_TEXT)
    if kind == "literal":
        return [nodes.Text("a "), nodes.literal(text, text)]
    if kind == "emphasis":
        return [nodes.emphasis(text, text)]
    if kind == "texts":
        return [nodes.Text(text), nodes.Text(draw(TITLE_TEXT))]
    return [nodes.Text(text)]


def item(draw, depth: int) -> nodes.list_item:
    reference = nodes.reference("", "", *draw(inline()), internal=True, refuri=draw(ANCHORS), anchorname="")
    entry = nodes.list_item("", addnodes.compact_paragraph("", "", reference))
    if depth < 4 and draw(st.integers(0, 3)) > depth - 1:
        children = draw(st.integers(0 if depth == 1 else 1, 4))
        entry += nodes.bullet_list("", *(item(draw, depth + 1) for _ in range(children)))
    return entry


@st.composite
def tocs(draw) -> nodes.bullet_list:
    titles = draw(st.sampled_from([1, 1, 1, 1, 1, 0, 2]))
    return nodes.bullet_list("", *(item(draw, 1) for _ in range(titles)))


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    srcdir = Path(tmp_path_factory.mktemp("toc"))
    (srcdir / "conf.py").write_text('html_theme = "sphinx_book_theme"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("x\n=\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    yield app
    app.cleanup()


def theme_toc(app, toc: nodes.Node, shown_levels: int):
    """What the theme's ``generate_toc_html()`` gives for ``toc``, rendered as Sphinx renders a page's toc."""
    context = {"toc": app.builder.render_partial(toc)["fragment"], "theme_show_toc_level": shown_levels}
    add_toctree_functions(app, "index", "page.html", context, None)
    return context["generate_toc_html"]()


def plain(toc: nodes.Node) -> bool:
    """Every title is text only, with an address no parser reads back otherwise: daybook writes it."""
    for reference in toc.findall(nodes.reference):
        if not all(isinstance(child, nodes.Text) for child in reference.children):
            return False
        control = {chr(c) for c in [*range(0x20), 0x7F]}
        if set(reference["refuri"]) & (control | set("\"'&<> ")) or set(reference.astext()) & control:
            return False
    return len(toc.children) == 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(toc=tocs(), shown_levels=st.integers(0, 3))
def test_daybook_writes_the_toc_the_theme_writes_or_leaves_it_to_the_theme(html_app, toc, shown_levels):
    theirs = theme_toc(html_app, toc, shown_levels)
    ours = page_toc_html(toc, shown_levels)
    if plain(toc):
        assert ours is not None, "a toc of text titles is daybook's to write"
    if ours is None:
        return
    assert ours == str(theirs)
    # the templates ask "page_toc | length >= 1" and "if page_toc": the same answers
    assert (len(ours) >= 1) == (len(theirs) >= 1)
    assert bool(ours) == bool(theirs)


def test_a_page_without_sections_has_no_list_and_one_with_sections_has_it(html_app):
    def title(*sections: str) -> nodes.bullet_list:
        reference = nodes.reference("", "DAY 1. 시작", internal=True, refuri="#", anchorname="")
        entry = nodes.list_item("", addnodes.compact_paragraph("", "", reference))
        if sections:
            entry += nodes.bullet_list("", *(
                nodes.list_item("", addnodes.compact_paragraph("", "", nodes.reference(
                    "", s, internal=True, refuri=f"#s{n}", anchorname=f"#s{n}"))) for n, s in enumerate(sections)))
        return nodes.bullet_list("", entry)

    assert page_toc_html(title(), 1) == "" == theme_toc(html_app, title(), 1)
    written = page_toc_html(title("회고", "A & B"), 1)
    assert written == str(theme_toc(html_app, title("회고", "A & B"), 1))
    assert written.startswith('<ul class="pst-show_toc_level nav section-nav flex-column">')
    assert 'href="#s0">회고</a>' in written and ">A &amp; B</a>" in written
    # no toc at all, several titles, a title with code: the theme's
    assert page_toc_html(nodes.paragraph(), 1) is None
    assert page_toc_html(nodes.bullet_list("", *title().children, *title().children), 1) is None
    assert page_toc_html(title("회고"), "1") is None
    with_code = title("회고")
    next(iter(with_code.findall(nodes.reference))).append(nodes.literal("x", "x"))
    assert page_toc_html(with_code, 1) is None
