"""The sidebar, from the book model: daybook's own template, filled from :mod:`.window`.

sphinx-book-theme's sidebar template (``sbt-sidebar-nav.html``) asks
pydata-sphinx-theme to resolve, render and re-parse the whole global toctree
for every page: a book of N chapters costs N² on writing, and its markup
grows with the book. daybook's ``templates/sbt-sidebar-nav.html`` takes its
place (``templates_path``) and writes the same markup (the classes,
``current`` branches and ``<details>`` toggles the theme's CSS and
JavaScript expect) from :class:`.window.Navigation`, which is made once per
build, after reading (:func:`pages_showing_changes`):

* the parts, their chapters and the pages in no part come from the book
  model (:mod:`..model.book`); each part ends with a link to its page;
* toctrees the author wrote (on the cover, in a page) and the tag pages
  under the tags page come from the toctrees Sphinx read;
* titles are the pages' titles as Sphinx read them (emoji and curly quotes
  as in the page's heading), as text.

Each page's sidebar is a window of it (:func:`.window.sidebar`); its links are
the page context's ``pathto``, so they suit ``dirhtml``, ``html`` and
sphinx-notfound-page's absolute links alike. Pages the template does not
know (another builder, a build without the book) get the theme's own
template.
"""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from ..doctree import BOOK_TOCTREE
from ..environment import book_state, keep_book_state, settings_of
from ..model.book import Book
from ..model.text import ui
from ..model.window import Link, Listing, Navigation, Shown, ShownListing, pages_to_rewrite, sidebar

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: the page context's name of the page's sidebar (``templates/sbt-sidebar-nav.html``)
CONTEXT_NAME = "daybook_sidebar"
#: Sphinx's toctree treats an entry matching this as an address, not a page
_URL_MARK = "://"


def navigation_of(env: BuildEnvironment, book: Book, config: Config) -> Navigation:
    """The book's navigation as this build shows it: parts from the book, toctrees from the pages."""
    language = config.language
    root = config.root_doc
    titled = _titled(env)
    listings: list[Listing] = []
    of_book = [
        Listing(
            part.title,
            tuple(Link(c.docname) for c in part.chapters if c.docname in titled),
            Link(part.docname, title=ui(language, "part_all", count=len(part.chapters))),
        )
        for part in book.parts
    ]
    more = [*book.pages, book.archive_docname] + ([book.tags_docname] if book.tags else [])
    of_book.append(Listing(ui(language, "pages"), tuple(Link(d) for d in more if d in titled)))
    placed = False
    for toctree in _toctrees(env, root):
        if toctree.get(BOOK_TOCTREE):
            if not placed:
                listings.extend(of_book)
                placed = True
            continue
        entries = _entries(toctree, root, titled)
        if entries:
            listings.append(Listing(toctree.get("caption") or None, entries))
    if not placed:
        listings.extend(of_book)
    children = {}
    for docname in sorted(env.toctree_includes):
        if docname == root or docname not in env.all_docs:
            continue
        entries = tuple(e for t in _toctrees(env, docname) for e in _entries(t, docname, titled))
        if entries:
            children[docname] = entries
    titles: dict[str, str] = {}
    marked_up: dict[str, str] = {}
    for docname, title in env.titles.items():
        if docname not in env.all_docs:
            continue
        titles[docname] = title.astext()
        if any(not isinstance(child, nodes.Text) for child in title.children):
            marked_up[docname] = str(title)
    relations = env.collect_relations()
    neighbours = {d: (r[1], r[2]) for d, r in relations.items() if d in env.all_docs}
    return Navigation(tuple(listings), children, titles, neighbours, marked_up, root)


def _titled(env: BuildEnvironment) -> set[str]:
    """The pages a toctree can link: Sphinx leaves out a page without a heading."""
    return {d for d in env.all_docs if (toc := env.tocs.get(d)) is not None and toc.children}


def _toctrees(env: BuildEnvironment, docname: str) -> list[addnodes.toctree]:
    toc = env.tocs.get(docname)
    return list(toc.findall(addnodes.toctree)) if toc is not None else []


