"""Valid batches of orders, products and categories, and ``payloads(kind)``."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from ..kinds import BATCHES, check_kind
from ..rules.batches import BASE_PRODUCT_LIMIT
from .base import _BOOLEANS, _MAX_CATEGORIES, _MAX_ORDERS, Contact, Payload, _Fields, _fixed, _put
from .catalog import _category, _product, _update_flag, categories, products
from .orders import _check_contact, orders
from .vocabulary import _HOOK_URLS

# --------------------------------------------------------------------------
# Batches
# --------------------------------------------------------------------------

#: Items drawn independently in one batch; bigger batches copy them under fresh ids.
_DRAWN_ITEMS: Final = 24


def _item_id(item: Any) -> Any:
    return item.get("id") if isinstance(item, dict) else id(item)


def _unique_copies(items: Sequence[Payload], size: int) -> list[Payload]:
    """``items`` followed by copies of them under fresh ids, ``size`` items in all.

    A copy's id is its original's with ``-<n>`` appended, lengthened until it is
    unused, so the ids stay unique whatever the originals were.
    """
    seen = {_item_id(item) for item in items}
    out = list(items)
    for index in range(len(items), size):
        item = copy.deepcopy(items[index % len(items)])
        new_id = f"{item.get('id', 'item')}-{index}"
        while new_id in seen:
            new_id += "-"
        item["id"] = new_id
        seen.add(new_id)
        out.append(item)
    return out


def _batch_items(items: SearchStrategy[Payload], min_size: int, max_size: int) -> SearchStrategy[list[Payload]]:
    """Between ``min_size`` and ``max_size`` items with unique ids."""
    if max_size <= _DRAWN_ITEMS:
        return st.lists(items, min_size=min_size, max_size=max_size, unique_by=_item_id)
    sizes = st.one_of(st.integers(min_size, max_size), st.just(max_size))  # the largest batch comes up
    if min_size < _DRAWN_ITEMS:
        sizes = st.one_of(st.integers(min_size, _DRAWN_ITEMS), sizes)  # small batches are the common case
    return _big_batch_items(items, sizes)


@st.composite
def _big_batch_items(draw: st.DrawFn, items: SearchStrategy[Payload], sizes: SearchStrategy[int]) -> list[Payload]:
    size = draw(sizes)
    drawn = min(size, _DRAWN_ITEMS)
    originals = draw(st.lists(items, min_size=drawn, max_size=drawn, unique_by=_item_id))
    return _unique_copies(originals, size)


def _check_sizes(min_size: int, max_size: int, limit: int, what: str, hint: str = "") -> None:
    if not 1 <= min_size <= max_size <= limit:
        raise InvalidArgument(
            f"need 1 <= min_size <= max_size <= {limit} for {what}, got {min_size} and {max_size}{hint}"
        )


@st.composite
def _order_batch(
    draw: st.DrawFn, items: SearchStrategy[list[Payload]], historical: bool | None, fixed: Mapping[str, Any]
) -> Payload:
    f = _Fields(draw, fixed)
    out: Payload = {"orders": f.get("orders", items)}
    _put(out, "notifyUrl", f.maybe("notifyUrl", _HOOK_URLS))
    out["historical"] = historical if historical is not None else f.get("historical", _BOOLEANS)
    return f.finish(out)


def order_batches(
    *,
    min_size: int = 1,
    max_size: int = 10,
    historical: bool | None = None,
    contact: Contact = "any",
    items: SearchStrategy[Payload] | None = None,
    fixed: Mapping[str, Any] | None = None,
    **fixed_values: Any,
) -> SearchStrategy[Payload]:
    """Valid order batches (the body of ``POST /v3/orders/status/batch``).

    ``historical`` is always sent (leaving it out draws ``batch/historical-implicit``):
    None draws true or false. ``items`` replaces the orders strategy (their ids
    must be able to differ); ``contact`` is passed to the default ``orders()``.
    ``max_size`` goes up to 1000, Brevo's limit: ``min_size=1000`` draws the largest batch.
    """
    _check_sizes(min_size, max_size, _MAX_ORDERS, "an order batch")
    _check_contact(contact)
    strategy = items if items is not None else orders(contact=contact)
    return _order_batch(_batch_items(strategy, min_size, max_size), historical, _fixed(fixed, fixed_values))


@st.composite
def _catalog_batch(
    draw: st.DrawFn,
    key: str,
    item_lists: Mapping[bool, SearchStrategy[list[Payload]]],
    update_enabled: bool | None,
    fixed: Mapping[str, Any],
) -> Payload:
    f = _Fields(draw, fixed)
    flag = _update_flag(draw, update_enabled)
    out: Payload = {key: f.get(key, item_lists[flag is True])}
    _put(out, "updateEnabled", flag)
    return f.finish(out)


def _catalog_batches(
    kind: str,
    min_size: int,
    max_size: int,
    update_enabled: bool | None,
    items: SearchStrategy[Payload] | None,
    fixed: dict[str, Any],
) -> SearchStrategy[Payload]:
    """A catalog batch; its items need a name unless the batch updates (``updateEnabled: true``)."""
    build = _product if kind == "product-batch" else _category
    item_lists = {
        update: _batch_items(items if items is not None else build(update, True, {}), min_size, max_size)
        for update in (False, True)
    }
    return _catalog_batch(BATCHES[kind].items_key, item_lists, update_enabled, fixed)


_RAISED_LIMIT_HINT: Final = (
    f"; more than {BASE_PRODUCT_LIMIT} products draw the warning batch/raised-limit: "
    "use invalid('product-batch', 'batch/raised-limit') for those"
)


def product_batches(
    *,
    min_size: int = 1,
    max_size: int = 10,
    update_enabled: bool | None = None,
    items: SearchStrategy[Payload] | None = None,
    fixed: Mapping[str, Any] | None = None,
    **fixed_values: Any,
) -> SearchStrategy[Payload]:
    """Valid product batches (the body of ``POST /v3/products/batch``), at most 100 products.

    ``update_enabled`` is set on the batch (never on its products): None draws
    absent, false or true; with true the products' names become optional.
    """
    _check_sizes(min_size, max_size, BASE_PRODUCT_LIMIT, "a product batch", _RAISED_LIMIT_HINT)
    fixed_all = _fixed(fixed, fixed_values)
    return _catalog_batches("product-batch", min_size, max_size, update_enabled, items, fixed_all)


def category_batches(
    *,
    min_size: int = 1,
    max_size: int = 10,
    update_enabled: bool | None = None,
    items: SearchStrategy[Payload] | None = None,
    fixed: Mapping[str, Any] | None = None,
    **fixed_values: Any,
) -> SearchStrategy[Payload]:
    """Valid category batches (the body of ``POST /v3/categories/batch``), at most 100 categories."""
    _check_sizes(min_size, max_size, _MAX_CATEGORIES, "a category batch")
    fixed_all = _fixed(fixed, fixed_values)
    return _catalog_batches("category-batch", min_size, max_size, update_enabled, items, fixed_all)


_BUILDERS: Final[Mapping[str, Callable[..., SearchStrategy[Payload]]]] = {
    "order": orders,
    "order-batch": order_batches,
    "product": products,
    "product-batch": product_batches,
    "category": categories,
    "category-batch": category_batches,
}


def payloads(kind: str, **options: Any) -> SearchStrategy[Payload]:
    """Valid payloads of ``kind`` (one of ``brevo_schema.KINDS``); ``options`` go to
    that kind's strategy: ``payloads("order-batch", max_size=3, historical=False)``."""
    return _BUILDERS[check_kind(kind)](**options)
