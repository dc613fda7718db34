"""The shapes ``check`` prints its results in, and the rule table.

Text is for people (``PATH:LINE:COL: SEVERITY RULE POINTER: message (hint)``);
JSON (``--format json``) is the stable contract tools parse (key order fixed, as
README.md shows it); ``github`` writes workflow commands that GitHub turns into
annotations on the pull request's lines; ``sarif`` is SARIF 2.1.0, what GitHub
code scanning and other tools take.

Reporters receive each document as it is checked (``begin_file``, ``document``
..., ``end_file``), so text, GitHub and SARIF output stream while a big run is
still going and memory does not grow with the findings. The JSON report names
each file's verdict before its documents and the run's before its files: it
is spooled to a temporary file and written at the end.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable

from ..report import Finding, Severity
from ..rules import REGISTRY, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

ROOT_POINTER = "(root)"


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
    """Running totals over the documents reported so far, and the findings by rule."""

    __slots__ = ("by_rule", "documents", "errors", "files", "warnings")

    def __init__(self) -> None:
        self.files = self.documents = self.errors = self.warnings = 0
        #: (rule, severity) -> findings
        self.by_rule: dict[tuple[str, str], int] = {}

    def add(self, result: FileResult) -> None:
        """A whole file at once (``add_file`` and ``add_document`` each)."""
        self.add_file()
        for document in result.documents:
            self.add_document(document)

    def add_file(self) -> None:
        self.files += 1

    def add_document(self, document: DocumentResult) -> None:
        self.documents += 1
        self.add_findings(document.findings)

    def add_findings(self, findings: Iterable[Finding]) -> None:
        by_rule = self.by_rule
        for finding in findings:
            if finding.severity is Severity.ERROR:
                self.errors += 1
            else:
                self.warnings += 1
            key = (finding.rule, finding.severity.value)
            by_rule[key] = by_rule.get(key, 0) + 1

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

    def statistics(self) -> str:
        """Findings counted by rule, most frequent first (``--statistics``)."""
        rows = sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))
        if not rows:
            return ""
        width = max(len(f"{count:,}") for _, count in rows)
        rule_width = max(len(rule) for (rule, _), _ in rows)
        return "".join(
            f"{count:>{width},}  {rule:<{rule_width}}  {severity:<7}  {_summary_of(rule)}\n"
            for (rule, severity), count in rows
        )


def _summary_of(rule_id: str) -> str:
    rule = REGISTRY.get(rule_id)
    return rule.summary if rule is not None else ""


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class Reporter:
    """Receives each file's documents in order (``begin_file``, ``document``...,
    ``end_file``), then the summary once (``finish``)."""

    #: Whether documents without findings must be passed too (else only their count matters).
    wants_every_document = False

    def begin_file(self, path: str) -> None:
        self.path = path

    def document(self, document: DocumentResult) -> None:
        """One document, as soon as it is checked."""

    def end_file(self) -> None:
        """Every document of the file was passed."""

    def finish(self, summary: Summary) -> None:
        """The run is over."""

    def file(self, result: FileResult) -> None:
        """A whole file at once."""
        self.begin_file(result.path)
        for document in result.documents:
            self.document(document)
        self.end_file()


def _position(finding: Finding) -> tuple[int, int]:
    return finding.line or 1, finding.column or 1


def shown_pointer(pointer: str) -> str:
    """The JSON Pointer as text output shows it: ``(root)`` for the whole document."""
    return pointer if pointer else ROOT_POINTER


_RESET = "\x1b[0m"
_STYLES = {"path": "\x1b[1m", "error": "\x1b[1;31m", "warning": "\x1b[1;33m", "rule": "\x1b[36m", "hint": "\x1b[2m"}


class TextReporter(Reporter):
    """``PATH:LINE:COL: SEVERITY RULE POINTER: message (hint)``, one line per finding.

    ``quiet``: error lines (and, under ``strict``, warning lines) and the summary only;
    ``statistics``: instead of the lines, the findings counted by rule."""

    def __init__(
        self, out: IO[str], *, color: bool = False, quiet: bool = False, statistics: bool = False, strict: bool = False
    ) -> None:
        self.out = out
        self.color = color
        self.quiet = quiet
        self.statistics = statistics
        self.strict = strict
        self.path = ""

    def _paint(self, style: str, text: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if self.color else text

    def document(self, document: DocumentResult) -> None:
        if self.statistics or not document.findings:
            return
        lines = []
        path = self._paint("path", self.path)
        for finding in document.findings:
            severity = finding.severity.value
            if self.quiet and finding.severity is not Severity.ERROR and not self.strict:
                continue
            line, column = _position(finding)
            text = (
                f"{path}:{line}:{column}: {self._paint(severity, severity)} "
                f"{self._paint('rule', finding.rule)} {shown_pointer(finding.pointer)}: {_one_line(finding.message)}"
            )
            if finding.hint:
                text += " " + self._paint("hint", f"({_one_line(finding.hint)})")
            lines.append(text + "\n")
        if lines:
            self.out.write("".join(lines))

    def finish(self, summary: Summary) -> None:
        if self.statistics:
            self.out.write(summary.statistics())
        self.out.write(summary.sentence() + "\n")
        self.out.flush()


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


class JsonReporter(Reporter):
    """The JSON report: ``{"ok", "files": [...], "summary": {...}}``.

    Its verdicts come before what they judge, so documents are spooled to a
    temporary file as they arrive (memory stays flat) and the report is written
    at the end. ``only_failures``: only the documents that fail, and the files
    that hold one."""

    wants_every_document = True

    def __init__(self, out: IO[str], *, strict: bool = False, only_failures: bool = False) -> None:
        import tempfile

        self.out = out
        self.strict = strict
        self.only_failures = only_failures
        self.spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish)
        #: (path, ok, spooled documents' start and end offsets)
        self.files: list[tuple[str, bool, int, int]] = []
        self.path = ""
        self.file_ok = True
        self.start = self.written = 0

    def begin_file(self, path: str) -> None:
        self.path, self.file_ok, self.start, self.written = path, True, self.spool.tell(), 0

    def document(self, document: DocumentResult) -> None:
        ok = document.ok(self.strict)
        self.file_ok = self.file_ok and ok
        if self.only_failures and ok:
            return
        text = _indented(document_dict(document, strict=self.strict), 8)
        self.spool.write(((",\n" if self.written else "") + text).encode("ascii"))
        self.written += 1

    def end_file(self) -> None:
        if self.only_failures and self.file_ok:
            return
        self.files.append((self.path, self.file_ok, self.start, self.spool.tell()))

    def finish(self, summary: Summary) -> None:
        out = self.out
        out.write('{\n  "ok": ' + json.dumps(summary.ok(self.strict)) + ',\n  "files": [')
        for number, (path, ok, start, end) in enumerate(self.files):
            out.write(("," if number else "") + "\n    {\n")
            out.write(f'      "path": {json.dumps(path)},\n      "ok": {json.dumps(ok)},\n      "documents": [')
            if end > start:
                out.write("\n")
                self.spool.seek(start)
                left = end - start
                while left:
                    chunk = self.spool.read(min(left, 1 << 20))
                    out.write(chunk.decode("ascii"))
                    left -= len(chunk)
                out.write("\n      ]\n    }")
            else:
                out.write("]\n    }")
        out.write("\n  ]" if self.files else "]")
        out.write(',\n  "summary": ' + _indented(summary.to_dict(), 2).lstrip() + "\n}\n")
        out.flush()
        self.spool.close()


def _indented(value: Any, spaces: int) -> str:
    """``json.dumps(value, indent=2)`` as it reads nested ``spaces`` deep (ASCII only)."""
    pad = " " * spaces
    return "\n".join(pad + line for line in json.dumps(value, indent=2).splitlines())


def document_dict(document: DocumentResult, *, strict: bool = False) -> dict[str, Any]:
    """One document of the JSON report, keys in the contract's order."""
    return {
        "index": document.index,
        "kind": document.kind,
        "ok": document.ok(strict),
        "findings": [finding.to_dict() for finding in document.findings],
    }


