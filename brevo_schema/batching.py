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

import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from . import pointer as jp
from ._records import Value, init
from .kinds import BATCHES, FIVE_MB, BatchShape, Kind
from .options import Options
from .report import Finding, Report, Severity
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

#: One encoder for every item and envelope: the serialisation ``body_size`` measures.
#: ``allow_nan=False`` because NaN and Infinity are not JSON (Brevo rejects them).
_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Batch(Value):
    """One request body, ready to send.

    ``data`` is the body serialised once, as compact UTF-8 JSON: send it as is,
    so that what leaves is byte for byte what was measured against the limit
    (a client re-serialising ``body`` with other settings could grow it).
    ``body`` holds the caller's own item objects, not copies; ``data`` is the
    snapshot taken when each item was checked.

    ``start`` is the input index of the first item, ``stop`` one past the last
    one's, ``count`` the number of items: ``stop - start > count`` when invalid
    items in between were skipped.
    """

    __slots__ = ("body", "data", "start", "count", "stop")

    body: dict[str, Any]
    data: bytes
    start: int
    count: int
    stop: int

    def __init__(self, body: dict[str, Any], data: bytes, start: int, count: int, stop: int) -> None:
        init(self, body=body, data=data, start=start, count=count, stop=stop)

    @property
    def size(self) -> int:
        """Bytes of ``data``: what ``batch/max-bytes`` measures."""
        return len(self.data)

    def __repr__(self) -> str:  # the body may be megabytes: never print it whole
        return f"Batch(start={self.start}, count={self.count}, stop={self.stop}, size={self.size})"


class ItemError(ValueError):
    """An item that cannot go into any batch.

    Raised by default; with ``skip_invalid=True`` it is passed to ``on_invalid``
    instead of raised, so one type serves both ways of hearing about it.
    """

    def __init__(self, message: str, *, index: int, item_id: str | None, kind: Kind) -> None:
        super().__init__(message)
        #: Position of the item in the input (0-based).
        self.index = index
        #: The item's ``id`` when it has a string one.
        self.item_id = item_id
        #: The item's kind: ``order``, ``product`` or ``category``.
        self.kind = kind


class InvalidItemError(ItemError):
    """An item Brevo would reject or mangle; ``report`` holds every finding,
    with pointers relative to the item."""

    def __init__(self, report: Report, *, index: int, item_id: str | None, kind: Kind) -> None:
        self.report = report
        super().__init__(_invalid_message(report, index, item_id, kind), index=index, item_id=item_id, kind=kind)


class OversizedItemError(ItemError):
    """An item that alone, in an otherwise empty batch, exceeds the byte limit:
    no split can send it, and sending it over the limit would fail the request."""

    def __init__(self, *, size: int, limit: int, index: int, item_id: str | None, kind: Kind) -> None:
        self.size = size
        self.limit = limit
        message = (
            f"{_label(kind, index, item_id)} is too large to send: a batch holding only it is "
            f"{size:,} bytes as compact UTF-8 JSON, over the limit of {limit:,}"
        )
        super().__init__(message, index=index, item_id=item_id, kind=kind)


OnInvalid = Callable[[ItemError], object]


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
    packer = _Packer(shape, fields, max_items, max_bytes)
    judge = _Judge(shape, fields, validator if validate else None, packer.envelope, packer.room)
    return _split(items, packer, judge, on_invalid if skip_invalid else None)


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


def _split(items: Iterable[Any], packer: _Packer, judge: _Judge, on_invalid: OnInvalid | None) -> Iterator[Batch]:
    for index, item in enumerate(items):
        try:
            chunk = judge(index, item)
        except ItemError as error:
            if on_invalid is None:
                yield from packer.finish()  # every item before the bad one leaves: a caller can resume after it
                raise
            on_invalid(error)
            continue
        yield from packer.add(index, item, chunk)
    yield from packer.finish()


