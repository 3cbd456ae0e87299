"""The book theme as daybook's pages use it: its options, daybook's templates, the controls' script.

* sphinx-book-theme 1.4 leaves ``navbar_persistent`` empty so that it has no
  header bar, but pydata-sphinx-theme 0.20 fills in its own default (a
  search field) whenever the *book's* conf.py does not name the option: every
  page got a second, page-wide search bar above the book. daybook names it
  empty, as the book theme means, unless the book's conf.py sets it
  (:mod:`..defaults`).
* ``templates/layout.html`` extends the theme's layout (see there): no
  search index, no print-only copy of the page, and pydata-sphinx-theme's
  head without its viewport tag (Sphinx's layout writes one) and without an
  empty ``docsearch:version``. ``templates/sbt-sidebar-nav.html`` is the
  sidebar (:mod:`.navigation`).
* The theme's JavaScript-only controls come from one cached script
  (:class:`Chrome`, :mod:`.chrome`).
* The theme's icons are daybook's drawings in one cached stylesheet
  (:class:`Icons`, :mod:`.icons`); ``templates/static/webpack-macros.html``
  then leaves Font Awesome's script (540 kB gzipped) out of the page's head,
  and the preloads of the two scripts the page's end loads with it.
* Each page loads only the styles and scripts its article uses: sphinx-design
  adds its stylesheet and tab script to every page, daybook its card styles;
  a chapter without cards or tabs goes without them (as Sphinx does with
  MathJax on pages without math).
* The theme's words in the book's language. ``locale/ko/`` holds Korean for
  the words Sphinx's and pydata-sphinx-theme's catalogs leave in English
  ("Color mode", "Link to this heading", "next page", ...), consulted after
  theirs. ``templates/author.html`` writes the footer's byline from
  daybook's UI strings: sphinx-book-theme writes ``translate('By')`` before
  the name, which its Korean catalog makes "으로 daybook".
  ``templates/toggle-*-sidebar.html`` are the book theme's buttons with their
  titles, which it writes in English, translated. The search box's
  placeholder comes from daybook's UI strings unless conf.py sets
  ``search_bar_text``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..api import get_book
from ..files import write_atomically
from ..model.text import ui
from ..upstream import asset_file, deferred_script, html_theme_folders
from .chrome import CONTROL_TEMPLATES, SEARCH_URL, chrome_script, script_version
from .icons import FOLDER as ICON_FOLDER
from .icons import drawings, icon_stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATES = Path(__file__).with_name("templates")
#: daybook's catalog of the theme's words (``<language>/LC_MESSAGES/sphinx.mo``)
LOCALE = Path(__file__).parents[1] / "locale"
#: under the output folder
CHROME_SCRIPT = "_static/daybook/chrome.js"
#: under ``_static``
ICON_STYLESHEET = "daybook/icons.css"


def add_theme_words(app: Sphinx) -> None:
    """daybook's words for the theme, after Sphinx's own catalog (pydata-sphinx-theme adds its own later)."""
    app.add_message_catalog("sphinx", str(LOCALE))


def page_chrome(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The footer's byline in the book's language."""
    # the theme puts ``author`` in the context after this handler; the template
    # shows the byline only where the theme gives it an author
    if app.config.author:
        context["daybook_by_author"] = ui(app.config.language, "by_author", author=app.config.author)


