"""What daybook changes in each page's template context before the theme renders it.

* The theme treats front matter as trusted: sphinx-book-theme prints
  ``pagetitle`` (the title as plain text) into its print-only ``<h1>``
  without escaping, so a title such as ``"><img src=x onerror=…>`` would
  become markup. It is escaped once more here.
* Generated pages (cover, part pages, archive, tags) have no source a reader
  could want: no ``_sources`` copy is written and the theme shows no
  download menu on them. Other pages' source links are percent-encoded
  where a file name would break them (``c#sharp.md``).
* The pages are a book's: ``html_title`` is the book's title unless conf.py
  sets it (Sphinx's default is "<project> 문서", "documentation"), the tab's
  icon is a book (``static/favicon.svg``) unless conf.py sets
  ``html_favicon`` (without one, every page's first visit asks the server
  for a ``/favicon.ico`` that is not there, an error in the console), and a page
  titled as the book (the cover) has that title once in ``<title>``, not
  "부스트캠프 AI Tech 일지 — 부스트캠프 AI Tech 일지".
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any


from ..model.urls import url_path
from ..scan import book_state
from ..upstream import config_is_default

#: where the source's file name waits while the theme links to it
_FILE_NAME = "daybook_source_file_name"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def escape_page_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    title = context.get("pagetitle")
    if isinstance(title, str):
        context["pagetitle"] = html.escape(title, quote=True)


#: the tab's icon of a book whose conf.py names none
FAVICON = Path(__file__).parents[1] / "static" / "favicon.svg"


def book_defaults(app: Sphinx, config: Config) -> None:
    """``html_title``: the book's title, not "<project> documentation"; ``html_favicon``: a book. Unless conf.py names them."""
    if config_is_default(config, "html_title"):
        config.html_title = config.project
    if config_is_default(config, "html_favicon"):
        config.html_favicon = str(FAVICON)


def link_sources(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Before the theme's handlers: no source for generated pages, a link-safe name for the others."""
    state = book_state(app.env)
    if state is not None and pagename in state.book.generated:
        # the HTML builder copies the source to _sources/ only when the context
        # names one; the theme offers downloads only for a page with a source suffix
        context["sourcename"] = ""
        context["page_source_suffix"] = ""
        return
    name = context.get("sourcename")
    if isinstance(name, str) and url_path(name) != name:
        # the theme writes it into its download link as it is (c#sharp.md)
        context[_FILE_NAME] = name
        context["sourcename"] = url_path(name)


def restore_source_name(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """After the theme's handlers: the HTML builder copies the source under its real name."""
    if _FILE_NAME in context:
        context["sourcename"] = context.pop(_FILE_NAME)
