"""The search files after a change: what a clean build writes, and only the files that changed written.

``search/lazy.py`` keeps the index it last wrote in the doctree folder
(``search/kept.py``) and, when a page changes, re-encodes that page's terms
and writes only the base and the shards whose bytes change. The property
test runs random sequences of changes (edits, titles, pages added, removed,
renamed, drafts toggled, the query's reading and the engine changed, files
deleted or edited by hand or put there, builds stopped while writing) and
after each build compares the folder with a clean split of the same pages,
byte for byte, and checks that no file was written again with the bytes it
already held. The book tests check the same through Sphinx: a body edit
leaves the other shards (and their times) alone, and sequences of edits,
drafts toggled, posts added and removed keep the output equal to a clean
build's, serial and ``-j 2``.

``DAYBOOK_SEQUENCE_EXAMPLES=50`` runs more book sequences.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from incremental import assert_same_output

from daybook.search import kept, lazy, shards
from daybook.search.index import BODY, HEADING, TITLE, PageTerms, build_index
from daybook.search.shards import split

EXAMPLES = int(os.environ.get("DAYBOOK_SEQUENCE_EXAMPLES", "3"))
QUERY = {"endings": ["을", "를"], "stopwords": ["the"], "synonyms": [["모델", "model"]]}
#: Hangul syllables and Latin letters the made-up words are made of: few, so pages share terms
SYLLABLES = "가나다라마바사아자차카타파하팀원"
LATIN = "abcdefg"
ENGINE = "/* engine */\n"

words = st.one_of(
    st.text(SYLLABLES, min_size=1, max_size=4),
    st.text(LATIN, min_size=1, max_size=5),
    st.integers(min_value=0, max_value=30).map(lambda day: f"#{day}"),
    st.text(SYLLABLES, min_size=2, max_size=4).map(lambda word: f"+{word}"),
)
places = st.sampled_from([BODY, BODY, BODY, HEADING, TITLE])
said = st.lists(st.tuples(words, places), max_size=30)
PAIRS = [("모델", "model"), ("팀원", "teammate"), ("가나", "gana")]
pairs = st.lists(st.sampled_from(PAIRS), max_size=2).map(tuple)


def page_of(terms: list[tuple[str, int]], length: int, paired: tuple[tuple[str, str], ...]) -> PageTerms:
    page = PageTerms(length=length, pairs=paired)
    for term, place in terms:
        page.add(term, place)
    return page


names = st.text("abcdefg가나다/-", min_size=1, max_size=8)
new_page = st.tuples(names, st.text(SYLLABLES + " ", max_size=6), said, st.integers(0, 5000), pairs)

#: one change between two builds; page numbers are taken modulo the pages there are
changes = st.one_of(
    st.tuples(st.just("say"), st.integers(0, 99), said),
    st.tuples(st.just("unsay"), st.integers(0, 99), st.integers(0, 99)),
    st.tuples(st.just("title"), st.integers(0, 99), st.text(SYLLABLES + " ", max_size=6)),
    st.tuples(st.just("length"), st.integers(0, 99), st.integers(0, 5000)),
    st.tuples(st.just("pairs"), st.integers(0, 99), pairs),
    st.tuples(st.just("add"), new_page),
    st.tuples(st.just("remove"), st.integers(0, 99)),
    st.tuples(st.just("rename"), st.integers(0, 99), names),
    st.tuples(st.just("draft"), st.integers(0, 99)),
    st.tuples(st.just("query"), st.sampled_from(["을", "를", "은"])),
    st.tuples(st.just("engine"), st.text("abc", max_size=3)),
    st.tuples(st.just("delete file"), st.integers(0, 99)),
    st.tuples(st.just("edit file"), st.integers(0, 99), st.booleans()),
    st.tuples(st.just("stray file"), st.sampled_from(["t/99.js", "extra.js", ".base.js.1.tmp", "t/x/y.js"])),
    st.tuples(st.just("stop"), st.integers(0, 12)),
    st.just(("nothing",)),
)


class Book:
    """Pages by name (a draft is kept but not indexed), the query's reading, the engine."""

    def __init__(self, pages: list[tuple[str, str, list, int, tuple]]) -> None:
        self.pages: dict[str, list] = {}
        for name, title, terms, length, paired in pages:
            self.pages.setdefault(name, [title, page_of(terms, length, paired), False])
        self.query = dict(QUERY)
        self.engine = ENGINE

    def indexed(self) -> list[tuple[str, str, PageTerms]]:
        return [(name, title, page) for name, (title, page, draft) in sorted(self.pages.items()) if not draft]

    def name(self, number: int) -> str | None:
        return sorted(self.pages)[number % len(self.pages)] if self.pages else None

    def change(self, change: tuple) -> None:
        kind, *args = change
        name = self.name(args[0]) if args and isinstance(args[0], int) else None
        entry = self.pages.get(name) if name is not None else None
        old = entry[1] if entry else None
        if kind == "say" and entry:
            page = PageTerms(old.length, dict(old.terms), old.pairs)
            for term, place in args[1]:
                page.add(term, place)
            entry[1] = page  # a page read again is a new object, as Sphinx's environment holds it
        elif kind == "unsay" and entry and old.terms:
            terms = dict(old.terms)
            terms.pop(sorted(terms)[args[1] % len(terms)])
            entry[1] = PageTerms(old.length, terms, old.pairs)
        elif kind == "title" and entry:
            entry[0] = args[1]
        elif kind == "length" and entry:
            entry[1] = PageTerms(args[1], dict(old.terms), old.pairs)
        elif kind == "pairs" and entry:
            entry[1] = PageTerms(old.length, dict(old.terms), args[1])
        elif kind == "add":
            new_name, title, terms, length, paired = args[0]
            self.pages[new_name] = [title, page_of(terms, length, paired), False]
        elif kind == "remove" and entry:
            del self.pages[name]
        elif kind == "rename" and entry and args[1] not in self.pages:
            self.pages[args[1]] = self.pages.pop(name)
        elif kind == "draft" and entry:
            entry[2] = not entry[2]
        elif kind == "query":
            self.query = {**QUERY, "endings": [args[0]]}
        elif kind == "engine":
            self.engine = ENGINE + args[0]


