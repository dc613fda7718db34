"""``brevo-schema split``: cut a file of orders, products or categories into request bodies.

    brevo-schema split orders.ndjson -o batches/ --no-historical
    brevo-schema split products.json --update-enabled | while read -r body; do send "$body"; done

INPUT is an NDJSON/JSONL file (one item a line), a JSON array of items, a JSON
document that is one item or a whole batch body (``{"orders": [...]}``, whose
``notifyUrl``/``historical``/``updateEnabled`` are kept unless a flag says
otherwise), or ``-`` for standard input.

The input is read twice, so that nothing is written unless every item is fine:
the first pass checks every item and lists every invalid one, the second
writes. Memory stays bounded for NDJSON and JSON arrays (one item and one batch
at a time); a single JSON document is parsed whole. This module is the command
(its arguments, the two passes, what it says); ``split_input`` reads, and
``split_output`` writes. On a terminal, a long run shows its progress on
standard error (the items read, and the bytes of the total).

Exit status: 0 the batches were written; 1 an item is invalid or too large for
any batch (an NDJSON line that is not JSON included), nothing written; 2 a usage
error, or input that cannot be read as items at all (a missing file, a JSON
array or document that is not JSON, a kind that cannot be told); 130 on Ctrl-C;
141 when the reader of standard output went away.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from .. import batching
from ..batching import Batch, ItemError
from ..io.positions import with_positions
from ..kinds import BATCH_FOR_ITEM, BATCHES, FIVE_MB
from .results import plural
from .split_input import Input, SplitError, local_copy, read_input
from .split_output import DirectorySink, Sink, StdoutSink, output_directory
from .terminal import (
    EXIT_BROKEN_PIPE,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    PROG,
    fail,
    say,
    silence_stdout,
)

if TYPE_CHECKING:
    from ..config import Settings
    from ..io.streaming import Record
    from ..options import Options
    from ..report import Finding
    from .progress import Progress

#: The splitter of each item kind.
_SPLITTERS: Final[dict[str, Callable[..., Iterator[Batch]]]] = {
    "order": batching.split_orders,
    "product": batching.split_products,
    "category": batching.split_categories,
}


_FIX_THEM: Final = "(fix them, or pass --skip-invalid to leave them out)"


class _Changed(Exception):
    """The input changed between the checking and the writing pass."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``split``'s arguments on ``parser`` (the CLI's subparser)."""
    parser.add_argument("input", metavar="INPUT", help="an .ndjson/.jsonl or .json file, or - for standard input")
    parser.add_argument("--kind", choices=list(_SPLITTERS), help="the items' kind (default: told from the first item)")
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
    parser = argparse.ArgumentParser(prog=f"{PROG} split", description=__doc__.split("\n\n")[0] if __doc__ else None)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Split ``args.input`` as the arguments say; return the exit status."""
    try:
        with tempfile.TemporaryDirectory(prefix="brevo-schema-split-") as directory:
            return _run(args, directory)
    except SplitError as error:
        return fail(str(error))
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:  # a read or write failing half-way (a disk full, a file removed)
        return fail(str(error))
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_INTERRUPTED


class _Stats:
    """What has been written so far, for the summary line."""

    __slots__ = ("batches", "invalid", "items", "largest_bytes", "largest_items")

    def __init__(self) -> None:
        self.items = 0
        self.batches = 0
        self.largest_bytes = 0
        self.largest_items = 0
        self.invalid = 0

    def add(self, batch: Batch) -> None:
        self.items += batch.count
        self.batches += 1
        self.largest_bytes = max(self.largest_bytes, batch.size)
        self.largest_items = max(self.largest_items, batch.count)


def _run(args: argparse.Namespace, directory: str) -> int:
    output = output_directory(args.output, args.force)
    settings = _settings()
    path, name = local_copy(args.input, directory)
    # The kind as check gives it: --kind, else the [tool.brevo-schema] kinds glob (a batch kind
    # names its items' kind), else detection, with the file name settling a product/category tie.
    kind, hint = settings.kinds_of(args.input, args.kind)
    shape = BATCHES.get(kind) if kind is not None else None
    found = read_input(path, name, shape.item_kind if shape is not None else kind, hint)
    split = _splitter(found, args, settings.options)
    first = _pass(found, split, None, listing=True)
    if first.invalid and not args.skip_invalid:
        say(f"{plural(first.invalid, 'invalid item')}; nothing written " + _FIX_THEM)
        return EXIT_FINDINGS
    sink: Sink = DirectorySink(output) if output is not None else StdoutSink()
    try:
        second = _pass(found, split, sink, strict=not args.skip_invalid)
    except _Changed as error:
        return fail(str(error), EXIT_FINDINGS)
    _summary(second, first.invalid, found, sink)
    return EXIT_OK


def _progress(found: Input) -> Progress:
    from .progress import Progress

    return Progress(sys.stderr, total_bytes=found.size, noun=found.kind)


def _pass(
    found: Input,
    split: Callable[..., Iterator[Batch]],
    sink: Sink | None,
    *,
    listing: bool = False,
    strict: bool = False,
) -> _Stats:
    """Feed every item to ``split`` and write the batches to ``sink`` (None: only
    check). Each invalid item is counted and, with ``listing``, described as soon
    as it is met (so memory does not grow with their number either). ``strict``:
    an invalid item here, where the checking pass found none, means the input changed."""
    stats = _Stats()
    current: list[Record] = []
    progress = _progress(found)

    def note(lines: list[str]) -> None:
        stats.invalid += 1
        if listing:
            progress.clear()
            for line in lines:
                print(line, file=sys.stderr)

    def items() -> Iterator[Any]:
        for count, record in enumerate(found.records(), start=1):
            current[:] = [record]
            progress.update(count, found.done_bytes())
            if record.problems:
                note(_unreadable_lines(found.name, record))
            else:
                yield record.value

    def on_invalid(error: ItemError) -> None:
        note(_invalid_lines(found.name, current[0], error))

    try:
        for batch in split(items(), skip_invalid=True, on_invalid=on_invalid):
            if strict and stats.invalid:
                raise _Changed(f"{found.name} changed while it was being split; re-run")
            if sink is not None:
                sink.write(batch, stats.batches + 1)
            stats.add(batch)
    finally:
        progress.clear()
    if strict and stats.invalid:
        raise _Changed(f"{found.name} changed while it was being split; re-run")
    if sink is not None:
        sink.close(stats.batches)
    return stats


def _splitter(found: Input, args: argparse.Namespace, options: Options) -> Callable[..., Iterator[Batch]]:
    """``split_*`` with the limits, batch-level fields and options bound, checked now."""
    shape, split = BATCH_FOR_ITEM[found.kind], _SPLITTERS[found.kind]
    given = {"notifyUrl": args.notify_url, "historical": args.historical, "updateEnabled": args.update_enabled}
    flags = {"notifyUrl": "--notify-url", "historical": "--historical", "updateEnabled": "--update-enabled"}
    for key, flag in flags.items():
        if given[key] is not None and key not in shape.fields:
            raise SplitError(f"{flag} does not apply to {shape.items_key}")
    fields = {**found.fields, **{k: v for k, v in given.items() if v is not None and k in shape.fields}}
    kwargs: dict[str, Any] = {"max_bytes": args.max_bytes, "options": options}
    if args.max_items is not None:
        kwargs["max_orders" if found.kind == "order" else "max_items"] = args.max_items
    if found.kind == "order":
        kwargs.update(notify_url=fields.get("notifyUrl"), historical=fields.get("historical"))
    else:
        kwargs["update_enabled"] = fields.get("updateEnabled")
    try:
        split(iter(()), **kwargs)  # the arguments are checked at the call
    except ValueError as error:
        raise SplitError(str(error)) from None

    def bound(items: Iterable[Any], **more: Any) -> Iterator[Batch]:
        return split(items, **kwargs, **more)

    return bound


def _settings() -> Settings:
    """``[tool.brevo-schema]``: items are judged with the options ``check`` uses."""
    from ..config import ConfigError, load

    try:
        return load()
    except ConfigError as error:
        raise SplitError(str(error)) from None


def _summary(stats: _Stats, left_out: int, found: Input, sink: Sink) -> None:
    text = f"{plural(stats.items, found.kind)} in {plural(stats.batches, 'batch')} {sink.where}"
    if stats.batches:
        text += f" (largest: {stats.largest_bytes:,} bytes; fullest: {plural(stats.largest_items, found.kind)})"
    if left_out:
        text += f"; {plural(left_out, 'invalid item')} left out"
    say(text + sink.note)


# What is said of an item that cannot be sent


def _header(name: str, record: Record, item_id: str | None, what: str) -> str:
    named = f" (id {json.dumps(item_id, ensure_ascii=False)})" if item_id is not None else ""
    return f"{name}:{record.line}: item {record.index}{named} {what}"


def _unreadable_lines(name: str, record: Record) -> list[str]:
    """An item whose text is not clean JSON (a syntax error, a duplicate key, NaN)."""
    value = record.value
    item_id = value.get("id") if isinstance(value, dict) else None
    problems = list(record.problems)
    located = with_positions(problems, record.text) if record.text is not None else problems
    named = item_id if isinstance(item_id, str) else None
    return [_header(name, record, named, "is invalid:"), *(_finding_line(name, record, f) for f in located)]


def _invalid_lines(name: str, record: Record, error: ItemError) -> list[str]:
    if isinstance(error, batching.OversizedItemError):
        return [
            _header(name, record, error.item_id, "is too large for any batch:"),
            f"{name}:{record.line}: batch/max-bytes a batch holding only it is {error.size:,} bytes "
            f"as compact UTF-8 JSON; the limit is {error.limit:,}",
        ]
    if not isinstance(error, batching.InvalidItemError):
        return [_header(name, record, error.item_id, f"cannot be sent: {error}")]
    errors = [f.replace(pointer=record.base + f.pointer) for f in error.report.errors]
    located = with_positions(errors, record.text) if record.text is not None else errors
    return [_header(name, record, error.item_id, "is invalid:"), *(_finding_line(name, record, f) for f in located)]


def _finding_line(name: str, record: Record, finding: Finding) -> str:
    """``PATH:LINE:COL: RULE message (hint)``, the position made absolute in the file."""
    if finding.line is None:
        where = f"{record.line}"
    elif finding.line == 1:
        where = f"{record.line}:{record.column + (finding.column or 1) - 1}"
    else:
        where = f"{record.line + finding.line - 1}:{finding.column}"
    hint = f" ({finding.hint})" if finding.hint else ""
    return f"{name}:{where}: {finding.rule} {finding.message}{hint}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
