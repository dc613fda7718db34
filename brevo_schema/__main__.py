"""``python -m brevo_schema``: the same command line as the ``brevo-schema`` script."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
