"""``make import``: a gatsby-starter-bee repository becomes the book's posts and settings.

Knows nothing of Sphinx. :func:`plan_import` reads the blog and decides
every file to write and the settings block of ``conf.py``;
:func:`apply_plan` writes them, keeping a manifest of what it wrote
(``<posts>/_daybook/import.json``: path and SHA-256 of each file). With it:

* running the import twice gives the same book, and the second run writes nothing;
* a file the import did not write is never changed or deleted (the one
  exception is the sample post daybook ships, recognised by its exact bytes,
  which the import removes or replaces and says so);
* a file it wrote and the author changed since is the author's from then on;
* a file it wrote whose post left the blog is deleted, if unchanged.

Everything the import writes that is not one of the blog's posts lives in
``<posts>/_daybook/`` (the profile photo, the site icon, the redirect rules
for the old host, the manifest): a folder with no Markdown, so no page.
The about page goes to ``<posts>/about/index.md``, served at ``/about/``
as on the blog.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..files import write_atomically
from ..model.urls import page_url
from .blog import ABOUT_FOLDER, BLOG_FOLDER, META_CONFIG, Blog, is_image, read_blog
from .metaconfig import MetaConfig, MetaConfigError, read_meta_config
from .redirects import netlify_redirects, redirect_rules
from .settings import BookSettings, book_settings, conf_block, replace_block, valid_language
from .starter import about_page_language, utterances_options

#: the folder of the posts that holds what the import writes besides posts
IMPORT_FOLDER = "_daybook"
MANIFEST = f"{IMPORT_FOLDER}/import.json"
REDIRECTS = f"{IMPORT_FOLDER}/netlify/_redirects"
ABOUT_DOCNAME = "about/index"
#: the sample post daybook comes with, by its exact bytes: the one file not
#: written by the import that the import may replace or remove
SAMPLE_POSTS = {
    "boostcamp/day28-20210303.md": "5a5cd551095dbcb793e37dbbe8a30ebb450b6f235ed1d04dcee70b4003a81b68",
}
#: the path of the book's RSS feed (``daybook_rss_feed``'s default), where the blog's was
BOOK_RSS = "rss.xml"

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")


class CannotImport(Exception):
    """The import cannot start: nothing was written."""


@dataclass(frozen=True)
class ImportOptions:
    blog: Path
    posts: Path
    conf: Path
    #: where the book is (or will be) served, for redirects and ``html_baseurl``
    book_url: str | None = None
    #: the book's language, when the blog's cannot be found or should be overridden
    language: str | None = None


@dataclass
class Report:
    """What the import did, for the person running it."""

    done: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)

    def text(self) -> str:
        out = ["daybook import", ""]
        out += [f"  {line}" for line in self.done]
        if self.warnings:
            out += ["", "warnings:"] + [f"  - {line}" for line in self.warnings]
        if self.not_carried:
            out += ["", "not carried:"] + [f"  - {line}" for line in self.not_carried]
        return "\n".join(out) + "\n"


@dataclass
class Plan:
    #: path relative to the posts folder -> the file to copy there, or the bytes to write
    files: dict[str, Path | bytes]
    conf_block: str
    report: Report
    blog: Blog
    settings: BookSettings


def _line(label: str, text: str) -> str:
    return f"{label:<13} {text}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- planning ----------------------------------------------------------------------------


def plan_import(options: ImportOptions) -> Plan:
    blog_root = Path(options.blog)
    try:
        blog = read_blog(blog_root)
    except ValueError as error:
        raise CannotImport(str(error)) from None
    try:
        meta = read_meta_config((blog_root / META_CONFIG).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, MetaConfigError) as error:
        raise CannotImport(f"cannot read {META_CONFIG}: {error}") from None
    report = Report()
    language, language_source = choose_language(options.language, meta, blog)
    utterances = utterances_options(blog_root)
    settings = book_settings(
        meta,
        language=language,
        language_source=language_source,
        utterances_label=utterances.label,
        utterances_term=utterances.issue_term,
    )
    files: dict[str, Path | bytes] = {}

    # the posts, and every other file of content/blog, as they are
    for file in blog.files:
        if file.relative.split("/", 1)[0] == IMPORT_FOLDER:
            report.not_carried.append(f"{BLOG_FOLDER}/{file.relative}: {IMPORT_FOLDER}/ is where the import keeps its own files; rename the folder")
            continue
        files[file.relative] = file.path
    for relative, reason in blog.skipped:
        report.not_carried.append(f"{relative}: {reason}")

    _report_posts(blog, files, report)
    about = _plan_about(blog, language, files, report)
    photo = _plan_asset(blog.profile_photo, blog_root, "profile", files, report, "profile photo")
    icon_path = None
    if settings.icon:
        icon_path = _inside(blog_root, settings.icon)
        if icon_path is None or not is_image(settings.icon):
            report.not_carried.append(f"icon: {settings.icon!r} is not an image file inside the blog; not carried")
            icon_path = None
    icon = _plan_asset(icon_path, blog_root, "icon", files, report, "site icon")
    if options.book_url:
        rules = redirect_rules(
            options.book_url,
            _old_pages(blog, about is not None),
            feed=BOOK_RSS,
        )
        site_url = settings.values.get("daybook_site_url", "")
        files[REDIRECTS] = netlify_redirects(rules, site_url=site_url, book_url=options.book_url).encode("utf-8")
        report.done.append(_line("redirects", f"{options.posts}/{REDIRECTS}: {len(rules)} rules from the old host to {options.book_url}"))
    else:
        report.warnings.append(
            "no redirect rules for the old host: give BOOK_URL=<the book's address> "
            "(on Read the Docs https://<project>.readthedocs.io/<lang>/latest/) to write them"
        )
    block = conf_block(
        settings,
        favicon=_conf_relative(options, icon) if icon else None,
        photo=photo,
        about="about" if about else None,
        book_url=options.book_url,
    )
    for note in settings.notes:
        (report.done if note.carried else report.not_carried).append(
            _line("settings", note.text) if note.carried else f"{note.field}: {note.text}"
        )
    return Plan(files, block, report, blog, settings)


def choose_language(given: str | None, meta: MetaConfig, blog: Blog) -> tuple[str, str]:
    """The book's language as Sphinx writes it (``ko``, ``pt_BR``), and what said so."""
    language, source = _blog_language(given, meta, blog)
    return language.replace("-", "_"), source


