"""The way through: kind -> fast path -> rules -> (only on failure) checker -> report.

``is_valid`` stops at the first sign of an error and builds nothing;
``validate`` builds the complete report. Both judge the same way: a document
is valid when the schema accepts it and no error-severity rule fires.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from . import fast
from . import pointer as jp
from .jsonsource import locate, parse
from .kinds import BATCHES, Kind, check_kind, detect_kind
from .options import DEFAULT_OPTIONS, Options
from .report import Finding, Report, Severity
from .rules import REGISTRY, Context, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from .issues import SchemaIssue
    from .rules.registry import CheckFn


@cache
def _checks(kind: str, scope: str) -> tuple[Rule, ...]:
    return tuple(r for r in REGISTRY.values() if r.check and r.scope == scope and kind in r.kinds)


@cache
def _error_checks(kind: str, scope: str, batch_kind: str | None) -> tuple[Rule, ...]:
    severity_kind = batch_kind if scope == "batch" else kind
    return tuple(r for r in _checks(kind, scope) if r.severity_for(severity_kind or kind) is Severity.ERROR)


@cache
def _issue_handlers(kind: str) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    claimers = tuple(r for r in REGISTRY.values() if r.claims and kind in r.kinds)
    refiners = tuple(r for r in REGISTRY.values() if r.refine and kind in r.kinds)
    return claimers, refiners


def _items(document: Any, kind: str) -> list[Any]:
    items = document.get(BATCHES[kind].items_key) if isinstance(document, dict) else None
    return items if isinstance(items, list) else []


def _enabled_checks(kind: str, scope: str, options: Options) -> tuple[CheckFn, ...]:
    if options is DEFAULT_OPTIONS:
        return _default_checks(kind, scope)
    return tuple(r.check for r in _checks(kind, scope) if r.check and options.enabled(r.id))


@cache
def _default_checks(kind: str, scope: str) -> tuple[CheckFn, ...]:
    return tuple(r.check for r in _checks(kind, scope) if r.check)


def _rule_findings(document: Any, kind: str, options: Options, source_length: int | None) -> list[Finding]:
    found: list[Finding] = []
    if kind not in BATCHES:
        ctx = Context(kind, options, None, source_length)
        for check in _enabled_checks(kind, "item", options):
            found += check(document, "", ctx)
        return found
    ctx = Context(kind, options, None, source_length)
    for check in _enabled_checks(kind, "batch", options):
        found += check(document, "", ctx)
    shape = BATCHES[kind]
    checks = _enabled_checks(shape.item_kind, "item", options)
    ctx = Context(shape.item_kind, options, kind, source_length)
    prefix = "/" + shape.items_key + "/"
    # The hot loop of a 1000-order batch: one list, no per-item helper call.
    for index, item in enumerate(_items(document, kind)):
        at = prefix + str(index)
        for check in checks:
            found += check(item, at, ctx)
    return found


def _context_at(pointer: str, kind: str, options: Options) -> Context:
    """The context of the node ``pointer`` names: inside a batch item, the item's kind."""
    shape = BATCHES.get(kind)
    if shape is not None:
        tokens = jp.split(pointer)
        if len(tokens) >= 2 and tokens[0] == shape.items_key and tokens[1].isdigit():
            return Context(shape.item_kind, options, kind)
    return Context(kind, options)


@cache
def _explaining() -> tuple[Callable[[Any, str], list[SchemaIssue]], Callable[[list[SchemaIssue]], list[Finding]]]:
    """The explaining engine and the message writer: imported when first needed (a
    valid document never needs them), then kept (an import statement per call costs)."""
    from .checker import schema_issues
    from .messages import schema_findings

    return schema_issues, schema_findings


def _schema_findings(document: Any, kind: str, options: Options) -> list[Finding]:
    schema_issues, schema_findings = _explaining()
    issues = schema_issues(document, kind)
    if not issues:
        # Defensive: the engines are proven to agree; never let a "no" pass silently.
        return [
            Finding(
                "schema/invalid",
                Severity.ERROR,
                "",
                "the fast validator rejects this document but the explaining one finds no reason",
                "please report this as a bug in brevo-schema, with the document",
            )
        ]
    type_errors = {i.pointer for i in issues if i.keyword == "type"}
    found: list[Finding] = []
    unclaimed = []
    for issue in issues:
        if issue.keyword != "type" and issue.pointer in type_errors:
            continue  # a value of the wrong type explains every other issue there
        ctx = _context_at(issue.pointer, kind, options)
        claimers, refiners = _issue_handlers(ctx.kind)
        if any(r.claims(issue, ctx) for r in claimers):  # type: ignore[misc]
            continue
        refined = next((f for r in refiners if (f := r.refine(issue, ctx)) is not None), None)  # type: ignore[misc]
        if refined is not None:
            if refined not in found:
                found.append(refined)
        else:
            unclaimed.append(issue)
    return found + schema_findings(unclaimed)


def _apply_options(findings: list[Finding], options: Options) -> list[Finding]:
    if options is DEFAULT_OPTIONS:
        return findings
    out = []
    for finding in findings:
        if not options.enabled(finding.rule):
            continue
        severity = options.severities.get(finding.rule)
        if severity is not None and severity is not finding.severity:
            finding = _with_severity(finding, severity)
        out.append(finding)
    return out


def _with_severity(finding: Finding, severity: Severity) -> Finding:

    return finding.replace(severity=severity)


