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
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.matching import Matcher

from .environment import BookState, ScannedFile, keep_book_state, last_build_state, settings_of
from .files import escape_glob
from .model.book import SITE_NAMES, Book, Source, build_book
from .model.frontmatter import Problem, parse_post
from .model.generated import GENERATED_SOURCE, generated_pages_to_read
from .upstream import add_document, forget_document

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

def decomposed_sources(srcdir: str | os.PathLike[str], config: Config) -> dict[str, Path]:
    """Posts whose file name is not in composed Unicode (NFC), by the docname they get.

    macOS writes Korean names decomposed (NFD). Sphinx composes every name it
    finds and then cannot open the file on other systems, so it drops the
    post ("Ignored unreadable document"). daybook serves such a post under its
    composed name, the URL Gatsby served.
    """
    root = Path(srcdir)
    suffixes = tuple(config.source_suffix)
    user_excluded = Matcher([*config.exclude_patterns, *config.templates_path])
    found: dict[str, Path] = {}
    for folder, _, files in os.walk(root, followlinks=True):
        # most names are composed already: only the others are worth a path and a normal form
        composed_folder = unicodedata.is_normalized("NFC", folder)
        for name in files:
            if composed_folder and unicodedata.is_normalized("NFC", name):
                continue
            relative = (Path(folder) / name).relative_to(root).as_posix()
            composed = unicodedata.normalize("NFC", relative)
            if composed == relative or not composed.endswith(suffixes) or user_excluded(relative):
                continue
            suffix = next(s for s in suffixes if composed.endswith(s))
            found[composed.removesuffix(suffix)] = Path(relative)
    return found


def leave_decomposed_names_to_daybook(app: Sphinx, config: Config) -> None:
    """Keep Sphinx from warning twice that it cannot read each decomposed name: the scan adds them."""
    names = [escape_glob(f"{docname}{suffix}") for docname in decomposed_sources(app.srcdir, config) for suffix in config.source_suffix]
    if names:
        config.exclude_patterns = [*config.exclude_patterns, *names]


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
    settings = settings_of(env)
    previous = last_build_state(env)
    old_scans = previous.scanned if previous else {}
    root = app.config.root_doc

    for docname, path in decomposed_sources(app.srcdir, app.config).items():
        add_document(env.project, docname, path)
        removed.discard(docname)
        if docname not in env.all_docs:
            added.add(docname)
        elif -(os.stat(env.doc2path(docname)).st_mtime_ns // -1_000) > env.all_docs[docname]:
            changed.add(docname)

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
        parsed = scan.parsed
        sources.append(Source(docname, parsed.front_matter if parsed else None, private=bool(parsed and parsed.private)))

    book = build_book(
        sources,
        root_docname=root,
        part_order=settings.part_order,
        include_drafts=settings.drafts,
        taken_docnames=env.found_docs - unreadable,
        reserved_names=SITE_NAMES | {app.config.notfound_pagename, settings.rss_feed.split("/")[0]} - {""},
    )
    for docname in book.drafts_left_out:
        # never read: why it is private, when the author did not say so plainly, is told here
        parsed = scanned[docname].parsed
        for problem in parsed.problems if parsed is not None else ():
            if problem.keeps_private:
                logger.warning(
                    problem.message,
                    location=f"{env.doc2path(docname)}:{problem.line}",
                    type="daybook",
                    subtype=problem.subtype,
                )
    for problem in book.problems:
        logger.warning(
            problem.message, location=f"{env.doc2path(problem.docname)}:1", type="daybook", subtype=problem.subtype
        )
    left_out = unreadable.union(book.drafts_left_out, book.refused)
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

    # Generated pages whose content changed with the book are read again;
    # pages that only show it in their sidebar or prev/next links are written
    # again after reading (``writing.navigation.pages_showing_changes``).
    keep_book_state(env, BookState(book, scanned, previous.navigation if previous else None))
    if previous is not None and previous.book == book:
        return []
    reread = generated_pages_to_read(previous.book if previous else None, book, settings.cover_cards)
    # a chapter's byline links to its part and tag pages, which can move
    # without the chapter changing (another part takes its slug)
    moved = {
        c.docname for c in book.chapters if previous is not None and _links_of(previous.book, c.docname) != _links_of(book, c.docname)
    }
    return sorted(d for d in reread | moved if d in env.found_docs)


def _links_of(book: Book, docname: str) -> tuple[str | None, tuple[str, ...]]:
    """The pages a chapter's byline links to: its part's and its tags'."""
    chapter, part = book.chapter(docname), book.part_of(docname)
    if chapter is None or part is None:
        return None, ()
    return part.docname, tuple(book.tag_docname(t) for t in chapter.tags)


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
