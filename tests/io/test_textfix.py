"""fix_text(): the smallest edit; everything else in the file as written."""

from __future__ import annotations

import json

from brevo_schema.io.textfix import fix_text
from tests.helpers import order

PRETTY = """{
    "id": "A-1",
    "createdAt": "2024-03-01T09:15:00Z",
    "updatedAt": "2024-03-01T09:15:00Z",
    "status": "pending",
    "amount": 10,
    "Products": [
        {"productId": "Crème", "price": 10, "quantity": 2.0}
    ],
    "coupons": [
        "Été",
        "ÉTÉ"
    ],
    "identifiers": {"ext_id": "c\\u00e9"}
}
"""


def test_edits_keep_layout_escapes_and_non_ascii() -> None:
    new, applied = fix_text(PRETTY)
    assert {f.rule for f in applied} == {"keys/case", "products/quantity-not-integer", "coupons/case-duplicate"}
    expected = (
        PRETTY.replace('"Products"', '"products"')
        .replace('"quantity": 2.0', '"quantity": 2')
        .replace('"Été",\n        "ÉTÉ"', '"Été"')
    )
    assert new == expected


def test_nothing_to_fix_returns_the_same_text() -> None:
    text = json.dumps(order(), indent=2)
    new, applied = fix_text(text)
    assert new is text and applied == []
    assert fix_text("{ not json")[0] == "{ not json"


def test_removing_the_first_item_takes_its_comma() -> None:
    text = json.dumps(order(coupons=["a", "A", "b"]))
    text = text.replace('["a", "A", "b"]', '["A", "a", "b"]')
    new, _ = fix_text(text)
    assert '"coupons": ["A", "b"]' in new


def test_compact_text_stays_compact() -> None:
    text = json.dumps(order(products=[{"productId": "A", "price": 1, "quantity": 3.0}]), separators=(",", ":"))
    new, _ = fix_text(text)
    assert new == text.replace('"quantity":3.0', '"quantity":3')


def test_fixing_twice_changes_nothing() -> None:
    new, _ = fix_text(PRETTY)
    again, applied = fix_text(new)
    assert again == new and applied == []
