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
_counters: dict[str, Callable[[Any], int]] = {}


def generated(kind: str) -> ModuleType:
    """``kind``'s generated module (``is_valid``, ``explain``, ``NODES``, ``members``), imported on first use."""
    return importlib.import_module(f"brevo_schema.engine._generated.{kind.replace('-', '_')}")


def _load(functions: dict[str, Any], kind: str, name: str) -> Any:
    """``kind``'s generated function ``name``, kept in ``functions`` (a call after the first
    costs a dict lookup, not an import)."""
    function = functions[kind] = getattr(generated(kind), name)
    return function


def schema_valid(document: Any, kind: str) -> bool:
    """True when ``document`` satisfies the bundled schema of ``kind``."""
    predicate = _predicates.get(kind) or _load(_predicates, kind, "is_valid")
    try:
        return predicate(document)
    except (RecursionError, TypeError, ValueError):
        # Hostile Python input (self-referencing containers, unhashable keys...)
        # is not a payload Brevo could receive.
        return False


def members(document: Any, kind: str) -> int:
    """The object members of ``document`` at every depth; only for a ``document`` parsed from
    JSON that ``schema_valid`` accepted (the generated count reads its shape from the schema)."""
    counter = _counters.get(kind) or _load(_counters, kind, "members")
    return counter(document)
