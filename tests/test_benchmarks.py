"""Smoke tests of the benchmark command (``python -m benchmarks``): it runs, and says what it measured.

No timing is asserted: on a shared CI machine times mean nothing. What is checked is the shape of
the output the README and the integrator rely on (every workload, every selected contender, every
target, the machine), and that a missing peer is reported instead of crashing the run. Only the
contenders the ``test`` extra installs (brevo-schema, fastjsonschema, jsonschema) are selected, so
this passes without the ``bench`` extra.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import brevo_schema as bs
from benchmarks import contenders, data, run

ROOT = Path(__file__).resolve().parent.parent
TEST_EXTRA_GROUPS = ("brevo-schema", "fastjsonschema", "jsonschema")
#: The contender groups expected in each workload when only the test extra's are selected.
EXPECTED_GROUPS = {
    "orders": set(TEST_EXTRA_GROUPS),
    "order-batch": set(TEST_EXTRA_GROUPS),
    "orders-invalid-first": set(TEST_EXTRA_GROUPS),
    "orders-invalid-complete": {"brevo-schema", "jsonschema"},  # fastjsonschema stops at the first error
    "order-batch-bytes": set(TEST_EXTRA_GROUPS),
    "product-batch": set(TEST_EXTRA_GROUPS),
    "category-batch": set(TEST_EXTRA_GROUPS),
    "cli-start-up": {"brevo-schema"},
}


def test_quick_run_writes_the_table_json_and_markdown(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "benchmarks",
        "--quick",
        "--orders=20",
        "--catalog=5",
        "--rounds=2",
        "--startup-rounds=1",
        "--min-time=0",
        "--no-chart",
        "--contenders=" + ",".join(TEST_EXTRA_GROUPS),
        f"--output={tmp_path}",
    ]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr

    report = json.loads((tmp_path / "results.json").read_text())
    assert {"format", "command", "mode", "settings", "machine", "workloads", "catches", "skipped", "targets"} <= set(
        report
    )
    assert report["mode"] == "quick"
    assert {"cpu", "cores", "python", "packages"} <= set(report["machine"])
    assert report["machine"]["packages"]["brevo-schema"] == bs.__version__

    assert [w["id"] for w in report["workloads"]] == list(contenders.WORKLOADS)
    for workload in report["workloads"]:
        groups = {r["group"] for r in workload["results"]}
        assert groups == EXPECTED_GROUPS[workload["id"]], workload["id"]
        assert sum(r["reference"] for r in workload["results"]) == 1
        for row in workload["results"]:
            assert row["median_s"] > 0
            assert {"contender", "per_item_s", "ratio_to_reference", "spread", "rounds_s", "caught"} <= set(row)
            assert len(row["rounds_s"]) == (1 if workload["id"] == "cli-start-up" else 2)
        if workload["id"].startswith("orders-invalid"):
            brevo = next(r for r in workload["results"] if r["group"] == "brevo-schema")
            assert brevo["caught"] == workload["documents"] == 20

    assert [t["id"] for t in report["targets"]] == [t.id for t in run.TARGETS]
    measured = {t["id"]: t for t in report["targets"]}
    assert measured["validate-vs-fastjsonschema"]["ratio"] is not None
    assert measured["bytes-vs-orjson"]["met"] is None  # orjson was not selected: said, not guessed

    table = (tmp_path / "table.md").read_text()
    for workload in report["workloads"]:
        for row in workload["results"]:
            assert row["contender"] in table
            assert row["contender"] in completed.stdout
    assert "target" in completed.stdout


def test_a_missing_peer_is_reported_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = importlib.import_module

    def without_jsonschema_rs(name: str, package: str | None = None) -> Any:
        if name == "jsonschema_rs":
            raise ImportError("No module named 'jsonschema_rs'")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", without_jsonschema_rs)
    argv = ["--quick", "--orders=5", "--catalog=3", "--rounds=1", "--min-time=0", "--no-chart"]
    argv += ["--workloads=category-batch", "--contenders=brevo-schema,jsonschema-rs", f"--output={tmp_path}"]
    assert run.main(argv) == 0
    out = capsys.readouterr().out
    assert "not measured: jsonschema-rs" in out
    assert "pip install 'brevo-schema[bench]'" in out
    report = json.loads((tmp_path / "results.json").read_text())
    assert [s["group"] for s in report["skipped"]] == ["jsonschema-rs"]
    assert {r["group"] for r in report["workloads"][0]["results"]} == {"brevo-schema"}


def test_unknown_contender_group_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run.parse_args(["--contenders", "brevo-schema,ajv"])
    assert exit_info.value.code == 2
    assert "unknown contender group(s) ajv" in capsys.readouterr().err


def test_data_is_deterministic_valid_and_each_defect_is_caught() -> None:
    first, second = data.build(36, 6), data.build(36, 6)
    assert first == second
    assert all(bs.validate(order, "order").findings == () for order in first.orders)
    assert bs.validate_json(first.order_batch_bytes).findings == ()
    assert bs.validate(first.product_batch).findings == ()
    assert bs.validate(first.category_batch).findings == ()
    assert set(first.defect_names) == set(data.DEFECTS)
    assert not any(bs.is_valid(order, "order") for order in first.defective)


def test_targets_are_judged_on_ratios_and_unmeasured_sides_are_said() -> None:
    def row(label: str, median: float, reference: bool = False) -> dict[str, Any]:
        return {"contender": label, "median_s": median, "reference": reference}

    measured = [{"id": "orders", "results": [row("brevo", 1.2, True), row("fastjsonschema (raw compile)", 1.0)]}]
    judged = {t["id"]: t for t in run.evaluate(run.TARGETS, measured)}
    assert judged["validate-vs-fastjsonschema"]["met"] is True
    assert judged["validate-vs-fastjsonschema"]["ratio"] == pytest.approx(1.2)
    assert judged["validate-vs-jsonschema"]["met"] is None
    assert "jsonschema is_valid" in judged["validate-vs-jsonschema"]["note"]
    assert judged["cli-vs-check-jsonschema"]["note"] == "workload cli-start-up not run"


def test_big_exports_runs_and_says_what_it_measured(tmp_path: Path) -> None:
    """The benchmark the README's big-exports table comes from, on a few orders: every part
    prints its line (no figure is judged here: times on a shared machine mean nothing)."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_big_exports", "--orders", "300", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "(a) " in out
    assert "x the no-finding case" in out or "pip install -e '.[bench]'" in out
    assert out.count("(c) brevo-schema check on 300 orders as") == 2
    assert "(b) brevo-schema check on 300 NDJSON orders" in out
    assert "--jobs 2 / --jobs 1:" in out
    assert "(b'') skipped: " in out  # 300 orders are one range: nothing for two workers to share
