"""CSS and JavaScript that daybook ships with the HTML it writes.

Copied into ``_static/daybook/`` of the output when an HTML builder starts, so
no extension needs to touch the user's ``html_static_path``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_SUBDIR = "daybook"


def add_static_files(app: Sphinx, *files: Path, priority: int = 500) -> None:
    """Ship ``files`` (.css or .js) with every HTML page."""

    def copy(app: Sphinx) -> None:
        if app.builder.format != "html":
            return
        target = Path(app.outdir) / "_static" / STATIC_SUBDIR
        target.mkdir(parents=True, exist_ok=True)
        for file in files:
            copy_asset_file(file, target, force=True)

    app.connect("builder-inited", copy)
    for file in files:
        uri = f"{STATIC_SUBDIR}/{file.name}"
        if file.suffix == ".css":
            app.add_css_file(uri, priority=priority)
        elif file.suffix == ".js":
            app.add_js_file(uri, priority=priority)
