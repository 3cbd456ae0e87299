"""Benchmark: daybook against plain Sphinx on a synthetic archive of N posts.

    .venv/bin/python tests/benchmark/run.py --posts 300 --out _build/bench
    .venv/bin/python tests/benchmark/run.py --quick          # 30 posts, to try it out

Builds, each a ``sphinx-build -b dirhtml`` subprocess on its own copy of the posts:

(a) plain Sphinx + MyST, basic theme, hand-written toctree: the floor;
(b) plain sphinx-book-theme, hand-written toctree: what a user has today
    (full build only: it grows with the square of N);
(c) daybook with every feature on: the repository's ``conf.py``.

For (a) and (c): full build, full build with ``-j 2``, no-op rebuild, rebuild
after a body edit of one post and after a title edit (with the number of pages
rewritten and changed), peak memory (``wait4``), output and search index sizes
(raw and gzip). Prints a table and writes ``results.json`` into ``--out``.

Each (a)/(c) figure is the fastest of ``--repeat`` runs (default 2; (b) runs
once): a shared machine makes some runs slower, never faster.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from generate import hand_written_index, write_archive  # noqa: E402

PLAIN_CONF = """\
project = "부스트캠프 AI Tech 일지"
language = "ko"
root_doc = "index"
extensions = ["myst_parser"]
source_suffix = {{".md": "markdown"}}
myst_title_to_header = True
suppress_warnings = ["myst.xref_missing", "myst.header"]
html_theme = "{theme}"
"""

#: Korean queries for the search timing, when the search work provides it
SEARCH_QUERIES = ["부스트캠프", "모델", "학습률", "피어 세션", "옵티마이저", "없는단어"]


@dataclass
class Run:
    seconds: float
    #: user + system CPU time of the build and its workers: steadier than the
    #: wall clock on a shared machine
    cpu_seconds: float
    peak_rss_mb: float
    returncode: int
    warnings: int


@dataclass
class Rebuild:
    seconds: float
    cpu_seconds: float
    rewritten: int
    changed: int


@dataclass
class Result:
    name: str
    full: Run | None = None
    full_j2: Run | None = None
    noop: Rebuild | None = None
    body_edit: Rebuild | None = None
    title_edit: Rebuild | None = None
    output_bytes: int = 0
    output_gzip_bytes: int = 0
    html_pages: int = 0
    search_index: dict[str, tuple[int, int]] = field(default_factory=dict)
    search_timing: dict | None = None
    #: what a reader downloads (reader.py): chapter page, output without _static, first visit, one search
    reader: dict = field(default_factory=dict)


def sphinx_build(srcdir: Path, outdir: Path, log: Path, *, conf_dir: Path | None = None, jobs: int = 1) -> Run:
    """One sphinx-build subprocess; its own peak memory comes from wait4."""
    command = [sys.executable, "-m", "sphinx", "-b", "dirhtml", "-q"]
    if conf_dir is not None:
        command += ["-c", str(conf_dir)]
    if jobs > 1:
        command += ["-j", str(jobs)]
    command += [str(srcdir), str(outdir)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}
    env.pop("DAYBOOK_DRAFTS", None)
    # Python caches compiled modules, as on an author's machine and on Read the Docs; a machine
    # that turns that off would compile daybook's own modules on every build, and never the
    # floor's (pip compiled those when it installed them)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with log.open("a", encoding="utf-8") as stderr:
        stderr.write(f"$ {' '.join(command)}\n")
        stderr.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    warnings = log.read_text(encoding="utf-8").count("WARNING")
    # ru_maxrss is in KiB on Linux: the largest of the process and the children it waited for
    cpu = usage.ru_utime + usage.ru_stime
    return Run(round(seconds, 2), round(cpu, 2), round(usage.ru_maxrss / 1024, 1), process.returncode, warnings)


def snapshot(outdir: Path) -> dict[str, tuple[int, str]]:
    """mtime and content hash of every HTML page."""
    pages = {}
    for path in outdir.rglob("*.html"):
        pages[str(path.relative_to(outdir))] = (path.stat().st_mtime_ns, hashlib.sha1(path.read_bytes()).hexdigest())
    return pages


def rebuild(srcdir: Path, outdir: Path, log: Path, conf_dir: Path | None) -> Rebuild:
    before = snapshot(outdir)
    time.sleep(0.01)  # distinct mtimes on coarse file systems
    run = sphinx_build(srcdir, outdir, log, conf_dir=conf_dir)
    after = snapshot(outdir)
    rewritten = sum(1 for p, (m, _) in after.items() if p not in before or before[p][0] != m)
    changed = sum(1 for p, (_, h) in after.items() if p not in before or before[p][1] != h)
    return Rebuild(run.seconds, run.cpu_seconds, rewritten, changed)


def sizes(outdir: Path) -> tuple[int, int, int]:
    raw = packed = pages = 0
    for path in outdir.rglob("*"):
        if path.is_file() and ".doctrees" not in path.parts:
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
            pages += path.suffix == ".html"
    return raw, packed, pages


def search_index_sizes(outdir: Path) -> dict[str, tuple[int, int]]:
    """Sphinx's searchindex.js and any search data the extension ships."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        name = path.name.lower()
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        if name == "searchindex.js" or ("search" in name and path.suffix in (".json", ".bin", ".gz")) or (
            "search" in str(path.parent.relative_to(outdir)).lower() and path.suffix in (".json", ".js")
            and path.name != "index.html" and "_static" in path.parts and "daybook" in path.parts
        ):
            data = path.read_bytes()
            found[str(path.relative_to(outdir))] = (len(data), len(gzip.compress(data, 6)))
    return found


