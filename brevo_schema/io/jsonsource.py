"""Parsing JSON text the way a linter must: with positions, and strictly.

Python's ``json`` takes ``NaN``/``Infinity`` and keeps the last of two equal
keys without a word; Brevo's parser takes neither. ``parse`` reports both, and
turns every other failure (not UTF-8, empty, binary, nested past what the
parser can take) into a finding with a line and column, never an exception.

Positions are computed only for findings, by ``locate``: one iterative pass
over the text that follows just the branches leading to the pointers asked for.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

from .. import pointer as jp
from .._records import Value, init
from ..report import Finding, Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: One hint for NaN/Infinity, whether the parser or a rule on a Python payload finds it.
NON_FINITE_HINT = "send a finite number, or leave the key out"
#: What the parser says of a number literal past a 64-bit float's range (1e400).
OUT_OF_RANGE_MESSAGE = "the number is larger than a 64-bit float can hold (about 1.8e308); Brevo's server rejects it"
OUT_OF_RANGE_HINT = "send the value Brevo should store, within the range of a 64-bit number"

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


class Position(Value):
    """A 1-based line and column (in characters)."""

    __slots__ = ("line", "column")
    line: int
    column: int

    def __init__(self, line: int, column: int) -> None:
        init(self, line=line, column=column)


class Parsed:
    """The outcome of ``parse``: the document (None when ``ok`` is False), the
    parser's findings, and the text positions are computed against."""

    __slots__ = ("document", "findings", "text", "ok")

    def __init__(
        self, document: Any = None, findings: list[Finding] | None = None, text: str | None = None, ok: bool = False
    ) -> None:
        self.document = document
        self.findings: list[Finding] = findings if findings is not None else []
        self.text = text
        self.ok = ok


