"""Benchmark of the books to take away: `make epub` and `make pdf` on a synthetic archive.

    python tests/benchmark/takeaway.py --posts 300 --out _build/bench-takeaway

Generates the archive of tests/benchmark/generate.py, then times each target
from a clean build directory (reading the posts included, as on Read the
Docs) and reports the file sizes, the PDF's page count, how many LuaLaTeX
runs the contents and bookmarks took to settle and LuaLaTeX's peak memory (as
``make pdf`` prints them), and how long epubcheck alone takes of ``make
epub``. Each target's CPU time (of make and everything it ran) is reported
beside its wall-clock time: on a shared machine the second grows with the
other sessions' work, the first hardly. A benchmark, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _make(target: str, posts: Path, builddir: Path) -> tuple[float, float, str]:
    """(wall-clock seconds, CPU seconds of make and all it ran, what it printed)."""
    shutil.rmtree(builddir, ignore_errors=True)
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"POSTS={posts}", f"BUILDDIR={builddir}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"make {target} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, _children_cpu() - cpu, result.stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "bench-takeaway")
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    posts = out / f"posts-{args.posts}"
    if not posts.is_dir():
        subprocess.run(
            [sys.executable, str(REPO / "tests/benchmark/generate.py"), "--posts", str(args.posts), str(posts)],
            check=True,
        )
    results: dict[str, object] = {"posts": args.posts}
    builddir = out / "build"
    seconds, cpu, _ = _make("epub", posts, builddir)
    results["epub_seconds"] = round(seconds, 1)
    # CPU time does not grow with the other work of a shared machine, wall-clock time does
    results["epub_cpu_seconds"] = round(cpu, 1)
    epub = next((builddir / "epub").glob("*.epub"))
    results["epub_bytes"] = epub.stat().st_size
    sys.path.insert(0, str(REPO / "ext"))
    try:
        from daybook.takeaway.epubcheck import command
    except ImportError:  # a daybook from before make epub ran epubcheck
        command = None
    check = command(epub) if command is not None else None
    if check is not None:
        start = time.perf_counter()
        subprocess.run(check, capture_output=True, check=False)
        results["epubcheck_seconds"] = round(time.perf_counter() - start, 1)
    if not args.skip_pdf:
        seconds, cpu, output = _make("pdf", posts, builddir)
        results["pdf_seconds"] = round(seconds, 1)
        results["pdf_cpu_seconds"] = round(cpu, 1)
        pdf = next((builddir / "pdf").glob("*.pdf"))
        results["pdf_bytes"] = pdf.stat().st_size
        results["pdf_pages"] = _pages(pdf)
        # the largest process make ran so far (LuaLaTeX, in practice), whatever printed it
        results["largest_process_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        printed = re.search(r"LuaLaTeX: .* in (\d+) runs, peak memory (\d+) MB", output)
        if printed:
            results["lualatex_runs"] = int(printed[1])
            results["lualatex_peak_mb"] = int(printed[2])
    (out / f"results-{args.posts}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
