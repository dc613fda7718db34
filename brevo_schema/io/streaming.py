"""Reading JSON one value at a time, in memory bounded by the largest value.

Shared by ``split`` (its items) and ``check`` (a top-level array, or the members
of a batch object too large to hold whole). ``Scanner`` decodes the bytes in
chunks and lets the strict decoder (``jsonsource.StrictDecoder``: the hooks
``parse`` uses) read each value where it sits; ``array_items`` walks a top-level
array, ``object_members`` a top-level object, whose one array it may walk item by
item. A problem with the text as a whole (not UTF-8, not the expected shape, a
value cut short) is a ``StreamError`` with its line and column.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Collection, Iterator
from typing import IO, Any, Final, NoReturn

from ..report import Finding
from .jsonsource import StrictDecoder, parse

_CHUNK: Final = 1 << 16
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


class StreamError(Exception):
    """The text cannot be read as the JSON value expected; ``str()`` is the message
    ``name:line:column: ...``, also held in parts."""

    def __init__(self, name: str, line: int, column: int | None, message: str) -> None:
        where = f"{name}:{line}:{column}" if column is not None else f"{name}:{line}"
        super().__init__(f"{where}: {message}")
        self.line = line
        self.column = column
        self.message = message


class Record:
    """One value of the input. ``text`` is the source ``base`` points into (the
    value's own text, or the whole document's), kept only while the value is
    the current one; ``line``/``column`` are where ``text`` starts in the file.
    ``problems``: what the parser reports of the value (a duplicate key, NaN, a
    number past 64 bits), pointers relative to it. Mutable: the reader drops
    ``text`` once the value is passed on (a plain class, not a dataclass, which
    would cost the CLI's start-up the import of ``inspect``)."""

    __slots__ = ("base", "column", "index", "line", "problems", "text", "value")

    def __init__(
        self,
        index: int,
        line: int,
        column: int,
        value: Any = None,
        text: str | None = None,
        base: str = "",
        problems: tuple[Finding, ...] = (),
    ) -> None:
        self.index = index
        self.line = line
        self.column = column
        self.value = value
        self.text = text
        self.base = base
        self.problems = problems

    def __repr__(self) -> str:
        return f"Record(index={self.index}, line={self.line}, column={self.column}, value={self.value!r})"


class Member:
    """A member of a top-level object: its key, where the key starts (the line and column
    positions of findings on the member itself point at), and its value; None when the
    value is an array read item by item (the items follow as ``Record``s)."""

    __slots__ = ("column", "key", "line", "value")

    def __init__(self, key: str, line: int, column: int, value: Record | None) -> None:
        self.key = key
        self.line = line
        self.column = column
        self.value = value

    def __repr__(self) -> str:
        return f"Member(key={self.key!r}, line={self.line}, column={self.column})"


def array_items(stream: IO[bytes], name: str) -> Iterator[Record]:
    """The elements of the JSON array ``stream`` holds, one ``Record`` each, in order."""
    scanner = Scanner(stream, name)
    scanner.expect("[")
    yield from scanner.items()
    scanner.expect_end()


def _decode_error(problem: Exception, text: str) -> json.JSONDecodeError:
    """The error ``raw_decode`` raises, from what the scanner raised."""
    if isinstance(problem, StopIteration):
        return json.JSONDecodeError("Expecting value", text, problem.value)
    assert isinstance(problem, json.JSONDecodeError)
    return problem


def object_members(scanner: Scanner, streamed: Collection[str]) -> Iterator[Member | Record]:
    """The members of the JSON object ``scanner`` reads (``Scanner(stream, name, "object")``),
    in order: each a ``Member``; the value of the first member whose key is in ``streamed``
    and which is an array is read item by item, each item a ``Record`` following its
    ``Member`` (whose value is None)."""
    scanner.expect("{")
    if scanner.peek() == "}":
        scanner.advance()
        scanner.expect_end()
        return
    walked = False
    while True:
        key, line, column = scanner.key()
        scanner.expect(":")
        if not walked and key in streamed and scanner.peek() == "[":
            walked = True
            yield Member(key, line, column, None)
            scanner.advance()
            yield from scanner.items()
        else:
            yield Member(key, line, column, scanner.item(0))
        if scanner.peek() == "}":
            scanner.advance()
            scanner.expect_end()
            return
        scanner.expect(",")


_SPACE: Final = re.compile(r"[ \t\n\r]*")
#: The JSON blanks, and the empty string: the end of the buffer (``_skip_space`` then reads on).
_BLANKS: Final = frozenset((" ", "\t", "\n", "\r", ""))


class Scanner:
    """Reads JSON one value at a time, in bounded memory.

    The text is decoded in chunks; the strict decoder parses each value. A
    value cut by the end of the buffer fails near that end (or, for a string,
    as unterminated): then more text is read, as much again as is held (so a
    huge value costs linear time), and the value re-parsed.
    """

    def __init__(self, stream: IO[bytes], name: str, shape: str = "array") -> None:
        self.stream = stream
        self.name = name
        #: "array" or "object": what the text should be (messages name it).
        self.shape = shape
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.strict = StrictDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.started = False
        #: Line and column of ``buf[counted]``.
        self.line, self.column, self.counted = 1, 1, 0
        self.bytes_read = 0
        #: Characters decoded so far (a byte-order mark left out): the text's length at the end.
        self.chars_read = 0

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
        self.chars_read += len(text)
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
            if self.buf[self.pos : self.pos + 1] not in _BLANKS:  # the usual case: no blank to skip
                return
            match = _SPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf) or not self._fill():
                return

    def here(self) -> tuple[int, int]:
        """The line and column of the next character that is no blank."""
        self._skip_space()
        self._mark(self.pos)
        return self.line, self.column

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
            self._fail(self.pos, f"extra text after the {self.shape}")

    def _fail(self, at: int, message: str) -> NoReturn:
        self._mark(at)
        what = "a JSON array of items" if self.shape == "array" else "a JSON object"
        raise StreamError(self.name, self.line, self.column, f"not {what}: {message}")

    def items(self) -> Iterator[Record]:
        """The items of the array whose ``[`` was just read, up to and with its ``]``."""
        if self.peek() == "]":
            self.advance()
            return
        index = 0
        while True:
            yield self.item(index)
            index += 1
            if self.peek() == "]":
                self.advance()
                return
            self.expect(",")

    def key(self) -> tuple[str, int, int]:
        """The object key that starts here, with its line and column."""
        while True:
            if self.peek() != '"':
                self._fail(self.pos, "expected a key in double quotes")
            try:
                key, end = _scanstring(self.buf, self.pos + 1, True)
            except json.JSONDecodeError as error:
                if self._fill():
                    continue  # cut by the end of the buffer
                self._fail(error.pos, error.msg)
            self._mark(self.pos)
            line, column = self.line, self.column
            self.pos = end
            return key, line, column

    def item(self, index: int) -> Record:
        """The value that starts here (the ``index``-th of its array)."""
        while True:
            self._skip_space()
            start = self.pos
            self.strict.reset()
            try:  # the decoder's C scanner itself: raw_decode() would cost a Python frame an item
                value, end = self.strict.scan_once(self.buf, start)
            except (StopIteration, json.JSONDecodeError) as problem:
                error = _decode_error(problem, self.buf)
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
