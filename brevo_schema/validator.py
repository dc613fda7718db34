"""``Validator``: everything the options decide, computed once; one way through for every entry point.

The way through: kind -> generated predicate -> enabled rules -> (only when the
predicate says no) the generated explainer, whose issues enabled rules may claim
or rename -> one finishing stage (options, de-duplication, document order,
positions) -> ``Report``.

One principle holds it together: **no error disappears unless the user disabled
every rule that reports it.** A rule that is off runs no check, claims no schema
issue and renames none, so the schema finding beneath it is reported instead
(``schema/type`` for a quantity of 2.5 once ``products/quantity-not-integer`` is
ignored). ``is_valid`` answers ``validate(...).ok`` for the same options without
building a report: where the options could turn a schema failure into no error
(a schema rule ignored or made a warning, a raised limit), it asks ``validate``.
"""

from __future__ import annotations

from functools import cache

from . import pointer as jp
from .engine import predicates as fast
from .io.jsonsource import Parsed, parse
from .io.positions import with_positions
from .kinds import BATCH_FOR_ITEM, BATCHES, Kind, detect_kind, resolve_kind
from .options import DEFAULT_OPTIONS, Options
from .report import Finding, Report, Severity, document_order
from .rules import REGISTRY, Context, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from .engine.issues import SchemaIssue
    from .io.positions import Index
    from .rules.registry import CheckFn, ClaimsFn, RefineFn

ERROR = Severity.ERROR
#: Rules about a number's value itself (NaN, a number past 64 bits): where one reports a value,
#: what the schema says of the same value (a minimum, a type) adds nothing and is dropped.
VALUE_RULES = frozenset({"json/non-finite-number", "numbers/out-of-range"})


class _Plan:
    """What the options decide for one kind: the checks to run, and whether a
    schema failure alone settles ``is_valid``."""

    __slots__ = (
        "checks",
        "error_checks",
        "items_key",
        "item_kind",
        "item_checks",
        "item_error_checks",
        "schema_decides",
    )

    def __init__(self, validator: Validator, kind: Kind) -> None:
        shape = BATCHES.get(kind)
        scope = "batch" if shape else "item"
        self.checks, self.error_checks = validator._checks(kind, scope, kind)
        self.items_key = shape.items_key if shape else None
        self.item_kind = shape.item_kind if shape else None
        self.item_checks: tuple[CheckFn, ...] = ()
        self.item_error_checks: tuple[CheckFn, ...] = ()
        if shape:
            self.item_checks, self.item_error_checks = validator._checks(shape.item_kind, "item", shape.item_kind)
        kinds = {kind, shape.item_kind} if shape else {kind}
        #: Every rule through which a failing schema can end in a finding: the schema's own, the
        #: claims and renamings, and the value rules (whose findings replace the schema's at their place).
        deciders = [
            r
            for r in REGISTRY.values()
            if r.scope == "schema" or r.id in VALUE_RULES or ((r.claims or r.refine) and kinds & r.kinds)
        ]
        self.schema_decides = validator.options.limits == DEFAULT_OPTIONS.limits and all(
            validator.reports_as_error(r, kind) for r in deciders
        )


