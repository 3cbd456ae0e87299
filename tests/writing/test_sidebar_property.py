"""Random books build, and every chapter's sidebar leads where it should.

Each example writes a book the way real Gatsby blogs are: parts of 1 to 25
chapters; bodies with zero to several H1s, H2 to H4s, headings with inline
code and emoji names (``:smile:``); file names with ``+``, ``.``, ``_``,
``-`` and Hangul; ``<slug>/index.md`` posts; posts with and without day
numbers (in the file name, or only in the title); a page without a date; a
post that ``{include}``s another. Then, built with ``dirhtml`` or ``html``:

* no warning comes from daybook's own code (``[daybook.*]``), and no traceback;
* every post is a page;
* following "next" from the cover reaches every post;
* each chapter's sidebar lists, in its own part, exactly the window of its
  neighbours (in book order) and links every other part's page.

A handful of small books run on every ``make test``;
``DAYBOOK_PROPERTY_EXAMPLES=200`` runs more, larger ones.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from daybook.model.window import window_bounds

EXAMPLES = int(os.environ.get("DAYBOOK_PROPERTY_EXAMPLES", "0") or 0)
#: on every ``make test``: a few books of at most three parts
LARGE = EXAMPLES > 0
MAX_PARTS = 5 if LARGE else 3

#: name pieces: no digits (a number would make a numbered series, ordered its own way)
NAME_PIECES = ["c++", "v.net", "my_post", "hello-world", "한글", "일기", "노트_정리", "a.b", "x+y", "리뷰-", "post"]
TITLE_WORDS = ["오늘", "배운 것", "`torch.nn`", ":smile:", ":rocket:", "'인용'", '"따옴표"', "회고", "C++", "정리"]
CATEGORIES = ["⛺ Boostcamp", "딥러닝", "React", "회고 :memo:", "c++ 공부"]
BASE = dt.datetime(2021, 1, 1, 9, 0)


@dataclass(frozen=True)
class Post:
    path: str  # under the source folder
    title: str
    date: dt.datetime
    category: str
    day: int | None  # the day number daybook should read, if any
    body: str

    @property
    def docname(self) -> str:
        return self.path.removesuffix(".md")


def _body(draw) -> str:
    lines = ["## 시작", "", "본문입니다.", ""]
    for _ in range(draw(st.integers(0, 6))):
        level = draw(st.sampled_from([1, 1, 2, 3, 4]))
        words = draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3))
        lines += ["#" * level + " " + " ".join(words), "", "문단 :smile: 과 `코드`.", ""]
    return "\n".join(lines)


@st.composite
def books(draw) -> tuple[list[Post], dict]:
    parts = draw(st.integers(1, MAX_PARTS))
    posts: list[Post] = []
    moment = BASE
    used: set[str] = set()
    for number in range(parts):
        category = CATEGORIES[number]
        folder = draw(st.sampled_from(["camp", "딥러닝", "c++", "react.js", "회고_모음"])) + f"-{chr(97 + number)}"
        size = draw(st.integers(1, 25 if (LARGE or number == 0) else 8))
        day = draw(st.integers(1, 5))
        for _ in range(size):
            moment += dt.timedelta(hours=draw(st.integers(1, 60)))
            numbered = draw(st.sampled_from(["file", "title", "none", "none"]))
            slug = "".join(draw(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=2)))
            title = " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3)))
            if numbered == "file":
                slug = f"day{day}-{slug}"
            elif numbered == "title":
                title = f"DAY {day}. {title}"
            stem = slug
            while stem.casefold() in used:
                stem += "-"
            used.add(stem.casefold())
            index = draw(st.booleans())
            path = f"{folder}/{stem}/index.md" if index else f"{folder}/{stem}.md"
            has_day = numbered != "none"
            posts.append(Post(path, title, moment, category, day if has_day else None, _body(draw)))
            if has_day:
                day += draw(st.integers(1, 3))
    # a post that includes another file (from its own folder)
    includer, included = draw(st.sampled_from(posts)), draw(st.sampled_from(posts))
    if includer != included:
        relative = posixpath.relpath(included.path, posixpath.dirname(includer.path))
        posts[posts.index(includer)] = Post(
            includer.path, includer.title, includer.date, includer.category, includer.day,
            includer.body + f"\n\n```{{include}} {relative}\n```\n",
        )
    settings_ = {
        "builder": draw(st.sampled_from(["dirhtml", "html"])),
        "window": draw(st.integers(0, 4)),
        "home": draw(st.booleans()),
    }
    return posts, settings_


def write_book(srcdir: Path, posts: list[Post], options: dict) -> None:
    (srcdir / "conf.py").write_text(
        'project = "무작위 책"\nauthor = "글쓴이"\nlanguage = "ko"\nroot_doc = "index"\n'
        'extensions = ["myst_parser", "sphinx_design", "daybook"]\nsource_suffix = {".md": "markdown"}\n'
        'html_theme = "sphinx_book_theme"\n'
        f'html_theme_options = {{"home_page_in_toc": {options["home"]}}}\n'
        f'daybook_sidebar_window = {options["window"]}\n',
        encoding="utf-8",
    )
    # a page without a date: "더 보기"
    (srcdir / "about.md").write_text("---\ntitle: \"소개 :wave:\"\n---\n\n## 이 책\n\n소개.\n", encoding="utf-8")
    for post in posts:
        path = srcdir / post.path
        path.parent.mkdir(parents=True, exist_ok=True)
        title = post.title.replace('"', '\\"')
        path.write_text(
            f'---\ntitle: "{title}"\ndate: {post.date:%Y-%m-%d %H:%M:%S}\ncategory: "{post.category}"\n---\n\n{post.body}\n',
            encoding="utf-8",
        )


def book_order(posts: list[Post]) -> list[list[Post]]:
    """The parts as the cover leads with them: the largest first, the earliest of equal ones first (then by name);
    each part's numbered days first, then the rest by date."""
    parts: dict[str, list[Post]] = {}
    for post in posts:
        parts.setdefault(post.category, []).append(post)
    ordered = sorted(
        parts.values(), key=lambda members: (-len(members), min(p.date for p in members), members[0].category)
    )
    return [
        sorted([p for p in members if p.day is not None], key=lambda p: (p.day, p.date))
        + sorted([p for p in members if p.day is None], key=lambda p: p.date)
        for members in ordered
    ]


