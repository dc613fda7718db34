"""Where ``split`` writes its batches: standard output, one body a line, or numbered files.

Each body is exactly the bytes that were measured against the limits (``Batch.data``).
In a directory, each file appears whole or not at all (``io.files.write_atomically``),
and batch files a larger earlier run left are removed at the end, so that a sender
globbing ``batch-*.json`` never sends a stale one.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from .split_input import SplitError

if TYPE_CHECKING:
    from ..batching import Batch

_BATCH_FILE: Final = re.compile(r"batch-(\d{5,})\.json")


class Sink:
    """Where batches go; ``where`` and ``note`` complete the summary line."""

    where = ""
    note = ""

    def write(self, batch: Batch, number: int) -> None:
        raise NotImplementedError

    def close(self, written: int) -> None:
        """Called once every batch is written."""


class StdoutSink(Sink):
    """One compact body a line: NDJSON, ready for a loop that sends each line."""

    where = "on standard output"

    def __init__(self) -> None:
        self.out = sys.stdout.buffer

    def write(self, batch: Batch, number: int) -> None:
        self.out.write(batch.data + b"\n")

    def close(self, written: int) -> None:
        self.out.flush()


class DirectorySink(Sink):
    """``batch-00001.json``, ...: each file holds exactly the bytes to send."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.where = f"written to {directory}{os.sep}"

    def write(self, batch: Batch, number: int) -> None:
        from ..io.files import write_atomically

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomically(self.directory / f"batch-{number:05d}.json", batch.data)
        except OSError as error:
            raise SplitError(f"{self.directory}: cannot write: {error.strerror or error}") from None

    def close(self, written: int) -> None:
        """Remove the batch files of a larger earlier run (``--force``)."""
        stale = [p for p in _batch_files(self.directory) if _number(p) > written]
        for path in stale:
            path.unlink()
        if stale:
            self.note = f"; removed {len(stale):,} batch file{'s' if len(stale) != 1 else ''} of an earlier run"


def _batch_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [p for p in directory.iterdir() if _BATCH_FILE.fullmatch(p.name)]


def _number(path: Path) -> int:
    match = _BATCH_FILE.fullmatch(path.name)
    return int(match.group(1)) if match else 0


def output_directory(given: str | None, force: bool) -> Path | None:
    """The output directory, checked before any input is read (None: standard output)."""
    if given is None:
        return None
    path = Path(given)
    if path.exists() and not path.is_dir():
        raise SplitError(f"{given}: not a directory")
    if path.is_dir() and not force and any(path.iterdir()):
        raise SplitError(f"{given} is not empty; pass --force to write into it")
    return path
