"""The payload TypedDicts (``brevo_schema.types``): what mypy accepts and rejects, and
``st.from_type`` drawing from the project's strategies."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brevo_schema as bs
import brevo_schema.strategies  # registers the strategies for st.from_type
from brevo_schema import types
from brevo_schema.compile import build
from brevo_schema.pytest_plugin import sample

ROOT = Path(__file__).resolve().parent.parent

#: Payloads as an application builds them. A line ending in ``# E: <text>`` must draw a
#: mypy error containing <text>; every other line must draw none.
CONSTRUCTIONS = """\
from brevo_schema.types import Category, CategoryBatch, Order, OrderBatch, OrderLine, Product, ProductBatch

line: OrderLine = {"productId": "SKU-1", "quantity": 2, "price": 19.95}
order: Order = {
    "id": "ORD-1042",
    "createdAt": "2024-03-01T09:00:00Z",
    "updatedAt": "2024-03-01T09:00:00Z",
    "status": "completed",
    "amount": 39.9,
    "products": [line, {"productId": "SKU-2", "quantityFloat": 0.5, "price": 24}],
    "identifiers": {"email_id": "chloe.martin@example.com", "ext_id": "cust-42"},
    "billing": {"city": "Lyon", "countryCode": "FR"},
    "coupons": ["WELCOME10"],
    "metaInfo": {"gift": True, "points": 120, "note": "Joyeux anniversaire"},
}
batch: OrderBatch = {"orders": [order], "historical": False}
product: Product = {"id": "SKU-1", "name": "Linen shirt", "price": 19.95, "metaInfo": {"size": "M"}}
products: ProductBatch = {"products": [{"id": "SKU-1", "name": "Linen shirt"}], "updateEnabled": True}
category: Category = {"id": "CAT-1", "name": "Shoes"}
categories: CategoryBatch = {"categories": [{"id": "CAT-1"}]}
total: float = order["amount"] + sum(line["price"] for line in order["products"])
city = order.get("billing", {}).get("city")

