"""The book's own identity: the seed blog's author, site and description in
conf.py; a placeholder author is a warning; the download button offers the
book's ePub and PDF when they are built beside the site."""

from __future__ import annotations

import hashlib
import json
import runpy
import shutil
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parents[2]
ROOTS = REPO / "tests" / "roots"
#: pages of test-flat: the cover, a part page, a chapter, a page without date
PAGES = ["index.html", "boostcamp/index.html", "boostcamp/day1-20210118/index.html", "about/index.html"]


def test_conf_carries_the_seed_blogs_identity():
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert conf["author"] == "코딩하는펭귄"
    assert conf["daybook_site_url"] == "https://cooding-penguin.netlify.com"
    description = conf["daybook_description"]
    # the posts are about the first cohort, in 2021
    assert "4기" not in description and "1기" in description and "2021" in description
    assert "코딩하는펭귄의 저장소" in description


def _build(srcdir: Path, builddir: Path) -> SphinxTestApp:
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=builddir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def _config_warnings(app: SphinxTestApp) -> list[str]:
    return [line for line in app.warning.getvalue().splitlines() if "[daybook.config]" in line]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('author = "daybook"', "author is 'daybook'"),
        ("", "author is not set"),
        ('author = "Author name not set"', "author is not set"),
    ],
)
def test_a_placeholder_author_is_one_warning_at_conf_py(tmp_path, line, expected):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-flat", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('author = "부캠러"', line), encoding="utf-8")
    found = _config_warnings(_build(srcdir, tmp_path / "build"))
    assert len(found) == 1, found
    assert expected in found[0] and "conf.py" in found[0]
    # at the author's line, or at the project's when there is none
    lines = conf.read_text(encoding="utf-8").splitlines()
    at = lines.index(line or 'project = "테스트 책"') + 1
    assert f"conf.py:{at}:" in found[0]


