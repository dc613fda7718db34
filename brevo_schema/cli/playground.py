"""``brevo-schema playground``: serve the built browser playground on 127.0.0.1.

The page itself is built from a checkout by ``python playground/build.py`` (the pinned
Pyodide runtime from the npm registry, this package's wheel, the page's files) into
``playground/dist/``; this only serves that folder, on a free port unless one is given.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

BUILD_COMMAND = "python playground/build.py"
#: Where the build writes the page, relative to a checkout.
DIST = Path("playground") / "dist"
#: The types a browser insists on (WebAssembly.instantiateStreaming needs application/wasm).
_TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json"}


def find_dist(directory: str | None = None) -> Path | None:
    """The built page's folder: ``directory`` if given, else playground/dist under the current
    directory or under the checkout this package was installed from (editable installs)."""
    if directory is not None:
        candidates = [Path(directory)]
    else:
        candidates = [Path.cwd() / DIST, Path(__file__).resolve().parents[2] / DIST]
    return next((c for c in candidates if (c / "index.html").is_file() and (c / "build.json").is_file()), None)


def not_built_message(directory: str | None = None) -> str:
    where = directory if directory is not None else str(DIST)
    return (
        f"no built playground at {where}: build it from a checkout of brevo-schema with\n"
        f"  {BUILD_COMMAND}\n"
        "(it needs npm and pip: it fetches the pinned Pyodide runtime and builds this package's wheel), "
        "then run brevo-schema playground there again"
    )


def make_server(dist: Path, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server for ``dist`` on 127.0.0.1 (``port`` 0: a free one), not yet serving."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def guess_type(self, path: str | os.PathLike[str]) -> str:
            return _TYPES.get(os.path.splitext(path)[1]) or super().guess_type(path)

        def log_message(self, format: str, *args: object) -> None:  # quiet: a page load is ~15 requests
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=str(dist)))


def serve(directory: str | None = None, port: int = 0) -> int:
    """Serve the built page until Ctrl-C; 2 (with how to build it) when there is none."""
    dist = find_dist(directory)
    if dist is None:
        print(f"brevo-schema: {not_built_message(directory)}", file=sys.stderr)
        return 2
    try:
        server = make_server(dist, port)
    except OSError as error:
        print(f"brevo-schema: cannot listen on 127.0.0.1:{port}: {error.strerror}", file=sys.stderr)
        return 2
    host, bound = server.server_address[:2]
    print(f"brevo-schema playground: serving {dist} at http://{host!s}:{bound}/ (Ctrl-C stops)", flush=True)
    with server:
        server.serve_forever()
    return 0
