"""One rule explained, as ``brevo-schema rule ID`` prints it: what it checks, why
Brevo cares and where that is written, a bad and a good example (with what
brevo-schema reports on the bad one), and whether a fix is offered. The texts live
with each rule in the registry (``brevo_schema/rules/``)."""

from __future__ import annotations

import json

from ..rules import Rule
from .reporters import severity_text

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
