"""Hostile payloads: never a false "ok", never a traceback, from any entry point.

Each case was reproduced on main before its fix (issue "Never a false ok, never a
traceback"); the property at the end hunts for the rest of the family.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema import strategies as bst
from brevo_schema.fixing import json_copy
from brevo_schema.rules import REGISTRY
from tests.helpers import order, rules_of


def _line(**changes: Any) -> dict[str, Any]:
    line: dict[str, Any] = {"productId": "A", "price": 1, "quantity": 1}
    line.update(changes)
    return line


def _all_entry_points(payload: Any, kind: str | None, text: str | None = None) -> list[bs.Report]:
    """validate, validate_json (of ``text``, or of the payload dumped), with is_valid beside each."""
    reports = [bs.validate(payload, kind)]
    try:
        text = json.dumps(payload) if text is None else text
    except ValueError:  # an integer Python will not write out (over 4300 digits)
        text = None
    if text is not None:
        reports.append(bs.validate_json(text, kind))
    assert bs.is_valid(payload, kind) == reports[0].ok
    return reports


# False "ok": Brevo would reject these


def test_a_float_in_meta_info_named_quantity_is_not_an_order_line_quantity() -> None:
    meta = order(metaInfo={"quantity": 1.5})
    report = bs.validate(meta)
    assert not report.ok
    assert [(f.rule, f.pointer) for f in report.errors] == [("schema/type", "/metaInfo/quantity")]
    assert bs.is_valid(meta) is False


@pytest.mark.parametrize(
    ("field", "build"),
    [
        ("/amount", lambda text: f'"amount": {text}'),
        ("/products/0/price", lambda text: f'"products": [{{"productId": "A", "price": {text}, "quantity": 1}}]'),
        (
            "/products/0/quantityFloat",
            lambda text: f'"products": [{{"productId": "A", "price": 1, "quantityFloat": {text}}}]',
        ),
    ],
)
@pytest.mark.parametrize(
    "number", ["1e400", "-1e400", "1" + "0" * 400, "9" * 5000], ids=["1e400", "-1e400", "400-digits", "5000-digits"]
)
def test_numbers_no_64_bit_server_holds_are_errors_in_text(field: str, build: Any, number: str) -> None:
    base = order()
    key = field.split("/")[1]
    base.pop(key)
    text = json.dumps(base)[:-1] + ", " + build(number) + "}"
    report = bs.validate_json(text)
    assert not report.ok
    assert ("numbers/out-of-range", field) in {(f.rule, f.pointer) for f in report.errors}
    assert all(f.line is not None for f in report.findings)


@pytest.mark.parametrize("value", [10**400, -(10**400), 10**5000], ids=["1e400", "-1e400", "1e5000"])
def test_huge_python_integers_are_errors_and_never_raise(value: int) -> None:
    payload = order(amount=value)
    report = bs.validate(payload)
    assert [(f.rule, f.pointer) for f in report.errors] == [("numbers/out-of-range", "/amount")]
    assert bs.is_valid(payload) is False
    assert len(report.errors[0].message) < 200


@pytest.mark.parametrize(
    "quantity", [2**63, -(2**63) - 1, 10**30, -(10**5000)], ids=["2^63", "-2^63-1", "1e30", "-1e5000"]
)
def test_a_quantity_past_int64_is_an_error(quantity: int) -> None:
    payload = order(products=[_line(quantity=quantity)])
    for report in _all_entry_points(payload, "order"):
        assert ("numbers/out-of-range", "/products/0/quantity") in {(f.rule, f.pointer) for f in report.errors}
    assert bs.validate(order(products=[_line(quantity=2**63 - 1)])).ok


def test_a_lone_surrogate_does_not_hide_an_oversized_batch() -> None:
    from brevo_schema.rules.batches import body_size

    item = order(metaInfo={"note": "x" * 6000})
    batch = {"orders": [dict(item, id=f"A-{i}") for i in range(900)], "historical": True}
    batch["orders"][0] = dict(batch["orders"][0], metaInfo={"note": "\ud800"})
    assert body_size(batch) > 5_000_000
    assert "batch/max-bytes" in rules_of(bs.validate(batch))
    assert not bs.is_valid(batch)


@pytest.mark.parametrize("phone", ["", "   ", "\t"])
def test_a_blank_billing_phone_names_no_contact(phone: str) -> None:
    payload = order(identifiers=None, billing={"phone": phone})
    for report in _all_entry_points(payload, "order"):
        assert "contact/missing" in rules_of(report)


@pytest.mark.parametrize("identifiers", [{"ext_id": "   "}, {"phone_id": " "}, {"loyalty_subscription_id": "\n"}])
def test_a_blank_identifier_names_no_contact(identifiers: dict[str, str]) -> None:
    payload = order(identifiers=identifiers)
    for report in _all_entry_points(payload, "order"):
        assert "contact/missing" in rules_of(report)
    named = order(identifiers={**identifiers, "email_id": "ana@example.com"})
    assert bs.validate(named).ok  # one real identifier is enough


# No traceback


@pytest.mark.parametrize(
    ("created", "updated"),
    [
        ("0000-01-01T00:00:00+01:00", "0000-01-01T00:00:00+01:00"),
        ("9999-12-31T23:59:59-01:00", "9999-12-31T23:59:59-01:00"),
        ("9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+01:00"),
        ("0001-01-01T00:00:00+23:59", "0001-01-01T00:00:00Z"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_never_raise(created: str, updated: str) -> None:
    payload = order(createdAt=created, updatedAt=updated)
    reports = _all_entry_points(payload, "order")
    assert reports[0].findings == tuple(f.replace(line=None, column=None) for f in reports[1].findings)
    for finding in reports[0].findings:
        assert finding.rule in ("dates/not-utc", "dates/updated-before-created"), finding


def test_the_utc_hint_converts_what_it_can() -> None:
    (finding,) = bs.validate(
        order(createdAt="2024-03-01T01:15:00+02:00", updatedAt="2024-03-01T01:15:00+02:00")
    ).findings[:1]
    assert finding.hint == "send it in UTC: 2024-02-29T23:15:00Z"


def test_an_integer_key_does_not_raise() -> None:
    payload: dict[Any, Any] = order()
    payload[5] = "x"
    for report in (bs.validate(payload), bs.validate(payload, "order")):
        assert not report.ok
        assert ("schema/additionalProperties", "/5") in {(f.rule, f.pointer) for f in report.findings}
    assert bs.is_valid(payload) is False


def test_fix_of_a_deep_payload_does_not_raise() -> None:
    deep: Any = "x"
    for _ in range(900):
        deep = [deep]
    payload = order(metaInfo={"deep": deep}, products=[_line(quantity=2.0)])
    fixed, applied = bs.fix(payload)
    assert [f.rule for f in applied] == ["products/quantity-not-integer"]
    assert fixed["products"][0]["quantity"] == 2 and payload["products"][0]["quantity"] == 2.0


def test_check_fix_on_a_deeply_nested_file_does_not_raise(tmp_path: Path) -> None:
    text = '{"orders": [' + "[" * 500 + "]" * 500 + "]}"
    (tmp_path / "deep.json").write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "brevo_schema", "check", "--fix", "deep.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert (tmp_path / "deep.json").read_text(encoding="utf-8") == text


def test_every_finding_carries_a_registered_rule() -> None:
    payload = order(amount=10**400, products=[_line(quantity=2**64)], metaInfo={"q": math.inf})
    assert {f.rule for f in bs.validate(payload).findings} <= set(REGISTRY)


# Fixes: the smallest edit, never a change of meaning, never a guess


_CRLF_BOM = (
    '\ufeff{\r\n  "id": "A-1",\r\n  "createdAt": "2024-03-01T09:15:00Z",\r\n  "updatedAt": "2024-03-01T09:15:00Z",\r\n'
    '  "status": "pending",\r\n  "amount": 1.50,\r\n'
    '  "products": [{"productId": "Th\\u00e9", "price": 10, "quantity": 2.0}],\r\n'
    '  "identifiers": {"ext_id": "c"}\r\n}\r\n'
)


def _fix_file(tmp_path: Path, name: str, data: bytes) -> tuple[subprocess.CompletedProcess[str], bytes]:
    path = tmp_path / name
    path.write_bytes(data)
    proc = subprocess.run(
        [sys.executable, "-m", "brevo_schema", "check", "--fix", name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc, path.read_bytes()


def test_a_bom_and_crlf_file_gets_the_smallest_edit(tmp_path: Path) -> None:
    proc, after = _fix_file(tmp_path, "order.json", _CRLF_BOM.encode("utf-8"))
    assert proc.returncode == 1
    assert after == _CRLF_BOM.replace('"quantity": 2.0', '"quantity": 2').encode("utf-8")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_ndjson_lines_are_split_on_newlines_only(tmp_path: Path, separator: str) -> None:
    line = json.dumps(order(products=[_line(quantity=2.0)], metaInfo={"note": f"a{separator}b"}), ensure_ascii=False)
    proc, after = _fix_file(tmp_path, "orders.ndjson", (line + "\n" + line + "\n").encode("utf-8"))
    assert proc.returncode == 1
    fixed = line.replace('"quantity": 2.0', '"quantity": 2')
    assert after.decode("utf-8") == fixed + "\n" + fixed + "\n"
    again, same = _fix_file(tmp_path, "orders.ndjson", after)
    assert again.returncode == 0 and same == after


@pytest.mark.parametrize("quantity", [1e20, 9007199254740994.0, 1e19])
def test_no_fix_turns_a_float_quantity_into_a_different_or_oversized_integer(quantity: float) -> None:
    payload = order(products=[_line(quantity=quantity)])
    report = bs.validate(payload)
    assert rules_of(report) == ["products/quantity-not-integer"]
    assert report.findings[0].fix is None
    fixed, applied = bs.fix(payload)
    assert applied == [] and fixed == payload


def test_a_quantity_exact_in_a_float_is_still_fixed() -> None:
    (finding,) = bs.validate(order(products=[_line(quantity=2.0**53)])).findings
    assert finding.fix == ({"op": "replace", "path": "/products/0/quantity", "value": 2**53},)


def test_coupons_that_differ_beyond_simple_case_are_two_coupons() -> None:
    assert bs.validate(order(coupons=["STRASSE", "straße"])).findings == ()
    assert rules_of(bs.validate(order(coupons=["Summer", "SUMMER"]))) == ["coupons/case-duplicate"]


def test_two_miscased_spellings_of_one_key_get_no_fix() -> None:
    lines = order()["products"]
    payload = order(products=None, Products=lines, PRODUCTS=lines)
    report = bs.validate(payload)
    assert rules_of(report) == ["keys/case", "keys/case"]
    assert all(f.fix is None for f in report.findings)
    fixed, applied = bs.fix(payload)
    assert applied == [] and fixed == payload


# The family: hostile values anywhere in a valid payload, through every entry point


_HOSTILE_NUMBERS = [
    2**53,
    2**53 + 1,
    2**63 - 1,
    2**63,
    -(2**63) - 1,
    10**308,
    10**309,
    10**400,
    1.7976931348623157e308,
    5e-324,
    -0.0,
    0.1 + 0.2,
    math.nan,
    math.inf,
    -math.inf,
]
_HOSTILE_DATES = [
    "0000-01-01T00:00:00+23:59",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59-23:59",
    "9999-12-31T23:59:59.999999999Z",
    "2024-02-29T12:00:00+01:00",
    "2023-02-29T12:00:00Z",
    "1970-01-01T00:00:00-00:00",
]
_HOSTILE_STRINGS = ["", " ", "\t\n", "\ud800", "a\udfffb", "\u2028", "\x00", "é" * 300]
_HOSTILE_KEYS: list[Any] = [5, True, None, 1.5, "", "Products", "PRODUCTS", "~1/"]


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


_HOSTILE_VALUES = st.one_of(
    st.sampled_from(_HOSTILE_NUMBERS),
    st.sampled_from(_HOSTILE_DATES),
    st.sampled_from(_HOSTILE_STRINGS),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([None, True]),
    st.builds(list),  # new containers each time: a later mutation must not reach the next test case
    st.builds(dict),
    st.integers(1, 400).map(_deep),
    st.integers(50, 400).map(lambda n: {f"k{i}": i for i in range(n)}),
)


def _containers(node: Any) -> list[Any]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (dict, list)):
            out.append(current)
            stack.extend(current.values() if isinstance(current, dict) else current)
    return out


@st.composite
def _hostile(draw: st.DrawFn) -> tuple[str, Any]:
    kind = draw(st.sampled_from(bs.KINDS))
    payload = json_copy(draw(bst.payloads(kind)))  # mutated below: never the strategy's own objects
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(_containers(payload)))
        value = draw(_HOSTILE_VALUES)
        if isinstance(target, dict):
            keys = list(target)
            key = draw(st.sampled_from(keys) if keys and draw(st.booleans()) else st.sampled_from(_HOSTILE_KEYS))
            target[key] = value
        else:
            if target:
                target[draw(st.integers(0, len(target) - 1))] = value
            else:
                target.append(value)
    return kind, payload


def _text(payload: Any) -> str | None:
    try:
        return json.dumps(payload)
    except ValueError:  # an integer Python will not write (over 4300 digits), or a loop
        return None


@settings(max_examples=max(100, settings.default.max_examples))
@given(_hostile())
def test_hostile_payloads_never_raise_and_every_entry_point_agrees(drawn: tuple[str, Any]) -> None:
    kind, payload = drawn
    for given_kind in (kind, None):
        report = bs.validate(payload, given_kind)
        assert {f.rule for f in report.findings} <= set(REGISTRY)
        assert bs.is_valid(payload, given_kind) == report.ok
        text = _text(payload)
        if text is not None:
            parsed = bs.validate_json(text, given_kind)
            if not any(f.rule == "json/duplicate-key" for f in parsed.findings):  # 5 and "5" are one key in JSON
                assert parsed.ok == report.ok, (parsed.findings, report.findings)
        fixed, _ = bs.fix(payload, given_kind)
        bs.validate(fixed, given_kind)


@settings(max_examples=max(30, settings.default.max_examples // 4))
@given(_hostile())
def test_hostile_files_never_make_the_cli_crash(drawn: tuple[str, Any]) -> None:
    import contextlib
    import io
    import tempfile

    from brevo_schema import cli

    _, payload = drawn
    text = _text(payload)
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "payload.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        for args in (["check", str(path)], ["check", "--fix", str(path)]):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = cli.main(args)
            assert status in (0, 1), err.getvalue()
            assert "please report" not in err.getvalue() and "Traceback" not in err.getvalue()
