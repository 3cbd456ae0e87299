"""The pieces generated pages are made of: toctrees, links, chapter cards and lists.

Cards are built as the same nodes sphinx-design's ``grid-item-card`` makes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..doctree import BOOK_TOCTREE
from ..model.book import Book, Chapter, chapter_title
from ..model.text import format_day
from ..posts import thumbnail_file
from ..upstream import PassthroughTextElement, create_component, gutter_option, row_columns_option

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

#: columns of the card grid: phones, small, medium, large screens
CARD_COLUMNS = "1 2 3 3"




def toctree(
    directive: SphinxDirective, docnames: list[str], caption: str | None, *, hidden: bool, of_book: bool = False
) -> nodes.compound:
    node = addnodes.toctree()
    if of_book:
        node[BOOK_TOCTREE] = True
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


# -- cards -------------------------------------------------------------------


def chapter_card(directive: SphinxDirective, chapter: Chapter) -> nodes.container:
    """One chapter as a sphinx-design card: thumbnail, title, date; all of it a link.

    A chapter without a thumbnail is a card of text alone: no panel repeating
    its date or day above the title, and only as tall as its two lines.
    """
    language = directive.config.language
    title = chapter_title(chapter)
    thumbnail = thumbnail_file(directive.env, chapter)
    card = create_component(
        "card",
        ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-card-hover", "sd-w-100", "daybook-card",
         *([] if thumbnail is not None else ["daybook-card-text"])],
    )
    directive.set_source_info(card)
    if thumbnail is not None:
        image = nodes.image(uri="/" + thumbnail, alt="", loading="lazy", classes=["sd-card-img-top", "daybook-card-image"])
        directive.set_source_info(image)
        card += image
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
    part = book.part_of(chapter.docname)
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
