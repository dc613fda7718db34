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
