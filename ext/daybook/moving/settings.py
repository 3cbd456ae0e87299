"""The book's settings from the blog's: what each field of ``gatsby-meta-config.js`` becomes.

Pure: knows nothing of Sphinx. :func:`book_settings` maps the meta config
(and the language the blog showed its about page in) to ``conf.py`` values,
and notes for the report what was carried, what was not and why.
:func:`conf_block` writes them as Python, every value a literal written by
``repr``, so no text of the blog can become code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from .metaconfig import NOT_CONSTANT, MetaConfig

#: where a bee ``social`` account name leads, as the starter's Bio component links it
SOCIAL_ADDRESSES = {
    "github": ("GitHub", "https://github.com/{}"),
    "medium": ("Medium", "https://medium.com/{}"),
    "twitter": ("Twitter", "https://twitter.com/{}"),
    "facebook": ("Facebook", "https://www.facebook.com/{}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}/"),
    "instagram": ("Instagram", "https://www.instagram.com/{}/"),
}
BUY_ME_A_COFFEE = ("Buy Me a Coffee", "https://www.buymeacoffee.com/{}")

#: fields of the starter the book has no use for, and why
NOT_CARRIED = {
    "keywords": "search engines ignore the keywords meta tag; the book's pages have their own descriptions",
    "configs": "the blog's paging of its home page; the book lists every post in its parts",
    "share": "the book has no share buttons",
    "ad": "the book shows no advertising",
    "thumbnail": "the blog's default picture for link previews; the book's use each post's own thumbnail "
    "(set ogp_image in conf.py for a default)",
    "resume": "the about page is carried from content/__about/",
}

#: the first marker line of the block ``make import`` writes into conf.py
BLOCK_BEGIN = "# -- daybook import: begin"
BLOCK_END = "# -- daybook import: end"

_GITHUB_REPO = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")
_GA4 = re.compile(r"^G-[A-Z0-9]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class Note:
    """One line of the report about a setting."""

    field: str
    text: str
    carried: bool


@dataclass
class BookSettings:
    """``conf.py`` values, by name; ``None`` means: leave conf.py's own."""

    values: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    #: the site icon file, relative to the blog's root
    icon: str | None = None

    def carry(self, name: str, value: Any, source: str, text: str = "") -> None:
        self.values[name] = value
        self.notes.append(Note(source, text or f"{name} = {value!r}", True))

    def drop(self, source: str, reason: str) -> None:
        self.notes.append(Note(source, reason, False))


def book_settings(
    meta: MetaConfig,
    *,
    language: str,
    language_source: str,
    utterances_label: str | None = None,
    utterances_term: str | None = None,
) -> BookSettings:
    """What ``meta`` gives the book; every field is either carried or said why not."""
    settings = BookSettings()
    for refused in meta.refused:
        settings.drop(refused.field, f"not read: {refused.reason} ({refused.source}); set it in conf.py yourself")
    refused_fields = {r.field for r in meta.refused}

    def text(path: str) -> str | None:
        value = meta.get(path, NOT_CONSTANT)
        if value is NOT_CONSTANT or path in refused_fields:
            return None
        if value is None:
            return ""
        if not isinstance(value, str):
            settings.drop(path, f"not text ({value!r}); not carried")
            return None
        return value.strip()

    title = text("title")
    if title:
        settings.carry("project", title, "title")
        settings.values["html_title"] = title
    elif title == "":
        settings.drop("title", "empty; the book keeps conf.py's title")
    author = text("author")
    if author:
        settings.carry("author", author, "author")
    elif author == "":
        settings.drop("author", "empty; the book keeps conf.py's author")
    description = text("description")
    if description:
        settings.carry("daybook_description", description, "description")
    elif description == "":
        settings.carry("daybook_description", "", "description",
                       "daybook_description = '' (the blog's description is empty: the cover shows none)")
    site_url = text("siteUrl")
    if site_url and urlsplit(site_url).scheme in ("http", "https") and urlsplit(site_url).netloc:
        settings.carry("daybook_site_url", site_url, "siteUrl")
    elif site_url:
        settings.drop("siteUrl", f"{site_url!r} is not an http(s) address; not carried")
    settings.carry("language", language, "lang", f"language = {language!r} ({language_source})")

    profile = _profile(meta, settings, text, author or "")
    if profile:
        settings.values["daybook_profile"] = profile
    comments = _comments(meta, settings, text, utterances_label, utterances_term)
    if comments:
        settings.values["daybook_comments"] = comments
    _analytics(settings, text)
    icon = text("icon")
    if icon:
        settings.icon = icon
    for key, reason in NOT_CARRIED.items():
        if key in meta.values and key not in refused_fields and _has_content(meta.values[key]):
            settings.drop(key, f"not carried: {reason}")
    known = {"title", "author", "description", "siteUrl", "introduction", "social", "icon", "comment", "giscus",
             "utterances", "ga", "lang", "sponsor", *NOT_CARRIED}
    for key in meta.values:
        if key not in known and key not in refused_fields and _has_content(meta.values[key]):
            settings.drop(key, "not a field of gatsby-starter-bee; not carried")
    return settings


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_content(v) for v in value)
    return value not in (None, "", NOT_CONSTANT)


