"""The toolkit of invalid payloads: a valid payload drawn, then one mutation that breaks
exactly one rule (wrong types, dropped keys, unknown or mis-cased keys, bad formats)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ..._records import Value, init
from ..base import Payload
from ..vocabulary import _unicode_text

# --------------------------------------------------------------------------
# Invalid payloads: one rule broken at a time
# --------------------------------------------------------------------------

Path = tuple[str | int, ...]
Mutation = Callable[[st.DrawFn, Payload], None]

#: Registered rules that no payload can trigger under the default options, each with the
#: reason. A test fails when a new rule has neither a generator nor an entry here.
UNPRODUCIBLE: Final[Mapping[str, str]] = {
    "schema/anyOf": "told as contact/missing unless that rule is disabled",
    "schema/oneOf": "told as products/quantity-missing or products/quantity-both unless those are disabled",
    "schema/maxItems": "told as batch/max-items unless that rule is disabled",
    "schema/maximum": "told as numbers/out-of-range (an integer), products/quantity-not-integer (a float quantity) "
    "or json/non-finite-number (Infinity) unless those are disabled",
    "schema/invalid": "a bug guard: reported only if the two schema engines ever disagree",
}


class _Breaker(Value):
    """How to break one rule: a valid payload drawn with ``base`` options, then ``mutate``d."""

    __slots__ = ("mutate", "base")
    mutate: Mutation
    base: Mapping[str, Any]

    def __init__(self, mutate: Mutation, base: Mapping[str, Any] | None = None) -> None:
        init(self, mutate=mutate, base=base if base is not None else {})


def _resolve(payload: Any, path: Path) -> Any:
    node = payload
    for token in path:
        node = node[token]
    return node


def _set(payload: Payload, path: Path, value: Any) -> None:
    _resolve(payload, path[:-1])[path[-1]] = value


def _pick_path(draw: st.DrawFn, payload: Payload, paths: Sequence[Path]) -> Path:
    """One of ``paths`` with ``"*"`` replaced by an index of the array there."""
    chosen = draw(st.sampled_from(paths))
    out: list[str | int] = []
    for token in chosen:
        if token == "*":
            size = len(_resolve(payload, tuple(out)))
            out.append(draw(st.integers(0, size - 1)))
        else:
            out.append(token)
    return tuple(out)


def _present(paths: Sequence[Path], payload: Payload) -> list[Path]:
    """The paths of ``paths`` whose last key exists (``"*"`` read as index 0)."""
    found = []
    for path in paths:
        concrete = tuple(0 if t == "*" else t for t in path)
        try:
            container = _resolve(payload, concrete[:-1])
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(container, dict) and concrete[-1] in container:
            found.append(path)
    return found


_WRONG: Final[Mapping[str, tuple[Any, ...]]] = {
    "string": (None, 42, 4.5, True, [], {}),
    "number": ("12.50", None, True, [], {}),
    "array": ({}, "A-1", None, 3),
    "boolean": ("true", 1, None, "false"),
    "object": ([], "x", None, 0),
}


def _wrong_type(typed: Mapping[Path, str]) -> Mutation:
    """Give one of the ``typed`` values (path -> JSON type) a value of another type."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, list(typed))
        wrong = draw(st.sampled_from(_WRONG[typed[path if path in typed else _pattern_of(path, typed)]]))
        _set(payload, path, copy.deepcopy(wrong))

    return mutate


def _pattern_of(path: Path, patterns: Iterable[Path]) -> Path:
    """The pattern (with ``"*"``) that a concrete ``path`` was drawn from."""
    for pattern in patterns:
        if len(pattern) == len(path) and all(p in ("*", t) for p, t in zip(pattern, path, strict=True)):
            return pattern
    raise KeyError(path)


