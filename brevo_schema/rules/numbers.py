"""``json/non-finite-number`` for payloads built in Python.

``validate_json`` reports NaN and Infinity while parsing. A dict built in code
can hold ``float("nan")`` too: JSON Schema calls it a number, but no JSON text
can carry it (``json.dumps`` writes the non-JSON ``NaN``, which Brevo rejects).
"""

from __future__ import annotations

import math
from math import isfinite

from ..jsonsource import NON_FINITE_HINT
from ..report import Finding, Severity
from . import examples as ex
from .registry import Context, jp, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_NUMBER_FIELDS = {
    "order": ("amount",),
    "product": ("price", "alternativePrice", "stock"),
}
_LINE_FIELDS = ("price", "quantity", "quantityFloat")


def _bad(value: Any) -> bool:
    return type(value) is float and not isfinite(value)


@rule(
    "json/non-finite-number",
    Severity.ERROR,
    "NaN or Infinity: not JSON, and Brevo's parser rejects it.",
    kinds=frozenset(_NUMBER_FIELDS),
    why=(
        "NaN and Infinity are not JSON numbers, but Python's json.dumps writes them (as NaN, Infinity) and "
        "Brevo's parser rejects the whole body. They usually come from a division by zero or a missing value."
    ),
    source="RFC 8259 section 6 (no NaN or Infinity in JSON); Python's json module (allow_nan=True by default)",
    example=ex.Example(
        ex.text(ex.order()).replace('"amount": 19.9', '"amount": NaN'), ex.text(ex.order()), kind="order"
    ),
    fix_note="none: the right number, or leaving the key out, is yours to choose.",
)
def non_finite_number(item: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(item, dict) or ctx.source_length is not None:
        return []  # parsed from JSON text: its parser has placed every NaN already
    found = [_finding(jp.join(at, key), item[key]) for key in _NUMBER_FIELDS[ctx.kind] if _bad(item.get(key))]
    lines = item.get("products") if ctx.kind == "order" else None
    if isinstance(lines, list):
        # Runs on every order built in Python: a plain loop, no call per value that is fine.
        for index, line in enumerate(lines):
            if isinstance(line, dict):
                for key in _LINE_FIELDS:
                    value = line.get(key)
                    if type(value) is float and not isfinite(value):
                        found.append(_finding(jp.join(at, "products", index, key), value))
    return found


def _finding(where: str, value: float) -> Finding:
    name = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return non_finite_number.finding(where, f"{name} is not a JSON number; Brevo rejects it", NON_FINITE_HINT)
