"""The book theme as daybook uses it: its options, the Korean words, the controls' script."""

from __future__ import annotations


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


def test_the_controls_script_fills_only_slots_before_the_article_and_sets_the_search_address():
    from daybook.writing.chrome import SEARCH_URL, chrome_script

    form = f'<form action="{SEARCH_URL}" method="get"><input name="q"></form>'
    script = chrome_script({"search-form": form, "theme-switch": "<div>밝게</div>"})
    data = script.split("const controls = ")[1].split(";\n")[0]
    assert "</" not in data, "no closing tag inside the script"
    assert 'link[rel="search"]' in script and SEARCH_URL in script
    # a post's own <template data-daybook> comes after the article starts: never filled
    assert "DOCUMENT_POSITION_FOLLOWING" in script and 'querySelector("article")' in script
