"""The command line, driven as users and CI drive it: a subprocess per run.

Positions asserted here were counted by hand in the fixtures under
tests/data/cli/ (line 1 column 1 is the first character of the file).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from brevo_schema.cli.rule_docs import ordered_rules
from brevo_schema.rules import REGISTRY
from tests.cli.helpers import FIXTURES, finding_lines, run
from tests.helpers import DATA, ROOT

VALID_ORDER = (FIXTURES / "order-valid.json").read_text()
#: Every rule id, grouped by area: the order `brevo-schema rules` lists them in.
RULE_IDS = [rule.id for rule in ordered_rules()]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixtures in a directory with no pyproject.toml above it."""
    target = tmp_path / "cli"
    shutil.copytree(FIXTURES, target)
    return target


def clean(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout


# Text output, positions, exit statuses


def test_valid_file_passes_quietly(data: Path) -> None:
    proc = run("check", "order-valid.json", cwd=data)
    assert proc.returncode == 0
    assert proc.stdout == "0 errors, 0 warnings in 1 file (1 document)\n"
    assert proc.stderr == ""


def test_text_findings_carry_hand_checked_positions(data: Path) -> None:
    proc = run("check", "order-bad.json", cwd=data)
    assert proc.returncode == 1
    assert finding_lines(proc.stdout) == [
        "order-bad.json:6:3: error schema/minimum",  # "amount": -5
        "order-bad.json:12:7: error products/quantity-not-integer",  # "quantity": 2.0
        "order-bad.json:15:3: error keys/case",  # "Coupons"
    ]
    lines = proc.stdout.splitlines()
    assert lines[0] == "order-bad.json:6:3: error schema/minimum /amount: amount must be at least 0, not -5"
    assert lines[1].endswith("(write 2)")  # the hint, in parentheses
    assert lines[-1] == "3 errors, 0 warnings in 1 file (1 document)"


def test_ndjson_lines_are_counted_in_the_file(data: Path) -> None:
    """Line 2 and 5 are blank (skipped, still counted); line 4 is broken, the rest are checked."""
    proc = run("check", "orders.ndjson", cwd=data)
    clean(proc)
    assert proc.returncode == 1
    assert finding_lines(proc.stdout) == [
        "orders.ndjson:3:235: error schema/additionalProperties",  # "colour"
        "orders.ndjson:4:28: error json/syntax",  # the line ends after "createdAt":
        "orders.ndjson:7:218: error products/quantity-not-integer",  # "quantity": 1.5
    ]
    assert proc.stdout.splitlines()[-1] == "3 errors, 0 warnings in 1 file (5 documents)"


#: Run the CLI without orjson (the default install): ``import orjson`` fails in it.
WITHOUT_ORJSON = "import sys; sys.modules['orjson'] = None; from brevo_schema.cli import main; sys.exit(main())"


@pytest.mark.parametrize("reader", ["orjson", "json"])
def test_ndjson_lines_plain_json_would_misread(tmp_path: Path, reader: str) -> None:
    """Lines valid once a plain parser has read them: a key given twice (the last value is
    valid), a metaInfo number past a float's range, NaN. Each is reported where it is, by
    either reader (orjson, installed with the test extra, and json, as without the fast extra)."""
    good = json.dumps(json.loads((DATA / "golden" / "order" / "valid" / "full.json").read_text()))
    lines = [
        good,
        '{"status": "nope", ' + good[1:],
        good.replace('"metaInfo": {', '"metaInfo": {"big": 1e400, ', 1),
        good.replace('"metaInfo": {', '"metaInfo": {"n": NaN, ', 1),
        good,
    ]
    (tmp_path / "orders.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if reader == "orjson":
        proc = run("check", "--jobs", "1", "orders.ndjson", cwd=tmp_path)
    else:
        command = [sys.executable, "-c", WITHOUT_ORJSON, "check", "--jobs", "1", "orders.ndjson"]
        proc = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    # Each at its member (the key), 1-based.
    twice, big, nan = lines[1].index('"status"', 2) + 1, lines[2].index('"big"') + 1, lines[3].index('"n"') + 1
    assert finding_lines(proc.stdout) == [
        f"orders.ndjson:2:{twice}: error json/duplicate-key",  # where the value kept is
        f"orders.ndjson:3:{big}: error numbers/out-of-range",
        f"orders.ndjson:4:{nan}: error json/non-finite-number",
    ]
    assert proc.stdout.splitlines()[-1] == "3 errors, 0 warnings in 1 file (5 documents)"


def test_warnings_pass_unless_strict(data: Path) -> None:
    relaxed = run("check", "order-warning.json", cwd=data)
    assert relaxed.returncode == 0
    assert finding_lines(relaxed.stdout) == ["order-warning.json:5:3: warning order/status-unknown"]
    assert relaxed.stdout.splitlines()[-1] == "0 errors, 1 warning in 1 file (1 document)"
    assert run("check", "--strict", "order-warning.json", cwd=data).returncode == 1


def test_summary_counts_files_documents_errors_and_warnings(data: Path) -> None:
    proc = run("check", "order-valid.json", "order-warning.json", "order-percent.json", "orders.ndjson", cwd=data)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1] == "4 errors, 1 warning in 4 files (8 documents)"


# JSON output


def test_json_report_has_the_contract_shape(data: Path) -> None:
    proc = run("check", "--format", "json", "orders.ndjson", "order-valid.json", cwd=data)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert list(report) == ["ok", "files", "summary"]
    assert report["ok"] is False
    assert report["summary"] == {"files": 2, "documents": 6, "errors": 3, "warnings": 0}
    ndjson, single = report["files"]
    assert list(ndjson) == ["path", "ok", "documents"]
    assert (ndjson["path"], ndjson["ok"], single["path"], single["ok"]) == (
        "orders.ndjson",
        False,
        "order-valid.json",
        True,
    )
    documents = ndjson["documents"]
    assert [list(d) for d in documents] == [["index", "kind", "ok", "findings"]] * 5
    assert [(d["index"], d["kind"], d["ok"]) for d in documents] == [
        (0, "order", True),
        (1, "order", False),
        (2, None, False),  # the broken line: not parsed, so no kind
        (3, "order", True),
        (4, "order", False),
    ]
    colour = documents[1]["findings"][0]
    assert list(colour) == ["rule", "severity", "pointer", "line", "column", "message", "hint"]
    assert (colour["rule"], colour["severity"], colour["pointer"], colour["line"], colour["column"]) == (
        "schema/additionalProperties",
        "error",
        "/colour",
        3,
        235,
    )
    syntax = documents[2]["findings"]
    assert [(f["rule"], f["pointer"], f["line"], f["column"]) for f in syntax] == [("json/syntax", "", 4, 28)]
    assert single["documents"] == [{"index": 0, "kind": "order", "ok": True, "findings": []}]


def test_json_report_of_an_unparsable_file(data: Path) -> None:
    (data / "broken.json").write_text('{\n  "id": "A-1",\n  "amount": 10,,\n}\n')
    proc = run("check", "--format", "json", "broken.json", cwd=data)
    assert proc.returncode == 1
    document = json.loads(proc.stdout)["files"][0]["documents"]
    assert len(document) == 1
    assert document[0]["kind"] is None
    assert [(f["rule"], f["line"], f["column"]) for f in document[0]["findings"]] == [("json/syntax", 3, 16)]


def test_json_report_under_strict_marks_warnings_as_failing(data: Path) -> None:
    report = json.loads(run("check", "--format", "json", "--strict", "order-warning.json", cwd=data).stdout)
    assert report["ok"] is False
    assert report["files"][0]["documents"][0]["ok"] is False
    assert report["summary"]["warnings"] == 1


# GitHub annotations


def test_github_annotations(data: Path) -> None:
    proc = run("check", "--format", "github", "order-warning.json", "order-percent.json", cwd=data)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("::warning file=order-warning.json,line=5,col=3,title=order/status-unknown::status ")
    assert lines[1].startswith(
        "::error file=order-percent.json,line=40,col=3,title=schema/additionalProperties::"
        "unknown key '50%25off, really: yes'"
    )
    assert lines[2] == "1 error, 1 warning in 2 files (2 documents)"


def test_github_escapes_properties(data: Path) -> None:
    odd = data / "a,b:c%d.json"
    odd.write_text("{}")
    proc = run("check", "--format", "github", odd.name, cwd=data)
    assert proc.stdout.splitlines()[0].startswith("::error file=a%2Cb%3Ac%25d.json,line=1,col=1,title=kind/unknown::")


# Inputs


def test_directories_are_walked_recursively_and_sorted(data: Path) -> None:
    proc = run("check", "--format", "json", "tree", cwd=data)
    files = json.loads(proc.stdout)["files"]
    # notes.txt has no payload suffix; .hidden/ is not entered.
    assert [f["path"] for f in files] == [
        os.path.join("tree", "a-categories.ndjson"),
        os.path.join("tree", "b.json"),
        os.path.join("tree", "sub", "c.jsonl"),
    ]
    text = run("check", "tree", cwd=data)
    assert finding_lines(text.stdout) == [
        f"{os.path.join('tree', 'a-categories.ndjson')}:2:1: error catalog/name-required",
        f"{os.path.join('tree', 'sub', 'c.jsonl')}:1:46: error batch/duplicate-id",
    ]


def test_no_path_means_the_working_directory(data: Path) -> None:
    proc = run("check", "--format", "json", cwd=data / "tree")
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == [
        "a-categories.ndjson",
        "b.json",
        os.path.join("sub", "c.jsonl"),
    ]


def test_standard_input(data: Path) -> None:
    proc = run("check", "-", input=VALID_ORDER.encode(), cwd=data)
    assert (proc.returncode, proc.stdout) == (0, "0 errors, 0 warnings in 1 file (1 document)\n")
    bad = run("check", "-", input=b'{"id": "P-1"}', cwd=data)
    assert finding_lines(bad.stdout) == ["<stdin>:1:1: error kind/unknown"]


def test_standard_input_named_as_ndjson(data: Path) -> None:
    lines = (data / "orders.ndjson").read_bytes()
    proc = run("check", "-", "--stdin-filename", "orders.ndjson", input=lines, cwd=data)
    assert finding_lines(proc.stdout)[1] == "orders.ndjson:4:28: error json/syntax"
    assert proc.stdout.splitlines()[-1] == "3 errors, 0 warnings in 1 file (5 documents)"


def test_kind_flag_overrides_detection(data: Path) -> None:
    assert run("check", "item.json", cwd=data).returncode == 1
    proc = run("check", "--format", "json", "--kind", "product", "item.json", cwd=data)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["files"][0]["documents"][0]["kind"] == "product"


def test_file_name_breaks_a_product_category_tie(data: Path) -> None:
    """{"id", "name"} fits a product and a category: the file name decides, only then."""
    proc = run("check", "--format", "json", "product-mug.json", "category-kitchen.json", "item.json", cwd=data)
    kinds = [f["documents"][0]["kind"] for f in json.loads(proc.stdout)["files"]]
    assert kinds == ["product", "category", None]
    assert finding_lines(run("check", "item.json", cwd=data).stdout) == ["item.json:1:1: error kind/unknown"]


def test_unknown_kind_is_a_usage_error(data: Path) -> None:
    proc = run("check", "--kind", "invoice", "item.json", cwd=data)
    assert proc.returncode == 2
    assert "invalid choice: 'invoice'" in proc.stderr


# Rule selection


def test_ignore_and_select_take_ids_and_areas(data: Path) -> None:
    assert finding_lines(run("check", "--ignore", "keys/case,schema", "order-bad.json", cwd=data).stdout) == [
        "order-bad.json:12:7: error products/quantity-not-integer"
    ]
    # Only the schema's rules: the mis-cased key is told as the schema tells it (2.0 is an integer to JSON Schema).
    assert finding_lines(run("check", "--select", "schema/", "order-bad.json", cwd=data).stdout) == [
        "order-bad.json:6:3: error schema/minimum",
        "order-bad.json:15:3: error schema/additionalProperties",
    ]
    proc = run("check", "--select", "products", "--ignore", "products/quantity-not-integer", "order-bad.json", cwd=data)
    assert (proc.returncode, finding_lines(proc.stdout)) == (0, [])


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_unknown_rule_is_a_usage_error_naming_it(data: Path, flag: str) -> None:
    proc = run("check", flag, "schema/required,keys/cas", "order-bad.json", cwd=data)
    clean(proc)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        f"brevo-schema: error: {flag}: unknown rule or area 'keys/cas' (did you mean 'keys/case'?)"
        " (brevo-schema rules lists them)"
    ]


