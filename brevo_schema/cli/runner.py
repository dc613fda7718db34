"""The work of ``check``: files and byte ranges of big NDJSON files as units, checked here or
in worker processes (each worker reads its own bytes), results handed back in order."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .._records import Value, init

if TYPE_CHECKING:
    from ..config import Settings
    from ..io.inputs import Source
    from ..validator import Validator
    from .reporters import DocumentResult

#: NDJSON files bigger than this are checked in pieces of about this size.
CHUNK_BYTES = 4 << 20
#: Below this much input (or this many files) a process pool costs more than
#: it saves: starting workers and shipping results takes about 0.1 s, while one
#: process checks about 15 MB, or 4,000 small files, a second.
PARALLEL_MIN_BYTES = 4 << 20
PARALLEL_MIN_UNITS = 2000


class Unit(Value):
    """One piece of work: a file, or a byte range of a big NDJSON file."""

    __slots__ = ("source", "start", "end", "kind", "hint", "array")

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

    def __init__(
        self,
        source: Source,
        start: int = 0,
        end: int | None = None,
        kind: str | None = None,
        hint: str | None = None,
        array: bool = False,
    ) -> None:
        init(self, source=source, start=start, end=end, kind=kind, hint=hint, array=array)


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


def plan(sources: Sequence[Source], settings: Settings, kind: str | None) -> list[Unit]:
    """The units of work for ``sources``, in output order."""
    from ..io.inputs import chunks

    units: list[Unit] = []
    for source in sources:
        forced, hint = settings.kinds_of(source.display, kind)
        if not source.ndjson and _starts_an_array(source):
            units.append(Unit(source, 0, None, forced, hint, array=True))
            continue
        try:
            ranges = chunks(source, CHUNK_BYTES)
        except OSError:
            ranges = [(0, None)]  # checked whole: the worker reports why it cannot be read
        units.extend(Unit(source, start, end, forced, hint) for start, end in ranges)
    return units


def _starts_an_array(source: Source) -> bool:
    """Whether a .json file's first character (after blanks and a BOM) is ``[``."""
    if source.path is None:
        return (source.data or b"").lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"["
    try:
        with open(source.path, "rb") as handle:
            head = handle.read(1 << 12)
            while head and not head.lstrip(b"\xef\xbb\xbf \t\r\n"):
                head = handle.read(1 << 12)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"["


