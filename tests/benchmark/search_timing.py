"""Time queries against a built site's own search, in headless Chromium.

    from search_timing import measure_queries, measure_results
    figures = measure_queries(Path("_build/html"), ["부스트캠프", "피어 세션"])
    shown = measure_results(Path("_build/html"), ["부스트캠프", "피어 세션"])

    python tests/benchmark/search_timing.py --posts 1000 --out _build/search-timing
    python tests/benchmark/search_timing.py --compare _build/search-timing/plain _build/search-timing/daybook

The last form generates an archive of N posts (``generate.py``), builds it
with daybook (the repository's ``conf.py``) and with plain Sphinx (MyST, a
hand-written toctree: ``run.py``'s (a)) twice: with the basic theme, the
lightest page Sphinx writes (``plain``), and with Sphinx's default theme,
alabaster, whose pages carry the book's table of contents
(``plain-default``); it prints the sites' figures side by side.

Works on any dirhtml or html build whose search page runs Sphinx's
``searchtools.js`` (daybook's Korean index, or Sphinx's default English one),
so the two can be compared on the same posts. The site is served from
127.0.0.1; nothing else is reached.

``--compare`` times the first search of built sites (two builds of one book
before and after a change, and plain Sphinx's) interleaved, query by query,
for a machine other work shares.

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
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # the browser closes a page (and its connections) once its first result is timed
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def _search_page(html_dir: Path) -> str:
    """The search page's path below the site root, by builder."""
    if (html_dir / "search" / "index.html").exists():
        return "search/"
    if (html_dir / "search.html").exists():
        return "search.html"
    raise FileNotFoundError(f"no search page in {html_dir}")


