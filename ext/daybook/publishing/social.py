"""What a chapter shows when its link is shared: Open Graph and Twitter meta.

Pure: knows nothing of Sphinx. sphinxext-opengraph writes the ``og:*`` tags; daybook feeds it per
page and adds what it has no notion of (``article:*``, ``twitter:*``).
Every value comes from front matter, which is untrusted: everything here is
HTML-escaped, since sphinxext-opengraph only escapes double quotes.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from ..model.listing import aware, shorten

#: Open Graph descriptions past this many characters are cut by most readers
DESCRIPTION_CHARS = 200


@dataclass(frozen=True)
class PageMeta:
    """What a shared link to one page shows."""

    title: str
    description: str = ""
    #: absolute URLs; empty when the book has no ``html_baseurl``
    url: str = ""
    image: str = ""
    site_name: str = ""
    #: set for chapters: the page is an article
    published: dt.datetime | None = None
    section: str = ""
    tags: tuple[str, ...] = ()


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def opengraph_fields(meta: PageMeta) -> dict[str, str]:
    """Per-page ``og:*`` values in the form sphinxext-opengraph reads from page metadata.

    It writes ``og:*`` entries of the page's metadata over its own tags, quoting
    only ``"``; so the values are escaped here for everything else.
    """
    fields = {"og:title": _escape(meta.title)}
    if meta.site_name:
        fields["og:site_name"] = _escape(meta.site_name)
    if meta.description:
        fields["og:description"] = _escape(shorten(meta.description, DESCRIPTION_CHARS))
    if meta.url:
        fields["og:url"] = _escape(meta.url)
    if meta.image:
        fields["og:image"] = _escape(meta.image)
        fields["og:image:alt"] = _escape(meta.title)
    if meta.published is not None:
        fields["og:type"] = "article"
    return fields


def extra_meta_tags(meta: PageMeta) -> str:
    """``<meta>`` tags Open Graph's extension does not write: description, article and Twitter's card."""
    tags: list[tuple[str, str, str]] = []
    description = shorten(meta.description, DESCRIPTION_CHARS) if meta.description else ""
    if description:
        tags.append(("name", "description", description))
    if meta.published is not None:
        tags.append(("property", "article:published_time", aware(meta.published).isoformat()))
        if meta.section:
            tags.append(("property", "article:section", meta.section))
        tags.extend(("property", "article:tag", tag) for tag in meta.tags)
    # X reads og:title, og:description and og:image when its own tags are
    # missing; only the card's kind has no Open Graph counterpart
    tags.append(("name", "twitter:card", "summary_large_image" if meta.image else "summary"))
    return "".join(
        f'<meta {kind}="{html.escape(key)}" content="{html.escape(value)}" />\n' for kind, key, value in tags
    )
