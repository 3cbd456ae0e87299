"""Images, HTML tables and code as the blog showed them, in Debian's Chromium with no network.

* an image keeps its size but never overflows the text column (gatsby-remark-images, maxWidth 1200);
* a click, or Enter/Space on a focused image, enlarges it over the page (medium-zoom);
  a click anywhere or Escape closes it and focus returns; linked images stay links;
* a <table> written in a post looks like a Markdown table, in light and dark mode;
* what Pygments could not read in a code block looks like the text around it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_dialect import ROOTS, build
from test_dialect_browser import box, offline

#: the computed styles that make a table look like the theme's
TABLE_LOOK = [
    "borderTopWidth", "borderTopStyle", "borderTopColor", "borderRightWidth", "borderRightStyle",
    "borderRightColor", "borderBottomWidth", "borderBottomStyle", "borderBottomColor", "borderLeftWidth",
    "borderLeftStyle", "borderLeftColor", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "backgroundColor", "color", "fontSize", "fontWeight", "textAlign", "verticalAlign", "lineHeight",
]


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("images-browser") / "src"
    shutil.copytree(ROOTS / "test-true-warnings", srcdir)
    return build(srcdir).outdir


@pytest.fixture
def images(book, serve, page):
    offline(page)
    page.goto(serve(book) + "posts/images/", wait_until="load")
    page.locator('img[alt="넓은 그림"]').wait_for()
    return page


def _zoom_open(page) -> bool:
    return page.locator(".daybook-zoom").count() == 1


def _enlarged(page) -> dict[str, float]:
    """The enlarged image's box, once its opening animation is over."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished')")
    return box(page, ".daybook-zoom-image")


@pytest.mark.parametrize("width", [1280, 420])
def test_an_image_wider_than_the_column_shrinks_to_it_undistorted(book, serve, page, width):
    offline(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve(book) + "posts/images/", wait_until="load")
    article = box(page, "article")
    for alt in ("넓은 그림", "HTML 그림"):  # 2000 × 500, in Markdown and as <img>
        image = box(page, f'img[alt="{alt}"]')
        assert image["width"] <= article["width"] + 0.5
        assert image["x"] >= article["x"] - 0.5
        assert abs(image["width"] / image["height"] - 4) < 0.05
    small = box(page, 'img[alt="작은 그림"]')  # 160 × 90 keeps its size
    assert (round(small["width"]), round(small["height"])) == (160, 90)
    assert page.console_errors == []


def test_a_click_enlarges_an_image_and_escape_closes_it(images):
    page = images
    image = page.locator('img[alt="넓은 그림"]')
    shown = image.bounding_box()
    image.click()
    assert _zoom_open(page)
    big = _enlarged(page)
    viewport = page.viewport_size
    # larger than on the page, inside the window, the same shape
    assert big["width"] > shown["width"] + 100
    assert big["x"] >= 0 and big["x"] + big["width"] <= viewport["width"]
    assert big["y"] >= 0 and big["y"] + big["height"] <= viewport["height"]
    assert abs(big["width"] / big["height"] - 4) < 0.05
    # over the page: what is at the window's centre belongs to the zoom
    assert page.evaluate(
        "() => !!document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('.daybook-zoom')"
    )
    page.keyboard.press("Escape")
    assert not _zoom_open(page)
    assert page.evaluate("() => document.activeElement.alt") == "넓은 그림"
    assert page.console_errors == []


def test_a_click_anywhere_closes_it(images):
    page = images
    page.locator('img[alt="넓은 그림"]').click()
    assert _zoom_open(page)
    page.mouse.click(5, 5)  # a corner, away from the image
    assert not _zoom_open(page)
    # a small image is never enlarged past its own size
    page.locator('img[alt="작은 그림"]').click()
    big = _enlarged(page)
    assert (round(big["width"]), round(big["height"])) == (160, 90)
    page.locator(".daybook-zoom-image").click()
    assert not _zoom_open(page)
    assert page.console_errors == []