def clean_files(book: Book) -> dict[str, bytes]:
    """What a clean build writes: the split of the pages and the engine, nothing else."""
    base, scripts = split(build_index(book.indexed()), book.query)
    files = {"base.js": base, "engine.js": book.engine}
    files.update({f"t/{number}.js": script for number, script in scripts.items()})
    return {name: script.encode("utf-8") for name, script in files.items()}


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def times(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's time and inode: a file written again has a new inode, even within the clock's resolution."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(folder).as_posix()] = (stat.st_mtime_ns, stat.st_ino)
    return found


class Stopped(Exception):
    """A build stopped (Ctrl-C, a full disk) while writing the search files."""


def write(book: Book, folder: Path, cache: Path, stop_after: int | None = None) -> list[str] | None:
    """A build's end; ``stop_after``: the build stops at that write (of files and cache)."""
    if stop_after is None:
        return lazy.write_search_folder(folder, cache, book.indexed(), book.query, book.engine)
    calls = []

    def stopping(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) > stop_after:
            raise Stopped
        real_write(path, data)

    real_write = lazy.write_atomically
    with mock.patch.object(lazy, "write_atomically", stopping):
        try:
            lazy.write_search_folder(folder, cache, book.indexed(), book.query, book.engine)
        except Stopped:
            pass
    return None


def tamper(change: tuple, folder: Path) -> None:
    kind, *args = change
    present = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    if kind == "delete file" and present:
        present[args[0] % len(present)].unlink()
    elif kind == "edit file" and present:
        path = present[args[0] % len(present)]
        data = path.read_bytes()
        # a longer file, or one of the same size: either way edited later than the build wrote it
        path.write_bytes(data + b"//" if args[1] else data[:-1] + (b"x" if data[-1:] != b"x" else b"y"))
        later = path.stat().st_mtime_ns + 5_000_000_000
        os.utime(path, ns=(later, later))
    elif kind == "stray file":
        path = folder / args[0]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("stray", encoding="utf-8")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    first=st.lists(new_page, max_size=12),
    steps=st.lists(changes, max_size=8),
    shard_bytes=st.sampled_from([200, 1000, 24_000]),
)
def test_after_any_changes_the_folder_is_a_clean_split_and_only_changed_files_are_written(first, steps, shard_bytes):
    """Small shards (``shard_bytes``), so that a few pages make many shards and a change moves their count."""
    book = Book(first)
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(shards, "SHARD_BYTES", shard_bytes):
        folder, cache = Path(tmp) / "out" / "_static" / "daybook-search", Path(tmp) / "doctrees" / "search.cache"
        cache.parent.mkdir()
        write(book, folder, cache)
        assert folder_files(folder) == clean_files(book)
        stopped = False
        for change in steps:
            book.change(change)
            tamper(change, folder)
            before, before_times = folder_files(folder), times(folder)
            if change[0] == "stop":
                write(book, folder, cache, stop_after=change[1])
                stopped = True
                continue
            written = write(book, folder, cache)
            assert folder_files(folder) == clean_files(book), change
            after_times = times(folder)
            touched = sorted(name for name in after_times if after_times[name] != before_times.get(name))
            assert touched == sorted(written)
            if not stopped:
                # with the cache of a finished build, a file is written only when its bytes change
                rewritten = [name for name in written if before.get(name) == folder_files(folder)[name]]
                assert rewritten == [], change
            stopped = False


