"""Moving in: ``make import BLOG=…`` then ``make html`` on a copy of the repository.

The blog is ``tests/moving/gatsby-bee``, shaped like a gatsby-starter-bee
repository: template-string values, values only Gatsby can compute
(``process.env…``, ``${…}``), an about page per language (the starter's
about.js shows the Korean one), a profile photo, utterances keyed by
pathname, a draft, posts the starter hid, a ``.markdown`` post. The real
``docs/`` and ``conf.py`` are never touched: everything runs in a copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daybook.moving.importer import MANIFEST, SAMPLE_POSTS, ImportOptions, run_import
from daybook.moving.redirects import parse_netlify_redirects

REPO = Path(__file__).resolve().parents[2]
BLOG = REPO / "tests" / "moving" / "gatsby-bee"
BOOK_URL = "https://devlog.readthedocs.io/ko/latest/"
SITE_URL = "https://cooding-penguin.netlify.com"
#: the posts the blog published (draft false and a category), by their path there
BLOG_PATHS = [
    "/boostcamp/day27-20210302/",
    "/boostcamp/day28-20210303/",
    "/알고리즘/이분-탐색/",
    "/Deep Learning/test/",
    "/react/error-handling/",
]
#: the posts the starter hid and the book publishes (the report warns)
HIDDEN_BY_BLOG = ["/etc/no-category/", "/etc/quoted-false/"]
DRAFT_CANARY = "DRAFT-CANARY-29"
ENGLISH_CANARY = "ENGLISH-RESUME-CANARY"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def copy_repository(target: Path) -> Path:
    """What a clone holds for the book: conf.py, the Makefile, the extension, the posts."""
    target.mkdir(parents=True)
    for name in ("conf.py", "Makefile", "requirements.txt"):
        shutil.copy2(REPO / name, target / name)
    for name in ("ext", "docs"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def make(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``make`` in the copy, with this test run's Python environment (already installed)."""
    venv = Path(sys.prefix)
    command = ["make", "-s", *args, f"VENV={venv}", "-o", f"{venv}/.installed-book"]
    environment = {k: v for k, v in os.environ.items() if k != "READTHEDOCS_CANONICAL_URL"}
    environment.update(env or {})
    return subprocess.run(command, cwd=repo, env=environment, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory):
    """The blog imported into a copy of the repository, then built twice: locally and as on Read the Docs."""
    before = tree_digest(REPO / "docs"), (REPO / "conf.py").read_bytes()
    repo = copy_repository(tmp_path_factory.mktemp("moved") / "repo")
    imported = make(repo, "import", f"BLOG={BLOG}", f"BOOK_URL={BOOK_URL}")
    assert imported.returncode == 0, imported.stderr + imported.stdout
    local = make(repo, "html", "BUILDDIR=_build")
    assert local.returncode == 0, local.stderr
    rtd = make(repo, "html", "BUILDDIR=_build_rtd", env={"READTHEDOCS_CANONICAL_URL": "https://devlog.readthedocs.io/ko/stable/"})
    assert rtd.returncode == 0, rtd.stderr
    yield {
        "repo": repo,
        "report": imported.stdout,
        "local": repo / "_build" / "html",
        "rtd": repo / "_build_rtd" / "html",
        "warnings": local.stderr,
    }
    assert (tree_digest(REPO / "docs"), (REPO / "conf.py").read_bytes()) == before, "the real docs/ or conf.py changed"


def page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / path.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def output_texts(root: Path):
    for file in root.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".js", ".txt", ".json", ".md", ".inv"):
            yield file, file.read_bytes().decode("utf-8", "replace")


# -- the report ---------------------------------------------------------------------------


def test_the_report_says_what_was_imported_hidden_and_not_carried(moved):
    report = moved["report"]
    assert "8 from content/blog/: 7 chapters" in report
    assert "drafts        boostcamp/day29-20210304" in report
    assert "content/__about/resume-ko.md -> about/index.md" in report
    assert "content/assets/profile.png -> _daybook/profile.png" in report
    assert "sample post   boostcamp/day28-20210303.md: replaced by the blog's post" in report
    warnings = report.split("\nwarnings:\n")[1].split("\nnot carried:\n")[0]
    assert "etc/no-category.md: the blog made no page for it (it has no category)" in warnings
    assert "etc/quoted-false.md: the blog made no page for it (its draft: 'false' is true in JavaScript)" in warnings
    not_carried = report.split("\nnot carried:\n")[1]
    assert "ga: not read: read from the environment when Gatsby builds" in not_carried
    assert "process.env.GOOGLE_ANALYTICS_ID" in not_carried
    assert "share.facebookAppId: not read: a template string with ${process.env.FB_APP_ID}" in not_carried
    assert "notes/old.markdown: the book reads .md files only" in not_carried
    assert "keywords: not carried" in not_carried