def _finding(
    rule: str,
    message: str,
    hint: str | None = None,
    pointer: str = "",
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    return Finding(rule, Severity.ERROR, pointer, message, hint, line, column)


def decode(data: str | bytes) -> tuple[str | None, Finding | None]:
    """The text of ``data`` (UTF-8, a BOM tolerated), or a ``json/syntax`` finding."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    raw = bytes(data)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            if name == "utf-8":
                raw = raw[len(bom) :]
                break
            return None, _finding(
                "json/syntax",
                f"the text is {name} (it starts with a {name} byte-order mark); JSON for Brevo is UTF-8",
                "save the file as UTF-8",
                line=1,
                column=1,
            )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        return None, _finding(
            "json/syntax",
            f"not UTF-8 text: byte 0x{byte:02x} at line {line} column {column} cannot be decoded",
            _undecodable_hint(raw),
            line=line,
            column=column,
        )


#: What a file that starts with these bytes is (it is no text, so "save it as UTF-8" would mislead).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a file in a ZIP format: xlsx, docx...)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
)


def _undecodable_hint(raw: bytes) -> str:
    """The hint for bytes that are not UTF-8: a known binary format by name, binary data, or text to re-save."""
    for signature, name in _SIGNATURES:
        if raw.startswith(signature):
            return f"this is {name}, not JSON text: check that it is the file you meant to check"
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "this is a WebP image, not JSON text: check that it is the file you meant to check"
    if b"\x00" in raw[:1024]:
        return "this is binary data, not JSON text: check that it is the file you meant to check"
    return "save the file as UTF-8"


class _Recorder:
    """The parser's hooks: they note duplicate keys, non-finite numbers, and number literals
    no 64-bit float can hold."""

    __slots__ = ("duplicates", "non_finite", "out_of_range")

    def __init__(self) -> None:
        self.duplicates: list[tuple[dict[str, Any], list[str]]] = []
        self.non_finite = False
        #: The infinities that stand for a literal too large for a float (1e400, 5000 digits):
        #: kept by identity, so a NaN/Infinity literal is still told apart from them.
        self.out_of_range: list[float] = []

    def object_pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            twice = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            self.duplicates.append((obj, twice))
        return obj

    def constant(self, name: str) -> float:
        self.non_finite = True
        return float(name.replace("Infinity", "inf"))

    def number(self, text: str) -> float:
        value = float(text)
        return self._too_large(text) if _isinf(value) else value

    def integer(self, text: str) -> int | float:
        return int(text) if len(text) <= _INT_DIGITS else self._too_large(text)

    def _too_large(self, text: str) -> float:
        value = float("-inf" if text.startswith("-") else "inf")  # a new object: told apart by identity
        self.out_of_range.append(value)
        return value


#: Python refuses to turn longer digit strings into an int (``sys.get_int_max_str_digits``); any
#: integer that long is far past what a 64-bit server holds anyway.
_INT_DIGITS = 4300
_isinf = math.isinf


def parse(data: str | bytes) -> Parsed:
    """Parse one JSON document; problems become findings, never exceptions."""
    text, problem = decode(data)
    if problem is not None or text is None:
        return Parsed(findings=[problem] if problem else [])
    if "\x00" in text:
        at = locate_offset(text, text.index("\x00"))
        return Parsed(
            findings=[
                _finding(
                    "json/syntax", "a NUL character: this is binary data, not JSON text", None, "", at.line, at.column
                )
            ],
            text=text,
        )
    if not text.strip():
        return Parsed(
            findings=[_finding("json/syntax", "the document is empty: no JSON value", None, "", 1, 1)], text=text
        )
    recorder = _Recorder()
    try:
        # The number hooks cost about a third of a microsecond per literal; a regex that looked for
        # a huge literal first cost ten times more on an order's text.
        document = json.loads(
            text,
            object_pairs_hook=recorder.object_pairs,
            parse_constant=recorder.constant,
            parse_float=recorder.number,
            parse_int=recorder.integer,
        )
    except json.JSONDecodeError as error:
        return Parsed(findings=[_syntax(error)], text=text)
    except RecursionError:
        at = _too_deep_at(text)
        return Parsed(
            findings=[
                _finding(
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
    findings = []
    if recorder.duplicates:
        findings.extend(_duplicate_findings(document, recorder.duplicates))
    if recorder.non_finite or recorder.out_of_range:
        huge = {id(v) for v in recorder.out_of_range}
        findings.extend(
            _finding("numbers/out-of-range", OUT_OF_RANGE_MESSAGE, OUT_OF_RANGE_HINT, pointer)
            if id(v) in huge
            else _finding(
                "json/non-finite-number",
                f"{_nonfinite_name(v)} is not a JSON number; Brevo rejects it",
                NON_FINITE_HINT,
                pointer,
            )
            for pointer, v in _walk_non_finite(document)
        )
    return Parsed(document, findings, text, ok=True)


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
    return _finding("json/syntax", f"not valid JSON: {message}", hint, "", error.lineno, error.colno)


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
            found.append(
                _finding(
                    "json/duplicate-key",
                    f"key {key!r} is given more than once in this object; only the last value is kept",
                    "keep one of them",
                    jp.join(at, key),
                )
            )
    return found


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)


def line_columns(text: str, offsets: Iterable[int]) -> dict[int, Position]:
    """Offset -> (line, column) for each of ``offsets``: the text is read only up to the
    last of them, once (newlines counted between consecutive offsets, in C)."""
    out: dict[int, Position] = {}
    line, line_start, previous = 1, 0, 0
    for offset in sorted(set(offsets)):
        newlines = text.count("\n", previous, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", previous, offset) + 1
        out[offset] = Position(line, offset - line_start + 1)
        previous = offset
    return out


def locate_offset(text: str, offset: int) -> Position:
    return line_columns(text, (offset,))[offset]


def _too_deep_at(text: str, limit: int = 900) -> Position:
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return locate_offset(text, match.start())
        elif token in ("]", "}"):
            depth -= 1
    return Position(1, 1)


class Span(Value):
    """Where a value sits in the text: offsets of its key (None in an array), and of its value."""

    __slots__ = ("key_start", "value_start", "value_end")
    key_start: int | None
    value_start: int
    value_end: int

    def __init__(self, key_start: int | None, value_start: int, value_end: int) -> None:
        init(self, key_start=key_start, value_start=value_start, value_end=value_end)


def spans(text: str, pointers: Iterable[str], *, last_occurrence: bool = False) -> dict[str, Span]:
    """The text span of each pointer's member; pointers not in the text are left out.

    One pass over the tokens that follows only the branches leading to a target,
    and stops once every target is found, unless ``last_occurrence`` asks for a
    key given twice to be placed where parsers take it from: its last occurrence.
    """
    targets = set(pointers)
    if not targets:
        return {}
    prefixes = {""}
    for target in targets:
        tokens = jp.split(target)
        for end in range(1, len(tokens) + 1):
            prefixes.add(jp.from_path(tokens[:end]))
    found: dict[str, Span] = {}
    # A frame: [pointer, is_object, next_index, pending_key_pointer, key_offset, followed, (target, key, start)]
    stack: list[list[Any]] = []
    expect_key = False
    root_done = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in (":", ","):
            if token == "," and stack and stack[-1][1]:
                expect_key = True
            continue
        if token in ("}", "]"):
            if stack:
                closed = stack.pop()
                if closed[6] is not None:
                    target, opened_key, opened_value = closed[6]
                    found[target] = Span(opened_key, opened_value, match.end())
                    if not last_occurrence and len(found) == len(targets):
                        break
            expect_key = False
            continue
        if stack and stack[-1][1] and expect_key:
            frame = stack[-1]
            if frame[5]:
                try:
                    key = json.loads(token)
                except ValueError:
                    key = token
                frame[3] = jp.join(frame[0], key)
                frame[4] = match.start()
            expect_key = False
            continue
        # A value starts here.
        key_start: int | None = None
        if not stack:
            if root_done:
                break
            root_done = True
            at, followed = "", True
        else:
            frame = stack[-1]
            if not frame[5]:
                at = None  # inside a branch that leads to no target
            elif frame[1]:
                at, key_start = frame[3], frame[4]
            else:
                at = jp.join(frame[0], frame[2])
                frame[2] += 1
            followed = at is not None and at in prefixes
        is_target = followed and at in targets
        if token in ("{", "["):
            pending = (at, key_start, match.start()) if is_target else None
            stack.append([at, token == "{", 0, None, 0, followed, pending])
            expect_key = token == "{"
        elif is_target:
            found[at] = Span(key_start, match.start(), match.end())  # type: ignore[index]
            if not last_occurrence and len(found) == len(targets):
                break
    return found


#: A token with the blanks before it; group 1 is the token.
_NEXT = re.compile(r'[ \t\n\r]*("(?:[^"\\]|\\.)*"?|[{}\[\]:,]|[^\s{}\[\]:,"]+)', re.DOTALL)


#: The C scanner of ``json``: it steps over a value on the way to no target far
#: faster than tokenizing it here would (the value it builds is dropped).
_SCAN_ONCE: Any = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def starts(text: str, pointers: Iterable[str], *, last_occurrence: bool = False) -> dict[str, int]:
    """Where each pointer's key (for an object member) or value starts in ``text``;
    pointers not in the text are left out.

    One pass that tokenizes only the containers on the way to a target and steps over
    every other value with the C scanner; it stops as soon as each target is placed, or
    known to be absent (the container that would hold it has closed). The root is the
    first token: a root finding costs no scan. With ``last_occurrence`` a key given twice
    is placed where parsers take it from, its last occurrence (the pass then goes on to
    the end of the text).
    """
    targets = set(pointers)
    if not targets:
        return {}
    prefixes: set[str] = {""}
    #: container pointer -> the targets beneath it, absent once it has closed
    beneath: dict[str, list[str]] = {}
    for target in targets:
        tokens = jp.split(target)
        for end in range(len(tokens)):
            prefix = jp.from_path(tokens[:end])
            prefixes.add(prefix)
            beneath.setdefault(prefix, []).append(target)
        prefixes.add(target)
    remaining = set(targets)
    found: dict[str, int] = {}
    # A frame: [pointer, is_object, next_index, pending_key_pointer, key_offset]
    stack: list[list[Any]] = []
    expect_key = False
    position = 0
    length = len(text)
    match_next = _NEXT.match
    while position < length and (remaining or last_occurrence):
        match = match_next(text, position)
        if match is None:
            break
        token = match.group(1)
        start, position = match.start(1), match.end()
        if token in (":", ","):
            if token == "," and stack and stack[-1][1]:
                expect_key = True
            continue
        if token in ("}", "]"):
            expect_key = False
            if not stack:
                break
            closed = stack.pop()
            for target in beneath.get(closed[0], ()):
                remaining.discard(target)  # its container closed without it
            if not stack:
                break
            continue
        if stack and stack[-1][1] and expect_key:
            frame = stack[-1]
            try:
                key = json.loads(token)
            except ValueError:
                key = token
            frame[3] = jp.join(frame[0], key)
            frame[4] = start
            expect_key = False
            continue
        # A value starts here.
        key_start: int | None = None
        if not stack:
            at = ""
        else:
            frame = stack[-1]
            if frame[1]:
                at, key_start = frame[3], frame[4]
            else:
                at = jp.join(frame[0], frame[2])
                frame[2] += 1
        if at in targets:
            found[at] = key_start if key_start is not None else start
            remaining.discard(at)
        if token in ("{", "["):
            if at in prefixes:
                stack.append([at, token == "{", 0, None, 0])
                expect_key = token == "{"
                continue
            try:
                _, position = _SCAN_ONCE(text, start)
            except (StopIteration, ValueError, RecursionError):
                # Not JSON the C scanner takes: step over it token by token.
                position = _skip_tokens(text, position)
        if not stack:
            break  # a scalar root, or a root stepped over: nothing else to place
    return found


def _skip_tokens(text: str, position: int) -> int:
    """The end of the container whose opening bracket ends just before ``position``."""
    depth = 1
    for match in _TOKEN.finditer(text, position):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
        elif token in ("]", "}"):
            depth -= 1
            if not depth:
                return match.end()
    return len(text)


def locate(text: str, pointers: Iterable[str], *, last_occurrence: bool = False) -> dict[str, Position]:
    """Where each pointer's key (for object members) or value starts in ``text``."""
    found = starts(text, pointers, last_occurrence=last_occurrence)
    if not found:
        return {}
    at = line_columns(text, found.values())
    return {pointer: at[offset] for pointer, offset in found.items()}


def locate_nearest(text: str, pointers: Iterable[str], *, last_occurrence: bool = False) -> dict[str, Position]:
    """``locate``, each pointer not in the text placed at its closest ancestor that is,
    all in the same single pass (a missing key's finding points at its object)."""
    wanted = set(pointers)
    asked = set(wanted)
    for pointer in wanted:
        while pointer:
            pointer = jp.parent(pointer)
            asked.add(pointer)
    found = locate(text, asked, last_occurrence=last_occurrence)
    out: dict[str, Position] = {}
    for pointer in wanted:
        at = pointer
        while at not in found and at:
            at = jp.parent(at)
        if at in found:
            out[pointer] = found[at]
    return out
