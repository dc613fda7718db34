"""The shapes ``check`` prints its results in, and the rule table.

Text is for people; JSON (``--format json``) is the stable contract tools
parse (key order fixed by DESIGN.md); ``github`` writes workflow commands that
GitHub turns into annotations on the pull request's lines. Reporters receive
files one at a time and in order, so text output streams while a big run is
still going; JSON, being one document, is written at the end.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable

from .report import Finding, Severity
from .rules import REGISTRY, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any, Protocol

FORMATS = ("text", "json", "github")


class DocumentResult:
    """The findings of one document, positions already counted in its file."""

    __slots__ = ("findings", "index", "kind")

    def __init__(self, index: int, kind: str | None, findings: tuple[Finding, ...]) -> None:
        self.index = index
        self.kind = kind
        self.findings = findings

    def __repr__(self) -> str:
        return f"DocumentResult({self.index!r}, {self.kind!r}, {self.findings!r})"

    def ok(self, strict: bool = False) -> bool:
        """Whether the document passes: no error (nor warning, under ``strict``)."""
        return not any(strict or f.severity is Severity.ERROR for f in self.findings)


class FileResult:
    """One file's documents, in file order."""

    __slots__ = ("documents", "path")

    def __init__(self, path: str, documents: list[DocumentResult] | None = None) -> None:
        self.path = path
        self.documents = documents if documents is not None else []

    def ok(self, strict: bool = False) -> bool:
        return all(d.ok(strict) for d in self.documents)


class Summary:
    """Running totals over the files reported so far."""

    __slots__ = ("documents", "errors", "files", "warnings")

    def __init__(self) -> None:
        self.files = self.documents = self.errors = self.warnings = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.documents += len(result.documents)
        for document in result.documents:
            for finding in document.findings:
                if finding.severity is Severity.ERROR:
                    self.errors += 1
                else:
                    self.warnings += 1

    def ok(self, strict: bool = False) -> bool:
        return self.errors == 0 and not (strict and self.warnings)

    def to_dict(self) -> dict[str, int]:
        return {"files": self.files, "documents": self.documents, "errors": self.errors, "warnings": self.warnings}

    def sentence(self) -> str:
        """``3 errors, 1 warning in 2 files (5 documents)``."""
        return (
            f"{_plural(self.errors, 'error')}, {_plural(self.warnings, 'warning')} "
            f"in {_plural(self.files, 'file')} ({_plural(self.documents, 'document')})"
        )


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


if TYPE_CHECKING:  # a Protocol needs typing at run time, which costs start-up: checkers only

    class Reporter(Protocol):
        """Receives each file's result in order, then the summary once."""

        def file(self, result: FileResult) -> None: ...

        def finish(self, summary: Summary) -> None: ...


def _position(finding: Finding) -> tuple[int, int]:
    return finding.line or 1, finding.column or 1


_RESET = "\x1b[0m"
_STYLES = {"path": "\x1b[1m", "error": "\x1b[1;31m", "warning": "\x1b[1;33m", "rule": "\x1b[36m", "hint": "\x1b[2m"}


