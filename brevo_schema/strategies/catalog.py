"""Valid products and categories, created or updated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .base import _ABSENT, _BOOLEANS, _MAX_META_KEYS, Payload, _Fields, _fixed, _put
from .vocabulary import (
    _BRAND_STRATEGY,
    _CATEGORY_LISTS,
    _CATEGORY_NAME_STRATEGY,
    _CATEGORY_URLS,
    _DESCRIPTIONS,
    _IMAGE_URLS,
    _PRODUCT_META_KEYS,
    _PRODUCT_NAME_STRATEGY,
    _PRODUCT_URLS,
    _SKUS,
    _STOCKS,
    CATEGORY_IDS,
    MONEY,
    PRODUCT_IDS,
    UTC_DATE_TIMES,
    _mostly,
    _unicode_text,
)

# --------------------------------------------------------------------------
# Products and categories
# --------------------------------------------------------------------------

_UpdateMode = bool | None
_CREATE_FLAGS: Final = st.sampled_from((_ABSENT, False))
_ANY_FLAGS: Final = st.sampled_from((_ABSENT, False, True))


def _update_flag(draw: st.DrawFn, update_enabled: _UpdateMode) -> Any:
    """The ``updateEnabled`` value to send: ``_ABSENT``, False or True."""
    if update_enabled is True:
        return True
    return draw(_CREATE_FLAGS if update_enabled is False else _ANY_FLAGS)


def _deletion(f: _Fields) -> tuple[Any, Any]:
    """(deletedAt, isDeleted) that never contradict each other (``catalog/deleted-conflict``)."""
    if f.given("isDeleted") and f.value("isDeleted") is False:
        return _ABSENT, False
    deleted_at = f.maybe("deletedAt", UTC_DATE_TIMES)  # first, so that it is in half the draws
    if deleted_at is _ABSENT:
        return _ABSENT, f.maybe("isDeleted", _BOOLEANS)
    return deleted_at, f.maybe_make("isDeleted", lambda: True)


def _finished(out: Payload, f: _Fields, flag: Any) -> Payload:
    """The keys every catalog item ends with: its deletion (drawn together) and, outside a
    batch, its own ``updateEnabled``."""
    deleted_at, is_deleted = _deletion(f)
    _put(out, "deletedAt", deleted_at)
    _put(out, "isDeleted", is_deleted)
    _put(out, "updateEnabled", flag)
    return f.finish(out)


_META_KEYS: Final = _mostly(st.sampled_from(_PRODUCT_META_KEYS), _unicode_text(1, 20))
_META_VALUES: Final = st.one_of(
    _mostly(st.sampled_from(("red", "M", "coton bio", "Portugal", "")), _unicode_text(0, 80)),
    st.integers(-(10**9), 10**9),
)
#: Mostly a few keys; one draw in five holds the most Brevo takes (20 keys).
_PRODUCT_META: Final = st.one_of(
    *[st.dictionaries(_META_KEYS, _META_VALUES, max_size=5)] * 4,
    st.dictionaries(_META_KEYS, _META_VALUES, min_size=_MAX_META_KEYS, max_size=_MAX_META_KEYS),
)


def _number_or_zero(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _parent_id(draw: st.DrawFn, own_id: Any) -> str:
    """A parent product id that is not the product's own (``catalog/parent-self``)."""
    parent: str = draw(PRODUCT_IDS)
    return parent if parent != own_id else f"{parent}-parent"


def _creates(flag: Any, in_batch: bool, update_enabled: _UpdateMode) -> bool:
    """Whether the request creates the item (so ``name`` is required)."""
    return not update_enabled if in_batch else flag is not True


_PRODUCT_OPTIONAL: Final = (
    *("name", "url", "imageUrl", "sku", "price", "alternativePrice", "categories", "parentId", "metaInfo"),
    *("brand", "description", "stock", "deletedAt", "isDeleted"),
)


@st.composite
def _product(draw: st.DrawFn, update_enabled: _UpdateMode, in_batch: bool, fixed: Mapping[str, Any]) -> Payload:
    f = _Fields(draw, fixed)
    flag = _ABSENT if in_batch else _update_flag(draw, update_enabled)
    out: Payload = {"id": f.get("id", PRODUCT_IDS)}
    f.plan(_PRODUCT_OPTIONAL)
    name = f.get if _creates(flag, in_batch, update_enabled) else f.maybe
    _put(out, "name", name("name", _PRODUCT_NAME_STRATEGY))
    _put(out, "url", f.maybe("url", _PRODUCT_URLS))
    _put(out, "imageUrl", f.maybe("imageUrl", _IMAGE_URLS))
    _put(out, "sku", f.maybe("sku", _SKUS))
    _put(out, "price", f.maybe("price", MONEY))
    base = _number_or_zero(out.get("price"))
    _put(out, "alternativePrice", f.maybe_make("alternativePrice", lambda: round(base + draw(MONEY), 2)))
    _put(out, "categories", f.maybe("categories", _CATEGORY_LISTS))
    _put(out, "parentId", f.maybe_make("parentId", lambda: _parent_id(draw, out["id"])))
    _put(out, "metaInfo", f.maybe("metaInfo", _PRODUCT_META))
    _put(out, "brand", f.maybe("brand", _BRAND_STRATEGY))
    _put(out, "description", f.maybe("description", _DESCRIPTIONS))
    _put(out, "stock", f.maybe("stock", _STOCKS))
    return _finished(out, f, flag)


@st.composite
def _category(draw: st.DrawFn, update_enabled: _UpdateMode, in_batch: bool, fixed: Mapping[str, Any]) -> Payload:
    f = _Fields(draw, fixed)
    flag = _ABSENT if in_batch else _update_flag(draw, update_enabled)
    out: Payload = {"id": f.get("id", CATEGORY_IDS)}
    f.plan(("name", "url", "deletedAt", "isDeleted"))
    name = f.get if _creates(flag, in_batch, update_enabled) else f.maybe
    _put(out, "name", name("name", _CATEGORY_NAME_STRATEGY))
    _put(out, "url", f.maybe("url", _CATEGORY_URLS))
    return _finished(out, f, flag)


def products(
    *, update_enabled: bool | None = None, fixed: Mapping[str, Any] | None = None, **fixed_values: Any
) -> SearchStrategy[Payload]:
    """Valid products (the body of ``POST /v3/products``).

    ``update_enabled``: None (the default) draws every mode; False creates
    (``updateEnabled`` absent or false, so ``name`` is always there); True sends
    ``"updateEnabled": true`` (``name`` then optional, as an update allows).
    """
    return _product(update_enabled, False, _fixed(fixed, fixed_values))


def categories(
    *, update_enabled: bool | None = None, fixed: Mapping[str, Any] | None = None, **fixed_values: Any
) -> SearchStrategy[Payload]:
    """Valid categories (the body of ``POST /v3/categories``); ``update_enabled`` as for ``products``."""
    return _category(update_enabled, False, _fixed(fixed, fixed_values))
