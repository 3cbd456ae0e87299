"""The theme's markup around a page, without its indentation and comments. Pure.

The book theme's templates are indented for their authors: on a chapter of
a 1,000-post book, a quarter of the page's bytes were template indentation,
template comments and blank lines, repeated on every page. A run of
whitespace that holds a line break renders like one line break wherever
whitespace collapses, so each such run becomes ``"\\n"``, and comments go.

What this never touches:

* the article (``body``: the author's post, whose raw HTML may style its
  own whitespace as preformatted), found by identity in the page;
* the insides of ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``;
* runs without a line break, so text on one line keeps every space.
"""

from __future__ import annotations

import re

#: kept as they are: comments (to drop whole) and elements whose text is verbatim
_KEPT = re.compile(r"<!--.*?-->|<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def compact_markup(markup: str) -> str:
    """``markup`` with comments dropped and each whitespace run holding a line break made one ``"\\n"``."""
    out: list[str] = []
    text: list[str] = []  # markup since the last verbatim element, comments left out
    done = 0
    # one scan in document order: "<script>" inside a comment, or "<!--"
    # inside a script, is read as what it is inside
    for kept in _KEPT.finditer(markup):
        text.append(markup[done : kept.start()])
        done = kept.end()
        if kept.group(1) is not None:
            out.append(_LINE_BREAK_RUN.sub("\n", "".join(text)))
            out.append(kept.group(0))
            text.clear()
    text.append(markup[done:])
    out.append(_LINE_BREAK_RUN.sub("\n", "".join(text)))
    return "".join(out)


def around_body(page: str, body: str) -> tuple[str, str, str]:
    """``page`` as the markup before its ``body``, the body, and the markup after; all before if not found."""
    start = page.find(body) if body else -1
    if start < 0:
        return page, "", ""
    end = start + len(body)
    return page[:start], body, page[end:]


def compact_page(page: str, body: str) -> str:
    """``page`` compacted around its ``body``, which stays byte for byte."""
    before, body, after = around_body(page, body)
    return compact_markup(before) + body + compact_markup(after)
