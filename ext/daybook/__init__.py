"""daybook: a blog's Markdown posts become a book of day-ordered chapters.

:func:`setup` is the map of the extension: what it registers, then every
event it listens to, in the order Sphinx emits them, each with its handler.
The stages of a post are folders: :mod:`.model` (pure), :mod:`.scan`,
:mod:`.reading`, :mod:`.dialect`, :mod:`.pages`, :mod:`.writing`,
:mod:`.search`, :mod:`.publishing`, :mod:`.takeaway` (ePub and PDF),
:mod:`.comments`. :mod:`.moving` (``make import``) runs before any build.
What daybook keeps on the build environment (the book, the validated
``daybook_*`` values, each page's anchors, summaries, ...) is named in
:mod:`.environment`; the values it chooses for Sphinx, the theme and the
extensions it brings, in :mod:`.defaults`.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .api import chapter_of, get_book
from .assets import add_static_files
from .comments import add_comments_template, comments_context, copy_comments_script
from .config import DaybookConfig, add_config_values, check_author
from .cycle_pause import CyclePause
from .defaults import fill_in_defaults
from .dialect.anchors import HeadingAnchors
from .dialect.math import RENDERER, MathTransform, visit_math, visit_math_block
from .dialect.parser import DialectParser
from .doctree import raw_html_image, skipped_by_every_writer, thumbnail_image
from .environment import ENV_VERSION, Settings
from .model.generated import COVER_DIRECTIVE
from .pages.profile import ProfileTransform, add_profile_stylesheet, check_profile_photo, copy_profile_stylesheet
from .pages.directives import ArchiveDirective, CoverDirective, PartDirective, TagDirective, TagsDirective
from .publishing.downloads import copy_downloads, leave_note, notice_downloads, offer_downloads
from .publishing.guard import BuildGuard
from .publishing.site import add_head_tags, resolve_feed_link, write_site_files
from .publishing.stale import delete_removed_pages, delete_unused_output
from .publishing.summaries import SummaryCollector
from .reading.anchors import AnchorCollector
from .reading.byline import ChapterTransform
from .reading.html_images import RawHtmlImages, raw_with_images, visit_raw_with_images
from .reading.image_lines import ImageLines, LateImageLines
from .reading.local_files import LocalFilesTransform
from .reading.rules import RulesAsWritten
from .reading.source import MarkPageTitle, read_post_source
from .scan import leave_decomposed_names_to_daybook, scan_posts
from .search import SEARCH_PAGE_SCRIPT, SearchKorean
from .search.collect import SearchCollector
from .search.lazy import add_filter, inline_search_starter, write_search_files
from .takeaway.builders import DaybookEpubBuilder, DaybookLaTeXBuilder, epub_stylesheets
from .takeaway.nodes import node_visitors
from .takeaway.settings import lend_epub_version, take_back_epub_version
from .takeaway.transforms import EpubTransform, LatexTransform, WebOnlyLinks
from .writing.builders import DirectoryHTMLBuilderWithSafeLinks
from .writing.images import name_images_by_path
from .writing.missing_images import MissingImages, missing_image, visit_missing_image
from .writing.navigation import add_sidebar, pages_showing_changes
from .writing.page_toc import add_page_toc
from .writing.references import PostLinkCollector, PostLinkResolver, pages_whose_links_changed, write_post_references
from .writing.theme import Chrome, Icons, add_theme_words, page_assets, page_chrome, search_page_options
from .writing.page_context import escape_page_title, link_sources, restore_source_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

__all__ = ["DaybookConfig", "chapter_of", "get_book", "setup"]

HERE = Path(__file__).parent


def setup(app: Sphinx) -> dict[str, Any]:
    # -- what daybook brings -------------------------------------------------------
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    # it prints a note on import when matplotlib is missing, for drawn cards daybook turns off
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    add_config_values(app)
    add_theme_words(app)
    app.add_builder(DirectoryHTMLBuilderWithSafeLinks, override=True)
    app.add_builder(DaybookEpubBuilder, override=True)
    app.add_builder(DaybookLaTeXBuilder, override=True)
    app.add_source_parser(DialectParser, override=True)
    app.add_search_language(SearchKorean)
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
    app.add_node(thumbnail_image, **skipped_by_every_writer())
    app.add_node(raw_html_image, **skipped_by_every_writer())
    app.add_node(raw_with_images, html=(visit_raw_with_images, None))
    app.add_node(missing_image, html=(visit_missing_image, None))
    for node, visitors in node_visitors():
        app.add_node(node, **visitors)
    for name, directive in (
        (COVER_DIRECTIVE, CoverDirective),
        ("daybook-part", PartDirective),
        ("daybook-archive", ArchiveDirective),
        ("daybook-tags", TagsDirective),
        ("daybook-tag", TagDirective),
    ):
        app.add_directive(name, directive)
    # transforms while reading, by priority: image lines 9 (before Sphinx's
    # ApplySourceWorkaround drops them), math 400, page title 705, heading
    # anchors 710, rules where the blog drew them 820 (before docutils'
    # Transitions), images in raw HTML 850, byline 860, the author's profile
    # 865, local files 870, late image lines 879
    for transform in (
        ImageLines,
        MathTransform,
        MarkPageTitle,
        HeadingAnchors,
        RulesAsWritten,
        RawHtmlImages,
        ChapterTransform,
        ProfileTransform,
        LocalFilesTransform,
        LateImageLines,
    ):
        app.add_transform(transform)
    app.add_post_transform(PostLinkResolver)
    # web pages only: an image whose file is missing is a placeholder that says so
    app.add_post_transform(MissingImages)
    # ePub and LaTeX only: raw HTML, math, images and the cover in their forms
    app.add_post_transform(WebOnlyLinks)
    app.add_post_transform(EpubTransform)
    app.add_post_transform(LatexTransform)
    app.add_env_collector(SummaryCollector)
    app.add_env_collector(AnchorCollector)
    app.add_env_collector(PostLinkCollector)
    app.add_env_collector(SearchCollector)
    add_static_files(app, HERE / "static" / "daybook.css")
    add_static_files(app, HERE / "static" / "cards.css")
    add_static_files(app, HERE / "dialect" / "static" / "dialect.css")
    # a post's images enlarge on a click, as medium-zoom did on the blog
    add_static_files(app, HERE / "dialect" / "static" / "zoom.js")
    # after the theme's scripts (on the search page, before them: writing/theme.py)
    add_static_files(app, SEARCH_PAGE_SCRIPT, priority=900)
    chrome = Chrome()
    icons = Icons()
    guard = BuildGuard()
    settings = Settings()
    cycle_pause = CyclePause()

    # -- the events, in the order Sphinx emits them ----------------------------------
    # first of all, before Sphinx loads the environment: wait for another build
    # into the same folders; notice an unfinished one
    app.connect("config-inited", guard.start, priority=100)
    # the daybook_* values, validated once; the handlers after it are given them
    app.connect("config-inited", settings.validate)
    app.connect("config-inited", check_author)
    app.connect("config-inited", leave_decomposed_names_to_daybook)
    # what daybook chooses for Sphinx, the theme and its extensions, where conf.py did not
    app.connect("config-inited", settings.passed_to(fill_in_defaults))
    app.connect("config-inited", settings.passed_to(add_comments_template))
    # last, once nothing can stop the build for its conf.py: the cycle collector pauses while
    # Sphinx loads the last build's environment, and leaves what is loaded out of its walks
    app.connect("config-inited", cycle_pause.before_environment, priority=999)
    app.connect("builder-inited", cycle_pause.after_environment, priority=0)
    # first of all when the environment exists: it holds the validated values
    app.connect("builder-inited", settings.keep_on_environment, priority=1)
    # the theme is loaded with the builder
    app.connect("builder-inited", add_filter)
    app.connect("builder-inited", icons.add_stylesheet)
    # before Sphinx's ePub builder checks its values (default priority)
    app.connect("builder-inited", lend_epub_version, priority=400)
    app.connect("builder-inited", take_back_epub_version, priority=600)
    app.connect("builder-inited", copy_comments_script)
    app.connect("builder-inited", copy_profile_stylesheet)
    app.connect("builder-inited", check_profile_photo)
    app.connect("env-get-outdated", scan_posts)
    # after an unfinished build: every page, read and written again
    app.connect("env-get-outdated", guard.redo_everything)
    # after the scan has added drafts to ``removed``
    app.connect("env-get-outdated", delete_removed_pages, priority=900)
    app.connect("source-read", read_post_source)
    # after reading: this build's navigation; the pages that show what changed in it
    app.connect("env-updated", pages_showing_changes)
    app.connect("env-updated", pages_whose_links_changed)
    app.connect("env-updated", name_images_by_path)
    app.connect("env-updated", notice_downloads)
    app.connect("doctree-resolved", write_post_references)
    app.connect("doctree-resolved", resolve_feed_link)
    # before sphinxext-opengraph (500) reads the page's metadata
    app.connect("html-page-context", add_head_tags, priority=450)
    # after the theme's own handler (default priority) has set ``pagetitle``
    app.connect("html-page-context", escape_page_title, priority=900)
    # around the theme's handlers (default priority), which offer the source for download
    app.connect("html-page-context", link_sources, priority=400)
    app.connect("html-page-context", restore_source_name, priority=600)
    # after the theme's header buttons (501)
    app.connect("html-page-context", offer_downloads, priority=600)
    app.connect("html-page-context", page_chrome)
    app.connect("html-page-context", chrome.add_to_page)
    app.connect("html-page-context", icons.add_to_page)
    # before the theme's handlers (default priority) render the sidebar to see whether it is empty
    app.connect("html-page-context", add_sidebar, priority=400)
    # before the theme's handlers (default priority) render the page's toc to see whether it is empty
    app.connect("html-page-context", add_page_toc, priority=400)
    app.connect("html-page-context", comments_context)
    app.connect("html-page-context", add_profile_stylesheet)
    # before the theme's handler (default priority) writes its options into the page
    app.connect("html-page-context", search_page_options, priority=400)
    # after the theme's handlers have added the page's own scripts
    app.connect("html-page-context", page_assets, priority=900)
    app.connect("html-page-context", inline_search_starter, priority=900)
    # last: an ePub page links the ePub's stylesheet, not the web's
    app.connect("html-page-context", epub_stylesheets, priority=950)
    app.connect("build-finished", write_site_files)
    app.connect("build-finished", copy_downloads)
    app.connect("build-finished", leave_note)
    app.connect("build-finished", chrome.write)
    app.connect("build-finished", delete_unused_output)
    # after the index is tidied
    app.connect("build-finished", write_search_files)
    # last of all, after every handler that writes: the build is done
    app.connect("build-finished", guard.finish, priority=999)
    app.connect("build-finished", cycle_pause.after_build, priority=999)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
