"""msgspec Structs for orders and order batches, as strict as msgspec can say what the schemas say.

msgspec is the fastest typed decoder in Python, so it shows what "parse and check types in one pass"
costs. Its constraints (``Meta``) cover lengths, minimums and patterns; ``forbid_unknown_fields`` is
``additionalProperties: false``; an optional key is ``T | UnsetType`` so that ``null`` is refused;
the schema's ``anyOf`` (a contact) and ``oneOf`` (one quantity) are ``__post_init__`` checks, which
msgspec turns into validation errors. msgspec stops at the first error: it gives a verdict, never
the complete list of findings. Its patterns are Python ``re`` searches, so the calendar check is
made in ``__post_init__`` like the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

import brevo_schema

from .patterns import DATE_TIME, EMAIL, HTTP_URL, day_exists, python_re

NonEmpty = Annotated[str, Meta(min_length=1)]
DateTime = Annotated[str, Meta(pattern=python_re(DATE_TIME))]
Email = Annotated[str, Meta(pattern=python_re(EMAIL), max_length=254)]
HttpUrl = Annotated[str, Meta(pattern=python_re(HTTP_URL))]
Amount = Annotated[float, Meta(ge=0)]
Quantity = Annotated[int, Meta(ge=0)]
if TYPE_CHECKING:  # a Literal built from data is no static type
    CountryCode = str
else:  # Literal[...] over the schema's own list of codes: a hash lookup, in compiled code
    CountryCode = Literal[tuple(brevo_schema.schema("order")["definitions"]["countryCode"]["enum"])]


def _check_day(value: str) -> None:
    if not day_exists(value):
        raise ValueError(f"{value!r}: day is out of range for month")


class OrderLine(Struct, forbid_unknown_fields=True):
    productId: NonEmpty
    price: Amount
    variantId: str | UnsetType = UNSET
    quantity: Quantity | UnsetType = UNSET
    quantityFloat: Amount | UnsetType = UNSET

    def __post_init__(self) -> None:
        """The schema's oneOf: exactly one of quantity and quantityFloat."""
        if (self.quantity is UNSET) == (self.quantityFloat is UNSET):
            raise ValueError("give exactly one of quantity and quantityFloat")


class Identifiers(Struct, forbid_unknown_fields=True):
    email_id: Email | UnsetType = UNSET
    phone_id: NonEmpty | UnsetType = UNSET
    ext_id: NonEmpty | UnsetType = UNSET
    loyalty_subscription_id: NonEmpty | UnsetType = UNSET


class Billing(Struct, forbid_unknown_fields=True):
    address: str | UnsetType = UNSET
    city: str | UnsetType = UNSET
    country: str | UnsetType = UNSET
    countryCode: CountryCode | UnsetType = UNSET
    phone: str | UnsetType = UNSET
    postCode: str | UnsetType = UNSET
    paymentMethod: str | UnsetType = UNSET
    region: str | UnsetType = UNSET


class Order(Struct, forbid_unknown_fields=True):
    id: NonEmpty
    createdAt: DateTime
    updatedAt: DateTime
    status: NonEmpty
    amount: Amount
    products: Annotated[list[OrderLine], Meta(min_length=1)]
    identifiers: Identifiers | UnsetType = UNSET
    email: Email | UnsetType = UNSET
    billing: Billing | UnsetType = UNSET
    coupons: list[NonEmpty] | UnsetType = UNSET
    metaInfo: dict[str, str | int | bool] | UnsetType = UNSET
    storeId: str | UnsetType = UNSET

    def __post_init__(self) -> None:
        """The calendar check, and the schema's anyOf: a non-empty identifiers, or email, or billing.phone."""
        _check_day(self.createdAt)
        _check_day(self.updatedAt)
        ids = self.identifiers
        if ids is not UNSET and any(
            v is not UNSET for v in (ids.email_id, ids.phone_id, ids.ext_id, ids.loyalty_subscription_id)
        ):
            return
        if self.email is not UNSET or (self.billing is not UNSET and self.billing.phone is not UNSET):
            return
        raise ValueError("the order names no contact")


class OrderBatch(Struct, forbid_unknown_fields=True):
    orders: Annotated[list[Order], Meta(min_length=1, max_length=1000)]
    notifyUrl: HttpUrl | UnsetType = UNSET
    historical: bool | UnsetType = UNSET


ORDER_DECODER = msgspec.json.Decoder(OrderBatch)
