"""Kind detection from a document's shape."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brevo_schema.kinds import (
    BATCH_FOR_ITEM,
    BATCHES,
    ENDPOINTS,
    FIVE_MB,
    ITEM_KINDS,
    KINDS,
    UnknownKind,
    detect_kind,
    item_kind_of,
    resolve,
    resolve_kind,
)
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


# ------------------------------------------------------------------ the table of batch kinds


def test_the_table_says_what_brevo_documents() -> None:
    """Brevo's API reference: 1000 orders or 5 MB per order batch; 100 products (1000 with
    updateEnabled on a raised account limit); 100 categories; duplicate catalog ids rejected."""
    orders, products, categories = (BATCHES[k] for k in ("order-batch", "product-batch", "category-batch"))
    assert (orders.items_key, orders.fields, orders.lifted) == ("orders", ("notifyUrl", "historical"), ())
    assert (orders.max_items, orders.max_items_update, orders.max_bytes, orders.unique_ids) == (
        1000,
        None,
        FIVE_MB,
        False,
    )
    assert (products.items_key, products.fields, products.lifted) == (
        "products",
        ("updateEnabled",),
        ("updateEnabled",),
    )
    assert (products.max_items, products.max_items_update, products.max_bytes, products.unique_ids) == (
        100,
        1000,
        None,
        True,
    )
    assert (categories.items_key, categories.max_items, categories.max_items_update, categories.unique_ids) == (
        "categories",
        100,
        None,
        True,
    )
    assert FIVE_MB == 5_000_000  # 5 MB read the smaller way (not 5 MiB)
    assert [shape.kind for shape in BATCHES.values()] == list(BATCHES)
    assert set(BATCHES) | set(ITEM_KINDS) == set(KINDS) == set(ENDPOINTS)
    assert {kind: shape.kind for kind, shape in BATCH_FOR_ITEM.items()} == {
        "order": "order-batch",
        "product": "product-batch",
        "category": "category-batch",
    }


def test_the_defaults_everywhere_come_from_the_table() -> None:
    import inspect

    from brevo_schema.batching import split_categories, split_orders, split_products
    from brevo_schema.options import Limits
    from brevo_schema.pytest_plugin import sample
    from brevo_schema.rules.batches import BASE_PRODUCT_LIMIT

    orders, products, categories = (BATCHES[k] for k in ("order-batch", "product-batch", "category-batch"))
    assert Limits() == Limits(orders.max_items, FIVE_MB, products.max_items, 1000, categories.max_items)
    assert products.max_items == BASE_PRODUCT_LIMIT

    def default(function: Callable[..., object], name: str) -> object:
        return inspect.signature(function).parameters[name].default

    assert (default(split_orders, "max_orders"), default(split_orders, "max_bytes")) == (1000, FIVE_MB)
    assert (default(split_products, "max_items"), default(split_categories, "max_items")) == (100, 100)
    for kind, shape in BATCHES.items():
        body = sample(kind)
        assert shape.is_body(body) and list(body) == [shape.items_key, *shape.fields]
        assert not any(key in item for item in body[shape.items_key] for key in shape.lifted)


def test_item_kind_of() -> None:
    assert [item_kind_of(k) for k in KINDS] == ["order", "order", "product", "product", "category", "category"]
    with pytest.raises(UnknownKind):
        item_kind_of("orders")


@pytest.mark.parametrize(
    ("kind", "document", "is_body"),
    [
        ("order-batch", {"orders": [], "historical": True, "notifyUrl": "https://x.example"}, True),
        ("order-batch", {"orders": {}}, False),  # not an array
        ("order-batch", {"orders": [], "updateEnabled": True}, False),  # not an order batch's field
        ("order-batch", {"Orders": []}, False),  # as written, not case-insensitively
        ("product-batch", {"products": [{}], "updateEnabled": False}, True),
        ("product-batch", {"id": "1", "products": [{"productId": "P"}]}, False),  # an order
        ("category-batch", [], False),
    ],
)
def test_is_body(kind: str, document: object, is_body: bool) -> None:
    assert BATCHES[kind].is_body(document) is is_body


@pytest.mark.parametrize(
    ("document", "kind", "hint", "resolved"),
    [
        (order(), None, None, "order"),
        (order(), "product", None, "product"),  # a given kind wins
        (category(), None, "category", "category"),  # the hint settles a tie
        (category(), None, "order", None),  # but only between the candidates
        ({"orders": []}, None, "product", "order-batch"),  # and never against detection
    ],
)
def test_resolve(document: object, kind: str | None, hint: str | None, resolved: str | None) -> None:
    detection = resolve(document, kind, hint)
    assert detection.kind == resolved == resolve_kind(document, kind, hint)
    if resolved is None:
        assert detection.reason == detect_kind(document).reason != ""


def test_resolve_checks_the_kinds_it_is_given() -> None:
    with pytest.raises(UnknownKind, match="order-batch"):
        resolve({}, "orders")


def test_kinds_stays_cheap_to_import() -> None:
    """No JSON, no schema read: only the standard library's collections.abc and the value records."""
    import ast
    from pathlib import Path

    import brevo_schema.kinds

    tree = ast.parse(Path(brevo_schema.kinds.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert imported <= {"__future__", "collections.abc", "_records"}, imported
