"""Core figures: microseconds per order for is_valid, validate and a complete
report of an invalid order, plus raw fastjsonschema and jsonschema on the same
order, all in one process, interleaved; and the import time of brevo_schema.

    python -m benchmarks.bench_core
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import brevo_schema as bs
from benchmarks.timing import interleave
from brevo_schema.engine import predicates as fast
from brevo_schema.formats import FORMATS

ROOT = Path(__file__).resolve().parent.parent
ORDER = json.loads((ROOT / "examples" / "order.json").read_text())
INVALID = dict(ORDER, amount="308.42", CreatedAt=ORDER["createdAt"], coupons=["A", "a"])
del INVALID["createdAt"]


def import_ms(runs: int = 15) -> float:
    code = "import time; t = time.perf_counter(); import brevo_schema; print(time.perf_counter() - t)"
    samples = [float(subprocess.check_output([sys.executable, "-c", code])) * 1e3 for _ in range(runs)]
    return statistics.median(samples)


def main() -> None:
    import fastjsonschema
    import jsonschema

    raw_fast = fastjsonschema.compile(bs.schema("order"), formats=dict(FORMATS), use_default=False)
    js = jsonschema.Draft7Validator(bs.schema("order"), format_checker=jsonschema.FormatChecker())
    assert bs.is_valid(ORDER, "order") and not bs.validate(INVALID, "order").ok
    rows = {
        "is_valid (valid order)": lambda: bs.is_valid(ORDER, "order"),
        "validate (valid order)": lambda: bs.validate(ORDER, "order"),
        "fast path only (schema_valid)": lambda: fast.schema_valid(ORDER, "order"),
        "raw fastjsonschema.compile (valid order)": lambda: raw_fast(ORDER),
        "jsonschema is_valid (valid order)": lambda: js.is_valid(ORDER),
        "validate (invalid order, complete report)": lambda: bs.validate(INVALID, "order"),
        "jsonschema iter_errors (invalid order)": lambda: list(js.iter_errors(INVALID)),
    }
    timings = interleave(list(rows.values()), rounds=9, min_time=0.05)
    for name, timing in zip(rows, timings, strict=True):
        print(f"{name:45s} {timing.median * 1e6:9.2f} µs")
    print(f"{'import brevo_schema':45s} {import_ms():9.2f} ms")


if __name__ == "__main__":
    main()
