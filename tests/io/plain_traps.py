"""Texts that plain ``json`` (or orjson) reads as a document the strict parse does not make:
the traps every plain reading (``io.ndjson``'s lines, ``io.streaming``'s items) must send to
the strict parse, beside valid texts that look like them. Shared by the tests of both."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from brevo_schema import strategies as bst
from tests.helpers import category, full_order, order, product

GOOD = json.dumps(order(), separators=(",", ":"))
FULL = json.dumps(full_order(), separators=(",", ":"))
BATCH = json.dumps({"historical": True, "orders": [order(), full_order()]}, separators=(",", ":"))


def _with_member(text: str, member: str) -> str:
    """``text`` (an object) with ``member`` added as its first member."""
    return "{" + member + "," + text[1:]


#: Valid lines; the last ones hold more '":' than keys (in strings), so the count is only a bound.
PLAIN_VALID = [
    GOOD,
    FULL,
    BATCH,
    json.dumps(product()),
    _with_member(GOOD, '"storeId":"a\\":"'),
    _with_member(GOOD, '"storeId":"\\" :x"'),
    _with_member(GOOD, '"storeId":"\\u0022:"'),
]
#: Lines that plain json reads as a valid document (of a kind it tells), and that are not valid as written.
PLAIN_TRAPS = [
    json.dumps(category(), separators=(",", ":")),  # product or category? no kind: parsed again
    _with_member(GOOD, '"status":"pending"'),  # a key given twice, the document valid either way
    _with_member(GOOD, '"status" :"pending"'),  # ... with blanks before its colon
    _with_member(GOOD, '"status"\t:"pending"'),
    _with_member(GOOD, '"status"\r:"pending"'),
    _with_member(GOOD, '"status"  \t :"pending"'),
    _with_member(FULL, '"metaInfo":{"a":1}'),
    FULL.replace('"billing":{', '"billing":{"city":"Lyon",', 1),  # twice in a nested object
    BATCH.replace('"orders":[{', '"orders":[{"amount":1,', 1),  # twice in a batch's item
    BATCH.replace("{", '{"historical":false,', 1),
    _with_member(GOOD, '"storeId":"x\\" ", "storeId":"y"'),
    _with_member(FULL, '"metaInfo":{"a\\":b":1,"a\\":b":2}'),
    GOOD.replace('"amount":', '"amount":1e400,"x":', 1),
    _with_member(FULL, '"amount":1e400'),  # out of range, and given twice
    _with_member(FULL, '"amount":-1e400'),
    FULL.replace('"metaInfo":{', '"metaInfo":{"big":1e400,', 1),
    FULL.replace('"metaInfo":{', '"metaInfo":{"big":-1e999,', 1),
    FULL.replace('"metaInfo":{', '"metaInfo":{"big":' + "9" * 400 + ",", 1),
    FULL.replace('"metaInfo":{', '"metaInfo":{"big":' + "9" * 5000 + ",", 1),
    FULL.replace('"metaInfo":{', '"metaInfo":{"nan":NaN,', 1),
    FULL.replace('"metaInfo":{', '"metaInfo":{"inf":-Infinity,', 1),
    json.dumps(product()).replace('"price": 8.5', '"price": 1e400'),
    json.dumps(product(metaInfo={"a": 1})).replace('"a": 1', '"a": 1, "a": 2'),
]
#: Valid lines orjson reads differently from json (an integer past 64 bits as a float) or refuses.
ORJSON_TRAPS = [
    json.dumps(order(amount=18446744073709551616), separators=(",", ":")),
    FULL.replace('"metaInfo":{', '"metaInfo":{"big":18446744073709551616,', 1),
    FULL.replace('"metaInfo":{', '"metaInfo":{"big":-9223372036854775809,', 1),
    FULL.replace('"metaInfo":{', '"metaInfo":{"big":18446744073709551615,', 1),
    _with_member(GOOD, '"storeId":"\\ud800"'),
]


@st.composite
def doubled(draw: st.DrawFn) -> str:
    """A valid payload's compact text with one member of one of its objects given again
    (its own value, or another payload's value), blanks drawn around the colons."""
    kind = draw(st.sampled_from(["order", "product", "category", "order-batch"]))
    document = json.loads(
        json.dumps(draw(bst.payloads(kind, max_size=2) if kind.endswith("batch") else bst.payloads(kind)))
    )
    objects: list[dict[str, Any]] = []

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            objects.append(value)
            value_list = list(value.values())
        elif isinstance(value, list):
            value_list = value
        else:
            return
        for inner in value_list:
            collect(inner)

    collect(document)
    target = draw(st.sampled_from([o for o in objects if o]))
    key = draw(st.sampled_from(sorted(target)))
    again = draw(st.sampled_from([target[key], "x", 0, None]))
    blank = draw(st.sampled_from(["", " ", "\t", "\r", " \t "]))
    marker = "\u0000MARK\u0000"
    target[marker] = None  # where the doubled member goes in the text
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    doubled = json.dumps(key, ensure_ascii=False) + blank + ":" + blank + json.dumps(again, ensure_ascii=False)
    return text.replace(json.dumps(marker) + ":null", doubled)
