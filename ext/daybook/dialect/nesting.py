"""Markdown nested past markdown-it's limit keeps its text.

Pure: knows markdown-it, not Sphinx.

markdown-it stops at its ``maxNesting`` option (20 in the CommonMark preset
MyST starts from): a block whose content would sit that deep is dropped, and
with it everything after it up to the end of the document (in a list) or of
the quote. Inline markup has no such limit: a thousand ``*`` nest a thousand
emphases, and the tree MyST builds from them overflows Python's stack.

:func:`nesting_plugin` keeps the text instead:

* a block nested ``maxNesting`` levels deep (a quote is one level, a list two)
  is shown flattened: its lines, without their bullets and quote markers, as
  plain paragraphs at the deepest level allowed; what follows it is read as usual;
* inline markup nested deeper than ``maxNesting`` is shown as the characters
  written (``*``, ``~~``, …) around its text;

each with one warning per construct, at the line where the limit was hit.
``markdown=1`` HTML, which nests without raising the level, has its own limit
in :func:`.markdown.markdown_in_html_plugin`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

#: list and quote markers at the start of a line: ``>``, ``-``, ``+``, ``*``, ``1.``, ``1)``
_MARKERS = re.compile(r"(?:>[ \t]?|(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+|$))+")
#: the markers a reader never saw as text: quotes and bullets (an item's number is kept)
_UNSEEN_MARKERS = re.compile(r"(?:>[ \t]?|[-+*](?:[ \t]+|$))+")
_HITS = "daybook_nesting_hits"  # env: 0-based lines where a block was flattened


def block_message(limit: int) -> str:
    return (
        f"Markdown nested deeper than {limit} levels; the rest is shown flattened"
        " (a quote counts as one level, a list as two)"
    )


def inline_message(limit: int) -> str:
    return f"inline Markdown nested deeper than {limit} levels; the rest is shown flattened (its markup as written)"


def nesting_plugin(md: MarkdownIt, warn: Callable[[str, int], None]) -> None:
    """``warn(message, line)`` reports a construct nested past the limit at a 1-based line."""
    tokenize = md.block.tokenize

    def tokenize_within_limit(state: StateBlock, start: int, end: int) -> None:
        # every container (quote, list item, footnote, …) reads its content
        # through ``state.md.block.tokenize``; past the limit markdown-it would
        # skip that content and everything after it in the container
        if state.level < state.md.options["maxNesting"]:
            tokenize(state, start, end)
        else:
            _flatten(state, start, end)

    md.block.tokenize = tokenize_within_limit  # type: ignore[method-assign]

    def report_blocks(state: StateCore) -> None:
        hits = state.env.pop(_HITS, [])
        if hits:
            message = block_message(state.md.options["maxNesting"])
            for line in _first_per_top_block(state.tokens, hits):
                warn(message, line + 1)

    def cap_inline(state: StateCore) -> None:
        limit = state.md.options["maxNesting"]
        for token in state.tokens:
            if token.type == "inline" and token.children:
                line = _cap_children(token.children, limit)
                if line is not None:
                    warn(inline_message(limit), (token.map[0] if token.map else 0) + line + 1)

    md.core.ruler.after("block", "daybook_nesting_blocks", report_blocks)
    md.core.ruler.push("daybook_nesting_inline", cap_inline)


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _without_markers(text: str) -> str:
    marker = _UNSEEN_MARKERS.match(text)
    return (text[marker.end() :] if marker else text).strip()


def _flatten(state: StateBlock, start: int, end: int) -> None:
    """The lines a container at the limit would read, as paragraphs without
    quote and bullet markers (an ordered item keeps its number as text).

    Stops where markdown-it's own loop would: at ``end`` or at a line indented
    less than the container's content. A line starting with a marker starts a
    new paragraph; a blank line ends one.
    """
    line = state.skipEmptyLines(start)
    if line < end and state.sCount[line] >= state.blkIndent:
        state.env.setdefault(_HITS, []).append(line)
    spaced = False  # a blank line came between two paragraphs: a list holding them is loose
    while line < end and state.sCount[line] >= state.blkIndent:
        state.tight = not spaced
        first = line
        texts = [_without_markers(_line(state, line))]
        line += 1
        while (
            line < end
            and not state.isEmpty(line)
            and state.sCount[line] >= state.blkIndent
            and not _MARKERS.match(_line(state, line))
        ):
            texts.append(_line(state, line).strip())
            line += 1
        content = "\n".join(text for text in texts if text)
        if content:
            token = state.push("paragraph_open", "p", 1)
            token.map = [first, line]
            token = state.push("inline", "", 0)
            token.content = content
            token.map = [first, line]
            token.children = []
            state.push("paragraph_close", "p", -1)
        spaced = spaced or (line < end and state.isEmpty(line))
        line = state.skipEmptyLines(line)
    state.line = line


def _first_per_top_block(tokens: list[Token], hits: list[int]) -> list[int]:
    """The first of the ``hits`` (in order) inside each top-level block."""
    blocks = [t.map for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
    first: list[int] = []
    index = 0
    current: list[int] | None = None
    for hit in hits:
        if current is not None and current[0] <= hit < current[1]:
            continue
        while index < len(blocks) and blocks[index][1] <= hit:
            index += 1
        current = blocks[index] if index < len(blocks) and blocks[index][0] <= hit else None
        first.append(hit)
    return first


def _cap_children(children: list[Token], limit: int, depth: int = 0) -> int | None:
    """Markup nested more than ``limit`` deep becomes its text; the number of
    line breaks before the first so flattened, or ``None``.

    An image's alt text is a stream of its own (MyST builds a tree of it too):
    it counts from the image's depth, and an image past the limit is its alt text.
    """
    closers: list[str | None] = []  # for each open markup: what closes it, if shown as text
    breaks = 0
    hit: int | None = None
    for token in children:
        if token.type in ("softbreak", "hardbreak"):
            breaks += 1
        elif token.nesting == 1:
            depth += 1
            if depth > limit:
                opening, closing = _written(token)
                closers.append(closing)
                _as_text(token, opening)
                hit = breaks if hit is None else hit
            else:
                closers.append(None)
        elif token.nesting == -1:
            depth -= 1
            closing = closers.pop() if closers else None
            if closing is not None:
                _as_text(token, closing)
        elif token.children:
            if depth >= limit:
                _as_text(token, token.content)
                hit = breaks if hit is None else hit
            elif _cap_children(token.children, limit, depth + 1) is not None and hit is None:
                hit = breaks
    return hit


def _written(opener: Token) -> tuple[str, str]:
    """What was written to open and to close ``opener``'s markup."""
    if not opener.type.startswith("link_"):
        return opener.markup, opener.markup  # ``*``, ``__``, ``~~``
    if opener.markup in ("autolink", "linkify"):
        return "", ""  # the text is the address
    href, title = opener.attrs.get("href", ""), opener.attrs.get("title")
    return "[", f']({href} "{title}")' if title else f"]({href})"


def _as_text(token: Token, content: str) -> None:
    token.type = "text"
    token.tag = ""
    token.nesting = 0
    token.attrs = {}
    token.children = None
    token.content = content
