"""Rules about a batch as a whole: its size in items and bytes, and its ids."""

from __future__ import annotations

import json

from ..kinds import BATCHES
from ..report import Finding, Severity
from . import examples as ex
from .registry import Context, code, jp, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from ..engine.issues import SchemaIssue

BATCH_KINDS = frozenset(BATCHES)
ORDER_BATCH = frozenset({"order-batch"})
PRODUCT_BATCH = frozenset({"product-batch"})

# The limits these rules and their texts state, from the table in brevo_schema.kinds.
_ORDERS, _PRODUCTS, _CATEGORIES = BATCHES["order-batch"], BATCHES["product-batch"], BATCHES["category-batch"]
#: Brevo's products limit without a raised account limit.
BASE_PRODUCT_LIMIT = _PRODUCTS.max_items
#: The products limit with updateEnabled where Brevo raised the account's limit.
RAISED_PRODUCT_LIMIT = _PRODUCTS.most_items
_MAX_ORDER_BYTES = _ORDERS.max_bytes or 0
#: "5 MB": the order batch's byte limit as Brevo writes it.
_MB = f"{_MAX_ORDER_BYTES / 1_000_000:g} MB"
#: "100 products or categories" while both limits agree.
_CATALOG = (
    f"{_PRODUCTS.max_items} products or categories"
    if _PRODUCTS.max_items == _CATEGORIES.max_items
    else f"{_PRODUCTS.max_items} products or {_CATEGORIES.max_items} categories"
)
_BYTES_PER_ORDER = _MAX_ORDER_BYTES // _ORDERS.max_items
_CATALOG_ITEMS = (
    f"{_PRODUCTS.max_items} items"
    if _PRODUCTS.max_items == _CATEGORIES.max_items
    else f"{_PRODUCTS.max_items} and {_CATEGORIES.max_items} items"
)


def _items(batch: Any, kind: str) -> list[Any] | None:
    if not isinstance(batch, dict):
        return None
    items = batch.get(BATCHES[kind].items_key)
    return items if isinstance(items, list) else None


def _update_enabled(batch: Any) -> bool:
    return isinstance(batch, dict) and batch.get("updateEnabled") is True


def _claims_max_items(issue: SchemaIssue, ctx: Context) -> bool:
    return issue.keyword == "maxItems" and issue.pointer == "/" + BATCHES[ctx.kind].items_key


@rule(
    "batch/max-items",
    Severity.ERROR,
    f"More than {_ORDERS.max_items} orders, or {_CATALOG} ({RAISED_PRODUCT_LIMIT} products with updateEnabled), "
    "in one request.",
    kinds=BATCH_KINDS,
    scope="batch",
    claims=_claims_max_items,
    why=(
        f"Brevo documents at most {_ORDERS.max_items} orders (and {_MB}) per order-batch request, and at most "
        f"{_CATALOG} per catalog batch ({RAISED_PRODUCT_LIMIT} products with updateEnabled where Brevo raised "
        "the account's limit). "
        "A request over its limit is outside what Brevo accepts: the whole request, not just the excess, is at stake."
    ),
    source=(
        f"Brevo API reference: POST /v3/orders/status/batch ({_ORDERS.max_items} orders or {_MB}), "
        f"POST /v3/products/batch and POST /v3/categories/batch ({_CATALOG_ITEMS})"
    ),
    example=ex.Example(
        lambda: ex.order_batch(_ORDERS.max_items + 1), lambda: ex.order_batch(_ORDERS.max_items), kind="order-batch"
    ),
    fix_note=(
        "none: splitting changes the requests you send. brevo-schema split and brevo_schema.split_orders() "
        "(split_products, split_categories) make batches within the limits."
    ),
)
def max_items(batch: Any, at: str, ctx: Context) -> list[Finding]:
    items = _items(batch, ctx.kind)
    if items is None:
        return []
    limit = ctx.options.limits.max_items(ctx.kind, _update_enabled(batch))
    if len(items) <= limit:
        return []
    key = BATCHES[ctx.kind].items_key
    return [
        max_items.finding(
            jp.join(at, key),
            f"the batch holds {len(items):,} {key}; Brevo takes at most {limit:,} per request",
            "split it: brevo_schema.split_" + key + "() or `brevo-schema split`",
        )
    ]


