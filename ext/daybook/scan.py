"""Scan: before reading, every post's front matter becomes the book model.

Like sphinx-external-toc, daybook knows the whole site map before any page is
read, so toctrees can be written into pages at read time and the pages whose
navigation changed can be re-read or re-written on an incremental build.

Two changes to the set of documents Sphinx found happen here, on
``env-get-outdated``:

* drafts (unless asked for) and undecodable files leave the project: they are
  never read, so no byte of them reaches any output;
* the generated pages (cover, part pages, archive, tags) join it, backed by
  one small file of the package whose text is replaced on ``source-read``.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .config import daybook_config
from .model.book import Book, Source, build_book
from .model.frontmatter import ParsedPost, Problem, parse_post
from .pages.sources import GENERATED_SOURCE
from .upstream import add_document, forget_document

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class ScannedFile:
    """What one source file held when it was last scanned."""

    mtime_ns: int
    size: int
    #: the front matter as parsed; its ``body`` is left empty
    parsed: ParsedPost | None
    #: set when the file could not be decoded; it is left out of the book
    unreadable: Problem | None = None


@dataclass(frozen=True)
class BookState:
    """What the environment keeps between builds."""

    book: Book
    scanned: dict[str, ScannedFile]
    #: the process that holds the state (see ``__reduce__``)
    owner_pid: int = field(default_factory=os.getpid, compare=False, repr=False)

    def __reduce__(self) -> tuple:
        # A parallel reader is a forked process that pickles its whole
        # environment back to be merged document by document. The book is the
        # main process's own and is never merged: a reader sends none of it.
        if os.getpid() != self.owner_pid:
            return (_left_in_main_process, ())
        return (_restore_book_state, (self.book, self.scanned))


def _left_in_main_process() -> None:
    return None


def _restore_book_state(book: Book, scanned: dict[str, ScannedFile]) -> BookState:
    return BookState(book, scanned)


def book_state(env: BuildEnvironment) -> BookState | None:
    return getattr(env, "daybook_state", None)


def scan_posts(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Make the book; drafts and unreadable files leave the project, generated pages join it.

    Returns the pages to re-read because the book they show changed.
    """
    settings = daybook_config(app.config)
    previous = book_state(env)
    old_scans = previous.scanned if previous else {}
    root = app.config.root_doc

    scanned: dict[str, ScannedFile] = {}
    sources: list[Source] = []
    unreadable: set[str] = set()
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        scan = scan_file(path, old_scans.get(docname))
        scanned[docname] = scan
        if scan.unreadable is not None:
            logger.warning(
                scan.unreadable.message,
                location=f"{path}:{scan.unreadable.line}",
                type="daybook",
                subtype=scan.unreadable.subtype,
            )
            unreadable.add(docname)
            continue
        sources.append(Source(docname, scan.parsed.front_matter if scan.parsed else None))

    book = build_book(
        sources,
        root_docname=root,
        part_order=settings.part_order,
        include_drafts=settings.drafts,
        taken_docnames=env.found_docs - unreadable,
    )
    left_out = unreadable.union(book.drafts_left_out)
    for docname in left_out:
        forget_document(env.project, docname)
        added.discard(docname)
        changed.discard(docname)
        if docname in env.all_docs:
            removed.add(docname)

    for docname in book.generated:
        # one file of the package stands for every generated page; its text
        # is replaced on source-read
        add_document(env.project, docname, GENERATED_SOURCE)
        removed.discard(docname)
        if docname not in env.all_docs:
            added.add(docname)

    # Pages whose generated content or toctrees depend on the book: re-read
    # them when the book changed (or on a first build, when they are added).
    hosts = set(book.generated) | {root} | {p.docname for p in book.parts}
    book_changed = previous is None or previous.book != book
    env.daybook_state = BookState(book, scanned)  # type: ignore[attr-defined]
    env.daybook_navigation_changed = previous is None or navigation(previous.book) != navigation(book)  # type: ignore[attr-defined]
    if not book_changed:
        return []
    return sorted(d for d in hosts if d in env.found_docs)


def pages_showing_navigation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page shows the navigation: re-write them all when it changed."""
    if getattr(env, "daybook_navigation_changed", False):
        return sorted(env.found_docs)
    return []


def navigation(book: Book) -> tuple:
    """What every page's sidebar and prev/next links show of the book."""
    return (
        tuple((p.title, p.docname, tuple((c.docname, c.title) for c in p.chapters)) for p in book.parts),
        book.pages,
        book.generated,
    )


def scan_file(path: Path, cached: ScannedFile | None) -> ScannedFile:
    """Parse one file's front matter, reusing the last scan if the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        return ScannedFile(0, 0, None)
    if cached is not None and (cached.mtime_ns, cached.size) == (stat.st_mtime_ns, stat.st_size):
        return cached
    if path.suffix != ".md":
        return ScannedFile(stat.st_mtime_ns, stat.st_size, None)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return ScannedFile(stat.st_mtime_ns, stat.st_size, None, _undecodable(data, error))
    # the body is read again on source-read: kept here, it would make the
    # pickled environment (sent back by every parallel reader) hold every post twice
    parsed = parse_post(text)
    return ScannedFile(stat.st_mtime_ns, stat.st_size, dataclasses.replace(parsed, body=""))


def _undecodable(data: bytes, error: UnicodeDecodeError) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    guess = ""
    for encoding in ("cp949", "utf-16"):
        try:
            codecs.decode(data, encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        guess = f" (it looks like {encoding.upper()})"
        break
    return Problem(
        line,
        "encoding",
        f"file is not UTF-8{guess}; save it as UTF-8 to include it. "
        "It is left out of the book",
    )
