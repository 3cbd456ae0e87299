"""What a Sphinx environment of its own per output format costs: time and disk.

    python tests/benchmark/formats.py --posts 300 --out _build/bench-formats

`make html`, `make epub` and `make latex` (the Sphinx step of `make pdf`) each
keep their environment in ``doctrees/<format>``: a build of one format never
leaves another's output stale, but each format reads the posts itself. This
times the three targets in a row from a clean build folder, then once more
after one post changed, and compares with the three Sphinx builds sharing one
doctree folder (the old way, which could leave outputs stale); it reports the
doctree folders' sizes. Times are processor seconds (user and system, of make
and everything it runs), which another load on the machine changes less than
the clock. A benchmark, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGETS = {"html": ("dirhtml", "html"), "epub": ("epub", "epub-build"), "latex": ("latex", "latex")}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(command: list[str]) -> float:
    """The processor time (user and system) ``command`` took: steadier than the clock on a shared machine."""
    start = _cpu()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return _cpu() - start


def _separate(posts: Path, builddir: Path) -> dict[str, float]:
    return {
        target: round(_run(["make", "--no-print-directory", target, f"POSTS={posts}", f"BUILDDIR={builddir}"]), 1)
        for target in TARGETS
    }


def _shared(posts: Path, builddir: Path) -> dict[str, float]:
    """The three Sphinx builds with one doctree folder, as before (``make epub`` empties its folder first)."""
    times = {}
    for target, (builder, folder) in TARGETS.items():
        if target == "epub":
            shutil.rmtree(builddir / folder, ignore_errors=True)
        command = [str(REPO / ".venv/bin/sphinx-build"), "-q", "-c", ".", "-d", str(builddir / "doctrees"),
                   "-b", builder, str(posts), str(builddir / folder)]  # fmt: skip
        times[target] = round(_run(command), 1)
    return times


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _touch_one_post(posts: Path) -> None:
    post = sorted(posts.rglob("*.md"))[len(list(posts.rglob("*.md"))) // 2]
    post.write_text(post.read_text(encoding="utf-8") + "\n한 줄 더.\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "bench-formats")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    posts = out / f"posts-{args.posts}"
    shutil.rmtree(posts, ignore_errors=True)
    subprocess.run(
        [sys.executable, str(REPO / "tests/benchmark/generate.py"), "--posts", str(args.posts), str(posts)], check=True
    )
    results: dict[str, object] = {"posts": args.posts}
    for name, run in (("separate", _separate), ("shared", _shared)):
        builddir = out / name
        shutil.rmtree(builddir, ignore_errors=True)
        clean = run(posts, builddir)
        results[f"{name}_clean_cpu_seconds"] = {**clean, "total": round(sum(clean.values()), 1)}
        results[f"{name}_doctrees_bytes"] = _size(builddir / "doctrees")
    for name, run in (("separate", _separate), ("shared", _shared)):
        _touch_one_post(posts)
        again = run(posts, out / name)
        results[f"{name}_one_post_changed_cpu_seconds"] = {**again, "total": round(sum(again.values()), 1)}
    (out / f"results-{args.posts}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
