"""Hypothesis strategies for Brevo eCommerce payloads (``pip install 'brevo-schema[hypothesis]'``).

Valid payloads, realistic enough to exercise the code that builds them::

    from hypothesis import given
    from brevo_schema import strategies as bst

    @given(bst.order_batches(max_size=50, historical=False))
    def test_sync_sends_live_orders(batch): ...

``orders()``, ``order_batches()``, ``products()``, ``product_batches()``,
``categories()``, ``category_batches()`` and ``payloads(kind)`` draw documents
on which ``brevo_schema.validate`` reports nothing at all: no error and no
warning. They hold unique ids inside a batch, valid e-mail addresses and E.164
phone numbers, UTC date-times with ``updatedAt >= createdAt``, money with two
decimals, ISO country codes (the schema's own list), unicode names and texts.
Every optional key is present in about half the draws, and the edges (empty
optional arrays and objects, quantity 0, a price of 0, 20 metaInfo keys, the
largest batch when ``max_size`` allows it) do come up. Draws shrink to short,
readable payloads (``ORD-1``, ``alice@example.com``, one order line).

Any top-level key can be fixed, as keyword arguments or a ``fixed`` mapping;
a value may be a plain value or a strategy (drawn), and ``OMIT`` leaves the key
out: ``orders(status="completed", billing=OMIT, id=st.uuids().map(str))``.
Fixed values are taken as given: the guarantee above holds when they are valid
themselves (a fixed ``id`` in a batch's items cannot be unique, for example).
Dependent values follow what was fixed: ``amount`` is computed from the fixed
``products``, ``updatedAt`` is drawn after a fixed ``createdAt``.

About the contact of an order (``orders(contact=...)``): ``"identifiers"``
names it in ``identifiers`` only, as the current API does; ``"legacy"`` also
sends the legacy top-level ``email`` and/or ``billing.phone``, *alongside*
``identifiers`` (a contact named only the legacy way draws the warning
``contact/legacy-only``, so that shape comes from
``invalid("order", "contact/legacy-only")``); ``"any"`` (the default) mixes both.

Invalid payloads: ``invalid(kind, rule)`` draws payloads of ``kind`` on which
``validate(payload, kind)`` reports ``rule`` and no other rule (error and
warning rules alike); ``invalid(kind)`` draws ``(payload, rule)`` pairs over
``invalid_rules(kind)``. ``invalid_json(rule)`` draws bytes for the rules that
need text (``json/...``) or no kind (``kind/unknown``): ``validate_json(data)``
reports exactly that rule. ``UNPRODUCIBLE`` names the registered rules no
payload can trigger, with the reason.

The building blocks are public too, for fixing a key to a realistic strategy:
``EMAILS``, ``MONEY`` (two decimals), ``UTC_DATE_TIMES``, ``COUNTRY_CODES`` (the
schema's ISO list), ``ORDER_IDS``, ``PRODUCT_IDS``, ``CATEGORY_IDS``, ``ORDER_LINES``.

The big batches (``order_batches(min_size=1000, max_size=1000)``) are built
from at most a few dozen drawn items copied under fresh ids: a thousand fully
independent orders would not fit in one Hypothesis test case.

Generation is built for speed (about 2.5 ms an order on Hypothesis 6.170,
ten to twenty times faster than hypothesis-jsonschema on the same schema; see
``benchmarks/bench_strategies.py``): a draw is what generation costs, so
related yes/no choices share one draw (``_flags``), and the choices that decide
a payload's shape come first, where Hypothesis varies them most freely.

Text is drawn as bytes and decoded here, never with ``st.text()``: no draw waits
while Hypothesis builds its unicode tables, so the first run on a fresh machine
(no ``.hypothesis/`` directory) passes the default health checks.

Importing this module registers the strategies for the TypedDicts of
``brevo_schema.types``: ``st.from_type(Order)`` draws from ``orders()``, and so on
(in a pytest session, the plugin registers them before any test module is imported).

This module does not use hypothesis-jsonschema, so it works with any
Hypothesis release from 6.100 on.
"""

from __future__ import annotations

import copy
import json
import math
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any, Final, Literal, TypeVar, overload

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
    from hypothesis.strategies import SearchStrategy
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("brevo_schema.strategies needs Hypothesis: pip install 'brevo-schema[hypothesis]'") from error

from ..kinds import BATCHES, KINDS, check_kind
from ..rules import REGISTRY
from ..rules.batches import BASE_PRODUCT_LIMIT
from ..rules.catalog import IMAGE_TYPES, META_INFO_MAX_CHARS, RESPONSE_ONLY
from ..rules.dates import parse_date_time
from ..rules.orders import IDENTIFIER_KEYS, KNOWN_STATUSES
from ..schemas import load_shared

__all__ = [
    "CATEGORY_IDS",
    "COUNTRY_CODES",
    "EMAILS",
    "INVALID_JSON_RULES",
    "MONEY",
    "OMIT",
    "ORDER_IDS",
    "ORDER_LINES",
    "PRODUCT_IDS",
    "UNPRODUCIBLE",
    "UTC_DATE_TIMES",
    "categories",
    "category_batches",
    "invalid",
    "invalid_json",
    "invalid_rules",
    "order_batches",
    "orders",
    "payloads",
    "product_batches",
    "products",
]

Payload = dict[str, Any]
Contact = Literal["identifiers", "legacy", "any"]
T = TypeVar("T")


class _Omit:
    """The type of ``OMIT``."""

    def __repr__(self) -> str:
        return "OMIT"


#: As a fixed value: leave the key out of every draw (``orders(billing=OMIT)``).
OMIT: Final = _Omit()

# --------------------------------------------------------------------------
# What the schemas say: key lists and limits, read once from the bundled files
# --------------------------------------------------------------------------


def _properties(kind: str, definition: str | None = None) -> frozenset[str]:
    schema = load_shared(kind)
    node = schema["definitions"][definition] if definition else schema
    return frozenset(node["properties"])


COUNTRY_CODES: Final[tuple[str, ...]] = tuple(load_shared("order")["definitions"]["countryCode"]["enum"])
_MAX_ORDERS: Final[int] = load_shared("order-batch")["properties"]["orders"]["maxItems"]
_MAX_CATEGORIES: Final[int] = load_shared("category-batch")["properties"]["categories"]["maxItems"]
_MAX_META_KEYS: Final[int] = load_shared("product")["definitions"]["productMetaInfo"]["maxProperties"]
#: Documented keys of each object a mutation may touch, by (kind, object).
_KEYS: Final[Mapping[tuple[str, str], frozenset[str]]] = {
    ("order", ""): _properties("order"),
    ("order", "line"): _properties("order", "orderLine"),
    ("order", "identifiers"): _properties("order", "identifiers"),
    ("order", "billing"): _properties("order", "billing"),
    ("product", ""): _properties("product"),
    ("category", ""): _properties("category"),
    ("order-batch", ""): _properties("order-batch"),
    ("product-batch", ""): _properties("product-batch"),
    ("category-batch", ""): _properties("category-batch"),
}

