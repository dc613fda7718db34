"""The hot path: is a document schema-valid? Answered by generated validators.

Each kind's validator is imported on first use, so importing brevo_schema costs
nothing for kinds a program never checks. The verdict is a bare bool: building
findings is ``checker``'s job, and only happens when this says no.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ._errors import JsonSchemaValueException
from .formats import FORMATS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_FORMATS = dict(FORMATS)
_validators: dict[str, Callable[..., Any]] = {}


def _load(kind: str) -> Callable[..., Any]:
    module = importlib.import_module(f"brevo_schema._generated.{kind.replace('-', '_')}")
    validator: Callable[..., Any] = module.validate
    _validators[kind] = validator
    return validator


def schema_valid(document: Any, kind: str) -> bool:
    """True when ``document`` satisfies the bundled schema of ``kind``."""
    validator = _validators.get(kind) or _load(kind)
    try:
        validator(document, _FORMATS)
    except JsonSchemaValueException:
        return False
    except (RecursionError, TypeError, ValueError):
        # Hostile Python input (self-referencing containers, unhashable keys...)
        # is not a payload Brevo could receive.
        return False
    return True
