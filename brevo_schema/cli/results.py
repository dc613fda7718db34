"""What ``check`` found, as the reporters receive it: each document's findings, each file's
documents, and the running totals (by rule too, for ``--statistics``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..report import Finding, Severity
from ..rules import REGISTRY


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
            f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')} "
            f"in {plural(self.files, 'file')} ({plural(self.documents, 'document')})"
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


#: The nouns the CLI counts whose plural is not the noun and an s.
_PLURALS = {"batch": "batches", "category": "categories"}


def plural(count: int, noun: str) -> str:
    """``1 order``, ``1,200 orders``, ``3 categories``: a count for people to read."""
    return f"{count:,} {noun if count == 1 else _PLURALS.get(noun, noun + 's')}"
