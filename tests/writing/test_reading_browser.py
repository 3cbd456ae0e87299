"""The reader's eye, in Debian's Chromium on a generated archive: Korean
typography on every kind of text, missing images that say so, a cover that
leads with the book.

The archive is tests/benchmark/generate.py's (40 posts in 5 parts), plus one
chapter whose images are gone, as they often are in an old blog's repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))
# the search tests' helpers
sys.path.insert(0, str(Path(__file__).parents[1] / "search"))

from generate import write_archive  # noqa: E402
from incremental import book_conf  # noqa: E402
from test_search_browser import wait_for_results  # noqa: E402

CONF = book_conf(
    "읽기 좋은 책", author="부캠러", html_theme_options={"search_as_you_type": True, "home_page_in_toc": True}
)

#: a chapter whose images are gone: Markdown with alt text, with none and a
#: caption under it, a thumbnail, and an <img> in raw HTML
GONE = """\
---
title: "⛺ DAY 900. 사라진 그림들"
date: 2021-03-03 10:50:00
category: "⛺ Boostcamp"
thumbnail: "./img/900-thumbnail.png"
---

![thumbnail](./img/27-thumbnail.png)

워낙 Kaggle 진입장벽이 높고 하드웨어 리소스가 부족해서 현실적으로 카카오엔터프라이즈의 사례를 살펴보았다.

![](./img/architecture.png)
출처: 부스트캠프 강의 자료

<div align="center"><img src="./img/diagram.png" width="60%"></div>

## 경사하강법 구현

남은 그림은 ![작은 그림](./img/1.png) 하나뿐이다.
"""


#: a small part written two years before the diary, without thumbnails
TSHIRTS = {
    "tshirts/first-tshirt.md": ("첫 번째 티셔츠 디자인을 완성했다", "2019-07-28 10:00:00"),
    "tshirts/second-tshirt.md": ("두 번째 티셔츠는 조금 더 과감하게", "2019-08-02 21:30:00"),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("reading") / "src"
    write_archive(srcdir, 40, 5)
    (srcdir / "boostcamp" / "day900-20210303.md").write_text(GONE, encoding="utf-8")
    (srcdir / "tshirts").mkdir()
    for path, (title, date) in TSHIRTS.items():
        text = f'---\ntitle: "{title}"\ndate: {date}\ncategory: "👕 티셔츠"\n---\n\n티셔츠 이야기.\n'
        (srcdir / path).write_text(text, encoding="utf-8")
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    app = SphinxTestApp("dirhtml", srcdir=srcdir)
    try:
        app.build()
        assert "Traceback" not in app.warning.getvalue()
        app.outdir.joinpath("warnings.txt").write_text(app.warning.getvalue(), encoding="utf-8")
        yield Path(app.outdir)
    finally:
        app.cleanup()


@pytest.fixture
def site(archive, serve, page) -> str:
    # no route for /favicon.ico: the book has its icon, and asks for no other
    return serve(archive)


def _styles(page, selector: str) -> list[dict[str, str]]:
    found = page.locator(selector)
    assert found.count() > 0, f"nothing matches {selector}"
    return found.evaluate_all(
        """(elements) => elements.filter((e) => /[\\uac00-\\ud7a3]/.test(e.textContent)).map((e) => {
             const style = getComputedStyle(e);
             return {text: e.textContent.trim().slice(0, 30), wordBreak: style.wordBreak,
                     overflowWrap: style.overflowWrap};
           })"""
    )


def _korean_breaks_between_words(page, selector: str) -> None:
    styles = _styles(page, selector)
    assert styles, f"no Korean text in {selector}"
    wrong = [s for s in styles if (s["wordBreak"], s["overflowWrap"]) != ("keep-all", "anywhere")]
    assert not wrong, (selector, wrong[:3])


# --- 1. Korean typography ------------------------------------------------------------------


CHAPTER_TEXT = {
    "article": "article.bd-article p",
    "headings": "article.bd-article :is(h1, h2)",
    "sidebar": "nav.bd-docs-nav a",
    "page contents": ".bd-sidebar-secondary nav a",
    "prev/next": ".prev-next-area a p.prev-next-title",
}


@pytest.mark.parametrize("kind", sorted(CHAPTER_TEXT))
def test_korean_words_are_never_broken_inside_on_a_chapter(page, site, kind):
    page.goto(site + "boostcamp/day900-20210303/", wait_until="networkidle")
    _korean_breaks_between_words(page, CHAPTER_TEXT[kind])


def test_korean_words_are_never_broken_inside_on_cards_and_search_results(page, site):
    page.goto(site, wait_until="networkidle")
    _korean_breaks_between_words(page, ".daybook-card .daybook-card-title")
    page.goto(site + "search/?q=부스트캠프")
    wait_for_results(page, ".bd-search-container")
    _korean_breaks_between_words(page, ".bd-search-container #search-results ul.search li")


def test_a_long_korean_word_stays_whole_on_a_phone(page, site):
    """Words move to the next line whole: each line of a paragraph ends at a space."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site + "boostcamp/day900-20210303/", wait_until="networkidle")
    lines = page.locator("article.bd-article p", has_text="하드웨어").evaluate(
        """(p) => {
             const text = p.firstChild; const range = document.createRange(); const lines = [];
             let top = null, line = "";
             for (let i = 0; i < text.length; i++) {
               range.setStart(text, i); range.setEnd(text, i + 1);
               const y = Math.round(range.getBoundingClientRect().top);
               if (top !== null && y > top + 4) { lines.push(line); line = ""; }
               top = y; line += text.data[i];
             }
             lines.push(line);
             return lines;
           }"""
    )
    assert len(lines) > 1, lines
    for line in lines[:-1]:
        assert line.endswith(" "), lines


