"""Small builders shared by the core's tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

#: The checkout (tests run from it) and the test data folder.
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN = DATA / "golden"

_MINIMAL_ORDER: dict[str, Any] = json.loads((GOLDEN / "order" / "valid" / "minimal.json").read_text())
_FULL_ORDER: dict[str, Any] = json.loads((GOLDEN / "order" / "valid" / "full.json").read_text())


def order(**changes: Any) -> dict[str, Any]:
    """A valid minimal order, with ``changes`` applied (None deletes a key)."""
    return _apply(copy.deepcopy(_MINIMAL_ORDER), changes)


def full_order(**changes: Any) -> dict[str, Any]:
    """A valid order using every documented field."""
    return _apply(copy.deepcopy(_FULL_ORDER), changes)


def product(**changes: Any) -> dict[str, Any]:
    return _apply({"id": "P-1", "name": "Mug", "price": 8.5}, changes)


def category(**changes: Any) -> dict[str, Any]:
    return _apply({"id": "C-1", "name": "Kitchen"}, changes)


def _apply(doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


def rules_of(report: Any) -> list[str]:
    return [f.rule for f in report.findings]
