"""The public API: validate, is_valid, options, reports; the input is never changed."""

from __future__ import annotations

import copy

import pytest

import brevo_schema as bs
from brevo_schema import Limits, Options, Severity
from tests.helpers import category, full_order, order, product, rules_of


def test_valid_order_has_no_findings() -> None:
    report = bs.validate(full_order())
    assert report.ok and report.kind == "order" and report.findings == ()
    assert bs.is_valid(full_order(), "order")


def test_kind_given_wins_over_detection() -> None:
    report = bs.validate(order(), "order-batch")
    assert report.kind == "order-batch"
    assert not report.ok


def test_unknown_kind_name_raises() -> None:
    with pytest.raises(bs.UnknownKind):
        bs.validate(order(), "orders")


@pytest.mark.parametrize("payload", ["text", 3, None, [], {}, {"foo": 1}, {"id": "X"}])
def test_undetectable_document_is_one_kind_unknown_error(payload: object) -> None:
    report = bs.validate(payload)
    assert report.kind is None
    assert rules_of(report) == ["kind/unknown"]
    assert not bs.is_valid(payload)


def test_every_problem_is_reported_in_one_run() -> None:
    bad = order(amount=-1, status="", id=5, products=[{"productId": "", "price": "1", "quantity": 1}])
    report = bs.validate(bad)
    assert {(f.rule, f.pointer) for f in report.findings} == {
        ("schema/type", "/id"),
        ("schema/minLength", "/status"),
        ("schema/minimum", "/amount"),
        ("schema/minLength", "/products/0/productId"),
        ("schema/type", "/products/0/price"),
    }


def test_findings_come_in_document_order() -> None:
    bad = order(amount=-1, id=5)
    assert [f.pointer for f in bs.validate(bad).findings] == ["/id", "/amount"]


def test_is_valid_equals_report_ok_for_error_rules_on_schema_valid_documents() -> None:
    floaty = order(products=[{"productId": "A", "price": 1, "quantity": 2.0}])
    assert bs.validate(floaty).ok is False
    assert bs.is_valid(floaty, "order") is False
    warned = order(status="canceled")
    assert bs.validate(warned).ok is True and bs.validate(warned).warnings
    assert bs.is_valid(warned, "order") is True


def test_batch_rules_and_item_rules_both_run() -> None:
    batch = {"orders": [order(), order(coupons=["A", "a"])], "historical": True}
    report = bs.validate(batch)
    assert report.ok
    assert [(f.rule, f.severity, f.pointer) for f in report.findings] == [
        ("batch/duplicate-id", Severity.WARNING, "/orders/1/id"),
        ("coupons/case-duplicate", Severity.WARNING, "/orders/1/coupons/1"),
    ]


@pytest.mark.parametrize(
    "payload",
    [
        full_order(),
        order(CreatedAt="x", amount="1"),
        {"orders": [order(), order(Products=[])], "historical": True},
        {"products": [product(), product(price=-1)]},
        category(name=None),
    ],
)
def test_validation_never_mutates_its_input(payload: object) -> None:
    before = copy.deepcopy(payload)
    bs.validate(payload)
    bs.is_valid(payload)
    assert payload == before


def test_raise_for_errors_carries_the_report() -> None:
    report = bs.validate(order(amount=-5))
    with pytest.raises(bs.ValidationError) as caught:
        report.raise_for_errors()
    assert caught.value.report is report
    assert "/amount" in str(caught.value)
    assert bs.validate(order()).raise_for_errors().ok


def test_ignore_and_select_by_id_and_area() -> None:
    warned = order(status="canceled", coupons=["A", "a"])
    assert rules_of(bs.validate(warned, options=Options.build(ignore=["order/status-unknown"]))) == [
        "coupons/case-duplicate"
    ]
    assert rules_of(bs.validate(warned, options=Options.build(select=["coupons"]))) == ["coupons/case-duplicate"]
    assert rules_of(bs.validate(warned, options=Options.build(ignore=["order/", "coupons"]))) == []


def test_severity_override_changes_ok() -> None:
    warned = order(status="canceled")
    strict = Options.build(severities={"order/status-unknown": "error"})
    assert not bs.validate(warned, options=strict).ok


def test_ignoring_a_renaming_rule_reveals_the_schema_finding() -> None:
    """No error disappears unless every rule that reports it is off (tests/test_validator.py has the rest)."""
    miscased = order(Products=order()["products"], products=None)
    report = bs.validate(miscased, options=Options.build(ignore=["keys/case"]))
    assert rules_of(report) == ["schema/additionalProperties"]
    assert bs.validate(miscased, options=Options.build(ignore=["keys/case", "schema"])).findings == ()


def test_limits_are_configurable() -> None:
    batch = {"orders": [order(id=f"A-{i}") for i in range(3)], "historical": True}
    tight = Options.build(limits=Limits(max_orders=2))
    assert rules_of(bs.validate(batch, options=tight)) == ["batch/max-items"]
    loose = Options.build(limits=Limits(max_categories=200))
    many = {"categories": [category(id=f"C{i}") for i in range(150)]}
    assert bs.validate(many, options=loose).ok
    assert rules_of(bs.validate(many)) == ["batch/max-items"]


def test_max_bytes_counts_compact_utf8() -> None:
    batch = {"orders": [order(id=f"A-{i}", metaInfo={"note": "é" * 1000}) for i in range(3)], "historical": True}
    size = bs.validate(batch)  # fine under 5 MB
    assert size.ok
    from brevo_schema.rules.batches import body_size

    exact = body_size(batch)
    assert rules_of(bs.validate(batch, options=Options.build(limits=Limits(max_order_bytes=exact)))) == []
    assert rules_of(bs.validate(batch, options=Options.build(limits=Limits(max_order_bytes=exact - 1)))) == [
        "batch/max-bytes"
    ]


def test_product_batch_limit_depends_on_update_enabled() -> None:
    creating = {"products": [product(id=f"P{i}") for i in range(101)]}
    assert rules_of(bs.validate(creating)) == ["batch/max-items"]
    updating = {"products": [{"id": f"P{i}"} for i in range(101)], "updateEnabled": True}
    assert rules_of(bs.validate(updating)) == ["batch/raised-limit"]
    assert bs.validate(updating).ok


def test_findings_carry_fixes_where_the_intent_is_unambiguous() -> None:
    report = bs.validate(order(products=[{"productId": "A", "price": 1, "quantity": 2.0}]))
    (finding,) = report.findings
    assert finding.fix == ({"op": "replace", "path": "/products/0/quantity", "value": 2},)
    assert bs.validate(order(amount=-1)).findings[0].fix is None


def test_hostile_python_values_do_not_raise() -> None:
    loop: dict[str, object] = {"orders": []}
    loop["orders"] = [loop]  # type: ignore[list-item]
    report = bs.validate(loop, "order-batch")
    assert not report.ok
    assert bs.is_valid(loop, "order-batch") is False


def test_tuples_count_as_arrays_like_json_dumps_writes_them() -> None:
    tupled = order(products=({"productId": "A", "price": 1, "quantity": 1},))
    assert bs.validate(tupled).ok
    assert bs.is_valid(tupled, "order")
