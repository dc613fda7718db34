"""brevo-schema: know before you send whether Brevo will accept an eCommerce payload.

    import brevo_schema as bs
    report = bs.validate(order)            # every finding, each with rule, pointer, message, hint
    bs.is_valid(order, "order")            # the hot path: a bool, no report built
    bs.validate_json(raw_bytes)            # parses too; findings get line and column
    validator = bs.Validator(bs.Options.build(ignore=["order/status-unknown"]))  # options resolved once

Importing this package compiles nothing and imports neither jsonschema nor
hypothesis: the explaining engine loads only when a payload is invalid.
"""

from __future__ import annotations

from .kinds import KINDS, Kind, UnknownKind
from .options import Limits, Options, UnknownRuleError
from .report import Finding, Report, Severity, ValidationError
from .schemas import schema
from .validation import is_valid, validate, validate_json
from .validator import Validator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from .batching import (
        Batch,
        InvalidItemError,
        ItemError,
        OversizedItemError,
        split_categories,
        split_orders,
        split_products,
    )
    from .fixing import fix

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "Batch",
    "Finding",
    "InvalidItemError",
    "ItemError",
    "Kind",
    "Limits",
    "Options",
    "OversizedItemError",
    "Report",
    "Severity",
    "UnknownKind",
    "UnknownRuleError",
    "ValidationError",
    "Validator",
    "fix",
    "is_valid",
    "schema",
    "split_categories",
    "split_orders",
    "split_products",
    "validate",
    "validate_json",
]

_LAZY = {
    "split_orders": "batching",
    "split_products": "batching",
    "split_categories": "batching",
    "Batch": "batching",
    "ItemError": "batching",
    "InvalidItemError": "batching",
    "OversizedItemError": "batching",
    "fix": "fixing",
}


def __getattr__(name: str) -> Any:
    """Batching and fixing load on first use: most programs only validate."""
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{module}"), name)
    raise AttributeError(f"module 'brevo_schema' has no attribute {name!r}")