def _drop(paths: Sequence[Path]) -> Mutation:
    """Remove one of the required keys at ``paths``."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, _present(paths, payload))
        del _resolve(payload, path[:-1])[path[-1]]

    return mutate


_UNKNOWN_KEYS: Final = ("currency", "customer", "notes", "shipping", "tax", "discount", "channel", "locale", "colour")


def _unknown_key(documented: frozenset[str], also_avoid: Iterable[str] = ()) -> SearchStrategy[str]:
    """A key that is not documented here, nor a mis-cased documented one."""
    folded = {k.casefold() for k in documented} | {k.casefold() for k in also_avoid}
    pool = [k for k in _UNKNOWN_KEYS if k.casefold() not in folded]
    return st.one_of(st.sampled_from(pool), _unicode_text(1, 20).filter(lambda k: k.casefold() not in folded))


_SCALARS: Final = st.one_of(st.just("EUR"), _unicode_text(0, 10), st.integers(), st.booleans(), st.none())


def _add_unknown(objects: Mapping[Path, frozenset[str]], avoid: Iterable[str] = ()) -> Mutation:
    """Add an undocumented key to one of ``objects`` (path -> its documented keys)."""
    avoid = tuple(avoid)

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, _present_objects(list(objects), payload))
        documented = objects[_pattern_of(path, objects)] if path not in objects else objects[path]
        key = draw(_unknown_key(documented, avoid))
        _resolve(payload, path)[key] = draw(_SCALARS)

    return mutate


def _present_objects(paths: Sequence[Path], payload: Payload) -> list[Path]:
    return [p for p in paths if not p or isinstance(_resolve_or_none(payload, p), dict)]


def _resolve_or_none(payload: Payload, path: Path) -> Any:
    try:
        return _resolve(payload, tuple(0 if t == "*" else t for t in path))
    except (KeyError, IndexError, TypeError):
        return None


def _set_one(paths: Sequence[Path], values: SearchStrategy[Any], *, existing: bool = True) -> Mutation:
    """Set one of ``paths`` (present ones only, when ``existing``) to a drawn value."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        candidates = _present(paths, payload) if existing else list(paths)
        _set(payload, _pick_path(draw, payload, candidates), draw(values))

    return mutate


def _recase(key: str) -> SearchStrategy[str]:
    variants = sorted({key.upper(), key.lower(), key[:1].swapcase() + key[1:], key.title()} - {key})
    return st.sampled_from(variants)


def _rename(mapping: Payload, old: str, new: str) -> None:
    """Rename a key in place, keeping its position."""
    items = [(new if k == old else k, v) for k, v in mapping.items()]
    mapping.clear()
    mapping.update(items)


def _mis_case(paths: Sequence[Path]) -> Mutation:
    """Re-case one of the documented keys at ``paths`` (``Products``, ``ID``, ``createdat``)."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, _present(paths, payload))
        key = str(path[-1])
        _rename(_resolve(payload, path[:-1]), key, draw(_recase(key)))

    return mutate


def _negative_money() -> SearchStrategy[float]:
    return st.integers(1, 100_000).map(lambda cents: -cents / 100)


_BAD_DATE_TIMES: Final = (
    "2021-07-29 20:59:23",
    "2021-07-29T20:59:23",
    "2021-02-30T10:00:00Z",
    "29/07/2021",
    "2021-07-29t20:59:23z",
    "2021-07-29",
    "",
    "1627592363",
)
_BAD_EMAILS: Final = (
    "jean.dupont",
    "jean@",
    "@example.com",
    "jean dupont@example.com",
    "jean@example",
    "jéan@example.com",
    "a..b@example.com",
    "jean@@example.com",
)
_BAD_URLS: Final = (
    "www.example.com/p/1",
    "example.com/shoes",
    "ftp://example.com/p/1",
    "https://",
    "http://exa mple.com/p",
    "/products/1",
    "https:/example.com/p",
    "https://example.com/p\n",
    "",
)
_BAD_COUNTRY_CODES: Final = ("UK", "fr", "FRA", "XX", "EU", "", "france")


def _bad_date(paths: Sequence[Path], catalog: bool) -> Mutation:
    """A date-time in a layout Brevo's parser refuses; on a catalog item, one marked deleted."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, paths)
        _set(payload, path, draw(st.sampled_from(_BAD_DATE_TIMES)))
        if catalog:
            _not_undeleted(_resolve(payload, path[:-1]))

    return mutate


def _not_undeleted(item: Payload) -> None:
    """Keep ``isDeleted: false`` away from a ``deletedAt`` (that is ``catalog/deleted-conflict``)."""
    if item.get("isDeleted") is False:
        del item["isDeleted"]
