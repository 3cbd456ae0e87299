"""The sidebar's model (model/window.py) and what an incremental build re-reads and re-writes. Pure."""

from __future__ import annotations

import datetime as dt
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from daybook.model.book import Source, build_book
from daybook.model.frontmatter import FrontMatter
from daybook.model.generated import generated_pages_to_read
from daybook.model.window import Link, Listing, Navigation, page_view, pages_to_rewrite, sidebar, window_bounds


def test_window_bounds_stay_inside_the_list_and_keep_their_size():
    assert window_bounds(5, 2, 10) == (0, 5)
    assert window_bounds(100, 0, 2) == (0, 5)
    assert window_bounds(100, 50, 2) == (48, 53)
    assert window_bounds(100, 99, 2) == (95, 100)
    for count in range(0, 30):
        for index in range(count):
            lo, hi = window_bounds(count, index, 3)
            assert lo <= index < hi and hi - lo == min(count, 7) and 0 <= lo and hi <= count


def _navigation(chapters: int = 30, children: dict | None = None, pages: tuple[str, ...] = ("about", "archive", "tags/index")) -> Navigation:
    """Two parts of ``chapters`` chapters, then the pages in no part; reading order as the cover's toctrees."""
    listings = []
    order = ["index"]
    titles = {"index": "책"}
    for part in ("p", "q"):
        docs = [f"{part}/{n}" for n in range(chapters)]
        order += docs
        titles.update({d: f"{d} 제목" for d in docs})
        titles[f"{part}/index"] = part
        listings.append(Listing(part, tuple(Link(d) for d in docs), Link(f"{part}/index", title=f"{chapters}개의 글 모두 보기")))
    listings.append(Listing("더 보기", tuple(Link(d) for d in pages)))
    children = children or {}
    for docname in (*pages, *(link.docname for links in children.values() for link in links if link.docname)):
        titles.setdefault(docname, docname.upper())
        if docname not in order:
            order.append(docname)
    neighbours = {d: (order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None) for i, d in enumerate(order)}
    return Navigation(tuple(listings), children, titles, neighbours)


def _texts(listing) -> list[str]:
    return [e.title for e in listing.entries]


def test_a_chapter_shows_a_window_of_its_own_part_and_only_the_page_of_the_others():
    nav = _navigation()
    own, other, pages = sidebar(nav, "p/15", 2)
    assert _texts(own) == ["p/13 제목", "p/14 제목", "p/15 제목", "p/16 제목", "p/17 제목", "30개의 글 모두 보기"]
    assert [e.is_page for e in own.entries] == [False, False, True, False, False, False]
    assert [e.more for e in own.entries] == [False] * 5 + [True]
    assert own.holds_page and not other.holds_page and not pages.holds_page
    assert _texts(other) == ["30개의 글 모두 보기"] and other.entries[0].link.docname == "q/index"
    assert _texts(pages) == ["ABOUT", "ARCHIVE", "TAGS/INDEX"]
    # at the start of a part the window is as long, on one side
    assert _texts(sidebar(nav, "q/0", 2)[1])[:-1] == ["q/0 제목", "q/1 제목", "q/2 제목", "q/3 제목", "q/4 제목"]


def test_the_part_page_and_the_cover_show_every_part_by_its_page_only():
    nav = _navigation()
    own, other, _ = sidebar(nav, "p/index", 2)
    assert [(e.title, e.is_page, e.holds_page) for e in own.entries] == [("30개의 글 모두 보기", True, True)]
    assert own.holds_page and [e.title for e in other.entries] == ["30개의 글 모두 보기"]
    cover = sidebar(nav, "index", 2)
    assert [len(listing.entries) for listing in cover] == [1, 1, 3]
    assert not any(listing.holds_page for listing in cover)


def test_a_page_weight_does_not_grow_with_its_part():
    small = sidebar(_navigation(50), "p/25", 4)
    large = sidebar(_navigation(5000), "p/2500", 4)
    assert [len(listing.entries) for listing in small] == [len(listing.entries) for listing in large] == [10, 1, 3]


