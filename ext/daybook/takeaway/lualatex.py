"""Typeset the PDF: LuaLaTeX, hardened, run until the contents and bookmarks are stable.

    PYTHONPATH=ext python -m daybook.takeaway.lualatex <latex folder> <pdf folder>

Pure (the standard library and :mod:`daybook.files`, no Sphinx): ``make pdf``
runs it on the folder Sphinx's LaTeX builder wrote. It

* runs LuaLaTeX with no shell escape, ``openin_any``/``openout_any`` paranoid
  (TeX reads and writes no file outside the build folder), no Lua sockets, a
  bare environment (no variable of the caller reaches TeX), and daybook's Lua
  sandbox (``static/daybook.lua``, which the preamble loads);
* runs it again while the table of contents, the bookmarks or the references
  change (at most :data:`MAX_RUNS` times), so 차례 and the outline are never
  empty;
* stops at the first LaTeX error and exits 1, printing LaTeX's own message
  with its place in the ``.tex`` file and the post it came from (each
  chapter starts with a ``%daybook-post:`` line); no PDF is shipped then;
* starts from a clean slate after a run that failed or was interrupted (the
  ``.aux`` of a broken run can break the next one), and always typesets: it
  never decides there is "nothing to do" while the PDF is missing.

It prints how many runs it took and LuaLaTeX's peak memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..files import write_atomically

#: enough for 차례 to settle: its own pages move the page numbers once
MAX_RUNS = 5
#: written after a run that ended well; without it the next run starts clean
COMPLETE = ".daybook-complete"
#: the line that opens each post in the .tex file (see nodes.post_start)
POST_MARKER = "%daybook-post:"
#: the note the LaTeX build leaves beside the .tex (publishing/downloads.py): each PDF
#: shipped is added with its digest, so the site offers it for download
NOTE = "daybook-takeaway.json"
#: what LuaLaTeX writes and reads back between runs
AUXILIARY = (".aux", ".toc", ".out", ".lof", ".lot", ".log", ".pdf", ".fls", ".fdb_latexmk", ".synctex.gz")
#: files whose change means another run
READ_BACK = (".aux", ".toc", ".out")
HARDENING = ["--no-shell-escape", "--nosocket", "--interaction=nonstopmode", "--halt-on-error", "--file-line-error"]
#: TeX's own limits on file access, and a log whose lines are not cut at 79 characters
TEX_ENVIRONMENT = {
    "openin_any": "p",
    "openout_any": "p",
    "shell_escape": "f",
    "max_print_line": "10000",
    "error_line": "254",
    "half_error_line": "238",
}
#: variables of the caller that LuaLaTeX needs (where TeX Live and its caches are)
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TEXMFHOME", "TEXMFVAR", "TEXMFCACHE", "TEXMFCONFIG", "TEXMFLOCAL",
             "OSFONTDIR", "SOURCE_DATE_EPOCH", "TMPDIR")

_FILE_LINE_ERROR = re.compile(r"^(?P<file>[^\s:][^:]*\.tex):(?P<line>\d+): (?P<message>.*)$")


@dataclass
class Outcome:
    runs: int
    peak_bytes: int
    error: str | None = None
    missing_characters: int = 0


def _digest(folder: Path, stem: str) -> dict[str, str]:
    found = {}
    for suffix in READ_BACK:
        path = folder / (stem + suffix)
        if path.is_file():
            found[suffix] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _environment() -> dict[str, str]:
    environment = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    environment.setdefault("PATH", "/usr/bin:/bin")
    environment.update(TEX_ENVIRONMENT)
    return environment


def _run_lualatex(folder: Path, tex: Path) -> tuple[int, int, str]:
    """(exit status, peak memory in bytes, what LuaLaTeX printed)."""
    with open(os.devnull, "rb") as nothing:
        process = subprocess.Popen(
            ["lualatex", *HARDENING, tex.name],
            cwd=folder,
            stdin=nothing,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=_environment(),
        )
        output = process.stdout.read() if process.stdout else b""
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.stdout:
            process.stdout.close()
    # ru_maxrss is in kilobytes on Linux
    return process.returncode, usage.ru_maxrss * 1024, output.decode("utf-8", "replace")


def post_at(tex_lines: list[str], line: int) -> str | None:
    """The post whose text is at ``line`` (1-based) of the .tex file."""
    found = None
    for text in tex_lines[: max(line, 0)]:
        if text.startswith(POST_MARKER):
            found = unquote(text[len(POST_MARKER) :].strip())
    return found


def located_error(log: str, tex: Path) -> str:
    """LaTeX's first error as it wrote it, with the post it came from."""
    lines = log.splitlines()
    for index, text in enumerate(lines):
        match = _FILE_LINE_ERROR.match(text)
        if match is None and not text.startswith("! "):
            continue
        excerpt = [text]
        for following in lines[index + 1 : index + 12]:
            excerpt.append(following)
            if re.match(r"^l\.\d+ ", following):
                break
        where = ""
        if match is not None and Path(match["file"]).name == tex.name:
            try:
                tex_lines = tex.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                tex_lines = []
            post = post_at(tex_lines, int(match["line"]))
            if post:
                where = f" in the post {post}"
        else:
            context = re.search(r"^l\.(\d+) ", "\n".join(excerpt), re.MULTILINE)
            if context:
                try:
                    tex_lines = tex.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    tex_lines = []
                post = post_at(tex_lines, int(context[1]))
                if post:
                    where = f" in the post {post}"
        return f"LaTeX stopped{where} ({tex.name}):\n" + "\n".join(excerpt).rstrip()
    tail = "\n".join(lines[-15:])
    return f"LuaLaTeX failed ({tex.name}) without a LaTeX error; the end of its log:\n{tail}"


