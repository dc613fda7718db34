"""The code generator: every keyword it supports means what jsonschema says it
means, and a keyword it does not support stops generation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from brevo_schema.compile.codegen import generate_module, load
from brevo_schema.compile.keywords import Unsupported
from tests import reference as reference_engine

#: Every keyword codegen supports, in the combinations our schemas use and some they do not.
KITCHEN_SINK: dict[str, Any] = {
    "type": "object",
    "required": ["a"],
    "additionalProperties": False,
    "minProperties": 1,
    "maxProperties": 6,
    "anyOf": [{"required": ["a"]}, {"required": ["b"]}],
    "if": {"not": {"required": ["flag"], "properties": {"flag": {"type": "boolean", "enum": [True]}}}},
    "then": {"required": ["b"]},
    "properties": {
        "a": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^x"},
        "b": {"type": "integer", "minimum": 0, "maximum": 9},
        "c": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
        "flag": {"type": "boolean"},
        "d": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"$ref": "#/definitions/small"}},
        "e": {
            "type": "object",
            "properties": {"known": {"type": "null"}},
            "additionalProperties": {"type": ["string", "integer", "boolean"]},
        },
    },
    "definitions": {
        "small": {"enum": [1, "one", True, None], "oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]},
    },
}
UNTYPED: dict[str, Any] = {"minLength": 1, "minimum": 3, "required": ["k"], "maxItems": 1, "format": "date-time"}
OVERLAPPING: dict[str, Any] = {"oneOf": [{"type": "integer"}, {"minimum": 2}], "not": {"enum": [5, "x", False]}}

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 12)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "xy", "xyz!", "yy"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e", "flag", "known", "k", "z"]), inner, max_size=6)
    ),
    max_leaves=12,
)


def explained(module: Any, document: Any) -> list[tuple[str, str, str]]:
    """What the generated ``explain`` reports, as (keyword, pointer, detail)."""
    calls: list[tuple[str, str, str]] = []
    module.explain(document, lambda keyword, at, value, node, detail: calls.append((keyword, at, detail or "")))
    return sorted(calls)


def expected_issues(judge: jsonschema.Draft7Validator, document: Any) -> list[tuple[str, str, str]]:
    seen: set[Any] = set()
    issues = [i for e in judge.iter_errors(document) for i in reference_engine._issues_from(e, seen)]
    return sorted((i.keyword, i.pointer, i.detail or "") for i in issues)


def reference(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    from brevo_schema.formats import FORMATS

    checker = jsonschema.FormatChecker(formats=())
    for name, func in FORMATS.items():
        checker.checks(name)(func)
    return jsonschema.Draft7Validator(schema, format_checker=checker)


@pytest.mark.parametrize("schema", [KITCHEN_SINK, UNTYPED, OVERLAPPING], ids=["kitchen-sink", "untyped", "overlapping"])
def test_generated_predicate_agrees_with_jsonschema(schema: dict[str, Any]) -> None:
    module, judge = load(schema), reference(schema)

    @given(JSON)
    def check(document: Any) -> None:
        assert module.is_valid(document) == judge.is_valid(document)
        assert explained(module, document) == expected_issues(judge, document)

    check()


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ({"a": "xy", "b": 3}, True),
        ({"a": "xy", "b": True}, False),  # a bool is no integer
        ({"a": "xy", "b": 3.0}, True),  # 3.0 is an integer to JSON Schema
        ({"a": "xy", "b": 3.5}, False),
        ({"a": "xy", "b": 1, "c": Decimal("0.5")}, True),
        ({"a": "xy", "b": 1, "c": 1}, False),  # exclusiveMaximum
        ({"a": "xy", "flag": True}, True),  # if/then: the flag spares "b"
        ({"a": "xy", "flag": False}, False),
        ({"a": "xy", "b": 1, "d": [1]}, True),
        ({"a": "xy", "b": 1, "d": [1.0]}, True),  # 1.0 equals 1 for enum, and is an integer
        ({"a": "xy", "b": 1, "d": [True]}, False),  # in the enum, but matches no oneOf branch
        ({"a": "xy", "b": 1, "d": [1, None, 2]}, False),  # maxItems, and 2 is in no enum
        ({"a": "xy", "b": 1, "d": ["one"]}, True),
        ({"a": "xy", "b": 1, "d": [[1]]}, False),  # an array is in no enum
        ({"a": "xy", "b": 1, "e": {"known": None, "x": "s", "y": 2}}, True),
        ({"a": "xy", "b": 1, "e": {"known": 1}}, False),
        ({"a": "xy", "b": 1, "e": {"x": 1.5}}, False),
        ({"a": "x\n", "b": 1}, True),  # the pattern is only anchored at the start
        ({"a": "xy", "b": 1, "z": 0}, False),
        (("a",), False),
    ],
)
def test_kitchen_sink_cases(value: Any, valid: bool) -> None:
    assert load(KITCHEN_SINK).is_valid(value) is valid
    assert reference(KITCHEN_SINK).is_valid(value) is valid


def test_dollar_anchors_the_end_of_input_only() -> None:
    module = load({"type": "string", "pattern": "^a$"})
    assert module.is_valid("a") and not module.is_valid("a\n")
    assert explained(module, "a\n") == [("pattern", "", "")]


def test_tuples_are_arrays() -> None:
    module = load({"type": "array", "items": {"type": "integer"}})
    assert module.is_valid((1, 2))
    assert explained(module, (1, "2")) == [("type", "/1", "")]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"type": "string", "const": "x"}, "const"),
        ({"if": {"type": "string"}, "then": {}, "else": {}}, "else"),
        ({"$ref": "https://example.com/x.json"}, "local definitions"),
        ({"$ref": "#/definitions/a", "definitions": {"a": {"items": {"$ref": "#/definitions/a"}}}}, "recursive"),
        ({"items": [{"type": "string"}]}, "tuple-form"),
        ({"format": "ipv4"}, "not in brevo_schema.formats"),
        ({"items": False}, "false subschema"),
        ({"properties": {"a": {"$id": "http://x.invalid/a", "$ref": "#/definitions/b"}}}, "points at nothing"),
        ({"properties": {"a": {"$id": "http://x.invalid/a", "type": "string"}}}, "subschema"),
        ({"$ref": "#foo", "definitions": {"a": {"$id": "#foo"}}}, "local definitions"),
    ],
)
def test_unsupported_schemas_stop_generation(schema: dict[str, Any], message: str) -> None:
    with pytest.raises(Unsupported, match=message):
        generate_module(schema, "test")


#: JSON Schema equality: 1 == 1.0 (and Decimal 1), true is no 1, false no 0; arrays and objects
#: compare member by member with the same rule; a tuple is an array.
ENUM_CASES = [
    ([1], [1, 1.0, Decimal(1)], [True, False, 0, "1", [1], None]),
    ([0], [0, 0.0, -0.0], [False, True, None, "", [0]]),
    ([True], [True], [1, 1.0, "true", [True], None]),
    ([False], [False], [0, 0.0, None, "", []]),
    ([None], [None], [0, False, "", [], {}]),
    ([[1]], [[1], [1.0], (1,)], [[True], [1, 1], 1, [[1]]]),
    ([[False]], [[False], (False,)], [[0], [0.0], False, []]),
    ([{"a": [1, True]}], [{"a": [1.0, True]}, {"a": (1, True)}], [{"a": [1, 1]}, {"a": [True, True]}, {}, {"a": [1]}]),
    ([6, "foo", [], True, {"foo": 12}], [6, 6.0, "foo", [], (), True, {"foo": 12.0}], [{"foo": 12, "b": 1}, 1, None]),
    ([1.5, "1.5", None], [1.5, Decimal("1.5"), "1.5", None], [1, "1", False]),
    ([{"k": {"n": None}}, [[]]], [{"k": {"n": None}}, [[]], ([],)], [{"k": {}}, [], [[None]], {"k": {"n": False}}]),
]


@pytest.mark.parametrize(("allowed", "members", "others"), ENUM_CASES, ids=[repr(c[0]) for c in ENUM_CASES])
def test_enum_is_json_equality(allowed: list[Any], members: list[Any], others: list[Any]) -> None:
    schema = {"enum": allowed}
    module, judge = load(schema), reference(schema)
    for value in members:
        assert module.is_valid(value), value
        assert explained(module, value) == []
    for value in others:
        assert not module.is_valid(value), value
        assert explained(module, value) == [("enum", "", "")]
        if not isinstance(value, Decimal):
            assert not judge.is_valid(value), value  # jsonschema agrees on what JSON can carry


#: What a schema can hold: JSON values (finite numbers), nested, with the equalities that matter.
SCHEMA_VALUES = st.recursive(
    st.none() | st.booleans() | st.sampled_from([0, 1, 0.0, 1.0, -0.0, 2.5, "x", "1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
    max_leaves=6,
)


@given(SCHEMA_VALUES, SCHEMA_VALUES | JSON)
def test_enum_agrees_with_jsonschema_on_any_values(member: Any, candidate: Any) -> None:
    schema = {"enum": [member, "x", False]}
    assert load(schema).is_valid(candidate) == reference(schema).is_valid(candidate)


@pytest.mark.parametrize(
    ("schema", "valid", "invalid"),
    [
        ({"properties": {"foo": {}, "bar": {}}}, {"foo": 1}, None),  # nothing to check: no empty guard
        ({"items": True, "required": []}, [1], None),
        ({"properties": {"a": {}}, "additionalProperties": {"type": "string"}}, {"a": 1, "b": "x"}, {"b": 1}),
        (
            {
                "properties": {"t": {"$ref": "#/definitions/t~0f"}, "s": {"$ref": "#/definitions/s~1f%25"}},
                "definitions": {"t~f": {"type": "integer"}, "s/f%": {"type": "string"}},
            },
            {"t": 1, "s": "x"},
            {"t": "1"},
        ),
        ({"properties": {"a": {"$ref": "#/properties/b"}, "b": {"minimum": 2}}}, {"a": 2}, {"a": 1}),
    ],
)
def test_schemas_outside_our_own_generate_valid_code(schema: dict[str, Any], valid: Any, invalid: Any) -> None:
    module, judge = load(schema), reference(schema)
    assert module.is_valid(valid) and judge.is_valid(valid) and explained(module, valid) == []
    if invalid is not None:
        assert not module.is_valid(invalid) and not judge.is_valid(invalid)
        assert explained(module, invalid) == expected_issues(judge, invalid)


def test_every_keyword_that_applies_subschemas_has_both_walkers() -> None:
    from brevo_schema.compile.codegen import PredicateWriter
    from brevo_schema.compile.explaingen import ExplainWriter
    from brevo_schema.compile.keywords import KEYWORDS

    for keyword in KEYWORDS.values():
        for writer in (PredicateWriter, ExplainWriter):
            assert hasattr(writer, f"apply_{keyword.name}") is keyword.applies, (writer, keyword.name)