# --------------------------------------------------------------------------
# Realistic building blocks
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Locale:
    code: str
    country: str
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    regions: tuple[str, ...]
    postcodes: tuple[str, ...]
    calling_code: str
    digits: int


_LOCALES: Final = (
    _Locale(
        "FR",
        "France",
        ("Paris", "Lyon", "Saint-Étienne", "Besançon"),
        ("rue de la Paix", "avenue des Champs-Élysées", "place Bellecour"),
        ("Île-de-France", "Auvergne-Rhône-Alpes"),
        ("75011", "69002", "42000"),
        "33",
        9,
    ),
    _Locale(
        "DE",
        "Deutschland",
        ("Berlin", "München", "Köln"),
        ("Hauptstraße", "Königsallee", "Schloßstraße"),
        ("Bayern", "Nordrhein-Westfalen"),
        ("10115", "80331", "50667"),
        "49",
        10,
    ),
    _Locale(
        "GB",
        "United Kingdom",
        ("London", "Manchester", "Edinburgh"),
        ("High Street", "Baker Street"),
        ("England", "Scotland"),
        ("SW1A 1AA", "M1 1AE", "EH1 1YZ"),
        "44",
        10,
    ),
    _Locale(
        "US",
        "United States",
        ("New York", "San José", "Austin"),
        ("Main Street", "5th Avenue"),
        ("NY", "CA", "TX"),
        ("10001", "95113", "73301"),
        "1",
        10,
    ),
    _Locale(
        "ES", "España", ("Madrid", "A Coruña", "Cádiz"), ("Calle Mayor",), ("Galicia",), ("28013", "15001"), "34", 9
    ),
    _Locale("BR", "Brasil", ("São Paulo", "Belém"), ("Avenida Paulista",), ("SP",), ("01310-100",), "55", 11),
    _Locale("PL", "Polska", ("Kraków", "Łódź", "Gdańsk"), ("ulica Długa",), ("Małopolska",), ("31-042",), "48", 9),
    _Locale("JP", "日本", ("東京", "大阪"), ("千代田区丸の内",), ("東京都",), ("100-0005",), "81", 10),
    _Locale("CH", "Schweiz", ("Zürich", "Genève"), ("Bahnhofstrasse",), ("ZH",), ("8001",), "41", 9),
    _Locale("GR", "Ελλάδα", ("Αθήνα",), ("Οδός Ερμού",), ("Αττική",), ("105 63",), "30", 10),
)

_FIRST_NAMES: Final = ("alice", "bob", "chloe", "jose", "zoe", "lukasz", "mei", "soren", "amara", "yuki")
_LAST_NAMES: Final = ("martin", "muller", "smith", "garcia", "kowalski", "tanaka", "silva", "dubois")
_DOMAINS: Final = ("example.com", "example.fr", "mail.example.org", "example.co.uk", "shop-example.de")
_TLDS: Final = ("com", "fr", "de", "io", "org", "shop", "co")
_ATEXT: Final = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
_LABEL: Final = string.ascii_lowercase + string.digits

_PRODUCT_NAMES: Final = (
    "Linen shirt",
    "Chemise en lin",
    "Café moulu 250 g",
    "Müsli Beere",
    "Crème hydratante",
    "Zapatillas niño",
    "抹茶 100g",
    "Набор кистей",
    "Σαπούνι ελιάς",
    "Gift card 🎁",
)
_BRANDS: Final = ("Acme", "Maison Éclat", "Nordlys", "Sakura & Co", "Über Goods")
_CATEGORY_NAMES: Final = ("Shoes", "Chaussures", "Kinder", "Épicerie fine", "お茶", "Новинки", "Sale %")
_SLUGS: Final = ("shoes", "men", "women", "kids", "sale", "new-in", "tea")
_COUPONS: Final = ("SUMMER10", "WELCOME", "FREESHIP", "BF2024", "VIP-15")
_PAYMENT_METHODS: Final = ("card", "PayPal", "bank transfer", "Apple Pay", "cash on delivery", "check")
_ORDER_META_KEYS: Final = ("gift_message", "customer_type", "channel", "delivery_slot", "loyalty_points", "is_gift")
_PRODUCT_META_KEYS: Final = ("color", "size", "material", "origin", "weight_g", "ean")
_HOSTS: Final = ("shop.example.com", "www.example.fr", "boutique.example.de", "example.co.uk:8443")
_CDN: Final = "https://cdn.example.com/img/"
_STORES: Final = ("eu-1", "fr-paris", "us-west", "online")

#: The first and last instants drawn: recent enough to look like real orders.
_EARLIEST: Final = datetime(2015, 1, 1)
_LATEST: Final = datetime(2030, 12, 31)


# Text is drawn as bytes and decoded here, never with st.text() or st.characters():
# those build Hypothesis's table of the unicode categories (and, for the default
# alphabet, of what UTF-8 encodes) on their first use, about a second and a half
# that a fresh machine spends inside the first test case, where the too_slow health
# check counts it (Hypothesis caches the tables in .hypothesis/unicode_data/, so
# only a first run fails). Bytes need no table, and one draw makes a whole text.


def _ranges(*bounds: tuple[int, int]) -> str:
    return "".join(chr(code) for first, last in bounds for code in range(first, last + 1))


#: Printable ASCII, letters first: what a byte 0 (the shrink target) stands for is ``a``.
_ASCII: Final = string.ascii_lowercase + string.ascii_uppercase + string.digits + " " + string.punctuation
#: Beyond ASCII, the characters that break naive text handling: controls, non-breaking and
#: zero-width spaces, direction marks, line and paragraph separators, combining marks,
#: accented Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari, kana, CJK, Hangul, the BOM,
#: U+FFFD, noncharacters, private use, emoji with skin tones and the last code point.
_WIDE: Final = "\t\n\r\x00\x1f\x7f\x85\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202e\u2060" + _ranges(
    (0xA0, 0x17F),
    (0x300, 0x36F),
    (0x391, 0x3A1),
    (0x3A3, 0x3C9),
    (0x410, 0x44F),
    (0x5D0, 0x5EA),
    (0x627, 0x64A),
    (0x905, 0x939),
    (0x2010, 0x2027),
    (0x20AC, 0x20AC),
    (0x3041, 0x3096),
    (0x30A1, 0x30FA),
    (0x4E00, 0x4E7F),
    (0xAC00, 0xAC7F),
    (0xE000, 0xE003),
    (0xFE0F, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFFD, 0xFFFF),
    (0x1D400, 0x1D433),
    (0x1F300, 0x1F32F),
    (0x1F3FB, 0x1F3FF),
    (0x1F600, 0x1F64F),
    (0x10FFFF, 0x10FFFF),
)
_SURROGATES: Final = 0xE000 - 0xD800


