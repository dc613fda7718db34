"""The code generator: every keyword it supports means what jsonschema says it
means, and a keyword it does not support stops generation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from brevo_schema.codegen import compile_predicate, generate_module

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


def reference(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    from brevo_schema.formats import FORMATS

    checker = jsonschema.FormatChecker(formats=())
    for name, func in FORMATS.items():
        checker.checks(name)(func)
    return jsonschema.Draft7Validator(schema, format_checker=checker)


@pytest.mark.parametrize("schema", [KITCHEN_SINK, UNTYPED, OVERLAPPING], ids=["kitchen-sink", "untyped", "overlapping"])
def test_generated_predicate_agrees_with_jsonschema(schema: dict[str, Any]) -> None:
    predicate, judge = compile_predicate(schema), reference(schema)

    @given(JSON)
    def check(document: Any) -> None:
        assert predicate(document) == judge.is_valid(document)

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
    assert compile_predicate(KITCHEN_SINK)(value) is valid
    assert reference(KITCHEN_SINK).is_valid(value) is valid


def test_dollar_anchors_the_end_of_input_only() -> None:
    predicate = compile_predicate({"type": "string", "pattern": "^a$"})
    assert predicate("a") and not predicate("a\n")


def test_tuples_are_arrays() -> None:
    assert compile_predicate({"type": "array", "items": {"type": "integer"}})((1, 2))


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"type": "string", "const": "x"}, "const"),
        ({"if": {"type": "string"}, "then": {}, "else": {}}, "else"),
        ({"$ref": "https://example.com/x.json"}, "local definitions"),
        ({"$ref": "#/definitions/a", "definitions": {"a": {"items": {"$ref": "#/definitions/a"}}}}, "recursive"),
        ({"items": [{"type": "string"}]}, "tuple-form"),
        ({"enum": [[1]]}, "arrays or objects"),
    ],
)
def test_unsupported_schemas_stop_generation(schema: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_module(schema, "test")
