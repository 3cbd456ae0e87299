"""The feeds of the latest chapters, written with feedgen: Atom, and RSS 2.0 where the blog had it.

Pure: knows nothing of Sphinx. Every text comes from front matter, which is
untrusted: feedgen escapes it as XML, and characters XML cannot hold at all
(control characters) are dropped here first, since lxml refuses them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from ..model.book import Chapter
from ..model.listing import aware, newest_first

#: name of the Atom feed in the output folder
FEED_FILENAME = "feed.xml"

#: characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself: where it lives and what it is called."""

    site_url: str
    feed_url: str
    title: str
    subtitle: str = ""
    language: str = ""
    author: str = ""


@dataclass(frozen=True)
class FeedEntry:
    """One chapter in the feed."""

    url: str
    title: str
    published: dt.datetime
    category: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    #: the RSS guid: the post's address on the blog it came from, which
    #: subscribers' readers already know it by (gatsby-plugin-feed used
    #: ``siteUrl + slug``); ``""`` for the book's own address
    guid: str = ""


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def atom_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The feed as UTF-8 XML, entries in the order given (newest first).

    The feed's ``updated`` is its newest entry's date, not the build time, so
    the same book always gives the same bytes.
    """
    generator = FeedGenerator()
    generator.id(info.site_url)
    generator.title(xml_text(info.title) or info.site_url)
    if info.subtitle:
        generator.subtitle(xml_text(info.subtitle))
    generator.link(href=info.feed_url, rel="self", type="application/atom+xml")
    generator.link(href=info.site_url, rel="alternate", type="text/html")
    if info.language:
        generator.language(info.language.replace("_", "-"))
    if info.author:
        generator.author(name=xml_text(info.author))
    dates = [aware(e.published) for e in entries]
    generator.updated(max(dates) if dates else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    for item in entries:
        entry = generator.add_entry(order="append")
        entry.id(item.url)
        entry.title(xml_text(item.title) or item.url)
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.published(aware(item.published))
        entry.updated(aware(item.published))
        if item.category:
            entry.category(term=xml_text(item.category), label=xml_text(item.category))
        for tag in item.tags:
            entry.category(term=xml_text(tag), label=xml_text(tag))
        if item.summary:
            entry.summary(xml_text(item.summary))
    return generator.atom_str(pretty=True, encoding="UTF-8")


def rss_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The RSS 2.0 feed as UTF-8 XML, items in the order given (newest first).

    An item's ``<link>`` is the chapter in the book; its ``<guid>`` the
    post's address on the blog (``isPermaLink="false"``: the blog is gone),
    so a reader subscribed to the blog's feed sees no post twice. The dates
    are the newest post's, never the build time.
    """
    generator = FeedGenerator()
    generator.title(xml_text(info.title) or info.site_url)
    generator.link(href=info.site_url, rel="alternate")
    generator.description(xml_text(info.subtitle) or xml_text(info.title) or info.site_url)
    if info.language:
        generator.language(info.language.replace("_", "-"))
    dates = [aware(e.published) for e in entries]
    newest = max(dates) if dates else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    generator.lastBuildDate(newest)
    generator.pubDate(newest)
    for item in entries:
        entry = generator.add_entry(order="append")
        entry.title(xml_text(item.title) or item.url)
        entry.link(href=item.url)
        entry.guid(xml_text(item.guid) if item.guid else item.url, permalink=not item.guid)
        entry.pubDate(aware(item.published))
        for term in ((item.category,) if item.category else ()) + item.tags:
            entry.category(term=xml_text(term))
        if item.summary:
            entry.description(xml_text(item.summary))
    return generator.rss_str(pretty=True, encoding="UTF-8")


def blog_guid(site_url: str, path: str) -> str:
    """A post's guid in the blog's feed: ``siteUrl + slug``, concatenated as gatsby-plugin-feed did."""
    return site_url + path if site_url else ""


def latest(chapters: Iterable[Chapter], count: int) -> list[Chapter]:
    """The ``count`` newest dated chapters: what the feed lists."""
    return newest_first(chapters)[:count]


def feed_link_tag(feed_url: str, title: str) -> str:
    """The ``<link rel="alternate">`` that lets browsers and readers find the feed."""
    return (
        f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
        f'href="{html.escape(feed_url)}" />\n'
    )
