"""Fixing JSON text in place: the smallest edit, the rest as written.

``fix`` repairs a parsed payload; a file deserves more care. Here each applied
fix is replayed as a text edit at the span it touches (a value replaced, a key
renamed, an array item removed with its comma), so key order, indentation,
final newline, escapes and non-ASCII text stay exactly as the author wrote them.
The edited text is parsed again and must equal what ``fix`` produced; if it
does not (an edit this module cannot express), the fixed payload is written
out whole in the file's own indentation instead.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import pointer as jp
from ..report import Finding
from .jsonsource import parse, spans

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..validator import Validator

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


class _CannotEdit(Exception):
    """The operation has no simple text form; fall back to writing the whole document."""


def fix_text(
    text: str, kind: str | None = None, *, hint: str | None = None, validator: Validator | None = None
) -> tuple[str, list[Finding]]:
    """``(new_text, applied_findings)``; ``new_text is text`` when nothing was fixable or it does not parse.

    ``validator`` judges what to fix (default: the default options); ``hint`` as in ``Validator``.
    A byte order mark and the line endings are kept as they are."""
    if text.startswith("\ufeff"):  # edits are made on the JSON text; the mark goes back in front
        new_text, applied = fix_text(text[1:], kind, hint=hint, validator=validator)
        return ("\ufeff" + new_text if applied else text), applied
    parsed = parse(text)
    if not parsed.ok or parsed.findings:  # syntax errors and duplicate keys need a person
        return text, []
    if validator is None:
        from ..validation import validator_for

        validator = validator_for(None)
    fixed, applied = validator.fix(parsed.document, kind, hint=hint)
    if not applied:
        return text, []
    try:
        new_text = text
        for finding in applied:
            for operation in finding.fix or ():
                new_text = _edit(new_text, operation)
        check = parse(new_text)
        if not check.ok or _ordered(check.document) != _ordered(fixed):
            raise _CannotEdit
    except _CannotEdit:
        new_text = _rewrite(text, fixed)
    except RecursionError:  # nesting deeper than a rewrite can follow: leave the file as it is
        return text, []
    return new_text, applied


def _ordered(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _edit(text: str, operation: dict[str, Any]) -> str:
    op = operation["op"]
    if op == "replace":
        span = _span(text, operation["path"])
        return text[: span.value_start] + _dump(operation["value"]) + text[span.value_end :]
    if op == "remove":
        return _remove(text, operation["path"])
    if op == "move" and jp.parent(operation["from"]) == jp.parent(operation["path"]):
        span = _span(text, operation["from"])
        if span.key_start is None:
            raise _CannotEdit
        key = _STRING.match(text, span.key_start)
        if key is None:
            raise _CannotEdit
        return text[: key.start()] + _dump(jp.last_token(operation["path"])) + text[key.end() :]
    raise _CannotEdit


def _span(text: str, pointer: str) -> Any:
    found = spans(text, [pointer]).get(pointer)
    if found is None:
        raise _CannotEdit
    return found


def _remove(text: str, pointer: str) -> str:
    """Remove a member or item together with the comma that separates it."""
    span = _span(text, pointer)
    start = span.key_start if span.key_start is not None else span.value_start
    before = text[:start].rstrip()
    if before.endswith(","):
        return before[:-1] + text[span.value_end :]
    after = text[span.value_end :]
    stripped = after.lstrip()
    if stripped.startswith(","):
        rest = stripped[1:]
        return text[:start] + rest[len(rest) - len(rest.lstrip()) :]
    return before + stripped  # the only item: "[x]" becomes "[]"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rewrite(original: str, document: Any) -> str:
    """The whole document, indented the way ``original`` is, with its final newline."""
    indent = _indent_of(original)
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    if indent is None:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":") if ", " not in original else None)
    text += "\n" if original.endswith("\n") else ""
    return text.replace("\n", "\r\n") if "\r\n" in original else text


def _indent_of(text: str) -> str | int | None:
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" \t")
        if stripped and len(stripped) < len(line):
            prefix = line[: len(line) - len(stripped)]
            return "\t" if prefix.startswith("\t") else len(prefix)
    return None
