"""Emoji shortcodes (``:rocket:``, ``:+1:``) become the emoji, as on the blog.

Wire it (anywhere after ``create_md_parser``: it places itself right after MyST's
``inline`` core rule, before ``text_join``)::

    parser.use(emoji_plugin)  # from .emoji import emoji_plugin

Pure: knows markdown-it, not Sphinx.

The blog's emoji plugin ran node-emoji 1.x's ``emojify`` over the post: each
``:name:`` matching ``:[A-Za-z0-9_+-]+:`` (left to right, not overlapping) was
replaced when node-emoji knew the name and kept as written when not. The
names are node-emoji 1.11.0's own list (``emoji_names.json``, MIT, its licence
in the file): the ``emoji`` package on PyPI knows only 1352 of its 1878 names
as node-emoji spells them (72%), gives another emoji for 43 and misses 483
(the ``flag-xx`` names, ``keycap_star``, ...), while knowing names node-emoji
did not.

Unlike a replace over the whole source, only Markdown text is read: never code
spans, fences, math, raw HTML (tags and attributes), link targets or the text
of autolinks (which is their URL). An escaped colon (``\\:rocket:``) keeps the
shortcode as written. One deliberate difference from node-emoji: a shortcode
with an ASCII letter or digit right before and right after it is a time, a
ratio or an identifier (``12:100:00``, ``a:b:c``: ``100`` and ``b`` are
names), not an emoji; Hangul next to it does not count (``로켓:rocket:발사``).

Headings are text tokens too, and the anchors are computed later from the
doctree text, so replacing in the tokens is enough.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .markdown import without_autolink_text

NAMES_FILE = Path(__file__).with_name("emoji_names.json")

_SHORTCODE = re.compile(r":([A-Za-z0-9_+\-]+):")  # node-emoji 1.x's emojiNameRegex
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


#: the shortcode names node-emoji 1.11.0 knew, and their emoji: constant data,
#: read once with the module rather than for each post's parser
NODE_EMOJI_NAMES: Mapping[str, str] = MappingProxyType(
    dict(json.loads(NAMES_FILE.read_text(encoding="utf-8"))["names"])
)


def node_emoji_names() -> Mapping[str, str]:
    """The shortcode names node-emoji 1.11.0 knew, and their emoji (read-only)."""
    return NODE_EMOJI_NAMES


def emojify(text: str, names: Mapping[str, str]) -> str:
    """``text`` with each known ``:name:`` replaced, as node-emoji's ``emojify`` did."""

    def replace(match: re.Match[str]) -> str:
        emoji = names.get(match[1])
        if emoji is None:
            return match[0]
        start, end = match.start(), match.end()
        if start > 0 and end < len(text) and text[start - 1] in _ALNUM and text[end] in _ALNUM:
            return match[0]  # 12:100:00, a:b:c
        return emoji

    return _SHORTCODE.sub(replace, text) if ":" in text else text


def _text_tokens(children: list[Token]) -> list[Token]:
    """The ``text`` tokens among an inline token's children, autolinks' text left out."""
    found: list[Token] = []
    for token in without_autolink_text(children):
        if token.type == "text":
            found.append(token)
        elif token.type == "image" and token.children:
            found.extend(_text_tokens(token.children))  # the alt text
    return found


def emoji_plugin(md: MarkdownIt, names: Mapping[str, str] | None = None) -> None:
    """Replace emoji shortcodes in text tokens, right after inline parsing.

    ``names``: shortcode name to emoji; node-emoji 1.x's list by default. The
    rule runs before ``text_join``, so escapes are still tokens of their own.
    """
    known = node_emoji_names() if names is None else names

    def rule(state: StateCore) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            for token in _text_tokens(block.children):
                token.content = emojify(token.content, known)

    md.core.ruler.after("inline", "daybook_emoji", rule)
