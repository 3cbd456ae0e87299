"""Compare the book with the blog, page by page: does each post read "as on the blog"?

    python tests/fidelity/compare.py <posts folder> [--out DIR] [--allow-differences]

The blog is rendered by ``render.js`` (remark 10 and the blog's gatsby plugins,
see README-section.md); the book is built from the same folder with the
repository's conf.py (``sphinx -b dirhtml``). From each page both sides give the
same "visible features" (``features``), and every feature that differs is
printed. The exit status is 1 when a page differs (0 with
``--allow-differences``), 2 when a side could not be made.

The extraction functions are pure: ``features(html)`` takes an HTML string
(a blog fragment or a whole book page) and returns a plain dict, so tests can
call them on snippets.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RENDER_JS = HERE / "render.js"

# what a reader sees of typography: curly quotes, dashes and the ellipsis
TYPOGRAPHY = ("\u201c", "\u201d", "\u2018", "\u2019", "\u2013", "\u2014", "\u2026")

# Emoji: keycap sequences, regional indicators and the pictographic blocks
# (an approximation of Extended_Pictographic without ©, ® and ™, which read as
# text). Selectors (U+FE0F) and joiners (U+200D) are not counted, so "👨‍💻" is
# two emoji here on both sides alike.
_EMOJI_RANGES = (
    "\u231a-\u231b\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe"
    "\u2600-\u27bf\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f004\U0001f0cf\U0001f170\U0001f171\U0001f17e\U0001f17f\U0001f18e\U0001f191-\U0001f19a"
    "\U0001f1e6-\U0001f1ff\U0001f201\U0001f202\U0001f21a\U0001f22f\U0001f232-\U0001f23a\U0001f250\U0001f251"
    "\U0001f300-\U0001f64f\U0001f680-\U0001f6ff\U0001f7e0-\U0001f7ff\U0001f900-\U0001f9ff\U0001fa70-\U0001faff"
)
EMOJI = re.compile("[0-9#*]\ufe0f?\u20e3|[" + _EMOJI_RANGES + "]")

# Left out of every feature: what either side adds around the text (the
# book's byline, tags, thumbnail and draft note, the listings it generates on
# index pages; both sides' heading anchors).
CHROME = ", ".join(
    (
        ".daybook-byline",
        ".daybook-tags",
        ".daybook-thumbnail",
        ".daybook-draft-note",
        ".daybook-description",
        ".daybook-shortcuts",
        ".daybook-part-heading",
        ".daybook-part-count",
        ".daybook-cards",
        ".daybook-archive",
        ".daybook-chapter-list",
        ".daybook-tag-list",
        ".daybook-cover",
        ".headerlink",
        "a.anchor",
        "script",
        "style",
        "template",
        "noscript",
    )
)
# Not prose: left out of the text counts (emoji, typography, literal markers)
CODE = "code, pre, kbd, samp, .highlight, .gatsby-highlight"
MATH = "math, .math, .katex, .katex-display, .fidelity-math, .daybook-math"

FEATURE_NAMES = (
    "bold",
    "emphasis",
    "strike",
    "literal_bold_markers",
    "literal_strike_markers",
    "emoji",
    "typography",
    "heading_anchors",
    "images",
    "words",
    "code_blocks",
)


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def content_root(html: str, chrome: bool = False) -> Tag:
    """The part of a page that is the post: the book's article, or the whole
    blog fragment, without the book's page title (its first h1). What is in
    CHROME is removed too, unless ``chrome`` is true."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.select_one("article.bd-article") or soup.select_one('[role="main"]')
    if root is None:
        root = soup
    else:
        title = root.find("h1")
        if title is not None:
            title.decompose()
    if not chrome:
        strip_chrome(root)
    return root


def strip_chrome(root: Tag) -> Tag:
    for element in root.select(CHROME):
        element.decompose()
    return root


def prose_text(root: Tag) -> str:
    """The visible text of ``root`` without code and math (``root`` is not changed)."""
    copy = BeautifulSoup(str(root), "html.parser")
    for element in copy.select(CODE + ", " + MATH):
        element.decompose()
    return copy.get_text("")


def _texts(root: Tag, selector: str) -> list[str]:
    found = (_text(element) for element in root.select(selector))
    return [text for text in found if text]


def heading_anchor(heading: Tag) -> str:
    """A heading's id: its own, else its permalink's, else its section's (docutils)."""
    if heading.get("id"):
        return heading["id"]
    link = heading.select_one("a.headerlink[href^='#'], a.anchor[href^='#']")
    if link is not None:
        return unquote(link["href"][1:])
    parent = heading.parent
    if isinstance(parent, Tag) and parent.name == "section" and parent.get("id"):
        return parent["id"]
    return ""


def _in_chrome(element: Tag) -> bool:
    return any(parent.name != "[document]" and parent.css.match(CHROME) for parent in [element, *element.parents])


def image_name(src: str) -> str:
    path = unquote(urlsplit(src).path)
    return PurePosixPath(path).name


def features(html: str) -> dict:
    """The visible features of one page, as plain lists, counts and dicts."""
    root = content_root(html, chrome=True)
    # the anchors first: a heading's permalink (chrome) may be what names it
    anchors = [heading_anchor(h) for h in root.find_all(["h2", "h3", "h4", "h5", "h6"]) if not _in_chrome(h)]
    strip_chrome(root)
    text = prose_text(root)
    return {
        "bold": _texts(root, "strong, b"),
        "emphasis": _texts(root, "em, i"),
        "strike": _texts(root, "del, s, strike, .daybook-strike"),
        "literal_bold_markers": text.count("**"),
        "literal_strike_markers": text.count("~~"),
        "emoji": EMOJI.findall(text),
        "typography": {char: text.count(char) for char in TYPOGRAPHY if char in text},
        "heading_anchors": anchors,
        "images": [image_name(img.get("src", "")) for img in root.find_all("img") if img.get("src")],
        # every word of the prose, in order: a line that vanished or moved is a difference
        "words": text.split(),
        # each code block's text: code that was dropped or read as something else is a difference
        "code_blocks": [" ".join(pre.get_text("").split()) for pre in root.find_all("pre")],
    }


