"""Rules about date-times that are valid but probably not what was meant."""

from __future__ import annotations

from ..formats import instant, is_date_time
from ..report import Finding, Severity
from . import examples as ex
from .registry import CATALOG, ORDER, Context, code, jp, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

_UTC_SUFFIXES = ("Z", "+00:00")
_DATE_KEYS = {"order": ("createdAt", "updatedAt"), "product": ("deletedAt",), "category": ("deletedAt",)}


def _offset(value: str) -> str | None:
    """The offset of a valid RFC 3339 date-time that is not UTC, else None."""
    if value.endswith(_UTC_SUFFIXES):
        return None
    return value[-6:]


@rule(
    "dates/not-utc",
    Severity.WARNING,
    "A date-time with an offset other than Z or +00:00, where Brevo documents UTC.",
    kinds=ORDER | CATALOG,
    why=(
        "Brevo documents every date-time as UTC (YYYY-MM-DDTHH:mm:ssZ). An offset is valid RFC 3339, but Brevo "
        "does not say it honours one: read as UTC, the time would be off by the offset."
    ),
    source='Brevo API reference: createdAt, updatedAt, deletedAt ("UTC date-time (YYYY-MM-DDTHH:mm:ssZ)")',
    example=ex.Example(
        ex.order(createdAt="2024-03-01T10:15:00+01:00", updatedAt="2024-03-01T10:15:00+01:00"),
        ex.order(createdAt="2024-03-01T09:15:00Z", updatedAt="2024-03-01T09:15:00Z"),
        kind="order",
    ),
    fix_note="none: the hint gives the same instant in UTC, but whether the offset was right is yours to check.",
)
def not_utc(item: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(item, dict):
        return []
    found = []
    for key in _DATE_KEYS[ctx.kind]:
        value = item.get(key)
        # The offset first: a UTC date-time (nearly all of them) needs no further look.
        if isinstance(value, str) and (offset := _offset(value)) is not None and is_date_time(value):
            utc = to_utc_text(value)
            found.append(
                not_utc.finding(
                    jp.join(at, key),
                    f"{key} {code(value)} has the offset {offset}; Brevo documents UTC date-times",
                    f"send it in UTC: {utc}"
                    if utc
                    else "in UTC this instant falls outside the years 0000 to 9999, which RFC 3339 cannot write: "
                    "check the date",
                )
            )
    return found


def parse_date_time(value: str) -> datetime:
    """A valid RFC 3339 date-time as an aware datetime (digits past microseconds dropped).

    ``fromisoformat`` is fast but, before Python 3.11, takes neither ``Z`` nor
    more than six fraction digits: both are normalised first.
    """
    from datetime import datetime  # only when two dates must be compared: off the start-up path

    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    dot = value.find(".", 19)
    if dot != -1:
        zone = len(value) - 6
        value = value[:dot] + value[dot:zone][:7].ljust(7, "0") + value[zone:]
    return datetime.fromisoformat(value)


def to_utc_text(value: str) -> str | None:
    """The same instant written in UTC with ``Z`` (milliseconds kept when there are any), or
    None when it has no such form: in UTC it falls before year 1 or after year 9999."""
    from datetime import date

    moment = instant(value)
    if moment is None:
        return None
    seconds, nanos = moment
    days, in_day = divmod(seconds, 86400)
    try:
        day = date.fromordinal(days + _EPOCH_ORDINAL)
    except (ValueError, OverflowError):
        return None
    hours, rest = divmod(in_day, 3600)
    text = f"{day.isoformat()}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    return text + (f".{nanos // 1_000_000:03d}Z" if nanos >= 1_000_000 else "Z")


#: ``date(1970, 1, 1).toordinal()``.
_EPOCH_ORDINAL = 719163


def _before(updated: str, created: str) -> bool:
    if updated[-1] == created[-1] == "Z" and updated[:19] != created[:19]:
        return updated[:19] < created[:19]  # both UTC, seconds differ: text order is time order
    later, earlier = instant(updated), instant(created)
    return later is not None and earlier is not None and later < earlier


@rule(
    "dates/updated-before-created",
    Severity.WARNING,
    "updatedAt is earlier than createdAt: usually a mixed-up field or time zone.",
    kinds=ORDER,
    why=(
        "An order cannot change before it exists. Brevo keeps both dates as sent, so whatever sorts or filters "
        "orders by them sees this one wrong; it is usually the two fields swapped, or one of them in local time."
    ),
    source="Brevo API reference: POST /v3/orders/status (createdAt, updatedAt: UTC date-times)",
    example=ex.Example(
        ex.order(updatedAt="2024-02-29T09:15:00Z"), ex.order(updatedAt="2024-03-02T16:40:00Z"), kind="order"
    ),
    fix_note="none: which of the two dates is wrong is yours to find.",
)
def updated_before_created(order: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(order, dict):
        return []
    created, updated = order.get("createdAt"), order.get("updatedAt")
    if not (isinstance(created, str) and isinstance(updated, str)):
        return []
    if updated[-1:] == created[-1:] == "Z" and updated[:19] > created[:19]:
        return []  # both UTC and in order to the second, valid or not: the usual case, decided by text
    if not (is_date_time(created) and is_date_time(updated)) or not _before(updated, created):
        return []
    return [
        updated_before_created.finding(
            jp.join(at, "updatedAt"),
            f"updatedAt {code(updated)} is earlier than createdAt {code(created)}",
            "check that the two are not swapped and that both are in UTC",
        )
    ]
