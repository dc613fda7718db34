"""The bundled schemas held against Brevo's OpenAPI document and the official SDK's request models.

Every property Brevo documents for the six request bodies is in our schema with the same type
and constraints, and every property our schema accepts is documented by Brevo, or the difference
is a row of ``openapi_compare.DELIBERATE`` with its reason. Mutated copies prove the comparison
notices a property added, removed or retyped on either side, and a row that explains nothing.
"""

from __future__ import annotations

import ast
import collections.abc
import copy
import inspect
import json
import re
import subprocess
import sys
import textwrap
import types
import typing
from pathlib import Path
from typing import Any

import pydantic
import pytest
from brevo.ecommerce.raw_client import RawEcommerceClient

from brevo_schema.compile import openapi_compare as oc
from brevo_schema.schemas import schema as our_schema
from tests.helpers import ROOT

EXCERPT = ROOT / "tests" / "data" / "openapi" / "brevo-openapi-2025-02.json"
NOTHING = oc.Comparison([], [])


def _excerpt() -> dict[str, Any]:
    return json.loads(EXCERPT.read_text(encoding="utf-8"))


def _spec_bodies(document: dict[str, Any]) -> dict[str, oc.Shape]:
    return oc.request_bodies(document)


# --- brevo-python: the request models, with their JSON aliases and types -----------------------

# The SDK method that sends each body. The single-item bodies are method parameters (their JSON
# keys are the keys of the json={...} literal the method sends); batch items are pydantic models.
SDK_METHODS = {
    "order": "create_order",
    "order-batch": "create_batch_order",
    "product": "create_update_product",
    "product-batch": "create_update_batch_products",
    "category": "create_update_category",
    "category-batch": "create_update_batch_category",
}
_PRIMITIVES = {str: "string", float: "number", int: "integer", bool: "boolean"}


def _json_keys(method: Any) -> dict[str, str]:
    """Parameter name -> JSON key, read from the ``json={...}`` literal the SDK method sends."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(method)))
    literals = [
        kw.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg == "json" and isinstance(kw.value, ast.Dict)
    ]
    assert len(literals) == 1, f"{method.__name__}: expected one json={{...}} literal"
    keys: dict[str, str] = {}
    for key, value in zip(literals[0].keys, literals[0].values, strict=True):
        assert isinstance(key, ast.Constant) and isinstance(key.value, str)
        if isinstance(value, ast.Call):  # convert_and_respect_annotation_metadata(object_=name, ...)
            value = next(kw.value for kw in value.keywords if kw.arg == "object_")
        assert isinstance(value, ast.Name), ast.dump(value)
        keys[value.id] = key.value
    return keys


def _sdk_schema(annotation: Any) -> dict[str, Any]:
    """A JSON Schema for a type annotation of the SDK. Optional means the key may be left out."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        return _sdk_schema(present[0]) if len(present) == 1 else {"oneOf": [_sdk_schema(a) for a in present]}
    if annotation in _PRIMITIVES:
        return {"type": _PRIMITIVES[annotation]}
    if origin in (list, collections.abc.Sequence):
        return {"type": "array", "items": _sdk_schema(args[0])}
    if origin is dict and args[0] is str:
        return {"type": "object", "additionalProperties": _sdk_schema(args[1])}
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        fields = annotation.model_fields
        return {"type": "object", "properties": {f.alias or n: _sdk_schema(f.annotation) for n, f in fields.items()}}
    raise AssertionError(f"the test cannot turn {annotation!r} into a JSON Schema yet: teach _sdk_schema")


def sdk_schemas() -> dict[str, dict[str, Any]]:
    """The six request bodies as brevo-python sends them, as JSON Schemas."""
    bodies = {}
    for kind, name in SDK_METHODS.items():
        method = getattr(RawEcommerceClient, name)
        hints = typing.get_type_hints(method)
        keys = _json_keys(method)
        params = set(inspect.signature(method).parameters) - {"self", "request_options"}
        assert set(keys) == params, f"{name}: parameters the json literal does not send (or the other way round)"
        bodies[kind] = {"type": "object", "properties": {keys[p]: _sdk_schema(hints[p]) for p in sorted(keys)}}
    return bodies


