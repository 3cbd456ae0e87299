"""What real authors write never leaks a draft, loses a post silently or stops the build.

The corpus is tests/roots/test-trust plus what a repository cannot hold
portably (a file name macOS writes decomposed, front matter over 64 KB), made
here. Every draft holds a canary that must reach no output file.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import unicodedata
import zlib
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from incremental import assert_same_output, touch_later

from daybook.model.links import post_link
from daybook.model.urls import absolute_url, image_file_names, url_path

BASE = "https://book.example.com/"
CANARIES = ("CANARYCOLON", "CANARYTAB", "CANARYUNCLOSED", "CANARYTWICE", "CANARYSECRET", "CANARYHUGE", "CANARYNFDDRAFT")
#: posts that are drafts or whose front matter may be one: no page, no byte
PRIVATE = {
    "일기/colon-draft.md", "일기/tab-draft.md", "일기/unclosed-draft.md", "일기/twice-draft.md",
    "일기/secret.md", "일기/huge-draft.md", "일기/초안.md",
}
#: posts the book cannot serve at their URL: a located warning names each
LEFT_OUT_WITH_A_WARNING = {"search.md", "genindex.md", "feed.xml.md"}


def make_corpus(rootdir: Path, srcdir: Path) -> Path:
    shutil.copytree(rootdir / "test-trust", srcdir)
    nfd = unicodedata.normalize("NFD", "첫날")
    (srcdir / "일기" / f"{nfd}.md").write_text(
        "---\ntitle: 맥에서 쓴 첫날\ndate: 2021-02-27\n---\n\n[둘째 날](../day2-20210302/)\n", encoding="utf-8"
    )
    (srcdir / "일기" / unicodedata.normalize("NFD", "초안.md")).write_text(
        "---\ntitle: 맥에서 쓴 초안\ndate: 2021-02-28\ndraft: true\n---\n\nCANARYNFDDRAFT\n", encoding="utf-8"
    )
    padding = "\n".join(f"note{i}: {'가' * 60}" for i in range(1100))
    (srcdir / "일기" / "huge-draft.md").write_text(
        f"---\ntitle: 큰 초안\ndraft: true\n{padding}\n---\n\nCANARYHUGE\n", encoding="utf-8"
    )
    # a link to the decomposed post, written composed, from a published one
    day1 = srcdir / "일기" / "day1-20210301.md"
    day1.write_text(day1.read_text(encoding="utf-8") + "\n[첫날](../첫날/)\n", encoding="utf-8")
    return srcdir


def build(make_app, srcdir: Path, outdir: Path, *, parallel: int = 0, freshenv: bool = False):
    app = make_app("dirhtml", srcdir=srcdir, builddir=outdir, parallel=parallel, freshenv=freshenv)
    app.build()
    return app


def warnings_of(app) -> list[str]:
    return [line for line in app.warning.getvalue().splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, rootdir):
    return make_corpus(rootdir, tmp_path_factory.mktemp("trust") / "src")


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory, make_app_module):
    app = build(make_app_module, corpus, tmp_path_factory.mktemp("serial"), freshenv=True)
    return app, Path(app.outdir), warnings_of(app)


@pytest.fixture(scope="module")
def make_app_module():
    """Sphinx test apps that live as long as the module's corpus build."""
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


def output_bytes(outdir: Path) -> dict[str, bytes]:
    """Every published file; ``objects.inv`` unpacked, so its text is searched too."""
    files = {}
    for path in outdir.rglob("*"):
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        data = path.read_bytes()
        if path.name == "objects.inv":
            head, _, packed = data.partition(b"zlib.\n")
            data = head + zlib.decompress(packed)
        files[path.relative_to(outdir).as_posix()] = data
    return files


def test_no_traceback_and_every_problem_is_a_located_warning(serial):
    _, _, found = serial
    assert not [w for w in found if "Traceback" in w or "Exception" in w or "exception" in w]
    for warning in found:
        assert re.search(r"\.md:\d+: (WARNING|ERROR)", warning), warning


def test_no_draft_byte_reaches_any_output(serial):
    _, outdir, _ = serial
    for name, data in output_bytes(outdir).items():
        for canary in CANARIES:
            assert canary.encode() not in data, (canary, name)
    titles = ("DAY 4: 회고 초안", "탭 초안", "안 닫힌 초안", "두 번", "숨긴 초안 제목", "큰 초안", "맥에서 쓴 초안")
    for name, data in output_bytes(outdir).items():
        text = data.decode("utf-8", errors="replace")
        for title in titles:
            assert f">{title}<" not in text and f'"{title}"' not in text, (title, name)


