"""How to break each batch-level rule, and an item's rules lifted into its batch."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...kinds import BATCHES
from ...options import DEFAULT_OPTIONS
from ...rules.batches import BASE_PRODUCT_LIMIT
from ..base import _KEYS, Payload
from ..batches import _unique_copies
from .catalog import _CREATE, _wrong_type_set
from .mutations import _BAD_URLS, Mutation, Path, _add_unknown, _Breaker, _drop, _mis_case, _set_one

# --- batch breakers -----------------------------------------------------------


def _items_of(kind: str, batch: Payload) -> list[Payload]:
    items: list[Payload] = batch[BATCHES[kind].items_key]
    return items


def _lift(kind: str, breaker: _Breaker) -> _Breaker:
    """An item breaker applied to one item of a ``kind`` batch."""

    def mutate(draw: st.DrawFn, batch: Payload) -> None:
        items = _items_of(kind, batch)
        breaker.mutate(draw, items[draw(st.integers(0, len(items) - 1))])

    return _Breaker(mutate, breaker.base)


def _grow(kind: str, sizes: SearchStrategy[int]) -> Mutation:
    """Make the batch hold a drawn number of items (fresh ids for the copies)."""

    def mutate(draw: st.DrawFn, batch: Payload) -> None:
        key = BATCHES[kind].items_key
        batch[key] = _unique_copies(batch[key], draw(sizes))

    return mutate


def _duplicate_id(kind: str) -> Mutation:
    def mutate(draw: st.DrawFn, batch: Payload) -> None:
        items = _items_of(kind, batch)
        later = draw(st.integers(1, len(items) - 1))
        items[later]["id"] = items[draw(st.integers(0, later - 1))]["id"]

    return mutate


def _too_many_bytes(draw: st.DrawFn, batch: Payload) -> None:
    """One order's metaInfo makes the body pass 5 MB (in UTF-8 bytes, not characters)."""
    letter = draw(st.sampled_from(("x", "é", "€")))
    size = DEFAULT_OPTIONS.limits.max_order_bytes // len(letter.encode()) + draw(st.integers(1, 1000))
    order = batch["orders"][draw(st.integers(0, len(batch["orders"]) - 1))]
    order["metaInfo"] = {**(order.get("metaInfo") or {}), "note": letter * size}


def _drop_historical(draw: st.DrawFn, batch: Payload) -> None:
    del batch["historical"]


def _batch_level_breakers(kind: str) -> dict[str, list[_Breaker]]:
    key = BATCHES[kind].items_key
    documented = _KEYS[kind, ""]
    typed: dict[Path, str] = {(key,): "array"}
    recasable: list[Path] = [(key,)]
    if kind == "order-batch":
        typed[("historical",)] = "boolean"
        recasable.append(("notifyUrl",))
    else:
        typed[("updateEnabled",)] = "boolean"
    breakers: dict[str, list[_Breaker]] = {
        "schema/type": [_Breaker(_wrong_type_set(typed), _CREATE if kind != "order-batch" else {})],
        "schema/required": [_Breaker(_drop([(key,)]))],
        "schema/additionalProperties": [_Breaker(_add_unknown({(): documented}))],
        "schema/minItems": [_Breaker(_set_one([(key,)], st.just([])))],
        "keys/case": [_Breaker(_mis_case(recasable), _CREATE if kind != "order-batch" else {})],
        "batch/duplicate-id": [_Breaker(_duplicate_id(kind), {"min_size": 2})],
    }
    limit = BATCHES[kind].max_items
    breakers["batch/max-items"] = [_Breaker(_grow(kind, st.integers(limit + 1, limit + 5)), _CREATE)]
    if kind == "order-batch":
        breakers["batch/max-items"] = [_Breaker(_grow(kind, st.integers(limit + 1, limit + 5)))]
        breakers["batch/max-bytes"] = [_Breaker(_too_many_bytes, {"max_size": 3})]
        breakers["batch/historical-implicit"] = [_Breaker(_drop_historical)]
        breakers["schema/pattern"] = [_Breaker(_set_one([("notifyUrl",)], st.sampled_from(_BAD_URLS), existing=False))]
    if kind == "product-batch":
        update = {"update_enabled": True}
        most = BATCHES[kind].most_items
        breakers["batch/max-items"].append(_Breaker(_grow(kind, st.integers(most + 1, most + 3)), update))
        raised = st.one_of(st.integers(BASE_PRODUCT_LIMIT + 1, BASE_PRODUCT_LIMIT + 20), st.just(most))
        breakers["batch/raised-limit"] = [_Breaker(_grow(kind, raised), update)]
    return breakers
