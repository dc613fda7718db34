"""Importing brevo_schema is cheap: no jsonschema, no hypothesis, no compiling."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import GOLDEN

PROBE = """
import sys, json
import brevo_schema as bs
after_import = sorted(m for m in ("jsonschema", "hypothesis", "fastjsonschema.generator") if m in sys.modules)
order = json.load(open(sys.argv[1]))
ok = bs.validate(order).ok and bs.is_valid(order, "order")
after_valid = sorted(m for m in ("jsonschema", "hypothesis") if m in sys.modules)
bad = dict(order, amount="lots")
bs.validate(bad)
after_invalid = sorted(m for m in ("jsonschema", "hypothesis") if m in sys.modules)
print(json.dumps([after_import, ok, after_valid, after_invalid]))
"""


def test_neither_jsonschema_nor_hypothesis_is_ever_imported() -> None:
    """jsonschema is the tests' reference engine; validation runs on its own code."""
    path = GOLDEN / "order" / "valid" / "full.json"
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True)
    after_import, ok, after_valid, after_invalid = json.loads(out.stdout)
    assert after_import == []
    assert ok is True
    assert after_valid == []
    assert after_invalid == []


#: What the pre-commit hook must not pay for on every commit when the files are small and
#: valid: ``dataclasses`` (it imports ``inspect``, about 7 ms), ``tempfile`` and ``shutil``
#: (only standard input and pipes need a scratch folder), the explainer and the streaming
#: readers (only failures and big files need them).
_NOT_ON_THE_HOOKS_PATH = (
    "dataclasses",
    "inspect",
    "tempfile",
    "brevo_schema.engine.explainer",
    "brevo_schema.io.streaming",
    "brevo_schema.io.batchstream",
)

HOOK_PROBE = """
import sys, json
from brevo_schema.cli import main
status = main(["check", sys.argv[1]])
print(json.dumps([status, sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)]), file=sys.stderr)
"""


def test_the_hook_on_a_valid_file_loads_only_what_it_needs() -> None:
    path = GOLDEN / "order" / "valid" / "full.json"
    out = subprocess.run(
        [sys.executable, "-c", HOOK_PROBE, str(path), json.dumps(_NOT_ON_THE_HOOKS_PATH)],
        capture_output=True,
        text=True,
        check=False,
    )
    status, loaded = json.loads(out.stderr.strip().splitlines()[-1])
    assert status == 0, out.stdout
    assert loaded == []