def edit_body(post: Path) -> None:
    with post.open("a", encoding="utf-8") as file:
        file.write("\n벤치마크가 본문 한 줄을 고쳤다.\n")


def edit_title(post: Path) -> None:
    text = post.read_text(encoding="utf-8")
    start = text.index("title: ") + len("title: ")
    post.write_text(text[:start] + "고친 제목 " + text[start:], encoding="utf-8")


def fastest(runs: list) -> Run | Rebuild:
    """The fastest of repeated runs: on a shared machine a slower one measures the neighbours."""
    return min(runs, key=lambda run: run.seconds)


def reader_sizes(outdir: Path, chapter: str) -> dict:
    from reader import output_without_static, page_sizes

    raw, packed = page_sizes(outdir / chapter / "index.html")
    return {"chapter": chapter, "chapter_page_bytes": raw, "chapter_page_gzip": packed,
            "output_without_static_bytes": output_without_static(outdir)}


def reader_lighthouse(outdir: Path, chapter: str, runs: int) -> dict:
    """Lighthouse (mobile) on the cover and a chapter; a missing browser or Node must not lose the build figures."""
    try:
        from reader import lighthouse_pages

        return lighthouse_pages(outdir, {"cover": "", "chapter": chapter.rstrip("/") + "/"}, runs=runs)
    except Exception as error:  # noqa: BLE001
        return {"error": f"{type(error).__name__}: {error}"}


def reader_browser(outdir: Path, chapter: str) -> dict:
    """First visit and search downloads in Chromium; a missing browser must not lose the build figures."""
    try:
        from reader import measure_reader

        return measure_reader(outdir, chapter + "/")
    except Exception as error:  # noqa: BLE001
        return {"error": f"{type(error).__name__}: {error}"}


