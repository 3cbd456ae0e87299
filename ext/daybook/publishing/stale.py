"""Nothing stale: an incremental build leaves no output of a page that is gone.

Sphinx forgets a removed document but keeps the files it wrote for it. For a
blog that matters twice over: a post turned back into a draft must vanish
from the output, and an incremental build must equal a clean one. So, for each
document removed this build, its page, its ``_sources`` copy and its pickled
doctree are deleted; images no page uses any more are deleted at the end (from
the web output and from the LaTeX folder the PDF is made in), and so are
search terms left with no page.

The search index also names each page's source file; a generated page's is a
file of the daybook package, whose path would tell where the book was built:
it is left blank.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..api import get_book
from ..environment import IMAGE_NAMES
from ..files import escape_glob, write_atomically
from ..upstream import copied_image_names, js_index

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def delete_removed_pages(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Delete the page, ``_sources`` copy and doctree of each document removed this build."""
    builder = app.builder
    outdir = Path(builder.outdir)
    for docname in removed:
        with contextlib.suppress(FileNotFoundError):
            (Path(env.doctreedir) / f"{docname}.doctree").unlink()
        if builder.format != "html" or not hasattr(builder, "get_outfilename"):
            continue
        page = Path(builder.get_outfilename(docname))
        _unlink_and_prune(page, outdir)
        sources = outdir / "_sources" / docname
        for copy in sources.parent.glob(f"{escape_glob(sources.name)}.*"):
            _unlink_and_prune(copy, outdir)
    # which copied images belong to pages: compared again when the build ends
    IMAGE_NAMES.put(env, copied_image_names(env))
    return []


#: builders whose output folder keeps the images of earlier builds (the ePub's starts empty)
KEEPS_IMAGES = frozenset({"latex"})


def delete_unused_output(app: Sphinx, exception: BaseException | None) -> None:
    """Images no page uses any more; search terms left with no page."""
    if exception is not None:
        return
    if app.builder.format == "html" or app.builder.name in KEEPS_IMAGES:
        # the LaTeX builder copies images beside the .tex: a draft's must go too
        _drop_unused_images(app)
    if app.builder.format != "html":
        return
    generated = frozenset(get_book(app.env).generated)
    _tidy_search_index(Path(app.builder.outdir) / "searchindex.js", generated)


def _tidy_search_index(path: Path, generated: frozenset[str]) -> None:
    """Drop terms with no page (Sphinx keeps one whose only page changed); blank generated pages' files."""
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    try:
        index = js_index.loads(text)
    except ValueError:
        return
    changed = False
    for key in ("terms", "titleterms"):
        terms = index.get(key)
        if isinstance(terms, dict):
            kept = {term: pages for term, pages in terms.items() if pages != []}
            changed = changed or len(kept) != len(terms)
            index[key] = kept
    docnames, filenames = index.get("docnames"), index.get("filenames")
    if isinstance(docnames, list) and isinstance(filenames, list):
        for position, docname in enumerate(docnames):
            if docname in generated and position < len(filenames) and filenames[position]:
                filenames[position] = ""
                changed = True
    if changed:
        # as Sphinx writes it: whole, then renamed over the old one
        write_atomically(path, js_index.dumps(index).encode("utf-8"))


def _drop_unused_images(app: Sphinx) -> None:
    env = app.env
    before = IMAGE_NAMES.get(env, set())
    now = copied_image_names(env)
    images = Path(app.builder.outdir) / getattr(app.builder, "imagedir", "_images")
    for name in before - now:
        with contextlib.suppress(FileNotFoundError):
            (images / name).unlink()


def _unlink_and_prune(path: Path, outdir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    folder = path.parent
    while folder != outdir and outdir in folder.parents:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            break
        folder = folder.parent
