"""While a rebuild loads its environment the collector is paused; the heap is then frozen, and all is restored after."""

from __future__ import annotations

import gc
import shutil
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
    def __init__(self, doctreedir: Path) -> None:
        self.doctreedir = doctreedir


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
