"""Parsing JSON text the way a linter must: strictly, every problem a finding with a place.

Python's ``json`` takes ``NaN``/``Infinity`` and keeps the last of two equal
keys without a word; Brevo's parser takes neither. ``parse`` reports both, and
turns every other failure (not UTF-8, empty, binary, nested past what the
parser can take) into a finding with a line and column, never an exception.

The decoder and its hooks are built once per thread (``strict_decoder``) and
reused: building them costs about 3 µs, a sixth of parsing an order. A big
document whose root is an object is parsed member by member, its arrays item
by item, which costs about 1 µs an item and leaves an ``Index`` of where each
starts: a finding on the last order of a batch is then placed without scanning
the others (``positions``, where line and column are computed).
"""

from __future__ import annotations

import json
import math
import re
from _thread import _local
from collections.abc import Iterable

from .. import pointer as jp
from ..report import Finding
from .positions import (  # re-exported: the names this module has always offered
    Index,
    Position,
    Span,
    line_columns,
    locate,
    locate_nearest,
    locate_offset,
    spans,
    starts,
    too_deep_at,
)
from .textdecode import decode, error_finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "Index",
    "Parsed",
    "Position",
    "Span",
    "StrictDecoder",
    "decode",
    "duplicate_key_finding",
    "line_columns",
    "locate",
    "locate_nearest",
    "locate_offset",
    "parse",
    "spans",
    "starts",
    "strict_decoder",
]

#: One hint for NaN/Infinity, whether the parser or a rule on a Python payload finds it.
NON_FINITE_HINT = "send a finite number, or leave the key out"
#: What the parser says of a number literal past a 64-bit float's range (1e400).
OUT_OF_RANGE_MESSAGE = "the number is larger than a 64-bit float can hold (about 1.8e308); Brevo's server rejects it"
OUT_OF_RANGE_HINT = "send the value Brevo should store, within the range of a 64-bit number"
#: Documents at least this long are parsed with an ``Index`` (below it, placing a pointer
#: anywhere costs less than the index would).
INDEX_MIN_CHARS = 1 << 14


class Parsed:
    """The outcome of ``parse``: the document (None when ``ok`` is False), the
    parser's findings, the text positions are computed against and, for a big
    document, the ``Index`` that places pointers in it without a scan from the start.

    ``keys`` is set by a reader that parsed the text with plain ``json`` or orjson
    (``io.ndjson``'s plain reading): the most object keys the text can hold. Such a document is the one
    ``parse`` would make only if nothing was dropped, which the validator proves (a valid
    document with exactly ``keys`` members) or else parses the text again with ``parse``."""

    __slots__ = ("document", "findings", "text", "ok", "index", "keys")

    def __init__(
        self,
        document: Any = None,
        findings: list[Finding] | None = None,
        text: str | None = None,
        ok: bool = False,
        index: Index | None = None,
        keys: int | None = None,
    ) -> None:
        self.document = document
        self.findings: list[Finding] = findings if findings is not None else []
        self.text = text
        self.ok = ok
        self.index = index
        self.keys = keys


class StrictDecoder:
    """A ``json`` decoder whose hooks note what Brevo's parser would refuse and Python's
    takes: a key given twice, NaN/Infinity, a number literal no 64-bit float holds. Build
    one per reader (or take the thread's, ``strict_decoder``), ``reset`` it before each
    document and read ``flagged`` after: the clean common case costs one test."""

    __slots__ = (
        "duplicates",
        "non_finite",
        "out_of_range",
        "decode",
        "raw_decode",
        "scan_once",
        "scan_fast",
        "scan_plain",
        "hooks",
    )

    def __init__(self) -> None:
        self.duplicates: list[tuple[dict[str, Any], list[str]]] = []
        self.non_finite = False
        #: The infinities that stand for a literal too large for a float (1e400, 5000 digits):
        #: kept by identity, so a NaN/Infinity literal is still told apart from them.
        self.out_of_range: list[float] = []
        #: The number hooks cost about a third of a microsecond per literal; a regex that looked
        #: for a huge literal first cost ten times more on an order's text.
        self.hooks: dict[str, Any] = {
            "object_pairs_hook": self._pairs,
            "parse_constant": self._constant,
            "parse_float": self._number,
            "parse_int": self._integer,
        }
        decoder = json.JSONDecoder(**self.hooks)
        self.decode = decoder.decode
        self.raw_decode = decoder.raw_decode
        self.scan_once: Any = decoder.scan_once  # type: ignore[attr-defined]
        #: The same scanner without the integer hook, for readers that parse a text again with
        #: ``decode`` when it raises: ``json`` then reads integers in C (a Python call per
        #: integer literal cost a tenth of an order's parse), and the one thing the hook is for,
        #: a literal too long for ``int()``, raises ValueError instead of being noted.
        fast_hooks = {name: hook for name, hook in self.hooks.items() if name != "parse_int"}
        self.scan_fast: Any = json.JSONDecoder(**fast_hooks).scan_once  # type: ignore[attr-defined]
        #: Plain ``json`` but for NaN/Infinity (its hook runs only on those literals): the parse of
        #: ``json.loads``. It keeps the last of two equal keys and reads 1e400 as Infinity, so what it
        #: makes is taken only with a proof (``Parsed.keys``): the hooks cost a quarter of the
        #: parse on an order (``compile.membersgen`` has the figures).
        self.scan_plain: Any = json.JSONDecoder(parse_constant=self._constant).scan_once  # type: ignore[attr-defined]

    @property
    def flagged(self) -> bool:
        """Whether the last document held anything ``parse`` reports."""
        return bool(self.duplicates) or self.non_finite or bool(self.out_of_range)

    def reset(self) -> None:
        """Forget the last document (and the objects the hooks noted in it)."""
        if self.duplicates:
            self.duplicates = []
        if self.out_of_range:
            self.out_of_range = []
        self.non_finite = False

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            twice = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            self.duplicates.append((obj, twice))
        return obj

    def _constant(self, name: str) -> float:
        self.non_finite = True
        return float(name.replace("Infinity", "inf"))

    def _number(self, text: str) -> float:
        value = float(text)
        return self._too_large(text) if _isinf(value) else value

    def _integer(self, text: str) -> int | float:
        return int(text) if len(text) <= _INT_DIGITS else self._too_large(text)

    def _too_large(self, text: str) -> float:
        value = float("-inf" if text.startswith("-") else "inf")  # a new object: told apart by identity
        self.out_of_range.append(value)
        return value


