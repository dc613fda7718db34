"""Kind detection from a document's shape."""

from __future__ import annotations

import pytest

from brevo_schema.kinds import detect_kind

from .helpers import category, order, product


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        (order(), "order"),
        ({"Products": [{"productId": "A"}], "Id": "1"}, "order"),
        ({"orders": []}, "order-batch"),
        ({"Orders": [order()]}, "order-batch"),
        ({"products": [product()]}, "product-batch"),
        ({"products": [product()], "updateEnabled": True}, "product-batch"),
        ({"categories": [category()]}, "category-batch"),
        (product(), "product"),
        ({"id": "P", "categories": ["c1"]}, "product"),
        ({"id": "P", "name": "N", "sku": "S", "price": 1, "createdAt": "x"}, "product"),
        ({"id": "1", "status": "paid", "amount": 1, "price": 2}, "order"),
    ],
)
def test_detects(document: dict, kind: str) -> None:
    assert detect_kind(document).kind == kind


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (category(), "both a product and a category"),
        ({"id": "X", "price": 1, "createdAt": "x"}, "both an order and a product"),
        ([], "not an array"),
        ({}, "empty"),
        ({"hello": 1}, "match none"),
    ],
)
def test_says_why_no_kind_fits(document: object, reason: str) -> None:
    detection = detect_kind(document)
    assert detection.kind is None and reason in detection.reason
