"""What ``split`` reads: a local copy of the input, its format, the items' kind, and its items.

The input is read twice (once to check every item, once to write), so a stream
(standard input, a pipe) is first copied to a temporary file, as ``check`` copies
it (``io.inputs.spool``). The items come from the package's readers: NDJSON
through ``io.ndjson`` (a piece of the file at a time), a JSON array through
``io.streaming`` (an item at a time), a single document through
``io.jsonsource.parse`` (whole: one item, or a batch body whose items are split).
"""

from __future__ import annotations

import codecs
import json
import stat
import sys
from collections.abc import Generator
from pathlib import Path
from typing import IO, Any, Final, Literal

from .. import pointer as jp
from ..io.positions import with_positions
from ..io.streaming import Record, Scanner, StreamError
from ..kinds import BATCH_FOR_ITEM, BATCHES, item_kind_of, resolve
from ..report import Finding

Format = Literal["ndjson", "array", "document"]
_NDJSON_SUFFIXES: Final = (".ndjson", ".jsonl")
#: NDJSON is read in pieces of this size: small enough that the progress line moves smoothly.
_PIECE: Final = 1 << 18


class SplitError(Exception):
    """A usage error or input that cannot be read as items: one line on standard error, exit status 2."""


def local_copy(given: str, directory: str) -> tuple[Path, str]:
    """A regular file to read (twice) and the name messages use for it: standard input,
    pipes and other streams are copied into ``directory`` first."""
    from ..io.inputs import TooLarge, spool

    if given == "-":
        stream, name = sys.stdin.buffer, "<stdin>"
    else:
        path, name = Path(given), given
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise SplitError(f"{given}: no such file") from None
        except OSError as error:
            raise SplitError(f"{given}: cannot read: {error.strerror}") from None
        if stat.S_ISDIR(mode):
            raise SplitError(f"{given}: is a directory; split takes one file")
        if stat.S_ISREG(mode):
            _readable(path, given)
            return path, given
        if not stat.S_ISFIFO(mode):
            raise SplitError(f"{given}: not a regular file or a pipe")
        try:
            stream = path.open("rb")
        except OSError as error:
            raise SplitError(f"{given}: cannot read: {error.strerror}") from None
    try:
        with stream:
            copy, _ = spool(stream, directory)
    except (OSError, TooLarge) as error:
        raise SplitError(f"{name}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    return Path(copy), name


def _readable(path: Path, name: str) -> None:
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise SplitError(f"{name}: cannot read: {error.strerror}") from None


class Input:
    """What the input is: its format, the items' kind, whether a document is a batch
    body (and the batch's fields it carried), and its items, read as often as needed.
    ``done_bytes`` says how far the reading has gone (for the progress line). Filled in
    as the reading learns it (a plain class: mutable state)."""

    __slots__ = ("body", "document", "fields", "format", "kind", "name", "path", "problems", "size", "stream", "text")

    def __init__(self, path: Path, name: str, format: Format, size: int = 0) -> None:
        self.path = path
        self.name = name
        self.format: Format = format
        self.size = size
        self.kind = "order"
        #: The batch fields a body document carried (notifyUrl, historical, updateEnabled).
        self.fields: dict[str, Any] = {}
        self.document: Any = None
        self.text: str | None = None
        self.body = False
        #: A document's items with parse findings (a duplicate key, NaN), by index.
        self.problems: dict[int, tuple[Finding, ...]] = {}
        self.stream: IO[bytes] | None = None

    def records(self) -> Generator[Record, None, None]:
        """Every item, in order, each with where it starts in the file."""
        if self.format == "document":
            yield from self._document_records()
            return
        with _open(self.path) as self.stream:
            if self.format == "ndjson":
                from ..io.ndjson import file_lines

                for index, line, parsed in file_lines(self.stream, _PIECE):
                    yield Record(index, line, 1, parsed.document, parsed.text, "", tuple(parsed.findings))
                return
            scanner = Scanner(self.stream, self.name)
            try:
                scanner.expect("[")
                yield from scanner.items()
                scanner.expect_end()
            except StreamError as error:
                raise SplitError(str(error)) from None

    def done_bytes(self) -> int:
        """The bytes read so far by ``records``."""
        if self.stream is None or self.stream.closed:
            return self.size
        return self.stream.tell()

    def _document_records(self) -> Generator[Record, None, None]:
        if not self.body:
            yield Record(0, 1, 1, self.document, self.text, "", self.problems.get(0, ()))
            return
        key = BATCH_FOR_ITEM[self.kind].items_key
        for index, item in enumerate(self.document[key]):
            yield Record(index, 1, 1, item, self.text, f"/{key}/{index}", self.problems.get(index, ()))


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as error:
        raise SplitError(f"{path}: cannot read: {error.strerror}") from None


def read_input(path: Path, name: str, kind: str | None, hint: str | None = None) -> Input:
    """The input at ``path`` told apart: its format and the items' kind (``kind``, else detected)."""
    found = Input(path, name, _sniff(path), size=path.stat().st_size)
    if found.format == "document":
        _read_document(found, kind, hint)
    else:
        found.kind = kind or _detect(found, hint)
    return found


def _sniff(path: Path) -> Format:
    """NDJSON by suffix; else by content: ``[`` starts an array, and text whose
    first line is a whole JSON value followed by more lines is NDJSON. An
    empty input is NDJSON without lines: no items."""
    if path.suffix.lower() in _NDJSON_SUFFIXES:
        return "ndjson"
    try:
        with path.open("rb") as stream:
            first = stream.readline().removeprefix(codecs.BOM_UTF8)
            while not first.strip() and first:
                first = stream.readline()
            if first.lstrip()[:1] == b"[":
                return "array"
            rest = next((line for line in stream if line.strip()), b"")
    except OSError as error:
        raise SplitError(f"{path}: cannot read: {error.strerror}") from None
    if not first.strip() or (first.lstrip()[:1] == b"{" and rest and _is_json(first)):
        return "ndjson"
    return "document"


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _read_document(found: Input, kind: str | None, hint: str | None) -> None:
    """Parse a one-document input whole: one item, or a batch body."""
    from ..io.jsonsource import parse

    try:
        data = found.path.read_bytes()
    except OSError as error:
        raise SplitError(f"{found.name}: cannot read: {error.strerror}") from None
    parsed = parse(data)
    if not parsed.ok:
        raise SplitError(where(found.name, parsed.findings[0]))
    found.document, found.text = parsed.document, parsed.text
    found.kind = kind or item_kind_of(_kind_of(found.document, hint, found.name))
    shape = BATCH_FOR_ITEM[found.kind]
    found.body = shape.is_body(found.document)
    if found.body:
        found.fields = {k: found.document[k] for k in shape.fields if k in found.document}
    if parsed.findings:
        prefix = f"/{shape.items_key}/" if found.body else ""
        _sort_problems(found, with_positions(parsed.findings, found.text), prefix)


def _sort_problems(found: Input, findings: list[Finding], prefix: str) -> None:
    """Give each parse finding to the item it is in; one outside every item
    (the body's own keys) makes the whole input unreadable."""
    by_item: dict[int, list[Finding]] = {}
    for finding in findings:
        if not finding.pointer.startswith(prefix):
            raise SplitError(where(found.name, finding))
        index = int(jp.split(finding.pointer)[1]) if prefix else 0
        by_item.setdefault(index, []).append(finding)
    found.problems = {index: tuple(problems) for index, problems in by_item.items()}


def _kind_of(document: Any, hint: str | None, at: str) -> str:
    detection = resolve(document, None, hint)
    if detection.kind is None:
        raise SplitError(f"{at}: cannot tell the kind: {detection.reason}; pass --kind")
    return detection.kind


def _detect(found: Input, hint: str | None) -> str:
    """The kind of the first item that parses (an input without one: orders)."""
    records = found.records()
    try:
        for record in records:
            if record.problems:
                continue
            at = f"{found.name}:{record.line}: item {record.index}"
            kind = _kind_of(record.value, hint, at)
            if kind in BATCHES:
                raise SplitError(
                    f"{at} is a whole {kind} body; split takes one item per "
                    "line (or array element), or a single body document"
                )
            return kind
    finally:
        records.close()  # the file too, now
    return "order"


def where(name: str, finding: Finding) -> str:
    """``NAME:LINE:COLUMN: message (hint)`` for a finding that stops the whole input."""
    at = f":{finding.line}:{finding.column}" if finding.line is not None else ""
    hint = f" ({finding.hint})" if finding.hint else ""
    return f"{name}{at}: {finding.message}{hint}"
