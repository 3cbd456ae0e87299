"""The pages daybook generates: cover, part pages, archive, tags.

Each generated page's source is a title and one directive; the directive
builds the page from the book model at read time, toctrees included, so
Sphinx's own machinery (sidebar, prev/next, search) sees an ordinary book.

The cover and part pages show chapters as sphinx-design cards (built as the
same nodes its ``grid-item-card`` makes); the cover's toctrees are hidden, so
the sidebar and prev/next follow them while the reader sees the cards.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import PassthroughTextElement, create_component

from .assets import add_static_files
from .book import ARCHIVE_DOCNAME, TAGS_DIRNAME, Book, Chapter, Part
from .listing import absolute_url, archive, month_label, year_label
from .text import format_day, ui

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: name of the Atom feed in the output folder
FEED_FILENAME = "feed.xml"
#: the builders whose output is a website with a feed and a sitemap
SITE_BUILDERS = frozenset({"html", "dirhtml"})
#: marks the cover's feed link, filled in when writing
FEED_LINK_CLASS = "daybook-feed-shortcut"
#: columns of the card grid: phones, small, medium, large screens
CARD_COLUMNS = "1 2 3 3"


def wants_cover(book: Book, docname: str) -> bool:
    """The root page carries the cover, generated or written by the author."""
    return docname == book.root_docname


def generated_source(book: Book, docname: str, config: Config) -> str:
    """The Markdown source of a generated page (titles escaped as text)."""
    from .chapter import escape_markdown

    language = config.language
    if docname == book.root_docname:
        return f"# {escape_markdown(config.project)}\n\n```{{daybook-cover}}\n```\n"
    for part in book.parts:
        if part.docname == docname:
            return f"# {escape_markdown(part.title)}\n\n```{{daybook-part}}\n```\n"
    if docname == ARCHIVE_DOCNAME:
        return f"# {escape_markdown(ui(language, 'archive'))}\n\n```{{daybook-archive}}\n```\n"
    if docname == f"{TAGS_DIRNAME}/index":
        return f"# {escape_markdown(ui(language, 'tags'))}\n\n```{{daybook-tags}}\n```\n"
    for tag, _ in book.tags:
        if book.tag_docname(tag) == docname:
            title = escape_markdown(ui(language, "tagged", tag=tag))
            return f"# {title}\n\n```{{daybook-tag}}\n```\n"
    return "# \n"


def _book(directive: SphinxDirective) -> Book:
    from .project import book_state

    state = book_state(directive.env)
    assert state is not None, "daybook's book is made before any page is read"
    return state.book


def toctree(
    directive: SphinxDirective, docnames: list[str], caption: str | None, *, hidden: bool
) -> nodes.compound:
    node = addnodes.toctree()
    node["parent"] = directive.env.current_document.docname
    node["entries"] = [(None, d) for d in docnames]
    node["includefiles"] = list(docnames)
    node["maxdepth"] = 1
    node["caption"] = caption
    node["rawcaption"] = caption or ""
    node["glob"] = False
    node["hidden"] = hidden
    node["includehidden"] = False
    node["numbered"] = 0
    node["titlesonly"] = True
    directive.set_source_info(node)
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += node
    return wrapper


def doc_link(docname: str, text: str | None = None, classes: list[str] | None = None) -> addnodes.pending_xref:
    """A link to a document, titled by the document unless ``text`` is given."""
    ref = addnodes.pending_xref(
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refexplicit=text is not None,
        refwarn=True,
        classes=classes or [],
    )
    ref += nodes.inline(text=text or docname)
    return ref


def chapter_title(chapter: Chapter) -> str:
    if chapter.title:
        return chapter.title
    parts = chapter.docname.split("/")
    return parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]


def part_of(book: Book, chapter: Chapter) -> Part | None:
    return next((p for p in book.parts if chapter in p.chapters), None)


# -- cards -------------------------------------------------------------------


def thumbnail_uri(env: BuildEnvironment, chapter: Chapter) -> str | None:
    """The chapter's thumbnail as a source-absolute image URI, if it is a file in the book.

    Anything else (missing, outside the posts folder, a web address) gets the
    placeholder: the chapter itself already warns about a bad thumbnail once,
    and the cover loads nothing from the web.
    """
    thumbnail = chapter.thumbnail
    if not thumbnail or "://" in thumbnail or thumbnail.startswith(("data:", "//")) or "*" in thumbnail:
        return None
    relative, full = env.relfn2path(thumbnail, chapter.docname)
    try:
        real = Path(os.path.realpath(full))
        srcdir = Path(env.srcdir).resolve()
    except (OSError, ValueError):
        return None
    if srcdir not in real.parents or not real.is_file():
        return None
    return "/" + relative


def chapter_card(directive: SphinxDirective, chapter: Chapter) -> nodes.container:
    """One chapter as a sphinx-design card: thumbnail or day, title, date; all of it a link."""
    language = directive.config.language
    title = chapter_title(chapter)
    card = create_component(
        "card",
        ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-card-hover", "sd-w-100", "daybook-card"],
    )
    directive.set_source_info(card)
    uri = thumbnail_uri(directive.env, chapter)
    if uri is not None:
        image = nodes.image(uri=uri, alt="", loading="lazy", classes=["sd-card-img-top", "daybook-card-image"])
        directive.set_source_info(image)
        card += image
    else:
        placeholder = nodes.container(classes=["sd-card-img-top", "daybook-card-placeholder"])
        if chapter.day is not None:
            label = ui(language, "day", day=chapter.day)
        elif chapter.date is not None:
            label = f"{chapter.date.month}/{chapter.date.day}"
        else:
            label = ""
        placeholder += nodes.inline(text=label, classes=["daybook-card-day"])
        card += placeholder
    body = create_component("card-body", ["sd-card-body"])
    heading = create_component("card-title", ["sd-card-title", "sd-font-weight-bold", "daybook-card-title"])
    heading += PassthroughTextElement("", "", nodes.Text(title))
    body += heading
    if chapter.date is not None:
        body += nodes.paragraph(
            text=format_day(chapter.date, language), classes=["sd-card-text", "daybook-date"]
        )
    card += body
    link = PassthroughTextElement()
    link += doc_link(chapter.docname, title, classes=["sd-stretched-link", "sd-hide-link-text"])
    card += link
    return card


def card_grid(directive: SphinxDirective, chapters: tuple[Chapter, ...] | list[Chapter]) -> nodes.container:
    """A grid of chapter cards in the order given."""
    # "no-search": a search for a chapter should find the chapter, not every listing of it
    grid = create_component(
        "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "daybook-cards", "no-search"]
    )
    row = create_component("grid-row", ["sd-row", *row_columns_option(CARD_COLUMNS), *gutter_option("3")])
    grid += row
    for chapter in chapters:
        column = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
        column += chapter_card(directive, chapter)
        row += column
    directive.set_source_info(grid)
    return grid


# -- lists -------------------------------------------------------------------


def chapter_item(book: Book, chapter: Chapter, language: str | None) -> nodes.list_item:
    """Date · title · category, for the archive and tag pages."""
    paragraph = nodes.paragraph()
    if chapter.date is not None:
        paragraph += nodes.inline(text=format_day(chapter.date, language), classes=["daybook-date"])
        paragraph += nodes.Text(" · ")
    paragraph += doc_link(chapter.docname, chapter_title(chapter))
    part = part_of(book, chapter)
    if part is not None:
        paragraph += nodes.Text(" · ")
        paragraph += nodes.inline("", "", doc_link(part.docname, part.title), classes=["daybook-category"])
    return nodes.list_item("", paragraph)


def chapter_list(book: Book, chapters: tuple[Chapter, ...] | list[Chapter], language: str | None) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["daybook-chapter-list", "no-search"])
    for chapter in chapters:
        items += chapter_item(book, chapter, language)
    return items


def heading(text: str | None, level: int, classes: list[str], link_to: str | None = None) -> nodes.rubric:
    """A heading inside a generated page (a rubric: it opens no section)."""
    node = nodes.rubric(classes=classes)
    node["heading-level"] = level
    if link_to is not None:
        node += doc_link(link_to, text)
    else:
        node += nodes.Text(text or "")
    return node


# -- directives ----------------------------------------------------------------


class CoverDirective(SphinxDirective):
    """The book's front door: each part as a grid of chapter cards.

    The toctrees (one per part, captioned by its category, then "more") are
    hidden: the sidebar and prev/next follow them, the reader sees the cards.
    """

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        language = self.config.language
        from .config import daybook_config

        out: list[nodes.Node] = []
        description = daybook_config(self.config).description
        if description:
            out.append(nodes.paragraph(text=description, classes=["daybook-description"]))
        out.append(self._shortcuts(book))
        for part in book.parts:
            out.append(heading(part.title, 2, ["daybook-part-heading"], link_to=part.docname))
            out.append(
                nodes.paragraph(
                    text=ui(language, "chapters", count=len(part.chapters)), classes=["daybook-part-count"]
                )
            )
            out.append(card_grid(self, part.chapters))
            out.append(toctree(self, [c.docname for c in part.chapters], part.title, hidden=True))
        more = [*book.pages, *(p.docname for p in book.parts), ARCHIVE_DOCNAME]
        if book.tags:
            more.append(f"{TAGS_DIRNAME}/index")
        out.append(toctree(self, more, ui(language, "pages"), hidden=True))
        return out

    def _shortcuts(self, book: Book) -> nodes.paragraph:
        """Archive, tags and feed, one line under the description."""
        language = self.config.language
        links: list[nodes.Node] = [doc_link(ARCHIVE_DOCNAME, ui(language, "archive"))]
        if book.tags:
            links.append(doc_link(f"{TAGS_DIRNAME}/index", ui(language, "tags")))
        paragraph = nodes.paragraph(classes=["daybook-shortcuts"])
        for index, link in enumerate(links):
            if index:
                paragraph += nodes.Text(" · ")
            paragraph += link
        # the feed's address is known only when writing (html_baseurl may
        # change without a re-read): see resolve_feed_links
        feed = nodes.inline(classes=[FEED_LINK_CLASS])
        feed += nodes.Text(" · ")
        feed += nodes.reference("", ui(language, "feed_link"), refuri="")
        paragraph += feed
        return paragraph


def resolve_feed_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
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


class PartDirective(SphinxDirective):
    """The chapters of the part this page opens, as cards."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        docname = self.env.current_document.docname
        part = next((p for p in book.parts if p.docname == docname), None)
        if part is None:
            return []
        count = nodes.paragraph(
            text=ui(self.config.language, "chapters", count=len(part.chapters)), classes=["daybook-part-count"]
        )
        return [count, card_grid(self, part.chapters)]


