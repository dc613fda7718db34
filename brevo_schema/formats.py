"""The one registry of format checkers, given to every engine.

fastjsonschema and jsonschema each ship their own idea of ``date-time`` and
``email`` (jsonschema skips ``date-time`` entirely unless extra packages are
installed), so both get these functions and can never disagree on a format.

The checks follow what Brevo's Go server surely accepts: RFC 3339 date-times
with an upper-case ``T`` and ``Z`` (Go's ``time.RFC3339`` layout is
case-sensitive), and plain ASCII e-mail addresses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

_DATE_TIME = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,9}))?"
    r"(Z|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))"
)
#: The same shape without its groups, for the yes-or-no check on the hot path: capturing eleven
#: groups made the match nearly twice as slow. The date's fields sit at fixed places (0:4, 5:7, 8:10).
_DATE_TIME_SHAPE = re.compile(_DATE_TIME.pattern.replace("(", "(?:").replace("(?:?:", "(?:"))

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])")


def ecma_pattern(pattern: str) -> str:
    """``pattern`` for Python's ``re`` with JSON Schema's (ECMA-262) meaning of ``$``: the
    end of input only, where Python's ``$`` also matches before a final newline. Every
    engine that runs our patterns (the generated code, the jsonschema reference) uses it."""
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern)


def is_date_time(value: Any) -> bool:
    """RFC 3339 date-time with a real calendar date (no 30 February)."""
    if not isinstance(value, str):
        return True  # formats constrain strings only; the type is checked elsewhere
    return _is_date_time_text(value)


def _is_date_time_text(value: str) -> bool:
    # No cache: an export's date-times are nearly all different, and a cache that misses cost
    # three times the match itself (a benchmark that repeated its orders hid that).
    if _DATE_TIME_SHAPE.fullmatch(value) is None:
        return False
    day = value[8:10]
    if day > "28":
        import calendar  # rarely needed: keep it off the start-up path

        return int(day) <= calendar.monthrange(int(value[:4]), int(value[5:7]))[1]
    return True


def instant(value: str) -> tuple[int, int] | None:
    """A valid RFC 3339 date-time as (seconds since 1970-01-01T00:00:00Z, nanoseconds), or
    None when it is not one. Plain integer arithmetic on the proleptic Gregorian calendar, so
    every date the format accepts compares, year 0000 and 9999 with any offset included
    (Python's ``datetime`` stops at years 1 and 9999 and raises past them)."""
    if not _is_date_time_text(value):
        return None
    match = _DATE_TIME.fullmatch(value)
    assert match is not None
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    nanos = int((match.group(7) or "").ljust(9, "0"))
    offset = 0
    if match.group(8) != "Z":
        offset = (int(match.group(10)) * 60 + int(match.group(11))) * 60
        offset = -offset if match.group(9) == "-" else offset
    return _days_since_epoch(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset, nanos


def _days_since_epoch(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to the given proleptic Gregorian date (years counted from March,
    so that the leap day is the last day of a year and the month lengths repeat)."""
    if month <= 2:
        year -= 1
    era, year_of_era = divmod(year, 400)
    day_of_year = (153 * (month + (9 if month <= 2 else -3)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def is_email(value: Any) -> bool:
    """An ASCII address ``local@domain.tld`` within RFC 5321's length limits."""
    if not isinstance(value, str):
        return True
    if len(value) > 254 or _EMAIL.fullmatch(value) is None:
        return False
    return value.index("@") <= 64


FORMATS: Final[Mapping[str, Callable[[Any], bool]]] = {
    "date-time": is_date_time,
    "email": is_email,
}
