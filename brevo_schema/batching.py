"""Split any number of orders, products or categories into API-ready batch bodies.

Brevo takes at most 1000 orders or 5 MB per ``POST /v3/orders/status/batch``
and 100 products or categories per catalog batch, and answers an order batch
with 202 before it looks at the orders: a bad item surfaces later, if at all.
So the splitter checks every item before the batch that would hold it leaves,
and packs greedily under both limits, measured exactly as ``batch/max-bytes``
measures them (compact UTF-8 JSON, see ``rules.batches.body_size``).

    skipped: list[ItemError] = []
    for batch in split_orders(read_orders(), historical=False, skip_invalid=True, on_invalid=skipped.append):
        post("/v3/orders/status/batch", batch.data)

Memory stays bounded whatever the input's length: the input is read lazily, one
item at a time, and only the batch being filled is held.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final

from . import pointer as jp
from .kinds import BATCHES, FIVE_MB, BatchShape
from .options import Options
from .packing import (
    Batch,
    InvalidItemError,
    ItemError,
    Judge,
    OnInvalid,
    OversizedItemError,
    Packer,
    split_items,
)
from .validation import validator_for
from .validator import Validator

__all__ = [
    "Batch",
    "InvalidItemError",
    "ItemError",
    "OversizedItemError",
    "split_categories",
    "split_orders",
    "split_products",
]

#: How each kind batches: ``kinds.BATCHES``, the one table of items' keys and kinds,
#: limits, and ``unique_ids`` (Brevo rejects a batch naming an id twice, so a
#: repeated id starts a new batch).
_ORDERS: Final = BATCHES["order-batch"]
_PRODUCTS: Final = BATCHES["product-batch"]
_CATEGORIES: Final = BATCHES["category-batch"]
#: Brevo documents no byte limit for catalog batches: the splitters keep the order batch's.
_CATALOG_BYTES: Final = FIVE_MB

_FIELD_NAMES: Final = {"notifyUrl": "notify_url", "historical": "historical", "updateEnabled": "update_enabled"}


def split_orders(
    orders: Iterable[Any],
    *,
    max_orders: int = _ORDERS.max_items,
    max_bytes: int | None = _ORDERS.max_bytes,
    notify_url: str | None = None,
    historical: bool | None = None,
    skip_invalid: bool = False,
    on_invalid: OnInvalid | None = None,
    validate: bool = True,
    options: Options | None = None,
) -> Iterator[Batch]:
    """Order batch bodies for ``POST /v3/orders/status/batch``, in input order.

    Each body holds at most ``max_orders`` orders and ``max_bytes`` bytes, and
    carries ``notifyUrl`` and ``historical`` when given (``historical=None``
    leaves it out, and Brevo then treats the orders as past data).

    Every order is checked (``validate=False`` skips that, for orders already
    checked), as ``options`` judge (default: the defaults; the same ``Options``
    as ``validate`` takes), before the batch that would hold it is yielded. An invalid order
    raises ``InvalidItemError`` and one too large for any batch raises
    ``OversizedItemError``, once every order before it has been yielded (the
    last batch possibly not full), and no order after it has been read.
    With ``skip_invalid=True`` such an order is left out and passed to
    ``on_invalid`` (required then: ``on_invalid=skipped.append`` collects them)
    before the next order is read.

    Bad arguments raise ``ValueError`` here, at the call, not at the first batch.
    """
    fields = _present(notifyUrl=notify_url, historical=historical)
    return _start(_ORDERS, orders, fields, max_orders, max_bytes, skip_invalid, on_invalid, validate, options)


def split_products(
    products: Iterable[Any],
    *,
    max_items: int = _PRODUCTS.max_items,
    max_bytes: int | None = _CATALOG_BYTES,
    update_enabled: bool | None = None,
    skip_invalid: bool = False,
    on_invalid: OnInvalid | None = None,
    validate: bool = True,
    options: Options | None = None,
) -> Iterator[Batch]:
    """Product batch bodies for ``POST /v3/products/batch``, in input order.

    As ``split_orders``, with ``updateEnabled`` carried when given: true
    creates or updates, false or absent only creates (and then every product
    needs a name). Brevo rejects a batch naming one id twice, so a repeated id
    starts a new batch (sent later, so the later version wins, as in the input).
    Brevo documents no byte limit for catalog batches; 5 MB is kept as a
    request size any server takes (``max_bytes=None`` lifts it). More than 100
    products per request (``max_items`` up to 1000 with ``update_enabled=True``)
    works only on accounts whose limit Brevo raised.
    """
    fields = _present(updateEnabled=update_enabled)
    return _start(_PRODUCTS, products, fields, max_items, max_bytes, skip_invalid, on_invalid, validate, options)


def split_categories(
    categories: Iterable[Any],
    *,
    max_items: int = _CATEGORIES.max_items,
    max_bytes: int | None = _CATALOG_BYTES,
    update_enabled: bool | None = None,
    skip_invalid: bool = False,
    on_invalid: OnInvalid | None = None,
    validate: bool = True,
    options: Options | None = None,
) -> Iterator[Batch]:
    """Category batch bodies for ``POST /v3/categories/batch``, in input order.

    As ``split_products`` (at most 100 categories per request, ids unique
    within a batch).
    """
    fields = _present(updateEnabled=update_enabled)
    return _start(_CATEGORIES, categories, fields, max_items, max_bytes, skip_invalid, on_invalid, validate, options)


def _present(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _start(
    shape: BatchShape,
    items: Iterable[Any],
    fields: dict[str, Any],
    max_items: int,
    max_bytes: int | None,
    skip_invalid: bool,
    on_invalid: OnInvalid | None,
    validate: bool,
    options: Options | None,
) -> Iterator[Batch]:
    """Check the arguments now (a generator would only at its first ``next``)."""
    validator = validator_for(options)
    _check_limit("max_orders" if shape is _ORDERS else "max_items", max_items)
    if max_bytes is not None:
        _check_limit("max_bytes", max_bytes)
    if skip_invalid and on_invalid is None:
        raise ValueError(
            "skip_invalid=True needs on_invalid, so that no item is left out without a word "
            "(on_invalid=skipped.append collects them in a list)"
        )
    if on_invalid is not None and not skip_invalid:
        raise ValueError("on_invalid is called only for skipped items: pass skip_invalid=True with it")
    if on_invalid is not None and not callable(on_invalid):
        raise TypeError(f"on_invalid must be callable, not {type(on_invalid).__name__}")
    _check_fields(shape, fields, validator)
    packer = Packer(shape, fields, max_items, max_bytes)
    judge = Judge(shape, fields, validator if validate else None, packer.envelope, packer.room)
    return split_items(items, packer, judge, on_invalid if skip_invalid else None)


def _check_limit(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")


def _check_fields(shape: BatchShape, fields: dict[str, Any], validator: Validator) -> None:
    """Judge the batch-level fields with the batch schema, once, up front."""
    if not fields:
        return
    names = tuple("/" + key for key in fields)
    report = validator.validate(dict(fields), shape.kind)
    errors = [f for f in report.errors if f.pointer.startswith(names)]
    if errors:
        problems = "; ".join(f"{_FIELD_NAMES[jp.split(f.pointer)[0]]}: {f.message}" for f in errors)
        raise ValueError(f"invalid {shape.kind} field: {problems}")
