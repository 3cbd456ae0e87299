"""What daybook changes in each page's template context before the theme renders it.

* The theme treats front matter as trusted: sphinx-book-theme prints
  ``pagetitle`` (the title as plain text) into its print-only ``<h1>``
  without escaping, so a title such as ``"><img src=x onerror=…>`` would
  become markup. It is escaped once more here.
* Generated pages (cover, part pages, archive, tags) have no source a reader
  could want: no ``_sources`` copy is written and the theme shows no
  download menu on them. Other pages' source links are percent-encoded
  where a file name would break them (``c#sharp.md``).
* The pages are a book's (``html_title`` and ``html_favicon`` are set in
  :mod:`..defaults`): a page titled as the book (the cover) has that title
  once in ``<title>``, not "부스트캠프 AI Tech 일지 — 부스트캠프 AI Tech 일지".
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ..api import get_book
from ..model.urls import url_path

#: where the source's file name waits while the theme links to it
_FILE_NAME = "daybook_source_file_name"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def escape_page_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    title = context.get("pagetitle")
    if isinstance(title, str):
        context["pagetitle"] = html.escape(title, quote=True)


def link_sources(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Before the theme's handlers: no source for generated pages, a link-safe name for the others."""
    if pagename in get_book(app.env).generated:
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
