"""Overhead of the send-time guard per request, measured (not asserted).

The same valid order is posted through an httpx client on a MockTransport
(nothing leaves the machine), with and without the guard, interleaved; and a
non-guarded request, which the guard must pass without reading its body.

    python benchmarks/bench_guard.py
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import httpx

from brevo_schema import guard

ORDER = json.loads((Path(__file__).resolve().parent.parent / "examples" / "order.json").read_text())
BATCH = {"orders": [dict(ORDER, id=f"A-{i}") for i in range(100)], "historical": True}


def per_request_us(client: httpx.Client, path: str, body: object, number: int = 300) -> float:
    start = time.perf_counter()
    for _ in range(number):
        client.post(f"https://api.brevo.com{path}", json=body)
    return (time.perf_counter() - start) / number * 1e6


def main() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(204))
    plain = httpx.Client(transport=transport)
    guarded = guard.httpx_client(transport=transport)
    cases = [
        ("one order, POST /v3/orders/status", "/v3/orders/status", ORDER),
        ("100-order batch, POST /v3/orders/status/batch", "/v3/orders/status/batch", BATCH),
        ("not guarded, POST /v3/contacts", "/v3/contacts", ORDER),
    ]
    for label, path, body in cases:
        samples: dict[str, list[float]] = {"plain": [], "guarded": []}
        number = 300 if body is ORDER else 30
        for _ in range(7):  # interleaved rounds
            samples["plain"].append(per_request_us(plain, path, body, number))
            samples["guarded"].append(per_request_us(guarded, path, body, number))
        base, with_guard = statistics.median(samples["plain"]), statistics.median(samples["guarded"])
        print(f"{label:48s} plain {base:9.1f} µs  guarded {with_guard:9.1f} µs  overhead {with_guard - base:8.1f} µs")


if __name__ == "__main__":
    main()
