"""How to break each rule an order can break."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta, timezone
from typing import Final

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...rules.dates import parse_date_time
from ...rules.orders import KNOWN_STATUSES
from ..base import _KEYS, Payload
from ..vocabulary import (
    _COUPONS,
    _LOCALE_CHOICE,
    _PHONES,
    _QUANTITY,
    _QUANTITY_FLOAT,
    EMAILS,
    _built,
    _unicode_text,
    _utc_text,
)
from .mutations import (
    _BAD_COUNTRY_CODES,
    _BAD_EMAILS,
    Mutation,
    Path,
    _add_unknown,
    _bad_date,
    _Breaker,
    _drop,
    _mis_case,
    _negative_money,
    _pick_path,
    _recase,
    _resolve,
    _set,
    _set_one,
    _wrong_type,
)

# --- order-specific breakers ---------------------------------------------------


def _quantity_missing(draw: st.DrawFn, order: Payload) -> None:
    line = _resolve(order, _pick_path(draw, order, [("products", "*")]))
    line.pop("quantity", None)
    line.pop("quantityFloat", None)


def _quantity_both(draw: st.DrawFn, order: Payload) -> None:
    line = _resolve(order, _pick_path(draw, order, [("products", "*")]))
    line.setdefault("quantity", draw(_QUANTITY))
    line.setdefault("quantityFloat", draw(_QUANTITY_FLOAT))


def _quantity_float(draw: st.DrawFn, order: Payload) -> None:
    line = _resolve(order, _pick_path(draw, order, [("products", "*")]))
    line.pop("quantityFloat", None)
    whole = st.integers(0, 100).map(float)
    line["quantity"] = draw(st.one_of(whole, _QUANTITY_FLOAT.filter(lambda q: not q.is_integer())))


def _negative_quantity(draw: st.DrawFn, order: Payload) -> None:
    line = _resolve(order, _pick_path(draw, order, [("products", "*")]))
    if "quantity" in line:
        line["quantity"] = -draw(st.integers(1, 100))
    else:
        line["quantityFloat"] = draw(_negative_money())


def _no_contact(draw: st.DrawFn, order: Payload) -> None:
    order.pop("identifiers", None)
    order.pop("email", None)
    billing = order.get("billing")
    if isinstance(billing, dict):
        billing.pop("phone", None)
    if draw(st.booleans()):
        order["identifiers"] = {}


def _legacy_only(draw: st.DrawFn, order: Payload) -> None:
    order.pop("identifiers", None)
    if draw(st.booleans()):
        order["email"] = draw(EMAILS)
    else:
        order.pop("email", None)
        order.setdefault("billing", {})["phone"] = draw(_PHONES[draw(_LOCALE_CHOICE).code])


def _case_duplicate_coupon(draw: st.DrawFn, order: Payload) -> None:
    coupons = order.get("coupons") or []
    code = draw(st.sampled_from(_COUPONS))
    order["coupons"] = [c for c in coupons if c.casefold() != code.casefold()] + [code, draw(_recase(code))]


_ODD_STATUSES: Final = ("paid", "en cours", "delivered", "on-hold", "Versandt", "shipping", "complete")


def _odd_status(draw: st.DrawFn, order: Payload) -> None:
    known = {s.casefold() for s in KNOWN_STATUSES}
    odd = st.one_of(st.sampled_from(_ODD_STATUSES), _unicode_text(1, 20))
    order["status"] = draw(odd.filter(lambda s: s.lower() not in known))


_ARTIFACTS: Final = (0.30000000000000004, 19.990000000000002, 59.97000000000001, 0.1 + 0.7)


def _artifact() -> SearchStrategy[float]:
    """Money with a floating-point tail (more than 3 decimals)."""
    tail = _built(lambda cents, micro: cents / 100 + micro / 1_000_000, st.integers(0, 100_000), st.integers(1, 9))
    return st.one_of(st.sampled_from(_ARTIFACTS), tail)


def _imprecise_money(draw: st.DrawFn, order: Payload) -> None:
    path = _pick_path(draw, order, [("amount",), ("products", "*", "price")])
    _set(order, path, draw(_artifact()))


_NON_FINITE: Final = st.sampled_from((math.nan, math.inf, -math.inf))


def _non_finite_at(paths: Sequence[Path]) -> Mutation:
    """NaN or an infinity where a number goes: a dict built in Python can hold one, JSON cannot."""
    return _set_one(paths, _NON_FINITE, existing=False)


#: Whole numbers past a float64 (about 1.8e308): valid JSON, and no 64-bit server holds them.
_PAST_FLOAT64: Final = st.sampled_from([10**309, 2**1100, 10**400])


def _past_64_bits_at(paths: Sequence[Path]) -> Mutation:
    return _set_one(paths, _PAST_FLOAT64, existing=False)


_OFFSETS: Final = ("+02:00", "-05:00", "+05:30", "+01:00", "-03:00", "+09:00")


def _with_offset(text: str, offset: str) -> str:
    """The same instant as the UTC ``text``, written with ``offset``."""
    moment = parse_date_time(text)
    sign = 1 if offset[0] == "+" else -1
    shift = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    local = moment.astimezone(shift)
    fraction = f".{local.microsecond // 1000:03d}" if "." in text else ""
    return local.strftime("%Y-%m-%dT%H:%M:%S") + fraction + offset


def _order_not_utc(draw: st.DrawFn, order: Payload) -> None:
    offset = draw(st.sampled_from(_OFFSETS))
    keys = draw(st.sampled_from((("createdAt",), ("updatedAt",), ("createdAt", "updatedAt"))))
    for key in keys:
        order[key] = _with_offset(order[key], offset)


def _updated_first(draw: st.DrawFn, order: Payload) -> None:
    created = parse_date_time(order["createdAt"]).replace(tzinfo=None)
    earlier = created - draw(st.integers(1, 30 * 24 * 3600).map(lambda s: timedelta(seconds=s)))
    order["updatedAt"] = _utc_text(earlier, False)


def _bad_country(draw: st.DrawFn, order: Payload) -> None:
    order.setdefault("billing", {})["countryCode"] = draw(st.sampled_from(_BAD_COUNTRY_CODES))


_ORDER_STRINGS: Final[tuple[Path, ...]] = (("id",), ("status",), ("products", "*", "productId"))


def _order_breakers() -> dict[str, list[_Breaker]]:
    typed: dict[Path, str] = {p: "string" for p in (*_ORDER_STRINGS, ("createdAt",), ("updatedAt",))}
    typed.update({("amount",): "number", ("products",): "array", ("products", "*", "price"): "number"})
    required = (
        *(("id",), ("createdAt",), ("updatedAt",), ("status",), ("amount",), ("products",)),
        *(("products", "*", "productId"), ("products", "*", "price")),
    )
    objects: dict[Path, frozenset[str]] = {
        (): _KEYS["order", ""],
        ("products", "*"): _KEYS["order", "line"],
        ("identifiers",): _KEYS["order", "identifiers"],
        ("billing",): _KEYS["order", "billing"],
    }
    recasable = (
        *(("id",), ("createdAt",), ("updatedAt",), ("status",), ("amount",), ("products",), ("coupons",)),
        *(("metaInfo",), ("storeId",), ("products", "*", "productId"), ("products", "*", "price")),
        *(("billing", "city"), ("billing", "countryCode")),
    )
    return {
        "schema/type": [_Breaker(_wrong_type(typed))],
        "schema/required": [_Breaker(_drop(required))],
        "schema/additionalProperties": [_Breaker(_add_unknown(objects))],
        "schema/minLength": [_Breaker(_set_one(_ORDER_STRINGS, st.just("")))],
        "schema/minimum": [
            _Breaker(_set_one([("amount",), ("products", "*", "price")], _negative_money())),
            _Breaker(_negative_quantity),
        ],
        "schema/minItems": [_Breaker(_set_one([("products",)], st.just([])))],
        "schema/format": [
            _Breaker(_bad_date([("createdAt",), ("updatedAt",)], catalog=False)),
            _Breaker(_set_one([("identifiers", "email_id"), ("email",)], st.sampled_from(_BAD_EMAILS), existing=False)),
        ],
        "schema/enum": [_Breaker(_bad_country)],
        "keys/case": [_Breaker(_mis_case(recasable))],
        "contact/missing": [_Breaker(_no_contact)],
        "contact/legacy-only": [_Breaker(_legacy_only)],
        "products/quantity-missing": [_Breaker(_quantity_missing)],
        "products/quantity-both": [_Breaker(_quantity_both)],
        "products/quantity-not-integer": [_Breaker(_quantity_float)],
        "coupons/case-duplicate": [_Breaker(_case_duplicate_coupon)],
        "order/status-unknown": [_Breaker(_odd_status)],
        "money/precision": [_Breaker(_imprecise_money)],
        # Not quantity: a float there is products/quantity-not-integer as well.
        "json/non-finite-number": [_Breaker(_non_finite_at([("amount",), ("products", "*", "price")]))],
        "numbers/out-of-range": [_Breaker(_past_64_bits_at([("amount",), ("products", "*", "price")]))],
        "dates/not-utc": [_Breaker(_order_not_utc)],
        "dates/updated-before-created": [_Breaker(_updated_first)],
    }
