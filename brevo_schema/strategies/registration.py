"""``st.from_type()`` for the TypedDicts of ``brevo_schema.types``: drawn from these strategies."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .base import Payload, _flags
from .batches import category_batches, order_batches, product_batches
from .catalog import _category, _product, categories, products
from .orders import _BILLING_KEYS, ORDER_LINES, _billing, _customer, _identifiers, orders

# --------------------------------------------------------------------------
# st.from_type() for the TypedDicts of brevo_schema.types
# --------------------------------------------------------------------------


@st.composite
def _identifiers_alone(draw: st.DrawFn) -> Payload:
    return _identifiers(draw, _customer(draw))


@st.composite
def _billing_alone(draw: st.DrawFn) -> Payload:
    return _billing(draw, _customer(draw), _flags(draw, len(_BILLING_KEYS)), False)


@cache
def type_strategies() -> dict[Any, SearchStrategy[Any]]:
    """The strategy for each TypedDict of ``brevo_schema.types``."""
    from .. import types

    return {
        types.Order: orders(),
        types.OrderBatch: order_batches(),
        types.Product: products(),
        types.ProductBatch: product_batches(),
        types.Category: categories(),
        types.CategoryBatch: category_batches(),
        types.OrderLine: ORDER_LINES,
        types.Identifiers: _identifiers_alone(),
        types.Billing: _billing_alone(),
        types.ProductInBatch: _product(None, True, {}),
        types.CategoryInBatch: _category(None, True, {}),
    }


def register_types() -> None:
    """``st.from_type(Order)`` (and every TypedDict of ``brevo_schema.types``) draws
    from these strategies, not from Hypothesis's generic TypedDict support (any text
    for every string, so mostly payloads Brevo rejects). Run on import."""
    for type_, strategy in type_strategies().items():
        st.register_type_strategy(type_, strategy)
