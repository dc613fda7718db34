"""Rule ids whose findings come from the parser, kind detection or the schema.

They have no code here; they are registered so that ``brevo-schema rules``, the
README table and ``--select``/``--ignore`` know every id a report can carry.
"""

from __future__ import annotations

from ..report import Severity
from .registry import describe

E, W = Severity.ERROR, Severity.WARNING

describe("json/syntax", E, "The text is not JSON (or not UTF-8): nothing else can be checked.", "parser")
describe("json/duplicate-key", E, "A key given twice in one object: parsers keep only the last value.", "parser")
describe("json/too-deep", E, "Nesting deeper than any Brevo payload (and than Python's parser takes).", "parser")
describe("kind/unknown", E, "The document is none of the six payload kinds, or could be two of them.", "detection")

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
}
for _keyword, _summary in SCHEMA_KEYWORDS.items():
    describe(f"schema/{_keyword}", E, _summary, "schema")
describe(
    "schema/invalid",
    E,
    "The fast validator rejects the document but the explaining one finds no reason: a bug to report.",
    "schema",
)
