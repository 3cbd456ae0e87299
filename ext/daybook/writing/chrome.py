"""The theme's controls that work only with JavaScript, written once for the book instead of on every page. Pure.

pydata-sphinx-theme marks its colour-mode switch and search buttons
``pst-js-only``: without JavaScript they are hidden; its search pop-up
(``#pst-search-dialog``) opens only from JavaScript. Yet their markup,
about 2 KB, was on every page. daybook takes out each of them where the
page holds exactly what the theme's own template renders, leaves a
``<template data-daybook="name">`` in its place, and ``chrome.js`` (one
cached file, loaded before the theme's scripts) puts the same markup back
where it was, so the theme's scripts find the page as the theme wrote it.

What is taken out is only ever what ``chrome.js`` holds: a control the
page renders differently stays where it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

#: the theme's templates of the controls, by the name of their slot
CONTROL_TEMPLATES = {
    "theme-switch": "theme-switcher.html",
    "search-field": "search-button-field.html",
    "search-button": "search-button.html",
    "search-form": "components/search-field.html",
}
#: the search pop-up: its form is taken out only there (the search page has its own)
DIALOG_START = '<dialog id="pst-search-dialog">'
DIALOG_END = "</dialog>"
#: stands for the page's address of the search page in ``chrome.js``
SEARCH_URL = "daybook-search-page-url"


@dataclass(frozen=True)
class Controls:
    """The controls as the theme renders them for one page, and the search page's address there."""

    markup: Mapping[str, str]
    search_url: str

    def shared(self) -> dict[str, str]:
        """The markup every page shares: the search page's address made a placeholder."""
        return {
            name: html.replace(f'action="{self.search_url}"', f'action="{SEARCH_URL}"') if self.search_url else html
            for name, html in self.markup.items()
        }


def slot(name: str) -> str:
    return f'<template data-daybook="{name}"></template>'


def take_out(markup: str, controls: Controls) -> str:
    """``markup`` (a page around its article) with each control the theme rendered in it replaced by its slot."""
    for name, html in controls.markup.items():
        if not html.strip():
            continue
        if name == "search-form":
            start = markup.find(DIALOG_START)
            end = markup.find(DIALOG_END, start) if start >= 0 else -1
            at = markup.find(html, start, end) if end >= 0 else -1
            if at >= 0:
                markup = markup[:at] + slot(name) + markup[at + len(html) :]
        else:
            markup = markup.replace(html, slot(name))
    return markup


def chrome_script(shared: Mapping[str, str]) -> str:
    """``chrome.js``: fills each slot with its control, the search page's address from the page's own link."""
    data = json.dumps(dict(sorted(shared.items())), ensure_ascii=True).replace("</", "<\\/")
    return (
        "/* daybook: the theme's controls that work only with JavaScript, one file for every page"
        " (writing/chrome.py) */\n"
        "(function () {\n"
        f"  const controls = {data};\n"
        '  const search = document.querySelector(\'link[rel="search"]\');\n'
        "  for (const place of document.querySelectorAll(\"template[data-daybook]\")) {\n"
        "    let html = controls[place.dataset.daybook];\n"
        "    if (html === undefined) continue;\n"
        f'    if (search) html = html.split("{SEARCH_URL}").join(search.getAttribute("href"));\n'
        '    place.insertAdjacentHTML("beforebegin", html);\n'
        "    place.remove();\n"
        "  }\n"
        "})();\n"
    )


def script_version(script: str) -> str:
    return hashlib.sha256(script.encode("utf-8")).hexdigest()[:8]
