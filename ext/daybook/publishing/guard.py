"""Interrupted and concurrent builds: the next build still equals a clean one.

Sphinx saves its environment once every page is read, then writes the pages,
copies the images and dumps the search index. A build stopped in between
(Ctrl-C, a cancelled CI job, a killed process) leaves an environment that calls
every page up to date beside an output folder that is not: the next build
writes only what changed, so its search index lacks the pages the stopped build
wrote, images are missing and a half-copied file stays for good. Sphinx drops
its environment after an exception, but not after ``KeyboardInterrupt`` or a
kill.

So a build leaves a *marker* in the doctree folder while it runs and removes it
only when it ends without an exception. A build that finds the marker says so
and reads and writes every page again, as after a change of configuration.
It keeps the saved environment rather than start from a fresh one: a fresh
environment would not know the posts deleted or turned into drafts since, and
their pages would stay published (see :mod:`.stale`).

Two builds into the same folders at once would write the same files together
(Sphinx's own ``searchindex.js.tmp`` rename fails, or one build's index
replaces the other's). So a build holds an exclusive ``flock`` on a *lock*
file in the doctree folder from ``config-inited`` (before the environment is
loaded) to the end of ``build-finished``; a second build waits for it, saying
so. The system releases the lock of a process that dies.

A ``flock`` belongs to the open file, and a forked process shares its parent's
open files: the ``-j`` workers Sphinx forks would hold the lock too, and when
the build's main process is killed (``kill -9``, the OOM killer) its readers
stay blocked for good on the pipe they report through, holding the folder
against every later build. So a forked child closes its copy of the lock file
at once (the parent's lock stays), and on Linux is ended with its parent: no
worker of a killed build goes on writing beside the next one. The lock file
names the process that holds it; a build that takes the lock over from one
that ended without releasing it says so in a warning.

Both files stay in the doctree folder: never in the sources, never in the
published output (unless the doctree folder is put inside it, as Sphinx's own
default ``-d`` does). daybook's own output files are written with
:func:`daybook.files.write_atomically`, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import functools
import os
import signal
import sys
import weakref
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: held (``flock``) while a build runs; the file itself may stay
LOCK_FILENAME = "daybook-build.lock"
#: present while a build runs; left behind by a build that did not finish
MARKER_FILENAME = "daybook-build.unfinished"


class BuildGuard:
    """The lock and the marker of one Sphinx application's build.

    One per application (made in ``setup()``), so nothing is shared between
    two applications of one process. Workers of ``-j`` are forks of the
    process that took the lock: they drop their copy of it as they start
    (see the module's notes), and only that process (``owner``) may release
    it or remove the marker.
    """

    def __init__(self) -> None:
        self._lock: IO[bytes] | None = None
        #: releases the lock once: when the build finishes, or else when the process exits
        self._release: weakref.finalize | None = None
        self._marker: Path | None = None
        self._owner: int | None = None
        #: the previous build did not finish: every page is read again
        self._redo = False
        # weakly: the hook stays with the process, the guard goes with its application
        os.register_at_fork(after_in_child=functools.partial(_in_forked_child, weakref.ref(self)))

    def start(self, app: Sphinx, config: Config) -> None:
        """Wait for any other build into this doctree folder, then mark this one as running."""
        folder = Path(app.doctreedir)
        folder.mkdir(parents=True, exist_ok=True)
        self._owner = os.getpid()
        self._lock = _take_lock(folder / LOCK_FILENAME)
        if self._lock is not None:
            # also when Ctrl-C ends the process without an end to the build: only a
            # killed build leaves its process id in the lock file
            self._release = weakref.finalize(self, _release, self._lock, self._owner)
        self._marker = folder / MARKER_FILENAME
        self._redo = self._marker.exists()
        if self._redo:
            logger.info(
                "daybook: the previous build into %s did not finish; every page is read and written again",
                folder,
            )
        self._marker.write_text(f"{self._owner}\n", encoding="ascii")

    def redo_everything(
        self, app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> list[str]:
        """After an unfinished build, every page: read, so written, indexed and its images copied."""
        return sorted(env.found_docs) if self._redo else []

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        """Remove the marker if the build succeeded; release the lock in any case."""
        if os.getpid() != self._owner:
            return
        if exception is None and self._marker is not None:
            self._marker.unlink(missing_ok=True)
            self._redo = False
        self._marker = None
        self._lock = None
        if self._release is not None:
            self._release()
            self._release = None

    def leave_to_parent(self, parent: int) -> None:
        """In a process just forked from the holder: close the copy of the lock, without releasing it.

        Closing one of the descriptors that share an open file leaves its
        ``flock`` to the others: the holder's. On Linux the child is also
        ended when the holder ends, as a worker of a killed build should be.
        """
        lock, self._lock = self._lock, None
        if lock is None:
            return
        if self._release is not None:
            self._release.detach()
            self._release = None
        with contextlib.suppress(OSError):
            lock.close()
        _end_with_parent(parent)


def _release(lock: IO[bytes], owner: int) -> None:
    """Empty the lock file (no process id for the next build to find stale) and unlock it."""
    if os.getpid() != owner or lock.closed:
        return
    with contextlib.suppress(OSError):
        lock.truncate(0)
        fcntl.flock(lock, fcntl.LOCK_UN)
    lock.close()


def _in_forked_child(guard: weakref.ReferenceType[BuildGuard]) -> None:
    held = guard()
    if held is not None:
        held.leave_to_parent(os.getppid())


#: ``prctl(PR_SET_PDEATHSIG, …)``: the signal a process gets when its parent ends (Linux)
_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends (Linux; elsewhere nothing).

    Linux sends the signal when the *thread* that forked ends: Sphinx forks its
    workers from the thread that runs the build, which outlives them.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _take_lock(path: Path) -> IO[bytes] | None:
    """The lock file, locked; waits (saying so) while another process holds it.

    ``None`` when an earlier application of this same process holds it and
    never finished (it was made but not built): waiting would wait forever.
    """
    lock = path.open("a+b")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(lock)
        if holder == os.getpid():
            lock.close()
            return None
        logger.info(
            "daybook: another build (process %s) is writing into the same build folder "
            "(it holds %s); waiting for it to finish",
            holder or "?",
            path,
        )
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
        except BaseException:
            lock.close()
            raise
        logger.info("daybook: the other build has finished; building")
    # a build that releases the lock empties the file: a process id still in it
    # is that of a build that was stopped (killed, or its machine stopped) holding it
    stale = _holder(lock)
    if stale is not None and stale != os.getpid():
        logger.warning(
            "the build (process %s) that held the lock of this build folder ended without releasing it; "
            "this build takes it over",
            stale,
            # the line that names it (a location without a line would be read as a page's name)
            location=f"{path}:1",
            type="daybook",
            subtype="stale_lock",
        )
    lock.truncate(0)
    lock.write(f"{os.getpid()}\n".encode("ascii"))
    lock.flush()
    return lock


def _holder(lock: IO[bytes]) -> int | None:
    """The process that wrote its id into the lock file when it took the lock."""
    lock.seek(0)
    text = lock.read().decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() else None
