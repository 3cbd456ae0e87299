"""The book to take away: `make epub` and `make pdf` on a root with every kind of post content.

tests/roots/test-takeaway has Korean chapters with emoji titles in two parts,
math with ``%``, raw HTML of each kind the blog used, a link between posts, a
missing image, an "About" page and a draft (DRAFTCANARY). Each book is built
once, through the Makefile, with the book's own conf.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import missing
from lxml import etree

REPO = Path(__file__).resolve().parents[2]
ROOT = "tests/roots/test-takeaway"
NAME = "부스트캠프-AI-Tech-일지"
CANARY = "DRAFTCANARY"
#: chapter titles as the front matter wrote them, in book order (parts by earliest post, days numerically)
CHAPTERS = ["🌱 DAY 1. 시작하는 날", "👉 DAY 2. 둘째 날", "⛺ DAY 10. 열흘째", "📚 DAY 3. 공부 100% & {#1} \\end{document} <b>", "소개"]
PARTS = ["🌱 일지", "📚 공부", "더 보기"]
XHTML = "{http://www.w3.org/1999/xhtml}"


def make(target: str, builddir: Path, *args: str) -> list[str]:
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"POSTS={ROOT}", f"BUILDDIR={builddir}", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]


def no_emoji(text: str) -> str:
    """Colour emoji are pictures in the PDF, not text: compare titles without them."""
    return re.sub(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]", "", text).strip()


# -- the ePub --------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub(tmp_path_factory):
    builddir = tmp_path_factory.mktemp("epub")
    warnings = make("epub", builddir)
    files = list((builddir / "epub").iterdir())
    assert [f.name for f in files] == [f"{NAME}.epub"]
    with zipfile.ZipFile(files[0]) as book:
        members = {name: book.read(name) for name in book.namelist()}
    return files[0], members, warnings


def _page(members: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(members[name])


def test_make_epub_writes_one_file_named_from_the_title(epub):
    path, members, _ = epub
    assert path.name == f"{NAME}.epub"
    assert members["mimetype"] == b"application/epub+zip"


def test_epubcheck_reports_no_error(epub):
    path, _, _ = epub
    command = shutil.which("epubcheck")
    if command is None:
        missing("epubcheck (apt-get install epubcheck)")
    # Debian ships epubcheck as an executable jar
    if Path(command).read_bytes()[:2] == b"PK":
        command_line = ["java", "-jar", command, str(path)]
    else:
        command_line = [command, str(path)]
    result = subprocess.run(command_line, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert re.search(r"Messages: 0 fatals / 0 errors", output), output[-4000:]
    assert result.returncode == 0, output[-4000:]


def test_epub_navigation_has_the_title_page_then_each_part_with_its_chapters_in_day_order(epub):
    _, members, _ = epub
    nav = _page(members, "nav.xhtml")
    assert nav.findtext(f".//{XHTML}h1") == "차례"
    top = nav.find(f".//{XHTML}nav/{XHTML}ol")
    entries = [
        (li.findtext(f"{XHTML}a"), [a.text for a in li.iterfind(f"{XHTML}ol/{XHTML}li/{XHTML}a")])
        for li in top.iterfind(f"{XHTML}li")
    ]
    assert entries == [
        ("부스트캠프 AI Tech 일지", []),
        ("🌱 일지", CHAPTERS[:3]),
        ("📚 공부", [CHAPTERS[3]]),
        # pages in no part have no part page: each is an entry of its own
        ("소개", []),
    ]


def test_epub_reading_order_follows_the_book_and_leaves_out_web_navigation(epub):
    _, members, _ = epub
    opf = etree.fromstring(members["content.opf"])
    ns = {"o": "http://www.idpf.org/2007/opf"}
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind(".//o:manifest/o:item", ns)}
    spine = [hrefs[i.get("idref")] for i in opf.iterfind(".//o:spine/o:itemref", ns)]
    # the cover (its image: the title over the first thumbnail), the title page, 차례
    assert spine[:3] == ["epub-cover.xhtml", "index.xhtml", "nav.xhtml"]
    chapters = [s for s in spine if s.startswith(("diary/day", "study/day", "about"))]
    assert chapters == [
        "diary/day1-20210101.xhtml",
        "diary/day2-20210102.xhtml",
        "diary/day10-20210110.xhtml",
        "study/day3-20210103.xhtml",
        "about.xhtml",
    ]
    # the archive and tag pages (Korean file names) are web navigation: not in the book
    assert not [m for m in members if m.startswith(("tags/", "archive"))]
    assert len(spine) == len(set(spine))


def test_epub_title_page_has_title_author_and_description(epub):
    _, members, _ = epub
    text = "".join(_page(members, "index.xhtml").itertext())
    assert "부스트캠프 AI Tech 일지" in text and "코딩하는펭귄" in text and "하루하루를 엮은 책" in text
    assert "sd-card" not in members["index.xhtml"].decode()


def test_every_epub_page_is_xml_and_raw_html_became_xhtml(epub):
    _, members, _ = epub
    pages = {name: data for name, data in members.items() if name.endswith(".xhtml")}
    for name, data in pages.items():
        etree.fromstring(data)  # strict XML: raises on the first error
        text = data.decode()
        for raw in ("<U>", "allowfullscreen", "markdown=", "<iframe", "<br>"):
            assert raw not in text, (name, raw)
    day1 = pages["diary/day1-20210101.xhtml"].decode()
    page = etree.fromstring(pages["diary/day1-20210101.xhtml"])
    spans = {"".join(s.itertext()) for s in page.iterfind(f".//{XHTML}span") if "daybook-underline" in (s.get("class") or "")}
    assert {"밑줄 그은 말", "대문자 밑줄"} <= spans
    assert "<br />" in day1 or "<br/>" in day1
    assert 'class="daybook-strike"' in day1
    assert day1.count('type="checkbox"') == 2 and 'checked="checked"' in day1
    assert 'href="https://www.youtube.com/embed/dQw4w9WgXcQ"' in day1
    assert "📌 접힌 제목" in "".join(page.itertext())
    assert "daybook-callout" in day1 and "상자 속 말" in day1
    assert "src/app.js" in day1 and "code-block-caption" in day1
    assert "없는 그림의 설명" in day1
    # an image inside a larger HTML block is the copied picture
    images = {i.get("alt"): i.get("src") for i in page.iterfind(f".//{XHTML}img")}
    assert images.get("가운데 점", "").startswith("../_images/"), images
    # every link does not print its address after it
    assert "(https://" not in "".join(page.itertext()).replace("동영상 제목: https://", "")


def test_epub_math_is_mathml_with_its_namespace_and_pages_declare_it(epub):
    _, members, _ = epub
    page = etree.fromstring(members["diary/day1-20210101.xhtml"])
    maths = list(page.iterfind(".//{http://www.w3.org/1998/Math/MathML}math"))
    assert len(maths) >= 3
    opf = etree.fromstring(members["content.opf"])
    ns = {"o": "http://www.idpf.org/2007/opf"}
    item = next(i for i in opf.iterfind(".//o:manifest/o:item", ns) if i.get("href") == "diary/day1-20210101.xhtml")
    assert "mathml" in item.get("properties", "").split()


def test_epub_link_between_posts_is_a_link_inside_the_book(epub):
    _, members, _ = epub
    page = etree.fromstring(members["diary/day1-20210101.xhtml"])
    links = [a.get("href") for a in page.iterfind(f".//{XHTML}a") if "DAY 2" in "".join(a.itertext())]
    assert links and links[0].startswith("day2-20210102.xhtml")


def test_missing_image_is_one_warning_and_its_alt_text(epub):
    _, _, warnings = epub
    assert sum("missing.png" in w for w in warnings) == 1, warnings


def test_a_script_is_left_out_with_one_warning(epub):
    _, members, warnings = epub
    assert sum("[daybook.takeaway]" in w and "<script>" in w and "day1-20210101.md" in w for w in warnings) == 1
    assert not [name for name, data in members.items() if b"SCRIPTCANARY" in data]


def test_a_draft_leaves_no_byte_in_the_epub_unless_drafts_are_asked_for(epub, tmp_path):
    _, members, _ = epub
    assert not [name for name, data in members.items() if CANARY.encode() in data or CANARY in name]

    def canary_in_epub() -> bool:
        with zipfile.ZipFile(next((tmp_path / "epub").iterdir())) as book:
            return any(CANARY.encode() in book.read(name) for name in book.namelist())

    make("epub", tmp_path, "DRAFTS=1")
    assert canary_in_epub()
    # the same build folder, drafts off again: nothing of the draft's page is packed
    make("epub", tmp_path)
    assert not canary_in_epub()


# -- the PDF ---------------------------------------------------------------------


def _require_tex() -> None:
    if shutil.which("lualatex") is None or shutil.which("latexmk") is None:
        missing("LuaLaTeX (apt-get install texlive-luatex latexmk)")
    found = subprocess.run(["kpsewhich", "kotex.sty"], capture_output=True, text=True, check=False).stdout
    if not found.strip():
        missing("kotex (apt-get install texlive-lang-korean)")
    if shutil.which("pdftotext") is None:
        missing("poppler's pdftotext (apt-get install poppler-utils)")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    _require_tex()
    builddir = tmp_path_factory.mktemp("pdf")
    warnings = make("pdf", builddir)
    files = list((builddir / "pdf").iterdir())
    assert [f.name for f in files] == [f"{NAME}.pdf"]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(files[0]), "-"], capture_output=True, text=True, check=True).stdout
    log = next((builddir / "latex").glob("*.log")).read_text(encoding="utf-8", errors="replace")
    return files[0], text, warnings, log


def test_pdf_has_the_title_page_then_chapters_in_day_order(pdf):
    _, text, _, _ = pdf
    text = " ".join(text.split())  # a long title wraps
    assert text.index("부스트캠프 AI Tech 일지") < text.index("하루하루를 엮은 책") < text.index("차례")
    # after the table of contents (its first mention), the chapters themselves
    positions = []
    start = text.index("DAY 1. 시작하는 날", text.index("DAY 1. 시작하는 날") + 1)
    for title in CHAPTERS[:4]:
        positions.append(text.index(no_emoji(title), start if not positions else positions[-1]))
    assert positions == sorted(positions)
    assert "이 책을 쓴 사람의 소개" in text


def test_pdf_text_is_plain_korean_and_ascii_digits(pdf):
    _, text, _, _ = pdf
    assert "숫자 2021과 0123456789" in text
    assert not re.search("[\uff10-\uff19]", text), "fullwidth digits: fonts not rendered by HarfBuzz"
    assert "0.991%" in text
    assert "특수 문자 \\ { } $ & # ^ _ ~ % 도 그대로" in text


def test_pdf_shows_each_kind_of_raw_html(pdf):
    _, text, _, _ = pdf
    for expected in (
        "밑줄 그은 말",
        "대문자 밑줄",
        "취소한 말",
        "상자 속 말",
        "접힌 제목",
        "접힌 내용 둘",
        "동영상 제목: https://www.youtube.com/embed/dQw4w9WgXcQ",
        "src/app.js",
        "[원격 그림]",
        "[없는 그림의 설명]",
        "끝낸 일",
        "\\frac{1}{",
    ):
        assert expected in text, expected
    # <br> is a line break: the words sit on two lines
    assert re.search(r"줄바꿈\n\s*다음 줄", text)


def test_pdf_has_no_draft_text_and_no_raw_link(pdf):
    _, text, _, _ = pdf
    assert CANARY not in text
    assert "../day" not in text
    assert "[가운데 점]" not in text  # drawn, not replaced by its alt text


def test_pdf_missing_image_is_one_warning_and_the_run_goes_on(pdf):
    _, _, warnings, _ = pdf
    assert sum("missing.png" in w for w in warnings) == 1, warnings


def test_pdf_embeds_the_korean_fonts_and_has_every_emoji(pdf):
    path, _, _, log = pdf
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:] if " yes " in line]
    for family in ("NotoSerifCJKkr-Regular", "NotoSansCJKkr-Bold", "NotoSansMonoCJKkr-Regular"):
        assert any(name.endswith(family) for name in embedded), fonts
    assert "Missing character" not in log
    # the emoji of the titles (⛺ 🌱 👉) are text of an embedded emoji font, not pictures
    assert any(name.endswith("Symbola") for name in embedded), fonts


def test_pdf_is_a4_and_its_outline_lists_parts_and_chapters(pdf):
    from pypdf import PdfReader

    path, _, _, _ = pdf
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    outline = reader.outline
    parts = [item.title for item in outline if not isinstance(item, list)]
    assert parts == PARTS
    chapters = [item.title for group in outline if isinstance(group, list) for item in group if not isinstance(item, list)]
    assert chapters == CHAPTERS
    assert reader.metadata.title == "부스트캠프 AI Tech 일지"


def test_pdf_link_between_posts_points_inside_the_pdf(pdf):
    """DAY 1's link to DAY 2 (and DAY 2's back) go to those chapters' pages in the PDF."""
    from pypdf import PdfReader

    path, _, _, _ = pdf
    reader = PdfReader(path)
    chapter_pages = {
        item.title: reader.get_destination_page_number(item)
        for group in reader.outline
        if isinstance(group, list)
        for item in group
        if not isinstance(item, list)
    }
    destinations = reader.named_destinations
    targets: dict[str, set[int]] = {}
    for number, page in enumerate(reader.pages):
        text = page.extract_text()
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if action.get("/S") == "/URI":
                assert not str(action.get("/URI")).startswith("..")
            elif action.get("/S") == "/GoTo" and str(action.get("/D")) in destinations:
                target = reader.get_destination_page_number(destinations[str(action["/D"])])
                for phrase in ("로 이어집니다", "다시 봅니다"):
                    if phrase in text and target != number:
                        targets.setdefault(phrase, set()).add(target)
    assert chapter_pages[CHAPTERS[1]] in targets["로 이어집니다"]
    assert chapter_pages[CHAPTERS[0]] in targets["다시 봅니다"]


