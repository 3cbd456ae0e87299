"""TeX never runs a post as code, and make pdf after any earlier run, failed or stopped, typesets (issue 21, items 3 and 9).

* A post full of TeX attempts (``\\directlua``, ``\\input``, ``\\openout``,
  ``\\write18``, ``\\catcode``, ``^^`` escapes, ``\\csname``, ``\\def``, raw
  LaTeX, inside and outside ``\\text{}``, ``\\mbox{}``, ``\\hbox{}``) builds
  into a PDF that holds none of a canary file outside the build folder, and
  writes no file there; each formula LaTeX is not given is shown as its
  source with a warning at its line.
* Behind the allow-list, LuaLaTeX itself is hardened: a .tex file that runs
  such code anyway (as if an escape had been missed) can neither read the
  canary nor write beside it.
* A LaTeX error fails ``make pdf`` with LaTeX's message and the post, every
  time; after it, and after a run stopped with Ctrl-C, the next ``make pdf``
  writes the PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import missing

REPO = Path(__file__).resolve().parents[2]
LUA = REPO / "ext/daybook/takeaway/static/daybook.lua"


def _require_tex() -> None:
    if shutil.which("lualatex") is None:
        missing("LuaLaTeX (apt-get install texlive-luatex)")
    if not subprocess.run(["kpsewhich", "kotex.sty"], capture_output=True, text=True, check=False).stdout.strip():
        missing("kotex (apt-get install texlive-lang-korean)")
    if shutil.which("pdftotext") is None:
        missing("poppler's pdftotext (apt-get install poppler-utils)")


def make(target: str, posts: Path, builddir: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["nice", "-n", "10", "make", "--no-print-directory", target, f"POSTS={posts}", f"BUILDDIR={builddir}", *args],
        cwd=REPO, capture_output=True, text=True, check=False, **kwargs,
    )


def pdf_bytes_text(path: Path) -> str:
    """Every stream of the PDF, decompressed, and its text: where a read file would end up."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    chunks = []
    for number in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - pypdf raises many kinds for absent objects
            continue
        if hasattr(obj, "get_data"):
            try:
                chunks.append(obj.get_data().decode("latin-1"))
            except Exception:  # noqa: BLE001
                pass
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(chunks) + text


# the formulas of the attempt post, one paragraph each (the warning names its line)
ATTEMPTS = [
    r'$\directlua{io.open("{out}/lua-inline","w"):write("x")}$',
    r'$\text{\directlua{io.open("{out}/lua-text","w"):write("x")}}$',
    r"$\text{\input{{canary}}}$",
    r"$\input{{canary}}$",
    r"$\mbox{\input{{canary}}}$",
    r"$\hbox{\input {canary}}$",
    r"$\text{\immediate\openout5={out}/openout \immediate\write5{x}}$",
    r"$\immediate\write18{touch {out}/shell}$",
    r"$\text{\catcode`\^=7 \catcode`\@=11 x}$",
    r"$^^5cinput{{canary}}$",
    r"$\text{^^5cdirectlua{io.open('{out}/hat','w')}}$",
    r'$\csname directlua\endcsname{io.open("{out}/csname","w")}$',
    r"$\text{\csname input\endcsname{{canary}}}$",
    r"$\def\x{\input{{canary}}}\x$",
    r"$\pdfextension obj file {{canary}}$",
    r"$\begin{filecontents}{{out}/fc.tex}x\end{filecontents}$",
    r"$\expandafter\input\expandafter{\detokenize{{canary}}}$",
    r"$\mbox{\hbox{\text{\directlua{tex.print(io.open('{canary}'):read('a'))}}}}$",
    "$$\n\\directlua{os.execute('touch {out}/display')}\n$$",
    "$$\n\\begin{align} a &= \\text{\\input{{canary}}} \\end{align}\n$$",
]


@pytest.fixture(scope="module")
def attempts(tmp_path_factory):
    _require_tex()
    root = tmp_path_factory.mktemp("attempts")
    outside = root / "outside"
    outside.mkdir()
    canary = outside / "canary.txt"
    secret = "CANARYSECRET" + os.urandom(6).hex()
    canary.write_text(secret + "\n", encoding="utf-8")
    posts = root / "posts"
    (posts / "trust").mkdir(parents=True)
    lines = ["---", "title: TeX 시도", "date: 2021-05-01 10:00:00", 'category: "시험"', "---", ""]
    formula_lines = []
    for attempt in ATTEMPTS:
        formula_lines.append(sum(line.count("\n") + 1 for line in lines) + 1)
        lines += [attempt.replace("{out}", str(outside)).replace("{canary}", str(canary)), ""]
    lines += [
        f"글에 쓴 \\input{{{canary}}} 과 \\directlua{{os.exit(1)}} 은 글자일 뿐입니다.",
        "",
        "```{raw} latex",
        f'\\directlua{{io.open("{outside}/raw-latex","w"):write("x")}}\\input{{{canary}}}',
        "```",
        "",
    ]
    (posts / "trust" / "day1-20210501.md").write_text("\n".join(lines), encoding="utf-8")
    builddir = root / "build"
    before = sorted(p.name for p in outside.iterdir())
    result = make("pdf", posts, builddir)
    return result, builddir, outside, before, secret, formula_lines


