"""``Validator``: options resolved once, and every entry point judging alike.

The principle these tests hold: no error disappears unless the user disabled
every rule that reports it, and no rule id, area or setting is silently ignored.
"""

from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema import Limits, Options, Severity
from brevo_schema import strategies as bst
from brevo_schema.engine import predicates as fast
from brevo_schema.rules import REGISTRY
from tests.helpers import order, product, rules_of


def _line(**changes: object) -> dict[str, object]:
    line: dict[str, object] = {"productId": "A", "price": 1, "quantity": 1}
    line.update(changes)
    return line


# A disabled rule never takes its claim with it


def test_ignoring_the_float_quantity_rule_reports_the_schema_type_beneath_it() -> None:
    fractional = order(products=[_line(quantity=2.5)])
    options = Options.build(ignore=["products/quantity-not-integer"])
    report = bs.validate(fractional, options=options)
    assert not report.ok
    assert [(f.rule, f.pointer) for f in report.findings] == [("schema/type", "/products/0/quantity")]
    assert bs.is_valid(fractional, options=options) is False
    assert bs.validate_json(json.dumps(fractional), options=options).ok is False


def test_ignoring_keys_case_reports_the_unknown_key_and_the_missing_one() -> None:
    miscased = order(Products=order()["products"], products=None)
    report = bs.validate(miscased, options=Options.build(ignore=["keys/case"]))
    assert not report.ok
    (finding,) = report.findings  # the schema's own account: the unknown key is a typo of the missing one
    assert finding.rule == "schema/additionalProperties" and "'products' is missing" in finding.message


def test_ignoring_max_items_leaves_the_schema_limit() -> None:
    batch = {"orders": [order(id=f"A-{i}") for i in range(1001)], "historical": True}
    report = bs.validate(batch, options=Options.build(ignore=["batch/max-items"]))
    assert rules_of(report) == ["schema/maxItems"]
    assert rules_of(bs.validate(batch, options=Options.build(ignore=["batch/max-items", "schema/maxItems"]))) == []


def test_a_raised_limit_still_accepts_what_the_schema_caps() -> None:
    batch = {"orders": [order(id=f"A-{i}") for i in range(1001)], "historical": True}
    raised = Options.build(limits=Limits(max_orders=2000))
    assert bs.validate(batch, options=raised).ok
    assert bs.is_valid(batch, options=raised)


# Unknown ids and areas are errors, wherever they enter


@pytest.mark.parametrize(
    ("arguments", "suggestion"),
    [
        ({"select": ["quantity"]}, None),
        ({"ignore": ["keys/cas"]}, "keys/case"),
        ({"ignore": ["batchs"]}, "batch"),
        ({"severities": {"order/status-unknwn": "error"}}, "order/status-unknown"),
    ],
)
def test_unknown_rule_ids_and_areas_raise_with_a_suggestion(
    arguments: dict[str, object], suggestion: str | None
) -> None:
    with pytest.raises(ValueError, match="unknown rule or area") as caught:
        Options.build(**arguments)  # type: ignore[arg-type]
    if suggestion is not None:
        assert f"did you mean {suggestion!r}" in str(caught.value)


def test_the_constructor_checks_too() -> None:
    with pytest.raises(ValueError, match="unknown rule or area 'quantity'"):
        Options(select=frozenset({"quantity"}))


def test_an_unknown_severity_value_raises() -> None:
    with pytest.raises(ValueError, match="'fatal'"):
        Options.build(severities={"keys/case": "fatal"})


def test_a_severity_for_an_area_applies_to_each_of_its_rules() -> None:
    batch = {"orders": [order(id="A"), order(id="A")]}  # no historical: batch/historical-implicit
    assert bs.validate(batch).ok
    strict = Options.build(severities={"batch": "error"})
    report = bs.validate(batch, options=strict)
    assert {f.rule: f.severity for f in report.findings} == {
        "batch/historical-implicit": Severity.ERROR,
        "batch/duplicate-id": Severity.ERROR,
    }
    assert bs.is_valid(batch, options=strict) is False


def test_a_rule_wins_over_its_area() -> None:
    batch = {"orders": [order(id="A"), order(id="A")]}
    options = Options.build(severities={"batch": "error", "batch/duplicate-id": "warning"})
    report = bs.validate(batch, options=options)
    assert {f.rule: f.severity for f in report.findings}["batch/duplicate-id"] is Severity.WARNING


def test_schema_invalid_is_a_registered_rule() -> None:
    assert "schema/invalid" in REGISTRY
    Options.build(ignore=["schema/invalid"])


# The Validator


def test_options_pickle() -> None:
    options = Options.build(
        limits=Limits(max_orders=5),
        select=["schema", "keys/case"],
        ignore=["schema/format"],
        severities={"money": "error"},
    )
    assert pickle.loads(pickle.dumps(options)) == options
    validator = bs.Validator(options)
    assert pickle.loads(pickle.dumps(validator)).options == options


def test_validator_offers_every_entry_point() -> None:
    validator = bs.Validator(Options.build(ignore=["order/status-unknown"]))
    warned = order(status="canceled", products=[_line(quantity=2.0)])
    assert rules_of(validator.validate(warned)) == ["products/quantity-not-integer"]
    assert rules_of(validator.validate_json(json.dumps(warned))) == ["products/quantity-not-integer"]
    assert validator.is_valid(warned) is False
    fixed, applied = validator.fix(warned)
    assert fixed["products"][0]["quantity"] == 2 and rules_of(bs.Report("order", tuple(applied))) == [
        "products/quantity-not-integer"
    ]
    assert validator.is_valid(fixed)


