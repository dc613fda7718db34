"""The committed generated validators match the schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import brevo_schema as bs
from brevo_schema.compile import assemble, build
from brevo_schema.kinds import BATCHES


def test_generated_validators_are_up_to_date() -> None:
    assert build.stale_kinds() == [], "stale: run python -m brevo_schema.compile.build"


def test_check_command_reports_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "brevo_schema.compile.build", "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


def test_check_command_fails_on_a_stale_module(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(build, "GENERATED_DIR", tmp_path)
    build.write_all()
    (tmp_path / "order.py").write_text("# edited by hand\n", encoding="utf-8")
    assert build.stale_kinds() == ["order"]
    assert build.main(["--check"]) == 1


def test_generated_modules_import_nothing_heavy() -> None:
    text = (build.GENERATED_DIR / "order_batch.py").read_text(encoding="utf-8")
    imports = [line for line in text.splitlines() if line.startswith(("import ", "from "))]
    assert imports == [
        "import re",
        "from brevo_schema.engine._support import FORMATS, count_members, in_enum, is_integer, is_number",
        "from brevo_schema.pointer import escape",
    ]


# ------------------------------------------------------------------ the batch schemas, assembled


def _schemas_copy(tmp_path: Path) -> Path:
    """A copy of the schemas folder (with its sources) to edit."""
    copy = tmp_path / "schemas"
    shutil.copytree(assemble.default_dir(), copy)
    return copy


def test_batch_schemas_are_what_their_sources_assemble() -> None:
    assert assemble.stale() == [], "stale: run python -m brevo_schema.compile.build"


def test_check_command_fails_on_a_hand_edited_batch_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    schemas = _schemas_copy(tmp_path)
    path = schemas / "order-batch.json"
    edited = json.loads(path.read_text(encoding="utf-8"))
    edited["properties"]["orders"]["maxItems"] = 2000
    path.write_text(assemble.render(edited), encoding="utf-8")
    monkeypatch.setattr(assemble, "default_dir", lambda: schemas)
    assert assemble.stale() == ["order-batch"]
    assert build.main(["--check"]) == 1
    assert "stale batch schemas: order-batch" in capsys.readouterr().out


def test_an_item_schema_edit_makes_its_batch_stale_until_written(tmp_path: Path) -> None:
    schemas = _schemas_copy(tmp_path)
    path = schemas / "category.json"
    category = json.loads(path.read_text(encoding="utf-8"))
    category["properties"]["url"]["description"] = "Where the category's page is."
    path.write_text(assemble.render(category), encoding="utf-8")
    assert assemble.stale(schemas) == ["category-batch"]
    assemble.write(schemas)
    assert assemble.stale(schemas) == []
    batch = json.loads((schemas / "category-batch.json").read_text(encoding="utf-8"))
    assert batch["definitions"]["category"]["properties"]["url"]["description"] == "Where the category's page is."
    for kind in ("order-batch", "product-batch"):  # the others are written exactly as committed
        assert (schemas / f"{kind}.json").read_bytes() == (assemble.default_dir() / f"{kind}.json").read_bytes()


def test_the_limits_come_from_the_table() -> None:
    for kind, shape in BATCHES.items():
        schema = assemble.assemble(kind)
        assert schema["properties"][shape.items_key]["maxItems"] == shape.most_items
    products = BATCHES["product-batch"].replace(max_items=50, max_items_update=500)
    schema = assemble.assemble("product-batch", shape=products)
    assert schema["properties"]["products"]["maxItems"] == 500
    assert schema["then"]["properties"]["products"]["maxItems"] == 50  # creating, without updateEnabled: true
    assert "at most 50 products (500 with updateEnabled" in schema["description"]
    categories = assemble.assemble("category-batch", shape=BATCHES["category-batch"].replace(max_items=7))
    assert categories["properties"]["categories"]["maxItems"] == 7
    assert "maxItems" not in categories["then"]["properties"]["categories"]  # no raised limit: one limit for all
    assert "at most 7 categories" in categories["description"]


def test_a_batch_embeds_its_item_without_the_lifted_keys() -> None:
    """What the hand-kept copy used to be tested for now holds by construction; this says what it is."""
    for kind, shape in BATCHES.items():
        item, batch = bs.schema(shape.item_kind), bs.schema(kind)
        embedded = batch["definitions"][shape.item_kind]
        for key in ("type", "required", "additionalProperties", "anyOf", "oneOf"):
            assert embedded.get(key) == item.get(key), key
        assert embedded["properties"] == {k: v for k, v in item["properties"].items() if k not in shape.lifted}
        assert {k: v for k, v in batch["definitions"].items() if k != shape.item_kind} == item["definitions"]
        if shape.lifted:  # updateEnabled: the item's condition on it is the batch's, for every item
            assert "if" not in embedded and batch["if"] == item["if"]
            assert batch["then"]["properties"][shape.items_key]["items"] == item["then"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s: s["properties"].pop("historical"), "kinds.BATCHES says"),
        (lambda s: s["properties"]["orders"].update(maxItems=10), "only a description"),
        (lambda s: s.update(description="at most {max_orders} orders"), "names no limit"),
        (lambda s: s.update(examples=[]), "unknown keys"),
        (lambda s: s["properties"]["notifyUrl"].update({"$ref": "#/definitions/url"}), "does not define"),
    ],
)
def test_a_source_that_does_not_fit_the_table_is_refused(tmp_path: Path, edit: Any, message: str) -> None:
    schemas = _schemas_copy(tmp_path)
    path = assemble.source_path("order-batch", schemas)
    source = json.loads(path.read_text(encoding="utf-8"))
    edit(source)
    path.write_text(json.dumps(source), encoding="utf-8")
    with pytest.raises(assemble.AssemblyError, match=message):
        assemble.assemble("order-batch", schemas)


def test_a_placeholder_for_a_limit_the_kind_lacks_is_refused(tmp_path: Path) -> None:
    schemas = _schemas_copy(tmp_path)
    path = assemble.source_path("category-batch", schemas)
    source = json.loads(path.read_text(encoding="utf-8"))
    source["description"] += " {max_items_update} when updating."
    path.write_text(json.dumps(source), encoding="utf-8")
    with pytest.raises(assemble.AssemblyError, match="max_items_update"):
        assemble.assemble("category-batch", schemas)


def test_the_sources_are_not_taken_for_schemas() -> None:
    """``schema(kind)`` and the wheel check read ``<folder>/<kind>.json``; the sources sit in a subfolder."""
    folder = assemble.default_dir()
    assert sorted(p.stem for p in folder.glob("*.json")) == sorted(bs.KINDS)
    assert sorted(p.stem for p in (folder / assemble.SOURCE_DIR).glob("*.json")) == sorted(BATCHES)
    for kind in BATCHES:
        assert "$comment" not in bs.schema(kind)
