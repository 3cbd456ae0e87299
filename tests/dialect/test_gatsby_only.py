"""A post is Gatsby Markdown only: MyST's syntax means nothing in it, and no fence reads a file.

On the blog a ```` ```{literalinclude} ```` fence, a ``%timeit`` line or a
``+++`` line was what it looked like: a code block, a line of text. In the
book they are the same: no directive runs in a post (so none reads a file
outside the posts folder, a draft, or hands raw LaTeX to the PDF), no line is
taken for a MyST comment, break or target, and a brace fence (R Markdown's
```` ```{r} ````, Pandoc's ```` ```{.python} ````) keeps its code.
``daybook_myst_syntax = True`` brings MyST back, without file insertion, raw
content or substitutions. daybook's own pages keep their directives.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from incremental import build, warnings_of

OUTSIDE = "OUTSIDECANARY"
DRAFT = "DRAFTCANARY"
CONF = 'author = "글쓴이"\nextensions = ["myst_parser", "sphinx_design", "daybook"]\nhtml_theme = "sphinx_book_theme"\nlanguage = "ko"\n'

#: fences that run code or read files when MyST reads them as directives; a post
#: shows each as the code block the blog showed
READING_FENCES = """\
```{literalinclude} ../../outside/secret.txt
```

```{literalinclude} /etc/passwd
```

```{include} ../../outside/secret.txt
```

```{include} ./draft.md
```

```{csv-table}
:file: ../../outside/secret.txt
```

```{raw} html
:file: ../../outside/secret.txt
```

```{raw} latex
\\directlua{io.open("pwned.txt", "w"):write("x")}
```

```{eval-rst}
.. include:: ../../outside/secret.txt

.. raw:: latex

   \\directlua{os.execute("touch pwned2")}
```

```{toctree}
draft
```
"""

LINES = """\
C의 서식 문자.
%d 는 정수
%s 는 문자열

- 주피터에서는
  %matplotlib inline
- 그리고
  %timeit sum(range(100))

> 인용 안에서도
> %load_ext autoreload

+++ 더하기 세 개로 시작하는 줄
이어지는 줄

(target)=
역할처럼 보이는 {name}`text` 와 {sub-ref}`today`, 그리고 {{ 7 * 191 }}
"""

BRACE_FENCES = """\
```{r}
x <- c(1, 2, 3)
```

```{python}
print("파이썬")
```

```{.python}
print("판독")
```

```{bash}
echo hello
```

```{1,3}
첫째 줄
둘째 줄
셋째 줄
```

