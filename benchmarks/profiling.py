"""Where brevo-schema's own time goes, on the benchmark's data: ``python -m benchmarks.profiling``.

The table says how fast; this says why, so that optimisation work starts from measurements. It runs
cProfile (deterministic, in the standard library, so the figures are reproducible anywhere) on:

(a) ``validate`` on valid orders, one at a time;
(b) ``validate_json`` on the maximal order batch, from bytes;
(c) ``validate`` on orders with one defect each (the complete-findings path);

and prints the top functions by own time and by cumulative time. cProfile's per-call overhead
inflates small, hot functions, so read it for the shares, and the benchmark table for the times.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
from collections.abc import Callable, Sequence
from typing import Any

import brevo_schema as bs

from . import data as datagen


def profile(work: Callable[[], Any], top: int) -> str:
    """The top ``top`` functions of ``work`` by own time, then by cumulative time."""
    work()  # warm-up: lazy imports and compiled checkers are not what is being asked about
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profiling", description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000, help="orders per case (1000)")
    parser.add_argument("--top", type=int, default=15, help="functions shown per listing (15)")
    parser.add_argument("--case", choices=("a", "b", "c"), action="append", help="only these cases (all)")
    args = parser.parse_args(argv)
    dataset = datagen.build(args.orders, 10)

    def valid() -> None:
        for order in dataset.orders:
            bs.validate(order, "order")

    def batch_bytes() -> None:
        bs.validate_json(dataset.order_batch_bytes)

    def invalid() -> None:
        for order in dataset.defective:
            bs.validate(order, "order")

    cases = {
        "a": (f"(a) validate on {args.orders} valid orders, one at a time", valid),
        "b": (f"(b) validate_json on a {args.orders}-order batch from bytes", batch_bytes),
        "c": (f"(c) validate on {args.orders} orders with one defect each", invalid),
    }
    for key in args.case or list(cases):
        title, work = cases[key]
        print(f"==== {title}")
        print(profile(work, args.top))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
