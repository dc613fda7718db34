"""Writes the explaining half of each generated module: ``explain(data, report)``.

Where the predicate stops at the first failure, ``explain`` visits everything
and calls ``report(keyword, pointer, value, node, detail)`` once per failing
keyword, ``node`` being an index into the module's ``NODES`` (the schema
locations), so the generated code needs no schema and no issue class: the
caller (``engine.explainer``) turns the calls into ``SchemaIssue`` objects.

It reports what jsonschema reports (the property tests compare them issue for
issue): every failing keyword, in the schema's own order, each value's pointer
written out only when something fails there (a pointer is a Python expression
the generator assembles; a valid subtree never builds one). Combinators (anyOf,
oneOf, not, if) ask the module's predicates, because a failing branch is
reported as one issue at the combinator, never branch by branch; and a
definition's object or array is only walked when its predicate says no.

The tests each keyword makes, and the issues it splits into, come from the one
table in ``keywords`` (the predicate writer reads it too); this module decides
the layout: guards around runs of one family, pointers, the walk.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol

from .. import pointer as jp
from .._records import Value, init
from .keywords import GUARDS, KEYWORDS, Keyword, Unsupported, check_supported, covers, known_keys, known_type
from .layout import indent

Path = tuple[str | int, ...]
#: A pointer as parts: ("text", "/products") or ("index", "i3") or ("key", "k4").
Parts = tuple[tuple[str, str], ...]


class Predicates(Protocol):
    """What the explainer needs from the module's predicate writer (``codegen``)."""

    def constant(self, source: str, prefix: str) -> str: ...
    def variable(self) -> str: ...
    def matches(self, schema: Any, var: str, known: str | None) -> str: ...
    def predicate(self, schema: Any, name: str | None = None) -> str: ...
    def expand(self, ref: str) -> AbstractContextManager[tuple[Any, Path]]: ...


class Site(Value):
    """Where code is being written: the variable holding the value, its pointer, the
    lines being written and their indentation depth."""

    __slots__ = ("var", "at", "out", "depth")
    var: str
    at: Parts
    out: list[str]
    depth: int

    def __init__(self, var: str, at: Parts, out: list[str], depth: int) -> None:
        init(self, var=var, at=at, out=out, depth=depth)


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


def runs(keywords: list[Keyword]) -> Iterator[list[Keyword]]:
    """``keywords`` in runs that share a guard: consecutive keywords of one family; a
    keyword that applies to any value (family None) is a run of its own."""
    run: list[Keyword] = []
    for keyword in keywords:
        if run and (keyword.family is None or keyword.family != run[0].family):
            yield run
            run = []
        run.append(keyword)
    if run:
        yield run


