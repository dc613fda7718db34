"""fix(): unambiguous repairs only, input untouched, idempotent."""

from __future__ import annotations

import copy

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema import strategies as bst
from brevo_schema.fixing import PatchError, apply_patch, fix
from brevo_schema.rules import REGISTRY
from tests.helpers import order, product


@pytest.mark.parametrize(
    ("payload", "rule", "check"),
    [
        (
            order(products=[{"productId": "A", "price": 1, "quantity": 2.0}]),
            "products/quantity-not-integer",
            lambda d: type(d["products"][0]["quantity"]) is int,
        ),
        (
            order(Products=[{"productId": "A", "price": 1, "quantity": 1}], products=None),
            "keys/case",
            lambda d: "products" in d and "Products" not in d,
        ),
        (order(coupons=["A", "a", "B", "b", "A"]), "coupons/case-duplicate", lambda d: d["coupons"] == ["A", "B"]),
        (
            product(createdAt="2024-01-01T00:00:00Z", sku="S"),
            "catalog/response-only-field",
            lambda d: "createdAt" not in d,
        ),
    ],
)
def test_fixable_rule_is_fixed_and_the_result_validates_clean(payload: dict, rule: str, check: object) -> None:
    before = copy.deepcopy(payload)
    fixed, applied = fix(payload)
    assert payload == before
    assert rule in {f.rule for f in applied}
    assert check(fixed)  # type: ignore[operator]
    assert bs.validate(fixed).findings == ()
    again, applied_again = fix(fixed)
    assert again == fixed and applied_again == []


def test_keys_keep_their_position_when_renamed() -> None:
    payload = {
        "Id": "1",
        "createdAt": "2024-03-01T09:15:00Z",
        "updatedAt": "2024-03-01T09:15:00Z",
        "status": "pending",
        "amount": 1,
        "products": [{"productId": "A", "price": 1, "quantity": 1}],
        "identifiers": {"ext_id": "c"},
    }
    fixed, _ = fix(payload, "order")
    assert list(fixed) == ["id", "createdAt", "updatedAt", "status", "amount", "products", "identifiers"]


def test_nothing_is_fixed_where_a_person_must_choose() -> None:
    payload = order(identifiers=None, amount=-1)
    fixed, applied = fix(payload)
    assert fixed == payload and applied == []


def test_mis_cased_key_is_not_renamed_over_the_right_one() -> None:
    payload = {**order(), "Products": []}
    fixed, applied = fix(payload)
    assert "Products" in fixed and applied == []


def test_apply_patch_refuses_what_does_not_apply() -> None:
    with pytest.raises(PatchError):
        apply_patch({"a": 1}, [{"op": "remove", "path": "/b"}])
    with pytest.raises(PatchError):
        apply_patch({"a": 1, "b": 2}, [{"op": "move", "from": "/a", "path": "/b"}])
    with pytest.raises(PatchError):
        apply_patch({"a": 1}, [{"op": "copy", "from": "/a", "path": "/b"}])
    assert apply_patch({"a": [1, 2]}, [{"op": "add", "path": "/a/-", "value": 3}]) == {"a": [1, 2, 3]}


# Property: over generated payloads that break one fixable rule (where the finding offers a fix),
# fix() repairs it, never touches the input, and a second fix() changes nothing.

FIXABLE_CASES = [
    (kind, rule)
    for rule, entry in sorted(REGISTRY.items())
    if entry.fixable
    for kind in bs.KINDS
    if rule in bst.invalid_rules(kind)
]


def test_every_fixable_rule_has_a_generated_case() -> None:
    assert {rule for _, rule in FIXABLE_CASES} == {r for r, e in REGISTRY.items() if e.fixable}


@given(st.sampled_from(FIXABLE_CASES).flatmap(lambda case: st.tuples(st.just(case), bst.invalid(*case))))
def test_fix_repairs_generated_payloads_and_is_idempotent(drawn: tuple[tuple[str, str], dict]) -> None:
    (kind, rule), payload = drawn
    # Only where the finding offers a fix: 2.5 as a quantity, say, is left to a person.
    assume(any(f.rule == rule and f.fix for f in bs.validate(payload, kind).findings))
    before = copy.deepcopy(payload)
    fixed, applied = fix(payload, kind)
    assert payload == before
    assert rule in {f.rule for f in applied}
    assert rule not in {f.rule for f in bs.validate(fixed, kind).findings}
    again, applied_again = fix(fixed, kind)
    assert again == fixed and applied_again == []
