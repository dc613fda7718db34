"""The output formats and the rule table, on hand-made results (no files, no subprocess)."""

from __future__ import annotations

import io
import json
import os
from typing import Any

import pytest

from brevo_schema.cli.progress import Progress
from brevo_schema.cli.reporters import (
    GithubReporter,
    JsonReporter,
    TextReporter,
    document_dict,
    escape_data,
    escape_property,
    reporter,
    use_color,
)
from brevo_schema.cli.results import DocumentResult, FileResult, Summary
from brevo_schema.cli.rule_docs import rule_rows, rules_markdown, severity_text
from brevo_schema.cli.sarif import SarifReporter
from brevo_schema.report import Finding, Severity
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
        "orders.ndjson:7:5: error schema/required /products/0: price is required (add a price)",
        'orders.ndjson:3:3: warning order/status-unknown /status: status "x" is odd',  # one line, no "(None)"
        "1 error, 1 warning in 1 file (3 documents)",
    ]


def test_text_colour() -> None:
    out = io.StringIO()
    TextReporter(out, color=True).file(result())
    first = out.getvalue().splitlines()[0]
    assert first == (
        "\x1b[1morders.ndjson\x1b[0m:7:5: \x1b[1;31merror\x1b[0m \x1b[36mschema/required\x1b[0m "
        "/products/0: price is required "
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
    assert out.getvalue() == "a.json:1:1: error kind/unknown (root): what is it\n"


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
    progress = Progress(stream, total_bytes=40_000_000, clock=clock)
    progress.update(10, 100_000)
    assert stream.getvalue() == ""  # a short run never shows progress
    clock.now += 1.5
    progress.update(12_000, 14_000_000)
    assert stream.getvalue() == "\r\x1b[Kbrevo-schema: 12,000 documents, 14.0 MB of 40.0 MB (35%)"
    clock.now += 0.01
    progress.update(13_000, 15_000_000)  # throttled
    assert stream.getvalue().count("documents") == 1
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
    progress.clear()  # nothing shown: nothing to erase
    assert stream.getvalue().count("\r\x1b[K") == 2


def test_progress_is_silent_off_a_terminal_and_when_quiet() -> None:
    for stream, enabled in ((io.StringIO(), True), (Tty(), False)):
        clock = Clock()
        progress = Progress(stream, total_bytes=10, clock=clock, enabled=enabled)
        clock.now += 60
        progress.update(1, 5)
        progress.clear()
        assert stream.getvalue() == ""


def test_statistics_and_quiet_text() -> None:
    out = io.StringIO()
    text = TextReporter(out, statistics=True)
    text.file(result())
    text.finish(summary_of(result()))
    lines = out.getvalue().splitlines()
    assert [line.split()[:3] for line in lines[:2]] == [
        ["1", "order/status-unknown", "warning"],
        ["1", "schema/required", "error"],
    ]
    assert lines[2] == "1 error, 1 warning in 1 file (3 documents)"
    quiet = io.StringIO()
    TextReporter(quiet, quiet=True).file(result())
    assert quiet.getvalue() == "orders.ndjson:7:5: error schema/required /products/0: price is required (add a price)\n"


def test_json_report_streams_through_a_spool_with_only_failures() -> None:
    out = io.StringIO()
    report = JsonReporter(out, only_failures=True)
    report.file(result())
    report.file(FileResult("fine.json", [DocumentResult(0, "order", ())]))
    report.finish(summary_of(result()))
    data = json.loads(out.getvalue())
    assert [f["path"] for f in data["files"]] == ["orders.ndjson"]
    assert [d["index"] for d in data["files"][0]["documents"]] == [0]
    full = io.StringIO()
    everything = JsonReporter(full)
    everything.file(result())
    everything.finish(summary_of(result()))
    expected = {"ok": False, "files": [file_dict(result())], "summary": summary_of(result()).to_dict()}
    assert full.getvalue() == json.dumps(expected, indent=2) + "\n"  # the same text as one json.dump


def test_sarif_reporter_places_each_finding() -> None:
    out = io.StringIO()
    sarif = SarifReporter(out)
    sarif.file(FileResult(os.path.join("dir", "a b.json"), [DocumentResult(3, "order", (MISSING,))]))
    sarif.finish(Summary())
    log = json.loads(out.getvalue())
    (result_,) = log["runs"][0]["results"]
    location = result_["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "dir/a%20b.json"
    assert location["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 5}
    assert result_["properties"] == {"pointer": "/products/0", "document": 3}
    assert result_["message"]["text"] == "price is required (add a price)"


def test_severity_text() -> None:
    assert severity_text(REGISTRY["batch/duplicate-id"]) == "error (warning for order-batch)"
    assert severity_text(REGISTRY["schema/required"]) == "error"


def test_rules_are_listed_once_each_grouped_by_area() -> None:
    ids = [row[0] for row in rule_rows()]
    assert sorted(ids) == sorted(REGISTRY)
    areas = [rule_id.split("/")[0] for rule_id in ids]
    runs = [area for i, area in enumerate(areas) if i == 0 or areas[i - 1] != area]
    assert len(runs) == len(set(areas))  # each area is one contiguous run


def file_dict(result: FileResult) -> dict[str, Any]:
    """One file of the JSON report, as the contract orders its keys."""
    return {"path": result.path, "ok": result.ok(), "documents": [document_dict(d) for d in result.documents]}


def test_markdown_table_escapes_pipes() -> None:
    table = rules_markdown()
    assert table.endswith("|\n")
    for line in table.splitlines()[2:]:
        assert line.count(" | ") == 3 + line.count("\\|")
