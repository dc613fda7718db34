"""split_orders / split_products / split_categories: exact, greedy, lazy, and loud about bad items."""

from __future__ import annotations

import itertools
import json
import string
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema.batching import (
    Batch,
    InvalidItemError,
    ItemError,
    OversizedItemError,
    split_categories,
    split_orders,
    split_products,
)
from brevo_schema.kinds import BATCHES
from brevo_schema.options import FIVE_MB, Limits, Options
from brevo_schema.packing import Packer
from brevo_schema.rules.batches import body_size
from tests.helpers import category, order, product

# ------------------------------------------------------------------ strategies (plain hypothesis)

_ids = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=10)
# Any text without surrogates: multi-byte UTF-8 characters test the byte sizing.
_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
_dates = st.sampled_from(["2024-03-01T09:15:00Z", "2021-07-29T20:59:23.383Z"])
_money = st.integers(0, 10**6) | st.sampled_from([0.5, 19.99, 1234.125])

_lines = st.fixed_dictionaries(
    {"productId": _ids, "price": _money, "quantity": st.integers(0, 50)},
    optional={"variantId": _texts},
)
orders_st = st.fixed_dictionaries(
    {
        "id": _ids,
        "createdAt": _dates,
        "updatedAt": st.just("2024-03-02T10:00:00Z"),
        "status": st.sampled_from(["pending", "completed", "shipped"]),
        "amount": _money,
        "products": st.lists(_lines, min_size=1, max_size=3),
        "identifiers": st.fixed_dictionaries({"email_id": st.sampled_from(["a@example.com", "zoe@example.org"])}),
    },
    optional={
        "metaInfo": st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8), _texts, max_size=3),
        "storeId": _texts,
    },
)
products_st = st.fixed_dictionaries(
    {"id": _ids, "name": _names}, optional={"price": _money, "description": _texts, "brand": _texts}
)
categories_st = st.fixed_dictionaries({"id": _ids, "name": _names}, optional={"url": st.just("https://shop.example/c")})
notify_urls = st.none() | st.sampled_from(["https://hooks.example.com/brevo", "https://exämple.com/hook?q=é"])
# Room for items beyond the envelope: from none (every item oversized) to dozens of items.
# (Hypothesis favours small integers; the sampled values keep multi-item batches common.)
rooms = st.sampled_from([200, 600, 1500, 4000, 10000]) | st.integers(0, 10000)

SPLIT = {"order": split_orders, "product": split_products, "category": split_categories}
KEY = {"order": "orders", "product": "products", "category": "categories"}


def _compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _limits(kind: str, max_items: int, max_bytes: int) -> Options:
    if kind == "order":
        return Options(limits=Limits(max_orders=max_items, max_order_bytes=max_bytes))
    return Options(limits=Limits(max_products=max_items, max_products_update=max_items, max_categories=max_items))


def _envelope(kind: str, fields: dict[str, Any]) -> int:
    return body_size({KEY[kind]: [], **fields})