def test_the_keyboard_opens_and_closes_it(images):
    page = images
    image = page.locator('img[alt="넓은 그림"]')
    assert image.evaluate("e => e.tabIndex") == 0  # reachable with Tab
    assert image.get_attribute("role") == "button"
    image.focus()
    page.keyboard.press("Enter")
    assert _zoom_open(page)
    assert page.locator(".daybook-zoom").get_attribute("role") == "dialog"
    assert page.evaluate("() => document.activeElement.classList.contains('daybook-zoom')")
    page.keyboard.press("Tab")  # focus stays in the open view
    assert _zoom_open(page)
    page.keyboard.press("Escape")
    assert not _zoom_open(page)
    assert page.evaluate("() => document.activeElement.alt") == "넓은 그림"
    page.keyboard.press(" ")
    assert _zoom_open(page)
    page.keyboard.press(" ")
    assert not _zoom_open(page)
    assert page.evaluate("() => document.activeElement.alt") == "넓은 그림"
    assert page.console_errors == []


def test_an_image_that_is_a_link_stays_a_link(images):
    page = images
    linked = page.locator('a img[alt="링크 그림"]')
    assert linked.count() == 1
    assert not linked.evaluate("e => e.classList.contains('daybook-zoomable')")
    assert linked.get_attribute("tabindex") is None
    # its click is the link's: the zoom never opens, the link's navigation is not prevented
    prevented = linked.evaluate(
        """e => {
            const click = new MouseEvent('click', {bubbles: true, cancelable: true});
            e.closest('a').addEventListener('click', ev => ev.preventDefault(), {once: true});
            e.dispatchEvent(click);
            return document.querySelector('.daybook-zoom') !== null;
        }"""
    )
    assert prevented is False


def test_the_zoom_follows_light_and_dark_mode(images):
    page = images

    def backdrop() -> tuple[str, str]:
        page.locator('img[alt="넓은 그림"]').click()
        colours = page.evaluate(
            """() => [getComputedStyle(document.querySelector('.daybook-zoom'), '::before').backgroundColor,
                      getComputedStyle(document.body).backgroundColor]"""
        )
        page.keyboard.press("Escape")
        return colours

    page.evaluate("document.documentElement.dataset.theme = 'light'")
    light = backdrop()
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    dark = backdrop()
    assert light[0] == light[1] and dark[0] == dark[1]  # the page's own background
    assert light[0] != dark[0]
    assert page.console_errors == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_an_html_table_looks_like_a_markdown_table(book, serve, page, mode):
    offline(page)
    page.goto(serve(book) + "posts/tables/", wait_until="load")
    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    tables = page.locator("article table")
    assert tables.count() == 2
    assert tables.nth(0).get_attribute("class") == "table"  # Markdown
    assert tables.nth(1).get_attribute("class") is None  # written as HTML
    differences = page.evaluate(
        """(look) => {
            const [markdown, html] = document.querySelectorAll('article table');
            const found = [];
            for (const part of ['', 'thead', 'thead tr', 'th', 'th + th', 'tbody tr', 'tbody tr + tr',
                                'td', 'td + td', 'tbody tr + tr td']) {
                const [a, b] = [markdown, html].map(t => getComputedStyle(part ? t.querySelector(part) : t));
                for (const name of look) if (a[name] !== b[name]) found.push([part || 'table', name, a[name], b[name]]);
            }
            const widths = [markdown, html].map(t => t.getBoundingClientRect().width);
            return [found, widths];
        }""",
        TABLE_LOOK,
    )
    found, widths = differences
    assert found == []
    assert widths[0] == widths[1]
    # styled at all: a border and padding, as the theme gives Markdown tables
    assert page.locator("article table").nth(1).locator("td").first.evaluate(
        "e => parseFloat(getComputedStyle(e).paddingLeft) > 4 && getComputedStyle(e).borderBottomStyle === 'solid'"
    )
    assert page.console_errors == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_code_pygments_could_not_read_looks_like_text(book, serve, page, mode):
    offline(page)
    page.goto(serve(book) + "posts/code/", wait_until="load")
    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    errors = page.locator("article div.highlight .err")
    assert errors.count() >= 3  # !pip, curly quotes, Hangul in SQL
    for index in range(errors.count()):
        looks = errors.nth(index).evaluate(
            """e => {
                const own = getComputedStyle(e), pre = getComputedStyle(e.closest('pre'));
                return [own.color === pre.color, own.borderTopStyle, own.backgroundColor];
            }"""
        )
        assert looks == [True, "none", "rgba(0, 0, 0, 0)"]
    assert page.console_errors == []
