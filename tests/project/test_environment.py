"""What daybook keeps on the build environment (environment.py): the book, the settings, the keys."""

from __future__ import annotations

import ast
import os
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

from daybook.config import DaybookConfig
from daybook.environment import (
    KEYS,
    SETTINGS,
    SUMMARIES,
    BookState,
    NotYetMade,
    PageCollector,
    book_state,
    keep_book_state,
    settings_of,
)
from daybook.model.book import build_book
from incremental import copy_root

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "daybook"


def _state() -> BookState:
    return BookState(build_book([], root_docname="index"), {})


def test_the_book_and_the_settings_are_never_none():
    """Read before they are made, they fail loudly, naming the event: no caller has a None to guard."""
    from daybook import chapter_of, get_book

    env = SimpleNamespace()
    for read in (book_state, get_book, settings_of, lambda e: chapter_of(e, "index")):
        with pytest.raises(NotYetMade):
            read(env)
    state = _state()
    keep_book_state(env, state)
    assert book_state(env) is state
    assert get_book(env) is state.book
    assert chapter_of(env, "index") is None  # a page that is no chapter, once the book exists
    SETTINGS.put(env, DaybookConfig())
    assert settings_of(env) == DaybookConfig()


def test_a_parallel_reader_sends_no_book_back():
    """In its own process the book pickles whole (saved between builds); a forked reader sends none of it."""
    state = _state()
    assert pickle.loads(pickle.dumps(state)) == state
    forked = BookState(state.book, {}, owner_pid=os.getpid() + 1)
    assert pickle.loads(pickle.dumps(forked)) is None


def test_a_page_collector_purges_and_merges_its_own_key():
    class Collector(PageCollector):
        kept = SUMMARIES

        def process_doc(self, app, doctree):  # pragma: no cover - not read here
            pass

    ours, theirs = SimpleNamespace(), SimpleNamespace()
    SUMMARIES.of(ours).update({"a": "old a", "b": "b"})
    SUMMARIES.of(theirs).update({"a": "new a", "c": "c", "d": "not merged"})
    Collector().merge_other(None, ours, {"a", "c"}, theirs)
    assert SUMMARIES.of(ours) == {"a": "new a", "b": "b", "c": "c"}
    Collector().clear_doc(None, ours, "b")
    assert SUMMARIES.of(ours) == {"a": "new a", "c": "c"}


def _names_in(path: Path) -> set[str]:
    """Every attribute name and string constant of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
    return found


def test_only_environment_py_names_the_keys():
    """Every attribute daybook keeps on the environment is reached through environment.py."""
    keys = {key.name for key in KEYS}
    assert len(keys) == len(KEYS)
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "environment.py":
            continue
        named = keys & _names_in(path)
        assert not named, f"{path.relative_to(PACKAGE)} names {sorted(named)}: use daybook.environment"


@pytest.mark.parametrize("parallel", [0, 2])
def test_keys_are_all_the_environment_holds_of_daybook(make_app, rootdir, tmp_path, parallel):
    """After a build (serial or -j 2), the environment holds exactly the declared keys, each filled in."""
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    app = make_app("dirhtml", srcdir=src, builddir=tmp_path / "out", freshenv=True, parallel=parallel)
    app.build()
    held = {name for name in vars(app.env) if name.startswith("daybook")}
    assert held == {key.name for key in KEYS}
    chapters = {c.docname for c in book_state(app.env).book.chapters}
    assert len(chapters) > 5, "enough pages for Sphinx to read them in parallel"
    # the readers saw the book and the settings: each chapter has its summary and its byline
    assert chapters <= set(SUMMARIES.of(app.env))
    for docname in chapters:
        html = Path(app.outdir, docname, "index.html").read_text(encoding="utf-8")
        assert "daybook-byline" in html


def test_the_settings_are_validated_once_per_build(make_app, rootdir, tmp_path, monkeypatch):
    """Not once per page: on config-inited, then read from the environment."""
    calls = []
    validate = DaybookConfig.from_sphinx.__func__

    def counted(cls, config):
        calls.append(config)
        return validate(cls, config)

    monkeypatch.setattr(DaybookConfig, "from_sphinx", classmethod(counted))
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    app = make_app("dirhtml", srcdir=src, builddir=tmp_path / "out", freshenv=True)
    app.build()
    assert len(calls) == 1
    assert settings_of(app.env).site_url == "https://blog.example.com"
