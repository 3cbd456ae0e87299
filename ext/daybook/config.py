"""daybook's configuration: one typed dataclass, validated on ``config-inited``."""

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

    @classmethod
    def from_sphinx(cls, config: Config) -> DaybookConfig:
        """Read and type-check the values; raise ``ConfigError`` naming the bad one."""
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            name = PREFIX + item.name
            value = getattr(config, name)
            expected = item.default
            if isinstance(expected, tuple):
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
        app.add_config_value(
            PREFIX + item.name,
            list(default) if isinstance(default, tuple) else default,
            item.metadata["rebuild"],
            types=types,
            description=item.metadata["doc"],
        )


def check_config(app: Sphinx, config: Config) -> None:
    """Fail early, naming the value, when a ``daybook_*`` value has the wrong type."""
    DaybookConfig.from_sphinx(config)


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


def daybook_config(config: Config) -> DaybookConfig:
    return DaybookConfig.from_sphinx(config)