def _sdk_bodies(schemas: dict[str, dict[str, Any]]) -> dict[str, oc.Shape]:
    return {kind: oc.shape_of(schema, schema) for kind, schema in schemas.items()}


# --- (a) and (b): today's sources, no difference outside the table -----------------------------


def test_the_excerpt_matches_the_schemas_apart_from_the_table() -> None:
    comparison = oc.compare(_spec_bodies(_excerpt()), "openapi")
    assert comparison == NOTHING, "\n".join(oc.report_lines(comparison))


def test_brevo_python_request_models_match_the_schemas_apart_from_the_table() -> None:
    comparison = oc.compare(_sdk_bodies(sdk_schemas()), "sdk")
    assert comparison == NOTHING, "\n".join(oc.report_lines(comparison))


def test_the_sdk_is_read_with_its_aliases_and_types() -> None:
    """A guard on the test's own reading of the SDK: snake_case names become the JSON keys."""
    order = sdk_schemas()["order"]["properties"]
    assert order["createdAt"] == {"type": "string"}
    line = order["products"]["items"]["properties"]
    assert line["quantity"] == {"type": "integer"} and line["quantityFloat"] == {"type": "number"}
    assert order["metaInfo"]["additionalProperties"] == {
        "oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]
    }
    assert "updateEnabled" not in sdk_schemas()["category-batch"]["properties"]["categories"]["items"]["properties"]


def test_every_row_is_needed_against_some_reference() -> None:
    assert all(set(row.against) <= {"openapi", "sdk"} and row.against for row in oc.DELIBERATE)
    assert len(set(oc.DELIBERATE)) == len(oc.DELIBERATE)


# --- (c) mutations: each side gains, loses or retypes a property -------------------------------


def _spec_mutations() -> list[tuple[str, Any, list[oc.Difference]]]:
    schemas = ("components", "schemas")

    def at(document: dict[str, Any], *path: str) -> dict[str, Any]:
        for key in (*schemas, *path):
            document = document[key]
        return document

    return [
        (
            "order adds giftWrap",
            lambda d: at(d, "order", "properties").update(giftWrap={"type": "boolean"}),
            [
                oc.Difference("order", "giftWrap", "only-brevo", "boolean", "absent"),
                oc.Difference("order-batch", "orders[].giftWrap", "only-brevo", "boolean", "absent"),
            ],
        ),
        (
            "order removes storeId",
            lambda d: at(d, "order", "properties").pop("storeId"),
            [
                oc.Difference("order", "storeId", "only-ours", "absent", "string"),
                oc.Difference("order-batch", "orders[].storeId", "only-ours", "absent", "string"),
            ],
        ),
        (
            "order retypes amount",
            lambda d: at(d, "order", "properties", "amount").update(type="string"),
            [
                oc.Difference("order", "amount", "type", "string", "number"),
                oc.Difference("order-batch", "orders[].amount", "type", "string", "number"),
            ],
        ),
        (
            "an order line adds discount",
            lambda d: at(d, "order", "properties", "products", "items", "properties").update(
                discount={"type": "number"}
            ),
            [
                oc.Difference("order", "products[].discount", "only-brevo", "number", "absent"),
                oc.Difference("order-batch", "orders[].products[].discount", "only-brevo", "number", "absent"),
            ],
        ),
        (
            "billing removes region",
            lambda d: at(d, "order", "properties", "billing", "properties").pop("region"),
            [
                oc.Difference("order", "billing.region", "only-ours", "absent", "string"),
                oc.Difference("order-batch", "orders[].billing.region", "only-ours", "absent", "string"),
            ],
        ),
        (
            "identifiers add loyalty_card_id",
            lambda d: at(d, "order", "properties", "identifiers", "properties").update(
                loyalty_card_id={"type": "string"}
            ),
            [
                oc.Difference("order", "identifiers.loyalty_card_id", "only-brevo", "string", "absent"),
                oc.Difference("order-batch", "orders[].identifiers.loyalty_card_id", "only-brevo", "string", "absent"),
            ],
        ),
        (
            "product metaInfo values become free",
            lambda d: at(d, "createUpdateProduct", "properties", "metaInfo").update(additionalProperties={}),
            [oc.Difference("product", "metaInfo.*", "type", "any", "integer|string")],
        ),
        (
            "a batch product retypes isDeleted",
            lambda d: at(d, "createUpdateProducts", "properties", "isDeleted").update(type="string"),
            [oc.Difference("product-batch", "products[].isDeleted", "type", "string", "boolean")],
        ),
        (
            "a category url gains format uri",
            lambda d: at(d, "createUpdateCategory", "properties", "url").update(format="uri"),
            [oc.Difference("category", "url", "constraint", "format uri", "pattern")],
        ),
        (
            "the category batch removes updateEnabled",
            lambda d: at(d, "createUpdateBatchCategory", "properties").pop("updateEnabled"),
            [oc.Difference("category-batch", "updateEnabled", "only-ours", "absent", "boolean")],
        ),
    ]


