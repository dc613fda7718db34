"""Where a JSON Pointer sits in JSON text: line and column for findings, spans for edits.

Positions are computed only for findings, after the parse, and only for the
pointers asked for: one pass over the text follows just the branches that lead
to them and steps over every other value with ``json``'s C scanner. A big
document's parse leaves an ``Index`` of its root members and of the items of
their arrays (``/orders/999`` starts at offset N), so a finding on the last
order of a batch is placed by scanning that order alone, not the 999 before it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from .. import pointer as jp
from .._records import Value, init

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..report import Finding


class Position(Value):
    """A 1-based line and column (in characters)."""

    __slots__ = ("line", "column")
    line: int
    column: int

    def __init__(self, line: int, column: int) -> None:
        init(self, line=line, column=column)


class Index:
    """What the parse of a big document learnt of where things are, at little cost: the
    root value's offset, each root member's key and value offsets (the last occurrence of a
    key given twice, the one parsers keep) and the start of each item of their arrays."""

    __slots__ = ("root", "members", "items")

    def __init__(self, root: int) -> None:
        self.root = root
        #: "/orders" -> (offset of the key, offset of the value)
        self.members: dict[str, tuple[int, int]] = {}
        #: "/orders" -> the offset of each item's value, in order
        self.items: dict[str, list[int]] = {}


#: A JSON token (a string, possibly cut short, a punctuation mark, or a run of anything
#: else). The patterns are compiled on first use (``re`` caches them), not at import: a
#: process that meets no finding never needs them, and compiling both costs about 0.5 ms
#: of every pre-commit start-up.
_TOKEN = r'"(?:[^"\\]|\\.)*"?|[{}\[\]:,]|[^\s{}\[\]:,"]+'


def _tokens(text: str, position: int = 0) -> Iterator[re.Match[str]]:
    """The tokens of ``text`` from ``position`` on."""
    return re.compile(_TOKEN, re.DOTALL).finditer(text, position)


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


def too_deep_at(text: str, limit: int = 900) -> Position:
    """Where nesting first goes past ``limit`` levels (what the parser could not take)."""
    depth = 0
    for match in _tokens(text):
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


def _prefixes(targets: Iterable[str]) -> set[str]:
    prefixes = {""}
    for target in targets:
        tokens = jp.split(target)
        for end in range(1, len(tokens) + 1):
            prefixes.add(jp.from_path(tokens[:end]))
    return prefixes


def spans(text: str, pointers: Iterable[str], *, last_occurrence: bool = False) -> dict[str, Span]:
    """The text span of each pointer's member; pointers not in the text are left out.

    One pass over the tokens that follows only the branches leading to a target,
    and stops once every target is found, unless ``last_occurrence`` asks for a
    key given twice to be placed where parsers take it from: its last occurrence.
    """
    targets = set(pointers)
    if not targets:
        return {}
    prefixes = _prefixes(targets)
    found: dict[str, Span] = {}
    # A frame: [pointer, is_object, next_index, pending_key_pointer, key_offset, followed, (target, key, start)]
    stack: list[list[Any]] = []
    expect_key = False
    root_done = False
    for match in _tokens(text):
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
                frame[3] = jp.join(frame[0], _key(token))
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


def _key(token: str) -> Any:
    """A key token's value (a token that is no JSON string is taken as written)."""
    try:
        return json.loads(token)
    except ValueError:
        return token


#: A token with the blanks before it; group 1 is the token.
_NEXT = r'[ \t\n\r]*("(?:[^"\\]|\\.)*"?|[{}\[\]:,]|[^\s{}\[\]:,"]+)'