#: Python refuses to turn longer digit strings into an int (``sys.get_int_max_str_digits``); any
#: integer that long is far past what a 64-bit server holds anyway.
_INT_DIGITS = 4300
_isinf = math.isinf
_THREAD = _local()


def strict_decoder() -> StrictDecoder:
    """This thread's ``StrictDecoder`` (a decoder's hooks hold one document's state at a time)."""
    try:
        decoder: StrictDecoder = _THREAD.decoder
    except AttributeError:
        decoder = _THREAD.decoder = StrictDecoder()
    return decoder


def parse(data: str | bytes) -> Parsed:
    """Parse one JSON document; problems become findings, never exceptions."""
    text, problem = decode(data)
    if problem is not None or text is None:
        return Parsed(findings=[problem] if problem else [])
    if "\x00" in text:
        at = locate_offset(text, text.index("\x00"))
        return Parsed(
            findings=[
                error_finding(
                    "json/syntax", "a NUL character: this is binary data, not JSON text", None, "", at.line, at.column
                )
            ],
            text=text,
        )
    if not text.strip():
        return Parsed(
            findings=[error_finding("json/syntax", "the document is empty: no JSON value", None, "", 1, 1)], text=text
        )
    strict = strict_decoder()
    strict.reset()
    try:
        document, index = _decode(text, strict)
    except json.JSONDecodeError as error:
        return Parsed(findings=[_syntax(error)], text=text)
    except RecursionError:
        at = too_deep_at(text)
        return Parsed(
            findings=[
                error_finding(
                    "json/too-deep",
                    "arrays and objects nest too deeply to parse; no Brevo payload nests more than a few levels",
                    None,
                    "",
                    at.line,
                    at.column,
                )
            ],
            text=text,
        )
    finally:
        flagged = strict.flagged
        duplicates, non_finite, out_of_range = strict.duplicates, strict.non_finite, strict.out_of_range
        strict.reset()
    if not flagged:
        return Parsed(document, [], text, ok=True, index=index)
    findings = []
    if duplicates:
        findings.extend(_duplicate_findings(document, duplicates))
    if non_finite or out_of_range:
        huge = {id(v) for v in out_of_range}
        findings.extend(
            error_finding("numbers/out-of-range", OUT_OF_RANGE_MESSAGE, OUT_OF_RANGE_HINT, pointer)
            if id(v) in huge
            else error_finding(
                "json/non-finite-number",
                f"{_nonfinite_name(v)} is not a JSON number; Brevo rejects it",
                NON_FINITE_HINT,
                pointer,
            )
            for pointer, v in _walk_non_finite(document)
        )
    return Parsed(document, findings, text, ok=True, index=index)


def _decode(text: str, strict: StrictDecoder) -> tuple[Any, Index | None]:
    """The document in ``text`` as ``json.loads`` would read it with ``strict``'s hooks
    (raising what it raises), with an ``Index`` when the text is big."""
    if len(text) >= INDEX_MIN_CHARS:
        try:
            indexed = _indexed(text, strict)
        except (ValueError, StopIteration, RecursionError):
            indexed = None
        if indexed is not None:
            return indexed
        strict.reset()  # parsed again below, for the error json.loads gives
    else:  # the C scanner straight away: decode() and raw_decode() cost two Python frames a document
        try:
            document, end = strict.scan_fast(text, _blanks(text, 0) if text[0] in " \t\n\r" else 0)
        except (StopIteration, ValueError):
            pass  # parsed again below, for the error json.loads gives
        else:
            if end == len(text) or _blanks(text, end) == len(text):
                return document, None
        strict.reset()
    if text.startswith("\ufeff"):  # a second BOM: json.loads has its own message for it
        return json.loads(text, **strict.hooks), None
    return strict.decode(text), None


