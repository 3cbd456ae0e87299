"""markdown-it rules for what Gatsby's remark read differently from MyST.

Pure: knows markdown-it, not Sphinx.

* :func:`markdown_in_html_plugin`: in an HTML block, an element marked
  ``markdown=1`` (``markdown="1"``, ``"block"``, ``"span"``) has its content
  read as Markdown even without blank lines around it; the tags stay raw HTML
  (without the ``markdown`` attribute) and every line keeps its number.
  Nested deeper than :data:`MARKDOWN_IN_HTML_DEPTH`, an element stays raw
  HTML, with one warning.
* :func:`prism_fences_plugin`: fences written for Prism (```` ```js{1,3-5} ````,
  ``{numberLines: true}``, ``:title=``, ``// highlight-line`` comments) become
  MyST's emphasized and numbered lines; languages Pygments lacks fall back
  (see :mod:`.fences`). A fence whose info starts with a brace (R Markdown's
  ```` ```{r} ````, Pandoc's ```` ```{.python} ````, MyST's ```` ```{note} ````)
  is code, as Prism showed it, unless told it is a directive.
* :func:`heading_levels_plugin`: headings that skip a level (``##`` then
  ``####``) nest under the nearest shallower heading without a warning, as
  the blog showed them; only the level numbers change, not the nesting.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .fences import cleanest_language, parse_fence_info, pygments_language, take_highlight_comments

_OPEN_TAG = re.compile(r"""<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>""")
_MARKDOWN_ATTR = re.compile(r"""\s+markdown\s*=\s*(?P<q>["']?)(?:1|block|span)(?P=q)(?=[\s/]|$)""", re.IGNORECASE)


@dataclass(frozen=True)
class _Container:
    """Where the Markdown of a ``markdown=1`` element starts and ends."""

    opener: str  # HTML up to the opening tag, the attribute removed
    rest: str  # what follows the opening tag on its line
    close_line: int  # line holding the closing tag
    before_close: str  # what precedes the closing tag on that line
    closer: str  # the closing tag and what follows it on that line


def without_autolink_text(children: list[Token]) -> Iterator[Token]:
    """An inline token's children, less the text of autolinks (an address stays as written)."""
    autolink = 0
    for token in children:
        if token.type == "link_open" and token.info == "auto":
            autolink += 1
        elif token.type == "link_close" and autolink:
            autolink -= 1
        elif autolink:
            continue
        yield token


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _find_container(state: StateBlock, start: int, end: int) -> _Container | None:
    text = _line(state, start)
    if not text.startswith("<"):
        return None
    for tag in _OPEN_TAG.finditer(text):
        attr = _MARKDOWN_ATTR.search(tag["attrs"])
        if attr is None:
            continue
        name = tag["name"]
        opener = text[: tag.start()] + f"<{name}{tag['attrs'][: attr.start()]}{tag['attrs'][attr.end() :]}>"
        found = _closing(state, name, start, tag.end(), end)
        if found is None:
            return None
        close_line, at, after = found
        close_text = _line(state, close_line)
        if close_line == start:
            rest, before_close = text[tag.end() : at], ""
        else:
            rest, before_close = text[tag.end() :], close_text[:at]
        return _Container(opener, rest, close_line, before_close, close_text[at:])
    return None


def _closing(state: StateBlock, name: str, line: int, column: int, end: int) -> tuple[int, int, int] | None:
    """Line and columns of the tag that closes ``<name`` opened before ``column``."""
    tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.IGNORECASE)
    depth = 1
    while line < end:
        text = _line(state, line)
        for tag in tags.finditer(text, column):
            if tag[1]:
                depth -= 1
                if depth == 0:
                    return line, tag.start(), tag.end()
            elif not tag[2]:
                depth += 1
        line += 1
        column = 0
    return None


def _push_html(state: StateBlock, html: str, line: int) -> None:
    token = state.push("html_block", "", 0)
    token.map = [line, line + 1]
    token.content = html + "\n"


def _push_text(state: StateBlock, text: str, line: int) -> None:
    """A line's worth of Markdown next to a tag: HTML stays HTML, text is a paragraph."""
    if not text.strip():
        return
    if text.lstrip().startswith("<"):
        _push_html(state, text.strip(), line)
        return
    token = state.push("paragraph_open", "p", 1)
    token.map = [line, line + 1]
    token = state.push("inline", "", 0)
    token.content = text.strip()
    token.map = [line, line + 1]
    token.children = []
    state.push("paragraph_close", "p", -1)


#: ``markdown=1`` elements inside one another read as Markdown, at most (each
#: deeper one stays raw HTML): every one is read by a nested call of the block
#: parser, and they do not count towards markdown-it's ``maxNesting``
MARKDOWN_IN_HTML_DEPTH = 20


def html_depth_message(limit: int) -> str:
    return f"markdown=1 HTML nested deeper than {limit} levels; the rest is shown as raw HTML"


def _read_container(state: StateBlock, start: int, container: _Container) -> None:
    rest = container.rest
    if rest.strip().startswith("<") and not container.close_line == start:
        _push_html(state, container.opener + rest, start)
    else:
        _push_html(state, container.opener, start)
        _push_text(state, rest, start)
    if container.close_line > start + 1:
        line_max, parent = state.lineMax, state.parentType
        state.lineMax, state.parentType = container.close_line, "daybook_markdown_html"
        try:
            state.md.block.tokenize(state, start + 1, container.close_line)
        finally:
            state.lineMax, state.parentType = line_max, parent
    if container.close_line > start:
        _push_text(state, container.before_close, container.close_line)
    _push_html(state, container.closer, container.close_line)
    state.line = container.close_line + 1


