"""Korean-first text helpers."""

from __future__ import annotations

import datetime as dt

from daybook.model.text import format_day, reading_minutes, slugify, ui


def test_korean_date():
    assert format_day(dt.datetime(2021, 3, 3, 10, 50), "ko") == "2021년 3월 3일"
    assert format_day(dt.date(2021, 3, 3), "en") == "March 3, 2021"
    assert format_day(dt.date(2021, 3, 3), "xx-nonsense") == "March 3, 2021"


def test_reading_time_counts_hangul_by_character():
    assert reading_minutes("가" * 500) == 1
    assert reading_minutes("가" * 501) == 2
    assert reading_minutes("가" * 2400) == 5
    # 400 English words are two minutes, not the eight a per-character count would give
    assert reading_minutes(" ".join(["word"] * 400)) == 2
    assert reading_minutes("") == 1


def test_slugs_keep_hangul():
    assert slugify("⛺ Boostcamp") == "boostcamp"
    assert slugify("부스트 캠프") == "부스트-캠프"
    assert slugify("React / Hooks!") == "react-hooks"
    assert slugify("🎉") == ""


def test_ui_strings_korean_first():
    assert ui("ko", "reading_time", minutes=3) == "3분 읽기"
    assert ui("ko_KR", "draft") == "초안"
    assert ui("fr", "draft") == "Draft"
