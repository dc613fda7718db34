"""What every command shares at the terminal: the program name, the exit statuses, messages
on standard error, and standard streams that survive a closed pipe or a narrow encoding."""

from __future__ import annotations

import os
import sys

PROG = "brevo-schema"
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


def fail(message: str, status: int = EXIT_USAGE) -> int:
    say(f"error: {message}")
    return status


def say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not
    raise a second BrokenPipeError (the recipe in Python's ``signal`` docs)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def tolerant_stdout() -> None:
    """Never die on a message a terminal's encoding cannot show (a file name
    that is not UTF-8, a non-ASCII key under LANG=C): escape it instead."""
    import io

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
