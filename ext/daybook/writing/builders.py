"""The HTML builders, writing pages without the theme's indentation and with links that survive any file name.

* Both ``html`` and ``dirhtml`` write each page through
  :func:`.chrome.take_out` (the theme's JavaScript-only controls come from
  ``_static/daybook/chrome.js``) and :func:`.compact.compact_markup`, both
  on the markup around the article, which stays as it is.
* Sphinx's ``dirhtml`` writes a page's path into links as it is, so a post
  ``c#sharp.md`` is linked as ``c#sharp/``, which a browser reads as ``c``
  and an anchor; its ``html`` builder percent-encodes. daybook's ``dirhtml``
  encodes the characters that break a URL path (see
  :func:`..model.urls.url_path`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder

from ..model.urls import url_path
from ..publishing.guard import write_atomically
from .chrome import CONTROL_TEMPLATES, SEARCH_URL, Controls, chrome_script, script_version, take_out
from .compact import around_body, compact_markup

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: under the output folder
CHROME_SCRIPT = "_static/daybook/chrome.js"
#: a whole page, not one of the theme's parts
_DOCUMENT = re.compile(r"\s*<!DOCTYPE", re.IGNORECASE)


class _CompactPages:
    """The builder's template renderer: each page without the theme's JavaScript-only controls, compacted."""

    def __init__(self, templates: Any) -> None:
        self._templates = templates
        #: the controls as every page shares them; rendered with the first page
        #: this process writes (they differ by page only in the search page's address)
        self.shared_controls: dict[str, str] | None = None
        self._script_version = ""

    def render(self, template: str, context: dict[str, Any]) -> str:
        pathto = context.get("pathto")
        if not callable(pathto):
            return self._templates.render(template, context)
        if self.shared_controls is None:
            self._render_controls(context)
        context["daybook_chrome_script"] = pathto(CHROME_SCRIPT, 1) + "?v=" + self._script_version
        page = self._templates.render(template, context)
        if not _DOCUMENT.match(page):
            return page  # one of the theme's parts, rendered to see whether it is empty
        search_url = pathto("search")
        controls = Controls({n: h.replace(SEARCH_URL, search_url) for n, h in self.shared_controls.items()}, search_url)
        body = context.get("body")
        before, body, after = around_body(page, body if isinstance(body, str) else "")
        return compact_markup(take_out(before, controls)) + body + compact_markup(take_out(after, controls))

    def script(self) -> str:
        return chrome_script(self.shared_controls or {})

    def _render_controls(self, context: dict[str, Any]) -> None:
        markup = {}
        for name, template in CONTROL_TEMPLATES.items():
            try:
                markup[name] = self._templates.render(template, context)
            except jinja2.TemplateNotFound:  # a theme without this control
                continue
        self.shared_controls = Controls(markup, context["pathto"]("search")).shared()
        self._script_version = script_version(self.script())

    def __getattr__(self, name: str) -> Any:
        # everything else (the Jinja environment, render_string) is the renderer's own
        return getattr(self._templates, name)


def write_chrome_script(app: Sphinx, exception: BaseException | None) -> None:
    """``chrome.js``, from the controls the pages of this build were written without."""
    templates = getattr(app.builder, "templates", None)
    if exception is not None or not isinstance(templates, _CompactPages) or templates.shared_controls is None:
        return
    write_atomically(Path(app.builder.outdir, CHROME_SCRIPT), templates.script().encode("utf-8"))


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
