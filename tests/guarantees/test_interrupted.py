"""A build stopped midway or killed, or two builds at once into one folder: the next build equals a clean one.

The whole-build tests run ``sphinx-build`` as a subprocess on a synthetic
archive of 200 posts (tests/benchmark/generate.py), the way ``make html`` does:
doctrees outside the html folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from incremental import assert_same_output, copy_root, edit

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "benchmark"))

from generate import write_archive  # noqa: E402

from daybook.publishing.guard import LOCK_FILENAME, MARKER_FILENAME, BuildGuard  # noqa: E402

POSTS = 200
#: feed.xml and sitemap.xml are written only with a base URL
BASE_URL = "https://example.org/book/"
#: a build that takes longer than this is stuck
TIMEOUT = 300

FINISHED_NOTE = "did not finish; every page is read and written again"
WAITING_NOTE = "is writing into"


_TERMINAL_CODES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _sigint_as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Build:
    """One ``sphinx-build -b dirhtml`` subprocess into ``<folder>/html``, its log in ``<folder>/log-N``."""

    def __init__(self, src: Path, folder: Path, *, parallel: int = 1) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / f"log-{len(list(folder.glob('log-*')))}"
        command = [
            sys.executable, "-m", "sphinx", "-j", str(parallel), "-b", "dirhtml", "-c", str(REPO),
            "-d", str(folder / "doctrees"), str(src), str(folder / "html"),
        ]  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.startswith(("READTHEDOCS", "DAYBOOK"))}
        env.update(PYTHONPATH=str(REPO / "ext"), PYTHONUNBUFFERED="1", READTHEDOCS_CANONICAL_URL=BASE_URL)
        with self.log.open("wb") as log:
            # a process group of its own: the test can end every process it forked
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
                # Ctrl-C stops it, as from a terminal: a suite run in the background
                # (nohup, `cmd &`) inherits SIGINT ignored, and Python keeps it so
                preexec_fn=_sigint_as_from_a_terminal,
            )

    def text(self) -> str:
        # Sphinx redraws its progress line with "\r" and an erase code where it takes the
        # output for a terminal (CI=true makes it so): one line each, without the codes
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return _TERMINAL_CODES.sub("", text).replace("\r", "\n")

    def wait_for(self, pattern: re.Pattern[str]) -> bool:
        """Wait until a line of the log matches ``pattern``; False if the build ended first."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            ended = self.process.poll() is not None
            if pattern.search(self.text()):
                return True
            if ended:
                return False
            time.sleep(0.01)
        raise AssertionError(f"no line {pattern.pattern!r} in {TIMEOUT} s:\n{self.text()[-2000:]}")

    def finish(self) -> int:
        return self.process.wait(timeout=TIMEOUT)


def succeeds(build: Build) -> str:
    """The log of a build that must succeed."""
    code = build.finish()
    assert code == 0, f"exit status {code}:\n{build.text()[-3000:]}"
    return build.text()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """The synthetic archive and its clean build, shared by the whole-build tests."""
    root = tmp_path_factory.mktemp("interrupted")
    src = root / "src"
    write_archive(src, POSTS)
    succeeds(Build(src, root / "clean"))
    yield SimpleNamespace(src=src, clean=root / "clean" / "html")


#: where a build is stopped, by the line of its log after which SIGINT is sent: a third of
#: the pages read; half of them written; all written, the images being copied and the
#: search index not yet dumped
STOPS = {
    "reading": re.compile(r"^reading sources\.\.\. \[ *[3-9]\d%\]", re.MULTILINE),
    "writing": re.compile(r"^writing output\.\.\. \[ *[5-9]\d%\]", re.MULTILINE),
    "end": re.compile(r"^copying images\.\.\. \[", re.MULTILINE),
}


