"""TeX for the PDF: math LaTeX can read, escaped front matter, the preamble, file names.

Pure: knows nothing of Sphinx. The PDF is typeset by LuaLaTeX with kotex
(Korean line breaking) and Noto CJK KR: serif body, sans headings, a
monospaced font with Hangul, every font through HarfBuzz (with LuaTeX's
own renderer the digits of a CJK font copy out of the PDF as fullwidth
２０２１ and searching fails). Emoji come from a fallback font: Symbola
first, whose emoji are text (they copy and search like the rest), then
Noto Color Emoji, drawn as pictures, for those Symbola lacks.
"""

from __future__ import annotations

import re
import unicodedata

# a ``%`` or ``#`` not already escaped: after an even number of backslashes
_UNESCAPED = re.compile(r"(?<!\\)((?:\\\\)*)([%#])")
# the text before a percentage's sign, ``0.991%``: the sign the author meant
_NUMBER_BEFORE = re.compile(r"[0-9]$")

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "%": r"\%",
    "[": "{[}",
    "]": "{]}",
}


def math_for_latex(tex: str) -> str:
    """The TeX of a formula as LaTeX can read it on one line.

    ``%`` after a number is a percent sign (``$0.991%$``: 0.991%); any other
    ``%`` starts a comment, as KaTeX and the web book read it, and is dropped
    with the rest of its line (in ``\\(…\\)`` it would swallow the closing
    ``\\)``); ``#`` is a character.
    """
    lines = []
    for line in tex.strip().split("\n"):
        parts = _UNESCAPED.split(line)
        # parts: text, backslashes, sign, text, ... (the sign group is % or #)
        kept = parts[0]
        for index in range(1, len(parts), 3):
            backslashes, sign, after = parts[index], parts[index + 1], parts[index + 2]
            if sign == "#":
                kept += backslashes + "\\#" + after
            elif not backslashes and _NUMBER_BEFORE.search(kept):
                kept += "\\%" + after
            else:
                kept += backslashes
                break
        lines.append(kept.rstrip())
    return "\n".join(lines).strip()


def escape_text(text: str) -> str:
    """Text (a title, a description) as LaTeX source that prints exactly it."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return "".join(_TEX_SPECIAL.get(char, char) for char in text if unicodedata.category(char)[0] != "C")


def book_file_name(title: str, fallback: str = "book") -> str:
    """A file name from the book's title, Hangul kept: ``부스트캠프 AI Tech 일지`` -> ``부스트캠프-AI-Tech-일지``."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", title).strip():
        if unicodedata.category(char)[0] in "LN" or char in "-_":
            kept.append(char)
        elif char.isspace() or char in "./:":
            kept.append("-")
    name = re.sub(r"-{2,}", "-", "".join(kept)).strip("-_")
    return name[:80] or fallback


#: captions as a Korean book prints them
KOREAN_CAPTIONS = {"contentsname": "차례", "figurename": "그림", "tablename": "표", "partname": "", "chaptername": ""}

#: emoji fonts, in the order tried for a character the text fonts lack: text first, pictures last
EMOJI_FONTS = ("Symbola", "Noto Color Emoji")

_FONTS = r"""
\usepackage{fontspec}
% daybook.lua (static/, copied beside the .tex): the Lua sandbox, switched on after the preamble
\directlua{dofile("daybook.lua")}
\directlua{daybook_emoji = {}}
@EMOJI@
\directlua{luaotfload.add_fallback("daybookemoji", daybook_emoji)}
% HarfBuzz everywhere: LuaTeX's own renderer gives CJK fonts' digits fullwidth code points
% no TeX ligatures: quotes and dashes print as the post wrote them
\defaultfontfeatures{Renderer=HarfBuzz, Ligatures=TeXOff, RawFeature={fallback=daybookemoji}}
\setmainfont{Noto Serif CJK KR}
\setsansfont{Noto Sans CJK KR}
\setmonofont{Noto Sans Mono CJK KR}[Scale=0.9]
% kotex breaks and spaces Korean lines; the Noto CJK KR fonts above have the Hangul
% (naming them again as kotex's Hangul fonts would load each a second time: 700 MB)
\usepackage[hangul]{kotex}
"""

_FONT_NAME = re.compile(r"^[A-Za-z0-9 ._-]+$")


