"""Writing a file so that it appears whole or not at all.

A reader (a sender globbing ``batch-*.json``, an editor, CI) must never see half a
file: the bytes go to a temporary file in the same directory, reach the disk, and
the temporary file is then renamed over the final name, which is atomic. The file
keeps the permissions it had (``check --fix`` rewrites a user's file); a new one
gets what any program's would (0o666 less the umask), not a temporary file's 0o600.
"""

from __future__ import annotations

import contextlib
import os
import stat

#: Tries at a free temporary name before giving up (another writer may hold one).
_ATTEMPTS = 100


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it."""
    path = os.fspath(path)
    directory, name = os.path.split(os.path.abspath(path))
    try:
        kept: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        kept = None
    handle, temporary = _create_beside(directory, name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if kept is not None:
                with contextlib.suppress(OSError):  # where the system allows
                    os.fchmod(stream.fileno(), kept)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _create_beside(directory: str, name: str) -> tuple[int, str]:
    """A new file in ``directory`` (same file system, so the rename is atomic), opened for
    writing with mode 0o666 less the umask; its descriptor and path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for attempt in range(_ATTEMPTS):
        temporary = os.path.join(directory, f".{name}.{os.getpid()}-{attempt}.brevo-schema.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"{directory}: no free temporary name after {_ATTEMPTS} tries")
