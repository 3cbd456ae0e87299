"""The ``dirhtml`` builder, with links that survive any file name.

Sphinx's ``dirhtml`` writes a page's path into links as it is, so a post
``c#sharp.md`` is linked as ``c#sharp/``, which a browser reads as ``c`` and
an anchor; its ``html`` builder percent-encodes. daybook's ``dirhtml``
encodes the characters that break a URL path (see
:func:`..model.urls.url_path`).
"""

from __future__ import annotations

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from ..model.urls import url_path


class DirectoryHTMLBuilderWithSafeLinks(DirectoryHTMLBuilder):
    name = "dirhtml"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return url_path(super().get_target_uri(docname, typ))
