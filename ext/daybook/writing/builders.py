"""The HTML builders, writing pages without the theme's indentation and with links that survive any file name.

* Both ``html`` and ``dirhtml`` write each page through
  :func:`.chrome.take_out` (the theme's JavaScript-only controls come from
  ``_static/daybook/chrome.js``) and :func:`.compact.compact_page` (the
  article as it is, the theme's markup around it without indentation and
  comments).
* Sphinx's ``dirhtml`` writes a page's path into links as it is, so a post
  ``c#sharp.md`` is linked as ``c#sharp/``, which a browser reads as ``c``
  and an anchor; its ``html`` builder percent-encodes. daybook's ``dirhtml``
  encodes the characters that break a URL path (see
  :func:`..model.urls.url_path`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder

from ..model.urls import url_path
from ..publishing.guard import write_atomically
from .chrome import CONTROL_TEMPLATES, SEARCH_URL, Controls, chrome_script, script_version, take_out
from .compact import compact_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: under the output folder
CHROME_SCRIPT = "_static/daybook/chrome.js"


class _CompactPages:
    """The builder's template renderer: each page without the theme's JavaScript-only controls, compacted."""

    def __init__(self, templates: Any) -> None:
        self._templates = templates
        #: the controls as every page shares them; rendered with the first page
        #: this process writes (they differ by page only in the search page's address)
        self.shared_controls: dict[str, str] | None = None

    def render(self, template: str, context: dict[str, Any]) -> str:
        controls = self._controls(context)
        if controls is not None:
            context["daybook_chrome_script"] = (
                context["pathto"](CHROME_SCRIPT, 1) + "?v=" + script_version(self.script())
            )
        page = self._templates.render(template, context)
        body = context.get("body")
        body = body if isinstance(body, str) else ""
        if controls is not None:
            start = page.find(body) if body else -1
            page = take_out(page, controls, keep=(start, start + len(body)) if start >= 0 else (0, 0))
        return compact_page(page, body)

    def script(self) -> str:
        return chrome_script(self.shared_controls or {})

    def _controls(self, context: dict[str, Any]) -> Controls | None:
        pathto = context.get("pathto")
        if not callable(pathto):
            return None  # not a page
        search_url = pathto("search")
        if self.shared_controls is None:
            markup = {}
            for name, template in CONTROL_TEMPLATES.items():
                try:
                    markup[name] = self._templates.render(template, context)
                except jinja2.TemplateNotFound:  # a theme without this control
                    continue
            self.shared_controls = Controls(markup, search_url).shared()
        return Controls({n: h.replace(SEARCH_URL, search_url) for n, h in self.shared_controls.items()}, search_url)

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
