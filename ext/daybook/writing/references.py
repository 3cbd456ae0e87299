"""Gatsby-style links between posts become links between chapters.

Runs after reading, before MyST resolves its references (priority 9):

* a link that names a post in the book becomes a link to that chapter; its
  ``#anchor`` is checked against the ids the chapter really has (the blog's
  heading anchors, which MyST does not know);
* an in-page ``[text](#anchor)`` lands on the heading of that id;
* a link to a post not in the book (missing, or a draft), or to an anchor no
  heading has, is one warning (naming the nearest anchor) and never a broken
  ``href``: a dead post link is plain text, a dead anchor links to the page.

On an incremental build, a page is written again when a post it links to
comes or goes, or gains or loses the anchor it links to
(:func:`pages_whose_links_changed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import difflib
import unicodedata
from urllib.parse import unquote

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..environment import ANCHORS, POST_LINKS, RESOLVED_LINKS, PageCollector, settings_of
from ..model.links import PostLink, post_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class PostLinkResolver(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: object) -> None:
        # single-document builders (singlehtml, LaTeX) resolve one tree made of
        # every page: a link is relative to the page it was written in
        current = self.env.current_document.docname
        site_url = settings_of(self.env).site_url
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") != "myst" or xref.get("refdomain"):
                continue
            docname = xref.get("refdoc") or _written_in(xref, current)
            target = xref["reftarget"]
            if target and "/" not in target and "." not in target and target not in self.env.all_docs:
                # MyST took the "#" off an in-page link: [text](#anchor)
                self._link_to(xref, docname, unicodedata.normalize("NFC", unquote(target)), f"#{target}")
                continue
            link = post_link(target, docname, "")
            if link is not None and "/" in target:
                self._resolve(xref, link, target)
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
        self._link_to(xref, target, link.anchor, written)

    def _link_to(self, xref: addnodes.pending_xref, docname: str, anchor: str, written: str) -> None:
        """Replace ``xref`` by a link to ``docname`` (and ``anchor``, if the page has that id)."""
        if anchor:
            anchors = ANCHORS.of(self.env).get(docname, frozenset())
            if anchor not in anchors:
                nearest = difflib.get_close_matches(anchor, sorted(anchors), n=1, cutoff=0.0)
                hint = f"; the nearest is '#{nearest[0]}'" if nearest else ""
                logger.warning(
                    f"link '{written}' names an anchor the page does not have{hint}; it links to the page",
                    location=xref,
                    type="daybook",
                    subtype="anchor",
                )
                anchor = ""
        here = xref.get("refdoc") or _written_in(xref, self.env.current_document.docname)
        text = nodes.inline("", "", *(child.deepcopy() for child in xref.children))
        if docname == here and anchor:
            link: nodes.Element = nodes.reference("", "", text, refid=anchor, internal=True)
        else:
            # the builder writes the address (relative, or inside one file) once the doctree is resolved
            link = post_reference("", "", text, docname=docname, anchor=anchor)
        link.source, link.line = xref.source, xref.line
        xref.replace_self(link)


def _written_in(node: nodes.Node, current: str) -> str:
    """The page ``node`` was written in: its ``start_of_file`` in an assembled tree, else ``current``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent["docname"]
        parent = parent.parent
    return current


class post_reference(nodes.Inline, nodes.TextElement):
    """A link to a chapter (and one of its anchors), until the builder gives its address."""


def write_post_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(post_reference)):
        try:
            uri = app.builder.get_relative_uri(docname, node["docname"])
        except NoUri:
            node.replace_self(node.children)
            continue
        anchor = node["anchor"]
        if anchor:
            uri = f"#{anchor}" if uri.startswith("#") else f"{uri}#{anchor}"
        reference = nodes.reference("", "", *node.children, refuri=uri or "#", internal=True)
        reference.source, reference.line = node.source, node.line
        node.replace_self(reference)


# -- incremental builds ----------------------------------------------------------------

#: a link between posts as read: the docnames that may hold the post, and the anchor
_Written = tuple[tuple[str, ...], str]


def post_links(env: BuildEnvironment) -> dict[str, tuple[_Written, ...]]:
    """docname -> the links to other posts its page holds."""
    return POST_LINKS.of(env)


class PostLinkCollector(PageCollector):
    """The links between posts of each page, kept with purge and merge, for parallel and incremental builds."""

    kept = POST_LINKS

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        docname = app.env.current_document.docname
        site_url = settings_of(app.env).site_url
        found: list[_Written] = []
        for xref in doctree.findall(addnodes.pending_xref):
            if xref.get("reftype") != "myst" or xref.get("refdomain"):
                continue
            target = xref["reftarget"]
            if target and "/" not in target and "." not in target:
                found.append(((target,), ""))  # an in-page anchor, unless a page has that name
                continue
            link = post_link(target, xref.get("refdoc") or docname, "")
            if link is not None and "/" in target:
                found.append((link.candidates(), link.anchor))
        if site_url:
            for ref in doctree.findall(nodes.reference):
                uri = ref.get("refuri", "")
                link = post_link(uri, docname, site_url) if "://" in uri else None
                if link is not None:
                    found.append((link.candidates(), link.anchor))
        if found:
            post_links(app.env)[docname] = tuple(found)


def pages_whose_links_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose links to other posts lead elsewhere than in the last build."""
    anchors = ANCHORS.of(env)

    def resolved(written: _Written) -> tuple[str | None, bool | None]:
        candidates, anchor = written
        target = next((d for d in candidates if d in env.all_docs), None)
        return target, (anchor in anchors.get(target, ()) if target and anchor else None)

    now = {d: tuple(resolved(w) for w in links) for d, links in post_links(env).items()}
    before = RESOLVED_LINKS.get(env, None)
    RESOLVED_LINKS.put(env, now)
    if before is None:
        return []  # a first build writes every page
    return sorted(d for d, targets in now.items() if d in env.found_docs and before.get(d) != targets)
