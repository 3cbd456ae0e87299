"""The ePub's cover image: the book's title over its first thumbnail.

Knows Pillow (which draws it) and fontconfig (which finds a font with
Hangul), not Sphinx. E-readers and stores show this picture in their
libraries, so the title is drawn into it: over the first chapter's thumbnail,
darkened, or over a plain colour when no chapter has one. A title in a
script no installed font has is left off the picture (the cover page and
the ePub's metadata still name the book).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

#: the size stores ask for (1.6:1)
SIZE = (1600, 2560)
BACKGROUND = (37, 54, 74)
MARGIN = 140


def korean_font(bold: bool = True) -> tuple[str, int] | None:
    """(file, index in a collection) of an installed font with Hangul, or ``None``."""
    command = shutil.which("fc-match")
    if command is None:
        return None
    pattern = "sans-serif:lang=ko" + (":weight=bold" if bold else "")
    try:
        found = subprocess.run(
            [command, "-f", "%{file}\n%{index}\n%{lang}", pattern],
            capture_output=True, text=True, check=False, timeout=20,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    if len(found) < 3 or "ko" not in found[2].split("|") or not Path(found[0]).is_file():
        return None
    try:
        index = int(found[1] or 0)
    except ValueError:
        index = 0
    return found[0], index


def drawable(text: str) -> str:
    """The title without what a text font has no glyph for (emoji, symbols), spaces collapsed."""
    kept = "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) not in ("So", "Cs", "Co", "Cn", "Cc", "Cf"))
    return " ".join(kept.split())


def _lines(draw, text: str, font, width: int) -> list[str]:
    """Words on lines no wider than ``width`` (a word too long for a line is cut between letters)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if draw.textlength(current + char, font=font) > width and current:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines


def draw_cover(title: str, author: str, picture: Path | None, out: Path, font: tuple[str, int] | None) -> None:
    """Write the cover (JPEG) to ``out``. Raises ``ImportError`` without Pillow."""
    from PIL import Image, ImageDraw, ImageFont, ImageOps

    image = None
    if picture is not None:
        try:
            with Image.open(picture) as opened:
                image = ImageOps.fit(opened.convert("RGB"), SIZE, method=Image.Resampling.LANCZOS)
        except (OSError, ValueError, Image.DecompressionBombError):
            image = None
    if image is None:
        image = Image.new("RGB", SIZE, BACKGROUND)
    else:
        # darkened, so the title reads on any picture
        image = Image.blend(image, Image.new("RGB", SIZE, (0, 0, 0)), 0.45)
    text = drawable(title)
    byline = drawable(author)
    if font is None and not text.isascii():
        text = byline = ""
    if text:
        draw = ImageDraw.Draw(image)
        width = SIZE[0] - 2 * MARGIN

        def load(size: int):
            if font is None:
                return ImageFont.load_default(size=size)
            return ImageFont.truetype(font[0], size=size, index=font[1])

        size = 170
        face = load(size)
        lines = _lines(draw, text, face, width)
        while len(lines) > 4 and size > 60:
            size -= 20
            face = load(size)
            lines = _lines(draw, text, face, width)
        spacing = int(size * 1.3)
        top = int(SIZE[1] * 0.30)
        band = (0, top - MARGIN // 2, SIZE[0], top + spacing * len(lines) + MARGIN // 2 + (size if byline else 0))
        overlay = Image.new("RGB", SIZE, (0, 0, 0))
        mask = Image.new("L", SIZE, 0)
        ImageDraw.Draw(mask).rectangle(band, fill=110)
        image = Image.composite(overlay, image, mask)
        draw = ImageDraw.Draw(image)
        for number, line in enumerate(lines):
            draw.text((SIZE[0] // 2, top + number * spacing), line, font=face, fill=(255, 255, 255), anchor="ma")
        if byline:
            small = load(max(size // 2, 40))
            draw.text(
                (SIZE[0] // 2, top + len(lines) * spacing + size // 3), byline, font=small, fill=(225, 225, 225), anchor="ma"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, "JPEG", quality=88, optimize=True)
