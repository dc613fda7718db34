"""Turns the bundled JSON Schemas into Python: the predicates and explainers the engine imports,
the payload TypedDicts, and the maintainers' comparison with Brevo's OpenAPI document.

Nothing here runs when brevo_schema is imported; ``python -m brevo_schema.compile.build``
regenerates what it writes, ``--check`` fails when a committed file is stale.
"""
