"""Cost that grows linearly: time per key and per finding at 10^3, 10^4 and 10^5, measured (not asserted).

Two hostile shapes that once cost the square of their size: one order with N unknown top-level
keys (each a finding with a suggestion), and an order batch whose orders carry five defects each
(N findings in all). A flat "per unit" column from 10^3 to 10^5 is linear cost; a square law
would multiply it by 100. Each size runs once per round, three rounds, median; the cache of key
suggestions is emptied before each round, so every round pays what a first run pays.

    python -m benchmarks.bench_scaling
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import brevo_schema as bs

ORDER: dict[str, Any] = json.loads(
    (
        Path(__file__).resolve().parent.parent / "tests" / "data" / "golden" / "order" / "valid" / "minimal.json"
    ).read_text()
)
SIZES = (1_000, 10_000, 100_000)


def wide_order(keys: int) -> dict[str, Any]:
    return {**ORDER, **{f"unknownKey{i}": i for i in range(keys)}}


def defective_batch(findings: int) -> dict[str, Any]:
    bad = {
        **ORDER,
        "amount": -1,
        "status": "",
        "createdAt": "yesterday",
        "products": [{"productId": "", "price": "1", "quantity": 1}],
    }
    per_order = len(bs.validate(bad).findings)
    orders = [{**bad, "id": f"A-{i}"} for i in range(max(1, findings // per_order))]
    return {"orders": orders, "historical": True}


def seconds(run: Callable[[], Any], rounds: int = 3) -> float:
    from brevo_schema.engine import messages

    times = []
    for _ in range(rounds):
        messages._suggest_key.cache_clear()  # every round pays for its key suggestions, as a first run does
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"{'workload':42s} {'size':>8s} {'findings':>9s} {'total s':>9s} {'per unit µs':>12s}")
    for label, build in (
        ("one order, N unknown keys: validate", wide_order),
        ("batch, N findings: validate", defective_batch),
    ):
        first = None
        for size in SIZES:
            payload = build(size)
            found = len(bs.validate(payload).findings)
            total = seconds(lambda p=payload: bs.validate(p))
            per = total / found * 1e6
            first = first or per
            print(f"{label:42s} {size:8,d} {found:9,d} {total:9.2f} {per:12.1f}  ({per / first:.2f}x the 10^3 figure)")
        text_first = None
        for size in SIZES:
            text = json.dumps(build(size))
            found = len(bs.validate_json(text).findings)
            total = seconds(lambda t=text: bs.validate_json(t))
            per = total / found * 1e6
            text_first = text_first or per
            name = label.replace("validate", "validate_json")
            print(
                f"{name:42s} {size:8,d} {found:9,d} {total:9.2f} {per:12.1f}  ({per / text_first:.2f}x the 10^3 figure)"
            )


if __name__ == "__main__":
    main()
