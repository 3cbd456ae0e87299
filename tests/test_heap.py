"""The collector around a build: paused while a rebuild loads its environment,
kept off the main process's unpickling in parallel phases, off the inherited
heap in forked workers; restored when the build ends."""

from __future__ import annotations

import gc
import json
import os
import shutil
import weakref
from pathlib import Path

import pytest

from daybook.heap import HeapTuning


@pytest.fixture
def collector_state():
    """Leave the collector as the test found it, whatever the test does."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


class _App:
    def __init__(self, doctreedir: Path, parallel: int = 0) -> None:
        self.doctreedir = doctreedir
        self.parallel = parallel


@pytest.fixture
def rebuild_app(tmp_path) -> _App:
    (tmp_path / "environment.pickle").write_bytes(b"")
    return _App(tmp_path)


def test_paused_while_starting_then_frozen_then_restored(collector_state, rebuild_app):
    gc.enable()
    tuning = HeapTuning()
    tuning.on_config_inited(rebuild_app, None)
    assert not gc.isenabled()
    kept = [object() for _ in range(10)]  # stands for the loaded environment
    tuning.on_builder_inited(rebuild_app)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    tuning.on_build_finished(rebuild_app, None)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    del kept


def test_a_first_build_is_left_alone(collector_state, tmp_path):
    gc.enable()
    tuning = HeapTuning()
    tuning.on_config_inited(_App(tmp_path), None)
    assert gc.isenabled()
    tuning.on_builder_inited(_App(tmp_path))
    assert gc.get_freeze_count() == 0


def test_a_build_that_fails_while_starting_resumes_the_collector(collector_state, rebuild_app):
    gc.enable()
    tuning = HeapTuning()
    tuning.on_config_inited(rebuild_app, None)
    tuning.on_build_finished(rebuild_app, RuntimeError("no builder"))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_the_process_disabled_stays_disabled(collector_state, rebuild_app):
    gc.disable()
    tuning = HeapTuning()
    tuning.on_config_inited(rebuild_app, None)
    tuning.on_builder_inited(rebuild_app)
    tuning.on_build_finished(rebuild_app, None)
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_process_that_froze_its_heap_keeps_it_frozen(collector_state, rebuild_app):
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    tuning = HeapTuning()
    tuning.on_config_inited(rebuild_app, None)
    assert gc.isenabled()
    tuning.on_builder_inited(rebuild_app)
    tuning.on_build_finished(rebuild_app, None)
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_a_real_rebuild_freezes_while_it_runs_and_restores_after(make_app, rootdir, tmp_path, collector_state):
    srcdir = tmp_path / "flat"
    shutil.copytree(rootdir / "test-flat", srcdir)
    first = make_app("dirhtml", srcdir=srcdir)
    first.build()
    assert gc.get_freeze_count() == 0

    seen = {}

    def probe(app, env, docnames):
        seen["enabled"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()

    again = make_app("dirhtml", srcdir=srcdir)
    # the saved environment was loaded, then frozen
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    again.connect("env-before-read-docs", probe)
    again.build()
    assert seen["enabled"] is True
    assert seen["frozen"] > 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


class _Cycle:
    """Garbage only the cyclic collector can free."""

    def __init__(self) -> None:
        self.itself = self


def _reading(tmp_path: Path, parallel: int, docnames: list[str]) -> tuple[_App, HeapTuning]:
    """A first build with the collector on, up to the moment Sphinx starts reading."""
    gc.enable()
    app = _App(tmp_path, parallel=parallel)
    tuning = HeapTuning()
    tuning.on_config_inited(app, None)
    tuning.on_env_before_read_docs(app, None, docnames)
    return app, tuning


def test_a_parallel_read_pauses_the_main_process_and_collects_before_each_fork(collector_state, tmp_path):
    app, tuning = _reading(tmp_path, 2, ["a", "b"])
    assert not gc.isenabled()
    garbage = _Cycle()
    freed = weakref.ref(garbage)
    del garbage
    assert freed() is not None  # nothing collects while paused
    tuning.before_fork()  # the last reader's environment is young garbage
    assert freed() is None
    tuning.on_env_updated(app, None)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # the merged environment
    tuning.on_build_finished(app, None)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_parallel_build_that_reads_serially_after_all_resumes_the_collector(collector_state, tmp_path):
    app, tuning = _reading(tmp_path, 2, ["a"])
    assert not gc.isenabled()
    tuning.on_source_read(app, "a", [""])  # read in the main process itself
    assert gc.isenabled()
    tuning.on_build_finished(app, None)
    assert gc.isenabled()


def test_a_serial_build_is_not_paused_while_reading(collector_state, tmp_path):
    app, tuning = _reading(tmp_path, 0, ["a", "b"])
    assert gc.isenabled()
    tuning.before_fork()
    tuning.on_build_finished(app, None)
    assert gc.get_freeze_count() == 0


def test_a_real_parallel_build_tunes_main_and_workers_and_restores_after(make_app, rootdir, tmp_path, collector_state):
    srcdir = tmp_path / "flat"
    shutil.copytree(rootdir / "test-flat", srcdir)
    log = tmp_path / "collector.jsonl"
    main_pid = os.getpid()

    def record(moment: str) -> None:
        # workers are forked processes: they report through a file
        with log.open("a", encoding="utf-8") as out:
            out.write(json.dumps([moment, os.getpid() == main_pid, gc.isenabled(), gc.get_freeze_count() > 0]) + "\n")

    app = make_app("dirhtml", srcdir=srcdir, parallel=2)
    app.connect("source-read", lambda app, docname, source: record("read"))
    app.connect("doctree-resolved", lambda app, doctree, docname: record("resolved"))
    app.connect("html-page-context", lambda app, pagename, *rest: record("page"))
    app.build()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0

    seen = [tuple(json.loads(line)) for line in log.read_text(encoding="utf-8").splitlines()]
    # readers and writers ran in forked workers, with the collector on and the inherited heap frozen
    readers = {s for s in seen if s[0] == "read"}
    assert readers == {("read", False, True, True)}
    assert ("page", False, True, True) in seen
    # the main process resolved doctrees for the writer with the collector paused, the environment frozen
    resolved_in_main = {s for s in seen if s[0] == "resolved" and s[1]}
    assert resolved_in_main == {("resolved", True, False, True)}
