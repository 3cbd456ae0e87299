"""The book model: posts become chapters, categories become parts.

Pure: knows nothing of Sphinx. Input is one :class:`Source` per document the
project found; output is a :class:`Book` that says which chapters go into
which part, in which order, and which pages daybook generates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .frontmatter import FrontMatter
from .text import slugify
from .urls import LONGEST_ADDED_ENDING, NAME_BYTES, fit_name, name_too_long, page_name, page_parts, page_url, top_folder

#: docname of the generated archive page
ARCHIVE_DOCNAME = "archive"
#: docname prefix of the generated tag pages (``tags/index`` lists them all)
TAGS_DIRNAME = "tags"


@dataclass(frozen=True)
class Source:
    """One document the project found, with its typed front matter."""

    docname: str
    front_matter: FrontMatter | None
    #: unreadable front matter that may have said ``draft: true``: kept out like a draft
    private: bool = False


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
    #: tag (as first written) -> chapters carrying it in any case, in book order
    tags: tuple[tuple[str, tuple[Chapter, ...]], ...] = ()
    #: docnames of the pages daybook generates (cover, part pages, archive, tags)
    generated: tuple[str, ...] = ()
    root_docname: str = "index"
    #: docnames of the drafts this build leaves out of the book (and out of Sphinx's project)
    drafts_left_out: tuple[str, ...] = ()
    #: documents left out because another page owns their URL (each has a problem)
    refused: tuple[str, ...] = ()
    #: what the author should know: a generated page moved, a post left out
    problems: tuple[BookProblem, ...] = ()
    archive_docname: str = ARCHIVE_DOCNAME
    tags_docname: str = f"{TAGS_DIRNAME}/index"
    #: case-folded tag -> its page
    tag_docnames: dict[str, str] = field(default_factory=dict, hash=False)
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
        """The page of ``tag``, however its case is written."""
        return self.tag_docnames[tag_key(tag)]


@dataclass(frozen=True)
class BookProblem:
    """Something about the whole book the author should know, located at a document."""

    docname: str
    subtype: str
    message: str


def tag_key(tag: str) -> str:
    """Tags that differ only in case are one tag (``Python``, ``python``)."""
    return tag.casefold()


_DAY_IN_TITLE = re.compile(r"(?<![A-Za-z])day[\s._-]*0*(\d{1,5})(?!\d)", re.IGNORECASE)
_DAY_IN_NAME = re.compile(r"^day[._-]?0*(\d{1,5})(?!\d)", re.IGNORECASE)


def day_number(front_matter: FrontMatter | None, docname: str) -> int | None:
    """Explicit ``day:``, else the file or folder name (``day42-20210330``), else "DAY 28" in the title.

    The file name decides over the title: it is the URL the author chose and
    agrees with the dates, while a title may count the days of a stage
    (``day42`` titled "[P-STAGE 1] DAY 02").
    """
    if front_matter is not None and front_matter.day is not None:
        return front_matter.day
    match = _DAY_IN_NAME.match(page_name(docname))
    if match:
        return int(match[1])
    if front_matter is not None and front_matter.title:
        match = _DAY_IN_TITLE.search(front_matter.title)
        if match:
            return int(match[1])
    return None


_NUMBER = re.compile(r"\d+")


def series_numbers(name: str) -> list[tuple[str, int]]:
    """Every (text before a number, the number) of a name: ``ES6-13-closure`` -> ``[(ES, 6), (ES6-, 13)]``."""
    return [(name[: match.start()], int(match[0])) for match in _NUMBER.finditer(name) if match.start() > 0]


def in_book_order(chapters: Sequence[Chapter]) -> list[Chapter]:
    """A part's chapters: numbered days first, by (day, date, path); then the rest by date,
    except that a numbered series keeps its numeric order.

    A series is two or more posts whose file names differ only in a number
    after the same text (``awsseries0`` … ``awsseries9``, ``ES6-1-…`` …
    ``ES6-13-…``): the places the series takes by date are filled in the
    order of its numbers, even where a date says otherwise.
    """
    ordered = sorted(chapters, key=lambda c: c.sort_key)
    rest = [c for c in ordered if c.day is None]
    names = {c.docname: page_name(c.docname) for c in rest}
    counts: dict[str, set[int]] = {}
    for chapter in rest:
        for prefix, number in series_numbers(names[chapter.docname]):
            counts.setdefault(prefix, set()).add(number)
    series: dict[str, list[tuple[int, Chapter]]] = {}
    for chapter in rest:
        shared = [(p, n) for p, n in series_numbers(names[chapter.docname]) if len(counts[p]) > 1]
        if shared:
            prefix, number = max(shared, key=lambda item: len(item[0]))
            series.setdefault(prefix, []).append((number, chapter))
    place_of = {c.docname: i for i, c in enumerate(rest)}
    for members in series.values():
        if len(members) < 2:
            continue
        places = sorted(place_of[c.docname] for _, c in members)
        for place, (_, chapter) in zip(places, sorted(members, key=lambda m: (m[0], m[1].sort_key))):
            rest[place] = chapter
    return [c for c in ordered if c.day is not None] + rest


def chapter_title(chapter: Chapter) -> str:
    """The title a chapter shows: its own, else the name its URL gives it."""
    return chapter.title or page_name(chapter.docname)


#: URLs the site itself uses (Sphinx's pages and files, daybook's feed and sitemap)
SITE_NAMES = frozenset(
    {"search", "genindex", "py-modindex", "404", "feed.xml", "sitemap.xml", "searchindex.js", "objects.inv",
     "_static", "_images", "_sources", "_downloads"}
)


def build_book(
    sources: Iterable[Source],
    *,
    root_docname: str = "index",
    part_order: Sequence[str] = (),
    include_drafts: bool = False,
    taken_docnames: Iterable[str] = (),
    reserved_names: Iterable[str] = SITE_NAMES,
) -> Book:
    """Group posts into ordered parts, and name the pages daybook generates.

    Drafts stay out unless ``include_drafts``; :attr:`Book.drafts_left_out`
    names them, so that they are never read at all.

    ``taken_docnames`` are the author's documents: a generated page never
    takes the URL of one (it moves to a free one, with a problem saying so;
    the author's own root page is the cover and gets the cards by a
    directive). A document whose URL the site itself uses (``reserved_names``)
    or another document has is left out, with a problem.
    """
    chapters: list[Chapter] = []
    pages: list[str] = []
    drafts: list[str] = []
    for source in sources:
        fm = source.front_matter
        if (source.private or (fm is not None and fm.draft)) and not include_drafts:
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

    by_category: dict[str, list[Chapter]]

    def part_key(item: tuple[str, list[Chapter]]) -> tuple:
        """``part_order`` first; then the largest part first, the earliest of equal ones first.

        What a blog wrote most about is what its book is about: a 39-day diary
        leads, not the three T-shirt posts written two years before it.
        """
        category, members = item
        if category in part_order:
            return (0, part_order.index(category), dt.datetime.min, category)
        dates = [_naive(c.date) for c in members if c.date]
        return (1, -len(members), min(dates) if dates else dt.datetime.max, category)

    claims = _UrlClaims(set(taken_docnames).difference(drafts), reserved_names)
    problems: list[BookProblem] = []
    refused = claims.refuse_clashing_documents(problems)
    chapters = [c for c in chapters if c.docname not in refused]
    pages = [p for p in pages if p not in refused]
    by_category = {}
    for chapter in chapters:
        by_category.setdefault(chapter.category or "", []).append(chapter)

    parts: list[Part] = []
    for category, members in sorted(by_category.items(), key=part_key):
        members[:] = in_book_order(members)
        # two categories of one slug ("react", "React") take react/, react-2/
        # a name cut to fit a file name, the same in every build (see fit_name)
        docname = claims.claim(f"{fit_name(slugify(category)) or 'part'}/index", f"the part page of '{category}'", problems)
        parts.append(Part(category, docname.removesuffix("/index"), docname, tuple(members)))

    tags: dict[str, tuple[str, list[Chapter]]] = {}
    for part in parts:
        for chapter in part.chapters:
            for tag in chapter.tags:
                tags.setdefault(tag_key(tag), (tag, []))[1].append(chapter)

    generated = [] if root_docname in claims.documents else [root_docname]
    claims.take(root_docname)
    generated.extend(p.docname for p in parts)
    archive_docname = claims.claim(ARCHIVE_DOCNAME, "the archive page", problems)
    generated.append(archive_docname)
    tags_docname = f"{TAGS_DIRNAME}/index"
    tag_docnames: list[tuple[str, str]] = []
    if tags:
        tags_docname = claims.claim(tags_docname, "the page of all tags", problems)
        generated.append(tags_docname)
        for key, (tag, _) in sorted(tags.items(), key=lambda item: item[1][0]):
            docname = claims.claim(f"{TAGS_DIRNAME}/{fit_name(slugify(tag)) or 'tag'}", f"the page of tag '{tag}'", problems)
            tag_docnames.append((key, docname))
            generated.append(docname)

    return Book(
        parts=tuple(parts),
        pages=tuple(sorted(pages)),
        tags=tuple(sorted((tag, tuple(cs)) for tag, cs in tags.values())),
        generated=tuple(generated),
        root_docname=root_docname,
        drafts_left_out=tuple(sorted(drafts)),
        refused=tuple(sorted(refused)),
        problems=tuple(problems),
        archive_docname=archive_docname,
        tags_docname=tags_docname,
        tag_docnames=dict(tag_docnames),
        chapters_by_docname={c.docname: c for p in parts for c in p.chapters},
        parts_by_docname={c.docname: p for p in parts for c in p.chapters},
    )


class _UrlClaims:
    """Which URLs are taken, by the author's documents first, then by the pages daybook generates."""

    def __init__(self, documents: set[str], reserved: Iterable[str]) -> None:
        self.documents = documents
        self.reserved = frozenset(reserved)
        self.owners: dict[str, str] = {}

    def refuse_clashing_documents(self, problems: list[BookProblem]) -> set[str]:
        """Documents whose URL the site uses, or another document has: left out, each with a problem."""
        refused: set[str] = set()
        # "a/b/index" before "a/b": a folder post keeps the URL over a file of the same name
        for docname in sorted(self.documents, key=lambda d: (page_url(d), not d.endswith("/index"), d)):
            parts = page_parts(docname)
            url = page_url(docname)
            too_long = name_too_long(docname)
            if too_long is not None:
                refused.add(docname)
                room = NAME_BYTES - len(LONGEST_ADDED_ENDING)
                problems.append(
                    BookProblem(docname, "name_too_long", f"the book's files for this post would have a name of "
                                f"{too_long} bytes, and a file name may have {NAME_BYTES}: shorten its file name "
                                f"to {room} bytes or fewer (about {room // 3} Hangul syllables). It is left out")
                )
            elif parts and parts[0] in self.reserved:
                refused.add(docname)
                problems.append(
                    BookProblem(docname, "url_taken", f"this file is served at {url}, which the book itself uses; "
                                "rename the file or its folder. It is left out")
                )
            elif url in self.owners:
                refused.add(docname)
                problems.append(
                    BookProblem(docname, "url_taken", f"this file and '{self.owners[url]}' are both served at {url}; "
                                "rename one. This one is left out")
                )
            else:
                self.owners[url] = docname
        return refused

    def take(self, docname: str) -> None:
        self.owners.setdefault(page_url(docname), docname)

    def claim(self, wanted: str, what: str, problems: list[BookProblem]) -> str:
        """A free docname for a generated page, ``wanted`` if its URL is free."""
        candidate, n = wanted, 1
        head, _, last = wanted.rpartition("/")
        while page_url(candidate) in self.owners or page_parts(candidate)[0] in self.reserved:
            n += 1
            candidate = f"{head}-{n}/index" if last == "index" else f"{wanted}-{n}"
        owner = self.owners.get(page_url(wanted))
        # another generated page of the same name is no news to the author
        if candidate != wanted and owner in self.documents:
            problems.append(
                BookProblem(owner, "url_taken", f"{what} would be served at {page_url(wanted)}, where this file is; "
                            f"it moves to {page_url(candidate)}")
            )
        self.owners[page_url(candidate)] = candidate
        return candidate


def _naive(value: dt.datetime) -> dt.datetime:
    """Compare aware and naive dates alike (offset-aware ones in UTC)."""
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value
