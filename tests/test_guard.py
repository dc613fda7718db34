"""The send-time guard with the real SDK (brevo-python), plain httpx and requests.
Nothing reaches the network: httpx gets a MockTransport, requests a stubbed adapter."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
import requests
from requests.adapters import HTTPAdapter

from brevo_schema import guard
from tests.helpers import order


class Recorder:
    """A MockTransport handler that remembers what reached it."""

    def __init__(self) -> None:
        self.requests: list[Any] = []

    def __call__(self, request: Any) -> Any:
        self.requests.append(request)
        return httpx.Response(204)


def _sdk(recorder: Recorder, mode: guard.Mode = "raise") -> Any:
    from brevo import Brevo

    client = guard.httpx_client(mode=mode, transport=httpx.MockTransport(recorder))
    return Brevo(api_key="test-key", httpx_client=client)


LINE = {"productId": "P1", "price": 99.99}
#: The SDK's create_order arguments for an order Brevo rejects: a float quantity.
FLOAT_QUANTITY_ORDER: dict[str, Any] = {
    "id": "14",
    "created_at": "2021-07-29T20:59:23Z",
    "updated_at": "2021-07-29T20:59:23Z",
    "status": "completed",
    "amount": 308.42,
    "products": [{**LINE, "quantity": 2.0}],
    "identifiers": {"email_id": "a@b.co"},
}


def test_sdk_bad_order_raises_before_the_transport() -> None:
    recorder = Recorder()
    sdk = _sdk(recorder)
    with pytest.raises(guard.BrevoPayloadError) as caught:
        sdk.ecommerce.create_order(**FLOAT_QUANTITY_ORDER)
    assert recorder.requests == []
    assert [f.rule for f in caught.value.report.errors] == ["products/quantity-not-integer"]
    assert "/products/0/quantity" in str(caught.value)


def test_sdk_good_order_reaches_the_transport_unchanged() -> None:
    recorder = Recorder()
    sdk = _sdk(recorder)
    sdk.ecommerce.create_order(
        id="14",
        created_at="2021-07-29T20:59:23Z",
        updated_at="2021-07-29T20:59:23Z",
        status="completed",
        amount=308.42,
        products=[{**LINE, "quantity": 2}],
        identifiers={"email_id": "a@b.co"},
    )
    (sent,) = recorder.requests
    assert sent.url.path == "/v3/orders/status"
    body = json.loads(sent.content)
    assert body["products"] == [{**LINE, "quantity": 2}]


def test_sdk_batch_and_catalog_calls_are_guarded() -> None:
    recorder = Recorder()
    sdk = _sdk(recorder)
    with pytest.raises(guard.BrevoPayloadError, match="catalog/name-required"):
        sdk.ecommerce.create_update_batch_category(categories=[{"id": "C1"}])
    with pytest.raises(guard.BrevoPayloadError, match="batch/duplicate-id"):
        sdk.ecommerce.create_update_batch_products(products=[{"id": "P", "name": "a"}, {"id": "P", "name": "b"}])
    assert recorder.requests == []


def test_warn_mode_logs_and_sends(caplog: pytest.LogCaptureFixture) -> None:
    recorder = Recorder()
    sdk = _sdk(recorder, mode="warn")
    with caplog.at_level(logging.WARNING, logger="brevo_schema.guard"):
        sdk.ecommerce.create_update_category(id="C1")
    assert len(recorder.requests) == 1
    assert "catalog/name-required" in caplog.text


def test_other_requests_pass_unparsed() -> None:
    recorder = Recorder()
    client = guard.httpx_client(transport=httpx.MockTransport(recorder))
    client.post("https://api.brevo.com/v3/contacts", content=b"not json at all")
    client.get("https://api.brevo.com/v3/orders/status")
    client.post("https://api.brevo.com/v3/orders/status/batch/extra", content=b"{")
    assert len(recorder.requests) == 3


def test_install_on_an_existing_httpx_client() -> None:
    recorder = Recorder()
    client = guard.install_httpx(httpx.Client(transport=httpx.MockTransport(recorder)))
    with pytest.raises(guard.BrevoPayloadError):
        client.post("https://api.brevo.com/v3/orders/status", json={"id": "1"})
    client.post("https://api.brevo.com/v3/orders/status", json=order())
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(
    ("method", "path", "kind"),
    [
        ("POST", "/v3/orders/status", "order"),
        ("post", "/v3/orders/status/", "order"),
        ("POST", "/proxy/brevo/v3/products/batch", "product-batch"),
        ("POST", "/v3/categories", "category"),
        ("PUT", "/v3/orders/status", None),
        ("POST", "/v3/orders/status/batch/1", None),
        ("POST", "/v3/xorders/status", None),
    ],
)
def test_kind_for(method: str, path: str, kind: str | None) -> None:
    assert guard.kind_for(method, path) == kind


def test_requests_session_checks_before_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[Any] = []

    def fake_send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(request)
        response = requests.Response()
        response.status_code = 204
        return response

    monkeypatch.setattr(HTTPAdapter, "send", fake_send)
    session = guard.requests_session()
    with pytest.raises(guard.BrevoPayloadError):
        session.post("https://api.brevo.com/v3/orders/status", json=order(amount=-1))
    assert sent == []
    session.post("https://api.brevo.com/v3/orders/status", json=order())
    session.post("https://api.brevo.com/v3/contacts", data=b"anything")
    assert len(sent) == 2


@pytest.mark.parametrize(
    ("module", "extra", "make"),
    [
        ("httpx", "guard", lambda: guard.httpx_client()),
        ("requests", "guard-requests", lambda: guard.requests_session()),
    ],
)
def test_a_missing_client_library_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, extra: str, make: Any
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, module, None)  # what an environment without it gives import
    with pytest.raises(ModuleNotFoundError) as caught:
        make()
    assert str(caught.value) == (
        f"brevo_schema.guard.{'httpx_client' if module == 'httpx' else 'requests_session'}() needs {module}, "
        f'which is not installed: install brevo-schema with its "{extra}" extra '
        f'(pip install ".[{extra}]" in a checkout), or pip install {module}'
    )


# Async clients, encoded and streamed bodies, the user's adapters, Brevo's hosts


def test_the_async_sdk_is_guarded() -> None:
    import asyncio

    from brevo import AsyncBrevo

    seen: list[Any] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    client = guard.install_httpx(httpx.AsyncClient(transport=httpx.MockTransport(handler)))
    sdk = AsyncBrevo(api_key="test-key", httpx_client=client)

    async def scenario() -> None:
        with pytest.raises(guard.BrevoPayloadError):
            await sdk.ecommerce.create_order(**FLOAT_QUANTITY_ORDER)
        assert seen == []
        await client.post("https://api.brevo.com/v3/orders/status", json=order())
        await client.get("https://api.brevo.com/v3/contacts")
        assert len(seen) == 2
        async_made = guard.httpx_async_client(transport=httpx.MockTransport(handler))
        with pytest.raises(guard.BrevoPayloadError):
            await async_made.post("https://api.brevo.com/v3/orders/status", json=order(amount=-1))

    asyncio.run(scenario())


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_an_encoded_body_is_decoded_before_it_is_judged(encoding: str) -> None:
    import gzip
    import zlib

    recorder = Recorder()
    client = guard.httpx_client(transport=httpx.MockTransport(recorder))
    pack = gzip.compress if encoding == "gzip" else zlib.compress
    headers = {"Content-Encoding": encoding, "Content-Type": "application/json"}
    client.post("https://api.brevo.com/v3/orders/status", content=pack(json.dumps(order()).encode()), headers=headers)
    assert len(recorder.requests) == 1
    with pytest.raises(guard.BrevoPayloadError):
        client.post(
            "https://api.brevo.com/v3/orders/status",
            content=pack(json.dumps(order(amount=-1)).encode()),
            headers=headers,
        )


def _stub_send(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    sent: list[Any] = []

    def fake_send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        body = request.body
        if body is not None and not isinstance(body, (bytes, str)):
            body = b"".join(body) if not hasattr(body, "read") else body.read()
        sent.append((self, body))
        response = requests.Response()
        response.status_code = 204
        return response

    monkeypatch.setattr(HTTPAdapter, "send", fake_send)
    return sent


def test_requests_bodies_from_generators_and_files_are_judged_and_still_sent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    sent = _stub_send(monkeypatch)
    session = guard.requests_session()
    good = json.dumps(order()).encode()
    session.post("https://api.brevo.com/v3/orders/status", data=iter([good[:10], good[10:]]))
    path = tmp_path / "order.json"
    path.write_bytes(good)
    with path.open("rb") as file:
        session.post("https://api.brevo.com/v3/orders/status", data=file)
    assert [body for _, body in sent] == [good, good]
    with pytest.raises(guard.BrevoPayloadError):
        session.post("https://api.brevo.com/v3/orders/status", data=iter([json.dumps(order(amount=-1)).encode()]))


def test_the_users_adapters_are_kept_and_cannot_bypass_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = _stub_send(monkeypatch)
    session = requests.Session()
    retrying = HTTPAdapter(max_retries=5)
    special = HTTPAdapter(max_retries=2)
    session.mount("https://", retrying)
    session.mount("https://api.brevo.com", special)
    guard.requests_session(session)
    assert session.get_adapter("https://api.brevo.com/v3/orders/status") is special
    assert session.get_adapter("https://example.com/") is retrying
    with pytest.raises(guard.BrevoPayloadError):
        session.post("https://api.brevo.com/v3/orders/status", json=order(amount=-1))
    session.post("https://api.brevo.com/v3/orders/status", json=order())
    assert [adapter for adapter, _ in sent] == [special]


def test_only_brevos_hosts_are_guarded_unless_told_otherwise() -> None:
    recorder = Recorder()
    client = guard.httpx_client(transport=httpx.MockTransport(recorder))
    client.post("https://example.com/v3/products", json={"not": "a product"})
    assert len(recorder.requests) == 1
    proxied = guard.httpx_client(transport=httpx.MockTransport(recorder), hosts=["brevo-proxy.internal:8443"])
    with pytest.raises(guard.BrevoPayloadError):
        proxied.post("https://brevo-proxy.internal:8443/v3/products", json={"not": "a product"})
    proxied.post("https://api.brevo.com/v3/products", json={"not": "a product"})  # not in hosts= now
    assert len(recorder.requests) == 2
