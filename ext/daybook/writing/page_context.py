"""What daybook changes in each page's template context before the theme renders it.

* The theme treats front matter as trusted: sphinx-book-theme prints
  ``pagetitle`` (the title as plain text) into its print-only ``<h1>``
  without escaping, so a title such as ``"><img src=x onerror=…>`` would
  become markup. It is escaped once more here.
* Generated pages (cover, part pages, archive, tags) have no source a reader
  could want: no ``_sources`` copy is written and the theme shows no
  download menu on them.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ..scan import book_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def escape_page_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    title = context.get("pagetitle")
    if isinstance(title, str):
        context["pagetitle"] = html.escape(title, quote=True)


def drop_generated_sources(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    state = book_state(app.env)
    if state is not None and pagename in state.book.generated:
        # the HTML builder copies the source to _sources/ only when the context
        # names one; the theme offers downloads only for a page with a source suffix
        context["sourcename"] = ""
        context["page_source_suffix"] = ""
