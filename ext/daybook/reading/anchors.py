"""Every id a page has, kept for links to ``#anchors`` from any page.

MyST checks a link's ``#anchor`` against the anchors it made itself and does
not know the blog's (:mod:`..dialect.anchors`); links are resolved against
this instead (:mod:`..writing.references`). An environment collector keeps it
with purge and merge, for parallel and incremental builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..environment import ANCHORS, PageCollector

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def page_anchors(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    """docname -> the ids of its elements."""
    return ANCHORS.of(env)


class AnchorCollector(PageCollector):
    kept = ANCHORS

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        page_anchors(app.env)[app.env.current_document.docname] = frozenset(doctree.ids)
