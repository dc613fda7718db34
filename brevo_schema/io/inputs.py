"""What ``check`` reads: the files behind the paths given, and their bytes.

A ``.json`` file holds one document; a ``.ndjson``/``.jsonl`` file one document
a line (``io.ndjson`` reads them, each remembering the line it starts on so its
findings point into the file, not into the line). Big NDJSON files are cut into
byte ranges at line ends so that worker processes can share one file without the
main process reading it first.

Only regular files are read in place. Standard input and named pipes are
copied to a temporary file first (up to ``MAX_STREAM_BYTES``: a stream that
never ends, such as ``/dev/zero``, is refused, not read forever), so that they
too are checked in bounded memory; devices and sockets are refused outright.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

from .._records import Value, init

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

#: Suffix -> whether the file holds one document a line.
SUFFIXES = {".json": False, ".ndjson": True, ".jsonl": True}
STDIN = "-"
STDIN_NAME = "<stdin>"
#: Directories a recursive walk does not enter (the user may still name them).
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})
#: The most a pipe or standard input may hold: past it, save the data to a file.
MAX_STREAM_BYTES = 1 << 30
_COPY_CHUNK = 1 << 20


class TooLarge(Exception):
    """A stream held more than ``MAX_STREAM_BYTES``."""


class Source(Value):
    """One input: a file (``path``) or standard input (``data``)."""

    __slots__ = ("display", "ndjson", "size", "path", "data", "stdin")

    #: The path as reports show it: as given, or joined under the directory given.
    display: str
    ndjson: bool
    size: int
    #: The file to read; None for standard input, whose bytes are in ``data``.
    path: str | None
    data: bytes | None
    #: Standard input (its bytes copied to ``path``, a temporary file).
    stdin: bool

    def __init__(
        self,
        display: str,
        ndjson: bool,
        size: int,
        path: str | None = None,
        data: bytes | None = None,
        stdin: bool = False,
    ) -> None:
        init(self, display=display, ndjson=ndjson, size=size, path=path, data=data, stdin=stdin)


class Collected:
    """The sources found, and the problems met finding them (each a message)."""

    __slots__ = ("empty", "sources", "unreadable")

    def __init__(self) -> None:
        self.sources: list[Source] = []
        #: Paths that cannot be read: a usage error (exit status 2).
        self.unreadable: list[str] = []
        #: Directories that hold no payload file.
        self.empty: list[str] = []


class Scratch:
    """A temporary folder for the copies of standard input and pipes, made on first use and
    removed on exit: most runs read only regular files, and ``tempfile`` (with the
    ``shutil`` it imports) would cost every pre-commit start-up a few milliseconds."""

    __slots__ = ("_path", "_prefix")

    def __init__(self, prefix: str = "brevo-schema-") -> None:
        self._prefix = prefix
        self._path: str | None = None

    def path(self) -> str:
        """The folder, made now if it does not exist yet."""
        if self._path is None:
            import tempfile

            self._path = tempfile.mkdtemp(prefix=self._prefix)
        return self._path

    def __enter__(self) -> Scratch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._path is not None:
            import shutil

            shutil.rmtree(self._path, ignore_errors=True)
            self._path = None


def is_ndjson(name: str) -> bool:
    """Whether a file of this name holds one document a line (by suffix)."""
    return SUFFIXES.get(os.path.splitext(name)[1].lower(), False)


def collect(
    paths: Sequence[str],
    *,
    stdin: IO[bytes] | None = None,
    stdin_name: str | None = None,
    scratch: Scratch | None = None,
    limit: int = MAX_STREAM_BYTES,
) -> Collected:
    """Every file the ``paths`` name, in order: files as given (whatever their
    suffix), directories walked recursively for payload suffixes, sorted;
    ``-`` is standard input (``stdin``). Standard input and named pipes are
    copied into ``scratch``'s folder (up to ``limit`` bytes each; the system's temporary
    folder when None)."""
    out = Collected()
    seen: set[str] = set()
    for given in paths:
        if given == STDIN:
            name = stdin_name or STDIN_NAME
            try:
                path, size = _spool_stdin(stdin, scratch.path() if scratch else None, limit)
            except (OSError, TooLarge) as error:
                out.unreadable.append(f"standard input: {_reason(error)}")
                continue
            out.sources.append(Source(name, is_ndjson(name), size, path=path, stdin=True))
            continue
        if os.path.isdir(given):
            found = _walk(given, out.unreadable)
            if not found:
                out.empty.append(given)
        else:
            found = [given]
        for path in found:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            try:
                mode = os.stat(path).st_mode
                if stat.S_ISREG(mode):
                    out.sources.append(Source(path, is_ndjson(path), os.stat(path).st_size, path=path))
                elif stat.S_ISFIFO(mode):
                    with open(path, "rb") as stream:
                        copy, size = spool(stream, scratch.path() if scratch else None, limit)
                    out.sources.append(Source(path, is_ndjson(path), size, path=copy))
                else:
                    out.unreadable.append(f"{path}: not a regular file or a pipe ({_file_type(mode)})")
            except (OSError, TooLarge) as error:
                out.unreadable.append(f"{path}: {_reason(error)}")
    return out


def _file_type(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _spool_stdin(stream: IO[bytes] | None, directory: str | None, limit: int) -> tuple[str, int]:
    if stream is None:
        return spool(None, directory, limit)
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        mode = stat.S_IFIFO  # not a real file descriptor (a test's stream): read it
    if stat.S_ISCHR(mode) and not stream.isatty():
        raise OSError(f"not a regular file or a pipe ({_file_type(mode)})")
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)):
        raise OSError(f"not a regular file or a pipe ({_file_type(mode)})")
    return spool(stream, directory, limit)


def spool(stream: IO[bytes] | None, directory: str | None, limit: int = MAX_STREAM_BYTES) -> tuple[str, int]:
    """Copy ``stream`` to a new file in ``directory``; (its path, its size). Raises
    ``TooLarge`` past ``limit`` bytes (the copy is then removed)."""
    import tempfile

    handle, path = tempfile.mkstemp(prefix="input-", dir=directory)
    size = 0
    try:
        with os.fdopen(handle, "wb") as copy:
            while stream is not None:
                chunk = stream.read(_COPY_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise TooLarge(
                        f"more than {limit:,} bytes: save the data to a file and check the file "
                        "(a device such as /dev/zero never ends)"
                    )
                copy.write(chunk)
    except BaseException:
        os.unlink(path)
        raise
    return path, size


def _walk(top: str, unreadable: list[str]) -> list[str]:
    """Payload files under ``top``, sorted by path; hidden and vendored
    directories (``.git``, ``.venv``, ``node_modules``) are not entered.
    Directories that cannot be listed are added to ``unreadable``."""
    found: list[tuple[tuple[str, ...], str]] = []

    def fail(error: OSError) -> None:
        unreadable.append(f"{error.filename or top}: {_reason(error)}")

    for directory, dirs, files in os.walk(top, onerror=fail):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS]
        for name in files:
            if os.path.splitext(name)[1].lower() in SUFFIXES:
                relative = os.path.relpath(os.path.join(directory, name), top)
                # Under ".", show "a.json" rather than "./a.json", as git and CI annotations do.
                path = relative if top in (".", "." + os.sep) else os.path.join(top, relative)
                found.append((tuple(relative.split(os.sep)), path))
    return [path for _, path in sorted(found)]


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


def read(source: Source, start: int = 0, end: int | None = None) -> bytes:
    """The bytes of ``source`` (``start``..``end`` for a chunk); raises ``OSError``."""
    if source.data is not None:
        return source.data[start:end]
    assert source.path is not None
    with open(source.path, "rb") as handle:
        if start:
            handle.seek(start)
        return handle.read() if end is None else handle.read(end - start)


def chunks(source: Source, chunk_bytes: int, shrink: int = 0, smallest: int = 1) -> list[tuple[int, int | None]]:
    """Byte ranges that cut an NDJSON ``source`` into pieces of about ``chunk_bytes``, each
    starting on a line start; ``[(0, None)]`` when small. With ``shrink``, no range holds more
    than ``1/shrink`` of what is left of the file (down to ``smallest``): the last ranges are
    small, so processes sharing them out finish close together instead of one waiting while
    another checks a whole range."""
    if not source.ndjson or source.path is None or source.size <= chunk_bytes:
        return [(0, None)]
    bounds = [0]
    with open(source.path, "rb") as handle:
        while True:
            left = source.size - bounds[-1]
            size = max(smallest, min(chunk_bytes, left // shrink)) if shrink else chunk_bytes
            if size >= left:
                break
            handle.seek(bounds[-1] + max(size, 1))
            handle.readline()  # on to the next line start: every range moves past the last
            end = handle.tell()
            if end >= source.size:
                break
            bounds.append(end)
    return [(start, end) for start, end in zip(bounds, [*bounds[1:], None], strict=True)]
