"""Rules about one order: its contact, its lines, its coupons, its status."""

from __future__ import annotations

import math
import re

from ..report import Finding, Severity
from . import examples as ex
from .numbers import FLOAT64_EXACT
from .registry import ORDER, Context, code, jp, refiner, remove_op, replace_op, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from ..engine.issues import SchemaIssue

ERROR, WARNING = Severity.ERROR, Severity.WARNING

IDENTIFIER_KEYS = ("email_id", "phone_id", "ext_id", "loyalty_subscription_id")
KNOWN_STATUSES = ("pending", "processing", "shipped", "completed", "cancelled", "refunded")
_KNOWN_STATUS_SET = frozenset(KNOWN_STATUSES)


def _branches_require(issue: SchemaIssue, key: str) -> bool:
    branches = issue.schema.get(issue.keyword, ())
    return any(key in branch.get("required", ()) for branch in branches)


@refiner(
    "contact/missing",
    ERROR,
    "The order names no contact: Brevo cannot link it to anyone.",
    kinds=ORDER,
    why=(
        "Brevo links an order to a contact through identifiers (email_id, phone_id, ext_id or "
        "loyalty_subscription_id) and requires at least one: an order that names nobody cannot be linked to anyone."
    ),
    source="Brevo eCommerce guide and API reference: POST /v3/orders/status (identifiers: at least one is required)",
    example=ex.Example(ex.order(identifiers=ex.OMIT), ex.order(), kind="order"),
    fix_note="none: who placed the order is yours to say.",
)
def contact_missing(issue: SchemaIssue, ctx: Context) -> Finding | None:
    if issue.keyword != "anyOf" or not _branches_require(issue, "identifiers"):
        return None
    return contact_missing.finding(
        issue.pointer,
        "the order names no contact: no identifiers (email_id, phone_id, ext_id, "
        "loyalty_subscription_id), no email and no billing.phone",
        'add "identifiers": {"email_id": "..."} (or another identifier)',
    )


def _has_identifier(order: dict[str, Any]) -> bool:
    identifiers = order.get("identifiers")
    if isinstance(identifiers, dict):
        for key in IDENTIFIER_KEYS:
            if identifiers.get(key):
                return True
    return False


