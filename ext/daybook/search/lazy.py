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

import json
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
from .shards import fingerprint, split
from .synonyms import SYNONYMS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATES = Path(__file__).with_name("templates")
ENGINE = Path(__file__).with_name("engine.js")
#: under the output folder
FOLDER = Path("_static", "daybook-search")
FILTER = "daybook_without_search_index"
#: in the doctree folder: what the search files were last made of (:class:`Stamp`)
STAMP_FILENAME = "daybook-search.stamp"


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
    """The base, the shards and the engine, from what each page says (drafts are never read).

    A build whose pages say what the last build's said (a no-op, an edit of
    a generated page) finds the files it would write already there and
    leaves them: the stamp in the doctree folder names what they were made
    of (:func:`.shards.fingerprint`) and which files they are.
    """
    if exception is not None or not getattr(app.builder, "search", False) or app.builder.format != "html":
        return
    env = app.env
    folder = Path(app.builder.outdir) / FOLDER
    generated = frozenset(get_book(env).generated)
    said = indexed_pages(env)
    docnames = sorted(name for name in env.all_docs if name in said and name not in generated)
    pages = [
        # the browser builds each result's address from its page name: c#sharp must be c%23sharp
        (url_path(name), env.titles[name].astext() if name in env.titles else name, said[name])
        for name in docnames
    ]
    reading, engine = query_reading(), engine_script()
    stamp = Stamp(Path(app.doctreedir) / STAMP_FILENAME, folder, fingerprint(pages, reading, engine))
    if stamp.holds():
        return
    stamp.forget()
    shutil.rmtree(folder, ignore_errors=True)
    base, shards = split(build_index(pages), reading)
    (folder / "t").mkdir(parents=True)
    files = {"base.js": base, "engine.js": engine, **{f"t/{number}.js": script for number, script in shards.items()}}
    for name, script in files.items():
        write_atomically(folder / name, script.encode("utf-8"))
    stamp.keep(sorted(files))


class Stamp:
    """What the search files in ``folder`` were made of, kept in the doctree folder (never published)."""

    def __init__(self, path: Path, folder: Path, fingerprint: str) -> None:
        self.path, self.folder, self.fingerprint = path, folder, fingerprint

    def holds(self) -> bool:
        """Whether ``folder`` holds the files of this fingerprint, as the last build wrote them."""
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(kept, dict) or kept.get("folder") != str(self.folder):
            return False
        if kept.get("fingerprint") != self.fingerprint or not isinstance(kept.get("files"), list):
            return False
        return all(isinstance(name, str) and (self.folder / name).is_file() for name in kept["files"])

    def forget(self) -> None:
        """Before the files change: a build stopped while writing them leaves no stamp that vouches for them."""
        self.path.unlink(missing_ok=True)

    def keep(self, files: list[str]) -> None:
        record = {"folder": str(self.folder), "fingerprint": self.fingerprint, "files": files}
        write_atomically(self.path, json.dumps(record).encode("utf-8"))
