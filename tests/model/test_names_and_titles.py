"""File names the book makes stay within file-system limits; every post has a title.

A tag, a category or the book's title becomes a file name (``tags/<tag>/``,
``<category>/``, ``<title>.epub``): one of 83 Hangul syllables is 249 bytes,
and Sphinx's ``<name>.doctree`` beside it went over the 255 bytes a file name
may have. Such names are cut on a character boundary and given a digest of the
whole name: unique, and the same in every build. A post whose own file name is
too long for the build's files is left out with a warning at the post.

A post with neither front matter nor a heading is titled by its file name,
with a warning at the post, and listed like any post.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from incremental import build, warnings_of

from daybook.model.book import Source, build_book
from daybook.model.frontmatter import FrontMatter
from daybook.model.urls import MADE_NAME_BYTES, NAME_BYTES, fit_name, image_file_names, name_too_long

CONF = 'author = "글쓴이"\nextensions = ["myst_parser", "sphinx_design", "daybook"]\nhtml_theme = "sphinx_book_theme"\nlanguage = "ko"\n'
LONG = "가나다라마바사아자차카타파하" * 8  # 112 syllables, 336 bytes


def utf8(text: str) -> int:
    return len(text.encode("utf-8"))


# -- names, without Sphinx --------------------------------------------------------------

NAMES = st.lists(st.sampled_from(list("가각힣abc-_ 0") + ["😀", "\U00020000", "e\u0301"]), max_size=300).map("".join)


@settings(max_examples=500, deadline=None)
@given(NAMES, st.integers(min_value=12, max_value=300))
def test_a_fitted_name_fits_is_stable_and_keeps_short_names(name, limit):
    fitted = fit_name(name, limit)
    assert utf8(fitted) <= limit
    assert fitted == fit_name(name, limit)
    if utf8(name) <= limit:
        assert fitted == name
    else:
        assert re.search(r"(^|-)[0-9a-f]{10}$", fitted), fitted
        # a prefix of the name, cut between characters
        assert name.startswith(fitted[: -11].rstrip("-")) if len(fitted) > 10 else True


@settings(max_examples=300, deadline=None)
@given(NAMES, NAMES)
def test_two_names_never_fit_to_one(first, second):
    if first != second:
        assert fit_name(first) != fit_name(second)


def test_two_names_that_differ_only_at_the_end_get_two_names():
    one, two = fit_name(LONG + "끝"), fit_name(LONG + "끗")
    assert one != two and utf8(one) <= MADE_NAME_BYTES and utf8(two) <= MADE_NAME_BYTES
    assert one.startswith(LONG[:60])


def _chapter(docname: str, category: str, tags: tuple[str, ...] = ()) -> Source:
    import datetime as dt

    return Source(docname, FrontMatter(title=docname, date=dt.datetime(2021, 3, 1), category=category, tags=tags))


def test_the_book_makes_no_file_name_too_long():
    tags = (LONG + "하나", LONG + "둘", "짧은")
    book = build_book([_chapter("a/day1", LONG, tags), _chapter("a/day2", LONG + "2", tags[:1])])
    docnames = [*book.generated, *(p.docname for p in book.parts)]
    assert all(name_too_long(d) is None for d in docnames), docnames
    tag_pages = [book.tag_docname(t) for t in tags]
    assert len(set(tag_pages)) == 3 and book.tag_docname("짧은") == "tags/짧은"
    assert len({p.docname for p in book.parts}) == 2
    # the same in another build, whatever else is in the book
    again = build_book([_chapter("b/other", LONG, tags[:1])])
    assert again.tag_docname(tags[0]) == book.tag_docname(tags[0])


def test_a_post_named_too_long_for_the_build_files_is_left_out_with_a_problem():
    name = "가" * 83  # 249 bytes: the file itself fits, its doctree would not
    book = build_book([_chapter(f"a/{name}", "일기"), _chapter("a/day1", "일기")], taken_docnames=[f"a/{name}", "a/day1"])
    assert book.refused == (f"a/{name}",)
    assert [p.subtype for p in book.problems] == ["name_too_long"]
    assert "257 bytes" in book.problems[0].message and "247 bytes" in book.problems[0].message
    assert name_too_long("a/" + "가" * 82) is None


def test_images_of_one_long_name_get_names_that_fit():
    stem = "가" * 82
    names = image_file_names([f"a/{stem}.png", f"b/{stem}.png"])
    assert len(set(names.values())) == 2 and all(utf8(n) <= NAME_BYTES for n in names.values())
    assert all(n.endswith(".png") for n in names.values())


# -- a whole build -------------------------------------------------------------------------


def every_name(folder: Path) -> list[str]:
    return [part for path in folder.rglob("*") for part in path.relative_to(folder).parts]


def write_long_book(src: Path) -> None:
    (src / "일기").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    for number, tags in ((1, [LONG + "하나", LONG + "둘"]), (2, [LONG + "하나"])):
        (src / "일기" / f"day{number}.md").write_text(
            f"---\ntitle: DAY {number}\ndate: 2021-03-0{number}\ncategory: {LONG}\ntags: [{', '.join(tags)}]\n---\n\n"
            f"본문 {number}.\n",
            encoding="utf-8",
        )
    (src / "일기" / f"{'가' * 84}.md").write_text("---\ntitle: 긴 이름\ndate: 2021-03-05\n---\n\n긴 이름의 글.\n", encoding="utf-8")


def test_long_tags_categories_and_titles_build_at_stable_urls(tmp_path):
    src = tmp_path / "src"
    write_long_book(src)
    first = build(src, tmp_path / "html")
    out = Path(first.outdir)
    doctrees = Path(first.doctreedir)
    for folder in (out, doctrees):
        assert all(utf8(name) <= NAME_BYTES for name in every_name(folder))
    tags = sorted(p.parent.name for p in (out / "tags").glob("*/index.html"))
    assert len(tags) == 2 and all(utf8(t) <= MADE_NAME_BYTES for t in tags)
    tag_page = BeautifulSoup((out / "tags" / tags[0] / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert tag_page.select("article li a")
    parts = [p.parent.name for p in out.glob("*/index.html") if p.parent.name.startswith("가나다")]
    assert len(parts) == 1 and (out / parts[0] / "index.html").is_file()
    # the post named too long is the one warning, at the post; the book builds
    found = warnings_of(first)
    assert len(found) == 1 and f"{'가' * 84}.md:1:" in found[0] and "left out" in found[0], found
    # the same URLs from a clean build elsewhere
    second = build(src, tmp_path / "again")
    assert sorted(p.parent.name for p in (Path(second.outdir) / "tags").glob("*/index.html")) == tags


def test_a_long_book_title_makes_take_away_files_that_fit(tmp_path):
    src = tmp_path / "src"
    write_long_book(src)
    for builder in ("epub", "latex"):
        app = build(src, tmp_path / builder, builder, project=LONG * 2)
        names = every_name(Path(app.outdir))
        assert all(utf8(name) <= NAME_BYTES for name in names)
        assert [n for n in names if n.endswith((".epub", ".tex"))], names


# -- a post with no front matter and no heading ---------------------------------------------


def test_a_post_without_front_matter_or_heading_is_titled_by_its_name_and_listed(tmp_path):
    src = tmp_path / "src"
    (src / "일기").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "일기" / "day1.md").write_text("---\ntitle: DAY 1\ndate: 2021-03-01\n---\n\n첫날.\n", encoding="utf-8")
    (src / "일기" / "bare-note.md").write_text("제목 없는 글.\n\n둘째 문단.\n", encoding="utf-8")
    (src / "일기" / "empty.md").write_text("---\n---\n\n빈 front matter.\n", encoding="utf-8")
    app = build(src, tmp_path / "html")
    out = Path(app.outdir)
    found = warnings_of(app)
    assert len(found) == 2, found
    assert re.search(r"일기/bare-note\.md:1: WARNING: post has no front matter and no heading", found[0] + found[1])
    assert not [w for w in found if "generated.md" in w or "no title" in w]
    page = BeautifulSoup((out / "일기/bare-note/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article h1").get_text().rstrip("#") == "bare-note"
    assert page.title.get_text().startswith("bare-note")
    assert [p.get_text() for p in page.select("article p")] == ["제목 없는 글.", "둘째 문단."]
    # listed as the post with empty front matter is: on the cover's list and in every sidebar
    empty = BeautifulSoup((out / "일기/empty/index.html").read_text(encoding="utf-8"), "html.parser")
    for listing in (page, empty, BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")):
        links = [a.get_text() for a in listing.select("nav.bd-links a")]
        assert "bare-note" in links and "empty" in links, links
    assert "<no title>" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
