"""Rules about catalog products and categories."""

from __future__ import annotations

from ..report import Finding, Severity
from . import examples as ex
from .registry import CATALOG, Context, code, jp, refiner, remove_op, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from ..engine.issues import SchemaIssue

PRODUCT = frozenset({"product"})
IMAGE_TYPES = ("jpeg", "jpg", "png", "bmp", "gif", "webp")
META_INFO_MAX_CHARS = 20_000
RESPONSE_ONLY = {
    "product": ("createdAt", "modifiedAt", "s3Original", "s3ThumbAnalytics", "s3ThumbEditor"),
    "category": ("createdAt", "modifiedAt"),
}


@refiner(
    "catalog/name-required",
    Severity.ERROR,
    "A product or category without name where the request creates it (updateEnabled absent or false).",
    kinds=CATALOG,
    why=(
        "Brevo needs a name to create a product or category. Without updateEnabled: true a request creates the "
        "item (and fails if the id exists), so a nameless one is rejected; with it, the request updates an "
        "existing item and may leave the name out."
    ),
    source="Brevo API reference: POST /v3/products and POST /v3/categories (name; updateEnabled, default false)",
    example=ex.Example(ex.product(name=ex.OMIT), ex.product(), kind="product"),
    fix_note="none: the name is yours to give (or set updateEnabled: true if the request updates items that exist).",
)
def name_required(issue: SchemaIssue, ctx: Context) -> Finding | None:
    if issue.keyword != "required" or issue.detail != "name" or "then" not in issue.schema_path:
        return None
    where = " on the batch" if ctx.batch_kind else ""
    return name_required.finding(
        issue.pointer,
        f"the {ctx.kind} has no name, which Brevo requires when it creates one (updateEnabled is absent or false)",
        f"add a name, or set updateEnabled: true{where} to update an existing {ctx.kind}",
    )


@refiner(
    "catalog/response-only-field",
    Severity.ERROR,
    "A field Brevo only returns (createdAt, modifiedAt, s3...) sent in a request.",
    kinds=CATALOG,
    fixable=True,
    why=(
        "createdAt, modifiedAt and the s3... image fields are what Brevo returns about a product or category, "
        "not what a request may set: sending them is outside the documented contract. They usually come from "
        "sending back an item fetched from Brevo."
    ),
    source=(
        "Brevo API reference: GET /v3/products/{id} and GET /v3/categories/{id} return them; the request bodies "
        "of POST /v3/products and POST /v3/categories do not have them (read-only in Brevo's OpenAPI file)"
    ),
    example=ex.Example(ex.product(createdAt=ex.STAMP), ex.product(), kind="product"),
    fix_note="offered and always safe: the field is removed. Brevo sets these values itself; no request can.",
)
def response_only_field(issue: SchemaIssue, ctx: Context) -> Finding | None:
    if issue.keyword != "additionalProperties" or issue.detail not in RESPONSE_ONLY[ctx.kind]:
        return None
    return response_only_field.finding(
        issue.pointer,
        f"{issue.detail} is a field Brevo returns, not one it accepts in a request",
        "remove it",
        remove_op(issue.pointer),
    )


@rule(
    "catalog/meta-info-size",
    Severity.ERROR,
    f"A product's metaInfo over {META_INFO_MAX_CHARS:,} characters in all (keys and values).",
    kinds=PRODUCT,
    why=(
        "Brevo limits a product's metaInfo; its sources disagree on how far, and the newest says 20 keys and "
        "about 20,000 characters. A bigger one risks the product being refused."
    ),
    source="Brevo API reference: POST /v3/products (metaInfo), the newest statement of its limit",
    example=ex.Example(
        ex.product(metaInfo={"story": "x" * 20_001}),
        ex.product(metaInfo={"story": "Thrown by hand in Lisbon."}),
        kind="product",
    ),
    fix_note="none: what to shorten, or move to description, is yours to choose.",
)
def meta_info_size(product: Any, at: str, ctx: Context) -> list[Finding]:
    meta = product.get("metaInfo") if isinstance(product, dict) else None
    if not isinstance(meta, dict):
        return []
    size = sum(len(str(k)) + len(str(v)) for k, v in meta.items())
    if size <= META_INFO_MAX_CHARS:
        return []
    return [
        meta_info_size.finding(
            jp.join(at, "metaInfo"),
            f"metaInfo holds {size:,} characters (keys and values); Brevo takes at most {META_INFO_MAX_CHARS:,}",
            "move long texts to description, or shorten them",
        )
    ]


