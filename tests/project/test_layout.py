"""The house rules of ext/daybook: pure modules stay pure, imports run one way (stages on a shared core), no circles."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "daybook"

#: modules that know nothing of Sphinx or docutils, unit-tested on their own
PURE = [
    "model/__init__.py", "model/book.py", "model/frontmatter.py", "model/links.py", "model/listing.py",
    "model/text.py", "model/urls.py", "dialect/slugs.py", "dialect/fences.py", "dialect/markdown.py",
    "dialect/mathml.py", "dialect/nesting.py", "dialect/emphasis.py", "dialect/emoji.py",
    "dialect/smartypants.py", "dialect/links.py", "search/korean.py", "search/shards.py", "search/kept.py", "publishing/feed.py",
    "publishing/sitemap.py", "publishing/social.py", "model/window.py", "files.py", "writing/chrome.py", "writing/icons.py", "model/generated.py", "takeaway/fragments.py",
    "takeaway/tex.py",
]


def module_name(path: Path) -> str:
    parts = ["daybook", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (functions too), absolute."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("relative", PURE)
def test_pure_modules_import_nothing_from_sphinx_or_docutils(relative):
    names = imports(PACKAGE / relative)
    assert not [n for n in names if n.split(".")[0] in ("sphinx", "docutils", "myst_parser", "sphinx_design")]


def test_no_import_cycle():
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {
        name: {m for m in imports(path) if m in modules and m != name and not name.startswith(m + ".")}
        for name, path in modules.items()
    }
    cycles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycles.append(trail[trail.index(name) :] + [name])
            return
        for other in sorted(graph[name]):
            if len(cycles) < 5:
                visit(other, [*trail, name])

    for start in sorted(graph):
        visit(start, [])
    assert cycles == []


#: what writing/ must not reach for: the theme's sidebar machinery and Sphinx's listeners
THEME_MACHINERY = ("generate_toctree_html", "add_toctree_functions", "listeners", "__qualname__", "global_toctree_for_doc")
#: what parsing, cutting or editing rendered HTML needs
HTML_EDITING = ("re", "bs4", "lxml", "html.parser", "markupsafe")


def _code_names(path: Path) -> set[str]:
    """Identifiers, attributes and string constants of ``path``, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.add(node.value)
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "writing").glob("*.py")), ids=lambda p: p.name)
def test_writing_neither_edits_rendered_html_nor_reaches_into_the_theme_sidebar(path):
    """The theme is changed through its templates and the page context only (the sidebar issue)."""
    modules = {name for name in imports(path) if name.split(".")[0] in HTML_EDITING or name in HTML_EDITING}
    assert modules == set(), f"{path.name} imports {modules}"
    names = _code_names(path)
    assert not [n for n in names for m in THEME_MACHINERY if m in n], path.name


# -- imports run one way: the stages stand on a shared core and never reach into each other
#
# * the *wiring*, ``__init__.py`` (``setup()``) and ``defaults.py`` (the table of what
#   daybook sets for other extensions, naming each stage's templates and preamble),
#   connects everything, so imports anything; only ``__init__.py`` imports it;
# * the *core* is every top-level module or package that is not a stage (``model/``,
#   ``files.py``, ``doctree.py``, ``posts.py``, ``config.py``, ``upstream.py``,
#   ``assets.py``, ``api.py``): what every stage shares; it imports only the core;
# * a *stage* imports the core and its own modules, never another stage's: a thing
#   two stages need lives in the core.
# Type-only imports count too: a stage that needs another's type is coupled to it all the same.

WIRING = frozenset({Path("__init__.py"), Path("defaults.py")})
STAGES = frozenset({"scan", "dialect", "reading", "pages", "writing", "publishing", "search", "takeaway", "moving", "comments"})


def _daybook_imports(path: Path) -> list[tuple[int, str]]:
    """(line, what) for each daybook module or name ``path`` imports; ``what`` is absolute."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return [(line, what) for line, what in found if what.startswith("daybook.")]


def _layer(module: str) -> str:
    """``daybook.writing.theme`` -> ``writing``; ``daybook`` (``__init__``) -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def sideways_imports(package: Path) -> list[str]:
    """Every import of one stage's module by another stage or by the core."""
    wrong = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        own = _layer(".".join(["daybook", *relative.with_suffix("").parts]))
        for line, what in _daybook_imports(path):
            if what.startswith("daybook.defaults.") and relative != Path("__init__.py"):
                wrong.append(f"{relative}:{line}: imports the wiring {what.removeprefix('daybook.')}")
        if relative in WIRING:
            continue  # setup() and its table connect everything
        for line, what in _daybook_imports(path):
            other = _layer(what)
            if other == own or other not in STAGES:
                continue
            kind = "stage" if own in STAGES else "core module"
            wrong.append(f"{relative}:{line}: the {kind} {own} imports {what.removeprefix('daybook.')}")
    return wrong


def test_no_stage_imports_another_stage_and_the_core_imports_no_stage():
    wrong = sideways_imports(PACKAGE)
    assert not wrong, "move the shared thing into the core:\n" + "\n".join(wrong)


def test_every_stage_listed_exists():
    tops = {p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert STAGES <= tops, sorted(STAGES - tops)


def test_the_direction_check_finds_sideways_imports(tmp_path, monkeypatch):
    """The check can fail: a stage importing another stage (relatively or by name), the core importing a stage."""
    for folder in ("reading", "writing", "model"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "__init__.py").write_text("from .writing import theme\n", encoding="utf-8")
    (tmp_path / "writing" / "theme.py").write_text(
        "from ..reading import byline\nfrom daybook.reading.byline import x\nfrom ..model import book\nfrom ..scan import book_state\n",
        encoding="utf-8",
    )
    (tmp_path / "reading" / "byline.py").write_text(
        "from . import other\nfrom .. import files\nfrom ..defaults import DEFAULTS\n", encoding="utf-8"
    )
    (tmp_path / "model" / "book.py").write_text("if False:\n    from ..writing.theme import y\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    assert sideways_imports(tmp_path) == [
        "model/book.py:2: the core module model imports writing.theme.y",
        "reading/byline.py:3: imports the wiring defaults.DEFAULTS",
        "writing/theme.py:1: the stage writing imports reading.byline",
        "writing/theme.py:2: the stage writing imports reading.byline.x",
        "writing/theme.py:4: the stage writing imports scan.book_state",
    ]
