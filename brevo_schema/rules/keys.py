"""``keys/case``: a documented key spelled with the wrong case.

Brevo's Go server probably matches keys case-insensitively, so ``Products``
may work today by undocumented leniency, or be dropped. The schema sees an
unknown ``Products`` and a missing ``products``; this rule tells it once, at the
mis-spelled key, with the right spelling.
"""

from __future__ import annotations

from ..report import Finding, Severity
from . import examples as ex
from .registry import ALL_KINDS, Context, jp, move_op, refiner

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from ..engine.issues import SchemaIssue


def documented_spelling(key: str, schema: Any, instance: Any) -> str | None:
    """The documented key that ``key`` mis-cases, if it is absent from ``instance``."""
    properties = schema.get("properties", {}) if isinstance(schema, dict) else {}
    if key in properties:
        return None
    folded = key.casefold()
    for known in properties:
        if known.casefold() == folded and known not in instance:
            return str(known)
    return None


def _claims_missing_twin(issue: SchemaIssue, ctx: Context) -> bool:
    """A ``required`` issue for ``products`` when ``Products`` is there."""
    if issue.keyword != "required" or not isinstance(issue.instance, dict):
        return False
    folded = (issue.detail or "").casefold()
    return any(isinstance(k, str) and k.casefold() == folded for k in issue.instance)


@refiner(
    "keys/case",
    Severity.ERROR,
    "A key that differs from a documented key only by case (Products, Id, CreatedAt).",
    kinds=ALL_KINDS,
    fixable=True,
    claims=_claims_missing_twin,
    why=(
        "Brevo documents one spelling per key. Its server is believed to match keys regardless of case, so "
        "Products may work today by undocumented leniency, or be dropped without a word (an order with no lines)."
    ),
    source=(
        "Brevo API reference (the documented key names); the batch example of Brevo's own eCommerce guide writes "
        "Products and Id (examples/bad-order-batch.json)"
    ),
    example=ex.Example(ex.order(Products=[ex.line()], products=ex.OMIT), ex.order(), kind="order"),
    fix_note=(
        "offered and always safe: the key is renamed to its documented spelling, its value unchanged; only when "
        "the documented key is absent (with both present, which to keep is yours)."
    ),
)
def key_case(issue: SchemaIssue, ctx: Context) -> Finding | None:
    if issue.keyword != "additionalProperties" or issue.detail is None:
        return None
    right = documented_spelling(issue.detail, issue.schema, issue.instance)
    if right is None:
        return None
    target = jp.join(jp.parent(issue.pointer), right)
    folded = right.casefold()
    spellings = [k for k in issue.instance if isinstance(k, str) and k.casefold() == folded]
    if len(spellings) > 1:  # Products and PRODUCTS: which one was meant is a person's call
        return key_case.finding(
            issue.pointer,
            f"key {issue.detail!r} is spelled {right!r} in Brevo's API, and "
            f"{' and '.join(repr(k) for k in spellings if k != issue.detail)} spells it too",
            f"keep one of them, named {right!r}",
        )
    return key_case.finding(
        issue.pointer,
        f"key {issue.detail!r} is spelled {right!r} in Brevo's API; a mis-cased key relies on "
        "undocumented leniency or is dropped",
        f"rename it to {right!r}",
        move_op(issue.pointer, target),
    )