def _clean(folder: Path, stem: str) -> None:
    for suffix in AUXILIARY:
        (folder / (stem + suffix)).unlink(missing_ok=True)


def typeset(folder: Path, tex: Path, max_runs: int = MAX_RUNS) -> Outcome:
    stem = tex.stem
    marker = folder / COMPLETE
    if not marker.is_file():
        # the last run failed or was stopped: its .aux and .toc may be cut short
        _clean(folder, stem)
    marker.unlink(missing_ok=True)
    (folder / (stem + ".pdf")).unlink(missing_ok=True)
    runs, peak = 0, 0
    before = _digest(folder, stem)
    while True:
        status, memory, output = _run_lualatex(folder, tex)
        runs += 1
        peak = max(peak, memory)
        log_path = folder / (stem + ".log")
        log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else output
        if status != 0 or not (folder / (stem + ".pdf")).is_file():
            (folder / (stem + ".pdf")).unlink(missing_ok=True)
            return Outcome(runs, peak, error=located_error(log, tex))
        after = _digest(folder, stem)
        settled = after == before and "Rerun to get" not in log
        if settled or runs >= max_runs:
            marker.write_text("", encoding="utf-8")
            missing = log.count("Missing character:")
            return Outcome(runs, peak, missing_characters=missing)
        before = after


def vouch_for(folder: Path, pdf: Path) -> None:
    """Add the shipped PDF's digest to the LaTeX build's note, if it left one."""
    note_path = folder / NOTE
    try:
        note = json.loads(note_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # not a daybook build: nothing vouches for the PDF
    if not isinstance(note, dict) or not isinstance(note.get("sha256"), dict):
        return
    note["sha256"][pdf.name] = hashlib.sha256(pdf.read_bytes()).hexdigest()
    write_atomically(note_path, json.dumps(note, sort_keys=True).encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    folder, out = Path(arguments[0]), Path(arguments[1])
    shutil.rmtree(out, ignore_errors=True)
    if shutil.which("lualatex") is None:
        print("lualatex is missing: install texlive-luatex (see the README's Downloads section)", file=sys.stderr)
        return 1
    documents = sorted(folder.glob("*.tex"))
    if not documents:
        print(f"no .tex file in {folder}: run Sphinx's LaTeX builder first", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for tex in documents:
        try:
            outcome = typeset(folder, tex)
        except KeyboardInterrupt:
            print(f"\nLuaLaTeX was stopped; the next make pdf starts {tex.name} afresh", file=sys.stderr)
            return 130
        if outcome.error is not None:
            print(outcome.error, file=sys.stderr)
            print(f"The PDF was not written; the whole log is {folder / (tex.stem + '.log')}", file=sys.stderr)
            return 1
        shutil.copy2(folder / (tex.stem + ".pdf"), out / (tex.stem + ".pdf"))
        vouch_for(folder, out / (tex.stem + ".pdf"))
        note = f", {outcome.missing_characters} characters missing from the fonts" if outcome.missing_characters else ""
        print(f"LuaLaTeX: {tex.stem}.pdf in {outcome.runs} runs, peak memory {outcome.peak_bytes // 2**20} MB{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
