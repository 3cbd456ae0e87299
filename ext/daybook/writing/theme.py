"""The book theme as daybook's pages use it: its options and daybook's layout template.

* sphinx-book-theme 1.4 leaves ``navbar_persistent`` empty so that it has no
  header bar, but pydata-sphinx-theme 0.20 fills in its own default (a
  search field) whenever the *book's* conf.py does not name the option: every
  page got a second, page-wide search bar above the book. daybook names it
  empty, as the book theme means, unless the book's conf.py sets it.
* ``templates/layout.html`` extends the theme's layout (see there); the
  head keeps one ``viewport`` tag of the three that docutils, Sphinx's
  basic layout and pydata-sphinx-theme each write, and no empty
  ``docsearch:version``, and no ``preload`` of the two theme scripts the page
  loads at the end of its body anyway (the browser's preload scanner finds
  them in a page this small; the tag only cost bytes on every page).
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

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..model.text import ui
from ..scan import book_state
from ..upstream import add_template_filter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = Path(__file__).with_name("templates")
#: daybook's catalog of the theme's words (``<language>/LC_MESSAGES/sphinx.mo``)
LOCALE = Path(__file__).parents[1] / "locale"
HEAD_FILTER = "daybook_without_repeated_head_tags"
#: the viewport tag docutils puts in ``metatags`` and pydata-sphinx-theme in its
#: ``extrahead``; Sphinx's basic layout writes its own first
_VIEWPORT = re.compile(r'\s*<meta name="viewport" content="width=device-width, initial-scale=1"\s*/>')
#: an element of sphinx-design's in the article (its classes all start "sd-")
_DESIGN_CLASS = re.compile(r'class="(?:[^"]*\s)?sd-')
_EMPTY_DOCSEARCH_VERSION = re.compile(r'\s*<meta name="docsearch:version" content=""\s*/>')
_THEME_SCRIPT_PRELOAD = re.compile(
    r'\s*<link rel="preload" as="script" href="[^"<>]*_static/scripts/(?:bootstrap|pydata-sphinx-theme)\.js[^"<>]*"\s*/>'
)


def theme_defaults(app: Sphinx, config: Config) -> None:
    """daybook's theme options under the book's own; its layout before the theme's."""
    options = config.html_theme_options or {}
    defaults = {"navbar_persistent": [], "search_bar_text": ui(config.language, "search_placeholder")}
    missing = {name: value for name, value in defaults.items() if name not in options}
    if missing:
        # a new dict: the book's conf.py keeps its own
        config.html_theme_options = {**options, **missing}
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def add_theme_words(app: Sphinx) -> None:
    """daybook's words for the theme, after Sphinx's own catalog (pydata-sphinx-theme adds its own later)."""
    app.add_message_catalog("sphinx", str(LOCALE))


def without_repeated_head_tags(html: str) -> Markup:
    """A block of the theme's head without the repeated viewport tag, an empty ``docsearch:version`` and preloads."""
    html = str(html)
    for repeated in (_VIEWPORT, _EMPTY_DOCSEARCH_VERSION, _THEME_SCRIPT_PRELOAD):
        html = repeated.sub("", html)
    return Markup(html)


def add_head_filter(app: Sphinx) -> None:
    add_template_filter(app.builder, HEAD_FILTER, without_repeated_head_tags)


def page_chrome(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """docutils' viewport tag out of ``metatags``; the footer's byline in the book's language."""
    metatags = context.get("metatags")
    if isinstance(metatags, str):
        context["metatags"] = _VIEWPORT.sub("", metatags)
    # the theme puts ``author`` in the context after this handler; the template
    # shows the byline only where the theme gives it an author
    if app.config.author:
        context["daybook_by_author"] = ui(app.config.language, "by_author", author=app.config.author)


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Leave out the stylesheets and scripts of components the page's article does not hold."""
    body = context.get("body")
    if doctree is None or not isinstance(body, str):
        return  # not a page of the book (search, index): as the theme has it
    state = book_state(app.env)
    unused: set[str] = set()
    if state is None or pagename not in state.book.generated:
        unused.add("daybook/cards.css")
    if not _DESIGN_CLASS.search(body):
        unused.add("sphinx-design.min.css")
    if "sd-tab-set" not in body:
        unused.add("design-tabs.js")
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            # in place: it is the builder's own list, which other handlers (the
            # theme's) add this page's scripts to; Sphinx restores it for the next page
            assets[:] = [asset for asset in assets if _static_name(asset) not in unused]


def _static_name(asset: object) -> str:
    """``daybook/cards.css`` for ``_static/daybook/cards.css``."""
    return str(getattr(asset, "filename", asset)).removeprefix("_static/")
