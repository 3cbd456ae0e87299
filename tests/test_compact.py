"""The theme's markup is written without indentation and comments; the article and verbatim text as they are."""

from __future__ import annotations

from daybook.writing.compact import compact_markup, compact_page


def test_indentation_and_blank_lines_become_one_line_break():
    assert compact_markup("<div>\n    <p>a</p>\n\n   <p>b</p>\n</div>") == "<div>\n<p>a</p>\n<p>b</p>\n</div>"


def test_spaces_on_one_line_are_kept():
    # two inline elements side by side: the space between them is text
    assert compact_markup("<a>x</a> <b>y</b>  <i>z</i>") == "<a>x</a> <b>y</b>  <i>z</i>"


def test_comments_go_and_their_lines_join_the_run():
    assert compact_markup("<p>a</p>\n  <!-- a <script> in a comment -->\n  <p>b</p>") == "<p>a</p>\n<p>b</p>"


def test_pre_textarea_script_and_style_are_verbatim():
    for tag in ("pre", "textarea", "script", "style", "PRE"):
        inner = '\n    keep  this\n\n  <!-- and this -->\n  "<!--"\n'
        markup = f"<div>\n  <{tag} class=x>{inner}</{tag}>\n  </div>"
        assert compact_markup(markup) == f"<div>\n<{tag} class=x>{inner}</{tag}>\n</div>"


def test_the_body_stays_byte_for_byte():
    body = '<p>시</p>\n\n    <div style="white-space: pre">  a\n      b</div>\n<!-- the author\'s -->\n'
    page = f"<html>\n  <body>\n    <article>\n{body}    </article>\n  </body>\n</html>\n"
    compacted = compact_page(page, body)
    assert body in compacted
    # the spaces after the body hold no line break on their side of it: kept
    assert compacted == f"<html>\n<body>\n<article>\n{body}    </article>\n</body>\n</html>\n"


def test_a_page_without_its_body_is_compacted_whole():
    assert compact_page("<a>\n  </a>", "") == "<a>\n</a>"
    assert compact_page("<a>\n  </a>", "<p>elsewhere</p>") == "<a>\n</a>"


def test_theme_defaults_leave_the_book_own_options_alone():
    from types import SimpleNamespace

    from daybook.writing.theme import TEMPLATES, theme_defaults

    own = {"show_toc_level": 2}
    config = SimpleNamespace(html_theme_options=own, templates_path=[], language="en")
    theme_defaults(None, config)  # type: ignore[arg-type]
    assert config.html_theme_options == {"show_toc_level": 2, "navbar_persistent": [], "search_bar_text": "Search…"}
    assert own == {"show_toc_level": 2}, "the book's conf.py dict is not changed in place"
    assert config.templates_path == [str(TEMPLATES)]
    chosen_options = {"navbar_persistent": ["search-button-field"], "search_bar_text": "찾기"}
    chosen = SimpleNamespace(html_theme_options=chosen_options, templates_path=[], language="ko")
    theme_defaults(None, chosen)  # type: ignore[arg-type]
    assert chosen.html_theme_options == chosen_options


def test_the_korean_catalog_is_compiled_from_its_source():
    """sphinx.mo holds exactly what sphinx.po says (``make catalog`` compiles it)."""
    import gettext

    from babel.messages.pofile import read_po

    from daybook.writing.theme import LOCALE

    with open(LOCALE / "ko/LC_MESSAGES/sphinx.po", "rb") as source:
        catalog = read_po(source, locale="ko")
    with open(LOCALE / "ko/LC_MESSAGES/sphinx.mo", "rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    messages = {message.id: message.string for message in catalog if message.id}
    assert len(messages) > 20
    assert {m: translations.gettext(m) for m in messages} == messages
    assert len(translations._catalog) - 1 == len(messages)  # noqa: SLF001 - and nothing else (the header is "")


def test_controls_leave_slots_and_the_script_puts_them_back_with_the_page_search_address():
    from daybook.writing.chrome import Controls, chrome_script, slot, take_out

    form = '<form action="../../search/" method="get"><input name="q"></form>'
    switch = '<div class="theme-switch-container pst-js-only"><button>밝게</button></div>'
    controls = Controls({"theme-switch": switch, "search-form": form, "empty": " \n"}, "../../search/")
    page = f'<div class="a">{switch}</div>\n<p>{form}</p>\n<dialog id="pst-search-dialog">\n{form}\n</dialog>'
    assert take_out(page, controls) == (
        f'<div class="a">{slot("theme-switch")}</div>\n<p>{form}</p>\n'
        f'<dialog id="pst-search-dialog">\n{slot("search-form")}\n</dialog>'
    ), "the form is taken out of the search pop-up only; an empty control nowhere"
    shared = controls.shared()
    assert shared["search-form"] == '<form action="daybook-search-page-url" method="get"><input name="q"></form>'
    script = chrome_script(shared)
    assert "</" not in script.split("const controls = ")[1].split(";\n")[0], "no closing tag inside the script"
    assert 'link[rel="search"]' in script and "daybook-search-page-url" in script
