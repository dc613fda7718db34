"""The bundled schemas: draft-07 only, self-contained, described, and in step
with the limits in ``kinds.BATCHES`` and with the format registry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

import brevo_schema as bs
from brevo_schema.formats import FORMATS
from brevo_schema.kinds import BATCHES
from brevo_schema.rules.builtin import SCHEMA_KEYWORDS
from brevo_schema.schemas import schemas_dir

#: The draft-07 vocabulary (validation, applicators, annotations, core).
DRAFT_07 = {
    "$schema",
    "$id",
    "$ref",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "definitions",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "items",
    "additionalItems",
    "maxItems",
    "minItems",
    "uniqueItems",
    "contains",
    "maxProperties",
    "minProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "dependencies",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "format",
    "contentMediaType",
    "contentEncoding",
}
#: Keywords whose failures named rules always claim or that only combine others.
CLAIMED_OR_STRUCTURAL = {
    "$schema",
    "$id",
    "$ref",
    "title",
    "description",
    "default",
    "definitions",
    "properties",
    "items",
    "if",
    "then",
    "not",
}


def _schemas() -> Iterator[tuple[str, dict[str, Any]]]:
    for kind in bs.KINDS:
        yield kind, bs.schema(kind)


def _subschemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object inside ``node`` (keys of ``properties`` are names, not keywords)."""
    if isinstance(node, dict):
        yield node
        for keyword, value in node.items():
            if keyword in ("properties", "definitions"):
                for sub in value.values():
                    yield from _subschemas(sub)
            elif keyword in ("enum", "required", "const", "default", "examples"):
                continue
            elif isinstance(value, (dict, list)):
                yield from _subschemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _subschemas(item)


def _field_holders(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Object schemas that define fields (not the anyOf/if/then fragments that constrain them)."""
    yield node
    for value in list(node.get("definitions", {}).values()) + list(node.get("properties", {}).values()):
        yield from _field_holders(value)
    if isinstance(node.get("items"), dict):
        yield from _field_holders(node["items"])


@pytest.mark.parametrize("kind", bs.KINDS)
def test_schema_is_a_valid_draft_07_schema(kind: str) -> None:
    schema = bs.schema(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("kind", bs.KINDS)
def test_schema_uses_only_draft_07_keywords(kind: str) -> None:
    used = {k for sub in _subschemas(bs.schema(kind)) for k in sub}
    assert used <= DRAFT_07, f"not draft-07: {used - DRAFT_07}"


@pytest.mark.parametrize("kind", bs.KINDS)
def test_every_format_is_one_the_registry_knows(kind: str) -> None:
    formats = {sub["format"] for sub in _subschemas(bs.schema(kind)) if "format" in sub}
    assert formats <= set(FORMATS)


@pytest.mark.parametrize("kind", bs.KINDS)
def test_refs_are_local_and_resolve(kind: str) -> None:
    schema = bs.schema(kind)
    for sub in _subschemas(schema):
        ref = sub.get("$ref")
        if ref is not None:
            assert ref.startswith("#/definitions/"), ref
            assert ref.removeprefix("#/definitions/") in schema["definitions"]


@pytest.mark.parametrize("kind", bs.KINDS)
def test_objects_are_closed_except_meta_info(kind: str) -> None:
    for sub in _subschemas(bs.schema(kind)):
        if sub.get("type") == "object" and "properties" in sub:
            assert sub.get("additionalProperties") is False, sub.get("title")
        if sub.get("title", "").endswith("metaInfo"):
            assert isinstance(sub["additionalProperties"], dict)  # open keys, checked values


@pytest.mark.parametrize("kind", bs.KINDS)
def test_schema_and_every_field_are_described(kind: str) -> None:
    schema = bs.schema(kind)
    assert schema["$id"].endswith(f"/{kind}.json")
    assert schema["title"] and schema["description"]
    for sub in _field_holders(schema):
        for name, field in sub.get("properties", {}).items():
            if "type" in field or "$ref" in field:  # not an anyOf or if/then fragment
                described = "description" in field or (
                    "$ref" in field and "description" in schema["definitions"][field["$ref"].split("/")[-1]]
                )
                assert described, f"{kind}: {name} has no description"


def test_schema_keyword_rules_cover_every_failing_keyword() -> None:
    used = {k for _, s in _schemas() for sub in _subschemas(s) for k in sub}
    assert used - CLAIMED_OR_STRUCTURAL == set(SCHEMA_KEYWORDS)


# The batch schemas embed their item schemas: they are assembled, not kept in step by hand
# (brevo_schema.compile.assemble; tests/compile/test_build.py fails when one on disk is stale).


def test_batch_limits_are_those_of_the_table() -> None:
    for kind, shape in BATCHES.items():
        schema = bs.schema(kind)
        assert schema["properties"][shape.items_key]["maxItems"] == shape.most_items
        create = schema.get("then", {}).get("properties", {}).get(shape.items_key, {}).get("maxItems")
        assert create == (shape.max_items if shape.max_items_update is not None else None)


def test_schemas_on_disk_are_what_schema_returns() -> None:
    for kind in bs.KINDS:
        on_disk = json.loads((Path(schemas_dir()) / f"{kind}.json").read_text(encoding="utf-8"))
        assert on_disk == bs.schema(kind)


def test_schema_returns_a_copy() -> None:
    first = bs.schema("order")
    first["title"] = "changed"
    assert bs.schema("order")["title"] != "changed"


def test_schema_of_unknown_kind_names_the_kinds() -> None:
    with pytest.raises(bs.UnknownKind, match="order-batch"):
        bs.schema("orders")
