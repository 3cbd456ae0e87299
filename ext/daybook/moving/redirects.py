"""Redirect rules for the blog's old host: every old path to the same page of the book.

Pure: knows nothing of Sphinx. Written as Netlify's ``_redirects`` (one
rule a line: old path, new address, status), which gatsby-starter-bee's
host reads; the README says how other hosts take the same rules.

Paths are written percent-encoded, as browsers send them. Each rule is
forced (``301!``): it applies even while the old Gatsby files are still
deployed beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from ..model.urls import absolute_url, url_path

STATUS = "301!"


@dataclass(frozen=True)
class Rule:
    old_path: str
    new_url: str
    #: what the old path was: "post", "about", "home", "feed", "sitemap", "rest"
    kind: str


def encoded(path: str) -> str:
    """A path as a browser sends it: UTF-8 percent-encoded, ``/`` kept."""
    return quote(url_path(path), safe="/%:@!$&'()*+,;=-._~")


def redirect_rules(
    book_url: str,
    pages: Iterable[tuple[str, str]],
    *,
    feed: str | None,
    blog_feed: str = "rss.xml",
) -> list[Rule]:
    """Rules from the blog's paths to the book at ``book_url``.

    ``pages`` are (path as the blog served it, kind); the book keeps every
    path, so each leads to the same path under ``book_url``. The blog's RSS
    feed leads to the book's (``feed``); then a last rule sends anything else
    to the same path in the book, whose 404 page helps the reader on.
    """
    rules = [Rule("/", absolute_url(book_url, ""), "home")]
    for path, kind in pages:
        rules.append(Rule(encoded(path), absolute_url(book_url, url_path(path.lstrip("/"))), kind))
    if feed:
        rules.append(Rule("/" + blog_feed.lstrip("/"), absolute_url(book_url, feed), "feed"))
    rules.append(Rule("/sitemap.xml", absolute_url(book_url, "sitemap.xml"), "sitemap"))
    rules.append(Rule("/*", absolute_url(book_url, "") + ":splat", "rest"))
    return rules


def netlify_redirects(rules: list[Rule], *, site_url: str, book_url: str) -> str:
    lines = [
        f"# Redirects from the blog ({site_url or 'its old host'}) to the book ({book_url}).",
        "# Written by `make import`. Deploy this file at the root of the old site",
        "# (Netlify reads _redirects; see the README for other hosts).",
    ]
    width = max(len(rule.old_path) for rule in rules)
    for rule in rules:
        lines.append(f"{rule.old_path.ljust(width)}  {rule.new_url}  {STATUS}")
    return "\n".join(lines) + "\n"


def parse_netlify_redirects(text: str) -> list[tuple[str, str, str]]:
    """(old path, new address, status) of each rule, for the tests and a check after a build."""
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        old, new, status = line.split()
        rules.append((old, new, status))
    return rules
