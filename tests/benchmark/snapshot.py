"""Build the benchmark archive and every test root, or compare two such builds byte for byte.

A reshaping of the extension must not change what it writes. Build a snapshot
before and after, then compare:

    .venv/bin/python tests/benchmark/snapshot.py build _build/before   # on the old commit
    .venv/bin/python tests/benchmark/snapshot.py build _build/after    # on the new one
    .venv/bin/python tests/benchmark/snapshot.py compare _build/before _build/after

``build`` copies the sources to a fixed folder first (``--sources``, default
``/tmp/daybook-snapshot-src``), so both builds read posts at the same path;
the benchmark archive is generated with a fixed seed. Every folder is built
with both ``dirhtml`` (what ``make html`` uses) and ``html`` (``--builders``
names others: ``latex`` for the PDF's sources); ``--jobs N``
builds with ``-j N`` (compare it with a serial build: ``-j`` must not change
the output). ``compare`` lists every file that differs or exists on one side
only, and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BASE_URL = "https://book.example.com/"


def build(out: Path, sources: Path, posts: int, jobs: int = 1, builders: tuple[str, ...] = ("dirhtml", "html")) -> int:
    if not sources.exists():
        sources.mkdir(parents=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--posts", str(posts), str(sources / "bench")], check=True)
        for root in sorted((REPO / "tests" / "roots").iterdir()):
            shutil.copytree(root, sources / root.name, symlinks=True)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "ext"), "PYTHONHASHSEED": "0"}
    failed = 0
    for folder in sorted(sources.iterdir()):
        for builder in builders:
            command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", builder, "-D", f"html_baseurl={BASE_URL}"]
            if jobs > 1:
                command += ["-j", str(jobs)]
            command += ["-d", str(out / ".doctrees" / f"{folder.name}-{builder}")]
            if not (folder / "conf.py").is_file():
                # the benchmark archive and the roots without one use the repository's conf.py
                command += ["-c", str(REPO)]
            result = subprocess.run([*command, str(folder), str(out / f"{folder.name}-{builder}")], env=env,
                                    capture_output=True, text=True, check=False)
            (out / f"{folder.name}-{builder}.log").write_text(result.stdout + result.stderr, encoding="utf-8")
            print(f"{folder.name} {builder}: {'ok' if result.returncode == 0 else 'failed'}", flush=True)
            failed += result.returncode != 0
    return 1 if failed else 0


def compare(before: Path, after: Path) -> int:
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file() and ".doctrees" not in p.parts}

    a, b = files(before), files(after)
    differ = [name for name in sorted(a.keys() & b.keys()) if a[name].read_bytes() != b[name].read_bytes()]
    for name in sorted(a.keys() - b.keys()):
        print(f"only before: {name}")
    for name in sorted(b.keys() - a.keys()):
        print(f"only after:  {name}")
    for name in differ:
        print(f"differs:     {name}")
    total = len(differ) + len(a.keys() ^ b.keys())
    print(f"{len(a.keys() | b.keys())} files, {total} differ")
    return 1 if total else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build")
    build_command.add_argument("out", type=Path)
    build_command.add_argument("--sources", type=Path, default=Path("/tmp/daybook-snapshot-src"))
    build_command.add_argument("--posts", type=int, default=300)
    build_command.add_argument("--jobs", type=int, default=1, help="build with -j JOBS")
    build_command.add_argument("--builders", default="dirhtml,html", help="comma-separated (default: dirhtml,html)")
    compare_command = commands.add_parser("compare")
    compare_command.add_argument("before", type=Path)
    compare_command.add_argument("after", type=Path)
    arguments = parser.parse_args()
    if arguments.command == "build":
        return build(arguments.out, arguments.sources, arguments.posts, arguments.jobs,
                     tuple(arguments.builders.split(",")))
    return compare(arguments.before, arguments.after)


if __name__ == "__main__":
    sys.exit(main())
