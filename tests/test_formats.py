"""The format registry both engines share."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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


def _reference_date_time(value: str) -> bool:
    """RFC 3339 ``date-time`` as written out by hand: the shape with ASCII digits, then each
    field in its range, the day within its month (leap years by the Gregorian rule)."""
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d{1,9})?(Z|[+-]\d\d:\d\d)", value, re.ASCII)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not (1 <= month <= 12 and 1 <= day <= days[month - 1] and hour <= 23 and minute <= 59 and second <= 59):
        return False
    zone = match.group(8)
    return zone == "Z" or (int(zone[1:3]) <= 23 and int(zone[4:6]) <= 59)


def _two(top: int) -> st.SearchStrategy[str]:
    return st.integers(0, top).map("{:02d}".format)


_DATE_TIMES = st.builds(
    "{}-{}-{}T{}:{}:{}{}{}".format,
    st.integers(0, 9999).map("{:04d}".format),
    _two(14),
    _two(33),
    _two(25),
    _two(61),
    _two(61),
    st.sampled_from(["", ".5", ".123", ".123456789", ".1234567890", "."]),
    st.sampled_from(["Z", "z", "+01:00", "-23:59", "+24:00", "+05:60", "+0100", ""]),
)


@given(st.one_of(_DATE_TIMES, _DATE_TIMES.map(lambda v: v[:-1] + "\n"), st.text(max_size=30)))
@example("2024-02-29T00:00:00Z")
@example("2100-02-29T00:00:00Z")
@example("2000-02-29T00:00:00Z")
@example("0000-02-29T00:00:00Z")
@example("2023-04-31T00:00:00Z")
def test_date_time_is_rfc_3339_with_a_real_calendar_date(value: str) -> None:
    assert is_date_time(value) == _reference_date_time(value)
