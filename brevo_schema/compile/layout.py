"""How the writers lay generated code out: the statements each of them writes the same way."""

from __future__ import annotations


def indent(depth: int) -> str:
    return "    " * depth


def property_value(var: str, key: str, value: str, present: bool, depth: int) -> list[str]:
    """The lines that put ``var[key]`` in ``value``: plainly for a key known to be there (a
    required one), else behind an ``in`` test (the lines that use it then go one level deeper)."""
    pad = indent(depth)
    if present:
        return [f"{pad}{value} = {var}[{key!r}]"]
    return [f"{pad}if {key!r} in {var}:", f"{pad}    {value} = {var}[{key!r}]"]


def other_keys(var: str, value: str, key: str, known: str | None) -> list[str]:
    """The header of a loop over the values of ``var`` whose keys are not in the constant
    ``known`` (every value when None), each put in ``value`` (``key`` names the key); the
    loop's body goes as many levels deeper as the header has lines."""
    if known is None:
        return [f"for {value} in {var}.values():"]
    return [f"for {key}, {value} in {var}.items():", f"    if {key} not in {known}:"]