# Bad input: one clear line each, no traceback, the other files still checked


def test_missing_path_is_exit_2_and_the_rest_is_checked(data: Path) -> None:
    proc = run("check", "missing.json", "order-bad.json", cwd=data)
    clean(proc)
    assert proc.returncode == 2
    assert proc.stderr == "brevo-schema: error: cannot read missing.json: No such file or directory\n"
    assert len(finding_lines(proc.stdout)) == 3


def test_broken_symlink_in_a_directory(data: Path) -> None:
    (data / "tree" / "gone.json").symlink_to(data / "nowhere.json")
    proc = run("check", "tree", cwd=data)
    clean(proc)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"brevo-schema: error: cannot read {os.path.join('tree', 'gone.json')}: ")
    assert proc.stdout.splitlines()[-1] == "2 errors, 0 warnings in 3 files (4 documents)"


def test_directory_without_payload_files(data: Path) -> None:
    empty = data / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("nothing here")
    proc = run("check", "empty", cwd=data)
    clean(proc)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "brevo-schema: empty: no .json, .ndjson or .jsonl file in this directory",
        "brevo-schema: error: nothing to check",
    ]
    assert proc.stdout == ""
    # Beside a path that has files, an empty directory is only a note.
    alongside = run("check", "empty", "order-valid.json", cwd=data)
    assert alongside.returncode == 0
    assert alongside.stderr == "brevo-schema: empty: no .json, .ndjson or .jsonl file in this directory\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty.json:1:1: error json/syntax (root): the document is empty: no JSON value"),
        (b"  \n\t\n", "empty.json:1:1: error json/syntax (root): the document is empty: no JSON value"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "empty.json:1:1: error json/syntax (root): not UTF-8 text: byte 0x89"),
        (
            b'{"id": "caf\xe9"}',
            "empty.json:1:12: error json/syntax (root): not UTF-8 text: byte 0xe9 at line 1 column 12",
        ),
        (b"\x00\x00\x00\x00", "empty.json:1:1: error json/syntax (root): a NUL character"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "nul"],
)
def test_unreadable_content_is_one_finding(data: Path, content: bytes, expected: str) -> None:
    (data / "empty.json").write_bytes(content)
    proc = run("check", "empty.json", "order-valid.json", cwd=data)
    clean(proc)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(expected)
    assert lines[1] == "1 error, 0 warnings in 2 files (2 documents)"


