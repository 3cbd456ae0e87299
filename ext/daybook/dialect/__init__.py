"""The Gatsby Markdown dialect (issue 7): every post reads as it did on the blog.

* :mod:`.parser`: MyST with the dialect's syntax (math, Markdown in HTML,
  Prism fences, GitHub Markdown) for every Markdown file;
* :mod:`.math`: formulas typeset to MathML at build time;
* :mod:`.anchors`: headings keep the blog's anchors (:mod:`.slugs`);
* ``static/dialect.css``: the blog's callout boxes, collapsible sections,
  embedded videos, code titles, in light and dark mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..assets import add_static_files
from .anchors import HeadingAnchors
from .math import setup_math
from .parser import DialectParser

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).with_name("static")


def setup_dialect(app: Sphinx) -> None:
    """Read Markdown as the Gatsby blog did; needs ``myst_parser`` loaded first."""
    app.setup_extension("myst_parser")
    app.add_source_parser(DialectParser, override=True)
    app.add_transform(HeadingAnchors)
    setup_math(app)
    add_static_files(app, STATIC / "dialect.css")
