"""The payload kinds, how batches relate to their items, and kind detection.

Detection looks only at top-level key names (case-insensitively, so a mis-cased
``Products`` still tells an order apart) and, where names alone cannot decide,
at the first item of ``products``/``categories``. A document that could be two
kinds is reported as such rather than guessed.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._records import Value, init

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final, Literal

    Kind = Literal["order", "order-batch", "product", "product-batch", "category", "category-batch"]
else:
    Kind = str  # typing costs start-up time; the Literal matters to type checkers only

KINDS: Final[tuple[Kind, ...]] = (
    "order",
    "order-batch",
    "product",
    "product-batch",
    "category",
    "category-batch",
)


class BatchShape(Value):
    """What a batch kind wraps: the array key and the kind of each item."""

    __slots__ = ("items_key", "item_kind")
    items_key: str
    item_kind: Kind

    def __init__(self, items_key: str, item_kind: Kind) -> None:
        init(self, items_key=items_key, item_kind=item_kind)


BATCHES: Final[Mapping[str, BatchShape]] = {
    "order-batch": BatchShape("orders", "order"),
    "product-batch": BatchShape("products", "product"),
    "category-batch": BatchShape("categories", "category"),
}


_ORDER_ONLY = ("status", "amount", "createdAt", "updatedAt", "identifiers", "billing", "coupons", "storeId", "email")
_ORDER_KEYS = frozenset(k.lower() for k in _ORDER_ONLY)
#: An order's documented keys as written: a document of only these, with products and an amount,
#: is an order whatever the case-insensitive look below would weigh (it finds the same).
_ORDER_AS_WRITTEN = frozenset((*_ORDER_ONLY, "id", "products", "metaInfo"))
_PRODUCT_ONLY_KEYS = frozenset(
    k.lower()
    for k in (["sku", "price", "alternativePrice", "imageUrl", "parentId", "metaInfo", "brand", "description", "stock"])
)
_CATEGORY_KEYS = frozenset(k.lower() for k in ["id", "name", "url", "deletedAt", "isDeleted", "updateEnabled"])
_BATCH_LEVEL = frozenset(("updateenabled",))


class UnknownKind(ValueError):
    """``kind`` names no known kind."""


def check_kind(kind: str) -> Kind:
    """Return ``kind`` if it is one of ``KINDS``; raise ``UnknownKind`` naming them otherwise."""
    if kind not in KINDS:
        raise UnknownKind(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    return kind


def resolve_kind(document: Any, kind: str | None = None, hint: str | None = None) -> Kind | None:
    """The kind ``document`` is judged as, the same way at every entry point: ``kind``
    when given (checked); else the detected kind; else ``hint`` (the file name's
    suggestion) when detection found the document could be that kind or another.
    None when no kind can be told."""
    if kind is not None:
        return check_kind(kind)
    detection = detect_kind(document)
    if detection.kind is None and hint is not None and hint in detection.candidates:
        return check_kind(hint)
    return detection.kind


def kind_from_name(path: str) -> Kind | None:
    """``product`` or ``category`` when a file name says which (and not both): the
    hint ``resolve_kind`` uses for a document that could be either."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    product, category = "product" in name, "categor" in name
    if product == category:
        return None
    return "product" if product else "category"


class Detection(Value):
    """The detected kind, or None with the reason none fits and, when the
    document could be either of two kinds, those ``candidates``."""

    __slots__ = ("kind", "reason", "candidates")
    kind: Kind | None
    reason: str
    candidates: tuple[Kind, ...]

    def __init__(self, kind: Kind | None, reason: str = "", candidates: tuple[Kind, ...] = ()) -> None:
        init(self, kind=kind, reason=reason, candidates=candidates)


#: One Detection per kind, made once: detection runs for every document.
_DETECTED: Final[Mapping[str, Detection]] = {kind: Detection(kind) for kind in KINDS}


def _first_item(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and value:
        return value[0]
    return None


def _lower_keys(value: Any) -> frozenset[str]:
    if isinstance(value, Mapping):
        return frozenset(k.lower() for k in value if isinstance(k, str))
    return frozenset()


def detect_kind(document: Any) -> Detection:
    """Tell which kind ``document`` is, from its shape."""
    if type(document) is dict:  # the usual documents first, by their exact keys: no key is lowered
        if "orders" in document:
            return _DETECTED["order-batch"]
        if "products" in document and "amount" in document and document.keys() <= _ORDER_AS_WRITTEN:
            return _DETECTED["order"]
    if not isinstance(document, Mapping):
        name = _json_type_name(document)
        return Detection(None, f"a Brevo payload is a JSON object, not {name}")
    keys = _lower_keys(document)
    if not keys:
        return Detection(None, "the object is empty; no kind can be told from it")
    if "orders" in keys:
        return Detection("order-batch")
    order_hits, product_hits = len(keys & _ORDER_KEYS), len(keys & _PRODUCT_ONLY_KEYS)
    if order_hits and product_hits and "products" not in keys:
        if order_hits == product_hits:
            return Detection(None, "its keys fit both an order and a product", ("order", "product"))
        return Detection("order" if order_hits > product_hits else "product")
    if order_hits:
        return Detection("order")
    original = {k.lower(): k for k in document if isinstance(k, str)}
    if "products" in keys:
        first = _first_item(document[original["products"]])
        if "productid" in _lower_keys(first):
            return Detection("order")
        if keys <= {"products"} | _BATCH_LEVEL:
            return Detection("product-batch")
        return Detection(None, "it has 'products' but neither order keys nor the shape of a product batch")
    if "categories" in keys:
        first = _first_item(document[original["categories"]])
        if isinstance(first, Mapping) and keys <= {"categories"} | _BATCH_LEVEL:
            return Detection("category-batch")
    if keys & _PRODUCT_ONLY_KEYS or "categories" in keys:
        return Detection("product")
    if keys <= _CATEGORY_KEYS and "id" in keys:
        return Detection(None, "its keys fit both a product and a category", ("product", "category"))
    considered = ", ".join(KINDS)
    return Detection(None, f"its keys match none of the kinds ({considered})")


def _json_type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    return f"a {type(value).__name__}"
