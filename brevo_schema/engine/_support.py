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

__all__ = ["FORMATS", "in_enum", "is_decimal", "is_integer", "is_number"]


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


def in_enum(value: Any, allowed: frozenset[tuple[bool, Any]]) -> bool:
    """JSON equality for ``enum``: true is not 1, 1 is 1.0; ``allowed`` holds (is-bool, value) pairs."""
    try:
        return (type(value) is bool, value) in allowed
    except TypeError:  # unhashable: a list or object is in no enum of ours
        return False
