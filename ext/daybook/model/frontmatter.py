"""Front matter of a Gatsby-style post: split it from the body and type it.

Pure: knows nothing of Sphinx. Every problem becomes a :class:`Problem` with the
line it is on, so the Sphinx glue can turn it into one warning.

YAML is read with the *base* loader, which keeps every scalar as the text the
author wrote (no YAML 1.1 guessing: ``yes`` stays ``"yes"``, ``2021-02-30`` does
not raise inside the loader, ``!!python/object`` is refused). Typing happens here,
field by field, so one bad field never costs the others.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

try:  # libyaml is several times faster; PyYAML falls back to pure Python
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]

#: Front matter larger than this is refused: no blog post needs it, and it
#: bounds what an alias-heavy ("billion laughs") block can cost us.
MAX_FRONT_MATTER_CHARS = 64 * 1024
#: Text fields longer than this are cut, with a warning.
MAX_TEXT_CHARS = 1000

@dataclass(frozen=True)
class Problem:
    """Something the author should fix, at ``line`` (1-based) of the file."""

    line: int
    subtype: str
    message: str
    #: the problem is why the post is private: say it even though the post is never read
    keeps_private: bool = False


@dataclass(frozen=True)
class FrontMatter:
    """The typed front matter of one post. Absent fields are ``None``/empty."""

    title: str | None = None
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    category: str | None = None
    thumbnail: str | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    description: str | None = None
    day: int | None = None
    #: line (1-based, in the file) of each field present, for warnings later on
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ParsedPost:
    """A post split into its typed front matter and its body."""

    #: ``None`` when the file has no usable front matter (a plain page)
    front_matter: FrontMatter | None
    #: number of lines the front matter block takes, fences included (0 if none)
    block_lines: int
    body: str
    problems: tuple[Problem, ...] = ()
    #: the front matter could not be read and may have said ``draft: true``
    private: bool = False


_FENCE = "---"
_CLOSERS = ("---", "...")


def split_front_matter(text: str) -> tuple[str | None, int, str]:
    """Return ``(yaml_text, block_lines, body)``.

    ``yaml_text`` is ``None`` when the text does not open with ``---``;
    ``block_lines`` is ``-1`` when it opens but never closes.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return None, 0, text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, index + 1, body
    return "\n".join(lines[1:]), -1, text


