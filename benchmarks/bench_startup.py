"""Start-up: ``import brevo_schema`` and the CLI's cold start, this checkout against another commit.

The pre-commit hook pays the CLI's start-up on every commit, so a reorganisation must not
make it slower. Both trees are run as whole processes, in turn, round after round (the
machine's noise falls on both alike), and the medians and their ratio are printed:

    python -m benchmarks.bench_startup --against e8790f6 [--rounds 40]

``--against`` checks the commit out in a temporary git worktree (removed afterwards); each
process gets ``PYTHONPATH`` set to its tree, so both use this interpreter and its packages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What each process runs: the import alone, and ``brevo-schema check`` on the bundled example.
CASES = {
    "import brevo_schema": "import brevo_schema",
    "brevo-schema check examples/order.json": (
        "import sys; from brevo_schema.cli import main; sys.exit(main(['check', 'examples/order.json']))"
    ),
}


def _run_once(tree: Path, code: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=tree, env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {code!r} failed:\n{done.stderr.decode(errors='replace')}")
    return elapsed


def compare(trees: dict[str, Path], rounds: int) -> None:
    for name, code in CASES.items():
        for tree in trees.values():  # warm the page cache and write the .pyc files first
            _run_once(tree, code)
        times: dict[str, list[float]] = {label: [] for label in trees}
        for _ in range(rounds):
            for label, tree in trees.items():
                times[label].append(_run_once(tree, code))
        medians = {label: statistics.median(values) for label, values in times.items()}
        labels = list(trees)
        ratio = medians[labels[0]] / medians[labels[1]]
        cells = "  ".join(f"{label} {medians[label] * 1e3:6.1f} ms" for label in labels)
        print(f"{name:42s} {cells}  ratio {ratio:4.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="the commit to compare with (e.g. main~5)")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        other = Path(scratch) / "other"
        subprocess.run(["git", "worktree", "add", "--detach", str(other), args.against], cwd=ROOT, check=True)
        try:
            print(f"{os.getloadavg()[0]:.2f} load average at the start; {args.rounds} rounds, medians")
            compare({"this checkout": ROOT, args.against: other}, args.rounds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