def test_empty_ndjson_file_has_no_documents(data: Path) -> None:
    (data / "none.ndjson").write_bytes(b"\n\n")
    proc = run("check", "none.ndjson", cwd=data)
    assert (proc.returncode, proc.stdout) == (0, "0 errors, 0 warnings in 1 file (0 documents)\n")


def test_deeply_nested_arrays(data: Path) -> None:
    (data / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (data / "deep.ndjson").write_bytes(VALID_ORDER.replace("\n", "").encode() + b"\n" + b"[" * 100_000 + b"]" * 100_000)
    proc = run("check", "deep.json", "deep.ndjson", cwd=data)
    clean(proc)
    assert proc.returncode == 1
    assert finding_lines(proc.stdout) == [
        "deep.json:1:901: error json/too-deep",
        "deep.ndjson:2:901: error json/too-deep",
    ]


def _big_ndjson(path: Path, size: int, broken: dict[int, bytes]) -> int:
    """An NDJSON file of valid orders of about ``size`` bytes, with the given lines replaced."""
    order = json.loads(VALID_ORDER)
    lines = []
    total, number = 0, 0
    while total < size:
        number += 1
        order["id"] = f"O-{number}"
        line = broken.get(number) or json.dumps(order).encode()
        lines.append(line)
        total += len(line) + 1
    path.write_bytes(b"\n".join(lines) + b"\n")
    return number


@pytest.mark.slow
def test_fifty_megabytes(data: Path) -> None:
    """A 50 MB NDJSON file with a broken line near its end, and a 50 MB .json document."""
    lines = _big_ndjson(data / "big.ndjson", 50_000_000, {65_000: b'{"id": "O-65000", '})
    order = json.loads(VALID_ORDER)
    order["metaInfo"] = {"note": "x" * 50_000_000}
    (data / "big.json").write_text(json.dumps(order, indent=2))
    proc = run("check", "big.ndjson", "big.json", cwd=data, timeout=300)  # a hang fails; speed is the benchmarks'
    clean(proc)
    assert proc.returncode == 1
    assert finding_lines(proc.stdout)[0] == "big.ndjson:65000:19: error json/syntax"  # after '"O-65000", '
    assert proc.stdout.splitlines()[-1].endswith(f"in 2 files ({lines + 1:,} documents)")


@pytest.mark.slow
def test_fifty_megabyte_order_batch(data: Path) -> None:
    """What pointing the tool at a data dump gives: the two limits it breaks, not a flood."""
    order = json.loads(VALID_ORDER)
    count = 50_000_000 // len(json.dumps(order))
    batch = {"orders": [dict(order, id=str(n)) for n in range(count)], "historical": True}
    (data / "dump.json").write_text(json.dumps(batch))
    proc = run("check", "dump.json", cwd=data, timeout=300)
    clean(proc)
    assert proc.returncode == 1
    assert finding_lines(proc.stdout) == [
        "dump.json:1:1: error batch/max-bytes",
        "dump.json:1:2: error batch/max-items",
    ]


def test_a_checker_bug_is_reported_and_the_rest_checked(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In process, to plant the bug: one document makes the checker raise."""
    from brevo_schema import cli
    from brevo_schema.io.jsonsource import Parsed
    from brevo_schema.validator import Validator

    real = Validator.validate_parsed  # what validate_json and check's NDJSON reader both call

    def buggy(self: Validator, parsed: Parsed, *args: Any, **kwargs: Any) -> Any:
        if '"O-5"' in (parsed.text or ""):
            raise RuntimeError("boom")
        return real(self, parsed, *args, **kwargs)

    monkeypatch.setattr(Validator, "validate_parsed", buggy)
    monkeypatch.chdir(data)
    assert cli.main(["check", "--jobs", "1", "orders.ndjson"]) == 2
    out, err = capsys.readouterr()
    assert (
        err
        == "brevo-schema: error: brevo-schema failed on orders.ndjson:7: RuntimeError: boom (please report this bug)\n"
    )
    assert finding_lines(out) == [
        "orders.ndjson:3:235: error schema/additionalProperties",
        "orders.ndjson:4:28: error json/syntax",
    ]


# Parallel runs


@pytest.mark.slow
def test_jobs_do_not_change_the_output(data: Path) -> None:
    """Enough input for worker processes, and an NDJSON file cut into chunks:
    the output is the same, line numbers included, whatever the number of jobs."""
    bad = b'{"id": "X", "amount": -1}'
    _big_ndjson(data / "tree" / "many.ndjson", 12_000_000, {1: bad, 7_000: bad, 7_001: b"[", 13_500: bad})
    args = ("check", "--format", "json", "tree", "order-bad.json", "orders.ndjson")
    single = run(*args, "--jobs", "1", cwd=data)
    several = run(*args, "--jobs", "3", cwd=data)
    assert single.returncode == several.returncode == 1
    assert single.stdout == several.stdout
    many = json.loads(single.stdout)["files"][2]
    assert many["path"].endswith("many.ndjson")
    failing = [(d["index"], {f["line"] for f in d["findings"]}) for d in many["documents"] if d["findings"]]
    assert failing == [(0, {1}), (6_999, {7_000}), (7_000, {7_001}), (13_499, {13_500})]


def test_jobs_0_means_every_cpu_and_negative_is_refused(data: Path) -> None:
    assert run("check", "--jobs", "0", "order-valid.json", cwd=data).returncode == 0
    proc = run("check", "--jobs", "-1", "order-valid.json", cwd=data)
    assert proc.returncode == 2
    assert "must be 0 (every CPU) or a positive integer" in proc.stderr


# Interruptions


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_quietly_with_130(data: Path, jobs: str) -> None:
    # A file is reported once the next one is under way, and 500 findings fill stdout's
    # buffer: the first line read proves big.ndjson is being checked (no sleep that a
    # fast machine outruns or a loaded one never reaches).
    (data / "bad.ndjson").write_bytes(b"[\n" * 500)
    _big_ndjson(data / "big.ndjson", 60_000_000, {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "brevo_schema", "check", "--jobs", jobs, "bad.ndjson", "big.ndjson"],
        cwd=data,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches all of it
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    os.killpg(proc.pid, signal.SIGINT)
    rest, stderr = proc.communicate(timeout=60)
    assert first.startswith(b"bad.ndjson:1:2: error json/syntax")
    assert proc.returncode == 130
    assert stderr == b""
    assert b" in 2 files" not in rest  # interrupted: no summary claims big.ndjson was checked


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_closed_pipe_is_quiet(data: Path, jobs: str) -> None:
    _big_ndjson(data / "bad.ndjson", 2_000_000, {n: b"[" for n in range(1, 5000)})
    proc = subprocess.Popen(
        [sys.executable, "-m", "brevo_schema", "check", "--jobs", jobs, "bad.ndjson"],
        cwd=data,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert first.startswith(b"bad.ndjson:1:2: error json/syntax")
    assert stderr == b""
    assert proc.returncode == 141


@pytest.mark.slow
def test_progress_shows_on_a_terminal_only(data: Path) -> None:
    import pty

    # Progress shows once a run has taken a second, at the end of a range: the file is made
    # big enough for this machine that the run takes three (on a fast, idle one 25 MB took
    # under a second and nothing was shown). Its size is no assertion: the behaviour is.
    args = [sys.executable, "-m", "brevo_schema", "check", "--jobs", "1", "big.ndjson"]
    size = 25_000_000
    while True:
        _big_ndjson(data / "big.ndjson", size, {})
        start = time.monotonic()
        piped = subprocess.run(args, cwd=data, capture_output=True, timeout=300)
        took = time.monotonic() - start
        if took >= 3 or size >= 200_000_000:
            break
        size = min(200_000_000, int(size * 3.5 / max(took, 0.25)))
    assert piped.stderr == b""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(args, cwd=data, stdout=subprocess.PIPE, stderr=follower)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed when the process ended
                break
            if not chunk:
                break
            seen += chunk
        proc.wait(timeout=120)
    finally:
        os.close(leader)
    total = f"{(data / 'big.ndjson').stat().st_size / 1e6:,.1f}".encode()
    assert re.search(rb"brevo-schema: [\d,]+ documents, [\d.,]+ MB of " + re.escape(total) + rb" MB \(\d+%\)", seen)
    assert seen.endswith(b"\r\x1b[K")  # the progress line is erased at the end
    assert proc.stdout is not None and proc.stdout.read() == piped.stdout


# Start-up


def test_valid_file_imports_neither_jsonschema_nor_hypothesis(data: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "brevo_schema", "check", "order-valid.json"],
        cwd=data,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "brevo_schema.cli" in imported  # the probe works
    heavy = {name for name in imported if name.split(".")[0] in ("jsonschema", "hypothesis", "concurrent")}
    assert heavy == set()


# schema, rules, --version, split


@pytest.mark.parametrize("kind", ["order", "order-batch", "product", "product-batch", "category", "category-batch"])
def test_schema_prints_the_bundled_schema(kind: str) -> None:
    from brevo_schema import schema

    proc = run("schema", kind)
    assert proc.returncode == 0
    assert proc.stdout == json.dumps(schema(kind), indent=2) + "\n"


def test_schema_of_an_unknown_kind() -> None:
    proc = run("schema", "invoice")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


def test_rules_lists_every_rule() -> None:
    proc = run("rules")
    assert proc.returncode == 0
    rows = [re.split(r"\s{2,}", line, maxsplit=2) for line in proc.stdout.splitlines()]
    assert [row[0] for row in rows] == RULE_IDS
    by_id = {row[0]: row for row in rows}
    assert by_id["batch/duplicate-id"][1] == "error (warning for order-batch)"
    assert by_id["schema/required"][1:] == ["error", REGISTRY["schema/required"].summary]
    assert by_id["order/status-unknown"][1] == "warning"


def test_rules_as_json() -> None:
    rules = json.loads(run("rules", "--format", "json").stdout)
    assert [r["id"] for r in rules] == RULE_IDS
    duplicate = next(r for r in rules if r["id"] == "batch/duplicate-id")
    assert duplicate["severity_by_kind"] == {"order-batch": "warning"}


def _markdown_table() -> str:
    proc = run("rules", "--format", "markdown")
    assert proc.returncode == 0
    return proc.stdout


def test_rules_markdown_table() -> None:
    table = _markdown_table().splitlines()
    assert table[:2] == ["| Rule | Severity | What it catches | Fix |", "|---|---|---|---|"]
    assert len(table) == 2 + len(REGISTRY)
    assert (
        "| `batch/duplicate-id` | error (warning for order-batch) |" in table[2 + RULE_IDS.index("batch/duplicate-id")]
    )


def test_readme_rule_table_matches_registry() -> None:
    """The README's rule table is generated: `python -m brevo_schema rules --format markdown`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.DOTALL)
    assert match, "README.md lacks the <!-- rules:start --> ... <!-- rules:end --> markers"
    assert match.group(1).strip("\n") == _markdown_table().strip("\n"), (
        "README's rule table is stale: paste `python -m brevo_schema rules --format markdown` between the markers"
    )


def test_version() -> None:
    from brevo_schema import __version__

    proc = run("--version")
    assert (proc.returncode, proc.stdout) == (0, f"brevo-schema {__version__}\n")


def test_help_and_no_command() -> None:
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("check", "split", "schema", "rules"):
        assert command in helped.stdout
    bare = run()
    assert bare.returncode == 2
    assert "usage: brevo-schema" in bare.stderr


def test_split_is_wired() -> None:
    proc = run("split", "--help")
    clean(proc)
    assert proc.returncode == 0
    assert "usage: brevo-schema split" in proc.stdout


def test_console_script_is_declared() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'brevo-schema = "brevo_schema.cli:main"' in text


# Output a person can act on (issue 15)


def test_text_lines_carry_the_json_pointer(data: Path) -> None:
    proc = run("check", "order-warning.json", "order-bad.json", cwd=data)
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("order-warning.json:5:3: warning order/status-unknown /status: status ")
    assert lines[2].startswith("order-bad.json:12:7: error products/quantity-not-integer /products/0/quantity: ")
    root = run("check", "item.json", cwd=data).stdout.splitlines()[0]
    assert root.startswith("item.json:1:1: error kind/unknown (root): cannot tell")


def test_statistics_count_findings_by_rule(data: Path) -> None:
    proc = run("check", "--statistics", "order-bad.json", "orders.ndjson", cwd=data)
    assert proc.returncode == 1
    rows = [line.split()[:3] for line in proc.stdout.splitlines()[:-1]]
    assert rows == [  # the most frequent first, then by rule id
        ["2", "products/quantity-not-integer", "error"],
        ["1", "json/syntax", "error"],
        ["1", "keys/case", "error"],
        ["1", "schema/additionalProperties", "error"],
        ["1", "schema/minimum", "error"],
    ]
    assert proc.stdout.splitlines()[0].endswith(REGISTRY["products/quantity-not-integer"].summary)
    assert proc.stdout.splitlines()[-1] == "6 errors, 0 warnings in 2 files (6 documents)"
    refused = run("check", "--statistics", "--format", "json", "order-bad.json", cwd=data)
    assert (refused.returncode, refused.stdout) == (2, "")


def test_quiet_prints_errors_and_the_summary_only(data: Path) -> None:
    proc = run("check", "--quiet", "order-warning.json", "order-bad.json", cwd=data)
    assert proc.returncode == 1
    assert [line.split(" ")[1] for line in proc.stdout.splitlines()[:-1]] == ["error"] * 3
    assert proc.stdout.splitlines()[-1] == "3 errors, 1 warning in 2 files (2 documents)"
    strict = run("check", "--quiet", "--strict", "order-warning.json", cwd=data)
    assert finding_lines(strict.stdout) == ["order-warning.json:5:3: warning order/status-unknown"]


def test_json_only_failures_leaves_passing_documents_and_files_out(data: Path) -> None:
    args = ("check", "--format", "json", "orders.ndjson", "order-valid.json", "order-warning.json")
    full = json.loads(run(*args, cwd=data).stdout)
    proc = run(*args, "--only-failures", cwd=data)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert [f["path"] for f in report["files"]] == ["orders.ndjson"]
    assert [d["index"] for d in report["files"][0]["documents"]] == [1, 2, 4]
    assert report["summary"] == full["summary"] == {"files": 3, "documents": 7, "errors": 3, "warnings": 1}
    assert report["files"][0]["documents"] == [d for d in full["files"][0]["documents"] if not d["ok"]]
    assert json.loads(run("check", "--format", "json", "--only-failures", "order-valid.json", cwd=data).stdout) == {
        "ok": True,
        "files": [],
        "summary": {"files": 1, "documents": 1, "errors": 0, "warnings": 0},
    }


def test_sarif_output_is_valid_sarif_2_1_0(data: Path) -> None:
    import jsonschema

    schema = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text())
    proc = run("check", "--format", "sarif", "order-bad.json", "orders.ndjson", "order-warning.json", cwd=data)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == RULE_IDS
    results = run_["results"]
    assert len(results) == 7
    first = results[0]
    assert (first["ruleId"], first["level"], rules[first["ruleIndex"]]["id"]) == (
        "schema/minimum",
        "error",
        first["ruleId"],
    )
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "order-bad.json"
    assert location["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 3}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "/amount"
    assert results[-1]["level"] == "warning"
    empty = json.loads(run("check", "--format", "sarif", "order-valid.json", cwd=data).stdout)
    jsonschema.Draft4Validator(schema).validate(empty)
    assert empty["runs"][0]["results"] == []


def test_fix_of_standard_input_writes_the_fixed_text_to_standard_output(data: Path) -> None:
    text = (data / "order-bad.json").read_text()
    proc = run("check", "--fix", "-", input=text.encode(), cwd=data)
    clean(proc)
    assert proc.returncode == 1
    assert proc.stdout == text.replace('"quantity": 2.0', '"quantity": 2').replace('"Coupons"', '"coupons"')
    # The report of what is left goes to standard error.
    assert finding_lines(proc.stderr) == ["<stdin>:6:3: error schema/minimum"]
    valid = run("check", "--fix", "-", input=VALID_ORDER.encode(), cwd=data)
    assert (valid.returncode, valid.stdout) == (0, VALID_ORDER)


def test_diff_of_standard_input(data: Path) -> None:
    text = (data / "order-bad.json").read_text()
    proc = run("check", "--diff", "-", input=text.encode(), cwd=data)
    assert proc.returncode == 1
    assert proc.stdout.startswith("--- a/<stdin>\n+++ b/<stdin>\n")
    assert '-      "quantity": 2.0\n+      "quantity": 2\n' in proc.stdout
    assert run("check", "--diff", "-", input=VALID_ORDER.encode(), cwd=data).stdout == ""


def test_devices_are_refused_not_read_forever(data: Path) -> None:
    proc = run("check", "/dev/zero", cwd=data, timeout=30)
    assert proc.returncode == 2
    assert (
        proc.stderr == "brevo-schema: error: cannot read /dev/zero: not a regular file or a pipe (a character device)\n"
    )
    with open("/dev/zero", "rb") as zero:
        piped = subprocess.run(
            [sys.executable, "-m", "brevo_schema", "check", "-"], stdin=zero, capture_output=True, timeout=30, cwd=data
        )
    assert piped.returncode == 2
    assert b"cannot read standard input: not a regular file or a pipe" in piped.stderr


def test_a_named_pipe_is_read(data: Path) -> None:
    fifo = data / "in.json"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "brevo_schema", "check", str(fifo)], stdout=subprocess.PIPE, cwd=data, text=True
    )
    fifo.write_text(VALID_ORDER)
    out, _ = proc.communicate(timeout=60)
    assert (proc.returncode, out.splitlines()[-1]) == (0, "0 errors, 0 warnings in 1 file (1 document)")


