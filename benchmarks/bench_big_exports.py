"""Big exports (issue 15): positions, the CLI on 10^5 NDJSON orders, and memory on an array file.

(a) A maximal order batch (1000 orders, compact bytes) through ``validate_json`` with no
    finding, with one root finding (``batch/historical-implicit``) and with one finding on
    its last order (``order/status-unknown``), each as a multiple of ``orjson.loads``;
    interleaved round by round (``timing.interleave``), ratios taken within a round.
(b) ``brevo-schema check`` on 10^5 NDJSON orders with ``--jobs 1`` and ``--jobs 2``,
    against the floor ``for line in f: json.loads(line)`` in one process; the three are
    run in turn, ``rounds`` times, each ratio taken within its round, then the median.
    Every order is drawn afresh (seeded): no value repeats the way a real export's do not.
(c) Peak memory (maximum resident set size) of ``brevo-schema check`` on the same
    10^5 orders written as one top-level JSON array, and as one batch object
    (``{"historical": false, "orders": [...]}``), each checked in a process of its own.
(b'') How far apart the two workers of ``--jobs 2`` finish (the ranges shrink toward the
    file's end so that neither waits long for the other).
(b') With ``--instructions``: (b)'s ratio counted in instructions (valgrind's callgrind) on
    the first 20,000 orders, less what one order costs (the start-up), per order. Wall
    time on a shared machine moves by a third from run to run; instruction counts do not.

    pip install -e ".[bench]" && python -m benchmarks.bench_big_exports [--orders N] [--rounds N] [--instructions]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import brevo_schema as bs
from benchmarks.data import SEED, build, make_order
from benchmarks.timing import interleave


def _compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def positions(rounds: int) -> None:
    try:
        import orjson
    except ImportError:
        print("(a) skipped: it is measured against orjson.loads: pip install -e '.[bench]'")
        return
    batch = build().order_batch
    root = copy.deepcopy(batch)
    del root["historical"]
    last = copy.deepcopy(batch)
    last["orders"][-1]["status"] = "canceled"
    cases = {
        "no finding": _compact(batch),
        "one root finding": _compact(root),
        "finding on the last item": _compact(last),
    }
    for name, data in cases.items():
        rules = [f.rule for f in bs.validate_json(data, "order-batch").findings]
        assert len(rules) == (0 if name == "no finding" else 1), (name, rules)
    floor = cases["no finding"]
    runs: list[Callable[[], Any]] = [lambda: orjson.loads(floor)]
    runs += [lambda data=data: bs.validate_json(data, "order-batch") for data in cases.values()]
    timings = interleave(runs, rounds=rounds, min_time=0.2)
    base = timings[0].rounds
    print(f"(a) maximal order batch ({len(floor):,} bytes), validate_json, median over {rounds} rounds")
    ratios = {}
    for name, timing in zip(cases, timings[1:], strict=True):
        ratios[name] = [s / b for s, b in zip(timing.rounds, base, strict=True)]
        print(f"    {name:28s} {timing.median * 1e3:7.1f} ms  {statistics.median(ratios[name]):5.2f} x orjson.loads")
    for name in ("one root finding", "finding on the last item"):
        within = [s / n for s, n in zip(ratios[name], ratios["no finding"], strict=True)]
        print(f"    {name:28s} {statistics.median(within):5.2f} x the no-finding case (target: at most 1.2)")


def _write_orders(directory: str, count: int) -> tuple[str, str, str]:
    """The orders as NDJSON, as a top-level array and as one batch object (both indented)."""
    rng = random.Random(SEED)
    ndjson, array = os.path.join(directory, "orders.ndjson"), os.path.join(directory, "orders.json")
    batch = os.path.join(directory, "batch.json")
    with open(ndjson, "wb") as lines, open(array, "wb") as whole, open(batch, "wb") as body:
        whole.write(b"[\n")
        body.write(b'{"historical": false, "orders": [\n')
        for i in range(count):
            # Every order drawn afresh, as in a real export: a pool repeated over and over let the
            # caches of date-times and e-mail checks answer from memory every time after the first.
            order = make_order(rng, i)
            lines.write(_compact(order) + b"\n")
            item = (b",\n" if i else b"") + json.dumps(order, ensure_ascii=False, indent=1).encode()
            whole.write(item)
            body.write(item)
        whole.write(b"\n]\n")
        body.write(b"\n]}\n")
    return ndjson, array, batch


def _floor(path: str) -> None:
    with open(path, "rb") as f:
        for line in f:
            json.loads(line)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "brevo_schema", "check", *args]


#: The CLI as installed without the ``fast`` extra: ``import orjson`` fails in it (and in the
#: workers it forks), so NDJSON lines are read by ``json``.
_WITHOUT_ORJSON = (
    "import sys; sys.modules['orjson'] = None; from brevo_schema.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _cli_without_orjson(*args: str) -> list[str]:
    return [sys.executable, "-c", _WITHOUT_ORJSON, "check", *args]


def _has_orjson() -> bool:
    try:
        import orjson  # noqa: F401
    except ImportError:
        return False
    return True


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cli(ndjson: str, count: int, rounds: int) -> None:
    runs: dict[str, list[str]] = {"--jobs 1": _cli("--jobs", "1", ndjson), "--jobs 2": _cli("--jobs", "2", ndjson)}
    if _has_orjson():  # the default install too, beside the fast extra's
        runs["--jobs 1, without orjson"] = _cli_without_orjson("--jobs", "1", ndjson)
    floors: list[float] = []
    walls: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        start = time.perf_counter()
        _floor(ndjson)
        floors.append(time.perf_counter() - start)
        for name, command in runs.items():
            walls[name].append(_wall(command))
    floor = statistics.median(floors)
    size = os.path.getsize(ndjson)
    reader = "orjson (the fast extra)" if _has_orjson() else "json (no fast extra)"
    print(f"(b) brevo-schema check on {count:,} NDJSON orders ({size / 1e6:.1f} MB), median wall time of {rounds} runs")
    print(f"    lines read by {reader}")
    print(f"    floor (for line in f: json.loads(line)) {floor:6.2f} s")
    # Each ratio within its round (the runs were back to back), then the median: the machine's
    # speed drifts between rounds more than it does within one.
    for name, samples in walls.items():
        within = statistics.median(s / f for s, f in zip(samples, floors, strict=True))
        print(f"    {name:38s} {statistics.median(samples):6.2f} s  {within:5.2f} x floor")
    ratio = statistics.median(t / o for t, o in zip(walls["--jobs 2"], walls["--jobs 1"], strict=True))
    print(f"    --jobs 2 / --jobs 1: {ratio:.2f} (CPUs here: {os.cpu_count()})")


#: Where ``_noted_check`` notes when each worker's tasks end, and the check it wraps.
_GAP_LOG: list[str] = []
_CHECK: list[Callable[[list[Any]], list[Any]]] = []


def _noted_check(batch: list[Any]) -> list[Any]:
    """The worker's task (``runner._worker_check``), noting when it ends (module level: the
    pool sends it to the workers by name; they are forked, so they share one clock)."""
    done = _CHECK[0](batch)
    with open(os.path.join(_GAP_LOG[0], str(os.getpid())), "a") as note:
        note.write(f"{time.perf_counter()}\n")
    return done


def finish_gap(ndjson: str, rounds: int) -> None:
    """(b'') How far apart the two workers of ``--jobs 2`` finish: the time one waits for the
    other at the end, which the wall-time ratio hides in a machine's noise. Measured in this
    process, on the runner ``check`` uses, each worker noting when each of its tasks ends."""
    from brevo_schema.cli import runner
    from brevo_schema.config import Settings
    from brevo_schema.io.inputs import Source

    source = Source(ndjson, True, os.path.getsize(ndjson), path=ndjson)
    units = runner.plan([source], Settings(), None, workers=2)
    if len(units) < 2:
        print(f"(b'') skipped: {source.size:,} bytes are one range, checked by one process")
        return
    gaps, walls = [], []
    with tempfile.TemporaryDirectory() as log:
        _GAP_LOG[:], _CHECK[:] = [log], [runner._worker_check]
        runner._worker_check = _noted_check  # type: ignore[assignment]
        try:
            for _ in range(rounds):
                for name in os.listdir(log):
                    os.remove(os.path.join(log, name))
                start = time.perf_counter()
                for _ in runner.results(units, Settings(), 2, False):
                    pass
                walls.append(time.perf_counter() - start)
                ends = []
                for name in os.listdir(log):
                    with open(os.path.join(log, name)) as note:
                        ends.append(float(note.read().split()[-1]))
                gaps.append(max(ends) - min(ends))
        finally:
            runner._worker_check = _CHECK[0]  # type: ignore[assignment]
    print(
        f"(b'') --jobs 2 in {len(units)} ranges: the workers finish {statistics.median(gaps):.3f} s apart "
        f"(median of {rounds}), of {statistics.median(walls):.2f} s"
    )


_PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _peak(command: list[str]) -> tuple[float, int]:
    """Wall time and peak resident set size (KiB) of ``command``, run from a fresh process
    (the children's peak is per process: an earlier, bigger child would hide this one's)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PEAK, *command], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, int(out.stdout.split()[-1])