@rule(
    "catalog/parent-self",
    Severity.WARNING,
    "A product whose parentId is its own id: a variant cannot be its own parent.",
    kinds=PRODUCT,
    why=(
        "parentId names the product a variant belongs to. A product cannot be its own parent: the link says "
        "nothing, and is usually an id copied into the wrong field."
    ),
    source="Brevo API reference: POST /v3/products (parentId: the parent product's id, for variants)",
    example=ex.Example(ex.product(2, parentId="P-2"), ex.product(2, parentId="P-1"), kind="product"),
    fix_note="none: leave parentId out for a product without a parent, or name the real one.",
)
def parent_self(product: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(product, dict):
        return []
    parent = product.get("parentId")
    if parent is None or parent != product.get("id"):
        return []
    return [
        parent_self.finding(
            jp.join(at, "parentId"),
            f"parentId {code(parent)} is the product's own id",
            "leave parentId out for a product without a parent",
        )
    ]


@rule(
    "catalog/image-format",
    Severity.WARNING,
    "An imageUrl whose file type is not one Brevo downloads (jpeg, jpg, png, bmp, gif, webp).",
    kinds=PRODUCT,
    why=(
        "Brevo downloads imageUrl to show the product in e-mails and takes jpeg, jpg, png, bmp, gif and webp "
        "images of at most 5 MB; an image of another type is not one it takes."
    ),
    source="Brevo API reference: POST /v3/products (imageUrl: an absolute URL Brevo downloads; the image types)",
    example=ex.Example(
        ex.product(imageUrl="https://shop.example.com/img/mug.svg"),
        ex.product(imageUrl="https://shop.example.com/img/mug.png"),
        kind="product",
    ),
    fix_note="none: the image must be converted and published at a new URL.",
)
def image_format(product: Any, at: str, ctx: Context) -> list[Finding]:
    url = product.get("imageUrl") if isinstance(product, dict) else None
    if not isinstance(url, str):
        return []
    name = _file_name(url)
    if "." not in name:
        return []  # no extension: the server's content type decides
    extension = name.rsplit(".", 1)[1].lower()
    if extension in IMAGE_TYPES:
        return []
    return [
        image_format.finding(
            jp.join(at, "imageUrl"),
            f"imageUrl ends in .{extension}, a type Brevo does not download",
            f"use one of: {', '.join(IMAGE_TYPES)}",
        )
    ]


def _file_name(url: str) -> str:
    """The last path segment of ``url``, without query or fragment (no urllib: start-up time)."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    scheme_end = path.find("://")
    if scheme_end >= 0:
        slash = path.find("/", scheme_end + 3)
        path = path[slash:] if slash >= 0 else ""
    return path.rsplit("/", 1)[-1]


@rule(
    "catalog/deleted-conflict",
    Severity.WARNING,
    "deletedAt is set while isDeleted is false: the item is both deleted and not.",
    kinds=CATALOG,
    why=(
        "deletedAt says when the item was deleted and isDeleted: false says it is not: Brevo gets two answers, "
        "and which one it keeps is not documented."
    ),
    source="Brevo API reference: POST /v3/products and POST /v3/categories (deletedAt, isDeleted)",
    example=ex.Example(
        ex.product(isDeleted=False, deletedAt=ex.STAMP), ex.product(isDeleted=True, deletedAt=ex.STAMP), kind="product"
    ),
    fix_note="none: whether the item is deleted is yours to say.",
)
def deleted_conflict(item: Any, at: str, ctx: Context) -> list[Finding]:
    if not isinstance(item, dict) or item.get("isDeleted") is not False or not item.get("deletedAt"):
        return []
    return [
        deleted_conflict.finding(
            jp.join(at, "isDeleted"),
            f"isDeleted is false but deletedAt is {code(item['deletedAt'])}",
            "set isDeleted to true, or leave deletedAt out",
        )
    ]
