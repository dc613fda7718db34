"""Small immutable value classes without ``dataclasses``.

``import dataclasses`` pulls in ``inspect`` and costs about 7 ms, and every
``@dataclass`` compiles code at import time: a real share of the start-up the
pre-commit hook pays on every commit. These classes write their ``__init__``
by hand and get equality, hashing, ``repr``, pickling and ``replace()`` from
their ``__slots__`` here.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    V = TypeVar("V", bound="Value")


class Value:
    """Immutable after ``__init__`` (which sets fields with ``object.__setattr__``)."""

    __slots__: tuple[str, ...] = ()
    #: The fields equality and hashing look at (default: all of ``__slots__``).
    _compare: tuple[str, ...] | None = None

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in (self._compare or self.__slots__))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; use .replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        # By keyword: pickles (the CLI's worker processes) must not depend on argument order.
        return (_rebuild, (type(self), {name: getattr(self, name) for name in self.__slots__}))

    def replace(self: V, **changes: Any) -> V:
        """A copy with ``changes`` applied."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return type(self)(**values)


def _rebuild(cls: type[V], fields: dict[str, Any]) -> V:
    return cls(**fields)


def init(obj: object, **fields: Any) -> None:
    """Set ``fields`` on a new ``Value`` (its own ``__setattr__`` refuses)."""
    for name, value in fields.items():
        object.__setattr__(obj, name, value)