#: Any code point but a surrogate (UTF-8 cannot carry those) is 8192 steps of this, spread over all planes.
_STEP: Final = (0x110000 - _SURROGATES) // 0x2000


def _decode_unicode(data: bytes) -> str:
    """Two bytes a character: below 2**15, printable ASCII; below 7 * 2**13, one of
    ``_WIDE``; above, a code point anywhere in unicode (no surrogate)."""
    chars = []
    for start in range(0, len(data) - 1, 2):
        value = data[start] << 8 | data[start + 1]
        if value < 1 << 15:
            chars.append(_ASCII[value % len(_ASCII)])
        elif value < 7 << 13:
            chars.append(_WIDE[value % len(_WIDE)])
        else:
            code = (value - (7 << 13)) * _STEP + value % _STEP
            chars.append(chr(code + _SURROGATES if code >= 0xD800 else code))
    return "".join(chars)


def _built(make: Callable[..., T], *parts: SearchStrategy[Any]) -> SearchStrategy[T]:
    """``make(*drawn parts)``: as ``st.builds``, but a failing example prints the value
    (``'ORD-1'``), where ``st.builds`` would print the call that made it."""
    return st.tuples(*parts).map(lambda drawn: make(*drawn))


@cache
def _unicode_text(min_size: int = 1, max_size: int = 30) -> SearchStrategy[str]:
    """Any text of ``min_size`` to ``max_size`` characters, mostly ASCII; shrinks to ``a``..."""
    return st.binary(min_size=2 * min_size, max_size=2 * max_size).map(_decode_unicode)


@cache
def _text(alphabet: str, min_size: int = 0, max_size: int = 10) -> SearchStrategy[str]:
    """Text over ``alphabet`` (at most 256 characters), a byte a character; shrinks to
    ``alphabet[0]`` repeated ``min_size`` times."""
    table = "".join(alphabet[byte * len(alphabet) >> 8] for byte in range(256))
    return st.binary(min_size=min_size, max_size=max_size).map(lambda data: data.decode("latin-1").translate(table))


@st.composite
def _mostly(draw: st.DrawFn, common: SearchStrategy[T], rare: SearchStrategy[T], one_in: int = 4) -> T:
    """``common``, and ``rare`` about one draw in ``one_in``: the edges come up without
    costing every draw what an arbitrary text costs (a draw per character). Shrinks to common."""
    return draw(rare if draw(_one_in(one_in)) == one_in - 1 else common)


@cache
def _one_in(count: int) -> SearchStrategy[int]:
    return st.integers(0, count - 1)


def _name(pool: Sequence[str], max_size: int = 40) -> SearchStrategy[str]:
    """A name from a realistic pool (shrinks there first) or, one in four, any unicode text."""
    return _mostly(st.sampled_from(pool), _unicode_text(1, max_size))


def _numbered(*prefixes: str) -> SearchStrategy[str]:
    """Shop-style ids (``ORD-1042``), shrinking to ``<prefix>1``."""
    return _built(lambda p, n: f"{p}{n}", st.sampled_from(prefixes), st.integers(1, 10**7))


def _ids(*prefixes: str) -> SearchStrategy[str]:
    """Ids as shops write them: numbered, UUIDs, or any non-empty text (the edge)."""
    return _mostly(_numbered(*prefixes), st.one_of(st.uuids().map(str), _unicode_text(1, 24)))


ORDER_IDS: Final = _ids("ORD-", "#", "WC-", "")
PRODUCT_IDS: Final = _ids("SKU-", "P", "prod_")
CATEGORY_IDS: Final = _mostly(st.one_of(_numbered("CAT-", "c"), st.sampled_from(_SLUGS)), _unicode_text(1, 24))

#: Money: whole cents, so every value has at most two decimals (``money/precision`` stays quiet).
MONEY: Final = st.one_of(st.integers(100, 20_000), st.integers(0, 1_000_000)).map(lambda cents: cents / 100)
_QUANTITY: Final = st.one_of(st.integers(1, 5), st.integers(0, 10_000))
_QUANTITY_FLOAT: Final = st.one_of(
    st.integers(1, 100_000).map(lambda n: n / 100), st.integers(1, 10_000).map(lambda n: n / 1000)
)


def _emails() -> SearchStrategy[str]:
    """Addresses that ``formats.is_email`` accepts: a realistic pool first, then any ASCII shape."""
    people = [(f"{first}.{last}", domain) for first in _FIRST_NAMES for last in _LAST_NAMES for domain in _DOMAINS]
    realistic = _built(
        lambda person, n: f"{person[0]}{n or ''}@{person[1]}",
        st.sampled_from(people),
        st.one_of(st.just(0), st.integers(1, 999)),
    )
    local = st.lists(_text(_ATEXT, min_size=1, max_size=10), min_size=1, max_size=3).map(".".join)
    label = _built(
        lambda head, tail: head + (f"-{tail}" if tail else ""),
        _text(_LABEL, min_size=1, max_size=10),
        _text(_LABEL, max_size=5),
    )
    domain = _built(
        lambda labels, tld: ".".join([*labels, tld]), st.lists(label, min_size=1, max_size=3), st.sampled_from(_TLDS)
    )
    arbitrary = _built(lambda lo, do: f"{lo}@{do}", local, domain)
    return _mostly(realistic, arbitrary)


EMAILS: Final = _emails()


def _phones(locale: _Locale) -> SearchStrategy[str]:
    """E.164 numbers in the locale's country."""
    low = 10 ** (locale.digits - 1)
    return st.integers(low, 10 * low - 1).map(lambda n: f"+{locale.calling_code}{n}")


def _utc_text(moment: datetime, millis: bool) -> str:
    """``moment`` (naive, UTC) as Brevo writes it: ``2021-07-29T20:59:23Z``, or with milliseconds."""
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(seconds: int, millis: int) -> datetime:
    """The instant a draw of ``_SECONDS`` and ``_MILLIS`` stands for."""
    return _EARLIEST + timedelta(seconds=seconds, milliseconds=max(millis - 1, 0))


def _truncate(moment: datetime, millis: bool) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000 if millis else 0)


def _as_naive_utc(text: str) -> datetime | None:
    """A fixed date-time as a naive UTC datetime, or None when it cannot be read."""
    try:
        return parse_date_time(text).astimezone(timezone.utc).replace(tzinfo=None)
    except (ValueError, IndexError, TypeError):
        return None


