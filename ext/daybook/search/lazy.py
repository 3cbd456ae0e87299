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

An incremental build writes only what changed (:func:`write_search_folder`):
the index the files were made of is kept in the doctree folder
(:mod:`.kept`), so a body edit re-encodes that page's terms and writes the
base and the shards whose bytes change, and leaves the others (and their
times) alone. What it writes is what a clean build writes, byte for byte.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..api import get_book
from ..assets import STATIC_SUBDIR
from ..files import write_atomically
from ..model.urls import url_path
from ..upstream import (
    ENGLISH_STOPWORDS,
    add_template_filter,
    asset_file,
    sphinx_stemmer_scripts,
    without_theme_search_index,
)
from . import index as index_module
from . import kept as kept_module
from . import shards as shards_module
from .collect import indexed_pages
from .kept import KeptIndex, Page
from .korean import ENDINGS
from .synonyms import SYNONYMS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATES = Path(__file__).with_name("templates")
ENGINE = Path(__file__).with_name("engine.js")
#: what starts a search in the page (``setup`` ships it with every page: :func:`..assets.add_static_files`)
SEARCH_PAGE_SCRIPT = Path(__file__).with_name("search-page.js")
#: its name among a page's ``script_files``
SEARCH_STARTER = f"_static/{STATIC_SUBDIR}/{SEARCH_PAGE_SCRIPT.name}"
#: under the output folder
FOLDER = Path("_static", "daybook-search")
FILTER = "daybook_without_search_index"
ENGINE_NAME = "engine.js"
#: in the doctree folder: what the search files were last made of (:class:`SearchCache`)
CACHE_FILENAME = "daybook-search.pickle"


