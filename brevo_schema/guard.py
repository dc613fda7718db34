"""A send-time guard: check every Brevo eCommerce write before it leaves the machine.

Brevo's official Python SDK (``brevo-python``) sends through httpx and checks
nothing on plain dicts (it happily sends ``"quantity": 2.0``). The guard sits in
the HTTP client, so it sees exactly the bytes that would go out, whoever built
them::

    from brevo import Brevo
    from brevo_schema import guard

    client = Brevo(api_key=KEY, httpx_client=guard.httpx_client())

Requests to Brevo's six eCommerce write endpoints are validated; a body with an
error raises ``BrevoPayloadError`` (carrying the report) before the transport is
called, or, in ``mode="warn"``, is logged and sent. Every other request passes
untouched and unparsed. The request is never modified.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from .options import Options
from .report import Report
from .validation import validator_for

if TYPE_CHECKING:
    import httpx
    import requests

Mode = Literal["raise", "warn"]
LOG = logging.getLogger("brevo_schema.guard")

#: Brevo's eCommerce write endpoints (path after the API base) and the kind of their body.
ENDPOINTS: dict[str, str] = {
    "/v3/orders/status": "order",
    "/v3/orders/status/batch": "order-batch",
    "/v3/products": "product",
    "/v3/products/batch": "product-batch",
    "/v3/categories": "category",
    "/v3/categories/batch": "category-batch",
}


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


def check_request(
    method: str, url: str, path: str, body: bytes | str | None, *, mode: Mode = "raise", options: Options | None = None
) -> Report | None:
    """Validate one outgoing request; None when it is not a guarded endpoint."""
    kind = kind_for(method, path)
    if kind is None:
        return None
    report = validator_for(options).validate_json(body or b"", kind)
    if not report.ok:
        error = BrevoPayloadError(method.upper(), url, report)
        if mode == "raise":
            raise error
        LOG.warning("%s", error)
    return report


def httpx_hook(*, mode: Mode = "raise", options: Options | None = None) -> Callable[[httpx.Request], None]:
    """An httpx ``request`` event hook: ``httpx.Client(event_hooks={"request": [httpx_hook()]})``."""
    validator_for(options)  # options of the wrong type fail here, not at the first request

    def guard_request(request: httpx.Request) -> None:
        if kind_for(request.method, request.url.path) is None:
            return  # not ours: do not even read the body
        check_request(request.method, str(request.url), request.url.path, request.read(), mode=mode, options=options)

    return guard_request


def httpx_client(*, mode: Mode = "raise", options: Options | None = None, **client_args: Any) -> httpx.Client:
    """An ``httpx.Client`` with the guard installed; pass it to ``Brevo(httpx_client=...)``."""
    httpx_module = _client_library("httpx", "guard", "httpx_client()")

    hooks = dict(client_args.pop("event_hooks", None) or {})
    hooks["request"] = [*hooks.get("request", []), httpx_hook(mode=mode, options=options)]
    client: httpx.Client = httpx_module.Client(event_hooks=hooks, **client_args)
    return client


def install_httpx(client: httpx.Client, *, mode: Mode = "raise", options: Options | None = None) -> httpx.Client:
    """Add the guard to an existing ``httpx.Client``; returns it."""
    client.event_hooks["request"].append(httpx_hook(mode=mode, options=options))
    return client


def requests_session(
    session: requests.Session | None = None, *, mode: Mode = "raise", options: Options | None = None
) -> requests.Session:
    """A ``requests.Session`` (new or given) whose http(s) adapters check each request before sending."""
    requests_module = _client_library("requests", "guard-requests", "requests_session()")
    from requests.adapters import HTTPAdapter

    validator_for(options)  # options of the wrong type fail here, not at the first request

    class GuardAdapter(HTTPAdapter):
        def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
            from urllib.parse import urlsplit

            url = request.url or ""
            body = request.body if isinstance(request.body, (bytes, str)) else None
            check_request(request.method or "", url, urlsplit(url).path, body, mode=mode, options=options)
            return super().send(request, *args, **kwargs)

    session = session or requests_module.Session()
    for prefix in ("https://", "http://"):
        session.mount(prefix, GuardAdapter())
    return session
