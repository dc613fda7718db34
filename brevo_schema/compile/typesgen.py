"""Writes ``brevo_schema/types.py``: a ``TypedDict`` for each payload and its parts, from ``schemas/``.

``python -m brevo_schema.compile.build`` calls :func:`generate_types` and writes the result;
``--check`` fails when the committed module differs. The classes say what a type
checker can check: the keys, which of them are required, and the JSON type of each
value. What it cannot check stays with ``validate``: a non-empty id, a date-time's
format, an e-mail address, at least one order line, the cross-field rules.

Works on Python 3.10 without ``typing_extensions``: an object with both required and
optional keys is two classes, ``_<Name>Required`` (total) holding the required keys
and ``<Name>`` (``total=False``) adding the optional ones.
"""

from __future__ import annotations

import keyword
import textwrap
from collections.abc import Mapping
from typing import Any

from .._records import Value, init
from ..kinds import BATCHES, KINDS
from ..schemas import schema as fresh_schema

_WIDTH = 116  # ruff's line length (120) minus the indentation of a field's comment
_JSON_TYPES: Mapping[str, str] = {
    "string": "str",
    "number": "float",
    "integer": "int",
    "boolean": "bool",
    "null": "None",
}


class _Field(Value):
    """One key of a TypedDict: its annotation, whether it is required, its schema description."""

    __slots__ = ("key", "annotation", "required", "description")
    key: str
    annotation: str
    required: bool
    description: str

    def __init__(self, key: str, annotation: str, required: bool, description: str) -> None:
        init(self, key=key, annotation=annotation, required=required, description=description)


class _Class(Value):
    """One TypedDict to write."""

    __slots__ = ("name", "doc", "fields")
    name: str
    doc: str
    fields: tuple[_Field, ...]

    def __init__(self, name: str, doc: str, fields: tuple[_Field, ...]) -> None:
        init(self, name=name, doc=doc, fields=fields)

    def shape(self) -> tuple[tuple[str, str, bool], ...]:
        """What makes two classes the same type: keys, annotations, required keys."""
        return tuple((f.key, f.annotation, f.required) for f in self.fields)


def class_name(text: str) -> str:
    """``order-batch`` -> ``OrderBatch``; ``orderLine`` -> ``OrderLine``."""
    parts = text.replace("-", " ").replace("_", " ").split()
    return "".join(part[:1].upper() + part[1:] for part in parts)


class _Generator:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.classes: dict[str, _Class] = {}
        self.aliases: dict[str, str] = {}
        self.names: list[str] = []

    def kind(self, kind: str) -> None:
        schema = fresh_schema(kind)
        self.object(class_name(kind), schema, schema, kind)

    def object(self, name: str, node: Mapping[str, Any], root: Mapping[str, Any], kind: str) -> str:
        """The class for an object ``node`` with properties (written once), and its name."""
        required = set(node.get("required", ()))
        fields = tuple(
            _Field(key, self.annotation(value, root, kind), key in required, _description(value, root))
            for key, value in node["properties"].items()
        )
        for field in fields:
            if not field.key.isidentifier() or keyword.iskeyword(field.key):
                raise ValueError(f"{kind}: key {field.key!r} cannot be a TypedDict class field")
        doc = str(node.get("description") or node.get("title") or "")
        candidate = _Class(name, doc if doc.endswith(".") or not doc else doc + ".", fields)
        for existing in self.classes.values():
            if existing.shape() == candidate.shape():
                return existing.name  # the same type under another definition (an order in a batch)
        if name in self.classes:
            if kind not in BATCHES:
                raise ValueError(f"{kind}: two different types are both called {name}")
            candidate = _Class(f"{name}InBatch", candidate.doc, fields)
        self.classes[candidate.name] = candidate
        self.blocks.append(_class_source(candidate))
        self.names.append(candidate.name)
        return candidate.name

    def annotation(self, node: Mapping[str, Any], root: Mapping[str, Any], kind: str) -> str:
        ref = node.get("$ref")
        if ref is not None:
            prefix = "#/definitions/"
            if not ref.startswith(prefix):
                raise ValueError(f"{kind}: unsupported $ref {ref!r}")
            definition_name = ref[len(prefix) :]
            target = root["definitions"][definition_name]
            if target.get("type") == "object" and "properties" in target:
                return self.object(class_name(definition_name), target, root, kind)
            if target.get("type") == "object":
                return self.alias(class_name(definition_name), self.annotation(target, root, kind))
            return self.annotation(target, root, kind)
        types = node.get("type")
        if types is None and "enum" in node:  # listed values: typed by what they are (str), not as a Literal
            types = sorted({_json_type(value) for value in node["enum"]})
        if isinstance(types, list):
            return " | ".join(self.annotation({**node, "type": t}, root, kind) for t in types)
        if types == "array":
            return f"list[{self.annotation(node.get('items', {}), root, kind)}]"
        if types == "object":
            values = node.get("additionalProperties")
            value = self.annotation(values, root, kind) if isinstance(values, dict) else "object"
            return f"dict[str, {value}]"
        if isinstance(types, str) and types in _JSON_TYPES:
            return _JSON_TYPES[types]
        raise ValueError(f"{kind}: no Python type for {dict(node)!r}")

    def alias(self, name: str, annotation: str) -> str:
        if self.aliases.setdefault(name, annotation) != annotation:
            raise ValueError(f"two different types are both called {name}")
        if name not in self.names:
            self.blocks.append(f"{name} = {annotation}\n")
            self.names.append(name)
        return name


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string" if isinstance(value, str) else "null"


