"""What each page says, for daybook's search index: an environment collector.

When a page is read, its text is taken from the doctree in three places
(the page's title, its other headings, the rest) and counted into
:class:`.index.PageTerms` (:func:`.index.page_terms`), with its day from the
book and the names it pairs itself (:func:`.synonyms.author_pairs`). The
environment keeps them with purge and merge, so an incremental or parallel
build indexes exactly what a clean serial one does; the index is written
from them when the build ends (:mod:`.lazy`). The byline daybook adds, the
thumbnail, images, comments, formulas and markup are no text; the pages
daybook generates (cover, parts, archive, tags) are not indexed at all, and
drafts are never read.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import snowballstemmer
from docutils import nodes

from ..api import get_book
from ..environment import SEARCH_PAGES, PageCollector
from ..upstream import ENGLISH_STOPWORDS
from .index import BODY, HEADING, TITLE, PageTerms, page_terms
from .synonyms import author_pairs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: containers whose text is daybook's, not the author's
NOT_TEXT_CLASSES = frozenset({"daybook-byline", "daybook-thumbnail"})
STOPWORDS = frozenset(ENGLISH_STOPWORDS)
_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def indexed_pages(env: BuildEnvironment) -> dict[str, PageTerms]:
    """docname -> what the page says, as read."""
    return SEARCH_PAGES.of(env)


def _skipped(node: nodes.Node) -> bool:
    if isinstance(node, (nodes.comment, nodes.image, nodes.math, nodes.math_block, nodes.substitution_definition,
                         nodes.system_message, nodes.Invisible)):
        return True
    if isinstance(node, nodes.raw) and "html" not in node.get("format", "").split():
        return True
    return isinstance(node, nodes.Element) and bool(NOT_TEXT_CLASSES.intersection(node.get("classes", ())))


def _text(node: nodes.Node) -> str:
    """The words of ``node`` as a reader sees them: markup of raw HTML left out."""
    if _skipped(node):
        return " "
    if isinstance(node, nodes.raw):
        return " " + html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", node.astext()))) + " "
    if isinstance(node, nodes.Text):
        return str(node)
    return "".join(_text(child) for child in node.children)


def page_texts(doctree: nodes.document) -> Iterator[tuple[int, str]]:
    """(place, text) of each title, heading and block of text of a page, in order."""
    page_title = next(iter(doctree.findall(nodes.section)), None)
    page_title = page_title[0] if page_title is not None and page_title.children else None

    def walk(node: nodes.Node) -> Iterator[tuple[int, str]]:
        if _skipped(node):
            return
        if isinstance(node, nodes.title) and isinstance(node.parent, nodes.section):
            yield (TITLE if node is page_title else HEADING), _text(node)
        elif isinstance(node, nodes.TextElement):
            yield BODY, _text(node)
        else:
            for child in node.children:
                yield from walk(child)

    yield from walk(doctree)


class SearchCollector(PageCollector):
    """Keeps what each page says for daybook's search index."""

    kept = SEARCH_PAGES

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("english")
        #: word -> stem: a diary repeats its Latin words on every page
        self._stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.current_document.docname
        book = get_book(env)
        if docname in book.generated:
            indexed_pages(env).pop(docname, None)
            return
        texts = list(page_texts(doctree))
        chapter = book.chapter(docname)
        pairs = [pair for _, text in texts for pair in author_pairs(text)]
        indexed_pages(env)[docname] = page_terms(
            texts, self.stem, STOPWORDS, day=chapter.day if chapter else None, pairs=pairs
        )
