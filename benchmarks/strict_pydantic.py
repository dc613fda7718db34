"""Strict pydantic v2 models written to say what the bundled schemas say, as a careful user would.

The official SDK's models are lax (``"308.42"`` becomes a float) and accept unknown keys, so they
are no fair speed peer for a validator: they check far less. These models are the fair one:
``strict=True`` (no coercion, a bool is no int), ``extra="forbid"`` (additionalProperties false),
the schemas' lengths, minimums and enums as field constraints, the date-time and e-mail formats as
the same regular expressions ``brevo_schema.formats`` uses (plus its calendar check), and the
schemas' ``anyOf``/``oneOf``/``if``-``then`` as model validators.

An optional key is written ``name: T = None`` on purpose: pydantic never validates a default, so an
absent key passes, while an explicit ``null`` fails the strict type check, exactly as the schema
(which has no ``null`` anywhere) wants. ``Optional[T]`` would wrongly accept ``null``.

Not expressed: brevo-schema's cross-field rules beyond the schemas (mis-cased keys named as such,
duplicate ids in a batch, warnings); the e-mail local part's 64-character limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

import brevo_schema

from .patterns import DATE_TIME, EMAIL, HTTP_URL, day_exists


def _real_date(value: str) -> str:
    """The calendar check a regular expression cannot make: no 30 February."""
    if not day_exists(value):
        raise ValueError("day is out of range for month")
    return value


NonEmpty = Annotated[str, StringConstraints(min_length=1)]
DateTime = Annotated[str, StringConstraints(pattern=DATE_TIME), AfterValidator(_real_date)]
Email = Annotated[str, StringConstraints(pattern=EMAIL, max_length=254)]
HttpUrl = Annotated[str, StringConstraints(pattern=HTTP_URL)]
Amount = Annotated[float, Field(ge=0)]
if TYPE_CHECKING:  # a Literal built from data is no static type
    CountryCode = str
else:  # Literal[...] over the schema's own list of codes: a hash lookup, in compiled code
    CountryCode = Literal[tuple(brevo_schema.schema("order")["definitions"]["countryCode"]["enum"])]


class Strict(BaseModel):
    """No coercion, no unknown keys: what ``additionalProperties: false`` and JSON types mean."""

    model_config = ConfigDict(strict=True, extra="forbid")


class OrderLine(Strict):
    productId: NonEmpty
    price: Amount
    variantId: str = None  # type: ignore[assignment]
    quantity: Annotated[int, Field(ge=0)] = None  # type: ignore[assignment]
    quantityFloat: Amount = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _one_quantity(self) -> OrderLine:
        """The schema's oneOf: exactly one of quantity and quantityFloat."""
        if (self.quantity is None) == (self.quantityFloat is None):
            raise ValueError("give exactly one of quantity and quantityFloat")
        return self


class Identifiers(Strict):
    email_id: Email = None  # type: ignore[assignment]
    phone_id: NonEmpty = None  # type: ignore[assignment]
    ext_id: NonEmpty = None  # type: ignore[assignment]
    loyalty_subscription_id: NonEmpty = None  # type: ignore[assignment]


class Billing(Strict):
    address: str = None  # type: ignore[assignment]
    city: str = None  # type: ignore[assignment]
    country: str = None  # type: ignore[assignment]
    countryCode: CountryCode = None  # type: ignore[assignment]
    phone: str = None  # type: ignore[assignment]
    postCode: str = None  # type: ignore[assignment]
    paymentMethod: str = None  # type: ignore[assignment]
    region: str = None  # type: ignore[assignment]


class Order(Strict):
    id: NonEmpty
    createdAt: DateTime
    updatedAt: DateTime
    status: NonEmpty
    amount: Amount
    products: Annotated[list[OrderLine], Field(min_length=1)]
    identifiers: Identifiers = None  # type: ignore[assignment]
    email: Email = None  # type: ignore[assignment]
    billing: Billing = None  # type: ignore[assignment]
    coupons: list[NonEmpty] = None  # type: ignore[assignment]
    metaInfo: dict[str, str | int | bool] = None  # type: ignore[assignment]
    storeId: str = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _names_contact(self) -> Order:
        """The schema's anyOf: a non-empty identifiers, or email, or billing.phone."""
        if self.identifiers is not None and self.identifiers.model_fields_set:
            return self
        if self.email is not None or (self.billing is not None and self.billing.phone is not None):
            return self
        raise ValueError("the order names no contact")


class OrderBatch(Strict):
    orders: Annotated[list[Order], Field(min_length=1, max_length=1000)]
    notifyUrl: HttpUrl = None  # type: ignore[assignment]
    historical: bool = None  # type: ignore[assignment]


class Product(Strict):
    id: NonEmpty
    name: NonEmpty = None  # type: ignore[assignment]
    url: HttpUrl = None  # type: ignore[assignment]
    imageUrl: HttpUrl = None  # type: ignore[assignment]
    sku: str = None  # type: ignore[assignment]
    price: Amount = None  # type: ignore[assignment]
    alternativePrice: Amount = None  # type: ignore[assignment]
    categories: list[NonEmpty] = None  # type: ignore[assignment]
    parentId: NonEmpty = None  # type: ignore[assignment]
    metaInfo: Annotated[dict[str, str | int], Field(max_length=20)] = None  # type: ignore[assignment]
    brand: str = None  # type: ignore[assignment]
    description: str = None  # type: ignore[assignment]
    stock: float = None  # type: ignore[assignment]
    deletedAt: DateTime = None  # type: ignore[assignment]
    isDeleted: bool = None  # type: ignore[assignment]


class Category(Strict):
    id: NonEmpty
    name: NonEmpty = None  # type: ignore[assignment]
    url: HttpUrl = None  # type: ignore[assignment]
    deletedAt: DateTime = None  # type: ignore[assignment]
    isDeleted: bool = None  # type: ignore[assignment]


def _creating(update_enabled: bool | None, items: list[Any], limit: int) -> None:
    """The batch schemas' if/then: unless updateEnabled is true, at most ``limit`` items, each named."""
    if update_enabled is True:
        return
    if len(items) > limit:
        raise ValueError(f"at most {limit} items when creating")
    if any(item.name is None for item in items):
        raise ValueError("every item needs a name when creating")


class ProductBatch(Strict):
    products: Annotated[list[Product], Field(min_length=1, max_length=1000)]
    updateEnabled: bool = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _create_rules(self) -> ProductBatch:
        _creating(self.updateEnabled, self.products, 100)
        return self


class CategoryBatch(Strict):
    categories: Annotated[list[Category], Field(min_length=1, max_length=100)]
    updateEnabled: bool = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _create_rules(self) -> CategoryBatch:
        _creating(self.updateEnabled, self.categories, 100)
        return self
