"""The format registry both engines share."""

from __future__ import annotations

import pytest

from brevo_schema.formats import is_date_time, is_email


@pytest.mark.parametrize(
    "value",
    ["2021-07-29T20:59:23Z", "2021-07-29T20:59:23.383Z", "2024-02-29T00:00:00+01:00", "2021-07-29T20:59:23.123456789Z"],
)
def test_valid_date_times(value: str) -> None:
    assert is_date_time(value)


@pytest.mark.parametrize(
    "value",
    [
        "createdAt",
        "2021-07-29 20:59:23",
        "2021-07-29T20:59:23",
        "2021-07-29t20:59:23z",
        "2023-02-29T00:00:00Z",
        "2021-13-01T00:00:00Z",
        "2021-07-29T24:00:00Z",
        "2021-07-29T20:59:60Z",
        "2021-07-29T20:59:23+0100",
        "２０２１-07-29T20:59:23Z",
        "2021-07-29T20:59:23Z\n",
    ],
)
def test_invalid_date_times(value: str) -> None:
    assert not is_date_time(value)


@pytest.mark.parametrize("value", ["a@b.co", "first.last+tag@sub.example.org", "x@xn--p1ai.xn--p1ai"])
def test_valid_emails(value: str) -> None:
    assert is_email(value)


@pytest.mark.parametrize(
    "value",
    [
        "[email protected]",
        "a@b",
        "a@@b.co",
        "a b@c.de",
        ".a@b.co",
        "a..b@c.de",
        "a@-b.co",
        "é@b.co",
        "a" * 65 + "@b.co",
        "a@b.co\n",
    ],
)
def test_invalid_emails(value: str) -> None:
    assert not is_email(value)


def test_formats_ignore_non_strings() -> None:
    assert is_date_time(3) and is_email(None)
