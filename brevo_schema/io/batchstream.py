"""A batch object too big to hold whole (``{"orders": [...10^5 orders...]}``), checked item by item.

``validate_json`` on such a file holds its text and every parsed order at once;
``check`` instead reads it with ``streaming.object_members``, in memory bounded by
the largest item, and reports what ``validate_json`` would, finding for finding,
position for position, in the same order. The work splits as the validator's own:

* items are validated in windows of ``WINDOW`` (the envelope and those items, as a
  batch document of their own): the schema's findings on them and each item's rules;
* what depends on the batch as a whole is computed once at the end from what the
  pass kept: the envelope's own findings (checked with the first item), the batch
  rules (on the envelope and one stand-in per item, holding its id where the id
  repeats: ``batch/max-items``, ``batch/duplicate-id``...), the body's size (the sum
  of the items' compact sizes, as ``batch/max-bytes`` measures the whole);
* the findings are ordered as ``document_order`` orders them: by place, ties in the
  validator's order (the parser's, the schema's, the batch rules', the items' rules').

Where the batch schema makes items depend on the envelope (``updateEnabled``) and a
member follows the items, the file is read twice, the second time with the whole
envelope known. ``check_batch_object`` returns None where this reading could differ
from the whole one (the items key given twice, a kind the first item and the
envelope do not settle as the items key says, ``batch/max-items`` turned off, so
that ``schema/maxItems`` would count the items): ``check`` then reads the file whole.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from .. import pointer as jp
from ..engine import predicates as fast
from ..kinds import BATCHES, resolve_kind
from ..pointer import order_key
from ..rules import REGISTRY, Context
from ..rules.batches import body_size, max_bytes_finding, within_limit_by_source
from ..validator import VALUE_RULES
from .jsonsource import duplicate_key_finding
from .positions import locate, locate_nearest, with_positions
from .streaming import Member, Record, Scanner, object_members

if TYPE_CHECKING:
    from ..report import Finding
    from ..validator import Validator

#: Items validated together (the envelope is validated once a window).
WINDOW = 100
#: Where two findings share a place, the validator lists the parser's first, then the
#: schema's, then the batch rules', then the item rules': their rank here.
PARSER, SCHEMA, BATCH, ITEM = 0, 1, 2, 3
#: Root keywords through which a batch schema can make its items depend on the envelope.
_CONDITIONAL = frozenset({"if", "then", "else", "allOf", "anyOf", "oneOf", "not", "dependencies"})


class _Fallback(Exception):
    """The file must be read whole for a report equal to ``validate_json``'s."""


def check_batch_object(
    stream: IO[bytes], name: str, validator: Validator, kind: str | None, hint: str | None
) -> tuple[str, tuple[Finding, ...]] | None:
    """``(kind, findings)`` as ``validator.validate_json`` gives them for the batch object
    in ``stream`` (a file: it may be read twice), item by item; None when it must be read whole."""
    if (kind is not None and kind not in BATCHES) or "batch/max-items" not in validator._enabled:
        return None
    keys = {BATCHES[kind].items_key} if kind is not None else {s.items_key for s in BATCHES.values()}
    try:
        reader = _Reader(validator, kind, hint, keys, None)
        reader.read(Scanner(stream, name, "object"))
        if reader.after_items and _conditional(reader.kind):
            stream.seek(0)  # the items again, with the members that follow them known
            reader = _Reader(validator, kind, hint, keys, reader.pairs)
            reader.read(Scanner(stream, name, "object"))
        return reader.kind, reader.finish()
    except _Fallback:
        return None


def _conditional(kind: str) -> bool:
    from ..schemas import schema

    return bool(_CONDITIONAL & schema(kind).keys())


#: An item's finding kept with what orders it: (item index, sort key in the item, rank, sequence).
_Placed = tuple[int, list[int], int, int, "Finding"]


