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

import hashlib
import io
import pickle
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..api import get_book
from ..files import write_atomically
from ..model.urls import url_path
from ..upstream import ENGLISH_STOPWORDS, add_template_filter, sphinx_stemmer_scripts, without_theme_search_index
from . import index as index_module
from . import kept as kept_module
from . import shards as shards_module
from .collect import indexed_pages
from .kept import BASE, KeptIndex, Page, shard_name
from .korean import ENDINGS
from .shards import shard_count
from .synonyms import SYNONYMS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATES = Path(__file__).with_name("templates")
ENGINE = Path(__file__).with_name("engine.js")
#: under the output folder
FOLDER = Path("_static", "daybook-search")
FILTER = "daybook_without_search_index"
ENGINE_NAME = "engine.js"
#: in the doctree folder: what the search files were last made of (:class:`SearchCache`)
CACHE_FILENAME = "daybook-search.pickle"


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
    """Make ``folder`` hold the search files of ``pages``, writing only those that change; the names written.

    The cache at ``cache_path`` (in the doctree folder, never published)
    holds the index the files were made of (:class:`.kept.KeptIndex`) and
    each file's digest, size and time as written. A build whose pages say
    what the last build's said (a no-op, an edit of a generated page) only
    checks that the files are still as written; one that changed a page
    re-encodes that page's terms and writes the base and the shards that
    changed. Without a cache (a first build, another daybook, a build
    stopped while writing), the folder is written whole, as a clean build
    writes it. A file that is missing or not as written is written again,
    and a file no build writes is deleted.
    """
    cache = SearchCache(cache_path, folder)
    last = cache.read()
    kept: KeptIndex | None = None
    #: the index files that may have changed; ``None``: all of them
    changed: set[str] | None = None
    if last is not None and last.pages == pages and last.query == reading:
        changed, index_changed = set(), False
    else:
        index_changed = True
        if last is not None:
            kept = last.index()
            changed = kept.update(pages, reading)
        if changed is None:
            kept = KeptIndex.build(pages, reading)

    def index() -> KeptIndex:
        nonlocal kept
        if kept is None:
            assert last is not None
            kept = last.index()
        return kept

    before = last.files if last is not None else {}
    count = shard_count(last.size if kept is None and last is not None else index().size)
    names = [BASE, ENGINE_NAME, *(shard_name(number) for number in range(count))]
    candidates = [
        name for name in names
        if changed is None or name in changed or name == ENGINE_NAME or not _as_written(folder / name, before.get(name))
    ]
    scripts = {ENGINE_NAME: engine} if ENGINE_NAME in candidates else {}
    index_names = [name for name in candidates if name != ENGINE_NAME]
    if index_names:
        scripts.update(index().scripts(index_names))
    contents = {name: script.encode("utf-8") for name, script in scripts.items()}
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    to_write = [
        name for name in candidates
        if not (name in before and before[name][0] == digests[name] and _as_written(folder / name, before[name]))
    ]
    extra = [] if last is None else _extra_files(folder, set(names))
    if not (to_write or extra or index_changed):
        return []
    cache.forget()  # a build stopped from here on leaves no cache that vouches for the folder
    if last is None:
        shutil.rmtree(folder, ignore_errors=True)
    for path in extra:
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    files = {name: before[name] for name in names if name in before}
    for name in to_write:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, contents[name])
        files[name] = (digests[name], *_stat(path))
    cache.keep(index(), files)
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


class LastBuild:
    """What the cache says of the last build's search files; the encoded terms are read only when asked for."""

    def __init__(self, header: dict[str, Any], rest: io.BytesIO) -> None:
        self.pages: list[Page] = header["pages"]
        self.query: dict[str, Any] = header["query"]
        self.size: int = header["size"]
        self.files: dict[str, Written] = header["files"]
        self._rest = rest

    def index(self) -> KeptIndex:
        self._rest.seek(0)
        return KeptIndex(list(self.pages), self.query, pickle.load(self._rest), self.size)


class SearchCache:
    """The search files' cache in the doctree folder: a header (pages, query, files), then the encoded terms."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.path, self.folder = path, folder

    def read(self) -> LastBuild | None:
        try:
            data = io.BytesIO(self.path.read_bytes())
            header = pickle.load(data)
            if header.get("key") != _code_key() or header.get("folder") != str(self.folder):
                return None
            return LastBuild(header, io.BytesIO(data.read()))
        except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache: the files are written whole
            return None

    def forget(self) -> None:
        """Before the files change: a build stopped while writing them leaves no cache that vouches for them."""
        self.path.unlink(missing_ok=True)

    def keep(self, index: KeptIndex, files: dict[str, Written]) -> None:
        header = {
            "key": _code_key(), "folder": str(self.folder), "pages": index.pages, "query": index.query,
            "size": index.size, "files": files,
        }
        data = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
        data += pickle.dumps(index.encoded, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(self.path, data)
