"""Progress on a terminal's standard error for long runs of ``check`` and ``split``."""

from __future__ import annotations

import time
from collections.abc import Callable

from .results import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO


def _megabytes(count: int) -> str:
    return f"{count / 1e6:,.1f} MB"


class Progress:
    """``brevo-schema: 12,000 documents, 3.2 MB of 40.0 MB (8%)`` on a terminal's stderr,
    once a run has taken longer than ``delay`` seconds: the documents checked (``noun``:
    ``split`` counts its items, "orders") and the bytes they were read from, counted as
    results arrive. Silent on anything but a
    terminal, so logs and pipes never see carriage returns."""

    def __init__(
        self,
        stream: IO[str],
        *,
        total_bytes: int,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        enabled: bool = True,
        noun: str = "document",
    ) -> None:
        isatty = getattr(stream, "isatty", None)
        self.enabled = enabled and bool(isatty and isatty())
        self.stream = stream
        self.total_bytes = max(total_bytes, 1)
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.last = 0.0
        self.shown = False
        self.noun = noun

    def update(self, documents: int, done_bytes: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < self.delay or (self.shown and now - self.last < 0.1):
            return
        percent = min(100, done_bytes * 100 // self.total_bytes)
        self.stream.write(
            f"\r\x1b[Kbrevo-schema: {plural(documents, self.noun)}, "
            f"{_megabytes(done_bytes)} of {_megabytes(self.total_bytes)} ({percent}%)"
        )
        self.stream.flush()
        self.shown = True
        self.last = now

    def clear(self) -> None:
        """Erase the progress line (before output, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
