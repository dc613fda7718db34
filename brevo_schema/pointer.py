"""RFC 6901 JSON Pointers: building, splitting and following them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def json_key(key: Any) -> str:
    """A key of a dict built in Python as ``json.dumps`` writes it, the key Brevo would
    receive: ``5`` -> ``"5"``, ``True`` -> ``"true"``, ``None`` -> ``"null"``."""
    if isinstance(key, str):
        return key
    import json

    try:
        return json.dumps(key)
    except (TypeError, ValueError):  # no JSON text for it (a tuple key, a 5000-digit integer)
        return f"<{type(key).__name__}>"


def escape(token: str | int) -> str:
    """One reference token, escaped (``~`` -> ``~0``, ``/`` -> ``~1``). A non-string key of a
    dict built in Python is written as JSON writes it (``True`` -> ``true``)."""
    text = token if type(token) is str else str(token) if type(token) is int else json_key(token)
    if "~" in text or "/" in text:
        text = text.replace("~", "~0").replace("/", "~1")
    return text


def join(base: str, *tokens: str | int) -> str:
    """``join("/orders", 3, "id")`` -> ``"/orders/3/id"``."""
    return base + "".join("/" + escape(t) for t in tokens)


def from_path(path: Iterable[str | int]) -> str:
    return join("", *path)


def split(pointer: str) -> list[str]:
    """The unescaped reference tokens of ``pointer`` (``""`` -> ``[]``)."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


_MISSING = object()


def resolve(document: Any, pointer: str, default: Any = _MISSING) -> Any:
    """The value ``pointer`` names in ``document``; ``default`` (or KeyError) if none."""
    node = document
    for token in split(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, (list, tuple)) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            if default is _MISSING:
                raise KeyError(pointer)
            return default
    return node


def parent(pointer: str) -> str:
    """The pointer of the container holding what ``pointer`` names."""
    return pointer[: pointer.rfind("/")] if pointer else ""


def last_token(pointer: str) -> str:
    tokens = split(pointer)
    return tokens[-1] if tokens else ""


def order_key(document: Any) -> Callable[[str], list[int]]:
    """The sort key of a pointer: where what it names sits in ``document``, level by level.

    Each object's key positions are indexed once, on first need: a document with
    many findings in one wide object sorts in linear time."""
    indexes: dict[int, dict[Any, int]] = {}

    def key(pointer: str) -> list[int]:
        node, out = document, []
        for token in split(pointer):
            if isinstance(node, dict):
                index = indexes.get(id(node))
                if index is None:
                    index = indexes[id(node)] = {k: i for i, k in enumerate(node)}
                out.append(index.get(token, len(index)))
                node = node.get(token)
            elif isinstance(node, (list, tuple)) and token.isdigit():
                out.append(int(token))
                node = node[int(token)] if int(token) < len(node) else None
            else:
                out.append(1 << 30)
                node = None
        return out

    return key
