"""Publishing: what a website of the book needs besides its pages.

* :mod:`.site`: head tags of each page, the feeds and ``sitemap.xml`` after the build;
* :mod:`.feed`, :mod:`.sitemap`, :mod:`.social`: what they write (pure): the Atom
  and RSS feeds, the sitemap, the social card tags;
* :mod:`.summaries`: each chapter's first paragraph, for the feeds and social cards;
* :mod:`.notfound`: the 404 page;
* :mod:`.downloads`: the download button offers the ePub and PDF built beside the site;
* :mod:`.stale`: output of pages that are gone is deleted, so an incremental
  build equals a clean one;
* :mod:`.guard`: a build after an interrupted one redoes everything, two builds
  into one folder take turns, and daybook's own files are written whole.
"""