def _check_batches(
    kind: str, items: list[Any], batches: list[Batch], fields: dict[str, Any], max_items: int, max_bytes: int
) -> None:
    """Every property a split must have, for inputs without invalid items."""
    key = KEY[kind]
    envelope = _envelope(kind, fields)
    sent = [x for x in items if envelope + len(_compact(x)) <= max_bytes]
    # The batches, in order, are the input (minus the oversized), and the very objects given.
    flat = [item for b in batches for item in b.body[key]]
    assert len(flat) == len(sent) and all(a is b for a, b in zip(flat, sent, strict=True))
    options = _limits(kind, max_items, max_bytes)
    for batch in batches:
        assert set(batch.body) == {key, *fields} and all(batch.body[k] == v for k, v in fields.items())
        assert batch.data == _compact(batch.body)
        assert batch.size == len(batch.data) == body_size(batch.body) <= max_bytes
        assert 1 <= batch.count == len(batch.body[key]) <= max_items
        report = bs.validate(batch.body, f"{kind}-batch", options=options)
        assert report.ok, report.errors
        assert not {"batch/max-bytes", "batch/max-items"} & {f.rule for f in report.findings}
    # Greedy and tight: no batch could have taken the first item of the next one.
    for this, after in itertools.pairwise(batches):
        first = after.body[key][0]
        full = this.count == max_items
        too_big = this.size + 1 + len(_compact(first)) > max_bytes
        same_id = kind != "order" and first["id"] in {x["id"] for x in this.body[key]}
        assert full or too_big or same_id
        assert this.stop <= after.start


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(orders_st, max_size=40) | st.lists(orders_st, min_size=10, max_size=40),
    st.integers(1, 12),
    rooms,
    notify_urls,
    st.none() | st.booleans(),
)
def test_orders_split_into_exact_greedy_valid_batches(
    orders: list[Any], max_items: int, extra: int, notify_url: str | None, historical: bool | None
) -> None:
    fields = {k: v for k, v in (("notifyUrl", notify_url), ("historical", historical)) if v is not None}
    max_bytes = _envelope("order", fields) + 2 + extra
    skipped: list[ItemError] = []
    batches = list(
        split_orders(
            orders,
            max_orders=max_items,
            max_bytes=max_bytes,
            notify_url=notify_url,
            historical=historical,
            skip_invalid=True,
            on_invalid=skipped.append,
        )
    )
    _check_batches("order", orders, batches, fields, max_items, max_bytes)
    envelope = _envelope("order", fields)
    assert all(isinstance(e, OversizedItemError) for e in skipped)
    assert [e.index for e in skipped] == [i for i, x in enumerate(orders) if envelope + len(_compact(x)) > max_bytes]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["product", "category"]),
    st.data(),
    st.integers(1, 12),
    rooms,
    st.none() | st.booleans(),
)
def test_catalog_splits_keep_ids_unique_per_batch(
    kind: str, data: st.DataObject, max_items: int, extra: int, update_enabled: bool | None
) -> None:
    items = data.draw(st.lists(products_st if kind == "product" else categories_st, max_size=40))
    items += data.draw(st.lists(st.sampled_from(items), max_size=5)) if items else []  # repeated ids
    fields = {"updateEnabled": update_enabled} if update_enabled is not None else {}
    max_bytes = _envelope(kind, fields) + 2 + extra
    skipped: list[ItemError] = []
    split = SPLIT[kind](
        items,
        max_items=max_items,
        max_bytes=max_bytes,
        update_enabled=update_enabled,
        skip_invalid=True,
        on_invalid=skipped.append,
    )
    batches = list(split)
    _check_batches(kind, items, batches, fields, max_items, max_bytes)
    for batch in batches:
        ids = [x["id"] for x in batch.body[KEY[kind]]]
        assert len(ids) == len(set(ids))


@settings(max_examples=100, deadline=None)
@given(st.lists(orders_st | st.builds(dict), max_size=25), notify_urls, st.none() | st.booleans())
def test_incremental_size_is_body_size_exactly(
    orders: list[Any], notify_url: str | None, historical: bool | None
) -> None:
    """The packer never re-serialises a batch: its running size must be the
    size ``batch/max-bytes`` would measure, after every single item."""
    fields = {k: v for k, v in (("notifyUrl", notify_url), ("historical", historical)) if v is not None}
    packer = Packer(BATCHES["order-batch"], fields, max_items=10**6, max_bytes=None)
    assert packer.size == body_size({"orders": [], **fields})
    for index, item in enumerate(orders):
        list(packer.add(index, item, _compact(item)))
        assert packer.size == body_size({"orders": packer.items, **fields})
    (batch,) = packer.finish() if orders else [None]
    if batch is not None:
        assert batch.size == body_size(batch.body)


# ------------------------------------------------------------------------------ oversized items


def _big_order(index: int, size: int) -> dict[str, Any]:
    return order(id=f"big-{index}", metaInfo={"note": "x" * size})


def test_an_oversized_item_raises_naming_its_position_and_id() -> None:
    orders = [order(id="a"), order(id="b"), _big_order(2, 3000), order(id="d")]
    split = split_orders(orders, max_bytes=1000)
    first = next(split)  # what came before the bad item leaves first
    assert (first.start, first.count, first.stop) == (0, 2, 2)
    with pytest.raises(OversizedItemError) as caught:
        next(split)
    error = caught.value
    assert (error.index, error.item_id, error.kind, error.limit) == (2, "big-2", "order", 1000)
    assert error.size == body_size({"orders": [orders[2]]}) > 1000
    assert "order 2" in str(error) and '"big-2"' in str(error) and "1,000" in str(error)
    assert isinstance(error, ValueError)


def test_an_item_exactly_at_the_limit_fits() -> None:
    item = order(id="exact")
    limit = body_size({"orders": [item]})
    (batch,) = split_orders([item], max_bytes=limit)
    assert batch.size == limit
    with pytest.raises(OversizedItemError):
        list(split_orders([item], max_bytes=limit - 1))


def test_oversized_items_are_reported_and_skipped_on_request() -> None:
    orders = [order(id="a"), _big_order(1, 3000), order(id="c")]
    skipped: list[ItemError] = []
    batches = list(split_orders(orders, max_bytes=1000, skip_invalid=True, on_invalid=skipped.append))
    assert [x["id"] for b in batches for x in b.body["orders"]] == ["a", "c"]
    assert batches[0].stop == 3 and batches[0].count == 2
    (error,) = skipped
    assert isinstance(error, OversizedItemError) and error.index == 1


