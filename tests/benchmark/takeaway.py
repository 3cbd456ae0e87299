"""Benchmark of the books to take away: `make epub` and `make pdf` on a synthetic archive.

    python tests/benchmark/takeaway.py --posts 300 --out _build/bench-takeaway

Generates the archive of tests/benchmark/generate.py, then times each target
from a clean build directory (reading the posts included, as on Read the
Docs) and reports the file sizes and the PDF's page count. A benchmark, not a
test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _make(target: str, posts: Path, builddir: Path) -> float:
    shutil.rmtree(builddir, ignore_errors=True)
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
    return elapsed


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
    results["epub_seconds"] = round(_make("epub", posts, builddir), 1)
    epub = next((builddir / "epub").glob("*.epub"))
    results["epub_bytes"] = epub.stat().st_size
    if not args.skip_pdf:
        results["pdf_seconds"] = round(_make("pdf", posts, builddir), 1)
        pdf = next((builddir / "pdf").glob("*.pdf"))
        results["pdf_bytes"] = pdf.stat().st_size
        results["pdf_pages"] = _pages(pdf)
        log = next((builddir / "latex").glob("*.log")).read_text(encoding="utf-8", errors="replace")
        results["lualatex_runs"] = log.count("This is LuaHBTeX") or None
    (out / f"results-{args.posts}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