def test_headings_scale_with_the_screen_in_weights_the_fonts_have(page, site):
    sizes = {}
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "boostcamp/day900-20210303/", wait_until="networkidle")
        style = page.evaluate(
            """() => Object.fromEntries(['h1', 'h2'].map((tag) => {
                 const s = getComputedStyle(document.querySelector('article.bd-article ' + tag));
                 return [tag, {size: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight),
                               weight: s.fontWeight}];
               }))"""
        )
        sizes[width] = style
        for tag, figures in style.items():
            assert figures["lineHeight"] / figures["size"] >= 1.3, (width, tag, figures)
            # regular and bold are the weights every Korean system font has
            assert figures["weight"] == "700", (width, tag, figures)
    assert sizes[390]["h1"]["size"] <= 30 < sizes[1280]["h1"]["size"]
    assert sizes[390]["h2"]["size"] < sizes[1280]["h2"]["size"]


def test_one_korean_face_draws_hangul_and_latin_and_emoji_come_in_colour(page, site):
    """What Chromium actually draws the title with (DevTools' platform fonts)."""
    page.goto(site + "boostcamp/day900-20210303/", wait_until="networkidle")
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    page.locator("article.bd-article p", has_text="Kaggle").evaluate("(p) => p.setAttribute('data-probe', '')")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    fonts = {}
    for selector in ("article.bd-article h1", "article.bd-article p[data-probe]"):
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        used = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        fonts[selector] = {font["familyName"] for font in used}
    # "⛺ DAY 900. 사라진 그림들": the tent from the colour emoji font, the rest from one Korean face
    assert fonts["article.bd-article h1"] == {"Noto Color Emoji", "Noto Sans CJK KR"}, fonts
    # "워낙 Kaggle 진입장벽이 …": Latin and Hangul of one face, not DejaVu Sans beside Noto
    assert fonts["article.bd-article p[data-probe]"] == {"Noto Sans CJK KR"}, fonts
    assert page.console_errors == []


# --- 3. missing images ---------------------------------------------------------------------

#: what each missing image of GONE is called on its placeholder
MISSING = {"thumbnail": "27-thumbnail.png", "architecture.png": "architecture.png", "diagram.png": "diagram.png"}


