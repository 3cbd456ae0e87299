"""The books to take away of a diary shaped like the real one (issue 22).

tests/roots/test-takeaway-diary is written the way the seed's author wrote the
bootcamp diary: ``<small>`` source credits holding paragraphs, ``<br>`` first
in a paragraph and alone between blocks, ``<center>`` and ``<div align>``
around images, tables whose first column holds long bold words, formulas of
a single command (``$\\beta$``) and with Unicode letters (``$L(θ;x)$``),
``\\begin{align}`` with ``\\tag``, Hangul jamo (ㅋㅋ ㅠㅠ ㅎㅎ), emoji joined by
ZWJ (👩‍💻), missing images and a control character (U+0008) pasted into a
sentence. Each book is built once per module, through the Makefile with the
book's own conf.py.
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import missing
from lxml import etree

REPO = Path(__file__).resolve().parents[2]
ROOT = "tests/roots/test-takeaway-diary"
NAME = "부스트캠프-AI-Tech-일지"
XHTML = "{http://www.w3.org/1999/xhtml}"
MATHML = "{http://www.w3.org/1998/Math/MathML}"
OPF = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
PARTS = ["⛺ Boostcamp", "📝 회고", "더 보기"]
CHAPTERS = ["🔥 DAY 12. 최적화와 일반화", "🔥 DAY 13. CNN 첫걸음", "⛺ DAY 28. 특강 둘째 날", "📝 DAY 30. 두 번째 회고", "소개"]
#: conf.py's author, as the repository's conf.py names it
AUTHOR = next(
    ast.literal_eval(node.value)
    for node in ast.parse((REPO / "conf.py").read_text(encoding="utf-8")).body
    if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["author"]
)


def make(target: str, builddir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["nice", "-n", "10", "make", "--no-print-directory", target, f"POSTS={ROOT}", f"BUILDDIR={builddir}", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def warnings_of(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]


# -- the ePub --------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub(tmp_path_factory):
    builddir = tmp_path_factory.mktemp("diary-epub")
    # two cards a part on the cover, so the cover has a link to a part page's "all N posts"
    result = make("epub", builddir, "SPHINXOPTS=-D daybook_cover_cards=2")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    path = builddir / "epub" / f"{NAME}.epub"
    with zipfile.ZipFile(path) as book:
        members = {name: book.read(name) for name in book.namelist()}
    return path, members, result


def _pages(members: dict[str, bytes]) -> dict[str, etree._Element]:
    return {name: etree.fromstring(data) for name, data in members.items() if name.endswith(".xhtml")}


def _epubcheck(path: Path) -> str:
    command = shutil.which("epubcheck")
    if command is None:
        missing("epubcheck (apt-get install epubcheck)")
    # Debian ships epubcheck as an executable jar
    line = ["java", "-jar", command, str(path)] if Path(command).read_bytes()[:2] == b"PK" else [command, str(path)]
    checked = subprocess.run(line, capture_output=True, text=True, check=False)
    return checked.stdout + checked.stderr


def test_epubcheck_reports_no_error(epub):
    path, _, _ = epub
    output = _epubcheck(path)
    assert re.search(r"Messages: 0 fatals / 0 errors", output), output[-4000:]


def test_make_epub_runs_epubcheck_and_fails_on_its_errors(epub, tmp_path):
    from daybook.takeaway import epubcheck

    path, _, result = epub
    if epubcheck.command(path) is None:
        missing("epubcheck (apt-get install epubcheck)")
    assert "has no errors" in result.stdout
    # a page that is not XHTML: epubcheck's error, and no ePub in the ePub folder
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(path) as book, zipfile.ZipFile(broken, "w") as out:
        for item in book.infolist():
            data = book.read(item.filename)
            if item.filename == "about.xhtml":
                data = data.replace(b"<p>", b"<span><p>", 1)
            out.writestr(item, data)
    assert epubcheck.main([str(broken)]) == 1


def test_raw_html_holding_paragraphs_is_a_block_in_the_epub(epub):
    _, members, _ = epub
    for name, page in _pages(members).items():
        for inline in page.iter(f"{XHTML}span", f"{XHTML}a", f"{XHTML}em", f"{XHTML}strong", f"{XHTML}p"):
            blocks = [e for e in inline.iterdescendants() if e.tag in (f"{XHTML}p", f"{XHTML}div", f"{XHTML}ul")]
            assert not blocks, (name, etree.tostring(inline)[:300])
    page = _pages(members)["boostcamp/day12-20210202.xhtml"]
    smalls = [d for d in page.iter(f"{XHTML}div") if "daybook-small" in (d.get("class") or "").split()]
    assert smalls and "출처" in "".join(smalls[0].itertext()) and smalls[0].find(f"{XHTML}p") is not None
    centred = [d for d in page.iter(f"{XHTML}div") if "daybook-center" in (d.get("class") or "").split()]
    assert len(centred) >= 3


def test_every_epub_page_links_the_stylesheet_that_styles_it(epub):
    _, members, _ = epub
    styled = ("daybook-byline", "daybook-small", "daybook-center", "daybook-alt-text", "daybook-underline")
    for name, page in _pages(members).items():
        if name == "nav.xhtml":
            continue
        base = Path(name).parent
        css = ""
        for link in page.iter(f"{XHTML}link"):
            if link.get("rel") == "stylesheet":
                target = (base / link.get("href")).as_posix()
                target = re.sub(r"[^/]+/\.\./", "", target)
                assert target in members, (name, target)
                css += members[target].decode()
        assert "word-break: keep-all" in css, name
        used = {c for e in page.iter() for c in (e.get("class") or "").split() if c in styled}
        for class_name in used:
            assert re.search(rf"\.{class_name}\b[^{{]*{{", css), (name, class_name)


def test_epub_stylesheet_has_korean_defaults_and_wrapped_code(epub):
    _, members, _ = epub
    css = members["_static/daybook/epub.css"].decode()
    body = re.search(r"\bbody\s*{([^}]*)}", css)[1]
    assert "Noto Serif CJK KR" in body and "word-break: keep-all" in body
    assert float(re.search(r"line-height:\s*([\d.]+)", body)[1]) >= 1.5
    pre = re.search(r"\bpre[^{]*{([^}]*)}", css)[1]
    assert "white-space: pre-wrap" in pre
    # no page links the web's stylesheets, which hold none of these rules
    assert not [n for n in members if n.startswith("_static/daybook/") and n.endswith(("daybook.css", "cards.css", "dialect.css"))]


def test_every_epub_page_says_it_is_korean(epub):
    _, members, _ = epub
    pages = _pages(members)
    assert len(pages) >= 7
    for name, page in pages.items():
        assert page.get("lang") == "ko", name
        assert page.get("{http://www.w3.org/XML/1998/namespace}lang") == "ko", name


def test_epub_cover_is_the_title_over_the_first_thumbnail(epub):
    from PIL import Image

    _, members, _ = epub
    opf = etree.fromstring(members["content.opf"])
    covers = [i for i in opf.iterfind(".//o:manifest/o:item", OPF) if "cover-image" in (i.get("properties") or "").split()]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/jpeg"
    image = Image.open(io.BytesIO(members[covers[0].get("href")])).convert("RGB")
    assert image.size == (1600, 2560)
    # the first chapter's thumbnail (40, 90, 160), darkened, fills the picture ...
    red, green, blue = image.getpixel((30, 30))
    assert blue > green > red and 60 < blue < 110, (red, green, blue)
    # ... and the title is drawn over it, in white
    assert max(sum(image.getpixel((x, y))) for x in range(0, 1600, 8) for y in range(700, 1000, 8)) > 600
    spine = [i.get("idref") for i in opf.iterfind(".//o:spine/o:itemref", OPF)]
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind(".//o:manifest/o:item", OPF)}
    assert [hrefs[i] for i in spine[:3]] == ["epub-cover.xhtml", "index.xhtml", "nav.xhtml"]
    cover_page = etree.fromstring(members["epub-cover.xhtml"])
    assert [i.get("alt") for i in cover_page.iter(f"{XHTML}img")] == ["부스트캠프 AI Tech 일지"]


def test_epub_mathml_has_alttext(epub):
    _, members, _ = epub
    maths = [m for page in _pages(members).values() for m in page.iter(f"{MATHML}math")]
    assert len(maths) >= 10
    for math in maths:
        annotation = math.find(f".//{MATHML}annotation")
        assert math.get("alttext") == " ".join(annotation.text.split()), etree.tostring(math)[:200]


def test_epub_title_page_has_no_link_to_a_part_page(epub):
    _, members, _ = epub
    text = "".join(_pages(members)["index.xhtml"].itertext())
    assert "모두 보기" not in text and "3개의 글" not in text
    assert "부스트캠프 AI Tech 일지" in text


def test_epub_author_and_contributor_come_from_conf_py(epub):
    _, members, _ = epub
    opf = etree.fromstring(members["content.opf"])
    assert opf.findtext(".//dc:creator", namespaces=OPF) == AUTHOR
    assert opf.findtext(".//dc:contributor", namespaces=OPF) == AUTHOR
    assert "unknown" not in members["content.opf"].decode()


def test_a_control_character_is_left_out_with_one_warning_at_its_line(epub):
    _, members, result = epub
    warnings = [w for w in warnings_of(result) if "U+0008" in w]
    assert len(warnings) == 1 and "day30-20210305.md:10" in warnings[0], warnings_of(result)
    page = members["retrospect/day30-20210305.xhtml"].decode()
    assert "시간이 정말" in page and "\x08" not in page


# -- the PDF ---------------------------------------------------------------------


def _require_tex() -> None:
    if shutil.which("lualatex") is None:
        missing("LuaLaTeX (apt-get install texlive-luatex)")
    if not subprocess.run(["kpsewhich", "kotex.sty"], capture_output=True, text=True, check=False).stdout.strip():
        missing("kotex (apt-get install texlive-lang-korean)")
    if shutil.which("pdftotext") is None:
        missing("poppler's pdftotext (apt-get install poppler-utils)")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    _require_tex()
    builddir = tmp_path_factory.mktemp("diary-pdf")
    result = make("pdf", builddir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    path = builddir / "pdf" / f"{NAME}.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    log = (builddir / "latex" / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")
    return path, text, log, result


def _words(path: Path) -> list[tuple[str, float, float, float, float, int]]:
    """Every word of the PDF with its box (xMin, yMin, xMax, yMax) and page number."""
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            words.append((match[5], float(match[1]), float(match[2]), float(match[3]), float(match[4]), number))
    return words


def test_latex_reports_no_error_and_no_missing_character(pdf):
    _, _, log, result = pdf
    assert not [line for line in log.splitlines() if line.startswith("!") or re.match(r"^\S+\.tex:\d+: ", line)]
    assert "Missing character" not in log
    # run until the contents and bookmarks settled: at least twice from a clean folder
    runs = re.search(r"LuaLaTeX: .* in (\d+) runs", result.stdout)
    assert runs and int(runs[1]) >= 2, result.stdout[-2000:]


def test_pdf_outline_has_every_part_and_chapter(pdf):
    from pypdf import PdfReader

    path, _, _, _ = pdf
    outline = PdfReader(path).outline
    assert [item.title for item in outline if not isinstance(item, list)] == PARTS
    chapters = [item.title for group in outline if isinstance(group, list) for item in group if not isinstance(item, list)]
    assert chapters == CHAPTERS


def test_pdf_contents_pages_list_every_chapter(pdf):
    from pypdf import PdfReader

    path, _, _, _ = pdf
    reader = PdfReader(path)
    first_part = reader.get_destination_page_number(reader.outline[0])
    contents = ""
    for number in range(1, first_part + 1):
        contents += subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
    assert "차례" in contents
    flat = " ".join(contents.split())
    for title in CHAPTERS + PARTS:
        assert title in flat, (title, flat[:1500])


def test_pdf_math_is_typeset_never_shown_as_tex_source(pdf):
    _, text, _, _ = pdf
    assert not re.search(r"\\[A-Za-z]+", text), re.findall(r".{20}\\[A-Za-z]+.{20}", text)[:5]
    # single commands and Unicode letters, typeset in math italic: β δ τ θ
    for letter in ("𝛽", "𝛿", "𝜏", "𝜃", "𝛼"):
        assert letter in text, letter
    assert "𝐿(𝜃; 𝑥)" in text
    # \tag{1} of an align, Hangul in a formula
    assert "(1)" in text and "정확도" in text


def test_pdf_text_has_jamo_and_joined_emoji_as_written(pdf):
    _, text, _, _ = pdf
    for written in ("ㅋㅋ", "ㅠㅠ", "ㅎㅎ", "ㅋㅋㅋ", "👩‍💻", "👨‍👩‍👧", "🧑🏽‍🔬"):
        assert written in text, written
    assert not re.search("[\uffa0-\uffdc]", text), "half-width jamo: the PDF's text is not what the post wrote"


def test_pdf_byline_is_set_apart_from_the_text(pdf):
    path, _, _, _ = pdf
    words = _words(path)
    body = next(w for w in words if w[0] == "경사하강법은")
    # the chapter's own byline, on its first page (the title page's description has a year too)
    byline = next(w for w in words if w[0] == "2021년" and w[5] == body[5])
    assert byline[4] - byline[2] < 0.92 * (body[4] - body[2]), (byline, body)


def test_pdf_small_credits_are_small_and_their_paragraphs_kept(pdf):
    path, text, _, _ = pdf
    assert "출처: Naver Boostcourse" in text and "그림은 강의 자료를 보고 다시 그렸습니다." in text
    words = _words(path)
    credit = next(w for w in words if w[0] == "그림은")
    body = next(w for w in words if w[0] == "경사하강법은")
    assert credit[4] - credit[2] < 0.95 * (body[4] - body[2])


def test_pdf_table_columns_are_as_wide_as_their_longest_word(pdf):
    path, _, _, _ = pdf
    words = _words(path)
    for long_word, neighbour in (("BatchNormalization", "14"), ("Generalization", "학습"), ("Cross‑validation", "데이터를")):
        boxes = [w for w in words if w[0] == long_word]
        assert boxes, f"{long_word} is not one word on one line (hyphenated, or run into its neighbour)"
        box = boxes[0]
        # the first word of the next cell on the same line (boxes overlapping vertically)
        beside = [w for w in words if w[0] == neighbour and w[5] == box[5] and w[2] < box[4] and w[4] > box[2] and w[1] > box[1]]
        assert beside, (long_word, neighbour)
        assert box[3] < beside[0][1], (long_word, box, beside[0])


def test_pdf_line_breaks_and_centred_blocks_keep_their_text(pdf):
    _, text, _, _ = pdf
    assert re.search(r"함께 쓴다\.\n\s*그래서 대부분", text)
    for expected in ("모멘텀은", "작은 가운데 글씨", "다음 목표", "HTML 문단 하나", "[없는 그림]", "시간이 정말 빠르다"):
        assert expected in text, expected


def test_pdf_metadata_author_is_conf_py_author(pdf):
    from pypdf import PdfReader

    path, _, _, _ = pdf
    assert PdfReader(path).metadata.author == AUTHOR