def _description(node: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    """A property's description, or its definition's."""
    if "description" in node:
        return str(node["description"])
    ref = node.get("$ref", "")
    target = root.get("definitions", {}).get(ref.rsplit("/", 1)[-1], {}) if ref else {}
    return str(target.get("description", ""))


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}#: {line}" for line in textwrap.wrap(text, _WIDTH - len(indent))]


def _docstring(text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(text.replace('"""', "'''"), _WIDTH - len(indent) - 6)  # room for the quotes
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    return [f'{indent}"""{lines[0]}', *(f"{indent}{line}" for line in lines[1:]), f'{indent}"""']


def _fields(fields: list[_Field]) -> list[str]:
    out: list[str] = []
    for field in fields:
        out.extend(_comment(field.description, "    "))
        out.append(f"    {field.key}: {field.annotation}")
    return out


def _class_source(cls: _Class) -> str:
    required = [f for f in cls.fields if f.required]
    optional = [f for f in cls.fields if not f.required]
    doc = _docstring(cls.doc or f"The {cls.name} object.", "    ")
    if required and optional:
        base = f"_{cls.name}Required"
        lines = [f"class {base}(TypedDict):", *_docstring(f"The required keys of {cls.name}.", "    ")]
        lines += ["", *_fields(required), "", "", f"class {cls.name}({base}, total=False):", *doc, ""]
        lines += _fields(optional)
    elif required:
        lines = [f"class {cls.name}(TypedDict):", *doc, "", *_fields(required)]
    else:
        lines = [f"class {cls.name}(TypedDict, total=False):", *doc, "", *_fields(optional)]
    return "\n".join(lines) + "\n"


_HEADER = '''"""Typed payloads: a ``TypedDict`` for each Brevo eCommerce body and its parts.

Generated from ``schemas/`` by ``python -m brevo_schema.compile.build`` (brevo_schema.compile.typesgen):
do not edit. A type checker (mypy, pyright) and an editor see the documented keys,
which are required, and each value's JSON type; a mis-cased key (``"Products"``), an
unknown key or a string amount is a type error where the payload is built::

    from brevo_schema.types import Order

    order: Order = {
        "id": "ORD-1042",
        "createdAt": "2024-03-01T09:00:00Z",
        "updatedAt": "2024-03-01T09:00:00Z",
        "status": "completed",
        "amount": 56.89,
        "products": [{"productId": "SKU-1", "quantity": 2, "price": 19.95}],
        "identifiers": {"email_id": "chloe.martin@example.com"},
    }

The rest of what Brevo checks (a non-empty id, the date-time format, the contact, one
of quantity and quantityFloat, a name when a product is created...) is ``validate``'s.
Importing ``brevo_schema.strategies`` registers its strategies for these types, so
``st.from_type(Order)`` draws valid orders.
"""

from typing import TypedDict
'''


def generate_types() -> str:
    """The source of ``brevo_schema/types.py``."""
    generator = _Generator()
    for kind in KINDS:
        generator.kind(kind)
    names = sorted(generator.names, key=lambda name: (name.lower(), name))
    exports = "\n".join(f'    "{name}",' for name in names)
    body = "\n\n".join(generator.blocks)
    return f"{_HEADER}\n__all__ = [\n{exports}\n]\n\n\n{body}"
