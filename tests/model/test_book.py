"""The book model on its own: day numbers, chapter order, parts."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daybook.model.book import Source, build_book, day_number
from daybook.model.urls import page_url
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
        # the file name decides over the title: a stage's "DAY 02" on day 42
        (fm(title="🚀 [P-STAGE 1] DAY 02. 데이터셋 구축"), "boostcamp/day42-20210330", 42),
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


def test_a_numbered_series_keeps_its_order_where_dates_disagree():
    sources = [
        Source("aws/awsseries0", fm(title="(AWS시리즈0)", date=dt.datetime(2021, 1, 1), category="aws")),
        Source("aws/awsseries2", fm(title="(AWS시리즈2)", date=dt.datetime(2021, 1, 2), category="aws")),
        Source("aws/awsseries1", fm(title="(AWS시리즈1)", date=dt.datetime(2021, 1, 3), category="aws")),
        Source("aws/note", fm(title="메모", date=dt.datetime(2021, 1, 4), category="aws")),
        Source("aws/awsseries10", fm(title="(AWS시리즈10)", date=dt.datetime(2021, 1, 5), category="aws")),
        Source("aws/awsseries9", fm(title="(AWS시리즈9)", date=dt.datetime(2021, 1, 6), category="aws")),
        Source("js/ES6-13-closure", fm(title="13", date=dt.datetime(2020, 1, 1), category="js")),
        Source("js/ES6-1-intro", fm(title="1", date=dt.datetime(2020, 1, 2), category="js")),
        Source("js/ES6-2-let", fm(title="2", date=dt.datetime(2020, 1, 3), category="js")),
    ]
    book = build_book(sources)
    aws = next(p for p in book.parts if p.title == "aws")
    assert [c.docname for c in aws.chapters] == [
        "aws/awsseries0", "aws/awsseries1", "aws/awsseries2", "aws/note", "aws/awsseries9", "aws/awsseries10",
    ]
    js = next(p for p in book.parts if p.title == "js")
    assert [c.docname for c in js.chapters] == ["js/ES6-1-intro", "js/ES6-2-let", "js/ES6-13-closure"]


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


def test_parts_by_earliest_post_when_alike_in_size_unless_ordered():
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


def test_the_largest_part_leads_the_book():
    """The seed's blog: 39 days of Boostcamp in 2021 after small parts of 2019."""
    sources = [
        Source(f"boostcamp/day{n}", fm(title=f"DAY {n}", date=dt.datetime(2021, 1, 18) + dt.timedelta(days=n),
                                      category="⛺ Boostcamp"))
        for n in range(1, 40)
    ]
    for index, (category, count) in enumerate((("👕 티셔츠", 3), ("🐍 파이썬", 5), ("📝 회고", 5))):
        sources += [
            Source(f"p{index}/post{n}", fm(title=f"{n}", date=dt.datetime(2019, 7, 1 + index) + dt.timedelta(days=n),
                                           category=category))
            for n in range(count)
        ]
    book = build_book(sources)
    # by size; the two parts of five by their first post
    assert [(p.title, len(p.chapters)) for p in book.parts] == [
        ("⛺ Boostcamp", 39), ("🐍 파이썬", 5), ("📝 회고", 5), ("👕 티셔츠", 3),
    ]
    assert [p.title for p in build_book(sources, part_order=["👕 티셔츠"]).parts] == [
        "👕 티셔츠", "⛺ Boostcamp", "🐍 파이썬", "📝 회고",
    ]


@given(st.lists(st.tuples(st.sampled_from("abcde"), st.integers(0, 400)), min_size=1, max_size=40))
def test_parts_never_grow_along_the_book(posts):
    sources = [
        Source(f"{folder}/post{n}-{i}", fm(title="t", date=dt.datetime(2019, 1, 1) + dt.timedelta(days=n)))
        for i, (folder, n) in enumerate(posts)
    ]
    sizes = [len(p.chapters) for p in build_book(sources).parts]
    assert sizes == sorted(sizes, reverse=True)


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
    moved = build_book(sources, taken_docnames={"index", "archive"})
    # the author's index.md is the cover; the archive moves, saying so at the author's file
    assert moved.generated == ("r/index", "archive-2", "tags/index", "tags/t")
    assert moved.archive_docname == "archive-2"
    assert [(p.docname, p.subtype) for p in moved.problems] == [("archive", "url_taken")]
    assert "/archive-2/" in moved.problems[0].message


def dated(docname, category=None, tags=(), day=1):
    return Source(docname, fm(title=docname, date=dt.datetime(2021, 1, day), category=category, tags=tags))


@pytest.mark.parametrize(
    ("docnames", "expected_generated", "expected_problems"),
    [
        # a post where a generated page would be: the generated page moves
        (["archive", "d/x"], {"archive-2"}, ["archive"]),
        (["archive/index", "d/x"], {"archive-2"}, ["archive/index"]),
        (["tags", "d/x"], {"tags-2/index"}, ["tags"]),
        (["tags/index", "d/x"], {"tags-2/index"}, ["tags/index"]),
        (["tags/python", "d/x"], {"tags/python-2"}, ["tags/python"]),
        # a root page beside a category of the same name
        (["d", "d/x"], {"d-2/index"}, ["d"]),
        # the site's own names: the post is left out, with a problem
        (["search", "d/x"], set(), ["search"]),
        (["feed.xml", "d/x"], set(), ["feed.xml"]),
        (["genindex", "d/x"], set(), ["genindex"]),
        # two files for one URL: one is left out
        (["d/x", "d/x/index"], set(), ["d/x"]),
    ],
)
def test_no_page_silently_takes_another_ones_url(docnames, expected_generated, expected_problems):
    sources = [dated(d, category="d", tags=("python",) if d == "d/x" else ()) for d in docnames if d.startswith("d/")]
    sources += [Source(d, fm(title=d)) for d in docnames if not d.startswith("d/")]
    book = build_book(sources, taken_docnames=docnames)
    assert expected_generated <= set(book.generated)
    assert sorted(p.docname for p in book.problems) == sorted(expected_problems)
    urls = [page_url(d) for d in [*book.generated, *(d for d in docnames if d not in book.refused)]]
    assert len(urls) == len(set(urls)), urls


def test_tags_differing_in_case_share_one_page_and_distinct_tags_never_do():
    sources = [
        dated("d/a", "d", ("Python", "!!!"), 1),
        dated("d/b", "d", ("python", "???"), 2),
        dated("d/c", "d", ("index",), 3),
    ]
    book = build_book(sources)
    assert [t for t, _ in book.tags] == ["!!!", "???", "Python", "index"]
    assert book.tag_docname("Python") == book.tag_docname("python")
    assert [c.docname for c in dict(book.tags)["Python"]] == ["d/a", "d/b"]
    pages = [book.tag_docname(t) for t in ("!!!", "???", "Python", "index")]
    assert len(set(pages)) == 4 and book.tags_docname not in pages
