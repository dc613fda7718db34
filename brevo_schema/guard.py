"""A send-time guard: check every Brevo eCommerce write before it leaves the machine.

Brevo's official Python SDK (``brevo-python``) sends through httpx and checks
nothing on plain dicts (it happily sends ``"quantity": 2.0``). The guard sits in
the HTTP client, so it sees exactly the bytes that would go out, whoever built
them::

    from brevo import Brevo
    from brevo_schema import guard

    client = Brevo(api_key=KEY, httpx_client=guard.httpx_client())

Requests to Brevo's six eCommerce write endpoints on Brevo's hosts (``hosts=``
for a proxy or another base URL) are validated, a gzip or deflate body once
decompressed; a body with an error raises ``BrevoPayloadError`` (carrying the
report) before the transport is called, or, in ``mode="warn"``, is logged and
sent. Every other request passes untouched and unparsed. Sync and async httpx
clients and requests sessions are supported; a guard failure is always a
``BrevoPayloadError``, never another exception. The request is never modified,
except that a requests body given as a generator is sent as the bytes read.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .kinds import ENDPOINTS as KIND_ENDPOINTS
from .options import Options
from .report import Report
from .validation import validator_for

if TYPE_CHECKING:
    import httpx
    import requests

Mode = Literal["raise", "warn"]
LOG = logging.getLogger("brevo_schema.guard")
C = TypeVar("C")

#: The hosts of Brevo's API (``api.sendinblue.com`` is the name it had before 2023). Requests to
#: any other host pass unchecked unless ``hosts=`` names it (a proxy, a custom base URL).
BREVO_HOSTS: frozenset[str] = frozenset({"api.brevo.com", "api.sendinblue.com"})

#: Brevo's eCommerce write endpoints (path after the API base) and the kind of their body.
ENDPOINTS: dict[str, str] = {path: kind for kind, path in KIND_ENDPOINTS.items()}


class BrevoPayloadError(ValueError):
    """A request body Brevo would reject or misread; ``.report`` has every finding."""

    def __init__(self, method: str, url: str, report: Report) -> None:
        self.method, self.url, self.report = method, url, report
        lines = [f"{method} {url}: the {report.kind or 'payload'} has {len(report.errors)} error(s)"]
        lines += [f"  {f.pointer or '/'}: {f.rule}: {f.message}" for f in report.errors[:10]]
        if len(report.errors) > 10:
            lines.append(f"  ... and {len(report.errors) - 10} more")
        super().__init__("\n".join(lines))


def _client_library(module: str, extra: str, caller: str) -> Any:
    """``module`` imported, or an ImportError that says which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        raise ModuleNotFoundError(
            f"brevo_schema.guard.{caller} needs {module}, which is not installed: install brevo-schema "
            f'with its "{extra}" extra (pip install ".[{extra}]" in a checkout), or pip install {module}',
            name=module,
        ) from None


def kind_for(method: str, path: str) -> str | None:
    """The payload kind a request carries, or None for anything but an eCommerce write."""
    if method.upper() != "POST":
        return None
    path = path.rstrip("/")
    for suffix, kind in ENDPOINTS.items():
        if path.endswith(suffix) and (len(path) == len(suffix) or path[-len(suffix) - 1] != "/"):
            return kind
    return None


def _hosts(hosts: Iterable[str] | None) -> frozenset[str]:
    if hosts is None:
        return BREVO_HOSTS
    if isinstance(hosts, str):
        hosts = [hosts]
    return frozenset(host.lower() for host in hosts)


