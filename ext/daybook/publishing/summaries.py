"""Each chapter's first paragraph, kept for its feed entry and its social card.

State lives in the environment with purge and merge (an environment
collector), so parallel and incremental builds keep every chapter's summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..api import chapter_of
from ..environment import SUMMARIES, PageCollector
from ..model.book import Chapter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: parts of a chapter that are not its prose (the byline daybook adds)
NOT_PROSE = frozenset({"daybook-byline"})


def first_paragraph(document: nodes.Node, *, skip_classes: frozenset[str] = frozenset()) -> str:
    """The text of the first paragraph of prose, skipping images, code and ``skip_classes``."""
    for paragraph in document.findall(nodes.paragraph):
        if _skipped(paragraph, skip_classes):
            continue
        # a raw node is markup for one writer: MyST's hard line break is two of them
        text = "".join(
            " " if _inside(t, (nodes.raw,), paragraph) else t.astext()
            for t in paragraph.findall(nodes.Text)
            if not _inside(t, (nodes.image,), paragraph)
        )
        text = " ".join(text.split())
        if text:
            return text
    return ""


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...], top: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and parent is not top:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _skipped(node: nodes.Node, skip_classes: frozenset[str]) -> bool:
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, (nodes.Admonition, nodes.Invisible, nodes.literal_block, nodes.title)):
            return True
        if isinstance(parent, nodes.Element) and skip_classes.intersection(parent.get("classes", ())):
            return True
        parent = parent.parent
    return False


def summaries(env: BuildEnvironment) -> dict[str, str]:
    """docname -> the chapter's first paragraph, as read."""
    return SUMMARIES.of(env)


class SummaryCollector(PageCollector):
    """Keeps each chapter's first paragraph for the feed and its social card."""

    kept = SUMMARIES

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.current_document.docname
        if chapter_of(env, docname) is None:
            summaries(env).pop(docname, None)
            return
        summaries(env)[docname] = first_paragraph(doctree, skip_classes=NOT_PROSE)


def chapter_description(env: BuildEnvironment, chapter: Chapter) -> str:
    """The front matter's ``description``, else the first paragraph."""
    return chapter.description or summaries(env).get(chapter.docname, "")
