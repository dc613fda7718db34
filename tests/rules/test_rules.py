"""Each cross-field rule: fires where it should, stays quiet where it should not."""

from __future__ import annotations

import pytest

import brevo_schema as bs
from brevo_schema.rules import REGISTRY
from tests.helpers import category, order, product, rules_of


def _line(**fields: object) -> dict[str, object]:
    return {"productId": "A", "price": 1, **fields}


@pytest.mark.parametrize(
    ("payload", "kind", "expected"),
    [
        (order(identifiers=None), "order", ["contact/missing"]),
        (order(identifiers={}), "order", ["contact/missing"]),
        (order(identifiers=None, email="a@b.co"), "order", ["contact/legacy-only"]),
        (order(identifiers=None, billing={"phone": "+33 6 12"}), "order", ["contact/legacy-only"]),
        (order(email="a@b.co"), "order", []),
        (order(products=[_line()]), "order", ["products/quantity-missing"]),
        (order(products=[_line(quantity=1, quantityFloat=1.5)]), "order", ["products/quantity-both"]),
        (order(products=[_line(quantity=2.0)]), "order", ["products/quantity-not-integer"]),
        (order(products=[_line(quantity=2.5)]), "order", ["products/quantity-not-integer"]),
        (order(products=[_line(quantityFloat=2.5)]), "order", []),
        (order(Products=[_line(quantity=1)], products=None), "order", ["keys/case"]),
        (
            order(coupons=["Spring", "SPRING", "spring", "other"]),
            "order",
            ["coupons/case-duplicate", "coupons/case-duplicate"],
        ),
        (order(status="Completed"), "order", []),
        (order(status="canceled"), "order", ["order/status-unknown"]),
        (order(amount=0.30000000000000004), "order", ["money/precision"]),
        (order(amount=12.345), "order", []),
        (
            order(createdAt="2024-03-01T10:00:00+02:00", updatedAt="2024-03-01T10:00:00+02:00"),
            "order",
            ["dates/not-utc", "dates/not-utc"],
        ),
        (order(createdAt="2024-03-01T09:00:00+00:00"), "order", []),
        (
            order(createdAt="2024-03-02T00:00:00Z", updatedAt="2024-03-01T23:59:59.999Z"),
            "order",
            ["dates/updated-before-created"],
        ),
        (order(createdAt="2024-03-01T10:00:00+02:00", updatedAt="2024-03-01T09:00:00Z"), "order", ["dates/not-utc"]),
        (product(name=None), "product", ["catalog/name-required"]),
        (product(name=None, updateEnabled=True), "product", []),
        (category(name=None), "category", ["catalog/name-required"]),
        ({"categories": [category(name=None)], "updateEnabled": True}, "category-batch", []),
        ({"categories": [category(name=None)]}, "category-batch", ["catalog/name-required"]),
        (product(createdAt="2024-01-01T00:00:00Z"), "product", ["catalog/response-only-field"]),
        (product(metaInfo={"k": "x" * 20_000}), "product", ["catalog/meta-info-size"]),
        (product(metaInfo={"k": "x" * 19_999}), "product", []),
        (product(parentId="P-1"), "product", ["catalog/parent-self"]),
        (product(imageUrl="https://cdn.example.com/a.avif"), "product", ["catalog/image-format"]),
        (product(imageUrl="https://cdn.example.com/a.JPG?w=2"), "product", []),
        (product(imageUrl="https://cdn.example.com/img/123"), "product", []),
        (product(deletedAt="2024-01-01T00:00:00Z", isDeleted=False), "product", ["catalog/deleted-conflict"]),
        ({"orders": [order()]}, "order-batch", ["batch/historical-implicit"]),
        ({"orders": [order(), order()], "historical": False}, "order-batch", ["batch/duplicate-id"]),
        ({"products": [product(), product()]}, "product-batch", ["batch/duplicate-id"]),
    ],
)
def test_rule(payload: object, kind: str, expected: list[str]) -> None:
    assert rules_of(bs.validate(payload, kind)) == expected


def test_duplicate_id_severity_depends_on_the_kind() -> None:
    orders = bs.validate({"orders": [order(), order()], "historical": True})
    products = bs.validate({"products": [product(), product()]})
    assert orders.ok and not products.ok


def test_keys_case_replaces_the_schema_findings_it_explains() -> None:
    report = bs.validate(order(Products=[_line(quantity=1)], products=None))
    (finding,) = report.findings
    assert finding.pointer == "/Products"
    assert finding.fix == ({"op": "move", "from": "/Products", "path": "/products"},)


def test_typo_is_one_finding_with_a_suggestion() -> None:
    payload = order(updatdAt="2024-03-01T09:15:00Z", updatedAt=None)
    (finding,) = bs.validate(payload).findings
    assert (finding.rule, finding.pointer, finding.hint) == (
        "schema/additionalProperties",
        "/updatdAt",
        "did you mean 'updatedAt'?",
    )


@pytest.mark.parametrize(
    ("payload", "hint"),
    [
        (order(billing={"zip": "4052"}), "did you mean 'postCode'?"),
        (order(billing={"countryCode": "uk"}), "did you mean 'GB'?"),
        (order(billing={"countryCode": "fr"}), "did you mean 'FR'?"),
        (order(createdAt="2024-03-01 09:15:00"), "write it as 2024-03-01T09:15:00Z (if it is UTC)"),
        (order(amount="12.5"), "write the number without quotes: 12.5"),
        ({**order(), "storeId": None}, "leave storeId out rather than sending null"),
        (
            {"orders": [order()], "notifyUrl": "www.x.com/hook", "historical": True},
            "add the scheme: https://www.x.com/hook",
        ),
    ],
)
def test_hints(payload: object, hint: str) -> None:
    (finding,) = bs.validate(payload).findings
    assert finding.hint == hint


def test_every_rule_has_a_kebab_case_area_id_and_a_summary() -> None:
    import re

    for rule_id, rule in REGISTRY.items():
        assert re.fullmatch(r"[a-z]+/[a-z][a-zA-Z-]*", rule_id), rule_id
        assert rule.summary and len(rule.summary) < 120 and "\n" not in rule.summary


@pytest.mark.parametrize(
    ("payload", "kind", "pointer"),
    [
        (order(amount=float("nan")), "order", "/amount"),
        (order(products=[_line(quantityFloat=float("inf"))]), "order", "/products/0/quantityFloat"),
        (product(price=float("-inf")), "product", "/price"),
        ({"orders": [order(amount=float("inf"))], "historical": True}, "order-batch", "/orders/0/amount"),
    ],
)
def test_non_finite_numbers_in_python_payloads(payload: object, kind: str, pointer: str) -> None:
    report = bs.validate(payload, kind)
    assert [(f.rule, f.pointer) for f in report.errors] == [("json/non-finite-number", pointer)]
    assert not bs.is_valid(payload, kind)


def test_non_finite_quantity_is_one_finding_with_one_hint() -> None:
    import json

    payload = order(products=[_line(quantity=float("nan"))])
    from_dict = [(f.rule, f.pointer, f.hint) for f in bs.validate(payload, "order").findings]
    from_text = [(f.rule, f.pointer, f.hint) for f in bs.validate_json(json.dumps(payload), "order").findings]
    assert (
        from_dict
        == from_text
        == [("json/non-finite-number", "/products/0/quantity", "send a finite number, or leave the key out")]
    )