def _guarded_kind(method: str, url: str, hosts: frozenset[str]) -> str | None:
    """The kind of a request to one of ``hosts`` (``host`` or ``host:port``), else None."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host not in hosts and parts.netloc.lower().rpartition("@")[2] not in hosts:
        return None
    return kind_for(method, parts.path)


def _decoded(body: bytes | str | None, content_encoding: str | None) -> bytes | str | None:
    """The body as JSON text: a gzip or deflate body is decompressed first. Raises
    ``_Unreadable`` for an encoding the guard cannot undo (the request then goes out unchecked)."""
    encodings = [e.strip().lower() for e in (content_encoding or "").split(",") if e.strip()]
    if not encodings or body is None:
        return body
    data = body.encode("utf-8") if isinstance(body, str) else body
    import zlib

    for encoding in reversed(encodings):  # the last one applied comes off first
        if encoding in ("gzip", "x-gzip"):
            data = zlib.decompress(data, wbits=47)  # 32 + 15: a gzip (or zlib) header
        elif encoding == "deflate":
            try:
                data = zlib.decompress(data)
            except zlib.error:
                data = zlib.decompress(data, wbits=-15)  # raw deflate, as some clients send it
        elif encoding != "identity":
            raise _Unreadable(f"Content-Encoding {encoding!r}")
    return data


class _Unreadable(Exception):
    """A body the guard cannot read."""


def check_request(
    method: str,
    url: str,
    path: str,
    body: bytes | str | None,
    *,
    mode: Mode = "raise",
    options: Options | None = None,
    hosts: Iterable[str] | None = None,
    content_encoding: str | None = None,
) -> Report | None:
    """Validate one outgoing request; None when it is not a guarded endpoint (a POST to one of
    Brevo's six eCommerce write paths on one of ``hosts``, Brevo's by default), or when its body
    is in an encoding the guard cannot undo (it goes out unchecked, with a logged warning)."""
    if _guarded_kind(method, url, _hosts(hosts)) is None:
        return None
    kind = kind_for(method, path)
    if kind is None:
        return None
    try:
        text = _decoded(body, content_encoding)
    except _Unreadable as why:
        LOG.warning("%s %s: not checked: the guard cannot read a body with %s", method.upper(), url, why)
        return None
    except Exception as error:  # zlib.error and the like: what Brevo would receive is no JSON either
        text = f"<{content_encoding} body that does not decompress: {error}>"
    report = validator_for(options).validate_json(text or b"", kind)
    if not report.ok:
        failure = BrevoPayloadError(method.upper(), url, report)
        if mode == "raise":
            raise failure
        LOG.warning("%s", failure)
    return report


def httpx_hook(
    *, mode: Mode = "raise", options: Options | None = None, hosts: Iterable[str] | None = None
) -> Callable[[httpx.Request], None]:
    """An httpx ``request`` event hook: ``httpx.Client(event_hooks={"request": [httpx_hook()]})``."""
    validator_for(options)  # options of the wrong type fail here, not at the first request
    allowed = _hosts(hosts)

    def guard_request(request: httpx.Request) -> None:
        url = str(request.url)
        if _guarded_kind(request.method, url, allowed) is None:
            return  # not ours: do not even read the body
        encoding = request.headers.get("content-encoding")
        check_request(
            request.method,
            url,
            request.url.path,
            request.read(),
            mode=mode,
            options=options,
            hosts=allowed,
            content_encoding=encoding,
        )

    return guard_request


def async_httpx_hook(
    *, mode: Mode = "raise", options: Options | None = None, hosts: Iterable[str] | None = None
) -> Callable[[httpx.Request], Awaitable[None]]:
    """``httpx_hook`` for an ``httpx.AsyncClient``, whose event hooks must be coroutines."""
    check = httpx_hook(mode=mode, options=options, hosts=hosts)
    allowed = _hosts(hosts)

    async def guard_request(request: httpx.Request) -> None:
        if _guarded_kind(request.method, str(request.url), allowed) is None:
            return
        await request.aread()  # a streamed body is read once; httpx keeps it for sending
        check(request)

    return guard_request


def httpx_client(
    *, mode: Mode = "raise", options: Options | None = None, hosts: Iterable[str] | None = None, **client_args: Any
) -> httpx.Client:
    """An ``httpx.Client`` with the guard installed; pass it to ``Brevo(httpx_client=...)``."""
    client: httpx.Client = _hooked_client(
        "Client", "httpx_client()", httpx_hook(mode=mode, options=options, hosts=hosts), client_args
    )
    return client


def httpx_async_client(
    *, mode: Mode = "raise", options: Options | None = None, hosts: Iterable[str] | None = None, **client_args: Any
) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` with the guard installed; pass it to ``AsyncBrevo(httpx_client=...)``."""
    client: httpx.AsyncClient = _hooked_client(
        "AsyncClient", "httpx_async_client()", async_httpx_hook(mode=mode, options=options, hosts=hosts), client_args
    )
    return client


