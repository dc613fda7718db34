"""The work of ``check``: files and byte ranges of big NDJSON files as units, checked here or
in worker processes (each worker reads its own bytes, and sends back only the documents
with findings), results handed back in order. How one unit is read and checked is
``unit_check``'s."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .._records import Value, init

if TYPE_CHECKING:
    from ..config import Settings
    from ..io.inputs import Source
    from ..validator import Validator
    from .results import DocumentResult

#: NDJSON files are checked in byte ranges of at most this size (the memory one takes)...
CHUNK_BYTES = 4 << 20
#: ... and, when workers share them, of at least this size: each range costs a task
#: (a few hundred microseconds), and enough ranges keep every worker busy to the end.
MIN_CHUNK_BYTES = 1 << 20
#: Ranges per worker aimed at: the last one a worker finishes while the others are idle
#: is then a small part of the run.
CHUNKS_PER_WORKER = 8
#: ... and toward a file's end, no range over ``1/(SHRINK_PER_WORKER * workers)`` of what is
#: left: with ranges of equal size, the last one could keep a worker busy while the other waited.
SHRINK_PER_WORKER = 2
#: ``.json`` files at least this big whose root is an object are read item by item
#: (``io.batchstream``); smaller ones whole: it is faster, and no request Brevo takes
#: comes near it.
STREAM_MIN_BYTES = 8 << 20
#: Below this much input (or this many files) a process pool costs more than
#: it saves: starting workers and shipping results takes about 0.1 s, while one
#: process checks about 15 MB, or 4,000 small files, a second.
PARALLEL_MIN_BYTES = 4 << 20
PARALLEL_MIN_UNITS = 2000


class Unit(Value):
    """One piece of work: a file, or a byte range of a big NDJSON file."""

    __slots__ = ("source", "start", "end", "kind", "hint", "array", "big_object")

    source: Source
    start: int
    end: int | None
    #: The kind every document is judged as (--kind, or a [kinds] glob).
    kind: str | None
    #: The kind the file name suggests, used only when detection finds a
    #: document could be a product or a category.
    hint: str | None
    #: A .json file holding a top-level array: each element is read and checked
    #: as a document of its own, in memory bounded by the largest.
    array: bool
    #: A big .json file holding an object: a batch whose items are read one by one
    #: (``io.batchstream``), in memory bounded by the largest item.
    big_object: bool

    def __init__(
        self,
        source: Source,
        start: int = 0,
        end: int | None = None,
        kind: str | None = None,
        hint: str | None = None,
        array: bool = False,
        big_object: bool = False,
    ) -> None:
        init(self, source=source, start=start, end=end, kind=kind, hint=hint, array=array, big_object=big_object)


class UnitResult(Value):
    __slots__ = ("documents", "count", "newlines", "error", "crashes")
    #: The documents with findings (every document, when the report lists them all).
    documents: list[DocumentResult]
    #: How many documents the unit held.
    count: int
    #: Newlines in the unit's bytes: where the next chunk's line numbers start.
    newlines: int
    #: Why the unit could not be read; None when it was.
    error: str | None
    #: Documents the checker failed on (a bug in brevo-schema): (line, error).
    crashes: tuple[tuple[int, str], ...]

    def __init__(
        self,
        documents: list[DocumentResult],
        count: int = 0,
        newlines: int = 0,
        error: str | None = None,
        crashes: tuple[tuple[int, str], ...] = (),
    ) -> None:
        init(self, documents=documents, count=count, newlines=newlines, error=error, crashes=crashes)


def cpus() -> int:
    """The CPUs this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def workers_for(sources: Sequence[Source], jobs: int) -> int:
    """How many worker processes ``sources`` are worth (1: check them here)."""
    if jobs < 2:
        return 1
    if sum(s.size for s in sources) < PARALLEL_MIN_BYTES and len(sources) < PARALLEL_MIN_UNITS:
        return 1
    return jobs


