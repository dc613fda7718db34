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
from functools import lru_cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

_DATE_TIME = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)

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


# The fast path, then the date rules, look at the same few strings: remember them.
@lru_cache(maxsize=4096)
def _is_date_time_text(value: str) -> bool:
    match = _DATE_TIME.fullmatch(value)
    if match is None:
        return False
    day = match.group(3)
    if day > "28":
        import calendar  # rarely needed: keep it off the start-up path

        year, month = int(match.group(1)), int(match.group(2))
        return int(day) <= calendar.monthrange(year, month)[1]
    return True


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
