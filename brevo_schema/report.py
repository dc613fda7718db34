"""The report model shared by every engine, rule and output format.

A ``Finding`` is one problem at one place; a ``Report`` is every finding for one
document. Both are plain frozen values so reporters (text, JSON, GitHub) and the
fixer can rely on them without knowing where a finding came from.
"""

from __future__ import annotations

import enum

from ._records import Value, init
from .pointer import order_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    JsonPatch = tuple[dict[str, Any], ...]


class Severity(str, enum.Enum):
    """How bad a finding is. ``error``: Brevo rejects the payload or loses data;
    ``warning``: accepted, but probably not what its author meant."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:  # "error", not "Severity.ERROR", in messages
        return self.value


class Finding(Value):
    """One problem in a payload.

    ``pointer`` is an RFC 6901 JSON Pointer ("" is the whole document);
    ``line``/``column`` (1-based, in characters) are known only when the source
    text was given. ``fix`` holds JSON Patch operations where the repair is
    unambiguous, applied by ``brevo_schema.fix``.
    """

    __slots__ = ("rule", "severity", "pointer", "message", "hint", "line", "column", "fix")
    _compare = __slots__[:-1]  # two findings that differ only in their fix are the same finding

    rule: str
    severity: Severity
    pointer: str
    message: str
    hint: str | None
    line: int | None
    column: int | None
    fix: JsonPatch | None

    def __init__(
        self,
        rule: str,
        severity: Severity,
        pointer: str,
        message: str,
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
        fix: JsonPatch | None = None,
    ) -> None:
        init(
            self,
            rule=rule,
            severity=severity,
            pointer=pointer,
            message=message,
            hint=hint,
            line=line,
            column=column,
            fix=fix,
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as the CLI's JSON report spells it (stable key order)."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }
        if self.fix is not None:
            out["fix"] = list(self.fix)
        return out


class ValidationError(ValueError):
    """Raised by ``Report.raise_for_errors``; carries the whole report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        errors = report.errors
        first = errors[0]
        where = first.pointer or "(root)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{report.kind or 'payload'} is invalid: {where}: {first.message}{more}")


class Report(Value):
    """Every finding for one document, in document order."""

    __slots__ = ("kind", "findings")

    kind: str | None
    findings: tuple[Finding, ...]

    def __init__(self, kind: str | None, findings: tuple[Finding, ...] = ()) -> None:
        init(self, kind=kind, findings=findings)

    @property
    def ok(self) -> bool:
        """True when no finding has error severity (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def raise_for_errors(self) -> Report:
        """Raise ``ValidationError`` if any error finding exists; else return self."""
        if not self.ok:
            raise ValidationError(self)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ok": self.ok,
            "findings": [f.to_dict() for f in self.findings],
        }


def document_order(document: Any, findings: list[Finding]) -> list[Finding]:
    """``findings`` sorted by where they are in ``document`` (keys in written order)."""
    key = order_key(document)
    return sorted(findings, key=lambda finding: key(finding.pointer))
