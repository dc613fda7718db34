"""Writes the third part of each generated module: ``members(data) -> int``.

``members`` counts the object members (key-value pairs, at every depth) of a document
that ``is_valid`` accepts. It exists for one proof on the hot path of a big export:
``json`` keeps the last of two equal keys without a word, so ``io.ndjson`` reads a line
with the plain C parser, counts the keys its text can hold, and takes the document as
it is only when that count equals the members the document has (a key given twice
leaves one member fewer than the text has keys). Asking the parser to hand each object
over as pairs instead cost a quarter more than the parse itself on an order (101 against
80 thousand instructions, reading 2000 orders), and more than that in time.

Once ``is_valid`` has said yes, the schema settles where the objects are: a closed
object (``additionalProperties: false``) holds only its declared properties, a value
typed as a string holds no member at all. So the count is a handful of ``len()`` calls
laid out like the schema (an order: itself, its lines, its identifiers, its billing, its
metaInfo), not a walk of every value. Where the schema leaves the shape open (no
``type``, a type list with a container in it, an object open to other keys) the generic
``count_members`` walks that value. Combinators (anyOf, oneOf, if/then, not) add
constraints only; a valid value meets its node's own keywords anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .explaingen import Predicates
from .keywords import known_keys
from .layout import indent, other_keys, property_value

#: The JSON types that hold members: an object, or an array that may hold objects.
_CONTAINERS = frozenset({"object", "array"})


class MembersWriter:
    """Writes ``members`` for one root schema, sharing the predicate writer's names."""

    def __init__(self, predicates: Predicates) -> None:
        self.predicates = predicates

    def function(self, root: Mapping[str, Any]) -> str:
        """The source of ``members(data)`` for ``root``."""
        body: list[str] = []
        self.count(root, "data", body, 1)
        return "\n".join(["def members(data):", "    n = 0", *body, "    return n"])

    def count(self, schema: Any, var: str, out: list[str], depth: int) -> None:
        """Append the statements that add the members of ``var`` (valid against ``schema``) to ``n``."""
        if isinstance(schema, Mapping) and "$ref" in schema:
            with self.predicates.expand(schema["$ref"]) as (target, _):
                self.count(target, var, out, depth)
            return
        if schema is False:
            return  # no value is valid here
        declared = schema.get("type") if isinstance(schema, Mapping) else None
        types = {declared} if isinstance(declared, str) else set(declared or ())
        if not types & _CONTAINERS:
            if not types:  # any value: its shape is the document's to say
                out.append(f"{indent(depth)}n += count_members({var})")
            return  # a string, number, boolean or null holds no member
        if len(types) > 1:
            out.append(f"{indent(depth)}n += count_members({var})")
        elif "object" in types:
            self.object(schema, var, out, depth)
        else:
            self.array(schema, var, out, depth)

    def object(self, schema: Mapping[str, Any], var: str, out: list[str], depth: int) -> None:
        pad = indent(depth)
        extra = schema.get("additionalProperties", True)
        if extra is True or extra == {}:
            out.append(f"{pad}n += count_members({var})")  # open to any key and value
            return
        out.append(f"{pad}n += len({var})")
        required = schema.get("required", ())
        for key, sub in schema.get("properties", {}).items():
            value = self.predicates.variable()
            body: list[str] = []
            present = key in required
            self.count(sub, value, body, depth if present else depth + 1)
            if body:
                out += property_value(var, key, value, present, depth)
                out.extend(body)
        if isinstance(extra, Mapping):
            value = self.predicates.variable()
            known = known_keys(self.predicates, schema) if "properties" in schema else None
            header = other_keys(var, value, self.predicates.variable() if known else "", known)
            body = []
            self.count(extra, value, body, depth + len(header))
            if body:
                out.extend(pad + line for line in header)
                out.extend(body)

    def array(self, schema: Mapping[str, Any], var: str, out: list[str], depth: int) -> None:
        items = schema.get("items", True)  # the tuple form is refused by the predicate's writer
        item = self.predicates.variable()
        body: list[str] = []
        self.count(items, item, body, depth + 1)
        if body:
            out.append(f"{indent(depth)}for {item} in {var}:")
            out.extend(body)
