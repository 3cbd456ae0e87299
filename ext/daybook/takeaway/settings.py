"""What the book to take away needs of Sphinx's ePub and LaTeX settings beyond :mod:`..defaults`.

The ``epub_*`` and ``latex_*`` values daybook chooses are rows of the
table in :mod:`..defaults`; here are the cover they name and the version
lent to the ePub builder's check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING


#: the cover image (drawn by builders.py) and its page's template (templates/)
COVER_IMAGE = "_static/daybook/cover.jpg"
COVER_TEMPLATE = "daybook-epub-cover.html"
TEMPLATES = Path(__file__).parent / "templates"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: the ePub's version when the book names none: EPUB 3 wants one, a blog has none
EPUB_BOOK_VERSION = "1"


class _LentVersion(str):
    """``version`` lent to Sphinx's ePub check, to be taken back after it."""


def lend_epub_version(app: Sphinx) -> None:
    """Before Sphinx's ePub check (``builder-inited``, 500): a version, so it does not warn.

    Only lent: a version left in the configuration would be pickled with the
    environment, and the next build, which starts without it, would find the
    configuration changed and read every post again. The ePub itself takes
    its version from :meth:`.DaybookEpubBuilder.content_metadata`.
    """
    if app.builder.name == "epub" and not app.config.version:
        app.config.version = _LentVersion(EPUB_BOOK_VERSION)


def take_back_epub_version(app: Sphinx) -> None:
    """After Sphinx's ePub check: the configuration as the book wrote it."""
    if isinstance(app.config.version, _LentVersion):
        app.config.version = ""