_BLANK = re.compile(r"[ \t\n\r]*")


def _blanks(text: str, position: int) -> int:
    """The offset of the first character at or after ``position`` that is no JSON blank."""
    return _BLANK.match(text, position).end()  # type: ignore[union-attr]  # (it always matches)


#: What follows an item: blanks, then a comma (and blanks) or the closing bracket.
_AFTER_ITEM = re.compile(r"[ \t\n\r]*(?:,[ \t\n\r]*|(\]))")
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


def _indexed(text: str, strict: StrictDecoder) -> tuple[Any, Index] | None:
    """The root object parsed member by member (and the arrays among them item by item)
    with the decoder's scanner, noting where each starts. None for anything else (a root
    array, a syntax error...), which the caller parses whole for the usual outcome."""
    blank, scan = _blanks, strict.scan_once
    position = blank(text, 0)
    if text[position : position + 1] != "{":
        return None
    index = Index(position)
    pairs: list[tuple[str, Any]] = []
    position = blank(text, position + 1)
    while True:
        key_start = position
        if text[position : position + 1] != '"':
            return None
        key, position = _scanstring(text, position + 1, True)
        position = blank(text, position)
        if text[position : position + 1] != ":":
            return None
        value_start = position = blank(text, position + 1)
        member = "/" + jp.escape(key)
        if text[value_start : value_start + 1] == "[":
            value, position, index.items[member] = _items(text, value_start, scan)
        else:
            value, position = scan(text, value_start)
            index.items.pop(member, None)  # a key given twice: the last occurrence counts
        pairs.append((key, value))
        index.members[member] = (key_start, value_start)
        position = blank(text, position)
        found = text[position : position + 1]
        position = blank(text, position + 1)
        if found == "}":
            break
        if found != ",":
            return None
    if position != len(text):
        return None
    return strict._pairs(pairs), index


def _items(text: str, start: int, scan: Any) -> tuple[list[Any], int, list[int]]:
    """The array opening at ``start``, item by item: (items, the end, where each item starts)."""
    items: list[Any] = []
    offsets: list[int] = []
    position = _blanks(text, start + 1)
    if text[position : position + 1] == "]":
        return items, position + 1, offsets
    after = _AFTER_ITEM.match
    while True:
        offsets.append(position)
        value, position = scan(text, position)
        items.append(value)
        match = after(text, position)
        if match is None:
            raise ValueError("not an array")
        position = match.end()
        if match.group(1):
            return items, position, offsets


_FRIENDLY = {
    "Expecting value": "expected a JSON value",
    "Expecting property name enclosed in double quotes": "expected a key in double quotes",
    "Expecting ',' delimiter": "expected a comma",
    "Expecting ':' delimiter": "expected a colon after the key",
    "Extra data": "extra text after the JSON value",
    "Unterminated string starting at": "a string is never closed",
    "Invalid control character at": "a raw control character (such as a tab or newline) inside a string",
    "Invalid \\escape": "an invalid backslash escape in a string",
}


def _syntax(error: json.JSONDecodeError) -> Finding:
    message = _FRIENDLY.get(error.msg, error.msg)
    hint = None
    if error.msg.startswith(("Expecting property name", "Expecting value")) and _after_comma(error.doc, error.pos):
        hint = "remove the trailing comma"
    elif error.msg == "Extra data":
        hint = "one document per .json file; use .ndjson for one document a line"
    return error_finding("json/syntax", f"not valid JSON: {message}", hint, "", error.lineno, error.colno)


def _after_comma(text: str, position: int) -> bool:
    """True when a closing bracket at ``position`` follows a comma."""
    if text[position : position + 1] not in ("]", "}"):
        return False
    return text[:position].rstrip().endswith(",")


def _nonfinite_name(value: float) -> str:
    return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")


def _walk(document: Any) -> Iterable[tuple[str, Any]]:
    """Every (pointer, value) in ``document``, iteratively (no recursion limit)."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        at, node = stack.pop()
        yield at, node
        if isinstance(node, dict):
            stack.extend((jp.join(at, k), v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((jp.join(at, i), v) for i, v in reversed(list(enumerate(node))))


def _walk_non_finite(document: Any) -> Iterable[tuple[str, float]]:
    for at, node in _walk(document):
        if isinstance(node, float) and not math.isfinite(node):
            yield at, node


def _duplicate_findings(document: Any, duplicates: list[tuple[dict[str, Any], list[str]]]) -> list[Finding]:
    where = {id(obj): keys for obj, keys in duplicates}
    found = []
    for at, node in _walk(document):
        for key in where.get(id(node), ()) if isinstance(node, dict) else ():
            found.append(duplicate_key_finding(jp.join(at, key), key))
    return found


def duplicate_key_finding(pointer: str, key: str) -> Finding:
    """The finding for ``key`` given again in one object (``pointer``: the member)."""
    return error_finding(
        "json/duplicate-key",
        f"key {key!r} is given more than once in this object; only the last value is kept",
        "keep one of them",
        pointer,
    )
