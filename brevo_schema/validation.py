"""The module-level entry points: ``validate``, ``is_valid``, ``validate_json``.

Each is a ``Validator`` method on a shared instance: the default one, or one
per distinct ``Options`` (kept, so passing the same options again costs no
set-up). Both judge the same way: a document is valid when the schema accepts
it and no error-severity finding is left after the options.
"""

from __future__ import annotations

from functools import lru_cache

from .io.positions import with_positions
from .options import DEFAULT_OPTIONS, Options
from .report import document_order
from .validator import Validator, unknown_kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .report import Report

__all__ = [
    "Validator",
    "document_order",
    "is_valid",
    "unknown_kind",
    "validate",
    "validate_json",
    "validator_for",
    "with_positions",
]

_DEFAULT = Validator(DEFAULT_OPTIONS)


@lru_cache(maxsize=32)
def _validator(options: Options) -> Validator:
    return Validator(options)


def validator_for(options: Options | None) -> Validator:
    """The shared ``Validator`` for ``options`` (None: the defaults)."""
    if options is None or options is DEFAULT_OPTIONS:
        return _DEFAULT
    if not isinstance(options, Options):
        raise TypeError(f"options must be brevo_schema.Options, not {type(options).__name__}")
    return _validator(options)


def validate(payload: Any, kind: str | None = None, *, options: Options | None = None) -> Report:
    """Everything wrong with ``payload`` (already parsed) as a Brevo ``kind``.

    ``kind=None`` detects the kind from the payload's keys. Never raises for a
    bad payload; raises ``UnknownKind`` only for a ``kind`` that is no kind.
    """
    return validator_for(options).validate(payload, kind)


def is_valid(payload: Any, kind: str | None = None, *, options: Options | None = None) -> bool:
    """``validate(payload, kind, options=options).ok``, answered without building a report."""
    return validator_for(options).is_valid(payload, kind)


def validate_json(data: str | bytes, kind: str | None = None, *, options: Options | None = None) -> Report:
    """Parse ``data`` (JSON text or UTF-8 bytes) and validate it; every finding
    carries the line and column it points at. Never raises for bad input."""
    return validator_for(options).validate_json(data, kind)
