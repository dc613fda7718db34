"""Where the time of a maximal order batch from bytes goes, as multiples of orjson.loads.

Each step adds one stage to the one before, so the differences are the stages'
costs: the standard library's parser, our duplicate-key and NaN hooks, the
schema's predicate, then the rules and the report (``validate_json``). Steps
are interleaved round by round (``timing.interleave``) and every ratio is
taken within one round.

    pip install -e ".[bench]" && python -m benchmarks.bench_batch_parts
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from typing import Any

import orjson

import brevo_schema as bs
from benchmarks.data import build
from benchmarks.timing import interleave
from brevo_schema.engine import predicates as fast
from brevo_schema.io.jsonsource import parse


def main(rounds: int = 15) -> None:
    data = build().order_batch_bytes
    steps: dict[str, Callable[[], Any]] = {
        "orjson.loads": lambda: orjson.loads(data),
        "json.loads": lambda: json.loads(data),
        "+ duplicate-key and NaN hooks (jsonsource.parse)": lambda: parse(data),
        "+ schema predicate": lambda: fast.schema_valid(parse(data).document, "order-batch"),
        "+ rules and report (validate_json)": lambda: bs.validate_json(data, "order-batch"),
    }
    timings = interleave(list(steps.values()), rounds=rounds, min_time=0.1)
    floor = timings[0].rounds
    print(f"maximal order batch ({len(data):,} bytes), median over {rounds} rounds")
    for name, timing in zip(steps, timings, strict=True):
        ratios = [sample / base for sample, base in zip(timing.rounds, floor, strict=True)]
        print(f"{name:52s} {statistics.median(ratios):6.2f} x orjson.loads")


if __name__ == "__main__":
    main()
