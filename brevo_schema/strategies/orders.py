"""Valid orders (``POST /v3/orders/status``): lines, contact, billing, dates, amounts."""

from __future__ import annotations

import math
import string
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from .._records import Value, init
from ..rules.orders import IDENTIFIER_KEYS
from .base import _BOOLEANS, _KEYS, Contact, Payload, _Fields, _fixed, _flag_bytes, _flags, _put
from .vocabulary import (
    _ANY_COUNTRY,
    _COUPONS,
    _DELAYS,
    _EARLIEST,
    _EXT_IDS,
    _ID_NUMBERS,
    _ID_TEXTS,
    _IDENTIFIER_CHOICES,
    _LEGACY_SHAPES,
    _LOCALE_CHOICE,
    _LOYALTY_IDS,
    _MILLIS,
    _ORDER_META_KEYS,
    _PAYMENTS,
    _PHONES,
    _PICKS,
    _SECONDS,
    _SHIPPING,
    _STATUSES,
    _STORE_IDS,
    _STREET_NUMBERS,
    _UUIDS,
    _VARIANT_IDS,
    _WIDE_CENTS,
    _WIDE_QUANTITIES,
    EMAILS,
    ORDER_IDS,
    _as_naive_utc,
    _Locale,
    _moment,
    _mostly,
    _text,
    _truncate,
    _unicode_text,
    _utc_text,
)

# --------------------------------------------------------------------------
# Orders
# --------------------------------------------------------------------------


_LINE_ID_PREFIXES: Final = ("SKU-", "P", "prod_")


def _order_line(draw: st.DrawFn) -> Payload:
    """One order line from as few draws as its choices allow (a draw is what generation
    costs). One uniform byte packs the choices: bit 0 a variantId; bits 1-2 at 3
    quantityFloat, else quantity; bits 3-5 the productId's style (0-5 numbered, 6 a
    UUID, 7 any text); bits 6-7 at 2 a quantity, at 3 a price, from the wide range
    (0 and the extremes included) rather than the everyday one. Byte 0, what lines
    shrink to, is ``{"productId": "SKU-1", "quantity": 1, "price": 1.0}``."""
    shape = draw(_flag_bytes(1))[0]
    style, wide = shape >> 3 & 7, shape >> 6
    if style < 6:
        product_id = f"{_LINE_ID_PREFIXES[style % 3]}{draw(_ID_NUMBERS)}"
    else:
        product_id = str(draw(_UUIDS)) if style == 6 else draw(_ID_TEXTS)
    line: Payload = {"productId": product_id}
    if shape & 1:
        line["variantId"] = draw(_VARIANT_IDS)
    units = draw(_WIDE_QUANTITIES)
    if shape >> 1 & 3 < 3:
        line["quantity"] = units if wide == 2 else 1 + units % 5
    else:
        line["quantityFloat"] = (units + 1) / 1000 if wide == 2 else (units % 10_000 + 1) / 100
    cents = draw(_WIDE_CENTS)
    line["price"] = (cents if wide == 3 else 100 + cents % 19_901) / 100
    return line


#: One order line. ``orders()`` draws its lines as a list of these: a list shrinks by
#: deleting lines, so a failing order shrinks to the one line that fails.
ORDER_LINES: Final = st.composite(_order_line)()


def _line_total(line: Any) -> float:
    """price x quantity of a line; 0 for a line that is not one (a fixed, odd ``products``)."""
    if not isinstance(line, dict):
        return 0.0
    price, quantity = line.get("price"), line.get("quantity", line.get("quantityFloat"))
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (price, quantity)):
        return 0.0
    total = float(price) * float(quantity)  # type: ignore[arg-type]  # both checked just above
    return total if math.isfinite(total) else 0.0


def _amount(lines: Any, shipping: float) -> float:
    """What the customer paid: the lines plus shipping, rounded to cents."""
    items = lines if isinstance(lines, list) else []
    return round(sum(_line_total(line) for line in items) + shipping, 2)


