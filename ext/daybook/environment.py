"""Everything daybook keeps on Sphinx's build environment, named in one place.

Sphinx pickles the environment between builds, and in a parallel read
(``-j``) each reader, a forked copy of the main process, pickles its
environment back to be merged page by page. Each key below says what it
holds and how it lives through both:

* :data:`BOOK` – the book (:class:`BookState`), made by the scan on
  ``env-get-outdated`` and kept for the next build to see what changed.
  Never merged: a reader is forked after the scan, so it reads with the main
  process's book; what it sends back carries none (``BookState.__reduce__``),
  and nothing reads the book of a reader's returned environment (only
  collectors see it, and they take their own keys from it).
* :data:`SETTINGS` – the ``daybook_*`` values, validated once on
  ``config-inited`` and put here when the builder starts (:class:`Settings`).
* :class:`PerPage` keys – docname -> what one page holds, purged when the page
  is read again and merged from parallel readers by a :class:`PageCollector`.
* the other :class:`BuildWide` keys – one value for the whole build, made
  by the main process (on ``env-get-outdated`` or ``env-updated``); the
  next build compares its own with the last build's.

Only this module reads or writes ``env.daybook_*``; :data:`KEYS` names them all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sphinx.environment.collectors import EnvironmentCollector

from .config import DaybookConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .model.book import Book
    from .model.frontmatter import ParsedPost, Problem
    from .model.window import Navigation

#: bump when what daybook keeps in the environment changes shape
ENV_VERSION = 5

T = TypeVar("T")


class NotYetMade(RuntimeError):
    """daybook read what it keeps on the environment before making it: a bug in daybook, not in a post."""


@dataclass(frozen=True)
class BuildWide(Generic[T]):
    """One value for the whole build."""

    name: str
    doc: str

    def get(self, env: BuildEnvironment, default: T) -> T:
        return getattr(env, self.name, default)

    def put(self, env: BuildEnvironment, value: T) -> None:
        setattr(env, self.name, value)


@dataclass(frozen=True)
class PerPage(Generic[T]):
    """docname -> T, purged and merged by a :class:`PageCollector`."""

    name: str
    doc: str

    def of(self, env: BuildEnvironment) -> dict[str, T]:
        found: dict[str, T] | None = getattr(env, self.name, None)
        if found is None:
            found = {}
            setattr(env, self.name, found)
        return found


class PageCollector(EnvironmentCollector):
    """A collector of one :class:`PerPage` key: a page read again loses its entry; a parallel reader's are merged."""

    kept: ClassVar[PerPage[Any]]

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.kept.of(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        theirs, ours = self.kept.of(other), self.kept.of(env)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]


# -- the book, as kept between builds -------------------------------------------------

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
    #: what the sidebars and prev/next links showed, made after reading
    #: (:mod:`.writing.navigation`); until then, the last build's
    navigation: Navigation | None = None
    #: the process that holds the state (see ``__reduce__``)
    owner_pid: int = field(default_factory=os.getpid, compare=False, repr=False)

    def __reduce__(self) -> tuple:
        # A parallel reader is a process forked after the scan: it reads with
        # this book, then pickles its whole environment back to be merged page
        # by page. The book is the main process's own and is never merged
        # (nothing reads it from a reader's environment, see environment.py):
        # a reader sends none of it back, which would cost the whole book per chunk.
        if os.getpid() != self.owner_pid:
            return (_not_sent_back, ())
        return (_restore_book_state, (self.book, self.scanned, self.navigation))


def _not_sent_back() -> None:
    return None


def _restore_book_state(book: Book, scanned: dict[str, ScannedFile], navigation: Navigation | None) -> BookState:
    return BookState(book, scanned, navigation)


# -- the keys ------------------------------------------------------------------------

