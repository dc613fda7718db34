"""Driving the command line as users and CI drive it: ``python -m brevo_schema`` in a subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import DATA

#: The command line's fixtures; positions asserted against them were counted by hand.
FIXTURES = DATA / "cli"


def run(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m brevo_schema ARGS`` with stdout and stderr captured as text (colour
    settings of the calling shell removed, so output is what a pipe gets)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "brevo_schema", *map(str, args)],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def finding_lines(stdout: str) -> list[str]:
    """``PATH:LINE:COL: SEVERITY RULE`` of each finding line (messages left out)."""
    out = []
    for line in stdout.splitlines():
        match = re.match(r"^(.+?:\d+:\d+: (?:error|warning) \S+) ", line)
        if match:
            out.append(match.group(1))
    return out
