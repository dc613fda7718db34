"""The exceptions the generated validators raise.

fastjsonschema writes ``from fastjsonschema import JsonSchemaValueException``
into generated code; ``build`` points that import here instead, so running the
validators never imports fastjsonschema (whose package import costs tens of
milliseconds of start-up) and fastjsonschema is needed only to regenerate them.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class JsonSchemaValueException(ValueError):
    """A value broke the schema (the fast path only needs to know that it did)."""

    def __init__(self, message: str, value: Any = None, name: Any = None, definition: Any = None, rule: Any = None):
        super().__init__(message)
        self.message = message


class JsonSchemaValuesException(JsonSchemaValueException):
    """Raised by validators generated with ``fast_fail=False`` (not used here)."""


class _DecimalCheck(type):
    def __instancecheck__(cls, value: object) -> bool:
        decimal = sys.modules.get("decimal")
        return decimal is not None and isinstance(value, decimal.Decimal)


class Decimal(metaclass=_DecimalCheck):
    """Stands for ``decimal.Decimal`` in the generated validators' ``isinstance``
    checks without importing ``decimal`` (4 ms of start-up): a Decimal value can
    only exist once its program has imported the module."""
