"""A page that loads like plain Sphinx, in Debian's Chromium (issue 23, item 2).

On a generated archive built with daybook: no Font Awesome is fetched; every
icon of the theme's controls is drawn, with a size and ink, in the light and
the dark colour mode, on a desktop and a phone; the controls still work as
the theme made them (the sidebars' toggles, the search pop-up from Ctrl+K and
from its buttons, the colour switch and its memory across a reload).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from daybook.writing.icons import drawings, drawn_names

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))

from generate import write_archive  # noqa: E402
from test_loading import BOOK_CONF  # noqa: E402

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: any of the drawn icons
ICON = ", ".join(f".fa-{name}" for name in drawn_names(drawings()))
DRAWN = set(drawn_names(drawings()))
#: hides every drawn icon's shape, to compare with it shown
HIDE_SHAPES = "daybook-test-no-shapes"


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    srcdir = tmp_path_factory.mktemp("loading-browser") / "src"
    posts = write_archive(srcdir, 20, 5)
    (srcdir / "conf.py").write_text(BOOK_CONF, encoding="utf-8")
    app = SphinxTestApp("dirhtml", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
        chapter = sorted(posts, key=lambda post: post.day)[10]
        yield Path(app.outdir), f"{chapter.folder}/{chapter.stem}/"
    finally:
        app.cleanup()


@pytest.fixture
def open_page(chromium, book, serve):
    """``open_page(viewport, colour_scheme)``: a fresh context on the chapter, its requests in ``page.requested``."""
    outdir, chapter = book
    url = serve(outdir)
    contexts = []

    def start(viewport: dict = DESKTOP, scheme: str = "light", path: str = chapter):
        context = chromium.new_context(viewport=viewport, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.requested = []
        page.console_errors = []
        page.on("request", lambda request: page.requested.append(request.url))
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        page.goto(url + path, wait_until="networkidle")
        return page

    yield start
    for context in contexts:
        context.close()


def drawn_icons(page, within: str = "body") -> list[dict]:
    """Each visible drawn icon under ``within``: its names, box, and whether its shape changes the pixels."""
    found = []
    if not page.locator(f"#{HIDE_SHAPES}").count():
        page.add_style_tag(content=f".{HIDE_SHAPES} :is({ICON})::before {{ visibility: hidden; }}")
        page.evaluate(f"document.head.lastElementChild.id = '{HIDE_SHAPES}'")
    icons = page.locator(within).locator(ICON)
    for index in range(icons.count()):
        icon = icons.nth(index)
        if not icon.is_visible():
            continue
        icon.scroll_into_view_if_needed()
        box = icon.bounding_box()
        classes = (icon.get_attribute("class") or "").split()
        shape = icon.evaluate("(e) => getComputedStyle(e, '::before')")
        clip = {"x": box["x"] - 2, "y": box["y"] - 2, "width": box["width"] + 4, "height": box["height"] + 4}
        shown = page.screenshot(clip=clip)
        page.evaluate(f"document.documentElement.classList.add('{HIDE_SHAPES}')")
        hidden = page.screenshot(clip=clip)
        page.evaluate(f"document.documentElement.classList.remove('{HIDE_SHAPES}')")
        found.append({
            "names": [c.removeprefix("fa-") for c in classes if c.removeprefix("fa-") in DRAWN],
            "width": box["width"],
            "height": box["height"],
            "shape": (shape["width"], shape["height"], shape["maskImage"] or shape["webkitMaskImage"]),
            "ink": shown != hidden,
        })
    return found


def assert_drawn(icons: list[dict]) -> set[str]:
    """Every icon has a size and ink; returns their names."""
    assert icons
    for icon in icons:
        assert icon["width"] > 4 and icon["height"] > 4, icon
        assert icon["shape"][2].startswith('url("data:image/svg+xml'), icon
        assert icon["ink"], f"{icon['names']} draws nothing"
    return {name for icon in icons for name in icon["names"]}


def test_no_font_awesome_is_fetched_whatever_the_reader_opens(open_page):
    page = open_page()
    page.locator(".dropdown-download-buttons .dropdown-toggle").click()
    page.keyboard.press("Escape")
    page.locator(".theme-switch-button").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog input[name=q]").wait_for(state="visible")
    phone = open_page(PHONE)
    phone.locator(".primary-toggle").click()
    phone.locator("#pst-primary-sidebar-modal").wait_for(state="visible")
    for opened in (page, phone):
        opened.wait_for_load_state("networkidle")
        fonts = [url for url in opened.requested if "fontawesome" in url or url.split("?")[0].endswith((".woff2", ".woff", ".ttf"))]
        assert fonts == []
        assert opened.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_icon_is_drawn_with_a_size_and_ink(open_page, scheme, viewport):
    page = open_page(viewport, scheme)
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    names = assert_drawn(drawn_icons(page))
    expected = {"bars", "download", "expand", "circle-half-stroke"}
    expected |= {"magnifying-glass", "list"} if viewport is PHONE else {"magnifying-glass", "list", "chevron-down"}
    assert expected <= names
    # the menus' icons, each menu open
    page.locator(".dropdown-download-buttons .dropdown-toggle").click()
    assert {"file", "file-pdf"} <= assert_drawn(drawn_icons(page, ".dropdown-download-buttons .dropdown-menu"))
    page.keyboard.press("Escape")
    page.locator(".theme-switch-button").click()
    assert {"sun", "moon", "circle-half-stroke"} <= assert_drawn(drawn_icons(page, ".theme-switch-container .dropdown-menu"))
    page.keyboard.press("Escape")
    # previous and next, at the article's end
    page.locator(".prev-next-area").scroll_into_view_if_needed()
    assert {"angle-left", "angle-right"} <= assert_drawn(drawn_icons(page, ".prev-next-area"))
    # the search pop-up's
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog input[name=q]").wait_for(state="visible")
    assert {"magnifying-glass"} <= assert_drawn(drawn_icons(page, "#pst-search-dialog"))
    page.keyboard.press("Escape")
    # "back to top", when the theme shows it
    page.add_style_tag(content="#pst-back-to-top { display: block !important; }")
    assert {"arrow-up"} <= assert_drawn(drawn_icons(page, "#pst-back-to-top"))
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_each_button_above_the_article_shows_an_icon(open_page, viewport):
    page = open_page(viewport)
    buttons = page.locator(".bd-header-article button:visible, .bd-header-article a.btn:visible")
    labels = []
    for index in range(buttons.count()):
        button = buttons.nth(index)
        if button.locator("xpath=ancestor::*[contains(@class, 'dropdown-menu')]").count():
            continue  # a menu's item, checked with its menu open
        labels.append(button.get_attribute("title") or button.get_attribute("aria-label"))
        assert_drawn(drawn_icons(page, f".bd-header-article :is(button, a.btn):visible >> nth={index}"))
    # the sidebar toggle, download, full screen, colour mode (and, on a phone, search and contents)
    assert len(labels) >= (6 if viewport is PHONE else 4), labels


def test_the_primary_sidebar_toggle_hides_and_shows_the_sidebar_on_a_desktop(open_page):
    page = open_page()
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    page.locator(".primary-toggle").click()
    # the book theme slides it away, then hides it
    sidebar.wait_for(state="hidden")
    assert "pst-sidebar-hidden" in sidebar.get_attribute("class")
    page.locator(".primary-toggle").click()
    sidebar.wait_for(state="visible")
    assert sidebar.locator("nav.bd-docs-nav").is_visible()
    assert page.console_errors == []


def test_the_sidebar_toggles_open_and_close_drawers_on_a_phone(open_page):
    page = open_page(PHONE)
    for toggle, modal, inside in (
        (".primary-toggle", "#pst-primary-sidebar-modal", "nav.bd-docs-nav"),
        (".secondary-toggle", "#pst-secondary-sidebar-modal", "#pst-page-toc-nav"),
    ):
        assert not page.locator(modal).is_visible()
        page.locator(toggle).click()
        page.locator(modal).wait_for(state="visible")
        assert page.locator(f"{modal} {inside}").is_visible()
        page.keyboard.press("Escape")
        page.locator(modal).wait_for(state="hidden")
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_search_pop_up_opens_from_ctrl_k_and_from_its_button_and_finds(open_page, viewport):
    page = open_page(viewport)
    dialog = page.locator("#pst-search-dialog")
    box = dialog.locator("input[name=q]")
    page.keyboard.press("Control+k")
    box.wait_for(state="visible")
    assert box.evaluate("(input) => input === document.activeElement")
    box.fill("부스트캠프")
    box.press("End")  # the theme searches as the reader types: on a key
    dialog.locator("#search-results ul.search li").first.wait_for()
    page.keyboard.press("Escape")
    box.wait_for(state="hidden")
    button = ".article-header-buttons .search-button" if viewport is PHONE else ".bd-sidebar-primary .search-button-field"
    page.locator(button).click()
    box.wait_for(state="visible")
    page.keyboard.press("Escape")
    box.wait_for(state="hidden")
    assert page.console_errors == []


def test_the_colour_switch_sets_each_mode_and_a_reload_keeps_it(open_page):
    page = open_page(scheme="dark")
    root = "document.documentElement.dataset"
    assert page.evaluate(f"{root}.mode") == "auto" and page.evaluate(f"{root}.theme") == "dark"
    for mode, theme, shown in (("light", "light", "sun"), ("dark", "dark", "moon"), ("auto", "dark", "circle-half-stroke")):
        page.locator(".theme-switch-button").click()
        page.locator(f'.theme-change-button[data-mode="{mode}"]').click()
        assert (page.evaluate(f"{root}.mode"), page.evaluate(f"{root}.theme")) == (mode, theme)
        page.reload(wait_until="networkidle")
        assert (page.evaluate(f"{root}.mode"), page.evaluate(f"{root}.theme")) == (mode, theme)
        # the button shows the mode's icon, drawn
        assert assert_drawn(drawn_icons(page, ".theme-switch-button")) == {shown}
    assert page.console_errors == []
