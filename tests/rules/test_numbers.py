"""rules/numbers: the 64-bit bounds the schemas state are the ones the rule names, on every number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import brevo_schema as bs
from brevo_schema.rules.numbers import FLOAT64_MAX, INT64_MAX
from tests.helpers import ROOT, order, product

_NUMERIC = {"number", "integer"}


def _numeric_schemas(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema that admits a number (alone or among other types), with where it is."""
    if isinstance(schema, dict):
        types = schema.get("type")
        types = {types} if isinstance(types, str) else set(types or ())
        if types & _NUMERIC:
            yield path, schema
        for key, value in schema.items():
            yield from _numeric_schemas(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _numeric_schemas(value, f"{path}/{index}")


@pytest.mark.parametrize("kind", ["order", "order-batch", "product", "product-batch", "category", "category-batch"])
def test_every_number_in_the_schemas_is_bounded_at_64_bits(kind: str) -> None:
    """A number field without its bound would let an integer past 64 bits through unnamed."""
    schema = json.loads((ROOT / "schemas" / f"{kind}.json").read_text(encoding="utf-8"))
    for path, sub in _numeric_schemas(schema):
        if path.endswith(("/maxItems", "/minItems")):
            continue
        integer_only = sub.get("type") == "integer"
        bound = INT64_MAX if integer_only else FLOAT64_MAX
        assert sub.get("maximum") == bound, path
        assert sub.get("minimum", -bound) >= -bound, path


@pytest.mark.parametrize(
    ("payload", "kind", "pointer"),
    [
        (order(amount=10**400), "order", "/amount"),
        (order(amount=-(10**400)), "order", "/amount"),
        (order(products=[{"productId": "P", "price": 1, "quantity": 2**63}]), "order", "/products/0/quantity"),
        (order(products=[{"productId": "P", "price": 1, "quantity": -(2**63) - 1}]), "order", "/products/0/quantity"),
        (order(metaInfo={"n": -(10**309)}), "order", "/metaInfo/n"),
        (product(stock=-(10**309)), "product", "/stock"),
        (product(metaInfo={"n": 10**309}), "product", "/metaInfo/n"),
    ],
)
def test_an_integer_past_64_bits_is_out_of_range_and_nothing_else(payload: Any, kind: str, pointer: str) -> None:
    report = bs.validate(payload, kind)
    assert [(f.rule, f.pointer) for f in report.findings] == [("numbers/out-of-range", pointer)]
    assert not bs.is_valid(payload, kind)


def test_at_the_bounds_is_in_range() -> None:
    line = {"productId": "P", "price": int(FLOAT64_MAX), "quantity": INT64_MAX}
    assert bs.validate(order(amount=int(FLOAT64_MAX), products=[line])).ok
    assert bs.validate(product(stock=-int(FLOAT64_MAX)), "product").ok


def test_with_the_rule_off_the_schema_says_it() -> None:
    options = bs.Options.build(ignore=["numbers/out-of-range"])
    report = bs.validate(order(amount=10**400), options=options)
    assert [f.rule for f in report.findings] == ["schema/maximum"]
    assert not report.ok
