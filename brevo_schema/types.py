"""Typed payloads: a ``TypedDict`` for each Brevo eCommerce body and its parts.

Generated from ``schemas/`` by ``python -m brevo_schema.compile.build`` (brevo_schema.compile.typesgen):
do not edit. A type checker (mypy, pyright) and an editor see the documented keys,
which are required, and each value's JSON type; a mis-cased key (``"Products"``), an
unknown key or a string amount is a type error where the payload is built::

    from brevo_schema.types import Order

    order: Order = {
        "id": "ORD-1042",
        "createdAt": "2024-03-01T09:00:00Z",
        "updatedAt": "2024-03-01T09:00:00Z",
        "status": "completed",
        "amount": 56.89,
        "products": [{"productId": "SKU-1", "quantity": 2, "price": 19.95}],
        "identifiers": {"email_id": "chloe.martin@example.com"},
    }

The rest of what Brevo checks (a non-empty id, the date-time format, the contact, one
of quantity and quantityFloat, a name when a product is created...) is ``validate``'s.
Importing ``brevo_schema.strategies`` registers its strategies for these types, so
``st.from_type(Order)`` draws valid orders.
"""

from typing import TypedDict

__all__ = [
    "Billing",
    "Category",
    "CategoryBatch",
    "CategoryInBatch",
    "Identifiers",
    "Order",
    "OrderBatch",
    "OrderLine",
    "OrderMetaInfo",
    "Product",
    "ProductBatch",
    "ProductInBatch",
    "ProductMetaInfo",
]


class _OrderLineRequired(TypedDict):
    """The required keys of OrderLine."""

    #: ID of the product, as in the catalog.
    productId: str
    #: Price of one unit of the product.
    price: float


class OrderLine(_OrderLineRequired, total=False):
    """One line of an order (products[]). Give exactly one of quantity and quantityFloat."""

    #: ID of the product variant (e.g. the red shirt).
    variantId: str
    #: Units of the product, a whole number. Brevo's server parses it as a 64-bit integer and rejects a JSON float such
    #: as 2.0.
    quantity: int
    #: Units of the product where decimals are allowed (e.g. 20.52); use instead of quantity.
    quantityFloat: float


class Identifiers(TypedDict, total=False):
    """Identifies the contact associated with the order; at least one identifier names the contact."""

    #: E-mail address of the contact.
    email_id: str
    #: Phone number of the contact.
    phone_id: str
    #: The contact's external id (EXT_ID attribute).
    ext_id: str
    #: The contact's loyalty subscription id.
    loyalty_subscription_id: str


class Billing(TypedDict, total=False):
    """Billing details of an order."""

    #: Full billing address.
    address: str
    #: City of the address.
    city: str
    #: Billing country name.
    country: str
    #: Billing country as a 2-letter ISO 3166-1 alpha-2 code (upper case).
    countryCode: str
    #: Billing phone number. In the seed documents, mandatory when no e-mail is given.
    phone: str
    #: Postcode for delivery and billing.
    postCode: str
    #: How the customer pays, e.g. PayPal, check.
    paymentMethod: str
    #: Region (state or province) for delivery and billing.
    region: str


OrderMetaInfo = dict[str, str | int | bool]


class _OrderRequired(TypedDict):
    """The required keys of Order."""

    #: The merchant's unique id of the order.
    id: str
    #: UTC date-time when the order was created.
    createdAt: str
    #: UTC date-time when the order's status last changed.
    updatedAt: str
    #: State of the order, a free string (common values: pending, processing, shipped, completed, cancelled, refunded).
    status: str
    #: Total amount of the order, including shipping, tax and the price of the items.
    amount: float
    #: The lines of the order, at least one.
    products: list[OrderLine]


class Order(_OrderRequired, total=False):
    """Body of POST /v3/orders/status: one order. Brevo answers 204 when it accepts it."""

    #: Identifies the contact associated with the order; at least one identifier names the contact.
    identifiers: Identifiers
    #: Legacy: the customer's e-mail from older API versions; current versions use identifiers.email_id.
    email: str
    #: Billing details of an order.
    billing: Billing
    #: Coupon codes applied to the order; Brevo stores them case-insensitively.
    coupons: list[str]
    #: Additional details of the order, e.g. a gift message or the customer type.
    metaInfo: OrderMetaInfo
    #: ID of the store where the order was placed.
    storeId: str


class _OrderBatchRequired(TypedDict):
    """The required keys of OrderBatch."""

    #: The orders, at most 1000 per request.
    orders: list[Order]


class OrderBatch(_OrderBatchRequired, total=False):
    """Body of POST /v3/orders/status/batch: at most 1000 orders or 5 MB. Brevo answers 202 with a batch id;
    problems with single orders surface later, if at all.
    """

    #: Webhook URL that Brevo calls with the status of the batch.
    notifyUrl: str
    #: true (the default): historical data, triggers no automation; false: live orders that trigger workflows.
    historical: bool


ProductMetaInfo = dict[str, str | int]


