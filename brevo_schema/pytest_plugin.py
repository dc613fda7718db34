"""pytest fixtures for code that builds Brevo eCommerce payloads.

Installed with brevo-schema and registered through the ``pytest11`` entry point,
so any test can ask for them without a conftest:

``brevo_order``, ``brevo_order_batch``, ``brevo_product``, ``brevo_product_batch``,
``brevo_category``, ``brevo_category_batch``
    One realistic, valid payload each (``validate`` reports nothing on it):
    every documented key filled in, unicode names, UTC dates, a contact in
    ``identifiers``. A fresh copy per test, so a test may change it freely.
``brevo_payload``
    A factory for the same payloads: ``brevo_payload("order-batch", size=3,
    historical=True)`` (``size`` for batches; other keywords replace top-level keys).
``brevo_assert_valid``
    ``brevo_assert_valid(payload, kind=None, strict=None)`` fails the test with
    every finding (errors; warnings too when ``strict``), one a line. It judges
    as ``brevo_validator`` does; ``strict=None`` takes the project's ``strict``.
``brevo_validator``
    The ``brevo_schema.Validator`` the project's ``[tool.brevo-schema]`` table
    configures (its ``pyproject.toml`` found from pytest's root directory): the
    same judgement as ``brevo-schema check`` and the pre-commit hook.

The payloads are written here, not drawn, so they are the same on every run and
the plugin needs neither Hypothesis nor anything else at import time (it loads
in every pytest session of a project that installs brevo-schema). For many
varied payloads, use the Hypothesis strategies in ``brevo_schema.strategies``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from .kinds import BATCHES, BatchShape

Payload = dict[str, Any]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .config import Settings
    from .validator import Validator

__all__ = [
    "brevo_assert_valid",
    "brevo_category",
    "brevo_category_batch",
    "brevo_order",
    "brevo_order_batch",
    "brevo_payload",
    "brevo_product",
    "brevo_product_batch",
    "brevo_validator",
    "sample",
]

_CUSTOMERS = (
    ("chloe.martin@example.com", "+33612345678", "FR", "France", "Saint-Étienne", "12 rue de la Paix", "42000", "ARA"),
    ("jurgen.muller@example.de", "+4915112345678", "DE", "Deutschland", "München", "Hauptstraße 5", "80331", "Bayern"),
    ("yuki.tanaka@example.jp", "+81312345678", "JP", "日本", "東京", "千代田区丸の内1-1", "100-0005", "東京都"),
)
_STATUSES = ("completed", "shipped", "pending", "processing", "refunded", "cancelled")


def _order(index: int = 0) -> Payload:
    """The ``index``-th sample order: same shape, its own id, customer and times."""
    email, phone, country_code, country, city, address, post_code, region = _CUSTOMERS[index % len(_CUSTOMERS)]
    minute = index % 60
    lines = [
        {"productId": "SKU-TSHIRT", "variantId": "SKU-TSHIRT-M-RED", "quantity": 2, "price": 19.95},
        {"productId": "SKU-COFFEE", "quantityFloat": 0.5, "price": 24.0},
    ]
    return {
        "id": f"ORD-{1042 + index}",
        "createdAt": f"2024-03-01T09:{minute:02d}:00Z",
        "updatedAt": f"2024-03-02T17:{minute:02d}:12.483Z",
        "status": _STATUSES[index % len(_STATUSES)],
        "amount": 56.89,  # 2 x 19.95 + 0.5 x 24.00 + 4.99 shipping
        "products": lines,
        "identifiers": {"email_id": email, "ext_id": f"cust-{42 + index}"},
        "billing": {
            "address": address,
            "city": city,
            "country": country,
            "countryCode": country_code,
            "phone": phone,
            "postCode": post_code,
            "paymentMethod": "card",
            "region": region,
        },
        "coupons": ["WELCOME10"],
        "metaInfo": {"gift_message": "Joyeux anniversaire ! 🎂", "loyalty_points": 120, "is_gift": True},
        "storeId": "eu-1",
    }


def _product(index: int = 0) -> Payload:
    product: Payload = {
        "id": f"SKU-TSHIRT-M-{index + 1}",
        "name": "T-shirt en coton bio · Größe M",
        "url": f"https://shop.example.com/products/t-shirt-{index + 1}",
        "imageUrl": f"https://cdn.example.com/img/t-shirt-{index + 1}.jpg",
        "sku": f"TS-M-{index + 1:03d}",
        "price": 19.95,
        "alternativePrice": 24.9,
        "categories": ["CAT-CLOTHING", "CAT-SALE"],
        "parentId": "SKU-TSHIRT",
        "metaInfo": {"color": "rouge", "size": "M", "weight_g": 180},
        "brand": "Maison Éclat",
        "description": "Coton biologique, coupe droite. Made in Portugal.",
        "stock": 42,
        "isDeleted": False,
        "updateEnabled": False,
    }
    return product


def _category(index: int = 0) -> Payload:
    names = ("Vêtements", "Épicerie fine", "お茶", "Новинки")
    category: Payload = {
        "id": f"CAT-{index + 1}",
        "name": names[index % len(names)],
        "url": f"https://shop.example.com/c/{index + 1}",
        "isDeleted": False,
        "updateEnabled": False,
    }
    return category


_ITEMS: dict[str, Callable[[int], Payload]] = {"order": _order, "product": _product, "category": _category}
#: What each batch carries besides its items: a value for each of its ``fields`` (``kinds.BATCHES``).
_BATCH_FIELDS: dict[str, Payload] = {
    "order-batch": {"notifyUrl": "https://shop.example.com/hooks/brevo/batch", "historical": False},
    "product-batch": {"updateEnabled": False},
    "category-batch": {"updateEnabled": False},
}
#: The most items ``sample`` puts in a batch: the smallest batch limit, so that every size fits every kind.
_MAX_SIZE = min(shape.max_items for shape in BATCHES.values())


def _in_batch(item: Payload, shape: BatchShape) -> Payload:
    """``item`` as a batch holds it: without the keys the batch sets for every item (updateEnabled)."""
    for key in shape.lifted:
        item.pop(key, None)
    return item


def _batch(shape: BatchShape, size: int) -> Payload:
    items = [_in_batch(_ITEMS[shape.item_kind](i), shape) for i in range(size)]
    return {shape.items_key: items, **copy.deepcopy(_BATCH_FIELDS[shape.kind])}


def sample(kind: str, *, size: int = 2, **overrides: Any) -> Payload:
    """A new valid payload of ``kind``; ``size`` items for a batch; ``overrides`` replace top-level keys.

    Raises ``ValueError`` for an unknown kind, or a ``size`` outside 1..100.
    """
    if kind in _ITEMS:
        payload = _ITEMS[kind](0)
    elif kind in BATCHES:
        if not 1 <= size <= _MAX_SIZE:
            raise ValueError(f"size must be between 1 and {_MAX_SIZE}, not {size}")
        payload = _batch(BATCHES[kind], size)
    else:
        raise ValueError(f"unknown kind {kind!r}; expected one of: {', '.join([*_ITEMS, *BATCHES])}")
    payload.update(copy.deepcopy(overrides))
    return payload


@pytest.fixture
def brevo_payload() -> Callable[..., Payload]:
    """A factory: ``brevo_payload(kind, size=2, **overrides)`` -> a new valid payload."""
    return sample


@pytest.fixture
def brevo_order() -> Payload:
    """A valid order (``POST /v3/orders/status``) with every documented key."""
    return sample("order")


@pytest.fixture
def brevo_order_batch() -> Payload:
    """A valid batch of two orders, ``historical: false``."""
    return sample("order-batch")


@pytest.fixture
def brevo_product() -> Payload:
    """A valid product (``POST /v3/products``) with every documented key."""
    return sample("product")


@pytest.fixture
def brevo_product_batch() -> Payload:
    """A valid batch of two products."""
    return sample("product-batch")


@pytest.fixture
def brevo_category() -> Payload:
    """A valid category (``POST /v3/categories``)."""
    return sample("category")


@pytest.fixture
def brevo_category_batch() -> Payload:
    """A valid batch of two categories."""
    return sample("category-batch")


def assert_valid(
    payload: Any, kind: str | None = None, *, strict: bool = False, validator: Validator | None = None
) -> None:
    """Fail the current test when ``validator`` (default: the default options) finds an
    error (or, ``strict``, any finding)."""
    from .validation import validator_for

    report = (validator or validator_for(None)).validate(payload, kind)
    shown = report.findings if strict else report.errors
    if shown:
        lines = [f"  {f.pointer or '(root)'}: {f.severity} {f.rule} {f.message}" for f in shown]
        what = report.kind or "payload"
        pytest.fail(f"the {what} is not one Brevo accepts ({len(shown)} finding(s)):\n" + "\n".join(lines))


@pytest.fixture(scope="session")
def _brevo_settings(pytestconfig: pytest.Config) -> Settings:
    from .config import ConfigError, load

    try:
        return load(pytestconfig.rootpath)
    except ConfigError as error:
        pytest.fail(f"brevo-schema: {error}", pytrace=False)


@pytest.fixture(scope="session")
def brevo_validator(_brevo_settings: Settings) -> Validator:
    """The ``Validator`` the project's ``[tool.brevo-schema]`` configures."""
    from .validation import validator_for

    return validator_for(_brevo_settings.options)