def test_pdf_of_tex_attempts_is_built(attempts):
    result, builddir, *_ = attempts
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert list((builddir / "pdf").glob("*.pdf"))


def test_no_tex_attempt_reads_a_file_outside_the_build_folder(attempts):
    result, builddir, _, _, secret, _ = attempts
    # the PDF shipped, and whatever LuaLaTeX left in its folder
    pdfs = [*(builddir / "pdf").glob("*.pdf"), *(builddir / "latex").glob("*.pdf")]
    assert pdfs
    for pdf in pdfs:
        assert secret not in pdf_bytes_text(pdf), pdf
    for log in (builddir / "latex").glob("*.log"):
        assert secret not in log.read_text(encoding="utf-8", errors="replace")
    assert secret not in result.stdout + result.stderr


def test_no_tex_attempt_writes_a_file_outside_the_build_folder(attempts):
    _, _, outside, before, _, _ = attempts
    assert sorted(p.name for p in outside.iterdir()) == before


def test_each_refused_formula_is_its_source_with_a_warning_at_its_line(attempts):
    result, builddir, _, _, _, formula_lines = attempts
    warnings = [w for w in result.stderr.splitlines() if "day1-20210501.md" in w and "[daybook.math]" in w]
    for line in formula_lines:
        assert sum(f"day1-20210501.md:{line}:" in w for w in warnings) == 1, (line, warnings)
    pdf = next((builddir / "pdf").glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "\\directlua" in text and "\\csname" in text


def test_the_post_never_reaches_latex_as_code(attempts):
    _, builddir, _, _, _, _ = attempts
    tex = next((builddir / "latex").glob("*.tex")).read_text(encoding="utf-8")
    body = tex[tex.index("%daybook-post:") :]
    for command in ("directlua", "input", "openout", "write18", "catcode", "csname", "def\\x", "pdfextension", "filecontents", "expandafter"):
        assert not re.search(rf"(?<![\\{{])\\{re.escape(command)}", body), command
    assert "^^" not in body


# -- behind the allow-list: LuaLaTeX itself ------------------------------------------------

_SANDBOXED = r"""\documentclass{article}
\directlua{dofile("daybook.lua")}
\AddToHook{begindocument/end}{\directlua{daybook.sandbox()}}
\begin{document}
Start.
@BODY@
End.
\end{document}
"""


def _run_sandboxed(tmp_path: Path, body: str):
    from daybook.takeaway import lualatex

    folder = tmp_path / "latex"
    folder.mkdir()
    shutil.copyfile(LUA, folder / "daybook.lua")
    tex = folder / "book.tex"
    tex.write_text(_SANDBOXED.replace("@BODY@", body), encoding="utf-8")
    return lualatex.typeset(folder, tex, max_runs=1), folder


@pytest.fixture
def outside(tmp_path):
    if shutil.which("lualatex") is None:
        missing("LuaLaTeX (apt-get install texlive-luatex)")
    folder = tmp_path / "outside"
    folder.mkdir()
    secret = "CANARYSECRET" + os.urandom(6).hex()
    (folder / "canary.txt").write_text(secret + "\n", encoding="utf-8")
    return folder, secret


def test_lua_cannot_read_or_write_outside_the_build_folder_even_if_an_escape_is_missed(tmp_path, outside):
    folder, secret = outside
    canary = folder / "canary.txt"
    body = "\n".join(
        [
            rf'\directlua{{local f = io.open("{folder}/lua.txt", "w") if f then f:write("x") f:close() end}}',
            rf'\directlua{{local f = io.open("{canary}") if f then tex.print(f:read("a")) end}}',
            rf'\directlua{{local f = io.open("../outside/canary.txt") if f then tex.print(f:read("a")) end}}',
            rf'\directlua{{for l in pcall(io.lines, "{canary}") and io.lines("{canary}") or function() end do tex.print(l) end}}',
            rf'\directlua{{pcall(function() os.execute("touch {folder}/exec") end)}}',
            rf'\directlua{{pcall(function() tex.print(io.popen("cat {canary}"):read("a")) end)}}',
            rf'\directlua{{pcall(function() lfs.mkdir("{folder}/dir") end)}}',
            rf'\directlua{{pcall(function() os.rename("{canary}", "{folder}/moved.txt") end)}}',
            rf'\directlua{{pcall(function() os.remove("{canary}") end)}}',
            rf'\directlua{{pcall(function() tex.print(dofile("{canary}")) end)}}',
            rf'\directlua{{pcall(function() local _, f = debug.getupvalue(io.open, 1) tex.print(f("{canary}"):read("a")) end)}}',
            rf'\directlua{{pcall(function() tex.print(load(string.dump(function() return 1 end))()) end)}}',
            rf"\newread\r \openin\r={canary} \ifeof\r\else\read\r to\x \x\fi",
            rf"\immediate\write18{{touch {folder}/shell}}",
        ]
    )
    outcome, latex = _run_sandboxed(tmp_path, body)
    assert outcome.error is None, outcome.error
    text = subprocess.run(["pdftotext", str(latex / "book.pdf"), "-"], capture_output=True, text=True, check=False).stdout
    assert "Start." in text and "End." in text
    assert secret not in text and secret not in (latex / "book.log").read_text(errors="replace")
    assert sorted(p.name for p in folder.iterdir()) == ["canary.txt"]


@pytest.mark.parametrize(
    "attempt",
    [
        r"\input{@CANARY@}",
        r"\immediate\openout5=@OUTSIDE@/tex.txt \immediate\write5{x}\immediate\closeout5",
        r"\immediate\pdfextension obj file {@CANARY@}",
        r"\directlua{pdf.immediateobj('file', '@CANARY@')}",
        r"\directlua{img.write(img.scan{filename='@CANARY@'})}",
    ],
)
def test_tex_primitives_open_no_file_outside_the_build_folder(tmp_path, outside, attempt):
    folder, secret = outside
    body = attempt.replace("@CANARY@", str(folder / "canary.txt")).replace("@OUTSIDE@", str(folder))
    outcome, latex = _run_sandboxed(tmp_path, body)
    # refused: LaTeX stops with its own message, and nothing was read or written
    assert outcome.error is not None
    assert not (latex / "book.pdf").exists()
    assert secret not in outcome.error and secret not in (latex / "book.log").read_text(errors="replace")
    assert sorted(p.name for p in folder.iterdir()) == ["canary.txt"]


# -- make pdf after an error, and after Ctrl-C --------------------------------------------

ROOT = REPO / "tests/roots/test-takeaway"
#: a conf.py preamble that lacks daybook's: the first <br> of a post is an undefined command
BROKEN = "SPHINXOPTS=-D latex_elements.preamble=%"


def test_a_latex_error_fails_make_pdf_with_its_message_and_post_every_time(tmp_path):
    _require_tex()
    for attempt in range(2):
        result = make("pdf", ROOT, tmp_path, BROKEN)
        assert result.returncode != 0, (attempt, result.stdout[-2000:])
        assert "Nothing to do" not in result.stdout + result.stderr
        assert "LaTeX stopped in the post diary/day1-20210101.md" in result.stderr, result.stderr[-3000:]
        assert "Undefined control sequence" in result.stderr
        assert re.search(r"^l\.\d+ ", result.stderr, re.MULTILINE), result.stderr[-2000:]
        assert not list((tmp_path / "pdf").glob("*.pdf")) if (tmp_path / "pdf").exists() else True
    result = make("pdf", ROOT, tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 1


def test_make_pdf_after_one_stopped_with_ctrl_c_writes_the_pdf(tmp_path):
    _require_tex()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "pdf", f"POSTS={ROOT}", f"BUILDDIR={tmp_path}"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        # as from a terminal: a suite run in the background inherits SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 600
    logs: list[Path] = []
    while time.monotonic() < deadline and process.poll() is None and not logs:
        time.sleep(0.5)
        logs = list((tmp_path / "latex").glob("*.log")) if (tmp_path / "latex").is_dir() else []
    assert process.poll() is None, "make pdf ended before LuaLaTeX started: nothing was interrupted"
    time.sleep(2)
    # Ctrl-C: the terminal sends SIGINT to the whole foreground process group
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=120)
    assert not list((tmp_path / "pdf").glob("*.pdf")) if (tmp_path / "pdf").exists() else True
    result = make("pdf", ROOT, tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 1
