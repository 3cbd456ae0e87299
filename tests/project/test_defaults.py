"""The values daybook chooses for Sphinx, the theme and its extensions (defaults.py): one table, one test."""

from __future__ import annotations

import copy

import pytest
from sphinx.config import Config

from daybook.config import DaybookConfig
from daybook.defaults import DEFAULTS, TEMPLATE_FOLDERS, fill_in_defaults, left_to_daybook

SETTINGS = DaybookConfig(description="한 줄 소개")


@pytest.fixture(scope="module")
def registered(tmp_path_factory, rootdir):
    """Every option a daybook build knows, with its registered default (Sphinx's, the theme's, the extensions')."""
    import shutil

    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp("defaults") / "src"
    shutil.copytree(rootdir / "test-flat", src)
    app = SphinxTestApp("dirhtml", srcdir=src)
    try:
        yield {name: (opt.default, opt.rebuild, opt.valid_types) for name, opt in app.config.values.items()}
    finally:
        app.cleanup()


def _config(registered, **conf_py) -> Config:
    config = Config({"project": "테스트 책", "author": "부캠러", "language": "ko", **conf_py})
    for name, (default, rebuild, types) in registered.items():
        if name not in config:  # Sphinx's own are there already
            config.add(name, default, rebuild, types)
    return config


def _value(config: Config, option: str, entry: str | None):
    return config[option] if entry is None else (config[option] or {}).get(entry)


def test_every_row_names_an_option_a_build_knows(registered):
    assert {d.option for d in DEFAULTS} <= set(registered)
    rows = [(d.option, d.entry) for d in DEFAULTS]
    assert len(rows) == len(set(rows)), "one row per value"


def test_what_the_book_left_alone_daybook_fills_in(registered, monkeypatch):
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    config = _config(registered, templates_path=["_templates"])
    fill_in_defaults(config, SETTINGS)
    for default in DEFAULTS:
        assert _value(config, default.option, default.entry) == default.value(config, SETTINGS), default
    assert config.html_title == "테스트 책"
    assert config.epub_description == "한 줄 소개"
    assert config.ogp_social_cards == {"enable": False}
    assert config.html_theme_options == {"navbar_persistent": [], "search_bar_text": "검색어 입력…"}
    assert config.templates_path == ["_templates", *map(str, TEMPLATE_FOLDERS)]
    fill_in_defaults(config, SETTINGS)
    assert config.templates_path == ["_templates", *map(str, TEMPLATE_FOLDERS)], "each folder once"


def test_what_the_book_chose_is_kept(registered):
    """Every value and every entry conf.py names stays as conf.py wrote it, its dicts not changed in place."""
    chosen: dict[str, object] = {}
    for default in DEFAULTS:
        if default.entry is None:
            chosen[default.option] = f"the book's {default.option}"
        else:
            chosen.setdefault(default.option, {})[default.entry] = f"the book's {default.entry}"  # type: ignore[index]
    written = copy.deepcopy(chosen)
    config = _config(registered, **chosen)
    fill_in_defaults(config, SETTINGS)
    for default in DEFAULTS:
        assert not left_to_daybook(config, default.option, default.entry)
        assert config[default.option] == written[default.option]
    assert chosen == written


def test_an_option_the_book_names_keeps_only_its_own_entries(registered):
    own = {"show_toc_level": 2, "search_bar_text": "찾기"}
    config = _config(registered, html_theme_options=own)
    fill_in_defaults(config, SETTINGS)
    assert config.html_theme_options == {"show_toc_level": 2, "search_bar_text": "찾기", "navbar_persistent": []}
    assert own == {"show_toc_level": 2, "search_bar_text": "찾기"}, "the book's conf.py dict is not changed in place"


def test_on_read_the_docs_the_404_prefix_is_the_extension_s(registered, monkeypatch):
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://book.readthedocs.io/ko/latest/")
    config = _config(registered, html_baseurl="https://example.com/book/")
    fill_in_defaults(config, SETTINGS)
    assert left_to_daybook(config, "notfound_urls_prefix")
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL")
    config = _config(registered, html_baseurl="https://example.com/book/")
    fill_in_defaults(config, SETTINGS)
    assert config.notfound_urls_prefix == "/book/"


def test_daybook_templates_come_after_the_books_and_before_the_themes():
    from daybook.defaults import with_daybook_templates

    theme = ("/site/pydata_sphinx_theme",)
    ours = ["/d/writing/templates", "/d/search/templates"]
    # as a first build has it: the book's folder, then daybook's
    assert with_daybook_templates(["_templates"], ours, theme) == ["_templates", *ours]
    # a second build in one process: the theme put its components in the shared default
    assert with_daybook_templates(["_templates", "/site/pydata_sphinx_theme/theme/components"], ours, theme) == [
        "_templates", *ours, "/site/pydata_sphinx_theme/theme/components"]
    # once each
    assert with_daybook_templates([*ours, "x"], ours, theme) == ["x", *ours]
