"""The Hypothesis strategies (``brevo_schema.strategies``) and the pytest plugin's fixtures.

Valid draws must carry no finding at all; ``invalid(kind, rule)`` must carry
exactly ``rule``; every rule in the registry must have a generator (or a
documented reason why none can exist).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from importlib.metadata import entry_points
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import brevo_schema as bs
from brevo_schema import strategies as bst
from brevo_schema.formats import is_date_time, is_email
from brevo_schema.kinds import BATCHES, KINDS
from brevo_schema.pytest_plugin import sample
from brevo_schema.rules import REGISTRY
from brevo_schema.rules.dates import parse_date_time
from brevo_schema.schemas import load_shared

Payload = dict[str, Any]
BATCH_KINDS = tuple(BATCHES)
#: Rules whose payloads are big (1000+ items, 5 MB): a few examples are enough.
HEAVY = {"batch/max-items", "batch/max-bytes", "batch/raised-limit"}


def scaled(fraction: float, least: int = 3) -> int:
    """``fraction`` of the profile's examples per test (``ci`` 200, ``fuzz`` many more)."""
    return max(least, int(settings.default.max_examples * fraction))


def collect(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` draws, the same ones on every run (for statistics over draws)."""
    found: list[Any] = []

    @settings(max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def gather(value: Any) -> None:
        found.append(value)

    gather()
    return found


def describe(report: bs.Report) -> str:
    return "\n".join(f"{f.severity} {f.rule} at {f.pointer!r}: {f.message}" for f in report.findings)


def assert_clean(payload: Any, kind: str) -> None:
    report = bs.validate(payload, kind)
    assert not report.findings, f"{describe(report)}\n{json.dumps(payload, ensure_ascii=False)[:2000]}"
    assert bs.is_valid(payload, kind)


# --------------------------------------------------------------------------
# Valid payloads
# --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_draw_is_valid_without_warnings(kind: str) -> None:
    @settings(max_examples=scaled(0.4))
    @given(bst.payloads(kind))
    def check(payload: Payload) -> None:
        assert_clean(payload, kind)
        text = json.dumps(payload, ensure_ascii=False)
        assert not bs.validate_json(text, kind).findings

    check()


@pytest.mark.parametrize("contact", ["identifiers", "legacy", "any"])
def test_contact_modes(contact: str) -> None:
    @settings(max_examples=scaled(0.2))
    @given(bst.orders(contact=contact))
    def check(order: Payload) -> None:
        assert_clean(order, "order")
        assert order["identifiers"], "every mode names the contact in identifiers (legacy-only is a warning)"
        legacy = "email" in order or "phone" in order.get("billing", {})
        if contact == "identifiers":
            assert "email" not in order
        if contact == "legacy":
            assert legacy

    check()


def test_legacy_email_is_the_identifier_email() -> None:
    for order in collect(bst.orders(contact="legacy"), 100):
        email_id = order["identifiers"].get("email_id")
        if "email" in order and email_id:
            assert order["email"] == email_id


@given(bst.orders())
def test_dates_are_utc_and_in_order(order: Payload) -> None:
    created, updated = order["createdAt"], order["updatedAt"]
    assert created.endswith("Z") and updated.endswith("Z")
    assert is_date_time(created) and is_date_time(updated)
    assert parse_date_time(updated) >= parse_date_time(created)


def two_decimals(value: Any) -> bool:
    return isinstance(value, float) and round(value, 2) == value


@given(bst.orders())
def test_money_has_two_decimals_and_adds_up(order: Payload) -> None:
    assert two_decimals(order["amount"])
    lines = order["products"]
    assert all(two_decimals(line["price"]) for line in lines)
    total = sum(line["price"] * line.get("quantity", line.get("quantityFloat", 0)) for line in lines)
    assert -0.005 <= order["amount"] - total <= 10, "the lines, plus some shipping"


@given(bst.EMAILS)
def test_emails_pass_the_format_check(email: str) -> None:
    assert is_email(email)


@given(bst.orders(contact="legacy"))
def test_phone_numbers_are_e164(order: Payload) -> None:
    phones = [order["identifiers"].get("phone_id"), order.get("billing", {}).get("phone")]
    for phone in filter(None, phones):
        assert re.fullmatch(r"\+[1-9][0-9]{7,14}", phone), phone


def test_country_codes_come_from_the_schema() -> None:
    allowed = set(load_shared("order")["definitions"]["countryCode"]["enum"])
    assert set(bst.COUNTRY_CODES) == allowed
    seen = {o["billing"]["countryCode"] for o in collect(bst.orders(), 300) if "countryCode" in o.get("billing", {})}
    assert seen <= allowed
    assert len(seen) > 10, "country codes vary beyond the few locales"


@pytest.mark.parametrize("kind", BATCH_KINDS)
def test_batch_ids_are_unique(kind: str) -> None:
    key = BATCHES[kind].items_key

    @settings(max_examples=scaled(0.05))
    @given(bst.payloads(kind, min_size=2, max_size=40))
    def check(batch: Payload) -> None:
        ids = [item["id"] for item in batch[key]]
        assert len(ids) == len(set(ids))
        assert 2 <= len(ids) <= 40

    check()


@settings(max_examples=scaled(0.1))
@given(bst.order_batches(min_size=2, max_size=5, historical=False))
def test_batch_size_and_historical(batch: Payload) -> None:
    assert 2 <= len(batch["orders"]) <= 5
    assert batch["historical"] is False


def test_historical_is_always_set_and_varies() -> None:
    values = Counter(b["historical"] for b in collect(bst.order_batches(max_size=2), 60))
    assert set(values) == {True, False}


@settings(max_examples=1)  # one example: 1000 orders take a while to draw and check
@given(bst.order_batches(min_size=1000, max_size=1000))
def test_the_largest_order_batch(batch: Payload) -> None:
    assert len(batch["orders"]) == 1000
    assert len({o["id"] for o in batch["orders"]}) == 1000
    assert_clean(batch, "order-batch")


@pytest.mark.parametrize("kind", ["product-batch", "category-batch"])
def test_the_largest_catalog_batches(kind: str) -> None:
    @settings(max_examples=2)
    @given(bst.payloads(kind, min_size=100, max_size=100))
    def check(batch: Payload) -> None:
        assert len(batch[BATCHES[kind].items_key]) == 100
        assert_clean(batch, kind)

    check()


def test_the_largest_size_comes_up_when_allowed() -> None:
    sizes = Counter(len(b["categories"]) for b in collect(bst.category_batches(min_size=1, max_size=100), 100))
    assert sizes[100] > 0 and min(sizes) < 25


@pytest.mark.parametrize(
    "make",
    [
        lambda: bst.order_batches(max_size=1001),
        lambda: bst.order_batches(min_size=0),
        lambda: bst.order_batches(min_size=5, max_size=4),
        lambda: bst.product_batches(max_size=101),
        lambda: bst.category_batches(max_size=101),
        lambda: bst.orders(contact="email"),
        lambda: bst.orders(min_lines=0),
        lambda: bst.orders(fixed={1: "x"}),
        lambda: bst.invalid("category", "schema/minimum"),
        lambda: bst.invalid("order", "json/syntax"),
        lambda: bst.invalid("order", "schema/minProperties"),
        lambda: bst.invalid_json("schema/type"),
    ],
)
def test_bad_arguments_raise_at_once(make: Callable[[], Any]) -> None:
    with pytest.raises(InvalidArgument):
        make()


def test_more_than_100_products_points_to_the_raised_limit() -> None:
    with pytest.raises(InvalidArgument, match="batch/raised-limit"):
        bst.product_batches(max_size=500)


def test_unknown_kind_raises() -> None:
    with pytest.raises(bs.UnknownKind):
        bst.payloads("orders")
    with pytest.raises(bs.UnknownKind):
        bst.invalid("orders")


@given(
    bst.orders(
        status="completed",
        storeId=st.sampled_from(["eu-1", "us-1"]),
        billing=bst.OMIT,
        fixed={"id": "A-1", "coupons": []},
    )
)
def test_fixed_values(order: Payload) -> None:
    assert order["id"] == "A-1" and order["status"] == "completed"
    assert order["storeId"] in ("eu-1", "us-1")
    assert order["coupons"] == []
    assert "billing" not in order
    assert_clean(order, "order")


@given(bst.orders(createdAt="2023-12-31T23:59:59Z", products=[{"productId": "X", "quantity": 3, "price": 2.5}]))
def test_dependent_values_follow_fixed_ones(order: Payload) -> None:
    assert parse_date_time(order["updatedAt"]) >= parse_date_time("2023-12-31T23:59:59Z")
    assert order["amount"] >= 7.5
    assert_clean(order, "order")


@given(bst.orders(updatedAt="2016-02-29T12:00:00.250Z"))
def test_created_before_a_fixed_updated(order: Payload) -> None:
    assert parse_date_time(order["createdAt"]) <= parse_date_time("2016-02-29T12:00:00.250Z")
    assert_clean(order, "order")


@settings(max_examples=scaled(0.1))
@given(bst.order_batches(max_size=3, notifyUrl="https://hooks.example.com/b", items=bst.orders(status="shipped")))
def test_batch_fixed_values_and_items(batch: Payload) -> None:
    assert batch["notifyUrl"] == "https://hooks.example.com/b"
    assert {o["status"] for o in batch["orders"]} == {"shipped"}


def test_fixed_values_are_not_shared_between_draws() -> None:
    first, second = collect(bst.orders(metaInfo={"a": "b"}), 2)
    first["metaInfo"]["a"] = "changed"
    assert second["metaInfo"] == {"a": "b"}


@pytest.mark.parametrize("kind", ["product", "category"])
def test_update_enabled_modes(kind: str) -> None:
    creating = collect(bst.payloads(kind, update_enabled=False), 60)
    assert all("name" in p and p.get("updateEnabled", False) is False for p in creating)
    updating = collect(bst.payloads(kind, update_enabled=True), 60)
    assert all(p["updateEnabled"] is True for p in updating)
    assert any("name" not in p for p in updating), "an update may leave the name out"


def test_product_batches_update_enabled() -> None:
    batches = collect(bst.product_batches(update_enabled=True), 60)
    assert all(b["updateEnabled"] is True for b in batches)
    assert any("name" not in p for b in batches for p in b["products"])
    assert all("updateEnabled" not in p for b in batches for p in b["products"]), "never on batch items"
    creating = collect(bst.product_batches(update_enabled=False), 60)
    assert all("name" in p for b in creating for p in b["products"])


OPTIONAL = {
    "order": ["identifiers", "email", "billing", "coupons", "metaInfo", "storeId"],
    "product": [
        *("name", "url", "imageUrl", "sku", "price", "alternativePrice", "categories", "parentId"),
        *("metaInfo", "brand", "description", "stock", "deletedAt", "isDeleted", "updateEnabled"),
    ],
    "category": ["name", "url", "deletedAt", "isDeleted", "updateEnabled"],
}


def test_every_documented_key_is_drawn() -> None:
    """Every key the schemas document is in some strategy's vocabulary (none forgotten)."""
    documented = {
        "order": set(load_shared("order")["properties"]),
        "product": set(load_shared("product")["properties"]),
        "category": set(load_shared("category")["properties"]),
    }
    for kind, keys in documented.items():
        required = set(load_shared(kind).get("required", ()))
        assert keys - required == set(OPTIONAL[kind]), kind


@pytest.mark.parametrize("kind", list(OPTIONAL))
def test_optional_keys_appear_in_a_good_share(kind: str) -> None:
    draws = collect(bst.payloads(kind), 300)
    counts = Counter(key for payload in draws for key in payload)
    for key in OPTIONAL[kind]:
        assert counts[key] >= 0.2 * len(draws), (key, counts[key])


def test_nested_optional_keys_appear_in_a_good_share() -> None:
    draws = collect(bst.orders(), 300)
    billing = Counter(k for o in draws for k in o.get("billing", {}))
    identifiers = Counter(k for o in draws for k in o["identifiers"])
    lines = Counter(k for o in draws for line in o["products"] for k in line)
    line_count = sum(len(o["products"]) for o in draws)
    billings = sum("billing" in o for o in draws)
    for key in load_shared("order")["definitions"]["billing"]["properties"]:
        assert billing[key] >= 0.2 * billings, key
    for key in load_shared("order")["definitions"]["identifiers"]["properties"]:
        assert identifiers[key] >= 0.1 * len(draws), key
    for key in ("variantId", "quantity", "quantityFloat"):
        assert lines[key] >= 0.1 * line_count, key


def non_ascii(text: Any) -> bool:
    return isinstance(text, str) and not text.isascii()


def test_edge_values_come_up() -> None:
    orders_ = collect(bst.orders(), 300)
    products_ = collect(bst.products(), 300)
    lines = [line for o in orders_ for line in o["products"]]
    edges = {
        "no coupons": any(o.get("coupons") == [] for o in orders_),
        "empty order metaInfo": any(o.get("metaInfo") == {} for o in orders_),
        "several lines": any(len(o["products"]) >= 4 for o in orders_),
        "quantity 0": any(line.get("quantity") == 0 for line in lines),
        "price 0": any(line["price"] == 0 for line in lines),
        "fractional quantity": any("quantityFloat" in line for line in lines),
        "same created and updated": any(o["createdAt"] == o["updatedAt"] for o in orders_),
        "milliseconds": any("." in o["createdAt"] for o in orders_),
        "unicode city": any(non_ascii(o.get("billing", {}).get("city")) for o in orders_),
        "unicode product name": any(non_ascii(p.get("name")) for p in products_),
        "no categories": any(p.get("categories") == [] for p in products_),
        "20 metaInfo keys": any(len(p.get("metaInfo", {})) == 20 for p in products_),
        "deleted": any(p.get("isDeleted") is True and "deletedAt" in p for p in products_),
        "not deleted": any(p.get("isDeleted") is False for p in products_),
        "empty description": any(p.get("description") == "" for p in products_),
    }
    assert [name for name, seen in edges.items() if not seen] == []


def test_draws_shrink_to_small_readable_payloads() -> None:
    quick = settings(database=None, derandomize=True, max_examples=200)
    order = find(bst.orders(), lambda o: len(o["products"]) >= 2, settings=quick)
    assert len(order["products"]) == 2, order
    required = {"id", "createdAt", "updatedAt", "status", "amount", "products"}
    assert set(order) == required | {"identifiers"} and len(order["identifiers"]) == 1, order
    assert len(json.dumps(order)) < 500, order
    assert all(line["price"] == 1.0 and line.get("quantity") == 1 for line in order["products"]), order
    product = find(bst.products(), lambda p: "price" in p, settings=quick)
    assert product["price"] == 1.0 and len(json.dumps(product)) < 200, product


def test_strategies_do_not_use_hypothesis_jsonschema() -> None:
    code = "import sys, brevo_schema.strategies; sys.exit('hypothesis_jsonschema' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_plain_imports_stay_light() -> None:
    code = (
        "import sys, brevo_schema, brevo_schema.pytest_plugin; "
        "sys.exit(any(m in sys.modules for m in ('hypothesis', 'jsonschema')))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------
# Invalid payloads
# --------------------------------------------------------------------------

CASES = [(kind, rule) for kind in KINDS for rule in bst.invalid_rules(kind)]


@pytest.mark.parametrize(("kind", "rule"), CASES, ids=[f"{k}:{r}" for k, r in CASES])
def test_invalid_breaks_exactly_that_rule(kind: str, rule: str) -> None:
    severity = REGISTRY[rule].severity_for(kind)

    @settings(max_examples=3 if rule in HEAVY else scaled(0.05))
    @given(bst.invalid(kind, rule))
    def check(payload: Payload) -> None:
        report = bs.validate(payload, kind)
        assert {f.rule for f in report.findings} == {rule}, describe(report)
        assert all(f.severity is severity for f in report.findings)
        assert bs.is_valid(payload, kind) is (severity is bs.Severity.WARNING)

    check()


@pytest.mark.parametrize("kind", KINDS)
def test_invalid_pairs_cover_every_breakable_rule(kind: str) -> None:
    seen: set[str] = set()

    @settings(max_examples=scaled(0.15))
    @given(bst.invalid(kind))
    def check(pair: tuple[Payload, str]) -> None:
        payload, rule = pair
        seen.add(rule)
        report = bs.validate(payload, kind)
        assert {f.rule for f in report.findings} == {rule}, describe(report)

    check()
    assert len(seen) >= min(5, len(bst.invalid_rules(kind))), seen  # not stuck on one rule


@pytest.mark.parametrize("rule", bst.INVALID_JSON_RULES)
def test_invalid_json_breaks_exactly_that_rule(rule: str) -> None:
    @settings(max_examples=scaled(0.1))
    @given(bst.invalid_json(rule))
    def check(data: bytes) -> None:
        report = bs.validate_json(data)
        assert {f.rule for f in report.findings} == {rule}, describe(report)
        assert all(f.line is not None for f in report.findings), "findings from text have a position"

    check()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("rule", ["json/syntax", "json/duplicate-key", "json/non-finite-number"])
def test_invalid_json_of_a_kind(kind: str, rule: str) -> None:
    @settings(max_examples=scaled(0.03))
    @given(bst.invalid_json(rule, kind))
    def check(data: bytes) -> None:
        report = bs.validate_json(data, kind)
        assert {f.rule for f in report.findings} == {rule}, describe(report)

    check()


@settings(max_examples=scaled(0.3))
@given(bst.invalid_json())
def test_invalid_json_pairs(pair: tuple[bytes, str]) -> None:
    data, rule = pair
    assert {f.rule for f in bs.validate_json(data).findings} == {rule}


def schema_keywords(node: Any, schema: Any, out: set[str], seen: set[str]) -> set[str]:
    """The keywords of ``node`` that can fail on their own: ``$ref`` followed, ``if`` (never
    fails), ``then``/``anyOf``/``oneOf`` (named rules refine them) and non-false
    ``additionalProperties`` (only its subschema fails) left out."""
    if not isinstance(node, dict):
        return out
    ref = node.get("$ref")
    if isinstance(ref, str) and ref not in seen:
        seen.add(ref)
        target = schema
        for token in ref.removeprefix("#/").split("/"):
            target = target[token]
        schema_keywords(target, schema, out, seen)
    for keyword, value in node.items():
        if keyword in ("if", "then", "anyOf", "oneOf", "definitions", "$ref", "properties", "items"):
            continue
        if keyword == "additionalProperties" and value is not False:
            schema_keywords(value, schema, out, seen)
            continue
        out.add(keyword)
    for child in node.get("properties", {}).values():
        schema_keywords(child, schema, out, seen)
    schema_keywords(node.get("items"), schema, out, seen)
    return out


def test_every_registered_rule_has_a_generator() -> None:
    """A new rule fails here until ``invalid`` or ``invalid_json`` can break it (or a reason is given)."""
    breakable = {rule for kind in KINDS for rule in bst.invalid_rules(kind)}
    missing = [r for r in REGISTRY if r not in breakable | set(bst.INVALID_JSON_RULES) | set(bst.UNPRODUCIBLE)]
    assert missing == []
    assert not set(bst.UNPRODUCIBLE) & (breakable | set(bst.INVALID_JSON_RULES))
    assert set(bst.UNPRODUCIBLE) <= set(REGISTRY)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_breaks_every_rule_that_applies(kind: str) -> None:
    """Per kind: every named rule of the kind (and of its items) and every schema keyword
    that can fail in its schema has a generator."""
    item_kind = BATCHES[kind].item_kind if kind in BATCHES else kind
    named = {
        r.id
        for r in REGISTRY.values()
        if r.scope in ("item", "batch") and (kind in r.kinds or (r.scope == "item" and item_kind in r.kinds))
    }
    schema = load_shared(kind)
    keywords = schema_keywords(schema, schema, set(), set())
    schema_rules = {f"schema/{k}" for k in keywords if f"schema/{k}" in REGISTRY}
    assert (named | schema_rules) - set(bst.UNPRODUCIBLE) <= set(bst.invalid_rules(kind))


def test_an_empty_identifiers_object_is_no_contact() -> None:
    """No generator breaks minProperties: no schema uses it. The contact anyOf asks for one
    non-blank identifier, so an empty identifiers object is contact/missing, or fine when
    another contact is named (with the legacy-only warning)."""
    for kind in KINDS:
        schema = load_shared(kind)
        assert "minProperties" not in json.dumps(schema)
    order = sample("order")
    del order["billing"]
    order["identifiers"] = {}
    assert [f.rule for f in bs.validate(order, "order").findings] == ["contact/missing"]
    order["email"] = "chloe.martin@example.com"
    assert [f.rule for f in bs.validate(order, "order").findings] == ["contact/legacy-only"]


# --------------------------------------------------------------------------
# The pytest plugin
# --------------------------------------------------------------------------


def test_fixtures_are_valid_and_complete(
    brevo_order: Payload,
    brevo_order_batch: Payload,
    brevo_product: Payload,
    brevo_product_batch: Payload,
    brevo_category: Payload,
    brevo_category_batch: Payload,
) -> None:
    payloads = {
        "order": brevo_order,
        "order-batch": brevo_order_batch,
        "product": brevo_product,
        "product-batch": brevo_product_batch,
        "category": brevo_category,
        "category-batch": brevo_category_batch,
    }
    for kind, payload in payloads.items():
        assert_clean(payload, kind)
        assert bs.validate(payload).kind == (kind if kind != "category" else None), "detected as itself"
    for kind in OPTIONAL:
        assert set(OPTIONAL[kind]) - {"email", "deletedAt"} <= set(payloads[kind]), kind


def test_fixtures_are_fresh_copies(brevo_payload: Callable[..., Payload], brevo_order: Payload) -> None:
    brevo_order["products"].clear()
    assert brevo_payload("order")["products"], "a test's changes do not leak"
    assert brevo_payload("order-batch") is not brevo_payload("order-batch")


def test_payload_factory(brevo_payload: Callable[..., Payload]) -> None:
    batch = brevo_payload("order-batch", size=50, historical=True)
    assert len(batch["orders"]) == 50 and batch["historical"] is True
    assert_clean(batch, "order-batch")
    for kind in KINDS:
        assert_clean(brevo_payload(kind, size=100), kind)
    with pytest.raises(ValueError):
        brevo_payload("orders")
    with pytest.raises(ValueError):
        brevo_payload("order-batch", size=0)


def test_assert_valid(brevo_assert_valid: Callable[..., None], brevo_order: Payload) -> None:
    brevo_assert_valid(brevo_order, "order")
    brevo_order["status"] = "paid"
    brevo_assert_valid(brevo_order, "order")  # a warning only
    with pytest.raises(pytest.fail.Exception, match="order/status-unknown"):
        brevo_assert_valid(brevo_order, "order", strict=True)
    del brevo_order["amount"]
    with pytest.raises(pytest.fail.Exception, match=r"\(root\): error schema/required"):
        brevo_assert_valid(brevo_order)


def test_sample_dates_are_in_order() -> None:
    for index in range(60):
        order = sample("order-batch", size=60)["orders"][index]
        created = datetime.fromisoformat(order["createdAt"].replace("Z", "+00:00"))
        assert created <= datetime.fromisoformat(order["updatedAt"].replace("Z", "+00:00"))


def test_plugin_entry_point_module_loads_in_a_fresh_pytest(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import brevo_schema as bs

        def test_fixture(brevo_order, brevo_assert_valid):
            brevo_assert_valid(brevo_order, "order", strict=True)
            assert bs.validate(brevo_order).ok
        """
    )
    installed = any(ep.value == "brevo_schema.pytest_plugin" for ep in entry_points(group="pytest11"))
    plugin = [] if installed else ["-p", "brevo_schema.pytest_plugin"]  # the entry point loads it, once
    result = pytester.runpytest_subprocess(*plugin, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
