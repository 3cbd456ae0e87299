"""The blog's view of the book: chapters by date, newest first.

Pure: knows nothing of Sphinx. The archive page and the feed read the book
through :func:`newest_first`, so both agree on what "newest" means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel.dates import format_date, format_skeleton

from .book import Chapter


@dataclass(frozen=True)
class MonthGroup:
    year: int
    month: int
    #: newest first
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    #: newest month first
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True)
class Archive:
    years: tuple[YearGroup, ...]
    #: chapters with a category but no date, in book order
    undated: tuple[Chapter, ...]


def newest_first(chapters: Iterable[Chapter]) -> list[Chapter]:
    """Dated chapters, newest first; on the same date the later in the book first."""
    in_book_order = list(chapters)
    position = {c.docname: i for i, c in enumerate(in_book_order)}
    dated = [c for c in in_book_order if c.date is not None]
    return sorted(dated, key=lambda c: (c.sort_date, position[c.docname]), reverse=True)


def archive(chapters: Iterable[Chapter]) -> Archive:
    """Every chapter by year and month, newest first; undated ones apart."""
    chapters = tuple(chapters)
    years: list[YearGroup] = []
    months: list[MonthGroup] = []
    current: list[Chapter] = []

    def close_month() -> None:
        if current:
            date = current[0].date
            assert date is not None
            months.append(MonthGroup(date.year, date.month, tuple(current)))
            current.clear()

    def close_year() -> None:
        close_month()
        if months:
            years.append(YearGroup(months[0].year, tuple(months)))
            months.clear()

    for chapter in newest_first(chapters):
        assert chapter.date is not None
        if current:
            previous = current[0].date
            assert previous is not None
            if previous.year != chapter.date.year:
                close_year()
            elif previous.month != chapter.date.month:
                close_month()
        current.append(chapter)
    close_year()
    return Archive(tuple(years), tuple(c for c in chapters if c.date is None))


def year_label(year: int, language: str | None) -> str:
    """``2021년`` in Korean, ``2021`` in English."""
    return _localized(lambda locale: format_skeleton("y", dt.date(year, 1, 1), locale=locale), language)


def month_label(year: int, month: int, language: str | None) -> str:
    """``3월`` in Korean, ``March`` in English."""
    # "LLLL": the month's stand-alone name, not abbreviated
    return _localized(lambda locale: format_date(dt.date(year, month, 1), "LLLL", locale=locale), language)


def _localized(format_in: Callable[[str], str], language: str | None) -> str:
    try:
        return format_in(language or "en")
    except (ValueError, LookupError):
        return format_in("en")


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # Korean prose has spaces between words too; a long unbroken run is cut anywhere
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:·-") + "…"


def aware(value: dt.datetime) -> dt.datetime:
    """A date with an offset; dates written without one are taken as UTC, as Gatsby does."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)
