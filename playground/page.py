"""What the playground page asks of the real brevo_schema package, run inside Pyodide.

The page (app.js) calls these functions with the editor's text and gets JSON back:
``analyse`` (every finding with its place in the text), ``propose_fix`` (the fixed
text, the fixes applied and a unified diff, for the page to show before applying),
``rule_doc`` (what ``brevo-schema rule ID`` prints) and ``kinds``. Nothing here
knows a rule: the findings, fixes and documentation are the library's own. The
same module runs under CPython in the tests (tests/cli/test_playground.py).

Offsets handed to the page count UTF-16 code units, as a browser's textarea does.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import brevo_schema as bs
from brevo_schema.cli import rule_docs
from brevo_schema.cli.rule_docs import ordered_rules
from brevo_schema.io.jsonsource import spans
from brevo_schema.io.textfix import fix_text


def _utf16(text: str, offset: int) -> int:
    """A character offset in ``text`` as a browser counts it (astral characters count twice)."""
    head = text[:offset]
    return offset + sum(1 for c in head if ord(c) > 0xFFFF)


def _line_offsets(text: str) -> list[int]:
    starts = [0]
    for i, c in enumerate(text):
        if c == "\n":
            starts.append(i + 1)
    return starts


def _place(text: str, finding: bs.Finding, span: Any, starts: list[int]) -> tuple[int, int] | None:
    """The character range to highlight: a scalar member whole (key and value), else its key
    (or the opening of its value); without a span, the character at the finding's line and column."""
    if span is not None:
        start = span.key_start if span.key_start is not None else span.value_start
        end = span.value_end
        if "\n" in text[start:end]:  # an object or array over several lines: its key, or its first character
            if span.key_start is not None:
                end = text.index(":", span.key_start)
                end = len(text[:end].rstrip())
            else:
                end = start + 1
        return start, end
    if finding.line is None or finding.column is None or finding.line > len(starts):
        return None
    start = min(starts[finding.line - 1] + finding.column - 1, len(text))
    end = start + 1 if start < len(text) and text[start] not in "\r\n" else start
    return start, end


def analyse(text: str, kind: str | None = None) -> str:
    """The verdict on ``text`` as JSON: ok, the kind judged, and every finding with its place."""
    report = bs.validate_json(text, kind or None)
    # The root's findings (and the parser's) sit at their line and column, not over the whole text.
    located = spans(text, {f.pointer for f in report.findings if f.pointer}) if report.findings else {}
    starts = _line_offsets(text)
    findings = []
    for f in report.findings:
        place = _place(text, f, located.get(f.pointer), starts)
        findings.append(
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "pointer": f.pointer,
                "message": f.message,
                "hint": f.hint,
                "line": f.line,
                "column": f.column,
                "start": None if place is None else _utf16(text, place[0]),
                "end": None if place is None else _utf16(text, place[1]),
                "fixable": f.fix is not None,
            }
        )
    return json.dumps({"ok": report.ok, "kind": report.kind, "findings": findings})


def propose_fix(text: str, kind: str | None = None) -> str:
    """What Fix would do, as JSON: the new text, the findings it repairs and a unified diff."""
    new_text, applied = fix_text(text, kind or None)
    diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            "payload",
            "payload (fixed)",
        )
    )
    fixed = [{"rule": f.rule, "pointer": f.pointer, "message": f.message} for f in applied]
    return json.dumps({"text": new_text, "applied": fixed, "diff": diff})


def rule_doc(rule_id: str) -> str:
    """The rule's documentation, as ``brevo-schema rule ID`` prints it ("" for an unknown id)."""
    return "\n\n".join(rule_docs.explain_rule(r) for r in ordered_rules() if r.id == rule_id)


def kinds() -> str:
    return json.dumps(list(bs.KINDS))


def version() -> str:
    return str(bs.__version__)
