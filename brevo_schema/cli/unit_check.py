"""Checking one unit of ``check``'s work, in this process or a worker: a file read whole, a
byte range of NDJSON (``io.ndjson``: decoded once, each line parsed where it sits), a
top-level array element by element, or a big batch object item by item (``io.batchstream``).
Findings come back placed in the file; a read failure comes back, not raised; a bug in the
checker is reported with the document it failed on, and the others are still checked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .runner import UnitResult

if TYPE_CHECKING:
    from ..io.streaming import Record
    from ..report import Finding
    from ..validator import Validator
    from .runner import Unit


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
    if unit.big_object:
        return _check_big_object(unit, validator, every)
    try:
        data = read(unit.source, unit.start, unit.end)
    except OSError as error:
        return UnitResult([], error=f"{unit.source.display}: {error.strerror or error}")
    if unit.source.ndjson:
        return _check_lines(unit, data, validator, every)
    from .results import DocumentResult

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
    from .results import DocumentResult

    found: list[DocumentResult] = []
    crashes: list[tuple[int, str]] = []
    count = 0
    judge, kind, hint = validator.validate_parsed, unit.kind, unit.hint
    for index, line, parsed in parsed_lines(data, plain=True):
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
    from ..io.jsonsource import Parsed
    from ..io.streaming import StreamError, array_items
    from .results import DocumentResult

    found: list[DocumentResult] = []
    crashes: list[tuple[int, str]] = []
    count = 0
    assert unit.source.path is not None
    try:
        with open(unit.source.path, "rb") as stream:
            for record in array_items(stream, unit.source.display):
                count += 1
                parsed = Parsed(record.value, list(record.problems), record.text, ok=True)
                try:
                    report = validator.validate_parsed(parsed, unit.kind, hint=unit.hint)
                except Exception as error:  # a bug: tell it, and go on with the other elements
                    crashes.append((record.line, f"{type(error).__name__}: {error}"))
                    continue
                found_here = tuple(shifted(f, record, f"/{record.index}") for f in report.findings)
                if found_here or every:
                    found.append(DocumentResult(record.index, report.kind, found_here))
    except OSError as error:
        return UnitResult([], error=f"{unit.source.display}: {error.strerror or error}")
    except StreamError:
        # Not an array of JSON values (a syntax error, nesting too deep): checked as one
        # document, so the parser says what is wrong and where, as for any .json file.
        return check_unit(unit.replace(array=False), validator, every)
    return UnitResult(found, count, crashes=tuple(crashes))


def _check_big_object(unit: Unit, validator: Validator, every: bool) -> UnitResult:
    """A big .json file holding an object: read item by item when it is a batch
    (``io.batchstream`` reports what the whole reading would), else read whole."""
    from ..io.batchstream import check_batch_object
    from ..io.streaming import StreamError
    from .results import DocumentResult

    assert unit.source.path is not None
    try:
        with open(unit.source.path, "rb") as stream:
            checked = check_batch_object(stream, unit.source.display, validator, unit.kind, unit.hint)
    except OSError as error:
        return UnitResult([], error=f"{unit.source.display}: {error.strerror or error}")
    except StreamError:
        checked = None  # not JSON (or not UTF-8): the whole reading says what is wrong, and where
    except Exception as error:  # a bug: tell it
        return UnitResult([], 1, crashes=((1, f"{type(error).__name__}: {error}"),))
    if checked is None:
        return check_unit(unit.replace(big_object=False), validator, every)
    kind, findings = checked
    return UnitResult([DocumentResult(0, kind, findings)] if findings or every else [], 1)


def shifted(finding: Finding, record: Record, prefix: str) -> Finding:
    """A finding placed in a value read on its own (``record``), placed in the file:
    its pointer under ``prefix``, its line and column counted from the file's start."""
    line = finding.line or 1
    return finding.replace(
        pointer=prefix + finding.pointer,
        line=record.line + line - 1,
        column=(finding.column or 1) + (record.column - 1 if line == 1 else 0),
    )