def _urls(host_path: Callable[[str], str]) -> SearchStrategy[str]:
    """``https://`` (sometimes ``http://``) URLs on example hosts."""
    return _built(
        lambda scheme, host, slug: f"{scheme}://{host}{host_path(slug)}",
        st.sampled_from(("https", "http", "HTTPS")),
        st.sampled_from(_HOSTS),
        st.one_of(st.sampled_from(_SLUGS), _text(_LABEL + "-", min_size=1, max_size=20)),
    )


def _image_urls() -> SearchStrategy[str]:
    """Image URLs of a type Brevo downloads, or with no extension (the server's type decides)."""
    extension = st.one_of(st.sampled_from(IMAGE_TYPES), st.sampled_from(IMAGE_TYPES).map(str.upper), st.just(""))
    return _built(
        lambda slug, ext: f"{_CDN}{slug}{'.' + ext if ext else ''}",
        _text(_LABEL + "-_", min_size=1, max_size=20),
        extension,
    )


# The strategies every draw uses, built once: building them inside a draw
# costs more than drawing from them.
_BOOLEANS: Final = st.booleans()
#: An instant as seconds after _EARLIEST: one draw, where st.datetimes() takes seven.
_SECONDS: Final = st.integers(0, int((_LATEST - _EARLIEST).total_seconds()))
#: 0: a date-time in whole seconds (what it shrinks to); k: with the milliseconds k - 1.
_MILLIS: Final = st.integers(0, 1000)
#: How long after its creation an order last changed: often at once, up to a season later.
_DELAYS: Final = st.one_of(st.just(timedelta(0)), st.integers(1, 90 * 24 * 3600).map(lambda s: timedelta(seconds=s)))
UTC_DATE_TIMES: Final = _built(lambda s, m: _utc_text(_moment(s, m), m > 0), _SECONDS, _MILLIS)
_STATUSES: Final = st.sampled_from(KNOWN_STATUSES + tuple(s.title() for s in KNOWN_STATUSES))
_SHIPPING: Final = st.sampled_from((0.0, 4.99, 9.9))
_VARIANT_IDS: Final = st.one_of(_numbered("V", "var-"), st.just(""))
#: The legacy ways an order also names its contact, as bits: 1 the top-level email, 2 billing.phone.
_LEGACY_SHAPES: Final = {"legacy": st.integers(1, 3), "any": st.integers(0, 3)}
_LOCALE_CHOICE: Final = st.sampled_from(_LOCALES)
_PHONES: Final = {locale.code: _phones(locale) for locale in _LOCALES}
#: Per country: its streets, cities (or any unicode text), postcodes and regions.
_PICKS: Final[Mapping[tuple[str, str], SearchStrategy[str]]] = {
    **{(lo.code, "streets"): st.sampled_from(lo.streets) for lo in _LOCALES},
    **{(lo.code, "cities"): _name(lo.cities, 30) for lo in _LOCALES},
    **{(lo.code, "postcodes"): st.sampled_from(lo.postcodes) for lo in _LOCALES},
    **{(lo.code, "regions"): st.sampled_from(lo.regions) for lo in _LOCALES},
}
_PRODUCT_URLS: Final = _urls(lambda slug: f"/products/{slug}")
_CATEGORY_URLS: Final = _urls(lambda slug: f"/c/{slug}")
_HOOK_URLS: Final = _urls(lambda slug: f"/hooks/brevo/{slug}")
_IMAGE_URLS: Final = _image_urls()
_SKUS: Final = st.one_of(_numbered("SKU-"), st.just(""))
_PRODUCT_NAME_STRATEGY: Final = _name(_PRODUCT_NAMES)
_CATEGORY_NAME_STRATEGY: Final = _name(_CATEGORY_NAMES)
_BRAND_STRATEGY: Final = _name(_BRANDS)
_DESCRIPTIONS: Final = _unicode_text(0, 200)
_CATEGORY_LISTS: Final = st.lists(CATEGORY_IDS, max_size=4, unique=True)
_STOCKS: Final = st.one_of(st.integers(0, 10_000), st.integers(-50, 0), _QUANTITY_FLOAT)
_STORE_IDS: Final = st.sampled_from(_STORES)
_EXT_IDS: Final = _numbered("cust-", "C")
_LOYALTY_IDS: Final = _numbered("LOY-")
#: Which identifiers an order carries, as bits over IDENTIFIER_KEYS (1, e-mail only, is the least).
_IDENTIFIER_CHOICES: Final = st.integers(1, 2 ** len(IDENTIFIER_KEYS) - 1)
_WIDE_QUANTITIES: Final = st.integers(0, 10_000)  # see _order_line
#: Any price up to 10,000.00, its extremes (a free gift, a cent) drawn on purpose: older
#: Hypothesis versions seldom reach a bound by themselves.
_WIDE_CENTS: Final = st.one_of(st.integers(0, 1_000_000), st.sampled_from((0, 1, 999_999, 1_000_000)))
_ID_NUMBERS: Final = st.integers(1, 10**7)
_UUIDS: Final = st.uuids()
_ID_TEXTS: Final = _unicode_text(1, 24)
_STREET_NUMBERS: Final = st.integers(1, 200)
_PAYMENTS: Final = st.sampled_from(_PAYMENT_METHODS)
_ANY_COUNTRY: Final = st.sampled_from(COUNTRY_CODES)


# --------------------------------------------------------------------------
# Fixed values
# --------------------------------------------------------------------------

_ABSENT: Final = object()


def _fixed(fixed: Mapping[str, Any] | None, keywords: Mapping[str, Any]) -> dict[str, Any]:
    """One mapping of fixed values; keyword arguments win over ``fixed``."""
    merged = dict(fixed or {})
    merged.update(keywords)
    for key in merged:
        if not isinstance(key, str):
            raise InvalidArgument(f"fixed keys are JSON object keys (strings), not {key!r}")
    return merged


@cache
def _flag_bytes(width: int) -> SearchStrategy[bytes]:
    return st.binary(min_size=width, max_size=width)


def _flags(draw: st.DrawFn, width: int) -> list[bool]:
    """``width`` yes-or-no answers from one draw (a draw is what generation costs). Bytes,
    not the bits of an integer: Hypothesis favours small integers, which would starve the
    high bits; each byte's low bit is a fair coin. All no (zero bytes) is what they shrink to."""
    return [bool(byte & 1) for byte in draw(_flag_bytes(width))]


