"""The book model on its own: day numbers, chapter order, parts."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from daybook.model.book import Source, build_book, day_number
from daybook.model.frontmatter import FrontMatter


def fm(**kw) -> FrontMatter:
    return FrontMatter(**kw)


@pytest.mark.parametrize(
    ("front", "docname", "day"),
    [
        (fm(day=5, title="DAY 28"), "a/day3", 5),
        (fm(title="⛺ DAY 28. 특강 둘째 날"), "a/x", 28),
        (fm(title="Day 7 회고"), "a/x", 7),
        (fm(title="day-07 준비"), "a/x", 7),
        (fm(title="Sunday 3"), "a/day9-20210101", 9),
        (fm(title="회고"), "boostcamp/day28-20210303", 28),
        (fm(title="회고"), "boostcamp/day1-20210118", 1),
        (fm(title="회고"), "boostcamp/day28-20210303/index", 28),
        (fm(title="회고"), "boostcamp/holiday3", None),
        (None, "boostcamp/day100", 100),
        (fm(title="회고"), "boostcamp/retrospective", None),
    ],
)
def test_day_number(front, docname, day):
    assert day_number(front, docname) == day


def test_chapters_sort_by_day_numerically_then_date_then_path():
    cat = "⛺ Boostcamp"
    sources = [
        Source("b/day10-20210129", fm(title="a", date=dt.datetime(2021, 1, 29), category=cat)),
        Source("b/day2-20210119", fm(title="a", date=dt.datetime(2021, 1, 19), category=cat)),
        Source("b/day100-20210430", fm(title="a", date=dt.datetime(2021, 4, 30), category=cat)),
        Source("b/day1-20210118", fm(title="a", date=dt.datetime(2021, 1, 18), category=cat)),
        Source("b/day10-20210130", fm(title="a", date=dt.datetime(2021, 1, 30), category=cat)),
        Source("b/retro", fm(title="a", date=dt.datetime(2021, 5, 1), category=cat)),
        Source("b/notes", fm(title="a", date=dt.datetime(2021, 4, 1), category=cat)),
    ]
    expected = [
        "b/day1-20210118", "b/day2-20210119", "b/day10-20210129", "b/day10-20210130",
        "b/day100-20210430", "b/notes", "b/retro",
    ]
    for seed in range(5):
        random.Random(seed).shuffle(sources)
        book = build_book(sources)
        assert [c.docname for c in book.chapters] == expected


def test_parts_by_earliest_post_unless_ordered():
    sources = [
        Source("x/a", fm(title="a", date=dt.datetime(2021, 1, 1), category="부스트캠프")),
        Source("y/b", fm(title="b", date=dt.datetime(2018, 1, 1), category="React")),
        Source("about", fm(title="소개")),
        Source("loose", None),
    ]
    book = build_book(sources)
    assert [p.title for p in book.parts] == ["React", "부스트캠프"]
    assert [p.docname for p in book.parts] == ["react/index", "부스트캠프/index"]
    assert book.pages == ("about", "loose")
    ordered = build_book(sources, part_order=["부스트캠프"])
    assert [p.title for p in ordered.parts] == ["부스트캠프", "React"]


def test_category_falls_back_to_folder_and_drafts_stay_out():
    sources = [
        Source("diary/day1", fm(title="a", date=dt.datetime(2021, 1, 1))),
        Source("diary/day2", fm(title="b", date=dt.datetime(2021, 1, 2), draft=True)),
    ]
    book = build_book(sources)
    assert [p.title for p in book.parts] == ["diary"]
    assert [c.docname for c in book.chapters] == ["diary/day1"]
    with_drafts = build_book(sources, include_drafts=True)
    assert [c.docname for c in with_drafts.chapters] == ["diary/day1", "diary/day2"]
    assert with_drafts.chapter("diary/day2").draft


def test_aware_and_naive_dates_compare():
    sources = [
        Source("a/x", fm(title="a", date=dt.datetime(2021, 1, 2, tzinfo=dt.timezone.utc), category="c")),
        Source("a/y", fm(title="b", date=dt.datetime(2021, 1, 1), category="c")),
    ]
    assert [c.docname for c in build_book(sources).chapters] == ["a/y", "a/x"]


def test_generated_pages_never_take_a_real_document():
    sources = [Source("r/a", fm(title="a", date=dt.datetime(2021, 1, 1), category="R", tags=("t",)))]
    book = build_book(sources)
    assert book.generated == ("index", "r/index", "archive", "tags/index", "tags/t")
    assert build_book(sources, taken_docnames={"index", "archive"}).generated == ("r/index", "tags/index", "tags/t")
