"""Loading the bundled JSON Schemas.

The schemas are data files: in a wheel they sit in ``brevo_schema/schemas/``;
in a source checkout (editable install) they are the top-level ``schemas/``
folder, which is their single source of truth.
"""

from __future__ import annotations

import copy
import json
import os
from functools import cache

from .kinds import check_kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# os.path rather than pathlib: pathlib (and the urllib it imports) costs start-up time.
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def schemas_dir() -> str:
    """The folder holding ``<kind>.json`` files, installed or in a checkout."""
    bundled = os.path.join(_PACKAGE_DIR, "schemas")
    if os.path.isdir(bundled):
        return bundled
    checkout = os.path.join(os.path.dirname(_PACKAGE_DIR), "schemas")
    if os.path.isdir(checkout):
        return checkout
    raise FileNotFoundError(f"bundled schemas not found in {bundled} or {checkout}")


@cache
def _load(kind: str) -> dict[str, Any]:
    with open(os.path.join(schemas_dir(), f"{kind}.json"), encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


def load_shared(kind: str) -> dict[str, Any]:
    """The cached schema for ``kind``: callers must not modify it."""
    return _load(check_kind(kind))


def schema(kind: str) -> dict[str, Any]:
    """A copy of the bundled JSON Schema for ``kind``, safe to modify."""
    return copy.deepcopy(load_shared(kind))
