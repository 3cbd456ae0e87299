"""Section ids that are the blog's heading anchors (see :mod:`.slugs`).

Each heading's slug becomes its section's first id, so the permalink, the
page's table of contents and old shared ``#…`` links all use it; the id
docutils made stays as a second id, so nothing that pointed at it breaks.
In-page links ``[벡터](#벡터)`` then point at the heading directly.
"""

from __future__ import annotations

from urllib.parse import unquote

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..doctree import NO_BLOG_ANCHORS, PAGE_TITLE
from .slugs import HeadingSlugger, heading_slug



def heading_text(title: nodes.Element) -> str:
    """A heading's plain text as remark saw it: footnote marks out, image alt in."""
    parts: list[str] = []
    for child in title.children:
        if isinstance(child, nodes.Text):
            parts.append(str(child))
        elif isinstance(child, nodes.image):
            parts.append(child.get("alt", ""))
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.footnote_reference):
            parts.append(heading_text(child))
    return "".join(parts)


class HeadingAnchors(SphinxTransform):
    """Give every heading of a page the blog's anchor as its first id."""

    # after every id docutils, Sphinx and MyST (700) assign, before the
    # table of contents is collected at doctree-read (880)
    default_priority = 710

    def apply(self, **kwargs: object) -> None:
        if self.document.get(NO_BLOG_ANCHORS):
            return
        headings = [
            node
            for node in self.document.findall(lambda n: isinstance(n, (nodes.section, nodes.rubric)))
        ]
        title_section = next((h for h in headings if h.get(PAGE_TITLE)), None)
        slugger = HeadingSlugger()
        slugs: dict[str, nodes.Element] = {}
        for heading in headings:
            if heading is title_section:
                continue
            slug = slugger.slug(self._text(heading))
            if self._claim(heading, slug, yielding=title_section):
                slugs[slug] = heading
        if title_section is not None:
            # the blog's page title had no anchor: it takes its slug only if
            # free, else another id (a section needs one)
            slug = heading_slug(self._text(title_section))
            if slug in slugger or not self._claim(title_section, slug):
                if not title_section["ids"]:
                    self._claim(title_section, self._free_id(f"{slug or 'page'}-title"))
        self._point_links(slugs)

    def _free_id(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.document.ids:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    @staticmethod
    def _text(heading: nodes.Element) -> str:
        if isinstance(heading, nodes.section):
            title = next((c for c in heading.children if isinstance(c, nodes.title)), None)
            return heading_text(title) if title is not None else ""
        return heading_text(heading)

    def _claim(self, heading: nodes.Element, slug: str, yielding: nodes.Element | None = None) -> bool:
        """Make ``slug`` the heading's first id, unless another element holds it.

        ``yielding`` (the page title) gives up an id a heading wants: docutils
        named it after its text, but on the blog the heading had the anchor.
        """
        if not slug:
            return False
        owner = self.document.ids.get(slug)
        if owner is not None and owner is not heading:
            if owner is not yielding and (not isinstance(owner, (nodes.section, nodes.rubric)) or owner["ids"][0] == slug):
                return False  # an explicit target of that name keeps it
            owner["ids"].remove(slug)  # a secondary slug MyST gave another heading, or the title's
        if slug in heading["ids"]:
            heading["ids"].remove(slug)
        heading["ids"].insert(0, slug)
        self.document.ids[slug] = heading
        return True

    def _point_links(self, slugs: dict[str, nodes.Element]) -> None:
        """``[text](#slug)`` lands on the heading, as an in-page link always did on the blog."""
        for ref in self.document.findall(nodes.reference):
            if not ref.get("id_link") or not ref.get("refuri", "").startswith("#"):
                continue
            target = unquote(ref["refuri"][1:])
            if target not in slugs:
                continue
            del ref["refuri"]
            del ref["id_link"]
            ref["refid"] = target
            ref["internal"] = True
            if not ref.children:
                title = slugs[target].next_node(nodes.title)
                ref += nodes.inline(text=title.astext() if title else "#" + target)