def _hooked_client(class_name: str, caller: str, hook: Any, client_args: dict[str, Any]) -> Any:
    """``httpx.<class_name>(**client_args)`` with ``hook`` after the caller's own request hooks."""
    httpx_module = _client_library("httpx", "guard", caller)
    hooks = dict(client_args.pop("event_hooks", None) or {})
    hooks["request"] = [*hooks.get("request", []), hook]
    return getattr(httpx_module, class_name)(event_hooks=hooks, **client_args)


def install_httpx(
    client: C, *, mode: Mode = "raise", options: Options | None = None, hosts: Iterable[str] | None = None
) -> C:
    """Add the guard to an existing ``httpx.Client`` or ``httpx.AsyncClient``; returns it."""
    import httpx as httpx_module

    if isinstance(client, httpx_module.AsyncClient):
        hook: Any = async_httpx_hook(mode=mode, options=options, hosts=hosts)
    elif isinstance(client, httpx_module.Client):
        hook = httpx_hook(mode=mode, options=options, hosts=hosts)
    else:
        raise TypeError(f"install_httpx takes an httpx.Client or httpx.AsyncClient, not {type(client).__name__}")
    hooks: Any = client.event_hooks  # type: ignore[attr-defined]
    hooks["request"].append(hook)
    return client


def requests_session(
    session: requests.Session | None = None,
    *,
    mode: Mode = "raise",
    options: Options | None = None,
    hosts: Iterable[str] | None = None,
) -> requests.Session:
    """A ``requests.Session`` (new or given) that checks each request before sending it.

    The session's own ``send`` is wrapped, so every adapter it has or is given later stays as
    it is (its retries, its pools), and none of them, however specific its prefix, bypasses
    the guard. A body given as a generator or a file is read to be judged, and sent as the
    bytes that were read."""
    requests_module = _client_library("requests", "guard-requests", "requests_session()")
    validator_for(options)  # options of the wrong type fail here, not at the first request
    allowed = _hosts(hosts)
    session = session or requests_module.Session()
    send = session.send

    def guarded_send(request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        url = request.url or ""
        if _guarded_kind(request.method or "", url, allowed) is not None:
            from urllib.parse import urlsplit

            body = _readable_body(request)
            encoding = request.headers.get("Content-Encoding")
            if isinstance(encoding, bytes):
                encoding = encoding.decode("latin-1")
            check_request(
                request.method or "",
                url,
                urlsplit(url).path,
                body,
                mode=mode,
                options=options,
                hosts=allowed,
                content_encoding=encoding,
            )
        return send(request, **kwargs)

    session.send = guarded_send  # type: ignore[method-assign]
    return session


def _readable_body(request: requests.PreparedRequest) -> bytes | str | None:
    """The body of ``request`` as bytes or text. A file or generator body is read here; the
    request then carries the bytes read (a seekable file is rewound instead)."""
    body: Any = request.body
    if body is None or isinstance(body, (bytes, str)):
        return body
    if hasattr(body, "read"):
        seekable = hasattr(body, "seekable") and body.seekable()
        start = body.tell() if seekable else 0
        data = body.read()
        if seekable:
            body.seek(start)
            return data  # type: ignore[no-any-return]
    else:
        data = b"".join(chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in body)
    request.body = data
    request.headers.pop("Transfer-Encoding", None)
    request.headers["Content-Length"] = str(len(data))
    return data  # type: ignore[no-any-return]