def _profile(meta: MetaConfig, settings: BookSettings, text, author: str) -> dict[str, Any]:
    links: list[list[str]] = []
    social = meta.get("social", {})
    if isinstance(social, dict):
        for key, value in social.items():
            account = text(f"social.{key}")
            if not account:
                continue
            if urlsplit(account).scheme in ("http", "https"):
                links.append([SOCIAL_ADDRESSES.get(key, (key.capitalize(), ""))[0], account])
            elif key in SOCIAL_ADDRESSES:
                label, pattern = SOCIAL_ADDRESSES[key]
                links.append([label, pattern.format(quote(account.lstrip("@"), safe=""))])
            elif key == "email" and "@" in account:
                links.append(["Email", "mailto:" + account])
            else:
                settings.drop(f"social.{key}", f"no known address for a {key!r} account ({account!r}); add it to daybook_profile yourself")
    coffee = text("sponsor.buyMeACoffeeId")
    if coffee:
        links.append([BUY_ME_A_COFFEE[0], BUY_ME_A_COFFEE[1].format(quote(coffee, safe=""))])
    bio = text("introduction") or ""
    profile: dict[str, Any] = {}
    if author or bio or links:
        profile = {"name": author, "bio": bio, "links": links}
        labels = ", ".join(label for label, _ in links) or "no links"
        settings.notes.append(Note("introduction, social", f"profile: {author!r}, bio, {labels}", True))
    return profile


def _comments(meta: MetaConfig, settings: BookSettings, text, label: str | None, term: str | None) -> dict[str, Any]:
    disqus = text("comment.disqusShortName")
    if disqus:
        settings.drop("comment.disqusShortName", "Disqus is not carried: export its threads to GitHub (utterances or giscus) to keep them")
    giscus = meta.get("giscus") or meta.get("comment.giscus")
    if isinstance(giscus, dict) and giscus:
        return _giscus(giscus, settings)
    repo = text("comment.utterances") or text("utterances.repo")
    if not repo:
        return {}
    if not _GITHUB_REPO.match(repo):
        settings.drop("comment.utterances", f"{repo!r} is not a GitHub repository (owner/name); not carried")
        return {}
    if term not in (None, "pathname"):
        settings.drop(
            "utterances issue-term",
            f"the blog keyed threads by {term!r}; the book keys them by the blog's path (pathname), "
            "so threads opened under the old key are not found",
        )
    comments: dict[str, Any] = {"provider": "utterances", "repo": repo}
    if label:
        comments["label"] = label
    settings.notes.append(Note("comment.utterances", f"comments: utterances, {repo}, threads keyed by the blog's path", True))
    return comments


_GISCUS_KEYS = {
    "repo": "repo",
    "repoId": "repo_id",
    "category": "category",
    "categoryId": "category_id",
    "strict": "strict",
    "reactionsEnabled": "reactions",
    "inputPosition": "input_position",
    "lang": "lang",
}


def _giscus(giscus: dict[str, Any], settings: BookSettings) -> dict[str, Any]:
    comments: dict[str, Any] = {"provider": "giscus"}
    for key, name in _GISCUS_KEYS.items():
        value = giscus.get(key)
        if value in (None, "", NOT_CONSTANT):
            continue
        if name in ("strict", "reactions"):
            value = str(value) not in ("0", "false", "False")
        elif not isinstance(value, str):
            continue
        comments[name] = value
    mapping = giscus.get("mapping", "pathname")
    missing = [k for k in ("repo", "repoId", "categoryId") if _GISCUS_KEYS[k] not in comments]
    if missing:
        settings.drop("giscus", f"missing {', '.join(missing)}; comments not carried")
        return {}
    if mapping != "pathname":
        settings.drop("giscus.mapping", f"the blog keyed threads by {mapping!r}; the book keys them by the blog's path")
    settings.notes.append(Note("giscus", f"comments: giscus, {comments['repo']}, threads keyed by the blog's path", True))
    return comments