# -- the book -------------------------------------------------------------------------------


@pytest.mark.parametrize("build", ["local", "rtd"])
def test_every_post_is_at_its_blog_path_and_the_draft_nowhere(moved, build):
    root = moved[build]
    for path in BLOG_PATHS + HIDDEN_BY_BLOG + ["/about/"]:
        assert (root / path.strip("/") / "index.html").is_file(), path
    assert not (root / "boostcamp" / "day29-20210304").exists()
    for file, text in output_texts(root):
        assert DRAFT_CANARY not in text, file
        assert ENGLISH_CANARY not in text, file
    assert "WARNING" not in moved["warnings"], moved["warnings"]


def test_the_book_has_the_blog_s_settings_and_the_author_s_profile(moved):
    root = moved["local"]
    cover = page(root, "/")
    assert "코딩하는펭귄의 저장소" in cover.title.text
    assert cover.select_one(".daybook-description").text == "부트캠프에서 보낸 하루하루의 기록"
    icon = cover.select_one("link[rel=icon]")
    assert icon is not None and (root / icon["href"]).is_file()
    assert cover.html["lang"] == "ko"
    for path in ("/", "/about/"):
        html = page(root, path)
        profile = html.select_one("article .daybook-profile")
        assert profile is not None, path
        photo = profile.select_one("img.daybook-profile-photo")
        assert photo["alt"] == "코딩하는펭귄의 사진"
        assert (root / path.strip("/") / photo["src"]).resolve().is_file()
        assert profile.select_one(".daybook-profile-name").text == "코딩하는펭귄"
        assert "건강한 개발자" in profile.select_one(".daybook-profile-bio").text
        links = {a.text: a["href"] for a in profile.select(".daybook-profile-links a")}
        assert links == {"GitHub": "https://github.com/CoodingPenguin", "Instagram": "https://www.instagram.com/cooding_penguin/"}
        assert html.select_one('link[href*="profile.css"]') is not None
    chapter = page(root, BLOG_PATHS[0])
    assert chapter.select_one(".daybook-profile") is None
    assert chapter.select_one('link[href*="profile.css"]') is None
    about = page(root, "/about/")
    assert "건강한 개발자를 꿈꾸는 코딩하는펭귄" in about.select_one("article").text
    assert about.select_one('article img[alt="펭귄"]') is not None


def expected_term(path: str) -> str:
    """What utterances computed on the blog: ``location.pathname`` without its first slash."""
    return quote(path, safe="/-_.~!$&'()*+,;=:@")[1:]


@pytest.mark.parametrize("build", ["local", "rtd"])
def test_each_chapter_s_comments_are_keyed_by_its_path_on_the_blog(moved, build):
    root = moved[build]
    for path in BLOG_PATHS + HIDDEN_BY_BLOG:
        html = page(root, path)
        boxes = html.select("section.daybook-comments")
        assert len(boxes) == 1, path
        box = boxes[0]
        assert box["data-client"] == "https://utteranc.es/client.js"
        attributes = json.loads(box["data-attributes"])
        assert attributes == {"repo": "CoodingPenguin/devlog", "issue-term": expected_term(path), "label": "comment"}
        assert (box["data-theme-light"], box["data-theme-dark"]) == ("github-light", "github-dark")
        # no third-party script on the page: only daybook's loader
        scripts = [s.get("src", "") for s in html.select("script")]
        assert not [s for s in scripts if "utteranc" in s]
        assert html.select_one('script[src*="comments.js"]') is not None
    for path in ("/", "/about/", "/archive/"):
        assert page(root, path).select_one(".daybook-comments") is None
    # the book is served elsewhere than the blog: on Read the Docs under /ko/stable/
    canonical = page(root, BLOG_PATHS[0]).select_one('link[rel="canonical"]')["href"]
    assert canonical.startswith(BOOK_URL if build == "local" else "https://devlog.readthedocs.io/ko/stable/")


