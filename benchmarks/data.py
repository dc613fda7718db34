"""Deterministic, realistic benchmark data: orders, products and categories, valid or with one defect.

The benchmark must measure the same documents on every machine and every run, without hypothesis
(whose output depends on its version and database) and without files checked in: a seeded
``random.Random`` draws shop-like values (several order lines, billing details, coupons, metaInfo),
so that timings reflect payloads a merchant really sends rather than minimal ones. The valid
documents raise no finding at all in brevo-schema (not even a warning), so every contender does the
same full walk; each defective order carries exactly one mistake a merchant's code really makes,
from a fixed rotation, so every kind of defect is equally represented.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SEED = 20240729

_FIRST = ("Ada", "Bruno", "Chloé", "Dmitri", "Emma", "Farid", "Greta", "Hiro", "Inès", "Jonas", "Kofi", "Lena")
_LAST = ("Martin", "Schmidt", "Rossi", "Dubois", "Nowak", "García", "Jensen", "Okafor", "Tanaka", "Silva")
_CITIES = (
    ("Paris", "France", "FR", "Île-de-France", "750"),
    ("Lyon", "France", "FR", "Auvergne-Rhône-Alpes", "690"),
    ("Berlin", "Germany", "DE", "Berlin", "101"),
    ("Basel", "Switzerland", "CH", "Basel-Stadt", "40"),
    ("Madrid", "Spain", "ES", "Comunidad de Madrid", "280"),
    ("Milan", "Italy", "IT", "Lombardy", "201"),
    ("London", "United Kingdom", "GB", "Greater London", "SW1A "),
    ("Toronto", "Canada", "CA", "Ontario", "M5V "),
    ("Austin", "United States", "US", "Texas", "787"),
)
_STREETS = ("Rue de la Paix", "Hauptstraße", "Via Roma", "Calle Mayor", "High Street", "Main Street", "Elm Road")
_PAYMENTS = ("card", "PayPal", "bank transfer", "Apple Pay", "cash on delivery")
_STATUSES = ("pending", "processing", "shipped", "completed", "completed", "completed", "cancelled", "refunded")
_COUPONS = ("WELCOME10", "SUMMER24", "FREESHIP", "VIP-2024", "BLACKFRIDAY", "EASTER15OFF")
_SOURCES = ("Website", "iOS app", "Android app", "Marketplace", "Store")
_TIERS = ("Bronze", "Silver", "Gold", "Platinum")
_DOMAINS = ("example.com", "mail.example.org", "shop.example.net")
_WORDS = ("linen", "organic", "classic", "slim", "wool", "leather", "recycled", "summer", "travel", "everyday")
_NOUNS = ("shirt", "trousers", "sneakers", "backpack", "scarf", "jacket", "mug", "lamp", "notebook", "watch")
_BRANDS = ("Nordwind", "Casa Verde", "Atelier 9", "Blue Harbor", "Kintsugi")
_IMAGE_TYPES = ("jpg", "png", "webp")


def _date_time(rng: random.Random, after: dt.datetime | None = None) -> tuple[dt.datetime, str]:
    """A UTC date-time, some with milliseconds as in Brevo's own examples; after ``after`` when given."""
    if after is None:
        moment = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=rng.randrange(63_000_000))
    else:
        moment = after + dt.timedelta(seconds=rng.randrange(60, 14 * 86_400))
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if rng.random() < 0.5:
        text += f".{rng.randrange(1000):03d}"
    return moment, text + "Z"


