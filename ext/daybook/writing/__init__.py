"""Writing web pages: links between posts, the sidebar, the theme, images, the page context.

* :mod:`.references`: links between posts, and to ``#anchors``, resolved against the
  book; on an incremental build, the pages whose links now lead elsewhere;
* :mod:`.navigation` (Sphinx glue), :mod:`..model.window` (pure): the sidebar from the book
  model, made once per build after reading; each page shows a window of it, written by
  daybook's ``templates/sbt-sidebar-nav.html``; the pages whose view changed are written again;
* :mod:`.theme`: the theme's options daybook sets, its words in Korean, and each page's
  chrome and assets; :mod:`.chrome` (pure): the theme's JavaScript-only controls, written
  once into ``chrome.js``; :mod:`.icons` (pure): the theme's icons drawn by daybook;
* :mod:`.page_context`: the book's defaults for other extensions, escaped page titles,
  and a source link only where it is safe (none for generated pages);
* :mod:`.images`: image names that do not depend on the order pages were read;
* :mod:`.missing_images`: a missing image is a placeholder that says so;
* :mod:`.builders`: ``dirhtml`` with links that survive any file name.
* :mod:`.template_cache`: the theme's templates compiled once, kept in the doctree folder.
"""
