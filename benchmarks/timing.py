"""Interleaved timing: round-robin over the contenders, several rounds, median of per-round means.

On a busy two-core machine the load changes over seconds. Timing contender A for ten seconds and
then B would compare A under one load with B under another; a round-robin gives each round of
every contender the same conditions, so the ratios (what the table and the targets are about) stay
stable even when the absolute times drift. Each round's sample is the mean over enough calls to
last ``min_time`` (so timer resolution and one-off hiccups wash out), and the figure reported is
the median over the rounds, which one disturbed round cannot move. The rotation of the starting
contender each round keeps any "first after a pause" effect from always hitting the same one.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timing:
    """The per-call seconds of one contender: median over rounds, each round's mean, and the calls per round."""

    median: float
    rounds: tuple[float, ...]
    number: int

    @property
    def spread(self) -> float:
        """Interquartile range over median: how much the rounds disagree (0.05 = 5%)."""
        if len(self.rounds) < 2 or self.median == 0:
            return 0.0
        quartiles = statistics.quantiles(self.rounds, n=4, method="inclusive")
        return (quartiles[2] - quartiles[0]) / self.median


def calibrate(run: Callable[[], Any], min_time: float) -> int:
    """How many calls of ``run`` last about ``min_time``, after a warm-up call (imports, caches)."""
    run()
    start = time.perf_counter()
    run()
    once = max(time.perf_counter() - start, 1e-9)
    return max(1, math.ceil(min_time / once))


def interleave(
    runs: Sequence[Callable[[], Any]],
    rounds: int,
    min_time: float,
    progress: Callable[[int, int], None] | None = None,
) -> list[Timing]:
    """Time every callable in ``runs``, round-robin, ``rounds`` times; one Timing each, in order."""
    numbers = [calibrate(run, min_time) for run in runs]
    samples: list[list[float]] = [[] for _ in runs]
    order = list(range(len(runs)))
    for round_no in range(rounds):
        shift = round_no % max(1, len(order))
        for index in order[shift:] + order[:shift]:
            run, number = runs[index], numbers[index]
            gc.collect()
            start = time.perf_counter()
            for _ in range(number):
                run()
            samples[index].append((time.perf_counter() - start) / number)
        if progress is not None:
            progress(round_no + 1, rounds)
    return [Timing(statistics.median(s), tuple(s), n) for s, n in zip(samples, numbers, strict=True)]