def _ascii(name: str) -> str:
    """``name`` in lower-case ASCII, as a shop would put it in an e-mail address (Chloé -> chloe)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _phone(rng: random.Random) -> str:
    return f"+{rng.choice((33, 49, 41, 34, 39, 44, 1))} {rng.randrange(100, 999)} {rng.randrange(100000, 999999)}"


def make_order(rng: random.Random, index: int) -> dict[str, Any]:
    """One realistic, valid order: 1 to 5 lines, a contact, usually billing details, sometimes coupons."""
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    created, created_text = _date_time(rng)
    _, updated_text = _date_time(rng, after=created)
    lines = []
    total = 0.0
    for line_no in range(rng.randint(1, 5)):
        price = round(rng.uniform(2, 250), 2)
        line: dict[str, Any] = {"productId": f"P-{rng.randrange(1, 5000):05d}", "price": price}
        if rng.random() < 0.15:
            line["quantityFloat"] = round(rng.uniform(0.25, 12), 2)
            total += price * line["quantityFloat"]
        else:
            line["quantity"] = rng.randint(1, 6)
            total += price * line["quantity"]
        if rng.random() < 0.4:
            line["variantId"] = f"{line['productId']}-V{line_no + 1}"
        lines.append(line)
    order: dict[str, Any] = {
        "id": f"ORD-{2023 + index % 3}-{index:06d}",
        "createdAt": created_text,
        "updatedAt": updated_text,
        "status": rng.choice(_STATUSES),
        "amount": round(total + rng.choice((0, 0, 4.9, 9.9)), 2),
        "products": lines,
    }
    identifiers: dict[str, Any] = {"email_id": f"{_ascii(first)}.{_ascii(last)}{index}@{rng.choice(_DOMAINS)}"}
    if rng.random() < 0.5:
        identifiers["ext_id"] = f"cust-{rng.randrange(10**6):06d}"
    if rng.random() < 0.3:
        identifiers["phone_id"] = _phone(rng)
    if rng.random() < 0.1:
        identifiers["loyalty_subscription_id"] = f"loy-{rng.randrange(10**5):05d}"
    order["identifiers"] = identifiers
    if rng.random() < 0.85:
        city, country, code, region, post = rng.choice(_CITIES)
        order["billing"] = {
            "address": f"{rng.randint(1, 200)} {rng.choice(_STREETS)}",
            "city": city,
            "country": country,
            "countryCode": code,
            "phone": _phone(rng),
            "postCode": f"{post}{rng.randrange(10, 99)}",
            "paymentMethod": rng.choice(_PAYMENTS),
            "region": region,
        }
    if rng.random() < 0.3:
        order["coupons"] = rng.sample(_COUPONS, rng.randint(1, 2))
    if rng.random() < 0.6:
        order["metaInfo"] = {
            "order_source": rng.choice(_SOURCES),
            "customer_loyalty_tier": rng.choice(_TIERS),
            "items_count": len(lines),
            "gift": rng.random() < 0.1,
        }
    if rng.random() < 0.7:
        order["storeId"] = f"ST-{rng.randint(1, 40)}"
    return order


def make_product(rng: random.Random, index: int, category_ids: list[str]) -> dict[str, Any]:
    """One realistic catalog product for a create batch (so with a name)."""
    words = f"{rng.choice(_WORDS)} {rng.choice(_NOUNS)}"
    slug = words.replace(" ", "-")
    product: dict[str, Any] = {
        "id": f"P-{index:05d}",
        "name": words.capitalize(),
        "url": f"https://shop.example.com/products/{slug}-{index}",
        "imageUrl": f"https://cdn.example.com/img/{slug}-{index}.{rng.choice(_IMAGE_TYPES)}",
        "sku": f"SKU-{rng.randrange(10**6):06d}",
        "price": round(rng.uniform(3, 400), 2),
        "categories": rng.sample(category_ids, rng.randint(1, 3)),
        "brand": rng.choice(_BRANDS),
        "description": f"A {words} made to last. " * rng.randint(1, 4),
        "stock": rng.randint(0, 500),
    }
    if rng.random() < 0.3:
        product["alternativePrice"] = round(product["price"] * 1.2, 2)
    if rng.random() < 0.2 and index > 0:
        product["parentId"] = f"P-{rng.randrange(index):05d}"
    if rng.random() < 0.5:
        product["metaInfo"] = {"material": rng.choice(_WORDS), "weight_g": rng.randint(50, 3000), "origin": "EU"}
    return product


def make_category(rng: random.Random, index: int) -> dict[str, Any]:
    """One realistic catalog category for a create batch; a few are marked deleted."""
    name = f"{rng.choice(_WORDS).capitalize()} {rng.choice(_NOUNS)}s"
    category: dict[str, Any] = {
        "id": f"CAT-{index:04d}",
        "name": name,
        "url": f"https://shop.example.com/c/{name.lower().replace(' ', '-')}-{index}",
    }
    if rng.random() < 0.05:
        _, category["deletedAt"] = _date_time(rng)
        category["isDeleted"] = True
    return category


# The defects: each takes a valid order and a generator, and makes exactly one realistic mistake.
def _amount_as_string(o: dict[str, Any], rng: random.Random) -> None:
    o["amount"] = f"{o['amount']:.2f}"


def _missing_created_at(o: dict[str, Any], rng: random.Random) -> None:
    del o["createdAt"]


def _mis_cased_key(o: dict[str, Any], rng: random.Random) -> None:
    o["CreatedAt"] = o.pop("createdAt")


def _float_quantity(o: dict[str, Any], rng: random.Random) -> None:
    line = o["products"][0]
    line.pop("quantityFloat", None)
    line["quantity"] = 2.0


def _both_quantities(o: dict[str, Any], rng: random.Random) -> None:
    line = o["products"][0]
    line["quantity"], line["quantityFloat"] = 1, 1.0


def _no_quantity(o: dict[str, Any], rng: random.Random) -> None:
    line = o["products"][-1]
    line.pop("quantity", None)
    line.pop("quantityFloat", None)


def _impossible_date(o: dict[str, Any], rng: random.Random) -> None:
    o["updatedAt"] = "2024-02-30T10:00:00Z"


def _space_in_date(o: dict[str, Any], rng: random.Random) -> None:
    o["createdAt"] = o["createdAt"].replace("T", " ").removesuffix("Z")


def _unknown_key(o: dict[str, Any], rng: random.Random) -> None:
    o["customerEmail"] = o["identifiers"]["email_id"]


def _negative_price(o: dict[str, Any], rng: random.Random) -> None:
    o["products"][0]["price"] = -o["products"][0]["price"]


def _empty_product_id(o: dict[str, Any], rng: random.Random) -> None:
    o["products"][0]["productId"] = ""


def _country_name_as_code(o: dict[str, Any], rng: random.Random) -> None:
    billing = o.setdefault("billing", {"city": "Paris", "country": "France"})
    billing["countryCode"] = "France"


def _no_contact(o: dict[str, Any], rng: random.Random) -> None:
    del o["identifiers"]
    if "billing" in o:
        del o["billing"]["phone"]


def _bad_email(o: dict[str, Any], rng: random.Random) -> None:
    o["identifiers"]["email_id"] = o["identifiers"]["email_id"].split("@")[0] + "@"


def _no_lines(o: dict[str, Any], rng: random.Random) -> None:
    o["products"] = []


def _null_store(o: dict[str, Any], rng: random.Random) -> None:
    o["storeId"] = None


def _nested_meta_info(o: dict[str, Any], rng: random.Random) -> None:
    o["metaInfo"] = {"order_source": "Website", "shipping": {"carrier": "DHL", "days": 2}}


def _id_as_number(o: dict[str, Any], rng: random.Random) -> None:
    o["id"] = rng.randrange(10**6)


#: Each defect's name (what a row in the catch table says) and how to make it.
DEFECTS: dict[str, Callable[[dict[str, Any], random.Random], None]] = {
    "amount as a string": _amount_as_string,
    "createdAt missing": _missing_created_at,
    "mis-cased key CreatedAt": _mis_cased_key,
    "quantity 2.0 (a float)": _float_quantity,
    "quantity and quantityFloat": _both_quantities,
    "no quantity": _no_quantity,
    "impossible date (30 Feb)": _impossible_date,
    "date without T and Z": _space_in_date,
    "unknown key": _unknown_key,
    "negative price": _negative_price,
    "empty productId": _empty_product_id,
    "country name as countryCode": _country_name_as_code,
    "no contact": _no_contact,
    "e-mail without domain": _bad_email,
    "no order lines": _no_lines,
    "storeId null": _null_store,
    "nested metaInfo value": _nested_meta_info,
    "id as a number": _id_as_number,
}


@dataclass(frozen=True)
class Dataset:
    """Every document the workloads use; built once, shared by all contenders."""

    orders: list[dict[str, Any]]
    order_batch: dict[str, Any]
    order_batch_bytes: bytes
    defective: list[dict[str, Any]]
    defect_names: list[str]
    product_batch: dict[str, Any]
    category_batch: dict[str, Any]


def build(orders: int = 1000, catalog: int = 100, seed: int = SEED) -> Dataset:
    """The benchmark's data: ``orders`` valid and as many defective orders, ``catalog`` products and categories.

    The order batch holds the same valid orders (1000 is Brevo's limit per request, the maximal batch);
    its bytes are compact JSON, as an SDK sends them.
    """
    rng = random.Random(seed)
    valid = [make_order(rng, i) for i in range(orders)]
    names = list(DEFECTS)
    defective, defect_names = [], []
    for i in range(orders):
        order = make_order(rng, orders + i)
        name = names[i % len(names)]
        DEFECTS[name](order, rng)
        defective.append(order)
        defect_names.append(name)
    batch = {"orders": copy.deepcopy(valid), "historical": True}
    categories = [make_category(rng, i) for i in range(catalog)]
    category_ids = [c["id"] for c in categories]
    products = [make_product(rng, i, category_ids) for i in range(catalog)]
    return Dataset(
        orders=valid,
        order_batch=batch,
        order_batch_bytes=json.dumps(batch, ensure_ascii=False, separators=(",", ":")).encode(),
        defective=defective,
        defect_names=defect_names,
        product_batch={"products": products},
        category_batch={"categories": categories},
    )
