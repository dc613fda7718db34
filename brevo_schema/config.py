"""``[tool.brevo-schema]`` from the nearest ``pyproject.toml``.

A project keeps its choices (rules it ignores, raised batch limits, which
files hold which kind) next to its code, so every run (a developer's, CI's,
pre-commit's) judges payloads the same way. Mistakes in this table are usage
errors that name the offending key: a typo that silently disabled nothing
would give false confidence, which is worse than no linter.

The nearest ``pyproject.toml`` is the first one found walking up from the
working directory; when it has no ``[tool.brevo-schema]`` table the defaults
apply (the search does not continue past it).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping

from ._records import Value, init
from .kinds import KINDS
from .options import Limits, Options

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SECTION = "brevo-schema"
#: A cheap pre-check before parsing: ``brevo-schema`` written as a TOML key, in
#: every spelling of our table (``[tool.brevo-schema]``, ``[tool."brevo-schema".x]``,
#: ``brevo-schema = {...}``, dotted keys). A false positive (a Poetry dependency
#: ``brevo-schema = "^0.1"``) only costs the parse; a project's plain
#: ``name = "brevo-schema"`` does not match.
_MENTIONS_SECTION = re.compile(rb"""brevo-schema["']?[ \t]*[\].=]""")
_TABLE_HEADER = re.compile(rb"""\[[ \t]*tool[ \t]*\.[ \t]*["']?brevo-schema""")

#: Config key -> ``Limits`` field.
_LIMIT_KEYS = {
    "max-orders": "max_orders",
    "max-order-bytes": "max_order_bytes",
    "max-products": "max_products",
    "max-products-update": "max_products_update",
    "max-categories": "max_categories",
}
_KEYS = ("ignore", "select", "strict", "severity", "kinds", *_LIMIT_KEYS)


class ConfigError(ValueError):
    """A usage error in the configuration or in the matching command-line flags."""


class Settings(Value):
    """Everything a ``check`` run is configured with, as plain picklable values
    (worker processes rebuild ``Options`` from it)."""

    __slots__ = ("select", "ignore", "strict", "severities", "limits", "kinds", "root", "notes")

    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    strict: bool
    #: (rule id, "error" | "warning") pairs; areas are already expanded to ids.
    severities: tuple[tuple[str, str], ...]
    limits: Limits
    #: (glob, kind) pairs in the order the file gives them: the first match wins.
    kinds: tuple[tuple[str, str], ...]
    #: The directory of the pyproject.toml read (globs are relative to it).
    root: str | None
    #: Things the user should know that are no error (e.g. config not read).
    notes: tuple[str, ...]

    def __init__(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        strict: bool = False,
        severities: tuple[tuple[str, str], ...] = (),
        limits: Limits | None = None,
        kinds: tuple[tuple[str, str], ...] = (),
        root: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        init(
            self,
            select=select,
            ignore=ignore,
            strict=strict,
            severities=severities,
            limits=limits or Limits(),
            kinds=kinds,
            root=root,
            notes=notes,
        )

    def options(self) -> Options:
        """The validation ``Options`` these settings stand for."""
        return Options.build(
            limits=self.limits, select=self.select, ignore=self.ignore, severities=dict(self.severities)
        )

    def kind_for(self, path: str) -> str | None:
        """The kind ``kinds`` fixes for ``path`` (a path as given on the command line), if any.

        A glob without ``/`` matches the file name; one with ``/`` matches the
        path relative to the pyproject.toml's directory (``*`` crosses ``/``).
        """
        if not self.kinds:
            return None
        import fnmatch

        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        relative = _relative(path, self.root)
        for pattern, kind in self.kinds:
            if "/" in pattern:
                if relative is not None and fnmatch.fnmatchcase(relative, pattern.removeprefix("./")):
                    return kind
            elif fnmatch.fnmatchcase(name, pattern):
                return kind
        return None

    def with_flags(
        self,
        *,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        strict: bool | None = None,
    ) -> Settings:
        """These settings with the command line's choices on top (flags win)."""
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = select
        if ignore is not None:
            changes["ignore"] = ignore
        if strict is not None:
            changes["strict"] = strict
        return self.replace(**changes) if changes else self


def _relative(path: str, root: str | None) -> str | None:
    if root is None:
        return None
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def _tomllib() -> Any:
    """tomllib (3.11+), else tomli if installed, else None: then config is skipped."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli

            return tomli
        except ImportError:
            return None


def find_pyproject(start: str | os.PathLike[str] | None = None) -> str | None:
    """The nearest ``pyproject.toml`` at or above ``start`` (the working directory).

    os.path, not pathlib: this runs on every start-up, and pathlib costs milliseconds to import.
    """
    directory = os.path.realpath(os.fspath(start) if start is not None else os.getcwd())
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load(start: str | os.PathLike[str] | None = None) -> Settings:
    """The settings of the nearest pyproject.toml, or the defaults."""
    path = find_pyproject(start)
    if path is None:
        return Settings()
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if not _MENTIONS_SECTION.search(raw):
        # No table of ours (every TOML spelling of it matches): skip parsing,
        # which would cost milliseconds of every run's start-up.
        return Settings(root=os.path.dirname(path))
    toml = _tomllib()
    if toml is None:  # pragma: no cover - Python 3.10 without tomli
        if not _TABLE_HEADER.search(raw):  # e.g. a Poetry dependency `brevo-schema = "^0.1"`
            return Settings(root=os.path.dirname(path))
        return Settings(notes=(f"{path}: [tool.{SECTION}] not read: install tomli to read it on Python 3.10",))
    try:
        document = toml.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except toml.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    table = document.get("tool", {}).get(SECTION)
    if table is None:
        return Settings(root=os.path.dirname(path))
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    return from_table(table, where=f"{path}: [tool.{SECTION}]", root=os.path.dirname(path))


def from_table(table: Mapping[str, Any], *, where: str = f"[tool.{SECTION}]", root: str | None = None) -> Settings:
    """Settings from the ``[tool.brevo-schema]`` table; every mistake is a ``ConfigError``."""
    unknown = [key for key in table if key not in _KEYS]
    if unknown:
        key = unknown[0]
        raise ConfigError(f"{where}: unknown key {key!r}{_did_you_mean(key, _KEYS)}")
    values: dict[str, Any] = {"root": root}
    for key in ("select", "ignore"):
        if key in table:
            values[key] = rule_patterns(_strings(table[key], f"{where}: {key}"), key, where)
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise ConfigError(f"{where}: strict must be true or false, not {table['strict']!r}")
        values["strict"] = table["strict"]
    if "severity" in table:
        values["severities"] = _severities(table["severity"], where)
    if "kinds" in table:
        values["kinds"] = _kinds(table["kinds"], where)
    limits = {_LIMIT_KEYS[key]: _positive(table[key], f"{where}: {key}") for key in _LIMIT_KEYS if key in table}
    if limits:
        values["limits"] = Limits(**limits)
    return Settings(**values)


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return split_list(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of rule ids or areas, not {value!r}")
    return value


def split_list(text: str) -> list[str]:
    """``"a, b,c"`` -> ``["a", "b", "c"]``: the comma-separated form of the flags."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _positive(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where} must be a positive integer, not {value!r}")
    return value


