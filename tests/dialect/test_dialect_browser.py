"""The dialect in Debian's Chromium with no network: math typeset, callouts styled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_dialect import ROOTS, build


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("dialect-browser") / "src"
    shutil.copytree(ROOTS / "test-dialect", srcdir)
    built = build(srcdir)
    assert built.warnings.strip() == ""
    return built.outdir


def offline(page) -> list[tuple[str, str]]:
    """Abort every request that leaves 127.0.0.1; return what was blocked."""
    blocked: list[tuple[str, str]] = []

    def route(route) -> None:
        request = route.request
        if request.url.startswith(("http://127.0.0.1:", "data:", "about:")):
            route.continue_()
        else:
            blocked.append((request.resource_type, request.url))
            route.abort()

    page.route("**/*", route)
    return blocked


def box(page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not rendered"
    return found


def test_math_is_typeset_and_the_callout_styled_offline(book, serve, page):
    blocked = offline(page)
    page.goto(serve(book) + "posts/math-and-boxes/", wait_until="load")
    page.locator("math").first.wait_for()
    screenshot = book / "dialect-math-and-callout.png"
    page.locator("article").screenshot(path=str(screenshot))
    assert screenshot.stat().st_size > 10_000

    # nothing the page needs comes from outside: only the post's own video frame was blocked
    assert [kind for kind, _ in blocked if kind in ("stylesheet", "script", "font", "image", "fetch", "xhr")] == []
    assert {url for _, url in blocked} <= {"https://www.youtube.com/embed/dQw4w9WgXcQ"}

    # no raw TeX or dollar signs are visible
    text = page.locator("article").inner_text()
    assert "$$" not in text and "\\sum" not in text and "\\left" not in text and "\\frac" not in text

    # typeset, not text in a row: the fraction's numerator sits above its denominator
    numerator = box(page, "mfrac > :first-child")
    denominator = box(page, "mfrac > :last-child")
    assert numerator["y"] + numerator["height"] <= denominator["y"] + 1
    # the display formula is a block of its own, centred, taller than a line of text
    display = box(page, "div.daybook-math-display math")
    article = box(page, "article")
    assert display["height"] > 18
    assert abs((display["x"] + display["width"] / 2) - (article["x"] + article["width"] / 2)) < 40
    # aligned: two rows, one above the other
    rows = page.locator("mtable mtr")
    assert rows.count() == 2
    assert rows.nth(0).bounding_box()["y"] < rows.nth(1).bounding_box()["y"]

    # the callout is a box: emoji beside bold content, with a coloured edge
    callout = page.locator(".quote-block")
    assert callout.evaluate("e => getComputedStyle(e).display") == "flex"
    assert callout.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
    emoji, content = box(page, ".quote-block__emoji"), box(page, ".quote-block__content")
    assert emoji["x"] + emoji["width"] <= content["x"]
    assert callout.locator("strong").inner_text() == "컴파일러"
    assert page.console_errors == []


def test_callout_follows_dark_mode_and_details_toggle(book, serve, page):
    offline(page)
    page.goto(serve(book) + "posts/math-and-boxes/", wait_until="load")
    callout = page.locator(".quote-block")

    def colours() -> tuple[str, str]:
        return callout.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")

    page.evaluate("document.documentElement.dataset.theme = 'light'")
    light = colours()
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    dark = colours()
    assert light != dark
    assert light[0] != light[1] and dark[0] != dark[1]
    page.locator("article").screenshot(path=str(book / "dialect-dark.png"))

    details = page.locator("details")
    assert not details.evaluate("e => e.open")
    assert not page.locator("details li").first.is_visible()
    page.locator("details > summary").click()
    assert details.evaluate("e => e.open")
    assert page.locator("details li").first.is_visible()


def test_video_keeps_its_shape_and_image_its_size(book, serve, page):
    offline(page)
    page.set_viewport_size({"width": 420, "height": 900})
    page.goto(serve(book) + "posts/math-and-boxes/", wait_until="load")
    frame = box(page, "iframe")
    article = box(page, "article")
    assert frame["width"] <= article["width"] + 1
    assert abs(frame["width"] / frame["height"] - 16 / 9) < 0.05
    image = box(page, 'img[alt="점 하나"]')
    assert (round(image["width"]), round(image["height"])) == (120, 80)
