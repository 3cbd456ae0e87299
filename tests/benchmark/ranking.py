"""The ranking set through each system's own search page, in headless Chromium.

    python tests/benchmark/ranking.py [--out _build/ranking] [--json results.json]

Builds ``tests/roots/test-search-rank`` twice, with daybook (dirhtml, as the
Makefile builds the book) and with plain Sphinx (MyST, ``language = "ko"``,
the basic theme, a root page with one toctree: what a Sphinx user writes by
hand; the draft left out, as plain Sphinx would not know it is one), types
each query of ``tests/search_ranking.py`` into each search page and reads
the results in the order the page shows them. Prints recall@5, MRR@10,
success@1, the queries with no result and the listing pages (cover, parts,
archive, tags; plain Sphinx's root page) in a top five, and the misses.

Figures, not a test: ``tests/search/test_search_ranking.py`` asserts daybook's.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ROOT = REPO / "tests" / "roots" / "test-search-rank"
sys.path.insert(0, str(REPO / "tests"))

from search_ranking import RANKING_SET, TARGETS, metrics, search_page_results  # noqa: E402

PLAIN_CONF = """\
project = "부트캠프 AI 일지"
language = "ko"
root_doc = "index"
extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
myst_title_to_header = True
suppress_warnings = ["myst.xref_missing", "myst.header"]
exclude_patterns = ["_build", "boostcamp/day39-20210311.md"]
html_theme = "basic"
"""


def _posts(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).with_suffix("").as_posix()
        for p in root.rglob("*.md")
        if p.name != "day39-20210311.md"  # the draft
    )


def build_daybook(out: Path) -> Path:
    html = out / "daybook"
    shutil.rmtree(html, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "ext")}
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dirhtml", "-q", "-E", str(ROOT), str(html)],
        check=True, env=env,
    )
    return html


def build_plain(out: Path) -> Path:
    src = out / "plain-src"
    html = out / "plain"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(html, ignore_errors=True)
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("conf.py", "__pycache__"))
    (src / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    toctree = "\n".join(name for name in _posts(ROOT))
    (src / "index.md").write_text(
        f"# 부트캠프 AI 일지\n\n```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n", encoding="utf-8"
    )
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "dirhtml", "-q", "-E", str(src), str(html)], check=True)
    return html


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def rank_all(html_dir: Path, queries: list[str]) -> tuple[dict[str, list[str]], list[str], float]:
    """query -> docnames as the search page lists them; console errors; seconds."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Debian's chromium is missing (apt-get install chromium)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    search_url = f"http://{host}:{port}/search/"
    errors: list[str] = []
    ranked: dict[str, list[str]] = {}
    started = time.perf_counter()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
                page.on("console", lambda m: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda e: errors.append(str(e)))
                for query in queries:
                    ranked[query] = search_page_results(page, search_url, query)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return ranked, errors, time.perf_counter() - started


def _verdict(name: str, value: float) -> str:
    target = TARGETS[name]
    if name in ("queries with no result", "listing pages in a top 5"):
        return "met" if value <= target else "NOT met"
    return "met" if value >= target else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "ranking")
    parser.add_argument("--json", type=Path, default=None, help="write every ranking and figure here")
    parser.add_argument("--only", choices=("daybook", "plain"), default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    queries = [item.query for item in RANKING_SET]
    systems = {"daybook": build_daybook, "plain Sphinx": build_plain}
    if args.only:
        systems = {k: v for k, v in systems.items() if k.startswith(args.only)}
    report: dict[str, dict] = {}
    for name, build in systems.items():
        print(f"[{name}] building ...", flush=True)
        html = build(args.out)
        print(f"[{name}] {len(queries)} queries in Chromium ...", flush=True)
        ranked, errors, seconds = rank_all(html, queries)
        figures = metrics(ranked)
        report[name] = {
            "figures": figures.as_dict(), "misses": figures.misses, "console_errors": errors,
            "seconds": round(seconds, 1), "ranked": ranked,
        }
    print()
    keys = list(next(iter(report.values()))["figures"])
    print(f"{'':28}" + "".join(f"{name:>16}" for name in report))
    for key in keys:
        row = "".join(f"{report[name]['figures'][key]:>16}" for name in report)
        target = f"  target {'≤' if key in ('queries with no result', 'listing pages in a top 5') else '≥'} {TARGETS[key]}" \
            if key in TARGETS else ""
        verdicts = " ".join(_verdict(key, report[name]["figures"][key]) for name in report) if key in TARGETS else ""
        print(f"{key:28}{row}{target} {verdicts}")
    for name, data in report.items():
        print(f"\n{name}: first hit not relevant for {len(data['misses'])} queries")
        for query, top in data["misses"]:
            print(f"  {query!r}: {list(top)}")
        if data["console_errors"]:
            print(f"  console errors: {data['console_errors'][:3]}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
