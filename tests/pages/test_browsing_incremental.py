"""Incremental builds keep every browsing page right: cover, part pages, archive, tags, feed, sitemap.

Each test builds a copy of the ``browsing`` testroot, changes it, builds
again with a new app on the same source and output folders, and compares the
result with a clean build of the changed source.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from test_browsing import BASE, ROOTS, build

#: pages and files whose content comes from the whole book
GENERATED = [
    "index.html",
    "boostcamp/index.html",
    "독서/index.html",
    "archive/index.html",
    "tags/index.html",
    "tags/파이썬/index.html",
    "feed.xml",
    "sitemap.xml",
]


def write_later(path: Path, text: str) -> None:
    """Write ``path`` and date it after the last build, however coarse the file system's clock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    stamp = max(p.stat().st_mtime for p in path.parent.parent.rglob("*")) + 10
    os.utime(path, (stamp, stamp))


def add_post(src: Path) -> None:
    write_later(
        src / "camp" / "day5.md",
        "---\ntitle: DAY 5. 다섯째 날\ndate: 2021-02-05 09:00:00\ncategory: \"⛺ Boostcamp\"\n"
        "thumbnail: ./img/day2.png\ntags: [파이썬, 새태그]\n---\n\n다섯째 날의 첫 문단.\n",
    )


def change_date(src: Path) -> None:
    post = src / "camp" / "day1.md"
    write_later(post, post.read_text(encoding="utf-8").replace("2021-01-18 09:00:00", "2021-02-10 09:00:00"))


def add_thumbnail(src: Path) -> None:
    post = src / "camp" / "day3.md"
    write_later(post, post.read_text(encoding="utf-8").replace("category:", "thumbnail: ./img/day1.png\ncategory:"))


def remove_post(src: Path) -> None:
    (src / "camp" / "day2.md").unlink()


def rename_category(src: Path) -> None:
    post = src / "notes" / "reading.md"
    write_later(post, post.read_text(encoding="utf-8").replace("category: 독서", "category: 책"))


CHANGES: dict[str, Callable[[Path], None]] = {
    "add_post": add_post,
    "change_date": change_date,
    "add_thumbnail": add_thumbnail,
    "remove_post": remove_post,
    "rename_category": rename_category,
}


def output(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.suffix in (".html", ".xml")
    }


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_incremental_build_equals_a_clean_build(tmp_path, change):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", src)
    before = output(build(src, tmp_path / "incremental").outdir)
    CHANGES[change](src)
    incremental = build(src, tmp_path / "incremental")
    clean = build(src, tmp_path / "clean")
    assert "WARNING" not in incremental.warnings, incremental.warnings
    after, expected = output(incremental.outdir), output(clean.outdir)
    # pages that left the book leave the output too (daybook's stale-output cleanup)
    assert sorted(set(after) - set(expected)) == []
    assert sorted(set(expected) - set(after)) == []
    differ = [name for name in expected if after[name] != expected[name]]
    assert differ == []
    # and the change did reach the generated pages
    assert [name for name in GENERATED if name in expected and before.get(name) != expected[name]]


def test_added_post_appears_everywhere(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", src)
    build(src, tmp_path / "build")
    add_post(src)
    result = build(src, tmp_path / "build")
    # the Boostcamp part, the largest, comes first: its cards are the first grid
    cover_cards = [c.get_text(strip=True) for c in result.article("").select(".daybook-cards")[0].select(".sd-card-title")]
    assert cover_cards[-1] == "DAY 5. 다섯째 날"
    assert result.article("boostcamp").select(".sd-card-title")[-1].get_text(strip=True) == "DAY 5. 다섯째 날"
    assert result.article("archive").select_one(".daybook-chapter-list a").get_text(strip=True) == "DAY 5. 다섯째 날"
    assert result.article("tags/새태그").select_one(".daybook-chapter-list a").get_text(strip=True) == "DAY 5. 다섯째 날"
    feed = feedparser.parse((result.outdir / "feed.xml").read_bytes())
    assert [e.link for e in feed.entries] == [BASE + "camp/day5/", BASE + "camp/day3/", BASE + "camp/day2/"]
    assert BASE + "camp/day5/" in (result.outdir / "sitemap.xml").read_text(encoding="utf-8")


def test_changed_date_reorders_archive_and_feed(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", src)
    build(src, tmp_path / "build")
    change_date(src)
    result = build(src, tmp_path / "build")
    first = result.article("archive").select_one(".daybook-chapter-list li")
    assert first.select_one(".daybook-date").get_text(strip=True) == "2021년 2월 10일"
    feed = feedparser.parse((result.outdir / "feed.xml").read_bytes())
    assert feed.entries[0].link == BASE + "camp/day1/"
    assert feed.entries[0].published_parsed[:3] == (2021, 2, 10)


def test_setting_the_base_url_later_reaches_every_page_without_a_change_of_source(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing", src)
    without = build(src, tmp_path / "build", html_baseurl="")
    assert [a.get_text(strip=True) for a in without.article("").select(".daybook-shortcuts a")] == ["전체 글", "태그"]
    result = build(src, tmp_path / "build")
    shortcuts = result.article("").select(".daybook-shortcuts a")
    assert shortcuts[-1]["href"] == BASE + "feed.xml"
    assert (result.outdir / "feed.xml").is_file() and (result.outdir / "sitemap.xml").is_file()
    assert result.page("camp/day1").head.find("link", attrs={"type": "application/atom+xml"})["href"] == BASE + "feed.xml"
