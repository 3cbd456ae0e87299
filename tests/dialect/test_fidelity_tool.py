"""The "as on the blog" comparison tool of tests/fidelity: its feature
extraction on hand-written HTML, and render.js against known remark 10 /
gatsby behaviours on a tiny corpus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIDELITY = Path(__file__).resolve().parents[1] / "fidelity"
sys.path.insert(0, str(FIDELITY))

import compare  # noqa: E402
from compare import book_page, differences, features, is_draft  # noqa: E402

NODE = shutil.which("node")


def _node_or_skip() -> str:
    """Skip without Node or tests/fidelity/node_modules; under CI=true, fail instead."""
    if NODE is None:
        what = "node (Node 18+)"
    elif not (FIDELITY / "node_modules").is_dir():
        what = "tests/fidelity/node_modules (`npm ci --prefix tests/fidelity` installs it)"
    else:
        return NODE
    message = f"{what} is missing: render.js cannot run"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI must install it: `make fidelity-deps`)")
    pytest.skip(message)


def book(article: str, title: str = "Title") -> str:
    """A book page around ``article``, as the theme writes it (title, byline, section ids)."""
    return (
        "<html><body><nav><strong>sidebar</strong> 🚀</nav>"
        '<main id="main-content" role="main"><article class="bd-article">'
        f'<section id="title"><h1>{title}<a class="headerlink" href="#title">#</a></h1>'
        '<div class="daybook-byline"><span class="daybook-category">⛺ “Camp”</span></div>'
        f"{article}</section></article></main>"
        "<footer><em>footer</em></footer></body></html>"
    )


# --- feature extraction ---------------------------------------------------------


def test_bold_emphasis_strike_texts_in_order():
    html = "<p><strong>one</strong> <b>two  words</b> <em>three</em> <i>four</i> <del>five</del> <s>six</s></p>"
    found = features(html)
    assert found["bold"] == ["one", "two words"]
    assert found["emphasis"] == ["three", "four"]
    assert found["strike"] == ["five", "six"]


def test_book_strike_spans_count_as_strikethrough():
    found = features(book('<p><span class="daybook-strike">gone</span> <del>also</del></p>'))
    assert found["strike"] == ["gone", "also"]


def test_book_page_leaves_out_title_byline_and_what_is_outside_the_article():
    found = features(book("<p>plain</p>", title="<strong>⛺ Title</strong>"))
    assert found["bold"] == []
    assert found["emphasis"] == []
    assert found["emoji"] == []
    assert found["typography"] == {}
    assert found["heading_anchors"] == []


def test_book_index_listings_are_left_out():
    listing = (
        '<p class="daybook-description">About 🚀</p>'
        '<h2 class="daybook-part-heading rubric" id="posts"><a href="posts/">posts</a></h2>'
        '<div class="daybook-cards"><div class="sd-card-title sd-font-weight-bold">“DAY 9”</div>'
        '<img src="_images/thumb.png"></div>'
    )
    found = features(book("<p>intro</p>" + listing))
    assert found["heading_anchors"] == [] and found["emoji"] == [] and found["images"] == []
    assert found["typography"] == {}


def test_role_main_is_the_content_without_an_article():
    html = '<body><p><b>out</b></p><div role="main"><h1>T</h1><p><b>in</b></p></div></body>'
    assert features(html)["bold"] == ["in"]


def test_literal_markers_are_counted_in_prose_but_not_in_code_or_math():
    html = (
        "<p>**not bold**이 and ~~no~~ strike</p>"
        "<p><code>a ** b ~~ c</code></p><pre><code>**x**</code></pre>"
        '<p><span class="math">a**b</span></p>'
    )
    found = features(html)
    assert found["literal_bold_markers"] == 2
    assert found["literal_strike_markers"] == 2


def test_emoji_in_prose_not_in_code():
    html = "<p>go 🚀 now ⛺ 👨\u200d💻 1\ufe0f\u20e3</p><p><code>🔥</code></p><pre>🔥</pre><p>© ® ™ → 10:30</p>"
    assert features(html)["emoji"] == ["🚀", "⛺", "👨", "💻", "1\ufe0f\u20e3"]


def test_typography_counts_outside_code_and_math():
    html = (
        "<p>“quoted” and ‘single’ — dash – en… it’s</p>"
        "<p><code>“code”</code></p>"
        '<div class="math fidelity-math">x … y</div>'
    )
    assert features(html)["typography"] == {"“": 1, "”": 1, "‘": 1, "’": 2, "–": 1, "—": 1, "…": 1}


def test_heading_anchors_blog_ids_h2_to_h6_in_order():
    html = (
        '<h1 id="top">Top</h1><h2 id="a"><a href="#a" class="anchor before"></a>A</h2>'
        '<h3 id="-stringtrim">👉 String.trim()</h3><h6 id="deep">Deep</h6>'
    )
    found = features(html)
    assert found["heading_anchors"] == ["a", "-stringtrim", "deep"]
    assert found["emoji"] == ["👉"]


def test_heading_anchors_book_from_sections_and_permalinks():
    article = (
        '<section id="-피어-세션"><span id="id1"></span><h2>👉 피어 세션'
        '<a class="headerlink" href="#-피어-세션">#</a></h2>'
        '<section id="sub"><h3>Sub</h3></section></section>'
    )
    assert features(book(article))["heading_anchors"] == ["-피어-세션", "sub"]


def test_heading_anchor_from_permalink_when_no_id_or_section():
    article = '<p>x</p><h2 class="rubric">Rubric<a class="headerlink" href="#%EB%B2%A1%ED%84%B0-1">#</a></h2>'
    assert features(book(article))["heading_anchors"] == ["벡터-1"]


def test_image_file_names():
    html = (
        '<p><img src="/static/abc123/28-thumbnail.png" alt="x">'
        '<img src="../_images/%ED%95%9C%EA%B8%80.png?v=1#x"><img alt="no source"></p>'
    )
    assert features(html)["images"] == ["28-thumbnail.png", "한글.png"]


def test_same_features_make_no_differences():
    blog = "<p><strong>x</strong> 🚀 “q”</p>"
    assert differences(features(blog), features(book(blog))) == {}


def test_differences_say_what_is_only_on_one_side():
    blog = features('<h2 id="-stringtrim">👉 x</h2><p><strong>빅오</strong>이 “q”</p>')
    book_side = features(book('<section id="point_right-x"><h2>:point_right: x</h2><p>**빅오**이 "q"</p></section>'))
    found = differences(blog, book_side)
    # the words differ too: ":point_right:" and "**빅오**이" are not the blog's words
    assert set(found) == {"bold", "literal_bold_markers", "emoji", "typography", "heading_anchors", "words"}
    assert "only on the blog: ['빅오']" in found["bold"]
    assert found["literal_bold_markers"] == "blog 0, book 2"
    assert "only in the book: ['point_right-x']" in found["heading_anchors"]
    assert found["typography"] == "“ blog 1 book 0, ” blog 1 book 0"


def test_a_vanished_line_and_dropped_code_are_differences():
    blog = features(
        "<p>서식 문자\n%d 는 정수</p><div class=\"gatsby-highlight\"><pre><code>x &lt;- 1</code></pre></div>"
    )
    found = differences(blog, features(book("<p>서식 문자</p>")))
    assert set(found) == {"words", "code_blocks"}
    assert "only on the blog: ['%d', '는', '정수']" in found["words"]
    assert "only on the blog: ['x <- 1']" in found["code_blocks"]
    same = features(book('<p>서식 문자\n%d 는 정수</p><div class="highlight"><pre>x &lt;- 1\n</pre></div>'))
    assert differences(blog, same) == {}


def test_differences_in_order_only():
    found = differences(features("<b>a</b><b>b</b>"), features("<b>b</b><b>a</b>"))
    assert found["bold"].startswith("same items, other order")


def test_book_page_paths_and_drafts(tmp_path):
    assert book_page(tmp_path, "a/b.md") == tmp_path / "a" / "b" / "index.html"
    assert book_page(tmp_path, "a/index.md") == tmp_path / "a" / "index.html"
    assert is_draft("---\ntitle: x\ndraft: true\n---\nbody\n")
    assert not is_draft("---\ntitle: x\ndraft: false\n---\nbody\n")
    assert not is_draft("no front matter\ndraft: true\n")


def test_command_line_on_given_sides(tmp_path, capsys):
    posts = tmp_path / "posts"
    (posts / "a").mkdir(parents=True)
    for name in ("same", "differs", "draft", "missing"):
        front = "draft: true\n" if name == "draft" else ""
        (posts / "a" / f"{name}.md").write_text(f"---\ntitle: {name}\n{front}---\nbody\n", "utf-8")
    blog = {f"a/{name}.md": "<p><strong>x</strong></p>" for name in ("same", "differs", "draft", "missing")}
    (tmp_path / "blog.json").write_text(json.dumps(blog), "utf-8")
    out = tmp_path / "html"
    for name, body in (("same", "<p><strong>x</strong></p>"), ("differs", "<p>**x**</p>")):
        (out / "a" / name).mkdir(parents=True)
        (out / "a" / name / "index.html").write_text(book(body), "utf-8")
    argv = [str(posts), "--blog-json", str(tmp_path / "blog.json"), "--book-html", str(out), "--json", str(tmp_path / "r.json")]

    assert compare.main(argv) == 1
    printed = capsys.readouterr().out
    assert "a/differs.md\n  bold: only on the blog: ['x']\n  literal_bold_markers: blog 0, book 2\n" in printed
    assert "a/missing.md\n  page: no page in the book" in printed
    assert "a/same.md" not in printed and "a/draft.md" not in printed
    assert "3 pages compared, 1 as on the blog, 2 differ" in printed
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert report["a/same.md"] == {} and set(report["a/differs.md"]) == {"bold", "literal_bold_markers", "words"}

    assert compare.main([*argv, "--allow-differences"]) == 0


# --- render.js: the blog's pipeline ---------------------------------------------

POST = """---
title: "Front matter title"
date: 2021-03-03 10:30:00
---

