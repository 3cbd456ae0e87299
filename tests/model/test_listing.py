"""The blog's view of the book on its own: the archive by year and month, labels, shortened text, absolute URLs."""

from __future__ import annotations

import datetime as dt

from daybook.model.book import Chapter
from daybook.model.listing import archive, month_label, shorten, year_label
from daybook.model.urls import absolute_url

BASE = "https://example.org/book/"


def chapter(docname: str, date: dt.datetime | None, **fields: object) -> Chapter:
    return Chapter(docname=docname, title=fields.pop("title", docname), date=date, category="c", day=None, draft=False, **fields)  # type: ignore[arg-type]


def test_archive_groups_by_year_and_month_newest_first():
    a = chapter("a", dt.datetime(2021, 1, 18))
    b = chapter("b", dt.datetime(2021, 1, 19))
    c = chapter("c", dt.datetime(2021, 3, 3, tzinfo=dt.timezone.utc))
    d = chapter("d", dt.datetime(2020, 12, 24))
    undated = chapter("u", None)
    result = archive([d, a, b, undated, c])
    assert [y.year for y in result.years] == [2021, 2020]
    assert [(m.year, m.month) for m in result.years[0].months] == [(2021, 3), (2021, 1)]
    assert [ch.docname for ch in result.years[0].months[1].chapters] == ["b", "a"]
    assert [ch.docname for ch in result.years[1].months[0].chapters] == ["d"]
    assert result.undated == (undated,)


def test_month_and_year_labels_are_korean_first():
    assert year_label(2021, "ko") == "2021년"
    assert month_label(2021, 3, "ko") == "3월"
    assert month_label(2021, 3, "en") == "March"
    assert month_label(2021, 3, "xx-not-a-locale") == "March"


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    assert shorten("  짧은   글  ", 50) == "짧은 글"
    text = "부스트캠프 " * 40
    cut = shorten(text, 50)
    assert len(cut) <= 50 and cut.endswith("…") and "부스트캠" not in cut.replace("부스트캠프", "")


def test_absolute_url_percent_encodes_korean_paths():
    assert absolute_url("https://x.org/ko/latest", "tags/파이썬/") == (
        "https://x.org/ko/latest/tags/%ED%8C%8C%EC%9D%B4%EC%8D%AC/"
    )
    assert absolute_url(BASE, "") == BASE
