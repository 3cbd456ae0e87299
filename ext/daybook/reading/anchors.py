"""Every id a page has, kept for links to ``#anchors`` from any page.

MyST checks a link's ``#anchor`` against the anchors it made itself and does
not know the blog's (:mod:`..dialect.anchors`); links are resolved against
this instead (:mod:`..writing.references`). An environment collector keeps it
with purge and merge, for parallel and incremental builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def page_anchors(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    """docname -> the ids of its elements."""
    found: dict[str, frozenset[str]] | None = getattr(env, "daybook_anchors", None)
    if found is None:
        found = {}
        env.daybook_anchors = found  # type: ignore[attr-defined]
    return found


class AnchorCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        page_anchors(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        theirs, ours = page_anchors(other), page_anchors(env)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        page_anchors(app.env)[app.env.current_document.docname] = frozenset(doctree.ids)
