"""``brevo-schema check``: settings from the configuration and the flags, the files to read,
fixes first when asked, then the runner's results handed to the chosen reporter in order."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from .runner import cpus, plan, results, unit_bytes, workers_for
from .terminal import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, say, tolerant_stdout

if TYPE_CHECKING:
    from ..config import Settings
    from ..io.inputs import Scratch, Source
    from .results import DocumentResult, Summary
    from .runner import Unit


def _settings(args: argparse.Namespace) -> Settings:
    from ..config import load, rule_patterns, split_list

    settings = load()
    select = rule_patterns(split_list(args.select), "--select") if args.select is not None else None
    ignore = rule_patterns(split_list(args.ignore), "--ignore") if args.ignore is not None else None
    return settings.with_flags(select=select, ignore=ignore, strict=args.strict)


def run(args: argparse.Namespace) -> int:
    from ..config import ConfigError
    from ..io.inputs import Scratch

    if args.statistics and args.format != "text":
        return fail("--statistics is for --format text")
    if args.only_failures and args.format != "json":
        return fail("--only-failures is for --format json")
    try:
        settings = _settings(args)
    except ConfigError as error:
        return fail(str(error))
    for note in settings.notes:
        say(note)
    with Scratch() as scratch:
        return _check_in(args, settings, scratch)


def _check_in(args: argparse.Namespace, settings: Settings, scratch: Scratch) -> int:
    from ..io.inputs import STDIN, collect

    paths = args.paths or ["."]
    stdin = sys.stdin.buffer if STDIN in paths and sys.stdin is not None else None
    collected = collect(paths, stdin=stdin, stdin_name=args.stdin_filename, scratch=scratch)
    for problem in collected.unreadable:
        say(f"error: cannot read {problem}")
    for directory in collected.empty:
        say(f"{directory}: no .json, .ndjson or .jsonl file in this directory")
    if not collected.sources:
        if not collected.unreadable:
            say("error: nothing to check")
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
    workers = workers_for(sources, args.jobs or cpus())
    units = plan(sources, settings, args.kind, workers)
    summary, cannot_check = _report(units, settings, args, workers, report_out)
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


def _report(
    units: list[Unit], settings: Settings, args: argparse.Namespace, workers: int, stream: Any
) -> tuple[Summary, bool]:
    """Check ``units`` and pass each document's result to the reporter as it arrives, in order."""
    from .progress import Progress
    from .reporters import reporter, use_color
    from .results import Summary

    tolerant_stdout()
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

    checked = results(units, settings, workers, every)
    try:
        for unit, result in checked:
            done_bytes += unit_bytes(unit)
            if unit.source is failed:
                continue
            if result.error is not None:
                progress.clear()
                say(f"error: cannot read {result.error}")
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
                say(f"error: brevo-schema failed on {where}: {crash} (please report this bug)")
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
        checked.close()  # now, so an interrupted run ends its workers before main() sees the exception
    close()
    progress.clear()
    out.finish(summary)
    return summary, cannot_check


def _shift(document: DocumentResult, lines: int, indexes: int) -> DocumentResult:
    """A chunk's document, its index and lines counted from the file's start."""
    if not lines and not indexes:
        return document

    from .results import DocumentResult

    findings = tuple(f.replace(line=(f.line or 1) + lines) for f in document.findings)
    return DocumentResult(document.index + indexes, document.kind, findings)
