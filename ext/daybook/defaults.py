"""The values daybook chooses for Sphinx, the theme and the extensions it brings, unless ``conf.py`` chose.

One table (:data:`DEFAULTS`), applied on ``config-inited`` by
:func:`fill_in_defaults` with one test of "the book left it alone"
(:func:`left_to_daybook`). Sphinx's own defaults do not suit a Korean book:
pdflatex cannot typeset Hangul, file names drop it (``AITech.epub``), the
ePub prints every link's address after it and warns about an empty
copyright, and every page's title ends in "documentation".
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .model.text import ui
from .model.urls import fit_name
from .publishing.notfound import not_found_context
from .search.lazy import TEMPLATES as SEARCH_TEMPLATES
from .takeaway.settings import COVER_IMAGE, COVER_TEMPLATE
from .takeaway.settings import TEMPLATES as TAKEAWAY_TEMPLATES
from .takeaway.tex import book_file_name, font_packages, preamble, title_page
from .upstream import config_is_default
from .writing.template_cache import TEMPLATE_BRIDGE
from .writing.theme import TEMPLATES as THEME_TEMPLATES

if TYPE_CHECKING:
    from sphinx.config import Config

    from .config import DaybookConfig

#: the tab's icon of a book whose conf.py names none: a book
FAVICON = Path(__file__).parent / "static" / "favicon.svg"

#: daybook's template folders, after the book's own, in the order they are searched
TEMPLATE_FOLDERS = (THEME_TEMPLATES, SEARCH_TEMPLATES, TAKEAWAY_TEMPLATES)

Value = Callable[["Config", "DaybookConfig"], Any]


@dataclass(frozen=True)
class Default:
    """What daybook gives ``option`` (or one ``entry`` of it, a dict) when conf.py does not."""

    option: str
    value: Value
    #: a key of the option's dict (``html_theme_options``, ``latex_elements``); ``None``: the whole option
    entry: str | None = None
    #: whether daybook chooses at all in this build
    when: Callable[[], bool] = lambda: True


def _file_name(config: Config) -> str:
    # LaTeX adds up to 13 bytes to it (.fdb_latexmk): cut like every name daybook makes
    return fit_name(book_file_name(config.project))


def _author(config: Config) -> str:
    return config.author or ""


def _not_on_read_the_docs() -> bool:
    # there, sphinx-notfound-page finds the prefix from the version's address
    return not os.environ.get("READTHEDOCS_CANONICAL_URL")


DEFAULTS: tuple[Default, ...] = (
    # -- sphinx-notfound-page: the 404 page's links are absolute paths, the book's own, else the site root
    Default("notfound_urls_prefix", lambda c, s: urlsplit(c.html_baseurl).path or "/", when=_not_on_read_the_docs),
    Default("notfound_context", lambda c, s: not_found_context(c.language, c.notfound_urls_prefix or "/")),
    # -- sphinxext-opengraph: drawn cards need matplotlib and fonts with Hangul; the thumbnail is the card
    Default("ogp_social_cards", lambda c, s: {"enable": False}),
    # -- the theme: pydata-sphinx-theme fills in a page-wide search bar the book theme means to leave out
    Default("html_theme_options", lambda c, s: [], entry="navbar_persistent"),
    Default("html_theme_options", lambda c, s: ui(c.language, "search_placeholder"), entry="search_bar_text"),
    # -- the pages: the book's title, not "<project> documentation"; a book as the tab's icon (without
    # one, every first visit asks the server for a /favicon.ico that is not there)
    Default("html_title", lambda c, s: c.project),
    Default("html_favicon", lambda c, s: str(FAVICON)),
    # the theme's templates compiled once, not on every build (an edit of one post paid half a second)
    Default("template_bridge", lambda c, s: TEMPLATE_BRIDGE),
    # -- the PDF
    Default("latex_engine", lambda c, s: "lualatex"),
    Default("latex_documents", lambda c, s: [(c.root_doc, f"{_file_name(c)}.tex", c.project, _author(c), "manual")]),
    Default("latex_toplevel_sectioning", lambda c, s: "chapter"),
    Default("latex_use_xindy", lambda c, s: False),
    Default("latex_domain_indices", lambda c, s: False),
    Default("latex_show_urls", lambda c, s: "no"),
    Default("latex_show_pagerefs", lambda c, s: False),
    # -- the ePub
    Default("epub_basename", lambda c, s: _file_name(c)),
    Default("epub_show_urls", lambda c, s: "no"),
    Default("epub_tocscope", lambda c, s: "includehidden"),
    Default("epub_use_index", lambda c, s: False),
    Default("epub_description", lambda c, s: s.description or "unknown"),
    Default("epub_copyright", lambda c, s: c.copyright or _author(c) or c.project),
    Default("epub_identifier", lambda c, s: c.html_baseurl or f"urn:daybook:{_file_name(c)}"),
    # the XML id of that identifier in content.opf (Sphinx's default is "unknown")
    Default("epub_uid", lambda c, s: "BookId"),
    Default("epub_publisher", lambda c, s: _author(c) or "unknown"),
    # Sphinx's default is "unknown"; the one who wrote the posts is who contributed them
    Default("epub_contributor", lambda c, s: _author(c) or "unknown"),
    # the title over the first thumbnail, drawn when the ePub is packed (takeaway/builders.py)
    Default("epub_cover", lambda c, s: (COVER_IMAGE, COVER_TEMPLATE)),
    # -- the PDF's LaTeX, entry by entry
    Default("latex_elements", lambda c, s: "a4paper", entry="papersize"),
    Default("latex_elements", lambda c, s: "10pt", entry="pointsize"),
    Default("latex_elements", lambda c, s: "openany,oneside", entry="extraclassoptions"),
    Default("latex_elements", lambda c, s: font_packages(s.pdf_emoji_fonts), entry="fontpkg"),
    Default("latex_elements", lambda c, s: "", entry="fontenc"),
    Default("latex_elements", lambda c, s: "", entry="babel"),
    Default("latex_elements", lambda c, s: "", entry="polyglossia"),
    Default("latex_elements", lambda c, s: "", entry="fncychap"),
    Default("latex_elements", lambda c, s: preamble() + "\\setcounter{secnumdepth}{-2}\n", entry="preamble"),
    Default("latex_elements", lambda c, s: title_page(c.project, _author(c), s.description), entry="maketitle"),
    Default("latex_elements", lambda c, s: "", entry="releasename"),
    Default("latex_elements", lambda c, s: "", entry="makeindex"),
    Default("latex_elements", lambda c, s: "", entry="printindex"),
    Default("latex_elements", lambda c, s: "", entry="sphinxsetup"),
)


def left_to_daybook(config: Config, option: str, entry: str | None = None) -> bool:
    """The one test of "conf.py did not choose it".

    An option is left alone while it holds its registered default (a computed
    one included); an entry of a dict option, while the dict does not name it.
    """
    if entry is None:
        return config_is_default(config, option)
    return entry not in (config[option] or {})


def fill_in_defaults(config: Config, settings: DaybookConfig) -> None:
    """On ``config-inited``: each value of :data:`DEFAULTS` the book left alone, in order; daybook's templates."""
    for default in DEFAULTS:
        if default.option not in config or not default.when():
            continue
        if not left_to_daybook(config, default.option, default.entry):
            continue
        value = default.value(config, settings)
        if default.entry is None:
            config[default.option] = value
        else:
            # a new dict: the book's conf.py keeps its own
            config[default.option] = {**(config[default.option] or {}), default.entry: value}
    config.templates_path = with_daybook_templates(
        list(config.templates_path), [str(folder) for folder in TEMPLATE_FOLDERS], theme_package_folders()
    )


#: the themes whose templates daybook's own override
THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")


def theme_package_folders() -> tuple[str, ...]:
    """Where the installed themes live (none if neither is installed)."""
    folders: list[str] = []
    for name in THEMES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folders += [str(Path(folder).resolve()) for folder in spec.submodule_search_locations]
    return tuple(folders)


def with_daybook_templates(paths: list[str], ours: list[str], theme_folders: tuple[str, ...]) -> list[str]:
    """``templates_path`` with daybook's folders after the book's own and before any theme's.

    The themes add their component folders to the registered default of
    ``templates_path`` in place, so a second build in the same process starts
    with them in a book's list; daybook's overrides must still come first.
    """
    kept = [path for path in paths if path not in ours]
    # resolved: a theme may name its folder through a link the import system does not take
    themes = [i for i, path in enumerate(kept) if any(Path(path).resolve().is_relative_to(f) for f in theme_folders)]
    at = themes[0] if themes else len(kept)
    return [*kept[:at], *ours, *kept[at:]]
