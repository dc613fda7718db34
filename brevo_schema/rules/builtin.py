"""Rule ids whose findings come from the parser, kind detection or the schema.

They have no code here; they are registered so that ``brevo-schema rules``, the
README table and ``--select``/``--ignore`` know every id a report can carry, and so
that ``brevo-schema rule ID`` explains each of them as it does the cross-field rules.
"""

from __future__ import annotations

from ..kinds import BATCHES
from ..report import Severity
from . import examples as ex
from .registry import Example, describe

E = Severity.ERROR

_JSON = "RFC 8259 (JSON); Brevo API reference (every request body is application/json)"
_TRAILING_COMMA = ex.text(ex.order()).replace(
    '"email_id": "ana@example.com"\n  }', '"email_id": "ana@example.com"\n  },'
)

describe(
    "json/syntax",
    E,
    "The text is not JSON (or not UTF-8): nothing else can be checked.",
    "parser",
    why="Brevo answers a body that is not JSON with a 400 and reads none of it; the finding says where the parser "
    "stopped and why (a trailing comma, a missing quote, a second document, a file that is not UTF-8 text).",
    source=_JSON,
    example=Example(_TRAILING_COMMA, ex.text(ex.order()), kind="order"),
    fix_note="none: the text must be corrected by hand (the hint says how where it can tell).",
)
describe(
    "json/duplicate-key",
    E,
    "A key given twice in one object: parsers keep only the last value.",
    "parser",
    why="JSON leaves the meaning of a repeated key open; Python's and Go's parsers keep the last value, so the "
    "first one is lost without a word, and it is often the one that was meant.",
    source="RFC 8259 section 4 (the names within an object should be unique)",
    example=Example(
        ex.text(ex.order()).replace('"status": "completed"', '"status": "pending",\n  "status": "completed"'),
        ex.text(ex.order()),
        kind="order",
    ),
    fix_note="none: which of the values is right is yours to say.",
)
describe(
    "json/too-deep",
    E,
    "Nesting deeper than any Brevo payload (and than Python's parser takes).",
    "parser",
    why="No Brevo payload nests more than a few levels; text nested thousands deep is no payload, and Python's "
    "parser cannot read it (it would run out of stack), so it is reported instead of crashing the check.",
    source="the bundled schemas (the deepest Brevo payload nests five levels); Python's json module",
    example=Example(
        lambda: '{"id": "A-1", "metaInfo": ' + "[" * 100_000 + "]" * 100_000 + "}",
        ex.text(ex.order()),
        kind="order",
    ),
    fix_note="none: whatever wrote the text has a bug to find.",
)
describe(
    "kind/unknown",
    E,
    "The document is none of the six payload kinds, or could be two of them.",
    "detection",
    why="Each of Brevo's six eCommerce write endpoints takes one kind of body. brevo-schema tells the kind from the "
    "keys to check the right contract; a document of no kind, or of two (a bare id and name fit a product and a "
    "category), cannot be judged until the kind is named.",
    source="Brevo API reference: POST /v3/orders/status, /v3/orders/status/batch, /v3/products, "
    "/v3/products/batch, /v3/categories, /v3/categories/batch",
    example=Example({"orderId": "A-1", "total": 19.9}, ex.order(), kind=None),
    fix_note="none: name the kind (--kind on the command line, kind= in Python), or correct the keys.",
)

#: Every JSON Schema keyword that can fail in the bundled schemas (a test keeps this in step).
SCHEMA_KEYWORDS: dict[str, str] = {
    "type": "A value of the wrong JSON type (a string for a number, null for an object...).",
    "required": "A required key is missing.",
    "additionalProperties": "A key Brevo does not document: it is dropped or rejected.",
    "minLength": "An empty string where Brevo needs a value (an id, a name...).",
    "minimum": "A negative amount, price or quantity.",
    "minItems": "An empty array where Brevo needs at least one item.",
    "maxProperties": "More keys than Brevo takes (a product's metaInfo holds at most 20).",
    "pattern": "Not an absolute http(s) URL.",
    "format": "Not a valid date-time or e-mail address.",
    "enum": "Not one of the allowed values (e.g. an ISO 3166-1 alpha-2 country code).",
    # Failures of these three are told by named rules (contact/missing, products/quantity-*,
    # batch/max-items); a user who turns those off sees the schema's own finding instead.
    "anyOf": "None of the allowed shapes fits (told as contact/missing while that rule is on).",
    "oneOf": "Not exactly one allowed shape fits (told as products/quantity-* while those are on).",
    "maxItems": "More items than the schema allows (told as batch/max-items while that rule is on).",
    "maximum": "A number past what Brevo's 64-bit server holds (told as numbers/out-of-range while that rule is on).",
}

_REFERENCE = "Brevo API reference and OpenAPI file swagger_definition_v3.yml (each field's type and constraints)"
_NO_FIX = "none: the right value is yours to give (the hint suggests one where it can)."

_MAX_ORDERS = BATCHES["order-batch"].max_items