def measure(
    name: str, srcdir: Path, work: Path, conf_dir: Path | None, edited: Path, *, full_only: bool, repeat: int = 1,
    chapter: str = "",
) -> Result:
    result = Result(name)
    log = work / f"{name}.log"
    out = work / f"{name}-html"
    print(f"  [{name}] full build ...", flush=True)
    fulls = []
    for _ in range(1 if full_only else repeat):
        shutil.rmtree(out, ignore_errors=True)
        fulls.append(sphinx_build(srcdir, out, log, conf_dir=conf_dir))
    result.full = fastest(fulls)
    result.output_bytes, result.output_gzip_bytes, result.html_pages = sizes(out)
    result.search_index = search_index_sizes(out)
    result.reader = reader_sizes(out, chapter)
    if full_only:
        return result
    print(f"  [{name}] full build -j 2 ...", flush=True)
    parallel = []
    for _ in range(repeat):
        shutil.rmtree(work / f"{name}-html-j2", ignore_errors=True)
        parallel.append(sphinx_build(srcdir, work / f"{name}-html-j2", log, conf_dir=conf_dir, jobs=2))
    result.full_j2 = fastest(parallel)
    print(f"  [{name}] rebuilds ...", flush=True)
    result.noop = fastest([rebuild(srcdir, out, log, conf_dir) for _ in range(repeat)])
    body_edits = []
    for _ in range(repeat):
        edit_body(srcdir / edited)
        body_edits.append(rebuild(srcdir, out, log, conf_dir))
    result.body_edit = fastest(body_edits)
    edit_title(srcdir / edited)
    result.title_edit = rebuild(srcdir, out, log, conf_dir)
    return result


def search_timing(html_dir: Path) -> dict | None:
    """The search engineer's Chromium timing, if it is there."""
    module_path = HERE / "search_timing.py"
    if not module_path.exists():
        return None
    spec = importlib.util.spec_from_file_location("search_timing", module_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        return module.measure_queries(html_dir, SEARCH_QUERIES)
    except Exception as error:  # a missing browser must not lose the build figures
        return {"error": f"{type(error).__name__}: {error}"}


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import sphinx
    import sphinx_book_theme

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "sphinx_book_theme": sphinx_book_theme.__version__,
        "platform": platform.platform(),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 2)


def targets(a: Result, b: Result | None, c: Result) -> dict[str, dict]:
    """The issue's targets, as ratios from this run."""
    def check(value: float | None, limit: float) -> dict:
        return {"ratio": value, "limit": limit, "met": value is not None and value <= limit}

    reader = {
        "chapter page raw (c)/(a)": check(ratio(c.reader.get("chapter_page_bytes"), a.reader.get("chapter_page_bytes")), 2),
        "chapter page gzip (c)/(a)": check(ratio(c.reader.get("chapter_page_gzip"), a.reader.get("chapter_page_gzip")), 2),
        "output without _static (c)/(a)": check(
            ratio(c.reader.get("output_without_static_bytes"), a.reader.get("output_without_static_bytes")), 2
        ),
        "peak memory (c)/(a)": check(ratio(c.full.peak_rss_mb, a.full.peak_rss_mb), 1.5),
        "full build (c)/(a)": check(ratio(c.full.seconds, a.full.seconds), 1.3),
    }
    for page, figures in (c.reader.get("lighthouse") or {}).items():
        if not isinstance(figures, dict):
            continue
        reader[f"Lighthouse {page} performance (c)"] = {
            "ratio": figures["performance"], "limit": ">= 95", "met": figures["performance"] >= 95
        }
        for category in ("accessibility", "best-practices", "seo"):
            reader[f"Lighthouse {page} {category} (c)"] = {
                "ratio": figures[category], "limit": "= 100", "met": figures[category] == 100
            }
        reader[f"Lighthouse {page} transferred KiB (c)"] = check(figures["transferred_kib"], 250)
    if "first_visit_search_bytes" in c.reader:
        reader["first visit search bytes (c)"] = {
            "ratio": c.reader["first_visit_search_bytes"], "limit": 0, "met": c.reader["first_visit_search_bytes"] == 0
        }
    if not (c.full_j2 and a.noop and c.noop and a.body_edit and c.body_edit):
        return reader
    out = {**reader,
        "full build (c)/(a)": check(ratio(c.full.seconds, a.full.seconds), 1.3),
        "(c) -j 2 / (c) serial": check(ratio(c.full_j2.seconds, c.full.seconds), 0.85),
        "no-op rebuild (c)/(a)": check(ratio(c.noop.seconds, a.noop.seconds), 1.5),
        "body-edit rebuild (c)/(a)": check(ratio(c.body_edit.seconds, a.body_edit.seconds), 1.5),
        "title-edit rebuild (c)/(a)": check(
            ratio(c.title_edit.seconds if c.title_edit else None, a.title_edit.seconds if a.title_edit else None), 2
        ),
        "peak memory (c)/(a)": check(ratio(c.full.peak_rss_mb, a.full.peak_rss_mb), 1.5),
    }
    out["full build CPU (c)/(a)"] = check(ratio(c.full.cpu_seconds, a.full.cpu_seconds), 1.3)
    # what Sphinx's own parallel build gives the floor on this machine: the
    # reference for the -j 2 target
    if a.full_j2:
        out["(a) -j 2 / (a) serial"] = {"ratio": ratio(a.full_j2.seconds, a.full.seconds), "limit": None, "met": None}
    if b is not None and b.full:
        out["full build (c)/(b)"] = {"ratio": ratio(c.full.seconds, b.full.seconds), "limit": None, "met": None}
    return out


