"""The vocabulary payloads are drawn from: realistic names, ids, e-mail addresses, phone
numbers, money, dates and URLs, and unicode text drawn as bytes (never ``st.text()``, whose
tables would make a first run miss Hypothesis's health-check deadline)."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .._records import Value, init
from ..rules.catalog import IMAGE_TYPES
from ..rules.dates import parse_date_time
from ..rules.orders import IDENTIFIER_KEYS, KNOWN_STATUSES
from .base import COUNTRY_CODES, T

# --------------------------------------------------------------------------
# Realistic building blocks
# --------------------------------------------------------------------------


class _Locale(Value):
    """A country's addresses and phone numbers, so that a drawn billing address hangs together."""

    __slots__ = ("code", "country", "cities", "streets", "regions", "postcodes", "calling_code", "digits")
    code: str
    country: str
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    regions: tuple[str, ...]
    postcodes: tuple[str, ...]
    calling_code: str
    digits: int

    def __init__(
        self,
        code: str,
        country: str,
        cities: tuple[str, ...],
        streets: tuple[str, ...],
        regions: tuple[str, ...],
        postcodes: tuple[str, ...],
        calling_code: str,
        digits: int,
    ) -> None:
        init(
            self,
            code=code,
            country=country,
            cities=cities,
            streets=streets,
            regions=regions,
            postcodes=postcodes,
            calling_code=calling_code,
            digits=digits,
        )


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
#: Any quantity up to 10,000 (see _order_line), its extremes (0, a line kept at zero units; 1;
#: the largest) drawn on purpose: how often a bare range reaches its bounds varies with the
#: Hypothesis release and with what ran before in the process.
_WIDE_QUANTITIES: Final = st.one_of(st.integers(0, 10_000), st.sampled_from((0, 1, 10_000)))
#: Any price up to 10,000.00, its extremes (a free gift, a cent) drawn on purpose: older
#: Hypothesis versions seldom reach a bound by themselves.
_WIDE_CENTS: Final = st.one_of(st.integers(0, 1_000_000), st.sampled_from((0, 1, 999_999, 1_000_000)))
_ID_NUMBERS: Final = st.integers(1, 10**7)
_UUIDS: Final = st.uuids()
_ID_TEXTS: Final = _unicode_text(1, 24)
_STREET_NUMBERS: Final = st.integers(1, 200)
_PAYMENTS: Final = st.sampled_from(_PAYMENT_METHODS)
_ANY_COUNTRY: Final = st.sampled_from(COUNTRY_CODES)
