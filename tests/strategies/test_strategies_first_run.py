"""The strategies as a user first runs them, and what a failing property shrinks to.

A user's first ``@given(bst.orders())`` runs on a machine with no ``.hypothesis/``
directory, with Hypothesis's default settings and every health check on (issue 13).
The suite's own profile (tests/conftest.py) turns ``too_slow`` off, so that test runs
in a separate temporary project, in a new pytest process: its own root directory (so
our conftest is not loaded), no profile, and an empty storage directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from brevo_schema import strategies as bst
from tests.helpers import ROOT

#: The test from the issue, as a user writes it, with the other two strategies it names.
USER_TEST = """\
from hypothesis import given
import brevo_schema.strategies as bst


@given(bst.orders())
def test_orders(o): ...


@given(bst.products())
def test_products(p): ...


@given(bst.order_batches())
def test_order_batches(b): ...
"""


def user_env(storage: Path) -> dict[str, str]:
    """The environment of a fresh machine: no Hypothesis profile or option of ours, an
    empty storage directory, this checkout importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HYPOTHESIS_", "PYTEST_"))}
    env["HYPOTHESIS_STORAGE_DIRECTORY"] = str(storage)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


@pytest.mark.slow
def test_first_run_in_a_fresh_project_passes_the_default_health_checks(tmp_path: Path) -> None:
    project, storage = tmp_path / "project", tmp_path / "storage"
    project.mkdir()
    storage.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # the project's root: no conftest above
    (project / "test_user.py").write_text(USER_TEST, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "test_user.py"],
        cwd=project,
        env=user_env(storage),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "3 passed" in output, output
    assert "conftest" not in output, output
    # The cause of issue 13, checked directly (a fast machine may build the table in
    # under the health check's second): the first draws built no unicode table.
    assert not (storage / "unicode_data").exists(), sorted(p.name for p in storage.iterdir())


# --------------------------------------------------------------------------
# Shrinking: a failing property ends on a small order a person can read
# --------------------------------------------------------------------------

REQUIRED = {"id", "createdAt", "updatedAt", "status", "amount", "products", "identifiers"}


def shrunk(check: Any) -> dict[str, Any]:
    """The order Hypothesis reports for ``check`` (which must fail on some orders): the
    last one it runs. Derandomized, so the same on every run."""
    seen: list[dict[str, Any]] = []

    @settings(database=None, derandomize=True, max_examples=500, print_blob=False)
    @given(bst.orders())
    def prop(order: dict[str, Any]) -> None:
        seen.append(order)
        check(order)

    with pytest.raises(AssertionError):
        prop()
    return seen[-1]


def assert_small(order: dict[str, Any], extra: set[str]) -> None:
    text = json.dumps(order)
    assert set(order) == REQUIRED | extra, text
    assert len(order["products"]) == 1, text
    assert len(order["id"]) <= 6 and len(order["products"][0]["productId"]) <= 6, text
    assert len(order["identifiers"]) == 1, text
    assert len(text) < 320, text


def test_a_failing_property_shrinks_to_a_one_line_order() -> None:
    def no_coupons(order: dict[str, Any]) -> None:
        assert not order.get("coupons")

    order = shrunk(no_coupons)
    assert_small(order, {"coupons"})
    assert order["coupons"] == ["SUMMER10"], order  # the first of the realistic codes


def test_a_failing_line_shrinks_to_that_line_alone() -> None:
    def whole_quantities(order: dict[str, Any]) -> None:
        assert all("quantity" in line for line in order["products"])

    order = shrunk(whole_quantities)
    assert_small(order, set())
    assert set(order["products"][0]) == {"productId", "quantityFloat", "price"}, order
