"""Loading the bundled JSON Schemas.

The schemas are data files: in a wheel they sit in ``brevo_schema/schemas/``;
in a source checkout (editable install) they are the top-level ``schemas/``
folder, which is their single source of truth.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from .kinds import check_kind

_PACKAGE_DIR = Path(__file__).resolve().parent


def schemas_dir() -> Path:
    """The folder holding ``<kind>.json`` files, installed or in a checkout."""
    bundled = _PACKAGE_DIR / "schemas"
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE_DIR.parent / "schemas"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled schemas not found in {bundled} or {checkout}")


@cache
def _load(kind: str) -> dict[str, Any]:
    path = schemas_dir() / f"{kind}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_shared(kind: str) -> dict[str, Any]:
    """The cached schema for ``kind``: callers must not modify it."""
    return _load(check_kind(kind))


def schema(kind: str) -> dict[str, Any]:
    """A copy of the bundled JSON Schema for ``kind``, safe to modify."""
    return copy.deepcopy(load_shared(kind))
