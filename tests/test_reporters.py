"""The output formats and the rule table, on hand-made results (no files, no subprocess)."""

from __future__ import annotations

import io
import json

import pytest

from brevo_schema.report import Finding, Severity
from brevo_schema.reporters import (
    DocumentResult,
    FileResult,
    GithubReporter,
    JsonReporter,
    Progress,
    Summary,
    TextReporter,
    escape_data,
    escape_property,
    reporter,
    rule_rows,
    rules_markdown,
    severity_text,
    use_color,
)
from brevo_schema.rules import REGISTRY

MISSING = Finding("schema/required", Severity.ERROR, "/products/0", "price is required", "add a price", 7, 5)
STATUS = Finding("order/status-unknown", Severity.WARNING, "/status", 'status "x"\nis odd', None, 3, 3)


def result() -> FileResult:
    return FileResult(
        "orders.ndjson",
        [DocumentResult(0, "order", (MISSING,)), DocumentResult(1, "order", ()), DocumentResult(2, None, (STATUS,))],
    )


def summary_of(*results: FileResult) -> Summary:
    summary = Summary()
    for each in results:
        summary.add(each)
    return summary


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_summary_sentence_and_plurals() -> None:
    assert summary_of(result()).sentence() == "1 error, 1 warning in 1 file (3 documents)"
    assert Summary().sentence() == "0 errors, 0 warnings in 0 files (0 documents)"
    many = summary_of(result(), result(), FileResult("x.json", [DocumentResult(0, None, (MISSING,) * 2000)]))
    assert many.sentence() == "2,002 errors, 2 warnings in 3 files (7 documents)"
    assert many.to_dict() == {"files": 3, "documents": 7, "errors": 2002, "warnings": 2}


def test_ok_under_strict() -> None:
    warning_only = DocumentResult(0, "order", (STATUS,))
    assert warning_only.ok() and not warning_only.ok(strict=True)
    summary = summary_of(FileResult("a.json", [warning_only]))
    assert summary.ok() and not summary.ok(strict=True)


def test_text_lines() -> None:
    out = io.StringIO()
    text = TextReporter(out)
    text.file(result())
    text.finish(summary_of(result()))
    assert out.getvalue().splitlines() == [
        "orders.ndjson:7:5: error schema/required price is required (add a price)",
        'orders.ndjson:3:3: warning order/status-unknown status "x" is odd',  # one line, no "(None)"
        "1 error, 1 warning in 1 file (3 documents)",
    ]


def test_text_colour() -> None:
    out = io.StringIO()
    TextReporter(out, color=True).file(result())
    first = out.getvalue().splitlines()[0]
    assert first == (
        "\x1b[1morders.ndjson\x1b[0m:7:5: \x1b[1;31merror\x1b[0m \x1b[36mschema/required\x1b[0m price is required "
        "\x1b[2m(add a price)\x1b[0m"
    )


def test_colour_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", Tty()) is True
    assert use_color("auto", io.StringIO()) is False
    assert use_color("always", io.StringIO()) is True
    assert use_color("never", Tty()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", Tty()) is False
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: an empty value does not count
    assert use_color("auto", Tty()) is True


def test_json_report_order_and_content() -> None:
    out = io.StringIO()
    report = JsonReporter(out)
    report.file(result())
    report.finish(summary_of(result()))
    data = json.loads(out.getvalue())
    assert list(data) == ["ok", "files", "summary"]
    assert data["ok"] is False
    assert data["files"][0]["documents"][0] == {
        "index": 0,
        "kind": "order",
        "ok": False,
        "findings": [
            {
                "rule": "schema/required",
                "severity": "error",
                "pointer": "/products/0",
                "line": 7,
                "column": 5,
                "message": "price is required",
                "hint": "add a price",
            }
        ],
    }
    assert data["files"][0]["documents"][2]["ok"] is True  # a warning passes
    assert data["summary"] == {"files": 1, "documents": 3, "errors": 1, "warnings": 1}


def test_json_report_with_no_files() -> None:
    out = io.StringIO()
    JsonReporter(out).finish(Summary())
    assert json.loads(out.getvalue()) == {
        "ok": True,
        "files": [],
        "summary": {"files": 0, "documents": 0, "errors": 0, "warnings": 0},
    }


def test_github_commands() -> None:
    out = io.StringIO()
    GithubReporter(out).file(result())
    assert out.getvalue().splitlines() == [
        "::error file=orders.ndjson,line=7,col=5,title=schema/required::price is required (add a price)",
        '::warning file=orders.ndjson,line=3,col=3,title=order/status-unknown::status "x"%0Ais odd',
    ]


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nok, a:b") == "100%25 sure%0D%0Aok, a:b"
    assert escape_property("dir,1/a:b%.json") == "dir%2C1/a%3Ab%25.json"
    out = io.StringIO()
    GithubReporter(out).file(FileResult("a,b:c.json", [DocumentResult(0, None, (MISSING,))]))
    assert out.getvalue().startswith("::error file=a%2Cb%3Ac.json,line=7,col=5,title=schema/required::")


def test_missing_positions_are_shown_as_1_1() -> None:
    bare = Finding("kind/unknown", Severity.ERROR, "", "what is it")
    out = io.StringIO()
    TextReporter(out).file(FileResult("a.json", [DocumentResult(0, None, (bare,))]))
    assert out.getvalue() == "a.json:1:1: error kind/unknown what is it\n"


def test_reporter_by_name() -> None:
    out = io.StringIO()
    assert isinstance(reporter("text", out), TextReporter)
    assert isinstance(reporter("json", out), JsonReporter)
    assert isinstance(reporter("github", out), GithubReporter)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_waits_a_second_then_draws_and_clears() -> None:
    stream, clock = Tty(), Clock()
    progress = Progress(stream, files=40, total_bytes=1000, clock=clock)
    progress.update(1, 10)
    assert stream.getvalue() == ""  # a short run never shows progress
    clock.now += 1.5
    progress.update(12, 350)
    assert stream.getvalue() == "\r\x1b[Kbrevo-schema: checked 12 of 40 files (35%)"
    clock.now += 0.01
    progress.update(13, 360)  # throttled
    assert stream.getvalue().count("checked") == 1
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
    progress.clear()  # nothing shown: nothing to erase
    assert stream.getvalue().count("\r\x1b[K") == 2


def test_progress_is_silent_off_a_terminal() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, files=2, total_bytes=10, clock=clock)
    clock.now += 60
    progress.update(1, 5)
    progress.clear()
    assert stream.getvalue() == ""


def test_severity_text() -> None:
    assert severity_text(REGISTRY["batch/duplicate-id"]) == "error (warning for order-batch)"
    assert severity_text(REGISTRY["schema/required"]) == "error"


def test_rules_are_listed_once_each_grouped_by_area() -> None:
    ids = [row[0] for row in rule_rows()]
    assert sorted(ids) == sorted(REGISTRY)
    areas = [rule_id.split("/")[0] for rule_id in ids]
    runs = [area for i, area in enumerate(areas) if i == 0 or areas[i - 1] != area]
    assert len(runs) == len(set(areas))  # each area is one contiguous run


def test_markdown_table_escapes_pipes() -> None:
    table = rules_markdown()
    assert table.endswith("|\n")
    for line in table.splitlines()[2:]:
        assert line.count(" | ") == 3 + line.count("\\|")