MUTATIONS = _spec_mutations()


@pytest.mark.parametrize(("mutate", "expected"), [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS])
def test_a_mutated_spec_fails_naming_the_property(mutate: Any, expected: list[oc.Difference]) -> None:
    document = _excerpt()
    mutate(document)
    comparison = oc.compare(_spec_bodies(document), "openapi")
    assert comparison == oc.Comparison(expected, [])
    text = "\n".join(oc.report_lines(comparison))
    for difference in expected:
        assert difference.path in text


def test_our_schema_gaining_or_losing_a_property_fails_naming_it() -> None:
    ours = {kind: our_schema(kind) for kind in oc.OPERATIONS}
    ours["order"]["properties"]["giftWrap"] = {"type": "boolean"}
    del ours["product"]["properties"]["sku"]
    shapes = {kind: oc.shape_of(schema, schema) for kind, schema in ours.items()}
    comparison = oc.compare(_spec_bodies(_excerpt()), "openapi", ours=shapes)
    assert comparison == oc.Comparison(
        [
            oc.Difference("order", "giftWrap", "only-ours", "absent", "boolean"),
            oc.Difference("product", "sku", "only-brevo", "string", "absent"),
        ],
        [],
    )


def test_a_new_sdk_field_fails_naming_it() -> None:
    schemas = sdk_schemas()
    schemas["product-batch"]["properties"]["products"]["items"]["properties"]["weight"] = {"type": "number"}
    del schemas["category"]["properties"]["isDeleted"]
    comparison = oc.compare(_sdk_bodies(schemas), "sdk")
    assert comparison == oc.Comparison(
        [
            oc.Difference("product-batch", "products[].weight", "only-brevo", "number", "absent"),
            oc.Difference("category", "isDeleted", "only-ours", "absent", "boolean"),
        ],
        [],
    )


def test_a_row_the_spec_no_longer_needs_is_stale() -> None:
    """Brevo fixes the category id's format email: the row that explained it must go."""
    document = _excerpt()
    for name in ("createUpdateCategory", "createUpdateCategories"):
        del document["components"]["schemas"][name]["properties"]["id"]["format"]
    comparison = oc.compare(_spec_bodies(document), "openapi")
    [row] = [r for r in oc.DELIBERATE if (r.body, r.path) == ("category", "id")]
    assert comparison == oc.Comparison([], [row])
    assert "category: stale row in the table (constraints on id: Brevo format email, ours none)" in "\n".join(
        oc.report_lines(comparison)
    )


def test_a_row_that_matches_nothing_is_stale() -> None:
    row = oc.Deliberate("product", "sku", "only-ours", "absent", "string", ("openapi",), "made up", "nowhere")
    comparison = oc.compare(_spec_bodies(_excerpt()), "openapi", table=(*oc.DELIBERATE, row))
    assert comparison == oc.Comparison([], [row])


def test_a_row_covers_only_the_difference_it_names() -> None:
    """The quantity row explains number -> integer, not a spec that retypes quantity to string."""
    document = _excerpt()
    document["components"]["schemas"]["order"]["properties"]["products"]["items"]["properties"]["quantity"] = {
        "type": "string"
    }
    comparison = oc.compare(_spec_bodies(document), "openapi")
    assert [(d.body, d.path, d.brevo) for d in comparison.unexplained] == [
        ("order", "products[].quantity", "string"),
        ("order-batch", "orders[].products[].quantity", "string"),
    ]
    assert [(r.body, r.path) for r in comparison.stale] == [("order", "products[].quantity")]