def test_is_valid_takes_options() -> None:
    warned = order(status="canceled")
    strict = Options.build(severities={"order/status-unknown": "error"})
    assert bs.is_valid(warned) is True
    assert bs.is_valid(warned, options=strict) is False


def test_downgrading_a_schema_rule_makes_is_valid_agree() -> None:
    negative = product(price=-1)
    lenient = Options.build(severities={"schema/minimum": "warning"})
    assert bs.validate(negative, options=lenient).ok
    assert bs.is_valid(negative, options=lenient) is True


def test_fix_leaves_findings_of_ignored_rules_alone() -> None:
    floaty = order(products=[_line(quantity=2.0)])
    fixed, applied = bs.fix(floaty, options=Options.build(ignore=["products/quantity-not-integer"]))
    assert fixed == floaty and applied == []


# Properties: for any options built from real ids, every entry point judges alike


_AREAS = sorted({rule_id.split("/", 1)[0] for rule_id in REGISTRY})
_PATTERNS = st.sampled_from(sorted(REGISTRY) + _AREAS + [f"{area}/" for area in _AREAS])


@st.composite
def options(draw: st.DrawFn, *, patterns: st.SearchStrategy[str] = _PATTERNS, schema_on: bool = False) -> Options:
    """Options from real ids and areas. ``schema_on``: the schema's rules stay enabled as errors,
    Brevo's limits stay as they are, and only named rules are ignored or made errors."""
    if schema_on:
        named = patterns.filter(lambda p: not p.startswith("schema"))
        return Options.build(
            ignore=draw(st.lists(named, max_size=4)),
            severities=draw(st.dictionaries(named, st.just("error"), max_size=3)),
        )
    limits = draw(
        st.none()
        | st.builds(
            Limits,
            max_orders=st.integers(1, 2000),
            max_order_bytes=st.integers(1, 6_000_000),
            max_products=st.integers(1, 200),
            max_products_update=st.integers(1, 2000),
            max_categories=st.integers(1, 200),
        )
    )
    return Options.build(
        limits=limits,
        select=draw(st.none() | st.lists(_PATTERNS, max_size=4)),
        ignore=draw(st.lists(_PATTERNS, max_size=3)),
        severities=draw(st.dictionaries(_PATTERNS, st.sampled_from(["error", "warning"]), max_size=3)),
    )


def _payloads(kind: str) -> st.SearchStrategy[object]:
    return bst.payloads(kind) | bst.invalid(kind).map(lambda pair: pair[0])


_KIND_AND_PAYLOAD = st.sampled_from(bs.KINDS).flatmap(lambda kind: st.tuples(st.just(kind), _payloads(kind)))


def _errors(report: bs.Report) -> set[tuple[str, str]]:
    return {(f.rule, f.pointer) for f in report.errors}


@settings(max_examples=max(20, settings.default.max_examples // 2))
@given(_KIND_AND_PAYLOAD, options())
def test_every_entry_point_agrees_for_any_options(kind_and_payload: tuple[str, object], chosen: Options) -> None:
    kind, payload = kind_and_payload
    validator = bs.Validator(chosen)
    report = validator.validate(payload, kind)
    assert all(f.rule in REGISTRY for f in report.findings)  # every id a report carries is listed
    assert validator.is_valid(payload, kind) == report.ok
    assert bs.is_valid(payload, kind, options=chosen) == report.ok == bs.validate(payload, kind, options=chosen).ok
    text = json.dumps(payload)
    assert validator.validate_json(text, kind).ok == report.ok
    assert bs.validate_json(text, kind, options=chosen).ok == report.ok
    detected = validator.validate(payload)
    assert validator.is_valid(payload) == detected.ok


@settings(max_examples=max(20, settings.default.max_examples // 2))
@given(_KIND_AND_PAYLOAD, options(), st.sampled_from(sorted(REGISTRY)))
def test_disabling_a_rule_never_hides_another_rules_error(
    kind_and_payload: tuple[str, object], chosen: Options, disabled: str
) -> None:
    kind, payload = kind_and_payload
    before = bs.validate(payload, kind, options=chosen)
    fewer = Options(chosen.limits, chosen.select, chosen.ignore | {disabled}, chosen.severities)
    after = bs.validate(payload, kind, options=fewer)
    # Every other rule's error is still there (the disabled rule's may come back under a schema id).
    assert {(rule, at) for rule, at in _errors(before) if rule != disabled} <= _errors(after)


@settings(max_examples=max(20, settings.default.max_examples // 2))
@given(_KIND_AND_PAYLOAD, options(schema_on=True))
def test_a_document_the_schema_rejects_is_never_ok_while_the_schema_rules_are_on(
    kind_and_payload: tuple[str, object], chosen: Options
) -> None:
    """No error disappears unless every rule that reports it is off: with the schema's own
    rules on, ignoring named rules (whose claims and renamings go with them) never passes a
    document the schema rejects."""
    kind, payload = kind_and_payload
    if fast.schema_valid(payload, kind):
        return
    validator = bs.Validator(chosen)
    assert not validator.validate(payload, kind).ok
    assert not validator.is_valid(payload, kind)


def test_the_readme_validator_example_runs_as_written() -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "bs.Validator(options)" in b]
    exec(compile(block, "README.md", "exec"), {})
