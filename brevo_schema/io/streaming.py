"""Reading a JSON array one element at a time, in memory bounded by the largest element.

Shared by ``split`` (its items) and ``check`` (a top-level array, or the items of
a batch too large to hold whole). ``Scanner`` decodes the bytes in chunks and
lets ``json``'s ``raw_decode`` parse each element; ``array_items`` walks a
top-level array. A problem with the text as a whole (not UTF-8, not an array, an
element cut short) is a ``StreamError`` with its line and column.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, Final

from ..report import Finding
from .jsonsource import parse

_CHUNK: Final = 1 << 16


class StreamError(Exception):
    """The text cannot be read as a JSON array of items; ``str()`` is the message
    ``name:line:column: ...``, also held in parts."""

    def __init__(self, name: str, line: int, column: int | None, message: str) -> None:
        where = f"{name}:{line}:{column}" if column is not None else f"{name}:{line}"
        super().__init__(f"{where}: {message}")
        self.line = line
        self.column = column
        self.message = message


@dataclass(slots=True)
class Record:
    """One item of the input. ``text`` is the source ``base`` points into (the
    item's own text, or the whole document's), kept only while the item is
    the current one; ``line``/``column`` are where ``text`` starts in the file.
    ``problems``: the item could not be parsed cleanly (it is not split)."""

    index: int
    line: int
    column: int
    value: Any = None
    text: str | None = None
    base: str = ""
    problems: tuple[Finding, ...] = ()


class Strict:
    """Decoder hooks that only note what ``jsonsource.parse`` would report (a
    duplicate key, NaN): the clean common case costs one flag."""

    def __init__(self) -> None:
        self.flagged = False
        self.decoder = json.JSONDecoder(object_pairs_hook=self._pairs, parse_constant=self._constant)

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            self.flagged = True
        return obj

    def _constant(self, name: str) -> float:
        self.flagged = True
        return float(name.replace("Infinity", "inf"))


def array_items(stream: IO[bytes], name: str) -> Iterator[Record]:
    """The elements of the JSON array ``stream`` holds, one ``Record`` each, in order."""
    scanner = Scanner(stream, name)
    scanner.expect("[")
    if scanner.peek() == "]":
        scanner.advance()
        scanner.expect_end()
        return
    index = 0
    while True:
        yield scanner.item(index)
        index += 1
        found = scanner.peek()
        if found == "]":
            scanner.advance()
            scanner.expect_end()
            return
        scanner.expect(",")


_SPACE: Final = re.compile(r"[ \t\n\r]*")


class Scanner:
    """Reads a JSON array one element at a time, in bounded memory.

    The text is decoded in chunks; ``json``'s ``raw_decode`` parses each
    element. An element cut by the end of the buffer fails near that end (or,
    for a string, as unterminated): then more text is read, as much again as
    is held (so a huge element costs linear time), and the element re-parsed.
    """

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.stream = stream
        self.name = name
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.strict = Strict()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.started = False
        #: Line and column of ``buf[counted]``.
        self.line, self.column, self.counted = 1, 1, 0
        self.bytes_read = 0

    def _fill(self) -> bool:
        """Append more text to the buffer; False at the end of the input (the
        buffer then stays as it was, so positions in it stay true)."""
        if self.eof:
            return False
        raw = self.stream.read(max(_CHUNK, len(self.buf) - self.pos))
        try:
            text = self.utf8.decode(raw, final=not raw)
        except UnicodeDecodeError as error:
            raise self._not_utf8(error, len(raw)) from None
        self.bytes_read += len(raw)
        self.eof = not raw
        if not self.started:
            text, self.started = text.removeprefix("\ufeff"), True
        if text:
            self._mark(self.pos)
            self.buf, self.pos, self.counted = self.buf[self.pos :] + text, 0, 0
        return bool(raw)

    def _not_utf8(self, error: UnicodeDecodeError, read: int) -> StreamError:
        data = error.object
        self._mark(len(self.buf))
        line = self.line + data.count(b"\n", 0, error.start)
        offset = self.bytes_read + read - len(data) + error.start
        return StreamError(
            self.name,
            line,
            None,
            f"not UTF-8 text: byte 0x{data[error.start]:02x} at byte offset {offset:,} "
            "cannot be decoded (save the file as UTF-8)",
        )

    def _mark(self, upto: int) -> None:
        """Move the line/column count forward to ``buf[upto]``."""
        newlines = self.buf.count("\n", self.counted, upto)
        if newlines:
            self.line += newlines
            self.column = upto - self.buf.rfind("\n", self.counted, upto)
        else:
            self.column += upto - self.counted
        self.counted = upto

    def _skip_space(self) -> None:
        while True:
            match = _SPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf) or not self._fill():
                return

    def peek(self) -> str:
        self._skip_space()
        return self.buf[self.pos : self.pos + 1]

    def advance(self) -> None:
        self.pos += 1

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            what = repr(found) if found else "the end of the input"
            self._fail(self.pos, f"expected {char!r}, found {what}")
        self.advance()

    def expect_end(self) -> None:
        if self.peek():
            self._fail(self.pos, "extra text after the array")

    def _fail(self, at: int, message: str) -> None:
        self._mark(at)
        raise StreamError(self.name, self.line, self.column, f"not a JSON array of items: {message}")

    def item(self, index: int) -> Record:
        while True:
            self._skip_space()
            start = self.pos
            self.strict.flagged = False
            try:
                value, end = self.strict.decoder.raw_decode(self.buf, start)
            except json.JSONDecodeError as error:
                cut = error.pos >= len(self.buf) - 16 or error.msg.startswith("Unterminated string")
                if cut and self._fill():
                    continue
                self._fail(error.pos, f"{error.msg} (in item {index})")
            except RecursionError:
                self._fail(start, f"item {index} nests too deeply")
            if end == len(self.buf) and self._fill():
                continue  # a number may go on in the next chunk
            return self._record(index, start, end, value)

    def _record(self, index: int, start: int, end: int, value: Any) -> Record:
        self._mark(start)
        text = self.buf[start:end]
        self.pos = end
        if not self.strict.flagged:
            return Record(index, self.line, self.column, value, text)
        parsed = parse(text)
        return Record(index, self.line, self.column, parsed.document, text, "", tuple(parsed.findings))
