"""Helpers to compare an incremental build with a clean one, file by file."""

from __future__ import annotations

import os
import re
import shutil
import time
from io import StringIO
from pathlib import Path
from typing import Any

#: Output that differs between two correct builds, each with the reason.
VOLATILE = [
    # Sphinx stamps its build info with a hash of the config and the tags; it
    # is metadata for Sphinx's own next run, not something a reader sees.
    (re.compile(r"^\.buildinfo"), None),
    # the pickled doctrees are Sphinx's cache, not output
    (re.compile(r"^\.doctrees/"), None),
]


def output_files(outdir: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(outdir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(outdir).as_posix()
        if any(pattern.search(rel) for pattern, _ in VOLATILE):
            continue
        files[rel] = path.read_bytes()
    return files


def assert_same_output(incremental: Path, clean: Path) -> None:
    a, b = output_files(incremental), output_files(clean)
    assert sorted(a) == sorted(b), (
        f"only in incremental: {sorted(set(a) - set(b))}; only in clean: {sorted(set(b) - set(a))}"
    )
    different = [name for name in a if a[name] != b[name]]
    assert not different, f"files that differ from a clean build: {different[:10]}" + _first_diff(a, b, different)


def _first_diff(a: dict[str, bytes], b: dict[str, bytes], names: list[str]) -> str:
    if not names:
        return ""
    x, y = a[names[0]].decode(errors="replace"), b[names[0]].decode(errors="replace")
    i = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f"\n{names[0]} at {i}:\n incremental: {x[max(0, i - 150):i + 150]!r}\n clean:       {y[max(0, i - 150):i + 150]!r}"


def touch_later(path: Path) -> None:
    """Make sure Sphinx sees the file as changed, whatever the clock's resolution."""
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    touch_later(path)


def copy_root(root: Path, target: Path) -> Path:
    shutil.copytree(root, target)
    return target


def book_conf(project: str, **values: object) -> str:
    """A generated book's ``conf.py``: daybook on the book theme, in Korean; ``values`` replace or follow these."""
    usual = {
        "project": project, "language": "ko", "root_doc": "index",
        "extensions": ["myst_parser", "sphinx_design", "daybook"], "source_suffix": {".md": "markdown"},
        "html_theme": "sphinx_book_theme", "html_context": {"default_mode": "auto"},
    }
    return "".join(f"{name} = {value!r}\n" for name, value in {**usual, **values}.items())


def build(src: Path, out: Path, builder: str = "dirhtml", **overrides: object) -> Any:
    """A build of ``src`` into ``out`` in this process; the finished app, its warnings kept."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=src, builddir=out, status=StringIO(), warning=StringIO(), confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def warnings_of(app: Any) -> list[str]:
    """The build's warning and error lines."""
    return [line for line in app.warning.getvalue().splitlines() if "WARNING" in line or "ERROR" in line]