class TextReporter:
    """``PATH:LINE:COL: SEVERITY RULE message (hint)``, one line per finding."""

    def __init__(self, out: IO[str], *, color: bool = False) -> None:
        self.out = out
        self.color = color

    def _paint(self, style: str, text: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if self.color else text

    def file(self, result: FileResult) -> None:
        lines = []
        for document in result.documents:
            for finding in document.findings:
                line, column = _position(finding)
                severity = finding.severity.value
                text = (
                    f"{self._paint('path', result.path)}:{line}:{column}: {self._paint(severity, severity)} "
                    f"{self._paint('rule', finding.rule)} {_one_line(finding.message)}"
                )
                if finding.hint:
                    text += " " + self._paint("hint", f"({_one_line(finding.hint)})")
                lines.append(text + "\n")
        if lines:
            self.out.write("".join(lines))

    def finish(self, summary: Summary) -> None:
        self.out.write(summary.sentence() + "\n")
        self.out.flush()


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


class JsonReporter:
    """The DESIGN.md report: ``{"ok", "files": [...], "summary": {...}}``."""

    def __init__(self, out: IO[str], *, strict: bool = False) -> None:
        self.out = out
        self.strict = strict
        self.files: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        self.files.append(file_dict(result, strict=self.strict))

    def finish(self, summary: Summary) -> None:
        report = {"ok": summary.ok(self.strict), "files": self.files, "summary": summary.to_dict()}
        json.dump(report, self.out, indent=2)
        self.out.write("\n")
        self.out.flush()


def file_dict(result: FileResult, *, strict: bool = False) -> dict[str, Any]:
    """One file of the JSON report, keys in the contract's order."""
    return {
        "path": result.path,
        "ok": result.ok(strict),
        "documents": [
            {
                "index": document.index,
                "kind": document.kind,
                "ok": document.ok(strict),
                "findings": [finding.to_dict() for finding in document.findings],
            }
            for document in result.documents
        ],
    }


class GithubReporter:
    """GitHub Actions workflow commands: ``::error file=P,line=L,col=C,title=RULE::message``."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        lines = []
        for document in result.documents:
            for finding in document.findings:
                line, column = _position(finding)
                message = finding.message + (f" ({finding.hint})" if finding.hint else "")
                properties = ",".join(
                    f"{key}={escape_property(str(value))}"
                    for key, value in (("file", result.path), ("line", line), ("col", column), ("title", finding.rule))
                )
                lines.append(f"::{finding.severity.value} {properties}::{escape_data(message)}\n")
        if lines:
            self.out.write("".join(lines))

    def finish(self, summary: Summary) -> None:
        self.out.write(summary.sentence() + "\n")
        self.out.flush()


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,`` escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def reporter(name: str, out: IO[str], *, strict: bool = False, color: bool = False) -> Reporter:
    """The reporter for ``--format name``."""
    if name == "json":
        return JsonReporter(out, strict=strict)
    if name == "github":
        return GithubReporter(out)
    return TextReporter(out, color=color)


def use_color(choice: str, out: IO[str]) -> bool:
    """``--color auto`` colours only a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """``checked 12 of 40 files (35%)`` on a terminal's stderr, once a run has
    taken longer than ``delay`` seconds; silent on anything but a terminal, so
    logs and pipes never see carriage returns."""

    def __init__(
        self,
        stream: IO[str],
        *,
        files: int,
        total_bytes: int,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.stream = stream
        self.files = files
        self.total_bytes = max(total_bytes, 1)
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.last = 0.0
        self.shown = False

    def update(self, done_files: int, done_bytes: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < self.delay or (self.shown and now - self.last < 0.1):
            return
        percent = min(100, done_bytes * 100 // self.total_bytes)
        self.stream.write(f"\r\x1b[Kbrevo-schema: checked {done_files:,} of {self.files:,} files ({percent}%)")
        self.stream.flush()
        self.shown = True
        self.last = now

    def clear(self) -> None:
        """Erase the progress line (before output, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


# The rule table: ``brevo-schema rules`` and the README, from the registry.


def severity_text(rule: Rule) -> str:
    """``error``, or ``error (warning for order-batch)`` where a kind differs."""
    others: dict[str, list[str]] = {}
    for kind, severity in rule.severity_by_kind.items():
        if severity is not rule.severity:
            others.setdefault(severity.value, []).append(kind)
    extra = "; ".join(f"{severity} for {', '.join(sorted(kinds))}" for severity, kinds in others.items())
    return f"{rule.severity.value} ({extra})" if extra else rule.severity.value


def ordered_rules() -> list[Rule]:
    """Every rule, grouped by area (areas in the order they are first
    registered, rules in registration order within one), so that a rule
    registered by another module still sits beside its area's others."""
    areas: dict[str, list[Rule]] = {}
    for rule in REGISTRY.values():
        areas.setdefault(rule.id.split("/", 1)[0], []).append(rule)
    return [rule for group in areas.values() for rule in group]


def rule_rows(rules: Iterable[Rule] | None = None) -> list[tuple[str, str, str]]:
    """(id, severity, summary) for every rule (or ``rules``), grouped by area."""
    return [(r.id, severity_text(r), r.summary) for r in (ordered_rules() if rules is None else rules)]


def rules_text() -> str:
    rows = rule_rows()
    id_width = max(len(r[0]) for r in rows)
    severity_width = max(len(r[1]) for r in rows)
    return "".join(f"{i:<{id_width}}  {s:<{severity_width}}  {summary}\n" for i, s, summary in rows)


def rules_markdown() -> str:
    """The README's rule table (kept in step with the registry by a test)."""
    lines = ["| Rule | Severity | What it catches | Fix |", "|---|---|---|---|"]
    fixable = {r.id: r.fixable for r in REGISTRY.values()}
    lines += [f"| `{i}` | {s} | {_cell(summary)} | {'safe' if fixable[i] else ''} |" for i, s, summary in rule_rows()]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_json() -> str:
    """Every rule as JSON, for tools: id, severity, per-kind severities, summary."""
    rows = [
        {
            "id": r.id,
            "severity": r.severity.value,
            "severity_by_kind": {kind: severity.value for kind, severity in r.severity_by_kind.items()},
            "summary": r.summary,
            "fixable": r.fixable,
            "why": r.why,
            "source": r.source,
            "fix": r.fix_note,
        }
        for r in ordered_rules()
    ]
    return json.dumps(rows, indent=2) + "\n"