def body_after(text: str, block_lines: int) -> str:
    """The text after the first ``block_lines`` lines, as :func:`parse_post` splits it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if block_lines <= 0:
        return text
    parts = text.split("\n", block_lines)
    return parts[block_lines] if len(parts) > block_lines else ""


def parse_post(text: str) -> ParsedPost:
    """Split and type a post's front matter; never raises for any text.

    Front matter that cannot be read at all makes the post private (a draft),
    unless a ``draft:`` line in it plainly says false: an unreadable block may
    well have said ``draft: true``.
    """
    yaml_text, block_lines, body = split_front_matter(text)
    if yaml_text is None:
        return ParsedPost(None, 0, body)
    if block_lines == -1:
        # Keep the lines after the lone '---' as body text (a plain page);
        # the '---' itself would start the page with a transition.
        return _unreadable(
            yaml_text,
            1,
            body.split("\n", 1)[1] if "\n" in body else "",
            [Problem(1, "front_matter", "front matter opened with '---' is never closed: add a line '---' after its last field")],
        )
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return _unreadable(
            yaml_text,
            block_lines,
            body,
            [Problem(1, "front_matter", f"front matter is longer than {MAX_FRONT_MATTER_CHARS} characters")],
        )
    fields, problems = _load_mapping(yaml_text)
    if fields is None:
        return _unreadable(yaml_text, block_lines, body, problems)
    front_matter, field_problems = type_front_matter(fields)
    return ParsedPost(front_matter, block_lines, body, tuple(problems + field_problems))


_DRAFT_LINE = re.compile(r"^[ \t]*[\"']?draft[\"']?[ \t]*:(?P<value>.*)$", re.IGNORECASE | re.MULTILINE)


def recovered_draft(yaml_text: str) -> bool | None:
    """What the ``draft:`` lines of unreadable front matter say, when they all agree."""
    said = set()
    for match in _DRAFT_LINE.finditer(yaml_text):
        value = match["value"].split(" #", 1)[0].strip().strip("\"'")
        said.add(parse_bool(value) if value else None)
    return said.pop() if len(said) == 1 else None


def _unreadable(yaml_text: str, block_lines: int, body: str, problems: list[Problem]) -> ParsedPost:
    """A post whose front matter cannot be read: private unless it plainly is not a draft."""
    private = recovered_draft(yaml_text) is not False
    outcome = (
        "the post is kept private as a draft until the front matter is fixed (or says 'draft: false')"
        if private
        else "its 'draft: false' line was read; the file is built as a plain page"
    )
    first, *rest = problems
    told = Problem(first.line, first.subtype, f"{first.message}; {outcome}", keeps_private=private)
    return ParsedPost(None, block_lines, body, (told, *rest), private=private)


# --- YAML ------------------------------------------------------------------

_Fields = dict[str, tuple[object, int]]
#: stands for a field that was refused (and warned about) while loading
REFUSED = object()


def _load_mapping(yaml_text: str) -> tuple[_Fields | None, list[Problem]]:
    """Load the block as ``{key: (raw value, file line)}`` with base types only."""
    loader = _BaseLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, []
        if not isinstance(node, yaml.MappingNode):
            return None, [
                Problem(
                    2,
                    "front_matter",
                    "front matter must be 'key: value' lines",
                )
            ]
        fields: _Fields = {}
        problems: list[Problem] = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            # +2: the block starts after the opening '---' and lines are 1-based
            line = key_node.start_mark.line + 2
            if not isinstance(key, str):
                continue
            name = key.strip().lower()
            if name in fields:
                first = fields[name][1]
                if name == "draft":
                    # which one the author meant cannot be known: the safe one wins
                    problems.append(
                        Problem(
                            line,
                            "duplicate",
                            f"'draft' is given twice (lines {first} and {line}); the post is kept private until one is removed",
                            keeps_private=True,
                        )
                    )
                    fields[name] = (REFUSED, first)
                    continue
                problems.append(Problem(line, "duplicate", f"'{key}' is given twice (lines {first} and {line}); the last one is used"))
            foreign = _foreign_tag(value_node)
            if foreign:
                problems.append(
                    Problem(line, "yaml_tag", f"'{key}' carries the YAML tag {foreign}; tags are not allowed, the field is ignored")
                )
                fields[name] = (REFUSED, line)
                continue
            fields[name] = (loader.construct_object(value_node, deep=True), line)
        return fields, problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark is not None else 2
        reason = error.problem or error.context or "invalid YAML"
        advice = (
            "indent with spaces, not tabs"
            if "tab" in reason
            else "quote values that contain ': ' or start with a special character"
        )
        return None, [Problem(line, "yaml", f"front matter is not valid YAML ({reason}); {advice}")]
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        return None, [
            Problem(
                2,
                "yaml",
                f"front matter could not be read ({error.__class__.__name__})",
            )
        ]
    finally:
        loader.dispose()


_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "seq", "map", "int", "float", "bool", "null", "timestamp")
)


def _foreign_tag(node: yaml.Node) -> str | None:
    """The first tag under ``node`` that is not a plain YAML type (e.g. !!python/object)."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:  # aliases share nodes
            continue
        seen.add(id(current))
        if current.tag not in _PLAIN_TAGS:
            return current.tag.replace("tag:yaml.org,2002:", "!!")
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return None


# --- typing ----------------------------------------------------------------


def type_front_matter(fields: _Fields) -> tuple[FrontMatter, list[Problem]]:
    """Turn raw fields into a :class:`FrontMatter`, collecting problems."""
    problems: list[Problem] = []
    lines = {name: line for name, (_, line) in fields.items()}
    refused = {name for name, (value, _) in fields.items() if value is REFUSED}
    fields = {name: item for name, item in fields.items() if name not in refused}

    def text(name: str) -> str | None:
        if name not in fields:
            return None
        value, line = fields[name]
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            problems.append(
                Problem(line, "field", f"'{name}' should be one value, not a list; using '{value[0]}'")
            )
            value = value[0]
        if not isinstance(value, str):
            problems.append(
                Problem(line, "field", f"'{name}' should be text; the field is ignored")
            )
            return None
        value = value.strip()
        if len(value) > MAX_TEXT_CHARS:
            problems.append(
                Problem(line, "field", f"'{name}' is longer than {MAX_TEXT_CHARS} characters; it is cut")
            )
            value = value[:MAX_TEXT_CHARS]
        return value or None

    title = _one_line(text("title"))
    if "title" not in fields and "title" not in refused:
        problems.append(Problem(1, "title", "front matter has no 'title'; add one (the file name is used meanwhile)"))
    elif "title" in fields and title is None and isinstance(fields["title"][0], str):
        problems.append(Problem(lines["title"], "title", "'title' is empty; write one (the file name is used meanwhile)"))

    date = updated = None
    for name in ("date", "updated"):
        raw = text(name)
        if raw is None:
            continue
        parsed, problem = parse_date(raw)
        if problem:
            problems.append(Problem(lines[name], "date", f"'{name}: {raw}': {problem}"))
        if name == "date":
            date = parsed
        else:
            updated = parsed

    draft = "draft" in refused  # a refused flag keeps the post private
    if "draft" in fields:
        value, line = fields["draft"]
        parsed_bool = parse_bool(value)
        if parsed_bool is None:
            problems.append(
                Problem(
                    line,
                    "draft",
                    f"'draft: {value}' is neither true nor false; the post is "
                    "kept private as a draft until it says 'draft: false'",
                    keeps_private=True,
                )
            )
            draft = True
        else:
            draft = parsed_bool

    day = None
    if "day" in fields:
        raw_day = text("day")
        if raw_day is not None:
            if raw_day.isascii() and raw_day.isdigit():
                day = int(raw_day)
            else:
                problems.append(
                    Problem(lines["day"], "day", f"'day: {raw_day}' is not a whole number; it is ignored")
                )

    tags: list[str] = []
    if "tags" in fields:
        value, line = fields["tags"]
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            problems.append(Problem(line, "field", "'tags' should be a list of words; it is ignored"))
            items = []
        not_words = 0
        for item in items:
            if isinstance(item, str) and item.strip():
                tag = _one_line(item.strip())[:MAX_TEXT_CHARS]
                if tag not in tags:
                    tags.append(tag)
            elif not isinstance(item, str):
                not_words += 1
        if not_words:
            problems.append(Problem(line, "field", f"a tag should be a word; {not_words} entries of 'tags' are ignored" if not_words > 1 else "a tag should be a word; one entry of 'tags' is ignored"))

    return (
        FrontMatter(
            title=title,
            date=date,
            updated=updated,
            category=_one_line(text("category")),
            thumbnail=text("thumbnail"),
            draft=draft,
            tags=tuple(tags),
            description=text("description"),
            day=day,
            lines=lines,
        ),
        problems,
    )


