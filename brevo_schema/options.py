"""What a caller may tune: batch limits, rule selection and severities.

The defaults are Brevo's documented limits. ``select``/``ignore`` take rule ids
or whole areas (``batch`` or ``batch/`` selects every ``batch/...`` rule), as
the CLI and ``[tool.brevo-schema]`` spell them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from .report import Severity

#: 5 MB read as 5,000,000 bytes, the smaller of the two readings (5 MiB is
#: 5,242,880): a body under it is under the limit whichever Brevo means.
FIVE_MB: Final = 5_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Batch limits; the defaults are Brevo's documented ones."""

    max_orders: int = 1000
    max_order_bytes: int = FIVE_MB
    max_products: int = 100
    max_products_update: int = 1000
    max_categories: int = 100

    def max_items(self, batch_kind: str, update_enabled: bool) -> int:
        if batch_kind == "order-batch":
            return self.max_orders
        if batch_kind == "product-batch":
            return self.max_products_update if update_enabled else self.max_products
        return self.max_categories


def _matches(rule_id: str, patterns: frozenset[str]) -> bool:
    if rule_id in patterns:
        return True
    area = rule_id.split("/", 1)[0]
    return area in patterns or f"{area}/" in patterns


@dataclass(frozen=True, slots=True)
class Options:
    """Validation settings; ``Options()`` is what ``validate`` uses by default."""

    limits: Limits = field(default_factory=Limits)
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def build(
        cls,
        *,
        limits: Limits | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        severities: Mapping[str, str | Severity] | None = None,
    ) -> Options:
        """Options from plain values, as read from flags or a config file."""
        return cls(
            limits=limits or Limits(),
            select=frozenset(select) if select is not None else None,
            ignore=frozenset(ignore),
            severities=MappingProxyType({k: Severity(v) for k, v in (severities or {}).items()}),
        )

    def enabled(self, rule_id: str) -> bool:
        """Whether findings of ``rule_id`` are reported at all."""
        if self.select is not None and not _matches(rule_id, self.select):
            return False
        return not _matches(rule_id, self.ignore)

    @property
    def is_default(self) -> bool:
        return self.select is None and not self.ignore and not self.severities and self.limits == _DEFAULT_LIMITS


_DEFAULT_LIMITS: Final = Limits()
DEFAULT_OPTIONS: Final = Options()
