"""Every rule explains itself (``brevo-schema rule ID``), and its examples are true:
the bad one fires the rule, the good one draws no finding at all, and where a fix is
offered, fixing the bad one gives the good one."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import brevo_schema as bs
from brevo_schema import Options, Validator
from brevo_schema.cli.rule_docs import explain_rule, ordered_rules
from brevo_schema.report import Report
from brevo_schema.rules import REGISTRY, Rule
from brevo_schema.rules import examples as ex

#: Rules no payload can fire, with the reason (they still need every text).
NO_EXAMPLE = {"schema/invalid": "fires only when brevo-schema's two engines disagree: a bug"}

RULES = [rule.id for rule in ordered_rules()]


def _judge(rule: Rule, payload: Any) -> Report:
    assert rule.example is not None
    validator = Validator(Options.build(ignore=list(rule.example.ignore)))
    kind = rule.example.kind
    return validator.validate_json(payload, kind) if isinstance(payload, str) else validator.validate(payload, kind)


@pytest.mark.parametrize("rule_id", RULES)
def test_every_rule_has_its_texts(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    missing = [name for name in ("summary", "why", "source", "fix_note") if not getattr(rule, name).strip()]
    assert not missing, f"{rule_id} has no {', '.join(missing)}: give them in its decorator (brevo_schema/rules/)"
    assert (rule.example is None) == (rule_id in NO_EXAMPLE), (
        f"{rule_id}: give an example=Example(bad, good, kind=...) in its decorator"
    )
    # The fix note says plainly whether a fix is offered.
    assert rule.fix_note.startswith("offered" if rule.fixable else "none"), rule.fix_note


@pytest.mark.parametrize("rule_id", [r for r in RULES if r not in NO_EXAMPLE])
def test_the_bad_example_fires_the_rule_and_the_good_one_nothing(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert rule.example is not None
    bad, good = rule.example.payloads()
    fired = [f for f in _judge(rule, bad).findings if f.rule == rule_id]
    assert fired, f"{rule_id}'s bad example does not fire it"
    assert _judge(rule, good).findings == (), f"{rule_id}'s good example is not clean"
    if rule.fixable:
        assert all(f.fix for f in fired), f"{rule_id} is fixable but its finding carries no fix"
        fixed, applied = Validator(Options.build(ignore=list(rule.example.ignore))).fix(bad, rule.example.kind)
        assert [f.rule for f in applied] == [rule_id] * len(fired)
        assert fixed == good


def test_the_base_payloads_are_valid_and_fresh() -> None:
    for kind, build in [
        ("order", ex.order),
        ("product", ex.product),
        ("category", ex.category),
        ("order-batch", ex.order_batch),
        ("product-batch", ex.product_batch),
        ("category-batch", ex.category_batch),
    ]:
        assert bs.validate(build(), kind).findings == ()
        assert build() is not build()
    assert "identifiers" not in ex.order(identifiers=ex.OMIT)


def test_explain_contact_missing() -> None:
    text = explain_rule(REGISTRY["contact/missing"])
    assert text.startswith(
        "contact/missing (error; order, order-batch's items)\n"
        "The order names no contact: Brevo cannot link it to anyone.\n\nWhy it matters\n"
    )
    assert "  Source: Brevo eCommerce guide and API reference" in text
    assert "\nBad (an order)\n  {\n" in text
    assert "brevo-schema reports:\n  /: error contact/missing the order names no contact" in text
    assert "\nGood\n  {\n" in text
    assert text.endswith("\nFix\n  none: who placed the order is yours to say.\n")


def test_explain_shortens_big_examples_and_says_so() -> None:
    text = explain_rule(REGISTRY["batch/max-items"])
    assert '"… 999 more like these …"' in text
    assert "(shortened for display)" in text
    assert len(text.splitlines()) < 120
    deep = explain_rule(REGISTRY["json/too-deep"])
    assert "(shortened: 200,027 characters in all)" in deep


def test_explain_names_the_rules_an_example_turns_off() -> None:
    text = explain_rule(REGISTRY["schema/anyOf"])
    assert "\nBad (an order; with contact/missing ignored)\n" in text
    assert "error schema/anyOf" in text


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brevo_schema", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_rule_command_prints_the_explanation() -> None:
    proc = _cli("rule", "keys/case")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == explain_rule(REGISTRY["keys/case"])
    assert "\nFix\n  offered and always safe:" in proc.stdout


def test_rule_command_explains_every_rule_of_an_area() -> None:
    proc = _cli("rule", "dates")
    assert proc.returncode == 0
    assert proc.stdout == "\n\n".join(explain_rule(REGISTRY[r]) for r in RULES if r.startswith("dates/"))


def test_rule_command_with_an_unknown_id_suggests_the_closest() -> None:
    proc = _cli("rule", "contact/mising")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "brevo-schema: error: rule: unknown rule or area 'contact/mising' (did you mean 'contact/missing'?)"
        " (brevo-schema rules lists them)\n"
    )


def test_rules_json_carries_the_texts() -> None:
    rows = json.loads(_cli("rules", "--format", "json").stdout)
    row = next(r for r in rows if r["id"] == "keys/case")
    assert row["fixable"] is True
    assert row["why"] == REGISTRY["keys/case"].why
    assert row["source"] == REGISTRY["keys/case"].source
    assert row["fix"] == REGISTRY["keys/case"].fix_note


@pytest.mark.parametrize("rule_id", RULES)
def test_every_rule_explains_itself(rule_id: str) -> None:
    """``brevo-schema rule ID`` works for every registered rule, and shows its bad example firing."""
    text = explain_rule(REGISTRY[rule_id])
    assert text.startswith(f"{rule_id} (")
    if REGISTRY[rule_id].example is not None:
        assert f" {rule_id} " in text.split("brevo-schema reports:\n", 1)[1].split("\nGood\n", 1)[0]
