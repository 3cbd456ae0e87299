"""The sidebar in Debian's Chromium looks and behaves as the last release's.

``tests/expected/sidebar-e9b1167.json`` holds what a reader saw of the
sidebar on three pages of the test archive (a chapter, a part page, a tag
page) as built by commit e9b1167, the last one whose sidebar was the theme's
own toctree, cut per page: each entry in order (its list's caption, level,
text, where it leads, its classes), which entries are visible, the
current-page highlight, each toggle before and after a click, and the
colours in light and dark mode. It was recorded with this very module, run
as a script against that commit's extension::

    git worktree add /tmp/base e9b1167 && cd /tmp/base
    PYTHONPATH=ext:tests python <repo>/tests/writing/test_sidebar_browser.py --record <repo>/tests/expected/sidebar-e9b1167.json

The test builds the same archive with today's extension and compares.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

TESTS = Path(__file__).resolve().parents[1]
EXPECTED = TESTS / "expected" / "sidebar-e9b1167.json"
sys.path.insert(0, str(TESTS / "benchmark"))

from generate import write_archive  # noqa: E402
from incremental import book_conf  # noqa: E402

CONF = book_conf(
    "가벼운 책", html_theme_options={"search_as_you_type": True, "home_page_in_toc": True}, daybook_sidebar_window=3
)
#: tags on a few posts: the tags page holds the tag pages, an entry that opens and closes
TAGGED = {10: "[파이썬, 회고]", 11: "[파이썬]", 30: "[회고, 독서]", 40: "[파이썬]"}
#: the pages whose sidebar is compared
PAGES = ["boostcamp/day40-20210305/", "boostcamp/", "tags/파이썬/"]


def build_archive(srcdir: Path) -> Path:
    """The test archive: 120 posts in 5 parts, a few tagged; built with dirhtml; the output folder."""
    from sphinx.testing.util import SphinxTestApp

    posts = write_archive(srcdir, 120, 5)
    for post in posts:
        if post.day in TAGGED:
            path = srcdir / post.path
            path.write_text(path.read_text(encoding="utf-8").replace("draft: false\n", f"draft: false\ntags: {TAGGED[post.day]}\n", 1), encoding="utf-8")
    # the parts in the order e9b1167 gave them by default (earliest post first), so
    # that the comparison is of the sidebar, not of today's default part order
    # (largest part first)
    first_dates: dict[str, object] = {}
    for post in posts:
        first_dates.setdefault(post.category, post.date)
    part_order = sorted(first_dates, key=lambda category: first_dates[category])
    (srcdir / "conf.py").write_text(CONF + f"daybook_part_order = {part_order!r}\n", encoding="utf-8")
    app = SphinxTestApp("dirhtml", srcdir=srcdir)
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    outdir = Path(app.outdir)
    app.cleanup()
    return outdir


#: what a reader sees of the sidebar, read in the page
FACTS = """(nav) => {
  const entries = [...nav.querySelectorAll("a")].map((a) => {
    const li = a.closest("li");
    const list = a.closest("ul.bd-sidenav");
    let caption = list && list.previousElementSibling;
    return {
      caption: caption && caption.matches("p.caption") ? caption.textContent.trim() : null,
      text: a.textContent.trim(),
      href: a.href,
      li: li ? li.className : null,
      a: a.className,
      visible: a.checkVisibility(),
      colour: getComputedStyle(a).color,
      weight: getComputedStyle(a).fontWeight,
    };
  });
  const toggles = [...nav.querySelectorAll("details")].map((d) => ({
    entry: d.parentElement.querySelector(":scope > a").textContent.trim(),
    open: d.open,
  }));
  const captions = [...nav.querySelectorAll("p.caption")].map((p) => [p.textContent.trim(), getComputedStyle(p).color]);
  return {entries, toggles, captions, background: getComputedStyle(nav.closest(".bd-sidebar-primary")).backgroundColor};
}"""


def _path(href: str) -> str:
    return unquote(urlsplit(href).path)


def sidebar_facts(browser, url: str) -> dict:
    """Each compared page's sidebar, in light and dark mode, and after a click on each toggle."""
    facts: dict = {}
    for mode in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(f'localStorage.setItem("mode", "{mode}"); localStorage.setItem("theme", "{mode}");')
        page = context.new_page()
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
        try:
            for path in PAGES:
                page.goto(url + path, wait_until="networkidle")
                assert page.evaluate("document.documentElement.dataset.theme") == mode
                nav = page.locator("nav.bd-docs-nav")
                seen = nav.evaluate(FACTS)
                for entry in seen["entries"]:
                    entry["href"] = _path(entry["href"]) if entry["href"] else None
                clicked = []
                summaries = page.locator("nav.bd-docs-nav details > summary .toctree-toggle")
                for index in range(summaries.count()):
                    if not summaries.nth(index).is_visible():
                        clicked.append(None)  # inside a closed toggle
                        continue
                    summaries.nth(index).click()
                    after = nav.evaluate(FACTS)
                    clicked.append({
                        "open": [t["open"] for t in after["toggles"]],
                        "visible": [e["text"] for e in after["entries"] if e["visible"]],
                    })
                    summaries.nth(index).click()
                seen["after_click"] = clicked
                facts[f"{mode} {path}"] = seen
        finally:
            context.close()
    return facts