def chunk_bytes(total: int, workers: int) -> int:
    """The size of the byte ranges big NDJSON files are cut into: ``CHUNK_BYTES`` for one
    process; for several, about ``CHUNKS_PER_WORKER`` ranges each, within the bounds."""
    if workers < 2:
        return CHUNK_BYTES
    return max(MIN_CHUNK_BYTES, min(CHUNK_BYTES, total // (workers * CHUNKS_PER_WORKER)))


def plan(sources: Sequence[Source], settings: Settings, kind: str | None, workers: int = 1) -> list[Unit]:
    """The units of work for ``sources``, in output order, for ``workers`` processes."""
    from ..io.inputs import chunks

    size = chunk_bytes(sum(s.size for s in sources), workers)
    # Shared out, the ranges shrink toward a file's end (none over a fourth of what is left,
    # for two workers): the last ones take little time, so no worker waits long for another.
    shrink = SHRINK_PER_WORKER * workers if workers > 1 else 0
    units: list[Unit] = []
    for source in sources:
        forced, hint = settings.kinds_of(source.display, kind)
        first = "" if source.ndjson else _first_character(source)
        if first == "[":
            units.append(Unit(source, 0, None, forced, hint, array=True))
            continue
        if first == "{" and source.size >= STREAM_MIN_BYTES and source.path is not None:
            units.append(Unit(source, 0, None, forced, hint, big_object=True))
            continue
        try:
            ranges = chunks(source, size, shrink, MIN_CHUNK_BYTES)
        except OSError:
            ranges = [(0, None)]  # checked whole: the worker reports why it cannot be read
        units.extend(Unit(source, start, end, forced, hint) for start, end in ranges)
    return units


def _first_character(source: Source) -> str:
    """A .json file's first character after blanks and a BOM (``[`` starts an array)."""
    if source.path is None:
        return (source.data or b"").lstrip(b"\xef\xbb\xbf \t\r\n")[:1].decode("latin-1")
    try:
        with open(source.path, "rb") as handle:
            head = handle.read(1 << 12)
            while head and not head.lstrip(b"\xef\xbb\xbf \t\r\n"):
                head = handle.read(1 << 12)
    except OSError:
        return ""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1].decode("latin-1")


def unit_bytes(unit: Unit) -> int:
    return (unit.end if unit.end is not None else unit.source.size) - unit.start


def _batches(units: list[Unit], target: int) -> list[list[Unit]]:
    """Consecutive units grouped into tasks of about ``target`` bytes (at most 64 units):
    a round trip per small file would cost more than checking it. A range of a big file is
    a task of its own (``plan`` sized it, smaller toward the file's end)."""
    batches: list[list[Unit]] = []
    batch: list[Unit] = []
    size = 0
    for unit in units:
        if unit.end is not None or unit.start:  # a range of a big file: sized for a task of its own
            if batch:
                batches.append(batch)
                batch, size = [], 0
            batches.append([unit])
            continue
        if batch and (size + unit_bytes(unit) > target or len(batch) >= 64):
            batches.append(batch)
            batch, size = [], 0
        batch.append(unit)
        size += unit_bytes(unit)
    if batch:
        batches.append(batch)
    return batches


def results(
    units: list[Unit], settings: Settings, workers: int, every: bool
) -> Generator[tuple[Unit, UnitResult], None, None]:
    """Each unit with its result, in order: in ``workers`` processes (each reads its
    own bytes, and sends back only the documents with findings), else here. A few
    tasks per worker are in flight: enough that none waits for the next while the
    output catches up, few enough that results wait in memory only briefly."""
    from ..validation import validator_for

    validator = validator_for(settings.options)
    workers = min(workers, len(units))
    if workers < 2:
        from .unit_check import check_unit

        for unit in units:
            yield unit, check_unit(unit, validator, every)
        return
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    total = sum(unit_bytes(u) for u in units)
    batches = _batches(units, chunk_bytes(total, workers))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(validator, every))
    try:
        pending: deque[tuple[list[Unit], Future[list[UnitResult]]]] = deque()
        queued = iter(batches)
        with _ctrl_c_held():  # the first submit forks the workers: none may see Ctrl-C before it ignores it
            for batch in queued:
                pending.append((batch, pool.submit(_worker_check, batch)))
                if len(pending) >= workers * 4:
                    break
        while pending:
            batch, future = pending.popleft()
            next_batch = next(queued, None)
            if next_batch is not None:
                pending.append((next_batch, pool.submit(_worker_check, next_batch)))
            yield from zip(batch, future.result(), strict=True)
    except BaseException:
        _abandon()
        raise
    pool.shutdown()


_abandoned = False


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Block SIGINT in this thread while it forks workers. A forked worker inherits the
    mask, so a Ctrl-C landing before its initializer has set SIGINT to be ignored waits
    (and is then dropped) instead of printing a KeyboardInterrupt traceback; here, it
    is delivered once the mask is restored."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows: workers are spawned, not forked
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _abandon() -> None:
    """Stop at once (Ctrl-C, closed pipe): end our workers; ``main`` then leaves
    with ``os._exit``, as joining a pool whose workers were killed can block
    forever (a worker killed mid-write leaves the result pipe half-read) and
    cancelling its futures first makes Python 3.11's pool thread print a
    traceback (``InvalidStateError`` on a cancelled future)."""
    import multiprocessing

    global _abandoned
    _abandoned = True
    for child in multiprocessing.active_children():
        child.terminate()


def leave_if_abandoned(status: int) -> None:
    if _abandoned:
        import contextlib

        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(status)


_WORKER_VALIDATOR: Validator | None = None
_WORKER_EVERY = False


def _init_worker(validator: Validator, every: bool) -> None:
    """Worker start: Ctrl-C is the main process's to handle (no traceback per
    worker); the validator arrives pickled as its options and is built once here."""
    import signal

    global _WORKER_VALIDATOR, _WORKER_EVERY
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # see _ctrl_c_held
    _WORKER_VALIDATOR, _WORKER_EVERY = validator, every


def _worker_check(units: list[Unit]) -> list[UnitResult]:
    from .unit_check import check_unit

    assert _WORKER_VALIDATOR is not None
    return [check_unit(unit, _WORKER_VALIDATOR, _WORKER_EVERY) for unit in units]
