"""The payloads rule documentation starts from: one small valid payload per kind.

A rule's ``Example`` is one of these with one mistake (``order(status="canceled")``)
and the same payload put right. Each call returns a fresh copy; ``OMIT`` leaves a key
out. They are valid and draw no warning (a test holds them to it).
"""

from __future__ import annotations

import json

from .registry import Example

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: A value for a keyword argument that leaves the key out.
OMIT: Any = object()

STAMP = "2024-03-01T09:15:00Z"


def _build(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = {**base, **changes}
    return {key: value for key, value in out.items() if value is not OMIT}


def line(**changes: Any) -> dict[str, Any]:
    """An order line: ``{"productId": "P-1", "price": 19.9, "quantity": 1}``."""
    return _build({"productId": "P-1", "price": 19.9, "quantity": 1}, changes)


def order(index: int = 1, **changes: Any) -> dict[str, Any]:
    """A completed order of one line, its contact named by ``identifiers``."""
    base = {
        "id": f"A-{index}",
        "createdAt": STAMP,
        "updatedAt": STAMP,
        "status": "completed",
        "amount": 19.9,
        "products": [line()],
        "identifiers": {"email_id": "ana@example.com"},
    }
    return _build(base, changes)


def product(index: int = 1, **changes: Any) -> dict[str, Any]:
    return _build({"id": f"P-{index}", "name": "Mug", "price": 9.5}, changes)


def category(index: int = 1, **changes: Any) -> dict[str, Any]:
    return _build({"id": f"C-{index}", "name": "Mugs"}, changes)


def order_batch(count: int = 1, each: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """``count`` orders (ids A-1, A-2..., each with the changes ``each``), live (``historical: false``)."""
    orders = [order(i, **(each or {})) for i in range(1, count + 1)]
    return _build({"orders": orders, "historical": False}, changes)


def product_batch(count: int = 1, each: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    return _build({"products": [product(i, **(each or {})) for i in range(1, count + 1)]}, changes)


def category_batch(count: int = 1, each: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    return _build({"categories": [category(i, **(each or {})) for i in range(1, count + 1)]}, changes)


def text(document: Any) -> str:
    """``document`` as JSON text, indented as people write it."""
    return json.dumps(document, indent=2, ensure_ascii=False)


__all__ = [
    "OMIT",
    "Example",
    "category",
    "category_batch",
    "line",
    "order",
    "order_batch",
    "product",
    "product_batch",
    "text",
]
