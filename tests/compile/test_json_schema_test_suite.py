"""The generator held to the official JSON-Schema-Test-Suite (draft-07 folder).

Every test group whose schema the generator accepts must pass case by case: the
generated predicate answers the suite's ``valid``, and the generated ``explain``
reports at least one issue exactly when the case is invalid (each report naming a
schema node that holds its keyword). The generator refuses what it does not
support (``keywords.Unsupported``); the refused groups are counted by the keyword
to blame and must be exactly the known set below, so a group that starts being
refused, or stops, is noticed.

Formats: the suite's required draft7 files only test that formats ignore
non-strings; its ``optional/format`` files judge formats as RFCs define them,
which our ``brevo_schema.formats`` registry deliberately does not (date-time as
Go's RFC 3339 layout reads it, ASCII e-mail), so they are left out. A format the
registry lacks is refused, never silently unchecked.

The suite's data (MIT, json-schema-org/JSON-Schema-Test-Suite) is looked for at
``<repository>/../shared/reference/json-schema-test-suite/draft7``, or wherever the
environment variable ``BREVO_SCHEMA_JSTS`` points.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from brevo_schema.compile.codegen import generate_module, load
from brevo_schema.compile.keywords import Unsupported
from tests.helpers import ROOT

ENVIRONMENT = "BREVO_SCHEMA_JSTS"
DEFAULT = ROOT.parent / "shared" / "reference" / "json-schema-test-suite" / "draft7"
SUITE = Path(os.environ.get(ENVIRONMENT) or DEFAULT)
MISSING = f"JSON-Schema-Test-Suite draft7 files not found at {SUITE} " + (
    f"(from {ENVIRONMENT})" if os.environ.get(ENVIRONMENT) else f"(the default; set {ENVIRONMENT} to look elsewhere)"
)

#: The groups refused, by the keyword (or keyword form) to blame: what brevo_schema.compile
#: does not support. The first unsupported keyword met names the group.
KNOWN_UNSUPPORTED = {
    "$id": 2,  # in a subschema: a new base URI for the $refs below it
    "$ref: recursive": 1,
    "$ref: remote": 14,  # http:, urn:, relative file references
    "additionalItems": 12,
    "allOf": 33,
    "const": 18,
    "contains": 7,
    "dependencies": 7,
    "else": 7,
    "false subschema": 3,  # explain would have no keyword to report
    "format": 15,  # formats outside brevo_schema.formats (ipv4, uri, ...)
    "items: tuple form": 5,
    "multipleOf": 5,
    "patternProperties": 8,
    "propertyNames": 6,
    "uniqueItems": 4,
}
#: What the rest adds up to: groups and cases accepted, every case passing.
ACCEPTED_GROUPS, ACCEPTED_CASES = 110, 404


class Group(NamedTuple):
    file: str
    description: str
    schema: Any
    tests: list[dict[str, Any]]

    @property
    def name(self) -> str:
        return f"{self.file}: {self.description}"


def _groups() -> list[Group]:
    if not SUITE.is_dir():
        return []
    return [
        Group(path.name, group["description"], group["schema"], group["tests"])
        for path in sorted(SUITE.glob("*.json"))
        for group in json.loads(path.read_text(encoding="utf-8"))
    ]


def _refusal(group: Group) -> str | None:
    """The keyword the generator refuses ``group``'s schema for, or None when it accepts it."""
    try:
        generate_module(group.schema, "jsts")
    except Unsupported as refused:
        return refused.keyword
    return None


GROUPS = _groups()
REFUSED = {group.name: _refusal(group) for group in GROUPS}
ACCEPTED = [group for group in GROUPS if REFUSED[group.name] is None]
needs_suite = pytest.mark.skipif(not GROUPS, reason=MISSING)


def _explained(module: Any, data: Any) -> list[tuple[Any, ...]]:
    """The calls the generated ``explain`` makes to ``report`` for ``data``."""
    reports: list[tuple[Any, ...]] = []
    module.explain(data, lambda *call: reports.append(call))
    return reports


def _failures(group: Group) -> list[str]:
    """What goes wrong for ``group``'s cases, one line per failing case."""
    module = load(group.schema)
    wrong = []
    for case in group.tests:
        data, valid = case["data"], case["valid"]
        said = module.is_valid(data)
        reports = _explained(module, data)
        if said is not valid:
            wrong.append(f"{case['description']}: is_valid said {said}, the suite {valid}")
        if bool(reports) == valid:
            wrong.append(f"{case['description']}: explain reported {reports} for a case the suite calls valid={valid}")
        for keyword, _pointer, _value, node, _detail in reports:
            located: Any = group.schema
            for token in module.NODES[node]:
                located = located[token]
            if not isinstance(located, Mapping) or keyword not in located:
                wrong.append(f"{case['description']}: {keyword!r} reported at node {module.NODES[node]}, not there")
    return wrong


@pytest.mark.parametrize("group", ACCEPTED or [pytest.param(None, marks=needs_suite)], ids=lambda g: g and g.name)
def test_accepted_group_passes_every_case(group: Group) -> None:
    assert _failures(group) == []


def _summary() -> str:
    by_keyword: dict[str, list[str]] = {}
    for name, keyword in REFUSED.items():
        if keyword is not None:
            by_keyword.setdefault(keyword, []).append(name)
    lines = [
        f"JSON-Schema-Test-Suite draft7 at {SUITE}: {len(ACCEPTED)} groups accepted "
        f"({sum(len(g.tests) for g in ACCEPTED)} cases), {len(GROUPS) - len(ACCEPTED)} refused:"
    ]
    for keyword, names in sorted(by_keyword.items()):
        lines.append(f"  {keyword} ({len(names)}): " + "; ".join(names))
    return "\n".join(lines)


@needs_suite
def test_refused_groups_are_the_known_unsupported_ones() -> None:
    print(_summary())  # shown with -rP: what is refused, group by group
    refused = Counter(keyword for keyword in REFUSED.values() if keyword is not None)
    assert dict(refused) == KNOWN_UNSUPPORTED, _summary()
    assert (len(ACCEPTED), sum(len(g.tests) for g in ACCEPTED)) == (ACCEPTED_GROUPS, ACCEPTED_CASES), _summary()
