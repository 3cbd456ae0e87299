"""The ``epub_*`` and ``latex_*`` values the book to take away needs.

Filled in on ``config-inited`` only where ``conf.py`` left Sphinx's default,
so a book can still choose its own. Sphinx's defaults do not work for a
Korean book: pdflatex cannot typeset Hangul, the file names drop it
(``AITech.epub``), the ePub prints every link's address after it and warns
about an empty copyright.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import daybook_config
from ..model.urls import fit_name
from ..upstream import config_is_default
from .tex import book_file_name, font_packages, preamble, title_page

#: the cover image (drawn by builders.py) and its page's template (templates/)
COVER_IMAGE = "_static/daybook/cover.jpg"
COVER_TEMPLATE = "daybook-epub-cover.html"
TEMPLATES = Path(__file__).parent / "templates"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def takeaway_defaults(config: Config) -> dict[str, Any]:
    """The values daybook chooses, by name."""
    # LaTeX adds up to 13 bytes to it (.fdb_latexmk): cut like every name daybook makes
    name = fit_name(book_file_name(config.project))
    description = daybook_config(config).description
    author = config.author or ""
    return {
        "latex_engine": "lualatex",
        "latex_documents": [(config.root_doc, f"{name}.tex", config.project, author, "manual")],
        "latex_toplevel_sectioning": "chapter",
        "latex_use_xindy": False,
        "latex_domain_indices": False,
        "latex_show_urls": "no",
        "latex_show_pagerefs": False,
        "epub_basename": name,
        "epub_show_urls": "no",
        "epub_tocscope": "includehidden",
        "epub_use_index": False,
        "epub_description": description or "unknown",
        "epub_copyright": config.copyright or author or config.project,
        "epub_identifier": config.html_baseurl or f"urn:daybook:{name}",
        # the XML id of that identifier in content.opf (Sphinx's default is "unknown")
        "epub_uid": "BookId",
        "epub_publisher": author or "unknown",
        # Sphinx's default is "unknown"; the one who wrote the posts is who contributed them
        "epub_contributor": author or "unknown",
        # the title over the first thumbnail, drawn when the ePub is packed (builders.py)
        "epub_cover": (COVER_IMAGE, COVER_TEMPLATE),
    }


def latex_elements(config: Config) -> dict[str, str]:
    settings = daybook_config(config)
    description = settings.description
    return {
        "papersize": "a4paper",
        "pointsize": "10pt",
        "extraclassoptions": "openany,oneside",
        "fontpkg": font_packages(settings.pdf_emoji_fonts),
        "fontenc": "",
        "babel": "",
        "polyglossia": "",
        "fncychap": "",
        "preamble": preamble() + "\\setcounter{secnumdepth}{-2}\n",
        "maketitle": title_page(config.project, config.author or "", description),
        "releasename": "",
        "makeindex": "",
        "printindex": "",
        "sphinxsetup": "",
    }


def fill_in_takeaway_config(app: Sphinx, config: Config) -> None:
    for name, value in takeaway_defaults(config).items():
        if name in config and config_is_default(config, name):
            config[name] = value
    elements = dict(config.latex_elements or {})
    for key, value in latex_elements(config).items():
        elements.setdefault(key, value)
    config.latex_elements = elements
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


#: the ePub's version when the book names none: EPUB 3 wants one, a blog has none
EPUB_BOOK_VERSION = "1"


class _LentVersion(str):
    """``version`` lent to Sphinx's ePub check, to be taken back after it."""


def lend_epub_version(app: Sphinx) -> None:
    """Before Sphinx's ePub check (``builder-inited``, 500): a version, so it does not warn.

    Only lent: a version left in the configuration would be pickled with the
    environment, and the next build, which starts without it, would find the
    configuration changed and read every post again. The ePub itself takes
    its version from :meth:`.DaybookEpubBuilder.content_metadata`.
    """
    if app.builder.name == "epub" and not app.config.version:
        app.config.version = _LentVersion(EPUB_BOOK_VERSION)


def take_back_epub_version(app: Sphinx) -> None:
    """After Sphinx's ePub check: the configuration as the book wrote it."""
    if isinstance(app.config.version, _LentVersion):
        app.config.version = ""
