"""The private internals daybook uses (listed in ext/daybook/upstream.py) still have their shape."""

from __future__ import annotations

from daybook.upstream import shape_problems


def test_every_private_internal_daybook_relies_on_still_has_its_shape():
    problems = shape_problems()
    assert problems == [], (
        "an upgrade changed internals daybook relies on; see ext/daybook/upstream.py: " + "; ".join(problems)
    )


#: modules of other projects whose internals only upstream.py may import
PRIVATE_MODULES = (
    "sphinx.search._stopwords",
    "sphinx.search import js_index",
    "myst_parser.parsers.mdit",
    "sphinx_design",
    "pydata_sphinx_theme.toctree",
    "notfound.extension",
    "sphinx.environment.adapters.toctree",
    "sphinx.util._files",
    "sphinx.builders.latex.util",
    "sphinx.builders.html._assets",
)
#: private attributes only upstream.py may touch
PRIVATE_ATTRIBUTES = ("._docname_to_path", "._path_to_docname", ".listeners", "env.images", "config.values[")


def _offences(line: str) -> list[str]:
    code = line.split("#", 1)[0]
    found = [name for name in PRIVATE_ATTRIBUTES if name in code]
    if "import " in code:
        found += [name for name in PRIVATE_MODULES if name in code]
    return found


def test_no_module_outside_upstream_reaches_into_private_internals():
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "ext" / "daybook"
    offenders = [
        f"{path.relative_to(package)}:{number}: {name}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "upstream.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for name in _offences(line)
    ]
    assert offenders == []


def test_the_check_above_would_see_an_offence():
    assert _offences("    project._docname_to_path.pop(docname)") == ["._docname_to_path"]
    assert _offences("from sphinx_design.shared import create_component") == ["sphinx_design"]
    assert _offences("from ..upstream import create_component") == []