class Chrome:
    """``chrome.js``: the theme's JavaScript-only controls, rendered once per build by the theme's own templates."""

    def __init__(self) -> None:
        self.script: str | None = None
        self.version = ""
        #: whether the builder's theme has the controls (decided with the first page)
        self.themed: bool | None = None

    def add_to_page(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        """The page loads ``chrome.js``: daybook's templates then write slots for the controls."""
        if self.themed is None:
            self.themed = _on_pydata_theme(app)
        if not self.themed:
            return
        if self.script is None:
            self.script = chrome_script(_controls(app, context))
            self.version = script_version(self.script)
        context["daybook_chrome_script"] = context["pathto"](CHROME_SCRIPT, 1) + "?v=" + self.version

    def write(self, app: Sphinx, exception: BaseException | None) -> None:
        if exception is None and self.script is not None:
            write_atomically(Path(app.outdir, CHROME_SCRIPT), self.script.encode("utf-8"))


class Icons:
    """``icons.css``: daybook's drawings of the theme's icons, in place of Font Awesome's script (:mod:`.icons`)."""

    def __init__(self) -> None:
        #: whether this build's pages draw the icons from ``icons.css`` (decided when the builder starts)
        self.drawn = False

    def add_stylesheet(self, app: Sphinx) -> None:
        """On the pydata-sphinx-theme family: write ``icons.css`` and link it from every page."""
        if app.builder.format != "html" or not _on_pydata_theme(app) or _custom_icons(app):
            return
        css = icon_stylesheet(drawings(), (ICON_FOLDER / "icons.css").read_text(encoding="utf-8"))
        target = Path(app.outdir, "_static", ICON_STYLESHEET)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, css.encode("utf-8"))
        app.add_css_file(ICON_STYLESHEET)
        self.drawn = True

    def add_to_page(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        """The page goes without Font Awesome's script (``templates/static/webpack-macros.html``)."""
        if self.drawn:
            context["daybook_icons"] = True


def _custom_icons(app: Sphinx) -> bool:
    """conf.py's ``icon_links`` name icons of its own (``fa-custom``): only Font Awesome's script draws those."""
    links = (app.config.html_theme_options or {}).get("icon_links") or []
    return any("fa-custom" in str(link.get("icon", "")) for link in links if isinstance(link, dict))


def _on_pydata_theme(app: Sphinx) -> bool:
    """The HTML builder's theme is pydata-sphinx-theme or built on it (sphinx-book-theme)."""
    return any("pydata_sphinx_theme" in folder for folder in html_theme_folders(app.builder))


def _controls(app: Sphinx, context: dict[str, Any]) -> dict[str, str]:
    """Each control as the theme renders it, with a placeholder for the search page's address."""
    page_pathto = context["pathto"]

    def pathto(name: str, resource: bool = False, *args: Any) -> str:
        return SEARCH_URL if name == "search" and not resource else page_pathto(name, resource, *args)

    controls = {}
    for name, template in CONTROL_TEMPLATES.items():
        controls[name] = app.builder.templates.render(template, {**context, "pathto": pathto})
    return controls


#: scripts a page of the book needs only once it has been read: each waits for
#: the document (``DOMContentLoaded``) or for a click, and needs only the scripts
#: before it, which keep their order. ``documentation_options.js`` stays: the
#: theme's inline scripts after it set its values as the head is read.
DEFERRED_SCRIPTS = frozenset({
    "doctools.js", "sphinx_highlight.js", "translations.js", "scripts/sphinx-book-theme.js",
    "daybook/zoom.js", "daybook/search-page.js",
})


#: what the search page never shows: an article's components (cards, tabs, the
#: blog's Markdown dialect, highlighted code, zoomable images). Its results'
#: excerpts are plain text.
NOT_ON_THE_SEARCH_PAGE = frozenset({
    "daybook/cards.css", "daybook/dialect.css", "sphinx-design.min.css", "pygments.css",
    "design-tabs.js", "daybook/zoom.js",
})


#: what pydata-sphinx-theme's first stylesheet (``styles/theme.css``) imports
THEME_IMPORTS = ("_static/basic.css",)


def search_page_options(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The search page goes without the theme's search as you type.

    pydata-sphinx-theme keeps it off the search page by testing for a path
    ending in ``/search.html``; with the dirhtml builder the page is
    ``search/``, and it moved the page's own results into its hidden dialog.
    The theme writes the option from the page's context (a handler after this one).
    """
    if templatename == "search.html" and "theme_search_as_you_type" in context:
        context["theme_search_as_you_type"] = False


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Leave out the stylesheets and scripts of components the page's article does not hold; defer the others' scripts.

    The search page and the index (no doctree) defer none of their scripts:
    there, Sphinx's search starts with the page and daybook's search must be
    in place before it. The search page also goes without what no search page
    shows: each file less is one request less before its first results (its
    search starter is written into the page: ``search/lazy.inline_search_starter``).
    """
    if doctree is None:
        # not a page of the book (search, index): as the theme has it
        if templatename == "search.html":
            _leave_out(context, NOT_ON_THE_SEARCH_PAGE)
            if _on_pydata_theme(app):
                # fetched with the page's stylesheets (the template preloads them)
                context["daybook_theme_imports"] = list(THEME_IMPORTS)
        return
    book = get_book(app.env)
    classes = {c for node in doctree.findall(nodes.Element) for c in node.get("classes", ())}
    unused: set[str] = set()
    if pagename not in book.generated:
        unused.add("daybook/cards.css")
    if not any(c.startswith("sd-") for c in classes):
        unused.add("sphinx-design.min.css")
    if "sd-tab-set" not in classes:
        unused.add("design-tabs.js")
    _leave_out(context, unused)
    scripts = context.get("script_files")
    if isinstance(scripts, list) and _on_pydata_theme(app):
        scripts[:] = [deferred_script(s) if _static_name(s) in DEFERRED_SCRIPTS else s for s in scripts]


def _leave_out(context: dict[str, Any], unused: frozenset[str] | set[str]) -> None:
    """Drop the page's stylesheets and scripts named in ``unused`` (``_static`` names)."""
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            # in place: it is the builder's own list, which other handlers (the
            # theme's) add this page's scripts to; Sphinx restores it for the next page
            assets[:] = [asset for asset in assets if _static_name(asset) not in unused]


def _static_name(asset: object) -> str:
    """``daybook/cards.css`` for ``_static/daybook/cards.css``."""
    return asset_file(asset).removeprefix("_static/")
