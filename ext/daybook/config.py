"""daybook's configuration: one typed dataclass.

Validated once, on ``config-inited``, and read from the environment
(:func:`.environment.settings_of`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sphinx.errors import ConfigError
from sphinx.util import logging

from .model.frontmatter import parse_bool

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "daybook_"
SPHINX_DEFAULT_AUTHOR = "Author name not set"
#: authors no book has: daybook's own name (its first conf.py had it) and Sphinx's defaults
PLACEHOLDER_AUTHORS = frozenset({"daybook", SPHINX_DEFAULT_AUTHOR.casefold(), "unknown", ""})

logger = logging.getLogger(__name__)


# -- the settings a blog brings when it moves in (see moving/) -----------------------------

_GITHUB_REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")
COMMENT_PROVIDERS = ("utterances", "giscus")


@dataclass(frozen=True)
class CommentSettings:
    """``daybook_comments``: where each chapter's thread lives. Threads are keyed by the post's path on the blog."""

    provider: str
    repo: str
    #: utterances: the label of the issues it opens
    label: str = ""
    #: the widget's theme in the book's light and dark modes
    theme_light: str = ""
    theme_dark: str = ""
    #: giscus only
    repo_id: str = ""
    category: str = ""
    category_id: str = ""
    strict: bool = False
    reactions: bool = True
    input_position: str = "bottom"
    lang: str = ""


@dataclass(frozen=True)
class ProfileSettings:
    """``daybook_profile``: the author as the blog showed them on every page."""

    name: str = ""
    bio: str = ""
    #: a picture in the posts folder (``_daybook/profile.png``)
    photo: str = ""
    #: the page that shows the profile besides the cover (the about page's docname)
    page: str = ""
    #: (label, address) of each link
    links: tuple[tuple[str, str], ...] = ()


def _settings_dict(name: str, value: object, known: tuple[str, ...]) -> dict[str, Any] | None:
    if value is None or value == {}:
        return None
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a dict, got {value!r}")
    unknown = sorted(str(k) for k in value if k not in known)
    if unknown:
        raise ConfigError(f"{name} has no key {unknown[0]!r}; its keys are {', '.join(known)}")
    return value


def _text_of(name: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{name}[{key!r}] must be a string, got {value!r}")
    return value.strip()


def parse_comments(name: str, value: object) -> CommentSettings | None:
    known = tuple(f.name for f in dataclasses.fields(CommentSettings))
    given = _settings_dict(name, value, known)
    if given is None:
        return None
    fields: dict[str, Any] = {}
    for key, item in given.items():
        if key in ("strict", "reactions"):
            parsed = parse_bool(item)
            if parsed is None:
                raise ConfigError(f"{name}[{key!r}] must be true or false, got {item!r}")
            fields[key] = parsed
        else:
            fields[key] = _text_of(name, key, item)
    provider = fields.get("provider", "")
    if provider not in COMMENT_PROVIDERS:
        raise ConfigError(f"{name}['provider'] must be one of {', '.join(COMMENT_PROVIDERS)}, got {provider!r}")
    if not _GITHUB_REPO.match(fields.get("repo", "")):
        raise ConfigError(f"{name}['repo'] must be a GitHub repository as owner/name, got {fields.get('repo')!r}")
    if provider == "giscus":
        for key in ("repo_id", "category_id"):
            if not fields.get(key):
                raise ConfigError(f"{name}['{key}'] is needed for giscus (giscus.app shows it for your repository)")
        if fields.get("input_position", "bottom") not in ("top", "bottom"):
            raise ConfigError(f"{name}['input_position'] must be 'top' or 'bottom'")
    defaults = ("github-light", "github-dark") if provider == "utterances" else ("light", "dark")
    fields.setdefault("theme_light", defaults[0])
    fields.setdefault("theme_dark", defaults[1])
    fields["theme_light"] = fields["theme_light"] or defaults[0]
    fields["theme_dark"] = fields["theme_dark"] or defaults[1]
    return CommentSettings(**fields)


def parse_profile(name: str, value: object) -> ProfileSettings | None:
    known = tuple(f.name for f in dataclasses.fields(ProfileSettings))
    given = _settings_dict(name, value, known)
    if given is None:
        return None
    fields: dict[str, Any] = {}
    for key, item in given.items():
        if key != "links":
            fields[key] = _text_of(name, key, item)
            continue
        links = []
        for link in item or ():
            if isinstance(link, dict) and len(link) == 1:
                link = next(iter(link.items()))
            if not isinstance(link, (list, tuple)) or len(link) != 2 or not all(isinstance(p, str) for p in link):
                raise ConfigError(f"{name}['links'] holds [label, address] pairs, got {link!r}")
            label, address = link[0].strip(), link[1].strip()
            scheme = urlsplit(address).scheme
            if scheme not in ("http", "https", "mailto") or (scheme != "mailto" and not urlsplit(address).netloc):
                raise ConfigError(f"{name}['links']: {address!r} must be an http(s) or mailto: address")
            links.append((label or address, address))
        fields["links"] = tuple(links)
    photo = fields.get("photo", "")
    if photo and (photo.startswith(("/", "\\")) or ".." in photo.replace("\\", "/").split("/") or urlsplit(photo).scheme):
        raise ConfigError(f"{name}['photo'] must be a path inside the posts folder, got {photo!r}")
    return ProfileSettings(**fields)


def parse_rss_feed(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be a string, got {value!r}")
    path = value.strip().lstrip("/")
    if path and (not path.endswith(".xml") or ".." in path.split("/") or path in ("feed.xml", "sitemap.xml")
                 or any(c in path for c in "\\?#%<>\"'")):
        raise ConfigError(f"{name} must name an .xml file of the site other than feed.xml and sitemap.xml, got {value!r}")
    return path


@dataclass(frozen=True)
class DaybookConfig:
    """Every ``daybook_*`` value of ``conf.py``; ``rebuild`` says what a change redoes."""

    drafts: bool = field(
        default=False,
        metadata={"rebuild": "env", "doc": "Build posts marked 'draft: true' too, with a draft badge."},
    )
    part_order: tuple[str, ...] = field(
        default=(),
        metadata={
            "rebuild": "env",
            "doc": "Categories in the order their parts should appear; "
            "others follow, the largest (most chapters) first, then by their earliest post.",
        },
    )
    site_url: str = field(
        default="",
        metadata={
            "rebuild": "html",
            "doc": "The blog's own address (https://blog.example.com); full links "
            "to it become links between chapters.",
        },
    )
    description: str = field(
        default="",
        metadata={"rebuild": "env", "doc": "One paragraph under the book title on the cover."},
    )
    pdf_emoji_fonts: tuple[str, ...] = field(
        default=("Symbola", "Noto Color Emoji"),
        metadata={
            "rebuild": "",
            "doc": "Fonts the PDF takes emoji from, in order, for characters its Korean fonts "
            "lack; those not installed are skipped. Symbola (first by default) is a "
            "black-and-white text font: its emoji copy and search as text. Noto Color Emoji "
            "is drawn in colour as pictures, which are not text in the PDF.",
        },
    )
    feed_length: int = field(
        default=20,
        metadata={"rebuild": "html", "doc": "How many of the latest chapters the Atom feed lists."},
    )

    sidebar_window: int = field(
        default=4,
        metadata={
            "rebuild": "html",
            "doc": "How many chapters of its own part a page's sidebar lists on each side "
            "of it; the part page lists them all.",
        },
    )

    cover_cards: int = field(
        default=12,
        metadata={
            "rebuild": "env",
            "doc": "How many chapters of each part the cover shows as cards, in book order, "
            "before a link to the part page, which shows them all; 0 shows all.",
        },
    )

    myst_syntax: bool = field(
        default=False,
        metadata={
            "rebuild": "env",
            "doc": "Read MyST's own syntax in posts too (directives, roles, % comments, +++ breaks, "
            "(target)= lines). Off, posts are Gatsby Markdown only: a ```{name} fence is code and "
            "those lines are text, as on the blog. On or off, no directive reads a file into a "
            "post or passes raw content, and substitutions stay off.",
        },
    )
    # -- what a blog brings when it moves in (moving/, comments/, pages/profile.py) --
    comments: CommentSettings | None = field(
        default=None,
        metadata={
            "rebuild": "html",
            "parse": parse_comments,
            "doc": "Comments at the end of each chapter, threads keyed by the post's path on the blog: "
            "{'provider': 'utterances', 'repo': 'owner/name'} or {'provider': 'giscus', 'repo': ..., "
            "'repo_id': ..., 'category_id': ...}. Empty: no comments.",
        },
    )
    profile: ProfileSettings | None = field(
        default=None,
        metadata={
            "rebuild": "env",
            "parse": parse_profile,
            "doc": "The author on the cover and the about page: {'name', 'bio', 'photo' (in the posts "
            "folder), 'page' (the about page's docname), 'links': [[label, address], ...]}.",
        },
    )
    rss_feed: str = field(
        default="rss.xml",
        metadata={
            "rebuild": "html",
            "parse": parse_rss_feed,
            "doc": "Where the RSS 2.0 feed is written beside the Atom feed (the blog's /rss.xml); '' for none.",
        },
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> DaybookConfig:
        """Read and type-check the values; raise ``ConfigError`` naming the bad one."""
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            name = PREFIX + item.name
            value = getattr(config, name)
            expected = item.default
            parse = item.metadata.get("parse")
            if parse is not None:
                value = parse(name, value)
            elif isinstance(expected, tuple):
                if isinstance(value, str) or not all(isinstance(v, str) for v in value or ()):
                    raise ConfigError(f"{name} must be a list of strings, got {value!r}")
                value = tuple(value or ())
            elif isinstance(expected, bool):
                value = _as_bool(name, value)
            elif isinstance(expected, int):
                if isinstance(value, str) and value.strip().isdigit():
                    value = int(value)
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise ConfigError(f"{name} must be a whole number >= 0, got {value!r}")
            elif isinstance(expected, str) and not isinstance(value, str):
                raise ConfigError(f"{name} must be a string, got {value!r}")
            values[item.name] = value
        site_url = values["site_url"]
        if site_url and urlsplit(site_url).scheme not in ("http", "https"):
            raise ConfigError(f"daybook_site_url must start with http:// or https://, got {site_url!r}")
        return cls(**values)


def _as_bool(name: str, value: object) -> bool:
    parsed = parse_bool(value)
    if parsed is None:
        raise ConfigError(f"{name} must be true or false, got {value!r}")
    return parsed


def add_config_values(app: Sphinx) -> None:
    for item in dataclasses.fields(DaybookConfig):
        default = item.default
        types: Any = (list, tuple) if isinstance(default, tuple) else (type(default), str)
        if item.metadata.get("parse") is not None and default is None:
            # given as a dict in conf.py, typed by its parser
            default, types = {}, (dict,)
        app.add_config_value(
            PREFIX + item.name,
            list(default) if isinstance(default, tuple) else default,
            item.metadata["rebuild"],
            types=types,
            description=item.metadata["doc"],
        )


def check_author(app: Sphinx, config: Config) -> None:
    """A book whose author is a placeholder says so: the name is in every footer, the ePub and the PDF."""
    author = config.author if isinstance(config.author, str) else ""
    if author.strip().casefold() not in PLACEHOLDER_AUTHORS:
        return
    conf_py = Path(app.confdir, "conf.py") if app.confdir else None
    location = None
    if conf_py is not None and conf_py.is_file():
        lines = conf_py.read_text(encoding="utf-8", errors="replace").splitlines()
        # where the author is set; where it is not, the project's line, beside which it belongs
        line = next((n for n, text in enumerate(lines, 1) if re.match(r"\s*author\s*=", text)), None) or next(
            (n for n, text in enumerate(lines, 1) if re.match(r"\s*project\s*=", text)), 1
        )
        location = f"{conf_py}:{line}"
    # Sphinx's own default when conf.py names no author
    written = "author is not set" if author == SPHINX_DEFAULT_AUTHOR else f"author is '{author}'"
    logger.warning(
        f"{written}: every page's footer, the ePub and the PDF name it as the book's author; "
        'set author = "…" in conf.py',
        location=location,
        type="daybook",
        subtype="config",
    )

