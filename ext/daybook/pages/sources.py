"""The Markdown of each generated page: its title, escaped as text, and one directive."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..model.book import Book
from ..model.text import escape_markdown, ui

if TYPE_CHECKING:
    from sphinx.config import Config

#: the file Sphinx reads for every generated page; its text is replaced on source-read
GENERATED_SOURCE = Path(__file__).with_name("generated.md")
#: the directive that places the cover's cards (the author's own index.md may use it)
COVER_DIRECTIVE = "daybook-cover"


def generated_source(book: Book, docname: str, config: Config) -> str:
    """The Markdown source of a generated page."""
    language = config.language
    if docname == book.root_docname:
        return f"# {escape_markdown(config.project)}\n\n```{{{COVER_DIRECTIVE}}}\n```\n"
    for part in book.parts:
        if part.docname == docname:
            # in no toctree: the sidebar links it from its part's list, once (writing/navigation.py)
            return f"---\norphan: true\n---\n# {escape_markdown(part.title)}\n\n```{{daybook-part}}\n```\n"
    if docname == book.archive_docname:
        return f"# {escape_markdown(ui(language, 'archive'))}\n\n```{{daybook-archive}}\n```\n"
    if docname == book.tags_docname:
        return f"# {escape_markdown(ui(language, 'tags'))}\n\n```{{daybook-tags}}\n```\n"
    for tag, _ in book.tags:
        if book.tag_docname(tag) == docname:
            title = escape_markdown(ui(language, "tagged", tag=tag))
            return f"# {title}\n\n```{{daybook-tag}}\n```\n"
    return "# \n"
