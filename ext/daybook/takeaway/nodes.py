"""The pieces of raw HTML that have no docutils node: a line break and a checkbox.

They appear only in ePub and LaTeX doctrees (the web pages keep the post's
own HTML), but every writer can draw them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class line_break(nodes.Inline, nodes.Element):
    """``<br>``."""


class checkbox(nodes.Inline, nodes.Element):
    """``<input type="checkbox">``, ticked when ``checked`` is true."""


def _html_break(self: Any, node: nodes.Element) -> None:
    self.body.append("<br />")
    raise nodes.SkipNode


def _latex_break(self: Any, node: nodes.Element) -> None:
    # in a title (a moving argument) a break would be an error: a space reads the same
    self.body.append(" " if getattr(self, "in_title", 0) else "\\newline{}")
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