def lighthouse_cell(result: Result, page: str) -> str:
    figures = result.reader.get("lighthouse") or {}
    if "error" in figures:
        return figures["error"][:60]
    found = figures.get(page)
    if not found:
        return "–"
    return (f"{found['performance']:.0f} / {found['accessibility']:.0f} / {found['best-practices']:.0f} / "
            f"{found['seo']:.0f}, {found['lcp_s']} s, {found['transferred_kib']:.0f} KiB")


def table(results: list[Result], posts: int) -> str:
    def secs(run: Run | Rebuild | None) -> str:
        return f"{run.seconds:.1f} s (CPU {run.cpu_seconds:.1f} s)" if run else "–"

    def pages(run: Rebuild | None) -> str:
        return f"{secs(run)}, {run.rewritten} written, {run.changed} changed" if run else "–"

    def mb(n: int) -> str:
        return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"

    names = {
        "a": "(a) Sphinx + MyST, basic theme",
        "b": "(b) sphinx-book-theme",
        "c": "(c) daybook",
    }
    rows = [
        ("full build", lambda r: secs(r.full)),
        ("full build, -j 2", lambda r: secs(r.full_j2)),
        ("no-op rebuild", lambda r: pages(r.noop)),
        ("rebuild after a body edit", lambda r: pages(r.body_edit)),
        ("rebuild after a title edit", lambda r: pages(r.title_edit)),
        ("peak memory", lambda r: f"{r.full.peak_rss_mb:.0f} MB" if r.full else "–"),
        ("output (raw / gzip)", lambda r: f"{mb(r.output_bytes)} / {mb(r.output_gzip_bytes)}"),
        (
            "search index (raw / gzip)",
            lambda r: " + ".join(f"{mb(raw)} / {mb(gz)}" for raw, gz in r.search_index.values()) or "–",
        ),
        ("HTML pages", lambda r: str(r.html_pages)),
        ("chapter page (raw / gzip)", lambda r: f"{r.reader.get('chapter_page_bytes', 0) / 1e3:.1f} / "
                                               f"{r.reader.get('chapter_page_gzip', 0) / 1e3:.1f} kB"),
        ("output without _static", lambda r: mb(r.reader.get("output_without_static_bytes", 0))),
        ("first visit of a chapter (gzip, of it search)", lambda r: f"{r.reader.get('first_visit_bytes', 0) / 1e3:.1f} kB, "
                                                        f"{r.reader.get('first_visit_search_bytes', 0) / 1e3:.1f} kB"),
        ("one two-word search (gzip, median / max)", lambda r: "{} / {} kB".format(
            *(round(v / 1e3, 1) for v in (r.reader.get("search_bytes_gzip") or {"median": 0, "max": 0}).values()))),
        ("first results after the index arrives (median / max)", lambda r: "{} / {} ms".format(
            *(r.reader.get("first_results_after_index_ms") or {"median": "–", "max": "–"}).values())),
        ("Lighthouse cover: performance / a11y / best practices / SEO, LCP, transferred", lambda r: lighthouse_cell(r, "cover")),
        ("Lighthouse chapter: performance / a11y / best practices / SEO, LCP, transferred", lambda r: lighthouse_cell(r, "chapter")),
    ]
    header = f"| N = {posts} | " + " | ".join(names[r.name] for r in results) + " |"
    lines = [header, "|" + "---|" * (len(results) + 1)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=300, help="number of posts (default 300)")
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "bench")
    parser.add_argument("--quick", action="store_true", help="30 posts: check the benchmark itself")
    parser.add_argument("--skip-b", action="store_true", help="leave out (b), the slow one")
    parser.add_argument("--full-only", action="store_true", help="full builds and reader figures only (for N=10000)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--lighthouse-runs", type=int, default=3,
        help="Lighthouse runs of the cover and a chapter of (a) and (c), median reported (default 3; 0: none)",
    )
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each (a)/(c) measurement; the fastest counts (default 2)"
    )
    args = parser.parse_args(argv)
    posts = 30 if args.quick else args.posts

    work = args.out.resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    print(f"Generating {posts} posts in {work} ...", flush=True)
    plan = write_archive(work / "posts", posts, args.seed)
    edited = Path(plan[len(plan) // 2].path)

    sources = {}
    for name, theme in (("a", "basic"), ("b", "sphinx_book_theme"), ("c", None)):
        if name == "b" and args.skip_b:
            continue
        srcdir = work / f"src-{name}"
        shutil.copytree(work / "posts", srcdir)
        if theme is not None:
            (srcdir / "conf.py").write_text(PLAIN_CONF.format(theme=theme), encoding="utf-8")
            (srcdir / "index.md").write_text(hand_written_index(plan, "부스트캠프 AI Tech 일지"), encoding="utf-8")
        sources[name] = srcdir

    started = time.perf_counter()
    results = []
    for name, srcdir in sources.items():
        conf_dir = REPO if name == "c" else None
        results.append(measure(name, srcdir, work, conf_dir, edited, full_only=name == "b" or args.full_only,
                               repeat=max(1, args.repeat), chapter=str(edited.with_suffix("").as_posix())))
    by_name = {r.name: r for r in results}
    for r in results:
        if r.name in ("a", "c"):
            print(f"  [{r.name}] reader in Chromium ...", flush=True)
            r.reader.update(reader_browser(work / f"{r.name}-html", r.reader["chapter"]))
            if args.lighthouse_runs:
                print(f"  [{r.name}] Lighthouse ...", flush=True)
                r.reader["lighthouse"] = reader_lighthouse(work / f"{r.name}-html", r.reader["chapter"], args.lighthouse_runs)
    by_name["c"].search_timing = search_timing(work / "c-html")

    report = {
        "posts": posts,
        "command": f"make bench N={posts}",
        "repeat": max(1, args.repeat),
        "machine": machine(),
        "total_seconds": round(time.perf_counter() - started, 1),
        "results": [asdict(r) for r in results],
        "targets": targets(by_name["a"], by_name.get("b"), by_name["c"]),
    }
    (work / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print()
    print(table(results, posts))
    print()
    for label, target in report["targets"].items():
        verdict = "" if target["met"] is None else ("met" if target["met"] else "NOT met")
        limit = target["limit"]
        limit = (f" (target {limit})" if isinstance(limit, str) else f" (target ≤ {limit})") if limit else ""
        print(f"{label}: {target['ratio']}{limit} {verdict}")
    timing = by_name["c"].search_timing
    if timing is not None:
        summary = {k: v for k, v in timing.items() if k != "queries"}
        for query, figures in (timing.get("queries") or {}).items():
            summary[query] = {k: v for k, v in figures.items() if k != "docnames"}
        print(f"search timing (c): {json.dumps(summary, ensure_ascii=False)}")
    m = report["machine"]
    print(f"\nmachine: {m['cores']} cores, {m['memory']}, {m['cpu']}; Python {m['python']}, Sphinx {m['sphinx']}")
    print(f"total {report['total_seconds']} s; JSON in {work / 'results.json'}; logs in {work}/*.log")
    failed = [r.name for r in results for run in (r.full, r.full_j2) if run and run.returncode != 0]
    if failed:
        print(f"sphinx-build failed for {failed}: see the logs", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
