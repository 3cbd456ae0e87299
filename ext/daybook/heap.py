"""Keep Python's garbage collector off what a build holds from start to end.

CPython's cyclic collector walks every tracked object on each full collection,
and it runs a full one whenever the heap has grown by a quarter. A build
creates most of its long-lived objects in bursts, and unpickling is where the
collector costs most: every new object counts towards the next collection,
though none of them is garbage. Measured on the benchmark's 1,000 posts
(2 cores): unpickling the saved environment takes 0.07 s without the collector
and 0.5 s with it; unpickling every doctree, 0.5 s against 4-5 s.

Three moments are tuned; a process that froze or disabled the collector itself
is left as it is.

Rebuilds
    The collector is paused from ``config-inited`` until the builder exists
    (the saved environment is loaded in between); what is alive is then frozen
    (:func:`gc.freeze`) so later collections skip it, and unfrozen when the
    build finishes, so a process that runs several builds (the tests) can free
    it again. A first build has nothing to load and is left alone: freezing
    there only kept start-up garbage alive (peak memory 338 -> 380 MB).

Parallel phases (``-j``)
    Sphinx's main process mostly unpickles there: each reader's environment
    while reading, each doctree before a worker writes it. It runs with the
    collector paused and collects young objects itself: just before each fork
    while reading (Sphinx forks the next reader right after merging the last
    one's environment, which is young garbage by then), and every
    :data:`RESOLVED_PER_COLLECTION` doctrees while writing. The merged
    environment is frozen once reading ends.

Forked workers
    A worker inherits the main process's heap and lives for one chunk of
    documents. It freezes what it inherited, so its collections walk only
    what it makes itself (and do not copy the inherited pages on write).

Measured at N=1,000 with ``-j 2``, three interleaved pairs: 34.3-37.2 s before,
32.3-32.4 s after; time in the collector 9.5-10.2 s -> 2.9-3.5 s in the main
process, 5.0-5.5 s -> 2.1-2.4 s in the workers; peak memory 250 -> 277-285 MB.
"""

from __future__ import annotations

import gc
import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: while writing in parallel, the main process collects its young objects
#: after this many doctrees (and everything not frozen after ten times as many)
RESOLVED_PER_COLLECTION = 50


