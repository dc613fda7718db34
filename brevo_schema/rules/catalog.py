"""Rules about catalog products and categories."""

from __future__ import annotations

from ..report import Finding, Severity
from .registry import CATALOG, Context, code, jp, refiner, remove_op, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from ..issues import SchemaIssue

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
