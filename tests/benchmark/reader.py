"""What a reader downloads: page weight, a first visit and one search, in headless Chromium.

    from reader import page_sizes, measure_reader
    figures = measure_reader(Path("_build/bench/c-html"), "boostcamp/day28-20210303/")

The site is served from 127.0.0.1 with gzip (as Read the Docs serves it),
and the server counts the bytes it sends, so "downloaded" is what crossed
the wire. A first visit is a fresh browser context opening one chapter; a
search opens the chapter, presses Ctrl+K and types a two-word Korean query;
it counts the search data fetched (daybook's base and shards, or Sphinx's
``searchindex.js``), and the time from the last of it arriving to the first
result shown. Nothing else is reached.

:func:`lighthouse_pages` runs Lighthouse 12 (``tests/lighthouse``, its mobile
preset: a mid-range phone on a slow 4G line, simulated) in Debian's Chromium
on pages of the same gzip server: performance, accessibility, best practices
and SEO scores, the largest contentful paint and the bytes transferred,
each the median of ``runs`` runs.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

#: Lighthouse as tests/lighthouse/package-lock.json pins it (npm ci --prefix tests/lighthouse)
LIGHTHOUSE = Path(__file__).resolve().parents[1] / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
#: Chromium as the browser tests run it: headless, no sandbox (root), nothing but the page's own requests
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: two-word Korean queries over the generator's vocabulary
QUERIES = [
    "부스트캠프 모델", "학습률 대회", "피어 세션", "옵티마이저 실험", "데이터 팀원", "강의 과제", "논문 회고",
    "텐서 배치", "그래프 코드", "마스터님 리뷰", "토크나이저 손실", "모델 학습률", "회고 팀원", "대회 데이터",
]
TEXT_TYPES = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", "/")
SEARCH_DATA = ("searchindex.js", "/daybook-search/")


def page_sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def output_without_static(outdir: Path) -> int:
    return sum(
        p.stat().st_size for p in outdir.rglob("*")
        if p.is_file() and "_static" not in p.relative_to(outdir).parts and ".doctrees" not in p.parts
    )


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped when the browser accepts it, counting what it sends by path."""

    counts: dict[str, int]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not Path(path).is_file() or not any(
            path.endswith(t) for t in TEXT_TYPES
        ):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.counts[self.path] = self.counts.get(self.path, 0) + len(body)
        import io

        return io.BytesIO(body)

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        data = source.read()
        if not isinstance(source, __import__("io").BytesIO):
            self.counts[self.path] = self.counts.get(self.path, 0) + len(data)
        try:
            outputfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser closed the page before the file arrived


FIRST_RESULT_JS = """
() => new Promise((resolve) => {
  const done = () => {
    const shown = performance.now();
    const data = performance.getEntriesByType("resource")
      .filter((e) => e.name.includes("daybook-search") || e.name.includes("searchindex"));
    const arrived = Math.max(...data.map((e) => e.responseEnd), 0);
    resolve({ shown, arrived, files: data.length });
  };
  const check = () => document.querySelector("#pst-search-dialog #search-results ul.search li") ? done() : false;
  if (check() !== false) return;
  new MutationObserver((_, observer) => { if (check() !== false) observer.disconnect(); })
    .observe(document.body, { childList: true, subtree: true });
})
"""


def measure_reader(html_dir: Path, chapter: str, queries: list[str] = QUERIES) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    counts: dict[str, int] = {}
    handler = functools.partial(type("H", (_GzipHandler,), {"counts": counts}), directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/{chapter}"
    out: dict[str, Any] = {"chapter": chapter}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
            try:
                context = browser.new_context()
                page = context.new_page()
                page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
                page.goto(url, wait_until="networkidle")
                out["first_visit_bytes"] = sum(counts.values())
                out["first_visit_search_bytes"] = sum(n for p, n in counts.items() if any(s in p for s in SEARCH_DATA))
                context.close()
                delays, search_bytes = [], []
                for query in queries:
                    counts.clear()
                    context = browser.new_context()
                    page = context.new_page()
                    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
                    page.goto(url, wait_until="networkidle")
                    if page.locator("#pst-search-dialog").count() == 0:
                        context.close()
                        out["search"] = "no search-as-you-type dialog"
                        break
                    page.keyboard.press("Control+k")
                    box = page.locator("#pst-search-dialog input[name=q]")
                    box.wait_for(state="visible")
                    box.fill(query)
                    box.press("End")
                    timing = page.evaluate(FIRST_RESULT_JS)
                    delays.append(timing["shown"] - timing["arrived"])
                    search_bytes.append(sum(n for p, n in counts.items() if any(s in p for s in SEARCH_DATA)))
                    context.close()
                if delays:
                    out["search_bytes_gzip"] = {"median": statistics.median(search_bytes), "max": max(search_bytes)}
                    out["first_results_after_index_ms"] = {
                        "median": round(statistics.median(delays), 1), "max": round(max(delays), 1)
                    }
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


@contextmanager
def gzip_server(html_dir: Path, counts: dict[str, int] | None = None) -> Iterator[str]:
    """The site at ``http://127.0.0.1:<port>/``, gzipped as Read the Docs serves it."""
    handler = functools.partial(
        type("H", (_GzipHandler,), {"counts": counts if counts is not None else {}}), directory=str(html_dir)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_report(url: str) -> dict[str, Any]:
    """One Lighthouse run (mobile preset) of ``url``: its scores, LCP and transferred bytes."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    if not LIGHTHOUSE.exists():
        raise RuntimeError("Lighthouse is missing (npm ci --prefix tests/lighthouse)")
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": executable}, capture_output=True, text=True, timeout=300, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    failing = {
        key: audit.get("title", key)
        for key, audit in audits.items()
        if audit.get("score") is not None and audit.get("score") < 1 and audit.get("scoreDisplayMode") == "binary"
    }
    return {
        **{name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES},
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "transferred_kib": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "failing": failing,
    }


def lighthouse_pages(html_dir: Path, pages: dict[str, str], runs: int = 3) -> dict[str, Any]:
    """Lighthouse on each page (name -> path in the site): the median of ``runs`` runs of each figure."""
    out: dict[str, Any] = {}
    with gzip_server(html_dir) as base:
        for name, path in pages.items():
            reports = [lighthouse_report(base + path) for _ in range(runs)]
            figures = {key: statistics.median(r[key] for r in reports) for key in (*CATEGORIES, "lcp_s", "transferred_kib")}
            figures["performance_runs"] = [r["performance"] for r in reports]
            figures["failing"] = sorted({title for r in reports for title in r["failing"].values()})
            out[name] = figures
    return out
