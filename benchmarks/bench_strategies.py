"""Drawing orders: ``brevo_schema.strategies.orders()`` against hypothesis-jsonschema's
``from_schema`` over the bundled order schema, in one process, side by side.

    python benchmarks/bench_strategies.py [--count 1000] [--rounds 1]

Each contender draws ``count`` orders through the same Hypothesis engine (a
``@given`` test with only the generate phase, derandomized, no database, no
health checks), in round-robin over ``rounds`` rounds; the figure is the
median time per round, and the ratio compares the two from the same run.
Afterwards (untimed) every draw is validated, to show what each generator's
orders are worth to Brevo: ours all pass with no finding.

hypothesis-jsonschema 0.23.1 needs Hypothesis < 6.170.10; with a newer one (or
without it) it is reported as not measured, and only our figure is printed:

    python -m venv /tmp/bench && /tmp/bench/bin/pip install -e . 'hypothesis<6.170.10' \\
        'hypothesis-jsonschema==0.23.1' && /tmp/bench/bin/python benchmarks/bench_strategies.py
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema import strategies as bst

Contender = tuple[str, Callable[[], st.SearchStrategy[Any]]]


def _from_schema() -> st.SearchStrategy[Any]:
    from hypothesis_jsonschema import from_schema

    return from_schema(bs.schema("order"))


CONTENDERS: list[Contender] = [
    ("brevo_schema.strategies.orders()", bst.orders),
    ("hypothesis_jsonschema.from_schema(order)", _from_schema),
]


def draw(strategy: st.SearchStrategy[Any], count: int) -> tuple[float, list[Any]]:
    """Seconds to draw ``count`` examples of ``strategy``, and the examples."""
    found: list[Any] = []

    @settings(
        max_examples=count,
        phases=[Phase.generate],
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    start = time.perf_counter()
    collect()
    return time.perf_counter() - start, found


def usable(name: str, make: Callable[[], st.SearchStrategy[Any]]) -> str | None:
    """None when ``make()`` can draw here, else why not."""
    try:
        draw(make(), 3)
    except Exception as error:  # an import error or the broken-pair AttributeError
        return f"{type(error).__name__}: {error}"
    return None


def share_valid(orders: list[Any]) -> tuple[float, float]:
    """The share of ``orders`` Brevo accepts (no error), and with no finding at all."""
    reports = [bs.validate(order, "order") for order in orders]
    return (
        sum(r.ok for r in reports) / len(reports),
        sum(not r.findings for r in reports) / len(reports),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="orders per draw (default 1000)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds, round-robin (default 1)")
    args = parser.parse_args()
    import importlib.metadata as metadata

    try:
        hjs = metadata.version("hypothesis-jsonschema")
    except metadata.PackageNotFoundError:
        hjs = "not installed"
    print(f"Hypothesis {hypothesis.__version__}, hypothesis-jsonschema {hjs}; {args.count} orders a round")
    active = []
    for name, make in CONTENDERS:
        problem = usable(name, make)
        if problem is None:
            active.append((name, make))
        else:
            print(f"  {name}: not measured ({problem})")
    times: dict[str, list[float]] = {name: [] for name, _ in active}
    drawn: dict[str, list[Any]] = {}
    for round_ in range(args.rounds):
        for name, make in active[round_ % len(active) :] + active[: round_ % len(active)]:
            seconds, drawn[name] = draw(make(), args.count)
            times[name].append(seconds)
    for name, samples in times.items():
        median = statistics.median(samples)
        ok, clean = share_valid(drawn[name])
        print(
            f"  {name:<42} {median:8.2f} s  {median / args.count * 1e3:7.2f} ms/order"
            f"  accepted {ok:6.1%}, no finding {clean:6.1%}"
        )
    if len(times) == 2:
        ours, theirs = (statistics.median(times[name]) for name, _ in CONTENDERS)
        print(f"  orders() is {theirs / ours:.1f}x faster")


if __name__ == "__main__":
    main()
