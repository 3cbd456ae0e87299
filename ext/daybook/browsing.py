"""Browsing the book as a blog: feed, social cards, sitemap, 404 page.

Sphinx glue only; what is written comes from :mod:`.feed`, :mod:`.social`,
:mod:`.sitemap` and :mod:`.listing`. Each build writes ``feed.xml`` and
``sitemap.xml`` from the whole book kept in the environment, never from the
pages written this time, so incremental builds leave them whole. Drafts are
never read (see :mod:`.project`), so nothing here can list one.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from .api import chapter_of
from .book import Book, Chapter
from .config import daybook_config
from .feed import FeedEntry, FeedInfo, atom_feed
from .listing import absolute_url, latest, shorten
from .pages import FEED_FILENAME, SITE_BUILDERS, chapter_title, thumbnail_uri
from .project import book_state
from .sitemap import sitemap_xml
from .social import PageMeta, extra_meta_tags, feed_link_tag, first_paragraph, opengraph_fields
from .text import ui

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

SITEMAP_FILENAME = "sitemap.xml"
#: feed summaries are longer than social card descriptions
FEED_SUMMARY_CHARS = 400
#: parts of a chapter that are not its prose (the byline daybook adds)
NOT_PROSE = frozenset({"daybook-byline"})


# -- first paragraphs, kept per chapter ------------------------------------------


def summaries(env: BuildEnvironment) -> dict[str, str]:
    """docname -> the chapter's first paragraph, as read."""
    found: dict[str, str] | None = getattr(env, "daybook_summaries", None)
    if found is None:
        found = {}
        env.daybook_summaries = found  # type: ignore[attr-defined]
    return found


class SummaryCollector(EnvironmentCollector):
    """Keeps each chapter's first paragraph for the feed and its social card."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        summaries(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        theirs = summaries(other)
        ours = summaries(env)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.current_document.docname
        if chapter_of(env, docname) is None:
            summaries(env).pop(docname, None)
            return
        summaries(env)[docname] = first_paragraph(doctree, skip_classes=NOT_PROSE)


# -- per page: Open Graph, Twitter, feed link ---------------------------------------


def chapter_description(env: BuildEnvironment, chapter: Chapter) -> str:
    """The front matter's ``description``, else the first paragraph."""
    return chapter.description or summaries(env).get(chapter.docname, "")


def share_image(env: BuildEnvironment, builder: Builder, chapter: Chapter, base: str) -> str:
    """The absolute URL of the thumbnail as copied into the output, or ``""``."""
    thumbnail = chapter.thumbnail or ""
    if thumbnail.startswith(("https://", "http://")):
        return thumbnail
    uri = thumbnail_uri(env, chapter)
    if uri is None or not base:
        return ""
    # env.images names the copy in _images/ for every build, incremental ones too
    copied = env.images.get(uri.lstrip("/"))
    if not copied:
        return ""
    imagedir = getattr(builder, "imagedir", "_images")
    return absolute_url(base, f"{imagedir}/{copied[1]}")


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
    description = daybook_config(config).description if pagename == config.root_doc else ""
    return PageMeta(title=title, description=description, url=url, site_name=config.project)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if app.builder.name not in SITE_BUILDERS or book_state(app.env) is None:
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


def feed_entries(env: BuildEnvironment, builder: Builder, book: Book, base: str, count: int) -> list[FeedEntry]:
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
            )
        )
    return entries


def site_docnames(env: BuildEnvironment, book: Book) -> list[str]:
    """Every page of the book: the cover, the chapters in book order, then the rest."""
    read = set(env.all_docs)
    ordered = [book.root_docname, *(c.docname for c in book.chapters)]
    rest = sorted(read.difference(ordered))
    return [d for d in ordered if d in read] + rest


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    state = book_state(app.env)
    if state is None:
        return
    outdir = Path(app.outdir)
    _publish_not_found_page(app, outdir)
    base = app.config.html_baseurl
    if not base:
        logger.info("daybook: html_baseurl is not set, so feed.xml and sitemap.xml are not written")
        return
    env, builder, config = app.env, app.builder, app.config
    book = state.book
    info = FeedInfo(
        site_url=absolute_url(base, builder.get_target_uri(book.root_docname)),
        feed_url=absolute_url(base, FEED_FILENAME),
        title=config.project,
        subtitle=daybook_config(config).description,
        language=config.language or "",
        author=config.author or "",
    )
    entries = feed_entries(env, builder, book, base, daybook_config(config).feed_length)
    (outdir / FEED_FILENAME).write_bytes(atom_feed(info, entries))
    urls = (absolute_url(base, builder.get_target_uri(d)) for d in site_docnames(env, book))
    (outdir / SITEMAP_FILENAME).write_bytes(sitemap_xml(urls))


def _publish_not_found_page(app: Sphinx, outdir: Path) -> None:
    # dirhtml writes the 404 page to 404/index.html; Read the Docs serves 404.html
    pagename = app.config.notfound_pagename
    written = outdir / pagename / "index.html"
    if app.builder.name == "dirhtml" and written.is_file():
        shutil.copyfile(written, outdir / f"{pagename}.html")


# -- configuration -------------------------------------------------------------------


def _is_default(config: Config, name: str) -> bool:
    return config[name] == config.values[name].default


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Defaults for the extensions daybook brings, where the book's conf.py sets none."""
    if _is_default(config, "notfound_urls_prefix") and not os.environ.get("READTHEDOCS_CANONICAL_URL"):
        # the 404 page's links are absolute paths: the book's own, else the site root
        config.notfound_urls_prefix = urlsplit(config.html_baseurl).path or "/"
    if _is_default(config, "notfound_context"):
        config.notfound_context = not_found_context(config.language, config.notfound_urls_prefix or "/")
    if config.ogp_social_cards is None:
        # drawn cards need matplotlib and fonts with Hangul; the thumbnail is the card
        config.ogp_social_cards = {"enable": False}


def not_found_context(language: str | None, cover_path: str) -> dict[str, str]:
    title = ui(language, "not_found_title")
    body = (
        f"<h1>{html.escape(title)}</h1>\n"
        f"<p>{html.escape(ui(language, 'not_found_text'))}</p>\n"
        f'<p><a href="{html.escape(cover_path)}">{html.escape(ui(language, "back_to_cover"))}</a></p>\n'
    )
    return {"title": title, "body": body}


def setup_browsing(app: Sphinx) -> None:
    """Cards need sphinx-design; social cards, the 404 page come from their extensions."""
    app.setup_extension("sphinx_design")
    # it prints a note on import when matplotlib is missing, for drawn cards daybook turns off
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    app.connect("config-inited", on_config_inited)
    app.add_env_collector(SummaryCollector)
    # before sphinxext-opengraph (500) reads the page's metadata
    app.connect("html-page-context", on_html_page_context, priority=450)
    app.connect("build-finished", on_build_finished)
