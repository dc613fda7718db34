"""The hot path: is a document schema-valid? Answered by generated predicates.

Each kind's predicate (written by ``codegen``) is imported on first use, so
importing brevo_schema costs nothing for kinds a program never checks. The
verdict is a bare bool: building findings is ``checker``'s job, and only
happens when this says no.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_predicates: dict[str, Callable[[Any], bool]] = {}


def generated(kind: str) -> ModuleType:
    """``kind``'s generated module (``is_valid``, ``explain``, ``NODES``), imported on first use."""
    return importlib.import_module(f"brevo_schema.engine._generated.{kind.replace('-', '_')}")


def _load(kind: str) -> Callable[[Any], bool]:
    predicate: Callable[[Any], bool] = generated(kind).is_valid
    _predicates[kind] = predicate
    return predicate


def schema_valid(document: Any, kind: str) -> bool:
    """True when ``document`` satisfies the bundled schema of ``kind``."""
    predicate = _predicates.get(kind) or _load(kind)
    try:
        return predicate(document)
    except (RecursionError, TypeError, ValueError):
        # Hostile Python input (self-referencing containers, unhashable keys...)
        # is not a payload Brevo could receive.
        return False


_counters: dict[str, Callable[[Any], int]] = {}


def members(document: Any, kind: str) -> int:
    """The object members of ``document`` at every depth; only for a ``document`` parsed from
    JSON that ``schema_valid`` accepted (the generated count reads its shape from the schema)."""
    counter = _counters.get(kind)
    if counter is None:
        counter = _counters[kind] = generated(kind).members
    return counter(document)
