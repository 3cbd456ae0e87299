"""Check an ePub with epubcheck, where it is installed.

    python ext/daybook/takeaway/epubcheck.py <file.epub>

Pure and standalone (the standard library only): ``make epub`` runs it before
it ships the file. Exit 1, with epubcheck's own messages, if epubcheck reports
an error (stores reject such files); 0 when it reports none, or is not
installed (then a note says so).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

_SUMMARY = re.compile(r"Messages: (\d+) fatals? / (\d+) errors?")


def command(epub: Path) -> list[str] | None:
    """How to run epubcheck on ``epub``; ``None`` if it is not installed."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    # Debian ships epubcheck as an executable jar, which runs only where binfmt knows jars
    try:
        is_jar = Path(found).read_bytes()[:2] == b"PK"
    except OSError:
        is_jar = False
    if is_jar:
        java = shutil.which("java")
        return None if java is None else [java, "-jar", found, str(epub)]
    return [found, str(epub)]


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: epubcheck.py <file.epub>", file=sys.stderr)
        return 2
    epub = Path(arguments[0])
    run = command(epub)
    if run is None:
        print("epubcheck is not installed: the ePub is not checked (apt-get install epubcheck)")
        return 0
    result = subprocess.run(run, capture_output=True, text=True, check=False)
    output = (result.stdout + result.stderr).strip()
    summary = _SUMMARY.search(output)
    failed = result.returncode != 0 or summary is None or summary[1] != "0" or summary[2] != "0"
    if failed:
        problems = [line for line in output.splitlines() if line.startswith(("ERROR", "FATAL"))]
        print("\n".join(problems) or output, file=sys.stderr)
        print(f"epubcheck found errors in {epub}: it is not copied to the ePub folder", file=sys.stderr)
        return 1
    print(f"epubcheck: {epub.name} has no errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
