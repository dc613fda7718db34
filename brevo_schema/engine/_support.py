"""What the generated validators call: type tests with JSON's meaning, and the formats.

``decimal`` is never imported here: a Decimal value can only exist once its
program has imported the module, so looking it up in ``sys.modules`` spares
every start-up the import (about 4 ms).
"""

from __future__ import annotations

import sys

from ..formats import FORMATS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["FORMATS", "count_members", "enum_key", "in_enum", "is_decimal", "is_integer", "is_number"]


def is_decimal(value: Any) -> bool:
    decimal = sys.modules.get("decimal")
    return decimal is not None and isinstance(value, decimal.Decimal)


def is_number(value: Any) -> bool:
    """A JSON number: an int or float (never a bool), or a Decimal."""
    if isinstance(value, (int, float)):
        return not isinstance(value, bool)
    return is_decimal(value)


def is_integer(value: Any) -> bool:
    """A JSON integer: an int (never a bool), or a float with no fraction (1.0)."""
    if isinstance(value, int):
        return not isinstance(value, bool)
    return isinstance(value, float) and value.is_integer()


def enum_key(value: Any) -> Any:
    """``value`` as a hashable key under JSON Schema's equality, for ``enum``: two values
    have equal keys exactly when JSON calls them equal. Python's ``==`` is close but says
    ``True == 1`` and ``[True] == [1]``, and never ``(1,) == [1]``; so booleans are tagged,
    arrays (lists and tuples) and objects become tagged tuples, compared member by member,
    and numbers stay bare (``1 == 1.0 == Decimal(1)``, with equal hashes). The generator
    writes each enum as a frozenset of these keys, so this is its single definition."""
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is bool:
        return ("boolean", value)
    if isinstance(value, (list, tuple)):
        return ("array", *map(enum_key, value))
    if isinstance(value, dict):
        return ("object", *sorted(((k, enum_key(v)) for k, v in value.items()), key=_first))
    return value  # a number (or anything else, which Python equality judges)


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def in_enum(value: Any, allowed: frozenset[Any]) -> bool:
    """Whether ``value`` is JSON-equal to a member of an enum; ``allowed`` holds their ``enum_key``."""
    try:
        return enum_key(value) in allowed
    except TypeError:  # unhashable or unorderable: no JSON value (a set, mixed-type dict keys)
        return False


def count_members(value: Any) -> int:
    """The object members (key-value pairs) in a parsed JSON value, at every depth: what a
    generated ``members`` falls back on where its schema leaves the shape open."""
    kind = type(value)
    if kind is dict:
        total = len(value)
        inner = value.values()
    elif kind is list:
        total = 0
        inner = value
    else:
        return 0
    for item in inner:
        if type(item) is dict or type(item) is list:
            total += count_members(item)
    return total
