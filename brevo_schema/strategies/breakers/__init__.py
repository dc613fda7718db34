"""Invalid payloads, arranged like ``brevo_schema/rules/``: ``invalid(kind, rule)`` draws
payloads on which ``validate`` reports ``rule`` and no other."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, overload

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from ...kinds import BATCHES, KINDS, check_kind
from ...rules import REGISTRY
from ..base import Payload
from ..batches import payloads
from .batches import _batch_level_breakers, _lift
from .catalog import _catalog_breakers
from .mutations import UNPRODUCIBLE, _Breaker
from .orders import _order_breakers
from .text import INVALID_JSON_RULES


def _item_breakers(kind: str) -> dict[str, list[_Breaker]]:
    if kind == "order":
        return _order_breakers()
    return _catalog_breakers(kind)


def _all_breakers(kind: str) -> dict[str, list[_Breaker]]:
    if kind not in BATCHES:
        return _item_breakers(kind)
    breakers = _batch_level_breakers(kind)
    for rule, alternatives in _item_breakers(BATCHES[kind].item_kind).items():
        breakers.setdefault(rule, []).extend(_lift(kind, b) for b in alternatives)
    return breakers


_BREAKERS: Final[Mapping[str, Mapping[str, list[_Breaker]]]] = {kind: _all_breakers(kind) for kind in KINDS}


def invalid_rules(kind: str) -> tuple[str, ...]:
    """The rule ids ``invalid(kind, rule)`` can break, in the registry's order."""
    breakers = _BREAKERS[check_kind(kind)]
    return tuple(rule for rule in REGISTRY if rule in breakers)


@st.composite
def _broken(draw: st.DrawFn, kind: str, breaker: _Breaker) -> Payload:
    payload = draw(payloads(kind, **breaker.base))
    breaker.mutate(draw, payload)
    return payload


def _broken_by(kind: str, rule: str) -> SearchStrategy[Payload]:
    breakers = _BREAKERS[kind].get(rule)
    if breakers is None:
        reason = UNPRODUCIBLE.get(rule) or (
            "use invalid_json() for it" if rule in INVALID_JSON_RULES else "the rule does not apply to this kind"
        )
        raise InvalidArgument(
            f"invalid({kind!r}, {rule!r}): no {kind} payload breaks {rule} ({reason}); "
            f"breakable: {', '.join(invalid_rules(kind))}"
        )
    return st.one_of([_broken(kind, b) for b in breakers])


@overload
def invalid(kind: str, rule: None = None) -> SearchStrategy[tuple[Payload, str]]: ...
@overload
def invalid(kind: str, rule: str) -> SearchStrategy[Payload]: ...
def invalid(kind: str, rule: str | None = None) -> SearchStrategy[Payload] | SearchStrategy[tuple[Payload, str]]:
    """Payloads of ``kind`` on which ``validate(payload, kind)`` reports ``rule``, and no other rule.

    With ``rule=None``: ``(payload, rule)`` pairs over every rule in ``invalid_rules(kind)``.
    Each payload is a valid draw with one realistic mistake: a wrong type, a
    dropped or mis-cased key, an unknown key, an empty string, a negative price,
    a bad date, e-mail, URL or country code, an order without contact...
    """
    check_kind(kind)
    if rule is not None:
        return _broken_by(kind, rule)
    rules = invalid_rules(kind)
    return st.sampled_from(rules).flatmap(lambda r: _broken_by(kind, r).map(lambda payload: (payload, r)))