def _blog_language(given: str | None, meta: MetaConfig, blog: Blog) -> tuple[str, str]:
    if given:
        if not valid_language(given):
            raise CannotImport(f"BOOK_LANG={given!r} is not a language code (ko, en, ja, ...)")
        return given, "given on the command line"
    declared = meta.get("lang")
    if isinstance(declared, str) and valid_language(declared.strip()):
        return declared.strip(), "from gatsby-meta-config.js: lang"
    shown = about_page_language(blog.root)
    if shown and valid_language(shown):
        return shown, "from src/pages/about.js: the about page the blog showed"
    languages = {p.language for p in blog.about_pages if p.language and valid_language(p.language)}
    if len(languages) == 1:
        return languages.pop(), "from the blog's only about page"
    hangul = letters = 0
    for file in blog.files[:200]:
        if file.relative.endswith(".md"):
            text = file.path.read_text(encoding="utf-8", errors="replace")
            hangul += len(_HANGUL.findall(text))
            letters += len(_LETTER.findall(text))
    if letters and hangul / letters > 0.2:
        return "ko", "the posts are mostly Korean"
    return "en", "no language found; give BOOK_LANG= to choose"


def _plan_about(blog: Blog, language: str, files: dict[str, Path | bytes], report: Report) -> str | None:
    if not blog.about_pages:
        return None
    primary = language.split("_")[0].split("-")[0].lower()
    matching = [p for p in blog.about_pages if (p.language or "").split("_")[0].split("-")[0].lower() == primary]
    page = matching[0] if matching else (blog.about_pages[0] if len(blog.about_pages) == 1 else None)
    if page is None:
        langs = ", ".join(sorted(p.relative for p in blog.about_pages))
        report.not_carried.append(f"about page: none of {langs} is in {language!r}; copy one to about/index.md yourself")
        return None
    if any(p.docname in ("about", ABOUT_DOCNAME) for p in blog.posts) or any(
        r.startswith("about/") for r in files
    ):
        report.not_carried.append(
            f"{ABOUT_FOLDER}/{page.relative}: the blog has its own about/ in {BLOG_FOLDER}; the about page is not carried"
        )
        return None
    files["about/index.md"] = page.path
    for asset in blog.about_assets:
        files.setdefault(f"about/{asset.relative}", asset.path)
    others = [p.relative for p in blog.about_pages if p is not page]
    note = f" (not: {', '.join(others)})" if others else ""
    report.done.append(_line("about page", f"{ABOUT_FOLDER}/{page.relative} -> about/index.md, served at /about/{note}"))
    return ABOUT_DOCNAME