def _analytics(settings: BookSettings, text) -> None:
    tracking = text("ga")
    if not tracking:
        return
    if _GA4.match(tracking):
        settings.values["analytics"] = tracking
        settings.notes.append(Note("ga", f"Google Analytics {tracking} (the theme's analytics option)", True))
    elif tracking.startswith("UA-"):
        settings.drop("ga", f"{tracking} is a Universal Analytics id, which Google stopped collecting with in 2023; "
                      "set a G- id in conf.py (html_theme_options['analytics'])")
    else:
        settings.drop("ga", f"{tracking!r} is not a Google Analytics id; not carried")


def valid_language(value: str) -> bool:
    return bool(_LANGUAGE.match(value))


# -- conf.py ----------------------------------------------------------------------------


def conf_block(settings: BookSettings, *, favicon: str | None, photo: str | None, about: str | None,
               book_url: str | None) -> str:
    """The Python block of conf.py that holds the blog's settings."""
    values = settings.values
    lines = [
        BLOCK_BEGIN + " " + "-" * (78 - len(BLOCK_BEGIN) - 1),
        "# Written by `make import` from the blog's gatsby-meta-config.js; `make import`",
        "# writes it again each time. To change a value, set it after this block.",
    ]
    for name in ("project", "html_title", "author", "language", "daybook_description", "daybook_site_url"):
        if name in values:
            lines.append(f"{name} = {values[name]!r}")
    if favicon:
        lines.append(f"html_favicon = {favicon!r}")
    profile = values.get("daybook_profile")
    if profile is not None or photo:
        profile = dict(profile or {})
        if photo:
            profile["photo"] = photo
        if about:
            profile["page"] = about
        lines.append("daybook_profile = " + _literal(profile))
    comments = values.get("daybook_comments")
    if comments:
        lines.append("daybook_comments = " + _literal(comments))
    if "analytics" in values:
        lines.append(
            'html_theme_options = {**globals().get("html_theme_options", {}), '
            f'"analytics": {{"google_analytics_id": {values["analytics"]!r}}}}}'
        )
    if book_url:
        lines.append("import os  # noqa: E402")
        lines.append(f'html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", {book_url!r})')
    lines.append(BLOCK_END + " " + "-" * (78 - len(BLOCK_END) - 1))
    return "\n".join(lines) + "\n"


def _literal(value: Any, indent: int = 0) -> str:
    """A dict or list as readable Python, one entry a line; leaves by ``repr``."""
    pad = "    " * (indent + 1)
    if isinstance(value, dict) and value:
        items = [f"{pad}{k!r}: {_literal(v, indent + 1)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + "\n" + "    " * indent + "}"
    if isinstance(value, list) and value and any(isinstance(v, (list, dict)) for v in value):
        items = [f"{pad}{_literal(v, indent + 1)}," for v in value]
        return "[\n" + "\n".join(items) + "\n" + "    " * indent + "]"
    return repr(value)


class ConfBlockError(ValueError):
    """conf.py has a broken import block: one marker without the other."""


def replace_block(conf_text: str, block: str) -> str:
    """``conf_text`` with its import block replaced by ``block``, or ``block`` appended."""
    lines = conf_text.splitlines(keepends=True)
    begins = [i for i, line in enumerate(lines) if line.startswith(BLOCK_BEGIN)]
    ends = [i for i, line in enumerate(lines) if line.startswith(BLOCK_END)]
    if not begins and not ends:
        prefix = conf_text if conf_text.endswith("\n") or not conf_text else conf_text + "\n"
        return prefix + ("\n" if prefix else "") + block
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise ConfBlockError(
            f"conf.py has {len(begins)} '{BLOCK_BEGIN}' and {len(ends)} '{BLOCK_END}' lines; "
            "leave one of each (or none) and run the import again"
        )
    return "".join(lines[: begins[0]]) + block + "".join(lines[ends[0] + 1 :])
