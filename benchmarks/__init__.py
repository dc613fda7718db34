"""Side-by-side benchmarks of brevo-schema against its peers, on the same schemas and data.

Run ``python -m benchmarks`` (``--quick`` for a smoke run, ``--help`` for the options). The peers
come from the ``bench`` extra; a peer that is not installed is reported as skipped, never a crash.
The modules:

- ``data``: a seeded generator of realistic orders, products and categories, valid or with one defect;
- ``strict_pydantic``, ``strict_msgspec`` (with ``patterns``): typed models written to match the schemas;
- ``contenders``: who runs in which workload, and how each peer is configured;
- ``timing``: the interleaved, round-robin measurement;
- ``run``: the command line, the table, the JSON, markdown and chart outputs, and the targets;
- ``profiling``: where brevo-schema's own time goes (``python -m benchmarks.profiling``).
"""
