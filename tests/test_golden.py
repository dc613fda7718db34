"""Every golden payload yields exactly the findings its manifest lists, through
``validate_json`` (from the bytes) and ``validate`` (from the parsed value)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import brevo_schema as bs
from brevo_schema.io.jsonsource import parse
from tests.helpers import GOLDEN

EXPECTED: dict[str, dict] = json.loads((GOLDEN / "expected.json").read_text())


def test_every_golden_file_is_in_the_manifest() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.json")} - {"expected.json"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_json_gives_the_expected_findings(name: str) -> None:
    entry = EXPECTED[name]
    report = bs.validate_json((GOLDEN / name).read_bytes(), entry.get("kind"))
    assert report.kind == entry["detected"]
    assert [[f.rule, f.pointer] for f in report.findings] == entry["findings"]
    assert all(f.line is not None and f.column is not None for f in report.findings)


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if not n.startswith("json/")))
def test_validate_gives_the_same_findings_from_the_parsed_value(name: str) -> None:
    entry = EXPECTED[name]
    parsed = parse((GOLDEN / name).read_bytes())
    report = bs.validate(parsed.document, entry.get("kind"))
    assert [[f.rule, f.pointer] for f in report.findings] == entry["findings"]
    assert bs.is_valid(parsed.document, report.kind) is report.ok if report.kind else True


def test_folders_say_what_the_files_are() -> None:
    for name, entry in EXPECTED.items():
        folder = Path(name).parts[1] if len(Path(name).parts) > 2 else None
        report = bs.validate_json((GOLDEN / name).read_bytes(), entry.get("kind"))
        if folder == "valid":
            assert report.findings == (), name
        elif folder == "warning":
            assert report.ok and report.warnings, name
        elif folder == "invalid":
            assert not report.ok, name


def test_seed_batch_example_flags_the_miscased_keys() -> None:
    report = bs.validate_json((GOLDEN / "order-batch/invalid/seed-001-batch-example.json").read_bytes())
    case = [(f.pointer, f.hint, f.line, f.column) for f in report.findings if f.rule == "keys/case"]
    assert case == [
        ("/orders/0/Products", "rename it to 'products'", 10, 7),
        ("/orders/1/Id", "rename it to 'id'", 38, 7),
        ("/orders/1/Products", "rename it to 'products'", 44, 7),
    ]
    assert not any(f.rule == "schema/required" for f in report.findings)
