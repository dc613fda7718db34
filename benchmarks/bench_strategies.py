"""Drawing orders: ``brevo_schema.strategies.orders()`` against hypothesis-jsonschema's
``from_schema`` over the bundled order schema, in one process, side by side.

    python benchmarks/bench_strategies.py [--count 1000] [--rounds 1]

Each contender draws ``count`` orders through the same Hypothesis engine (a
``@given`` test with only the generate phase, derandomized, no database, no
health checks), in round-robin over ``rounds`` rounds; the figure is the
median time per round, and the ratio compares the two from the same run.
Afterwards (untimed) every draw is validated, to show what each generator's
orders are worth to Brevo: ours all pass with no finding.

With ``--first-run``, the time to the first 100 examples as a user's test sees it
(a plain ``@given``, Hypothesis's default settings and health checks) of ``orders()``,
``order_batches()`` and ``products()`` beside ``from_schema`` on the same schemas:
cold (a new process and an empty ``HYPOTHESIS_STORAGE_DIRECTORY``, as on a fresh CI
runner) and warm (a new process reusing that directory, as on the second run). Each
figure is the test call alone (imports excluded), median over ``--rounds`` rounds
(round-robin, starting contender rotated); a run that fails a health check says so.

    python benchmarks/bench_strategies.py --first-run [--rounds 3]

hypothesis-jsonschema 0.23.1 needs Hypothesis < 6.170.10; with a newer one (or
without it) it is reported as not measured, and only our figure is printed:

    python -m venv /tmp/bench && /tmp/bench/bin/pip install -e . 'hypothesis<6.170.10' \\
        'hypothesis-jsonschema==0.23.1' && /tmp/bench/bin/python benchmarks/bench_strategies.py
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema import strategies as bst

try:  # run as a script (python benchmarks/bench_strategies.py) or as a module
    from benchmarks.timing import Timing
except ImportError:  # pragma: no cover
    from timing import Timing  # type: ignore[no-redef]

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


#: --first-run: what each child process draws, by name.
FIRST_RUN: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "orders()": bst.orders,
    "order_batches()": bst.order_batches,
    "products()": bst.products,
    "from_schema(order)": lambda: _schema_strategy("order"),
    "from_schema(order-batch)": lambda: _schema_strategy("order-batch"),
    "from_schema(product)": lambda: _schema_strategy("product"),
}


def _schema_strategy(kind: str) -> st.SearchStrategy[Any]:
    from hypothesis_jsonschema import from_schema

    return from_schema(bs.schema(kind))


def child(name: str) -> None:
    """In a new process: run a user's plain @given test of ``name`` once; print seconds and outcome."""
    try:
        strategy = FIRST_RUN[name]()
    except ImportError as error:
        print(json.dumps({"seconds": math.nan, "outcome": f"not measured ({type(error).__name__})"}))
        return

    @given(strategy)
    def test(value: Any) -> None:
        pass

    start = time.perf_counter()
    try:
        test()
        outcome = "passed"
    except hypothesis.errors.FailedHealthCheck as error:
        outcome = "too_slow" if "slow" in str(error) else "failed a health check"
    except Exception as error:  # hypothesis-jsonschema missing, or on a Hypothesis it does not support
        outcome = f"not measured ({type(error).__name__})"
    print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome}))


def _spawn(name: str, storage: str) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS_")}
    env["HYPOTHESIS_STORAGE_DIRECTORY"] = storage
    done = subprocess.run(
        [sys.executable, __file__, "--child", name], env=env, capture_output=True, text=True, check=False
    )
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return math.nan, f"crashed: {done.stderr.strip().splitlines()[-1:]}"
    return float(result["seconds"]), str(result["outcome"])


def first_run(rounds: int) -> None:
    """Cold and warm time to the first 100 examples, each contender in its own processes."""
    print(f"Hypothesis {hypothesis.__version__}: first 100 examples of a plain @given test, {rounds} round(s)")
    names = list(FIRST_RUN)
    samples: dict[tuple[str, str], list[float]] = {(n, m): [] for n in names for m in ("cold", "warm")}
    outcomes: dict[tuple[str, str], list[str]] = {key: [] for key in samples}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            with tempfile.TemporaryDirectory() as storage:
                for mode in ("cold", "warm"):  # warm: the same storage directory, now filled
                    seconds, outcome = _spawn(name, storage)
                    samples[name, mode].append(seconds)
                    outcomes[name, mode].append(outcome)
    print(f"  {'strategy':<26} {'cold':>8} {'warm':>8}  outcomes over the rounds: cold / warm")
    for name in names:
        cold, warm = (Timing(statistics.median(samples[name, m]), tuple(samples[name, m]), 1) for m in ("cold", "warm"))
        said = " / ".join(_tally(outcomes[name, m]) for m in ("cold", "warm"))
        print(f"  {name:<26} {cold.median:7.2f}s {warm.median:7.2f}s  {said}")
    print("  (a time that ends in a failed health check is the time to the failure)")


def _tally(outcomes: list[str]) -> str:
    return ", ".join(f"{outcomes.count(o)}/{len(outcomes)} {o}" for o in sorted(set(outcomes)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="orders per draw (default 1000)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds, round-robin (default 1)")
    parser.add_argument("--first-run", action="store_true", help="cold and warm time to a plain test's 100 examples")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.first_run:
        first_run(args.rounds if args.rounds > 1 else 3)
        return
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
