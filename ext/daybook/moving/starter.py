"""What gatsby-starter-bee decides in its code rather than in ``gatsby-meta-config.js``.

Pure: knows nothing of Sphinx. The starter (and most of its forks) keeps a
few settings in its React components: the language of the about page it
shows (``src/pages/about.js`` filters ``content/__about/`` by
``frontmatter.lang === Lang.KOREAN``), and the utterances options
(``src/components/utterances/index.jsx``: ``'issue-term': 'pathname'``,
``label``). They are read here the same way as the meta config: parsed with
esprima (JSX on), literals only; a fork that computes them gets the defaults,
and the report says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import esprima

ABOUT_PAGE = Path("src/pages/about.js")
LANGUAGE_CONSTANTS = (Path("src/constants/lang.js"), Path("src/constants/index.js"))
UTTERANCES_COMPONENT = Path("src/components/utterances/index.jsx")


@dataclass(frozen=True)
class UtterancesOptions:
    """The options the blog's utterances component passed, where it wrote them as literals."""

    issue_term: str | None = None
    label: str | None = None


def _tree(text: str) -> dict[str, Any] | None:
    options = {"jsx": True, "tolerant": True}
    for parse in (esprima.parseModule, esprima.parseScript):
        try:
            return parse(text, options).toDict()
        except (esprima.Error, RecursionError, ValueError):
            continue
    return None


def _nodes(tree: Any) -> Iterator[dict[str, Any]]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "type" in node:
                yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _string(node: dict[str, Any] | None) -> str | None:
    if not node:
        return None
    if node.get("type") == "Literal" and isinstance(node.get("value"), str):
        return node["value"]
    if node.get("type") == "TemplateLiteral" and not node.get("expressions"):
        return "".join(q["value"]["cooked"] for q in node["quasis"])
    return None


def _key(node: dict[str, Any]) -> str | None:
    key = node.get("key") or {}
    if node.get("computed"):
        return None
    if key.get("type") == "Identifier":
        return key["name"]
    return _string(key)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        return _tree(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def string_constants(blog: Path) -> dict[str, str]:
    """``export const KOREAN = 'ko'`` in the starter's constants, by name."""
    found: dict[str, str] = {}
    for relative in LANGUAGE_CONSTANTS:
        tree = _read(blog / relative)
        for node in _nodes(tree):
            if node["type"] == "VariableDeclarator" and (node.get("id") or {}).get("type") == "Identifier":
                value = _string(node.get("init"))
                if value is not None:
                    found.setdefault(node["id"]["name"], value)
    return found


def about_page_language(blog: Path) -> str | None:
    """The ``lang`` the blog's about page filters ``content/__about/`` by, if written as a constant."""
    tree = _read(blog / ABOUT_PAGE)
    if tree is None:
        return None
    constants = string_constants(blog)
    for node in _nodes(tree):
        if node["type"] != "BinaryExpression" or node.get("operator") not in ("===", "=="):
            continue
        sides = (node["left"], node["right"])
        for this, other in (sides, sides[::-1]):
            if _ends_with_lang(this):
                value = _string(other)
                if value is None and other.get("type") == "MemberExpression" and not other.get("computed"):
                    value = constants.get(other["property"].get("name", ""))
                if value is None and other.get("type") == "Identifier":
                    value = constants.get(other["name"])
                if value:
                    return value
    return None


def _ends_with_lang(node: dict[str, Any]) -> bool:
    return (
        node.get("type") == "MemberExpression"
        and not node.get("computed")
        and (node.get("property") or {}).get("name") == "lang"
    )


def utterances_options(blog: Path) -> UtterancesOptions:
    """``'issue-term'`` and ``label`` as the blog's utterances component wrote them."""
    tree = _read(blog / UTTERANCES_COMPONENT)
    options: dict[str, str] = {}
    for node in _nodes(tree):
        if node["type"] == "Property" and _key(node) in ("issue-term", "label"):
            value = _string(node.get("value"))
            if value is not None:
                options[_key(node) or ""] = value
        # <script issue-term="pathname" label="comment"> written as JSX
        if node["type"] == "JSXAttribute" and (node.get("name") or {}).get("name") in ("issue-term", "label"):
            value = _string(node.get("value"))
            if value is not None:
                options[node["name"]["name"]] = value
    return UtterancesOptions(issue_term=options.get("issue-term"), label=options.get("label"))