class _Fields:
    """The caller's fixed values for one draw: each strategy drawn once, on first use."""

    def __init__(self, draw: st.DrawFn, values: Mapping[str, Any]) -> None:
        self._draw = draw
        self._values = values
        self._resolved: dict[str, Any] = {}
        self._decided: set[str] = set()
        self._included: set[str] = set()

    def plan(self, keys: Sequence[str]) -> None:
        """Decide at once which of the optional ``keys`` this draw holds: one draw for all
        (a bit each), where a boolean per key costs a draw each."""
        free = [key for key in keys if key not in self._values]
        flags = _flags(self._draw, len(free)) if free else []
        self._decided.update(free)
        self._included.update(key for key, included in zip(free, flags, strict=True) if included)

    def omitted(self, key: str) -> bool:
        return self._values.get(key, _ABSENT) is OMIT

    def given(self, key: str) -> bool:
        return key in self._values and not self.omitted(key)

    def value(self, key: str) -> Any:
        if key not in self._resolved:
            raw = self._values[key]
            self._resolved[key] = self._draw(raw) if isinstance(raw, SearchStrategy) else copy.deepcopy(raw)
        return self._resolved[key]

    def make(self, key: str, build: Callable[[], Any]) -> Any:
        """The fixed value of ``key``, else ``build()`` (also for an omitted key: others may depend on it)."""
        return self.value(key) if self.given(key) else build()

    def get(self, key: str, strategy: SearchStrategy[Any]) -> Any:
        return self.value(key) if self.given(key) else self._draw(strategy)

    def maybe_make(self, key: str, build: Callable[[], Any]) -> Any:
        """An optional key's value, or ``_ABSENT`` (about half the draws)."""
        if self.omitted(key):
            return _ABSENT
        if self.given(key):
            return self.value(key)
        if key in self._decided:
            return build() if key in self._included else _ABSENT
        return build() if self._draw(_BOOLEANS) else _ABSENT

    def maybe(self, key: str, strategy: SearchStrategy[Any]) -> Any:
        return self.maybe_make(key, lambda: self._draw(strategy))

    def finish(self, out: Payload) -> Payload:
        """``out`` with every fixed key applied: omitted ones removed, extra ones added."""
        for key in self._values:
            if self.omitted(key):
                out.pop(key, None)
            else:
                out[key] = self.value(key)
        return out


def _put(out: Payload, key: str, value: Any) -> None:
    if value is not _ABSENT:
        out[key] = value


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


@dataclass(frozen=True, slots=True)
class _Customer:
    email: str
    phone: str
    locale: _Locale


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
    deleted_at, is_deleted = _deletion(f)
    _put(out, "deletedAt", deleted_at)
    _put(out, "isDeleted", is_deleted)
    _put(out, "updateEnabled", flag)
    return f.finish(out)


@st.composite
def _category(draw: st.DrawFn, update_enabled: _UpdateMode, in_batch: bool, fixed: Mapping[str, Any]) -> Payload:
    f = _Fields(draw, fixed)
    flag = _ABSENT if in_batch else _update_flag(draw, update_enabled)
    out: Payload = {"id": f.get("id", CATEGORY_IDS)}
    f.plan(("name", "url", "deletedAt", "isDeleted"))
    name = f.get if _creates(flag, in_batch, update_enabled) else f.maybe
    _put(out, "name", name("name", _CATEGORY_NAME_STRATEGY))
    _put(out, "url", f.maybe("url", _CATEGORY_URLS))
    deleted_at, is_deleted = _deletion(f)
    _put(out, "deletedAt", deleted_at)
    _put(out, "isDeleted", is_deleted)
    _put(out, "updateEnabled", flag)
    return f.finish(out)


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


# --------------------------------------------------------------------------
# st.from_type() for the TypedDicts of brevo_schema.types
# --------------------------------------------------------------------------


@st.composite
def _identifiers_alone(draw: st.DrawFn) -> Payload:
    return _identifiers(draw, _customer(draw))


@st.composite
def _billing_alone(draw: st.DrawFn) -> Payload:
    return _billing(draw, _customer(draw), _flags(draw, len(_BILLING_KEYS)), False)


@cache
def _type_strategies() -> dict[Any, SearchStrategy[Any]]:
    """The strategy for each TypedDict of ``brevo_schema.types``."""
    from .. import types

    return {
        types.Order: orders(),
        types.OrderBatch: order_batches(),
        types.Product: products(),
        types.ProductBatch: product_batches(),
        types.Category: categories(),
        types.CategoryBatch: category_batches(),
        types.OrderLine: ORDER_LINES,
        types.Identifiers: _identifiers_alone(),
        types.Billing: _billing_alone(),
        types.ProductInBatch: _product(None, True, {}),
        types.CategoryInBatch: _category(None, True, {}),
    }


def _register_types() -> None:
    """``st.from_type(Order)`` (and every TypedDict of ``brevo_schema.types``) draws
    from these strategies, not from Hypothesis's generic TypedDict support (any text
    for every string, so mostly payloads Brevo rejects). Run on import."""
    for type_, strategy in _type_strategies().items():
        st.register_type_strategy(type_, strategy)


_register_types()


# --------------------------------------------------------------------------
# Invalid payloads: one rule broken at a time
# --------------------------------------------------------------------------

Path = tuple[str | int, ...]
Mutation = Callable[[st.DrawFn, Payload], None]

#: Registered rules that no payload can trigger under the default options, each with the
#: reason. A test fails when a new rule has neither a generator nor an entry here.
UNPRODUCIBLE: Final[Mapping[str, str]] = {
    "schema/anyOf": "told as contact/missing unless that rule is disabled",
    "schema/oneOf": "told as products/quantity-missing or products/quantity-both unless those are disabled",
    "schema/maxItems": "told as batch/max-items unless that rule is disabled",
    "schema/invalid": "a bug guard: reported only if the two schema engines ever disagree",
}


@dataclass(frozen=True, slots=True)
class _Breaker:
    """How to break one rule: a valid payload drawn with ``base`` options, then ``mutate``d."""

    mutate: Mutation
    base: Mapping[str, Any] = field(default_factory=dict)


def _resolve(payload: Any, path: Path) -> Any:
    node = payload
    for token in path:
        node = node[token]
    return node


def _set(payload: Payload, path: Path, value: Any) -> None:
    _resolve(payload, path[:-1])[path[-1]] = value


def _pick_path(draw: st.DrawFn, payload: Payload, paths: Sequence[Path]) -> Path:
    """One of ``paths`` with ``"*"`` replaced by an index of the array there."""
    chosen = draw(st.sampled_from(paths))
    out: list[str | int] = []
    for token in chosen:
        if token == "*":
            size = len(_resolve(payload, tuple(out)))
            out.append(draw(st.integers(0, size - 1)))
        else:
            out.append(token)
    return tuple(out)


