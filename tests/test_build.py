"""The committed generated validators match the schemas."""

from __future__ import annotations

import subprocess
import sys

from brevo_schema.compile import build


def test_generated_validators_are_up_to_date() -> None:
    assert build.stale_kinds() == [], "stale: run python -m brevo_schema.compile.build"


def test_check_command_reports_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "brevo_schema.compile.build", "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


def test_check_command_fails_on_a_stale_module(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(build, "GENERATED_DIR", tmp_path)
    build.write_all()
    (tmp_path / "order.py").write_text("# edited by hand\n", encoding="utf-8")
    assert build.stale_kinds() == ["order"]
    assert build.main(["--check"]) == 1


def test_generated_modules_import_nothing_heavy() -> None:
    text = (build.GENERATED_DIR / "order_batch.py").read_text(encoding="utf-8")
    imports = [line for line in text.splitlines() if line.startswith(("import ", "from "))]
    assert imports == [
        "import re",
        "from brevo_schema.engine._support import FORMATS, in_enum, is_integer, is_number",
        "from brevo_schema.pointer import escape",
    ]