class ArchiveDirective(SphinxDirective):
    """Every chapter by year and month, newest first, with date and category."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        language = self.config.language
        listing = archive(book.chapters)
        out: list[nodes.Node] = []
        for year in listing.years:
            out.append(heading(year_label(year.year, language), 2, ["daybook-archive-year"]))
            for month in year.months:
                out.append(heading(month_label(month.year, month.month, language), 3, ["daybook-archive-month"]))
                out.append(chapter_list(book, month.chapters, language))
        if listing.undated:
            out.append(heading(ui(language, "undated"), 2, ["daybook-archive-undated"]))
            out.append(chapter_list(book, listing.undated, language))
        return out


class TagsDirective(SphinxDirective):
    """Every tag with how many chapters carry it."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        listing = nodes.bullet_list(classes=["daybook-tag-list"])
        for tag, chapters in book.tags:
            paragraph = nodes.paragraph()
            paragraph += doc_link(book.tag_docname(tag), f"#{tag}")
            paragraph += nodes.Text(f" ({len(chapters)})")
            listing += nodes.list_item("", paragraph)
        hidden = toctree(self, [book.tag_docname(t) for t, _ in book.tags], None, hidden=True)
        return [listing, hidden]


class TagDirective(SphinxDirective):
    """The chapters carrying the tag this page is for, in book order."""

    def run(self) -> list[nodes.Node]:
        book = _book(self)
        docname = self.env.current_document.docname
        chapters = next((cs for t, cs in book.tags if book.tag_docname(t) == docname), ())
        return [chapter_list(book, chapters, self.config.language)]


def setup_pages(app: Sphinx) -> None:
    add_static_files(app, Path(__file__).with_name("static") / "cards.css")
    app.add_directive("daybook-cover", CoverDirective)
    app.add_directive("daybook-part", PartDirective)
    app.add_directive("daybook-archive", ArchiveDirective)
    app.add_directive("daybook-tags", TagsDirective)
    app.add_directive("daybook-tag", TagDirective)
    app.connect("doctree-resolved", resolve_feed_links)
