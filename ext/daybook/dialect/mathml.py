"""TeX to MathML at build time, so math is typeset with no script and no network.

Pure: knows nothing of Sphinx. The book's pages carry MathML, which current
browsers (Chromium, Firefox, Safari) typeset themselves: nothing is loaded
from a CDN and nothing runs in the reader's browser.

latex2mathml reads the TeX; this module fills the gaps that matter for the
blog's posts (``aligned``-like environments) and makes the result safe HTML:
text is escaped, link attributes are dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, tostring


#: environments latex2mathml lacks, read as their nearest supported one
_ENVIRONMENTS = {
    "aligned": "align*",
    "alignat": "align*",
    "alignat*": "align*",
    "alignedat": "align*",
    "gathered": "gather*",
    "gather": "gather*",
    "equation": "",
    "equation*": "",
}
_BEGIN_END = re.compile(r"\\(begin|end)\{([a-zA-Z*]+)\}(\{\d+\})?")
_CHARACTER_REFERENCE = re.compile(r"&#x([0-9A-Fa-f]+);|&#(\d+);")
#: attributes that may carry a link or script: never written
_UNSAFE_ATTRIBUTES = ("href", "xlink:href", "src", "style")


class MathError(ValueError):
    """The TeX could not be typeset; the message says why, for the author."""


@dataclass(frozen=True)
class Typeset:
    """MathML markup, plus the TeX commands it showed as text because it lacks them."""

    mathml: str
    unknown_commands: tuple[str, ...] = ()


def _environments(tex: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match[2]
        if name not in _ENVIRONMENTS:
            return match[0]
        new = _ENVIRONMENTS[name]
        if not new:
            return ""
        if name == "gathered" or name == "gather":
            new = "array" if match[1] == "end" else "array}{c"
        return f"\\{match[1]}{{{new}}}"

    return _BEGIN_END.sub(replace, tex)


def _decode(text: str | None) -> str | None:
    if text is None:
        return None
    return _CHARACTER_REFERENCE.sub(
        lambda m: chr(int(m[1], 16)) if m[1] else chr(int(m[2])), text
    )


def _clean(element: Element, unknown: list[str]) -> None:
    """Turn latex2mathml's character references into text ElementTree escapes."""
    element.text = _decode(element.text)
    element.tail = _decode(element.tail)
    for name in _UNSAFE_ATTRIBUTES:
        element.attrib.pop(name, None)
    if element.tag in ("mi", "mo") and element.text and re.fullmatch(r"\\[A-Za-z]+", element.text):
        unknown.append(element.text)
    for child in element:
        _clean(child, unknown)


def tex_to_mathml(tex: str, display: bool) -> Typeset:
    """MathML for ``tex``; raises :class:`MathError` when it cannot be typeset."""
    source = _environments(tex.strip())
    if display and "\\\\" in source and "\\begin" not in source:
        # several display lines: KaTeX stacked them, MathML needs a table
        source = (
            f"\\begin{{align*}}{source}\\end{{align*}}"
            if "&" in source
            else f"\\begin{{array}}{{c}}{source}\\end{{array}}"
        )
    if not source:
        raise MathError("the formula is empty")
    try:
        from latex2mathml.converter import convert_to_element
    except ImportError:  # a missing package must not stop every other page from building
        raise MathError("latex2mathml is not installed; run: pip install -r requirements.txt") from None
    try:
        element = convert_to_element(source, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many kinds; all mean bad TeX
        reason = str(error) or type(error).__name__
        raise MathError(f"cannot typeset the TeX ({_words(reason)})") from None
    element.attrib.pop("xmlns", None)
    unknown: list[str] = []
    _clean(element, unknown)
    annotation = _annotated(element, tex.strip())
    return Typeset(tostring(annotation, encoding="unicode"), tuple(dict.fromkeys(unknown)))


def _annotated(math: Element, tex: str) -> Element:
    """Keep the TeX beside the MathML, for copy and paste and screen readers' users."""
    semantics = Element("semantics")
    row = Element("mrow")
    row.extend(list(math))
    for child in list(math):
        math.remove(child)
    semantics.append(row)
    annotation = Element("annotation", {"encoding": "application/x-tex"})
    annotation.text = tex
    semantics.append(annotation)
    math.append(semantics)
    return math


def _words(reason: str) -> str:
    """latex2mathml names its errors in CamelCase: make them read as words."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", reason.replace("Error", "")).strip()
    return html.unescape(spaced).lower() or "unreadable"