#: The C scanner of ``json``: it steps over a value on the way to no target far
#: faster than tokenizing it here would (the value it builds is dropped).
_SCAN_ONCE: Any = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def starts(text: str, pointers: Iterable[str], *, last_occurrence: bool = False, begin: int = 0) -> dict[str, int]:
    """Where each pointer's key (for an object member) or value starts in ``text``;
    pointers not in the text are left out. ``begin``: the offset of the value the
    pointers are relative to (default: the root, at the start of the text).

    One pass that tokenizes only the containers on the way to a target and steps over
    every other value with the C scanner; it stops as soon as each target is placed, or
    known to be absent (the container that would hold it has closed). The root is the
    first token: a root finding costs no scan. With ``last_occurrence`` a key given twice
    is placed where parsers take it from, its last occurrence (the pass then goes on to
    the end of the value).
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
    position = begin
    length = len(text)
    match_next = re.compile(_NEXT, re.DOTALL).match
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
            frame[3] = jp.join(frame[0], _key(token))
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
    for match in _tokens(text, position):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
        elif token in ("]", "}"):
            depth -= 1
            if not depth:
                return match.end()
    return len(text)


def indexed_starts(
    text: str, pointers: Iterable[str], index: Index | None, *, last_occurrence: bool = False
) -> dict[str, int]:
    """``starts``, each pointer under a root member placed from the member (or the array
    item) ``index`` knows the offset of: only that value is scanned. Without an index,
    one pass from the root."""
    if index is None:
        return starts(text, pointers, last_occurrence=last_occurrence)
    found: dict[str, int] = {}
    #: the offset of a value -> (its pointer, the pointers beneath it, relative to it)
    below: dict[int, tuple[str, list[str]]] = {}
    for pointer in set(pointers):
        tokens = jp.split(pointer)
        if not tokens:
            found[pointer] = index.root
            continue
        member = "/" + jp.escape(tokens[0])
        offsets = index.members.get(member)
        if offsets is None:
            continue  # not in the text: the root has no such key
        if len(tokens) == 1:
            found[pointer] = offsets[0]
            continue
        items = index.items.get(member)
        token = tokens[1]
        if items is not None and token.isascii() and token.isdigit() and (token == "0" or token[0] != "0"):
            if int(token) >= len(items):
                continue
            base, rest, value = f"{member}/{token}", tokens[2:], items[int(token)]
        else:
            base, rest, value = member, tokens[1:], offsets[1]
        below.setdefault(value, (base, []))[1].append(jp.from_path(rest))
    for value, (base, relative) in below.items():
        placed = starts(text, relative, last_occurrence=last_occurrence, begin=value)
        found.update((base + pointer, offset) for pointer, offset in placed.items())
    return found


def locate(
    text: str, pointers: Iterable[str], *, last_occurrence: bool = False, index: Index | None = None
) -> dict[str, Position]:
    """Where each pointer's key (for object members) or value starts in ``text``."""
    found = indexed_starts(text, pointers, index, last_occurrence=last_occurrence)
    if not found:
        return {}
    at = line_columns(text, found.values())
    return {pointer: at[offset] for pointer, offset in found.items()}


def locate_nearest(
    text: str, pointers: Iterable[str], *, last_occurrence: bool = False, index: Index | None = None
) -> dict[str, Position]:
    """``locate``, each pointer not in the text placed at its closest ancestor that is,
    all in the same single pass (a missing key's finding points at its object)."""
    wanted = set(pointers)
    asked = set(wanted)
    for pointer in wanted:
        while pointer:
            pointer = jp.parent(pointer)
            asked.add(pointer)
    found = locate(text, asked, last_occurrence=last_occurrence, index=index)
    out: dict[str, Position] = {}
    for pointer in wanted:
        at = pointer
        while at not in found and at:
            at = jp.parent(at)
        if at in found:
            out[pointer] = found[at]
    return out


def with_positions(
    findings: list[Finding], text: str | None, *, last_occurrence: bool = False, index: Index | None = None
) -> list[Finding]:
    """``findings`` with line and column filled in from ``text`` (``last_occurrence``:
    the text has duplicate keys, so keep scanning for the occurrence parsers keep).
    One pass over the text places every pointer, a pointer not in the text at its
    closest ancestor that is; the root costs no scan, and with the parse's ``index``
    a pointer into one item of a big batch costs a scan of that item only."""
    if text is None or not findings:
        return findings
    wanted = {f.pointer for f in findings if f.line is None}
    if not wanted:
        return findings
    positions = locate_nearest(text, wanted, last_occurrence=last_occurrence, index=index)
    out = []
    for finding in findings:
        at = positions.get(finding.pointer) if finding.line is None else None
        out.append(finding.replace(line=at.line, column=at.column) if at else finding)
    return out
