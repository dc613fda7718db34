"""The cross-field rules and the catalogue of every rule id.

Importing this package registers every rule; ``REGISTRY`` maps id -> Rule.
"""

from __future__ import annotations

from . import batches, builtin, catalog, dates, keys, numbers, orders  # noqa: F401  (registration)
from .registry import REGISTRY, Context, Rule

__all__ = ["REGISTRY", "Context", "Rule"]
