"""What every strategy shares: the payload type, ``OMIT``, the facts read from the bundled
schemas (documented keys, limits, country codes), and the fixed-or-drawn field helper."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any, Final, Literal, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from ..kinds import BATCHES
from ..schemas import load_shared

Payload = dict[str, Any]
Contact = Literal["identifiers", "legacy", "any"]
T = TypeVar("T")
_BOOLEANS: Final = st.booleans()


class _Omit:
    """The type of ``OMIT``."""

    def __repr__(self) -> str:
        return "OMIT"


#: As a fixed value: leave the key out of every draw (``orders(billing=OMIT)``).
OMIT: Final = _Omit()

# --------------------------------------------------------------------------
# What the schemas say: key lists and limits, read once from the bundled files
# --------------------------------------------------------------------------


def _properties(kind: str, definition: str | None = None) -> frozenset[str]:
    schema = load_shared(kind)
    node = schema["definitions"][definition] if definition else schema
    return frozenset(node["properties"])


COUNTRY_CODES: Final[tuple[str, ...]] = tuple(load_shared("order")["definitions"]["countryCode"]["enum"])
_MAX_ORDERS: Final[int] = BATCHES["order-batch"].max_items
_MAX_CATEGORIES: Final[int] = BATCHES["category-batch"].max_items
_MAX_META_KEYS: Final[int] = load_shared("product")["definitions"]["productMetaInfo"]["maxProperties"]
#: Documented keys of each object a mutation may touch, by (kind, object).
_KEYS: Final[Mapping[tuple[str, str], frozenset[str]]] = {
    ("order", ""): _properties("order"),
    ("order", "line"): _properties("order", "orderLine"),
    ("order", "identifiers"): _properties("order", "identifiers"),
    ("order", "billing"): _properties("order", "billing"),
    ("product", ""): _properties("product"),
    ("category", ""): _properties("category"),
    ("order-batch", ""): _properties("order-batch"),
    ("product-batch", ""): _properties("product-batch"),
    ("category-batch", ""): _properties("category-batch"),
}


# --------------------------------------------------------------------------
# Fixed values
# --------------------------------------------------------------------------

_ABSENT: Final = object()


def _fixed(fixed: Mapping[str, Any] | None, keywords: Mapping[str, Any]) -> dict[str, Any]:
    """One mapping of fixed values; keyword arguments win over ``fixed``."""
    merged = dict(fixed or {})
    merged.update(keywords)
    for key in merged:
        if not isinstance(key, str):
            raise InvalidArgument(f"fixed keys are JSON object keys (strings), not {key!r}")
    return merged


@cache
def _flag_bytes(width: int) -> SearchStrategy[bytes]:
    return st.binary(min_size=width, max_size=width)


def _flags(draw: st.DrawFn, width: int) -> list[bool]:
    """``width`` yes-or-no answers from one draw (a draw is what generation costs). Bytes,
    not the bits of an integer: Hypothesis favours small integers, which would starve the
    high bits; each byte's low bit is a fair coin. All no (zero bytes) is what they shrink to."""
    return [bool(byte & 1) for byte in draw(_flag_bytes(width))]


class _Fields:
    """The caller's fixed values for one draw: each strategy drawn once, on first use."""

    def __init__(self, draw: st.DrawFn, values: Mapping[str, Any]) -> None:
        self._draw = draw
        self._values = values
        self._resolved: dict[str, Any] = {}
        self._decided: set[str] = set()
        self._included: set[str] = set()

    def plan(self, keys: Sequence[str]) -> None:
        """Decide at once which of the optional ``keys`` this draw holds: one draw for all
        (a bit each), where a boolean per key costs a draw each."""
        free = [key for key in keys if key not in self._values]
        flags = _flags(self._draw, len(free)) if free else []
        self._decided.update(free)
        self._included.update(key for key, included in zip(free, flags, strict=True) if included)

    def omitted(self, key: str) -> bool:
        return self._values.get(key, _ABSENT) is OMIT

    def given(self, key: str) -> bool:
        return key in self._values and not self.omitted(key)

    def value(self, key: str) -> Any:
        if key not in self._resolved:
            raw = self._values[key]
            self._resolved[key] = self._draw(raw) if isinstance(raw, SearchStrategy) else copy.deepcopy(raw)
        return self._resolved[key]

    def make(self, key: str, build: Callable[[], Any]) -> Any:
        """The fixed value of ``key``, else ``build()`` (also for an omitted key: others may depend on it)."""
        return self.value(key) if self.given(key) else build()

    def get(self, key: str, strategy: SearchStrategy[Any]) -> Any:
        return self.value(key) if self.given(key) else self._draw(strategy)

    def maybe_make(self, key: str, build: Callable[[], Any]) -> Any:
        """An optional key's value, or ``_ABSENT`` (about half the draws)."""
        if self.omitted(key):
            return _ABSENT
        if self.given(key):
            return self.value(key)
        if key in self._decided:
            return build() if key in self._included else _ABSENT
        return build() if self._draw(_BOOLEANS) else _ABSENT

    def maybe(self, key: str, strategy: SearchStrategy[Any]) -> Any:
        return self.maybe_make(key, lambda: self._draw(strategy))

    def finish(self, out: Payload) -> Payload:
        """``out`` with every fixed key applied: omitted ones removed, extra ones added."""
        for key in self._values:
            if self.omitted(key):
                out.pop(key, None)
            else:
                out[key] = self.value(key)
        return out


def _put(out: Payload, key: str, value: Any) -> None:
    if value is not _ABSENT:
        out[key] = value