def _severities(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: severity must be a table of rule = "error" | "warning"')
    out: dict[str, str] = {}
    for pattern, severity in value.items():
        if severity not in ("error", "warning"):
            raise ConfigError(f'{where}: severity of {pattern!r} must be "error" or "warning", not {severity!r}')
        for rule_id in expand(rule_patterns([pattern], "severity", where)):
            out[rule_id] = severity
    return tuple(out.items())


def _kinds(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: kinds must be a table of "glob" = "kind"')
    for glob, kind in value.items():
        if kind not in KINDS:
            raise ConfigError(
                f"{where}: kinds: {glob!r} names unknown kind {kind!r}; expected one of: {', '.join(KINDS)}"
            )
    return tuple(value.items())


def _rule_ids() -> list[str]:
    from .rules import REGISTRY

    return list(REGISTRY)


def _areas(ids: Iterable[str]) -> set[str]:
    return {rule_id.split("/", 1)[0] for rule_id in ids}


def rule_patterns(values: Iterable[str], option: str, where: str = "") -> tuple[str, ...]:
    """``values`` checked to be rule ids or areas (``batch``, ``batch/``); else a ``ConfigError``."""
    ids = _rule_ids()
    known = set(ids) | _areas(ids)
    out = []
    for value in values:
        if value not in known and not (value.endswith("/") and value[:-1] in known):
            prefix = f"{where}: " if where else ""
            raise ConfigError(
                f"{prefix}{option}: unknown rule or area {value!r}{_did_you_mean(value, sorted(known))}"
                " (brevo-schema rules lists them)"
            )
        out.append(value)
    return tuple(out)


def expand(patterns: Iterable[str]) -> list[str]:
    """Rule ids named by ``patterns`` (ids or areas), in registry order."""
    wanted = set(patterns)
    return [
        rule_id
        for rule_id in _rule_ids()
        if rule_id in wanted or rule_id.split("/", 1)[0] in wanted or rule_id.split("/", 1)[0] + "/" in wanted
    ]


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


__all__ = ["ConfigError", "Settings", "expand", "find_pyproject", "from_table", "load", "rule_patterns", "split_list"]