def file_dict(result: FileResult, *, strict: bool = False) -> dict[str, Any]:
    """One file of the JSON report, keys in the contract's order."""
    return {
        "path": result.path,
        "ok": result.ok(strict),
        "documents": [document_dict(document, strict=strict) for document in result.documents],
    }


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=P,line=L,col=C,title=RULE::message``."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.path = ""

    def document(self, document: DocumentResult) -> None:
        lines = []
        for finding in document.findings:
            line, column = _position(finding)
            message = finding.message + (f" ({finding.hint})" if finding.hint else "")
            properties = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (("file", self.path), ("line", line), ("col", column), ("title", finding.rule))
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


SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


class SarifReporter(Reporter):
    """SARIF 2.1.0: one run, every rule described once in the driver, one result per
    finding (its JSON Pointer as the logical location), written as findings arrive."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.path = ""
        self.uri = ""
        self.results = 0
        rules = ordered_rules()
        self.index = {rule.id: number for number, rule in enumerate(rules)}
        self.started = False

    def _start(self) -> None:
        from .. import __version__

        self.started = True
        driver = {
            "name": "brevo-schema",
            "version": __version__,
            "informationUri": "https://pypi.org/project/brevo-schema/",
            "rules": [
                {
                    "id": rule.id,
                    "shortDescription": {"text": rule.summary},
                    "defaultConfiguration": {"level": rule.severity.value},
                }
                for rule in ordered_rules()
            ],
        }
        head = {"version": "2.1.0", "$schema": SARIF_SCHEMA}
        self.out.write(json.dumps(head)[:-1] + ', "runs": [{"tool": {"driver": ' + json.dumps(driver) + "}, ")
        self.out.write('"columnKind": "unicodeCodePoints", "results": [')

    def begin_file(self, path: str) -> None:
        from urllib.parse import quote

        if not self.started:
            self._start()
        self.path = path
        self.uri = quote(path.replace(os.sep, "/"))

    def document(self, document: DocumentResult) -> None:
        if not document.findings:
            return
        parts = []
        for finding in document.findings:
            line, column = _position(finding)
            text = finding.message + (f" ({finding.hint})" if finding.hint else "")
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": finding.severity.value,
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": self.uri},
                            "region": {"startLine": line, "startColumn": column},
                        },
                        "logicalLocations": [{"fullyQualifiedName": finding.pointer, "kind": "element"}],
                    }
                ],
                "properties": {"pointer": finding.pointer, "document": document.index},
            }
            if finding.rule in self.index:
                result["ruleIndex"] = self.index[finding.rule]
            parts.append(("\n" if not self.results else ",\n") + json.dumps(result))
            self.results += 1
        self.out.write("".join(parts))

    def finish(self, summary: Summary) -> None:
        if not self.started:
            self._start()
        self.out.write("\n]}]}\n")
        self.out.flush()


def reporter(
    name: str,
    out: IO[str],
    *,
    strict: bool = False,
    color: bool = False,
    quiet: bool = False,
    statistics: bool = False,
    only_failures: bool = False,
) -> Reporter:
    """The reporter for ``--format name``."""
    if name == "json":
        return JsonReporter(out, strict=strict, only_failures=only_failures)
    if name == "github":
        return GithubReporter(out)
    if name == "sarif":
        return SarifReporter(out)
    return TextReporter(out, color=color, quiet=quiet, statistics=statistics, strict=strict)


def use_color(choice: str, out: IO[str]) -> bool:
    """``--color auto`` colours only a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _megabytes(count: int) -> str:
    return f"{count / 1e6:,.1f} MB"


class Progress:
    """``brevo-schema: 12,000 documents, 3.2 of 40.0 MB (8%)`` on a terminal's stderr,
    once a run has taken longer than ``delay`` seconds: the documents checked and the
    bytes they were read from, counted as results arrive. Silent on anything but a
    terminal, so logs and pipes never see carriage returns."""

    def __init__(
        self,
        stream: IO[str],
        *,
        total_bytes: int,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        enabled: bool = True,
    ) -> None:
        isatty = getattr(stream, "isatty", None)
        self.enabled = enabled and bool(isatty and isatty())
        self.stream = stream
        self.total_bytes = max(total_bytes, 1)
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.last = 0.0
        self.shown = False

    def update(self, documents: int, done_bytes: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < self.delay or (self.shown and now - self.last < 0.1):
            return
        percent = min(100, done_bytes * 100 // self.total_bytes)
        self.stream.write(
            f"\r\x1b[Kbrevo-schema: {_plural(documents, 'document')}, "
            f"{_megabytes(done_bytes)} of {_megabytes(self.total_bytes)} ({percent}%)"
        )
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