def output_of(outdir: Path, docname: str, builder: str) -> Path:
    if builder == "html":
        return outdir / f"{docname}.html"
    page = docname.removesuffix("/index") if docname.endswith("/index") else docname
    return outdir / page / "index.html" if page != "index" else outdir / "index.html"


def resolve(outdir: Path, page: Path, href: str) -> Path:
    """The file a link of ``page`` leads to."""
    base = "http://book/" + "/".join(_quote(part) for part in page.relative_to(outdir).parts)
    path = unquote(urlsplit(urljoin(base, href)).path).removeprefix("/")
    target = outdir / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def _quote(segment: str) -> str:
    from urllib.parse import quote

    return quote(segment)


def check_book(srcdir: Path, outdir: Path, warnings: str, posts: list[Post], options: dict) -> None:
    builder = options["builder"]
    ours = [line for line in warnings.splitlines() if "[daybook" in line or "Traceback" in line]
    assert ours == [], ours
    pages = {p.docname: output_of(outdir, p.docname, builder) for p in posts}
    for docname, page in pages.items():
        assert page.is_file(), docname
    # "next" from the cover reaches every post
    seen: set[Path] = set()
    page = output_of(outdir, "index", builder)
    while page not in seen and page.is_file():
        seen.add(page)
        following = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("a.right-next")
        if following is None:
            break
        page = resolve(outdir, page, following["href"])
    missing = [d for d, p in pages.items() if p not in seen]
    assert not missing, missing
    # each chapter's sidebar: its window in its own part, every other part's page
    parts = book_order(posts)
    window = options["window"]
    for part in parts:
        for index, post in enumerate(part):
            page = pages[post.docname]
            nav = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("nav.bd-docs-nav")
            captions = [c.get_text() for c in nav.select("p.caption")]
            assert captions[: len(parts)] == [p[0].category for p in parts], captions
            lists = nav.select("p.caption + ul")
            own = lists[parts.index(part)]
            assert "current" in own["class"]
            links = own.select(":scope > li:not(.daybook-more) > a")
            lo, hi = window_bounds(len(part), index, window)
            expected = [pages[p.docname] for p in part[lo:hi]]
            got = [page if a["href"] == "#" else resolve(outdir, page, a["href"]) for a in links]
            assert got == expected, (post.docname, [a["href"] for a in links])
            assert [a["href"] for a in own.select("a.current")] == ["#"]
            for other, listing in zip(parts, lists):
                more = listing.select(":scope > li.daybook-more > a")
                assert len(more) == 1 and resolve(outdir, page, more[0]["href"]).is_file()
                if other is not part:
                    assert len(listing.select(":scope > li")) == 1
            # the page's own headings are not in the sidebar
            assert not [a for a in nav.select("a") if "#" in a["href"] and a["href"] != "#"]


@settings(
    max_examples=EXAMPLES or 4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # each example is a whole build: a failing book is reported as drawn, not shrunk for minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(books())
def test_random_books_build_and_every_sidebar_leads_where_it_should(book):
    posts, options = book
    with tempfile.TemporaryDirectory() as folder:
        srcdir = Path(folder) / "src"
        srcdir.mkdir()
        write_book(srcdir, posts, options)
        app = SphinxTestApp(options["builder"], srcdir=srcdir, builddir=Path(folder) / "build")
        try:
            app.build()
            check_book(srcdir, Path(app.outdir), app.warning.getvalue(), posts, options)
        finally:
            app.cleanup()
