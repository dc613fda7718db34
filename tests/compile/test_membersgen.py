"""``members`` (``compile.membersgen``) counts a valid document's object members exactly.

``io.ndjson``'s fast path takes what plain ``json`` made of a line only when the line's text
holds no more keys than the document has members; a count too high would let a key given
twice pass unseen. So every count is held to one made independently: the pairs ``json``
hands its ``object_pairs_hook`` when it reads the document's text.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brevo_schema import KINDS
from brevo_schema import strategies as bst
from brevo_schema.compile.codegen import load
from brevo_schema.engine import predicates
from brevo_schema.engine._support import count_members
from tests.engine.test_properties import generator_schema, reference_generator, scaled


def pairs_in_text(document: Any) -> int:
    """The members of ``document`` as ``json`` reads them from its text, pair by pair."""
    total = 0

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal total
        total += len(pairs)
        return dict(pairs)

    json.loads(json.dumps(document), object_pairs_hook=hook)
    return total


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=30,
)


@given(JSON)
def test_count_members_counts_every_pair_at_every_depth(document: Any) -> None:
    assert count_members(document) == pairs_in_text(document)


@pytest.mark.parametrize("kind", KINDS)
def test_members_of_the_payloads_our_strategies_draw(kind: str) -> None:
    @settings(max_examples=scaled(0.3))
    @given(bst.payloads(kind))
    def check(document: Any) -> None:
        document = json.loads(json.dumps(document))  # as a parser hands it over
        assert predicates.schema_valid(document, kind)
        assert predicates.members(document, kind) == pairs_in_text(document)

    check()


@pytest.mark.parametrize("kind", KINDS)
def test_members_of_every_shape_the_schemas_allow(kind: str) -> None:
    """hypothesis-jsonschema draws from the schema itself: shapes our strategies never make."""
    from_schema = reference_generator()

    @settings(max_examples=scaled(0.1), suppress_health_check=list(HealthCheck))
    @given(from_schema(generator_schema(kind)))
    def check(document: Any) -> None:
        if predicates.schema_valid(document, kind):
            assert predicates.members(document, kind) == pairs_in_text(document)

    check()


#: Schemas that leave the shape open somewhere, so ``members`` must walk there.
OPEN_SHAPES: list[dict[str, Any]] = [
    {},
    {"type": "object"},
    {"type": ["object", "string"]},
    {"type": "object", "properties": {"a": {"type": "object"}}, "additionalProperties": False},
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object"}}},
    {
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "additionalProperties": {"type": "object", "additionalProperties": False, "properties": {"b": {}}},
    },
    {"type": "array"},
    {"anyOf": [{"type": "object"}, {"type": "array"}]},
    {"type": "object", "properties": {"n": {"type": "integer"}, "s": {"type": ["string", "null"]}}},
]


@pytest.mark.parametrize("schema", OPEN_SHAPES, ids=[json.dumps(s) for s in OPEN_SHAPES])
def test_members_where_the_schema_leaves_the_shape_open(schema: dict[str, Any]) -> None:
    from_schema = reference_generator()
    module = load(schema)

    @settings(max_examples=40, suppress_health_check=list(HealthCheck))
    @given(from_schema(schema))
    def check(document: Any) -> None:
        assert module.is_valid(document)
        assert module.members(document) == pairs_in_text(document)

    check()


@pytest.mark.parametrize("kind", KINDS)
def test_the_bundled_schemas_need_no_walk(kind: str) -> None:
    """Every object in a bundled schema is closed and typed, so ``members`` is a few ``len()``
    calls laid out like the schema; a schema edit that opens one falls back on the walk
    (still exact, slower on the hot path of a big export): this says so when it happens."""
    assert "count_members" not in predicates.generated(kind).members.__code__.co_names