BOOK: BuildWide[BookState | None] = BuildWide(
    "daybook_state", "the book and each file's scan (scan.py); the navigation after reading (writing/navigation.py)"
)
SETTINGS: BuildWide[DaybookConfig | None] = BuildWide(
    "daybook_settings", "the daybook_* values, validated on config-inited (config.py)"
)
ANCHORS: PerPage[frozenset[str]] = PerPage("daybook_anchors", "every id of the page (reading/anchors.py)")
SEARCH_PAGES: PerPage[Any] = PerPage("daybook_search_pages", "what the page says, for the search index (search/collect.py)")
SUMMARIES: PerPage[str] = PerPage("daybook_summaries", "a chapter's first paragraph (publishing/summaries.py)")
POST_LINKS: PerPage[tuple[Any, ...]] = PerPage("daybook_post_links", "the page's links to other posts (writing/references.py)")
RESOLVED_LINKS: BuildWide[dict[str, tuple[Any, ...]] | None] = BuildWide(
    "daybook_resolved_links", "where each page's post links led after reading (writing/references.py)"
)
IMAGE_NAMES: BuildWide[set[str]] = BuildWide(
    "daybook_image_names", "the names under _images/ of the images pages used (publishing/stale.py)"
)
DOWNLOADS: BuildWide[tuple[tuple[str, str], ...]] = BuildWide(
    "daybook_downloads", "the book's ePub and PDF the site offers (publishing/downloads.py)"
)

#: every attribute daybook keeps on the environment
KEYS: tuple[BuildWide[Any] | PerPage[Any], ...] = (
    BOOK, SETTINGS, ANCHORS, SEARCH_PAGES, SUMMARIES, POST_LINKS, RESOLVED_LINKS, IMAGE_NAMES, DOWNLOADS,
)


# -- the book ------------------------------------------------------------------------


def book_state(env: BuildEnvironment) -> BookState:
    """The book of this build and what the scan kept; made on ``env-get-outdated``, before any page is read."""
    state = BOOK.get(env, None)
    if state is None:
        raise NotYetMade("daybook's book is read before the posts were scanned (env-get-outdated)")
    return state


def last_build_state(env: BuildEnvironment) -> BookState | None:
    """For the scan: the last build's book, or ``None`` when this build is the first."""
    return BOOK.get(env, None)


def keep_book_state(env: BuildEnvironment, state: BookState) -> None:
    BOOK.put(env, state)


# -- the configuration ---------------------------------------------------------------


def settings_of(env: BuildEnvironment) -> DaybookConfig:
    """The ``daybook_*`` values, as validated on ``config-inited``."""
    found = SETTINGS.get(env, None)
    if found is None:
        raise NotYetMade("daybook's settings are read before the builder started (builder-inited)")
    return found


class Settings:
    """The ``daybook_*`` values: validated once, on ``config-inited``, then kept on the environment.

    The environment does not exist yet on ``config-inited``; until it does
    (``builder-inited``), the validated values wait here, one per application.
    """

    def __init__(self) -> None:
        self.validated: DaybookConfig | None = None

    def validate(self, app: Sphinx, config: Config) -> None:
        """Fail early, naming the value, when a ``daybook_*`` value is wrong (``ConfigError``)."""
        self.validated = DaybookConfig.from_sphinx(config)

    def passed_to(self, handler: Callable[[Config, DaybookConfig], None]) -> Callable[[Sphinx, Config], None]:
        """A ``config-inited`` handler, after :meth:`validate`, that is given the validated values."""

        def with_settings(app: Sphinx, config: Config) -> None:
            assert self.validated is not None, "connected after Settings.validate"
            handler(config, self.validated)

        with_settings.__name__ = with_settings.__qualname__ = getattr(handler, "__name__", "with_settings")
        return with_settings

    def keep_on_environment(self, app: Sphinx) -> None:
        """First on ``builder-inited``: the environment of this build holds this build's values."""
        assert self.validated is not None, "config-inited comes before builder-inited"
        SETTINGS.put(app.env, self.validated)