@pytest.mark.parametrize("stop", list(STOPS))
def test_build_after_an_interrupted_one_equals_clean(archive, tmp_path, stop):
    stopped = Build(archive.src, tmp_path)
    assert stopped.wait_for(STOPS[stop]), f"the build ended before the {stop} stop:\n{stopped.text()[-2000:]}"
    stopped.process.send_signal(signal.SIGINT)
    assert stopped.finish() != 0, f"the build was not stopped at {stop}:\n{stopped.text()[-2000:]}"
    log = succeeds(Build(archive.src, tmp_path))
    assert_same_output(tmp_path / "html", archive.clean)
    assert FINISHED_NOTE in log
    assert not (tmp_path / "doctrees" / MARKER_FILENAME).exists()
    # and the build after that is an ordinary one that keeps it so
    log = succeeds(Build(archive.src, tmp_path))
    assert FINISHED_NOTE not in log
    assert_same_output(tmp_path / "html", archive.clean)


def test_post_drafted_after_an_interrupted_build_leaves_the_output(archive, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(archive.src, src)
    stopped = Build(src, tmp_path)
    assert stopped.wait_for(STOPS["end"]), stopped.text()[-2000:]
    stopped.process.send_signal(signal.SIGINT)
    assert stopped.finish() != 0
    post = sorted(src.glob("python/day*.md"))[0]
    edit(post, "draft: false", "draft: true")
    log = succeeds(Build(src, tmp_path))
    assert FINISHED_NOTE in log
    docname = f"python/{post.stem}"
    assert not (tmp_path / "html" / docname).exists()
    assert not list((tmp_path / "html" / "_sources" / "python").glob(f"{post.stem}.*"))
    assert f'"{docname}"'.encode() not in (tmp_path / "html" / "searchindex.js").read_bytes()
    assert docname.encode() not in (tmp_path / "html" / "sitemap.xml").read_bytes()


def live_processes_of_group(group: int) -> list[int]:
    """Processes of process group ``group`` that are not zombies (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


KILLS = {
    # readers send their part of the environment back through a pipe: with the main
    # process gone they block on it for good
    "reading": STOPS["reading"],
    "writing": STOPS["writing"],
}


@pytest.mark.parametrize("stop", list(KILLS))
def test_build_after_a_killed_parallel_build_runs_and_equals_clean(archive, tmp_path, stop):
    """``kill -9`` of a ``-j 2`` build's main process (the OOM killer): the next build runs."""
    killed = Build(archive.src, tmp_path, parallel=2)
    group = killed.process.pid
    try:
        assert killed.wait_for(KILLS[stop]), f"the build ended before the {stop} stop:\n{killed.text()[-2000:]}"
        killed.process.kill()
        assert killed.finish() == -signal.SIGKILL
        following = Build(archive.src, tmp_path)
        # it never waits for the killed build's workers
        assert not following.wait_for(re.compile(WAITING_NOTE)), following.text()[-2000:]
        log = succeeds(following)
        assert_same_output(tmp_path / "html", archive.clean)
        assert FINISHED_NOTE in log
        assert re.search(r"WARNING: the build \(process \d+\) that held the lock .* ended without releasing it", log), log[-3000:]
        # no worker of the killed build is left, writing beside the next one (Linux)
        if sys.platform.startswith("linux"):
            deadline = time.monotonic() + 30
            while live_processes_of_group(group) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert live_processes_of_group(group) == []
        # and the build after that is an ordinary one
        log = succeeds(Build(archive.src, tmp_path))
        assert FINISHED_NOTE not in log and "WARNING" not in log
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)


def test_concurrent_builds_wait_for_each_other(archive, tmp_path):
    first = Build(archive.src, tmp_path)
    # the first build holds the lock from before it reads anything
    assert first.wait_for(re.compile(r"^reading sources", re.MULTILINE)), first.text()[-2000:]
    second = Build(archive.src, tmp_path)
    succeeds(first)
    log = succeeds(second)
    assert_same_output(tmp_path / "html", archive.clean)
    assert WAITING_NOTE in log and "waiting for it to finish" in log, log[-2000:]
    assert FINISHED_NOTE not in log


# -- the guard of one application ---------------------------------------------------