class HeapTuning:
    """The collector's state around one build; restored when it ends."""

    def __init__(self) -> None:
        #: the process running the build (forked workers have other ids)
        self.main_pid = os.getpid()
        #: the process froze or disabled the collector itself: hands off
        self.hands_off = False
        #: the collector was paused by us and must be resumed
        self.paused = False
        #: we froze objects and must unfreeze them
        self.froze = False
        #: the main process is in a parallel phase ("read" or "write"): workers are being forked
        self.parallel_phase: str | None = None
        #: doctrees resolved in this parallel write phase
        self.resolved = 0

    # -- the collector, on and off ---------------------------------------------

    def _pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def _resume(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False

    def _freeze_after_young_collection(self) -> None:
        # Young garbage goes first (a reader's environment, resolved doctrees);
        # a full collection would walk the whole environment once more.
        gc.collect(1)
        gc.freeze()
        self.froze = True

    def _in_main_process(self) -> bool:
        return os.getpid() == self.main_pid

    # -- rebuilds ----------------------------------------------------------------

    def on_config_inited(self, app: Sphinx, config: Config) -> None:
        self.main_pid = os.getpid()
        self.hands_off = not gc.isenabled() or gc.get_freeze_count() > 0
        if not self.hands_off and _saved_environment(app):
            self._pause()

    def on_builder_inited(self, app: Sphinx) -> None:
        if self.paused:
            gc.freeze()
            self.froze = True
            self._resume()
        if app.parallel > 1 and not self.hands_off:
            _install_fork_hooks(self)

    # -- parallel reading --------------------------------------------------------

    def on_env_before_read_docs(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        if app.parallel > 1 and docnames and not self.hands_off:
            self.parallel_phase = "read"
            self._pause()

    def on_source_read(self, app: Sphinx, docname: str, source: list[str]) -> None:
        # Sphinx read serially after all (an extension not parallel-safe)
        if self.parallel_phase == "read" and self._in_main_process():
            self.parallel_phase = None
            self._resume()

    def before_fork(self) -> None:
        # Sphinx forks the next reader right after merging the last one's
        # environment, which is garbage by then: still young, it is cheap to
        # collect. (Collected while it is merged, it would be promoted to the
        # oldest generation and wait there for a full collection.)
        if self.parallel_phase == "read" and self.paused and self._in_main_process():
            gc.collect(1)

    def on_env_updated(self, app: Sphinx, env: BuildEnvironment) -> None:
        if self.parallel_phase:
            # What reading promoted is the merged environment, alive until the
            # build ends: freeze it rather than let the next full collection
            # walk it (1.6 s at N=1,000).
            self._freeze_after_young_collection()
            self.parallel_phase = None
            self._resume()

    # -- parallel writing --------------------------------------------------------

    def on_write_started(self, app: Sphinx, builder: Builder) -> None:
        if not builder.parallel_ok or self.hands_off:
            return
        # the environment lives until the build ends: collections skip it
        self._freeze_after_young_collection()
        self.parallel_phase = "write"
        self.resolved = 0
        self._pause()

    def on_doctree_resolved(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if not (self.parallel_phase == "write" and self.paused and self._in_main_process()):
            return
        self.resolved += 1
        if self.resolved % (10 * RESOLVED_PER_COLLECTION) == 0:
            gc.collect()
        elif self.resolved % RESOLVED_PER_COLLECTION == 0:
            gc.collect(1)

    def on_html_collect_pages(self, app: Sphinx) -> list:
        # the documents are written; the builder's own pages follow serially
        if self.parallel_phase and self._in_main_process():
            self.parallel_phase = None
            self._resume()
        return []

    # -- forked workers and the end -----------------------------------------------

    def in_forked_worker(self) -> None:
        if self.parallel_phase:
            self.parallel_phase = None
            self.paused = self.froze = False
            gc.freeze()
            gc.enable()

    def on_build_finished(self, app: Sphinx, exception: BaseException | None) -> None:
        self.parallel_phase = None
        self._resume()  # also a build that failed before its builder existed
        if self.froze:
            gc.unfreeze()
            self.froze = False


def _saved_environment(app: Sphinx) -> bool:
    from sphinx.application import ENV_PICKLE_FILENAME

    return (Path(app.doctreedir) / ENV_PICKLE_FILENAME).is_file()


def _install_fork_hooks(tuning: HeapTuning) -> None:
    # A fork hook cannot be removed: it holds the tuning weakly, so a process
    # that runs many builds keeps only inert hooks of the finished ones.
    reference = weakref.ref(tuning)

    def before_fork() -> None:
        alive = reference()
        if alive is not None:
            alive.before_fork()

    def after_fork_in_child() -> None:
        alive = reference()
        if alive is not None:
            alive.in_forked_worker()

    os.register_at_fork(before=before_fork, after_in_child=after_fork_in_child)


def setup_heap(app: Sphinx) -> None:
    tuning = HeapTuning()
    # early: long before the environment is loaded
    app.connect("config-inited", tuning.on_config_inited, priority=0)
    # late: after the theme and every extension set themselves up
    app.connect("builder-inited", tuning.on_builder_inited, priority=1000)
    app.connect("env-before-read-docs", tuning.on_env_before_read_docs, priority=1000)
    app.connect("source-read", tuning.on_source_read, priority=0)
    app.connect("env-updated", tuning.on_env_updated, priority=1000)
    app.connect("write-started", tuning.on_write_started, priority=1000)
    app.connect("doctree-resolved", tuning.on_doctree_resolved, priority=1000)
    app.connect("html-collect-pages", tuning.on_html_collect_pages, priority=0)
    app.connect("build-finished", tuning.on_build_finished, priority=1000)
