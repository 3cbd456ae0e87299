"""Moving in: a gatsby-starter-bee blog becomes the book (``make import BLOG=<path>``).

Knows nothing of Sphinx; runs before any build:

* :mod:`.metaconfig`: ``gatsby-meta-config.js`` parsed with esprima, literals only;
* :mod:`.starter`: what the starter decides in its components (the about page's
  language, utterances' options), read the same way;
* :mod:`.blog`: the repository's posts, about pages and assets, and what the
  blog and the book each publish;
* :mod:`.settings`: the blog's fields as ``conf.py`` values, and the block of
  ``conf.py`` that holds them;
* :mod:`.redirects`: rules for the old host (Netlify's ``_redirects``);
* :mod:`.importer`: the plan, and writing it with a manifest, idempotently;
* :mod:`.__main__`: the command line and the report.
"""
