"""The 404 page (sphinx-notfound-page): Korean text, links that work at any depth.

daybook fills in that extension's settings only where ``conf.py`` left the
default, and publishes the page where Read the Docs looks for it.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..files import write_atomically
from ..model.text import ui
from ..upstream import config_is_default

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def not_found_defaults(app: Sphinx, config: Config) -> None:
    """Defaults for the extensions daybook brings, where the book's conf.py sets none."""
    if config_is_default(config, "notfound_urls_prefix") and not os.environ.get("READTHEDOCS_CANONICAL_URL"):
        # the 404 page's links are absolute paths: the book's own, else the site root
        config.notfound_urls_prefix = urlsplit(config.html_baseurl).path or "/"
    if config_is_default(config, "notfound_context"):
        config.notfound_context = not_found_context(config.language, config.notfound_urls_prefix or "/")
    if config.ogp_social_cards is None:
        # drawn cards need matplotlib and fonts with Hangul; the thumbnail is the card
        config.ogp_social_cards = {"enable": False}


def not_found_context(language: str | None, cover_path: str) -> dict[str, str]:
    title = ui(language, "not_found_title")
    body = (
        f"<h1>{html.escape(title)}</h1>\n"
        f"<p>{html.escape(ui(language, 'not_found_text'))}</p>\n"
        f'<p><a href="{html.escape(cover_path)}">{html.escape(ui(language, "back_to_cover"))}</a></p>\n'
    )
    return {"title": title, "body": body}


def publish_not_found_page(app: Sphinx, outdir: Path) -> None:
    # dirhtml writes the 404 page to 404/index.html; Read the Docs serves 404.html
    pagename = app.config.notfound_pagename
    written = outdir / pagename / "index.html"
    if app.builder.name == "dirhtml" and written.is_file():
        write_atomically(outdir / f"{pagename}.html", written.read_bytes())
