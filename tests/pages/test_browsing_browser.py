"""A reader in Debian's Chromium: cover, a chapter card, then "next" to the following day.

Screenshots go under the build folder (``<build>/screenshots``); with
``DAYBOOK_SCREENSHOTS=<folder>`` they are copied there too (the README's come
from ``DAYBOOK_SCREENSHOTS=tests/screenshots``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from test_browsing import ROOTS, build


def test_reader_opens_a_card_and_follows_next(page, serve, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-browsing-showcase", src)
    result = build(src, tmp_path / "build")
    assert "WARNING" not in result.warnings, result.warnings
    shots = tmp_path / "build" / "screenshots"
    # no route for /favicon.ico: the book has its own icon (writing/page_context.py)
    url = serve(result.outdir)

    page.goto(url)
    cards = page.locator(".daybook-card")
    assert cards.count() == 8
    page.screenshot(path=str(shots / "cover.png"), full_page=True)

    # a click anywhere on the card follows it: the whole card is the link
    cards.filter(has_text="DAY 2.").click()
    page.wait_for_url(url + "boostcamp/day2/")
    assert page.locator("article h1").inner_text().startswith("⛺ DAY 2. 파이썬 기초")
    page.screenshot(path=str(shots / "chapter.png"))

    page.locator("a.right-next").click()
    page.wait_for_url(url + "boostcamp/day3/")
    assert page.locator("article h1").inner_text().startswith("⛺ DAY 3. 선형대수 복습")

    # every thumbnail on the cover loaded from the book itself
    page.goto(url)
    page.locator(".daybook-card-image").last.scroll_into_view_if_needed()
    page.wait_for_load_state("load")
    sizes = page.eval_on_selector_all(
        ".daybook-card-image", "imgs => imgs.map(i => [i.complete, i.naturalWidth])"
    )
    assert len(sizes) == 4 and all(done and width > 0 for done, width in sizes), sizes
    assert page.console_errors == []
    for name in ("cover.png", "chapter.png"):
        assert (shots / name).stat().st_size > 0

    keep = os.environ.get("DAYBOOK_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for name in ("cover.png", "chapter.png"):
            shutil.copyfile(shots / name, Path(keep) / name)
