"""The one table of the draft-07 keywords the generators support, and what each means.

Both generated halves of a module, the predicate (``codegen``) and ``explain``
(``explaingen``), must mean the same thing by every keyword, or a document could
be valid to one and explained as invalid by the other. So the meaning lives here
once: each :class:`Keyword` knows the JSON type it constrains (its family, whose
guard both writers put around it), how to write "this value breaks me" as a
Python expression, and how the explainer splits that into issues (one per
missing key, one per unknown key). The writers only decide the layout: the
predicate returns at the first failure, the explainer reports every one.

A keyword missing from the table stops generation with :class:`Unsupported`,
so a schema can never be half-checked in silence. A new keyword goes here: one
entry, plus a walker method in both writers if it applies subschemas.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol
from urllib.parse import unquote

from .. import pointer as jp
from .._records import Value, init
from ..engine._support import enum_key
from ..formats import FORMATS, ecma_pattern

#: How each JSON type is tested; ``{}`` is the value's variable. int and float are
#: tried first, by identity, because nearly every number is one of them.
TYPE_TESTS = {
    "object": "isinstance({}, dict)",
    "array": "isinstance({}, (list, tuple))",
    "string": "isinstance({}, str)",
    "boolean": "isinstance({}, bool)",
    "null": "{} is None",
    "number": "(type({0}) is float or type({0}) is int or is_number({0}))",
    "integer": "(type({0}) is int or is_integer({0}))",
}
#: The guard a keyword family needs when no ``type`` has settled the value's type:
#: draft-07 keywords ignore values of other types (``minLength`` passes a number).
GUARDS = {
    "string": "isinstance({}, str)",
    # int and float by identity, and a string (a metaInfo value is usually one) without a call.
    "number": "(type({0}) is float or type({0}) is int or (type({0}) is not str and is_number({0})))",
    "object": "isinstance({}, dict)",
    "array": "isinstance({}, (list, tuple))",
}
#: Keywords that only annotate, or hold what ``$ref`` points into.
ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions"})


class Unsupported(ValueError):
    """A schema the generators refuse, and the keyword (or keyword form) to blame."""

    def __init__(self, keyword: str, message: str) -> None:
        super().__init__(message)
        self.keyword = keyword


class Names(Protocol):
    """What a keyword's expression needs from the module being written."""

    def constant(self, source: str, prefix: str) -> str:
        """The name of a module-level constant holding ``source``'s value."""

    def variable(self) -> str:
        """A fresh local variable name."""

    def matches(self, schema: Any, var: str, known: str | None) -> str:
        """An expression, true when ``var`` satisfies ``schema`` (a predicate's call)."""


class Check(Value):
    """One issue the explainer reports for a keyword: when ``fails`` holds, with
    ``detail`` (an expression). With ``key``, the check runs once per key of the
    object (``key`` being the loop variable), only once the whole keyword failed,
    and the issue points at the key."""

    __slots__ = ("fails", "detail", "key")
    fails: str
    detail: str
    key: str | None

    def __init__(self, fails: str, detail: str = "None", key: str | None = None) -> None:
        init(self, fails=fails, detail=detail, key=key)


#: ``fails(names, schema, var, known)``: an expression true when ``var`` breaks the
#: keyword of ``schema``, or None when the keyword asserts nothing there.
Fails = Callable[[Names, Mapping[str, Any], str, "str | None"], "str | None"]
#: ``checks(names, schema, var)``: the explainer's issues, when not the one ``fails``.
Checks = Callable[[Names, Mapping[str, Any], str], list[Check]]


class Keyword(Value):
    """One supported keyword. ``family`` is the JSON type it constrains (None: any
    value); ``applies`` says the writers walk its subschemas themselves (each
    writer has an ``apply_<name>`` method); ``partner`` names the keyword that
    handles this one (``then`` means nothing without ``if``)."""

    __slots__ = ("name", "family", "fails", "checks", "applies", "partner")
    name: str
    family: str | None
    fails: Fails | None
    checks: Checks | None
    applies: bool
    partner: str | None

    def __init__(
        self,
        name: str,
        family: str | None = None,
        fails: Fails | None = None,
        checks: Checks | None = None,
        applies: bool = False,
        partner: str | None = None,
    ) -> None:
        init(self, name=name, family=family, fails=fails, checks=checks, applies=applies, partner=partner)

    def issues(self, names: Names, schema: Mapping[str, Any], var: str) -> list[Check]:
        """What the explainer tests and reports for this keyword."""
        if self.checks is not None:
            return self.checks(names, schema, var)
        test = self.fails(names, schema, var, None) if self.fails is not None else None
        return [Check(test)] if test else []