def test_nested_toctrees_open_the_page_branch_and_stop_at_a_circle_and_the_depth():
    children = {
        "about": (Link("about/history"),),
        "about/history": (Link("about/detail"), Link("about"), Link(url="https://example.com", title="밖")),
        "tags/index": tuple(Link(f"tags/{n}") for n in range(20)),
    }
    nav = _navigation(5, children)
    pages = sidebar(nav, "about/detail", 4)[2]
    about = pages.entries[0]
    assert about.holds_page and not about.is_page and about.level == 1
    history = about.children[0]
    assert history.holds_page and history.level == 2
    assert [(c.title, c.is_page, c.holds_page) for c in history.children] == [
        ("ABOUT/DETAIL", True, True), ("ABOUT", False, True), ("밖", False, False)
    ]
    # "about" is inside its own branch: it shows no list a second time
    assert history.children[1].children == ()
    assert history.children[2].link.url == "https://example.com"
    # the tag pages under the tags page: the first 2 * window + 1, or a window around the page
    tags = pages.entries[2]
    assert [c.title for c in tags.children] == [f"TAGS/{n}" for n in range(9)]
    assert [c.title for c in sidebar(nav, "tags/15", 4)[2].entries[2].children] == [f"TAGS/{n}" for n in range(11, 20)]
    # maxdepth: the theme's deepest level; collapse: only the page's branch opens
    assert sidebar(nav, "about/detail", 4, maxdepth=2)[2].entries[0].children[0].children == ()
    collapsed = sidebar(nav, "p/0", 4, collapse=True)[2]
    assert all(e.children == () for e in collapsed.entries)
    assert sidebar(nav, "tags/index", 4, collapse=True)[2].entries[2].children
    assert [c.is_page for c in sidebar(nav, "tags/3", 4, collapse=True)[2].entries[2].children][3]
    # as Sphinx collapses: only the line of parents it takes the page to have opens; a page two
    # pages list has the last by name as its parent ("about": the cover "index", not "about/history")
    assert nav.chain("about/detail") == {"about/detail", "about/history", "about"}
    assert nav.sphinx_parent["about"] == "index" and nav.chain("about") == {"about"}
    pages = sidebar(nav, "about/detail", 4, collapse=True)[2]
    assert [(e.title, e.holds_page, bool(e.children)) for e in pages.entries] == [
        ("ABOUT", True, True), ("ARCHIVE", False, False), ("TAGS/INDEX", False, False)
    ]
    assert [(e.title, bool(e.children)) for e in pages.entries[0].children[0].children] == [
        ("ABOUT/DETAIL", False), ("ABOUT", False), ("밖", False)
    ]


def test_a_page_listed_twice_is_marked_in_both_places():
    nav = _navigation(5, {"about": (Link("archive"),)})
    pages = sidebar(nav, "archive", 4)[2]
    assert [(e.title, e.holds_page, e.is_page) for e in pages.entries] == [
        ("ABOUT", True, False), ("ARCHIVE", True, True), ("TAGS/INDEX", False, False)
    ]
    assert pages.entries[0].children[0].is_page


def test_the_navigation_pickles_without_its_indexes_and_comes_back_whole():
    nav = _navigation(5, {"about": (Link("about/history"),)})
    again = pickle.loads(pickle.dumps(nav))
    assert again == nav and again.holders("about/history") == {"about/history", "about"}
    assert sidebar(again, "p/2", 1) == sidebar(nav, "p/2", 1)


# -- what a change rewrites --------------------------------------------------------


def _retitled(nav: Navigation, docname: str, title: str) -> Navigation:
    return Navigation(nav.listings, nav.children, {**nav.titles, docname: title}, nav.neighbours)


def test_a_title_edit_rewrites_only_the_pages_that_show_it():
    nav = _navigation(30)
    changed = pages_to_rewrite(nav, _retitled(nav, "p/15", "새 제목"), 4)
    # its window neighbours (themselves included) and its previous and next
    assert changed == {f"p/{n}" for n in range(11, 20)}
    # the first chapter of a part is the next page of the last of the part before
    assert pages_to_rewrite(nav, _retitled(nav, "q/0", "새 제목"), 4) == {f"q/{n}" for n in range(5)} | {"p/29"}
    # a page of "더 보기" is on every page
    assert pages_to_rewrite(nav, _retitled(nav, "about", "소개"), 4) == nav.docnames
    assert pages_to_rewrite(nav, nav, 4) == set()


