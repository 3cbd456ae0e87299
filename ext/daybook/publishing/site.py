"""Publishing the book as a website: head tags, the feed, the sitemap, the 404 page.

Sphinx glue only; what is written comes from :mod:`.feed`, :mod:`.social`,
:mod:`.sitemap` and :mod:`.notfound`. Each build writes ``feed.xml`` (and
the RSS feed, ``daybook_rss_feed``) and ``sitemap.xml`` from the whole book kept in the environment, never from the
pages written this time, so incremental builds leave them whole. Drafts are
never read (see :mod:`..scan`), so nothing here can list one.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from ..api import chapter_of, get_book
from ..doctree import FEED_LINK_CLASS
from ..environment import settings_of
from ..files import write_atomically
from ..model.book import Book, Chapter, chapter_title
from ..model.listing import shorten
from ..model.text import ui
from ..model.urls import Reference, absolute_url, page_url, reference_kind
from ..posts import thumbnail_file
from ..upstream import copied_image_name
from .feed import FEED_FILENAME, FeedEntry, FeedInfo, atom_feed, blog_guid, feed_link_tag, latest, rss_feed
from .notfound import publish_not_found_page
from .sitemap import sitemap_xml
from .social import PageMeta, extra_meta_tags, opengraph_fields
from .summaries import chapter_description

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: the builders whose output is a website with a feed and a sitemap
SITE_BUILDERS = frozenset({"html", "dirhtml"})
SITEMAP_FILENAME = "sitemap.xml"
#: feed summaries are longer than social card descriptions
FEED_SUMMARY_CHARS = 400


# -- each page -------------------------------------------------------------------------


def resolve_feed_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point the cover's feed link at the feed, or drop it where there is none."""
    base = app.config.html_baseurl
    for node in list(doctree.findall(nodes.inline)):
        if FEED_LINK_CLASS not in node["classes"]:
            continue
        if base and app.builder.name in SITE_BUILDERS:
            for reference in node.findall(nodes.reference):
                reference["refuri"] = absolute_url(base, FEED_FILENAME)
        else:
            node.parent.remove(node)


def share_image(env: BuildEnvironment, builder: Builder, chapter: Chapter, base: str) -> str:
    """The absolute URL of the thumbnail as copied into the output, or ``""``."""
    thumbnail = chapter.thumbnail or ""
    if reference_kind(thumbnail) is Reference.WEB:
        return thumbnail
    relative = thumbnail_file(env, chapter)
    if relative is None or not base:
        return ""
    # env.images names the copy in _images/ for every build, incremental ones too
    copied = copied_image_name(env, relative)
    if not copied:
        return ""
    imagedir = getattr(builder, "imagedir", "_images")
    return absolute_url(base, f"{imagedir}/{copied}")


def page_meta(app: Sphinx, pagename: str, fallback_title: str) -> PageMeta:
    env, config, builder = app.env, app.config, app.builder
    base = config.html_baseurl
    title_node = env.titles.get(pagename)
    title = title_node.astext() if title_node is not None else fallback_title
    url = absolute_url(base, builder.get_target_uri(pagename)) if base else ""
    chapter = chapter_of(env, pagename)
    if chapter is not None:
        return PageMeta(
            title=chapter_title(chapter),
            description=chapter_description(env, chapter),
            url=url,
            image=share_image(env, builder, chapter, base),
            site_name=config.project,
            published=chapter.date,
            section=chapter.category or "",
            tags=chapter.tags,
        )
    description = settings_of(env).description if pagename == config.root_doc else ""
    return PageMeta(title=title, description=description, url=url, site_name=config.project)


def add_head_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """The feed's ``<link>`` and the page's social card tags."""
    if app.builder.name not in SITE_BUILDERS:
        return
    config = app.config
    head = context.get("metatags", "")
    if config.html_baseurl:
        title = f"{config.project} · {ui(config.language, 'feed')}"
        head += feed_link_tag(absolute_url(config.html_baseurl, FEED_FILENAME), title)
    if doctree is not None and pagename in app.env.all_docs:
        meta = page_meta(app, pagename, html.unescape(context.get("title", "")))
        # sphinxext-opengraph reads per-page og:* values from the page's
        # metadata; hand it a copy, never the environment's own dict
        context["meta"] = {**(context.get("meta") or {}), **opengraph_fields(meta)}
        head += extra_meta_tags(meta)
    context["metatags"] = head


# -- after the build: feed, sitemap, 404 ---------------------------------------------


def feed_entries(
    env: BuildEnvironment, builder: Builder, book: Book, base: str, count: int, blog_url: str = ""
) -> list[FeedEntry]:
    entries = []
    for chapter in latest(book.chapters, count):
        assert chapter.date is not None
        entries.append(
            FeedEntry(
                url=absolute_url(base, builder.get_target_uri(chapter.docname)),
                title=chapter_title(chapter),
                published=chapter.date,
                category=chapter.category or "",
                summary=shorten(chapter_description(env, chapter), FEED_SUMMARY_CHARS),
                tags=chapter.tags,
                guid=blog_guid(blog_url, page_url(chapter.docname)),
            )
        )
    return entries


def site_docnames(env: BuildEnvironment, book: Book) -> list[str]:
    """Every page of the book: the cover, the chapters in book order, then the rest."""
    read = set(env.all_docs)
    ordered = [book.root_docname, *(c.docname for c in book.chapters)]
    rest = sorted(read.difference(ordered))
    return [d for d in ordered if d in read] + rest


def write_site_files(app: Sphinx, exception: BaseException | None) -> None:
    """``feed.xml``, ``sitemap.xml`` and the 404 page, from the whole book."""
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    outdir = Path(app.outdir)
    publish_not_found_page(app, outdir)
    base = app.config.html_baseurl
    if not base:
        logger.info("daybook: html_baseurl is not set, so feed.xml and sitemap.xml are not written")
        return
    env, builder, config = app.env, app.builder, app.config
    book = get_book(env)
    settings = settings_of(env)
    info = FeedInfo(
        site_url=absolute_url(base, builder.get_target_uri(book.root_docname)),
        feed_url=absolute_url(base, FEED_FILENAME),
        title=config.project,
        subtitle=settings.description,
        language=config.language or "",
        author=config.author or "",
    )
    entries = feed_entries(env, builder, book, base, settings.feed_length, settings.site_url)
    # written whole, then renamed: a stopped build or a reader never meets half a file
    write_atomically(outdir / FEED_FILENAME, atom_feed(info, entries))
    if settings.rss_feed:
        rss_path = outdir / settings.rss_feed
        rss_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(rss_path, rss_feed(info, entries))
    urls = (absolute_url(base, builder.get_target_uri(d)) for d in site_docnames(env, book))
    write_atomically(outdir / SITEMAP_FILENAME, sitemap_xml(urls))
