"""Turning a schema issue into a finding a person understands.

Messages name the key and the problem and quote at most a short value, never
a whole object or schema. Hints suggest the likely fix: the key that was meant
("did you mean updatedAt?"), the right country code, the missing scheme.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from .. import pointer as jp
from ..kinds import BATCH_FOR_ITEM, _json_type_name
from ..report import Finding, Severity
from ..rules.registry import code
from .date_hints import date_hint, unix_time_hint
from .issues import SchemaIssue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Names people use for a documented key that spelling distance alone misses.
SYNONYMS: Mapping[str, str] = {
    "zip": "postCode",
    "zipcode": "postCode",
    "postalcode": "postCode",
    "postcode": "postCode",
    "state": "region",
    "province": "region",
    "qty": "quantity",
    "total": "amount",
    "totalamount": "amount",
    "orderid": "id",
    "productid": "productId",
    "sku_id": "productId",
    "unitprice": "price",
    "created": "createdAt",
    "created_at": "createdAt",
    "updated": "updatedAt",
    "updated_at": "updatedAt",
    "deleted_at": "deletedAt",
    "country_code": "countryCode",
    "image": "imageUrl",
    "image_url": "imageUrl",
    "meta_info": "metaInfo",
    "metadata": "metaInfo",
    "notify_url": "notifyUrl",
    "webhook": "notifyUrl",
    "update_enabled": "updateEnabled",
    "emailid": "email_id",
    "phone": "phone_id",
}

_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "an object",
    "array": "an array",
    "null": "null",
}

_COUNTRY_FIXES = {"UK": "GB", "EN": "GB"}


def _name(pointer: str) -> str:
    """How a message names the value at ``pointer``."""
    token = jp.last_token(pointer)
    if not pointer:
        return "the document"
    if token.isdigit():
        container = jp.last_token(jp.parent(pointer))
        return f"{container}[{token}]" if container else f"item {token}"
    return token


def suggest_key(unknown: str, known: Sequence[str]) -> str | None:
    """The documented key most likely meant by ``unknown``, if one stands out."""
    return _suggest_key(unknown, tuple(known))


# difflib costs tens of microseconds, and a batch repeats the same mistake order
# after order: remember the answers.
@lru_cache(maxsize=1024)
def _suggest_key(unknown: str, known: tuple[str, ...]) -> str | None:
    synonym = SYNONYMS.get(unknown.lower().replace("-", "_")) or SYNONYMS.get(
        unknown.lower().replace("_", "").replace("-", "")
    )
    if synonym in known:
        return synonym
    matches = difflib.get_close_matches(unknown, known, n=2, cutoff=0.75)
    folded = difflib.get_close_matches(unknown.lower(), [k.lower() for k in known], n=2, cutoff=0.75)
    if len(matches) == 1:
        return matches[0]
    if not matches and len(folded) == 1:
        return next(k for k in known if k.lower() == folded[0])
    return None


def schema_findings(issues: list[SchemaIssue]) -> list[Finding]:
    """Findings for the issues no rule claimed, each problem told once: an
    unknown key that is a typo of a missing required key (``updatdAt``) is one
    finding at the typo, not also "updatedAt is missing"."""
    missing = {i.subject for i in issues if i.keyword == "required"}
    explained: set[str] = set()
    findings = []
    for issue in issues if missing else ():  # a typo can only explain a missing key
        if issue.keyword == "additionalProperties":
            guess = suggest_key(issue.detail or "", sorted(issue.schema.get("properties", {})))
            twin = jp.join(jp.parent(issue.pointer), guess) if guess else None
            if twin in missing:
                explained.add(twin)
    for issue in issues:
        if issue.keyword == "required" and issue.subject in explained:
            continue
        builder = _BUILDERS.get(issue.keyword, _generic)
        message, hint = builder(issue, missing)
        findings.append(Finding(f"schema/{issue.keyword}", Severity.ERROR, issue.pointer, message, hint))
    return findings


Built = tuple[str, "str | None"]


def _type(issue: SchemaIssue, _: set[str]) -> Built:
    expected = issue.schema.get("type")
    names = expected if isinstance(expected, list) else [expected]
    wanted = " or ".join(_TYPE_WORDS.get(str(n), str(n)) for n in names)
    value = issue.instance
    got = "an object" if isinstance(value, dict) else _json_type_name(value)
    name = _name(issue.pointer)
    message = f"{name} must be {wanted}, not {got}"
    hint = None
    if value is None:
        hint = _null_hint(jp.last_token(issue.pointer), name, _title(issue) or wanted)
    elif "boolean" in names and value in ("true", "false", 0, 1) and not isinstance(value, bool):
        hint = f"write {str(value).lower() if isinstance(value, str) else ('true' if value else 'false')}, unquoted"
    elif isinstance(value, dict) and "array" in names:
        hint = "put it in an array, even alone: [{...}]"
    elif isinstance(value, str) and ("number" in names or "integer" in names):
        message += f" ({code(value)})"
        if _numeric(value):
            hint = f"write the number without quotes: {value.strip()}"
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and "string" in names:
        date = issue.schema.get("format") == "date-time"
        hint = unix_time_hint(value) if date else f'quote it: "{code(value)}"'
    elif isinstance(value, list) and not issue.pointer and "object" in names:
        hint = _array_hint(issue.schema)
    return message, hint


def _null_hint(key: str, name: str, wanted: str) -> str:
    """For null: leave the key out where it is optional; where it is required, give it a value."""
    required = _required_keys().get(key)
    if required is True:
        return f"{name} is required: give it a value ({wanted}); null is none"
    if required is False:
        return f"leave {name} out rather than sending null"
    return f"give {name} a value ({wanted}), or leave it out where it is optional; null is no value"


@lru_cache(maxsize=1)
def _required_keys() -> dict[str, bool | None]:
    """Each property name of the bundled schemas: True where every object that has it
    requires it, False where none ever does, None where it depends (a product's price
    is optional, an order line's required; a catalog item's name, when it is created)."""
    from ..kinds import KINDS
    from ..schemas import schema

    seen: dict[str, set[bool]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            required = node.get("required", ())
            for key in node.get("properties", {}) if isinstance(node.get("properties"), dict) else ():
                seen.setdefault(key, set()).add(key in required)
            for key in required if isinstance(required, list) and "properties" not in node else ():
                seen.setdefault(key, set()).update((True, False))  # required only in a branch
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for kind in KINDS:
        walk(schema(kind))
    return {key: next(iter(flags)) if len(flags) == 1 else None for key, flags in seen.items()}


#: The key a batch holds its items under, by the kind of one item.
_BATCH_KEYS = {kind: shape.items_key for kind, shape in BATCH_FOR_ITEM.items()}


def _array_hint(schema: Mapping[str, Any]) -> str:
    """For an array where one payload belongs: how to send, or check, several."""
    kind = str(schema.get("$id", "")).rsplit("/", 1)[-1].removesuffix(".json").removesuffix("-batch")
    return array_of_payloads_hint(kind if kind in _BATCH_KEYS else None)


def array_of_payloads_hint(kind: str | None) -> str:
    """What to do with a JSON array of ``kind`` payloads (None: of any kind)."""
    if kind is None:
        bodies = [f'{{"{key}": [...]}}' for key in _BATCH_KEYS.values()]
        batch = ", ".join(bodies[:-1]) + " or " + bodies[-1]
        items = "payload"
    else:
        batch, items = f'{{"{_BATCH_KEYS[kind]}": [...]}}', kind
    return (
        f"to send several, wrap them in a batch: {batch}; to check each {items} alone, write one a line "
        "in a .ndjson file; brevo-schema split turns the array into batches Brevo takes"
    )


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _required(issue: SchemaIssue, _: set[str]) -> Built:
    return f"{_name(issue.pointer)} is missing the required key {issue.detail!r}", None


def _additional(issue: SchemaIssue, missing: set[str]) -> Built:
    known = sorted(issue.schema.get("properties", {}))
    key = issue.detail or ""
    where = _name(jp.parent(issue.pointer))
    message = f"unknown key {key!r} in {where}: Brevo drops or rejects keys it does not document"
    guess = suggest_key(key, known)
    if guess is not None:
        if jp.join(jp.parent(issue.pointer), guess) in missing:
            return f"unknown key {key!r} in {where}, and the required {guess!r} is missing", (
                f"did you mean {guess!r}?"
            )
        return message, f"did you mean {guess!r}?"
    if key == "updateEnabled":
        return message, "set updateEnabled once on the batch, not on each item"
    return message, f"documented keys: {', '.join(known)}" if len(known) <= 12 else None


def _title(issue: SchemaIssue) -> str | None:
    title = issue.schema.get("title")
    return title if isinstance(title, str) else None


def _format(issue: SchemaIssue, _: set[str]) -> Built:
    what = _title(issue) or f"a valid {issue.schema.get('format')}"
    message = f"{_name(issue.pointer)} must be {what}, not {code(issue.instance)}"
    hint = None
    value = issue.instance
    if issue.schema.get("format") == "date-time" and isinstance(value, str):
        hint = date_hint(value)
    return message, hint


def _pattern(issue: SchemaIssue, _: set[str]) -> Built:
    what = _title(issue) or f"a string matching {issue.schema.get('pattern')}"
    value = issue.instance
    message = f"{_name(issue.pointer)} must be {what}, not {code(value)}"
    hint = None
    scheme = re.match(r"(https?):/*", value, re.IGNORECASE) if isinstance(value, str) else None
    if scheme is not None and isinstance(value, str):
        rest = value[scheme.end() :]
        if rest and " " not in rest:
            hint = f"write it as {scheme.group(1).lower()}://{rest}"
    elif isinstance(value, str) and "://" not in value and "." in value and " " not in value:
        hint = f"add the scheme: https://{value.lstrip('/')}"
    return message, hint


def _enum(issue: SchemaIssue, _: set[str]) -> Built:
    allowed = issue.schema.get("enum", [])
    what = _title(issue) or "one of " + ", ".join(code(v) for v in allowed[:8])
    value = issue.instance
    message = f"{_name(issue.pointer)} must be {what}, not {code(value)}"
    hint = None
    if isinstance(value, str):
        candidate = _COUNTRY_FIXES.get(value.upper(), value.upper().strip())
        if candidate in allowed:
            hint = f"did you mean {candidate!r}?"
    return message, hint


def _bounds(issue: SchemaIssue, _: set[str]) -> Built:
    keyword, limit, value = issue.keyword, issue.schema.get(issue.keyword), issue.instance
    name = _name(issue.pointer)
    if keyword == "minimum":
        return f"{name} must be at least {limit}, not {code(value)}", None
    if keyword == "maximum":
        return f"{name} must be at most {limit}, not {code(value)}", None
    if keyword == "minLength":
        return f"{name} must not be empty", None
    if keyword == "minItems":
        return f"{name} must hold at least {limit} item{'s' if limit != 1 else ''}", None
    if keyword == "maxItems":
        return f"{name} holds {len(value)} items; at most {limit} are allowed", None
    if keyword == "minProperties":
        return f"{name} must hold at least {limit} key{'s' if limit != 1 else ''}", None
    if keyword == "maxProperties":
        return f"{name} holds {len(value)} keys; Brevo takes at most {limit}", None
    return _generic(issue, _)


def _branches(issue: SchemaIssue, _: set[str]) -> Built:
    count = "none" if issue.keyword == "anyOf" else "not exactly one"
    keys = _branch_keys(issue.schema.get(issue.keyword, ()))
    if keys:
        which = "at least one" if issue.keyword == "anyOf" else "exactly one"
        hint = f"give {which} of: {', '.join(keys)}"
    else:
        hint = "compare it with the bundled schema: brevo-schema schema prints it"
    return f"{_name(issue.pointer)} fits {count} of the shapes the schema allows here", hint


def _branch_keys(branches: Any) -> list[str]:
    """The key each branch requires (``billing.phone`` where it requires one inside
    another); empty when a branch is not that simple."""
    keys = []
    for branch in branches if isinstance(branches, list) else ():
        required: Any = branch.get("required", ()) if isinstance(branch, dict) else ()
        if len(required) != 1:
            return []
        key = required[0]
        inner = branch.get("properties", {}).get(key, {})
        nested: Any = inner.get("required", ()) if isinstance(inner, dict) else ()
        keys.append(f"{key}.{nested[0]}" if len(nested) == 1 else key)
    return keys


def _generic(issue: SchemaIssue, _: set[str]) -> Built:
    return f"{_name(issue.pointer)} breaks the schema's {issue.keyword!r} rule", None


_BUILDERS: dict[str, Any] = {
    "type": _type,
    "required": _required,
    "additionalProperties": _additional,
    "format": _format,
    "pattern": _pattern,
    "enum": _enum,
    "minimum": _bounds,
    "maximum": _bounds,
    "minLength": _bounds,
    "minItems": _bounds,
    "maxItems": _bounds,
    "minProperties": _bounds,
    "maxProperties": _bounds,
    "anyOf": _branches,
    "oneOf": _branches,
}
