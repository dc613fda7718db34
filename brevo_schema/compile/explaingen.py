"""Writes the explaining half of each generated module: ``explain(data, report)``.

Where the predicate stops at the first failure, ``explain`` visits everything
and calls ``report(keyword, pointer, value, node, detail)`` once per failing
keyword, ``node`` being an index into the module's ``NODES`` (the schema
locations), so the generated code needs no schema and no issue class: the
caller (``checker``) turns the calls into ``SchemaIssue`` objects.

It reports what jsonschema reports (the property tests compare them issue for
issue): every failing keyword, in the schema's own order, each value's pointer
written out only when something fails there (a pointer is a Python expression
the generator assembles; a valid subtree never builds one). Combinators (anyOf,
oneOf, not, if) ask the module's predicates, because a failing branch is
reported as one issue at the combinator, never branch by branch; and a
definition's object or array is only walked when its predicate says no.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import pointer as jp
from .codegen import GUARDS, indent

if TYPE_CHECKING:
    from .codegen import Writer

Path = tuple[str | int, ...]
#: A pointer as parts: ("text", "/products") or ("index", "i3") or ("key", "k4").
Parts = tuple[tuple[str, str], ...]

_FAMILIES = {
    "minimum": "number",
    "maximum": "number",
    "exclusiveMinimum": "number",
    "exclusiveMaximum": "number",
    "minLength": "string",
    "maxLength": "string",
    "pattern": "string",
    "format": "string",
    "required": "object",
    "properties": "object",
    "additionalProperties": "object",
    "minProperties": "object",
    "maxProperties": "object",
    "items": "array",
    "minItems": "array",
    "maxItems": "array",
}


class Site(NamedTuple):
    """Where code is being written: the variable holding the value, its pointer, the
    lines being written and their indentation depth."""

    var: str
    at: Parts
    out: list[str]
    depth: int


def pointer_expression(parts: Parts) -> str:
    """The Python expression that builds the pointer ``parts`` describe."""
    pieces: list[str] = []
    text = ""
    for kind, value in parts:
        if kind == "text":
            text += value
            continue
        if text:
            pieces.append(repr(text))
            text = ""
        pieces.append(f'"/" + str({value})' if kind == "index" else f'"/" + escape({value})')
    if text or not pieces:
        pieces.append(repr(text))
    return " + ".join(pieces)


class Explainer:
    """Writes ``explain`` for one root schema, sharing the predicate writer's constants."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.nodes: list[Path] = []

    def node(self, path: Path) -> int:
        if path not in self.nodes:
            self.nodes.append(path)
        return self.nodes.index(path)

    def function(self, root: Mapping[str, Any]) -> str:
        body: list[str] = []
        self.schema(root, (), Site("data", (), body, 1))
        lines = ["def explain(data, report):", *(body or ["    pass"])]
        return "\n".join(lines)

    def nodes_source(self) -> str:
        return f"NODES = {tuple(self.nodes)!r}"

    # -- schemas -----------------------------------------------------------

    def schema(self, schema: Any, path: Path, site: Site) -> None:
        var, at, out, depth = site
        if isinstance(schema, Mapping) and "$ref" in schema:
            ref = schema["$ref"]
            name = ref.removeprefix("#/definitions/")
            target = self.writer.resolve(schema)
            self.writer.expanding.append(ref)
            if _is_container(target):
                # A failing document is mostly valid: ask the predicate before walking a
                # definition's object or array key by key (order lines, billing...).
                body: list[str] = []
                self.schema(target, ("definitions", name), Site(var, at, body, depth + 1))
                if body:
                    out.append(f"{indent(depth)}if not {self.writer.predicate(target)}({var}):")
                    out.extend(body)
            else:
                self.schema(target, ("definitions", name), site)
            self.writer.expanding.pop()
            return
        if schema is True or schema == {}:
            return
        self.writer.check_supported(schema)
        node = self.node(path)
        keywords = [k for k in schema if k in _FAMILIES or k in ("type", "enum", "anyOf", "oneOf", "not", "if")]
        index = 0
        while index < len(keywords):
            keyword = keywords[index]
            family = _FAMILIES.get(keyword)
            if family is None:
                self.combinator(keyword, schema, path, node, site)
                index += 1
                continue
            run = [keyword]
            while index + len(run) < len(keywords) and _FAMILIES.get(keywords[index + len(run)]) == family:
                run.append(keywords[index + len(run)])
            index += len(run)
            if (
                out
                and out[-1].endswith(f"report('type', {pointer_expression(at)}, {var}, {node}, None)")
                and (schema.get("type") == family)
            ):
                out.append(f"{indent(depth)}else:")  # the type test just made is this run's guard
            else:
                out.append(f"{indent(depth)}if {GUARDS[family].format(var)}:")
            for name in run:
                self.keyword(name, schema, path, node, site._replace(depth=depth + 1))

    def report(self, keyword: str, at: Parts, var: str, node: int, detail: str = "None") -> str:
        return f"report({keyword!r}, {pointer_expression(at)}, {var}, {node}, {detail})"

    def combinator(self, keyword: str, schema: Mapping[str, Any], path: Path, node: int, site: Site) -> None:
        var, at, out, depth = site
        pad, writer = indent(depth), self.writer
        if keyword == "type":
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            test = " or ".join(writer.type_test(n, var) for n in names)
            out.append(f"{pad}if not ({test}):")
        elif keyword == "enum":
            out.append(f"{pad}if not {writer.enum_test(schema['enum'], var, None)}:")
        elif keyword == "anyOf":
            calls = " or ".join(f"{writer.predicate(b)}({var})" for b in schema["anyOf"])
            out.append(f"{pad}if not ({calls}):")
        elif keyword == "oneOf":
            calls = " + ".join(f"{writer.predicate(b)}({var})" for b in schema["oneOf"])
            out.append(f"{pad}if {calls} != 1:")
        elif keyword == "not":
            out.append(f"{pad}if {writer.predicate(schema['not'])}({var}):")
        else:  # if / then
            if "then" not in schema:
                return
            body: list[str] = []
            self.schema(schema["then"], (*path, "then"), Site(var, at, body, depth + 1))
            if body:
                out.append(f"{pad}if {writer.predicate(schema['if'])}({var}):")
                out.extend(body)
            return
        out.append(f"{pad}    {self.report(keyword, at, var, node)}")

    def keyword(self, keyword: str, schema: Mapping[str, Any], path: Path, node: int, site: Site) -> None:
        var, at, out, depth = site
        pad, value = indent(depth), schema[keyword]
        failing = {
            "minimum": f"{var} < {value!r}",
            "maximum": f"{var} > {value!r}",
            "exclusiveMinimum": f"{var} <= {value!r}",
            "exclusiveMaximum": f"{var} >= {value!r}",
            "minLength": f"len({var}) < {value!r}",
            "maxLength": f"len({var}) > {value!r}",
            "minProperties": f"len({var}) < {value!r}",
            "maxProperties": f"len({var}) > {value!r}",
            "minItems": f"len({var}) < {value!r}",
            "maxItems": f"len({var}) > {value!r}",
        }
        if keyword in failing:
            out.append(f"{pad}if {failing[keyword]}:")
            out.append(f"{pad}    {self.report(keyword, at, var, node)}")
        elif keyword in ("pattern", "format"):
            out.append(f"{pad}if {self.writer.string_test(keyword, value, var)}:")
            out.append(f"{pad}    {self.report(keyword, at, var, node)}")
        elif keyword == "required":
            for name in dict.fromkeys(value):
                out.append(f"{pad}if {name!r} not in {var}:")
                out.append(f"{pad}    {self.report(keyword, at, var, node, repr(name))}")
        elif keyword == "properties":
            self.properties(value, path, site)
        elif keyword == "additionalProperties":
            self.additional(schema, path, node, site)
        else:  # items
            if not isinstance(value, (Mapping, bool)):
                raise ValueError("tuple-form items is not supported by codegen")
            body: list[str] = []
            index, item = self.writer.variable(), self.writer.variable()
            self.schema(value, (*path, "items"), Site(item, (*at, ("index", index)), body, depth + 1))
            if body:
                out.append(f"{pad}for {index}, {item} in enumerate({var}):")
                out.extend(body)

    def properties(self, properties: Mapping[str, Any], path: Path, site: Site) -> None:
        var, at, out, depth = site
        pad = indent(depth)
        for name, sub in properties.items():
            body: list[str] = []
            value = self.writer.variable()
            where = Site(value, (*at, ("text", "/" + jp.escape(name))), body, depth + 1)
            self.schema(sub, (*path, "properties", name), where)
            if body:
                out.append(f"{pad}if {name!r} in {var}:")
                out.append(f"{pad}    {value} = {var}[{name!r}]")
                out.extend(body)

    def additional(self, schema: Mapping[str, Any], path: Path, node: int, site: Site) -> None:
        var, at, out, depth = site
        pad, extra = indent(depth), schema["additionalProperties"]
        known = self.writer.constant(f"frozenset({sorted(schema.get('properties', {}))!r})", "KNOWN")
        key = self.writer.variable()
        if extra is False:
            out.append(f"{pad}if not {known}.issuperset({var}):")
            out.append(f"{pad}    for {key} in {var}:")
            out.append(f"{pad}        if {key} not in {known}:")
            report = self.report("additionalProperties", (*at, ("key", key)), var, node, key)
            out.append(f"{pad}            {report}")
            return
        body: list[str] = []
        value = self.writer.variable()
        self.schema(extra, (*path, "additionalProperties"), Site(value, (*at, ("key", key)), body, depth + 2))
        if body:
            out.append(f"{pad}for {key}, {value} in {var}.items():")
            out.append(f"{pad}    if {key} not in {known}:")
            out.extend(body)


def _is_container(schema: Any) -> bool:
    return isinstance(schema, Mapping) and any(k in schema for k in ("properties", "additionalProperties", "items"))
