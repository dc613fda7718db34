"""Writes the batch schemas, ``schemas/<kind>-batch.json``, from their item schemas.

A batch schema is not edited by hand. It is assembled from three places, one per fact:

* the item schema, ``schemas/<item>.json``, embedded whole under ``definitions``
  (each file stands alone for other tools: no ``$ref`` across files);
* the batch's source, ``schemas/src/<kind>-batch.json``: what only the batch says
  (its title and description, its items array's description, the title and
  description of the embedded item, and its own fields: ``notifyUrl``, ...);
* the table in ``brevo_schema.kinds`` (``BATCHES``): the items' key and the limits
  (``maxItems``).

The item keys a batch sets for all its items (``BatchShape.lifted``: ``updateEnabled``)
leave the embedded item, and so does the item's ``if``/``then`` about them: it moves to
the batch, its ``then`` applied to every item (with the create limit, ``maxItems``,
where updating takes more). A title or description in a source may name the limits:
``{max_items}``, ``{max_items_update}``, ``{max_bytes_mb}`` ("5 MB").

``python -m brevo_schema.compile.build`` writes them (before it generates the
validators); ``--check`` fails when one on disk is not what the sources make.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..kinds import BATCHES, BatchShape
from ..schemas import schemas_dir

#: Where a batch's source sits, under the schemas folder. ``schemas.schema(kind)`` reads
#: ``<folder>/<kind>.json`` only: nothing in here is taken for a schema.
SOURCE_DIR = "src"
#: Keys of the item schema that stay with the file, not with the embedded definition.
_FILE_ONLY = ("$schema", "$id", "definitions")
_SOURCE_KEYS = ("$comment", "title", "description", "properties", "definitions")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class AssemblyError(ValueError):
    """A source, an item schema and the table do not fit together."""


def default_dir() -> Path:
    """The schemas folder: the checkout's ``schemas/`` (or an installed package's copy)."""
    return Path(schemas_dir())


def source_path(kind: str, directory: Path | None = None) -> Path:
    return (directory or default_dir()) / SOURCE_DIR / f"{kind}.json"


def schema_path(kind: str, directory: Path | None = None) -> Path:
    return (directory or default_dir()) / f"{kind}.json"


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


def render(schema: dict[str, Any]) -> str:
    """A schema as the files are written: two-space indent, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def assemble(kind: str, directory: Path | None = None, shape: BatchShape | None = None) -> dict[str, Any]:
    """The batch schema of ``kind``, from its item schema and source in ``directory``
    (default: the schemas folder) and ``shape`` (default: ``kinds.BATCHES[kind]``)."""
    shape = shape or BATCHES[kind]
    item = _read(schema_path(shape.item_kind, directory))
    source = _read(source_path(kind, directory))
    where = f"{SOURCE_DIR}/{kind}.json"
    _check_source(source, shape, where)
    fill = _filler(shape, where)
    own = source["properties"]
    item_title = source["definitions"][shape.item_kind]

    lifted_if = _lifted_condition(item, shape, where)
    batch: dict[str, Any] = {
        "$schema": item["$schema"],
        "$id": _sibling_id(item["$id"], shape),
        "title": fill(source["title"]),
        "description": fill(source["description"]),
        "type": "object",
        "additionalProperties": False,
        "required": [shape.items_key],
    }
    if lifted_if is not None:
        for_each: dict[str, Any] = {}
        if shape.max_items_update is not None:
            for_each["maxItems"] = shape.max_items  # creating takes fewer than updating
        for_each["items"] = item["then"]
        batch["if"] = lifted_if
        batch["then"] = {"properties": {shape.items_key: for_each}}
    elif shape.max_items_update is not None:
        raise AssemblyError(
            f"{kind}: a raised limit with updateEnabled needs the item's if/then on a lifted key "
            f"({shape.item_kind}.json has none)"
        )
    items_array = {
        "type": "array",
        "minItems": 1,
        "maxItems": shape.most_items,
        "items": {"$ref": f"#/definitions/{shape.item_kind}"},
        "description": fill(own[shape.items_key]["description"]),
    }
    batch["properties"] = {shape.items_key: items_array, **{name: own[name] for name in shape.fields}}
    batch["definitions"] = {
        **item["definitions"],
        shape.item_kind: _embedded(item, shape, fill(item_title["title"]), fill(item_title["description"])),
    }
    _check_refs(batch, where)
    return batch


def _embedded(item: dict[str, Any], shape: BatchShape, title: str, description: str) -> dict[str, Any]:
    """The item schema as a batch's definition: its own title, the lifted keys and their condition gone."""
    out: dict[str, Any] = {"title": title, "description": description}
    for key, value in item.items():
        if key in _FILE_ONLY or key in ("title", "description"):
            continue
        if key in ("if", "then") and shape.lifted:
            continue  # moved to the batch (_lifted_condition checked it is about lifted keys only)
        if key == "properties":
            value = {name: field for name, field in value.items() if name not in shape.lifted}
        out[key] = value
    return out


