"""An incremental build makes what a clean build makes; -j 2 what -j 1 makes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from incremental import assert_same_output, copy_root, edit, touch_later

POST = "boostcamp/day2-20210119.md"


def build(make_app, srcdir: Path, outdir: Path, *, parallel: int = 0, freshenv: bool = False, builder: str = "dirhtml"):
    """Build ``srcdir`` into ``outdir``; return the app and the docnames it read."""
    app = make_app(builder, srcdir=srcdir, builddir=outdir, freshenv=freshenv, parallel=parallel)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return app, read


def _body_edit(src: Path) -> None:
    edit(src / POST, "## 서식", "## 서식과 새 문단\n\n새로 쓴 문단입니다.\n\n## 서식 둘")


def _title_edit(src: Path) -> None:
    edit(src / POST, "title: DAY 2. 둘째 날", "title: DAY 2. 고친 제목")


def _day_change(src: Path) -> None:
    edit(src / "boostcamp/retrospective.md", "title: 부스트캠프 회고", "title: 부스트캠프 회고\nday: 5")


def _category_change(src: Path) -> None:
    edit(src / "react/hooks.md", "category: React", "category: \"⛺ Boostcamp\"")


def _draft_on(src: Path) -> None:
    edit(src / "boostcamp/day10-20210130.md", "category:", "draft: true\ncategory:")


def _draft_off(src: Path) -> None:
    edit(src / "boostcamp/day3-20210120.md", "draft: true", "draft: false")


def _add_post(src: Path) -> None:
    path = src / "boostcamp/day4-20210121.md"
    path.write_text(
        "---\ntitle: DAY 4. 새 글\ndate: 2021-01-21 10:00:00\ncategory: \"⛺ Boostcamp\"\ntags: [새태그]\n---\n\n## 새 글\n\n추가한 글입니다.\n",
        encoding="utf-8",
    )
    touch_later(path)


def _delete_post(src: Path) -> None:
    (src / "boostcamp/day100-20210430.md").unlink()


def _rename_post(src: Path) -> None:
    (src / "react/hooks.md").rename(src / "react/react-hooks.md")


CHANGES: dict[str, Callable[[Path], None]] = {
    "body": _body_edit,
    "title": _title_edit,
    "day": _day_change,
    "category": _category_change,
    "draft-on": _draft_on,
    "draft-off": _draft_off,
    "add": _add_post,
    "delete": _delete_post,
    "rename": _rename_post,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_equals_clean(make_app, rootdir, tmp_path, change):
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    out = tmp_path / "incremental"
    build(make_app, src, out, freshenv=True)
    CHANGES[change](src)
    _, read = build(make_app, src, out)
    if change == "body":
        assert read == ["boostcamp/day2-20210119"]
    # the clean build reads a copy elsewhere: the output must not depend on where the posts are
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    build(make_app, clean_src, tmp_path / "clean", freshenv=True)
    assert_same_output(out / "dirhtml", tmp_path / "clean" / "dirhtml")


def test_no_op_rebuild_reads_nothing(make_app, rootdir, tmp_path):
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    build(make_app, src, tmp_path / "out", freshenv=True)
    _, read = build(make_app, src, tmp_path / "out")
    # Sphinx re-reads a page whose image is missing, so that its warning repeats
    assert read == ["boostcamp/day2-20210119"]
    (src / "boostcamp/img/missing.png").write_bytes((src / "boostcamp/img/14-lstm.png").read_bytes())
    build(make_app, src, tmp_path / "out")
    _, read = build(make_app, src, tmp_path / "out")
    assert read == []


def test_search_files_are_written_again_only_when_what_they_hold_changed(make_app, rootdir, tmp_path):
    """A no-op leaves daybook's search files as they are; a missing one, or a page that says more, writes them again."""
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    out = tmp_path / "out"
    build(make_app, src, out, freshenv=True)
    folder = out / "dirhtml/_static/daybook-search"

    def stamps() -> dict[str, int]:
        return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.js")}

    written = stamps()
    assert "base.js" in written and "engine.js" in written and "t/0.js" in written
    build(make_app, src, out)
    assert stamps() == written
    (folder / "t/0.js").unlink()
    build(make_app, src, out)
    assert (folder / "t/0.js").is_file()
    written = stamps()
    _body_edit(src)
    build(make_app, src, out)
    assert stamps()["base.js"] != written["base.js"]
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    build(make_app, clean_src, tmp_path / "clean", freshenv=True)
    assert_same_output(out / "dirhtml", tmp_path / "clean" / "dirhtml")


@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_parallel_equals_serial(make_app, rootdir, tmp_path, builder):
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    build(make_app, src, tmp_path / "serial", freshenv=True, builder=builder)
    build(make_app, src, tmp_path / "parallel", freshenv=True, parallel=2, builder=builder)
    assert_same_output(tmp_path / "serial" / builder, tmp_path / "parallel" / builder)


def _add_image(src: Path) -> None:
    shutil.copy(src / "boostcamp/img/14-lstm.png", src / "boostcamp/img/new-figure.png")
    edit(src / "boostcamp/day10-20210129.md", "열흘째 날입니다.", "열흘째 날입니다.\n\n![새 그림](./img/new-figure.png)")


def _remove_image(src: Path) -> None:
    edit(src / POST, "![LSTM](./img/14-lstm.png)", "")


def _rename_folder(src: Path) -> None:
    (src / "react").rename(src / "frontend")


