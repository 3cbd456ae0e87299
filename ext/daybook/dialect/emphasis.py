"""Emphasis and strikethrough next to Hangul and CJK text, as the blog showed them.

Wire it (after MyST enabled ``strikethrough``, so both rules it wraps exist)::

    parser.use(cjk_emphasis_plugin)  # from .emphasis import cjk_emphasis_plugin

Pure: knows markdown-it, not Sphinx.

Korean posts close bold right after punctuation and before a particle:
``**빅오 표기법(Big-O)**이``, ``**`ECMAScript`**는``, ``~~취소(선)~~이``.
CommonMark's flanking rule does not let a delimiter run preceded by
punctuation and followed by a letter close, so those ``**`` stay literal; the
blog's remark-parse 6 (older than CommonMark) bolded them. This plugin applies
the CommonMark CJK-friendly amendments (the draft that
markdown-it-cjk-friendly and remark-cjk-friendly implement): a punctuation
character next to a run only blocks flanking when it is not itself CJK, and a
CJK character (Hangul included) on the other side lets the run flank. Where
neither neighbour is CJK the rules are CommonMark's, so ordinary Markdown
reads as before.

Why not the PyPI package ``mdit-py-cjk-friendly`` (0.3.0, checked): its CJK
ranges leave out Hangul, so none of the Korean cases above change; it requires
``markdown-it-py<4`` (the book runs 4.x); it patches ``StateInline.scanDelims``
for the whole process on import; and it also drops the space at line breaks
between CJK characters, which remark never did.

How: markdown-it's own ``emphasis`` (``*``, ``_``) and ``strikethrough``
(``~``) tokenizers still run; right after each, the delimiters it recorded get
the CJK-friendly ``open``/``close`` flags computed from the same run.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import emphasis, strikethrough
from markdown_it.rules_inline.state_inline import StateInline

InlineRule = Callable[[StateInline, bool], bool]

# Characters of the Hangul script that East Asian Width alone would miss
# (conjoining jamo, halfwidth jamo are N or H), per UAX #24.
_HANGUL = (
    (0x1100, 0x11FF),
    (0x302E, 0x302F),
    (0x3131, 0x318E),
    (0x3200, 0x321E),
    (0x3260, 0x327E),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xFFA0, 0xFFDC),
)

# Wide characters with default emoji presentation: wide, but not CJK by the
# amendment (an emoji after ``**`` is not a Korean particle). Ranges of the
# single code points that Unicode's emoji data lists as fully qualified and
# East Asian Width W, plus the skin tone modifiers; taken from the ``emoji``
# package's data (2.16.0) once, by hand, when this table was written.
_EMOJI_PRESENTATION = (
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
    (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
    (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE),
    (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA),
    (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C),
    (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
    (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
    (0x2B55, 0x2B55), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A), (0x1F201, 0x1F201), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F236), (0x1F238, 0x1F23A), (0x1F250, 0x1F251), (0x1F300, 0x1F320),
    (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA),
    (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4), (0x1F3F8, 0x1F43E),
    (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E),
    (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4),
    (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2),
    (0x1F6D5, 0x1F6D9), (0x1F6DC, 0x1F6DF), (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC),
    (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945),
    (0x1F947, 0x1F9FF), (0x1FA70, 0x1FA7C), (0x1FA80, 0x1FAC8), (0x1FACC, 0x1FAFA),
)  # fmt: skip
_EMOJI_STARTS = tuple(start for start, _ in _EMOJI_PRESENTATION)


def _in_ranges(code: int, starts: tuple[int, ...], ranges: tuple[tuple[int, int], ...]) -> bool:
    index = bisect_right(starts, code) - 1
    return index >= 0 and code <= ranges[index][1]


_HANGUL_STARTS = tuple(start for start, _ in _HANGUL)


def is_cjk(char: str) -> bool:
    """A CJK character of the amendment: wide (W, F or H) and not an emoji, or Hangul."""
    code = ord(char)
    if _in_ranges(code, _HANGUL_STARTS, _HANGUL):
        return True
    if unicodedata.east_asian_width(char) not in ("W", "F", "H"):
        return False
    return not _in_ranges(code, _EMOJI_STARTS, _EMOJI_PRESENTATION)


def _is_general_variation_selector(char: str) -> bool:
    """U+FE00 to U+FE0E: follows a character without changing what it is (U+FE0F asks for emoji)."""
    return "\ufe00" <= char <= "\ufe0e"


def _is_ideographic_variation_selector(char: str) -> bool:
    return "\U000e0100" <= char <= "\U000e01ef"


def _is_punct(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def flanking(src: str, start: int, end: int, limit: int | None = None) -> tuple[bool, bool]:
    """Whether the delimiter run ``src[start:end]`` is left- and right-flanking.

    The CJK-friendly amendment of CommonMark 0.31.2 §6.2; the start of ``src``
    and ``limit`` (default: its end) count as whitespace. A non-emoji
    variation selector before the run stands for the character it follows.
    """
    limit = len(src) if limit is None else limit
    before = src[start - 1] if start > 0 else " "
    after = src[end] if end < limit else " "
    base = before  # the character a variation selector belongs to
    if _is_general_variation_selector(before) and start > 1:
        base = src[start - 2]

    after_space = isWhiteSpace(ord(after))
    after_other_punct = _is_punct(after) and not is_cjk(after)
    before_space = isWhiteSpace(ord(before))
    before_other_punct = _is_punct(base) and not is_cjk(base)
    before_cjk = is_cjk(base)

    left = not after_space and (
        not after_other_punct
        or before_space
        or before_other_punct
        or before_cjk
        or _is_ideographic_variation_selector(before)
    )
    right = not before_space and (
        not before_other_punct or after_space or after_other_punct or is_cjk(after)
    )
    return left, right


def scan_flags(state: StateInline, start: int, can_split_word: bool) -> tuple[bool, bool]:
    """``(can_open, can_close)`` of the run at ``start``, as ``StateInline.scanDelims`` but CJK-friendly."""
    marker = state.src[start]
    end = start
    while end < state.posMax and state.src[end] == marker:
        end += 1
    left, right = flanking(state.src, start, end, state.posMax)
    if can_split_word:
        return left, right
    before = state.src[start - 1] if start > 0 else " "
    if _is_general_variation_selector(before) and start > 1:
        before = state.src[start - 2]
    after = state.src[end] if end < state.posMax else " "
    # `_`: rules 2, 3, 6 and 7; a punctuation *sequence* may end in a selector
    can_open = left and (not right or _is_punct(before))
    can_close = right and (not left or _is_punct(after))
    return can_open, can_close


def _cjk_friendly(tokenize: InlineRule) -> InlineRule:
    """markdown-it's tokenizer, its delimiters' flags then made CJK-friendly."""

    def rule(state: StateInline, silent: bool) -> bool:
        start, recorded = state.pos, len(state.delimiters)
        if not tokenize(state, silent):
            return False
        added = state.delimiters[recorded:]
        if added:
            can_open, can_close = scan_flags(state, start, state.src[start] != "_")
            for delimiter in added:
                delimiter.open, delimiter.close = can_open, can_close
        return True

    return rule


def cjk_emphasis_plugin(md: MarkdownIt) -> None:
    """``*``, ``_`` and ``~`` runs flank per the CJK-friendly amendment.

    Replaces the ``emphasis`` and ``strikethrough`` inline rules by wrapped
    ones (their enabled state and the ``strikethrough_single_tilde`` option
    kept); the post-processing that pairs delimiters is markdown-it's.
    """
    md.inline.ruler.at("emphasis", _cjk_friendly(emphasis.tokenize))
    md.inline.ruler.at("strikethrough", _cjk_friendly(strikethrough.tokenize))
