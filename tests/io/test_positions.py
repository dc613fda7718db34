"""Positions from the parse's index agree with the scan from the start of the text.

A big document whose root is an object is parsed member by member, its arrays item
by item, leaving an ``Index``; ``indexed_starts`` places a pointer from it by scanning
one item. Whatever the text (compact, indented, keys given twice, arrays of scalars,
a syntax error), the document, the parser's findings and every position must be the
ones the plain parse and the scan from the start give.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema.io import jsonsource
from brevo_schema.io.jsonsource import INDEX_MIN_CHARS, parse
from brevo_schema.io.positions import indexed_starts, locate_nearest, starts, with_positions
from tests.helpers import order


def _every_pointer(document: Any, at: str = "") -> list[str]:
    pointers = [at]
    if isinstance(document, dict):
        for key, value in document.items():
            pointers += _every_pointer(value, at + "/" + key.replace("~", "~0").replace("/", "~1"))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            pointers += _every_pointer(value, f"{at}/{index}")
    return pointers


def _big_batch(count: int = 60, **root: Any) -> dict[str, Any]:
    orders = [
        order(id=f"A-{i}", metaInfo={"note": "x" * 300, "n": i, "tags/~": [i, [i, {"k": i}]]}) for i in range(count)
    ]
    return {"orders": orders, **root}


TEXTS = {
    "compact": json.dumps(_big_batch(historical=False), separators=(",", ":")),
    "indented": json.dumps(_big_batch(notifyUrl="https://example.com/n", historical=True), indent=2),
    "tabs and CRLF": json.dumps(_big_batch(), indent="\t").replace("\n", "\r\n"),
    "members after the array": json.dumps({**_big_batch(), "historical": True, "x": [1, 2.5, "s", None]}),
    "array of scalars": json.dumps({"orders": list(range(5000)), "notifyUrl": "n"}),
    "empty array first": json.dumps({"orders": [], "products": [order()] * 80, "z": {"a": [1]}}),
    "escaped keys": json.dumps({"or\\u00e9ders": [order()] * 80, "a/b~c": [{"k": [1, {"m": 2}]}]}).replace(
        "or\\\\u00e9ders", "or\\u00e9ders"
    ),
}


@pytest.mark.parametrize("name", list(TEXTS))
def test_the_index_places_every_pointer_as_the_scan_does(name: str) -> None:
    text = TEXTS[name]
    assert len(text) >= INDEX_MIN_CHARS
    parsed = parse(text)
    assert parsed.index is not None, "a big root object is parsed with an index"
    assert parsed.document == json.loads(text)
    pointers = _every_pointer(parsed.document)
    missing = ["/orders/100000", "/orders/01", "/orders/-", "/nope", "/orders/0/nope", "/nope/0/x"]
    asked = pointers + missing
    assert indexed_starts(text, asked, parsed.index) == starts(text, asked)
    assert locate_nearest(text, asked, index=parsed.index) == locate_nearest(text, asked)


def test_a_key_given_twice_is_placed_at_its_last_occurrence_either_way() -> None:
    orders = json.dumps([order(id=f"A-{i}", metaInfo={"note": "y" * 400}) for i in range(40)])
    item = '{"id": "A", "id": "B", "amount": 1}'
    text = f'{{"orders": {orders}, "historical": true, "orders": [{item}, {item}], "notifyUrl": 5}}'
    parsed = parse(text)
    assert parsed.index is not None
    assert [f.rule for f in parsed.findings] == ["json/duplicate-key"] * 3
    # (Every pointer of the document the parser keeps: its orders are the second array's.)
    asked = ["/orders", "/orders/1/id", "/orders/0/amount", "/orders/1", "/notifyUrl", "/historical"]
    expected = starts(text, asked, last_occurrence=True)
    assert indexed_starts(text, asked, parsed.index, last_occurrence=True) == expected
    assert text[expected["/orders/1/id"] :].startswith('"id": "B"')


@pytest.mark.parametrize(
    "broken",
    [
        lambda t: t[:-1] + ",}",  # a trailing comma
        lambda t: t + " x",  # extra data
        lambda t: t.replace('"historical": false', '"historical": NaN'),
        lambda t: t.replace('"historical": false', '"historical": 1e400'),
        lambda t: t.replace('"n": 7,', '"n": 7,,'),  # inside an item
        lambda t: t.replace('"orders": [', '"orders": [,', 1),
        lambda t: "\ufeff\ufeff" + t,  # a second byte-order mark (the first is dropped)
        lambda t: "[" + t + "]",  # a root array: no index
        lambda t: t.replace('"orders"', "orders", 1),
        lambda t: t.replace('"orders": ', '"orders" ', 1),
        lambda t: t.replace('"historical": false}', '"historical": false'),
    ],
)
def test_the_indexed_parse_fails_as_the_plain_one(broken: Any) -> None:
    text = broken(json.dumps(_big_batch(historical=False)))
    assert len(text) >= INDEX_MIN_CHARS
    plain = json.loads(text) if _loads_ok(text) else None
    parsed = parse(text)
    report = bs.validate_json(text, "order-batch")
    small = _without_index(text)
    assert (parsed.ok, parsed.findings) == (small.ok, small.findings)
    assert report == _report_without_index(text)
    if plain is not None and parsed.ok:
        assert json.dumps(parsed.document) == json.dumps(plain)  # NaN is not equal to itself


def _loads_ok(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _without_index(text: str) -> jsonsource.Parsed:
    saved = jsonsource.INDEX_MIN_CHARS
    jsonsource.INDEX_MIN_CHARS = 1 << 62
    try:
        return parse(text)
    finally:
        jsonsource.INDEX_MIN_CHARS = saved


def _report_without_index(text: str) -> bs.Report:
    saved = jsonsource.INDEX_MIN_CHARS
    jsonsource.INDEX_MIN_CHARS = 1 << 62
    try:
        return bs.validate_json(text, "order-batch")
    finally:
        jsonsource.INDEX_MIN_CHARS = saved


def test_a_finding_on_the_last_order_is_placed_from_the_index() -> None:
    batch = {"orders": [order(id=f"A-{i}", metaInfo={"note": "x" * 300}) for i in range(200)], "historical": False}
    batch["orders"][-1]["status"] = "canceled"
    text = json.dumps(batch, indent=1)
    (finding,) = bs.validate_json(text).findings
    assert finding.pointer == "/orders/199/status"
    line = text[: text.index('"canceled"')].count("\n") + 1
    assert (finding.line, finding.column) == (line, 4)
    assert finding == _report_without_index(text).findings[0]


_SCALARS = st.one_of(st.integers(), st.text(max_size=5), st.booleans(), st.none(), st.floats(allow_nan=False))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(
    root=st.dictionaries(st.text(max_size=6), st.lists(_VALUES, max_size=6) | _VALUES, min_size=1, max_size=5),
    indent=st.sampled_from([None, 1, "\t"]),
    pointers=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8),
)
def test_index_and_scan_agree_on_generated_documents(
    root: dict[str, Any], indent: int | str | None, pointers: list[int]
) -> None:
    root = {**root, "padding": "p" * INDEX_MIN_CHARS}
    text = json.dumps(root, indent=indent, ensure_ascii=False)
    parsed = parse(text)
    assert parsed.ok and parsed.index is not None
    every = _every_pointer(parsed.document)
    asked = [every[i % len(every)] for i in pointers]
    assert indexed_starts(text, asked, parsed.index) == starts(text, asked)
    findings = [bs.Finding("x/y", bs.Severity.ERROR, p, "m") for p in asked]
    assert with_positions(findings, text, index=parsed.index) == with_positions(findings, text)
