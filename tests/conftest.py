"""Shared fixtures: Sphinx test apps on testroots, a static server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "ext"))

pytest_plugins = ["sphinx.testing.fixtures"]

# no example of a property test is timed: speed is the benchmark's (tests/benchmark),
# and a loaded CI machine must not fail a test for taking its time
settings.register_profile("daybook", deadline=None)
settings.load_profile("daybook")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_configure(config: pytest.Config) -> None:
    # the themes and MyST still use accessors Sphinx 9 deprecates; not ours to fix
    for module in ("sphinx_book_theme", "pydata_sphinx_theme", "myst_parser", "sphinx_design", "notfound"):
        config.addinivalue_line("filterwarnings", f"ignore::PendingDeprecationWarning:{module}")
        config.addinivalue_line("filterwarnings", f"ignore::DeprecationWarning:{module}")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return REPO / "tests" / "roots"


@pytest.fixture(scope="session")
def search_build(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Iterator:
    """tests/roots/test-search built once with dirhtml, for the index and browser tests."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("search") / "src"
    shutil.copytree(rootdir / "test-search", srcdir)
    app = SphinxTestApp("dirhtml", srcdir=srcdir)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def missing(what: str) -> None:
    """Fail under CI=true, where everything must be installed; skip elsewhere."""
    message = f"{what} is missing"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI must install it: see .ci/run and the Makefile's browser target)")
    pytest.skip(message + "; `make test` as root on Debian installs it")


class StaticServer:
    """Serves a folder on 127.0.0.1 for the browser tests."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve() -> Iterator:
    servers: list[StaticServer] = []

    def start(root: Path) -> str:
        server = StaticServer(root)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """A headless Debian Chromium driven by Playwright, with no network but loopback."""
    if CHROMIUM is None:
        missing("Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium) -> Iterator:
    """A fresh browser page; console errors are collected in ``page.console_errors``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()
