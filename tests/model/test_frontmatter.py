"""The front matter parser on its own: typing, dates, booleans, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daybook.model.frontmatter import parse_bool, parse_date, parse_post, split_front_matter

SEED = """---
title: ⛺ DAY 28. 특강 둘째 날
date: 2021-03-03 10:50:00
category: "⛺ Boostcamp"
thumbnail: "./img/28-thumbnail.png"
draft: false
---

본문
"""


def test_seed_front_matter_is_typed():
    parsed = parse_post(SEED)
    fm = parsed.front_matter
    assert fm is not None
    assert fm.title == "⛺ DAY 28. 특강 둘째 날"
    assert fm.date == dt.datetime(2021, 3, 3, 10, 50)
    assert fm.category == "⛺ Boostcamp"
    assert fm.thumbnail == "./img/28-thumbnail.png"
    assert fm.draft is False
    assert parsed.block_lines == 7
    assert parsed.body == "\n본문\n"
    assert parsed.problems == ()
    assert fm.lines["thumbnail"] == 5


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021-03-03 10:50:00", dt.datetime(2021, 3, 3, 10, 50)),
        ("2018-4-19 16:21:13", dt.datetime(2018, 4, 19, 16, 21, 13)),
        ("2021-03-03", dt.datetime(2021, 3, 3)),
        ("2021-03-03T10:50:00+09:00", dt.datetime(2021, 3, 3, 10, 50, tzinfo=dt.timezone(dt.timedelta(hours=9)))),
        ("2021-03-03T01:50:00Z", dt.datetime(2021, 3, 3, 1, 50, tzinfo=dt.timezone.utc)),
        ("2001-12-14t21:59:43.10-05:00", dt.datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=dt.timezone(-dt.timedelta(hours=5)))),
        ("2021-03-07 08:00", dt.datetime(2021, 3, 7, 8, 0)),
    ],
)
def test_dates_gatsby_published(raw, expected):
    assert parse_date(raw) == (expected, None)


def test_overflowing_seconds_roll_over_with_a_fix():
    value, problem = parse_date("2020-04-05 21:04:76")
    assert value == dt.datetime(2020, 4, 5, 21, 5, 16)
    assert problem is not None and "2020-04-05 21:05:16" in problem


def test_unpadded_minutes_are_read_as_numbers_with_a_fix():
    value, problem = parse_date("2020-4-6 9:5:3")
    assert value == dt.datetime(2020, 4, 6, 9, 5, 3)
    assert problem is not None and "2020-04-06 09:05:03" in problem
    # one-digit months, days and hours are valid YAML timestamps: no warning
    assert parse_date("2021-1-19 9:05:00") == (dt.datetime(2021, 1, 19, 9, 5), None)


@pytest.mark.parametrize("raw", ["2021-02-30", "2021-13-01", "yesterday", "2021-03-03 25:00:00", "", "2021-03-03 10:50 +99:00"])
def test_impossible_dates_are_refused(raw):
    value, problem = parse_date(raw)
    assert value is None and problem


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (False, False), ("true", True), ("False", False), ("YES", True), ("no", False),
     ("On", True), ("off", False), ("maybe", None), (["x"], None), ("", False)],
)
def test_draft_booleans(raw, expected):
    assert parse_bool(raw) is expected


def test_draft_strings_in_front_matter():
    assert parse_post('---\ntitle: a\ndraft: "False"\n---\n').front_matter.draft is False
    assert parse_post("---\ntitle: a\ndraft: Yes\n---\n").front_matter.draft is True
    assert parse_post("---\ntitle: a\n---\n").front_matter.draft is False


def test_unrecognised_draft_keeps_the_post_private():
    parsed = parse_post("---\ntitle: a\ndraft: maybe\n---\n")
    assert parsed.front_matter.draft is True
    assert [p.line for p in parsed.problems] == [3]


def test_bom_and_crlf_simply_work():
    parsed = parse_post("\ufeff---\r\ntitle: 글\r\ndate: 2021-03-03\r\n---\r\n\r\n## 본문\r\n")
    assert parsed.front_matter.title == "글"
    assert parsed.problems == ()
    assert parsed.block_lines == 4
    assert parsed.body == "\n## 본문\n"


def test_optional_fields():
    fm = parse_post(
        "---\ntitle: t\ntags: [a, b, a]\ndescription: 요약\nday: '7'\nupdated: 2021-04-01\n---\n"
    ).front_matter
    assert fm.tags == ("a", "b")
    assert fm.description == "요약"
    assert fm.day == 7
    assert fm.updated == dt.datetime(2021, 4, 1)
    assert parse_post("---\ntitle: t\ntags: a, b\n---\n").front_matter.tags == ("a", "b")


def test_numbers_stay_the_text_the_author_wrote():
    fm = parse_post("---\ntitle: 2021\ncategory: 3.10\n---\n").front_matter
    assert fm.title == "2021" and fm.category == "3.10"


@pytest.mark.parametrize(
    ("text", "line", "subtype"),
    [
        ("---\ntitle: a: b\n---\n", 2, "yaml"),
        ("---\ntitle: a\n", 1, "front_matter"),
        ("---\ndate: 2021-03-03\n---\n", 1, "title"),
        ("---\ntitle:\n  - [a]\n---\n", 2, "field"),
        ("---\ntitle: t\ndate: 2021-02-30\n---\n", 3, "date"),
        ("---\ntitle: t\ncategory: [a, b]\n---\n", 3, "field"),
        ("---\ntitle: !!python/object/apply:os.system [ls]\n---\n", 2, "yaml_tag"),
        ("---\n- a\n- b\n---\n", 2, "front_matter"),
        ("---\ntitle: t\nday: seven\n---\n", 3, "day"),
    ],
)
def test_each_bad_input_is_one_problem_on_its_line(text, line, subtype):
    problems = parse_post(text).problems
    assert [(p.line, p.subtype) for p in problems] == [(line, subtype)]
    assert all(p.message for p in problems)


def test_unclosed_front_matter_is_a_plain_page_without_its_fence():
    parsed = parse_post("---\ntitle: a\n\n## 본문\n")
    assert parsed.front_matter is None
    assert parsed.block_lines == 1
    assert parsed.body == "title: a\n\n## 본문\n"


@pytest.mark.parametrize(
    "text",
    [SEED, "\ufeff---\r\ntitle: a\r\n---\r\n\r\n## b\r\n", "---\ntitle: a\n\n## b\n", "---\ntitle: a: b\n---\nx\n", "# x\n", "---\n---", ""],
)
def test_body_after_splits_as_parse_post_does(text):
    from daybook.model.frontmatter import body_after

    parsed = parse_post(text)
    assert body_after(text, parsed.block_lines) == parsed.body


def test_no_front_matter():
    assert parse_post("# 제목\n") .front_matter is None
    assert split_front_matter("# 제목\n") == (None, 0, "# 제목\n")


def test_aliases_do_not_blow_up():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\ntitle: t\n---\n"
    assert parse_post(bomb).front_matter.title == "t"


def test_huge_strings_are_cut():
    parsed = parse_post("---\ntitle: " + "가" * 5000 + "\n---\n")
    assert len(parsed.front_matter.title) == 1000
    assert [p.subtype for p in parsed.problems] == ["field"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_without_raising(text):
    parsed = parse_post(text)
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.message


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=60))
def test_any_text_in_front_matter_fields_never_raises(value):
    text = f"---\ntitle: {value}\ndate: {value}\ndraft: {value}\ntags: {value}\n---\n"
    parse_post(text)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).filter(lambda s: s.strip()),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(lambda d: d.replace(microsecond=0)),
    st.booleans(),
)
def test_valid_front_matter_round_trips(title, date, draft):
    import json

    text = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {date:%Y-%m-%d %H:%M:%S}\ndraft: {str(draft).lower()}\n---\n"
    fm = parse_post(text).front_matter
    assert fm.title == title.strip() and fm.date == date and fm.draft is draft
