"""The directives of the generated pages, each building its page from the book model."""

from __future__ import annotations


from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..api import get_book
from ..doctree import FEED_LINK_CLASS
from ..environment import settings_of
from ..model.book import Book
from ..model.listing import archive, month_label, year_label
from ..model.text import ui
from .components import card_grid, chapter_list, doc_link, heading, toctree



class CoverDirective(SphinxDirective):
    """The book's front door: each part as a grid of chapter cards.

    The toctrees (one per part, captioned by its category, then "more") are
    hidden: the sidebar and prev/next follow them, the reader sees the cards.
    """

    def run(self) -> list[nodes.Node]:
        book = get_book(self.env)
        language = self.config.language
        out: list[nodes.Node] = []
        settings = settings_of(self.env)
        description = settings.description
        cover_cards = settings.cover_cards
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
            # the cover's weight stays the same however long the book grows: the
            # first chapters of each part, then its page, which has them all
            shown = part.chapters[:cover_cards] if cover_cards else part.chapters
            out.append(card_grid(self, shown))
            if len(shown) < len(part.chapters):
                out.append(
                    nodes.paragraph(
                        "",
                        "",
                        doc_link(part.docname, ui(language, "part_all", count=len(part.chapters))),
                        classes=["daybook-part-more", "no-search"],
                    )
                )
            out.append(toctree(self, [c.docname for c in part.chapters], part.title, hidden=True, of_book=True))
        # the part pages are linked from their parts' lists in the sidebar
        more = [*book.pages, book.archive_docname]
        if book.tags:
            more.append(book.tags_docname)
        out.append(toctree(self, more, ui(language, "pages"), hidden=True, of_book=True))
        return out

    def _shortcuts(self, book: Book) -> nodes.paragraph:
        """Archive, tags and feed, one line under the description."""
        language = self.config.language
        links: list[nodes.Node] = [doc_link(book.archive_docname, ui(language, "archive"))]
        if book.tags:
            links.append(doc_link(book.tags_docname, ui(language, "tags")))
        paragraph = nodes.paragraph(classes=["daybook-shortcuts"])
        for index, link in enumerate(links):
            if index:
                paragraph += nodes.Text(" · ")
            paragraph += link
        # the feed's address is known only when writing (html_baseurl may
        # change without a re-read)
        feed = nodes.inline(classes=[FEED_LINK_CLASS])
        feed += nodes.Text(" · ")
        feed += nodes.reference("", ui(language, "feed_link"), refuri="")
        paragraph += feed
        return paragraph


class PartDirective(SphinxDirective):
    """The chapters of the part this page opens, as cards."""

    def run(self) -> list[nodes.Node]:
        book = get_book(self.env)
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
        book = get_book(self.env)
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
        book = get_book(self.env)
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
        book = get_book(self.env)
        docname = self.env.current_document.docname
        chapters = next((cs for t, cs in book.tags if book.tag_docname(t) == docname), ())
        return [chapter_list(book, chapters, self.config.language)]
