"""check --fix / --diff through the command line, as pre-commit runs it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.cli.helpers import run
from tests.helpers import order

FIXABLE = (
    '{\n  "id": "A-1",\n  "createdAt": "2024-03-01T09:15:00Z",\n  "updatedAt": "2024-03-01T09:15:00Z",\n'
    '  "status": "pending",\n  "amount": 10,\n  "Products": [{"productId": "Thé", "price": 10, "quantity": 2.0}],\n'
    '  "identifiers": {"ext_id": "c"}\n}\n'
)


def test_fix_rewrites_minimally_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_text(FIXABLE, encoding="utf-8")
    proc = run("check", "--fix", "order.json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "order.json: fixed 2 findings" in proc.stderr
    assert path.read_text(encoding="utf-8") == FIXABLE.replace('"Products"', '"products"').replace("2.0", "2")
    again = run("check", "--fix", "order.json", cwd=tmp_path)
    assert again.returncode == 0, again.stdout


def test_file_with_nothing_to_fix_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order(), indent=4) + "\n")
    os.utime(path, (1_000_000, 1_000_000))
    assert run("check", "--fix", "order.json", cwd=tmp_path).returncode == 0
    assert path.stat().st_mtime == 1_000_000


def test_diff_prints_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_text(FIXABLE, encoding="utf-8")
    proc = run("check", "--diff", "order.json", cwd=tmp_path)
    assert proc.returncode == 1
    assert '-  "Products": [{"productId": "Thé", "price": 10, "quantity": 2.0}],' in proc.stdout
    assert '+  "products": [{"productId": "Thé", "price": 10, "quantity": 2}],' in proc.stdout
    assert path.read_text(encoding="utf-8") == FIXABLE


def test_ndjson_is_fixed_line_by_line(tmp_path: Path) -> None:
    good = json.dumps(order(id="B-1"))
    bad = json.dumps(order(coupons=["X", "x"]))
    path = tmp_path / "orders.ndjson"
    path.write_text(f"{good}\n\n{bad}\r\nnot json\n", encoding="utf-8")
    proc = run("check", "--fix", "orders.ndjson", cwd=tmp_path)
    assert proc.returncode == 1
    lines = path.read_bytes().decode("utf-8").split("\n")  # read_text would turn \r\n into \n
    assert lines[0] == good and lines[1] == ""
    assert json.loads(lines[2].rstrip("\r"))["coupons"] == ["X"] and lines[2].endswith("\r")
    assert lines[3] == "not json"
    assert "orders.ndjson:4:1: error json/syntax" in proc.stdout


# --fix judges each file as check does: the same options, the same kind


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "shop"\n\n[tool.brevo-schema]\n{table}', "utf-8")
    return tmp_path


def test_fix_leaves_what_the_config_ignores(tmp_path: Path) -> None:
    project = _project(tmp_path, 'ignore = ["products/quantity-not-integer"]\n')
    path = project / "order.json"
    path.write_text(FIXABLE, encoding="utf-8")
    proc = run("check", "--fix", "order.json", cwd=project)
    assert "order.json: fixed 1 finding" in proc.stderr, proc.stderr
    assert path.read_text(encoding="utf-8") == FIXABLE.replace('"Products"', '"products"')


#: Could be a product or a category: only a kind from outside the document decides.
AMBIGUOUS = '{"id": "C-1", "name": "Kitchen", "Url": "https://shop.example/kitchen"}\n'


def test_fix_uses_the_kind_the_config_globs_give(tmp_path: Path) -> None:
    project = _project(tmp_path, '[tool.brevo-schema.kinds]\n"*.cat.json" = "category"\n')
    path = project / "kitchen.cat.json"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    proc = run("check", "--fix", "kitchen.cat.json", cwd=project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert path.read_text(encoding="utf-8") == AMBIGUOUS.replace('"Url"', '"url"')


def test_fix_uses_the_file_name_hint(tmp_path: Path) -> None:
    path = tmp_path / "categories.json"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    proc = run("check", "--fix", "categories.json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert path.read_text(encoding="utf-8") == AMBIGUOUS.replace('"Url"', '"url"')
