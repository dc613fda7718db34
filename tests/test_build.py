"""The committed generated validators match the schemas."""

from __future__ import annotations

import subprocess
import sys

import fastjsonschema

from brevo_schema import build


def test_generated_validators_are_up_to_date() -> None:
    committed = (build.GENERATED_DIR / "order.py").read_text(encoding="utf-8")
    assert f"fastjsonschema {fastjsonschema.VERSION}," in committed, (
        "the validators were generated with another fastjsonschema; install the test extra's pin"
    )
    assert build.stale_kinds() == [], "stale: run python -m brevo_schema.build"


def test_check_command_reports_up_to_date() -> None:
    done = subprocess.run([sys.executable, "-m", "brevo_schema.build", "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


def test_generation_refuses_remote_refs() -> None:
    import pytest

    with pytest.raises(ValueError, match="remote"):
        build._refuse_remote("https://example.com/x.json")


def test_generated_code_is_compiled_without_defaults() -> None:
    text = (build.GENERATED_DIR / "order_batch.py").read_text(encoding="utf-8")
    assert "use_default=False" in text
    assert "setdefault" not in text and 'data["historical"] = ' not in text
