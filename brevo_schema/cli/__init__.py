"""The ``brevo-schema`` command line: ``check``, ``split``, ``schema``, ``rules``, ``rule``.

Start-up time is the cost every pre-commit run and every CI step pays, so this
module imports only argparse at the top; each command imports what it needs
when it runs (process pools only for big runs, tomllib only when a
pyproject.toml has our table, the explaining engine only for an invalid
payload).

Exit statuses (as README.md says): 0 no error finding (warnings allowed unless
``--strict``), 1 at least one, 2 a usage error or a path that cannot be read
(also when no path holds a payload file); 130 on Ctrl-C, 141 (128 + SIGPIPE,
what a shell reports for a process a closed pipe ended) when the reader of our
output went away (``| head``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager

from .._records import Value, init
from ..kinds import KINDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from ..config import Settings
    from ..io.inputs import Source
    from ..validator import Validator
    from .reporters import DocumentResult, Summary

PROG = "brevo-schema"
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141

#: NDJSON files bigger than this are checked in pieces of about this size.
CHUNK_BYTES = 4 << 20
#: Below this much input (or this many files) a process pool costs more than
#: it saves: starting workers and shipping results takes about 0.1 s, while one
#: process checks about 15 MB, or 4,000 small files, a second.
PARALLEL_MIN_BYTES = 4 << 20
PARALLEL_MIN_UNITS = 2000


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        _leave_if_abandoned(EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        _leave_if_abandoned(EXIT_BROKEN_PIPE)
        return EXIT_BROKEN_PIPE


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not
    raise a second BrokenPipeError (the recipe in Python's ``signal`` docs)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(argv: list[str]) -> int:
    parser = build_parser(with_split=_command_of(argv) == "split")
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    status: int = args.run(args)
    return status


def _command_of(argv: Sequence[str]) -> str | None:
    return next((a for a in argv if not a.startswith("-")), None)


def _version() -> str:
    from .. import __version__

    return f"{PROG} {__version__}"


class _VersionAction(argparse.Action):
    """``--version``, importing the package version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(_version())
        parser.exit()


