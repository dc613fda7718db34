"""Hints for a date-time Brevo cannot read: a string in a near-miss layout (a space for the
T, no offset), one that names no real moment (2024-02-30), or a number that is a Unix time.
Only failing documents reach here, so ``calendar`` and ``datetime`` are imported on use."""

from __future__ import annotations

import re


def date_hint(value: str) -> str | None:
    """For a string where a date-time belongs: the same moment written as Brevo wants it, or
    why the text names no real moment (a 30 February, a 25th hour)."""
    text = value.strip()
    if len(text) >= 19 and text[10] in " t":
        text = text[:10] + "T" + text[11:]
    if text.endswith("z"):
        text = text[:-1] + "Z"
    if len(text) == 19:
        text += "Z"
    from ..formats import is_date_time

    impossible = _impossible(text)
    if impossible and text == value:
        return f"the layout is right, but {impossible}: check where the date comes from"
    if impossible:
        return f"{impossible}; and write it as YYYY-MM-DDTHH:MM:SSZ"
    if text != value and is_date_time(text):
        return f"write it as {text} (if it is UTC)"
    return "write it as YYYY-MM-DDTHH:MM:SSZ, e.g. 2021-07-29T20:59:23Z"


_LAYOUT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _impossible(text: str) -> str | None:
    """Why a date-time written in the right layout names no real moment, if it does not."""
    match = _LAYOUT.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    import calendar

    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{text[:10]} does not exist ({_MONTHS[month - 1]} {year} has {days} days)"
    if hour > 23 or minute > 59 or second > 59:
        return f"{text[11:19]} is no time of day (hours run 00-23, minutes and seconds 00-59)"
    return None


def unix_time_hint(value: float) -> str:
    """For a number where a date-time belongs: the UTC date-time it is as a Unix time."""
    from datetime import datetime, timezone

    try:
        seconds = value / 1000 if abs(value) >= 100_000_000_000 else value  # 1e11 s is the year 5138: milliseconds
        moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return 'write it as a UTC date-time string, e.g. "2021-07-29T20:59:23Z"'
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond // 1000:03d}"
    unit = "milliseconds" if seconds is not value else "seconds"
    return f'Brevo wants a UTC date-time string; as a Unix time in {unit}, this is "{text}Z"'
