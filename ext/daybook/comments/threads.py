"""Which thread a chapter's comments are: the one the blog opened for the post.

Pure: knows nothing of Sphinx. gatsby-starter-bee loads utterances with
``issue-term: pathname``: the thread of a post is the GitHub issue titled
with the page's path as the reader's browser had it, without its first
``/`` (utterances' ``location.pathname.substr(1)``, giscus' too):
``boostcamp/day28-20210303/``, and Hangul percent-encoded
(``%EC%95%8C…/``). The book is served elsewhere, under another prefix on
Read the Docs (``/ko/latest/…``), so the browser's path there would name
no thread and open a new one: daybook computes the blog's term when it
builds and hands it to the widget as a fixed term.
"""

from __future__ import annotations

import json
import re

from ..config import CommentSettings
from ..model.urls import page_url

UTTERANCES_CLIENT = "https://utteranc.es/client.js"
GISCUS_CLIENT = "https://giscus.app/client.js"

#: what a browser percent-encodes in a URL's path besides every non-ASCII
#: character: the WHATWG URL standard's path percent-encode set, and ``|``,
#: which Chromium (most readers' browser) encodes too
_ENCODED_IN_PATH = frozenset(chr(c) for c in range(0x21)) | frozenset('"#<>?^`{|}\x7f')
#: utterances and giscus drop an extension: ``/a/b.html`` -> ``a/b``
_EXTENSION = re.compile(r"\.\w+$", re.ASCII)


def browser_pathname(path: str) -> str:
    """``path`` as ``location.pathname`` gives it: UTF-8 percent-encoded where browsers encode."""
    out = []
    for char in path:
        if char.isascii() and char not in _ENCODED_IN_PATH:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(out)


def pathname_term(docname: str) -> str:
    """The term utterances' and giscus' ``pathname`` mapping gave the post on the blog."""
    pathname = browser_pathname(page_url(docname))
    if len(pathname) < 2:
        return "index"
    return _EXTENSION.sub("", pathname[1:])


def widget_attributes(settings: CommentSettings, term: str, language: str) -> dict[str, str]:
    """The attributes of the widget's ``<script>``, as its own documentation names them (theme aside)."""
    if settings.provider == "giscus":
        attributes = {
            "data-repo": settings.repo,
            "data-repo-id": settings.repo_id,
            "data-category": settings.category,
            "data-category-id": settings.category_id,
            "data-mapping": "specific",
            "data-term": term,
            "data-strict": "1" if settings.strict else "0",
            "data-reactions-enabled": "1" if settings.reactions else "0",
            "data-emit-metadata": "0",
            "data-input-position": settings.input_position,
            "data-lang": settings.lang or (language or "en").replace("_", "-"),
        }
        return {k: v for k, v in attributes.items() if v != "" or k == "data-category"}
    attributes = {"repo": settings.repo, "issue-term": term}
    if settings.label:
        attributes["label"] = settings.label
    return attributes


def client_of(settings: CommentSettings) -> str:
    return GISCUS_CLIENT if settings.provider == "giscus" else UTTERANCES_CLIENT


def attributes_json(attributes: dict[str, str]) -> str:
    """The attributes as JSON for a ``data-`` attribute (the template escapes it for HTML)."""
    return json.dumps(attributes, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