def test_an_edit_of_one_page_re_encodes_only_its_terms(monkeypatch):
    """The other terms' pages are not encoded again: the work is the changed page's, not the book's."""
    rng = random.Random(5)
    book = Book([
        (f"day{n:03}", f"DAY {n}", [("".join(rng.choices(SYLLABLES, k=3)), BODY) for _ in range(40)], 900, ())
        for n in range(300)
    ])
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "search", Path(tmp) / "search.cache"
        write(book, folder, cache)
        times_before = times(folder)
        encoded: list[list] = []
        real = shards.encode_postings
        monkeypatch.setattr(kept, "encode_postings", lambda postings: encoded.append(postings) or real(postings))
        book.change(("say", 7, [("새말", BODY), ("팀원", HEADING)]))
        written = write(book, folder, cache)
        assert folder_files(folder) == clean_files(book)
        assert 0 < len(encoded) <= 5  # 새말, 팀원 and their parts; the book has thousands of terms
        assert "base.js" not in written  # no title, length or pair changed
        assert len(written) < len(times_before) - 2
        assert {name for name, time in times(folder).items() if time != times_before[name]} == set(written)


# --- through Sphinx ------------------------------------------------------------------------

SYLLABLES_WIDE = "가각간갇갈감갑강개객거건걸검겁게겨격견결겸경계고곡곤골곰공과관광괴교구국군굴궁권귀규균그극근글금급기긴길김"


def write_post(src: Path, number: int, text: str, *, draft: bool = False, title: str | None = None) -> Path:
    path = src / "diary" / f"day{number}-2021{number // 28 + 1:02}{number % 28 + 1:02}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title or f'DAY {number}. 하루'}\ndate: 2021-{number // 28 + 1:02}-{number % 28 + 1:02}\n"
        f"category: 일지\ndraft: {'true' if draft else 'false'}\n---\n\n## 오늘\n\n{text}\n",
        encoding="utf-8",
    )
    stamp = path.stat().st_mtime + 10 + random.random()
    os.utime(path, (stamp, stamp))
    return path


def wide_book(src: Path, posts: int = 40, seed: int = 1) -> dict[int, str]:
    """Posts of many different words: enough terms for several shards."""
    rng = random.Random(seed)
    (src).mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        "project = '일지'\nlanguage = 'ko'\nextensions = ['myst_parser', 'sphinx_design', 'daybook']\n"
        "source_suffix = {'.md': 'markdown'}\nhtml_theme = 'sphinx_book_theme'\n",
        encoding="utf-8",
    )
    texts = {}
    for number in range(1, posts + 1):
        texts[number] = " ".join("".join(rng.choices(SYLLABLES_WIDE, k=rng.randint(2, 4))) for _ in range(150))
        write_post(src, number, texts[number])
    return texts


