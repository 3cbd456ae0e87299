"""The theme's icons drawn by daybook: one small stylesheet instead of Font Awesome. Pure.

pydata-sphinx-theme writes its icons as Font Awesome class names
(``<i class="fa-solid fa-bars">``) and loads Font Awesome's script
(``fontawesome.js``: 1.5 MB, 540 kB gzipped, about 0.6 s of a phone's
processor) to turn each into an SVG; its stylesheet can draw the same names
from a 115 kB web font, fetched as soon as a page shows one. A page of the
book shows about a dozen of them.

``icons/<name>.svg`` are daybook's own drawings of the icons the two themes
and daybook put on the book's pages, one per Font Awesome name (``fa-<name>``),
on a 16-unit grid, black on transparent. :func:`icon_stylesheet` makes them
``icons.css``: each name's ``::before`` becomes a 1em square painted in the
text's colour through its drawing as a mask, so it follows the colour mode,
hover and focus as the font's glyph did, and the markup stays the theme's.
The stylesheet's own rules (``icons/icons.css``) give the icons the room the
theme's stylesheet gives the SVGs Font Awesome's script made. A name daybook
does not draw (a brand's logo in ``icon_links``) keeps the theme's web font.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

FOLDER = Path(__file__).with_name("icons")
#: other names the themes give the same drawing (Font Awesome 5's, still written by sphinx-book-theme)
ALIASES = {
    "circle-half-stroke": ("adjust",),
    "magnifying-glass": ("search",),
    "pencil": ("pencil-alt",),
    "xmark": ("times", "close"),
}


def drawings(folder: Path = FOLDER) -> dict[str, str]:
    """Each drawing's SVG by its Font Awesome name, in name order."""
    return {path.stem: path.read_text(encoding="utf-8").strip() for path in sorted(folder.glob("*.svg"))}


def drawn_names(drawn: Mapping[str, str]) -> list[str]:
    """Every Font Awesome name daybook draws: the drawings' and their aliases."""
    return sorted({*drawn, *(alias for name in drawn for alias in ALIASES.get(name, ()))})


def data_url(svg: str) -> str:
    """``svg`` as a ``data:`` URL for a double-quoted CSS ``url("…")``."""
    # single quotes inside, so that the CSS string's double quotes hold it; "#" and
    # "%" must be escaped in a URL, "<" and ">" are by habit
    return "data:image/svg+xml," + quote(" ".join(svg.replace('"', "'").split()), safe=" ':/=,.-")


def icon_stylesheet(drawn: Mapping[str, str], rules: str) -> str:
    """``icons.css``: each drawn name's ``::before`` a square of the text's colour masked by its drawing, then ``rules``."""
    names = drawn_names(drawn)
    every = ", ".join(f".fa-{name}" for name in names)
    lines = [
        "/* daybook: the theme's icons, drawn by daybook (writing/icons.py, writing/icons/) */",
        # no web font: an element of that font, even an empty one, makes the browser fetch it
        f":is({every}) {{ font-family: inherit; }}",
        # after the theme's own :is(.fa-solid, …)::before, which would draw the web font's glyph
        f":is({every})::before {{",
        '  content: "";',
        "  display: inline-block;",
        "  width: 1em;",
        "  height: 1em;",
        "  vertical-align: -0.125em;",
        "  background-color: currentColor;",
        "  -webkit-mask: var(--daybook-icon) center / contain no-repeat;",
        "  mask: var(--daybook-icon) center / contain no-repeat;",
        "}",
        # Windows' contrast themes force background colours to the page's; the
        # icon keeps the (forced) colour of its text
        f"@media (forced-colors: active) {{ :is({every})::before {{ forced-color-adjust: none; }} }}",
    ]
    for name, svg in drawn.items():
        selector = ", ".join(f".fa-{alias}::before" for alias in (name, *ALIASES.get(name, ())))
        lines.append(f'{selector} {{ --daybook-icon: url("{data_url(svg)}"); }}')
    lines += ["", rules.strip()]
    return "\n".join(lines) + "\n"
