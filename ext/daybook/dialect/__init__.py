"""The Gatsby Markdown dialect: every post reads as it did on the blog.

* :mod:`.parser`: MyST with the dialect's syntax (math, Markdown in HTML,
  Prism fences, GitHub Markdown) for every Markdown file;
* :mod:`.math`: formulas typeset to MathML at build time;
* :mod:`.anchors`: headings keep the blog's anchors (:mod:`.slugs`);
* ``static/dialect.css``: the blog's callout boxes, collapsible sections,
  embedded videos, code titles, in light and dark mode.
"""