def test_pdf_with_symbola_embeds_it_as_a_font(tmp_path):
    """Where Noto Color Emoji is not installed, Symbola draws the emoji as text."""
    _require_tex()
    if not subprocess.run(["fc-list", "Symbola"], capture_output=True, text=True, check=False).stdout.strip():
        missing("the Symbola font (apt-get install fonts-symbola)")
    result = subprocess.run(
        [str(REPO / ".venv/bin/sphinx-build"), "-q", "-c", ".", "-d", str(tmp_path / "doctrees"),
         "-D", "daybook_pdf_emoji_fonts=Symbola", "-b", "latex", ROOT, str(tmp_path / "latex")],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    tex = next((tmp_path / "latex").glob("*.tex"))
    subprocess.run(
        ["lualatex", "-interaction=nonstopmode", tex.name], cwd=tmp_path / "latex", capture_output=True, check=False,
        env={**os.environ, "max_print_line": "10000"},
    )
    fonts = subprocess.run(["pdffonts", str(tex.with_suffix(".pdf"))], capture_output=True, text=True, check=True).stdout
    assert "Symbola" in fonts
    assert "Noto Color Emoji" not in tex.read_text(encoding="utf-8")


# -- single-document HTML --------------------------------------------------------


def test_a_second_make_epub_finds_the_configuration_unchanged(tmp_path):
    """The version daybook lends Sphinx's ePub check is not kept in the environment: the next
    ``make epub`` reads only what changed, not every post again ("config changed ('version')")."""
    make("epub", tmp_path)
    again = subprocess.run(
        ["make", "--no-print-directory", "epub", f"POSTS={ROOT}", f"BUILDDIR={tmp_path}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert "config changed" not in again.stdout and "new config" not in again.stdout, again.stdout[-2000:]
    with zipfile.ZipFile(next((tmp_path / "epub").iterdir())) as book:
        package = book.read("content.opf").decode("utf-8")
    assert '<meta property="ibooks:version">1</meta>' in package


def test_make_latex_gives_no_warning_for_korean(tmp_path):
    """Babel has no Korean and kotex does its work: no "no Babel option known" warning, which fails -W."""
    warnings = make("latex", tmp_path)
    assert not [w for w in warnings if "Babel" in w], warnings


def test_singlehtml_links_between_posts_stay_inside_the_page(tmp_path):
    warnings = make("html", tmp_path, "BUILDER=singlehtml")
    assert not [w for w in warnings if "post_link" in w], warnings
    page = (tmp_path / "html/index.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="reference internal" href="([^"]*)"[^>]*>(?:<span[^>]*>)*DAY 2\. 둘째 날', page)
    assert link and link[1].startswith("#"), link
