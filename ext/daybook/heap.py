"""Keep Python's garbage collector off what a build holds from start to end.

CPython's cyclic collector walks every tracked object on each full collection,
and it runs a full one whenever the heap has grown by a quarter. A build
creates most of its long-lived objects in bursts: Sphinx unpickles the saved
environment while it starts (a few hundred thousand objects for a 1,000-post
book, mostly table-of-contents nodes), and a parallel build merges every
reader's environment. The collector then walks those objects again and again,
though none of them is garbage. Measured on the benchmark's 1,000 posts (2
cores): unpickling the environment takes 0.07 s without the collector and
0.5 s with it; a body-edit rebuild went from 3.6 to 3.2 s.

So, for one build:

* from ``config-inited`` until the builder exists (the environment is loaded
  in between) the collector is paused; then what is alive is frozen
  (:func:`gc.freeze`): later collections skip it;
* on a parallel build, what is alive is frozen again before reading and before
  writing: Sphinx forks its workers then, and a worker's collections would
  otherwise walk, and so copy page by page, the heap it shares with the main
  process (the advice of :func:`gc.freeze`'s documentation);
* when the build finishes the objects are unfrozen, so a process that runs
  several builds (the tests) can free them again.

A process that froze or disabled the collector itself is left as it is.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


class HeapTuning:
    """The collector's state around one build; restored when it ends."""

    def __init__(self) -> None:
        #: the collector was paused by us and must be resumed
        self.paused = False
        #: we froze objects and must unfreeze them
        self.froze = False
        #: the process froze objects itself: do not touch the frozen generation
        self.foreign_freeze = False

    def on_config_inited(self, app: Sphinx, config: Config) -> None:
        self.foreign_freeze = gc.get_freeze_count() > 0
        if gc.isenabled() and not self.foreign_freeze:
            gc.disable()
            self.paused = True

    def on_builder_inited(self, app: Sphinx) -> None:
        self.freeze()
        if self.paused:
            gc.enable()
            self.paused = False

    def on_parallel_phase(self, app: Sphinx, *_: object) -> None:
        if app.parallel > 1:
            self.freeze()

    def freeze(self) -> None:
        if not self.foreign_freeze:
            gc.freeze()
            self.froze = True

    def on_build_finished(self, app: Sphinx, exception: BaseException | None) -> None:
        if self.paused:  # a build that failed before its builder existed
            gc.enable()
            self.paused = False
        if self.froze:
            gc.unfreeze()
            self.froze = False


def setup_heap(app: Sphinx) -> None:
    tuning = HeapTuning()
    # early: before any other handler allocates, and long before the
    # environment is loaded
    app.connect("config-inited", tuning.on_config_inited, priority=0)
    # late: after the theme and every extension set themselves up
    app.connect("builder-inited", tuning.on_builder_inited, priority=1000)

    def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        tuning.on_parallel_phase(app)

    def before_writing(app: Sphinx, builder: Builder) -> None:
        tuning.on_parallel_phase(app)

    app.connect("env-before-read-docs", before_reading, priority=1000)
    app.connect("write-started", before_writing, priority=1000)
    app.connect("build-finished", tuning.on_build_finished, priority=1000)