def _plan_asset(source: Path | None, root: Path, name: str, files: dict[str, Path | bytes], report: Report,
                what: str) -> str | None:
    """Copy ``source`` to ``_daybook/<name><suffix>``; its path relative to the posts folder."""
    if source is None:
        return None
    target = f"{IMPORT_FOLDER}/{name}{source.suffix.lower()}"
    files[target] = source
    report.done.append(_line(what, f"{source.relative_to(root).as_posix()} -> {target}"))
    return target


def _inside(root: Path, relative: str) -> Path | None:
    """``relative`` under ``root`` as a regular file that is really there (no link out, no ``..``)."""
    candidate = root / relative
    try:
        real = Path(os.path.realpath(candidate))
        base = Path(os.path.realpath(root))
    except (OSError, ValueError):
        return None
    if base not in real.parents or candidate.is_symlink() or not real.is_file():
        return None
    return real


def _conf_relative(options: ImportOptions, posts_relative: str) -> str:
    target = Path(options.posts) / posts_relative
    return Path(os.path.relpath(target.resolve(), Path(options.conf).resolve().parent)).as_posix()


def _published(blog: Blog) -> set[str]:
    book = blog.book
    return {c.docname for c in book.chapters} | set(book.pages)


def _report_posts(blog: Blog, files: dict[str, Path | bytes], report: Report) -> None:
    book = blog.book
    posts = [p for p in blog.posts if p.docname is not None]
    report.done.append(
        _line("posts", f"{len(posts)} from {BLOG_FOLDER}/: {len(book.chapters)} chapters in {len(book.parts)} parts, "
              f"{len(book.pages)} other pages, {len(book.drafts_left_out)} drafts (private)")
    )
    if book.drafts_left_out:
        report.done.append(_line("drafts", ", ".join(book.drafts_left_out)))
    published = _published(blog)
    hid = [p for p in posts if not p.blog_published and p.docname in published]
    for post in hid:
        report.warnings.append(
            f"{BLOG_FOLDER}/{post.relative}: the blog made no page for it ({post.blog_hidden_because}); "
            "the book publishes it. Add `draft: true` to keep it private"
        )
    left_out = [p for p in posts if p.blog_published and p.docname not in published]
    for post in left_out:
        why = "a draft or unreadable front matter" if post.docname in book.drafts_left_out else "its URL is taken"
        report.warnings.append(
            f"{BLOG_FOLDER}/{post.relative}: the blog published it; the book leaves it out ({why}); "
            "the build says why"
        )
    for post in blog.posts:
        if post.docname is None:
            report.not_carried.append(
                f"{BLOG_FOLDER}/{post.relative}: the book reads .md files only; rename it to .md to publish it"
            )
    for problem in book.problems:
        report.warnings.append(f"{problem.docname}: {problem.message}")


def _old_pages(blog: Blog, has_about: bool) -> list[tuple[str, str]]:
    """(path, kind) of every page the blog served that the book serves too."""
    published = _published(blog)
    pages = [(page_url(p.docname), "post") for p in blog.posts if p.blog_published and p.docname in published]
    if has_about:
        pages.append(("/about/", "about"))
    return pages


# -- applying ----------------------------------------------------------------------------


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    #: the author's files the import left alone, with why
    kept: list[str] = field(default_factory=list)
    conf_changed: bool = False


def read_manifest(posts: Path) -> dict[str, str]:
    try:
        data = json.loads((posts / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str) and _safe_relative(k)}


def _safe_relative(relative: str) -> bool:
    parts = relative.split("/")
    return bool(relative) and not relative.startswith("/") and ".." not in parts and "" not in parts


