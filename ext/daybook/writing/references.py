"""Gatsby-style links between posts become links between chapters.

Runs after reading, before MyST resolves its references (priority 9): a link
that names a post in the book is rewritten into MyST's own document-reference
form (anchor included); one that names a post not in the book (missing, or a
draft) is one warning and plain text, never a broken ``href``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..config import daybook_config
from ..model.links import PostLink, post_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class PostLinkResolver(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: object) -> None:
        # single-document builders (singlehtml, LaTeX) resolve one tree made of
        # every page: a link is relative to the page it was written in
        current = self.env.current_document.docname
        site_url = daybook_config(self.config).site_url
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") != "myst" or xref.get("refdomain"):
                continue
            link = post_link(xref["reftarget"], xref.get("refdoc") or _written_in(xref, current), "")
            if link is not None and "/" in xref["reftarget"]:
                self._resolve(xref, link, xref["reftarget"])
        if not site_url:
            return
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            docname = _written_in(ref, current)
            link = post_link(uri, docname, site_url) if "://" in uri else None
            if link is None:
                continue
            # MyST reads an explicit link's text from the first child's children
            text = nodes.inline("", "", *(child.deepcopy() for child in ref.children))
            xref = addnodes.pending_xref(
                "", text, refdomain=None, reftype="myst", refexplicit=True, refdoc=docname
            )
            xref.source, xref.line = ref.source, ref.line
            ref.replace_self(xref)
            self._resolve(xref, link, uri)

    def _resolve(self, xref: addnodes.pending_xref, link: PostLink, written: str) -> None:
        target = next((d for d in link.candidates() if d in self.env.all_docs), None)
        if target is None:
            logger.warning(
                f"link '{written}' names a post that is not in the book (missing, "
                "renamed or a draft); it is shown as plain text",
                location=xref,
                type="daybook",
                subtype="post_link",
            )
            xref.replace_self(nodes.inline("", "", *xref.children, classes=["daybook-dead-link"]))
            return
        xref["refdomain"] = "doc"
        xref["reftarget"] = target
        xref["reftargetid"] = link.anchor or None


def _written_in(node: nodes.Node, current: str) -> str:
    """The page ``node`` was written in: its ``start_of_file`` in an assembled tree, else ``current``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent["docname"]
        parent = parent.parent
    return current