# --- reading documents ----------------------------------------------------------------------


def test_refs_all_of_nullable_read_only_and_v3_paths_are_read() -> None:
    document = _excerpt()
    paths = document["paths"]
    paths["/v3/categories"] = paths.pop("/categories")
    category = document["components"]["schemas"]["createUpdateCategory"]
    category["allOf"] = [{"properties": {"position": {"$ref": "#/components/schemas/position"}}}]
    document["components"]["schemas"]["position"] = {"type": "integer", "nullable": True}
    category["properties"]["createdAt"] = {"type": "string", "readOnly": True}  # Brevo returns it; no request field
    comparison = oc.compare(_spec_bodies(document), "openapi")
    assert comparison.unexplained == [oc.Difference("category", "position", "only-brevo", "integer|null", "absent")]


def test_a_document_without_a_body_is_refused() -> None:
    document = _excerpt()
    del document["paths"]["/products/batch"]
    with pytest.raises(oc.OpenAPIError, match=re.escape("POST /products/batch (product-batch)")):
        oc.request_bodies(document)
    with pytest.raises(oc.OpenAPIError, match="no 'paths'"):
        oc.request_bodies({"openapi": "3.0.1"})


def test_yaml_needs_pyyaml_and_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    spec = tmp_path / "swagger_definition_v3.yml"
    spec.write_text(yaml.safe_dump(_excerpt()), encoding="utf-8")
    assert oc.load_document(spec) == _excerpt()
    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml now raises ImportError
    with pytest.raises(oc.OpenAPIError, match="pip install pyyaml"):
        oc.load_document(spec)


# --- (d) the maintainer's command -----------------------------------------------------------


def _command(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brevo_schema.compile.build", "--compare-openapi", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_command_on_todays_excerpt_exits_0() -> None:
    done = _command(EXCERPT)
    assert (done.returncode, done.stderr) == (0, "")
    assert "match the bundled schemas" in done.stdout


@pytest.mark.parametrize("name", ["brevo-openapi.json", "swagger_definition_v3.yml"])
def test_command_on_a_mutated_copy_lists_what_the_spec_changes(tmp_path: Path, name: str) -> None:
    document = _excerpt()
    order = document["components"]["schemas"]["order"]["properties"]
    order["giftWrap"] = {"type": "boolean"}
    del order["storeId"]
    order["amount"]["type"] = "string"
    spec = tmp_path / name
    import yaml

    dump = yaml.safe_dump if name.endswith(".yml") else json.dumps
    spec.write_text(dump(document), encoding="utf-8")
    done = _command(spec)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "order: Brevo adds giftWrap (boolean); our schema rejects it" in lines
    assert "order: Brevo lacks storeId; our schema accepts it (string)" in lines
    assert "order: type of amount: Brevo string, ours number" in lines
    assert "order-batch: Brevo adds orders[].giftWrap (boolean); our schema rejects it" in lines


def test_command_on_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "spec.json"
    bad.write_text("{not json", encoding="utf-8")
    done = _command(bad)
    assert done.returncode == 2 and f"cannot compare {bad}" in done.stderr
    assert _command(tmp_path / "missing.json").returncode == 2
    (tmp_path / "shared.json").write_text('{"snapshots": {}}', encoding="utf-8")
    assert "no 'paths'" in _command(tmp_path / "shared.json").stderr


# --- README -------------------------------------------------------------------------------


def test_readme_shows_the_table_as_the_module_holds_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- deliberate-differences:start -->\n(.*?)<!-- deliberate-differences:end -->", readme, re.S)
    assert match, "README.md lacks the <!-- deliberate-differences:start --> ... :end --> markers"
    assert match.group(1).strip() == oc.markdown_table(), "update README.md from openapi_compare.markdown_table()"


def test_the_mutations_leave_the_excerpt_untouched() -> None:
    before = copy.deepcopy(_excerpt())
    for _, mutate, _ in MUTATIONS:
        mutate(_excerpt())
    assert _excerpt() == before