class ExplainWriter:
    """Writes ``explain`` for one root schema, sharing the predicate writer's constants."""

    def __init__(self, predicates: Predicates) -> None:
        self.predicates = predicates
        self.nodes: list[Path] = []
        self.root: Mapping[str, Any] = {}

    def node(self, path: Path) -> int:
        if path not in self.nodes:
            self.nodes.append(path)
        return self.nodes.index(path)

    def function(self, root: Mapping[str, Any]) -> str:
        """The source of ``explain(data, report)`` for ``root``."""
        self.root = root
        body: list[str] = []
        self.schema(root, (), Site("data", (), body, 1))
        return "\n".join(["def explain(data, report):", *(body or ["    pass"])])

    def nodes_source(self) -> str:
        return f"NODES = {tuple(self.nodes)!r}"

    # -- schemas -----------------------------------------------------------

    def schema(self, schema: Any, path: Path, site: Site) -> None:
        var, at, out, depth = site.var, site.at, site.out, site.depth
        if isinstance(schema, Mapping) and "$ref" in schema:
            with self.predicates.expand(schema["$ref"]) as (target, target_path):
                if _is_container(target):
                    # A failing document is mostly valid: ask the predicate before walking a
                    # definition's object or array key by key (order lines, billing...).
                    body: list[str] = []
                    self.schema(target, target_path, Site(var, at, body, depth + 1))
                    if body:
                        out.append(f"{indent(depth)}if not {self.predicates.predicate(target)}({var}):")
                        out.extend(body)
                else:
                    self.schema(target, target_path, site)
            return
        if schema is True or schema == {}:
            return
        if schema is False:
            raise Unsupported("false subschema", "a false subschema is not supported: no keyword explains it")
        check_supported(schema, self.root)
        node = self.node(path)
        present = [KEYWORDS[k] for k in schema if k in KEYWORDS and not KEYWORDS[k].partner]
        after_type = False  # whether the last statement written is this schema's type test
        for run in runs(present):
            family = run[0].family
            body = []
            inner = Site(var, at, body, depth if family is None else depth + 1)
            for keyword in run:
                self.keyword(keyword, schema, path, node, inner)
            if body and family is not None:
                if after_type and covers(known_type(schema), family):
                    out.append(f"{indent(depth)}else:")  # the type test just written is the guard
                else:
                    out.append(f"{indent(depth)}if {GUARDS[family].format(var)}:")
            out.extend(body)
            after_type = run[0].name == "type"

    def report(self, keyword: str, at: Parts, var: str, node: int, detail: str = "None") -> str:
        return f"report({keyword!r}, {pointer_expression(at)}, {var}, {node}, {detail})"

    def keyword(self, keyword: Keyword, schema: Mapping[str, Any], path: Path, node: int, site: Site) -> None:
        """Write ``keyword``'s tests and reports, then walk its subschemas if it has any."""
        var, at, out, depth = site.var, site.at, site.out, site.depth
        pad = indent(depth)
        for check in keyword.issues(self.predicates, schema, var):
            if check.key is None:
                out.append(f"{pad}if {check.fails}:")
                out.append(f"{pad}    {self.report(keyword.name, at, var, node, check.detail)}")
            else:  # one issue per key, looked for only once the keyword as a whole fails
                assert keyword.fails is not None, f"{keyword.name}: a per-key check needs the keyword's own test"
                out.append(f"{pad}if {keyword.fails(self.predicates, schema, var, None)}:")
                out.append(f"{pad}    for {check.key} in {var}:")
                out.append(f"{pad}        if {check.fails}:")
                report = self.report(keyword.name, (*at, ("key", check.key)), var, node, check.detail)
                out.append(f"{pad}            {report}")
        if keyword.applies:
            getattr(self, f"apply_{keyword.name}")(schema, path, site)

    # -- keywords that apply subschemas (``Keyword.applies``) --------------

    def apply_items(self, schema: Mapping[str, Any], path: Path, site: Site) -> None:
        var, at, out, depth = site.var, site.at, site.out, site.depth
        items = schema["items"]
        if not isinstance(items, (Mapping, bool)):
            raise Unsupported("items: tuple form", "tuple-form items is not supported by brevo_schema.compile")
        body: list[str] = []
        index, item = self.predicates.variable(), self.predicates.variable()
        self.schema(items, (*path, "items"), Site(item, (*at, ("index", index)), body, depth + 1))
        if body:
            out.append(f"{indent(depth)}for {index}, {item} in enumerate({var}):")
            out.extend(body)

    def apply_properties(self, schema: Mapping[str, Any], path: Path, site: Site) -> None:
        var, at, out, depth = site.var, site.at, site.out, site.depth
        pad = indent(depth)
        for name, sub in schema["properties"].items():
            body: list[str] = []
            value = self.predicates.variable()
            where = Site(value, (*at, ("text", "/" + jp.escape(name))), body, depth + 1)
            self.schema(sub, (*path, "properties", name), where)
            if body:
                out.append(f"{pad}if {name!r} in {var}:")
                out.append(f"{pad}    {value} = {var}[{name!r}]")
                out.extend(body)

    def apply_additionalProperties(self, schema: Mapping[str, Any], path: Path, site: Site) -> None:
        var, at, out, depth = site.var, site.at, site.out, site.depth
        extra = schema["additionalProperties"]
        if isinstance(extra, bool) or extra == {}:
            return  # false is the keyword's own check
        body: list[str] = []
        key, value = self.predicates.variable(), self.predicates.variable()
        self.schema(extra, (*path, "additionalProperties"), Site(value, (*at, ("key", key)), body, depth + 2))
        if body:
            out.append(f"{indent(depth)}for {key}, {value} in {var}.items():")
            out.append(f"{indent(depth)}    if {key} not in {known_keys(self.predicates, schema)}:")
            out.extend(body)

    def apply_if(self, schema: Mapping[str, Any], path: Path, site: Site) -> None:
        var, at, out, depth = site.var, site.at, site.out, site.depth
        if "then" not in schema:
            return
        body: list[str] = []
        self.schema(schema["then"], (*path, "then"), Site(var, at, body, depth + 1))
        if body:
            out.append(f"{indent(depth)}if {self.predicates.predicate(schema['if'])}({var}):")
            out.extend(body)


def _is_container(schema: Any) -> bool:
    return isinstance(schema, Mapping) and any(k in schema for k in ("properties", "additionalProperties", "items"))


__all__ = ["ExplainWriter", "Site", "pointer_expression"]
