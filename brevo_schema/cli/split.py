"""``brevo-schema split``: cut a file of orders, products or categories into request bodies.

    brevo-schema split orders.ndjson -o batches/ --no-historical
    brevo-schema split products.json --update-enabled | while read -r body; do send "$body"; done

INPUT is an NDJSON/JSONL file (one item a line), a JSON array of items, a JSON
document that is one item or a whole batch body (``{"orders": [...]}``, whose
``notifyUrl``/``historical``/``updateEnabled`` are kept unless a flag says
otherwise), or ``-`` for standard input.

The input is read twice, so that nothing is written unless every item is fine:
the first pass checks every item and lists every invalid one, the second
writes. Standard input is copied to a temporary file first, so it too is read
twice. Memory stays bounded for NDJSON and JSON arrays (one item and one batch
at a time); a single JSON document is parsed whole.

Exit status: 0 the batches were written; 1 an item is invalid or too large for
any batch (an NDJSON line that is not JSON included), nothing written; 2 a usage
error, or input that cannot be read as items at all (a missing file, a JSON
array or document that is not JSON, a kind that cannot be told).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Literal

from .. import pointer as jp
from ..batching import (
    Batch,
    InvalidItemError,
    ItemError,
    OversizedItemError,
    split_categories,
    split_orders,
    split_products,
)
from ..io.jsonsource import StrictDecoder, parse
from ..io.streaming import Record as _Record
from ..io.streaming import StreamError, array_items
from ..kinds import BATCHES, detect_kind, resolve_kind
from ..options import FIVE_MB, Options
from ..report import Finding
from ..validator import with_positions

if TYPE_CHECKING:
    from ..config import Settings

PROG: Final = "brevo-schema split"
_NDJSON_SUFFIXES: Final = (".ndjson", ".jsonl")
_BATCH_FILE: Final = re.compile(r"batch-(\d{5,})\.json")
_CHUNK: Final = 1 << 16

#: Per item kind: the array key of its batch, the batch-level keys, the split function.
_KINDS: Final[dict[str, tuple[str, tuple[str, ...], Callable[..., Iterator[Batch]]]]] = {
    "order": ("orders", ("notifyUrl", "historical"), split_orders),
    "product": ("products", ("updateEnabled",), split_products),
    "category": ("categories", ("updateEnabled",), split_categories),
}

Format = Literal["ndjson", "array", "document"]


class _Fail(Exception):
    """A usage error or unreadable input: one line on stderr, exit status 2."""


class _Changed(Exception):
    """The input changed between the checking and the writing pass."""


# --------------------------------------------------------------------------- arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``split``'s arguments on ``parser`` (the CLI's subparser)."""
    parser.add_argument("input", metavar="INPUT", help="an .ndjson/.jsonl or .json file, or - for standard input")
    parser.add_argument("--kind", choices=list(_KINDS), help="the items' kind (default: told from the first item)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write batch-00001.json, ... into DIR (default: one body a line on standard output)",
    )
    parser.add_argument(
        "--max-items",
        type=_positive,
        metavar="N",
        help="items per batch (default: Brevo's limit, 1000 orders or 100 products or categories)",
    )
    parser.add_argument(
        "--max-bytes",
        type=_positive,
        metavar="N",
        default=FIVE_MB,
        help=f"bytes per body as compact UTF-8 JSON (default: {FIVE_MB:,})",
    )
    parser.add_argument("--notify-url", metavar="URL", help="orders: the notifyUrl every batch carries")
    parser.add_argument(
        "--historical",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="orders: historical data (true, no automation) or live orders (false); absent: left out",
    )
    parser.add_argument(
        "--update-enabled",
        action="store_true",
        default=None,
        help="products and categories: create or update (default: create only, which needs a name)",
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="leave invalid and oversized items out (each listed) instead of writing nothing",
    )
    parser.add_argument("--force", action="store_true", help="write into a non-empty DIR")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run ``split`` as a program of its own (the CLI calls ``run``)."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0] if __doc__ else None)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Split ``args.input`` as the arguments say; return the exit status."""
    try:
        with contextlib.ExitStack() as stack:
            return _run(args, stack)
    except _Fail as error:
        _say(f"error: {error}")
        return 2
    except OSError as error:  # a read or write failing half-way (a disk full, a file removed)
        _say(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        _say("interrupted")
        return 130


def _say(text: str) -> None:
    print(f"{PROG}: {text}", file=sys.stderr)


# --------------------------------------------------------------------------- the two passes


@dataclass(slots=True)
class _Stats:
    items: int = 0
    batches: int = 0
    largest_bytes: int = 0
    largest_items: int = 0
    invalid: int = 0

    def add(self, batch: Batch) -> None:
        self.items += batch.count
        self.batches += 1
        self.largest_bytes = max(self.largest_bytes, batch.size)
        self.largest_items = max(self.largest_items, batch.count)


def _run(args: argparse.Namespace, stack: contextlib.ExitStack) -> int:
    output = _check_output(args.output, args.force)
    settings = _settings()
    path, name = _local_copy(args.input, stack)
    # The kind as check gives it: --kind, else the [tool.brevo-schema] kinds glob (a batch kind
    # names its items' kind), else detection, with the file name settling a product/category tie.
    kind, hint = settings.kinds_of(args.input, args.kind)
    shape = BATCHES.get(kind) if kind is not None else None
    plan = _plan(path, name, shape.item_kind if shape is not None else kind, hint)
    split = _splitter(plan, args, settings.options)
    progress = _Progress()
    first = _pass(plan, split, None, progress, "checking", listing=progress.print)
    if first.invalid and not args.skip_invalid:
        _say(
            f"{_count(first.invalid, 'invalid item')}; nothing written "
            "(fix them, or pass --skip-invalid to leave them out)"
        )
        return 1
    sink: _Sink = _DirSink(output) if output is not None else _StdoutSink()
    try:
        second = _pass(plan, split, sink, progress, "writing", strict=not args.skip_invalid)
    except _Changed as error:
        _say(f"error: {error}")
        return 1
    except BrokenPipeError:
        _silence_stdout()
        return 1
    _summary(second, first.invalid, plan, sink)
    return 0


def _pass(
    plan: _Plan,
    split: Callable[..., Iterator[Batch]],
    sink: _Sink | None,
    progress: _Progress,
    phase: str,
    *,
    listing: Callable[[str], None] | None = None,
    strict: bool = False,
) -> _Stats:
    """Feed every item to ``split`` and write the batches to ``sink`` (None:
    only check). Each invalid item is counted, and described to ``listing``
    as soon as it is met (so memory does not grow with their number either).
    ``strict``: an invalid item here, where the checking pass found none,
    means the input changed."""
    stats = _Stats()
    current: list[_Record] = []

    def note(lines: list[str]) -> None:
        stats.invalid += 1
        if listing is not None:
            for line in lines:
                listing(line)

    def items() -> Iterator[Any]:
        for count, record in enumerate(plan.records()):
            current[:] = [record]
            progress.tick(phase, count)
            if record.problems:
                note(_unreadable_lines(plan.name, record))
            else:
                yield record.value

    def on_invalid(error: ItemError) -> None:
        note(_invalid_lines(plan.name, current[0], error))

    batches = split(items(), skip_invalid=True, on_invalid=on_invalid)
    for batch in batches:
        if strict and stats.invalid:
            raise _Changed(f"{plan.name} changed while it was being split; re-run")
        if sink is not None:
            sink.write(batch, stats.batches + 1)
        stats.add(batch)
    progress.done()
    if strict and stats.invalid:
        raise _Changed(f"{plan.name} changed while it was being split; re-run")
    if sink is not None:
        sink.close(stats.batches)
    return stats


def _splitter(plan: _Plan, args: argparse.Namespace, options: Options) -> Callable[..., Iterator[Batch]]:
    """``split_*`` with the limits, batch-level fields and options bound, checked now."""
    key, keys, split = _KINDS[plan.kind]
    given = {"notifyUrl": args.notify_url, "historical": args.historical, "updateEnabled": args.update_enabled}
    for name, flag in (
        ("notifyUrl", "--notify-url"),
        ("historical", "--historical"),
        ("updateEnabled", "--update-enabled"),
    ):
        if given[name] is not None and name not in keys:
            raise _Fail(f"{flag} does not apply to {key}")
    fields = {**plan.fields, **{k: v for k, v in given.items() if v is not None and k in keys}}
    kwargs: dict[str, Any] = {"max_bytes": args.max_bytes, "options": options}
    if args.max_items is not None:
        kwargs["max_orders" if plan.kind == "order" else "max_items"] = args.max_items
    if plan.kind == "order":
        kwargs.update(notify_url=fields.get("notifyUrl"), historical=fields.get("historical"))
    else:
        kwargs["update_enabled"] = fields.get("updateEnabled")
    try:
        split(iter(()), **kwargs)  # the arguments are checked at the call
    except ValueError as error:
        raise _Fail(str(error)) from None

    def bound(items: Iterable[Any], **more: Any) -> Iterator[Batch]:
        return split(items, **kwargs, **more)

    return bound


def _summary(stats: _Stats, left_out: int, plan: _Plan, sink: _Sink) -> None:
    text = f"{_count(stats.items, plan.kind)} in {_count(stats.batches, 'batch')} {sink.where}"
    if stats.batches:
        text += f" (largest: {stats.largest_bytes:,} bytes; fullest: {_count(stats.largest_items, plan.kind)})"
    if left_out:
        text += f"; {_count(left_out, 'invalid item')} left out"
    _say(text + sink.note)


# --------------------------------------------------------------------------- reporting items

_PLURALS: Final = {"batch": "batches", "category": "categories"}


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun if number == 1 else _PLURALS.get(noun, noun + 's')}"


