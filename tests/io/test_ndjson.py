"""``io.ndjson.parsed_lines`` reads an NDJSON chunk as parsing each line alone would.

The fast path parses lines where they sit in the decoded chunk; whatever it does not
take as it is goes to ``jsonsource.parse`` line by line. Either way, each line's
outcome (document, findings, text) must be the one ``parse`` gives that line's bytes.

With ``plain`` (``check``'s reading), a line is parsed by plain ``json``, which keeps the
last of two equal keys and reads 1e400 as Infinity; the validator takes such a document
only with a proof and otherwise parses the line again. There the contract is the report:
each line's, judged by ``validate_parsed``, must be the one ``validate_json`` gives its bytes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brevo_schema import Validator
from brevo_schema.io.jsonsource import parse
from brevo_schema.io.ndjson import fast_reader, parsed_lines
from brevo_schema.kinds import resolve_kind
from tests.helpers import order
from tests.io.plain_traps import FULL, GOOD, ORJSON_TRAPS, PLAIN_TRAPS, PLAIN_VALID, doubled


def _each_line(data: bytes) -> list[tuple[int, int, bytes]]:
    """``(index, line number, bytes)`` of each non-blank line, its line end removed."""
    lines = [(number, line) for number, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    return [(index, number, line.removesuffix(b"\r")) for index, (number, line) in enumerate(lines)]


def _reference(data: bytes) -> list[tuple[int, int, Any]]:
    """Each non-blank line parsed alone: what ``check`` did before the fast path."""
    return [(index, number, _outcome(parse(line))) for index, number, line in _each_line(data)]


def _outcome(parsed: Any) -> tuple[Any, ...]:
    document = json.dumps(parsed.document, sort_keys=True) if parsed.ok else None  # NaN != NaN
    return parsed.ok, document, parsed.findings, parsed.text, parsed.index


def _fast(data: bytes) -> list[tuple[int, int, Any]]:
    return [(index, line, _outcome(parsed)) for index, line, parsed in parsed_lines(data)]


LINES = [
    GOOD,
    json.dumps(order(status="canceled")),
    GOOD + "\r",
    GOOD + " \t\r",
    GOOD + "\r\r",
    "  " + GOOD,
    "\ufeff" + GOOD,
    "",
    "   ",
    "\r",
    "\x0b\x0c",
    GOOD[:-1],
    GOOD + " x",
    GOOD + "\x0b",
    GOOD + "{}",
    '{"id": "A", "id": "B"}',
    '{"amount": NaN, "x": 1}',
    '{"amount": 1e400}',
    '{"quantity": ' + "9" * 5000 + "}",
    '{"quantity": -' + "9" * 4301 + ', "amount": 1.5e-400}',
    '{"quantity": 99999999999999999999, "price": 1' + "0" * 400 + "}",
    '{"a": "x\x00y"}',
    '{"a":\x00 1}',
    "[1, 2]",
    '"text"',
    "{",
    '{"a":',
    "1}",
    '{"note": "a\u2028b\x85c"}',
    '{"k": "caf\u00e9 \\u00e9 \\" \\\\"}',
    '{"a": [' * 2000 + "]}" * 2000,
]


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LINES), max_size=12),
    final_newline=st.booleans(),
)
def test_parsed_lines_agree_with_parsing_each_line(lines: list[str], final_newline: bool) -> None:
    data = "\n".join(lines).encode("utf-8") + (b"\n" if final_newline else b"")
    assert _fast(data) == _reference(data)


def test_a_chunk_that_is_not_utf8_is_read_line_by_line() -> None:
    data = (GOOD + "\n").encode() + b'{"id": "\xff"}\n' + (GOOD + "\n").encode()
    result = _fast(data)
    assert result == _reference(data)
    assert [r[2][0] for r in result] == [True, False, True]


def test_a_value_that_runs_onto_the_next_line_is_two_bad_lines() -> None:
    data = b'{"a":\n1}\n' + GOOD.encode()
    result = _fast(data)
    assert result == _reference(data)
    assert [(index, line, outcome[0]) for index, line, outcome in result] == [
        (0, 1, False),
        (1, 2, False),
        (2, 3, True),
    ]


# --------------------------------------------------------------------------
# check's plain reading: the report of each line is validate_json's

VALIDATOR = Validator()


def _reports(data: bytes, fast: bool = True) -> list[tuple[int, int, Any]]:
    lines = parsed_lines(data, plain=True, fast=fast)
    return [(index, line, VALIDATOR.validate_parsed(parsed)) for index, line, parsed in lines]


def _reference_reports(data: bytes) -> list[tuple[int, int, Any]]:
    return [(index, number, VALIDATOR.validate_json(line)) for index, number, line in _each_line(data)]


def test_the_traps_are_traps() -> None:
    for line in PLAIN_VALID + ORJSON_TRAPS:
        assert VALIDATOR.validate_json(line).ok, line
    for line in PLAIN_TRAPS:
        assert VALIDATOR.validate_json(line).findings, line


def test_orjson_reads_check_s_lines_when_installed() -> None:
    """The test extra installs orjson, so the fast reader is tested, not skipped; a run of 19
    digits anywhere in a chunk (an integer orjson would make a float) turns it off."""
    assert fast_reader(GOOD.encode()) is not None, "orjson is missing: pip install -e '.[test]'"
    assert fast_reader(FULL.replace('"metaInfo":{', '"metaInfo":{"id":"1234567890123456789",', 1).encode()) is None
    assert fast_reader(FULL.replace('"metaInfo":{', '"metaInfo":{"id":"123456789012345678",', 1).encode()) is not None


@pytest.mark.parametrize("fast", [True, False], ids=["orjson", "json"])
def test_the_plain_reading_reports_what_validate_json_does(fast: bool) -> None:
    @settings(max_examples=150, deadline=None)
    @given(
        lines=st.lists(st.sampled_from(PLAIN_VALID + PLAIN_TRAPS + ORJSON_TRAPS + LINES), max_size=12),
        crlf=st.booleans(),
    )
    def check(lines: list[str], crlf: bool) -> None:
        data = ("\r\n" if crlf else "\n").join(lines).encode("utf-8") + b"\n"
        assert _reports(data, fast) == _reference_reports(data)
        for _, _, parsed in parsed_lines(data, plain=True, fast=fast):
            kind = resolve_kind(parsed.document) if parsed.keys is not None else None
            if kind is not None and VALIDATOR._proven(parsed, kind):
                # What the rules were given is what the strict parse makes, number types included.
                assert json.dumps(parsed.document) == json.dumps(parse(parsed.text or "").document)

    check()


@pytest.mark.parametrize("fast", [True, False], ids=["orjson", "json"])
def test_every_listed_line_gets_the_report_validate_json_gives_it(fast: bool) -> None:
    """Each listed line once, in one chunk (the property above draws only some of them)."""
    lines = PLAIN_VALID + PLAIN_TRAPS + ORJSON_TRAPS + LINES
    data = "\n".join(lines).encode("utf-8") + b"\n"
    assert _reports(data, fast) == _reference_reports(data)


@pytest.mark.parametrize("fast", [True, False], ids=["orjson", "json"])
def test_a_key_given_twice_anywhere_is_reported_as_validate_json_does(fast: bool) -> None:
    @settings(max_examples=100, deadline=None)
    @given(doubled())
    def check(line: str) -> None:
        data = line.encode("utf-8") + b"\n"
        reports = [r.findings for _, _, r in _reports(data, fast)]
        assert reports == [r.findings for _, _, r in _reference_reports(data)]
        assert any(f.rule == "json/duplicate-key" for findings in reports for f in findings)

    check()