def lock_is_free(doctreedir: Path) -> bool:
    with (doctreedir / LOCK_FILENAME).open("a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(lock, fcntl.LOCK_UN)
        return True


def test_successful_build_releases_the_lock_and_removes_the_marker(make_app, rootdir, tmp_path):
    src = copy_root(rootdir / "test-flat", tmp_path / "src")
    app = make_app("dirhtml", srcdir=src, builddir=tmp_path / "out", freshenv=True)
    doctreedir = Path(app.doctreedir)
    # taken when the application was made, before anything is read
    assert (doctreedir / MARKER_FILENAME).exists()
    assert not lock_is_free(doctreedir)
    app.build()
    assert not (doctreedir / MARKER_FILENAME).exists()
    assert lock_is_free(doctreedir)
    assert not list(Path(app.outdir).rglob("daybook-build*"))


def test_failed_build_keeps_the_marker_and_the_next_reads_everything(make_app, rootdir, tmp_path):
    src, out = copy_root(rootdir / "test-flat", tmp_path / "src"), tmp_path / "out"
    make_app("dirhtml", srcdir=src, builddir=out, freshenv=True).build()
    app = make_app("dirhtml", srcdir=src, builddir=out)
    doctreedir = Path(app.doctreedir)
    environment = (doctreedir / "environment.pickle").read_bytes()

    def fail(app, doctree, docname):
        raise RuntimeError("stopped while writing")

    app.connect("doctree-resolved", fail)
    with pytest.raises(Exception, match="stopped while writing"):
        app.build()
    assert (doctreedir / MARKER_FILENAME).exists()
    assert lock_is_free(doctreedir)
    # Sphinx drops its environment after an exception, but not after Ctrl-C or a kill
    (doctreedir / "environment.pickle").write_bytes(environment)
    app = make_app("dirhtml", srcdir=src, builddir=out)
    assert FINISHED_NOTE in app.status.getvalue()
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert set(read) == set(app.env.found_docs) and read
    assert not (doctreedir / MARKER_FILENAME).exists()


def test_forked_worker_neither_releases_nor_unmarks(tmp_path):
    guard = BuildGuard()
    app = SimpleNamespace(doctreedir=tmp_path)
    guard.start(app, None)
    pid = os.fork()
    if pid == 0:  # a -j worker ends the way Sphinx's do: without cleaning up
        try:
            guard.finish(app, None)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert not lock_is_free(tmp_path)
    assert (tmp_path / MARKER_FILENAME).exists()
    guard.finish(app, None)
    assert lock_is_free(tmp_path)
    assert not (tmp_path / MARKER_FILENAME).exists()


def test_forked_child_holds_no_copy_of_the_lock(tmp_path):
    guard = BuildGuard()
    app = SimpleNamespace(doctreedir=tmp_path)
    guard.start(app, None)
    lock = str(tmp_path / LOCK_FILENAME)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            held = [fd for fd in os.listdir("/proc/self/fd") if os.path.realpath(f"/proc/self/fd/{fd}") == lock]
            os.write(write, str(len(held)).encode())
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 10) == b"0"
    assert not lock_is_free(tmp_path)
    guard.finish(app, None)
    assert lock_is_free(tmp_path)


def test_a_lock_left_by_a_killed_build_is_taken_over_with_a_warning(tmp_path, caplog):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    (tmp_path / LOCK_FILENAME).write_text(f"{gone.pid}\n", encoding="ascii")
    guard = BuildGuard()
    app = SimpleNamespace(doctreedir=tmp_path)
    with caplog.at_level("WARNING"):
        guard.start(app, None)
    assert f"the build (process {gone.pid}) that held the lock" in caplog.text
    assert (tmp_path / LOCK_FILENAME).read_text(encoding="ascii") == f"{os.getpid()}\n"
    guard.finish(app, None)
    # released and emptied: the next build finds nothing stale
    assert lock_is_free(tmp_path) and (tmp_path / LOCK_FILENAME).read_bytes() == b""
    caplog.clear()
    with caplog.at_level("WARNING"):
        BuildGuard().start(app, None)
    assert "held the lock" not in caplog.text


def test_application_never_built_does_not_block_the_next_in_its_process(tmp_path):
    app = SimpleNamespace(doctreedir=tmp_path)
    first = BuildGuard()
    first.start(app, None)  # made, never built: its lock stays taken while it lives
    second = BuildGuard()
    thread = threading.Thread(target=second.start, args=(app, None), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    second.finish(app, None)
    assert not (tmp_path / MARKER_FILENAME).exists()
    assert not lock_is_free(tmp_path)
    first.finish(app, None)
    assert lock_is_free(tmp_path)
