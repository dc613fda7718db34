"""Kind detection from a document's shape."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brevo_schema.kinds import detect_kind
from tests.helpers import category, order, product


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


_VOCABULARY = [
    "orders",
    "Orders",
    "products",
    "Products",
    "amount",
    "status",
    "id",
    "metaInfo",
    "sku",
    "price",
    "name",
    "categories",
    "updateEnabled",
    "email",
    "createdAt",
    "CreatedAt",
    "storeId",
    "x",
]


@given(st.dictionaries(st.sampled_from(_VOCABULARY), st.sampled_from([1, "a", [], [{"productId": "P"}], {}])))
def test_the_fast_path_for_usual_documents_decides_as_the_full_look_does(document: dict[str, object]) -> None:
    from types import MappingProxyType

    assert detect_kind(document) == detect_kind(MappingProxyType(document))  # a proxy takes the full look