def _entries(toctree: addnodes.toctree, parent: str, titled: set[str]) -> tuple[Link, ...]:
    """A toctree's entries as Sphinx's toctree resolves them: pages with a title, ``self``, addresses."""
    out = []
    for title, reference in toctree.get("entries", ()):
        if reference == "self":
            out.append(Link(parent, title=title))
        elif _URL_MARK in reference:
            out.append(Link(url=reference, title=title or reference))
        elif reference in titled:
            out.append(Link(reference, title=title))
    return tuple(out)


def pages_showing_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: make this build's navigation; the pages that show what changed in it."""
    state = book_state(env)
    new = navigation_of(env, state.book, app.config)
    old = state.navigation
    keep_book_state(env, dataclasses.replace(state, navigation=new))
    if old is None:
        return []  # a first build writes every page
    window = settings_of(env).sidebar_window
    return sorted(pages_to_rewrite(old, new, window) & env.found_docs)


# -- the page's sidebar, for the template ---------------------------------------------


def add_sidebar(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give the page its sidebar, before the theme renders its sidebar templates (priority 500)."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or isinstance(builder, SingleFileHTMLBuilder):
        return  # one page for the whole book: the theme's own sidebar
    navigation = book_state(app.env).navigation
    assert navigation is not None, "made after reading (pages_showing_changes), before any page is written"
    context[CONTEXT_NAME] = PageSidebar(navigation, pagename, settings_of(app.env).sidebar_window, context)


class PageSidebar:
    """The page context's ``daybook_sidebar(maxdepth, collapse, show_nav_level)``: lists of entries to write.

    The links are made when the template is rendered, with the page
    context's ``pathto`` at that time (sphinx-notfound-page's, on its page).
    """

    def __init__(self, navigation: Navigation, pagename: str, window: int, context: dict[str, Any]) -> None:
        self.navigation = navigation
        self.pagename = pagename
        self.window = window
        self.context = context
        #: the theme renders the sidebar twice (once to see whether it is empty)
        self._shown: dict[tuple[int, bool], tuple[ShownListing, ...]] = {}
        #: what the template wrote, by what it was written from: the second rendering repeats it
        self._written: dict[tuple[Any, ...], str] = {}

    def __call__(self, maxdepth: int = 0, collapse: bool = False, show_nav_level: int = 1) -> list[dict[str, Any]]:
        key = (maxdepth, collapse)
        if key not in self._shown:
            self._shown[key] = sidebar(self.navigation, self.pagename, self.window, maxdepth=maxdepth, collapse=collapse)
        pathto = self.context["pathto"]
        return [
            {
                # text, escaped as Sphinx's writer escapes it; attributes are escaped by the template
                "caption": html.escape(listing.caption, quote=False) if listing.caption else "",
                "current": listing.holds_page,
                "entries": [_entry(e, pathto, show_nav_level) for e in listing.entries],
            }
            for listing in self._shown[key]
        ]

    def written(self, *key: Any) -> str | None:
        """The sidebar the template wrote from ``key`` on this page, or None.

        pydata-sphinx-theme renders every sidebar template once to see whether
        it is empty, then again in the layout; the template keeps its first
        writing (``keep``) and gives it back. ``key`` is everything the
        template reads that a later handler could change (``pathto`` itself,
        the theme's options), so a changed context writes the sidebar anew.
        """
        return self._written.get(key)

    def keep(self, written: str, *key: Any) -> str:
        """Remember the sidebar written from ``key``, and give it back to be written."""
        self._written[key] = written
        return written


def _entry(shown: Shown, pathto: Any, show_nav_level: int) -> dict[str, Any]:
    link = shown.link
    classes = [f"toctree-l{shown.level}"]
    if shown.more:
        classes.append("daybook-more")
    if shown.holds_page:
        classes += ["current", "active"]
    if shown.children:
        classes.append("has-children")
    if shown.is_page:
        href = "#"
    elif link.url is not None:
        href = link.url
    else:
        href = pathto(link.docname)
    return {
        "class": " ".join(classes),
        "link_class": ("current " if shown.is_page else "") + ("reference external" if link.url else "reference internal"),
        "href": href,
        "title": html.escape(shown.title, quote=False),
        # the list inside is marked when it holds the page, not when the entry is the page
        "list_current": any(c.holds_page for c in shown.children),
        # the theme opens the page's branch, and the levels its show_navbar_depth asks for
        "open": shown.holds_page or shown.level < show_nav_level,
        "children": [_entry(c, pathto, show_nav_level) for c in shown.children],
    }
