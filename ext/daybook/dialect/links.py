"""Links with no target (``[여기]()``, ``[x](#)``, ``[x]( )``) are their text.

Pure: knows markdown-it, not Sphinx.

An author sometimes left a link's address for later. MyST reads an empty
target as a cross-reference to nothing and warns "cross-reference target not
found: ''", naming no post-level cause. The book shows the link's text as
plain text (images inside it too) and reports, once per link, its file and
line and that it has no target. Runs last among the core rules, so the text
was read (emphasis, emoji, smart quotes) exactly as inside a link.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

#: link targets that lead nowhere: nothing, or only the top of the same page
EMPTY_TARGETS = frozenset({"", "#"})


def empty_link_message(text: str) -> str:
    shown = " ".join(text.split())
    return f"link '{shown}' has no target; it is shown as plain text" if shown else (
        "a link has no target and no text; it is left out"
    )


def _link_text(children: list[Token]) -> str:
    return "".join(
        child.content if child.type in ("text", "code_inline", "image")  # an image's content is its alt text
        else " " if child.type in ("softbreak", "hardbreak")
        else ""
        for child in children
    )


def _unlink(inline: Token, warn: Callable[[str, int], None]) -> None:
    children = inline.children or []
    if not any(t.type == "link_open" and (t.attrGet("href") or "").strip() in EMPTY_TARGETS for t in children):
        return
    kept: list[Token] = []
    line = (inline.map[0] if inline.map else 0) + 1
    open_at: int | None = None  # index in ``kept`` of an empty link's first child
    depth = 0  # links opened inside the empty one (never in Markdown; kept as written)
    for child in children:
        if open_at is None and child.type == "link_open" and (child.attrGet("href") or "").strip() in EMPTY_TARGETS:
            open_at, depth = len(kept), 0
            warn_line = line
            continue
        if open_at is not None:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                if depth == 0:
                    warn(empty_link_message(_link_text(kept[open_at:])), warn_line)
                    open_at = None
                    continue
                depth -= 1
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        kept.append(child)
    inline.children = kept


def empty_links_plugin(md: MarkdownIt, warn: Callable[[str, int], None]) -> None:
    """``warn(message, line)`` reports each link with no target at its 1-based line."""

    def rule(state: StateCore) -> None:
        for token in state.tokens:
            if token.type == "inline" and token.children:
                _unlink(token, warn)

    md.core.ruler.push("daybook_empty_links", rule)
