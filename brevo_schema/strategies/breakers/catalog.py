"""How to break each rule a product or a category can break."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Final

from hypothesis import strategies as st

from ...rules.catalog import META_INFO_MAX_CHARS, RESPONSE_ONLY
from ..base import _KEYS, _MAX_META_KEYS, Payload
from ..vocabulary import _CDN, _LABEL, _PRODUCT_META_KEYS, UTC_DATE_TIMES, _image_urls, _text
from .mutations import (
    _BAD_URLS,
    _WRONG,
    Mutation,
    Path,
    _add_unknown,
    _bad_date,
    _Breaker,
    _drop,
    _mis_case,
    _negative_money,
    _not_undeleted,
    _set,
    _set_one,
)
from .orders import _OFFSETS, _non_finite_at, _past_64_bits_at, _with_offset

# --- catalog breakers ---------------------------------------------------------

_CREATE: Final[Mapping[str, Any]] = {"update_enabled": False}


def _drop_name(draw: st.DrawFn, item: Payload) -> None:
    item.pop("name", None)


def _response_only(kind: str) -> Mutation:
    def mutate(draw: st.DrawFn, item: Payload) -> None:
        key = draw(st.sampled_from(RESPONSE_ONLY[kind]))
        item[key] = draw(_image_urls()) if key.startswith("s3") else draw(UTC_DATE_TIMES)

    return mutate


def _deleted_conflict(draw: st.DrawFn, item: Payload) -> None:
    item["deletedAt"] = draw(UTC_DATE_TIMES)
    item["isDeleted"] = False


def _deleted_not_utc(draw: st.DrawFn, item: Payload) -> None:
    item["deletedAt"] = _with_offset(draw(UTC_DATE_TIMES), draw(st.sampled_from(_OFFSETS)))
    _not_undeleted(item)


def _parent_self(draw: st.DrawFn, product: Payload) -> None:
    product["parentId"] = product["id"]


_BAD_IMAGE_TYPES: Final = ("tiff", "svg", "heic", "pdf", "avif", "jfif", "TIF")


def _bad_image(draw: st.DrawFn, product: Payload) -> None:
    slug = draw(_text(_LABEL, min_size=1, max_size=12))
    product["imageUrl"] = f"{_CDN}{slug}.{draw(st.sampled_from(_BAD_IMAGE_TYPES))}"


def _meta_keys(count: int) -> list[str]:
    return [f"{_PRODUCT_META_KEYS[i % len(_PRODUCT_META_KEYS)]}_{i}" for i in range(count)]


def _too_many_meta_keys(draw: st.DrawFn, product: Payload) -> None:
    count = draw(st.integers(_MAX_META_KEYS + 1, _MAX_META_KEYS + 10))
    product["metaInfo"] = {key: draw(st.one_of(_text(_LABEL, max_size=8), st.integers())) for key in _meta_keys(count)}


def _meta_too_long(draw: st.DrawFn, product: Payload) -> None:
    key = draw(st.sampled_from(("care_instructions", "long_description", "specs")))
    extra = draw(st.integers(1, 500))
    letter = draw(st.sampled_from(("x", "é", "語")))
    product["metaInfo"] = {"color": "red", key: letter * (META_INFO_MAX_CHARS - len(key) - 8 + extra)}


def _catalog_breakers(kind: str) -> dict[str, list[_Breaker]]:
    """Breakers for a product or category (alone or in a batch: none touches updateEnabled)."""
    documented = _KEYS[kind, ""]
    is_product = kind == "product"
    typed: dict[Path, str] = {("id",): "string", ("isDeleted",): "boolean", ("url",): "string"}
    if is_product:
        typed.update({("price",): "number", ("categories",): "array", ("stock",): "number", ("metaInfo",): "object"})
    urls = [("url",), ("imageUrl",)] if is_product else [("url",)]
    recasable = [("id",), ("name",), ("url",), ("isDeleted",)] + (
        [("price",), ("sku",), ("brand",)] if is_product else []
    )
    breakers: dict[str, list[_Breaker]] = {
        "schema/type": [_Breaker(_wrong_type_set(typed))],
        "schema/required": [_Breaker(_drop([("id",)]))],
        "schema/additionalProperties": [
            _Breaker(_add_unknown({(): documented}, avoid=(*RESPONSE_ONLY[kind], "updateEnabled")))
        ],
        "schema/minLength": [_Breaker(_set_one([("id",), ("name",)], st.just("")), _CREATE)],
        "schema/pattern": [_Breaker(_set_one(urls, st.sampled_from(_BAD_URLS), existing=False))],
        "schema/format": [_Breaker(_bad_date([("deletedAt",)], catalog=True))],
        "keys/case": [_Breaker(_mis_case(recasable), _CREATE)],
        "catalog/name-required": [_Breaker(_drop_name, _CREATE)],
        "catalog/response-only-field": [_Breaker(_response_only(kind))],
        "catalog/deleted-conflict": [_Breaker(_deleted_conflict)],
        "dates/not-utc": [_Breaker(_deleted_not_utc)],
    }
    if is_product:
        breakers["schema/minimum"] = [
            _Breaker(_set_one([("price",), ("alternativePrice",)], _negative_money(), existing=False))
        ]
        breakers["schema/maxProperties"] = [_Breaker(_too_many_meta_keys)]
        breakers["catalog/meta-info-size"] = [_Breaker(_meta_too_long)]
        breakers["catalog/parent-self"] = [_Breaker(_parent_self)]
        breakers["catalog/image-format"] = [_Breaker(_bad_image)]
        breakers["json/non-finite-number"] = [_Breaker(_non_finite_at([("price",), ("alternativePrice",), ("stock",)]))]
        breakers["numbers/out-of-range"] = [_Breaker(_past_64_bits_at([("price",), ("alternativePrice",), ("stock",)]))]
    return breakers


def _wrong_type_set(typed: Mapping[Path, str]) -> Mutation:
    """Like ``_wrong_type``, for keys that may be absent: the wrong value is added."""

    def mutate(draw: st.DrawFn, item: Payload) -> None:
        path = draw(st.sampled_from(list(typed)))
        _set(item, path, copy.deepcopy(draw(st.sampled_from(_WRONG[typed[path]]))))

    return mutate
