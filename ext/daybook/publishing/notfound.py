"""The 404 page (sphinx-notfound-page): Korean text, links that work at any depth.

daybook fills in that extension's settings only where ``conf.py`` left the
default (:mod:`..defaults`), and publishes the page where Read the Docs looks for it.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import write_atomically
from ..model.text import ui

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
