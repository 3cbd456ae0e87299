"""A gatsby-starter-bee repository as the import sees it: posts, about pages, assets.

Pure: knows nothing of Sphinx; reads files, never writes. Two views of each
post are kept side by side:

* what the **blog** did with it. The starter's ``gatsby-node.js`` makes a page
  only for posts where ``!frontmatter.draft && !!frontmatter.category``, in
  JavaScript's sense of true, on front matter read by js-yaml: ``draft: 'false'``
  (a quoted string) or ``draft: no`` hid a post, and so did a missing
  ``category``. It also queried only the 1,000 newest posts.
* what the **book** does with it: daybook's own front matter rules and book
  model (:func:`..model.book.build_book`), exactly as a build would.

The report names every post on which the two disagree.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

try:  # libyaml is several times faster; PyYAML falls back to pure Python
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import BaseLoader as _Loader  # type: ignore[assignment]

from ..model.book import SITE_NAMES, Book, Source, build_book
from ..model.frontmatter import MAX_FRONT_MATTER_CHARS, parse_post, split_front_matter
from ..model.urls import IMAGE_SUFFIXES

BLOG_FOLDER = Path("content/blog")
ABOUT_FOLDER = Path("content/__about")
ASSETS_FOLDER = Path("content/assets")
META_CONFIG = Path("gatsby-meta-config.js")
#: the starter's Bio component queries ``profile.png``; forks use other kinds
PROFILE_NAMES = tuple(f"profile{suffix}" for suffix in (".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"))
#: gatsby-transformer-remark reads both; daybook reads ``.md`` only
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: the starter's gatsby-node.js queries this many posts, newest first
BLOG_QUERY_LIMIT = 1000
#: files of an editor or an operating system, never content
NOT_CONTENT = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


class NotABlog(ValueError):
    """The folder is not a gatsby-starter-bee repository."""


@dataclass(frozen=True)
class BlogFile:
    """A file under ``content/blog/``."""

    #: path relative to ``content/blog/``, as on disk
    relative: str
    path: Path


@dataclass(frozen=True)
class BlogPost:
    """A Markdown file under ``content/blog/`` and what blog and book each made of it."""

    relative: str
    #: the book's docname (composed Unicode, no suffix); ``None`` for ``.markdown``
    docname: str | None
    blog_published: bool
    #: why the blog made no page for it
    blog_hidden_because: str = ""
    #: sort key of the blog's query (its date as written), for the 1,000 limit
    date_text: str = ""


@dataclass(frozen=True)
class AboutPage:
    relative: str
    path: Path
    language: str | None


@dataclass(frozen=True)
class Blog:
    root: Path
    files: tuple[BlogFile, ...]
    posts: tuple[BlogPost, ...]
    #: the book daybook would make of the posts, drafts left out as a build does
    book: Book
    about_pages: tuple[AboutPage, ...]
    #: files under ``content/__about/`` that are not Markdown (images of the about page)
    about_assets: tuple[BlogFile, ...]
    profile_photo: Path | None
    #: what under ``content/blog`` was not taken and why (symbolic links, ...)
    skipped: tuple[tuple[str, str], ...]

    def post(self, docname: str) -> BlogPost | None:
        return next((p for p in self.posts if p.docname == docname), None)


def read_blog(root: Path) -> Blog:
    root = Path(root)
    if not (root / META_CONFIG).is_file() or not (root / BLOG_FOLDER).is_dir():
        raise NotABlog(
            f"{root} is not a gatsby-starter-bee repository: it needs {META_CONFIG} and {BLOG_FOLDER}/"
        )
    files, skipped = _files_under(root, root / BLOG_FOLDER)
    posts: list[BlogPost] = []
    sources: list[Source] = []
    for file in files:
        suffix = Path(file.relative).suffix.lower()
        if suffix not in MARKDOWN_SUFFIXES:
            continue
        text = _text(file.path)
        fields = front_matter_nodes(text) if text is not None else None
        hidden = _hidden_because(fields) if text is not None else "it is not UTF-8"
        docname = None
        if suffix == ".md":
            docname = unicodedata.normalize("NFC", file.relative[: -len(".md")])
            parsed = parse_post(text) if text is not None else None
            sources.append(
                Source(
                    docname,
                    parsed.front_matter if parsed else None,
                    private=bool(parsed is None or parsed.private),
                )
            )
        posts.append(BlogPost(file.relative, docname, not hidden, hidden, _scalar(fields, "date")))
    posts = _apply_query_limit(posts)
    book = build_book(sources, root_docname="index", taken_docnames=[s.docname for s in sources], reserved_names=SITE_NAMES)
    about_files, about_skipped = _files_under(root, root / ABOUT_FOLDER)
    about_pages = []
    for file in about_files:
        if Path(file.relative).suffix.lower() == ".md" and "/" not in file.relative:
            about_pages.append(AboutPage(file.relative, file.path, _about_language(_text(file.path) or "")))
    assets = tuple(f for f in about_files if Path(f.relative).suffix.lower() not in MARKDOWN_SUFFIXES)
    return Blog(
        root=root,
        files=tuple(files),
        posts=tuple(posts),
        book=book,
        about_pages=tuple(about_pages),
        about_assets=assets,
        profile_photo=profile_photo(root),
        skipped=tuple(skipped + about_skipped),
    )


def _files_under(root: Path, folder: Path) -> tuple[list[BlogFile], list[tuple[str, str]]]:
    """Regular files under ``folder``, sorted; links and hidden files are skipped, links with a reason."""
    files: list[BlogFile] = []
    skipped: list[tuple[str, str]] = []
    if not folder.is_dir():
        return files, skipped
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(current) / name
            relative = path.relative_to(folder).as_posix()
            if name.startswith(".") or name in NOT_CONTENT:
                continue
            if path.is_symlink():
                skipped.append((f"{folder.relative_to(root).as_posix()}/{relative}", "a symbolic link: only files are copied"))
                continue
            if path.is_file():
                files.append(BlogFile(relative, path))
        for name in list(dirs):
            if (Path(current) / name).is_symlink():
                skipped.append((f"{(Path(current) / name).relative_to(root).as_posix()}/", "a symbolic link: only files are copied"))
                dirs.remove(name)
    return files, skipped


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def profile_photo(root: Path) -> Path | None:
    for name in PROFILE_NAMES:
        candidate = root / ASSETS_FOLDER / name
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    return None


# -- the blog's rules -------------------------------------------------------------------

#: js-yaml's core schema, which gray-matter (and so gatsby-transformer-remark) read front matter with
_JS_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_JS_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_JS_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_JS_INT = re.compile(r"^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)$")
_JS_FLOAT = re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


def js_truthy(node: yaml.Node) -> bool:
    """Whether JavaScript would take a front matter value (as js-yaml types it) as true."""
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
        return True  # an array or object, even empty
    value = node.value
    if node.style in ("'", '"', "|", ">"):
        return value != ""
    if _JS_NULL.match(value) or _JS_FALSE.match(value):
        return False
    if _JS_TRUE.match(value):
        return True
    if _JS_INT.match(value):
        digits = re.sub(r"[-+_]|0[box]", "", value.lower())
        return any(d not in "0" for d in digits)
    if _JS_FLOAT.match(value):
        try:
            number = float(value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            return True
        return number != 0 and not math.isnan(number)
    return True


def front_matter_nodes(text: str) -> dict[str, yaml.Node] | None:
    """The front matter's fields as YAML nodes (untyped: js-yaml's rules are applied later); ``None`` if unreadable."""
    yaml_text, block_lines, _ = split_front_matter(text)
    if yaml_text is None or block_lines == -1:
        return {}
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return None
    try:
        root = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return {}
    fields: dict[str, yaml.Node] = {}
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode):
            fields[key.value] = value  # the last one wins, as in js-yaml's loose mode
    return fields


def blog_hides(text: str) -> str:
    """Why the starter's ``gatsby-node.js`` made no page for this post ("" when it made one)."""
    return _hidden_because(front_matter_nodes(text))


