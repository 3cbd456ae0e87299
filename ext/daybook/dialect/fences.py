"""Code fences written for gatsby-remark-prismjs, read for Pygments.

Pure: knows nothing of Sphinx. What Prism understood in a fence's info
string and body:

* ```` ```js{1,3-5} ```` highlights lines 1 and 3 to 5;
* ```` ```js{numberLines: true} ```` (or ``{numberLines: 5}``) numbers the lines;
* ```` ```js:title=app.js ```` gives the block a caption;
* comments ``// highlight-line``, ``// highlight-next-line`` and
  ``// highlight-start`` … ``// highlight-end`` (or ``#``, ``/* */``,
  ``<!-- -->`` forms) mark lines and are removed from the code.

Prism's language names that Pygments lacks map to their nearest Pygments
lexer; names neither knows fall back to plain text, without a complaint.
Prism never failed on code it did not understand (JSX in a ```` ```js ````
fence, ``!pip`` in Python, Hangul in SQL): JavaScript and TypeScript fences
whose code only the JSX lexer reads are highlighted as JSX or TSX
(:func:`cleanest_language`); the rest is highlighted as well as the lexer can.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

#: Prism names (and common spellings) Pygments does not know by that name
PRISM_TO_PYGMENTS: dict[str, str] = {
    "plain": "text",
    "plaintext": "text",
    "txt": "text",
    "none": "text",
    "nohighlight": "text",
    "jsonc": "json",
    "json5": "javascript",
    "gql": "graphql",
    "markup": "html",
    "svg": "xml",
    "mathml": "xml",
    "mdx": "markdown",
    "svelte": "html",
    "astro": "html",
    "hbs": "handlebars",
    "ejs": "html",
    "cmd": "batch",
    "shell": "bash",
    "sh": "bash",
    "zsh": "bash",
    "terminal": "console",
    "env": "bash",
    "dotenv": "bash",
    "gitignore": "text",
    "git": "text",
    "csv": "text",
    "regex": "text",
    "prisma": "text",
}

#: a lexer for the same language that also reads markup inside the code (JSX, TSX)
WITH_MARKUP: dict[str, str] = {
    "js": "jsx",
    "javascript": "jsx",
    "mjs": "jsx",
    "cjs": "jsx",
    "ts": "tsx",
    "typescript": "tsx",
}

_PRISM_INFO = re.compile(
    r"""^(?P<lang>[^\s{:]*)          # the language, possibly empty
        (?P<braces>(?:\{[^}]*\})*)     # {1,3-5} and {numberLines: true}, in any order
        (?::title=(?P<title>.*))?$     # :title=file.js
    """,
    re.VERBOSE,
)
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")
_NUMBER_LINES = re.compile(r"^\s*numberLines\s*:\s*(true|false|\d+)\s*$", re.IGNORECASE)

_DIRECTIVE = re.compile(
    r"""^\s*(?:\#|//|/\*|<!--|--|;)\s*
        highlight-(?P<what>line|next-line|start|end)
        \s*(?:\*/|-->)?\s*$""",
    re.VERBOSE,
)
_TRAILING_DIRECTIVE = re.compile(
    r"""\s*(?:\#|//|/\*|<!--|--|;)\s*highlight-line\s*(?:\*/|-->)?\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class FenceInfo:
    """What a Prism-style fence info string asks for."""

    language: str
    highlight_lines: tuple[int, ...] = ()
    #: first line number when lines are numbered, else ``None``
    number_from: int | None = None
    title: str | None = None
    #: what could not be read, for one warning (the rest still applies)
    problem: str | None = None


def parse_fence_info(info: str) -> FenceInfo | None:
    """Read ``js{1,3-5}``-style info; ``None`` when it is a plain language name."""
    match = _PRISM_INFO.match(info.strip())
    if not match or not (match["braces"] or match["title"] is not None):
        return None
    lines: list[int] = []
    number_from: int | None = None
    problems: list[str] = []
    for group in re.findall(r"\{([^}]*)\}", match["braces"]):
        numbering = _NUMBER_LINES.match(group)
        if numbering:
            value = numbering[1].lower()
            number_from = None if value == "false" else 1 if value == "true" else int(value)
            continue
        for part in group.split(","):
            if not part.strip():
                continue
            span = _RANGE.match(part)
            if not span:
                problems.append(part.strip())
                continue
            first = int(span[1])
            last = int(span[2]) if span[2] else first
            lines.extend(range(min(first, last), max(first, last) + 1))
    problem = None
    if problems:
        problem = (
            f"cannot read {', '.join(repr(p) for p in problems)} as line numbers to highlight; "
            "write them like {1,3-5}"
        )
    title = match["title"].strip() if match["title"] else None
    return FenceInfo(match["lang"], tuple(sorted(set(lines))), number_from, title or None, problem)


@dataclass(frozen=True)
class MarkedCode:
    """Code with Prism's highlight comments taken out, and the lines they marked."""

    code: str
    highlight_lines: tuple[int, ...] = field(default=())


def take_highlight_comments(code: str) -> MarkedCode:
    """Remove ``highlight-…`` comment lines; return the code and the lines to highlight."""
    if "highlight-" not in code:
        return MarkedCode(code)
    kept: list[str] = []
    marked: set[int] = set()
    in_range = False
    mark_next = False
    for line in code.split("\n"):
        directive = _DIRECTIVE.match(line)
        if directive:
            what = directive["what"]
            if what == "next-line":
                mark_next = True
            elif what == "start":
                in_range = True
            elif what == "end":
                in_range = False
            else:  # a highlight-line comment alone on its line marks nothing
                pass
            continue
        stripped = _TRAILING_DIRECTIVE.sub("", line)
        kept.append(stripped)
        if stripped != line or in_range or mark_next:
            marked.add(len(kept))
        mark_next = False
    return MarkedCode("\n".join(kept), tuple(sorted(marked)))


def pygments_language(name: str, known: Callable[[str], bool]) -> str:
    """The lexer name for a Prism language: itself, its Pygments name, or ``text``."""
    if not name:
        return name
    lowered = name.lower()
    for candidate in (name, lowered, PRISM_TO_PYGMENTS.get(lowered, "")):
        if candidate and known(candidate):
            return candidate
    return "text"


def cleanest_language(name: str, code: str, lexes_cleanly: Callable[[str, str], bool]) -> str:
    """``name``, or its markup-reading relative (``js`` -> ``jsx``) when only that one reads ``code``.

    ``lexes_cleanly(name, code)``: the lexer of that name reads the code without an error token.
    Only JavaScript and TypeScript fences with a ``<`` in them are tried twice.
    """
    relative = WITH_MARKUP.get(name.lower())
    if relative is None or "<" not in code or lexes_cleanly(name, code):
        return name
    return relative if lexes_cleanly(relative, code) else name