cased: OrderLine = {"productId": "SKU-1", "Quantity": 2, "price": 1.0}  # E: Extra key "Quantity"
text_amount: Order = {**order, "amount": "39.90"}  # E: has type "float"
float_quantity: OrderLine = {"productId": "SKU-1", "quantity": 2.0, "price": 1.0}  # E: has type "int"
no_price: OrderLine = {"productId": "SKU-1", "quantity": 1}  # E: Missing key "price"
unknown_billing: Order = {**order, "billing": {"zip": "69002"}}  # E: Extra key "zip"
text_flag: OrderBatch = {"orders": [order], "historical": "false"}  # E: has type "bool"
nameless: Product = {"name": "Linen shirt"}  # E: Missing key "id"
in_batch: ProductBatch = {"products": [{"id": "SKU-1", "updateEnabled": True}]}  # E: Extra key "updateEnabled"
nested_meta: Product = {"id": "SKU-1", "metaInfo": {"size": {"eu": 40}}}  # E: Dict entry 0 has incompatible type
misread = order["Products"]  # E: has no key "Products"
"""

#: The issue's example: the Brevo guide's batch, with its mis-cased "Products" and "Id".
GUIDE_BATCH = """\
mis_cased: Order = {  # E: Extra keys ("Id", "Products")
    "Id": "ORD-7",
    "createdAt": "2024-03-01T09:00:00Z",
    "updatedAt": "2024-03-01T09:00:00Z",
    "status": "completed",
    "amount": 10.0,
    "Products": [{"productId": "SKU-1", "quantity": 1, "price": 10.0}],
}
"""


def expected_errors(source: str) -> dict[int, str]:
    return {
        number: line.split("# E: ", 1)[1] for number, line in enumerate(source.splitlines(), start=1) if "# E: " in line
    }


def mypy_errors(tmp_path: Path, source: str) -> dict[int, list[str]]:
    """mypy's errors on ``source``, by line (run as a user runs it, on the installed package)."""
    (tmp_path / "payloads.py").write_text(source, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "payloads.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    errors: dict[int, list[str]] = {}
    for match in re.finditer(r"^payloads\.py:(\d+): error: (.*)$", done.stdout, re.MULTILINE):
        errors.setdefault(int(match.group(1)), []).append(match.group(2))
    return errors


@pytest.mark.slow
def test_mypy_accepts_payloads_and_rejects_wrong_keys_and_types(tmp_path: Path) -> None:
    source = CONSTRUCTIONS + "\n" + GUIDE_BATCH
    errors = mypy_errors(tmp_path, source)
    expected = expected_errors(source)
    assert sorted(errors) == sorted(expected), errors
    for number, text in expected.items():
        assert any(text in message for message in errors[number]), (number, text, errors[number])


def test_types_module_is_generated_from_the_schemas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not build.types_stale(), "stale: run python -m brevo_schema.compile.build"
    edited = tmp_path / "types.py"
    edited.write_text(build.TYPES_PATH.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    monkeypatch.setattr(build, "TYPES_PATH", edited)
    assert build.main(["--check"]) == 1


def test_required_and_optional_keys_follow_the_schemas() -> None:
    for kind in bs.KINDS:
        schema = bs.schema(kind)
        cls = getattr(types, "".join(part.title() for part in kind.split("-")))
        assert cls.__required_keys__ == frozenset(schema["required"]), kind
        assert set(get_type_hints(cls)) == set(schema["properties"]), kind


def test_importing_brevo_schema_does_not_import_the_types() -> None:
    code = "import sys, brevo_schema; sys.exit('brevo_schema.types' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------
# st.from_type
# --------------------------------------------------------------------------

TOP_LEVEL = {
    "order": types.Order,
    "order-batch": types.OrderBatch,
    "product": types.Product,
    "product-batch": types.ProductBatch,
    "category": types.Category,
    "category-batch": types.CategoryBatch,
}


@pytest.mark.parametrize("kind", bs.KINDS)
def test_from_type_draws_valid_payloads(kind: str) -> None:
    @settings(max_examples=30, database=None, derandomize=True)
    @given(st.from_type(TOP_LEVEL[kind]))
    def check(payload: Any) -> None:
        report = bs.validate(payload, kind)
        assert not report.findings, [f.rule for f in report.findings]

    check()


def test_from_type_draws_the_parts_from_the_project_strategies() -> None:
    @settings(max_examples=30, database=None, derandomize=True)
    @given(
        st.from_type(types.OrderLine),
        st.from_type(types.Identifiers),
        st.from_type(types.Billing),
        st.from_type(types.ProductInBatch),
        st.from_type(types.CategoryInBatch),
    )
    def check(line: Any, identifiers: Any, billing: Any, product: Any, category: Any) -> None:
        order = sample("order")
        order.update(products=[line], identifiers=identifiers, billing=billing)
        order["amount"] = round(line["price"] * line.get("quantity", line.get("quantityFloat", 0)), 2)
        assert not bs.validate(order, "order").errors, bs.validate(order, "order").errors
        for kind, key, item in (("product-batch", "products", product), ("category-batch", "categories", category)):
            assert not bs.validate({key: [item]}, kind).findings, item

    check()


def test_the_plugin_registers_the_types_without_importing_the_strategies(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        textwrap.dedent(
            """
            from hypothesis import given, strategies as st

            import brevo_schema as bs
            from brevo_schema.types import Order


            @given(st.from_type(Order))
            def test_orders(order):
                assert not bs.validate(order, "order").findings
            """
        )
    )
    installed = any(ep.value == "brevo_schema.pytest_plugin" for ep in entry_points(group="pytest11"))
    plugin = [] if installed else ["-p", "brevo_schema.pytest_plugin"]
    result = pytester.runpytest_subprocess(*plugin, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
