"""What one stage leaves in a page's doctree for a later stage: node classes and attribute names.

The stages never import each other (tests/project/test_layout.py); a node or an
attribute that one stage sets and another reads is named here, once.
"""

from __future__ import annotations

from docutils import nodes

# -- images copied but drawn by no writer (reading/ makes them; writing/, takeaway/ read them)


class copied_only_image(nodes.image):
    """An image that is only copied into the output, drawn by no writer."""


class thumbnail_image(copied_only_image):
    """The post's thumbnail: copied like any image, drawn by no writer."""


class raw_html_image(copied_only_image):
    """The file of an ``<img>`` inside raw HTML: copied like any image, drawn by no writer."""


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def skipped_by_every_writer() -> dict[str, tuple]:
    """Visitors for ``app.add_node`` of a node every writer skips (an image only to be copied)."""
    return {writer: (_skip, None) for writer in ("html", "latex", "text", "man", "texinfo")}


# -- attributes

#: a raw node's attribute holding each local image of its HTML: (src as written, path in the posts folder)
IMAGES = "daybook_images"
#: a math node's attribute: its MathML, made while reading (dialect/math.py)
MATHML = "daybook_mathml"
#: a document attribute: the page was not a blog post, its headings keep docutils' ids
NO_BLOG_ANCHORS = "daybook_no_blog_anchors"
#: a section attribute: the page's title, which had no anchor on the blog
PAGE_TITLE = "daybook_page_title"
#: set on the toctrees of the book's parts (the cover's): the sidebar writes those lists from the book model
BOOK_TOCTREE = "daybook_book"
#: marks the cover's feed link (pages/directives.py), filled in when writing (publishing/site.py)
FEED_LINK_CLASS = "daybook-feed-shortcut"
