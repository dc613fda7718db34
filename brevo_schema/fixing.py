"""Applying the fixes findings carry, where the intent is unambiguous.

A rule attaches JSON Patch operations (RFC 6902) to a finding only when a
person would make the same change without thinking: ``"quantity": 2.0`` to
``2``, a mis-cased ``Products`` to ``products`` when ``products`` is absent, a
coupon repeated in another case removed. ``fix`` applies them to a copy and
validates again, until nothing more is fixable, so fixing twice changes nothing
the second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import pointer as jp
from .options import Options
from .report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .validator import Validator

#: Enough rounds for fixes that uncover others (a re-cased key whose value then
#: needs a fix); each round must fix something or the loop stops.
_MAX_ROUNDS = 5


class PatchError(ValueError):
    """A JSON Patch operation does not apply to the document."""


def fix(payload: Any, kind: str | None = None, *, options: Options | None = None) -> tuple[Any, list[Finding]]:
    """``(fixed_copy, applied_findings)``; ``payload`` itself is never changed.

    Only findings the options report are fixed: an ignored rule's are left as
    they are. Findings whose fix was applied are returned in the order their
    patches were applied (replaying them in that order on the original gives the
    copy); what is left to a person stays in ``validate(fixed_copy)``.
    """
    from .validation import validator_for

    return fix_with(validator_for(options), payload, kind)


def fix_with(
    validator: Validator, payload: Any, kind: str | None = None, hint: str | None = None
) -> tuple[Any, list[Finding]]:
    """``fix`` as ``validator`` judges (``Validator.fix``)."""
    document = json_copy(payload)
    applied: list[Finding] = []
    for _ in range(_MAX_ROUNDS):
        fixable = [f for f in validator.validate(document, kind, hint=hint).findings if f.fix]
        if not fixable:
            break
        document, done = _apply_findings(document, fixable)
        if not done:
            break
        applied.extend(done)
    return document, applied


def json_copy(value: Any) -> Any:
    """A deep copy of the dicts and lists (and tuples, as lists are what JSON makes of them)
    in ``value``; other values are shared. A loop, not recursion: a payload nested 900 deep
    copies like any other (``copy.deepcopy`` recurses, and ends in ``RecursionError``)."""
    if not isinstance(value, (dict, list, tuple)):
        return value
    copies: dict[int, Any] = {}
    root = _empty_like(value)
    copies[id(value)] = root
    stack = [(value, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, child in items:
            if isinstance(child, (dict, list, tuple)):
                made = copies.get(id(child))
                if made is None:  # a payload that contains itself keeps the same shape
                    made = copies[id(child)] = _empty_like(child)
                    stack.append((child, made))
                child = made
            if isinstance(target, dict):
                target[key] = child
            else:
                target.append(child)
    return root


def _empty_like(value: Any) -> Any:
    return {} if isinstance(value, dict) else []


def _apply_findings(document: Any, findings: list[Finding]) -> tuple[Any, list[Finding]]:
    """Apply each finding's patch; later array indices first, so removals do not shift the rest."""
    done = []
    for finding in sorted(findings, key=_removal_order, reverse=True):
        try:
            document = apply_patch(document, finding.fix or ())
        except PatchError:
            continue  # an earlier fix in this round changed the place; the next round sees it afresh
        done.append(finding)
    return document, done


def _removal_order(finding: Finding) -> tuple[int, ...]:
    return tuple(int(t) if t.isdigit() else -1 for t in jp.split(finding.pointer))


def apply_patch(document: Any, operations: Iterable[dict[str, Any]]) -> Any:
    """Apply RFC 6902 ``add``/``remove``/``replace``/``move`` operations in place; returns the document."""
    for operation in operations:
        op = operation.get("op")
        if op == "replace":
            parent, token = _parent(document, operation["path"])
            _check_present(parent, token, operation["path"])
            _set(parent, token, operation["value"])
        elif op == "remove":
            parent, token = _parent(document, operation["path"])
            _check_present(parent, token, operation["path"])
            del parent[int(token) if isinstance(parent, list) else token]
        elif op == "add":
            parent, token = _parent(document, operation["path"])
            _add(parent, token, operation["value"])
        elif op == "move":
            source_parent, source_token = _parent(document, operation["from"])
            _check_present(source_parent, source_token, operation["from"])
            target_parent, target_token = _parent(document, operation["path"])
            if isinstance(target_parent, dict) and target_token in target_parent:
                raise PatchError(f"{operation['path']} exists already")
            if source_parent is target_parent and isinstance(source_parent, dict):
                _rename_in_place(source_parent, source_token, target_token)
            else:
                value = source_parent.pop(int(source_token) if isinstance(source_parent, list) else source_token)
                _add(target_parent, target_token, value)
        else:
            raise PatchError(f"unsupported JSON Patch operation {op!r}")
    return document


def _parent(document: Any, path: str) -> tuple[Any, str]:
    tokens = jp.split(path)
    if not tokens:
        raise PatchError("the whole document cannot be patched in place")
    try:
        parent = jp.resolve(document, jp.from_path(tokens[:-1]))
    except KeyError as error:
        raise PatchError(f"{path}: no such place") from error
    if not isinstance(parent, (dict, list)):
        raise PatchError(f"{path}: parent is not a container")
    return parent, tokens[-1]


def _check_present(parent: Any, token: str, path: str) -> None:
    present = token in parent if isinstance(parent, dict) else token.isdigit() and int(token) < len(parent)
    if not present:
        raise PatchError(f"{path}: no such place")


def _set(parent: Any, token: str, value: Any) -> None:
    if isinstance(parent, list):
        parent[int(token)] = value
    else:
        parent[token] = value


def _add(parent: Any, token: str, value: Any) -> None:
    if isinstance(parent, list):
        index = len(parent) if token == "-" else int(token)
        if index > len(parent):
            raise PatchError(f"index {index} is past the end")
        parent.insert(index, value)
    else:
        parent[token] = value


def _rename_in_place(obj: dict[str, Any], old: str, new: str) -> None:
    """Rename a key keeping its position, so a fixed file reads as it was written."""
    items = [(new if k == old else k, v) for k, v in obj.items()]
    obj.clear()
    obj.update(items)