def test_utf8_bytes_not_characters_count() -> None:
    wide = order(id="wide", metaInfo={"note": "é" * 400})  # 400 characters, 800 bytes
    assert len(_compact(wide)) > len(json.dumps(wide, ensure_ascii=False, separators=(",", ":"))) + 399
    (batch,) = split_orders([wide], max_bytes=body_size({"orders": [wide]}))
    assert batch.size == len(_compact(batch.body))
    with pytest.raises(OversizedItemError):
        list(split_orders([wide], max_bytes=len(json.dumps({"orders": [wide]}, ensure_ascii=False)) + 1))


# ------------------------------------------------------------------------------- invalid items


def test_an_invalid_item_stops_the_split_before_any_batch_holding_it() -> None:
    orders = [order(id=str(i)) for i in range(5)]
    orders[4] = order(id="bad", amount="12")
    split = split_orders(orders, max_orders=3)
    first, second = next(split), next(split)
    assert [x["id"] for x in first.body["orders"]] == ["0", "1", "2"]
    assert [x["id"] for x in second.body["orders"]] == ["3"]  # everything before the bad order, no more
    with pytest.raises(InvalidItemError) as caught:
        next(split)
    error = caught.value
    assert (error.index, error.item_id) == (4, "bad")
    assert [f.rule for f in error.report.errors] == ["schema/type"]
    assert error.report.errors[0].pointer == "/amount"
    assert "order 4" in str(error) and '"bad"' in str(error) and "/amount" in str(error)
    with pytest.raises(StopIteration):
        next(split)


def test_invalid_items_are_reported_with_item_relative_findings_when_skipped() -> None:
    orders = [order(id="a"), order(id="b", Amount=3, amount=None), "not an order", order(id="d")]
    skipped: list[ItemError] = []
    batches = list(split_orders(orders, skip_invalid=True, on_invalid=skipped.append))
    assert [x["id"] for b in batches for x in b.body["orders"]] == ["a", "d"]
    assert [(e.index, e.item_id) for e in skipped] == [(1, "b"), (2, None)]
    assert all(isinstance(e, InvalidItemError) for e in skipped)
    case = skipped[0].report  # type: ignore[attr-defined]
    assert case.kind == "order" and "keys/case" in {f.rule for f in case.errors}
    moved = next(f for f in case.findings if f.rule == "keys/case")
    assert moved.pointer == "/Amount"
    assert moved.fix == ({"op": "move", "from": "/Amount", "path": "/amount"},)
    root = skipped[1].report.errors[0]  # type: ignore[attr-defined]
    assert root.pointer == "" and root.message.startswith("the order ") and "orders[0]" not in root.message


def test_on_invalid_is_called_before_the_next_item_is_read() -> None:
    pulled: list[int] = []
    heard: list[tuple[int, int]] = []

    def items() -> Iterator[Any]:
        for i in range(4):
            pulled.append(i)
            yield order(id=str(i)) if i != 1 else {}

    list(split_orders(items(), skip_invalid=True, on_invalid=lambda e: heard.append((e.index, len(pulled)))))
    assert heard == [(1, 2)]


def test_nan_and_lone_surrogates_are_invalid_even_where_the_validator_lets_them_pass() -> None:
    skipped: list[ItemError] = []
    orders = [order(id="nan", amount=float("nan")), order(id="sur", status="\ud800"), order(id="ok")]
    (batch,) = split_orders(orders, skip_invalid=True, on_invalid=skipped.append)
    assert batch.count == 1
    rules = [(e.index, e.report.errors[0].rule, e.report.errors[0].pointer) for e in skipped]  # type: ignore[attr-defined]
    assert rules == [(0, "json/non-finite-number", "/amount"), (1, "json/syntax", "/status")]


def test_validate_false_trusts_the_items_but_still_measures_them() -> None:
    orders = [{"anything": 1}, _big_order(1, 3000)]
    skipped: list[ItemError] = []
    (batch,) = split_orders(orders, max_bytes=1000, validate=False, skip_invalid=True, on_invalid=skipped.append)
    assert batch.body["orders"] == [{"anything": 1}]
    assert [type(e) for e in skipped] == [OversizedItemError]


def test_products_are_judged_as_batch_members() -> None:
    on_its_own_fine = product(updateEnabled=True)  # valid for POST /v3/products, not inside a batch
    nameless = product(id="P-2", name=None)
    skipped: list[ItemError] = []
    list(split_products([on_its_own_fine, nameless], skip_invalid=True, on_invalid=skipped.append))
    rules = [[f.rule for f in e.report.errors] for e in skipped]  # type: ignore[attr-defined]
    assert rules == [["schema/additionalProperties"], ["catalog/name-required"]]
    assert "products[0]" not in skipped[0].report.errors[0].message  # type: ignore[attr-defined]
    (batch,) = split_products([nameless], update_enabled=True)  # updating needs no name
    assert batch.body == {"products": [nameless], "updateEnabled": True}


