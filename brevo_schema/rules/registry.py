"""The rule registry: one entry per rule id, the single source for the engine,
the CLI's ``rules`` command, the README table and the strategies' ``invalid``.

A rule works in one or both of two ways:

* ``check`` looks at a document (or one item of a batch) and returns findings.
  It runs on every validation, so it must be cheap.
* ``refine`` runs only when the schema says no: it is shown each schema issue
  and may replace it with its own, better-named finding (``keys/case`` instead
  of "unknown key Products" plus "products is required"). ``claims`` drops schema
  issues the rule's ``check`` already reports, so each problem is told once.

Rules without code (``json/...``, ``kind/unknown``, ``schema/...``) are listed
here too, so every id a report can carry is documented in one place.

Every rule explains itself where it is registered (``brevo-schema rule ID`` prints it):
``summary`` (what it catches, one line), ``why`` (why Brevo cares), ``source`` (where
that is documented), an ``Example`` (a bad payload that fires it and the same payload
put right) and ``fix_note`` (what a fix does, or why none is offered). A test runs every
example through the validator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .. import pointer as jp
from .._records import Value, init
from ..kinds import BATCHES as _BATCH_SHAPES
from ..kinds import ITEM_KINDS, KINDS
from ..options import Options
from ..report import Finding, Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal, TypedDict, Unpack

    from ..engine.issues import SchemaIssue
    from ..report import JsonPatch

    Scope = Literal["item", "batch", "parser", "schema", "detection"]
    CheckFn = Callable[[Any, str, "Context"], Iterable[Finding]]
    RefineFn = Callable[[SchemaIssue, "Context"], Finding | None]
    ClaimsFn = Callable[[SchemaIssue, "Context"], bool]

    class RuleDocs(TypedDict, total=False):
        """What every rule says of itself, however it is registered (see the module's docstring)."""

        why: str
        source: str
        example: Example | None
        fix_note: str


class Context:
    """What a rule may know beyond the node it checks (built once per document: a plain class)."""

    __slots__ = ("kind", "options", "batch_kind", "source_length")

    def __init__(
        self, kind: str, options: Options, batch_kind: str | None = None, source_length: int | None = None
    ) -> None:
        #: The kind of the node a rule looks at: an item's kind inside a batch.
        self.kind = kind
        self.options = options
        #: The batch's kind when the node is inside one.
        self.batch_kind = batch_kind
        #: Characters of the JSON text the document was parsed from (None: built in Python).
        #: Its parser has then already reported NaN and Infinity, and its length bounds the body's.
        self.source_length = source_length


class Example(Value):
    """A rule's documented example: ``bad`` makes the rule fire; ``good`` is the same
    payload put right, and draws no finding at all. Each is a JSON value, or JSON text
    (a ``str``, for the parser's rules), or a function returning one (a payload too big
    to build on every import). ``kind`` is what they are validated as (None: detected);
    ``ignore`` names rules the example turns off (a schema keyword whose failure a named
    rule tells is seen only with that rule off)."""

    __slots__ = ("bad", "good", "kind", "ignore")
    bad: Any
    good: Any
    kind: str | None
    ignore: tuple[str, ...]

    def __init__(self, bad: Any, good: Any, kind: str | None = None, ignore: Iterable[str] = ()) -> None:
        init(self, bad=bad, good=good, kind=kind, ignore=tuple(ignore))

    def payloads(self) -> tuple[Any, Any]:
        """``(bad, good)``, built."""
        return (self.bad() if callable(self.bad) else self.bad, self.good() if callable(self.good) else self.good)


class Rule(Value):
    """A rule's identity, behaviour and documentation. ``summary`` is its one-line reason."""

    __slots__ = (
        "id",
        "severity",
        "summary",
        "kinds",
        "scope",
        "check",
        "refine",
        "claims",
        "fixable",
        "severity_by_kind",
        "why",
        "source",
        "example",
        "fix_note",
    )
    _compare = ("id",)
    id: str
    severity: Severity
    summary: str
    kinds: frozenset[str]
    scope: Scope
    check: CheckFn | None
    refine: RefineFn | None
    claims: ClaimsFn | None
    fixable: bool
    severity_by_kind: Mapping[str, Severity]
    #: Why Brevo cares: what goes wrong when the rule's problem is sent.
    why: str
    #: Where that is documented (Brevo's reference, guide, SDKs, public issues).
    source: str
    #: A payload that fires the rule and the same payload put right (None: none can be written).
    example: Example | None
    #: What the fix does and why it is always safe, or why no fix is offered.
    fix_note: str

    def __init__(
        self,
        id: str,
        severity: Severity,
        summary: str,
        kinds: frozenset[str],
        scope: Scope,
        check: CheckFn | None = None,
        refine: RefineFn | None = None,
        claims: ClaimsFn | None = None,
        fixable: bool = False,
        severity_by_kind: Mapping[str, Severity] | None = None,
        why: str = "",
        source: str = "",
        example: Example | None = None,
        fix_note: str = "",
    ) -> None:
        init(
            self,
            id=id,
            severity=severity,
            summary=summary,
            kinds=kinds,
            scope=scope,
            check=check,
            refine=refine,
            claims=claims,
            fixable=fixable,
            severity_by_kind=dict(severity_by_kind or {}),
            why=why,
            source=source,
            example=example,
            fix_note=fix_note,
        )

    def severity_for(self, kind: str) -> Severity:
        return self.severity_by_kind.get(kind, self.severity)

    def finding(
        self,
        pointer: str,
        message: str,
        hint: str | None = None,
        fix: JsonPatch | None = None,
        *,
        kind: str | None = None,
    ) -> Finding:
        severity = self.severity_for(kind) if kind else self.severity
        return Finding(self.id, severity, pointer, message, hint, fix=fix)


REGISTRY: dict[str, Rule] = {}

# Kind sets for ``Rule.kinds``, from the table in ``brevo_schema.kinds``.
ORDER = frozenset({"order"})
#: The catalog's item kinds: every item kind but the order.
CATALOG = frozenset(ITEM_KINDS) - ORDER
BATCHES = frozenset(_BATCH_SHAPES)
ALL_KINDS = frozenset(KINDS)


def register(rule: Rule) -> Rule:
    if rule.id in REGISTRY:
        raise ValueError(f"rule {rule.id} registered twice")
    REGISTRY[rule.id] = rule
    return rule


def rule(
    rule_id: str,
    severity: Severity,
    summary: str,
    *,
    kinds: Iterable[str],
    scope: Scope = "item",
    fixable: bool = False,
    severity_by_kind: Mapping[str, Severity] | None = None,
    claims: ClaimsFn | None = None,
    **docs: Unpack[RuleDocs],
) -> Callable[[CheckFn], Rule]:
    """Register the decorated function as a rule's ``check``; the name becomes the Rule."""
    by_kind = dict(severity_by_kind or {})
    return _registering(
        "check", rule_id, severity, summary, kinds, scope, claims, fixable, severity_by_kind=by_kind, **docs
    )


def refiner(
    rule_id: str,
    severity: Severity,
    summary: str,
    *,
    kinds: Iterable[str],
    fixable: bool = False,
    claims: ClaimsFn | None = None,
    **docs: Unpack[RuleDocs],
) -> Callable[[RefineFn], Rule]:
    """Register the decorated function as a rule that renames schema issues."""
    return _registering("refine", rule_id, severity, summary, kinds, "item", claims, fixable, **docs)


def _registering(
    role: Literal["check", "refine"],
    rule_id: str,
    severity: Severity,
    summary: str,
    kinds: Iterable[str],
    scope: Scope,
    claims: ClaimsFn | None,
    fixable: bool,
    **more: Any,
) -> Callable[[Any], Rule]:
    """The decorator ``rule`` and ``refiner`` return: it registers the function it is
    given as the new rule's ``role`` (its check, or its refine) and returns the Rule."""

    def decorate(function: Any) -> Rule:
        role_function = {role: function}
        return register(
            Rule(
                rule_id,
                severity,
                summary,
                frozenset(kinds),
                scope,
                claims=claims,
                fixable=fixable,
                **role_function,
                **more,
            )
        )

    return decorate


def describe(rule_id: str, severity: Severity, summary: str, scope: Scope, **docs: Unpack[RuleDocs]) -> None:
    """Register a rule whose findings come from the parser, detection or schema."""
    register(Rule(rule_id, severity, summary, ALL_KINDS, scope, **docs))


def replace_op(at: str, value: Any) -> JsonPatch:
    return ({"op": "replace", "path": at, "value": value},)


def remove_op(at: str) -> JsonPatch:
    return ({"op": "remove", "path": at},)


def move_op(source: str, target: str) -> JsonPatch:
    return ({"op": "move", "from": source, "path": target},)


def code(value: Any, limit: int = 40) -> str:
    """A short, readable rendering of a JSON value for a message."""
    import json

    if type(value) is int and value.bit_length() > 64:
        from .numbers import describe_integer  # never str() a huge integer: Python refuses past 4300 digits

        return describe_integer(value)
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        try:
            text = repr(value)
        except (ValueError, RecursionError):
            text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["REGISTRY", "Context", "Example", "Rule", "jp"]