def _list_difference(blog: list, book: list) -> str:
    only_blog = list((Counter(blog) - Counter(book)).elements())
    only_book = list((Counter(book) - Counter(blog)).elements())
    parts = []
    if only_blog:
        parts.append(f"only on the blog: {only_blog!r}")
    if only_book:
        parts.append(f"only in the book: {only_book!r}")
    if not parts:
        parts.append(f"same items, other order: blog {blog!r}, book {book!r}")
    return "; ".join(parts)


def differences(blog: dict, book: dict) -> dict[str, str]:
    """Feature name -> a line saying how the book differs from the blog."""
    found = {}
    for name in FEATURE_NAMES:
        a, b = blog.get(name), book.get(name)
        if a == b:
            continue
        if isinstance(a, list):
            found[name] = _list_difference(a, b or [])
        elif isinstance(a, dict):
            keys = sorted(set(a) | set(b or {}), key=TYPOGRAPHY.index)
            found[name] = ", ".join(f"{key} blog {a.get(key, 0)} book {(b or {}).get(key, 0)}" for key in keys if a.get(key, 0) != (b or {}).get(key, 0))
        else:
            found[name] = f"blog {a}, book {b}"
    return found


def book_page(out: Path, post: str) -> Path:
    """Where dirhtml writes the page of ``post`` (a path relative to the posts folder)."""
    stem = PurePosixPath(post).with_suffix("")
    if stem.name == "index":
        return out.joinpath(*stem.parent.parts, "index.html")
    return out.joinpath(*stem.parts, "index.html")


def is_draft(source: str) -> bool:
    match = re.match(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", source, re.S)
    if not match:
        return False
    return re.search(r"^draft:\s*(true|yes|on)\s*$", match.group(1), re.M | re.I) is not None


# --- the two sides ------------------------------------------------------------


class ToolError(Exception):
    pass


def render_blog(posts: Path, node: str = "node") -> dict[str, str]:
    if shutil.which(node) is None:
        raise ToolError(f"{node!r} is not on PATH: Node 18+ renders the blog side")
    if not (HERE / "node_modules").is_dir():
        raise ToolError("tests/fidelity/node_modules is missing: run `npm ci --prefix tests/fidelity`")
    run = subprocess.run([node, str(RENDER_JS), str(posts)], capture_output=True, text=True, encoding="utf-8")
    if run.returncode != 0:
        raise ToolError(f"render.js failed ({run.returncode}):\n{run.stderr}")
    return json.loads(run.stdout)


def build_book(posts: Path, out: Path, python: str = sys.executable) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "ext"), env.get("PYTHONPATH")]))
    command = [python, "-m", "sphinx", "-b", "dirhtml", "-q", "-c", str(REPO), "-d", str(out / ".doctrees"), str(posts), str(out)]
    run = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env)
    if run.returncode != 0:
        raise ToolError(f"the book's build failed ({run.returncode}):\n{run.stderr}")


def compare(posts: Path, blog: dict[str, str], out: Path) -> dict[str, dict[str, str]]:
    """Post path -> its differing features ({} when the page reads as on the blog)."""
    report = {}
    for post, blog_html in sorted(blog.items()):
        page = book_page(out, post)
        if not page.is_file():
            if is_draft((posts / post).read_text(encoding="utf-8")):
                continue
            report[post] = {"page": f"no page in the book (looked for {page.relative_to(out)})"}
            continue
        report[post] = differences(features(blog_html), features(page.read_text(encoding="utf-8")))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("posts", type=Path, help="folder of Markdown posts (as the book's POSTS)")
    parser.add_argument("--out", type=Path, help="where to build the book (default: a temporary folder)")
    parser.add_argument("--book-html", type=Path, help="use this dirhtml build instead of building")
    parser.add_argument("--blog-json", type=Path, help="use this render.js output instead of running it")
    parser.add_argument("--node", default="node", help="the node executable (default: node)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON to this file")
    parser.add_argument("--allow-differences", action="store_true", help="report differences but exit 0")
    args = parser.parse_args(argv)

    if not args.posts.is_dir():
        parser.error(f"{args.posts} is not a folder")
    posts = args.posts.resolve()
    temporary = None
    try:
        blog = json.loads(args.blog_json.read_text("utf-8")) if args.blog_json else render_blog(posts, args.node)
        if args.book_html:
            out = args.book_html
        else:
            if args.out:
                out = args.out
            else:
                temporary = tempfile.TemporaryDirectory(prefix="daybook-fidelity-")
                out = Path(temporary.name)
            build_book(posts, out)
        report = compare(posts, blog, out)
    except ToolError as error:
        print(f"fidelity: {error}", file=sys.stderr)
        return 2
    finally:
        if temporary is not None:
            temporary.cleanup()

    differing = {post: found for post, found in report.items() if found}
    for post, found in differing.items():
        print(f"{post}")
        for name, line in found.items():
            print(f"  {name}: {line}")
    by_feature = Counter(name for found in differing.values() for name in found)
    print(f"fidelity: {len(report)} pages compared, {len(report) - len(differing)} as on the blog, {len(differing)} differ")
    for name, count in by_feature.most_common():
        print(f"  {name}: {count} page{'s' if count != 1 else ''}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 1 if differing and not args.allow_differences else 0


if __name__ == "__main__":
    sys.exit(main())