def test_a_top_level_array_is_checked_element_by_element(data: Path) -> None:
    bad = json.loads((data / "order-bad.json").read_text())
    good = json.loads(VALID_ORDER)
    (data / "orders.json").write_text("[\n" + json.dumps(good) + ",\n  " + json.dumps(bad, indent=1) + "\n]\n")
    proc = run("check", "--format", "json", "orders.json", cwd=data)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    documents = report["files"][0]["documents"]
    assert [(d["index"], d["kind"], d["ok"]) for d in documents] == [(0, "order", True), (1, "order", False)]
    findings = [(f["pointer"], f["line"], f["column"]) for f in documents[1]["findings"]]
    assert findings[0] == ("/1/amount", 8, 2)  # line 3 holds the element's "{": its 6th line, one space in
    assert findings[1][0] == "/1/products/0/quantity"
    assert report["summary"]["documents"] == 2
    text = run("check", "orders.json", cwd=data).stdout
    assert text.splitlines()[0].startswith("orders.json:8:2: error schema/minimum /1/amount: ")


def test_array_items_plain_json_would_misread(tmp_path: Path) -> None:
    """An indented array whose items are valid once a plain parser has read them: a key given
    twice (once with a blank before its colon), a metaInfo number past a float's range, NaN,
    an integer of 5000 digits. Each is reported at its member, as for the item's own text."""
    good = json.dumps(json.loads((DATA / "golden" / "order" / "valid" / "full.json").read_text()), indent=2)
    items = [
        good,
        good.replace("{\n", '{\n  "status": "nope",\n', 1),
        good.replace("{\n", '{\n  "status" : "nope",\n', 1),
        good.replace('"metaInfo": {', '"metaInfo": {\n    "big": 1e400,', 1),
        good.replace('"metaInfo": {', '"metaInfo": {\n    "n": NaN,', 1),
        good.replace('"metaInfo": {', '"metaInfo": {\n    "long": ' + "9" * 5000 + ",", 1),
        good,
    ]
    text = "[\n" + ",\n".join(items) + "\n]\n"
    (tmp_path / "orders.json").write_text(text, encoding="utf-8")
    proc = run("check", "--format", "json", "orders.json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = [
        (f["rule"], f["pointer"], f["line"], f["column"])
        for document in json.loads(proc.stdout)["files"][0]["documents"]
        for f in document["findings"]
    ]

    def at(item: int, member: str, nth: int = 0) -> tuple[int, int]:
        offset = text.index(items[item]) + [m.start() for m in re.finditer(re.escape(member), items[item])][nth]
        return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)

    assert found == [
        ("json/duplicate-key", "/1/status", *at(1, '"status"', 1)),  # where the value kept is
        ("json/duplicate-key", "/2/status", *at(2, '"status"', 1)),
        ("numbers/out-of-range", "/3/metaInfo/big", *at(3, '"big"')),
        ("json/non-finite-number", "/4/metaInfo/n", *at(4, '"n"')),
        ("numbers/out-of-range", "/5/metaInfo/long", *at(5, '"long"')),
    ]


def test_a_broken_array_is_one_document_with_the_parser_s_finding(data: Path) -> None:
    (data / "broken.json").write_text("[\n" + VALID_ORDER.strip() + ",\n  {]\n")
    proc = run("check", "broken.json", cwd=data)
    clean(proc)
    assert proc.returncode == 1
    line_count = VALID_ORDER.strip().count("\n") + 2
    assert finding_lines(proc.stdout) == [f"broken.json:{line_count + 1}:4: error json/syntax"]
    assert proc.stdout.splitlines()[-1] == "1 error, 0 warnings in 1 file (1 document)"