def memory(array: str, batch: str, count: int) -> None:
    for what, path in (("one JSON array", array), ("one batch object", batch)):
        wall, peak = _peak(_cli("--jobs", "1", path))
        size = os.path.getsize(path) / 1e6
        print(f"(c) brevo-schema check on {count:,} orders as {what} ({size:.1f} MB): ", end="")
        print(f"peak RSS {peak / 1024:.0f} MB, {wall:.1f} s")


#: The floor as a program of its own: ``_floor`` itself, for callgrind to count.
_FLOOR = "import sys; from benchmarks.bench_big_exports import _floor; _floor(sys.argv[1])"


def _instructions(command: list[str]) -> int:
    """Instructions ``command`` executes, counted by callgrind (deterministic, unlike time)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            capture_output=True,
            text=True,
            check=True,
        )
    return int(done.stderr.rsplit("Collected :", 1)[1].split()[0])


def instructions(ndjson: str, directory: str, count: int = 20_000) -> None:
    one, many = os.path.join(directory, "one.ndjson"), os.path.join(directory, "many.ndjson")
    with open(ndjson, "rb") as source, open(one, "wb") as first, open(many, "wb") as lines:
        for i, line in enumerate(source):
            if i == count:
                break
            if i == 0:
                first.write(line)
            lines.write(line)
    commands = {"floor": [sys.executable, "-c", _FLOOR], "--jobs 1": _cli("--jobs", "1")}
    if _has_orjson():
        commands["--jobs 1, without orjson"] = _cli_without_orjson("--jobs", "1")
    per_order = {}
    for name, command in commands.items():
        start, total = _instructions([*command, one]), _instructions([*command, many])
        per_order[name] = (total - start) / (count - 1)
        thousands, millions = per_order[name] / 1e3, start / 1e6
        print(f"    {name:24s} {thousands:7.1f} thousand instructions an order (start-up: {millions:.0f} M)")
    for name in commands:
        if name != "floor":
            print(f"(b') {name} / floor in instructions, per order: {per_order[name] / per_order['floor']:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--instructions", action="store_true", help="also count instructions with valgrind")
    args = parser.parse_args(argv)
    # The package's bytecode compiled, as pip compiles it when it installs one: a checkout run with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile every changed module in every process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(bs.__file__)], check=False)
    positions(max(args.rounds, 7))
    with tempfile.TemporaryDirectory() as directory:
        ndjson, array, batch = _write_orders(directory, args.orders)
        memory(array, batch, args.orders)
        cli(ndjson, args.orders, args.rounds)
        finish_gap(ndjson, args.rounds)
        if args.instructions:
            instructions(ndjson, directory)


if __name__ == "__main__":
    main()