def _present(paths: Sequence[Path], payload: Payload) -> list[Path]:
    """The paths of ``paths`` whose last key exists (``"*"`` read as index 0)."""
    found = []
    for path in paths:
        concrete = tuple(0 if t == "*" else t for t in path)
        try:
            container = _resolve(payload, concrete[:-1])
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(container, dict) and concrete[-1] in container:
            found.append(path)
    return found


_WRONG: Final[Mapping[str, tuple[Any, ...]]] = {
    "string": (None, 42, 4.5, True, [], {}),
    "number": ("12.50", None, True, [], {}),
    "array": ({}, "A-1", None, 3),
    "boolean": ("true", 1, None, "false"),
    "object": ([], "x", None, 0),
}


def _wrong_type(typed: Mapping[Path, str]) -> Mutation:
    """Give one of the ``typed`` values (path -> JSON type) a value of another type."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, list(typed))
        wrong = draw(st.sampled_from(_WRONG[typed[path if path in typed else _pattern_of(path, typed)]]))
        _set(payload, path, copy.deepcopy(wrong))

    return mutate


def _pattern_of(path: Path, patterns: Iterable[Path]) -> Path:
    """The pattern (with ``"*"``) that a concrete ``path`` was drawn from."""
    for pattern in patterns:
        if len(pattern) == len(path) and all(p in ("*", t) for p, t in zip(pattern, path, strict=True)):
            return pattern
    raise KeyError(path)


def _drop(paths: Sequence[Path]) -> Mutation:
    """Remove one of the required keys at ``paths``."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, _present(paths, payload))
        del _resolve(payload, path[:-1])[path[-1]]

    return mutate


_UNKNOWN_KEYS: Final = ("currency", "customer", "notes", "shipping", "tax", "discount", "channel", "locale", "colour")


def _unknown_key(documented: frozenset[str], also_avoid: Iterable[str] = ()) -> SearchStrategy[str]:
    """A key that is not documented here, nor a mis-cased documented one."""
    folded = {k.casefold() for k in documented} | {k.casefold() for k in also_avoid}
    pool = [k for k in _UNKNOWN_KEYS if k.casefold() not in folded]
    return st.one_of(st.sampled_from(pool), _unicode_text(1, 20).filter(lambda k: k.casefold() not in folded))


_SCALARS: Final = st.one_of(st.just("EUR"), _unicode_text(0, 10), st.integers(), st.booleans(), st.none())


def _add_unknown(objects: Mapping[Path, frozenset[str]], avoid: Iterable[str] = ()) -> Mutation:
    """Add an undocumented key to one of ``objects`` (path -> its documented keys)."""
    avoid = tuple(avoid)

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, _present_objects(list(objects), payload))
        documented = objects[_pattern_of(path, objects)] if path not in objects else objects[path]
        key = draw(_unknown_key(documented, avoid))
        _resolve(payload, path)[key] = draw(_SCALARS)

    return mutate


def _present_objects(paths: Sequence[Path], payload: Payload) -> list[Path]:
    return [p for p in paths if not p or isinstance(_resolve_or_none(payload, p), dict)]


def _resolve_or_none(payload: Payload, path: Path) -> Any:
    try:
        return _resolve(payload, tuple(0 if t == "*" else t for t in path))
    except (KeyError, IndexError, TypeError):
        return None


def _set_one(paths: Sequence[Path], values: SearchStrategy[Any], *, existing: bool = True) -> Mutation:
    """Set one of ``paths`` (present ones only, when ``existing``) to a drawn value."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        candidates = _present(paths, payload) if existing else list(paths)
        _set(payload, _pick_path(draw, payload, candidates), draw(values))

    return mutate


def _recase(key: str) -> SearchStrategy[str]:
    variants = sorted({key.upper(), key.lower(), key[:1].swapcase() + key[1:], key.title()} - {key})
    return st.sampled_from(variants)


def _rename(mapping: Payload, old: str, new: str) -> None:
    """Rename a key in place, keeping its position."""
    items = [(new if k == old else k, v) for k, v in mapping.items()]
    mapping.clear()
    mapping.update(items)


def _mis_case(paths: Sequence[Path]) -> Mutation:
    """Re-case one of the documented keys at ``paths`` (``Products``, ``ID``, ``createdat``)."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, _present(paths, payload))
        key = str(path[-1])
        _rename(_resolve(payload, path[:-1]), key, draw(_recase(key)))

    return mutate


def _negative_money() -> SearchStrategy[float]:
    return st.integers(1, 100_000).map(lambda cents: -cents / 100)


_BAD_DATE_TIMES: Final = (
    "2021-07-29 20:59:23",
    "2021-07-29T20:59:23",
    "2021-02-30T10:00:00Z",
    "29/07/2021",
    "2021-07-29t20:59:23z",
    "2021-07-29",
    "",
    "1627592363",
)
_BAD_EMAILS: Final = (
    "jean.dupont",
    "jean@",
    "@example.com",
    "jean dupont@example.com",
    "jean@example",
    "jéan@example.com",
    "a..b@example.com",
    "jean@@example.com",
)
_BAD_URLS: Final = (
    "www.example.com/p/1",
    "example.com/shoes",
    "ftp://example.com/p/1",
    "https://",
    "http://exa mple.com/p",
    "/products/1",
    "https:/example.com/p",
    "https://example.com/p\n",
    "",
)
_BAD_COUNTRY_CODES: Final = ("UK", "fr", "FRA", "XX", "EU", "", "france")


def _bad_date(paths: Sequence[Path], catalog: bool) -> Mutation:
    """A date-time in a layout Brevo's parser refuses; on a catalog item, one marked deleted."""

    def mutate(draw: st.DrawFn, payload: Payload) -> None:
        path = _pick_path(draw, payload, paths)
        _set(payload, path, draw(st.sampled_from(_BAD_DATE_TIMES)))
        if catalog:
            _not_undeleted(_resolve(payload, path[:-1]))

    return mutate


def _not_undeleted(item: Payload) -> None:
    """Keep ``isDeleted: false`` away from a ``deletedAt`` (that is ``catalog/deleted-conflict``)."""
    if item.get("isDeleted") is False:
        del item["isDeleted"]


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


# --- batch breakers -----------------------------------------------------------


def _items_of(kind: str, batch: Payload) -> list[Payload]:
    items: list[Payload] = batch[BATCHES[kind].items_key]
    return items


def _lift(kind: str, breaker: _Breaker) -> _Breaker:
    """An item breaker applied to one item of a ``kind`` batch."""

    def mutate(draw: st.DrawFn, batch: Payload) -> None:
        items = _items_of(kind, batch)
        breaker.mutate(draw, items[draw(st.integers(0, len(items) - 1))])

    return _Breaker(mutate, breaker.base)


