"""Links between posts, resolved the way Gatsby resolved them.

Pure: knows nothing of Sphinx. Gatsby serves ``boostcamp/day28.md`` at
``/boostcamp/day28/``, so a post's relative links are relative to that URL,
not to the file: ``../day27`` from it means ``/boostcamp/day27/``.
"""

from __future__ import annotations

import posixpath
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .urls import WEB_SCHEMES, has_file_suffix, page_url


@dataclass(frozen=True)
class PostLink:
    """A link that names a post: its path in the site and the anchor, if any."""

    path: str
    anchor: str

    def candidates(self) -> tuple[str, ...]:
        """Docnames that may hold the post: flat file or ``<slug>/index.md``."""
        if not self.path:
            return ("index",)
        return (self.path, f"{self.path}/index")


def post_link(href: str, from_docname: str, site_url: str = "") -> PostLink | None:
    """The post ``href`` points to, or ``None`` if it is not a link to a post."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if not site_url:
            return None
        site = urlsplit(site_url)
        if parts.scheme not in (*WEB_SCHEMES, "") or parts.netloc.lower() != site.netloc.lower():
            return None
        site_root = site.path.rstrip("/")
        path = parts.path
        if site_root:
            if path != site_root and not path.startswith(site_root + "/"):
                return None
            path = path[len(site_root) :]
        path = path or "/"
    else:
        path = parts.path
        if not path:  # "#anchor" alone: a link inside the page
            return None
    # macOS writes Korean file names decomposed (NFD); the book serves them composed
    path = unicodedata.normalize("NFC", unquote(path))
    if has_file_suffix(path):
        return None
    if not path.startswith("/"):
        path = posixpath.join(page_url(from_docname), path)
    resolved = posixpath.normpath(path).strip("/")
    if resolved == ".":
        resolved = ""
    if resolved.startswith(".."):
        return None
    return PostLink(resolved, unicodedata.normalize("NFC", unquote(parts.fragment)))
