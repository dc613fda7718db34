"""The rules documented: the table ``brevo-schema rules`` prints (and the README shows), and
one rule explained, as ``brevo-schema rule ID`` prints it: what it checks, why
Brevo cares and where that is written, a bad and a good example (with what
brevo-schema reports on the bad one), and whether a fix is offered. The texts live
with each rule in the registry (``brevo_schema/rules/``)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..rules import REGISTRY, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_WIDTH = 88
_KIND_NAMES = {
    "order": "an order",
    "order-batch": "an order batch",
    "product": "a product",
    "product-batch": "a product batch",
    "category": "a category",
    "category-batch": "a category batch",
}


def explain_rule(rule: Rule) -> str:
    """What ``rule`` checks, why Brevo cares (and where that is written), a bad and a good
    example with what brevo-schema reports on the bad one, and whether a fix is offered."""
    import textwrap

    def para(text: str, indent: str = "  ") -> str:
        return textwrap.fill(text, _WIDTH, initial_indent=indent, subsequent_indent=indent) + "\n"

    out = [f"{rule.id} ({severity_text(rule)}; {_applies_to(rule)})\n", para(rule.summary, "")]
    if rule.why:
        out += ["\nWhy it matters\n", para(rule.why), para(f"Source: {rule.source}")]
    if rule.example is not None:
        bad, good = rule.example.payloads()
        kind = rule.example.kind
        what = _KIND_NAMES[kind] if kind else "a document of no kind"
        off = f"; with {', '.join(rule.example.ignore)} ignored" if rule.example.ignore else ""
        out += [f"\nBad ({what}{off})\n", _show(bad)]
        out += [f"brevo-schema reports:\n{line}\n" for line in _reported(rule, bad)][:1]
        out += ["\nGood\n", _show(good)]
    out += ["\nFix\n", para(rule.fix_note or ("offered" if rule.fixable else "none"))]
    return "".join(out)


def _applies_to(rule: Rule) -> str:
    from ..kinds import BATCHES, KINDS

    if rule.kinds >= set(KINDS):
        return "every kind"
    kinds: list[str] = [k for k in KINDS if k in rule.kinds]
    if rule.scope == "item":
        kinds += [f"{b}'s items" for b, shape in BATCHES.items() if shape.item_kind in rule.kinds]
    return ", ".join(kinds)


def _reported(rule: Rule, payload: Any) -> list[str]:
    """The findings of ``rule`` on ``payload``, one line each, as ``check`` prints them."""
    from ..options import Options
    from ..validator import Validator

    assert rule.example is not None
    validator = Validator(Options.build(ignore=list(rule.example.ignore)))
    kind = rule.example.kind
    report = validator.validate_json(payload, kind) if isinstance(payload, str) else validator.validate(payload, kind)
    lines = []
    for f in report.findings:
        if f.rule == rule.id:
            where = f"{f.line}:{f.column}: " if f.line is not None else f"{f.pointer or '/'}: "
            hint = f" ({f.hint})" if f.hint else ""
            lines.append(f"  {where}{f.severity.value} {f.rule} {f.message}{hint}")
    return ["\n".join(lines)] if lines else []


def _show(payload: Any) -> str:
    """An example payload, indented; long arrays and strings shortened, and said to be."""
    if isinstance(payload, str):  # JSON text, shown as written
        text = payload
        if len(text) > 600:
            text = f"{text[:70]}…{text[-30:]}\n(shortened: {len(payload):,} characters in all)"
    else:
        text = json.dumps(_shortened(payload), indent=2, ensure_ascii=False)
        if _shortened(payload) != payload:
            text += "\n(shortened for display)"
    return "".join(f"  {line}\n" for line in text.splitlines())


def _shortened(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _shortened(v) for k, v in value.items()}
    if isinstance(value, list):
        if len(value) > 3:
            return [_shortened(value[0]), f"… {len(value) - 2:,} more like these …", _shortened(value[-1])]
        return [_shortened(v) for v in value]
    if isinstance(value, str) and len(value) > 60:
        return f"{value[:20]}… ({len(value):,} characters)"
    return value


# The rule table: ``brevo-schema rules`` and the README, from the registry.


def severity_text(rule: Rule) -> str:
    """``error``, or ``error (warning for order-batch)`` where a kind differs."""
    others: dict[str, list[str]] = {}
    for kind, severity in rule.severity_by_kind.items():
        if severity is not rule.severity:
            others.setdefault(severity.value, []).append(kind)
    extra = "; ".join(f"{severity} for {', '.join(sorted(kinds))}" for severity, kinds in others.items())
    return f"{rule.severity.value} ({extra})" if extra else rule.severity.value


def ordered_rules() -> list[Rule]:
    """Every rule, grouped by area (areas in the order they are first
    registered, rules in registration order within one), so that a rule
    registered by another module still sits beside its area's others."""
    areas: dict[str, list[Rule]] = {}
    for rule in REGISTRY.values():
        areas.setdefault(rule.id.split("/", 1)[0], []).append(rule)
    return [rule for group in areas.values() for rule in group]


def rule_rows(rules: Iterable[Rule] | None = None) -> list[tuple[str, str, str]]:
    """(id, severity, summary) for every rule (or ``rules``), grouped by area."""
    return [(r.id, severity_text(r), r.summary) for r in (ordered_rules() if rules is None else rules)]


def rules_text() -> str:
    rows = rule_rows()
    id_width = max(len(r[0]) for r in rows)
    severity_width = max(len(r[1]) for r in rows)
    return "".join(f"{i:<{id_width}}  {s:<{severity_width}}  {summary}\n" for i, s, summary in rows)


def rules_markdown() -> str:
    """The README's rule table (kept in step with the registry by a test)."""
    lines = ["| Rule | Severity | What it catches | Fix |", "|---|---|---|---|"]
    fixable = {r.id: r.fixable for r in REGISTRY.values()}
    lines += [f"| `{i}` | {s} | {_cell(summary)} | {'safe' if fixable[i] else ''} |" for i, s, summary in rule_rows()]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_json() -> str:
    """Every rule as JSON, for tools: id, severity, per-kind severities, summary."""
    rows = [
        {
            "id": r.id,
            "severity": r.severity.value,
            "severity_by_kind": {kind: severity.value for kind, severity in r.severity_by_kind.items()},
            "summary": r.summary,
            "fixable": r.fixable,
            "why": r.why,
            "source": r.source,
            "fix": r.fix_note,
        }
        for r in ordered_rules()
    ]
    return json.dumps(rows, indent=2) + "\n"
