"""Heading anchors as the blog made them: GitHub-style slugs that keep Hangul.

Pure: knows nothing of Sphinx. Gatsby's ``gatsby-remark-autolink-headers``
gave every heading the id ``github-slugger`` made of its plain text, so the
same rules here make old shared ``#…`` links and in-post ``[벡터](#벡터)``
links land on the same heading:

* lower case;
* every punctuation mark, symbol (emoji included), control, format or
  separator character is dropped, except the hyphen ``-`` and the space;
* each space becomes ``-`` (two spaces, two hyphens; no trimming);
* letters of any script, marks, digits and ``_`` are kept.

Within one page the second heading with slug ``x`` gets ``x-1``, the third
``x-2``, as on the blog.
"""

from __future__ import annotations

import unicodedata

#: general categories github-slugger removes (hyphen and space excepted)
_REMOVED_CATEGORIES = frozenset(
    {"No", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Cc", "Cf", "Co", "Cs", "Cn"}
    | {"Zs", "Zl", "Zp"}
)

#: symbols that Unicode also calls alphabetic (circled and squared Latin
#: letters): github-slugger keeps them
_ALPHABETIC_SYMBOLS = (
    (0x24B6, 0x24E9),
    (0x1F130, 0x1F149),
    (0x1F150, 0x1F169),
    (0x1F170, 0x1F189),
)


def _kept(char: str) -> bool:
    if char in " -":
        return True
    if unicodedata.category(char) not in _REMOVED_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _ALPHABETIC_SYMBOLS)


def heading_slug(text: str) -> str:
    """The slug of one heading's plain text, before duplicates are numbered.

    ``"특강 3: 캐글 그랜드마스터의 경진대회 노하우 대방출"`` ->
    ``"특강-3-캐글-그랜드마스터의-경진대회-노하우-대방출"``;
    ``"👉 피어 세션"`` -> ``"-피어-세션"`` (the emoji goes, its space stays).
    """
    return "".join(char for char in text.lower() if _kept(char)).replace(" ", "-")


class HeadingSlugger:
    """Numbers duplicate slugs within one page the way the blog did."""

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = heading_slug(text)
        slug = base
        while slug in self._occurrences:
            self._occurrences[base] += 1
            slug = f"{base}-{self._occurrences[base]}"
        self._occurrences[slug] = 0
        return slug

    def __contains__(self, slug: object) -> bool:
        return slug in self._occurrences
