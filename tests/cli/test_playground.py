"""The playground without a browser: the module the page runs in Pyodide (playground/page.py),
run here under CPython, and ``brevo-schema playground`` (its message where nothing is built, and
the server where something is). The page itself, built and in Chromium: test_playground_browser.py."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType

import pytest

import brevo_schema as bs
from brevo_schema.cli import rule_docs
from brevo_schema.cli.playground import BUILD_COMMAND, find_dist
from brevo_schema.cli.rule_docs import ordered_rules
from brevo_schema.io.textfix import fix_text
from tests.helpers import ROOT

BAD_BATCH = """{
  "historical": false,
  "orders": [
    {
      "id": "A-1",
      "createdAt": "2024-03-01T09:15:00Z",
      "updatedAt": "2024-03-01T09:15:00Z",
      "status": "completed",
      "amount": 19.9,
      "Products": [{"productId": "P-1", "price": 19.9, "quantity": 1}],
      "identifiers": {"email_id": "ana@example.com"}
    },
    {
      "id": "A-2",
      "createdAt": "2024-03-01T10:30:00Z",
      "updatedAt": "2024-03-01T10:30:00Z",
      "status": "completed",
      "amount": 39.8,
      "products": [{"productId": "P-1", "price": 19.9, "quantity": 2.0}],
      "identifiers": {"email_id": "bo@example.com"}
    }
  ]
}
"""


def _page() -> ModuleType:
    spec = importlib.util.spec_from_file_location("playground_page", ROOT / "playground" / "page.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


page = _page()


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_analyse_gives_the_library_findings_with_their_places() -> None:
    result = json.loads(page.analyse(BAD_BATCH))
    assert result["ok"] is False and result["kind"] == "order-batch"
    found = [(f["rule"], f["line"], f["column"], f["fixable"]) for f in result["findings"]]
    assert found == [("keys/case", 10, 7, True), ("products/quantity-not-integer", 19, 56, True)]
    expected = [(f.rule, f.line, f.column) for f in bs.validate_json(BAD_BATCH).findings]
    assert [f[:3] for f in found] == expected
    marked = [BAD_BATCH[f["start"] : f["end"]] for f in result["findings"]]
    assert marked[0].startswith('"Products": [{') and marked[0].endswith("}]")
    assert marked[1] == '"quantity": 2.0'


def test_a_chosen_kind_is_the_kind_judged() -> None:
    result = json.loads(page.analyse(BAD_BATCH, "order"))
    assert result["kind"] == "order" and not result["ok"]
    assert json.loads(page.analyse(BAD_BATCH, ""))["kind"] == "order-batch"  # "": detect


def test_places_are_counted_as_a_browser_counts_them() -> None:
    text = '{"name": "\U0001f600", "Id": "P-1", "price": 2}'
    result = json.loads(page.analyse(text, "product"))
    (case,) = [f for f in result["findings"] if f["rule"] == "keys/case"]
    assert _utf16_slice(text, case["start"], case["end"]) == '"Id": "P-1"'
    assert case["start"] == text.index('"Id"') + 1  # the emoji is two UTF-16 code units


def test_a_nested_object_is_marked_by_its_key_and_syntax_errors_at_their_place() -> None:
    text = '{\n  "id": "C-1",\n  "Name": {\n    "x": 1\n  }\n}\n'
    (f,) = [f for f in json.loads(page.analyse(text, "category"))["findings"] if f["rule"] == "keys/case"]
    assert text[f["start"] : f["end"]] == '"Name"'
    (syntax,) = json.loads(page.analyse('{"id": "C-1",\n  "name": }'))["findings"]
    assert syntax["rule"] == "json/syntax" and syntax["line"] == 2
    assert syntax["start"] == len('{"id": "C-1",\n') + syntax["column"] - 1


def test_propose_fix_is_fix_text_with_its_diff() -> None:
    proposal = json.loads(page.propose_fix(BAD_BATCH))
    assert proposal["text"] == fix_text(BAD_BATCH)[0]
    assert sorted(f["rule"] for f in proposal["applied"]) == ["keys/case", "products/quantity-not-integer"]
    assert '-      "Products": [' in proposal["diff"] and '+      "products": [' in proposal["diff"]
    assert json.loads(page.analyse(proposal["text"]))["findings"] == []
    nothing = json.loads(page.propose_fix('{"id": "C-1", "name": "Kitchen"}'))
    assert nothing["applied"] == [] and nothing["diff"] == ""


def test_rule_doc_is_what_brevo_schema_rule_prints() -> None:
    (rule,) = [r for r in ordered_rules() if r.id == "keys/case"]
    assert page.rule_doc("keys/case") == rule_docs.explain_rule(rule)
    assert page.rule_doc("no/such-rule") == ""
    assert json.loads(page.kinds()) == list(bs.KINDS)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brevo_schema", "playground", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_playground_command_says_how_to_build_when_nothing_is_built(tmp_path: Path) -> None:
    proc = _cli("--dir", str(tmp_path / "nothing"), cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"no built playground at {tmp_path / 'nothing'}" in proc.stderr
    assert BUILD_COMMAND in proc.stderr and BUILD_COMMAND == "python playground/build.py"
    assert (ROOT / "playground" / "build.py").is_file()


def _fake_dist(path: Path) -> Path:
    (path / "pyodide").mkdir(parents=True)
    (path / "index.html").write_text("<!doctype html><title>playground</title>")
    (path / "build.json").write_text("{}")
    (path / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0")
    return path


def test_find_dist_wants_a_built_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_dist(str(tmp_path)) is None
    dist = _fake_dist(tmp_path / "playground" / "dist")
    assert find_dist(str(dist)) == dist
    assert find_dist() == tmp_path / "playground" / "dist"  # playground/dist under the current directory


def test_playground_command_serves_the_built_page_on_127_0_0_1(tmp_path: Path) -> None:
    dist = _fake_dist(tmp_path / "dist")
    proc = subprocess.Popen(
        [sys.executable, "-m", "brevo_schema", "playground", "--dir", str(dist)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith(f"brevo-schema playground: serving {dist} at http://127.0.0.1:"), line
        url = line.split(" at ")[1].split()[0]
        with urllib.request.urlopen(url, timeout=10) as response:
            assert b"<title>playground</title>" in response.read()
        with urllib.request.urlopen(url + "pyodide/pyodide.asm.wasm", timeout=10) as response:
            assert response.headers["Content-Type"] == "application/wasm"
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "missing.js", timeout=10)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
