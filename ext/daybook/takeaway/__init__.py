"""The book to take away: ePub and PDF (LuaLaTeX) built from the same posts.

A stage of its own, beside :mod:`..writing` (the web book): both formats need
the same things the web pages do not, so they live together here.

* :mod:`.fragments` (pure): raw HTML of a post, parsed with lxml around
  placeholders for the nodes between its tags;
* :mod:`.tex` (pure): TeX that survives LaTeX (math escaped, front matter
  escaped), the LuaLaTeX preamble and the books' file names;
* :mod:`.nodes`: line breaks and checkboxes, drawn by every writer;
* :mod:`.transforms`: post-transforms that run only for the ePub and LaTeX
  builders: raw HTML becomes document nodes, math becomes TeX that LaTeX
  reads, missing and remote images become their alt text, the cover becomes
  a title page;
* :mod:`.builders`: the ePub and LaTeX builders, which lay out the book from
  the book model (title page, parts, chapters in day order) instead of
  following the web navigation's hidden toctrees;
* :mod:`.formulas` (pure): a formula written again from an allow-list of
  commands, or refused;
* :mod:`.settings`: the ``epub_*`` and ``latex_*`` values daybook fills in
  where ``conf.py`` leaves the default;
* :mod:`.cover`: the ePub's cover image (Pillow);
* :mod:`.lualatex`: ``make pdf``'s LuaLaTeX runs, hardened, until stable;
  :mod:`.epubcheck`: ``make epub``'s check.
"""
