"""The book model: posts become chapters, categories become parts.

Pure: knows nothing of Sphinx. Input is one :class:`Source` per document the
project found; output is a :class:`Book` that says which chapters go into
which part, in which order, and which pages daybook generates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .frontmatter import FrontMatter
from .text import slugify
from .urls import page_name, top_folder

#: docname of the generated archive page
ARCHIVE_DOCNAME = "archive"
#: docname prefix of the generated tag pages (``tags/index`` lists them all)
TAGS_DIRNAME = "tags"


@dataclass(frozen=True)
class Source:
    """One document the project found, with its typed front matter."""

    docname: str
    front_matter: FrontMatter | None


@dataclass(frozen=True)
class Chapter:
    """A post that is a chapter of the book."""

    docname: str
    title: str | None
    date: dt.datetime | None
    category: str | None
    day: int | None
    draft: bool
    tags: tuple[str, ...] = ()
    thumbnail: str | None = None
    description: str | None = None

    @property
    def sort_date(self) -> dt.datetime:
        """The date, comparable whether it has an offset or not."""
        return _naive(self.date) if self.date else dt.datetime.min

    @property
    def sort_key(self) -> tuple:
        """(day, date, path): numbered days first, then the rest by date."""
        return (
            self.day is None,
            self.day if self.day is not None else 0,
            self.date is None,
            _naive(self.date) if self.date else dt.datetime.min,
            self.docname,
        )


@dataclass(frozen=True)
class Part:
    """A category of the blog: one part of the book."""

    title: str
    slug: str
    #: the page that opens the part (generated unless the author wrote one)
    docname: str
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class Book:
    parts: tuple[Part, ...]
    #: pages with neither date nor category ("About"): the last part
    pages: tuple[str, ...] = ()
    #: tag -> chapters carrying it, in book order
    tags: tuple[tuple[str, tuple[Chapter, ...]], ...] = ()
    #: docnames of the pages daybook generates (cover, part pages, archive, tags)
    generated: tuple[str, ...] = ()
    root_docname: str = "index"
    #: docnames of the drafts this build leaves out of the book (and out of Sphinx's project)
    drafts_left_out: tuple[str, ...] = ()
    chapters_by_docname: dict[str, Chapter] = field(default_factory=dict, compare=False)
    parts_by_docname: dict[str, Part] = field(default_factory=dict, compare=False)

    def chapter(self, docname: str) -> Chapter | None:
        return self.chapters_by_docname.get(docname)

    def part_of(self, docname: str) -> Part | None:
        """The part holding chapter ``docname``."""
        return self.parts_by_docname.get(docname)

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        """Every chapter in book order."""
        return tuple(c for part in self.parts for c in part.chapters)

    def tag_docname(self, tag: str) -> str:
        return f"{TAGS_DIRNAME}/{slugify(tag) or 'tag'}"


_DAY_IN_TITLE = re.compile(r"(?<![A-Za-z])day[\s._-]*0*(\d{1,5})(?!\d)", re.IGNORECASE)
_DAY_IN_NAME = re.compile(r"^day[._-]?0*(\d{1,5})(?!\d)", re.IGNORECASE)


def day_number(front_matter: FrontMatter | None, docname: str) -> int | None:
    """Explicit ``day:``, else "DAY 28" in the title, else the file or folder name."""
    if front_matter is not None:
        if front_matter.day is not None:
            return front_matter.day
        if front_matter.title:
            match = _DAY_IN_TITLE.search(front_matter.title)
            if match:
                return int(match[1])
    match = _DAY_IN_NAME.match(page_name(docname))
    return int(match[1]) if match else None


def chapter_title(chapter: Chapter) -> str:
    """The title a chapter shows: its own, else the name its URL gives it."""
    return chapter.title or page_name(chapter.docname)


def build_book(
    sources: Iterable[Source],
    *,
    root_docname: str = "index",
    part_order: Sequence[str] = (),
    include_drafts: bool = False,
    taken_docnames: Iterable[str] = (),
) -> Book:
    """Group posts into ordered parts, and name the pages daybook generates.

    Drafts stay out unless ``include_drafts``; :attr:`Book.drafts_left_out`
    names them, so that they are never read at all.

    ``taken_docnames`` are real documents; a generated page never takes the
    name of one (the author's own page wins and gets the generated content
    placed by a directive instead).
    """
    chapters: list[Chapter] = []
    pages: list[str] = []
    drafts: list[str] = []
    for source in sources:
        fm = source.front_matter
        if fm is not None and fm.draft and not include_drafts:
            drafts.append(source.docname)
            continue
        if source.docname == root_docname:
            continue
        category = (fm.category if fm else None) or None
        date = fm.date if fm else None
        if category is None and date is not None:
            category = top_folder(source.docname)
        if category is None:
            pages.append(source.docname)
            continue
        chapters.append(
            Chapter(
                docname=source.docname,
                title=fm.title if fm else None,
                date=date,
                category=category,
                day=day_number(fm, source.docname),
                draft=bool(fm and fm.draft),
                tags=fm.tags if fm else (),
                thumbnail=fm.thumbnail if fm else None,
                description=fm.description if fm else None,
            )
        )

    by_category: dict[str, list[Chapter]] = {}
    for chapter in chapters:
        by_category.setdefault(chapter.category or "", []).append(chapter)

    def part_key(item: tuple[str, list[Chapter]]) -> tuple:
        category, members = item
        if category in part_order:
            return (0, part_order.index(category), dt.datetime.min, category)
        dates = [_naive(c.date) for c in members if c.date]
        return (1, 0, min(dates) if dates else dt.datetime.max, category)

    # a draft left out frees its name
    taken = set(taken_docnames).difference(drafts)
    used_slugs: set[str] = set()
    parts: list[Part] = []
    for category, members in sorted(by_category.items(), key=part_key):
        slug = _unique(slugify(category) or "part", used_slugs)
        used_slugs.add(slug)
        members.sort(key=lambda c: c.sort_key)
        parts.append(Part(category, slug, f"{slug}/index", tuple(members)))

    tags: dict[str, list[Chapter]] = {}
    for part in parts:
        for chapter in part.chapters:
            for tag in chapter.tags:
                tags.setdefault(tag, []).append(chapter)

    book = Book(
        parts=tuple(parts),
        pages=tuple(sorted(pages)),
        tags=tuple(sorted((t, tuple(cs)) for t, cs in tags.items())),
        root_docname=root_docname,
        drafts_left_out=tuple(sorted(drafts)),
        chapters_by_docname={c.docname: c for p in parts for c in p.chapters},
        parts_by_docname={c.docname: p for p in parts for c in p.chapters},
    )
    generated = [root_docname, *(p.docname for p in parts), ARCHIVE_DOCNAME]
    if tags:
        generated.append(f"{TAGS_DIRNAME}/index")
        generated.extend(book.tag_docname(t) for t, _ in book.tags)
    return dataclasses.replace(book, generated=tuple(d for d in generated if d not in taken))


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in used:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def _naive(value: dt.datetime) -> dt.datetime:
    """Compare aware and naive dates alike (offset-aware ones in UTC)."""
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value
