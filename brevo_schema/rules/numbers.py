"""Numbers Brevo's server cannot take: NaN and Infinity, and values past 64 bits.

``validate_json`` reports NaN and Infinity while parsing. A dict built in code
can hold ``float("nan")`` too: JSON Schema calls it a number, but no JSON text
can carry it (``json.dumps`` writes the non-JSON ``NaN``, which Brevo rejects).

This module is the one place that says what a 64-bit server holds. Brevo's
server is written in Go: it reads amounts, prices and metaInfo numbers as
float64 and a line's ``quantity`` as int64 (its error for ``2.0``: "cannot unmarshal number
2.0 into Go struct field ... quantity of type int64", getbrevo/brevo-csharp issue 12). JSON and Python put
no bound on a number, so the schemas state these bounds (``maximum``/``minimum``), and an
integer past them, a 400-digit ``amount`` or a ``quantity`` of 2**63, is ``numbers/out-of-range``
(the bounds here and in ``schemas/`` are the same numbers: a test holds them equal). The parser
reports literals no float can hold (``1e400``, 5000 digits) under the same id.
"""

from __future__ import annotations

import math
import sys
from math import isfinite

from ..io.jsonsource import NON_FINITE_HINT, OUT_OF_RANGE_HINT
from ..report import Finding, Severity
from . import examples as ex
from .registry import Context, jp, refiner, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

    from ..engine.issues import SchemaIssue

_NUMBER_FIELDS = {
    "order": ("amount",),
    "product": ("price", "alternativePrice", "stock"),
}
_LINE_FIELDS = ("price", "quantity", "quantityFloat")

#: The largest magnitude of a float64, and the int64 range of ``quantity``.
FLOAT64_MAX: Final = sys.float_info.max
INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1
#: Integers up to this magnitude are exact in a float64 (2**53): a whole-number float past it
#: may not be the number its author wrote (9007199254740993.0 reads as ...992).
FLOAT64_EXACT: Final = 2**53


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


@refiner(
    "numbers/out-of-range",
    Severity.ERROR,
    "A number past 64 bits: an amount or price beyond a float64 (1e400), a quantity beyond an int64 (2**63).",
    kinds=frozenset(_NUMBER_FIELDS),
    why=(
        "JSON and Python put no bound on a number, but Brevo's server reads amounts, prices, stock and metaInfo "
        "numbers as 64-bit floats and a line's quantity as a 64-bit integer: a value past them is rejected (or, "
        "parsed by a lenient client first, becomes Infinity). It usually comes from a unit mix-up or a corrupted "
        "export."
    ),
    source="RFC 8259 section 6 (interoperable numbers are IEEE 754 doubles); Brevo's Go server (int64 quantity, "
    "getbrevo/brevo-csharp issue 12)",
    example=ex.Example(
        ex.text(ex.order()).replace('"amount": 19.9', '"amount": 1e400'), ex.text(ex.order()), kind="order"
    ),
    fix_note="none: the number that was meant is yours to find.",
)
def out_of_range(issue: SchemaIssue, ctx: Context) -> Finding | None:
    """The schemas bound every number Brevo's server reads at 64 bits (``maximum``, and
    ``minimum`` where zero is not the tighter bound), so the predicate checks them on the
    hot path and this rule only names what fails there: an integer past its field's 64 bits.
    A negative price is ``schema/minimum``'s; a float past the bound is Infinity, which the
    parser or ``json/non-finite-number`` tells."""
    value = issue.instance
    if type(value) is not int or issue.keyword not in ("maximum", "minimum"):
        return None
    if issue.schema.get("maximum") == INT64_MAX:
        inside = INT64_MIN <= value <= INT64_MAX
    else:
        inside = -_FLOAT64_MAX_INT <= value <= _FLOAT64_MAX_INT
    tokens = jp.split(issue.pointer)
    if inside or not tokens:
        return None
    return _too_large(issue.pointer, str(tokens[-1]), value)


#: ``FLOAT64_MAX`` is a whole number: as an int, comparisons with ints stay int-to-int.
_FLOAT64_MAX_INT: Final = int(FLOAT64_MAX)


def _too_large(where: str, key: str, value: int) -> Finding:
    if key == "quantity":
        limit = "a 64-bit integer: from -9223372036854775808 to 9223372036854775807"
    else:
        limit = "a 64-bit float: about 1.8e308 at most"
    return out_of_range.finding(
        where, f"{key} is {describe_integer(value)}, past what Brevo's server holds ({limit})", OUT_OF_RANGE_HINT
    )


def describe_integer(value: int) -> str:
    """``value`` for a message, without turning a huge integer into text (Python refuses past
    4300 digits, and no reader wants them)."""
    if value.bit_length() <= 64:
        return str(value)
    digits = int(value.bit_length() * 0.30103) + 1  # log10(2): the count, give or take one
    return f"{'a negative' if value < 0 else 'an'} integer of about {digits:,} digits"
