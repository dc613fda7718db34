"""Rules about a batch as a whole: its size in items and bytes, and its ids."""

from __future__ import annotations

import json

from ..kinds import BATCHES
from ..report import Finding, Severity
from .registry import Context, code, jp, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from ..issues import SchemaIssue

BATCH_KINDS = frozenset(BATCHES)
ORDER_BATCH = frozenset({"order-batch"})
PRODUCT_BATCH = frozenset({"product-batch"})
#: Brevo's products limit without a raised account limit.
BASE_PRODUCT_LIMIT = 100


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
    "More than 1000 orders, or 100 products or categories (1000 products with updateEnabled), in one request.",
    kinds=BATCH_KINDS,
    scope="batch",
    claims=_claims_max_items,
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
    """Bytes of the compact UTF-8 serialization: the least any client sends."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return len(text.encode("utf-8"))


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
    "An order batch body over 5 MB (5,000,000 bytes of compact UTF-8 JSON).",
    kinds=ORDER_BATCH,
    scope="batch",
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
    if size <= limit:
        return []
    return [
        max_bytes.finding(
            at,
            f"the batch is {size:,} bytes as compact UTF-8 JSON; Brevo takes at most {limit:,}",
            "split it: brevo_schema.split_orders() or `brevo-schema split`",
        )
    ]


@rule(
    "batch/duplicate-id",
    Severity.ERROR,
    "Two items with the same id in one batch: rejected for products and categories, undocumented for orders.",
    kinds=BATCH_KINDS,
    scope="batch",
    severity_by_kind={"order-batch": Severity.WARNING},
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
                "Brevo does not document which one it keeps"
                if ctx.kind == "order-batch"
                else "Brevo rejects the whole request"
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
    "A product batch of more than 100 with updateEnabled: only accounts whose limit Brevo raised take it.",
    kinds=PRODUCT_BATCH,
    scope="batch",
)
def raised_limit(batch: Any, at: str, ctx: Context) -> list[Finding]:
    items = _items(batch, ctx.kind)
    limit = ctx.options.limits.max_products_update
    if items is None or not _update_enabled(batch) or not BASE_PRODUCT_LIMIT < len(items) <= limit:
        return []
    return [
        raised_limit.finding(
            jp.join(at, "products"),
            f"{len(items):,} products in one request: Brevo takes more than "
            f"{BASE_PRODUCT_LIMIT} only when it has raised the account's limit",
            "ignore this rule if your account's limit was raised; else send 100 per request",
        )
    ]


@rule(
    "batch/historical-implicit",
    Severity.WARNING,
    "An order batch without historical: it defaults to true, so the orders trigger no automation.",
    kinds=ORDER_BATCH,
    scope="batch",
    fixable=False,
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