def build(make_app, src: Path, out: Path, *, parallel: int = 0, freshenv: bool = False):
    app = make_app("dirhtml", srcdir=src, builddir=out, freshenv=freshenv, parallel=parallel)
    app.build()
    return app


def test_a_body_edit_rewrites_only_the_search_files_whose_bytes_change(make_app, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    texts = wide_book(src)
    build(make_app, src, out, freshenv=True)
    folder = out / "dirhtml" / "_static" / "daybook-search"
    before, before_times = folder_files(folder), times(folder)
    assert len([name for name in before if name.startswith("t/")]) >= 4
    write_post(src, 12, texts[12] + "\n\n벤치마크")
    build(make_app, src, out)
    after, after_times = folder_files(folder), times(folder)
    changed = {name for name in after if after[name] != before.get(name)}
    touched = {name for name in after_times if after_times[name] != before_times.get(name)}
    assert changed and touched == changed
    assert len(changed) < len(after) - 2  # most shards hold none of the new words
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    build(make_app, clean_src, tmp_path / "clean", freshenv=True)
    assert_same_output(out / "dirhtml", tmp_path / "clean" / "dirhtml")


book_changes = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(1, 12), st.text(SYLLABLES_WIDE[:12] + " ", min_size=1, max_size=30)),
        st.tuples(st.just("title"), st.integers(1, 12), st.text(SYLLABLES_WIDE[:12], min_size=1, max_size=6)),
        st.tuples(st.just("draft"), st.integers(1, 12)),
        st.tuples(st.just("add"), st.integers(13, 16)),
        st.tuples(st.just("remove"), st.integers(1, 16)),
        st.tuples(st.just("delete file"), st.integers(0, 99)),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=book_changes, parallel=st.sampled_from([0, 2]))
def test_book_sequences_keep_the_search_files_equal_to_a_clean_build(make_app, tmp_path_factory, steps, parallel):
    """Edits, titles, drafts toggled, posts added and removed, a search file deleted: each leaves a clean build's output."""
    tmp = tmp_path_factory.mktemp("sequence")
    src, out = tmp / "src", tmp / "out"
    texts = wide_book(src, posts=12, seed=len(steps))
    titles: dict[int, str] = {}
    drafts: set[int] = set()

    def rewrite(number: int) -> None:
        # a draft holds a canary that must reach no search file
        text = texts[number] + (" CANARYDRAFT" if number in drafts else "")
        write_post(src, number, text, draft=number in drafts, title=titles.get(number))

    build(make_app, src, out, freshenv=True, parallel=parallel)
    for step, change in enumerate(steps):
        kind, number, *rest = change
        if kind == "edit" and number in texts:
            texts[number] += " " + rest[0]
            rewrite(number)
        elif kind == "title" and number in texts:
            titles[number] = f"DAY {number}. {rest[0]}"
            rewrite(number)
        elif kind == "draft" and number in texts:
            drafts ^= {number}
            rewrite(number)
        elif kind == "add" and number not in texts:
            texts[number] = f"새 글 {number}번째 추가한 글입니다"
            rewrite(number)
        elif kind == "remove" and number in texts:
            next(iter((src / "diary").glob(f"day{number}-*.md"))).unlink()
            del texts[number]
            drafts.discard(number)
            titles.pop(number, None)
        elif kind == "delete file":
            present = sorted((out / "dirhtml" / "_static" / "daybook-search").rglob("*.js"))
            present[number % len(present)].unlink()
        build(make_app, src, out, parallel=parallel)
        clean = tmp / f"clean-{step}"
        shutil.copytree(src, tmp / f"clean-src-{step}")
        build(make_app, tmp / f"clean-src-{step}", clean, freshenv=True)
        try:
            assert_same_output(out / "dirhtml", clean / "dirhtml")
        except AssertionError as error:
            raise AssertionError(f"after step {step} ({change}): {error}") from None
        search = folder_files(out / "dirhtml" / "_static" / "daybook-search")
        assert not any(b"canarydraft" in data.lower() for data in search.values())