def _change(nav: Navigation, data) -> Navigation:
    """A random edit: retitle, move, add or drop chapters, retitle a part, change a toctree."""
    listings = [list(listing.entries) for listing in nav.listings]
    titles = dict(nav.titles)
    children = dict(nav.children)
    mores = [listing.more for listing in nav.listings]
    for _ in range(data.draw(st.integers(1, 3))):
        kind = data.draw(st.sampled_from(["title", "move", "add", "drop", "more", "child"]))
        part = data.draw(st.integers(0, 1))
        entries = listings[part]
        if kind == "title" and entries:
            titles[data.draw(st.sampled_from(entries)).docname] = data.draw(st.sampled_from(["가", "나", "다"]))
        elif kind == "move" and len(entries) > 1:
            entries.insert(data.draw(st.integers(0, len(entries) - 1)), entries.pop(data.draw(st.integers(0, len(entries) - 1))))
        elif kind == "add":
            docname = f"new/{len(titles)}"
            titles[docname] = "새 글"
            entries.insert(data.draw(st.integers(0, len(entries))), Link(docname))
        elif kind == "drop" and entries:
            entries.pop(data.draw(st.integers(0, len(entries) - 1)))
        elif kind == "more":
            mores[part] = Link(mores[part].docname, title=f"{len(entries)}개")
        elif kind == "child":
            children["about"] = (Link(data.draw(st.sampled_from(sorted(titles)))),)
    order = ["index", *(link.docname for entries in listings for link in entries)]
    order += [d for d in titles if d not in order]
    neighbours = {d: (order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None) for i, d in enumerate(order)}
    new_listings = tuple(
        Listing(listing.caption, tuple(entries), more) for listing, entries, more in zip(nav.listings, listings, mores)
    )
    return Navigation(new_listings, children, titles, neighbours)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 25), st.integers(0, 4), st.data())
def test_the_pages_to_rewrite_are_exactly_those_whose_view_changed(chapters, window, data):
    old = _navigation(chapters, {"about": (Link("p/0"),)} if data.draw(st.booleans()) else None)
    new = _change(old, data)
    everything = old.docnames | new.docnames
    expected = {d for d in everything if page_view(old, d, window) != page_view(new, d, window)}
    assert pages_to_rewrite(old, new, window) == expected


# -- the generated pages a change re-reads -----------------------------------------------


def _book(titles: dict[str, str], tags: dict[str, tuple[str, ...]] | None = None):
    sources = []
    for n, (docname, title) in enumerate(titles.items()):
        category = docname.split("/")[0]
        fm = FrontMatter(title=title, date=dt.datetime(2021, 1, 1 + n), category=category, tags=(tags or {}).get(docname, ()))
        sources.append(Source(docname, fm))
    sources.append(Source("about", FrontMatter(title="소개")))
    return build_book(sources, taken_docnames=[s.docname for s in sources])


def test_a_retitled_chapter_rereads_its_part_page_the_archive_its_tags_and_the_cover_if_it_is_a_card():
    titles = {f"a/day{n}": f"DAY {n}" for n in range(1, 16)} | {f"b/day{n}": f"B {n}" for n in range(1, 4)}
    tags = {"a/day2": ("파이썬",), "b/day1": ("회고",)}
    before = _book(titles, tags)
    assert generated_pages_to_read(before, before, 12) == set()
    after = _book({**titles, "a/day2": "고친 제목"}, tags)
    assert generated_pages_to_read(before, after, 12) == {"index", "a/index", "archive", "tags/파이썬"}
    # beyond the cover's cards: the cover does not change
    after = _book({**titles, "a/day14": "고친 제목"}, tags)
    assert generated_pages_to_read(before, after, 12) == {"a/index", "archive"}
    # a first build reads them all
    assert generated_pages_to_read(None, before, 12) == {"index", "a/index", "b/index", "archive", "tags/index", "tags/파이썬", "tags/회고"}
