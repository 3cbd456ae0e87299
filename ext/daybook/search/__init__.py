"""Korean search: daybook's own index and engine, and Sphinx's search language for ``ko``.

* :mod:`.collect`: what each page says, counted while it is read (an environment collector);
* :mod:`.index` (pure): which page says which term, how often and where;
* :mod:`.korean` (pure): how Korean text becomes terms, with ``endings.txt``;
  :mod:`.synonyms` (pure): one thing's other names, ``synonyms.txt`` and the author's pairs;
* :mod:`.shards` (pure), :mod:`.lazy`: the index cut into a base and term shards,
  written when the build ends and fetched only when the reader searches;
  :mod:`.kept` (pure): the index as the last build encoded it, so that a
  changed page re-encodes only its own terms;
  ``engine.js`` reads a query and ranks the pages in the browser;
* :mod:`.language`: the search language Sphinx uses for ``ko`` (Hangul bigrams)
  for its own ``searchindex.js``, which no page loads.
"""

from __future__ import annotations


from .korean import ENDINGS, javascript_splitter, split_index, split_query
from .language import SearchKorean
from .lazy import SEARCH_PAGE_SCRIPT

__all__ = ["ENDINGS", "SEARCH_PAGE_SCRIPT", "SearchKorean", "javascript_splitter", "split_index", "split_query"]