def document_order(document: Any, findings: list[Finding]) -> list[Finding]:
    """``findings`` sorted by where they are in ``document`` (keys in written order)."""

    def key(finding: Finding) -> list[int]:
        node, out = document, []
        for token in jp.split(finding.pointer):
            if isinstance(node, dict):
                keys = list(node)
                position = keys.index(token) if token in node else len(keys)
                out.append(position)
                node = node.get(token)
            elif isinstance(node, (list, tuple)) and token.isdigit():
                out.append(int(token))
                node = node[int(token)] if int(token) < len(node) else None
            else:
                out.append(1 << 30)
                node = None
        return out

    return sorted(findings, key=key)


def check_document(
    document: Any, kind: Kind, options: Options = DEFAULT_OPTIONS, source_length: int | None = None
) -> list[Finding]:
    """Every finding for ``document`` judged as ``kind``, in document order
    (``source_length``: see ``Context``)."""
    findings = _rule_findings(document, kind, options, source_length)
    if not fast.schema_valid(document, kind):
        schema_findings = _schema_findings(document, kind, options)
        non_finite = {f.pointer for f in findings if f.rule == "json/non-finite-number"}
        if non_finite:  # NaN is "a number" to JSON Schema: its minimum check says nothing new
            schema_findings = [f for f in schema_findings if f.pointer not in non_finite]
        findings = schema_findings + findings
    findings = _apply_options(findings, options)
    return document_order(document, findings) if len(findings) > 1 else findings


def unknown_kind(document: Any) -> Finding:
    detection = detect_kind(document)
    named = " or ".join(repr(k) for k in detection.candidates) or "'order'"
    return Finding(
        "kind/unknown",
        Severity.ERROR,
        "",
        f"cannot tell which Brevo payload this is: {detection.reason}",
        f"name the kind: kind={named} in Python, --kind on the command line",
    )


def resolve_kind(document: Any, kind: str | None) -> Kind | None:
    if kind is not None:
        return check_kind(kind)
    return detect_kind(document).kind


def validate(payload: Any, kind: str | None = None, *, options: Options | None = None) -> Report:
    """Everything wrong with ``payload`` (already parsed) as a Brevo ``kind``.

    ``kind=None`` detects the kind from the payload's keys. Never raises for a
    bad payload; raises ``UnknownKind`` only for a ``kind`` that is no kind.
    """
    resolved = resolve_kind(payload, kind)
    if resolved is None:
        return Report(None, (unknown_kind(payload),))
    return Report(resolved, tuple(check_document(payload, resolved, options or DEFAULT_OPTIONS)))


def is_valid(payload: Any, kind: str | None = None) -> bool:
    """``validate(payload, kind).ok``, answered without building a report."""
    resolved = resolve_kind(payload, kind)
    if resolved is None or not fast.schema_valid(payload, resolved):
        return False
    if resolved not in BATCHES:
        return not _has_error(_error_checks(resolved, "item", None), payload, "", Context(resolved, DEFAULT_OPTIONS))
    if _has_error(_error_checks(resolved, "batch", resolved), payload, "", Context(resolved, DEFAULT_OPTIONS)):
        return False
    shape = BATCHES[resolved]
    rules = _error_checks(shape.item_kind, "item", None)
    if not rules:
        return True
    ctx = Context(shape.item_kind, DEFAULT_OPTIONS, resolved)
    prefix = "/" + shape.items_key + "/"
    return not any(_has_error(rules, item, prefix + str(i), ctx) for i, item in enumerate(_items(payload, resolved)))


def _has_error(rules: Iterable[Rule], node: Any, at: str, ctx: Context) -> bool:
    for rule in rules:
        for finding in rule.check(node, at, ctx):  # type: ignore[misc]
            if finding.severity is Severity.ERROR:
                return True
    return False


def validate_json(data: str | bytes, kind: str | None = None, *, options: Options | None = None) -> Report:
    """Parse ``data`` (JSON text or UTF-8 bytes) and validate it; every finding
    carries the line and column it points at. Never raises for bad input."""
    options = options or DEFAULT_OPTIONS
    parsed = parse(data)
    if not parsed.ok:
        return Report(None, tuple(_apply_options(parsed.findings, options)))
    document = parsed.document
    resolved = resolve_kind(document, kind)
    findings = _apply_options(list(parsed.findings), options)
    if resolved is None:
        findings.extend(_apply_options([unknown_kind(document)], options))
    else:
        # The parser already placed NaN/Infinity: drop what the schema and rules say of the same values.
        non_finite = {f.pointer for f in parsed.findings if f.rule == "json/non-finite-number"}
        found = check_document(document, resolved, options, len(parsed.text or ""))
        findings.extend(f for f in found if f.pointer not in non_finite)
    findings = document_order(document, findings)
    duplicates = any(f.rule == "json/duplicate-key" for f in parsed.findings)
    return Report(resolved, tuple(with_positions(findings, parsed.text, last_occurrence=duplicates)))


def with_positions(findings: list[Finding], text: str | None, *, last_occurrence: bool = False) -> list[Finding]:
    """``findings`` with line and column filled in from ``text`` (``last_occurrence``:
    the text has duplicate keys, so keep scanning for the occurrence parsers keep)."""

    if text is None or not findings:
        return findings
    positions = locate(text, {f.pointer for f in findings if f.line is None}, last_occurrence=last_occurrence)
    out = []
    for finding in findings:
        at = positions.get(finding.pointer) if finding.line is None else None
        if at is None and finding.line is None:
            at = _nearest(finding.pointer, text, positions)
        out.append(finding.replace(line=at.line, column=at.column) if at else finding)
    return out


def _nearest(pointer: str, text: str, positions: dict[str, Any]) -> Any:
    """The position of the closest existing ancestor of ``pointer``."""
    while pointer:
        pointer = jp.parent(pointer)
        if pointer in positions:
            return positions[pointer]
        found = locate(text, [pointer])
        if pointer in found:
            return found[pointer]
    return None
