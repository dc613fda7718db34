"""Where the time of a maximal order batch from bytes goes, as multiples of orjson.loads.

Each step adds one stage to the one before, so the differences are the stages'
costs: the standard library's parser, our duplicate-key and NaN hooks, the
schema's predicate, then the rules and the report (``validate_json``). Steps
are interleaved round by round and every ratio is taken within one round.

    pip install -e ".[bench]" && python -m benchmarks.bench_batch_parts
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import orjson

import brevo_schema as bs
from benchmarks.data import build
from brevo_schema import fast
from brevo_schema.jsonsource import parse


def best_ms(func: Callable[[], Any], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main(rounds: int = 15) -> None:
    data = build().order_batch_bytes
    steps: dict[str, Callable[[], Any]] = {
        "orjson.loads": lambda: orjson.loads(data),
        "json.loads": lambda: json.loads(data),
        "+ duplicate-key and NaN hooks (jsonsource.parse)": lambda: parse(data),
        "+ schema predicate": lambda: fast.schema_valid(parse(data).document, "order-batch"),
        "+ rules and report (validate_json)": lambda: bs.validate_json(data, "order-batch"),
    }
    for func in steps.values():
        func()  # warm-up: lazy imports
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(rounds):
        times = {name: best_ms(func) for name, func in steps.items()}
        for name, value in times.items():
            samples[name].append(value / times["orjson.loads"])
    print(f"maximal order batch ({len(data):,} bytes), median over {rounds} rounds")
    for name in steps:
        print(f"{name:52s} {statistics.median(samples[name]):6.2f} x orjson.loads")


if __name__ == "__main__":
    main()
