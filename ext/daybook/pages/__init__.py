"""The pages daybook generates: cover, part pages, archive, tags; the author's profile.

* each generated page's Markdown, a title and one directive, is
  :func:`..model.generated.generated_source` (pure; reading/ puts it in place);
* :mod:`.directives`: the directives, which build the page from the book
  model at read time, toctrees included, so Sphinx's own machinery (sidebar,
  prev/next, search) sees an ordinary book;
* :mod:`.components`: chapter cards (sphinx-design's own nodes), lists,
  links and toctree nodes;
* :mod:`.profile`: the author's profile on the cover and the about page.
"""
