"""The schemas' formats and URL pattern as regular expressions, for the typed models to share.

They repeat ``brevo_schema/formats.py`` (date-time, e-mail) and the schemas' ``httpUrl`` pattern on
purpose: a peer library is given the rule as a user would give it, not brevo-schema's internals.
"""

from __future__ import annotations

import calendar

DATE_TIME = (
    r"^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"
)
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = rf"^{_ATEXT}(?:\.{_ATEXT})*@(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])$"
HTTP_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*$"


def python_re(pattern: str) -> str:
    """``pattern`` for Python's ``re``, whose ``$`` also matches before a final newline."""
    return pattern.removesuffix("$") + r"\Z"


def day_exists(value: str) -> bool:
    """False for a date-time whose day its month does not have (30 February): no pattern can see it."""
    day = value[8:10]
    return day <= "28" or int(day) <= calendar.monthrange(int(value[:4]), int(value[5:7]))[1]
