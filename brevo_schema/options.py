"""What a caller may tune: batch limits, rule selection and severities.

The defaults are Brevo's documented limits. ``select``/``ignore`` take rule ids
or whole areas (``batch`` or ``batch/`` selects every ``batch/...`` rule), as
the CLI and ``[tool.brevo-schema]`` spell them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ._records import Value, init
from .kinds import BATCHES
from .kinds import FIVE_MB as FIVE_MB  # where the split command imports it from
from .report import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final


def _documented(limit: int | None) -> int:
    if limit is None:  # pragma: no cover - a table edit that Limits would have to follow
        raise AssertionError("kinds.BATCHES lost a limit that Limits defaults to")
    return limit


_ORDERS, _PRODUCTS, _CATEGORIES = BATCHES["order-batch"], BATCHES["product-batch"], BATCHES["category-batch"]


class Limits(Value):
    """Batch limits; the defaults are Brevo's documented ones (``kinds.BATCHES``)."""

    __slots__ = ("max_orders", "max_order_bytes", "max_products", "max_products_update", "max_categories")
    max_orders: int
    max_order_bytes: int
    max_products: int
    max_products_update: int
    max_categories: int

    def __init__(
        self,
        max_orders: int = _ORDERS.max_items,
        max_order_bytes: int = _documented(_ORDERS.max_bytes),
        max_products: int = _PRODUCTS.max_items,
        max_products_update: int = _documented(_PRODUCTS.max_items_update),
        max_categories: int = _CATEGORIES.max_items,
    ) -> None:
        init(
            self,
            max_orders=max_orders,
            max_order_bytes=max_order_bytes,
            max_products=max_products,
            max_products_update=max_products_update,
            max_categories=max_categories,
        )

    def max_items(self, batch_kind: str, update_enabled: bool) -> int:
        if batch_kind == "order-batch":
            return self.max_orders
        if batch_kind == "product-batch":
            return self.max_products_update if update_enabled else self.max_products
        return self.max_categories


_DEFAULT_LIMITS: Final = Limits()


def _matches(rule_id: str, patterns: frozenset[str]) -> bool:
    if rule_id in patterns:
        return True
    area = rule_id.split("/", 1)[0]
    return area in patterns or f"{area}/" in patterns


class UnknownRuleError(ValueError):
    """A rule id or area that no rule has: a typo would otherwise select or ignore nothing."""


def check_patterns(patterns: Iterable[str], option: str) -> tuple[str, ...]:
    """``patterns`` if each is a rule id or an area (``batch`` or ``batch/``); else ``UnknownRuleError``
    naming the first unknown one, with the closest known spelling. A string is read as the
    flags read it: a comma-separated list."""
    if isinstance(patterns, str):
        patterns = [part.strip() for part in patterns.split(",") if part.strip()]
    else:
        patterns = list(patterns)
    if not patterns:
        return ()
    from .rules import REGISTRY  # the rules register themselves on import; never at start-up

    areas = {rule_id.split("/", 1)[0] for rule_id in REGISTRY}
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise TypeError(f"{option}: rule ids are strings, not {type(pattern).__name__}")
        if pattern in REGISTRY or pattern in areas or (pattern.endswith("/") and pattern[:-1] in areas):
            continue
        import difflib

        close = difflib.get_close_matches(pattern, sorted({*REGISTRY, *areas}), n=1)
        suggestion = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownRuleError(
            f"{option}: unknown rule or area {pattern!r}{suggestion} (brevo-schema rules lists them)"
        )
    return tuple(patterns)


def _severity(value: str | Severity, pattern: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ValueError(f'severities: {pattern!r} must be "error" or "warning", not {value!r}') from None


class Options(Value):
    """Validation settings; ``Options()`` is what ``validate`` uses by default.

    ``select`` and ``ignore`` hold rule ids or areas; ``severities`` maps rule ids
    or areas to a severity (a rule's own entry beats its area's). Every id and
    area is checked when the options are made: one that no rule has raises
    ``UnknownRuleError`` (a ``ValueError``) with a did-you-mean.
    """

    __slots__ = ("limits", "select", "ignore", "severities")
    _compare = ("limits", "select", "ignore")  # severities is a mapping: compared below
    limits: Limits
    select: frozenset[str] | None
    ignore: frozenset[str]
    severities: Mapping[str, Severity]

    def __init__(
        self,
        limits: Limits | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = frozenset(),
        severities: Mapping[str, str | Severity] | None = None,
    ) -> None:
        severities = dict(severities or {})
        check_patterns(severities, "severities")
        init(
            self,
            limits=limits or _DEFAULT_LIMITS,
            select=None if select is None else frozenset(check_patterns(select, "select")),
            ignore=frozenset(check_patterns(ignore, "ignore")),
            severities=MappingProxyType({k: _severity(v, k) for k, v in severities.items()}),
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not Options:
            return NotImplemented
        return self._key() == other._key() and dict(self.severities) == dict(other.severities)

    def __hash__(self) -> int:
        return hash((self._key(), frozenset(self.severities.items())))

    def __reduce__(self) -> tuple[Any, ...]:
        # A mapping proxy does not pickle; the CLI's worker processes receive Options as they are.
        return (Options, (self.limits, self.select, self.ignore, dict(self.severities)))

    @classmethod
    def build(
        cls,
        *,
        limits: Limits | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        severities: Mapping[str, str | Severity] | None = None,
    ) -> Options:
        """Options from plain values, as read from flags or a config file (the constructor's keywords)."""
        return cls(limits=limits, select=select, ignore=ignore, severities=severities)

    def enabled(self, rule_id: str) -> bool:
        """Whether findings of ``rule_id`` are reported at all."""
        if self.select is not None and not _matches(rule_id, self.select):
            return False
        return not _matches(rule_id, self.ignore)

    def severity_of(self, rule_id: str) -> Severity | None:
        """The severity ``severities`` sets for ``rule_id`` (its own entry, else its area's), or None."""
        if not self.severities:
            return None
        own = self.severities.get(rule_id)
        if own is not None:
            return own
        area = rule_id.split("/", 1)[0]
        return self.severities.get(area) or self.severities.get(f"{area}/")

    @property
    def is_default(self) -> bool:
        return self.select is None and not self.ignore and not self.severities and self.limits == _DEFAULT_LIMITS


DEFAULT_OPTIONS: Final = Options()