def _conf_change(src: Path) -> None:
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\ndaybook_part_order = ["⛺ Boostcamp"]\n', encoding="utf-8")
    touch_later(conf)


#: the scripted sequence: each change applies on top of the ones before it
SEQUENCE = [
    _body_edit, _title_edit, _day_change, _category_change, _draft_on, _draft_off,
    _add_post, _delete_post, _rename_folder, _add_image, _remove_image, _conf_change,
]


@pytest.mark.parametrize(("builder", "parallel"), [("dirhtml", 0), ("dirhtml", 2), ("html", 0)])
def test_scripted_changes_keep_incremental_equal_to_clean(make_app, rootdir, tmp_path, builder, parallel):
    """After each of 12 changes in a row, the incremental output equals a clean serial build's."""
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    out = tmp_path / "incremental"
    build(make_app, src, out, freshenv=True, builder=builder, parallel=parallel)
    for step, change in enumerate(SEQUENCE):
        change(src)
        build(make_app, src, out, builder=builder, parallel=parallel)
        clean = tmp_path / f"clean-{step}"
        build(make_app, src, clean, freshenv=True, builder=builder)
        try:
            assert_same_output(out / builder, clean / builder)
        except AssertionError as error:
            raise AssertionError(f"after step {step} ({change.__name__}): {error}") from None
        shutil.rmtree(clean)


def _far_apart(src: Path) -> None:
    """Thirty days before DAY 100; the first links to it, so far that no sidebar shows both."""
    for day in range(11, 41):
        link = "\n[마무리](../day100-20210430/#마무리)\n" if day == 11 else ""
        (src / f"boostcamp/day{day}-202102{day - 10:02d}.md").write_text(
            f'---\ntitle: DAY {day}. 하루\ndate: 2021-02-{day - 10:02d}\ncategory: "⛺ Boostcamp"\n---\n\n## 오늘\n\n{day}일째.\n{link}',
            encoding="utf-8",
        )


@pytest.mark.parametrize(
    "change",
    [
        lambda src: edit(src / "boostcamp/day100-20210430.md", "## 마무리", "## 끝맺음"),
        lambda src: (src / "boostcamp/day100-20210430.md").unlink(),
        lambda src: edit(src / "boostcamp/day100-20210430.md", "draft: false", "draft: true"),
    ],
    ids=["anchor-renamed", "deleted", "made-a-draft"],
)
def test_a_page_follows_the_post_it_links_to_however_far(make_app, rootdir, tmp_path, change):
    """DAY 11 links to DAY 100 (and its anchor) from outside its sidebar's window: its page still follows."""
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    _far_apart(src)
    out = tmp_path / "incremental"
    build(make_app, src, out, freshenv=True)
    page = out / "dirhtml/boostcamp/day11-20210201/index.html"
    assert 'href="../day100-20210430/#마무리"' in page.read_text(encoding="utf-8")
    change(src)
    build(make_app, src, out)
    assert 'href="../day100-20210430/#마무리"' not in page.read_text(encoding="utf-8")
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    build(make_app, clean_src, tmp_path / "clean", freshenv=True)
    assert_same_output(out / "dirhtml", tmp_path / "clean" / "dirhtml")


def test_a_rebuild_compiles_no_template_the_last_build_compiled(make_app, rootdir, tmp_path):
    """The theme's templates are compiled once, kept in the doctree folder, and never published."""
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    out = tmp_path / "out"
    build(make_app, src, out, freshenv=True)
    assert not [p for p in (out / "dirhtml").rglob("*") if "jinja2" in p.name], "the compiled templates are published"
    _body_edit(src)
    app = make_app("dirhtml", srcdir=src, builddir=out)
    environment = app.builder.templates.environment
    compiled: list[str] = []
    compile_source = environment.compile

    def counting_compile(source, name=None, filename=None, *args, **kwargs):
        if filename is not None:  # a template file, not a string a page renders
            compiled.append(name)
        return compile_source(source, name, filename, *args, **kwargs)

    environment.compile = counting_compile
    app.build()
    assert (out / "dirhtml/boostcamp/day2-20210119/index.html").is_file()
    assert compiled == []
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    build(make_app, clean_src, tmp_path / "clean", freshenv=True)
    assert_same_output(out / "dirhtml", tmp_path / "clean" / "dirhtml")


def test_the_last_build_environment_loads_with_the_cycle_collector_paused(make_app, rootdir, tmp_path, monkeypatch):
    """Loading the saved environment runs no collection; the build ends with the collector as it found it."""
    import gc

    from sphinx.application import Sphinx

    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    build(make_app, src, tmp_path / "out", freshenv=True)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    collections: list[int] = []
    loads: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    load_environment = Sphinx._init_env

    def counted_load(self, freshenv):
        before = len(collections)
        try:
            return load_environment(self, freshenv)
        finally:
            loads.append(len(collections) - before)

    monkeypatch.setattr(Sphinx, "_init_env", counted_load)
    gc.callbacks.append(count)
    try:
        app = make_app("dirhtml", srcdir=src, builddir=tmp_path / "out")
        assert loads == [0], "no collection while the environment loads"
        assert gc.isenabled() and gc.get_freeze_count() > 0, "what was loaded is left out of the collector's walks"
        app.build()
    finally:
        gc.callbacks.remove(count)
    assert gc.isenabled() and gc.get_freeze_count() == 0
