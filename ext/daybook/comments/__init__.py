"""Comments at the end of each chapter, in the threads the blog's readers wrote in.

Opt-in (``daybook_comments``). Sphinx glue only; which thread a chapter is
comes from :mod:`.threads`. The page gets a placeholder through the theme's
own door, its ``article_footer_items`` option (``templates/daybook-comments.html``),
filled from the page's context: no third-party byte is on the page until the
reader reaches the end of the chapter, when ``static/comments.js`` loads
the widget. Only the website builders (``html``, ``dirhtml``) show it: never
the ePub, the PDF or ``singlehtml``; and never on a draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.fileutil import copy_asset_file

from ..api import chapter_of
from ..assets import STATIC_SUBDIR
from ..environment import settings_of
from ..model.text import ui
from .threads import attributes_json, client_of, pathname_term, widget_attributes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..config import DaybookConfig

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
TEMPLATE = "daybook-comments.html"
SCRIPT = HERE / "static" / "comments.js"
#: the builders whose pages are the book's website
WEB_BUILDERS = frozenset({"html", "dirhtml"})


def add_comments_template(config: Config, settings: DaybookConfig) -> None:
    """On ``config-inited``, when comments are on: daybook's template among the theme's article footer items."""
    if settings.comments is None:
        return
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    options = config.html_theme_options or {}
    items = options.get("article_footer_items") or []
    if isinstance(items, str):
        items = [item.strip() for item in items.split(",") if item.strip()]
    if TEMPLATE not in items:
        # a new dict: the book's conf.py keeps its own
        config.html_theme_options = {**options, "article_footer_items": [*items, TEMPLATE]}


def copy_comments_script(app: Sphinx) -> None:
    if app.builder.name in WEB_BUILDERS and settings_of(app.env).comments is not None:
        target = Path(app.outdir) / "_static" / STATIC_SUBDIR
        target.mkdir(parents=True, exist_ok=True)
        copy_asset_file(SCRIPT, target, force=True)


def comments_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """A chapter's page gets its thread: the blog's path of the post."""
    settings = settings_of(app.env).comments
    if settings is None or doctree is None or app.builder.name not in WEB_BUILDERS:
        return
    chapter = chapter_of(app.env, pagename)
    if chapter is None or chapter.draft:
        return
    language = app.config.language or "en"
    context["daybook_comments"] = {
        "provider": settings.provider,
        "client": client_of(settings),
        "theme_light": settings.theme_light,
        "theme_dark": settings.theme_dark,
        "attributes": attributes_json(widget_attributes(settings, pathname_term(pagename), language)),
        "title": ui(language, "comments"),
    }
