"""The README's configuration table is daybook's configuration, so it cannot drift.

The table is generated from :class:`daybook.config.DaybookConfig`: each
``daybook_*`` value, its type, its default as ``conf.py`` writes it and the
first sentence of its description. ``python tests/project/test_readme.py`` writes it
into README.md again after a change to ``config.py``.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
BEGIN = "<!-- daybook config table:"
END = "<!-- end of daybook config table -->"
HEADER = "| value | type | default | meaning |\n| --- | --- | --- | --- |\n"

#: each field's annotation in config.py, as a reader of conf.py writes the value
TYPES = {
    "bool": "true/false",
    "int": "whole number",
    "str": "text",
    "tuple[str, ...]": "list of text",
    "CommentSettings | None": "dict",
    "ProfileSettings | None": "dict",
}


def _first_sentence(doc: str) -> str:
    """Up to the first full stop, without a dict or list of examples after a colon."""
    sentence = re.split(r"(?<=\.)(?:\s|$)", doc, maxsplit=1)[0]
    sentence = re.split(r":\s+[{\[]", sentence, maxsplit=1)[0]
    return sentence if sentence.endswith(".") else sentence + "."


def _conf_py_default(item: dataclasses.Field) -> str:
    default = item.default
    if default is None and item.metadata.get("parse") is not None:
        return "{}"
    if isinstance(default, tuple):
        return "[" + ", ".join(f'"{v}"' for v in default) + "]"
    if isinstance(default, str):
        return f'"{default}"'
    return repr(default)


def config_table() -> str:
    from daybook.config import PREFIX, DaybookConfig

    rows = []
    for item in dataclasses.fields(DaybookConfig):
        kind = TYPES[str(item.type)]  # a new kind of value: name it in TYPES
        meaning = _first_sentence(" ".join(item.metadata["doc"].split())).replace("|", "\\|")
        rows.append(f"| `{PREFIX}{item.name}` | {kind} | `{_conf_py_default(item)}` | {meaning} |\n")
    return HEADER + "".join(rows)


def _table_in(text: str) -> tuple[int, int]:
    """Where the table is: from after the line that opens it to the line that closes it."""
    start = text.index("\n", text.index(BEGIN)) + 1
    return start, text.index(END, start)


def test_the_readme_configuration_table_is_the_config():
    text = README.read_text(encoding="utf-8")
    start, end = _table_in(text)
    assert text[start:end] == config_table(), "run: python tests/project/test_readme.py"


def test_every_daybook_value_has_a_type_a_reader_knows():
    from daybook.config import DaybookConfig

    assert {str(f.type) for f in dataclasses.fields(DaybookConfig)} <= set(TYPES)


#: the README, the developer's map beside the code, the benchmarks' beside the benchmarks
READMES = (README, REPO / "ext/daybook/README.md", REPO / "tests/benchmark/README.md")


def test_the_readmes_link_only_to_files_that_exist():
    for readme in READMES:
        text = re.sub(r"(`+).*?\1", "", readme.read_text(encoding="utf-8"))  # links, not code
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" not in target:
                assert (readme.parent / target).exists(), f"{readme.relative_to(REPO)}: {target}"


def test_the_guarantees_name_only_test_files_that_exist():
    text = (REPO / "ext/daybook/README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(tests/[\w/]+\.py)", text))
    assert named
    assert sorted(n for n in named if not (REPO / n).is_file()) == []


def test_the_readme_is_short():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 300


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "ext"))
    text = README.read_text(encoding="utf-8")
    start, end = _table_in(text)
    README.write_text(text[:start] + config_table() + text[end:], encoding="utf-8")