def _header(name: str, record: _Record, item_id: str | None, what: str) -> str:
    named = f" (id {json.dumps(item_id, ensure_ascii=False)})" if item_id is not None else ""
    return f"{name}:{record.line}: item {record.index}{named} {what}"


def _unreadable_lines(name: str, record: _Record) -> list[str]:
    """An item whose text is not clean JSON (a syntax error, a duplicate key, NaN)."""
    item_id = _item_id(record.value)
    problems = list(record.problems)
    located = with_positions(problems, record.text) if record.text is not None else problems
    return [_header(name, record, item_id, "is invalid:"), *(_finding_line(name, record, f) for f in located)]


def _item_id(value: Any) -> str | None:
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def _invalid_lines(name: str, record: _Record, error: ItemError) -> list[str]:
    if isinstance(error, OversizedItemError):
        return [
            _header(name, record, error.item_id, "is too large for any batch:"),
            f"{name}:{record.line}: batch/max-bytes a batch holding only it is {error.size:,} bytes "
            f"as compact UTF-8 JSON; the limit is {error.limit:,}",
        ]
    if not isinstance(error, InvalidItemError):
        return [_header(name, record, error.item_id, f"cannot be sent: {error}")]
    lines = [_header(name, record, error.item_id, "is invalid:")]
    errors = [f.replace(pointer=record.base + f.pointer) for f in error.report.errors]
    located = with_positions(errors, record.text) if record.text is not None else errors
    lines.extend(_finding_line(name, record, f) for f in located)
    return lines


