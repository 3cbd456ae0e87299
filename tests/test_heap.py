"""The collector is paused and the long-lived heap frozen for a build, and both restored after it."""

from __future__ import annotations

import gc

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
    def __init__(self, parallel: int) -> None:
        self.parallel = parallel


def test_paused_while_starting_then_frozen_then_restored(collector_state):
    gc.enable()
    tuning = HeapTuning()
    tuning.on_config_inited(_App(1), None)
    assert not gc.isenabled()
    kept = [object() for _ in range(10)]  # stands for the loaded environment
    tuning.on_builder_inited(_App(1))
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    tuning.on_build_finished(_App(1), None)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    del kept


def test_a_build_that_fails_while_starting_resumes_the_collector(collector_state):
    gc.enable()
    tuning = HeapTuning()
    tuning.on_config_inited(_App(1), None)
    tuning.on_build_finished(_App(1), RuntimeError("no builder"))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_serial_builds_freeze_only_once(collector_state):
    tuning = HeapTuning()
    tuning.on_config_inited(_App(1), None)
    tuning.on_builder_inited(_App(1))
    after_start = gc.get_freeze_count()
    garbage_maker = [[i] for i in range(100)]
    tuning.on_parallel_phase(_App(1))
    assert gc.get_freeze_count() == after_start
    tuning.on_parallel_phase(_App(2))
    assert gc.get_freeze_count() > after_start
    tuning.on_build_finished(_App(2), None)
    assert gc.get_freeze_count() == 0
    del garbage_maker


def test_a_collector_the_process_disabled_stays_disabled(collector_state):
    gc.disable()
    tuning = HeapTuning()
    tuning.on_config_inited(_App(1), None)
    tuning.on_builder_inited(_App(1))
    tuning.on_build_finished(_App(1), None)
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_process_that_froze_its_heap_keeps_it_frozen(collector_state):
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    tuning = HeapTuning()
    tuning.on_config_inited(_App(2), None)
    assert gc.isenabled()
    tuning.on_builder_inited(_App(2))
    tuning.on_parallel_phase(_App(2))
    tuning.on_build_finished(_App(2), None)
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


@pytest.mark.sphinx("dirhtml", testroot="flat", freshenv=True)
def test_a_real_build_freezes_while_it_runs_and_restores_after(app, collector_state):
    seen = {}

    def probe(app, env, docnames):
        seen["enabled"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()

    # the app exists: the environment was loaded and frozen already
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    app.connect("env-before-read-docs", probe)
    app.build()
    assert seen["enabled"] is True
    assert seen["frozen"] > 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