**빅오 표기법(Big-O)**이 중요하다.

Launch :rocket: at 10:30:00, say "quoted" -- wait... it's fine.

Code `:rocket:` and `"straight"` stay as written.

### :point_right: String.trim()

## `trim()` 메서드

## Same

## Same

~~gone~~ and $a**b :rocket:$ math.

```js
const s = ":rocket:"
```

[go :rocket:](https://example.com/:rocket:/)

![pic](./img/28-thumbnail.png)
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    node = _node_or_skip()
    posts = tmp_path_factory.mktemp("fidelity-posts")
    (posts / "sub").mkdir()
    (posts / "post.md").write_text(POST, "utf-8")
    (posts / "sub" / "other.md").write_text("## Same\n\n:sparkles: :no_such_emoji:\n", "utf-8")
    (posts / "notes.txt").write_text("not a post", "utf-8")
    run = subprocess.run([node, str(FIDELITY / "render.js"), str(posts)], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_render_reads_every_post_by_relative_path(rendered):
    assert sorted(rendered) == ["post.md", "sub/other.md"]


def test_render_strips_front_matter(rendered):
    assert "Front matter title" not in rendered["post.md"]
    assert "date:" not in rendered["post.md"]


def test_render_bold_before_hangul_as_remark_parse_6(rendered):
    # CommonMark would leave the ** (closing run after ")" and before "이"); remark-parse 6 does not
    assert "<strong>빅오 표기법(Big-O)</strong>이" in rendered["post.md"]
    assert features(rendered["post.md"])["literal_bold_markers"] == 0


def test_render_emoji_names_in_text(rendered):
    html = rendered["post.md"]
    assert "Launch 🚀 at" in html
    assert "10:30:00" in html
    assert ">go 🚀</a>" in html
    assert 'href="https://example.com/:rocket:/"' in html
    assert "✨ :no_such_emoji:" in rendered["sub/other.md"]


def test_render_code_and_math_stay_as_written(rendered):
    html = rendered["post.md"]
    assert '<code class="language-text">:rocket:</code>' in html
    assert '<code class="language-text">&quot;straight&quot;</code>' in html
    assert "const s = &quot;:rocket:&quot;" in html
    assert '<span class="math math-inline fidelity-math">a**b :rocket:</span>' in html


def test_render_smartypants_on_text(rendered):
    html = rendered["post.md"]
    assert "say “quoted” — wait… it’s fine." in html


def test_render_heading_ids_after_emoji_slugger_per_document(rendered):
    found = features(rendered["post.md"])
    assert found["heading_anchors"] == ["-stringtrim", "code-classlanguage-texttrimcode-메서드", "same", "same-1"]
    assert '<h3 id="-stringtrim"' in rendered["post.md"] and "👉 String.trim()</h3>" in rendered["post.md"]
    # a new document starts a new slugger: not same-2
    assert features(rendered["sub/other.md"])["heading_anchors"] == ["same"]


def test_render_heading_with_inline_code_slugs_prisms_html(rendered):
    # prismjs ran before autolink-headers on the blog: the slug is made from the
    # <code> HTML it left in the heading (gatsbyjs/gatsby#5764), as the blog's anchors were
    assert '<h2 id="code-classlanguage-texttrimcode-메서드"' in rendered["post.md"]
    assert '<code class="language-text">trim()</code> 메서드</h2>' in rendered["post.md"]


def test_render_gfm_strike_and_images(rendered):
    found = features(rendered["post.md"])
    assert found["strike"] == ["gone"]
    assert found["images"] == ["28-thumbnail.png"]
    assert found["emoji"] == ["🚀", "👉", "🚀"]


def test_compare_end_to_end_builds_the_book(tmp_path, capsys):
    _node_or_skip()
    posts = tmp_path / "posts" / "camp"
    posts.mkdir(parents=True)
    (posts / "day1.md").write_text(
        '---\ntitle: "DAY 1"\ndate: 2021-03-03 10:50:00\n---\n\n## :rocket: Start\n\nPlain **bold** text.\n', "utf-8"
    )
    code = compare.main([str(tmp_path / "posts"), "--out", str(tmp_path / "out"), "--allow-differences"])
    printed = capsys.readouterr().out
    assert code == 0
    assert (tmp_path / "out" / "camp" / "day1" / "index.html").is_file()
    assert "fidelity: 1 pages compared" in printed
