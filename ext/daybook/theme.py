"""Guards for the theme's templates, which treat front matter as trusted.

sphinx-book-theme prints ``pagetitle`` (the title as plain text) into its
print-only ``<h1>`` without escaping, so a title such as
``"><img src=x onerror=…>`` would become markup. daybook titles come from
untrusted front matter: escape it once more before the template sees it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def on_html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    title = context.get("pagetitle")
    if isinstance(title, str):
        context["pagetitle"] = html.escape(title, quote=True)


def setup_theme_guards(app: Sphinx) -> None:
    # after the theme's own handler (default priority) has set ``pagetitle``
    app.connect("html-page-context", on_html_page_context, priority=900)
