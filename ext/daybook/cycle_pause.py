"""The last build's environment loaded without Python's cycle collector walking it.

A rebuild starts by unpickling the environment the last build saved: for a
book of 1,000 posts, millions of objects that live to the end of the build.
Python's cycle collector runs after every few hundred new objects and, every
so often, walks every object alive. During the load it walked the growing
environment again and again and found nothing to free; later, every full
collection walked it once more. That was about a third of a no-op rebuild's
processor time.

So daybook pauses the collector from late in ``config-inited`` (just before
Sphinx loads the environment) to the start of ``builder-inited`` (just after),
then freezes what is alive: later collections walk only what the build makes.
The build's end unfreezes it, so a process that goes on (the tests, a server
that rebuilds on change) frees what it no longer uses. Nothing here changes
what a build writes.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class CyclePause:
    """One build's pause of the cycle collector; the three handlers of :func:`.setup`."""

    def __init__(self) -> None:
        #: whether this build turned the collector off (a process that had turned it off keeps it off)
        self.paused = False

    def before_environment(self, app: Sphinx, config: Config) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def after_environment(self, app: Sphinx) -> None:
        gc.freeze()
        self._resume()

    def after_build(self, app: Sphinx, exception: BaseException | None) -> None:
        self._resume()
        gc.unfreeze()

    def _resume(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False
