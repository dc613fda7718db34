"""``io.ndjson.parsed_lines`` reads an NDJSON chunk as parsing each line alone would.

The fast path parses lines where they sit in the decoded chunk; whatever it does not
take as it is goes to ``jsonsource.parse`` line by line. Either way, each line's
outcome (document, findings, text) must be the one ``parse`` gives that line's bytes.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from brevo_schema.io.jsonsource import parse
from brevo_schema.io.ndjson import parsed_lines
from tests.helpers import order


def _reference(data: bytes) -> list[tuple[int, int, Any]]:
    """Each non-blank line parsed alone: what ``check`` did before the fast path."""
    out = []
    index = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        out.append((index, number, _outcome(parse(line.removesuffix(b"\r")))))
        index += 1
    return out


def _outcome(parsed: Any) -> tuple[Any, ...]:
    document = json.dumps(parsed.document, sort_keys=True) if parsed.ok else None  # NaN != NaN
    return parsed.ok, document, parsed.findings, parsed.text, parsed.index


def _fast(data: bytes) -> list[tuple[int, int, Any]]:
    return [(index, line, _outcome(parsed)) for index, line, parsed in parsed_lines(data)]


GOOD = json.dumps(order(), separators=(",", ":"))
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