def _contrast(foreground: str, background: str) -> float:
    def luminance(css: str) -> float:
        channels = [float(v) / 255 for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_each_missing_image_is_one_warning_at_its_line(archive):
    warnings = archive.joinpath("warnings.txt").read_text(encoding="utf-8")
    for name in ("27-thumbnail.png", "900-thumbnail.png", "architecture.png", "diagram.png"):
        found = [line for line in warnings.splitlines() if name in line]
        assert len(found) == 1, (name, found)
        assert "day900-20210303.md:" in found[0]


def test_a_missing_image_keeps_no_address_in_the_page(archive):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((archive / "boostcamp" / "day900-20210303" / "index.html").read_bytes(), "html.parser")
    addresses = [value for tag in page.find_all(True) for key, value in tag.attrs.items() if key in ("src", "href")]
    for name in [*MISSING.values(), "900-thumbnail.png"]:
        assert not [a for a in addresses if name in a], name
    assert len(page.select("article .daybook-missing-image")) == 3


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_chapter_with_missing_images_asks_for_nothing_and_says_what_is_missing(page, site, mode):
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.emulate_media(color_scheme=mode)
    page.goto(site + "boostcamp/day900-20210303/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    assert failed == []
    assert page.console_errors == []
    boxes = page.locator("article .daybook-missing-image")
    assert boxes.count() == 3
    for index, what in enumerate(MISSING):
        placeholder = boxes.nth(index)
        assert placeholder.is_visible()
        assert what in placeholder.text_content()
        assert placeholder.get_attribute("role") == "img" and what in placeholder.get_attribute("aria-label")
        found = placeholder.bounding_box()
        assert found["height"] >= 40 and found["width"] >= 200
        colours = placeholder.evaluate(
            """(box) => ({
                 background: getComputedStyle(box).backgroundColor,
                 label: getComputedStyle(box.querySelector('.daybook-missing-image-label')).color,
                 name: getComputedStyle(box.querySelector('.daybook-missing-image-name')).color})"""
        )
        assert _contrast(colours["name"], colours["background"]) >= 7, colours
        assert _contrast(colours["label"], colours["background"]) >= 4.5, colours
    # the image the post still has is an image, and its file arrived
    assert page.locator('article img[alt="작은 그림"]').evaluate("(img) => img.complete && img.naturalWidth > 0")


def test_a_caption_stays_under_its_missing_image(page, site):
    page.goto(site + "boostcamp/day900-20210303/", wait_until="networkidle")
    paragraph = page.locator("article p", has_text="출처: 부스트캠프 강의 자료")
    placeholder = paragraph.locator(".daybook-missing-image")
    assert placeholder.count() == 1 and "architecture.png" in placeholder.text_content()
    above = placeholder.bounding_box()
    caption = paragraph.evaluate(
        """(p) => { const range = document.createRange(); range.selectNodeContents(p.lastChild);
                    const box = range.getBoundingClientRect(); return {y: box.y, x: box.x}; }"""
    )
    assert above["y"] + above["height"] <= caption["y"] + 1 <= above["y"] + above["height"] + 40
    assert abs(caption["x"] - above["x"]) < 2


# --- 5. the cover leads with the book ------------------------------------------------------


def test_the_cover_opens_with_the_largest_part_under_one_title(page, site):
    page.goto(site, wait_until="networkidle")
    assert page.title() == "읽기 좋은 책"
    parts = page.locator("article h2.daybook-part-heading").all_text_contents()
    sizes = [int("".join(ch for ch in text if ch.isdigit())) for text in page.locator(".daybook-part-count").all_text_contents()]
    # the diary first, not the small part written two years before it
    assert parts[0].strip("# ") == "⛺ Boostcamp" and parts[1].strip("# ") != "👕 티셔츠", parts
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[1]
    # a chapter keeps the book's title after its own
    page.goto(site + "tshirts/first-tshirt/")
    assert page.title() == "첫 번째 티셔츠 디자인을 완성했다 — 읽기 좋은 책"


def test_a_card_without_thumbnail_is_its_title_and_date_and_small_on_a_phone(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site, wait_until="networkidle")
    cards = page.locator(".daybook-card", has_text="티셔츠")
    assert cards.count() == 2
    for index in range(2):
        card = cards.nth(index)
        assert card.locator("img").count() == 0
        assert card.locator(".daybook-card-title").inner_text() in {title for title, _ in TSHIRTS.values()}
        assert card.locator(".daybook-date").inner_text() in ("2019년 7월 28일", "2019년 8월 2일")
        # nothing else shows: no panel with the day or the date again ("7/28")
        shown = card.evaluate(
            """(card) => [...card.querySelectorAll('*')].filter((e) => e.children.length === 0
                 && e.textContent.trim() && e.getBoundingClientRect().width > 1
                 && getComputedStyle(e).visibility !== 'hidden').length"""
        )
        assert shown == 2
        assert card.bounding_box()["height"] <= 120
    # one with a thumbnail keeps its picture
    assert page.locator(".daybook-card img.daybook-card-image").first.is_visible()
