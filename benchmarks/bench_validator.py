"""What building a ``Validator`` once saves, measured (not asserted).

Custom options (two rules ignored, one area made an error) on the example order
and on a 1000-order batch: a ``Validator`` built for every call (what resolving
the options per call costs), the module function with ``options=`` (which keeps
one Validator per distinct options), and one Validator built once and reused;
the default ``bs.validate`` beside them. Interleaved rounds (``timing.interleave``),
medians, in microseconds per call.

    python -m benchmarks.bench_validator
"""

from __future__ import annotations

import json
from pathlib import Path

import brevo_schema as bs

from .timing import interleave

ORDER = json.loads((Path(__file__).resolve().parent.parent / "examples" / "order.json").read_text())
BATCH = {"orders": [dict(ORDER, id=f"A-{i}") for i in range(1000)], "historical": True}
OPTIONS = bs.Options.build(ignore=["order/status-unknown", "money/precision"], severities={"dates": "error"})


def main(rounds: int = 15, min_time: float = 0.05) -> None:
    validator = bs.Validator(OPTIONS)
    for label, payload in (("one order", ORDER), ("1000-order batch", BATCH)):
        contenders = {
            "Validator(options) per call": lambda p=payload: bs.Validator(OPTIONS).validate(p),
            "bs.validate(options=...)": lambda p=payload: bs.validate(p, options=OPTIONS),
            "one Validator, reused": lambda p=payload: validator.validate(p),
            "bs.validate (defaults)": lambda p=payload: bs.validate(p),
            "one Validator, is_valid": lambda p=payload: validator.is_valid(p),
        }
        timings = interleave(list(contenders.values()), rounds=rounds, min_time=min_time)
        reused = timings[2].median
        print(f"{label}:")
        for name, timing in zip(contenders, timings, strict=True):
            print(f"  {name:30s} {timing.median * 1e6:10.1f} µs  ({timing.median / reused:5.2f}x reused)")


if __name__ == "__main__":
    main()