def record(out: Path) -> None:
    import subprocess
    import tempfile

    # the extension on PYTHONPATH (the commit being recorded), before conftest puts this repository's first
    import daybook
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(TESTS))
    from conftest import CHROMIUM, StaticServer

    source = Path(daybook.__file__).resolve().parents[2]
    commit = subprocess.run(["git", "-C", str(source), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as folder:
        outdir = build_archive(Path(folder) / "src")
        server = StaticServer(outdir)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                facts = sidebar_facts(browser, server.url)
                browser.close()
        finally:
            server.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    note = {"recorded_from": commit, "how": __doc__.split("\n\n")[-2]}
    out.write_text(json.dumps({"note": note, "pages": facts}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_the_sidebar_looks_and_behaves_as_the_last_release(chromium, serve, tmp_path):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["pages"]
    outdir = build_archive(tmp_path / "src")
    facts = sidebar_facts(chromium, serve(outdir))
    assert sorted(facts) == sorted(expected)
    for key in expected:
        mine, theirs = facts[key], expected[key]
        # entries in order: caption, text, where each leads, its classes, visible or not, colour and weight
        assert mine["entries"] == theirs["entries"], key
        assert mine["toggles"] == theirs["toggles"], key
        assert mine["after_click"] == theirs["after_click"], key
        assert mine["captions"] == theirs["captions"], key
        assert mine["background"] == theirs["background"], key
    # the comparison holds what the acceptance names: a highlighted current page, toggles, dark mode
    chapter = expected[f"light {PAGES[0]}"]
    current = [e for e in chapter["entries"] if "current" in e["a"]]
    assert len(current) == 1 and current[0]["href"] == "/" + PAGES[0]
    assert chapter["toggles"] and chapter["after_click"]
    assert expected[f"dark {PAGES[0]}"]["entries"][0]["colour"] != chapter["entries"][0]["colour"]


def test_a_post_cannot_fill_the_theme_slots_from_its_article(page, serve, tmp_path):
    """A ``<template data-daybook>`` written in a post stays an empty template; the theme's own come back."""
    src = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-navigation", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_context = {"default_mode": "auto"}\n')
    post = src / "diary" / "day2.md"
    post.write_text(
        post.read_text(encoding="utf-8")
        + '\n<template data-daybook="search-form"></template>\n\n<div><template data-daybook="theme-switch"></template></div>\n',
        encoding="utf-8",
    )
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("dirhtml", srcdir=src)
    try:
        app.build()
        url = serve(Path(app.outdir))
    finally:
        app.cleanup()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(url + "diary/day2/", wait_until="networkidle")
    article = page.locator("article.bd-article")
    assert article.locator("template[data-daybook]").count() == 2
    assert article.locator("form, .theme-switch-container").count() == 0
    assert page.locator("#pst-search-dialog form").count() == 1
    assert page.locator(".theme-switch-container").count() == 1
    assert page.console_errors == []


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="record the sidebar facts of the extension on sys.path")
    parser.add_argument("--record", type=Path, required=True)
    record(parser.parse_args().record)
