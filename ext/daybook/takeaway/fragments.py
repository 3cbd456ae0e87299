"""Raw HTML of a post, parsed as one fragment around the nodes between its tags.

Pure: knows lxml, not Sphinx. MyST keeps inline and block HTML as separate
raw pieces (``<u>``, text, ``</u>``); only together are they HTML. A piece is
either HTML text or the index of a node that sits between the tags: it is
written as a placeholder element, so the parsed tree says which element holds
which node.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

#: the element standing for a document node between the HTML pieces
PLACEHOLDER = "daybook-node"
#: link schemes kept as links in the ePub and the PDF
SAFE_SCHEMES = ("http", "https", "mailto")


def parse_fragment(pieces: Sequence[str | int]) -> etree._Element:
    """One element (a ``div``) holding the HTML of ``pieces``; ints become placeholders."""
    written = "".join(
        f'<{PLACEHOLDER} index="{piece}"></{PLACEHOLDER}>' if isinstance(piece, int) else piece
        for piece in pieces
    )
    try:
        return lxml.html.fragment_fromstring(written or " ", create_parent="div")
    except (etree.ParserError, ValueError):
        # nothing parseable (only comments, say): keep the placeholders, drop the HTML
        root = lxml.html.Element("div")
        for piece in pieces:
            if isinstance(piece, int):
                etree.SubElement(root, PLACEHOLDER, index=str(piece))
        return root


def placeholder_index(element: etree._Element) -> int | None:
    """The node index an element stands for, or ``None`` if it is HTML of the post."""
    if element.tag != PLACEHOLDER:
        return None
    try:
        return int(element.get("index", ""))
    except ValueError:
        return None


def safe_link(href: str | None) -> str | None:
    """``href`` if it is a web or mail address, else ``None`` (never ``javascript:``)."""
    if not href:
        return None
    href = href.strip()
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in SAFE_SCHEMES else None


def classes_of(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def text_of(element: etree._Element) -> str:
    """The element's text, whitespace collapsed, placeholders ignored."""
    return " ".join("".join(element.itertext()).split())


def escape(text: str) -> str:
    return html.escape(text, quote=True)
