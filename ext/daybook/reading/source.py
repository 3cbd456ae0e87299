"""``source-read``: a post's front matter becomes its title; generated pages get their text.

The front matter block becomes one Markdown H1 holding the title (escaped, so
it is text and never markup) and blank lines, so every body line keeps its
line number and the post's H2s become its sections.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..doctree import NO_BLOG_ANCHORS, PAGE_TITLE
from ..environment import book_state
from ..model.frontmatter import body_after, parse_post
from ..model.generated import COVER_DIRECTIVE, generated_source
from ..model.text import escape_markdown
from ..model.urls import page_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def read_post_source(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    state = book_state(env)
    book = state.book
    if docname in book.generated:
        source[0] = generated_source(book, docname, app.config)
        return
    path = Path(env.doc2path(docname))
    if path.suffix != ".md":
        return
    # the scan before reading parsed this very file; only the body is split here
    scan = state.scanned.get(docname)
    parsed = scan.parsed if scan is not None and scan.parsed is not None else parse_post(source[0])
    for problem in parsed.problems:
        logger.warning(
            problem.message,
            location=(docname, problem.line),
            type="daybook",
            subtype=problem.subtype,
        )
    text = body_after(source[0], parsed.block_lines)
    if parsed.block_lines:
        title = parsed.front_matter.title if parsed.front_matter else None
        heading = "# " + escape_markdown(title or page_name(docname))
        text = heading + "\n" * parsed.block_lines + text
    if docname == book.root_docname and COVER_DIRECTIVE not in text:
        text += f"\n\n```{{{COVER_DIRECTIVE}}}\n```\n"
    source[0] = text


class MarkPageTitle(SphinxTransform):
    """Tell the heading anchors which heading is the page title daybook wrote.

    The blog gave its page title no anchor, and generated pages were not on
    the blog at all. A post with neither front matter nor any heading gets one
    here, its file name, as a post whose front matter has no title does: one
    warning at the post, and the post is listed like any other.
    """

    # before the heading anchors (710)
    default_priority = 705

    def apply(self, **kwargs: object) -> None:
        state = book_state(self.env)
        docname = self.env.current_document.docname
        if docname in state.book.generated:
            self.document[NO_BLOG_ANCHORS] = True
            return
        scan = state.scanned.get(docname)
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            section = self._title_from_file_name(docname, state.book.root_docname)
        elif not (scan and scan.parsed and scan.parsed.block_lines):
            return
        section[PAGE_TITLE] = True

    def _title_from_file_name(self, docname: str, root_docname: str) -> nodes.section:
        """Everything in one section titled by the file name (the book's title for the root page)."""
        title = self.config.project if docname == root_docname else page_name(docname)
        logger.warning(
            "post has no front matter and no heading; add front matter with a 'title' "
            "(the file name is used meanwhile)" if docname != root_docname else
            "page has no heading; add one (the book's title is used meanwhile)",
            location=(docname, 1),
            type="daybook",
            subtype="title",
        )
        section = nodes.section()
        section.source, section.line = self.document.get("source"), 1
        heading = nodes.title(title, title)
        heading.source, heading.line = section.source, 1
        section += heading
        children = list(self.document.children)
        del self.document[:]
        section.extend(children)
        self.document += section
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(section, section)
        return section