@pytest.fixture
def brevo_assert_valid(brevo_validator: Validator, _brevo_settings: Settings) -> Callable[..., None]:
    """``brevo_assert_valid(payload, kind=None, strict=None)``: fail the test with the findings,
    judged as the project's configuration says (``strict=None``: the project's ``strict``)."""

    def check(payload: Any, kind: str | None = None, *, strict: bool | None = None) -> None:
        strict = _brevo_settings.strict if strict is None else strict
        assert_valid(payload, kind, strict=strict, validator=brevo_validator)

    return check


# st.from_type(brevo_schema.types.Order), and every payload TypedDict, draws from
# brevo_schema.strategies. Registered before any test module is imported (a module's
# @given(st.from_type(Order)) resolves the type as it is imported), and only where
# Hypothesis is installed; each strategy is deferred, so brevo_schema.strategies is
# imported only if a test draws one.
def pytest_configure(config: pytest.Config) -> None:
    import importlib.util

    if importlib.util.find_spec("hypothesis") is None:
        return
    from typing import is_typeddict

    from hypothesis import strategies as st

    from . import types

    def drawn_by_strategies(type_: Any) -> Any:
        from .strategies.registration import type_strategies

        return st.deferred(lambda: type_strategies()[type_])

    for name in types.__all__:
        if is_typeddict(getattr(types, name)):
            st.register_type_strategy(getattr(types, name), drawn_by_strategies(getattr(types, name)))
