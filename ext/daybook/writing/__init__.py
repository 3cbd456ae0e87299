"""Writing pages: links between posts, the sidebar, image names, the theme, the page context.

* :mod:`.references`: links between posts, and to ``#anchors``, resolved against the book;
* :mod:`.navigation` and :mod:`..model.window` (pure): the sidebar from the book model, made once per
  build, a window of the reader's own part on each page, written by daybook's template;
* :mod:`.theme`, :mod:`.chrome`: the theme's options, templates and controls' script;
* :mod:`.icons`: the theme's icons drawn by daybook, instead of Font Awesome's script;
* :mod:`.images`: image names that do not depend on the order pages were read;
* :mod:`.builders`: ``dirhtml`` with links that survive any file name;
* :mod:`.page_context`: escaped titles; no source for generated pages.
"""
