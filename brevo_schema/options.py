"""What a caller may tune: batch limits, rule selection and severities.

The defaults are Brevo's documented limits. ``select``/``ignore`` take rule ids
or whole areas (``batch`` or ``batch/`` selects every ``batch/...`` rule), as
the CLI and ``[tool.brevo-schema]`` spell them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ._records import Value, init
from .report import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

#: 5 MB read as 5,000,000 bytes, the smaller of the two readings (5 MiB is
#: 5,242,880): a body under it is under the limit whichever Brevo means.
FIVE_MB: Final = 5_000_000


class Limits(Value):
    """Batch limits; the defaults are Brevo's documented ones."""

    __slots__ = ("max_orders", "max_order_bytes", "max_products", "max_products_update", "max_categories")
    max_orders: int
    max_order_bytes: int
    max_products: int
    max_products_update: int
    max_categories: int

    def __init__(
        self,
        max_orders: int = 1000,
        max_order_bytes: int = FIVE_MB,
        max_products: int = 100,
        max_products_update: int = 1000,
        max_categories: int = 100,
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


def _matches(rule_id: str, patterns: frozenset[str]) -> bool:
    if rule_id in patterns:
        return True
    area = rule_id.split("/", 1)[0]
    return area in patterns or f"{area}/" in patterns


class Options(Value):
    """Validation settings; ``Options()`` is what ``validate`` uses by default."""

    __slots__ = ("limits", "select", "ignore", "severities")
    _compare = ("limits", "select", "ignore")  # severities is a mapping: compared below
    limits: Limits
    select: frozenset[str] | None
    ignore: frozenset[str]
    severities: Mapping[str, Severity]

    def __init__(
        self,
        limits: Limits | None = None,
        select: frozenset[str] | None = None,
        ignore: frozenset[str] = frozenset(),
        severities: Mapping[str, Severity] | None = None,
    ) -> None:
        init(
            self,
            limits=limits or Limits(),
            select=select,
            ignore=ignore,
            severities=MappingProxyType(dict(severities or {})),
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not Options:
            return NotImplemented
        return self._key() == other._key() and dict(self.severities) == dict(other.severities)

    def __hash__(self) -> int:
        return hash((self._key(), frozenset(self.severities.items())))

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
            severities={k: Severity(v) for k, v in (severities or {}).items()},
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
