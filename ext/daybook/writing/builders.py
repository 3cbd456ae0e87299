"""The HTML builders, writing pages without the theme's indentation and with links that survive any file name.

* Both ``html`` and ``dirhtml`` write each page through
  :func:`.compact.compact_page`: the article as it is, the theme's markup
  around it without indentation and comments.
* Sphinx's ``dirhtml`` writes a page's path into links as it is, so a post
  ``c#sharp.md`` is linked as ``c#sharp/``, which a browser reads as ``c``
  and an anchor; its ``html`` builder percent-encodes. daybook's ``dirhtml``
  encodes the characters that break a URL path (see
  :func:`..model.urls.url_path`).
"""

from __future__ import annotations

from typing import Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder

from ..model.urls import url_path
from .compact import compact_page


class _CompactPages:
    """The builder's template renderer, each page it renders compacted around the page's body."""

    def __init__(self, templates: Any) -> None:
        self._templates = templates

    def render(self, template: str, context: dict[str, Any]) -> str:
        body = context.get("body")
        return compact_page(self._templates.render(template, context), body if isinstance(body, str) else "")

    def __getattr__(self, name: str) -> Any:
        # everything else (the Jinja environment, render_string) is the renderer's own
        return getattr(self._templates, name)


class CompactHTMLBuilder(StandaloneHTMLBuilder):
    name = "html"

    def init_templates(self) -> None:
        super().init_templates()
        self.templates = _CompactPages(self.templates)  # type: ignore[assignment]


class DirectoryHTMLBuilderWithSafeLinks(DirectoryHTMLBuilder):
    name = "dirhtml"

    def init_templates(self) -> None:
        super().init_templates()
        self.templates = _CompactPages(self.templates)  # type: ignore[assignment]

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return url_path(super().get_target_uri(docname, typ))
