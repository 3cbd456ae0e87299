"""The Gatsby Markdown dialect: every post reads as it did on the blog.

* :mod:`.parser`: MyST reading the dialect, with MyST's own syntax off in posts;
* :mod:`.markdown`: markdown-it rules for what remark read differently
  (Markdown inside HTML, brace fences as code); :mod:`.fences`: Prism's fence info;
* :mod:`.emphasis`: bold and strike-through next to Hangul;
  :mod:`.emoji`: ``:name:`` emoji; :mod:`.smartypants`: curly quotes and dashes;
* :mod:`.nesting`: Markdown nested past markdown-it's limit keeps its text;
* :mod:`.links`: links with no address are their text;
* :mod:`.math`, :mod:`.mathml`: formulas typeset to MathML at build time;
* :mod:`.anchors`: headings keep the blog's anchors (:mod:`.slugs`);
* ``static/dialect.css``: the blog's callout boxes, collapsible sections,
  embedded videos, code titles, images and HTML tables, in light and dark
  mode; ``static/zoom.js``: images enlarge on a click, as medium-zoom did.
"""