def results(
    units: list[Unit], settings: Settings, jobs: int, every: bool
) -> Generator[tuple[Unit, UnitResult], None, None]:
    """Each unit with its result, in order: in worker processes when the work
    is worth their start-up, else here. At most a few units per worker are in
    flight, so results wait in memory only as long as the output lags."""
    total = sum((u.end if u.end is not None else u.source.size) - u.start for u in units)
    workers = min(jobs, len(units))
    from ..validation import validator_for

    validator = validator_for(settings.options)
    if workers < 2 or (total < PARALLEL_MIN_BYTES and len(units) < PARALLEL_MIN_UNITS):
        for unit in units:
            yield unit, check_unit(unit, validator, every)
        return
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(validator, every))
    try:
        # Small units travel in batches: one round trip per unit would cost more than checking it.
        size = max(1, min(64, len(units) // (workers * 8)))
        batches = [units[i : i + size] for i in range(0, len(units), size)]
        pending: deque[tuple[list[Unit], Future[list[UnitResult]]]] = deque()
        queued = iter(batches)
        with _ctrl_c_held():  # the first submit forks the workers: none may see Ctrl-C before it ignores it
            for batch in queued:
                pending.append((batch, pool.submit(_worker_check, batch)))
                if len(pending) >= workers * 2:
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
    assert _WORKER_VALIDATOR is not None
    return [check_unit(unit, _WORKER_VALIDATOR, _WORKER_EVERY) for unit in units]


#: Standard input has no file name to say .ndjson: the flag that gives it one.
STDIN_NDJSON_HINT = "standard input is read as one JSON document; for one a line, add --stdin-filename x.ndjson"


def _stdin_hints(findings: tuple[Any, ...]) -> tuple[Any, ...]:
    """``findings`` of a document read from standard input: a hint to use .ndjson names the flag instead."""
    return tuple(
        f.replace(hint=STDIN_NDJSON_HINT) if f.rule == "json/syntax" and ".ndjson" in (f.hint or "") else f
        for f in findings
    )


def check_unit(unit: Unit, validator: Validator, every: bool = True) -> UnitResult:
    """Read and check one unit (each worker reads its own byte range); a read
    failure is returned, not raised. Only documents with findings come back,
    unless ``every``."""
    from ..io.inputs import read

    if unit.array:
        return _check_array(unit, validator, every)
    try:
        data = read(unit.source, unit.start, unit.end)
    except OSError as error:
        return UnitResult([], error=f"{unit.source.display}: {error.strerror or error}")
    if unit.source.ndjson:
        return _check_lines(unit, data, validator, every)
    from .reporters import DocumentResult

    try:
        report = validator.validate_json(data, unit.kind, hint=unit.hint)
    except Exception as error:  # a bug: tell it
        return UnitResult([], 1, crashes=((1, f"{type(error).__name__}: {error}"),))
    findings = report.findings
    if any(f.line is None or f.column is None for f in findings):  # never blank: every format shows them
        findings = tuple(f.replace(line=f.line or 1, column=f.column or 1) for f in findings)
    if unit.source.stdin:
        findings = _stdin_hints(findings)
    documents = [DocumentResult(0, report.kind, findings)] if findings or every else []
    return UnitResult(documents, 1)


def _check_lines(unit: Unit, data: bytes, validator: Validator, every: bool) -> UnitResult:
    """An NDJSON unit, line by line (``io.ndjson``: the chunk decoded once, each line parsed
    where it sits): the hot loop of a big export, so a valid line costs one test here."""
    from ..io.ndjson import parsed_lines
    from .reporters import DocumentResult

    found: list[DocumentResult] = []
    crashes: list[tuple[int, str]] = []
    count = 0
    judge, kind, hint = validator.validate_parsed, unit.kind, unit.hint
    for index, line, parsed in parsed_lines(data):
        count += 1
        try:
            report = judge(parsed, kind, hint=hint)
        except Exception as error:  # a bug: tell it, and go on with the other documents
            crashes.append((line, f"{type(error).__name__}: {error}"))
            continue
        findings = report.findings
        if findings:
            # Positions in the file, not in the line; never blank, so every format can show them.
            findings = tuple(f.replace(line=line + (f.line or 1) - 1, column=f.column or 1) for f in findings)
        elif not every:
            continue
        found.append(DocumentResult(index, report.kind, findings))
    return UnitResult(found, count, data.count(b"\n") if unit.end is not None else 0, crashes=tuple(crashes))


def _check_array(unit: Unit, validator: Validator, every: bool) -> UnitResult:
    """A top-level JSON array, element by element (the reader ``split`` uses): each
    element is a document of its own, its findings' pointers counted from the array
    (``/3/products/0``), in memory bounded by the largest element."""
    from ..io.streaming import StreamError, array_items
    from ..validator import with_positions
    from .reporters import DocumentResult

    found: list[DocumentResult] = []
    crashes: list[tuple[int, str]] = []
    count = 0
    assert unit.source.path is not None
    try:
        with open(unit.source.path, "rb") as stream:
            for record in array_items(stream, unit.source.display):
                count += 1
                text = record.text or ""
                try:
                    report = validator.validate_json(text, unit.kind, hint=unit.hint)
                except Exception as error:  # a bug: tell it, and go on with the other elements
                    crashes.append((record.line, f"{type(error).__name__}: {error}"))
                    continue
                findings = with_positions(list(report.findings), text)
                prefix = f"/{record.index}"
                moved = tuple(
                    f.replace(
                        pointer=prefix + f.pointer,
                        line=record.line + (f.line or 1) - 1,
                        column=(f.column or 1) + (record.column - 1 if (f.line or 1) == 1 else 0),
                    )
                    for f in findings
                )
                if moved or every:
                    found.append(DocumentResult(record.index, report.kind, moved))
    except OSError as error:
        return UnitResult([], error=f"{unit.source.display}: {error.strerror or error}")
    except StreamError:
        # Not an array of JSON values (a syntax error, nesting too deep): checked as one
        # document, so the parser says what is wrong and where, as for any .json file.
        return check_unit(unit.replace(array=False), validator, every)
    return UnitResult(found, count, crashes=tuple(crashes))