def _lifted_condition(item: dict[str, Any], shape: BatchShape, where: str) -> dict[str, Any] | None:
    """The item's ``if``, when the batch takes it over (it is about lifted keys only)."""
    for name in shape.lifted:
        if name not in item.get("properties", {}):
            raise AssemblyError(f"{where}: lifted key {name!r} is no property of {shape.item_kind}.json")
    if "if" not in item:
        return None
    if not shape.lifted:
        raise AssemblyError(f"{where}: {shape.item_kind}.json has an if/then, which an item in a batch cannot keep")
    if "else" in item or "then" not in item:
        raise AssemblyError(f"{where}: only an if/then without else can move to the batch")
    named = _names(item["if"])
    if not named or not named <= set(shape.lifted):
        raise AssemblyError(
            f"{where}: {shape.item_kind}.json's if is about {sorted(named)}, not only the lifted {list(shape.lifted)}"
        )
    condition: dict[str, Any] = item["if"]
    return condition


def _names(node: Any) -> set[str]:
    """The property names a schema fragment looks at (``required`` and ``properties``)."""
    found: set[str] = set()
    if isinstance(node, dict):
        found.update(name for name in node.get("required", ()) if isinstance(name, str))
        found.update(node.get("properties", {}))
        for key, value in node.items():
            if key not in ("required", "enum", "const", "default"):
                found |= _names(value if key != "properties" else list(value.values()))
    elif isinstance(node, list):
        for value in node:
            found |= _names(value)
    return found


def _sibling_id(item_id: str, shape: BatchShape) -> str:
    suffix = f"/{shape.item_kind}.json"
    if not item_id.endswith(suffix):
        raise AssemblyError(f"{shape.item_kind}.json: $id {item_id!r} does not end with {suffix}")
    return item_id.removesuffix(suffix) + f"/{shape.kind}.json"


def _check_source(source: dict[str, Any], shape: BatchShape, where: str) -> None:
    unknown = [key for key in source if key not in _SOURCE_KEYS]
    missing = [key for key in _SOURCE_KEYS[1:] if key not in source]
    if unknown or missing:
        raise AssemblyError(f"{where}: unknown keys {unknown}, missing keys {missing} (it takes {_SOURCE_KEYS})")
    names = list(source["properties"])
    expected = [shape.items_key, *shape.fields]
    if names != expected:
        raise AssemblyError(
            f"{where}: properties are {names}; kinds.BATCHES says {expected} (the items' key, then the fields)"
        )
    items = source["properties"][shape.items_key]
    if list(items) != ["description"]:
        raise AssemblyError(
            f"{where}: {shape.items_key} takes only a description here: its type and limits come from kinds.BATCHES"
        )
    definitions = source["definitions"]
    if list(definitions) != [shape.item_kind] or sorted(definitions[shape.item_kind]) != ["description", "title"]:
        raise AssemblyError(f"{where}: definitions holds exactly {shape.item_kind!r}, with a title and a description")


def _check_refs(batch: dict[str, Any], where: str) -> None:
    """Every ``$ref`` of the batch's own fields names a definition the item schema brought."""
    for name in list(batch["properties"])[1:]:
        for ref in _refs(batch["properties"][name]):
            if ref.removeprefix("#/definitions/") not in batch["definitions"]:
                raise AssemblyError(f"{where}: {name} refers to {ref}, which the item schema does not define")


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def _filler(shape: BatchShape, where: str) -> Callable[[str], str]:
    values = {
        "max_items": shape.max_items,
        "max_items_update": shape.max_items_update,
        "max_bytes_mb": None if shape.max_bytes is None else f"{shape.max_bytes / 1_000_000:g} MB",
    }

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if values.get(name) is None:
            raise AssemblyError(f"{where}: {match.group(0)} names no limit of {shape.kind}")
        return str(values[name])

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(value, text)

    return fill


def stale(directory: Path | None = None) -> list[str]:
    """Batch kinds whose schema on disk differs from what its sources assemble."""
    out = []
    for kind in BATCHES:
        path = schema_path(kind, directory)
        if not path.exists() or path.read_text(encoding="utf-8") != render(assemble(kind, directory)):
            out.append(kind)
    return out


def write(directory: Path | None = None) -> list[Path]:
    """Write every batch schema (none when one cannot be assembled); return the paths written."""
    texts = {schema_path(kind, directory): render(assemble(kind, directory)) for kind in BATCHES}
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    return list(texts)
