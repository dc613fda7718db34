"""The shapes ``check`` prints its results in.

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

from ..report import Finding, Severity
from .results import DocumentResult, FileResult, Summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

ROOT_POINTER = "(root)"


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


def position(finding: Finding) -> tuple[int, int]:
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
            line, column = position(finding)
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


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=P,line=L,col=C,title=RULE::message``."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.path = ""

    def document(self, document: DocumentResult) -> None:
        lines = []
        for finding in document.findings:
            line, column = position(finding)
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
        from .sarif import SarifReporter

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
