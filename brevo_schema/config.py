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
from collections.abc import Iterable, Mapping

from ._records import Value, init
from .kinds import KINDS, kind_from_name
from .options import Limits, Options, UnknownRuleError, check_patterns

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SECTION = "brevo-schema"
#: ``SECTION`` folded (lower case, letters and digits only): near-miss table names are compared with it.
_FOLDED = "brevoschema"
#: A cheap pre-check before parsing (importing tomllib alone costs milliseconds of every
#: start-up): our table's name, or a near miss of it (``brevo_schema``, ``Brevo-Schema``,
#: ``brevoschemas``), written as a TOML key, in every spelling (``[tool.brevo-schema]``,
#: ``[tool."brevo-schema".x]``, ``brevo-schema = {...}``, dotted keys). A false positive
#: (a Poetry dependency ``brevo-schema = "^0.1"``) only costs the parse; a project's plain
#: ``name = "brevo-schema"`` or a dependency string ``"brevo-schema>=0.1"`` does not match.
_MENTIONS_SECTION = re.compile(rb"""(?i)brevo.?schemas?["']?[ \t]*[\].=]""")

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
    """Everything a ``check`` run is configured with: the validation ``Options``
    (which pickle, so worker processes take them as they are) and what only the
    command line needs."""

    __slots__ = ("options", "strict", "kinds", "root", "notes")

    options: Options
    strict: bool
    #: (glob, kind) pairs in the order the file gives them: the first match wins.
    kinds: tuple[tuple[str, str], ...]
    #: The directory of the pyproject.toml read (globs are relative to it).
    root: str | None
    #: Things the user should know that are no error.
    notes: tuple[str, ...]

    def __init__(
        self,
        options: Options | None = None,
        strict: bool = False,
        kinds: tuple[tuple[str, str], ...] = (),
        root: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        init(self, options=options or Options(), strict=strict, kinds=kinds, root=root, notes=notes)

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

    def kinds_of(self, path: str, given: str | None = None) -> tuple[str | None, str | None]:
        """``(kind, hint)`` for the documents of the file ``path``, the one order every
        command follows: ``given`` (``--kind``), else the ``kinds`` glob that matches;
        failing both, detection decides, and the file name's ``hint`` settles only a
        document detection finds could be two kinds (``kinds.resolve_kind``)."""
        kind = given or self.kind_for(path)
        return kind, None if kind else kind_from_name(path)

    def with_flags(
        self,
        *,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        strict: bool | None = None,
    ) -> Settings:
        """These settings with the command line's choices on top (flags win)."""
        changes: dict[str, Any] = {}
        if select is not None or ignore is not None:
            options = self.options
            changes["options"] = Options(
                limits=options.limits,
                select=options.select if select is None else select,
                ignore=options.ignore if ignore is None else ignore,
                severities=options.severities,
            )
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


def _tomllib(path: str) -> Any:
    """tomllib (Python 3.11+), else tomli (a dependency on Python 3.10); never a silent skip."""
    try:
        import tomllib

        return tomllib
    except ImportError:
        pass
    try:
        import tomli  # type: ignore[import-not-found, unused-ignore]

        return tomli
    except ImportError:
        raise ConfigError(
            f"{path}: cannot read [tool.{SECTION}]: this Python has no tomllib and tomli is not installed "
            "(brevo-schema depends on tomli below Python 3.11: pip install tomli)"
        ) from None


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
    root = os.path.dirname(path)
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if not _MENTIONS_SECTION.search(raw):
        # No table of ours or anything like it: skip parsing, which would cost
        # milliseconds of every run's start-up.
        return Settings(root=root)
    toml = _tomllib(path)
    try:
        document = toml.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except toml.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    tools = document.get("tool", {})
    if not isinstance(tools, dict):
        return Settings(root=root)
    _refuse_near_misses(tools, path)
    table = tools.get(SECTION)
    if table is None:
        return Settings(root=root)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    return from_table(table, where=f"{path}: [tool.{SECTION}]", root=root)


def _refuse_near_misses(tools: Mapping[str, Any], path: str) -> None:
    """A ``[tool.brevo_schema]`` (or ``brevoschema``, ``Brevo-Schema``...) table would be
    read by nobody: the same repository would pass here and fail where the spelling is right."""
    import difflib

    for name in tools:
        if name == SECTION:
            continue
        folded = re.sub(r"[^a-z0-9]", "", name.lower())
        if folded == _FOLDED or difflib.SequenceMatcher(None, folded, _FOLDED).ratio() >= 0.85:
            raise ConfigError(f"{path}: [tool.{name}] is not read by brevo-schema: did you mean [tool.{SECTION}]?")


def from_table(table: Mapping[str, Any], *, where: str = f"[tool.{SECTION}]", root: str | None = None) -> Settings:
    """Settings from the ``[tool.brevo-schema]`` table; every mistake is a ``ConfigError``."""
    unknown = [key for key in table if key not in _KEYS]
    if unknown:
        key = unknown[0]
        raise ConfigError(f"{where}: unknown key {key!r}{_did_you_mean(key, _KEYS)}")
    values: dict[str, Any] = {"root": root}
    options: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if key in table:
            options[key] = rule_patterns(_strings(table[key], f"{where}: {key}"), key, where)
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise ConfigError(f"{where}: strict must be true or false, not {table['strict']!r}")
        values["strict"] = table["strict"]
    if "severity" in table:
        options["severities"] = _severities(table["severity"], where)
    if "kinds" in table:
        values["kinds"] = _kinds(table["kinds"], where)
    limits = {_LIMIT_KEYS[key]: _positive(table[key], f"{where}: {key}") for key in _LIMIT_KEYS if key in table}
    if limits:
        options["limits"] = Limits(**limits)
    return Settings(options=Options(**options), **values)


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


def _severities(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: severity must be a table of rule = "error" | "warning"')
    for pattern, severity in value.items():
        if severity not in ("error", "warning"):
            raise ConfigError(f'{where}: severity of {pattern!r} must be "error" or "warning", not {severity!r}')
    rule_patterns(value, "severity", where)
    return dict(value)


def _kinds(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: kinds must be a table of "glob" = "kind"')
    for glob, kind in value.items():
        if kind not in KINDS:
            raise ConfigError(
                f"{where}: kinds: {glob!r} names unknown kind {kind!r}; expected one of: {', '.join(KINDS)}"
            )
    return tuple(value.items())


def rule_patterns(values: Iterable[str], option: str, where: str = "") -> tuple[str, ...]:
    """``values`` checked to be rule ids or areas (``batch``, ``batch/``); else a ``ConfigError``
    saying where (the check itself is ``options.check_patterns``, as for Python callers)."""
    try:
        return check_patterns(values, option)
    except UnknownRuleError as error:
        raise ConfigError(f"{where}: {error}" if where else str(error)) from None


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


__all__ = ["ConfigError", "Settings", "find_pyproject", "from_table", "load", "rule_patterns", "split_list"]