def _finding_line(name: str, record: _Record, finding: Finding) -> str:
    """``PATH:LINE:COL: RULE message (hint)``, the position made absolute in the file."""
    if finding.line is None:
        where = f"{record.line}"
    elif finding.line == 1:
        where = f"{record.line}:{record.column + (finding.column or 1) - 1}"
    else:
        where = f"{record.line + finding.line - 1}:{finding.column}"
    hint = f" ({finding.hint})" if finding.hint else ""
    return f"{name}:{where}: {finding.rule} {finding.message}{hint}"


# --------------------------------------------------------------------------- input


def _local_copy(given: str, stack: contextlib.ExitStack) -> tuple[Path, str]:
    """A regular file to read (twice) and the name messages use for it.

    Standard input, pipes and other streams can be read only once: they are
    copied to a temporary file, removed at the end.
    """
    if given == "-":
        return _spool(sys.stdin.buffer, stack), "<stdin>"
    path = Path(given)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise _Fail(f"{given}: no such file") from None
    except OSError as error:
        raise _Fail(f"{given}: cannot read: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        raise _Fail(f"{given}: is a directory; split takes one file")
    if stat.S_ISREG(mode):
        _check_readable(path, given)
        return path, given
    try:
        with path.open("rb") as stream:
            return _spool(stream, stack), given
    except OSError as error:
        raise _Fail(f"{given}: cannot read: {error.strerror}") from None


def _check_readable(path: Path, name: str) -> None:
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise _Fail(f"{name}: cannot read: {error.strerror}") from None


def _spool(stream: IO[bytes], stack: contextlib.ExitStack) -> Path:
    directory = stack.enter_context(tempfile.TemporaryDirectory(prefix="brevo-schema-split-"))
    path = Path(directory) / "input"
    with path.open("wb") as copy:
        shutil.copyfileobj(stream, copy, _CHUNK)
    return path


@dataclass(slots=True)
class _Plan:
    """What the input is: its format, the items' kind, whether a document is a
    batch body (and the batch-level fields it carried), and how to read its
    items, as often as needed."""

    path: Path
    name: str
    format: Format
    kind: str = "order"
    fields: dict[str, Any] = field(default_factory=dict)
    document: Any = None
    text: str | None = None
    body: bool = False
    #: A document's items with parse findings (a duplicate key, NaN), by index.
    problems: dict[int, tuple[Finding, ...]] = field(default_factory=dict)

    def records(self) -> Iterator[_Record]:
        if self.format == "document":
            return self._document_records()
        return _ndjson_records(self.path) if self.format == "ndjson" else _array_records(self.path, self.name)

    def _document_records(self) -> Iterator[_Record]:
        if not self.body:
            yield _Record(0, 1, 1, self.document, self.text, "", self.problems.get(0, ()))
            return
        key = _KINDS[self.kind][0]
        for index, item in enumerate(self.document[key]):
            yield _Record(index, 1, 1, item, self.text, f"/{key}/{index}", self.problems.get(index, ()))


def _settings() -> Settings:
    """``[tool.brevo-schema]``: items are judged with the options ``check`` uses."""
    from ..config import ConfigError, load

    try:
        return load()
    except ConfigError as error:
        raise _Fail(str(error)) from None


def _plan(path: Path, name: str, kind: str | None, hint: str | None = None) -> _Plan:
    plan = _Plan(path, name, _sniff(path))
    if plan.format == "document":
        _read_document(plan, kind, hint)
    else:
        plan.kind = kind or _detect(plan, hint)
    return plan


def _sniff(path: Path) -> Format:
    """NDJSON by suffix; else by content: ``[`` starts an array, and text whose
    first line is a whole JSON value followed by more lines is NDJSON. An
    empty input is NDJSON without lines: no items."""
    if path.suffix.lower() in _NDJSON_SUFFIXES:
        return "ndjson"
    try:
        with path.open("rb") as stream:
            first = stream.readline().removeprefix(codecs.BOM_UTF8)
            while not first.strip() and first:
                first = stream.readline()
            if first.lstrip()[:1] == b"[":
                return "array"
            rest = next((line for line in stream if line.strip()), b"")
    except OSError as error:
        raise _Fail(f"{path}: cannot read: {error.strerror}") from None
    if not first.strip() or (first.lstrip()[:1] == b"{" and rest and _is_json(first)):
        return "ndjson"
    return "document"


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _read_document(plan: _Plan, kind: str | None, hint: str | None) -> None:
    """Parse a one-document input whole: one item, or a batch body."""
    try:
        data = plan.path.read_bytes()
    except OSError as error:
        raise _Fail(f"{plan.name}: cannot read: {error.strerror}") from None
    parsed = parse(data)
    if not parsed.ok:
        raise _Fail(_where(plan.name, parsed.findings[0]))
    plan.document, plan.text = parsed.document, parsed.text
    plan.kind = kind or _document_kind(plan, hint)
    key, keys, _ = _KINDS[plan.kind]
    plan.body = _is_body(plan.document, plan.kind)
    if plan.body:
        plan.fields = {k: plan.document[k] for k in keys if k in plan.document}
    if parsed.findings:
        _sort_problems(plan, with_positions(parsed.findings, plan.text), f"/{key}/" if plan.body else "")


def _sort_problems(plan: _Plan, findings: list[Finding], prefix: str) -> None:
    """Give each parse finding to the item it is in; one outside every item
    (the body's own keys) makes the whole input unreadable."""
    by_item: dict[int, list[Finding]] = {}
    for finding in findings:
        if not finding.pointer.startswith(prefix):
            raise _Fail(_where(plan.name, finding))
        index = int(jp.split(finding.pointer)[1]) if prefix else 0
        by_item.setdefault(index, []).append(finding)
    plan.problems = {index: tuple(found) for index, found in by_item.items()}


def _kind_of(document: Any, hint: str | None, where: str) -> str:
    kind = resolve_kind(document, None, hint)
    if kind is None:
        raise _Fail(f"{where}: cannot tell the kind: {detect_kind(document).reason}; pass --kind")
    return kind


def _document_kind(plan: _Plan, hint: str | None) -> str:
    kind = _kind_of(plan.document, hint, plan.name)
    shape = BATCHES.get(kind)
    return shape.item_kind if shape is not None else kind


def _is_body(document: Any, kind: str) -> bool:
    key, keys, _ = _KINDS[kind]
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        return False
    return set(document) <= {key, *keys}


def _detect(plan: _Plan, hint: str | None) -> str:
    """The kind of the first item that parses (an input without one: orders)."""
    for record in plan.records():
        if record.problems:
            continue
        where = f"{plan.name}:{record.line}: item {record.index}"
        kind = _kind_of(record.value, hint, where)
        if kind in BATCHES:
            raise _Fail(
                f"{where} is a whole {kind} body; split takes one item per "
                "line (or array element), or a single body document"
            )
        return kind
    return "order"


def _where(name: str, finding: Finding) -> str:
    at = f":{finding.line}:{finding.column}" if finding.line is not None else ""
    hint = f" ({finding.hint})" if finding.hint else ""
    return f"{name}{at}: {finding.message}{hint}"


# ----------------------------------------------------------------- NDJSON and JSON arrays


def _ndjson_records(path: Path) -> Iterator[_Record]:
    strict = StrictDecoder()
    index = 0
    with _open(path) as stream:
        for number, raw in enumerate(stream, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            yield _line_record(index, number, raw.rstrip(b"\r\n"), strict)
            index += 1


def _line_record(index: int, number: int, raw: bytes, strict: StrictDecoder) -> _Record:
    try:
        text = raw.decode("utf-8")
        strict.reset()
        value = strict.decode(text)
    except (ValueError, RecursionError):
        pass  # parse() below says what is wrong, and where
    else:
        if not strict.flagged:
            return _Record(index, number, 1, value, text)
    parsed = parse(raw)
    return _Record(index, number, 1, parsed.document, parsed.text, "", tuple(parsed.findings))


@contextlib.contextmanager
def _open(path: Path) -> Iterator[IO[bytes]]:
    try:
        stream = path.open("rb")
    except OSError as error:
        raise _Fail(f"{path}: cannot read: {error.strerror}") from None
    with stream:
        yield stream


def _array_records(path: Path, name: str) -> Iterator[_Record]:
    with _open(path) as stream:
        try:
            yield from array_items(stream, name)
        except StreamError as error:
            raise _Fail(str(error)) from None


# --------------------------------------------------------------------------- output


class _Sink:
    where = ""
    note = ""

    def write(self, batch: Batch, number: int) -> None:
        raise NotImplementedError

    def close(self, written: int) -> None:
        """Called once every batch is written."""


class _StdoutSink(_Sink):
    """One compact body a line: NDJSON, ready for a loop that sends each line."""

    where = "on standard output"

    def __init__(self) -> None:
        self.out = sys.stdout.buffer

    def write(self, batch: Batch, number: int) -> None:
        self.out.write(batch.data + b"\n")

    def close(self, written: int) -> None:
        self.out.flush()


class _DirSink(_Sink):
    """``batch-00001.json``, ...: each file holds exactly the bytes to send.

    A file appears whole or not at all: it is written under a temporary name
    in the same directory, then renamed over its final name.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.where = f"written to {directory}{os.sep}"

    def write(self, batch: Batch, number: int) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.directory / f"batch-{number:05d}.json", batch.data)
        except OSError as error:
            raise _Fail(f"{self.directory}: cannot write: {error.strerror or error}") from None

    def close(self, written: int) -> None:
        """Remove batch files a larger earlier run left (``--force``): a sender
        globbing ``batch-*.json`` would send them again."""
        stale = [
            p
            for p in _batch_files(self.directory)
            if int(_BATCH_FILE.fullmatch(p.name).group(1)) > written  # type: ignore[union-attr]
        ]
        for path in stale:
            path.unlink()
        if stale:
            self.note = f"; removed {_count(len(stale), 'batch file')} of an earlier run"


def _batch_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [p for p in directory.iterdir() if _BATCH_FILE.fullmatch(p.name)]


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".batch-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _check_output(given: str | None, force: bool) -> Path | None:
    """The output directory, checked before any input is read."""
    if given is None:
        return None
    path = Path(given)
    if path.exists() and not path.is_dir():
        raise _Fail(f"{given}: not a directory")
    if path.is_dir() and not force and any(path.iterdir()):
        raise _Fail(f"{given} is not empty; pass --force to write into it")
    return path


def _silence_stdout() -> None:
    """After a closed pipe (``split ... | head``), keep Python's exit-time flush quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# --------------------------------------------------------------------------- progress


class _Progress:
    """A count on stderr, only for a person watching (a terminal) and only once
    a run has taken a second: quick runs and logs stay clean."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.began = time.monotonic()
        self.last = 0.0
        self.shown = False

    def tick(self, phase: str, count: int) -> None:
        if not self.enabled or count % 512:
            return
        now = time.monotonic()
        if now - self.began < 1 or now - self.last < 0.2:
            return
        self.last, self.shown = now, True
        sys.stderr.write(f"\r{PROG}: {phase}: {count:,} items")
        sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False

    def print(self, line: str) -> None:
        """A line on stderr, clear of the count."""
        self.done()
        print(line, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
