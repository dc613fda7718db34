"""Holding the bundled schemas against Brevo's OpenAPI document, property by property.

Why: the schemas were written by hand and Brevo's API moves; when the two part ways, users find
out the hard way (Brevo drops a field we accept, or we reject one Brevo now documents). This
finds the six request bodies in an OpenAPI document (Brevo's ``swagger_definition_v3.yml`` or an
excerpt, JSON or YAML), reduces both sides to one small ``Shape`` and lists every property only
one side has, or that the two type or constrain differently, less ``DELIBERATE``: the one
reviewed table of differences kept on purpose. A row that matches nothing is stale, so the table
cannot outlive what it explains. ``python -m brevo_schema.compile.build --compare-openapi FILE`` prints
the result; the tests also hold the official SDK's request models to it. Validation never
imports this module; it needs only the standard library (PyYAML, on demand, for YAML).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .._records import Value, init
from ..kinds import BATCHES, ENDPOINTS, KINDS
from ..schemas import load_shared

# The operation whose JSON request body each kind is (Brevo puts /v3 in servers[].url; a
# document that spells it in its paths is read too).
OPERATIONS: dict[str, tuple[str, str]] = {kind: ("post", path.removeprefix("/v3")) for kind, path in ENDPOINTS.items()}

# Formats that only restate or size the type (Brevo writes ``format: string`` on product fields).
_TYPE_FORMATS = frozenset({"string", "float", "double", "int32", "int64", "number", "integer"})
_MAX_DEPTH = 40  # deeper than any of the six bodies: a $ref cycle, not a payload shape


class OpenAPIError(ValueError):
    """The document cannot be read, or lacks one of the six request bodies."""


class Shape(Value):
    """What both sides are reduced to: JSON types (empty: any), constraints a value can break
    (``format email``, ``pattern``, ``enum``), named properties, array items and map values."""

    __slots__ = ("types", "constraints", "properties", "items", "values")
    types: frozenset[str]
    constraints: frozenset[str]
    properties: dict[str, Shape]
    items: Shape | None
    values: Shape | None

    def __init__(
        self,
        types: frozenset[str] = frozenset(),
        constraints: frozenset[str] = frozenset(),
        properties: dict[str, Shape] | None = None,
        items: Shape | None = None,
        values: Shape | None = None,
    ) -> None:
        init(
            self,
            types=types,
            constraints=constraints,
            properties=properties if properties is not None else {},
            items=items,
            values=values,
        )

    def summary(self) -> str:
        """``string, format email``: the type and constraints."""
        return ", ".join([_types(self), *sorted(self.constraints)])


ANY = Shape()


class Difference(Value):
    """One property where Brevo's side and ours disagree. ``kind`` is ``only-brevo``,
    ``only-ours``, ``type`` or ``constraint``; ``brevo`` and ``ours`` say what each side has."""

    __slots__ = ("body", "path", "kind", "brevo", "ours")
    body: str
    path: str
    kind: str
    brevo: str
    ours: str

    def __init__(self, body: str, path: str, kind: str, brevo: str, ours: str) -> None:
        init(self, body=body, path=path, kind=kind, brevo=brevo, ours=ours)


class Deliberate(Value):
    """A difference kept on purpose. ``body`` names an item kind (order, product, category) or a
    batch; an item's row also covers the same property inside its batch (``orders[].email``).
    ``against`` names the references it holds for: ``openapi`` (the spec), ``sdk`` (brevo-python)."""

    __slots__ = ("body", "path", "kind", "brevo", "ours", "against", "reason", "source")
    body: str
    path: str
    kind: str
    brevo: str
    ours: str
    against: tuple[str, ...]
    reason: str
    source: str

    def __init__(
        self, body: str, path: str, kind: str, brevo: str, ours: str, against: tuple[str, ...], reason: str, source: str
    ) -> None:
        init(
            self, body=body, path=path, kind=kind, brevo=brevo, ours=ours, against=against, reason=reason, source=source
        )


_BOTH = ("openapi", "sdk")
_DATE = "Brevo documents a UTC date-time (YYYY-MM-DDTHH:mm:ssZ) in prose only; we check the format"
_URL = "an absolute http(s) URL: Brevo fetches it or links to it, so a bare host or a relative path cannot work"
DELIBERATE: tuple[Deliberate, ...] = (
    Deliberate("order", "email", "only-ours", "absent", "string, format email", _BOTH,
               "the legacy contact key of older API versions; still accepted, with the contact/legacy-only warning",
               "sib-api-v3-sdk 7.6.0 Order.email; gone from the 2024-11 and 2025-02 specs"),
    Deliberate("order", "createdAt", "constraint", "none", "format date-time", _BOTH, _DATE, "spec order.createdAt"),
    Deliberate("order", "updatedAt", "constraint", "none", "format date-time", _BOTH, _DATE, "spec order.updatedAt"),
    Deliberate("order", "identifiers.email_id", "constraint", "none", "format email", _BOTH,
               "it names the contact by e-mail address: anything else links no contact",
               "spec order.identifiers.email_id ('Email of the contact')"),
    Deliberate("order", "billing.countryCode", "constraint", "none", "enum", _BOTH,
               "Brevo asks for a 2-letter ISO code; we hold it to ISO 3166-1 alpha-2",
               "spec order.billing.countryCode ('Billing country 2-letter ISO code')"),
    Deliberate("order", "products[].quantity", "type", "number", "integer", ("openapi",),
               "Brevo's server parses quantity as an int64 and rejects 2.0; decimals go in quantityFloat",
               "getbrevo/brevo-csharp issue 12; brevo-python 5.1.0 OrderProductsItem.quantity: int"),
    Deliberate("order", "products[].quantityFloat", "only-ours", "absent", "number", ("openapi",),
               "newer than the spec snapshots; the SDK and guide document it",
               "brevo-python 5.1.0 OrderProductsItem.quantity_float (alias quantityFloat)"),
    Deliberate("order-batch", "notifyUrl", "constraint", "none", "pattern", _BOTH, _URL, "spec orderBatch.notifyUrl"),
    Deliberate("product", "url", "constraint", "none", "pattern", _BOTH, _URL, "spec createUpdateProduct.url"),
    Deliberate("product", "imageUrl", "constraint", "none", "pattern", _BOTH, _URL,
               "spec createUpdateProduct.imageUrl ('Absolute URL to the cover image')"),
    Deliberate("product", "deletedAt", "constraint", "none", "format date-time", _BOTH, _DATE,
               "spec createUpdateProduct.deletedAt"),
    *(
        Deliberate("product", name, "only-ours", "absent", kind, ("openapi",),
                   "newer than the spec snapshots; the SDK documents it",
                   f"brevo-python 5.1.0 create_update_product, CreateUpdateBatchProductsRequestProductsItem.{name}")
        for name, kind in (("alternativePrice", "number"), ("brand", "string"), ("description", "string"),
                           ("stock", "number"))
    ),
    Deliberate("category", "id", "constraint", "format email", "none", ("openapi",),
               "the spec's format email is a mistake: its own example id is CAT123",
               "spec createUpdateCategory.id (format email, example CAT123)"),
    Deliberate("category", "url", "constraint", "none", "pattern", _BOTH, _URL, "spec createUpdateCategory.url"),
    Deliberate("category", "deletedAt", "constraint", "none", "format date-time", _BOTH, _DATE,
               "spec createUpdateCategory.deletedAt"),
)  # fmt: skip


class Comparison(Value):
    """What a comparison found beyond ``DELIBERATE``, and the table rows that matched nothing."""

    __slots__ = ("unexplained", "stale")
    unexplained: list[Difference]
    stale: list[Deliberate]

    def __init__(self, unexplained: list[Difference], stale: list[Deliberate]) -> None:
        init(self, unexplained=unexplained, stale=stale)


def _types(shape: Shape) -> str:
    """The JSON types as text; ``integer`` is dropped beside ``number``, which includes it."""
    types = shape.types - {"integer"} if "number" in shape.types else shape.types
    return "|".join(sorted(types)) or "any"


def _resolve(node: Any, root: Mapping[str, Any]) -> dict[str, Any]:
    """``node`` with its local ``$ref`` chain followed, sibling keys kept (the draft-07 and
    OpenAPI 3.1 reading; our schemas put descriptions beside their refs)."""
    for _ in range(_MAX_DEPTH):
        if not isinstance(node, Mapping):
            raise OpenAPIError(f"expected a schema object, found {node!r}")
        ref = node.get("$ref")
        if ref is None:
            return dict(node)
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise OpenAPIError(f"only local $refs are supported, not {ref!r}")
        target: Any = root
        for part in filter(None, ref[1:].split("/")):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or key not in target:
                raise OpenAPIError(f"$ref {ref} points at nothing")
            target = target[key]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    raise OpenAPIError("a $ref chain too long (a cycle?)")


def shape_of(node: Any, root: Mapping[str, Any], depth: int = 0) -> Shape:
    """The ``Shape`` of a JSON Schema or OpenAPI schema ``node`` whose refs point into ``root``.

    ``allOf`` parts are merged; ``oneOf``/``anyOf`` count only where the node names no type
    (Brevo's metaInfo values are a oneOf of types): in our schemas they add requirements, not
    properties. ``nullable`` adds ``null``; a ``readOnly`` property is no part of a request."""
    if depth > _MAX_DEPTH:
        raise OpenAPIError("schema nested too deep (a $ref cycle?)")
    node = _resolve(node, root)
    parts = [node, *(_resolve(part, root) for part in node.get("allOf", ()))]
    types: set[str] = set()
    constraints: set[str] = set()
    properties: dict[str, Shape] = {}
    items = values = None
    for part in parts:
        declared = part.get("type", ())
        types.update([declared] if isinstance(declared, str) else declared)
        if part.get("nullable") is True:
            types.add("null")
        if isinstance(part.get("format"), str) and part["format"] not in _TYPE_FORMATS:
            constraints.add(f"format {part['format']}")
        constraints.update(key for key in ("pattern", "enum") if key in part)
        for name, sub in part.get("properties", {}).items():
            if _resolve(sub, root).get("readOnly") is not True:
                properties[name] = shape_of(sub, root, depth + 1)
        if "items" in part:
            items = shape_of(part["items"], root, depth + 1)
        extra = part.get("additionalProperties")
        if extra is True or isinstance(extra, Mapping):
            values = ANY if extra is True else shape_of(extra, root, depth + 1)
    alternatives = node.get("oneOf") or node.get("anyOf") or ()
    if alternatives and not types:
        for alternative in (shape_of(a, root, depth + 1) for a in alternatives):
            types |= alternative.types
            constraints |= alternative.constraints
            properties.update(alternative.properties)
    if not types and (properties or values):
        types.add("object")
    if not types and items:
        types.add("array")
    return Shape(frozenset(types), frozenset(constraints), properties, items, values)


def compare_shapes(body: str, ours: Shape, brevo: Shape, path: str = "") -> list[Difference]:
    """Every difference between ``ours`` and ``brevo``, recursing into properties, array items
    (``products[]``) and map values (``metaInfo.*``). A property whose type differs is not
    entered: one difference says it better than a list of its children."""
    found: list[Difference] = []
    if _types(ours) != _types(brevo):
        return [Difference(body, path, "type", _types(brevo), _types(ours))]
    if ours.constraints != brevo.constraints:
        mine, theirs = (", ".join(sorted(s.constraints)) or "none" for s in (ours, brevo))
        found.append(Difference(body, path, "constraint", theirs, mine))
    for name in sorted(ours.properties.keys() | brevo.properties.keys()):
        sub = f"{path}.{name}" if path else name
        if name not in ours.properties:
            found.append(Difference(body, sub, "only-brevo", brevo.properties[name].summary(), "absent"))
        elif name not in brevo.properties:
            found.append(Difference(body, sub, "only-ours", "absent", ours.properties[name].summary()))
        else:
            found += compare_shapes(body, ours.properties[name], brevo.properties[name], sub)
    for suffix, mine_sub, their_sub in (("[]", ours.items, brevo.items), (".*", ours.values, brevo.values)):
        if mine_sub is not None or their_sub is not None:
            found += compare_shapes(body, mine_sub or ANY, their_sub or ANY, path + suffix)
    return found


def our_bodies() -> dict[str, Shape]:
    """The shapes of the six bundled schemas."""
    return {kind: shape_of(load_shared(kind), load_shared(kind)) for kind in KINDS}


def request_bodies(document: Mapping[str, Any]) -> dict[str, Shape]:
    """The shapes of the six JSON request bodies of an OpenAPI 3 ``document``."""
    paths = document.get("paths")
    if not isinstance(paths, Mapping):
        raise OpenAPIError("not an OpenAPI 3 document: it has no 'paths' object")
    bodies: dict[str, Shape] = {}
    missing: list[str] = []
    for kind, (method, path) in OPERATIONS.items():
        item = paths.get(path) or paths.get("/v3" + path)
        operation = item.get(method) if isinstance(item, Mapping) else None
        body = operation.get("requestBody") if isinstance(operation, Mapping) else None
        content = _resolve(body, document).get("content", {}) if body is not None else {}
        media = content.get("application/json") or next((v for k, v in content.items() if "json" in k), None)
        if not isinstance(media, Mapping) or "schema" not in media:
            missing.append(f"{method.upper()} {path} ({kind})")
            continue
        bodies[kind] = shape_of(media["schema"], document)
    if missing:
        raise OpenAPIError(f"no JSON request body for: {'; '.join(missing)}")
    return bodies


def _covers(row: Deliberate, difference: Difference) -> bool:
    """Whether ``row`` explains ``difference``, directly or as its item kind inside a batch."""
    if (row.kind, row.brevo, row.ours) != (difference.kind, difference.brevo, difference.ours):
        return False
    if (row.body, row.path) == (difference.body, difference.path):
        return True
    batch = BATCHES.get(difference.body)
    return batch is not None and batch.item_kind == row.body and difference.path == f"{batch.items_key}[].{row.path}"


def compare(
    brevo: Mapping[str, Shape],
    against: str,
    table: Iterable[Deliberate] = DELIBERATE,
    ours: Mapping[str, Shape] | None = None,
) -> Comparison:
    """Brevo's body shapes (any of the six kinds) against ``ours`` (the bundled schemas), less the
    ``table`` rows that hold ``against`` this reference (``openapi`` or ``sdk``); a row for a
    compared kind that matches nothing is stale."""
    rows = [row for row in table if against in row.against]
    ours = our_bodies() if ours is None else ours
    found = [d for kind, shape in brevo.items() for d in compare_shapes(kind, ours[kind], shape)]
    unexplained = [d for d in found if not any(_covers(row, d) for row in rows)]
    compared = set(brevo) | {BATCHES[k].item_kind for k in brevo if k in BATCHES}
    stale = [row for row in rows if row.body in compared and not any(_covers(row, d) for d in found)]
    return Comparison(unexplained, stale)


def load_document(path: str | Path) -> dict[str, Any]:
    """Read an OpenAPI document: ``.json`` as JSON, anything else as YAML (PyYAML, optional)."""
    text = Path(path).read_text(encoding="utf-8")
    if str(path).lower().endswith(".json"):
        data = json.loads(text)
    else:
        try:
            yaml = importlib.import_module("yaml")
        except ImportError as error:
            raise OpenAPIError(f"reading YAML needs PyYAML: pip install pyyaml (or pass {path} as JSON)") from error
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise OpenAPIError(f"{path} is not YAML: {error}") from error
    if not isinstance(data, dict):
        raise OpenAPIError(f"{path} holds no OpenAPI document (a mapping at the top)")
    return data


_TEMPLATES = {
    "only-brevo": "Brevo adds {path} ({brevo}); our schema rejects it",
    "only-ours": "Brevo lacks {path}; our schema accepts it ({ours})",
    "type": "type of {path}: Brevo {brevo}, ours {ours}",
    "constraint": "constraints on {path}: Brevo {brevo}, ours {ours}",
}


def describe(kind: str, path: str, brevo: str, ours: str) -> str:
    """A difference (or a table row) in words: ``Brevo lacks email; our schema accepts it (string)``."""
    return _TEMPLATES[kind].format(path=path or "the body", brevo=brevo, ours=ours)


def report_lines(comparison: Comparison) -> list[str]:
    """The command's output: one line per unexplained difference, then one per stale row."""
    lines = [f"{d.body}: {describe(d.kind, d.path, d.brevo, d.ours)}" for d in comparison.unexplained]
    for r in comparison.stale:
        was = describe(r.kind, r.path, r.brevo, r.ours)
        lines.append(f"{r.body}: stale row in the table ({was}): it matches nothing now; remove it")
    return lines


def main(path: str) -> int:
    """``--compare-openapi FILE``: 0 when nothing differs beyond the table, 1 when something
    does (or a row is stale), 2 when the file cannot be read as an OpenAPI document."""
    try:
        comparison = compare(request_bodies(load_document(path)), "openapi")
    except (OSError, ValueError) as error:
        print(f"cannot compare {path}: {error}", file=sys.stderr)
        return 2
    lines = report_lines(comparison)
    if lines:
        print(f"What {path} adds, removes or retypes relative to the bundled schemas:", *lines, sep="\n")
        print(f"{len(lines)} difference(s) beyond the table of deliberate differences (DELIBERATE in "
              "brevo_schema/openapi_compare.py): fix the schema, or add a row with its reason and source")  # fmt: skip
        return 1
    print(f"{path}: the six request bodies match the bundled schemas, apart from the table of deliberate differences")
    return 0


def markdown_table() -> str:
    """``DELIBERATE`` as the README shows it (a test holds the README to this)."""
    lines = ["| Body | Property | Brevo | Ours | Against | Reason | Source |", "|---|---|---|---|---|---|---|"]
    for r in DELIBERATE:
        cells = (r.body, f"`{r.path}`", r.brevo, r.ours, ", ".join(r.against), r.reason, r.source)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
