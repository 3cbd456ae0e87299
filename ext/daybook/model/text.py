"""Text rules that must work for Korean first: slugs, reading time, dates, UI strings, placeholders.

Pure: knows nothing of Sphinx.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import posixpath
import re
import unicodedata

from babel.dates import format_date

#: Korean readers read about 500 syllables a minute (silent reading of prose);
#: an English word takes about as long as 2.5 Hangul syllables.
HANGUL_PER_MINUTE = 500
WORDS_PER_MINUTE = 200

_CJK = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def reading_minutes(text: str) -> int:
    """Minutes to read ``text``: Hangul (and CJK) by character, the rest by word."""
    cjk = len(_CJK.findall(text))
    other_words = len(_WORD.findall(_CJK.sub(" ", text)))
    minutes = cjk / HANGUL_PER_MINUTE + other_words / WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))


def slugify(text: str) -> str:
    """A URL part a Korean reader can read: Hangul and letters kept, lower case.

    ``"⛺ Boostcamp"`` -> ``"boostcamp"``, ``"부스트 캠프"`` -> ``"부스트-캠프"``.
    """
    text = unicodedata.normalize("NFC", text).strip().lower()
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LN" or char in "-_":
            kept.append(char)
        elif char.isspace():
            kept.append("-")
    return re.sub(r"-{2,}", "-", "".join(kept)).strip("-")


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: str) -> str:
    """``text`` on one line, every ASCII punctuation mark backslash-escaped: Markdown that stays text."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def format_day(value: dt.date | dt.datetime, language: str) -> str:
    """A date as a reader of ``language`` writes it: ``2021년 3월 3일`` in Korean."""
    try:
        return format_date(value, format="long", locale=language or "en")
    except (ValueError, LookupError):
        return format_date(value, format="long", locale="en")


#: UI strings, Korean first. Keys are what the string is for.
UI_STRINGS: dict[str, dict[str, str]] = {
    "ko": {
        "reading_time": "{minutes}분 읽기",
        "day": "DAY {day}",
        "draft": "초안",
        "draft_note": "이 글은 초안입니다. 공개 빌드에는 포함되지 않습니다.",
        "pages": "더 보기",
        "contents": "차례",
        "archive": "전체 글",
        "tags": "태그",
        "chapters": "{count}개의 글",
        "tagged": "'{tag}' 태그가 붙은 글",
        "feed": "최신 글 피드",
        "undated": "날짜 없음",
        "not_found_title": "페이지를 찾을 수 없습니다",
        "not_found_text": "주소가 바뀌었거나 없는 페이지입니다. 표지나 전체 글 목록에서 찾아 보세요.",
        "back_to_cover": "표지로 가기",
        "feed_link": "피드 (Atom)",
        "part_all": "{count}개의 글 모두 보기",
        "by_author": "지은이 {author}",
        "search_placeholder": "검색어 입력…",
        "missing_image": "그림 없음",
        "download_book": "이 책 받기",
        "download_epub": "ePub으로 받기",
        "download_pdf": "PDF로 받기",
        "comments": "댓글",
        "profile_photo": "{name}의 사진",
    },
    "en": {
        "reading_time": "{minutes} min read",
        "day": "Day {day}",
        "draft": "Draft",
        "draft_note": "This post is a draft. It is left out of published builds.",
        "pages": "More",
        "contents": "Contents",
        "archive": "Archive",
        "tags": "Tags",
        "chapters": "{count} posts",
        "tagged": "Posts tagged '{tag}'",
        "feed": "Latest posts",
        "undated": "Undated",
        "not_found_title": "Page not found",
        "not_found_text": "The address changed or the page does not exist. "
        "Look for it from the cover or the archive.",
        "back_to_cover": "Go to the cover",
        "feed_link": "Feed (Atom)",
        "part_all": "All {count} posts",
        "by_author": "By {author}",
        "search_placeholder": "Search…",
        "missing_image": "Missing image",
        "download_book": "Download the book",
        "download_epub": "Download as ePub",
        "download_pdf": "Download as PDF",
        "comments": "Comments",
        "profile_photo": "Photo of {name}",
    },
}


def ui(language: str | None, key: str, **values: object) -> str:
    """The UI string ``key`` in ``language`` (``ko_KR`` -> ``ko``), English as fallback."""
    table = UI_STRINGS.get((language or "en").split("_")[0].split("-")[0], UI_STRINGS["en"])
    return table.get(key, UI_STRINGS["en"][key]).format(**values)


# -- the placeholder of a missing image (writing/missing_images.py; reading/html_images.py for raw HTML)


def placeholder_html(what: str, language: str | None) -> str:
    """The placeholder's markup: a picture, for assistive technology, named by what is missing."""
    label = ui(language, "missing_image")
    return (
        f'<span class="daybook-missing-image" role="img" aria-label="{html.escape(f"{label}: {what}")}">'
        f'<span class="daybook-missing-image-label">{html.escape(label)}</span> '
        f'<span class="daybook-missing-image-name">{html.escape(what)}</span></span>'
    )


def what_is_missing(alt: str, path: str) -> str:
    """The alt text, else the file's name."""
    return " ".join(alt.split()) or posixpath.basename(path.split("?", 1)[0].split("#", 1)[0]) or path