def apply_plan(plan: Plan, options: ImportOptions) -> Outcome:
    """Write what ``plan`` says, as the module's rules allow; never raises for the author's files."""
    posts = Path(options.posts)
    conf = Path(options.conf)
    try:
        conf_text = conf.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CannotImport(f"cannot read {conf}: {error}") from None
    new_conf = replace_block(conf_text, plan.conf_block)  # may refuse: nothing written yet
    posts.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(posts)
    owned: dict[str, str] = {}
    outcome = Outcome()
    report = plan.report
    for relative in sorted(plan.files):
        source = plan.files[relative]
        try:
            data = source if isinstance(source, bytes) else source.read_bytes()
        except OSError as error:
            outcome.kept.append(f"{relative}: the blog's file could not be read ({error.strerror}); not copied")
            continue
        digest = sha256(data)
        target = posts / relative
        if not _writable_place(posts, target):
            outcome.kept.append(f"{relative}: its folder is not a plain folder of {posts}; not written")
            continue
        current = _digest_of(target)
        if current is None:
            _write(target, data)
            outcome.written.append(relative)
            owned[relative] = digest
        elif current == "":
            outcome.kept.append(f"{relative}: something that is not a file is there; not written")
        elif relative in manifest and current == manifest[relative]:
            if current != digest:
                _write(target, data)
                outcome.written.append(relative)
            else:
                outcome.unchanged.append(relative)
            owned[relative] = digest
        elif relative in manifest:
            outcome.kept.append(f"{relative}: you changed it since the last import; kept yours (it is yours now)")
        elif SAMPLE_POSTS.get(relative) == current:
            if current != digest:
                _write(target, data)
                outcome.written.append(relative)
                report.done.append(_line("sample post", f"{relative}: replaced by the blog's post of the same path"))
            else:
                outcome.unchanged.append(relative)
            owned[relative] = digest
        elif current == digest:
            outcome.unchanged.append(relative)  # the author's own copy, the same bytes: left theirs
        else:
            outcome.kept.append(f"{relative}: a file of yours is there; the blog's was not copied over it")
    for relative in sorted(set(manifest) - set(plan.files)):
        target = posts / relative
        current = _digest_of(target)
        if current == manifest[relative]:
            target.unlink()
            _prune(target.parent, posts)
            outcome.deleted.append(relative)
        elif current:
            outcome.kept.append(f"{relative}: the blog no longer has it, but you changed it; kept")
    for relative, digest in SAMPLE_POSTS.items():
        target = posts / relative
        if relative not in plan.files and _digest_of(target) == digest:
            target.unlink()
            _prune(target.parent, posts)
            outcome.deleted.append(relative)
            report.done.append(_line("sample post", f"{relative}: removed (it came with daybook; the blog has no such post)"))
    manifest_data = (json.dumps({"files": dict(sorted(owned.items()))}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    manifest_path = posts / MANIFEST
    if _digest_of(manifest_path) != sha256(manifest_data):
        _write(manifest_path, manifest_data)
    if new_conf != conf_text:
        _write(conf, new_conf.encode("utf-8"))
        outcome.conf_changed = True
    report.done.append(
        _line("files", f"{len(outcome.written)} written, {len(outcome.unchanged)} unchanged, "
              f"{len(outcome.deleted)} deleted, {len(outcome.kept)} of yours left alone, into {posts}/")
    )
    report.done.append(_line("conf.py", f"{'settings block written' if outcome.conf_changed else 'settings block unchanged'} ({conf})"))
    for line in outcome.deleted:
        if line not in SAMPLE_POSTS:
            report.done.append(_line("deleted", f"{line} (the import wrote it; the blog no longer has it)"))
    report.warnings.extend(outcome.kept)
    return outcome


def _digest_of(path: Path) -> str | None:
    """SHA-256 of a regular file; ``""`` for anything else that is there; ``None`` if nothing is."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return ""
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None


def _writable_place(posts: Path, target: Path) -> bool:
    """Every folder from the posts folder to ``target`` is a plain folder (or not there yet)."""
    folder = target.parent
    while folder != posts:
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return False
        folder = folder.parent
    return True


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def _prune(folder: Path, posts: Path) -> None:
    """Remove folders left empty, up to the posts folder."""
    while folder != posts and posts in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def run_import(options: ImportOptions) -> tuple[Plan, Outcome]:
    plan = plan_import(options)
    outcome = apply_plan(plan, options)
    return plan, outcome