def font_packages(emoji_fonts: tuple[str, ...] = EMOJI_FONTS) -> str:
    """fontspec and kotex with Noto CJK KR; each emoji font that is installed joins the fallback."""
    checks = [
        rf'\IfFontExistsTF{{{name}}}{{\directlua{{table.insert(daybook_emoji, "{name}:mode=harf;")}}}}{{}}'
        for name in emoji_fonts
        if _FONT_NAME.match(name)
    ]
    return _FONTS.replace("@EMOJI@", "\n".join(checks))

#: what the dialect's classes look like on paper (``\DUrole<class>`` for inline
#: nodes, ``sphinxclass<class>`` environments for blocks), and what math needs
STYLES = r"""
\usepackage{lua-ul}
\usepackage{titlesec}
\usepackage{bm}
\usepackage{mathtools}
\usepackage{cancel}
\usepackage{mathrsfs}
\usepackage{accsupp}
\setcounter{MaxMatrixCols}{40}
\titleformat{\part}[display]{\sffamily\bfseries\Huge\centering}{}{0pt}{}
\titleformat{\chapter}[display]{\sffamily\bfseries\huge}{}{0pt}{}
\titlespacing*{\chapter}{0pt}{0pt}{2em}
\setcounter{tocdepth}{0}
% <br>: the end of a line where there is one; else (a paragraph that starts with it) a line's space
\DeclareRobustCommand\daybookbr{\ifvmode\vspace{\baselineskip}\else\newline\fi}
\expandafter\def\csname DUroledaybook-strike\endcsname#1{\strikeThrough{#1}}
\expandafter\def\csname DUroledaybook-underline\endcsname#1{\underLine{#1}}
\expandafter\def\csname DUroledaybook-small\endcsname#1{{\small #1}}
\expandafter\def\csname DUroledaybook-mark\endcsname#1{\highLight{#1}}
\expandafter\def\csname DUroledaybook-alt-text\endcsname#1{{\itshape [#1]}}
\expandafter\def\csname DUroledaybook-draft-badge\endcsname#1{\textbf{#1}}
% blocks of raw HTML: <small>, <center>, <p align="right">, <b> holding paragraphs
\newenvironment{sphinxclassdaybook-small}{\par\small}{\par}
\newenvironment{sphinxclassdaybook-center}{\par\centering}{\par}
\newenvironment{sphinxclassdaybook-right}{\par\raggedleft}{\par}
\newenvironment{sphinxclassdaybook-bold}{\par\bfseries}{\par}
\newenvironment{sphinxclassdaybook-italic}{\par\itshape}{\par}
% the byline under a chapter's title: small, grey, sans serif, set apart from the text
\newenvironment{sphinxclassdaybook-byline}{\par\noindent\small\sffamily\color{black!60}}{\par\bigskip}
\newenvironment{sphinxclassdaybook-tags}{\par\noindent}{\par}
% the preamble is over: from here Lua is sandboxed (daybook.lua); fonts loaded later are
% read from TeX's trees and the font folders, and left out of luaotfload's cache
\AddToHook{begindocument/end}{\directlua{daybook.sandbox()}}
"""


def captions() -> str:
    lines = [rf"\renewcommand{{\{name}}}{{{value}}}" for name, value in KOREAN_CAPTIONS.items()]
    return "\\AtBeginDocument{%\n" + "%\n".join(lines) + "%\n}\n"


def preamble() -> str:
    """Everything the PDF needs beyond Sphinx's own LaTeX."""
    return STYLES + captions()


def title_page(title: str, author: str, description: str) -> str:
    """The book's title page: title, author and description, escaped."""
    parts = [
        rf"\hypersetup{{pdftitle={{{escape_text(title)}}}, pdfauthor={{{escape_text(author)}}}}}",
        r"\begin{titlepage}\centering",
        r"\vspace*{0.25\textheight}",
        rf"{{\sffamily\bfseries\Huge {escape_text(title)}\par}}",
        r"\vspace{3em}",
    ]
    if author:
        parts.append(rf"{{\Large {escape_text(author)}\par}}")
    if description:
        parts += [r"\vspace{2em}", rf"\begin{{minipage}}{{0.7\textwidth}}\centering {escape_text(description)}\end{{minipage}}\par"]
    parts.append(r"\end{titlepage}")
    return "\n".join(parts) + "\n"


def part(title: str) -> str:
    return rf"\part{{{escape_text(title)}}}"