class _Judge:
    """Turns one item into the bytes it adds to a batch, or an ``ItemError``."""

    def __init__(
        self, shape: BatchShape, fields: dict[str, Any], validator: Validator | None, envelope: int, room: int | None
    ) -> None:
        self.shape = shape
        self.fields = fields
        #: None: the caller asked not to validate (``validate=False``).
        self.validator = validator
        self.envelope = envelope
        self.room = room

    def __call__(self, index: int, item: Any) -> bytes:
        if self.validator is not None:
            report = self._problems(self.validator, item)
            if report is not None:
                raise InvalidItemError(report, index=index, item_id=_item_id(item), kind=self.shape.item_kind)
        try:
            chunk = _ENCODER.encode(item).encode("utf-8")
        except (TypeError, ValueError, RecursionError) as error:
            report = Report(self.shape.item_kind, (_unsendable(item, error),))
            raise InvalidItemError(report, index=index, item_id=_item_id(item), kind=self.shape.item_kind) from None
        if self.room is not None and len(chunk) > self.room:
            raise OversizedItemError(
                size=self.envelope + len(chunk),
                limit=self.envelope + self.room,
                index=index,
                item_id=_item_id(item),
                kind=self.shape.item_kind,
            )
        return chunk

    def _envelope(self, item: Any) -> dict[str, Any]:
        return {self.shape.items_key: [item], **self.fields}

    def _problems(self, validator: Validator, item: Any) -> Report | None:
        """None when the item is fine in a batch; else its report.

        The fast ``is_valid`` answers for almost every item; only a failure pays
        for ``validate``, which judges the item in a one-item batch (so the
        verdict is the batch's) and reports with pointers relative to the item.
        """
        shape = self.shape
        # An item is judged exactly as on its own (same schema, no batch-dependent rule),
        # so the cheaper single-item check gives the same verdict, unless the batch lifts
        # item keys: a product or category in a batch may not carry updateEnabled, and
        # needs a name unless the batch's updateEnabled is true.
        alone = not shape.lifted
        if validator.is_valid(item, shape.item_kind) if alone else validator.is_valid(self._envelope(item), shape.kind):
            return None
        report = _item_report(validator.validate(self._envelope(item), shape.kind), shape)
        return None if report.ok else report


def _item_report(report: Report, shape: BatchShape) -> Report:
    """The findings about the one item of ``report``'s batch, made relative to
    the item; findings about the envelope (e.g. a missing ``historical``) go."""
    prefix = f"/{shape.items_key}/0"
    findings = tuple(
        _rebased(f, prefix, shape) for f in report.findings if f.pointer == prefix or f.pointer.startswith(prefix + "/")
    )
    return Report(shape.item_kind, findings)


def _rebased(finding: Finding, prefix: str, shape: BatchShape) -> Finding:
    # Messages name the item as the envelope saw it ("orders[0]"); its index
    # there means nothing to the caller.
    message = finding.message.replace(f"{shape.items_key}[0]", f"the {shape.item_kind}")
    fix = finding.fix
    if fix is not None:
        fix = tuple({k: _strip(v, prefix) if k in ("path", "from") else v for k, v in op.items()} for op in fix)
    return finding.replace(pointer=_strip(finding.pointer, prefix), message=message, fix=fix)


def _strip(pointer: Any, prefix: str) -> Any:
    return pointer[len(prefix) :] if isinstance(pointer, str) and pointer.startswith(prefix) else pointer


