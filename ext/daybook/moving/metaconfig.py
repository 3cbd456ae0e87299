"""``gatsby-meta-config.js`` read as data, never run.

Pure: knows nothing of Sphinx. The file is JavaScript; esprima parses it
and only literal values are taken: strings, numbers, booleans, ``null``,
template strings without a substitution, and arrays and objects of those.
Everything else (``process.env.GA``, a template string with ``${…}``, a
call, a sum) is named with the field it stands in and its source text, and
left out: the value exists only when Gatsby runs the file, and daybook does
not guess it.

The exported object is found as ``module.exports = {…}``, ``export default
{…}``, or either of them naming a top-level ``const`` bound to an object.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import esprima

#: what a field whose value is not a literal holds instead
NOT_CONSTANT = object()


@dataclass(frozen=True)
class Refused:
    """A field daybook cannot read as a constant, with why."""

    #: dotted path of the field: ``ga``, ``comment.utterances``, ``keywords[2]``
    field: str
    line: int
    #: the JavaScript as written, shortened
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field} (line {self.line}): {self.reason}: {self.source}"


@dataclass(frozen=True)
class MetaConfig:
    """The literal values of the exported object, and what was refused."""

    values: dict[str, Any]
    refused: tuple[Refused, ...] = ()
    #: lines of fields given twice (the last one counts, as in JavaScript)
    repeated: tuple[str, ...] = field(default_factory=tuple)

    def get(self, path: str, default: Any = None) -> Any:
        """The value at a dotted ``path`` (``comment.utterances``), ``default`` if absent or refused."""
        value: Any = self.values
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        return default if value is NOT_CONSTANT else value


class MetaConfigError(ValueError):
    """The file is not JavaScript daybook can read, or exports no object."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


def read_meta_config(text: str) -> MetaConfig:
    """The literal fields of the object ``text`` exports."""
    program = _parse(text)
    bindings = _top_level_objects(program)
    exported = _exported_object(program, bindings)
    if exported is None:
        raise MetaConfigError("no `module.exports = {…}` or `export default {…}` with an object")
    reader = _LiteralReader(text)
    values = reader.value(exported, "")
    assert isinstance(values, dict)
    return MetaConfig(values, tuple(reader.refused), tuple(reader.repeated))


def _parse(text: str) -> Any:
    options = {"range": True, "loc": True, "jsx": False}
    try:
        return esprima.parseModule(text, options)
    except esprima.Error as module_error:
        # sloppy-mode scripts (octal escapes, ``with``) are no module; a
        # real syntax error fails both ways and is reported as the module's
        try:
            return esprima.parseScript(text, options)
        except esprima.Error:
            raise MetaConfigError(
                f"not JavaScript daybook can read ({getattr(module_error, 'description', None) or module_error})",
                getattr(module_error, "lineNumber", None),
            ) from None


def _top_level_objects(program: Any) -> dict[str, Any]:
    """``const name = {…}`` at the top of the file, by name (declared once)."""
    found: dict[str, Any] = {}
    declared: set[str] = set()
    for statement in program.body:
        if statement.type != "VariableDeclaration":
            continue
        for declaration in statement.declarations:
            if declaration.id.type != "Identifier":
                continue
            name = declaration.id.name
            if name in declared:
                found.pop(name, None)
                continue
            declared.add(name)
            if declaration.init is not None and declaration.init.type == "ObjectExpression" and statement.kind == "const":
                found[name] = declaration.init
    return found


def _exported_object(program: Any, bindings: dict[str, Any]) -> Any:
    exported = None
    for statement in program.body:
        node = None
        if statement.type == "ExportDefaultDeclaration":
            node = statement.declaration
        elif statement.type == "ExpressionStatement" and statement.expression.type == "AssignmentExpression":
            assignment = statement.expression
            if assignment.operator == "=" and _is_module_exports(assignment.left):
                node = assignment.right
        if node is None:
            continue
        if node.type == "Identifier" and node.name in bindings:
            node = bindings[node.name]
        if node.type == "ObjectExpression":
            exported = node  # the last assignment wins, as when the file runs
    return exported


def _is_module_exports(node: Any) -> bool:
    return (
        node.type == "MemberExpression"
        and not node.computed
        and node.object.type == "Identifier"
        and node.object.name == "module"
        and node.property.type == "Identifier"
        and node.property.name == "exports"
    )


class _LiteralReader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.refused: list[Refused] = []
        self.repeated: list[str] = []

    def source(self, node: Any) -> str:
        start, end = node.range
        snippet = " ".join(self.text[start:end].split())
        return snippet if len(snippet) <= 80 else snippet[:77] + "..."

    def refuse(self, node: Any, path: str, reason: str) -> object:
        self.refused.append(Refused(path or "(the exported object)", node.loc.start.line, self.source(node), reason))
        return NOT_CONSTANT

    def value(self, node: Any, path: str) -> Any:
        kind = node.type
        if kind == "Literal":
            if getattr(node, "regex", None) is not None:
                return self.refuse(node, path, "a regular expression is not a setting")
            return python_string(node.value) if isinstance(node.value, str) else node.value
        if kind == "TemplateLiteral":
            if node.expressions:
                inner = ", ".join("${" + self.source(e) + "}" for e in node.expressions)
                return self.refuse(node, path, f"a template string with {inner} in it is known only when Gatsby runs")
            return python_string("".join(q.value.cooked for q in node.quasis))
        if kind == "UnaryExpression" and node.operator in ("-", "+") and node.argument.type == "Literal":
            number = node.argument.value
            if isinstance(number, (int, float)) and not isinstance(number, bool):
                return -number if node.operator == "-" else number
        if kind == "ArrayExpression":
            return [
                NOT_CONSTANT if item is None else self.value(item, f"{path}[{index}]")
                for index, item in enumerate(node.elements)
            ]
        if kind == "ObjectExpression":
            return self.object(node, path)
        if kind == "MemberExpression" and _dotted(node).startswith("process.env."):
            return self.refuse(node, path, "read from the environment when Gatsby builds, not written in the file")
        if kind == "Identifier" and node.name == "undefined":
            return None
        return self.refuse(node, path, "not a constant (only literal values are read)")

    def object(self, node: Any, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for prop in node.properties:
            if prop.type != "Property" or prop.computed or prop.kind != "init" or prop.method or prop.shorthand:
                self.refuse(prop, path, "not a plain `key: value` field")
                continue
            key = python_string(prop.key.name if prop.key.type == "Identifier" else str(prop.key.value))
            child = f"{path}.{key}" if path else key
            if key in out:
                self.repeated.append(child)
                # the earlier value's refusal no longer applies
                self.refused = [r for r in self.refused if not (r.field == child or r.field.startswith(child + "."))]
            out[key] = self.value(prop.value, child)
        return out


def python_string(text: str) -> str:
    """A JavaScript string as Python text.

    esprima keeps JavaScript's UTF-16 code units: 🏃 arrives as two
    surrogates. Pairs become the character; a lone surrogate, which no text
    can hold, becomes U+FFFD.
    """
    if not any("\ud800" <= char <= "\udfff" for char in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _dotted(node: Any) -> str:
    """``process.env.GA`` for a chain of plain member accesses, else ``""``."""
    parts: list[str] = []
    while node.type == "MemberExpression" and not node.computed:
        parts.append(node.property.name)
        node = node.object
    if node.type != "Identifier":
        return ""
    parts.append(node.name)
    return ".".join(reversed(parts))


def walk_literals(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of a read value with its dotted path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk_literals(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_literals(item, f"{path}[{index}]")
    else:
        yield path, value
