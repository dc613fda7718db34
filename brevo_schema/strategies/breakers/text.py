"""Invalid JSON text: the rules only bytes can break (``json/...``) or no kind (``kind/unknown``)."""

from __future__ import annotations

import json
import math
from typing import Any, Final, overload

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from ...kinds import BATCHES, check_kind
from ..base import Payload
from ..batches import payloads
from ..catalog import categories
from ..orders import orders
from ..vocabulary import _built
from .mutations import _SCALARS, Path, _resolve, _set

# --------------------------------------------------------------------------
# Invalid JSON text
# --------------------------------------------------------------------------

#: The rules ``invalid_json`` breaks: they need the text, or a document of no kind.
INVALID_JSON_RULES: Final = (
    "json/syntax",
    "json/duplicate-key",
    "json/non-finite-number",
    "json/too-deep",
    "kind/unknown",
)


#: The kinds ``validate_json`` tells from the document alone (a bare product or
#: category may be either).
_DETECTABLE: Final = ("order", "order-batch", "product-batch", "category-batch")


def _any_valid(kind: str | None) -> SearchStrategy[Payload]:
    if kind is not None:
        return payloads(check_kind(kind), max_size=3) if kind in BATCHES else payloads(kind)
    return st.sampled_from(_DETECTABLE).flatmap(_any_valid)


def _compact(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _spoil(draw: st.DrawFn, text: str) -> bytes:
    """``text`` (one JSON object) made unparsable in one of the ways files get broken."""
    how = draw(st.sampled_from(("truncate", "comma", "quotes", "comment", "utf16", "byte", "nul", "empty", "extra")))
    if how == "truncate":
        return text[: draw(st.integers(0, len(text) - 1))].encode()
    if how == "comma":
        return (text[:-1] + ",}").encode()
    if how == "quotes":
        return text.replace('"', "'").encode()
    if how == "comment":
        return ("// exported from the shop\n" + text).encode()
    if how == "utf16":
        return text.encode("utf-16")
    if how == "byte":
        cut = draw(st.integers(0, len(text)))
        return text[:cut].encode() + b"\xff" + text[cut:].encode()
    if how == "nul":
        return text.encode() + b"\x00"
    if how == "extra":
        return (text + "\n" + text).encode()
    return draw(st.sampled_from((b"", b"  \n", b"\xef\xbb\xbf")))


def _object_paths(document: Any, at: Path = ()) -> list[Path]:
    """Every object in ``document`` holding at least one key."""
    found: list[Path] = []
    if isinstance(document, dict):
        if document:
            found.append(at)
        for key, value in document.items():
            found.extend(_object_paths(value, (*at, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.extend(_object_paths(value, (*at, index)))
    return found


def _dumps_twice(document: Any, target: Path, key: str, first: Any, at: Path = ()) -> str:
    """Compact JSON of ``document`` where the object at ``target`` writes ``key`` twice:
    first with ``first``, then (the value parsers keep) with its own value."""
    if isinstance(document, dict):
        members = [
            f"{json.dumps(k, ensure_ascii=False)}:{_dumps_twice(v, target, key, first, (*at, k))}"
            for k, v in document.items()
        ]
        if at == target:
            members.insert(0, f"{json.dumps(key, ensure_ascii=False)}:{_compact(first)}")
        return "{" + ",".join(members) + "}"
    if isinstance(document, list):
        return "[" + ",".join(_dumps_twice(v, target, key, first, (*at, i)) for i, v in enumerate(document)) + "]"
    return _compact(document)


def _duplicate_key(draw: st.DrawFn, document: Payload) -> bytes:
    target = draw(st.sampled_from(_object_paths(document)))
    key = draw(st.sampled_from(sorted(_resolve(document, target))))
    first = draw(st.one_of(st.just(_resolve(document, target)[key]), _SCALARS))
    return _dumps_twice(document, target, key, first).encode()


def _leaves(document: Any, at: Path = ()) -> list[tuple[Path, Any]]:
    if isinstance(document, dict):
        return [leaf for key, value in document.items() for leaf in _leaves(value, (*at, key))]
    if isinstance(document, list):
        return [leaf for index, value in enumerate(document) for leaf in _leaves(value, (*at, index))]
    return [(at, document)]


def _non_finite(draw: st.DrawFn, document: Payload) -> bytes:
    """A number (or, with none, an id) replaced by NaN or an infinity."""
    leaves = _leaves(document)
    numbers = [p for p, v in leaves if isinstance(v, (int, float)) and not isinstance(v, bool)]
    ids = [p for p, _ in leaves if p and p[-1] == "id"]
    path = draw(st.sampled_from(numbers or ids))
    _set(document, path, draw(st.sampled_from((math.nan, math.inf, -math.inf))))
    return json.dumps(document, ensure_ascii=False, allow_nan=True).encode()


def _too_deep(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(50_000, 100_000))  # past any parser's limit, C stack checks included
    opener = draw(st.sampled_from(("[", '{"a":')))
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "0" + closer * depth
    wrap = draw(st.booleans())
    return (f'{{"id":"P1","metaInfo":{nested}}}' if wrap else nested).encode()


_NO_KIND: Final = st.one_of(
    st.sampled_from(("[]", '"order"', "42", "null", "true", "{}", '{"foo":1}', '{"id":"A1","name":"Shoes"}')),
    st.lists(orders(), min_size=1, max_size=2).map(_compact),
    _built(lambda c: _compact({"id": c["id"], "name": c.get("name", "x")}), categories(update_enabled=False)),
)


@st.composite
def _json_breaking(draw: st.DrawFn, rule: str, kind: str | None) -> bytes:
    if rule == "json/too-deep":
        return _too_deep(draw)
    if rule == "kind/unknown":
        return draw(_NO_KIND).encode()
    document = draw(_any_valid(kind))
    if rule == "json/syntax":
        return _spoil(draw, _compact(document))
    if rule == "json/duplicate-key":
        return _duplicate_key(draw, document)
    return _non_finite(draw, document)


@overload
def invalid_json(rule: None = None, kind: str | None = None) -> SearchStrategy[tuple[bytes, str]]: ...
@overload
def invalid_json(rule: str, kind: str | None = None) -> SearchStrategy[bytes]: ...
def invalid_json(
    rule: str | None = None, kind: str | None = None
) -> SearchStrategy[bytes] | SearchStrategy[tuple[bytes, str]]:
    """UTF-8 bytes (mostly) on which ``validate_json(data)`` reports ``rule`` and no other rule.

    For the rules no parsed payload can carry (``INVALID_JSON_RULES``). The
    syntax, duplicate-key and non-finite cases spoil a valid payload of ``kind``
    (validate them with that kind) or, when None, of a kind ``validate_json``
    detects on its own (an order, or any batch); ``kind/unknown`` bytes hold a
    document of no kind, so validate them without naming one. ``rule=None``
    draws ``(data, rule)`` pairs.
    """
    if kind is not None:
        check_kind(kind)
    if rule is None:
        return st.sampled_from(INVALID_JSON_RULES).flatmap(lambda r: _json_breaking(r, kind).map(lambda d: (d, r)))
    if rule not in INVALID_JSON_RULES:
        raise InvalidArgument(
            f"invalid_json breaks {', '.join(INVALID_JSON_RULES)}; for {rule!r} use invalid(kind, rule)"
        )
    return _json_breaking(rule, kind)
