"""The reference explaining engine: jsonschema, configured as we judge.

brevo-schema explains failures with code generated for its schemas
(``checker``, ``explaingen``), many times faster. This module runs jsonschema,
the most widely used implementation, over the same schemas as an independent
second opinion: the test suite proves that it, the generated explainers and
the generated predicates agree. It is configured to judge exactly as they do: the same format
functions, tuples accepted as arrays (as ``json.dumps`` writes them), and
ECMA-262 ``$`` (end of input, where Python's ``$`` also matches before a final
newline). jsonschema is imported lazily, and is needed only by the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from brevo_schema import pointer as jp
from brevo_schema.engine.issues import SchemaIssue
from brevo_schema.formats import FORMATS, ecma_pattern
from brevo_schema.schemas import load_shared


@lru_cache(maxsize=64)
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_pattern(pattern))


@cache
def _validator(kind: str) -> Any:
    import jsonschema
    from jsonschema import Draft7Validator, ValidationError
    from jsonschema.validators import extend

    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not _ecma_regex(patrn).search(instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    type_checker = Draft7Validator.TYPE_CHECKER.redefine(
        "array", lambda _checker, instance: isinstance(instance, (list, tuple))
    )
    engine = extend(Draft7Validator, validators={"pattern": pattern}, type_checker=type_checker)
    checker = jsonschema.FormatChecker(formats=())
    for name, func in FORMATS.items():
        checker.checks(name)(func)
    return engine(load_shared(kind), format_checker=checker)


def schema_issues(document: Any, kind: str) -> list[SchemaIssue]:
    """Every schema problem in ``document`` as ``kind``, according to jsonschema."""
    issues: list[SchemaIssue] = []
    seen_required: set[tuple[str, tuple[str | int, ...]]] = set()
    for error in _validator(kind).iter_errors(document):
        issues.extend(_issues_from(error, seen_required))
    return issues


def _issues_from(error: Any, seen_required: set[tuple[str, tuple[str | int, ...]]]) -> Iterator[SchemaIssue]:
    at = jp.from_path(error.absolute_path)
    keyword: str = error.validator
    schema_path = tuple(error.absolute_schema_path)
    instance = error.instance
    if keyword == "required":
        # jsonschema yields one error per missing key; take them all at the first.
        if (at, schema_path) in seen_required or not isinstance(instance, dict):
            return
        seen_required.add((at, schema_path))
        for name in error.validator_value:
            if name not in instance:
                yield SchemaIssue(keyword, at, instance, error.schema, schema_path, name)
        return
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {})
        extras = [k for k in instance if k not in known]
        for key in extras:
            yield SchemaIssue(keyword, jp.join(at, key), instance, error.schema, schema_path, key)
        return
    yield SchemaIssue(keyword, at, instance, error.schema, schema_path)


__all__ = ["SchemaIssue", "schema_issues"]
