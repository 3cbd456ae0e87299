"""The search index, fetched when the reader searches: Sphinx glue around :mod:`.shards`.

The theme's layout loads ``searchindex.js`` on every page (for search as you
type). daybook's layout (``writing/templates/layout.html``) extends the
theme's and writes its head without that tag; its search page
(``search/templates/search.html``) drops it through this module's filter; ``search-page.js`` fetches the base and the shards of the
query's terms when the reader starts a search. Sphinx's ``searchindex.js``
is still written, whole, for tools that read it; no page loads it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model.urls import url_path
from ..upstream import add_template_filter, js_index
from .shards import split

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = Path(__file__).with_name("templates")
#: under the output folder
FOLDER = Path("_static", "daybook-search")
FILTER = "daybook_without_search_index"
_INDEX_SCRIPT = re.compile(r'\s*<script src="[^"<>]*searchindex\.js"></script>')


def without_search_index(html: str) -> Markup:
    """``html`` (a block of the theme's template) without its ``searchindex.js`` tag."""
    return Markup(_INDEX_SCRIPT.sub("", str(html)))


def add_templates(app: Sphinx, config: Config) -> None:
    """daybook's search page comes first; it extends the theme's own."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def add_filter(app: Sphinx) -> None:
    add_template_filter(app.builder, FILTER, without_search_index)


def write_search_files(app: Sphinx, exception: BaseException | None) -> None:
    """The base and the shards, from the index Sphinx has just written (and daybook tidied)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.builder.outdir)
    index_path = outdir / "searchindex.js"
    folder = outdir / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    if not index_path.is_file():
        return
    try:
        index = js_index.loads(index_path.read_text(encoding="utf-8"))
    except ValueError:
        return
    # the browser builds each result's address from its page name: c#sharp must be c%23sharp
    index["docnames"] = [url_path(name) for name in index.get("docnames", [])]
    base, shards = split(index)
    (folder / "t").mkdir(parents=True)
    (folder / "base.js").write_text(base, encoding="utf-8")
    for number, script in shards.items():
        (folder / "t" / f"{number}.js").write_text(script, encoding="utf-8")