def test_every_published_post_has_its_page_or_a_located_warning(serial, corpus):
    _, outdir, found = serial
    for path in sorted(corpus.rglob("*.md")):
        relative = unicodedata.normalize("NFC", path.relative_to(corpus).as_posix())
        if relative in PRIVATE or relative == "index.md":
            continue
        docname = relative.removesuffix(".md")
        page = outdir / docname.removesuffix("/index") / "index.html"
        if relative in LEFT_OUT_WITH_A_WARNING:
            assert [w for w in found if f"{relative}:1:" in w and "left out" in w], relative
            # the URL is the site's own page (search/, genindex/) or file (feed.xml), never the post
            title = re.search(r"title: (.+)", path.read_text(encoding="utf-8"))[1]
            assert not page.is_file() or title not in page.read_text(encoding="utf-8"), relative
            continue
        assert page.is_file(), relative
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one("article h1"), relative
    # each draft kept private without saying so plainly is named by a warning with its line
    for private in ("colon-draft.md:2", "tab-draft.md:3", "unclosed-draft.md:1", "twice-draft.md:5", "huge-draft.md:1"):
        assert [w for w in found if f"일기/{private}:" in w and "private" in w], private


def test_generated_pages_that_move_say_so_and_nothing_shares_a_url(serial):
    _, outdir, found = serial
    for file, moved_to in (("archive.md", "/archive-2/"), ("일기.md", "/일기-2/"), ("react/index.md", "/react-2/"),
                           ("tags/python.md", "/tags/python-2/")):
        assert [w for w in found if f"{file}:1:" in w and moved_to in w], file
    assert (outdir / "archive/index.html").read_text(encoding="utf-8").count("나의 보관함") >= 1
    assert (outdir / "archive-2/index.html").is_file() and (outdir / "일기-2/index.html").is_file()
    # Python and python: one tag page listing both posts; !!!, ??? and index: pages of their own
    python = BeautifulSoup((outdir / "tags/python-2/index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {a.get_text() for a in python.select("article .daybook-chapter-list a")}
    assert {"DAY 2. 제목이 두 줄", "day3-20210303"} <= listed
    tag_pages = sorted(p.parent.name for p in (outdir / "tags").glob("*/index.html"))
    assert len(tag_pages) == len(set(tag_pages)) >= 6, tag_pages


def test_links_sitemap_and_feed_urls_are_valid_and_encoded(serial):
    _, outdir, _ = serial
    pages = {p.relative_to(outdir).as_posix() for p in outdir.rglob("index.html")}
    broken = []
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        here = "https://x.invalid/" + url_path(page.relative_to(outdir).as_posix())
        for anchor in soup.select("a[href]"):
            href = anchor["href"]
            if href.startswith(("http", "mailto:", "#", "javascript:")):
                continue
            target = urlsplit(urljoin(here, href))
            path = unquote(target.path)[1:]
            if path.endswith("/") or path == "":
                path += "index.html"
            if not (outdir / path).exists():
                broken.append((page.relative_to(outdir).as_posix(), href))
    assert broken == []
    assert {"일기/c#sharp/index.html", "일기/what?/index.html", "일기/100%/index.html", "일기/첫날/index.html"} <= pages
    day1 = (outdir / "일기/day1-20210301/index.html").read_text(encoding="utf-8")
    assert 'href="../첫날/"' in day1
    # the sidebar of a chapter of the same part lists them, encoded
    assert 'href="../c%23sharp/"' in day1 and 'href="../what%3F/"' in day1 and 'href="../100%25/"' in day1
    # search results are linked from the page names the browser fetches
    base = (outdir / "_static/daybook-search/base.js").read_text(encoding="utf-8")
    names = json.loads(base[base.index("(") + 1 : base.rindex(")")])["docnames"]
    assert {"일기/c%23sharp", "일기/what%3F", "일기/100%25"} <= set(names)
    for xml in ("sitemap.xml", "feed.xml"):
        text = (outdir / xml).read_text(encoding="utf-8")
        urls = re.findall(r"<loc>([^<]+)</loc>", text) or re.findall(r'href="([^"]+)"', text)
        assert urls
        for url in urls:
            assert url.isascii() and " " not in url, url
            parts = urlsplit(url)
            assert not parts.query and not parts.fragment, url
            if parts.path.endswith("/") and url.startswith(BASE):
                assert (outdir / unquote(parts.path)[1:] / "index.html").is_file(), url


def test_images_of_one_name_get_names_by_their_path(serial):
    _, outdir, _ = serial
    names = sorted(p.name for p in (outdir / "_images").iterdir())
    assert names == sorted(image_file_names(["사진/a/img/1.png", "사진/b/img/1.png"]).values())
    red = (outdir / "사진/a/index.html").read_text(encoding="utf-8")
    assert image_file_names(["사진/a/img/1.png", "사진/b/img/1.png"])["사진/a/img/1.png"] in red


def test_parallel_equals_serial(serial, corpus, tmp_path, make_app):
    _, outdir, _ = serial
    parallel = build(make_app, corpus, tmp_path / "parallel", parallel=2, freshenv=True)
    assert_same_output(Path(parallel.outdir), outdir)


def test_incremental_equals_clean_when_a_category_empties(rootdir, tmp_path, make_app):
    """``react`` and ``React``: moving react's only other post away moves React's part page."""
    src = make_corpus(rootdir, tmp_path / "src")
    build(make_app, src, tmp_path / "incremental", freshenv=True)
    index = src / "react" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("category: react", "category: 메모"), encoding="utf-8")
    touch_later(index)
    incremental = build(make_app, src, tmp_path / "incremental")
    clean = build(make_app, src, tmp_path / "clean", freshenv=True)
    assert_same_output(Path(incremental.outdir), Path(clean.outdir))
    hooks = BeautifulSoup(
        (Path(clean.outdir) / "react/hooks/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert hooks.select_one(".daybook-category a")


# --- properties of names ------------------------------------------------------------------

NAME = (
    st.lists(st.sampled_from(list("가각첫날일기abcXYZ019-_.#?%&+= ") + ["\u1100\u1161", "e\u0301"]), min_size=1, max_size=10)
    .map("".join)
    .filter(lambda s: s.strip(" .") == s and s not in ("", "index"))
)


@settings(max_examples=300, deadline=None)
@given(NAME)
def test_a_link_path_decodes_back_to_its_name_and_leaves_nothing_that_breaks_a_url(name):
    encoded = url_path(f"folder/{name}/")
    assert "#" not in encoded and "?" not in encoded
    assert unquote(encoded) == f"folder/{name}/"
    absolute = absolute_url(BASE, encoded)
    assert absolute.isascii() and unquote(absolute) == BASE + f"folder/{name}/"


@settings(max_examples=300, deadline=None)
@given(NAME, st.sampled_from(["NFC", "NFD"]), st.booleans())
def test_a_link_in_any_normalization_or_encoding_names_the_composed_post(name, form, encoded):
    written = unicodedata.normalize(form, name)
    href = "../" + (quote(written) if encoded else url_path(written)) + "/"
    link = post_link(href, "일기/day1", "")
    assert link is not None and link.path == "일기/" + unicodedata.normalize("NFC", name)


@settings(max_examples=8, deadline=None)
@given(st.lists(NAME, min_size=1, max_size=3, unique_by=lambda s: unicodedata.normalize("NFC", s).casefold()))
def test_posts_of_any_name_are_built_at_their_url(tmp_path_factory, names):
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp("names")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "daybook"]\nhtml_theme = "basic"\nlanguage = "ko"\n',
        encoding="utf-8",
    )
    (src / "일기").mkdir()
    for number, name in enumerate(names):
        (src / "일기" / f"{unicodedata.normalize('NFD', name)}.md").write_text(
            f"---\ntitle: 글 {number}\ndate: 2021-01-0{number + 1}\n---\n\n본문 {number}\n", encoding="utf-8"
        )
    app = SphinxTestApp("dirhtml", srcdir=src, builddir=src / "_build")
    try:
        app.build()
        out = Path(app.outdir)
        for number, name in enumerate(names):
            page = out / "일기" / unicodedata.normalize("NFC", name) / "index.html"
            assert page.is_file() and f"본문 {number}" in page.read_text(encoding="utf-8"), name
        listing = (out / "일기" / "index.html").read_text(encoding="utf-8")
        for name in names:
            assert f'href="{html.escape(url_path(unicodedata.normalize("NFC", name)))}/"' in listing
    finally:
        app.cleanup()
