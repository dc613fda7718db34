"""The generated explainer (``checker``) reports exactly what jsonschema (the
reference) reports, and says "valid" exactly when the generated predicate does."""

from __future__ import annotations

import json

import pytest

from brevo_schema.engine import explainer as checker
from brevo_schema.engine import predicates as fast
from brevo_schema.io.jsonsource import parse
from brevo_schema.kinds import resolve_kind
from tests import reference
from tests.helpers import GOLDEN, order, product

EXPECTED = json.loads((GOLDEN / "expected.json").read_text())


def _signature(issues: list) -> list[tuple]:
    """What an issue says, and the schema node it breaks (the same content in both engines)."""
    return sorted(
        (i.keyword, i.pointer, i.detail or "", "then" in i.schema_path, json.dumps(i.schema, sort_keys=True))
        for i in issues
    )


def _golden_documents() -> list[tuple[str, object, str]]:
    out = []
    for name, entry in sorted(EXPECTED.items()):
        parsed = parse((GOLDEN / name).read_bytes())
        kind = resolve_kind(parsed.document, entry.get("kind")) if parsed.ok else None
        if kind is not None:
            out.append((name, parsed.document, kind))
    return out


HOSTILE = [
    (order(products=[1, "x", None, [], {}]), "order"),
    (order(metaInfo={"a": [1], "b": {"c": 1}, "d": 1.5, "e": None}), "order"),
    (order(identifiers=[], billing="x", coupons={"a": 1}), "order"),
    ({"orders": "all", "historical": "yes", "notifyUrl": 3}, "order-batch"),
    ({"orders": [None, 1, order()], "notifyUrl": "https://x.example\n"}, "order-batch"),
    ({"products": [product(updateEnabled=1), product(name=None)], "updateEnabled": 1}, "product-batch"),
    (product(updateEnabled=1, name=None), "product"),
    (product(metaInfo={str(i): i for i in range(21)}), "product"),
    ([], "order"),
    ("order", "category"),
]


@pytest.mark.parametrize(("name", "document", "kind"), _golden_documents())
def test_checker_matches_the_reference_on_golden_files(name: str, document: object, kind: str) -> None:
    ours, expected = checker.schema_issues(document, kind), reference.schema_issues(document, kind)
    assert _signature(ours) == _signature(expected)
    assert (not ours) is fast.schema_valid(document, kind)


@pytest.mark.parametrize(("document", "kind"), HOSTILE)
def test_checker_matches_the_reference_on_hostile_documents(document: object, kind: str) -> None:
    ours, expected = checker.schema_issues(document, kind), reference.schema_issues(document, kind)
    assert _signature(ours) == _signature(expected)
    assert ours and not fast.schema_valid(document, kind)
