"""The theme's controls that work only with JavaScript, written once for the book instead of on every page. Pure.

pydata-sphinx-theme marks its colour-mode switch and search buttons
``pst-js-only``: without JavaScript they are hidden; its search pop-up
(``#pst-search-dialog``) opens only from JavaScript. Yet their markup,
about 2 KB, was on every page. daybook's templates of those controls
(``templates/theme-switcher.html``, ``search-button.html``,
``search-button-field.html``, and the pop-up in ``templates/layout.html``)
write a ``<template data-daybook="name">`` slot instead; ``chrome.js`` (one
cached file, loaded before the theme's scripts) holds what the theme's own
templates render and puts it in each slot, so the theme's scripts find the
page as the theme writes it.

Only slots before the article are filled: a post's own HTML, which comes
after them, cannot ask for a control.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

#: the theme's templates of the controls (found from the theme: "!"), by the name of their slot
CONTROL_TEMPLATES = {
    "theme-switch": "!components/theme-switcher.html",
    "search-field": "!components/search-button-field.html",
    "search-button": "!components/search-button.html",
    "search-form": "!components/search-field.html",
}
#: stands for the page's address of the search page in ``chrome.js``
SEARCH_URL = "daybook-search-page-url"


def chrome_script(controls: Mapping[str, str]) -> str:
    """``chrome.js``: fills each slot before the article with its control, the search page's address from the page's own link."""
    data = json.dumps(dict(sorted(controls.items())), ensure_ascii=True).replace("</", "<\\/")
    return (
        "/* daybook: the theme's controls that work only with JavaScript, one file for every page"
        " (writing/chrome.py) */\n"
        "(function () {\n"
        f"  const controls = {data};\n"
        '  const search = document.querySelector(\'link[rel="search"]\');\n'
        '  const article = document.querySelector("article");\n'
        "  for (const place of document.querySelectorAll(\"template[data-daybook]\")) {\n"
        "    // the theme's slots come before the article; a post's HTML never fills one\n"
        "    if (article && !(place.compareDocumentPosition(article) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;\n"
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
