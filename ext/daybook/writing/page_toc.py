"""The page's "on this page" list, written from its doctree instead of parsed from HTML.

pydata-sphinx-theme's ``generate_toc_html()`` (in the page context) parses
Sphinx's rendered page toc with BeautifulSoup, adds its classes and writes
it back: per page, the dearest call of the theme. A daybook page's toc is a
title with its sections, all plain text, so daybook writes the same markup
from the toc node directly (``daybook_page_toc()`` in the context; the
templates ``page-toc.html`` and ``toggle-secondary-sidebar.html`` call it).

It writes only what it knows it writes as the theme does: one title holding
lists of list items, each one link with only text in it, and addresses with
no character an HTML parser would change. Anything else (a section title
with code, emphasis or math, several top-level titles, an address with a
quote) is the theme's own ``generate_toc_html()``, so the page is the same
either way.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .. import upstream

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CONTEXT_NAME = "daybook_page_toc"

#: the classes pydata-sphinx-theme gives each list, item and link of the toc
_LIST_CLASSES = "nav section-nav flex-column"
_ITEM_CLASSES = "nav-item toc-entry"
_LINK_CLASSES = "reference internal nav-link"
#: and to the lists shown from the start (``show_toc_level``)
_SHOWN_CLASS = "pst-show_toc_level"

#: control characters: an HTML parser may not give them back unchanged
_CONTROL = frozenset(map(chr, [*range(0x20), 0x7F]))
#: and in an address, what Sphinx's writer changes (spaces) or the theme would quote or escape
_UNSAFE_IN_ADDRESS = _CONTROL | frozenset(" \"'&<>")


class _NotPlain(Exception):
    """The toc holds something daybook leaves to the theme."""


def _plain(node: nodes.Element) -> None:
    """``node`` carries no attribute but the ones every docutils element has, all empty."""
    for name, value in node.attributes.items():
        if value and name not in ("internal", "refuri", "anchorname"):
            raise _NotPlain


def _link(item: nodes.Element) -> str:
    if not (len(item.children) in (1, 2) and isinstance(item.children[0], addnodes.compact_paragraph)):
        raise _NotPlain
    paragraph = item.children[0]
    _plain(paragraph)
    if len(paragraph.children) != 1 or not isinstance(paragraph.children[0], nodes.reference):
        raise _NotPlain
    reference = paragraph.children[0]
    _plain(reference)
    address = reference.get("refuri")
    if not reference.get("internal") or not isinstance(address, str) or not _UNSAFE_IN_ADDRESS.isdisjoint(address):
        raise _NotPlain
    if not all(isinstance(child, nodes.Text) for child in reference.children):
        raise _NotPlain
    text = reference.astext()
    if not _CONTROL.isdisjoint(text):
        raise _NotPlain
    return f'<a class="{_LINK_CLASSES}" href="{address}">{html.escape(text, quote=False)}</a>'


def _list(node: nodes.Node, level: int, shown_levels: int) -> str:
    """The list of section titles at ``level`` (2 for a page's sections), as the theme writes it."""
    if not isinstance(node, nodes.bullet_list):
        raise _NotPlain
    _plain(node)
    shown = f"{_SHOWN_CLASS} " if level <= shown_levels + 1 else ""
    written = [f'<ul class="{shown}{_LIST_CLASSES}">\n']
    for item in node.children:
        if not isinstance(item, nodes.list_item):
            raise _NotPlain
        _plain(item)
        written.append(f'<li class="toc-h{level} {_ITEM_CLASSES}">{_link(item)}')
        if len(item.children) == 2:
            written.append(_list(item.children[1], level + 1, shown_levels) + "\n")
        written.append("</li>\n")
    written.append("</ul>")
    return "".join(written)


def page_toc_html(toc: nodes.Node, shown_levels: int) -> str | None:
    """What the theme's ``generate_toc_html()`` gives for the page toc ``toc``, or None if daybook leaves it to the theme.

    ``toc`` is the page's toc node as Sphinx renders it into the page context's
    ``toc``; ``shown_levels`` is the theme's ``show_toc_level``.
    """
    if not isinstance(shown_levels, int) or isinstance(shown_levels, bool):
        return None
    try:
        if not isinstance(toc, nodes.bullet_list) or len(toc.children) != 1:
            raise _NotPlain  # no title, or several: the theme lists them all
        _plain(toc)
        title = toc.children[0]
        if not isinstance(title, nodes.list_item):
            raise _NotPlain
        _plain(title)
        _link(title)
        if len(title.children) == 1 or not title.children[1].children:
            # a title with no section: the theme shows no list (and checks the section list all the same)
            if len(title.children) == 2:
                _list(title.children[1], 2, shown_levels)
            return ""
        return _list(title.children[1], 2, shown_levels)
    except _NotPlain:
        return None


class PageToc:
    """The page context's ``daybook_page_toc()``: the page's toc markup, daybook's or the theme's."""

    def __init__(self, app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
        self.app = app
        self.pagename = pagename
        self.context = context
        self._written: Any = None
        self._done = False

    def __call__(self) -> Any:
        if not self._done:
            toc = upstream.document_toc(self.app.env, self.pagename, self.app.tags)
            written = page_toc_html(toc, self.context.get("theme_show_toc_level"))
            # the theme's own function (cached by it per page) for what daybook leaves to it
            self._written = written if written is not None else self.context["generate_toc_html"]()
            self._done = True
        return self._written


def add_page_toc(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give a document's page ``daybook_page_toc()``, where the theme gave it ``generate_toc_html()``."""
    if doctree is None or "toc" not in context:
        return
    context[CONTEXT_NAME] = PageToc(app, pagename, context)
