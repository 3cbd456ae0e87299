"""daybook's one atomic writer and its one glob escape (ext/daybook/files.py), and that every stage uses them."""

from __future__ import annotations

import ast
import fnmatch
import glob
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sphinx.util.matching import Matcher

from daybook.files import escape_glob, write_atomically

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "daybook"

#: file names as blogs have them: wildcards, brackets, Korean, spaces, dots
NAME_CHARACTERS = st.sampled_from(list("ab가나 .-_*?[]!^{}()#%+,") + ["\\"])
names = st.text(NAME_CHARACTERS, min_size=1, max_size=12).filter(lambda n: n not in (".", ".."))


def test_write_atomically_writes_and_replaces(tmp_path):
    path = tmp_path / "feed.xml"
    write_atomically(path, b"old")
    write_atomically(path, "새 글".encode())
    assert path.read_bytes() == "새 글".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_write_atomically_leaves_no_partial_file(tmp_path, monkeypatch):
    path = tmp_path / "feed.xml"
    write_atomically(path, b"old")

    def stopped(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", stopped)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_write_atomically_into_a_missing_folder_fails_and_leaves_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "nowhere" / "feed.xml", b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.filterwarnings("ignore::FutureWarning")  # Sphinx's matcher hands "[[]" to re, which notes it
@given(name=names, other=names)
def test_an_escaped_name_matches_that_name_only(name, other):
    pattern = escape_glob(name)
    assert fnmatch.fnmatchcase(name, pattern)
    assert fnmatch.fnmatchcase(other, pattern) == (other == name)
    # Sphinx reads exclude_patterns with its own matcher (scan.py puts escaped names there)
    assert Matcher([pattern])(name)
    assert Matcher([pattern])(other) == (other == name)


@given(name=names)
def test_escape_glob_is_glob_escape_on_posix(name):
    """scan.py used ``glob.escape``, publishing/stale.py its own: the one escape gives what both gave."""
    if os.name == "posix":
        assert escape_glob(name) == glob.escape(name)


def test_an_escaped_name_finds_its_file_among_look_alikes(tmp_path):
    for name in ("day[1].md", "day1.md", "day?.md", "dayX.md", "day*.md"):
        (tmp_path / name).write_text("", encoding="utf-8")
    for name in ("day[1].md", "day?.md", "day*.md"):
        assert [p.name for p in tmp_path.glob(escape_glob(name))] == [name]


#: calls that write a file in place of another or escape a name for a pattern: files.py's job
OWN_JOBS = {("os", "replace"), ("os", "rename"), ("glob", "escape"), ("tempfile", "NamedTemporaryFile"), ("tempfile", "mkstemp")}


def test_no_stage_has_its_own_atomic_writer_or_glob_escape():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "files.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (node.value.id, node.attr) in OWN_JOBS:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value.id}.{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module in ("os", "glob", "tempfile"):
                found += [f"{path.relative_to(PACKAGE)}:{node.lineno}: from {node.module} import {a.name}" for a in node.names if (node.module, a.name) in OWN_JOBS]
    assert not found, "use daybook.files (write_atomically, escape_glob):\n" + "\n".join(found)