def _grow(kind: str, sizes: SearchStrategy[int]) -> Mutation:
    """Make the batch hold a drawn number of items (fresh ids for the copies)."""

    def mutate(draw: st.DrawFn, batch: Payload) -> None:
        key = BATCHES[kind].items_key
        batch[key] = _unique_copies(batch[key], draw(sizes))

    return mutate


def _duplicate_id(kind: str) -> Mutation:
    def mutate(draw: st.DrawFn, batch: Payload) -> None:
        items = _items_of(kind, batch)
        later = draw(st.integers(1, len(items) - 1))
        items[later]["id"] = items[draw(st.integers(0, later - 1))]["id"]

    return mutate


def _too_many_bytes(draw: st.DrawFn, batch: Payload) -> None:
    """One order's metaInfo makes the body pass 5 MB (in UTF-8 bytes, not characters)."""
    letter = draw(st.sampled_from(("x", "é", "€")))
    size = 5_000_000 // len(letter.encode()) + draw(st.integers(1, 1000))
    order = batch["orders"][draw(st.integers(0, len(batch["orders"]) - 1))]
    order["metaInfo"] = {**(order.get("metaInfo") or {}), "note": letter * size}


def _drop_historical(draw: st.DrawFn, batch: Payload) -> None:
    del batch["historical"]


def _batch_level_breakers(kind: str) -> dict[str, list[_Breaker]]:
    key = BATCHES[kind].items_key
    documented = _KEYS[kind, ""]
    typed: dict[Path, str] = {(key,): "array"}
    recasable: list[Path] = [(key,)]
    if kind == "order-batch":
        typed[("historical",)] = "boolean"
        recasable.append(("notifyUrl",))
    else:
        typed[("updateEnabled",)] = "boolean"
    breakers: dict[str, list[_Breaker]] = {
        "schema/type": [_Breaker(_wrong_type_set(typed), _CREATE if kind != "order-batch" else {})],
        "schema/required": [_Breaker(_drop([(key,)]))],
        "schema/additionalProperties": [_Breaker(_add_unknown({(): documented}))],
        "schema/minItems": [_Breaker(_set_one([(key,)], st.just([])))],
        "keys/case": [_Breaker(_mis_case(recasable), _CREATE if kind != "order-batch" else {})],
        "batch/duplicate-id": [_Breaker(_duplicate_id(kind), {"min_size": 2})],
    }
    limit = {"order-batch": _MAX_ORDERS, "category-batch": _MAX_CATEGORIES}.get(kind, BASE_PRODUCT_LIMIT)
    breakers["batch/max-items"] = [_Breaker(_grow(kind, st.integers(limit + 1, limit + 5)), _CREATE)]
    if kind == "order-batch":
        breakers["batch/max-items"] = [_Breaker(_grow(kind, st.integers(limit + 1, limit + 5)))]
        breakers["batch/max-bytes"] = [_Breaker(_too_many_bytes, {"max_size": 3})]
        breakers["batch/historical-implicit"] = [_Breaker(_drop_historical)]
        breakers["schema/pattern"] = [_Breaker(_set_one([("notifyUrl",)], st.sampled_from(_BAD_URLS), existing=False))]
    if kind == "product-batch":
        update = {"update_enabled": True}
        breakers["batch/max-items"].append(_Breaker(_grow(kind, st.integers(1001, 1003)), update))
        raised = st.one_of(st.integers(BASE_PRODUCT_LIMIT + 1, BASE_PRODUCT_LIMIT + 20), st.just(1000))
        breakers["batch/raised-limit"] = [_Breaker(_grow(kind, raised), update)]
    return breakers


def _item_breakers(kind: str) -> dict[str, list[_Breaker]]:
    if kind == "order":
        return _order_breakers()
    return _catalog_breakers(kind)


def _all_breakers(kind: str) -> dict[str, list[_Breaker]]:
    if kind not in BATCHES:
        return _item_breakers(kind)
    breakers = _batch_level_breakers(kind)
    for rule, alternatives in _item_breakers(BATCHES[kind].item_kind).items():
        breakers.setdefault(rule, []).extend(_lift(kind, b) for b in alternatives)
    return breakers


_BREAKERS: Final[Mapping[str, Mapping[str, list[_Breaker]]]] = {kind: _all_breakers(kind) for kind in KINDS}


def invalid_rules(kind: str) -> tuple[str, ...]:
    """The rule ids ``invalid(kind, rule)`` can break, in the registry's order."""
    breakers = _BREAKERS[check_kind(kind)]
    return tuple(rule for rule in REGISTRY if rule in breakers)


@st.composite
def _broken(draw: st.DrawFn, kind: str, breaker: _Breaker) -> Payload:
    payload = draw(payloads(kind, **breaker.base))
    breaker.mutate(draw, payload)
    return payload


def _broken_by(kind: str, rule: str) -> SearchStrategy[Payload]:
    breakers = _BREAKERS[kind].get(rule)
    if breakers is None:
        reason = UNPRODUCIBLE.get(rule) or (
            "use invalid_json() for it" if rule in INVALID_JSON_RULES else "the rule does not apply to this kind"
        )
        raise InvalidArgument(
            f"invalid({kind!r}, {rule!r}): no {kind} payload breaks {rule} ({reason}); "
            f"breakable: {', '.join(invalid_rules(kind))}"
        )
    return st.one_of([_broken(kind, b) for b in breakers])


@overload
def invalid(kind: str, rule: None = None) -> SearchStrategy[tuple[Payload, str]]: ...
@overload
def invalid(kind: str, rule: str) -> SearchStrategy[Payload]: ...
def invalid(kind: str, rule: str | None = None) -> SearchStrategy[Payload] | SearchStrategy[tuple[Payload, str]]:
    """Payloads of ``kind`` on which ``validate(payload, kind)`` reports ``rule``, and no other rule.

    With ``rule=None``: ``(payload, rule)`` pairs over every rule in ``invalid_rules(kind)``.
    Each payload is a valid draw with one realistic mistake: a wrong type, a
    dropped or mis-cased key, an unknown key, an empty string, a negative price,
    a bad date, e-mail, URL or country code, an order without contact...
    """
    check_kind(kind)
    if rule is not None:
        return _broken_by(kind, rule)
    rules = invalid_rules(kind)
    return st.sampled_from(rules).flatmap(lambda r: _broken_by(kind, r).map(lambda payload: (payload, r)))


# --------------------------------------------------------------------------
# Invalid JSON text
# --------------------------------------------------------------------------