@contextmanager
def _served_search_page(html_dir: Path) -> Iterator[str]:
    """The site served from 127.0.0.1 while the block runs: the address of its search page."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/{_search_page(html_dir)}"
    finally:
        server.shutdown()
        server.server_close()


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
    console_errors: list[str] = []
    with _served_search_page(html_dir) as url:
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
                # (Sphinx's Korean catalogue leaves the summary blank: wait for the title)
                page.wait_for_function(FINISHED_JS, timeout=120_000)
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
    medians = [figures["median_ms"] for figures in per_query.values()]
    return {
        "index": index_sizes(html_dir),
        "index_ready_ms": round(ready_ms, 1),
        "queries": per_query,
        "median_ms": round(statistics.median(medians), 3) if medians else None,
        "max_ms": round(max(medians), 3) if medians else None,
        "console_errors": console_errors,
    }


#: records when the first result line appears (or the search ends with none), from the very start of the page
FIRST_RESULT_INIT = """
window.__daybookFirstResult = null;
new MutationObserver((_, observer) => {
  const title = document.querySelector("#search-results h2");
  const finished = title !== null && typeof Documentation !== "undefined"
    && title.textContent === Documentation.gettext("Search Results");
  if (document.querySelector("#search-results ul.search li") || finished) {
    window.__daybookFirstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""
#: the search is over when Sphinx's searchtools titled it "Search Results"
FINISHED_JS = (
    "() => { const t = document.querySelector('#search-results h2');"
    " return t !== null && t.textContent === Documentation.gettext('Search Results'); }"
)
#: one more query on the open search page: milliseconds to its first result (or to its end, if none)
NEXT_QUERY_JS = """
(query) => new Promise((resolve) => {
  const results = document.getElementById("search-results");
  results.replaceChildren();
  const start = performance.now();
  const done = () => {
    const title = results.querySelector("h2");
    const finished = title !== null && title.textContent === Documentation.gettext("Search Results");
    if (results.querySelector("ul.search li") || finished) {
      observer.disconnect();
      resolve({ ms: performance.now() - start, hits: results.querySelectorAll("ul.search li").length });
    }
  };
  const observer = new MutationObserver(done);
  observer.observe(results, { childList: true, subtree: true, characterData: true });
  Search.performSearch(query);
})
"""
#: when the page first painted (milliseconds from navigation start), or null before it has
FIRST_PAINT_JS = """
() => { const paint = performance.getEntriesByType("paint"); return paint.length ? paint[0].startTime : null; }
"""
SEARCH_DATA_JS = """
() => performance.getEntriesByType("resource")
  .filter((e) => e.name.includes("daybook-search") || e.name.includes("searchindex"))
  .map((e) => e.encodedBodySize).reduce((a, b) => a + b, 0)
"""


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def measure_results(html_dir: Path, queries: list[str]) -> dict[str, Any]:
    """The first search and a next query, as the reader sees them (milliseconds); see the module docstring.

    ``first_shown_ms`` is the later of the first result and the page's first
    paint: a result put in the page before it paints is seen at that paint.
    """
    from playwright.sync_api import sync_playwright

    html_dir = Path(html_dir)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    first, seen, after_dom, following, data, errors = [], [], [], [], [], []
    with _served_search_page(html_dir) as url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            try:
                for number, query in enumerate(queries):
                    context = browser.new_context()
                    page = context.new_page()
                    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    page.add_init_script(FIRST_RESULT_INIT)
                    page.goto(url + "?q=" + quote(query))
                    page.wait_for_function("() => window.__daybookFirstResult !== null", timeout=120_000)
                    shown = page.evaluate("() => window.__daybookFirstResult")
                    dom = page.evaluate(
                        "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                    )
                    paint = page.evaluate(FIRST_PAINT_JS)
                    first.append(shown)
                    # a result in the page before its first paint is seen at that paint
                    seen.append(max(shown, paint) if paint is not None else shown)
                    after_dom.append(shown - dom)
                    page.wait_for_function(FINISHED_JS, timeout=120_000)
                    data.append(page.evaluate(SEARCH_DATA_JS))
                    # the next query of the list, which this page has not searched yet
                    following.append(page.evaluate(NEXT_QUERY_JS, queries[(number + 1) % len(queries)])["ms"])
                    context.close()
            finally:
                browser.close()
    return {
        "first_result_ms": {"median": _median(first), "max": round(max(first), 1)},
        "first_shown_ms": {"median": _median(seen), "max": round(max(seen), 1)},
        "first_result_after_dom_ms": {"median": _median(after_dom), "max": round(max(after_dom), 1)},
        "next_query_ms": {"median": _median(following), "max": round(max(following), 1)},
        "search_data_bytes": {"median": statistics.median(data), "max": max(data)},
        "queries": len(queries),
        "page_errors": errors,
    }


def compare_first_search(sites: list[Path], queries: list[str], rounds: int = 2) -> dict[str, Any]:
    """The first search of each site in ``sites``, interleaved: each query opens every site in turn.

    On a machine other work shares, one site measured after another takes
    the load of its own minutes; interleaved, each query's pages are opened
    back to back (in alternating order), and each site is also compared with
    the first one query by query. Returns ``{"sites": {name: {"first_result_ms",
    "first_shown_ms", "first_paint_ms", "dom_content_loaded_ms"}}, "paired":
    {name: {"median_ms", "faster", "shown_median_ms", "shown_faster"}},
    "loads": n}``: medians in milliseconds from navigation start; ``paired``
    is the site's time minus the first site's, and how many of the pairs it
    was faster in. A result put in the page before its first paint is seen
    at that paint: ``first_shown_ms`` is the later of the two.
    """
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    names = [str(site) for site in sites]
    timings: dict[str, list[list[float]]] = {name: [] for name in names}
    with ExitStack() as stack:
        urls = {name: stack.enter_context(_served_search_page(Path(name))) for name in names}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            for round_number in range(rounds):
                for number, query in enumerate(queries):
                    order = names if (number + round_number) % 2 == 0 else names[::-1]
                    for name in order:
                        context = browser.new_context()
                        page = context.new_page()
                        page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
                        page.add_init_script(FIRST_RESULT_INIT)
                        page.goto(urls[name] + "?q=" + quote(query))
                        page.wait_for_function("() => window.__daybookFirstResult !== null", timeout=120_000)
                        timings[name].append(page.evaluate(PAGE_TIMES_JS))
                        context.close()
        finally:
            browser.close()
    first = names[0]

    def shown(row: list[float]) -> float:
        return max(row[0], row[1]) if row[1] is not None else row[0]

    return {
        "sites": {
            name: {
                "first_result_ms": _median([t[0] for t in rows]),
                "first_shown_ms": _median([shown(t) for t in rows]),
                "first_paint_ms": _median([t[1] for t in rows if t[1] is not None]),
                "dom_content_loaded_ms": _median([t[2] for t in rows]),
            }
            for name, rows in timings.items()
        },
        "paired": {
            name: {
                "median_ms": _median([b[0] - a[0] for a, b in zip(timings[first], timings[name])]),
                "faster": sum(b[0] < a[0] for a, b in zip(timings[first], timings[name])),
                "shown_median_ms": _median([shown(b) - shown(a) for a, b in zip(timings[first], timings[name])]),
                "shown_faster": sum(shown(b) < shown(a) for a, b in zip(timings[first], timings[name])),
            }
            for name in names[1:]
        },
        "loads": len(timings[first]),
    }


#: [first result, first paint, DOMContentLoaded], from navigation start
PAGE_TIMES_JS = """
() => {
  const paint = performance.getEntriesByType("paint");
  return [
    window.__daybookFirstResult,
    paint.length ? paint[0].startTime : null,
    performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
  ];
}
"""


def _build_sites(posts: int, out: Path, seed: int) -> dict[str, Path]:
    """The archive built with daybook and with plain Sphinx (run.py's (c) and (a), and (a) with alabaster)."""
    import subprocess

    sys.path.insert(0, str(Path(__file__).parent))
    from generate import hand_written_index, write_archive
    from run import PLAIN_CONF

    repo = Path(__file__).resolve().parents[2]
    shutil.rmtree(out, ignore_errors=True)
    plan = write_archive(out / "posts", posts, seed)
    sites = {}
    for name, theme in (("daybook", None), ("plain", "basic"), ("plain-default", "alabaster")):
        src = out / f"src-{name}"
        shutil.copytree(out / "posts", src)
        command = [sys.executable, "-m", "sphinx", "-b", "dirhtml", "-q", str(src), str(out / name)]
        if theme is not None:
            (src / "conf.py").write_text(PLAIN_CONF.format(theme=theme), encoding="utf-8")
            (src / "index.md").write_text(hand_written_index(plan, "부스트캠프 AI Tech 일지"), encoding="utf-8")
        else:
            command[3:3] = ["-c", str(repo)]
        print(f"building {name} ({posts} posts) ...", flush=True)
        subprocess.run(command, check=True)
        sites[name] = out / name
    return sites


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


if __name__ == "__main__":
    import argparse
    import json

    sys.path.insert(0, str(Path(__file__).parent))
    from reader import QUERIES

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, help="a built site (else --posts builds two)")
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("_build") / "search-timing")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--compare", type=Path, nargs="+", metavar="SITE",
                        help="built sites whose first search to time interleaved (the first is the reference)")
    parser.add_argument("--rounds", type=int, default=2, help="with --compare: times each query opens each site")
    args = parser.parse_args()
    queries = [*QUERIES, "부스트캠프", "학습률을", "DAY 7", "없는단어"]
    if args.compare:
        load = _load()
        compared = compare_first_search(args.compare, queries, args.rounds)
        print(f"{compared['loads']} loads of each site, load average {load} before, {_load()} after")
        print(f"{'':40}{'first result':>14}{'vs first':>10}{'faster':>8}"
              f"{'shown':>9}{'vs first':>10}{'faster':>8}{'first paint':>13}{'DOM loaded':>12}")
        for name, figures in compared["sites"].items():
            paired = compared["paired"].get(name)
            vs = f"{paired['median_ms']:+.1f}" if paired else ""
            faster = f"{paired['faster']}/{compared['loads']}" if paired else ""
            shown_vs = f"{paired['shown_median_ms']:+.1f}" if paired else ""
            shown_faster = f"{paired['shown_faster']}/{compared['loads']}" if paired else ""
            print(f"{name[-40:]:40}{figures['first_result_ms']!s:>14}{vs:>10}{faster:>8}"
                  f"{figures['first_shown_ms']!s:>9}{shown_vs:>10}{shown_faster:>8}"
                  f"{figures['first_paint_ms']!s:>13}{figures['dom_content_loaded_ms']!s:>12}")
        sys.exit(0)
    if args.site is not None:
        print(json.dumps(measure_results(args.site, queries), ensure_ascii=False, indent=2))
        sys.exit(0)
    sites = _build_sites(args.posts, args.out.resolve(), args.seed)
    report = {"posts": args.posts, "load_before": _load()}
    for name, site in sites.items():
        print(f"timing {name} ...", flush=True)
        report[name] = {"shown": measure_results(site, queries), "search_only": measure_queries(site, queries)}
        report[name]["search_only"].pop("queries")
    report["load_after"] = _load()
    (args.out / "timing.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\n{args.posts} posts, load average {report['load_before']} before, {report['load_after']} after")
    rows = [
        ("first search: page opened to first result, median ms", lambda r: r["shown"]["first_result_ms"]["median"]),
        ("... to first result shown (not before first paint), median ms",
         lambda r: r["shown"]["first_shown_ms"]["median"]),
        ("first search: DOMContentLoaded to first result, median ms",
         lambda r: r["shown"]["first_result_after_dom_ms"]["median"]),
        ("next query to first result (shards fetched), median ms", lambda r: r["shown"]["next_query_ms"]["median"]),
        ("next query to first result, max ms", lambda r: r["shown"]["next_query_ms"]["max"]),
        ("search data fetched by a first search, median bytes", lambda r: r["shown"]["search_data_bytes"]["median"]),
        ("search alone (parse + rank), median ms", lambda r: r["search_only"]["median_ms"]),
    ]
    print(f"{'':60}" + "".join(f"{name:>15}" for name in sites))
    for label, cell in rows:
        print(f"{label:60}" + "".join(f"{cell(report[name])!s:>15}" for name in sites))