def markdown_in_html_plugin(
    md: MarkdownIt,
    warn: Callable[[str, int], None] | None = None,
    max_depth: int = MARKDOWN_IN_HTML_DEPTH,
) -> None:
    """``warn(message, line)`` reports, once per outermost element, a 1-based
    line where elements nest deeper than ``max_depth``; from there on the HTML
    is left to markdown-it's own HTML block rule, as written."""
    depth = 0
    warned = False

    def markdown_in_html(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        nonlocal depth, warned
        if state.is_code_block(start):
            return False
        container = _find_container(state, start, end)
        if container is None:
            return False
        if depth >= max_depth:
            if not silent and not warned and warn is not None:
                warn(html_depth_message(max_depth), start + 1)
                warned = True
            return False
        if silent:
            return True
        depth += 1
        try:
            _read_container(state, start, container)
        finally:
            depth -= 1
            if depth == 0:
                warned = False
        return True

    md.block.ruler.before(
        "html_block",
        "daybook_markdown_in_html",
        markdown_in_html,
        {"alt": ["paragraph", "reference", "blockquote"]},
    )


def _close_level_gaps(state: StateCore) -> None:
    open_levels: list[int] = []  # heading levels as written, of the open sections
    for index, token in enumerate(state.tokens):
        if token.type != "heading_open" or token.level != 0:
            continue
        written = int(token.tag[1])
        while open_levels and open_levels[-1] >= written:
            open_levels.pop()
        open_levels.append(written)
        level = len(open_levels)
        if level < written:
            token.tag = f"h{level}"
            close = next(
                t for t in state.tokens[index + 1 :] if t.type == "heading_close"
            )
            close.tag = token.tag


def heading_levels_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "daybook_heading_levels", _close_level_gaps)


def _line_list(lines: tuple[int, ...], count: int) -> str:
    """Prism ignored lines past the end of the code: so does the book."""
    return ",".join(str(n) for n in lines if 1 <= n <= count)


def prism_fences_plugin(
    md: MarkdownIt,
    known: Callable[[str], bool],
    warn: Callable[[str, int], None],
    directives: frozenset[str] = frozenset(),
    lexes_cleanly: Callable[[str, str], bool] | None = None,
    brace_directives: bool = False,
) -> None:
    """``known(name)``: the highlighter has a lexer of that name; ``warn(message,
    line)`` reports a problem at a 1-based line; fences whose first word is in
    ``directives`` are directives (``myst_fence_as_directive``, ``{daybook-cover}``)
    and left alone, and so is every ```` ```{name} ```` fence with
    ``brace_directives`` (MyST's syntax); ``lexes_cleanly(name, code)``: that
    lexer reads the code without an error (to pick JSX for a ``js`` fence
    holding JSX; see :func:`.cleanest_language`).

    Otherwise a fence whose info starts with a brace is code as Prism showed
    it: Prism takes the language from before the first ``{``, so it has none
    (plain text), and highlights the lines a ``{1,3}`` names; what else the
    braces hold (``{r}``, ``{.python}``, ``{r, echo=FALSE}``) Prism ignored
    without a word, and so does the book.
    """

    def rewrite(state: StateCore) -> None:
        tokens: list[Token] = []
        for token in state.tokens:
            name = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
            directive = name in directives or (brace_directives and name.startswith("{") and name.endswith("}"))
            if token.type == "fence" and not directive:
                if name.startswith("{"):
                    title = _brace_fence(token)
                else:
                    title = _rewrite_fence(token, known, warn, lexes_cleanly)
                if title:
                    caption = Token("html_block", "", 0, map=token.map, level=token.level)
                    caption.content = f'<div class="daybook-code-title">{html.escape(title)}</div>\n'
                    tokens.append(caption)
            tokens.append(token)
        state.tokens = tokens

    md.core.ruler.after("block", "daybook_prism_fences", rewrite)


def _brace_fence(token: Token) -> str | None:
    """```` ```{1,3} ````, ```` ```{r} ````: plain text, the numbered lines highlighted; the title, if any."""
    words = token.info.strip()
    info = parse_fence_info(words) or parse_fence_info(words.split(maxsplit=1)[0])
    # the code as written: Prism had no language to read highlight comments for
    lines = info.highlight_lines if info else ()
    token.info = "text"
    count = len(token.content.splitlines())
    if _line_list(lines, count):
        token.attrs["emphasize-lines"] = _line_list(lines, count)
    if info is not None and info.number_from is not None:
        token.attrs["lineno-start"] = str(info.number_from)
    return info.title if info is not None else None


def _rewrite_fence(
    token: Token,
    known: Callable[[str], bool],
    warn: Callable[[str, int], None],
    lexes_cleanly: Callable[[str, str], bool] | None = None,
) -> str | None:
    words = token.info.strip()
    info = parse_fence_info(words) if words else None
    marked = take_highlight_comments(token.content)
    if info is None:
        name = words.split(maxsplit=1)[0] if words else ""
        lines: tuple[int, ...] = ()
        number_from = None
        title = None
    else:
        name, lines, number_from, title = info.language, info.highlight_lines, info.number_from, info.title
        if info.problem:
            warn(info.problem, (token.map[0] if token.map else 0) + 1)
    lines = tuple(sorted(set(lines) | set(marked.highlight_lines)))
    token.content = marked.code
    if name:
        token.info = pygments_language(name, known)
        if lexes_cleanly is not None:
            token.info = cleanest_language(token.info, marked.code, lexes_cleanly)
    elif info is not None:
        token.info = ""
    count = len(marked.code.splitlines())
    if _line_list(lines, count):
        token.attrs["emphasize-lines"] = _line_list(lines, count)
    if number_from is not None:
        token.attrs["lineno-start"] = str(number_from)
    return title
