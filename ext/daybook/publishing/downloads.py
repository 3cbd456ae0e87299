"""The download button offers the book: its ePub and PDF, when they are built beside the site.

``make epub`` and ``make pdf`` write ``<BUILDDIR>/epub/<name>.epub`` and
``<BUILDDIR>/pdf/<name>.pdf``, beside the site in ``<BUILDDIR>/html``;
``make all`` and Read the Docs (``.readthedocs.yaml``) build them before the
site. When they are there, the site carries a copy of each in
``_downloads/book/`` and the theme's download button offers them, on every
page, in place of the page's Markdown source and the browser's "print". When
they are not, the button is the theme's.

The button is sphinx-book-theme's own, described in the page context
(``header_buttons``), which its templates draw.

A file is offered only when its own build vouches for it: the ePub and
LaTeX builds leave a note in their working folder (``epub-build/``,
``latex/``) saying whether they held drafts, and the digest of the ePub
(for the PDF, ``takeaway/lualatex.py`` adds it when it ships one). A file
that no note vouches for (stale, copied in by hand), or that holds drafts
when the site is built without them, is not offered, with a warning: a
draft must not reach the site through the book's download button.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..environment import DOWNLOADS, settings_of
from ..files import write_atomically
from ..model.text import ui

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: the builders whose pages have the theme's download button
WEB_BUILDERS = ("html", "dirhtml", "singlehtml")
#: where in the site the copies go
FOLDER = "_downloads/book"
#: (kind, the folder beside the site, icon); in the order the button lists them
KINDS = (("epub", "epub", "fas fa-book"), ("pdf", "pdf", "fas fa-file-pdf"))
#: kind -> the folder beside the site where its Sphinx build works (the Makefile's)
WORK_FOLDERS = {"epub": "epub-build", "pdf": "latex"}
#: the note a take-away build leaves in its working folder: {"drafts": bool, "sha256": {file name: digest}}
NOTE = "daybook-takeaway.json"
#: the builders that leave the note
TAKEAWAY_BUILDERS = ("epub", "latex")

logger = logging.getLogger(__name__)


def book_file_names(config: Config) -> dict[str, str]:
    """The file name of the ePub and of the PDF the book's builds write."""
    names = {"epub": f"{config.epub_basename}.epub"}
    if config.latex_documents:
        names["pdf"] = Path(config.latex_documents[0][1]).with_suffix(".pdf").name
    return names


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_note(folder: Path) -> dict[str, Any] | None:
    """The note a take-away build left in ``folder``; ``None`` if there is none that reads."""
    try:
        note = json.loads((folder / NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(note, dict) or not isinstance(note.get("drafts"), bool) or not isinstance(note.get("sha256"), dict):
        return None
    return note


def vouched_for(path: Path, note: dict[str, Any] | None, with_drafts: bool) -> str | None:
    """Why the file at ``path`` may not be offered by a site built ``with_drafts`` or not; ``None`` if it may."""
    if note is None or note["sha256"].get(path.name) != file_digest(path):
        return "no note of its build vouches for it (built by hand, or its build did not finish)"
    if note["drafts"] and not with_drafts:
        return "it was built with drafts (DRAFTS=1) and the site is built without them"
    return None


def built_beside(outdir: Path, config: Config, with_drafts: bool) -> tuple[tuple[str, str], ...]:
    """(kind, file name) of each of the book's files built beside the site in ``outdir`` that it may offer."""
    names = book_file_names(config)
    found = []
    for kind, folder, _ in KINDS:
        name = names.get(kind)
        path = outdir.parent / folder / name if name else None
        if path is None or not path.is_file():
            continue
        refused = vouched_for(path, read_note(outdir.parent / WORK_FOLDERS[kind]), with_drafts)
        if refused is not None:
            logger.warning(
                "the %s beside the site (%s) is not offered for download: %s; build it again with make %s",
                kind,
                path,
                refused,
                kind,
                location=str(path),
                type="daybook",
                subtype="downloads",
            )
            continue
        found.append((kind, name))
    return tuple(found)


def leave_note(app: Sphinx, exception: BaseException | None) -> None:
    """After an ePub or LaTeX build: whether it held drafts, and the ePub's digest (the PDF's is added by lualatex.py)."""
    if exception is not None or app.builder.name not in TAKEAWAY_BUILDERS:
        return
    outdir = Path(app.outdir)
    digests: dict[str, str] = {}
    if app.builder.name == "epub":
        epub = outdir / book_file_names(app.config)["epub"]
        if epub.is_file():
            digests[epub.name] = file_digest(epub)
    note = {"drafts": settings_of(app.env).drafts, "sha256": digests}
    write_atomically(outdir / NOTE, json.dumps(note, sort_keys=True).encode("utf-8"))


def notice_downloads(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Which of the book's files the site offers; every page again when that changed."""
    if app.builder.name not in WEB_BUILDERS:
        return []
    found = built_beside(Path(app.outdir), app.config, settings_of(env).drafts)
    previous = DOWNLOADS.get(env, ())
    DOWNLOADS.put(env, found)
    return sorted(env.found_docs) if found != previous else []


def offer_downloads(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """After the theme's handlers: its download button holds the book's ePub and PDF."""
    found = DOWNLOADS.get(app.env, ())
    buttons = context.get("header_buttons")
    if app.builder.name not in WEB_BUILDERS or not found or not isinstance(buttons, list):
        return
    if str((app.config.html_theme_options or {}).get("use_download_button", True)).lower() == "false":
        return
    language = app.config.language
    icons = {kind: icon for kind, _, icon in KINDS}
    group = {
        "type": "group",
        "tooltip": ui(language, "download_book"),
        "icon": "fas fa-download",
        "label": "download-buttons",
        "buttons": [
            {
                "type": "link",
                "url": context["pathto"](f"{FOLDER}/{name}", 1),
                "text": f".{kind}",
                "tooltip": ui(language, f"download_{kind}"),
                "icon": icons[kind],
                "label": f"download-{kind}-button",
            }
            for kind, name in found
        ],
    }
    theirs = [i for i, button in enumerate(buttons) if isinstance(button, dict) and button.get("label") == group["label"]]
    if theirs:
        buttons[theirs[0]] = group
    else:  # a generated page has no source, so the theme gave it no button
        buttons.insert(0, group)


def copy_downloads(app: Sphinx, exception: BaseException | None) -> None:
    """The site's copies of the book's files: the current ones, and no other."""
    if exception is not None or app.builder.name not in WEB_BUILDERS:
        return
    outdir = Path(app.outdir)
    target = outdir / FOLDER
    found = dict(DOWNLOADS.get(app.env, ()))
    folders = {kind: folder for kind, folder, _ in KINDS}
    if target.is_dir():
        for old in target.iterdir():
            if old.name not in found.values():
                with contextlib.suppress(OSError):
                    old.unlink()
        if not found:
            with contextlib.suppress(OSError):
                target.rmdir()
    for kind, name in found.items():
        source, copy = outdir.parent / folders[kind] / name, target / name
        if not source.is_file():
            continue
        if copy.is_file() and copy.stat().st_size == source.stat().st_size and copy.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)
