"""Hints that never mislead (issue 14): each case a newcomer met, on its exact text."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import brevo_schema as bs
from brevo_schema import Options
from brevo_schema.rules import examples as ex


def _only(report: bs.Report) -> tuple[str, str | None]:
    assert len(report.findings) == 1, report.findings
    finding = report.findings[0]
    return finding.rule, finding.hint


# Dates


def test_an_impossible_date_in_the_right_layout_is_told_so() -> None:
    assert _only(bs.validate(ex.order(createdAt="2021-02-30T10:00:00Z"))) == (
        "schema/format",
        "the layout is right, but 2021-02-30 does not exist (February 2021 has 28 days): "
        "check where the date comes from",
    )


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2024-02-30T10:00:00Z", "the layout is right, but 2024-02-30 does not exist (February 2024 has 29 days): "),
        ("2021-13-01T10:00:00Z", "the layout is right, but there is no month 13: "),
        (
            "2021-04-31T10:00:00.5+02:00",
            "the layout is right, but 2021-04-31 does not exist (April 2021 has 30 days): ",
        ),
    ],
)
def test_impossible_dates(value: str, hint: str) -> None:
    assert _only(bs.validate(ex.order(createdAt=value)))[1] == hint + "check where the date comes from"


def test_an_impossible_date_in_another_layout_says_both() -> None:
    assert _only(bs.validate(ex.order(createdAt="2021-02-29 10:00:00")))[1] == (
        "2021-02-29 does not exist (February 2021 has 28 days); and write it as YYYY-MM-DDTHH:MM:SSZ"
    )


def test_an_impossible_time_of_day() -> None:
    assert _only(bs.validate(ex.order(updatedAt="2021-02-28T24:00:00Z")))[1] == (
        "the layout is right, but 24:00:00 is no time of day (hours run 00-23, minutes and seconds 00-59): "
        "check where the date comes from"
    )


def test_a_possible_date_in_another_layout_is_rewritten() -> None:
    assert _only(bs.validate(ex.order(createdAt="2024-03-01 09:15:00")))[1] == (
        "write it as 2024-03-01T09:15:00Z (if it is UTC)"
    )


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (1627592363, 'Brevo wants a UTC date-time string; as a Unix time in seconds, this is "2021-07-29T20:59:23Z"'),
        (
            1627592363383,
            'Brevo wants a UTC date-time string; as a Unix time in milliseconds, this is "2021-07-29T20:59:23.383Z"',
        ),
        (
            1627592363.5,
            'Brevo wants a UTC date-time string; as a Unix time in seconds, this is "2021-07-29T20:59:23.500Z"',
        ),
    ],
)
def test_a_unix_time_is_converted_not_quoted(value: float, hint: str) -> None:
    assert _only(bs.validate(ex.order(createdAt=value))) == ("schema/type", hint)


@pytest.mark.parametrize("value", [10**400, -(10**30), 1e300, float("inf"), float("nan")])
def test_a_number_no_clock_reaches_gets_the_layout(value: float) -> None:
    hints = {f.hint for f in bs.validate(ex.order(createdAt=value)).findings if f.rule == "schema/type"}
    assert hints <= {'write it as a UTC date-time string, e.g. "2021-07-29T20:59:23Z"'}


def test_a_number_where_a_plain_string_belongs_is_still_quoted() -> None:
    assert _only(bs.validate(ex.order(id=14)))[1] == 'quote it: "14"'


# Arrays of payloads


ARRAY_OF_ORDERS_HINT = (
    'to send several, wrap them in a batch: {"orders": [...]}; to check each order alone, write one a line '
    "in a .ndjson file; brevo-schema split turns the array into batches Brevo takes"
)


def test_an_array_of_orders_is_told_how_to_send_or_check_several() -> None:
    assert _only(bs.validate([ex.order(1), ex.order(2)])) == ("kind/unknown", ARRAY_OF_ORDERS_HINT)
    assert _only(bs.validate_json(json.dumps([ex.order(1), ex.order(2)]))) == ("kind/unknown", ARRAY_OF_ORDERS_HINT)


def test_an_array_judged_as_an_order_gets_the_same_advice() -> None:
    assert _only(bs.validate([ex.order(1)], "order")) == ("schema/type", ARRAY_OF_ORDERS_HINT)
    assert _only(bs.validate([ex.order(1)], "order-batch"))[1] == ARRAY_OF_ORDERS_HINT
    assert _only(bs.validate([ex.product(1)], "product"))[1] == (
        'to send several, wrap them in a batch: {"products": [...]}; to check each product alone, write one a '
        "line in a .ndjson file; brevo-schema split turns the array into batches Brevo takes"
    )


def test_an_array_of_anything_else() -> None:
    assert _only(bs.validate([1, 2]))[1] == (
        'to send several, wrap them in a batch: {"orders": [...]}, {"products": [...]} or {"categories": [...]}; '
        "to check each payload alone, write one a line in a .ndjson file; brevo-schema split turns the array into "
        "batches Brevo takes"
    )


def test_json_encoded_twice() -> None:
    assert _only(bs.validate(json.dumps(ex.order())))[1] == (
        "this is JSON text inside a JSON string (encoded twice): send the object itself"
    )


@pytest.mark.parametrize("document", ["hello", 5, None, True])
def test_a_scalar_gets_no_advice_to_name_a_kind(document: Any) -> None:
    assert _only(bs.validate(document)) == ("kind/unknown", None)


# Not text at all


def test_a_png_renamed_json_is_said_to_be_an_image() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    assert _only(bs.validate_json(png)) == (
        "json/syntax",
        "this is a PNG image, not JSON text: check that it is the file you meant to check",
    )


def test_a_png_without_a_nul_in_its_first_bytes_too() -> None:
    assert _only(bs.validate_json(b"\x89PNG\r\n\x1a\n" + b"\xff" * 2000))[1] == (
        "this is a PNG image, not JSON text: check that it is the file you meant to check"
    )


def test_binary_data_and_legacy_text() -> None:
    assert _only(bs.validate_json(b"\xfe\xed\x00\x01\x02"))[1] == (
        "this is binary data, not JSON text: check that it is the file you meant to check"
    )
    assert _only(bs.validate_json('{"id": "café"}'.encode("cp1252")))[1] == "save the file as UTF-8"


# Standard input


def _check_stdin(data: bytes, *flags: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "brevo_schema", "check", *flags, "-"], input=data, capture_output=True, check=False
    )


def test_ndjson_on_standard_input_names_the_flag() -> None:
    data = (json.dumps(ex.order(1)) + "\n" + json.dumps(ex.order(2)) + "\n").encode()
    proc = _check_stdin(data)
    assert proc.returncode == 1
    assert (
        b"(standard input is read as one JSON document; for one a line, add --stdin-filename x.ndjson)\n" in proc.stdout
    )
    assert b".ndjson for one document a line" not in proc.stdout
    assert _check_stdin(data, "--stdin-filename", "x.ndjson").returncode == 0


# Swept from the invalid() strategies and hand-made mistakes


def test_null_for_a_required_key_is_not_told_to_be_left_out() -> None:
    assert _only(bs.validate(ex.order(createdAt=None)))[1] == (
        "createdAt is required: give it a value (a UTC date-time such as 2021-07-29T20:59:23Z); null is none"
    )
    assert _only(bs.validate(ex.order(storeId=None)))[1] == "leave storeId out rather than sending null"
    # price: optional on a product, required on an order line
    assert _only(bs.validate(ex.product(price=None), "product"))[1] == (
        "give price a value (a number), or leave it out where it is optional; null is no value"
    )


def test_an_object_is_called_an_object_and_put_in_an_array() -> None:
    _, hint = _only(bs.validate(ex.order_batch(orders=ex.order()), "order-batch"))
    assert bs.validate(ex.order_batch(orders=ex.order()), "order-batch").findings[0].message == (
        "orders must be an array, not an object"
    )
    assert hint == "put it in an array, even alone: [{...}]"


@pytest.mark.parametrize(("value", "hint"), [("true", "write true, unquoted"), (0, "write false, unquoted")])
def test_a_boolean_written_otherwise(value: Any, hint: str) -> None:
    assert _only(bs.validate(ex.order_batch(historical=value), "order-batch"))[1] == hint


def test_a_url_with_a_broken_scheme_is_not_given_a_second_one() -> None:
    assert _only(bs.validate(ex.product(url="https:/shop.example.com/p"), "product"))[1] == (
        "write it as https://shop.example.com/p"
    )
    assert _only(bs.validate(ex.product(url="shop.example.com/p"), "product"))[1] == (
        "add the scheme: https://shop.example.com/p"
    )


def test_shapes_name_the_keys_to_give() -> None:
    off = Options.build(ignore=["contact/missing", "products/quantity-both", "products/quantity-missing"])
    assert _only(bs.validate(ex.order(identifiers=ex.OMIT), options=off))[1] == (
        "give at least one of: identifiers, email, billing.phone"
    )
    assert _only(bs.validate(ex.order(products=[ex.line(quantityFloat=1.5)]), options=off))[1] == (
        "give exactly one of: quantity, quantityFloat"
    )