class _Packer:
    """Fills one batch at a time, greedily: an item goes into the current batch
    unless that would break a limit, and then the batch leaves first.

    Sizes add up without re-serialising: a body is ``head`` + the items joined
    by commas + ``tail``, so its size is the envelope's plus each item's plus
    one comma between two items, the exact length of ``Batch.data``.
    """

    def __init__(self, shape: BatchShape, fields: dict[str, Any], max_items: int, max_bytes: int | None) -> None:
        self.shape = shape
        self.fields = fields
        self.max_items = max_items
        self.max_bytes = max_bytes
        self.head = _head(shape)
        self.tail = _tail(fields)
        #: Bytes of a body without items.
        self.envelope = len(self.head) + len(self.tail)
        if max_bytes is not None and max_bytes - self.envelope < 2:  # "{}" is the smallest item
            raise ValueError(
                f"max_bytes={max_bytes:,} leaves no room for any {shape.item_kind}: "
                f"the body without items takes {self.envelope:,} bytes"
            )
        #: The most bytes one item may take: a batch of it alone is at the limit.
        self.room = None if max_bytes is None else max_bytes - self.envelope
        self._reset()

    def _reset(self) -> None:
        self.items: list[Any] = []
        self.chunks: list[bytes] = []
        self.ids: set[str] = set()
        self.size = self.envelope
        self.start = -1
        self.stop = -1

    def add(self, index: int, item: Any, chunk: bytes) -> Iterator[Batch]:
        """Yield the current batch if ``item`` does not fit it, then take the item
        (and yield the batch at once when that fills it to ``max_items``)."""
        if self.items and not self._fits(item, chunk):
            yield self._batch()
        if not self.items:
            self.start = index
        self.size += len(chunk) + (1 if self.items else 0)
        self.items.append(item)
        self.chunks.append(chunk)
        self.stop = index + 1
        if self.shape.unique_ids and (item_id := _item_id(item)) is not None:
            self.ids.add(item_id)
        if len(self.items) >= self.max_items:
            yield self._batch()

    def finish(self) -> Iterator[Batch]:
        if self.items:
            yield self._batch()

    def _fits(self, item: Any, chunk: bytes) -> bool:
        if self.max_bytes is not None and self.size + 1 + len(chunk) > self.max_bytes:
            return False
        return not (self.shape.unique_ids and _item_id(item) in self.ids)

    def _batch(self) -> Batch:
        data = b"".join((self.head, b",".join(self.chunks), self.tail))
        body = {self.shape.items_key: self.items, **self.fields}
        batch = Batch(body, data, self.start, len(self.items), self.stop)
        self._reset()
        return batch


def _head(shape: BatchShape) -> bytes:
    return b'{"' + shape.items_key.encode() + b'":['


def _tail(fields: dict[str, Any]) -> bytes:
    """What follows the items: ``]``, then the batch-level fields and ``}``,
    in the order ``body`` holds them (``json.dumps`` keeps dict order)."""
    if not fields:
        return b"]}"
    return b"]," + _ENCODER.encode(fields)[1:].encode("utf-8")


def _item_id(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def _label(kind: str, index: int, item_id: str | None) -> str:
    named = f" (id {json.dumps(item_id, ensure_ascii=False)})" if item_id is not None else ""
    return f"{kind} {index}{named}"


def _invalid_message(report: Report, index: int, item_id: str | None, kind: str) -> str:
    errors = report.errors or report.findings
    shown = "; ".join(f"{f.pointer or '(root)'}: {f.message} [{f.rule}]" for f in errors[:3])
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return f"{_label(kind, index, item_id)} is invalid: {shown}{more}"


def _unsendable(item: Any, error: BaseException) -> Finding:
    """Why ``item`` has no JSON text, where the validator could not tell (NaN
    passes a numeric ``minimum``) or was not asked (``validate=False``)."""
    if isinstance(error, RecursionError) or "Circular reference" in str(error):
        return Finding("json/too-deep", Severity.ERROR, "", "the item nests too deeply, or contains itself")
    if isinstance(error, UnicodeEncodeError):
        at = _first(item, lambda v: isinstance(v, str) and _has_surrogate(v))
        return Finding(
            "json/syntax",
            Severity.ERROR,
            at,
            "a string holds a lone surrogate (half of a UTF-16 pair), which UTF-8 cannot encode",
            "fix the text where it was decoded; it is not valid Unicode",
        )
    if isinstance(error, ValueError):
        at = _first(item, lambda v: isinstance(v, float) and not math.isfinite(v))
        return Finding(
            "json/non-finite-number",
            Severity.ERROR,
            at,
            "NaN or Infinity is not a JSON number; Brevo rejects it",
            "send a finite number, or leave the key out",
        )
    at = _first(item, lambda v: not isinstance(v, (dict, list, tuple, str, int, float, type(None))))
    return Finding("schema/type", Severity.ERROR, at, f"not a JSON value: {error}", "convert it to a JSON type first")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _first(item: Any, wanted: Callable[[Any], bool]) -> str:
    """The pointer of the first value in ``item`` that is ``wanted`` ("" if none)."""
    stack: list[tuple[str, Any]] = [("", item)]
    seen: set[int] = set()
    while stack:
        at, node = stack.pop()
        if wanted(node):
            return at
        if isinstance(node, (dict, list, tuple)) and id(node) not in seen:
            seen.add(id(node))
            pairs = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend(reversed([(jp.join(at, str(k)), v) for k, v in pairs]))
    return ""