def test_a_real_author_is_no_warning(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-flat", srcdir)
    app = _build(srcdir, tmp_path / "build")
    assert _config_warnings(app) == []
    footer = BeautifulSoup((Path(app.outdir) / "index.html").read_bytes(), "html.parser").select_one(".component-author")
    assert footer.get_text(strip=True) == "지은이 부캠러"


def _downloads(outdir: Path, page: str) -> dict[str, str]:
    """label -> link target (relative to the site) of the download button's entries on ``page``."""
    soup = BeautifulSoup((outdir / page).read_bytes(), "html.parser")
    group = soup.select_one(".dropdown-download-buttons")
    if group is None:
        return {}
    entries = {}
    for entry in group.select(".dropdown-item"):
        label = next(c for c in entry["class"] if c.startswith("btn-download-"))
        target = entry.get("href") or entry.get("onclick")
        entries[label] = unquote(urljoin("http://site/" + page, target)).removeprefix("http://site/")
    return entries


#: kind -> the folder its Sphinx build works in (the Makefile's)
WORK_FOLDERS = {"epub": "epub-build", "pdf": "latex"}


def _book_files(builddir: Path, names: dict[str, str], *, drafts: bool = False, notes: bool = True) -> None:
    """The book's files beside the site, each with the note its build leaves (unless ``notes`` is false)."""
    for kind, name in names.items():
        (builddir / kind).mkdir(parents=True, exist_ok=True)
        data = f"{kind} of the book".encode()
        (builddir / kind / name).write_bytes(data)
        if notes:
            work = builddir / WORK_FOLDERS[kind]
            work.mkdir(parents=True, exist_ok=True)
            note = {"drafts": drafts, "sha256": {name: hashlib.sha256(data).hexdigest()}}
            (work / "daybook-takeaway.json").write_text(json.dumps(note), encoding="utf-8")


def _download_warnings(app: SphinxTestApp) -> list[str]:
    return [line for line in app.warning.getvalue().splitlines() if "daybook.downloads" in line]


def test_the_download_button_offers_the_book_built_beside_the_site(tmp_path):
    srcdir, builddir = tmp_path / "src", tmp_path / "build"
    shutil.copytree(ROOTS / "test-flat", srcdir)
    # as make epub and make pdf name them
    names = {"epub": "테스트-책.epub", "pdf": "테스트-책.pdf"}

    # without them: the theme's own button (the page's source and print) on a chapter, none on the cover
    outdir = Path(_build(srcdir, builddir).outdir)
    assert set(_downloads(outdir, "boostcamp/day1-20210118/index.html")) == {
        "btn-download-source-button", "btn-download-pdf-button",
    }
    assert _downloads(outdir, "index.html") == {}
    assert not (outdir / "_downloads" / "book").exists()

    # built beside the site: every page offers them, as copies in the site, in place of the source
    _book_files(builddir, names)
    outdir = Path(_build(srcdir, builddir).outdir)
    for page in PAGES:
        offered = _downloads(outdir, page)
        assert offered == {
            "btn-download-epub-button": f"_downloads/book/{names['epub']}",
            "btn-download-pdf-button": f"_downloads/book/{names['pdf']}",
        }, page
        for target in offered.values():
            assert (outdir / target).read_bytes() == (builddir / target.rsplit(".", 1)[1] / Path(target).name).read_bytes()

    # gone again: the pages and the site's copies follow
    shutil.rmtree(builddir / "epub")
    shutil.rmtree(builddir / "pdf")
    outdir = Path(_build(srcdir, builddir).outdir)
    for page in PAGES:
        assert "btn-download-epub-button" not in _downloads(outdir, page), page
    assert not (outdir / "_downloads" / "book").exists()


def test_no_download_button_when_the_theme_is_told_so(tmp_path):
    srcdir, builddir = tmp_path / "src", tmp_path / "build"
    shutil.copytree(ROOTS / "test-flat", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nhtml_theme_options = {"use_download_button": False}\n')
    _book_files(builddir, {"epub": "테스트-책.epub", "pdf": "테스트-책.pdf"})
    outdir = Path(_build(srcdir, builddir).outdir)
    for page in PAGES:
        assert _downloads(outdir, page) == {}, page


@pytest.mark.parametrize("stale_note", [False, True])
def test_a_file_no_build_vouches_for_is_not_offered(tmp_path, stale_note):
    """Copied in by hand, or left by a build that did not finish: not offered, one warning each."""
    srcdir, builddir = tmp_path / "src", tmp_path / "build"
    shutil.copytree(ROOTS / "test-flat", srcdir)
    names = {"epub": "테스트-책.epub", "pdf": "테스트-책.pdf"}
    _book_files(builddir, names, notes=False)
    if stale_note:  # notes, but the PDF is not the one its note names (an earlier build's)
        _book_files(builddir, names)
        (builddir / "pdf" / names["pdf"]).write_bytes(b"another pdf")
    app = _build(srcdir, builddir)
    outdir = Path(app.outdir)
    offered = _downloads(outdir, "boostcamp/day1-20210118/index.html")
    # the ePub its note vouches for is offered; the PDF no note vouches for is not
    expected = [f"_downloads/book/{names['epub']}"] if stale_note else []
    assert [target for target in offered.values() if target.startswith("_downloads/book/")] == expected, offered
    warnings = _download_warnings(app)
    assert len(warnings) == (1 if stale_note else 2), warnings
    assert all("no note of its build vouches for it" in w for w in warnings), warnings
    assert not (outdir / "_downloads" / "book" / names["pdf"]).exists()


def test_a_book_built_with_drafts_is_offered_only_by_a_site_built_with_them(tmp_path):
    """make epub DRAFTS=1, then make html: the ePub holds drafts, so the site must not carry it."""
    srcdir, builddir = tmp_path / "src", tmp_path / "build"
    shutil.copytree(ROOTS / "test-flat", srcdir)
    names = {"epub": "테스트-책.epub", "pdf": "테스트-책.pdf"}
    _book_files(builddir, names, drafts=True)
    app = _build(srcdir, builddir)
    outdir = Path(app.outdir)
    for page in PAGES:
        assert "btn-download-epub-button" not in _downloads(outdir, page), page
    assert not (outdir / "_downloads" / "book").exists()
    warnings = _download_warnings(app)
    assert len(warnings) == 2 and all("built with drafts" in w for w in warnings), warnings

    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\ndaybook_drafts = True\n", encoding="utf-8")
    app = _build(srcdir, builddir)
    assert _download_warnings(app) == []
    assert set(_downloads(Path(app.outdir), "index.html")) == {"btn-download-epub-button", "btn-download-pdf-button"}
