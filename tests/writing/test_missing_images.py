"""Missing images on generated posts: however a post writes its images, a
missing one is one warning at its line and a placeholder naming it, and the
page asks for no file that is not in the output."""

from __future__ import annotations

import shutil
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))

from generate import tiny_png  # noqa: E402

ROOTS = Path(__file__).parents[1] / "roots"

#: how a post writes an image (``{src}``, ``{alt}``), as real posts do
FORMS = {
    "markdown": "![{alt}]({src})",
    "markdown in a sentence": "글 중간의 ![{alt}]({src}) 그림.",
    "linked": "[![{alt}]({src})](https://example.com/)",
    "html block": '<div align="center"><img src="{src}" alt="{alt}" width="60%"></div>',
    "html inline": '문장 속 <img src="{src}" alt="{alt}"> 그림.',
}
ALTS = ["", "구조도", 'a "quoted" alt', "출처 없음 & 끝"]

image = st.tuples(st.booleans(), st.sampled_from(sorted(FORMS)), st.sampled_from(ALTS), st.booleans())


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(images=st.lists(image, min_size=1, max_size=6))
def test_a_missing_image_is_one_warning_and_a_placeholder_and_no_request(tmp_path_factory, images):
    srcdir = tmp_path_factory.mktemp("missing") / "src"
    shutil.copytree(ROOTS / "test-flat", srcdir, ignore=shutil.ignore_patterns("boostcamp", "react", "about.md"))
    (srcdir / "posts" / "img").mkdir(parents=True)
    lines = ["---", 'title: "그림들"', "date: 2021-03-03 10:00:00", 'category: "그림"', "---", ""]
    expected: dict[int, tuple[bool, str]] = {}
    for index, (exists, form, alt, caption) in enumerate(images):
        name = f"그림-{index}.png"
        if exists:
            (srcdir / "posts" / "img" / name).write_bytes(tiny_png(10 * index))
        expected[len(lines) + 1] = (exists, alt or name)
        lines.append(FORMS[form].format(src=f"./img/{name}", alt=alt.replace("&", "&amp;").replace('"', "&quot;") if "html" in form else alt))
        if caption:
            lines.append("출처: 부스트캠프 강의 자료")
        lines.append("")
    (srcdir / "posts" / "pictures.md").write_text("\n".join(lines), encoding="utf-8")
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=srcdir.parent / "build", status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = [w for w in app.warning.getvalue().splitlines() if "WARNING" in w]
    outdir = Path(app.outdir)
    page = BeautifulSoup((outdir / "posts" / "pictures" / "index.html").read_bytes(), "html.parser")
    article = page.select_one("article")

    missing = [(line, what) for line, (exists, what) in expected.items() if not exists]
    # one warning each, at its line; nothing else
    assert len(warnings) == len(missing), warnings
    for line, _ in missing:
        assert any(f"pictures.md:{line}:" in w and "not readable" in w for w in warnings), (line, warnings)
    # every <img> of the page is a file of the output
    for img in page.select("img"):
        assert (outdir / "posts" / "pictures" / unquote(img["src"])).resolve().is_file(), img
    assert len(article.select("img")) == len(expected) - len(missing)
    # a placeholder per missing image, naming its alt text or its file, in the post's order
    shown = [box["aria-label"] for box in article.select(".daybook-missing-image")]
    assert shown == [f"그림 없음: {what}" for _, what in missing]
