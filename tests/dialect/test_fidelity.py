"""Real Gatsby posts read as the blog's own pipeline rendered them, with only true warnings.

tests/roots/test-fidelity holds each construct the blog rendered differently
from plain MyST; ``tests/fidelity/compare.py`` renders it through the blog's
pipeline (remark 10 and its plugins, in Node) and through the book, and the
two must agree on what a reader sees. tests/roots/test-order is shaped like
the author's blog: a stage's "DAY 02" on day 42, and a numbered series.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import missing

REPO = Path(__file__).resolve().parents[2]
FIDELITY = REPO / "tests" / "fidelity"


def build(make_app, rootdir: Path, tmp_path: Path, name: str):
    src = tmp_path / name
    shutil.copytree(rootdir / f"test-{name}", src)
    app = make_app("dirhtml", srcdir=src, builddir=tmp_path / f"{name}-out", freshenv=True)
    app.build()
    return app, src


def warnings_of(app) -> list[str]:
    return [line for line in app.warning.getvalue().splitlines() if "WARNING" in line or "ERROR" in line]


def page(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / docname / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_fidelity_corpus_reads_as_on_the_blog(make_app, rootdir, tmp_path):
    if shutil.which("node") is None or not (FIDELITY / "node_modules").is_dir():
        missing("Node and tests/fidelity/node_modules (make fidelity-deps)")
    app, src = build(make_app, rootdir, tmp_path, "fidelity")
    assert warnings_of(app) == []
    result = subprocess.run(
        [sys.executable, str(FIDELITY / "compare.py"), str(src), "--book-html", str(app.outdir)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "ext")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 pages compared, 6 as on the blog, 0 differ" in result.stdout


def test_the_constructs_render_as_the_blog_rendered_them(make_app, rootdir, tmp_path):
    app, _ = build(make_app, rootdir, tmp_path, "fidelity")
    emphasis = page(app, "posts/korean-emphasis")
    bold = [b.get_text() for b in emphasis.select("article strong")]
    assert {"빅오 표기법(Big-O)", "ECMAScript", "‘OutOfMemory Error: Heap Space’", "root(/)"} <= set(bold)
    assert "**" not in emphasis.select_one("article").get_text()
    assert emphasis.select_one("article .daybook-strike").get_text() == "취소(선)"
    emoji = page(app, "posts/emoji")
    text = emoji.select_one("article").get_text()
    assert "🚀" in text and "🍓" in text and "👍" in text and ":not_an_emoji_name:" in text
    assert "10:30:00" in text and emoji.select_one("article code").get_text() == ":rocket:"
    assert emoji.select_one('a[href="https://example.com/a:rocket:b"]')
    # anchors are made after the names are replaced, as on the blog; the post's own links use them
    assert emoji.select_one("section#-stringtrim") and emoji.select_one("section#-시작하기")
    assert emoji.select_one('article a[href="#-stringtrim"]')
    quotes = page(app, "posts/smart-punctuation").select_one("article").get_text()
    assert "“사수가" in quotes and "한다”고" in quotes and "don’t" in quotes and "—" in quotes and "…" in quotes
    assert '"code"' in quotes
    images = page(app, "posts/html-images")
    sources = [img["src"] for img in images.select("article img")]
    assert sources and all(s.startswith("../../_images/") for s in sources)
    assert all((Path(app.outdir) / "posts/html-images" / s).resolve().is_file() for s in sources)
    atomic = page(app, "posts/atomic-design")
    assert atomic.select_one("section#atomic-design h2") and atomic.select_one("section#atoms h2")
    assert atomic.select_one("article h1").find_parent("section")["id"] != "atomic-design"
    assert atomic.select_one('article a[href="#atomic-design"]') and atomic.select_one('article a[href="#atoms"]')
    assert atomic.select_one('article a[href="../emoji/#-시작하기"]')


def test_a_link_to_a_missing_anchor_is_one_warning_naming_the_nearest(make_app, rootdir, tmp_path):
    src = tmp_path / "fidelity"
    shutil.copytree(rootdir / "test-fidelity", src)
    post = src / "posts" / "atomic-design.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n[원자](#atomz)\n", encoding="utf-8")
    app = make_app("dirhtml", srcdir=src, builddir=tmp_path / "out", freshenv=True)
    app.build()
    found = warnings_of(app)
    assert len(found) == 1 and "atomic-design.md:19" in found[0] and "'#atoms'" in found[0], found
    # the link still leads to the page, never to an id it does not have
    assert not page(app, "posts/atomic-design").select('article a[href="#atomz"]')


def test_chapters_come_in_the_order_of_the_authors_blog(make_app, rootdir, tmp_path):
    app, _ = build(make_app, rootdir, tmp_path, "order")
    assert warnings_of(app) == []
    cover = page(app, "")
    titles = [t.get_text(strip=True) for t in cover.select(".daybook-card-title")]
    assert titles[:6] == [
        "(AWS시리즈0) 시작", "(AWS시리즈1) IAM", "(AWS시리즈2) EC2", "(AWS시리즈3) S3", "클라우드 메모", "(AWS시리즈10) 정리",
    ]
    assert titles[6:] == [
        "⛺ DAY 1. 시작", "⛺ DAY 2. 둘째 날", "⛺ DAY 3. 셋째 날",
        "🚀 [P-STAGE 1] DAY 01. 대회 시작", "🚀 [P-STAGE 1] DAY 02. 데이터셋 구축", "🚀 [P-STAGE 1] DAY 03. 모델",
    ]
    day42 = page(app, "boostcamp/day42-20210330")
    assert day42.select_one(".daybook-day").get_text() == "DAY 42"


@pytest.mark.parametrize("root", ["fidelity", "order"])
def test_the_corpus_builds_under_W(root, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "dirhtml",
         str(REPO / "tests" / "roots" / f"test-{root}"), str(out), "-d", str(tmp_path / "doctrees")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "ext")},
    )
    assert result.returncode == 0, result.stderr