class Validator:
    """Validation with fixed ``Options``: build one, use it for every payload.

        validator = bs.Validator(bs.Options.build(ignore=["order/status-unknown"]))
        validator.is_valid(order)         # the hot path: a bool, no report
        validator.validate(order)         # every finding
        validator.validate_json(raw)      # parses too; findings get line and column
        validator.fix(order)              # (fixed copy, findings whose fix was applied)

    The module functions (``bs.validate`` ...) use a shared instance per options.
    ``hint``, where a method takes it, is a kind suggested from outside the
    document (a file name): used only when detection finds the document could be
    that kind or another. A Validator pickles as its options.
    """

    __slots__ = ("options", "_enabled", "_severity", "_filters", "_plans", "_handlers", "_unknown_kind_fails")

    def __init__(self, options: Options | None = None) -> None:
        if options is None:
            options = DEFAULT_OPTIONS
        elif not isinstance(options, Options):
            raise TypeError(f"options must be brevo_schema.Options, not {type(options).__name__}")
        self.options = options
        self._enabled = frozenset(rule_id for rule_id in REGISTRY if options.enabled(rule_id))
        #: Severity overrides resolved per rule id (areas expanded; a rule's own entry wins).
        self._severity: dict[str, Severity] = {
            rule_id: severity for rule_id in REGISTRY if (severity := options.severity_of(rule_id)) is not None
        }
        #: Whether the options change any finding at all (else the finishing stage skips them).
        self._filters = len(self._enabled) < len(REGISTRY) or bool(self._severity)
        self._plans: dict[str, _Plan] = {}
        self._handlers: dict[str, tuple[tuple[ClaimsFn, ...], tuple[RefineFn, ...]]] = {}
        self._unknown_kind_fails = self.reports_as_error(REGISTRY["kind/unknown"], None)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Validator, (self.options,))

    def __repr__(self) -> str:
        return f"Validator({self.options!r})"

    # The public entry points

    def is_valid(self, payload: Any, kind: str | None = None, *, hint: str | None = None) -> bool:
        """``self.validate(payload, kind).ok``, answered without building a report."""
        resolved = resolve_kind(payload, kind, hint)
        if resolved is None:
            return not self._unknown_kind_fails
        if not fast.schema_valid(payload, resolved):
            if self._plan(resolved).schema_decides:
                return False
            return self.validate(payload, resolved).ok
        return not self._has_error(self._run_checks(payload, resolved, True))

    def validate(self, payload: Any, kind: str | None = None, *, hint: str | None = None) -> Report:
        """Everything wrong with ``payload`` (already parsed) as a Brevo ``kind``
        (None: detected). Never raises for a bad payload; ``UnknownKind`` only for
        a ``kind`` that is no kind."""
        resolved = resolve_kind(payload, kind, hint)
        if resolved is None:
            return self._finish(None, payload, [unknown_kind(payload)])
        return self._finish(resolved, payload, self._findings(payload, resolved, None))

    def validate_json(self, data: str | bytes, kind: str | None = None, *, hint: str | None = None) -> Report:
        """Parse ``data`` (JSON text or UTF-8 bytes) and validate it; every finding
        carries the line and column it points at. Never raises for bad input."""
        return self.validate_parsed(parse(data), kind, hint=hint)

    def validate_parsed(self, parsed: Parsed, kind: str | None = None, *, hint: str | None = None) -> Report:
        """``validate_json`` past the parse: the document ``jsonsource.parse`` (or a reader
        that parses many, such as ``io.ndjson``) made of a text, its findings joined by the
        parser's and placed in the text."""
        if not parsed.ok:
            return self._finish(None, None, parsed.findings)
        document = parsed.document
        resolved = resolve_kind(document, kind, hint)
        text = parsed.text or ""
        if parsed.keys is not None:  # read by plain json (io.ndjson): taken only when proven whole
            if resolved is None or not self._proven(parsed, resolved):
                return self.validate_parsed(parse(text), kind, hint=hint)
            findings = self._run_checks(document, resolved, False, len(text))  # the schema said yes
            if not findings:
                return _no_findings(resolved)
            return self._finish(resolved, document, findings, text)
        if resolved is None:
            findings = [*parsed.findings, unknown_kind(document)]
        elif not parsed.findings:
            findings = self._findings(document, resolved, len(text))
        else:
            findings = list(parsed.findings)
            # The parser placed NaN/Infinity and numbers past 64 bits: the rest says nothing new of them.
            valued = {f.pointer for f in findings if f.rule in VALUE_RULES and f.rule in self._enabled}
            findings.extend(f for f in self._findings(document, resolved, len(text)) if f.pointer not in valued)
        if not findings:
            return _no_findings(resolved)
        duplicates = any(f.rule == "json/duplicate-key" for f in parsed.findings)
        return self._finish(resolved, document, findings, text, last_occurrence=duplicates, index=parsed.index)

    @staticmethod
    def _proven(parsed: Parsed, kind: Kind) -> bool:
        """Whether a document plain ``json`` made (``Parsed.keys``) is the one ``parse`` makes:
        valid, so every number is within its 64-bit bounds (1e400, read as Infinity, is not),
        and with as many members as its text has keys (none was given twice). NaN and
        Infinity literals never get here: the plain reader's hook sends those lines to ``parse``."""
        document = parsed.document
        if not fast.schema_valid(document, kind):
            return False
        try:
            return fast.members(document, kind) == parsed.keys
        except RecursionError:  # a deep value where the schema leaves the shape open
            return False

    def fix(self, payload: Any, kind: str | None = None, *, hint: str | None = None) -> tuple[Any, list[Finding]]:
        """``(fixed_copy, applied_findings)``: every unambiguous fix of an enabled
        rule applied to a copy (``payload`` is never changed); see ``brevo_schema.fix``."""
        from .fixing import fix_with

        return fix_with(self, payload, kind, hint)

    def reports_as_error(self, rule: Rule, kind: str | None) -> bool:
        """Whether ``rule`` is enabled and its findings (in a ``kind`` document) are errors."""
        if rule.id not in self._enabled:
            return False
        severity = self._severity.get(rule.id)
        if severity is None:
            severity = rule.severity_for(kind) if kind else rule.severity
        return severity is ERROR

    # Checks: one loop for a document, a batch and its items

    def _checks(self, kind: str, scope: str, severity_kind: str) -> tuple[tuple[CheckFn, ...], tuple[CheckFn, ...]]:
        rules = [
            r for r in REGISTRY.values() if r.check and r.scope == scope and kind in r.kinds and r.id in self._enabled
        ]
        every = tuple(r.check for r in rules if r.check)
        errors = tuple(r.check for r in rules if r.check and self.reports_as_error(r, severity_kind))
        return every, errors

    def _plan(self, kind: Kind) -> _Plan:
        plan = self._plans.get(kind)
        if plan is None:
            plan = self._plans[kind] = _Plan(self, kind)
        return plan

    def _run_checks(
        self, document: Any, kind: Kind, errors_only: bool, source_length: int | None = None
    ) -> list[Finding]:
        """The findings of the enabled checks, a batch's own checks first, then each item's.
        ``errors_only`` (for ``is_valid``): only the checks that can report an error, and no
        item after the first that has one. Plain loops filling one list: a generator cost
        about a fifth of the checks' own time on an order."""
        plan = self._plan(kind)
        ctx = Context(kind, self.options, None, source_length)
        found: list[Finding] = []
        for check in plan.error_checks if errors_only else plan.checks:
            found += check(document, "", ctx)
        checks = plan.item_error_checks if errors_only else plan.item_checks
        if plan.items_key is None or not checks or not isinstance(document, dict):
            return found
        items = document.get(plan.items_key)
        if not isinstance(items, list):
            return found
        assert plan.item_kind is not None
        ctx = Context(plan.item_kind, self.options, kind, source_length)
        prefix = "/" + plan.items_key + "/"
        for index, item in enumerate(items):  # the hot loop of a 1000-order batch
            at = prefix + str(index)
            for check in checks:
                found += check(item, at, ctx)
            if errors_only and found and self._has_error(found):
                break
        return found

    def _has_error(self, findings: list[Finding]) -> bool:
        """Whether any of ``findings`` is an error, as the options judge."""
        severity = self._severity
        return any(severity.get(f.rule, f.severity) is ERROR for f in findings)

    def _findings(self, document: Any, kind: Kind, source_length: int | None) -> list[Finding]:
        """The rules' findings, and the schema's (only when the predicate says no)."""
        findings = self._run_checks(document, kind, False, source_length)
        if fast.schema_valid(document, kind):
            return findings
        schema = self._schema_findings(document, kind)
        valued = {f.pointer for f in findings if f.rule in VALUE_RULES}
        if valued:  # NaN is "a number" to JSON Schema: its minimum check says nothing new
            schema = [f for f in schema if f.pointer not in valued]
        return schema + findings

    # The schema's findings: explained, then claimed or renamed by enabled rules

    def _handlers_for(self, kind: str) -> tuple[tuple[ClaimsFn, ...], tuple[RefineFn, ...]]:
        handlers = self._handlers.get(kind)
        if handlers is None:
            enabled = [r for r in REGISTRY.values() if kind in r.kinds and r.id in self._enabled]
            claimers = tuple(r.claims for r in enabled if r.claims)
            refiners = tuple(r.refine for r in enabled if r.refine)
            handlers = self._handlers[kind] = (claimers, refiners)
        return handlers

    def _context_at(self, pointer: str, kind: str) -> Context:
        """The context of the node ``pointer`` names: inside a batch item, the item's kind."""
        shape = BATCHES.get(kind)
        if shape is not None:
            tokens = jp.split(pointer)
            if len(tokens) >= 2 and tokens[0] == shape.items_key and tokens[1].isdigit():
                return Context(shape.item_kind, self.options, kind)
        return Context(kind, self.options)

    def _schema_findings(self, document: Any, kind: Kind) -> list[Finding]:
        schema_issues, schema_findings = _explaining()
        issues = schema_issues(document, kind)
        if not issues:
            # Defensive: the engines are proven to agree; never let a "no" pass silently.
            return [
                REGISTRY["schema/invalid"].finding(
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
            ctx = self._context_at(issue.pointer, kind)
            claimers, refiners = self._handlers_for(ctx.kind)
            if any(claims(issue, ctx) for claims in claimers):
                continue
            refined = next((f for refine in refiners if (f := refine(issue, ctx)) is not None), None)
            if refined is not None:
                found.append(refined)
            else:
                unclaimed.append(issue)
        return found + schema_findings(unclaimed)

    # The one finishing stage

    def _finish(
        self,
        kind: Kind | None,
        document: Any,
        findings: list[Finding],
        text: str | None = None,
        *,
        last_occurrence: bool = False,
        index: Index | None = None,
    ) -> Report:
        """Options applied, duplicates dropped, document order, then line and column from ``text``."""
        if self._filters:
            findings = self._apply_options(findings)
        if len(findings) > 1:
            findings = document_order(document, list(dict.fromkeys(findings)))
        if text is not None:
            findings = with_positions(findings, text, last_occurrence=last_occurrence, index=index)
        return Report(kind, tuple(findings)) if findings else _no_findings(kind)

    def _apply_options(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in map(self._optioned, findings) if f is not None]

    def _optioned(self, finding: Finding) -> Finding | None:
        """``finding`` as the options have it: None when its rule is off, else with its severity."""
        if finding.rule not in self._enabled:
            return None
        severity = self._severity.get(finding.rule)
        if severity is not None and severity is not finding.severity:
            return finding.replace(severity=severity)
        return finding


@cache
def _no_findings(kind: str | None) -> Report:
    """The report of a document with nothing to say, one per kind (reports are immutable):
    building one costs about 2 µs, a twentieth of checking a valid order."""
    return Report(kind, ())


@cache
def _explaining() -> tuple[Callable[[Any, str], list[SchemaIssue]], Callable[[list[SchemaIssue]], list[Finding]]]:
    """The explaining engine and the message writer: imported when first needed (a
    valid document never needs them), then kept (an import statement per call costs)."""
    from .engine.explainer import schema_issues
    from .engine.messages import schema_findings

    return schema_issues, schema_findings


def unknown_kind(document: Any) -> Finding:
    """The ``kind/unknown`` finding for a document no kind fits, naming the candidates."""
    detection = detect_kind(document)
    named = " or ".join(repr(k) for k in detection.candidates) or "'order'"
    hint: str | None = f"name the kind: kind={named} in Python, --kind on the command line"
    if isinstance(document, list):  # several payloads where one belongs: naming a kind would not help
        from .engine.messages import array_of_payloads_hint

        first = detect_kind(document[0]).kind if document else None
        hint = array_of_payloads_hint(first if first in BATCH_FOR_ITEM else None)
    elif isinstance(document, str) and document.strip().startswith(("{", "[")):
        hint = "this is JSON text inside a JSON string (encoded twice): send the object itself"
    elif not isinstance(document, dict):
        hint = None
    return REGISTRY["kind/unknown"].finding("", f"cannot tell which Brevo payload this is: {detection.reason}", hint)
