"""``SchemaIssue``: one failing schema keyword, as every engine reports it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import pointer as jp
from .._records import Value, init


class SchemaIssue(Value):
    """One failing schema keyword at one place, before it becomes a Finding.

    ``pointer`` is where a person should look: the value that failed, or for
    ``additionalProperties`` the unknown key itself. ``detail`` names the key a
    ``required``/``additionalProperties`` issue is about.
    """

    __slots__ = ("keyword", "pointer", "instance", "schema", "schema_path", "detail")
    keyword: str
    pointer: str
    instance: Any
    schema: Mapping[str, Any]
    schema_path: tuple[str | int, ...]
    detail: str | None

    def __init__(
        self,
        keyword: str,
        pointer: str,
        instance: Any,
        schema: Mapping[str, Any],
        schema_path: tuple[str | int, ...],
        detail: str | None = None,
    ) -> None:
        init(
            self,
            keyword=keyword,
            pointer=pointer,
            instance=instance,
            schema=schema,
            schema_path=schema_path,
            detail=detail,
        )

    @property
    def subject(self) -> str:
        """The pointer of the thing this issue is about (a missing key included)."""
        if self.keyword == "required" and self.detail is not None:
            return jp.join(self.pointer, self.detail)
        return self.pointer