def inline_search_starter(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The search page holds the text of its search starter (``search-page.js``), not a tag that fetches it.

    Its template writes the text first in the head
    (``templates/search.html``, ``daybook_search_starter``): a script after
    a stylesheet waits for it to arrive and be parsed, the theme's 370 kB one
    too, and a file would wait for a connection behind the page's seventeen
    others over HTTP/1. Were the script ever to hold what ends a ``<script>``
    element, the page keeps the file.
    """
    scripts = context.get("script_files")
    if templatename != "search.html" or not isinstance(scripts, list):
        return
    if not any(asset_file(asset) == SEARCH_STARTER for asset in scripts):
        return
    text = SEARCH_PAGE_SCRIPT.read_text(encoding="utf-8")
    if not can_be_inline_script(text):
        return
    # in place: the builder's own list, which Sphinx restores for the next page
    scripts[:] = [asset for asset in scripts if asset_file(asset) != SEARCH_STARTER]
    context["daybook_search_starter"] = text


def can_be_inline_script(text: str) -> bool:
    """Whether ``text`` reads the same inside ``<script>…</script>`` as from a file.

    The HTML parser ends the element at ``</script`` and treats ``<!--`` and
    ``<script`` specially inside it, whatever the JavaScript means there.
    """
    lowered = text.lower()
    return not any(marker in lowered for marker in ("</script", "<!--", "<script"))


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
    generated = frozenset(get_book(env).generated)
    said = indexed_pages(env)
    docnames = sorted(name for name in env.all_docs if name in said and name not in generated)
    pages = [
        # the browser builds each result's address from its page name: c#sharp must be c%23sharp
        (url_path(name), env.titles[name].astext() if name in env.titles else name, said[name])
        for name in docnames
    ]
    folder = Path(app.builder.outdir) / FOLDER
    write_search_folder(folder, Path(app.doctreedir) / CACHE_FILENAME, pages, query_reading(), engine_script())


def write_search_folder(
    folder: Path, cache_path: Path, pages: list[Page], reading: dict[str, Any], engine: str
) -> list[str]:
    """Make ``folder`` hold the search files of ``pages``, writing only those whose bytes change; the names written.

    The cache at ``cache_path`` (in the doctree folder, never published)
    holds the index the files were made of (:class:`.kept.KeptIndex`) and
    each file's digest and :func:`_stat` as written. A build whose pages say
    what the last build's said (a no-op, an edit of a generated page) only
    checks that the files are still as written; one that changed a page
    re-encodes that page's terms and writes the base and the shards whose
    bytes changed. Without a cache (a first build, a build by other code, a
    build stopped while writing), the folder is written whole, as a clean
    build writes it. A file that is missing or not as written is written
    again, and a file no build writes is deleted.
    """
    cache = SearchCache(cache_path, folder)
    last = cache.read()
    if last is None:
        index, written, changed, same = KeptIndex.build(pages, reading), {}, None, False
    else:
        index, written = last
        same = index.pages == pages and index.query == reading
        changed = set() if same else index.update(pages, reading)
        if changed is None:
            index = KeptIndex.build(pages, reading)
    names = [*index.file_names(), ENGINE_NAME]
    # which files may differ from what the folder holds: those whose bytes may change, those not as written
    doubtful = [
        name for name in names
        if changed is None or name in changed or name == ENGINE_NAME
        or not _as_written(folder / name, written.get(name))
    ]
    scripts = index.scripts([name for name in doubtful if name != ENGINE_NAME])
    contents = {name: (engine if name == ENGINE_NAME else scripts[name]).encode("utf-8") for name in doubtful}
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    to_write = [
        name for name in doubtful
        if not (name in written and written[name][0] == digests[name] and _as_written(folder / name, written[name]))
    ]
    extra = [] if last is None else _extra_files(folder, set(names))
    if same and not (to_write or extra):
        return []
    cache.forget()  # a build stopped from here on leaves no cache that vouches for the folder
    if last is None:
        shutil.rmtree(folder, ignore_errors=True)
    for path in extra:
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    kept = {name: written[name] for name in names if name in written}
    for name in to_write:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, contents[name])
        kept[name] = (digests[name], *_stat(path))
    cache.keep(index, kept)
    return to_write


#: a file's digest, then what :func:`_stat` gave when the last build wrote it
Written = tuple[str, int, int, int, int]


def _stat(path: Path) -> tuple[int, int, int, int]:
    """What changes when anyone writes the file: its size, its times (content and inode), its inode number."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def _as_written(path: Path, written: Written | None) -> bool:
    if written is None:
        return False
    try:
        return _stat(path) == written[1:]
    except OSError:
        return False


def _extra_files(folder: Path, names: set[str]) -> list[Path]:
    """What ``folder`` holds besides ``names``: a shard of a larger index, a file put there by hand."""
    extra: list[Path] = []
    if not folder.is_dir():
        return extra
    for entry in folder.iterdir():
        if entry.name == "t" and entry.is_dir() and not entry.is_symlink():
            extra.extend(shard for shard in entry.iterdir() if f"t/{shard.name}" not in names)
        elif entry.name not in names:
            extra.append(entry)
    return extra


def _code_key() -> str:
    """A digest of the code that encodes the index: a cache written by other code is not used."""
    digest = hashlib.sha256()
    for module in (index_module, shards_module, kept_module):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


class SearchCache:
    """The search files' cache in the doctree folder: the index they were made of and each file as written."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.path, self.folder = path, folder
        self.key = _code_key()

    def read(self) -> tuple[KeptIndex, dict[str, Written]] | None:
        try:
            record = pickle.loads(self.path.read_bytes())
            if record["key"] != self.key or record["folder"] != str(self.folder):
                return None
            index, written = record["index"], record["written"]
        except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache: the folder is written whole
            return None
        return (index, written) if isinstance(index, KeptIndex) and isinstance(written, dict) else None

    def forget(self) -> None:
        """Before the files change: a build stopped while writing them leaves no cache that vouches for them."""
        self.path.unlink(missing_ok=True)

    def keep(self, index: KeptIndex, written: dict[str, Written]) -> None:
        record = {"key": self.key, "folder": str(self.folder), "index": index, "written": written}
        write_atomically(self.path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