#: The rules ``invalid_json`` breaks: they need the text, or a document of no kind.
INVALID_JSON_RULES: Final = (
    "json/syntax",
    "json/duplicate-key",
    "json/non-finite-number",
    "json/too-deep",
    "kind/unknown",
)


#: The kinds ``validate_json`` tells from the document alone (a bare product or
#: category may be either).
_DETECTABLE: Final = ("order", "order-batch", "product-batch", "category-batch")


def _any_valid(kind: str | None) -> SearchStrategy[Payload]:
    if kind is not None:
        return payloads(check_kind(kind), max_size=3) if kind in BATCHES else payloads(kind)
    return st.sampled_from(_DETECTABLE).flatmap(_any_valid)


def _compact(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _spoil(draw: st.DrawFn, text: str) -> bytes:
    """``text`` (one JSON object) made unparsable in one of the ways files get broken."""
    how = draw(st.sampled_from(("truncate", "comma", "quotes", "comment", "utf16", "byte", "nul", "empty", "extra")))
    if how == "truncate":
        return text[: draw(st.integers(0, len(text) - 1))].encode()
    if how == "comma":
        return (text[:-1] + ",}").encode()
    if how == "quotes":
        return text.replace('"', "'").encode()
    if how == "comment":
        return ("// exported from the shop\n" + text).encode()
    if how == "utf16":
        return text.encode("utf-16")
    if how == "byte":
        cut = draw(st.integers(0, len(text)))
        return text[:cut].encode() + b"\xff" + text[cut:].encode()
    if how == "nul":
        return text.encode() + b"\x00"
    if how == "extra":
        return (text + "\n" + text).encode()
    return draw(st.sampled_from((b"", b"  \n", b"\xef\xbb\xbf")))


def _object_paths(document: Any, at: Path = ()) -> list[Path]:
    """Every object in ``document`` holding at least one key."""
    found: list[Path] = []
    if isinstance(document, dict):
        if document:
            found.append(at)
        for key, value in document.items():
            found.extend(_object_paths(value, (*at, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.extend(_object_paths(value, (*at, index)))
    return found


def _dumps_twice(document: Any, target: Path, key: str, first: Any, at: Path = ()) -> str:
    """Compact JSON of ``document`` where the object at ``target`` writes ``key`` twice:
    first with ``first``, then (the value parsers keep) with its own value."""
    if isinstance(document, dict):
        members = [
            f"{json.dumps(k, ensure_ascii=False)}:{_dumps_twice(v, target, key, first, (*at, k))}"
            for k, v in document.items()
        ]
        if at == target:
            members.insert(0, f"{json.dumps(key, ensure_ascii=False)}:{_compact(first)}")
        return "{" + ",".join(members) + "}"
    if isinstance(document, list):
        return "[" + ",".join(_dumps_twice(v, target, key, first, (*at, i)) for i, v in enumerate(document)) + "]"
    return _compact(document)


def _duplicate_key(draw: st.DrawFn, document: Payload) -> bytes:
    target = draw(st.sampled_from(_object_paths(document)))
    key = draw(st.sampled_from(sorted(_resolve(document, target))))
    first = draw(st.one_of(st.just(_resolve(document, target)[key]), _SCALARS))
    return _dumps_twice(document, target, key, first).encode()


def _leaves(document: Any, at: Path = ()) -> list[tuple[Path, Any]]:
    if isinstance(document, dict):
        return [leaf for key, value in document.items() for leaf in _leaves(value, (*at, key))]
    if isinstance(document, list):
        return [leaf for index, value in enumerate(document) for leaf in _leaves(value, (*at, index))]
    return [(at, document)]


def _non_finite(draw: st.DrawFn, document: Payload) -> bytes:
    """A number (or, with none, an id) replaced by NaN or an infinity."""
    leaves = _leaves(document)
    numbers = [p for p, v in leaves if isinstance(v, (int, float)) and not isinstance(v, bool)]
    ids = [p for p, _ in leaves if p and p[-1] == "id"]
    path = draw(st.sampled_from(numbers or ids))
    _set(document, path, draw(st.sampled_from((math.nan, math.inf, -math.inf))))
    return json.dumps(document, ensure_ascii=False, allow_nan=True).encode()


def _too_deep(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(50_000, 100_000))  # past any parser's limit, C stack checks included
    opener = draw(st.sampled_from(("[", '{"a":')))
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "0" + closer * depth
    wrap = draw(st.booleans())
    return (f'{{"id":"P1","metaInfo":{nested}}}' if wrap else nested).encode()


_NO_KIND: Final = st.one_of(
    st.sampled_from(("[]", '"order"', "42", "null", "true", "{}", '{"foo":1}', '{"id":"A1","name":"Shoes"}')),
    st.lists(orders(), min_size=1, max_size=2).map(_compact),
    _built(lambda c: _compact({"id": c["id"], "name": c.get("name", "x")}), categories(update_enabled=False)),
)


@st.composite
def _json_breaking(draw: st.DrawFn, rule: str, kind: str | None) -> bytes:
    if rule == "json/too-deep":
        return _too_deep(draw)
    if rule == "kind/unknown":
        return draw(_NO_KIND).encode()
    document = draw(_any_valid(kind))
    if rule == "json/syntax":
        return _spoil(draw, _compact(document))
    if rule == "json/duplicate-key":
        return _duplicate_key(draw, document)
    return _non_finite(draw, document)


@overload
def invalid_json(rule: None = None, kind: str | None = None) -> SearchStrategy[tuple[bytes, str]]: ...
@overload
def invalid_json(rule: str, kind: str | None = None) -> SearchStrategy[bytes]: ...
def invalid_json(
    rule: str | None = None, kind: str | None = None
) -> SearchStrategy[bytes] | SearchStrategy[tuple[bytes, str]]:
    """UTF-8 bytes (mostly) on which ``validate_json(data)`` reports ``rule`` and no other rule.

    For the rules no parsed payload can carry (``INVALID_JSON_RULES``). The
    syntax, duplicate-key and non-finite cases spoil a valid payload of ``kind``
    (validate them with that kind) or, when None, of a kind ``validate_json``
    detects on its own (an order, or any batch); ``kind/unknown`` bytes hold a
    document of no kind, so validate them without naming one. ``rule=None``
    draws ``(data, rule)`` pairs.
    """
    if kind is not None:
        check_kind(kind)
    if rule is None:
        return st.sampled_from(INVALID_JSON_RULES).flatmap(lambda r: _json_breaking(r, kind).map(lambda d: (d, r)))
    if rule not in INVALID_JSON_RULES:
        raise InvalidArgument(
            f"invalid_json breaks {', '.join(INVALID_JSON_RULES)}; for {rule!r} use invalid(kind, rule)"
        )
    return _json_breaking(rule, kind)