```{note}
주의 상자처럼 보이는 코드
```
"""


def write_book(root: Path, body: str, conf: str = CONF) -> Path:
    src = root / "src"
    (src / "일기").mkdir(parents=True)
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(f"{OUTSIDE},a,b\n", encoding="utf-8")
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "일기" / "day1.md").write_text(
        f"---\ntitle: DAY 1. 첫날\ndate: 2021-03-01\ntags: [태그]\n---\n\n{body}\n마지막 문단.\n", encoding="utf-8"
    )
    (src / "일기" / "draft.md").write_text(
        f"---\ntitle: 초안\ndate: 2021-03-02\ndraft: true\n---\n\n{DRAFT} 초안 본문.\n", encoding="utf-8"
    )
    return src


def every_byte(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def article(outdir: Path, docname: str) -> BeautifulSoup:
    page = outdir / docname / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.bd-article")


def code_blocks(main: BeautifulSoup) -> list[str]:
    return [pre.get_text() for pre in main.select("pre")]


# -- item 2: no directive reads a file or runs ---------------------------------------


def test_a_post_fence_never_reads_a_file_or_a_draft(tmp_path):
    src = write_book(tmp_path, READING_FENCES)
    app = build(src, tmp_path / "html")
    out = Path(app.outdir)
    for name, data in every_byte(out).items():
        assert OUTSIDE.encode() not in data and DRAFT.encode() not in data, name
        assert b"root:x:0:0" not in data, name
    # each fence is the code block the blog showed: its info string is gone, its body stays
    blocks = code_blocks(article(out, "일기/day1"))
    assert ":file: ../../outside/secret.txt\n" in blocks
    assert '\\directlua{io.open("pwned.txt", "w"):write("x")}\n' in blocks
    assert any(".. include:: ../../outside/secret.txt" in b for b in blocks)
    assert "draft\n" in blocks
    assert len(blocks) == 9
    assert warnings_of(app) == []


def test_a_raw_latex_fence_reaches_the_pdf_source_as_code(tmp_path):
    src = write_book(tmp_path, READING_FENCES)
    app = build(src, tmp_path / "latex", "latex")
    out = Path(app.outdir)
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    # shown as code: TeX's backslash is escaped, never a command
    assert "directlua{io.open" not in tex and "\\PYGZbs{}directlua\\PYGZob{}io.open" in tex
    for name, data in every_byte(out).items():
        assert OUTSIDE.encode() not in data and DRAFT.encode() not in data, name
    assert not list(tmp_path.rglob("pwned*"))
    assert warnings_of(app) == []


# -- item 4: lines that look like MyST are text -------------------------------------------


def test_percent_and_plus_lines_are_text_where_they_stand(tmp_path):
    src = write_book(tmp_path, LINES)
    app = build(src, tmp_path / "html")
    main = article(Path(app.outdir), "일기/day1")
    paragraphs = [" ".join(p.get_text().split()) for p in main.select("p")]
    assert "C의 서식 문자. %d 는 정수 %s 는 문자열" in paragraphs
    items = [" ".join(li.get_text().split()) for li in main.select("li")]
    assert items[:2] == ["주피터에서는 %matplotlib inline", "그리고 %timeit sum(range(100))"]
    assert " ".join(main.select_one("blockquote").get_text().split()) == "인용 안에서도 %load_ext autoreload"
    # the +++ line and the next are one paragraph, as on the blog
    assert "+++ 더하기 세 개로 시작하는 줄 이어지는 줄" in paragraphs
    assert "(target)= 역할처럼 보이는 {name}text 와 {sub-ref}today, 그리고 {{ 7 * 191 }}" in paragraphs
    assert "1337" not in main.get_text() and "마지막 문단." in paragraphs
    assert warnings_of(app) == []


# -- item 5: a brace fence is a code block ------------------------------------------------


def test_brace_fences_keep_their_code_as_plain_text(tmp_path):
    src = write_book(tmp_path, BRACE_FENCES)
    app = build(src, tmp_path / "html")
    main = article(Path(app.outdir), "일기/day1")
    blocks = code_blocks(main)
    assert blocks == [
        "x <- c(1, 2, 3)\n", 'print("파이썬")\n', 'print("판독")\n', "echo hello\n",
        "첫째 줄\n둘째 줄\n셋째 줄\n", "주의 상자처럼 보이는 코드\n",
    ]  # fmt: skip
    # Prism took no language from a brace: plain text; {1,3} highlights lines 1 and 3
    assert all("highlight-text" in div["class"] for div in main.select("div[class*=highlight-]"))
    numbered = main.select("pre")[4]
    assert [span.get_text() for span in numbered.select(".hll")] == ["첫째 줄\n", "셋째 줄\n"]
    assert not main.select(".admonition")
    assert warnings_of(app) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["%", "% ", "+++", "+++ ", "(t)=", "{r}`x`", "{{ ", ":::{note} ", "{eval-rst} ", ""]),
            st.sampled_from(["정수", "matplotlib inline", "a = 1", "끝", "x"]),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["", "- ", "> ", "1. "]),
)
def test_every_line_that_looks_like_myst_keeps_its_words(lines, container):
    """Lines after a first one, in a paragraph, list item or quote: each word reaches the text."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    from daybook.dialect.parser import gatsby_config

    md = create_md_parser(gatsby_config(MdParserConfig()), RendererHTML)
    indent = " " * len(container)
    source = container + "첫 줄\n" + "".join(f"{indent}{prefix}{word}\n" for prefix, word in lines)
    text = BeautifulSoup(md.render(source), "html.parser").get_text()
    for prefix, word in lines:
        assert word in text, (source, text)
        visible = prefix.replace("`", "").strip()
        if visible:
            assert visible in text, (source, text)


# -- daybook's own pages and the author's root page ---------------------------------------


def test_generated_pages_keep_their_directives_and_the_root_page_only_the_cover(tmp_path):
    src = write_book(tmp_path, "본문.\n")
    (src / "index.md").write_text(
        "# 나의 책\n\n머리말.\n\n```{note}\n머리말의 코드\n```\n\n```{daybook-cover}\n```\n\n맺음말.\n", encoding="utf-8"
    )
    app = build(src, tmp_path / "html")
    out = Path(app.outdir)
    cover = article(out, "")
    assert cover.select(".sd-card") and not cover.select(".admonition")
    assert "머리말의 코드\n" in code_blocks(cover)
    assert article(out, "tags/태그").select("li a")
    assert article(out, "일기").select(".sd-card")
    assert warnings_of(app) == []


# -- MyST, asked for ---------------------------------------------------------------------


def test_myst_syntax_asked_for_still_reads_no_file_and_passes_no_raw_content(tmp_path):
    conf = CONF + 'daybook_myst_syntax = True\nmyst_enable_extensions = ["substitution"]\nmyst_substitutions = {"x": "y"}\n'
    src = write_book(tmp_path, "```{note}\n주의 상자\n```\n\n%숨은 주석\n\n{{ 7 * 191 }}\n\n" + READING_FENCES, conf)
    app = build(src, tmp_path / "html")
    out = Path(app.outdir)
    for name, data in every_byte(out).items():
        assert OUTSIDE.encode() not in data and DRAFT.encode() not in data, name
        assert b"root:x:0:0" not in data, name
    main = article(out, "일기/day1")
    assert main.select_one(".admonition").get_text(strip=True).endswith("주의 상자")
    assert "숨은 주석" not in main.get_text() and "1337" not in main.get_text()
    found = warnings_of(app)
    # each refused directive says so at its line
    assert found and all(re.search(r"day1\.md:\d+", w) for w in found), found
    assert len([w for w in found if "insertion disabled" in w or "directive disabled" in w]) >= 6, found
    latex = build(src, tmp_path / "latex", "latex")
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "directlua{io.open" not in tex and "directlua{os.execute" not in tex
    assert not list(tmp_path.rglob("pwned*"))


def test_myst_syntax_is_off_by_default_and_typed():
    from daybook.config import DaybookConfig

    assert DaybookConfig().myst_syntax is False