# -- the expressions -------------------------------------------------------


def literal(keyword: str, value: Any) -> str:
    """``value`` (from the schema) as Python source. Python's ``json`` reads ``Infinity``
    and ``NaN``, which JSON has no place for and whose ``repr`` is no Python literal."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Unsupported(keyword, f"{keyword} holds {value!r}, which is no JSON number")
    if isinstance(value, (list, tuple)):
        for member in value:
            literal(keyword, member)
    elif isinstance(value, Mapping):
        for member in value.values():
            literal(keyword, member)
    return repr(value)


def type_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    unknown = [name for name in expected if name not in TYPE_TESTS]
    if unknown or not expected:
        raise Unsupported("type", f"type {schema['type']!r} names no JSON type")
    tests = [TYPE_TESTS[name].format(var) for name in expected]
    return f"not {tests[0]}" if len(tests) == 1 else f"not ({' or '.join(tests)})"


def enum_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    """JSON equality: 1 is 1.0, true is not 1, arrays and objects by value (``enum_key``).
    Strings, the usual case, are one set lookup; a lone true, false or null one ``is``."""
    allowed = schema["enum"]
    literal("enum", allowed)
    if len(allowed) == 1 and (allowed[0] is None or type(allowed[0]) is bool):
        return f"{var} is not {allowed[0]!r}"
    if allowed and all(type(v) is str for v in allowed):
        name = names.constant(f"frozenset({sorted(set(allowed))!r})", "ENUM")
        return f"{var} not in {name}" if known == "string" else f"not (isinstance({var}, str) and {var} in {name})"
    keys = list(dict.fromkeys(enum_key(v) for v in allowed))
    return f"not in_enum({var}, {names.constant(f'frozenset({keys!r})', 'ENUM')})"


def limit(name: str, family: str, operator: str, measure: str = "{}") -> Keyword:
    """A limit keyword: it fails when ``measure`` of the value is ``operator`` the limit."""

    def fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
        bound = schema[name]
        if type(bound) not in (int, float):
            raise Unsupported(name, f"{name} must be a number, not {bound!r}")
        return f"{measure.format(var)} {operator} {literal(name, bound)}"

    return Keyword(name, family, fails)


def min_length_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    limit = schema["minLength"]
    return f"not {var}" if limit == 1 else f"len({var}) < {limit!r}"


def pattern_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    regex = ecma_pattern(schema["pattern"])
    try:
        re.compile(regex)
    except re.error as error:
        raise Unsupported("pattern", f"pattern {schema['pattern']!r} is not a Python regex: {error}") from None
    return f"{names.constant(f're.compile({regex!r})', 'PATTERN')}.search({var}) is None"


def format_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    name = schema["format"]
    if name not in FORMATS:
        raise Unsupported("format", f"format {name!r} is not in brevo_schema.formats.FORMATS, so it would go unchecked")
    return f"not {names.constant(f'FORMATS[{name!r}]', 'FORMAT')}({var})"


def required_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str | None:
    required = list(dict.fromkeys(schema["required"]))
    if not required:
        return None
    if len(required) <= _REQUIRED_BY_NAME:
        # One lookup a key: ``keys() >= frozenset`` builds a view and cost three times as much
        # for an order line's two keys, and nearly twice as much for an order's six.
        return " or ".join(f"{name!r} not in {var}" for name in required)
    return f"not {var}.keys() >= {names.constant(f'frozenset({required!r})', 'REQUIRED')}"


#: Up to this many required keys are looked up one by one.
_REQUIRED_BY_NAME = 8


def required_checks(names: Names, schema: Mapping[str, Any], var: str) -> list[Check]:
    return [Check(f"{name!r} not in {var}", repr(name)) for name in dict.fromkeys(schema["required"])]


def known_keys(names: Names, schema: Mapping[str, Any]) -> str:
    """The constant naming ``schema``'s declared properties."""
    return names.constant(f"frozenset({sorted(schema.get('properties', {}))!r})", "KNOWN")