def _hidden_because(fields: dict[str, yaml.Node] | None) -> str:
    if fields is None:
        return "its front matter is not YAML the blog could read"
    draft = fields.get("draft")
    if draft is not None and js_truthy(draft):
        shown = "…"
        if isinstance(draft, yaml.ScalarNode):
            quote = draft.style if draft.style in ("'", '"') else ""
            shown = f"{quote}{draft.value}{quote}"
        return f"its draft: {shown} is true in JavaScript"
    category = fields.get("category")
    if category is None or not js_truthy(category):
        return "it has no category"
    return ""


def _scalar(fields: dict[str, yaml.Node] | None, name: str) -> str:
    node = (fields or {}).get(name)
    return node.value.strip() if isinstance(node, yaml.ScalarNode) else ""


def _apply_query_limit(posts: list[BlogPost]) -> list[BlogPost]:
    """Posts past the 1,000 newest by date never got a page on the blog."""
    if len(posts) <= BLOG_QUERY_LIMIT:
        return posts
    # GraphQL sorted the dates as text here would be a guess; ISO-like dates sort as text
    ranked = sorted(range(len(posts)), key=lambda i: posts[i].date_text, reverse=True)
    cut = set(ranked[BLOG_QUERY_LIMIT:])
    out = []
    for index, post in enumerate(posts):
        if index in cut and post.blog_published:
            post = BlogPost(
                post.relative, post.docname, False,
                f"the blog queried only its {BLOG_QUERY_LIMIT} newest posts", post.date_text,
            )
        out.append(post)
    return out


def _about_language(text: str) -> str | None:
    return _scalar(front_matter_nodes(text), "lang") or None


def is_image(path: str) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES
