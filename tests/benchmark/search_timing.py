"""Time queries against a built site's own search, in headless Chromium.

    from search_timing import measure_queries
    figures = measure_queries(Path("_build/html"), ["부스트캠프", "피어 세션"])

Works on any dirhtml or html build whose search page runs Sphinx's
``searchtools.js`` (daybook's Korean index, or Sphinx's default English one),
so the two can be compared on the same posts. The site is served from
127.0.0.1; nothing else is reached.

What is timed is the search itself, ``Search._parseQuery`` then
``Search._performSearch``, in the page, with ``performance.now()``: the work a
reader waits for after typing, without drawing results or fetching the
summaries. Each query runs ``repeat`` times; the median is reported.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import statistics
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

#: runs one query ``repeat`` times; returns the durations and the hits
TIME_QUERY_JS = """
([query, repeat]) => {
  const durations = [];
  let results = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const parsed = Search._parseQuery(query);
    results = Search._performSearch(...parsed);
    durations.push(performance.now() - start);
  }
  const docnames = [];
  for (const result of results) if (!docnames.includes(result[0])) docnames.push(result[0]);
  return { durations, docnames };
}
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _search_page(html_dir: Path) -> str:
    """The search page's path below the site root, by builder."""
    if (html_dir / "search" / "index.html").exists():
        return "search/"
    if (html_dir / "search.html").exists():
        return "search.html"
    raise FileNotFoundError(f"no search page in {html_dir}")


def index_sizes(html_dir: Path) -> dict[str, int]:
    data = (html_dir / "searchindex.js").read_bytes()
    return {"raw_bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=9))}


def measure_queries(html_dir: Path, queries: list[str], repeat: int = 7) -> dict[str, Any]:
    """Index size, load time and per-query search time of the site in ``html_dir``.

    Returns ``{"index": {"raw_bytes", "gzip_bytes"}, "index_ready_ms",
    "queries": {query: {"median_ms", "min_ms", "max_ms", "hits", "docnames"}},
    "median_ms", "max_ms", "console_errors"}``; times are in milliseconds.
    """
    from playwright.sync_api import sync_playwright

    html_dir = Path(html_dir)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/{_search_page(html_dir)}"
    console_errors: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            try:
                page = browser.new_page()
                page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
                page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
                page.on("pageerror", lambda e: console_errors.append(str(e)))
                # every query's words at once: an index fetched when a search
                # starts (daybook's shards) then holds the terms of all of them
                page.goto(url + "?q=" + quote(" ".join(queries)))
                page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()", timeout=120_000)
                page.wait_for_function(
                    "() => { const s = document.querySelector('p.search-summary');"
                    " return s !== null && s.textContent.trim().length > 0; }",
                    timeout=120_000,
                )
                ready_ms = page.evaluate("() => performance.now()")
                per_query: dict[str, dict[str, Any]] = {}
                for query in queries:
                    measured = page.evaluate(TIME_QUERY_JS, [query, repeat])
                    durations = measured["durations"]
                    docnames = [unquote(name) for name in measured["docnames"]]
                    per_query[query] = {
                        "median_ms": round(statistics.median(durations), 3),
                        "min_ms": round(min(durations), 3),
                        "max_ms": round(max(durations), 3),
                        "hits": len(docnames),
                        "docnames": docnames,
                    }
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    medians = [figures["median_ms"] for figures in per_query.values()]
    return {
        "index": index_sizes(html_dir),
        "index_ready_ms": round(ready_ms, 1),
        "queries": per_query,
        "median_ms": round(statistics.median(medians), 3) if medians else None,
        "max_ms": round(max(medians), 3) if medians else None,
        "console_errors": console_errors,
    }


if __name__ == "__main__":
    import json
    import sys

    site = Path(sys.argv[1])
    print(json.dumps(measure_queries(site, sys.argv[2:] or ["부스트캠프"]), ensure_ascii=False, indent=2))
