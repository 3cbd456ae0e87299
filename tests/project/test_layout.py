"""The house rules of ext/daybook: pure modules stay pure, and no module imports another in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "daybook"

#: modules that know nothing of Sphinx or docutils, unit-tested on their own
PURE = [
    "model/__init__.py", "model/book.py", "model/frontmatter.py", "model/links.py", "model/listing.py",
    "model/text.py", "model/urls.py", "dialect/slugs.py", "dialect/fences.py", "dialect/markdown.py",
    "dialect/mathml.py", "dialect/nesting.py", "dialect/emphasis.py", "dialect/emoji.py",
    "dialect/smartypants.py", "dialect/links.py", "search/korean.py", "search/shards.py", "publishing/feed.py",
    "publishing/sitemap.py", "publishing/social.py", "writing/window.py", "writing/chrome.py", "writing/icons.py", "model/generated.py", "takeaway/fragments.py",
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