def test_repeated_catalog_ids_go_to_separate_batches_in_order() -> None:
    items = [category(id="A"), category(id="B"), category(id="A", name="Later"), category(id="C")]
    batches = list(split_categories(items))
    assert [[x["id"] for x in b.body["categories"]] for b in batches] == [["A", "B"], ["A", "C"]]
    assert batches[1].body["categories"][0]["name"] == "Later"
    # Orders with one id twice stay together: Brevo takes them (batch/duplicate-id is a warning there).
    assert len(list(split_orders([order(id="A"), order(id="A")]))) == 1


# ------------------------------------------------------------------------------------ arguments


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: split_orders([], max_orders=0), "max_orders"),
        (lambda: split_orders([], max_bytes=True), "max_bytes"),
        (lambda: split_orders([], max_bytes=14), "no room"),
        (lambda: split_orders([], notify_url="ftp://example.com"), "notify_url"),
        (lambda: split_orders([], notify_url="/relative"), "notify_url"),
        (lambda: split_orders([], historical="yes"), "historical"),  # type: ignore[arg-type]
        (lambda: split_products([], update_enabled="true"), "update_enabled"),  # type: ignore[arg-type]
        (lambda: split_categories([], max_items=-1), "max_items"),
        (lambda: split_orders([], skip_invalid=True), "on_invalid"),
        (lambda: split_orders([], on_invalid=print), "skip_invalid=True"),
    ],
)
def test_bad_arguments_raise_at_the_call(call: Any, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        call()  # no iteration needed: nothing has been read yet


def test_default_limits_are_brevos() -> None:
    orders = [order(id=str(i)) for i in range(2500)]
    assert [b.count for b in split_orders(orders)] == [1000, 1000, 500]
    products = [product(id=str(i)) for i in range(250)]
    assert [b.count for b in split_products(products)] == [100, 100, 50]
    categories = [category(id=str(i)) for i in range(101)]
    assert [b.count for b in split_categories(categories)] == [100, 1]
    assert split_orders.__kwdefaults__["max_bytes"] == FIVE_MB  # type: ignore[index]


def test_public_api_and_small_repr() -> None:
    assert bs.split_orders is split_orders
    (batch,) = split_orders([order(id="a")], historical=False)
    assert repr(batch) == f"Batch(start=0, count=1, stop=1, size={batch.size})"
    with pytest.raises(AttributeError):
        batch.count = 2  # type: ignore[misc]


def test_no_input_no_batch() -> None:
    assert list(split_orders([])) == []
    assert list(split_products(iter(()))) == []


# ------------------------------------------------------------------------------ laziness, memory


def test_generator_input_is_read_lazily() -> None:
    pulled = 0

    def endless() -> Iterator[dict[str, Any]]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield order(id=str(i))

    split = split_orders(endless(), max_orders=10)
    assert pulled == 0
    first = next(split)
    assert first.count == 10 and pulled == 10  # a full batch leaves at once
    second = next(split)
    assert (second.start, second.count, pulled) == (10, 10, 20)


_TEMPLATE = (
    '{{"id":"ORD-{i}","createdAt":"2024-03-01T09:15:00Z","updatedAt":"2024-03-02T10:00:00Z",'
    '"status":"completed","amount":{amount},"products":[{{"productId":"SKU-{sku}","price":{price},'
    '"quantity":{qty}}}],"identifiers":{{"email_id":"customer{c}@example.com"}},"storeId":"{store}"}}\n'
)


def write_orders(path: Path, count: int) -> Path:
    """``count`` valid orders, one a line, made by templating (fast; sizes vary,
    some characters take two bytes)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            fields = {"amount": i % 997, "sku": i % 300, "price": (i % 89) + 0.5, "qty": 1 + i % 4, "c": i % 5000}
            out.write(_TEMPLATE.format(i=i, store="é" * (i % 50), **fields))
    return path


def _peak_while_splitting(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        items = 0
        with path.open(encoding="utf-8") as lines:
            for batch in split_orders(json.loads(line) for line in lines):
                items += batch.count
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_does_not_grow_with_the_input(tmp_path: Path) -> None:
    small = write_orders(tmp_path / "small.ndjson", 10_000)
    large = write_orders(tmp_path / "large.ndjson", 100_000)
    small_items, small_peak = _peak_while_splitting(small)
    large_items, large_peak = _peak_while_splitting(large)
    assert (small_items, large_items) == (10_000, 100_000)
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)
    assert large_peak < 20_000_000  # one batch of 1000 orders, not 100,000 of them
