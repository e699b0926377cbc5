"""Runtime overhead and pagination memory, measured against one in-process mock (``make bench``).

1. Per-call time of ``client.team.get()`` next to a bare httpx request plus JSON parse, both through the
   same ``httpx.MockTransport`` handler, and a third side: the bare request on the client's own
   cookie-free ``httpx.Client``, which shows what the policy layer and typed parsing cost by themselves.
   Interleaved rounds (each side goes first in turn; the garbage collector is paused while timing, as
   timeit does); the medians of the per-call times and of the per-round ratios are printed. The client
   runs its full policy path (limiter bookkeeping with a limit too high to wait, envelope check, retry
   decision, model parsing).
2. Peak memory growth (tracemalloc) while ``accounts.iter_all()`` walks 100,000 items.

It prints figures against the targets; it is not a test and always exits 0.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable

import httpx
from socialecho_client import SocialEcho
from socialecho_client._runtime._client import _ApiHttp

BASE = "https://api.socialecho.net"
KEY = "se_benchmark_key"
TEAM_BODY = json.dumps(
    {
        "code": 0,
        "message": "ok",
        "data": {"id": 7, "code": "T7", "title": "Benchmark team", "timezone": "Asia/Shanghai"},
        "request_id": "bench",
    }
).encode()
JSON = {"Content-Type": "application/json"}
RATIO_TARGET = 1.15
MEMORY_TARGET_MB = 10.0


def team_handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=TEAM_BODY, headers=JSON)


def _per_call_us(call: Callable[[], object], calls: int) -> float:
    """Mean microseconds per call over ``calls`` calls, with the garbage collector paused (as timeit does)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - start) / calls * 1e6
    finally:
        gc.enable()


def overhead(rounds: int, calls: int) -> dict[str, tuple[float, float]]:
    """Per side: (median per-call microseconds, median per-round ratio to the bare request)."""
    # The bare request is the one a user would write by hand: same URL, same key, same JSON body.
    bare_http = httpx.Client(
        base_url=BASE, headers={"Authorization": f"Bearer {KEY}"}, transport=httpx.MockTransport(team_handler)
    )
    # The same, on the client's own cookie-free httpx.Client: what the policy layer itself costs.
    jarless_http = _ApiHttp(
        base_url=BASE, headers={"Authorization": f"Bearer {KEY}"}, transport=httpx.MockTransport(team_handler)
    )
    client = SocialEcho(KEY, transport=httpx.MockTransport(team_handler), rate_limit=1_000_000_000)

    def by_hand(http: httpx.Client) -> Callable[[], object]:
        def call() -> object:
            response = http.request("GET", "/v1/team", json={})
            response.raise_for_status()
            return response.json()

        return call

    sides = [("bare", by_hand(bare_http)), ("jarless", by_hand(jarless_http)), ("ours", client.team.get)]
    for _, call in sides:
        _per_call_us(call, calls // 5 or 1)  # warm up
    times: dict[str, list[float]] = {name: [] for name, _ in sides}
    for i in range(rounds):
        for name, call in sides[i % 3 :] + sides[: i % 3]:  # each side goes first in turn
            times[name].append(_per_call_us(call, calls))
    bare_http.close()
    jarless_http.close()
    client.close()
    return {
        name: (
            statistics.median(values),
            statistics.median(v / b for v, b in zip(values, times["bare"], strict=True)),
        )
        for name, values in times.items()
    }


def pagination_memory(items: int, per_page: int) -> tuple[float, int, float]:
    """(peak memory growth in MB, pages served, seconds) while iter_all walks ``items`` accounts."""
    served = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal served
        served += 1
        page = json.loads(request.content)["page"]
        first = (page - 1) * per_page + 1
        chunk = [
            {
                "id": i,
                "title": f"account {i}",
                "app": "Instagram",
                "type": 1,
                "status": "normal",
                "account": f"@a{i}",
            }
            for i in range(first, min(first + per_page, items + 1))
        ]
        body = {
            "code": 0,
            "message": "ok",
            "data": {"page": page, "per_page": per_page, "total": items, "list": chunk},
        }
        return httpx.Response(200, content=json.dumps(body).encode(), headers=JSON)

    client = SocialEcho(KEY, transport=httpx.MockTransport(handler), rate_limit=None)
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    start = time.perf_counter()
    count = sum(1 for _ in client.accounts.iter_all())
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    client.close()
    if count != items:
        raise SystemExit(f"iter_all yielded {count} items, expected {items}")
    return (peak - baseline) / 1e6, served, elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--calls", type=int, default=2000, help="calls per round and side")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--per-page", type=int, default=100)
    args = parser.parse_args(argv)

    sides = overhead(args.rounds, args.calls)
    (bare, _), (jarless, jarless_ratio), (ours, ratio) = sides["bare"], sides["jarless"], sides["ours"]
    print(f"team.get() per call, median of {args.rounds} interleaved rounds x {args.calls} calls:")
    print(f"  bare httpx request + JSON parse                  {bare:8.1f} us")
    print(
        f"  the same without cookie extraction (as ours)     {jarless:8.1f} us  ({jarless_ratio:.3f}x bare)"
    )
    print(f"  SocialEcho client.team.get() (typed model)       {ours:8.1f} us")
    verdict = "ok" if ratio <= RATIO_TARGET else "OVER TARGET"
    print(
        f"  ratio to bare (median of per-round ratios) {ratio:6.3f}    (target <= {RATIO_TARGET}: {verdict})"
    )
    print(f"  policy layer + typed parsing alone: {ours / jarless:.3f}x the cookie-free bare request")

    growth, pages, seconds = pagination_memory(args.items, args.per_page)
    verdict = "ok" if growth < MEMORY_TARGET_MB else "OVER TARGET"
    print(f"accounts.iter_all() over {args.items:,} items ({pages} pages, {seconds:.1f} s with tracemalloc):")
    print(
        f"  peak memory growth               {growth:8.2f} MB (target < {MEMORY_TARGET_MB:g} MB: {verdict})"
    )


if __name__ == "__main__":
    main()