_LINE_BREAKS = re.compile(r"[ \t]*[\n\r\v\f\x85\u2028\u2029][\s]*")


def _one_line(value: str | None) -> str | None:
    """Titles and categories are one line wherever they show (``<title>``, ``og:title``, the feed)."""
    return _LINE_BREAKS.sub(" ", value) if value is not None else None


_TRUE = frozenset({"true", "yes", "on", "y", "1"})
_FALSE = frozenset({"false", "no", "off", "n", "0", ""})


def parse_bool(value: object) -> bool | None:
    """True or false as people write it: YAML 1.1 booleans, 1/0, any case; ``None`` otherwise.

    Front matter's ``draft`` and ``conf.py``'s ``daybook_drafts`` (``-D
    daybook_drafts=1`` arrives as text) both read through this.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return None


_DATE = re.compile(
    r"""^\s*
    (?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:
        (?:[Tt]|\s+)
        (?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2})(?P<fraction>\.\d+)?)?
        \s*(?P<tz>[Zz]|[+-]\d{1,2}(?::?\d{2})?)?
    )?\s*$""",
    re.VERBOSE,
)


def parse_date(raw: str) -> tuple[dt.datetime | None, str | None]:
    """Read a date the way Gatsby published it.

    Accepts ``2021-03-03``, ``2021-03-03 10:50:00``, ``2018-4-19 16:21:13``,
    ISO 8601 with ``T`` and an offset. Seconds or minutes past 59, which Gatsby
    published as they overflow, roll into the next minute or hour, and
    one-digit minutes or seconds are read as numbers; the second value of the
    tuple then says what to fix (a date is still returned).
    Returns ``(None, reason)`` for text that is not a date at all.
    """
    match = _DATE.match(raw)
    if not match:
        return None, "not a date; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k not in ("tz", "fraction")}
    try:
        base = dt.datetime(parts["year"], parts["month"], parts["day"])
    except ValueError:
        return None, "not a calendar date; fix the year, month or day"
    hour, minute, second = parts.get("hour", 0), parts.get("minute", 0), parts.get("second", 0)
    if hour > 23:
        return None, "the hour is past 23; fix the time"
    overflow = minute > 59 or second > 59
    if minute > 99 or second > 99:
        return None, "the time is not a clock time; fix it"
    value = base + dt.timedelta(hours=hour, minutes=minute, seconds=second)
    if match["fraction"]:
        value += dt.timedelta(microseconds=round(float(match["fraction"]) * 1_000_000))
    tz = match["tz"]
    if tz:
        try:
            value = value.replace(tzinfo=_offset(tz))
        except ValueError:
            return None, "the UTC offset is not one; write it as +09:00"
        try:
            value.astimezone(dt.timezone.utc)  # the book orders and publishes dates in UTC
        except OverflowError:
            return None, "the date with its offset falls outside the years 1 to 9999; fix the year"
    if overflow:
        return value, (
            f"the time has minutes or seconds past 59; read as "
            f"{value.strftime('%Y-%m-%d %H:%M:%S')}, write it that way"
        )
    # YAML and Python want two-digit minutes and seconds; Gatsby did not
    unpadded = any(match[name] is not None and len(match[name]) == 1 for name in ("minute", "second"))
    if unpadded:
        return value, (
            f"minutes and seconds take two digits; read as "
            f"{value.strftime('%Y-%m-%d %H:%M:%S')}, write it that way"
        )
    return value, None


def _offset(tz: str) -> dt.timezone:
    if tz in ("Z", "z"):
        return dt.timezone.utc
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours = int(digits[:-2] or 0) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
