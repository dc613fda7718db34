"""How items become batch bodies: each item judged (validated, then serialised once by the
encoder ``batch/max-bytes`` measures with) and packed greedily under the limits; the
``Batch`` and item-error types the splitters in ``batching`` yield and raise.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from . import pointer as jp
from ._records import Value, init
from .kinds import BatchShape, Kind
from .report import Finding, Report, Severity
from .validator import Validator

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


def split_items(items: Iterable[Any], packer: Packer, judge: Judge, on_invalid: OnInvalid | None) -> Iterator[Batch]:
    """The batches of ``items``: each judged, then packed; an item the judge refuses is
    raised (after the batches before it) or, with ``on_invalid``, passed to it."""
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


class Judge:
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


class Packer:
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
