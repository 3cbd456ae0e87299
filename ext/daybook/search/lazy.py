"""daybook's search files, written when the build ends; fetched when the reader searches.

The theme's layout loads ``searchindex.js`` on every page (for search as you
type). daybook's layout (``writing/templates/layout.html``) extends the
theme's and writes its head without that tag; its search page
(``search/templates/search.html``) drops it through this module's filter. When the
build ends, :func:`write_search_files` writes daybook's own index
(:mod:`.index`, from what :mod:`.collect` kept of each page) as a base and
term shards (:mod:`.shards`), and the search engine (``engine.js``, with
Sphinx's English Snowball stemmer before it) into
``_static/daybook-search/``; ``search-page.js`` fetches them when the
reader starts a search. Sphinx's ``searchindex.js`` is still written, whole,
for tools that read it; no page loads it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..api import get_book
from ..files import write_atomically
from ..model.urls import url_path
from ..upstream import ENGLISH_STOPWORDS, add_template_filter, sphinx_stemmer_scripts, without_theme_search_index
from .collect import indexed_pages
from .index import build_index
from .korean import ENDINGS
from .shards import split
from .synonyms import SYNONYMS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATES = Path(__file__).with_name("templates")
ENGINE = Path(__file__).with_name("engine.js")
#: under the output folder
FOLDER = Path("_static", "daybook-search")
FILTER = "daybook_without_search_index"


def without_search_index(html: str) -> Markup:
    """``html`` (a block of the theme's template) without its ``searchindex.js`` tag."""
    return Markup(without_theme_search_index(str(html)))


def add_filter(app: Sphinx) -> None:
    add_template_filter(app.builder, FILTER, without_search_index)


def engine_script() -> str:
    """``engine.js`` with the English Snowball stemmer it stems Latin words with (as :mod:`.collect` does)."""
    return sphinx_stemmer_scripts("base", "english") + "\n" + ENGINE.read_text(encoding="utf-8")


def query_reading() -> dict[str, object]:
    """What the browser needs to read a query as the index reads a page."""
    return {
        "endings": list(ENDINGS),
        "stopwords": sorted(ENGLISH_STOPWORDS),
        "synonyms": [list(group) for group in SYNONYMS],
    }


def write_search_files(app: Sphinx, exception: BaseException | None) -> None:
    """The base, the shards and the engine, from what each page says (drafts are never read)."""
    if exception is not None or not getattr(app.builder, "search", False) or app.builder.format != "html":
        return
    env = app.env
    folder = Path(app.builder.outdir) / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    generated = frozenset(get_book(env).generated)
    said = indexed_pages(env)
    docnames = sorted(name for name in env.all_docs if name in said and name not in generated)
    pages = [
        # the browser builds each result's address from its page name: c#sharp must be c%23sharp
        (url_path(name), env.titles[name].astext() if name in env.titles else name, said[name])
        for name in docnames
    ]
    base, shards = split(build_index(pages), query_reading())
    (folder / "t").mkdir(parents=True)
    write_atomically(folder / "base.js", base.encode("utf-8"))
    write_atomically(folder / "engine.js", engine_script().encode("utf-8"))
    for number, script in shards.items():
        write_atomically(folder / "t" / f"{number}.js", script.encode("utf-8"))
