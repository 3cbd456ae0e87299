"""daybook: a blog's Markdown posts become a book of day-ordered chapters.

The path of a post: :mod:`.project` scans front matter (:mod:`.frontmatter`)
into the book model (:mod:`.book`) before reading; :mod:`.chapter` turns the
front matter into the title and byline while reading; :mod:`.pages` builds the
cover, part pages and toctrees; :mod:`.references` links posts the Gatsby way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .api import chapter_of, get_book
from .browsing import setup_browsing
from .chapter import setup_chapter
from .config import DaybookConfig, add_config_values, on_config_inited
from .dialect import setup_dialect
from .heap import setup_heap
from .navigation import setup_navigation
from .pages import setup_pages
from .project import on_env_get_outdated, on_env_updated
from .references import setup_references
from .search import setup_search
from .stale import setup_stale
from .theme import setup_theme_guards

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"
#: bump when what daybook keeps in the environment changes shape
ENV_VERSION = 2

__all__ = ["DaybookConfig", "chapter_of", "get_book", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    add_config_values(app)
    setup_heap(app)
    app.connect("config-inited", on_config_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", on_env_updated)
    setup_stale(app)
    setup_theme_guards(app)
    setup_chapter(app)
    setup_pages(app)
    setup_references(app)
    setup_dialect(app)
    setup_search(app)
    setup_navigation(app)
    setup_browsing(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