def test_the_rss_feed_is_at_the_blog_s_path_with_the_blog_s_guids(moved):
    root = moved["rtd"]
    feed = feedparser.parse((root / "rss.xml").read_bytes())
    assert feed.version == "rss20"
    assert not feed.bozo, feed.bozo_exception
    guids = {entry.id for entry in feed.entries}
    # gatsby-plugin-feed: siteUrl + slug, the slug as the file gave it
    assert guids == {SITE_URL + path for path in BLOG_PATHS + HIDDEN_BY_BLOG}
    for entry in feed.entries:
        assert entry.guidislink is False
        assert entry.link.startswith("https://devlog.readthedocs.io/ko/stable/")
        assert (root / unquote(urlsplit(entry.link).path).removeprefix("/ko/stable/") / "index.html").is_file()
    assert "코딩하는펭귄의 저장소" == feed.feed.title
    # the Atom feed is still there, beside it
    assert feedparser.parse((root / "feed.xml").read_bytes()).version == "atom10"


def test_redirect_rules_lead_every_old_path_to_a_page_of_the_book(moved):
    rules = parse_netlify_redirects((moved["repo"] / "docs" / "_daybook" / "netlify" / "_redirects").read_text(encoding="utf-8"))
    # the book as Read the Docs serves it at BOOK_URL: the local build wrote it with html_baseurl = BOOK_URL
    root = moved["local"]
    olds = {old for old, _, _ in rules}
    for path in BLOG_PATHS:
        assert quote(path) in olds, path
    for old, new, status in rules:
        assert status == "301!"
        assert new.startswith(BOOK_URL)
        if old == "/*":
            assert new == BOOK_URL + ":splat"
            continue
        target = unquote(new.removeprefix(BOOK_URL))
        file = root / target if target.endswith(".xml") else root / target / "index.html"
        assert file.is_file(), (old, new)
        assert unquote(old).strip("/") == target.strip("/") or old in ("/rss.xml", "/sitemap.xml")


def test_the_ebook_has_no_comments(moved, tmp_path):
    repo = moved["repo"]
    for builder in ("epub", "singlehtml"):
        out = tmp_path / builder
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", builder, "-c", ".", "-d", str(tmp_path / "doctrees" / builder),
             "docs", str(out)],
            cwd=repo, capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, result.stderr
        for file, text in output_texts(out):
            assert "utteranc" not in text and "daybook-comments" not in text, file
        assert not (out / "_static" / "daybook" / "comments.js").exists()


def test_the_moved_book_builds_the_same_in_parallel_and_after_a_change(moved, tmp_path):
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from incremental import assert_same_output, edit

    repo = moved["repo"]

    def sphinx(*args: str) -> None:
        result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml", "-c", ".", *args],
                                cwd=repo, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr

    sphinx("-j", "2", "-d", str(tmp_path / "doctrees-parallel"), "docs", str(tmp_path / "parallel"))
    assert_same_output(tmp_path / "parallel", moved["local"])
    # an edit of the about page and of a chapter, built incrementally, then clean
    copy = tmp_path / "copy"
    shutil.copytree(repo / "docs", copy / "docs")
    sphinx("-d", str(tmp_path / "doctrees-inc"), str(copy / "docs"), str(tmp_path / "incremental"))
    edit(copy / "docs" / "about" / "index.md", "관심이 많습니다.", "관심이 아주 많습니다.")
    edit(copy / "docs" / "boostcamp" / "day27-20210302.md", "이번 주는", "이번 주에는")
    sphinx("-d", str(tmp_path / "doctrees-inc"), str(copy / "docs"), str(tmp_path / "incremental"))
    sphinx("-E", "-d", str(tmp_path / "doctrees-clean"), str(copy / "docs"), str(tmp_path / "clean"))
    assert_same_output(tmp_path / "incremental", tmp_path / "clean")


def test_importing_again_changes_nothing(moved):
    repo = moved["repo"]
    docs, conf = tree_digest(repo / "docs"), (repo / "conf.py").read_bytes()
    again = make(repo, "import", f"BLOG={BLOG}", f"BOOK_URL={BOOK_URL}")
    assert again.returncode == 0, again.stderr
    assert "0 written" in again.stdout and "0 deleted" in again.stdout
    assert "settings block unchanged" in again.stdout
    assert tree_digest(repo / "docs") == docs
    assert (repo / "conf.py").read_bytes() == conf