#: For each keyword: why Brevo cares, the source, and an example (bad, good, kind, rules the example turns off).
SCHEMA_DOCS: dict[str, tuple[str, str, Example]] = {
    "type": (
        "Brevo's server is typed (it is written in Go): a string where it wants a number, or null where it wants "
        "an object, fails to decode and the request is rejected.",
        _REFERENCE,
        Example(ex.order(amount="19.90"), ex.order(), kind="order"),
    ),
    "required": (
        "Brevo refuses a body without a key it requires (an order's id, dates, status, amount and lines; a "
        "product's or category's id).",
        _REFERENCE,
        Example(ex.order(status=ex.OMIT), ex.order(), kind="order"),
    ),
    "additionalProperties": (
        "Brevo's server is believed to drop keys it does not know without a word (inferred from its error format, "
        "not documented), so the value of a misspelled or invented key is lost while the request succeeds.",
        "Brevo API reference (the documented keys); how Brevo reacts, as gathered in this project's notes",
        Example(ex.order(discount=5), ex.order(), kind="order"),
    ),
    "minLength": (
        "An empty id or name is no id or name: Brevo needs a value there to store and find the item.",
        _REFERENCE,
        Example(ex.order(id=""), ex.order(), kind="order"),
    ),
    "minimum": (
        "Brevo documents amounts, prices and quantities as zero or more: a negative one is no price Brevo can "
        "count or show.",
        _REFERENCE,
        Example(ex.order(products=[ex.line(price=-5)]), ex.order(), kind="order"),
    ),
    "minItems": (
        "An order needs at least one line: an order without products says nothing Brevo can count.",
        "Brevo API reference: POST /v3/orders/status (products: at least one line)",
        Example(ex.order(products=[]), ex.order(), kind="order"),
    ),
    "maxProperties": (
        "Brevo limits a product's metaInfo; its newest statement says at most 20 keys.",
        "Brevo API reference: POST /v3/products (metaInfo)",
        Example(
            ex.product(metaInfo={f"field{i}": "x" for i in range(21)}),
            ex.product(metaInfo={f"field{i}": "x" for i in range(20)}),
            kind="product",
        ),
    ),
    "pattern": (
        "Brevo downloads images, calls webhooks and puts product links in e-mails: a URL without http:// or "
        "https:// is a relative path, which it cannot fetch and a reader cannot follow.",
        "Brevo API reference: url, imageUrl ('Absolute URL to the cover image'), notifyUrl",
        Example(ex.product(url="shop.example.com/p/1"), ex.product(url="https://shop.example.com/p/1"), kind="product"),
    ),
    "format": (
        "Brevo documents date-times as UTC RFC 3339 (2024-03-01T09:15:00Z) and names contacts by e-mail address; "
        "another date layout, an impossible date or an address without a domain cannot be read as meant.",
        'Brevo API reference: createdAt, updatedAt, deletedAt ("UTC date-time (YYYY-MM-DDTHH:mm:ssZ)"), '
        "identifiers.email_id",
        Example(ex.order(createdAt="2024-03-01 09:15:00"), ex.order(), kind="order"),
    ),
    "enum": (
        "Brevo asks for a country's 2-letter ISO code; a name or a common non-code (UK for GB) matches no country.",
        "Brevo API reference: billing.countryCode ('Billing country 2-letter ISO code'); ISO 3166-1 alpha-2",
        Example(ex.order(billing={"countryCode": "UK"}), ex.order(billing={"countryCode": "GB"}), kind="order"),
    ),
    "anyOf": (
        "An order must name its contact one of the ways Brevo accepts; contact/missing says so more plainly, "
        "and this finding appears only while that rule is off.",
        "Brevo eCommerce guide and API reference: POST /v3/orders/status (identifiers)",
        Example(ex.order(identifiers=ex.OMIT), ex.order(), kind="order", ignore=("contact/missing",)),
    ),
    "oneOf": (
        "An order line must have exactly one of quantity and quantityFloat; products/quantity-missing and "
        "products/quantity-both say so more plainly, and this finding appears only while they are off.",
        "Brevo API reference: POST /v3/orders/status (products[].quantity and quantityFloat)",
        Example(
            ex.order(products=[ex.line(quantityFloat=1.5)]),
            ex.order(),
            kind="order",
            ignore=("products/quantity-both", "products/quantity-missing"),
        ),
    ),
    "maximum": (
        "Brevo's server reads amounts, prices and metaInfo numbers as 64-bit floats and a line's quantity as a "
        "64-bit integer; the schemas bound them so. numbers/out-of-range names an integer past them, "
        "products/quantity-not-integer a float quantity, json/non-finite-number Infinity; this finding appears "
        "only while those rules are off.",
        "RFC 8259 section 6 (interoperable numbers are IEEE 754 doubles); Brevo's Go server (int64 quantity, "
        "getbrevo/brevo-csharp issue 12)",
        Example(
            ex.order(products=[ex.line(quantity=2**63)]),
            ex.order(),
            kind="order",
            ignore=("numbers/out-of-range",),
        ),
    ),
    "maxItems": (
        "A batch over Brevo's item limit; batch/max-items says so with the limit that applies (it depends on "
        "updateEnabled and your Limits), and this finding appears only while that rule is off.",
        f"Brevo API reference: POST /v3/orders/status/batch ({_MAX_ORDERS} orders), /v3/products/batch, "
        "/v3/categories/batch",
        Example(
            lambda: ex.order_batch(_MAX_ORDERS + 1),
            lambda: ex.order_batch(_MAX_ORDERS),
            kind="order-batch",
            ignore=("batch/max-items",),
        ),
    ),
}
for _keyword, _summary in SCHEMA_KEYWORDS.items():
    _why, _source, _example = SCHEMA_DOCS[_keyword]
    describe(f"schema/{_keyword}", E, _summary, "schema", why=_why, source=_source, example=_example, fix_note=_NO_FIX)
describe(
    "schema/invalid",
    E,
    "The fast validator rejects the document but the explaining one finds no reason: a bug to report.",
    "schema",
    why="brevo-schema checks each document with two engines generated from the same schema; when they disagree, "
    "the bug is in brevo-schema, not (necessarily) in your payload.",
    source="brevo-schema itself (brevo_schema/_generated/: the predicate and the explainer)",
    fix_note="none: report the payload as a bug in brevo-schema.",
)