def build_parser(*, with_split: bool = False) -> argparse.ArgumentParser:
    """The argument parser; ``split``'s own arguments load only when it is the command."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Know before you send: check Brevo eCommerce payloads (orders, products, categories)."
    )
    parser.add_argument("--version", action=_VersionAction)
    # prog given: else argparse builds a help formatter, which imports shutil, on every start-up
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog=PROG)
    _add_check(commands)
    split = commands.add_parser("split", help="split orders, products or categories into API-ready batch bodies")
    if with_split:
        _add_split(split)
    schema = commands.add_parser("schema", help="print a bundled JSON Schema")
    schema.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    schema.set_defaults(run=_schema)
    rules = commands.add_parser("rules", help="list every rule: id, severity, what it catches")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    rules.set_defaults(run=_rules)
    rule = commands.add_parser("rule", help="explain a rule: what it checks, why Brevo cares, examples, its fix")
    rule.add_argument("rule_id", metavar="RULE", help="a rule id such as contact/missing, or an area such as dates")
    rule.set_defaults(run=_rule)
    playground = commands.add_parser("playground", help="serve the browser playground (built from a checkout) locally")
    playground.add_argument("--dir", help="the built page (default: playground/dist)")
    playground.add_argument("--port", type=int, default=0, help="the port on 127.0.0.1 (default: a free one)")
    playground.set_defaults(run=_playground)
    return parser


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (every CPU) or a positive integer, not {text!r}")
    return value


def _add_check(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="check payload files",
        description="Check .json files (one document), .ndjson/.jsonl files (one document a line), "
        "directories (recursively) and - (standard input).",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or - (default: .)")
    check.add_argument("--kind", choices=KINDS, help="the payload kind (default: detected per document)")
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="output format (sarif: SARIF 2.1.0)",
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="text: only errors (and, under --strict, warnings) and the summary"
    )
    check.add_argument("--statistics", action="store_true", help="text: findings counted by rule instead of each one")
    check.add_argument(
        "--only-failures", action="store_true", help="json: only the documents that fail, and the files holding one"
    )
    check.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="warnings fail the check too (exit status 1)",
    )
    check.add_argument("--select", metavar="RULE[,RULE]", help="report only these rules or areas")
    check.add_argument("--ignore", metavar="RULE[,RULE]", help="never report these rules or areas")
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (0, the default: every CPU, once the input is big enough to pay for them)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output")
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="the name standard input is reported as (its suffix says .ndjson)"
    )
    repair = check.add_mutually_exclusive_group()
    repair.add_argument(
        "--fix",
        action="store_true",
        help="rewrite files with every unambiguous fix applied (exit 1 if any changed); "
        "standard input's fixed text goes to standard output, the report to standard error",
    )
    repair.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff (standard input's too); change nothing"
    )
    check.set_defaults(run=_check)


def _add_split(parser: argparse.ArgumentParser) -> None:
    try:
        from . import split as split_command
    except ImportError as error:
        reason = str(error)
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        parser.set_defaults(run=lambda args: _fail(f"split is not available: {reason}"))
        return
    split_command.add_arguments(parser)
    parser.set_defaults(run=split_command.run)


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    _say(f"error: {message}")
    return status


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _schema(args: argparse.Namespace) -> int:
    import json

    from ..schemas import schema

    sys.stdout.write(json.dumps(schema(args.kind), indent=2) + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from . import reporters

    render = {"markdown": reporters.rules_markdown, "json": reporters.rules_json}.get(args.format, reporters.rules_text)
    sys.stdout.write(render())
    sys.stdout.flush()
    return EXIT_OK


def _rule(args: argparse.Namespace) -> int:
    from ..options import UnknownRuleError, check_patterns
    from . import reporters, rule_docs

    try:
        check_patterns([args.rule_id], "rule")  # an unknown id: exit 2, with the closest known one
    except UnknownRuleError as error:
        return _fail(str(error))
    wanted = args.rule_id.rstrip("/")
    chosen = [r for r in reporters.ordered_rules() if r.id == wanted or r.id.startswith(wanted + "/")]
    sys.stdout.write("\n\n".join(rule_docs.explain_rule(r) for r in chosen))
    sys.stdout.flush()
    return EXIT_OK


def _playground(args: argparse.Namespace) -> int:
    from .playground import serve

    return serve(args.dir, args.port)


# check


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


def _settings(args: argparse.Namespace) -> Settings:
    from ..config import load, rule_patterns, split_list

    settings = load()
    select = rule_patterns(split_list(args.select), "--select") if args.select is not None else None
    ignore = rule_patterns(split_list(args.ignore), "--ignore") if args.ignore is not None else None
    return settings.with_flags(select=select, ignore=ignore, strict=args.strict)


def _check(args: argparse.Namespace) -> int:
    import tempfile

    from ..config import ConfigError

    if args.statistics and args.format != "text":
        return _fail("--statistics is for --format text")
    if args.only_failures and args.format != "json":
        return _fail("--only-failures is for --format json")
    try:
        settings = _settings(args)
    except ConfigError as error:
        return _fail(str(error))
    for note in settings.notes:
        _say(note)
    with tempfile.TemporaryDirectory(prefix="brevo-schema-") as spool_dir:
        return _check_in(args, settings, spool_dir)


def _check_in(args: argparse.Namespace, settings: Settings, spool_dir: str) -> int:
    from ..io.inputs import STDIN, collect

    paths = args.paths or ["."]
    stdin = sys.stdin.buffer if STDIN in paths and sys.stdin is not None else None
    collected = collect(paths, stdin=stdin, stdin_name=args.stdin_filename, spool_dir=spool_dir)
    for problem in collected.unreadable:
        _say(f"error: cannot read {problem}")
    for directory in collected.empty:
        _say(f"{directory}: no .json, .ndjson or .jsonl file in this directory")
    if not collected.sources:
        if not collected.unreadable:
            _say("error: nothing to check")
        return EXIT_USAGE
    sources = collected.sources
    changed = 0
    report_out = sys.stdout
    if args.fix or args.diff:
        from .fix import fix_sources

        changed, _ = fix_sources([s for s in sources if not s.stdin], settings, kind=args.kind, diff=args.diff)
        for source in sources:
            if source.stdin:
                changed += _fix_stdin(source, settings, args)
                if args.fix:
                    report_out = sys.stderr  # standard output holds the fixed text
        if args.diff:
            return EXIT_FINDINGS if changed else EXIT_OK
        if changed:  # sizes changed: plan the check on the files as they are now
            sources = [_resized(source) for source in sources]
    units = plan(sources, settings, args.kind)
    jobs = args.jobs or _cpus()
    summary, cannot_check = _report(units, settings, args, jobs, report_out)
    if collected.unreadable or cannot_check:
        return EXIT_USAGE
    if changed:  # as pre-commit expects: a run that changed a file fails
        return EXIT_FINDINGS
    return EXIT_OK if summary.ok(settings.strict) else EXIT_FINDINGS


def _resized(source: Source) -> Source:
    try:
        size = os.stat(source.path).st_size if source.path is not None else source.size
    except OSError:
        return source
    return source.replace(size=size)


def _fix_stdin(source: Source, settings: Settings, args: argparse.Namespace) -> int:
    """``--fix -``: the fixed text on standard output (and checked, as a file's would be);
    ``--diff -``: the diff. Returns 1 when a fix applies, else 0."""
    from ..validation import validator_for
    from .fix import fixed_text

    assert source.path is not None
    with open(source.path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None  # the check reports it; nothing to fix
    new = text
    if text is not None:
        kind, hint = settings.kinds_of(source.display, args.kind)
        new, _ = fixed_text(text, source.ndjson, kind, validator_for(settings.options), hint)
    if args.diff:
        if text is not None and new != text:
            import difflib

            assert new is not None
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"a/{source.display}",
                    f"b/{source.display}",
                )
            )
            sys.stdout.flush()
        return int(new != text)
    out = raw if new is None or new == text else new.encode("utf-8")
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    if new is not None and new != text:
        with open(source.path, "wb") as handle:
            handle.write(out)  # what is checked next: the fixed text
        return 1
    return 0


def _cpus() -> int:
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


def _report(
    units: list[Unit], settings: Settings, args: argparse.Namespace, jobs: int, stream: Any
) -> tuple[Summary, bool]:
    """Check ``units`` and pass each document's result to the reporter as it arrives, in order."""
    from .reporters import Progress, Summary, reporter, use_color

    _tolerant_stdout()
    out = reporter(
        args.format,
        stream,
        strict=settings.strict,
        color=use_color(args.color, stream),
        quiet=args.quiet,
        statistics=args.statistics,
        only_failures=args.only_failures,
    )
    every = out.wants_every_document
    progress = Progress(
        sys.stderr, total_bytes=sum(u.source.size for u in units if u.start == 0), enabled=not args.quiet
    )
    summary, cannot_check = Summary(), False
    open_file: Source | None = None
    failed: Source | None = None
    first_line, first_index, done_bytes = 1, 0, 0

    def close() -> None:
        if open_file is not None:
            out.end_file()

    results = _results(units, settings, jobs, every)
    try:
        for unit, result in results:
            done_bytes += (unit.end if unit.end is not None else unit.source.size) - unit.start
            if unit.source is failed:
                continue
            if result.error is not None:
                progress.clear()
                _say(f"error: cannot read {result.error}")
                if open_file is unit.source:
                    close()  # the documents already reported stay; the file is not counted
                cannot_check, failed, open_file = True, unit.source, None
                continue
            progress.clear()
            if unit.start == 0:
                close()
                open_file, first_line, first_index = unit.source, 1, 0
                out.begin_file(unit.source.display)
                summary.add_file()
            for line, crash in result.crashes:
                where = f"{unit.source.display}:{first_line + line - 1}"
                _say(f"error: brevo-schema failed on {where}: {crash} (please report this bug)")
                cannot_check = True
            for document in result.documents:
                shifted = _shift(document, first_line - 1, first_index)
                summary.add_findings(shifted.findings)
                out.document(shifted)
            summary.documents += result.count
            first_line += result.newlines
            first_index += result.count
            progress.update(summary.documents, done_bytes)
    finally:
        results.close()  # now, so an interrupted run ends its workers before main() sees the exception
    close()
    progress.clear()
    out.finish(summary)
    return summary, cannot_check


def _tolerant_stdout() -> None:
    """Never die on a message a terminal's encoding cannot show (a file name
    that is not UTF-8, a non-ASCII key under LANG=C): escape it instead."""
    import io

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _shift(document: DocumentResult, lines: int, indexes: int) -> DocumentResult:
    """A chunk's document, its index and lines counted from the file's start."""
    if not lines and not indexes:
        return document

    from .reporters import DocumentResult

    findings = tuple(f.replace(line=(f.line or 1) + lines) for f in document.findings)
    return DocumentResult(document.index + indexes, document.kind, findings)


def _results(
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


def _leave_if_abandoned(status: int) -> None:
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
    from ..io.inputs import documents, read
    from .reporters import DocumentResult

    if unit.array:
        return _check_array(unit, validator, every)
    try:
        data = read(unit.source, unit.start, unit.end)
    except OSError as error:
        return UnitResult([], error=f"{unit.source.display}: {error.strerror or error}")
    found: list[DocumentResult] = []
    crashes: list[tuple[int, str]] = []
    count = 0
    for document in documents(data, unit.source.ndjson):
        count += 1
        try:
            report = validator.validate_json(document.data, unit.kind, hint=unit.hint)
        except Exception as error:  # a bug: tell it, and go on with the other documents
            crashes.append((document.line, f"{type(error).__name__}: {error}"))
            continue
        findings = report.findings
        if not findings:
            if every:
                found.append(DocumentResult(document.index, report.kind, ()))
            continue
        if document.line != 1 or any(f.line is None or f.column is None for f in findings):
            # Positions in the file, not in the line; never blank, so every format can show them.
            findings = tuple(f.replace(line=document.line + (f.line or 1) - 1, column=f.column or 1) for f in findings)
        if getattr(unit.source, "stdin", unit.source.path is None) and not unit.source.ndjson:
            findings = _stdin_hints(findings)
        found.append(DocumentResult(document.index, report.kind, findings))
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
