"""The strict, positioned parser and validate_json on hostile input."""

from __future__ import annotations

import json

import pytest

import brevo_schema as bs
from brevo_schema.io.jsonsource import Position, line_columns, locate, locate_nearest, parse
from tests.helpers import order


def _only(report: bs.Report) -> tuple[str, int | None, int | None]:
    (finding,) = report.findings
    return finding.rule, finding.line, finding.column


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", ("json/syntax", 1, 1)),
        (b"   \n ", ("json/syntax", 1, 1)),
        (b'{"a": 1,\n "b": }', ("json/syntax", 2, 7)),
        (b'{"id": "x",\n "name": \xff}', ("json/syntax", 2, 10)),
        (b"\xff\xfe{\x00}\x00", ("json/syntax", 1, 1)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ("json/syntax", 1, 1)),
        (b"[" * 100_000 + b"]" * 100_000, ("json/too-deep", 1, 901)),
        (b'"just a string"', ("kind/unknown", 1, 1)),
        (b"42", ("kind/unknown", 1, 1)),
        (b"null", ("kind/unknown", 1, 1)),
    ],
)
def test_bad_input_is_one_positioned_finding(data: bytes, expected: tuple[str, int, int]) -> None:
    assert _only(bs.validate_json(data)) == expected


def test_utf8_bom_is_tolerated() -> None:
    assert bs.validate_json(b"\xef\xbb\xbf" + json.dumps(order()).encode()).ok


def test_str_input_works_like_bytes() -> None:
    text = json.dumps(order(amount=-1))
    assert bs.validate_json(text).findings == bs.validate_json(text.encode()).findings


def test_trailing_comma_gets_a_hint() -> None:
    (finding,) = bs.validate_json(b'{\n  "id": "A-1",\n}').findings
    assert finding.hint == "remove the trailing comma"
    assert (finding.line, finding.column) == (3, 1)


def test_nan_and_infinity_are_errors_at_their_place() -> None:
    text = json.dumps(order(amount=1)).replace('"amount": 1', '"amount": NaN')
    report = bs.validate_json(text)
    assert [(f.rule, f.pointer) for f in report.findings] == [("json/non-finite-number", "/amount")]
    text = '{"orders": [], "x": -Infinity}'
    assert ("json/non-finite-number", "/x") in [(f.rule, f.pointer) for f in bs.validate_json(text).findings]


def test_duplicate_key_is_reported_at_its_last_occurrence() -> None:
    text = '{\n "id": "A",\n "name": "N",\n "id": "B"\n}'
    report = bs.validate_json(text, "product")
    assert [(f.rule, f.pointer, f.line) for f in report.findings] == [("json/duplicate-key", "/id", 4)]


def test_big_document_is_handled() -> None:
    batch = {"orders": [order(id=f"A-{i}", metaInfo={"note": "x" * 5000}) for i in range(10_000)], "historical": True}
    data = json.dumps(batch).encode()
    assert len(data) > 50_000_000
    report = bs.validate_json(data)
    assert [f.rule for f in report.findings] == ["batch/max-bytes", "batch/max-items"]


def test_locate_finds_keys_and_elements() -> None:
    text = '{\n  "a": [10,\n   {"b/c": 2, "d~e": [3]}],\n  "z": "x"\n}'
    found = locate(text, ["", "/a", "/a/0", "/a/1/b~1c", "/a/1/d~0e/0", "/z", "/missing"])
    assert found == {
        "": Position(1, 1),
        "/a": Position(2, 3),
        "/a/0": Position(2, 9),
        "/a/1/b~1c": Position(3, 5),
        "/a/1/d~0e/0": Position(3, 23),
        "/z": Position(4, 3),
    }


def test_locate_ignores_brackets_and_escapes_inside_strings() -> None:
    text = '{"s": "[{\\"]", "t": 1}'
    assert locate(text, ["/t"]) == {"/t": Position(1, 16)}


def test_missing_key_findings_point_at_the_object() -> None:
    text = '{"orders": [\n  {"id": "A"}\n], "historical": true}'
    report = bs.validate_json(text)
    required = [f for f in report.findings if f.pointer == "/orders/0"]
    assert required and all((f.line, f.column) == (2, 3) for f in required)


def test_parse_reports_ok_flag() -> None:
    assert parse(b"{}").ok and not parse(b"{").ok


# Positions: one pass, stopping as soon as every pointer is placed


def test_root_is_placed_without_reading_past_it() -> None:
    # Whatever follows the root's first character is never read: not even broken text.
    assert locate('  \n {"a": ' + "[" * 100_000, [""]) == {"": Position(2, 2)}


def test_the_pass_stops_once_every_target_is_placed() -> None:
    text = '{"a": {"b": 1}, "rest": ' + "[" * 100_000
    assert locate(text, ["/a/b"]) == {"/a/b": Position(1, 8)}


def test_an_absent_pointer_stops_the_pass_when_its_container_closes() -> None:
    text = '{"a": {"b": 1}, "rest": ' + "[" * 100_000
    assert locate(text, ["/a/missing"]) == {}
    assert locate_nearest(text, ["/a/missing", "/a/b/deeper"]) == {
        "/a/missing": Position(1, 2),
        "/a/b/deeper": Position(1, 8),
    }


def test_values_off_the_way_are_stepped_over_strings_and_all() -> None:
    items = ",".join(json.dumps({"s": ']}[{\\"', "n": [1, {"x": None}]}) for _ in range(50))
    text = '{"orders": [' + items + ', {"id": "last"}], "historical": true}'
    found = locate(text, ["/orders/50/id", "/historical"])
    assert found["/orders/50/id"].column == text.index('"id"') + 1
    assert found["/historical"].column == text.index('"historical"') + 1


def test_invalid_json_off_the_way_is_stepped_over_token_by_token() -> None:
    text = '{"a": [1, {"k": "v"},], "b": 2}'  # the C scanner refuses the trailing comma
    assert locate(text, ["/b"]) == {"/b": Position(1, text.index('"b"') + 1)}


def test_last_occurrence_places_a_duplicate_key_where_parsers_take_it() -> None:
    text = '{"a": 1, "b": {"c": 2}, "a": 3}'
    assert locate(text, ["/a"]) == {"/a": Position(1, 2)}
    assert locate(text, ["/a"], last_occurrence=True) == {"/a": Position(1, 25)}


def test_line_columns_counts_characters_on_every_line() -> None:
    text = 'é\n\t"x"\r\n  y'
    assert line_columns(text, [0, 3, 10]) == {0: Position(1, 1), 3: Position(2, 2), 10: Position(3, 3)}


def test_parsing_in_many_threads_at_once_keeps_each_documents_findings() -> None:
    """Each thread has its own decoder (its hooks hold one document's state at a time)."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        json.dumps(order(id=f"A-{i}")) if i % 3 else '{"id": "A", "id": "B", "amount": NaN, "n": ' + "9" * 5000 + "}"
        for i in range(300)
    ]
    alone = [parse(text).findings for text in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda text: parse(text).findings, texts))
    assert together == alone
    assert [f.rule for f in alone[0]] == ["json/duplicate-key", "json/non-finite-number", "numbers/out-of-range"]
    assert not any(alone[1:3])
