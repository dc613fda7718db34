"""``brevo-schema check --fix`` and ``--diff``: repair files before checking them.

Each file is fixed as text (``textfix.fix_text``: minimal edits, the rest as
written; NDJSON line by line). ``--fix`` writes a changed file through a
temporary file and ``os.replace``, so no half-written file is ever left; a file
with nothing to fix is not touched, its modification time included. ``--diff``
prints a unified diff and writes nothing. Either way the check that follows
reports what is left for a person.
"""

from __future__ import annotations

import sys

from ..io.files import write_atomically
from ..io.inputs import Source
from ..io.textfix import fix_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..config import Settings
    from ..report import Finding
    from ..validator import Validator


def fixed_text(
    text: str, ndjson: bool, kind: str | None, validator: Validator, hint: str | None = None
) -> tuple[str, list[Finding]]:
    """``text`` with every unambiguous fix ``validator`` reports applied, and the findings fixed."""
    if not ndjson:
        return fix_text(text, kind, hint=hint, validator=validator)
    lines, applied = [], []
    # On "\n" only, as the check reads NDJSON: str.splitlines would also split inside a string
    # holding U+2028, U+2029 or U+0085, where no line ends.
    for line in text.split("\n"):
        body = line[:-1] if line.endswith("\r") else line
        if not body.strip():
            lines.append(line)
            continue
        new, done = fix_text(body, kind, hint=hint, validator=validator)
        lines.append(new + line[len(body) :])
        applied.extend(done)
    return "\n".join(lines), applied


def fix_sources(sources: list[Source], settings: Settings, *, kind: str | None, diff: bool) -> tuple[int, int]:
    """Fix (or, with ``diff``, show the fixes for) each file, judged as ``check`` judges it (the
    same options, the same kind for each file); returns (files changed, fixes)."""
    from ..validation import validator_for

    validator = validator_for(settings.options)
    changed = fixes = 0
    for source in sources:
        if source.path is None:
            continue  # standard input: nothing to write back to
        try:
            with open(source.path, encoding="utf-8", newline="") as file:
                text = file.read()
        except (OSError, UnicodeDecodeError):
            continue  # the check that follows reports it
        file_kind, hint = settings.kinds_of(source.display, kind)
        new, applied = fixed_text(text, source.ndjson, file_kind, validator, hint)
        if new == text:
            continue
        changed += 1
        fixes += len(applied)
        if diff:
            _print_diff(source.display, text, new)
        else:
            write_atomically(source.path, new.encode("utf-8"))
            print(f"{source.display}: fixed {len(applied)} finding{'s' if len(applied) != 1 else ''}", file=sys.stderr)
    return changed, fixes


def _print_diff(name: str, old: str, new: str) -> None:
    import difflib

    sys.stdout.writelines(
        difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}")
    )
