"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning and other tools take."""

from __future__ import annotations

import json
import os

from .reporters import Reporter, position
from .rule_docs import ordered_rules

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

    from .results import DocumentResult, Summary


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
            line, column = position(finding)
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