def _later(moment: datetime, delay: timedelta) -> datetime:
    try:
        return moment + delay
    except OverflowError:  # a fixed createdAt at the end of year 9999
        return moment


def _earlier(moment: datetime, delay: timedelta) -> datetime:
    try:
        return max(moment - delay, _EARLIEST) if moment >= _EARLIEST else moment
    except OverflowError:
        return moment


def _order_dates(draw: st.DrawFn, f: _Fields) -> tuple[str, str]:
    """createdAt and updatedAt, UTC, in one layout, with updatedAt >= createdAt."""
    millis_code = draw(_MILLIS)
    millis = millis_code > 0
    created_fixed = f.value("createdAt") if f.given("createdAt") else None
    updated_fixed = f.value("updatedAt") if f.given("updatedAt") else None
    created = _as_naive_utc(created_fixed) if isinstance(created_fixed, str) else None
    updated = _as_naive_utc(updated_fixed) if isinstance(updated_fixed, str) else None
    delay = draw(_DELAYS)
    if created is None and updated is not None:
        created = _truncate(_earlier(updated, delay), millis)
    if created is None:
        created = _moment(draw(_SECONDS), millis_code)
    if updated is None:
        updated = _truncate(_later(created, delay), millis)
    return _utc_text(created, millis), _utc_text(updated, millis)


class _Customer(Value):
    """Who ordered: named the same way wherever the order names them."""

    __slots__ = ("email", "phone", "locale")
    email: str
    phone: str
    locale: _Locale

    def __init__(self, email: str, phone: str, locale: _Locale) -> None:
        init(self, email=email, phone=phone, locale=locale)


def _customer(draw: st.DrawFn) -> _Customer:
    """Who ordered: one address and phone number, used wherever the order names them."""
    locale = draw(_LOCALE_CHOICE)
    return _Customer(draw(EMAILS), draw(_PHONES[locale.code]), locale)


def _identifiers(draw: st.DrawFn, customer: _Customer) -> Payload:
    """At least one identifier, usually the e-mail address; canonical key order."""
    bits = draw(_IDENTIFIER_CHOICES)
    chosen = {key for index, key in enumerate(IDENTIFIER_KEYS) if bits >> index & 1}
    values: dict[str, Callable[[], str]] = {
        "email_id": lambda: customer.email,
        "phone_id": lambda: customer.phone,
        "ext_id": lambda: draw(_EXT_IDS),
        "loyalty_subscription_id": lambda: draw(_LOYALTY_IDS),
    }
    return {key: values[key]() for key in IDENTIFIER_KEYS if key in chosen}


_BILLING_KEYS: Final = tuple(_KEYS["order", "billing"])


def _billing(draw: st.DrawFn, customer: _Customer, flags: Sequence[bool], with_phone: bool) -> Payload:
    """Billing details of the customer's country; every key optional, ``phone`` when asked."""
    locale = customer.locale
    values: dict[str, Callable[[], Any]] = {
        "address": lambda: f"{draw(_STREET_NUMBERS)} {draw(_PICKS[locale.code, 'streets'])}",
        "city": lambda: draw(_PICKS[locale.code, "cities"]),
        "country": lambda: locale.country,
        "countryCode": lambda: locale.code if draw(_BOOLEANS) else draw(_ANY_COUNTRY),
        "phone": lambda: customer.phone,
        "postCode": lambda: draw(_PICKS[locale.code, "postcodes"]),
        "paymentMethod": lambda: draw(_PAYMENTS),
        "region": lambda: draw(_PICKS[locale.code, "regions"]),
    }
    billing: Payload = {}
    for (key, build), included in zip(values.items(), flags, strict=True):
        if (key == "phone" and with_phone) or included:
            billing[key] = build()
    return billing


