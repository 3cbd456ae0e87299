"""Nodes of the books to take away that docutils lacks.

Raw HTML with no docutils node (a line break, a checkbox), and what the
LaTeX writer needs to lay out the book (a part's title, the start of each
post, text with the characters it stands for). They appear only in
ePub and LaTeX doctrees, but every writer can draw them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from docutils import nodes

from .tex import escape_text


class line_break(nodes.Inline, nodes.Element):
    """``<br>``."""


class checkbox(nodes.Inline, nodes.Element):
    """``<input type="checkbox">``, ticked when ``checked`` is true."""


def _html_break(self: Any, node: nodes.Element) -> None:
    self.body.append("<br />")
    raise nodes.SkipNode


def _latex_break(self: Any, node: nodes.Element) -> None:
    # in a title (a moving argument) a break would be an error: a space reads the same;
    # elsewhere \daybookbr (tex.py) ends a line where there is one, else leaves a line's space
    self.body.append(" " if getattr(self, "in_title", 0) else "\\daybookbr{}")
    raise nodes.SkipNode


def _text_break(self: Any, node: nodes.Element) -> None:
    self.add_text("\n")
    raise nodes.SkipNode


def _html_checkbox(self: Any, node: nodes.Element) -> None:
    checked = ' checked="checked"' if node.get("checked") else ""
    self.body.append(f'<input type="checkbox" disabled="disabled"{checked} class="daybook-checkbox" /> ')
    raise nodes.SkipNode


def _latex_checkbox(self: Any, node: nodes.Element) -> None:
    self.body.append(r"\(\boxtimes\)~" if node.get("checked") else r"\(\square\)~")
    raise nodes.SkipNode


def _text_checkbox(self: Any, node: nodes.Element) -> None:
    self.add_text("[x] " if node.get("checked") else "[ ] ")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Element) -> None:
    pass


class part_heading(nodes.Element):
    """A part of the book (a category), where its chapters start: ``\\part{…}``."""


def _latex_part(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\part{" + escape_text(node["title"]) + "}\n")
    raise nodes.SkipNode


class post_start(nodes.Element):
    """Where a post starts in the .tex file: a comment naming it, for LaTeX's errors (see lualatex.py)."""


#: the comment line that starts each post in the .tex file
POST_MARKER = "%daybook-post:"


def _latex_post_start(self: Any, node: nodes.Element) -> None:
    # percent-encoded: a file name may hold a line break or a '%'
    self.body.append(f"\n{POST_MARKER} {quote(node['source'], safe='/')}\n")
    raise nodes.SkipNode


class actual_text(nodes.Inline, nodes.TextElement):
    """Text whose glyphs do not say what it is: an emoji sequence (👩‍💻: woman, zero-width
    joiner, laptop) drawn from several glyphs, Hangul jamo whose glyph the font names
    by its half-width form. The PDF says the characters (``/ActualText``), so it copies
    and searches as written."""


def _latex_actual_text_visit(self: Any, node: nodes.Element) -> None:
    if getattr(self, "in_title", 0):
        return
    hexadecimal = "FEFF" + node.astext().encode("utf-16-be").hex().upper()
    self.body.append(f"\\BeginAccSupp{{method=hex,ActualText={hexadecimal}}}")


def _latex_actual_text_depart(self: Any, node: nodes.Element) -> None:
    if not getattr(self, "in_title", 0):
        self.body.append("\\EndAccSupp{}")


def node_visitors() -> list[tuple[type[nodes.Element], dict[str, tuple]]]:
    """For ``app.add_node``: each node with its visitor for each writer."""
    return [
        (
            line_break,
            {
                "html": (_html_break, None),
                "latex": (_latex_break, None),
                "text": (_text_break, None),
                "man": (_skip, None),
                "texinfo": (_skip, None),
            },
        ),
        (
            part_heading,
            {writer: ((_latex_part if writer == "latex" else _skip), None) for writer in ("html", "latex", "text", "man", "texinfo")},
        ),
        (
            post_start,
            {writer: ((_latex_post_start if writer == "latex" else _skip), None) for writer in ("html", "latex", "text", "man", "texinfo")},
        ),
        (
            actual_text,
            {
                "html": (_pass, _pass),
                "latex": (_latex_actual_text_visit, _latex_actual_text_depart),
                "text": (_pass, _pass),
                "man": (_pass, _pass),
                "texinfo": (_pass, _pass),
            },
        ),
        (
            checkbox,
            {
                "html": (_html_checkbox, None),
                "latex": (_latex_checkbox, None),
                "text": (_text_checkbox, None),
                "man": (_skip, None),
                "texinfo": (_skip, None),
            },
        ),
    ]