def body_size(body: Any) -> int:
    """Bytes of the compact UTF-8 serialization: the least any client sends. A lone
    surrogate, which UTF-8 cannot carry, counts as the six-byte escape a client must send."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return len(text.encode("utf-8", "backslashreplace"))


#: A document's compact UTF-8 serialization is at most this many bytes per character
#: of the JSON text it was parsed from. Whitespace and duplicate keys vanish, escapes
#: only shrink (``\u00e9`` becomes 2 bytes), a character is at most 4 bytes; the worst
#: case is a float: ``1e15`` (4 characters) comes back as ``1000000000000000.0`` (18).
MAX_GROWTH = 4.5


def within_limit_by_source(source_length: int | None, limit: int) -> bool:
    """True when a document parsed from ``source_length`` characters cannot serialize
    to more than ``limit`` bytes: measuring it (a whole ``json.dumps``) is then useless."""
    return source_length is not None and source_length * MAX_GROWTH <= limit


@rule(
    "batch/max-bytes",
    Severity.ERROR,
    f"An order batch body over {_MB} ({_MAX_ORDER_BYTES:,} bytes of compact UTF-8 JSON).",
    kinds=ORDER_BATCH,
    scope="batch",
    why=(
        f"Brevo documents at most {_MB} per order-batch request. brevo-schema counts {_MAX_ORDER_BYTES:,} bytes of "
        "the compact UTF-8 JSON, the fewest bytes any client sends, so a body under it is under the limit "
        "whichever way Brevo counts; a client that adds spaces or escapes non-ASCII text sends more."
    ),
    source=(
        f"Brevo API reference: POST /v3/orders/status/batch (at most {_ORDERS.max_items} orders or {_MB} per request)"
    ),
    example=ex.Example(  # as many orders as a batch takes, each with a note of its share of the bytes: over by a little
        lambda: ex.order_batch(_ORDERS.max_items, each={"metaInfo": {"note": "x" * _BYTES_PER_ORDER}}),
        lambda: ex.order_batch(_ORDERS.max_items * 9 // 10, each={"metaInfo": {"note": "x" * _BYTES_PER_ORDER}}),
        kind="order-batch",
    ),
    fix_note=(
        "none: splitting changes the requests you send. brevo-schema split and brevo_schema.split_orders() "
        "measure each batch as this rule does."
    ),
)
def max_bytes(batch: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(batch, dict):
        return []
    limit = ctx.options.limits.max_order_bytes
    if within_limit_by_source(ctx.source_length, limit):
        return []
    try:
        size = body_size(batch)
    except (TypeError, ValueError, RecursionError):
        return []  # not serialisable: the schema reports the offending values
    return [] if size <= limit else [max_bytes_finding(at, size, limit)]


def max_bytes_finding(at: str, size: int, limit: int) -> Finding:
    """The ``batch/max-bytes`` finding for a body of ``size`` bytes: one wording, whether the
    body was measured whole (the rule) or item by item as it streamed (``io.batchstream``)."""
    return max_bytes.finding(
        at,
        f"the batch is {size:,} bytes as compact UTF-8 JSON; Brevo takes at most {limit:,}",
        "split it: brevo_schema.split_orders() or `brevo-schema split`",
    )


@rule(
    "batch/duplicate-id",
    Severity.ERROR,
    "Two items with the same id in one batch: rejected for products and categories, undocumented for orders.",
    kinds=BATCH_KINDS,
    scope="batch",
    severity_by_kind={kind: Severity.WARNING for kind, shape in BATCHES.items() if not shape.unique_ids},
    why=(
        "Brevo rejects a product or category batch that gives one id twice. For orders it documents nothing "
        "(one may overwrite the other), so an order batch gets a warning."
    ),
    source=(
        "Brevo API reference: POST /v3/products/batch and POST /v3/categories/batch (duplicate ids in one "
        "request are rejected); POST /v3/orders/status/batch says nothing of them"
    ),
    example=ex.Example(
        ex.product_batch(products=[ex.product(1), ex.product(1, name="Blue mug")]),
        ex.product_batch(products=[ex.product(1), ex.product(2, name="Blue mug")]),
        kind="product-batch",
    ),
    fix_note="none: which of the two items is right, or whether they are one, is yours to decide.",
)
def duplicate_id(batch: Any, at: str, ctx: Context) -> list[Finding]:
    items = _items(batch, ctx.kind)
    if not items or len(items) < 2:
        return []
    key = BATCHES[ctx.kind].items_key
    seen: dict[str, int] = {}
    found = []
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            continue
        first = seen.setdefault(item_id, index)
        if first != index:
            consequence = (
                "Brevo rejects the whole request"
                if BATCHES[ctx.kind].unique_ids
                else "Brevo does not document which one it keeps"
            )
            found.append(
                duplicate_id.finding(
                    jp.join(at, key, index, "id"),
                    f"id {code(item_id)} is already used by {key}/{first}; {consequence}",
                    "send each id once per batch",
                    kind=ctx.kind,
                )
            )
    return found


@rule(
    "batch/raised-limit",
    Severity.WARNING,
    f"A product batch of more than {BASE_PRODUCT_LIMIT} with updateEnabled: only accounts whose limit Brevo "
    "raised take it.",
    kinds=PRODUCT_BATCH,
    scope="batch",
    why=(
        f"Brevo takes at most {BASE_PRODUCT_LIMIT} products per request; with updateEnabled: true, an account whose "
        f"limit Brevo raised takes up to {RAISED_PRODUCT_LIMIT}. If yours was not raised, the request fails: say so "
        f"with Limits(max_products_update={BASE_PRODUCT_LIMIT}) or max-products-update = {BASE_PRODUCT_LIMIT} in "
        "[tool.brevo-schema], and this becomes a batch/max-items error."
    ),
    source=(
        f"Brevo API reference: POST /v3/products/batch ({BASE_PRODUCT_LIMIT} products; {RAISED_PRODUCT_LIMIT} with "
        "updateEnabled where the account's limit was raised)"
    ),
    example=ex.Example(
        lambda: ex.product_batch(BASE_PRODUCT_LIMIT + 1, updateEnabled=True),
        lambda: ex.product_batch(BASE_PRODUCT_LIMIT, updateEnabled=True),
        kind="product-batch",
    ),
    fix_note=(
        f"none: only you know your account's limit. Ignore the rule if it was raised; else send {BASE_PRODUCT_LIMIT} "
        f"products per request (brevo-schema split --max-items {BASE_PRODUCT_LIMIT})."
    ),
)
def raised_limit(batch: Any, at: str, ctx: Context) -> list[Finding]:
    items = _items(batch, ctx.kind)
    limit = ctx.options.limits.max_products_update
    if items is None or not _update_enabled(batch) or not BASE_PRODUCT_LIMIT < len(items) <= limit:
        return []
    return [
        raised_limit.finding(
            jp.join(at, BATCHES[ctx.kind].items_key),
            f"{len(items):,} products in one request: Brevo takes more than "
            f"{BASE_PRODUCT_LIMIT} only when it has raised the account's limit",
            f"ignore this rule if your account's limit was raised; else send {BASE_PRODUCT_LIMIT} per request",
        )
    ]


@rule(
    "batch/historical-implicit",
    Severity.WARNING,
    "An order batch without historical: it defaults to true, so the orders trigger no automation.",
    kinds=ORDER_BATCH,
    scope="batch",
    fixable=False,
    why=(
        "historical defaults to true: Brevo then treats the orders as past data and triggers no automation "
        "workflow for them. Live orders sent without historical: false start no workflow, and nothing says so."
    ),
    source=(
        "Brevo API reference: POST /v3/orders/status/batch (historical: boolean, default true; historical orders "
        "trigger no automation)"
    ),
    example=ex.Example(ex.order_batch(historical=ex.OMIT), ex.order_batch(historical=False), kind="order-batch"),
    fix_note="none: whether the orders are an import (true) or live (false) is yours to say; write it out either way.",
)
def historical_implicit(batch: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(batch, dict) or "historical" in batch:
        return []
    return [
        historical_implicit.finding(
            at,
            "historical is not set, so Brevo treats these orders as past data and "
            "triggers no automation workflow for them",
            'say which you mean: "historical": true (an import) or false (live orders)',
        )
    ]