@rule(
    "contact/legacy-only",
    WARNING,
    "The contact is named only by the legacy email or billing.phone, which current API versions may ignore.",
    kinds=ORDER,
    why=(
        "Older API versions named the contact with a top-level email (or billing.phone); current ones use "
        "identifiers, and Brevo's 2024-11 and later OpenAPI files have no top-level email. An order named only "
        "the old way may reach Brevo linked to nobody."
    ),
    source=(
        "Brevo OpenAPI file swagger_definition_v3.yml, 2024-11 and 2025-02 (identifiers; no top-level email); "
        "sib-api-v3-sdk 7.6.0 Order.email"
    ),
    example=ex.Example(
        ex.order(email="ana@example.com", identifiers=ex.OMIT),
        ex.order(email="ana@example.com", identifiers={"email_id": "ana@example.com"}),
        kind="order",
    ),
    fix_note=(
        "none: name the contact in identifiers too (email_id for an e-mail, phone_id for a phone); which "
        "identifier your contacts are matched on is yours to know."
    ),
)
def contact_legacy_only(order: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(order, dict) or _has_identifier(order):
        return []
    if order.get("email"):
        return [
            contact_legacy_only.finding(
                jp.join(at, "email"),
                "the contact is named only by the legacy top-level email, which current API versions may ignore",
                'name it in identifiers too: "identifiers": {"email_id": ...}',
            )
        ]
    billing = order.get("billing")
    if isinstance(billing, dict) and billing.get("phone"):
        return [
            contact_legacy_only.finding(
                jp.join(at, "billing", "phone"),
                "the contact is named only by billing.phone, which current API versions "
                "may not use to find the contact",
                'name it in identifiers too: "identifiers": {"phone_id": ...}',
            )
        ]
    return []


def _quantity_branches(issue: SchemaIssue) -> bool:
    return issue.keyword == "oneOf" and _branches_require(issue, "quantityFloat")


@refiner(
    "products/quantity-missing",
    ERROR,
    "An order line has neither quantity nor quantityFloat.",
    kinds=ORDER,
    why="Every order line needs a quantity (a whole number) or a quantityFloat (decimals): Brevo counts it by them.",
    source="Brevo API reference: POST /v3/orders/status (products[].quantity and quantityFloat: one of them)",
    example=ex.Example(ex.order(products=[ex.line(quantity=ex.OMIT)]), ex.order(), kind="order"),
    fix_note="none: the quantity is yours to give.",
)
def quantity_missing(issue: SchemaIssue, ctx: Context) -> Finding | None:
    line = issue.instance
    if not _quantity_branches(issue) or not isinstance(line, dict):
        return None
    if "quantity" in line or "quantityFloat" in line:
        return None
    return quantity_missing.finding(
        issue.pointer,
        "the order line has no quantity",
        'add "quantity" (a whole number) or "quantityFloat" (decimals allowed)',
    )


@refiner(
    "products/quantity-both",
    ERROR,
    "An order line has both quantity and quantityFloat; Brevo wants exactly one.",
    kinds=ORDER,
    why=(
        'Brevo wants exactly one of quantity and quantityFloat on a line ("provide either, not both"); '
        "with both, which one it counts is not documented."
    ),
    source="Brevo API reference: POST /v3/orders/status (products[].quantity and quantityFloat)",
    example=ex.Example(ex.order(products=[ex.line(quantityFloat=1.5)]), ex.order(), kind="order"),
    fix_note="none: which of the two is right is yours to say.",
)
def quantity_both(issue: SchemaIssue, ctx: Context) -> Finding | None:
    line = issue.instance
    if not _quantity_branches(issue) or not isinstance(line, dict):
        return None
    if "quantity" not in line or "quantityFloat" not in line:
        return None
    return quantity_both.finding(
        jp.join(issue.pointer, "quantityFloat"),
        "the order line has both quantity and quantityFloat; give exactly one",
        "keep quantity for whole numbers, quantityFloat for decimals",
    )


#: An order line's quantity, in an order or in an order batch (not a metaInfo key named quantity).
_LINE_QUANTITY = re.compile(r"(?:/orders/[0-9]+)?/products/[0-9]+/quantity")


def _claims_float_quantity(issue: SchemaIssue, ctx: Context) -> bool:
    """A float quantity is this rule's to tell: the schema's integer type, and its int64 bound
    when the float is past it too (1e20)."""
    return (
        issue.keyword in ("type", "maximum")
        and type(issue.instance) is float
        and _LINE_QUANTITY.fullmatch(issue.pointer) is not None
    )


@rule(
    "products/quantity-not-integer",
    ERROR,
    "quantity written as a float (even 2.0): Brevo's server parses it as a 64-bit integer and rejects it.",
    kinds=ORDER,
    fixable=True,
    claims=_claims_float_quantity,
    why=(
        "Brevo's server parses quantity as a 64-bit integer and rejects a JSON float, even 2.0 (cannot unmarshal "
        "number 2.0 into Go struct field ... of type int64). Python writes 2.0 for a float that happens to be "
        "whole. Decimal quantities belong in quantityFloat."
    ),
    source="getbrevo/brevo-csharp issue 12; brevo-python 5.1.0 OrderProductsItem.quantity: int",
    example=ex.Example(
        ex.order(products=[ex.line(quantity=2.0, price=9.95)]),
        ex.order(products=[ex.line(quantity=2, price=9.95)]),
        kind="order",
    ),
    fix_note=(
        "offered for a whole number, and always safe: 2.0 becomes 2, the same value. A fraction (2.5) gets "
        "no fix: move it to quantityFloat or round it, as you mean."
    ),
)
def quantity_not_integer(order: Any, at: str, ctx: Context) -> list[Finding]:
    lines = order.get("products") if isinstance(order, dict) else None
    if not isinstance(lines, list):
        return []
    found = []
    for index, line in enumerate(lines):
        if isinstance(line, dict):
            quantity = line.get("quantity")
            if type(quantity) is float and math.isfinite(quantity):  # NaN/Infinity: json/non-finite-number
                found.append(_float_quantity(jp.join(at, "products", index, "quantity"), quantity))
    return found


def _float_quantity(where: str, quantity: float) -> Finding:
    if quantity.is_integer() and abs(quantity) > FLOAT64_EXACT:
        # Past 2**53 a float no longer holds every whole number (9007199254740993.0 reads as
        # ...992), and past 2**63 no int64 holds it: writing int(quantity) would be a guess.
        return quantity_not_integer.finding(
            where,
            f"quantity is written as the float {code(quantity)}; Brevo rejects a float here",
            "write it as a whole number, from the source of the value: a float this large may "
            "no longer be the number that was meant",
        )
    if quantity.is_integer():
        whole = int(quantity)
        return quantity_not_integer.finding(
            where,
            f"quantity is written as the float {code(quantity)}; Brevo rejects a float here",
            f"write {whole}",
            replace_op(where, whole),
        )
    return quantity_not_integer.finding(
        where,
        f"quantity {code(quantity)} is not a whole number; Brevo rejects a float here",
        f'use "quantityFloat": {code(quantity)} for decimal quantities',
    )


@rule(
    "coupons/case-duplicate",
    WARNING,
    "Coupons that are equal when case is ignored: Brevo stores coupons case-insensitively.",
    kinds=ORDER,
    fixable=True,
    why=(
        "Brevo stores coupons case-insensitively, so SUMMER10 and summer10 are one coupon: the repeat adds "
        "nothing, and usually means the coupon was applied twice upstream. Brevo does not say how it ignores "
        "case; this rule takes the narrowest reading, letter-by-letter lower case (simple case mapping), so "
        "STRASSE and straße, equal only under full Unicode case folding, stay two coupons and none is removed."
    ),
    source="Brevo API reference: POST /v3/orders/status (coupons: stored case insensitive)",
    example=ex.Example(ex.order(coupons=["SUMMER10", "summer10"]), ex.order(coupons=["SUMMER10"]), kind="order"),
    fix_note="offered and always safe: the later repeats are removed, the first spelling kept; Brevo keeps one anyway.",
)
def coupons_case_duplicate(order: Any, at: str, ctx: Context) -> list[Finding]:
    coupons = order.get("coupons") if isinstance(order, dict) else None
    if not isinstance(coupons, list) or len(coupons) < 2:
        return []
    seen: dict[str, int] = {}
    found = []
    for index, coupon in enumerate(coupons):
        if not isinstance(coupon, str):
            continue
        folded = coupon.lower()  # simple case mapping, letter by letter: "straße" is not "STRASSE"
        if folded in seen:
            first = seen[folded]
            where = jp.join(at, "coupons", index)
            found.append(
                coupons_case_duplicate.finding(
                    where,
                    f"coupon {code(coupon)} repeats {code(coupons[first])} (coupons/{first}): "
                    "Brevo stores coupons case-insensitively, so they are one coupon",
                    "keep one of them",
                    remove_op(where),
                )
            )
        else:
            seen[folded] = index
    return found


@rule(
    "order/status-unknown",
    WARNING,
    "A status outside pending, processing, shipped, completed, cancelled, refunded (any case).",
    kinds=ORDER,
    why=(
        "status is a free string to Brevo, but its order schema lists pending, processing, shipped, completed, "
        "cancelled and refunded; another value (canceled, done) is legal, often a typo, and matches nothing that "
        "filters orders by those statuses."
    ),
    source="Brevo API reference: POST /v3/orders/status (status); Brevo's earlier order schema (its list of statuses)",
    example=ex.Example(ex.order(status="canceled"), ex.order(status="cancelled"), kind="order"),
    fix_note="none: the hint suggests a close spelling, but only you know which status you mean.",
)
def status_unknown(order: Any, at: str, ctx: Context) -> list[Finding]:
    status = order.get("status") if isinstance(order, dict) else None
    if not isinstance(status, str) or not status or status.lower() in _KNOWN_STATUS_SET:
        return []
    import difflib  # only for the rare unknown status: keep it off the start-up path

    close = difflib.get_close_matches(status.lower(), KNOWN_STATUSES, n=1, cutoff=0.6)
    hint = f"did you mean {code(close[0])}?" if close else f"common statuses: {', '.join(KNOWN_STATUSES)}"
    return [
        status_unknown.finding(
            jp.join(at, "status"),
            f"status {code(status)} is none of the usual ones; Brevo's automations and reports may not recognise it",
            hint,
        )
    ]


def _artifact(value: Any) -> bool:
    """Whether ``value`` is a float with more than 3 decimals: ``value != round(value, 3)``.

    ``round`` costs about 300 ns and an order has several prices, so a cheaper test that is
    sufficient goes first: when ``value * 1000`` is a whole number ``k`` and ``k / 1000`` is
    ``value`` again, ``value`` is the float nearest a number of 3 decimals, and (while a
    float's spacing stays under 0.001, below 2**42) ``round(value, 3)`` is ``value``. Anything
    else takes ``round``: the answer is the same for every float (a property test holds it).
    """
    if type(value) is not float:
        return False
    scaled = value * 1000.0
    if scaled.is_integer() and scaled / 1000.0 == value and -_EXACT_BELOW < value < _EXACT_BELOW:
        return False
    return math.isfinite(value) and value != round(value, 3)


#: Below this magnitude, floats are less than 0.001 apart (2**42: spacing 2**-10).
_EXACT_BELOW = float(2**42)


@rule(
    "money/precision",
    WARNING,
    "A price or amount with more than 3 decimals: usually a floating-point artifact such as 19.990000000000002.",
    kinds=ORDER,
    why=(
        "Money has at most 3 decimals (ISO 4217 currencies have 0 to 3 minor digits): more is nearly always an "
        "amount computed in binary floating point and not rounded (0.1 + 0.2 is 0.30000000000000004), which "
        "Brevo receives as sent."
    ),
    source="ISO 4217 (minor units of currencies); Brevo API reference: POST /v3/orders/status (amount, price)",
    example=ex.Example(ex.order(amount=19.900000000000002), ex.order(amount=19.9), kind="order"),
    fix_note="none: rounding changes an amount; the hint gives the rounded value to use once you have checked it.",
)
def money_precision(order: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(order, dict):
        return []
    found = []
    if _artifact(order.get("amount")):
        found.append(_money(jp.join(at, "amount"), order["amount"]))
    lines = order.get("products")
    if isinstance(lines, list):
        for index, line in enumerate(lines):
            if isinstance(line, dict) and _artifact(line.get("price")):
                found.append(_money(jp.join(at, "products", index, "price"), line["price"]))
    return found


def _money(where: str, value: float) -> Finding:
    return money_precision.finding(
        where,
        f"{code(value)} has more than 3 decimals, which money does not",
        f"round it before sending: {round(value, 2)}",
    )