_ORDER_META_VALUES: Final = ("Joyeux anniversaire ! 🎂", "B2B", "web", "mobile-app", "", "18:00-20:00")
_ORDER_META: Final = st.dictionaries(
    _mostly(st.sampled_from(_ORDER_META_KEYS), _unicode_text(1, 20)),
    st.one_of(
        _mostly(st.sampled_from(_ORDER_META_VALUES), _unicode_text(0, 50)), st.integers(-(10**6), 10**6), _BOOLEANS
    ),
    max_size=5,
)
_COUPON_LISTS: Final = st.lists(
    _mostly(st.sampled_from(_COUPONS), _text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=12)),
    max_size=3,
    unique_by=str.casefold,
)


def _check_contact(contact: str) -> None:
    if contact not in ("identifiers", "legacy", "any"):
        raise InvalidArgument(f"contact must be 'identifiers', 'legacy' or 'any', not {contact!r}")


@st.composite
def _order(
    draw: st.DrawFn, contact: str, line_lists: SearchStrategy[list[Payload]], fixed: Mapping[str, Any]
) -> Payload:
    f = _Fields(draw, fixed)
    # The shape first: Hypothesis varies early choices more freely than late ones.
    f.plan(("billing", "coupons", "metaInfo", "storeId"))
    legacy = 0 if contact == "identifiers" else draw(_LEGACY_SHAPES[contact])
    legacy_email, legacy_phone = bool(legacy & 1), bool(legacy & 2)
    billing_flags = _flags(draw, len(_BILLING_KEYS))
    out: Payload = {"id": f.get("id", ORDER_IDS)}
    out["createdAt"], out["updatedAt"] = _order_dates(draw, f)
    out["status"] = f.get("status", _STATUSES)
    order_lines = f.make("products", lambda: draw(line_lists))
    out["amount"] = f.make("amount", lambda: _amount(order_lines, draw(_SHIPPING)))
    out["products"] = order_lines
    customer = _customer(draw)
    out["identifiers"] = f.make("identifiers", lambda: _identifiers(draw, customer))
    if legacy_email:
        out["email"] = customer.email
    coupons = f.maybe("coupons", _COUPON_LISTS)
    meta_info = f.maybe("metaInfo", _ORDER_META)
    store_id = f.maybe("storeId", _STORE_IDS)
    # Billing last, though its key comes first: it takes many draws, and a shrink that
    # drops it must not shift the draws of the keys after it (they would change at random).
    _put(out, "billing", _billing_for(draw, f, customer, billing_flags, legacy_phone))
    _put(out, "coupons", coupons)
    _put(out, "metaInfo", meta_info)
    _put(out, "storeId", store_id)
    return f.finish(out)


def _billing_for(draw: st.DrawFn, f: _Fields, customer: _Customer, flags: Sequence[bool], with_phone: bool) -> Any:
    """The billing object: always there (with the phone) when the phone names the contact."""
    if with_phone and not f.given("billing") and not f.omitted("billing"):
        return _billing(draw, customer, flags, True)
    return f.maybe_make("billing", lambda: _billing(draw, customer, flags, False))


def orders(
    *,
    contact: Contact = "any",
    min_lines: int = 1,
    max_lines: int = 5,
    fixed: Mapping[str, Any] | None = None,
    **fixed_values: Any,
) -> SearchStrategy[Payload]:
    """Valid orders (the body of ``POST /v3/orders/status``).

    ``contact`` chooses how the customer is named (see the module docstring);
    ``min_lines``/``max_lines`` bound the order lines; any other keyword (or the
    ``fixed`` mapping) fixes a top-level key: ``orders(status="completed")``.
    """
    _check_contact(contact)
    if not 1 <= min_lines <= max_lines:
        raise InvalidArgument(f"need 1 <= min_lines <= max_lines, got {min_lines} and {max_lines}")
    return _order(contact, st.lists(ORDER_LINES, min_size=min_lines, max_size=max_lines), _fixed(fixed, fixed_values))
