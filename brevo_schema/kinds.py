"""The payload kinds, the one table of batch shapes and limits, and kind detection.

``BATCHES`` is where a batch kind's facts live: its items' key and kind, its own
fields, and Brevo's limits (items and bytes per request). Everything else reads
them from there: ``python -m brevo_schema.compile.build`` writes them into the
batch schemas (``maxItems``), ``Limits`` takes its defaults from them, and so do
the splitters and the batch rules. Change a limit here, then run the build.

This module stays cheap to import: no JSON, no schema is read.

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


#: 5 MB read as 5,000,000 bytes, the smaller of the two readings (5 MiB is
#: 5,242,880): a body under it is under the limit whichever Brevo means.
FIVE_MB: Final = 5_000_000

#: The key that says whether a catalog request creates (false, the default) or creates or updates (true).
UPDATE_ENABLED: Final = "updateEnabled"


class BatchShape(Value):
    """One batch kind as Brevo documents it: what it wraps, and what one request may hold.

    ``items_key`` holds the items, each of ``item_kind``; ``fields`` are the batch's other
    top-level keys, in the schema's order; ``lifted`` are the item keys a batch sets once for
    all its items (an item in a batch may not carry them). ``max_items`` is the most items
    one request takes, ``max_items_update`` the most with ``updateEnabled: true`` where Brevo
    raised the account's limit (None: no such raise), ``max_bytes`` the most bytes of a
    body (None: Brevo documents none). ``unique_ids``: Brevo rejects a request naming one
    id twice (for orders it documents nothing)."""

    __slots__ = (
        "kind",
        "item_kind",
        "items_key",
        "fields",
        "lifted",
        "max_items",
        "max_items_update",
        "max_bytes",
        "unique_ids",
    )
    kind: Kind
    item_kind: Kind
    items_key: str
    fields: tuple[str, ...]
    lifted: tuple[str, ...]
    max_items: int
    max_items_update: int | None
    max_bytes: int | None
    unique_ids: bool

    def __init__(
        self,
        kind: Kind,
        item_kind: Kind,
        items_key: str,
        *,
        fields: tuple[str, ...],
        lifted: tuple[str, ...] = (),
        max_items: int,
        max_items_update: int | None = None,
        max_bytes: int | None = None,
        unique_ids: bool,
    ) -> None:
        init(
            self,
            kind=kind,
            item_kind=item_kind,
            items_key=items_key,
            fields=tuple(fields),
            lifted=tuple(lifted),
            max_items=max_items,
            max_items_update=max_items_update,
            max_bytes=max_bytes,
            unique_ids=unique_ids,
        )

    @property
    def most_items(self) -> int:
        """The most items any request of this kind takes: ``max_items_update`` when set."""
        return self.max_items if self.max_items_update is None else self.max_items_update

    def is_body(self, document: Any) -> bool:
        """Whether ``document`` is a body of this batch as written: an object whose
        ``items_key`` holds an array and whose other keys are all batch ``fields``."""
        if not isinstance(document, Mapping) or not isinstance(document.get(self.items_key), list):
            return False
        return all(key == self.items_key or key in self.fields for key in document)


#: THE table of batch kinds: the shapes and limits everywhere else (the batch schemas'
#: ``maxItems``, ``Limits``' defaults, the splitters, the batch rules and their texts, the
#: pytest plugin) are read from here. Sources: Brevo's API reference for each endpoint.
BATCHES: Final[Mapping[str, BatchShape]] = {
    # POST /v3/orders/status/batch: at most 1000 orders or 5 MB; duplicate ids undocumented.
    "order-batch": BatchShape(
        "order-batch",
        "order",
        "orders",
        fields=("notifyUrl", "historical"),
        max_items=1000,
        max_bytes=FIVE_MB,
        unique_ids=False,
    ),
    # POST /v3/products/batch: at most 100 products, 1000 with updateEnabled where Brevo
    # raised the account's limit; duplicate ids rejected; no byte limit documented.
    "product-batch": BatchShape(
        "product-batch",
        "product",
        "products",
        fields=(UPDATE_ENABLED,),
        lifted=(UPDATE_ENABLED,),
        max_items=100,
        max_items_update=1000,
        unique_ids=True,
    ),
    # POST /v3/categories/batch: at most 100 categories; duplicate ids rejected.
    "category-batch": BatchShape(
        "category-batch",
        "category",
        "categories",
        fields=(UPDATE_ENABLED,),
        lifted=(UPDATE_ENABLED,),
        max_items=100,
        unique_ids=True,
    ),
}

#: The batch shape of each item kind (``order`` -> the ``order-batch`` shape).
BATCH_FOR_ITEM: Final[Mapping[str, BatchShape]] = {shape.item_kind: shape for shape in BATCHES.values()}

#: The kinds a batch holds: ``order``, ``product``, ``category``.
ITEM_KINDS: Final[tuple[Kind, ...]] = tuple(shape.item_kind for shape in BATCHES.values())

#: The endpoint (after the API's base URL) whose ``POST`` body each kind is.
ENDPOINTS: Final[Mapping[str, str]] = {
    "order": "/v3/orders/status",
    "order-batch": "/v3/orders/status/batch",
    "product": "/v3/products",
    "product-batch": "/v3/products/batch",
    "category": "/v3/categories",
    "category-batch": "/v3/categories/batch",
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
#: A batch body's keys, lowered: its items' key and its own fields.
_BODY_KEYS: Final[Mapping[str, frozenset[str]]] = {
    kind: frozenset(k.lower() for k in (shape.items_key, *shape.fields)) for kind, shape in BATCHES.items()
}


class UnknownKind(ValueError):
    """``kind`` names no known kind."""


def check_kind(kind: str) -> Kind:
    """Return ``kind`` if it is one of ``KINDS``; raise ``UnknownKind`` naming them otherwise."""
    if kind not in KINDS:
        raise UnknownKind(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    return kind


def item_kind_of(kind: str) -> Kind:
    """The kind of one item of ``kind``: its items' kind for a batch kind (``order-batch``
    -> ``order``), else ``kind`` itself (checked)."""
    shape = BATCHES.get(kind)
    return shape.item_kind if shape is not None else check_kind(kind)


def resolve(document: Any, kind: str | None = None, hint: str | None = None) -> Detection:
    """How ``document`` is judged, the same way at every entry point: as ``kind`` when
    given (checked); else as the detected kind; else as ``hint`` (the file name's
    suggestion) when detection found the document could be that kind or another. A
    Detection whose ``kind`` is None says why no kind can be told (``reason``)."""
    if kind is not None:
        return _DETECTED[check_kind(kind)]
    detection = detect_kind(document)
    if detection.kind is None and hint is not None and hint in detection.candidates:
        return _DETECTED[check_kind(hint)]
    return detection


def resolve_kind(document: Any, kind: str | None = None, hint: str | None = None) -> Kind | None:
    """``resolve(document, kind, hint).kind``: the kind, or None when none can be told."""
    return resolve(document, kind, hint).kind


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
        if keys <= _BODY_KEYS["product-batch"]:
            return Detection("product-batch")
        return Detection(None, "it has 'products' but neither order keys nor the shape of a product batch")
    if "categories" in keys:
        first = _first_item(document[original["categories"]])
        if isinstance(first, Mapping) and keys <= _BODY_KEYS["category-batch"]:
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