class _ProductRequired(TypedDict):
    """The required keys of Product."""

    #: The shop's unique id of the product.
    id: str


class Product(_ProductRequired, total=False):
    """Body of POST /v3/products: create (updateEnabled false, the default) or create-or-update one catalog
    product.
    """

    #: Name of the product as shown in the shop; mandatory when the request creates the product.
    name: str
    #: Absolute URL of the product page.
    url: str
    #: Absolute URL of the product's cover image; Brevo downloads it (at most 5 MB; jpeg, jpg, png, bmp, gif or webp).
    imageUrl: str
    #: Product identifier (stock keeping unit) from the shop.
    sku: str
    #: Price of the product.
    price: float
    #: Alternative price of the product, e.g. before a discount.
    alternativePrice: float
    #: Ids of the categories the product belongs to.
    categories: list[str]
    #: Id of the parent product, for a variant.
    parentId: str
    #: Free keys whose values are strings or integers: at most 20 keys and 20,000 characters in all.
    metaInfo: ProductMetaInfo
    #: Brand of the product.
    brand: str
    #: Description of the product.
    description: str
    #: Current stock of the product.
    stock: float
    #: UTC date-time when the product was deleted from the shop.
    deletedAt: str
    #: Whether the product was deleted from the shop.
    isDeleted: bool
    #: false (the default) creates the item and fails if its id exists; true creates or updates it.
    updateEnabled: bool


class _ProductInBatchRequired(TypedDict):
    """The required keys of ProductInBatch."""

    #: The shop's unique id of the product.
    id: str


class ProductInBatch(_ProductInBatchRequired, total=False):
    """One catalog product in a batch."""

    #: Name of the product as shown in the shop; mandatory when the request creates the product.
    name: str
    #: Absolute URL of the product page.
    url: str
    #: Absolute URL of the product's cover image; Brevo downloads it (at most 5 MB; jpeg, jpg, png, bmp, gif or webp).
    imageUrl: str
    #: Product identifier (stock keeping unit) from the shop.
    sku: str
    #: Price of the product.
    price: float
    #: Alternative price of the product, e.g. before a discount.
    alternativePrice: float
    #: Ids of the categories the product belongs to.
    categories: list[str]
    #: Id of the parent product, for a variant.
    parentId: str
    #: Free keys whose values are strings or integers: at most 20 keys and 20,000 characters in all.
    metaInfo: ProductMetaInfo
    #: Brand of the product.
    brand: str
    #: Description of the product.
    description: str
    #: Current stock of the product.
    stock: float
    #: UTC date-time when the product was deleted from the shop.
    deletedAt: str
    #: Whether the product was deleted from the shop.
    isDeleted: bool


class _ProductBatchRequired(TypedDict):
    """The required keys of ProductBatch."""

    #: The products: at most 100 per request when creating, 1000 with updateEnabled true (if Brevo raised the account's
    #: limit).
    products: list[ProductInBatch]


class ProductBatch(_ProductBatchRequired, total=False):
    """Body of POST /v3/products/batch: at most 100 products (1000 with updateEnabled true on a raised account
    limit), ids unique.
    """

    #: false (the default) creates the products; true creates or updates them. Set here, not on each product.
    updateEnabled: bool


class _CategoryRequired(TypedDict):
    """The required keys of Category."""

    #: The shop's unique id of the category (Brevo's OpenAPI file wrongly declares format email; its own example is
    #: CAT123).
    id: str


class Category(_CategoryRequired, total=False):
    """Body of POST /v3/categories: create (updateEnabled false, the default) or create-or-update one catalog
    category.
    """

    #: Name of the category as shown in the shop; mandatory when the request creates the category.
    name: str
    #: Absolute URL of the category page.
    url: str
    #: UTC date-time when the category was deleted from the shop.
    deletedAt: str
    #: Whether the category was deleted from the shop.
    isDeleted: bool
    #: false (the default) creates the item and fails if its id exists; true creates or updates it.
    updateEnabled: bool


class _CategoryInBatchRequired(TypedDict):
    """The required keys of CategoryInBatch."""

    #: The shop's unique id of the category (Brevo's OpenAPI file wrongly declares format email; its own example is
    #: CAT123).
    id: str


class CategoryInBatch(_CategoryInBatchRequired, total=False):
    """One catalog category in a batch."""

    #: Name of the category as shown in the shop; mandatory when the request creates the category.
    name: str
    #: Absolute URL of the category page.
    url: str
    #: UTC date-time when the category was deleted from the shop.
    deletedAt: str
    #: Whether the category was deleted from the shop.
    isDeleted: bool


class _CategoryBatchRequired(TypedDict):
    """The required keys of CategoryBatch."""

    #: The categories, at most 100 per request.
    categories: list[CategoryInBatch]


class CategoryBatch(_CategoryBatchRequired, total=False):
    """Body of POST /v3/categories/batch: at most 100 categories, ids unique."""

    #: false (the default) creates the categories; true creates or updates them. Set here, not on each category.
    updateEnabled: bool
