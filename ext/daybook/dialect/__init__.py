"""The Gatsby Markdown dialect: every post reads as it did on the blog.

* :mod:`.parser`: MyST with the dialect's syntax (math, Markdown in HTML,
  Prism fences, GitHub Markdown) for every Markdown file;
* :mod:`.math`: formulas typeset to MathML at build time;
* :mod:`.anchors`: headings keep the blog's anchors (:mod:`.slugs`);
* :mod:`.links`: links with no address are their text;
* ``static/dialect.css``: the blog's callout boxes, collapsible sections,
  embedded videos, code titles, images and HTML tables, in light and dark
  mode; ``static/zoom.js``: images enlarge on a click, as medium-zoom did.
"""