def additional_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str | None:
    if schema["additionalProperties"] is not False:
        return None  # a schema for the other keys: the writers' apply_additionalProperties
    return f"not {known_keys(names, schema)}.issuperset({var})"


def additional_checks(names: Names, schema: Mapping[str, Any], var: str) -> list[Check]:
    if schema["additionalProperties"] is not False:
        return []
    key = names.variable()
    return [Check(f"{key} not in {known_keys(names, schema)}", key, key)]


def any_of_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    return f"not ({' or '.join(names.matches(b, var, known) for b in schema['anyOf'])})"


def one_of_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    return f"{' + '.join(names.matches(b, var, known) for b in schema['oneOf'])} != 1"


def not_fails(names: Names, schema: Mapping[str, Any], var: str, known: str | None) -> str:
    return names.matches(schema["not"], var, known)


# -- the table --------------------------------------------------------------

_TABLE = (
    Keyword("type", fails=type_fails),
    Keyword("enum", fails=enum_fails),
    limit("minimum", "number", "<"),
    limit("maximum", "number", ">"),
    limit("exclusiveMinimum", "number", "<="),
    limit("exclusiveMaximum", "number", ">="),
    Keyword("minLength", "string", min_length_fails),
    limit("maxLength", "string", ">", "len({})"),
    Keyword("pattern", "string", pattern_fails),
    Keyword("format", "string", format_fails),
    limit("minItems", "array", "<", "len({})"),
    limit("maxItems", "array", ">", "len({})"),
    Keyword("items", "array", applies=True),
    limit("minProperties", "object", "<", "len({})"),
    limit("maxProperties", "object", ">", "len({})"),
    Keyword("required", "object", required_fails, required_checks),
    Keyword("additionalProperties", "object", additional_fails, additional_checks, applies=True),
    Keyword("properties", "object", applies=True),
    Keyword("anyOf", fails=any_of_fails),
    Keyword("oneOf", fails=one_of_fails),
    Keyword("not", fails=not_fails),
    Keyword("if", applies=True),
    Keyword("then", partner="if"),
)
#: Every supported keyword by name, in the predicate's order: the type first (it
#: narrows what follows), cheap tests before walks, combinators last.
KEYWORDS: Mapping[str, Keyword] = {k.name: k for k in _TABLE}


def check_supported(schema: Any, root: Mapping[str, Any]) -> None:
    """Raise :class:`Unsupported` unless every keyword of ``schema`` (a subschema of
    ``root``, or ``root`` itself) is in the table. A subschema's ``$id`` would change
    what the ``$ref``s under it mean: refused too, so none is resolved wrongly."""
    if not isinstance(schema, Mapping):
        raise Unsupported("schema", f"unsupported schema: {schema!r}")
    if "$id" in schema and schema is not root:
        raise Unsupported("$id", f"$id {schema['$id']!r} in a subschema (a new base URI) is not supported")
    unknown = sorted(set(schema) - KEYWORDS.keys() - ANNOTATIONS)
    if unknown:
        raise Unsupported(unknown[0], f"keywords {unknown} are not supported by brevo_schema.compile")


def known_type(schema: Mapping[str, Any]) -> str | None:
    """The one JSON type ``schema``'s ``type`` settles, if it names one."""
    expected = schema.get("type")
    return expected if isinstance(expected, str) else None


def covers(known: str | None, family: str | None) -> bool:
    """Whether a value known to be of type ``known`` needs no guard for ``family``."""
    return known == family or (family == "number" and known == "integer")


def resolve(root: Mapping[str, Any], ref: Any) -> tuple[Any, tuple[str | int, ...]]:
    """The subschema a local ``$ref`` (``#/a/b``: a JSON Pointer, percent-encoded) points
    at, and its path in ``root``. Remote and ``$id``-relative references are refused."""
    if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
        form = "$ref: remote" if not isinstance(ref, str) or not ref.startswith("#") else "$ref: anchor"
        raise Unsupported(form, f"only local definitions (JSON Pointers in this schema) are supported, not {ref!r}")
    node: Any = root
    path: list[str | int] = []
    for token in jp.split(unquote(ref[1:])):
        if isinstance(node, Mapping) and token in node:
            path.append(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            path.append(int(token))
        else:
            raise Unsupported("$ref: dangling", f"{ref!r} points at nothing in the schema")
        node = node[path[-1]]
    return node, tuple(path)