def test_import_refuses_what_is_not_a_blog_and_writes_nothing(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    before = tree_digest(repo)
    result = make(repo, "import", f"BLOG={tmp_path}")
    assert result.returncode != 0
    assert "is not a gatsby-starter-bee repository" in result.stderr
    assert tree_digest(repo) == before
    usage = make(repo, "import")
    assert usage.returncode != 0 and "usage: make import BLOG=" in usage.stdout


def test_a_broken_settings_block_stops_the_import_before_anything_is_written(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    conf = repo / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "# -- daybook import: begin\n", encoding="utf-8")
    before = tree_digest(repo)
    result = make(repo, "import", f"BLOG={BLOG}")
    assert result.returncode != 0 and "Nothing was written" in result.stderr
    assert tree_digest(repo) == before


# -- the author's files ---------------------------------------------------------------------


def _blog_copy(target: Path, keep: set[str] | None = None) -> Path:
    shutil.copytree(BLOG, target)
    if keep is not None:
        for post in (target / "content" / "blog").rglob("*.md"):
            if post.relative_to(target / "content" / "blog").as_posix() not in keep:
                post.unlink()
    return target


def _options(root: Path, blog: Path) -> ImportOptions:
    return ImportOptions(blog=blog, posts=root / "docs", conf=root / "conf.py")


def test_the_sample_post_is_removed_when_the_blog_lacks_it_and_kept_when_the_author_edited_it(tmp_path):
    blog = _blog_copy(tmp_path / "blog", keep={"알고리즘/이분-탐색.md"})
    for edited in (False, True):
        root = tmp_path / f"book-{edited}"
        (root / "docs").mkdir(parents=True)
        shutil.copy2(REPO / "conf.py", root / "conf.py")
        sample = root / "docs" / next(iter(SAMPLE_POSTS))
        sample.parent.mkdir(parents=True)
        data = (REPO / "docs" / next(iter(SAMPLE_POSTS))).read_bytes()
        assert hashlib.sha256(data).hexdigest() == next(iter(SAMPLE_POSTS.values())), "the sample post changed"
        sample.write_bytes(data + (b"\nmine\n" if edited else b""))
        plan, _ = run_import(_options(root, blog))
        assert sample.exists() is edited
        assert ("sample post" in plan.report.text()) is not edited


_author_paths = st.sampled_from(
    ["boostcamp/day27-20210302.md", "boostcamp/notes.md", "알고리즘/이분-탐색.md", "about/index.md", "index.md",
     "_daybook/profile.png", "react/error-handling/index.md", "mine/diary.md", "boostcamp/img/28-thumbnail.png"]
)


@given(
    author_files=st.dictionaries(_author_paths, st.binary(min_size=1, max_size=20), max_size=5),
    first=st.sets(st.sampled_from(["boostcamp/day27-20210302.md", "boostcamp/day28-20210303.md", "알고리즘/이분-탐색.md",
                                   "react/error-handling/index.md", "etc/no-category.md"])),
    dropped=st.sets(st.sampled_from(["boostcamp/day27-20210302.md", "알고리즘/이분-탐색.md", "react/error-handling/index.md"])),
    edit_ours=st.booleans(),
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_import_never_changes_or_deletes_a_file_it_did_not_write(tmp_path_factory, author_files, first, dropped, edit_ours):
    work = tmp_path_factory.mktemp("authors")
    root = work / "book"
    (root / "docs").mkdir(parents=True)
    shutil.copy2(REPO / "conf.py", root / "conf.py")
    for relative, data in author_files.items():
        (root / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / relative).write_bytes(data)
    blog = _blog_copy(work / "blog", keep=first)
    run_import(_options(root, blog))
    ours = json.loads((root / "docs" / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert not set(ours) & set(author_files)
    for relative, data in author_files.items():
        assert (root / "docs" / relative).read_bytes() == data, relative
    edited = None
    if edit_ours and ours:
        edited = sorted(ours)[0]
        (root / "docs" / edited).write_bytes(b"the author's own words")
    # the blog loses some posts; the import runs again
    smaller = _blog_copy(work / "blog-2", keep=first - dropped)
    run_import(_options(root, smaller))
    for relative, data in author_files.items():
        assert (root / "docs" / relative).read_bytes() == data, relative
    if edited is not None:
        assert (root / "docs" / edited).read_bytes() == b"the author's own words"
    for relative in first & dropped:
        if relative not in author_files and relative != edited:
            assert not (root / "docs" / relative).exists(), relative
    # and a third run changes nothing
    state = tree_digest(root)
    run_import(_options(root, smaller))
    assert tree_digest(root) == state


def test_a_manifest_naming_files_outside_the_posts_folder_is_not_followed(tmp_path):
    root = tmp_path / "book"
    (root / "docs" / "_daybook").mkdir(parents=True)
    shutil.copy2(REPO / "conf.py", root / "conf.py")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    digest = hashlib.sha256(b"keep me").hexdigest()
    (root / "docs" / MANIFEST).write_text(json.dumps({"files": {"../../victim.txt": digest, "/etc/hostname": digest}}), encoding="utf-8")
    run_import(_options(root, _blog_copy(tmp_path / "blog")))
    assert victim.read_text(encoding="utf-8") == "keep me"


# -- the comments and the profile on any book ------------------------------------------------


HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def _build(tmp_path: Path, rootdir: Path, name: str, **overrides) -> Path:
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path / name
    shutil.copytree(rootdir / "test-comments", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir, confoverrides=overrides)
    try:
        app.build()
        assert "Traceback" not in app.warning.getvalue()
        return Path(app.outdir)
    finally:
        app.cleanup()


def test_comments_off_leave_the_page_as_it_was_and_on_add_only_a_placeholder(tmp_path, rootdir):
    off = _build(tmp_path, rootdir, "off", daybook_comments={})
    on = _build(tmp_path, rootdir, "on")
    chapter = "알고리즘/짧은-글/index.html"
    plain = (off / chapter).read_text(encoding="utf-8")
    with_comments = (on / chapter).read_text(encoding="utf-8")
    assert "daybook-comments" not in plain and "comments.js" not in plain and "bd-footer-article" not in plain
    assert not (off / "_static" / "daybook" / "comments.js").exists()
    # the placeholder, its heading and one deferred script of daybook's: a few hundred bytes
    assert 0 < len(with_comments.encode()) - len(plain.encode()) < 1200
    script = (on / "_static" / "daybook" / "comments.js").read_bytes()
    assert len(script) < 2500


def test_settings_text_is_escaped_in_the_page(tmp_path, rootdir):
    out = _build(
        tmp_path,
        rootdir,
        "hostile",
        daybook_comments={"provider": "utterances", "repo": "a/b", "label": HOSTILE, "theme_dark": HOSTILE},
        daybook_profile={"name": HOSTILE, "bio": HOSTILE, "links": [[HOSTILE, "https://example.com/?q=<x>&y=\"z\""]]},
    )
    for path in ("index.html", "알고리즘/짧은-글/index.html"):
        html = BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")
        assert not html.select("[onerror]"), path
        assert not [s for s in html.select("script") if "alert" in (s.string or "")], path
    cover = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert cover.select_one(".daybook-profile-name").text == HOSTILE
    assert cover.select_one(".daybook-profile-links a")["href"] == "https://example.com/?q=<x>&y=\"z\""
    chapter = BeautifulSoup((out / "알고리즘/짧은-글/index.html").read_text(encoding="utf-8"), "html.parser")
    box = chapter.select_one("section.daybook-comments")
    assert json.loads(box["data-attributes"])["label"] == HOSTILE
    assert box["data-theme-dark"] == HOSTILE


def test_a_missing_profile_photo_is_one_warning_and_the_profile_shows_without_it(tmp_path, rootdir):
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path / "photo"
    shutil.copytree(rootdir / "test-comments", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir, confoverrides={"daybook_profile": {"name": "펭귄", "photo": "_daybook/none.png"}})
    try:
        app.build()
        warnings = [w for w in app.warning.getvalue().splitlines() if "WARNING" in w]
        assert len(warnings) == 1 and "_daybook/none.png" in warnings[0] and "conf.py" in warnings[0]
        cover = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert cover.select_one(".daybook-profile-name").text == "펭귄"
        assert cover.select_one(".daybook-profile img") is None
    finally:
        app.cleanup()