class _Reader:
    """One pass over the file: the envelope kept, the items validated window by window."""

    def __init__(
        self,
        validator: Validator,
        kind: str | None,
        hint: str | None,
        keys: set[str],
        envelope: list[tuple[str, Any]] | None,
    ) -> None:
        self.validator, self.forced, self.hint, self.keys = validator, kind, hint, keys
        #: The envelope windows are validated with: given (a second pass), or as read so far.
        self.given = envelope
        self.kind = self.items_key = ""
        self.pairs: list[tuple[str, Any]] = []  # the members as read (the items: an empty list)
        self.members: dict[str, Member] = {}  # the last occurrence of each key
        self.parser: list[Finding] = []  # the envelope's parse findings, in the parser's order
        self.placed: list[_Placed] = []
        self.window: list[Record] = []
        self.first: Any = None
        self.count = self.size = self.chars = 0
        self.after_items = False
        self.ids: dict[str, int] = {}
        self.repeated: dict[int, str] = {}  # index -> id, for each item whose id is not unique
        self.id_places: dict[int, tuple[list[int], int, int]] = {}  # index -> where its /id is

    def read(self, scanner: Scanner) -> None:
        self.root = scanner.here()
        for part in object_members(scanner, self.keys):
            if isinstance(part, Record):
                self._item(part)
            elif part.value is None:
                self._start_items(part)
            else:
                self._member(part)
        self._flush()
        if not self.count:
            raise _Fallback  # no items read one by one: nothing is gained
        self.chars = scanner.chars_read

    # The pass

    def _member(self, member: Member) -> None:
        record = member.value
        assert record is not None
        pointer = jp.join("", member.key)
        if member.key in self.members:
            if member.key == self.items_key:
                raise _Fallback  # the items given twice: the last array is the one parsers keep
            self.parser.append(duplicate_key_finding(pointer, member.key))
        self.after_items = self.after_items or bool(self.items_key)
        self.members[member.key] = member
        self.parser.extend(f.replace(pointer=pointer + f.pointer) for f in record.problems)
        self.pairs.append((member.key, record.value))

    def _start_items(self, member: Member) -> None:
        self.items_key = member.key
        self.kind = next(k for k, shape in BATCHES.items() if shape.items_key == member.key)
        if member.key in self.members or (self.forced is not None and self.forced != self.kind):
            raise _Fallback
        self.members[member.key] = member
        self.pairs.append((member.key, []))
        plan = self.validator._plan(self.kind)  # type: ignore[arg-type]
        self.plan = plan
        self.measure = REGISTRY["batch/max-bytes"].check in plan.checks

    def _item(self, record: Record) -> None:
        value = record.value
        if not self.count:
            self.first = value
        self.count += 1
        if self.measure:
            self.size += body_size(value)
        item_id = value.get("id") if isinstance(value, dict) else None
        if isinstance(item_id, str):
            first = self.ids.setdefault(item_id, record.index)
            if first != record.index:  # a batch/duplicate-id finding will point here
                self.repeated[first] = self.repeated[record.index] = item_id
                twice = any(f.rule == "json/duplicate-key" for f in record.problems)
                at = locate_nearest(record.text or "", ["/id"], last_occurrence=twice).get("/id")
                line, column = _in_file(record, at.line, at.column) if at else (record.line, record.column)
                self.id_places[record.index] = (order_key(value)("/id"), line, column)
        self.window.append(record)
        if len(self.window) >= WINDOW:
            self._flush()

    def _flush(self) -> None:
        """Validate the window: the envelope and its items, as one batch."""
        if not self.window:
            return
        document = dict(self.given if self.given is not None else self.pairs)
        document[self.items_key] = [r.value for r in self.window]
        schema: dict[int, list[Finding]] = {}
        if not fast.schema_valid(document, self.kind):
            prefix = jp.join("", self.items_key) + "/"
            for finding in self.validator._schema_findings(document, self.kind):  # type: ignore[arg-type]
                if finding.pointer.startswith(prefix):
                    token, _, rest = finding.pointer[len(prefix) :].partition("/")
                    schema.setdefault(int(token), []).append(finding.replace(pointer=f"/{rest}" if rest else ""))
        for offset, record in enumerate(self.window):
            self._finish_item(record, schema.get(offset, []))
        self.window = []

    def _finish_item(self, record: Record, schema: list[Finding]) -> None:
        """One item's findings joined, filtered and placed as the validator does it."""
        assert self.plan.item_kind is not None
        ctx = Context(self.plan.item_kind, self.validator.options, self.kind, len(record.text or ""))
        rules: list[Finding] = []
        for check in self.plan.item_checks:
            rules.extend(check(record.value, "", ctx))
        by_rules = {f.pointer for f in rules if f.rule in VALUE_RULES}
        valued = _valued(record.problems, self.validator)
        found = [(PARSER, f) for f in record.problems]
        found += [(SCHEMA, f) for f in schema if f.pointer not in by_rules and f.pointer not in valued]
        found += [(ITEM, f) for f in rules if f.pointer not in valued]
        found = self._options(found)
        if not found:
            return
        duplicates = any(f.rule == "json/duplicate-key" for _, f in found)
        located = with_positions([f for _, f in found], record.text, last_occurrence=duplicates)
        key, base = order_key(record.value), jp.join("", self.items_key, record.index)
        for sequence, ((rank, finding), at) in enumerate(zip(found, located, strict=True)):
            line, column = _in_file(record, at.line or 1, at.column or 1)
            moved = finding.replace(pointer=base + finding.pointer, line=line, column=column)
            self.placed.append((record.index, key(finding.pointer), rank, sequence, moved))

    def _options(self, found: list[tuple[int, Finding]]) -> list[tuple[int, Finding]]:
        """The options applied, then repeated findings dropped (the first kept), as ``_finish`` does."""
        validator = self.validator
        seen: set[Finding] = set()
        out = []
        for rank, finding in found:
            optioned = validator._optioned(finding) if validator._filters else finding
            if optioned is not None and optioned not in seen:
                seen.add(optioned)
                out.append((rank, optioned))
        return out

    # The end: the envelope and the batch as a whole

    def finish(self) -> tuple[Finding, ...]:
        validator, kind = self.validator, self.kind
        envelope = dict(self.pairs)
        envelope[self.items_key] = [self.first]
        if resolve_kind(envelope, self.forced, self.hint) != kind:
            raise _Fallback
        found: list[tuple[int, Finding]] = [(PARSER, f) for f in self.parser]
        valued = _valued(self.parser, validator)
        if not fast.schema_valid(envelope, kind):
            schema = validator._schema_findings(envelope, kind)
            found += [(SCHEMA, f) for f in schema if not self._in_item(f) and f.pointer not in valued]
        batch = [f for f in self._batch_rules(envelope) if f.pointer not in valued]
        found += [(BATCH, f) for f in batch if not self._in_item(f)]
        place = order_key(envelope)
        at_items = place(jp.join("", self.items_key))
        ordered: list[tuple[list[int], int, int, Finding]] = []
        for sequence, (rank, finding) in enumerate(self._options(found)):
            line, column = self._envelope_position(finding.pointer)
            ordered.append((place(finding.pointer), rank, sequence, finding.replace(line=line, column=column)))
        for rank, finding in self._options([(BATCH, f) for f in batch if self._in_item(f)]):
            index = int(jp.split(finding.pointer)[1])
            if index not in self.id_places:
                raise _Fallback  # a batch rule on an item whose place was not kept
            key, line, column = self.id_places[index]
            self.placed.append((index, key, rank, 0, finding.replace(line=line, column=column)))
        ordered += [([*at_items, index, *key], rank, seq, f) for index, key, rank, seq, f in self.placed]
        ordered.sort(key=lambda entry: entry[:3])
        return tuple(entry[3] for entry in ordered)

    def _batch_rules(self, envelope: dict[str, Any]) -> list[Finding]:
        """The batch rules on the envelope and one stand-in per item (its id where it repeats)."""
        stand_ins: list[Any] = [None] * self.count
        for index, item_id in self.repeated.items():
            stand_ins[index] = {"id": item_id}
        proxy = dict(envelope)
        proxy[self.items_key] = stand_ins
        ctx = Context(self.kind, self.validator.options, None, self.chars)
        found: list[Finding] = []
        for check in self.plan.checks:
            found.extend(self._body_size(ctx) if check is REGISTRY["batch/max-bytes"].check else check(proxy, "", ctx))
        return found

    def _body_size(self, ctx: Context) -> list[Finding]:
        """``batch/max-bytes`` on the whole body, measured as the rule measures it: the
        envelope's compact bytes with no item, each item's, and the commas between them."""
        limit = ctx.options.limits.max_order_bytes
        if within_limit_by_source(ctx.source_length, limit):
            return []
        size = body_size(dict(self.pairs)) + self.size + self.count - 1
        return [] if size <= limit else [max_bytes_finding("", size, limit)]

    def _in_item(self, finding: Finding) -> bool:
        tokens = jp.split(finding.pointer)
        return len(tokens) >= 2 and tokens[0] == self.items_key

    def _envelope_position(self, pointer: str) -> tuple[int, int]:
        """Where a finding on the envelope points: the root, a member's key, or in its value."""
        tokens = jp.split(pointer)
        member = self.members.get(tokens[0]) if tokens else None
        if member is None:
            return self.root
        record = member.value
        if len(tokens) == 1 or record is None:
            return member.line, member.column
        asked, inner = [], jp.from_path(tokens[1:])
        while inner:  # the pointer, then each ancestor within the value, deepest first
            asked.append(inner)
            inner = jp.parent(inner)
        found = locate(record.text or "", asked, last_occurrence=True)
        at = next((found[p] for p in asked if p in found), None)
        if at is None:
            return member.line, member.column  # the value itself: its member's key, as in the whole text
        return _in_file(record, at.line, at.column)


def _in_file(record: Record, line: int, column: int) -> tuple[int, int]:
    """A line and column in a value's own text, counted from the file's start."""
    return record.line + line - 1, column + (record.column - 1 if line == 1 else 0)


def _valued(parser: Any, validator: Validator) -> set[str]:
    """Where the parser reported a value (NaN, a number past 64 bits): the rest says nothing new there."""
    return {f.pointer for f in parser if f.rule in VALUE_RULES and f.rule in validator._enabled}
