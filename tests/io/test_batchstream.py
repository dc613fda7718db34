"""A batch object read item by item reports what ``validate_json`` on the whole text reports.

``io.batchstream`` is how ``check`` reads a batch object too big to hold whole; here
batches small enough to parse whole are read both ways, and the two reports (kind,
findings, their order, lines and columns) must be equal: the items' own findings,
the envelope's, and those that depend on the batch as a whole (its count, its bytes,
its ids), under the default options and others.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema import strategies as bst
from brevo_schema.cli.runner import STREAM_MIN_BYTES
from brevo_schema.io.batchstream import check_batch_object
from brevo_schema.options import Limits, Options
from tests.helpers import category, order, product

ITEMS_KEYS = ("orders", "products", "categories")
LOW = Options.build(limits=Limits(max_orders=3, max_order_bytes=500, max_products=2, max_categories=2))
STRICTER = Options.build(
    ignore=["dates", "batch/historical-implicit"],
    severities={"order/status-unknown": "error", "batch/duplicate-id": "error", "json": "warning"},
)
OPTIONS = {"defaults": None, "low limits": LOW, "severities and ignores": STRICTER}


def _both(text: str, options: Options | None = None, kind: str | None = None, hint: str | None = None) -> Any:
    validator = bs.Validator(options)
    streamed = check_batch_object(io.BytesIO(text.encode("utf-8")), "x.json", validator, kind, hint)
    report = validator.validate_json(text, kind, hint=hint)
    return streamed, (report.kind, report.findings)


def _assert_same(text: str, options: Options | None = None, kind: str | None = None) -> tuple[Any, ...]:
    streamed, whole = _both(text, options, kind)
    assert streamed is not None, "read item by item"
    assert streamed == whole
    return whole[1]


def _text(document: dict[str, Any], indent: int | None = None, items_last: bool = False) -> str:
    if items_last:
        key = next(k for k in ("orders", "products", "categories") if k in document)
        document = {**{k: v for k, v in document.items() if k != key}, key: document[key]}
    return json.dumps(document, indent=indent, ensure_ascii=False)


def _orders(count: int, **each: Any) -> list[dict[str, Any]]:
    return [order(id=f"A-{i}", **each) for i in range(count)]


BATCHES = {
    "valid": {"orders": _orders(5), "historical": False},
    "no historical": {"orders": _orders(5)},
    "items' mistakes": {
        "historical": True,
        "orders": [
            order(id="A-0", status="canceled"),
            order(id="A-1", products=[{"productId": "P", "price": 1, "quantity": 2.0}]),
            order(id="A-0", amount=-1),
            {"id": "A-3", "Products": [], "amount": "1"},
            order(id="A-4", coupons=["X", "x"], createdAt="2024-03-01T10:00:00+02:00"),
            "not an order",
            order(id="A-0", identifiers={}),
            *_orders(150),
        ],
    },
    "envelope mistakes": {
        "notifyUrl": "www.example.com",
        "orders": _orders(3),
        "Historical": "yes",
        "extra": {"a": [1, {"b": None}]},
    },
    "catalog": {"products": [product(id="P-1"), product(id="P-1", name=None)], "updateEnabled": False},
    "products to update": {"products": [product(id=f"P-{i}") for i in range(101)], "updateEnabled": True},
    "categories": {"categories": [category(id="C-1"), category(id="C-1"), {"id": "C-2"}]},
}


@pytest.mark.parametrize("options", list(OPTIONS))
@pytest.mark.parametrize("name", list(BATCHES))
@pytest.mark.parametrize("layout", ["compact", "indented, items last"])
def test_the_two_readings_agree(name: str, options: str, layout: str) -> None:
    text = _text(BATCHES[name], None if layout == "compact" else 2, layout != "compact")
    _assert_same(text, OPTIONS[options])


TEXTS = {
    "NaN, 1e400 and keys given twice": (
        '{"historical": false, "orders": ['
        + json.dumps(order(id="A-0")).replace('"amount": 0', '"amount": NaN')
        + ", "
        + json.dumps(order(id="A-1")).replace('"amount": 0', '"amount": 1e400, "amount": 2')
        + ", "
        + json.dumps(order(id="A-1")).replace('"id": "A-1"', '"id": "A-1", "id": "A-1"')
        + '], "notifyUrl": "https://x.example/n", "historical": NaN, "x": {"y": Infinity}}'
    ),
    "CRLF and a BOM": "\ufeff" + _text(BATCHES["items' mistakes"], 1, True).replace("\n", "\r\n"),
    "non-ASCII text": _text({"orders": [order(id="Ä-1", status="expédiée")] * 3}, 1),
    "updateEnabled after the products": (
        '{"products": ' + json.dumps([product(id="P-1", name=None), product(id="P-2")]) + ', "updateEnabled": true}'
    ),
    "updateEnabled false after the products": (
        '{"products": ' + json.dumps([product(id="P-1", name=None), product(id="P-2")]) + ', "updateEnabled": false}'
    ),
}


@pytest.mark.parametrize("options", list(OPTIONS))
@pytest.mark.parametrize("name", list(TEXTS))
def test_the_two_readings_agree_on_hostile_text(name: str, options: str) -> None:
    _assert_same(TEXTS[name], OPTIONS[options])


def test_the_byte_limit_reads_as_the_rule_does() -> None:
    findings = _assert_same(_text(BATCHES["valid"]), LOW)
    assert [f.rule for f in findings if f.rule.startswith("batch/")] == ["batch/max-bytes", "batch/max-items"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"orders": [], "historical": true}', None),  # no item to read one by one
        ('{"orders": [' + json.dumps(order()) + '], "orders": [' + json.dumps(order()) + "]}", None),
        ('{"products": [' + json.dumps(product()) + '], "amount": 1}', None),  # an order after all
        ('{"orders": [' + json.dumps(order()) + "]}", "order"),
        ('{"orders": [' + json.dumps(order()) + "]}", "product-batch"),
    ],
)
def test_what_this_reading_cannot_tell_is_read_whole(text: str, kind: str | None) -> None:
    streamed, _ = _both(text, None, kind)
    assert streamed is None


def test_with_batch_max_items_off_the_file_is_read_whole() -> None:
    streamed, _ = _both(_text(BATCHES["valid"]), Options.build(ignore=["batch/max-items"]))
    assert streamed is None


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    batch=st.one_of(
        bst.order_batches(max_size=6, items=st.one_of(bst.orders(), bst.invalid("order").map(lambda p: p[0]))),
        bst.invalid("order-batch").map(lambda p: p[0]),
        bst.invalid("product-batch").map(lambda p: p[0]),
        bst.invalid("category-batch").map(lambda p: p[0]),
    ),
    indent=st.sampled_from([None, 1]),
    items_last=st.booleans(),
    options=st.sampled_from(list(OPTIONS.values())),
)
def test_the_two_readings_agree_on_generated_batches(
    batch: Any, indent: int | None, items_last: bool, options: Options | None
) -> None:
    if not isinstance(batch, dict) or not any(isinstance(batch.get(k), list) for k in ITEMS_KEYS):
        return
    text = _text(batch, indent, items_last)
    streamed, whole = _both(text, options)
    if streamed is not None:
        assert streamed == whole


def test_check_reads_a_big_batch_object_item_by_item(tmp_path: Path) -> None:
    """The user's path: a batch object past ``STREAM_MIN_BYTES`` checked by the CLI gives the
    whole reading's findings (lines and columns in the file)."""
    orders = [order(id=f"A-{i}", metaInfo={"note": "n" * 300}) for i in range(STREAM_MIN_BYTES // 500)]
    orders[-1]["status"] = "canceled"
    orders[7]["id"] = "A-3"
    text = json.dumps({"orders": orders, "notifyUrl": "ftp://x"}, indent=1)
    assert len(text) > STREAM_MIN_BYTES
    path = tmp_path / "batch.json"
    path.write_text(text)
    proc = subprocess.run(
        [sys.executable, "-m", "brevo_schema", "check", "--format", "json", "--jobs", "1", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    (document,) = json.loads(proc.stdout)["files"][0]["documents"]
    report = bs.validate_json(text)
    assert [(f["rule"], f["pointer"], f["line"], f["column"]) for f in document["findings"]] == [
        (f.rule, f.pointer, f.line, f.column) for f in report.findings
    ]
    assert {f.rule for f in report.findings} >= {"batch/max-items", "batch/max-bytes", "order/status-unknown"}
