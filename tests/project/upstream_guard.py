"""The boundary with other projects, read from daybook's source (``tests/test_upstream.py`` runs it).

An allow-list, checked on the syntax tree of every module of ``ext/daybook``
except ``upstream.py``:

* a module of Sphinx, docutils, MyST, markdown-it, sphinx-design or the
  themes may be imported only if :data:`PUBLIC_MODULES` lists it (a module
  missing here is non-public until someone reads its project's documentation
  and adds it, or wraps the use in ``upstream.py``);
* no name with a leading underscore is imported from another project's module;
* no attribute with a leading underscore is read on anything but what the same
  daybook module defines it on (and :data:`DOCUMENTED_UNDERSCORE_NAMES`);
* none of :data:`UNDOCUMENTED_ATTRIBUTES` (public-looking names the projects
  keep for themselves) is read.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "daybook"

#: the projects daybook is built on, by their top-level package
UPSTREAM_PACKAGES = frozenset({
    "sphinx", "docutils", "myst_parser", "markdown_it", "mdit_py_plugins",
    "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_design", "notfound", "sphinxext",
})

#: the modules of those projects a daybook module may import, and why each is public
PUBLIC_MODULES: dict[str, str] = {
    # Sphinx: its extension API (doc/extdev) and builders (doc/usage/builders); the
    # rest of Sphinx without a leading underscore runs its deprecation policy
    "sphinx.addnodes": "Sphinx's node classes (extdev/nodes)",
    "sphinx.application": "the Sphinx application (extdev/appapi)",
    "sphinx.builders": "Builder (extdev/builderapi)",
    "sphinx.builders.dirhtml": "DirectoryHTMLBuilder (usage/builders)",
    "sphinx.builders.epub3": "Epub3Builder (usage/builders)",
    "sphinx.builders.html": "StandaloneHTMLBuilder (usage/builders)",
    "sphinx.builders.latex": "LaTeXBuilder (usage/builders)",
    "sphinx.builders.singlehtml": "SingleFileHTMLBuilder (usage/builders)",
    "sphinx.config": "Config (extdev/appapi)",
    "sphinx.environment": "BuildEnvironment (extdev/envapi)",
    "sphinx.environment.collectors": "EnvironmentCollector (extdev/collectorapi)",
    "sphinx.errors": "Sphinx's exceptions (extdev/appapi)",
    "sphinx.locale": "translation of messages (extdev/i18n)",
    "sphinx.search": "SearchLanguage, for add_search_language (extdev/appapi)",
    "sphinx.transforms": "SphinxTransform (extdev/utils)",
    "sphinx.transforms.post_transforms": "SphinxPostTransform (extdev/utils)",
    "sphinx.util": "sphinx.util.logging is imported from it (extdev/logging)",
    "sphinx.util.docutils": "SphinxDirective (extdev/utils)",
    "sphinx.util.fileutil": "copy_asset_file, used by Sphinx's own extensions; deprecation policy",
    "sphinx.util.logging": "Sphinx's logging API (extdev/logging)",
    "sphinx.util.matching": "Matcher, the exclude_patterns matcher; deprecation policy",
    "sphinx.util.math": "get_node_equation_number, for math renderers (sphinx.ext.mathjax uses it); deprecation policy",
    "sphinx.writers.html5": "HTML5Translator, which add_node visitors receive (extdev/appapi)",
    # docutils: its public API
    "docutils": "docutils",
    "docutils.nodes": "the document tree",
    # MyST: the modules of its API reference (myst-parser.readthedocs.io, api/reference)
    "myst_parser.config.main": "MdParserConfig",
    "myst_parser.mdit_to_docutils.sphinx_": "SphinxRenderer",
    "myst_parser.parsers.sphinx_": "MystParser",
    # markdown-it-py: what its plugin guide and mdit-py-plugins use
    "markdown_it": "MarkdownIt",
    "markdown_it.common.utils": "character classes for rules",
    "markdown_it.rules_block": "StateBlock and the block rules",
    "markdown_it.rules_core": "StateCore",
    "markdown_it.rules_inline": "StateInline and the inline rules",
    "markdown_it.rules_inline.emphasis": "the emphasis rule, by its rule name",
    "markdown_it.rules_inline.strikethrough": "the strikethrough rule, by its rule name",
    "markdown_it.rules_inline.state_inline": "StateInline",
    "markdown_it.token": "Token",
    # sphinx-design, the themes, sphinx-notfound-page, sphinxext-opengraph: none
    # (daybook reaches them through their templates, options and upstream.py)
}

#: names with a leading underscore that their project documents as public
DOCUMENTED_UNDERSCORE_NAMES: dict[str, str] = {
    "sphinx.locale._": "Sphinx's gettext function (extdev/i18n)",
    "lxml.etree._Element": "lxml's element class, named so in its API reference",
}

#: attributes without a leading underscore that are no API of the project that owns them
UNDOCUMENTED_ATTRIBUTES: dict[str, str] = {
    "myst_config": "MyST's parsed configuration, kept on the environment",
    "build_info": "Sphinx's private build-info record (sphinx.builders.html._build_info)",
    "lexers": "sphinx.highlighting's registry of lexers",
    "lexer_classes": "sphinx.highlighting's registry of lexer classes",
    "imgpath": "the HTML builder's path to _images/ from the page being written",
}

#: the same names read from the environment, the config or a builder: another attribute there
RECEIVER_ATTRIBUTES: dict[tuple[str, str], str] = {
    ("env", "images"): "the environment's FilenameUniqDict of images",
    ("builder", "images"): "the builder's map of images to copy",
    ("config", "values"): "Sphinx's registered config values and their defaults",
    ("project", "docnames"): "Sphinx's Project's set of found documents",
}


def _is_package_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _defined_underscore_names(tree: ast.AST) -> set[str]:
    """Every name with a leading underscore the module defines (functions, classes, assigned names and attributes)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.attr)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return {name for name in names if name.startswith("_")}


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _receiver(node: ast.Attribute) -> str | None:
    """``env`` for ``env.images`` and ``app.env.images``."""
    value = node.value
    if isinstance(value, ast.Name):
        return value.id
    if isinstance(value, ast.Attribute):
        return value.attr
    return None


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def offences(source: str, where: str = "<module>") -> list[str]:
    """What the daybook module ``source`` does across the boundary that only ``upstream.py`` may do."""
    tree = ast.parse(source)
    found: list[str] = []
    #: the name a module binds to what it imported -> the module it came from
    imported_from: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported_from[(alias.asname or alias.name).split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
                found += _module_offences(alias.name, node.lineno, where)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                imported_from[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                found += _name_offences(node.module, alias.name, node.lineno, where)
    defined = _defined_underscore_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            name = node.attr
            if _private(name) and name not in defined:
                root = _root_name(node)
                origin = imported_from.get(root or "", "")
                top = origin.split(".")[0]
                if top in sys.stdlib_module_names or f"{origin}.{name}" in DOCUMENTED_UNDERSCORE_NAMES:
                    continue
                found.append(f"{where}:{node.lineno}: private attribute {ast.unparse(node)}")
            elif name in UNDOCUMENTED_ATTRIBUTES or (_receiver(node), name) in RECEIVER_ATTRIBUTES:
                found.append(f"{where}:{node.lineno}: undocumented attribute {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr", "delattr"}
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            name = node.args[1].value
            if (_private(name) and name not in defined) or name in UNDOCUMENTED_ATTRIBUTES:
                found.append(f"{where}:{node.lineno}: {node.func.id} of {name}")
    return found


def _module_offences(module: str, line: int, where: str) -> list[str]:
    top = module.split(".")[0]
    if top in UPSTREAM_PACKAGES and module not in PUBLIC_MODULES:
        return [f"{where}:{line}: imports {module}, not a public module of its project"]
    if top not in sys.stdlib_module_names and any(_private(part) for part in module.split(".")):
        return [f"{where}:{line}: imports the private module {module}"]
    return []


def _name_offences(module: str, name: str, line: int, where: str) -> list[str]:
    top = module.split(".")[0]
    if top in sys.stdlib_module_names:
        return []
    if top in UPSTREAM_PACKAGES and _is_package_module(f"{module}.{name}"):
        # ``from sphinx import highlighting`` imports the module sphinx.highlighting
        return _module_offences(f"{module}.{name}", line, where)
    found = _module_offences(module, line, where)
    if _private(name) or name == "_":
        if f"{module}.{name}" not in DOCUMENTED_UNDERSCORE_NAMES:
            found.append(f"{where}:{line}: imports the private name {module}.{name}")
    return found


def package_offences(package: Path = PACKAGE) -> list[str]:
    """Every offence in every module of ``package`` but ``upstream.py``."""
    return [
        offence
        for path in sorted(package.rglob("*.py"))
        if path.name != "upstream.py"
        for offence in offences(path.read_text(encoding="utf-8"), str(path.relative_to(package)))
    ]
