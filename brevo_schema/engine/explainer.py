"""The explaining engine: every schema problem in a document, fast.

jsonschema walks a document generically: it resolves references, builds error
objects with their whole context, and re-dispatches on every keyword at every
level. Our schemas are fixed, so ``compile.explaingen`` writes, next to each
fast-path predicate (``compile.codegen``), from the same keyword table
(``compile.keywords``), an ``explain`` function that visits the document once and reports
each failing keyword. This module turns those reports into ``SchemaIssue``
objects carrying the schema node they break, the same issues jsonschema
reports (the property tests compare the two, issue for issue), many times
faster.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..pointer import json_key
from ..schemas import load_shared
from .issues import SchemaIssue
from .predicates import generated

Node = tuple[Any, tuple[str | int, ...]]


@cache
def _explainer(kind: str) -> tuple[Any, tuple[Node, ...]]:
    module = generated(kind)
    root = load_shared(kind)
    nodes = []
    for path in module.NODES:
        node = root
        for token in path:
            node = node[token]
        nodes.append((node, path))
    return module.explain, tuple(nodes)


def schema_issues(document: Any, kind: str) -> list[SchemaIssue]:
    """Every schema problem in ``document`` as ``kind``."""
    explain, nodes = _explainer(kind)
    out: list[SchemaIssue] = []

    def report(keyword: str, pointer: str, value: Any, node: int, detail: Any) -> None:
        schema, path = nodes[node]
        if detail is not None and not isinstance(detail, str):
            detail = json_key(detail)  # a key of a dict built in Python: 5, True, None
        out.append(SchemaIssue(keyword, pointer, value, schema, (*path, keyword), detail))

    explain(document, report)
    return out
