"""The rate limiter on a simulated clock: never more than N in any rolling 60 s, yet close to N."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest
from socialecho_client import APITimeoutError, AsyncSocialEcho, SocialEcho
from socialecho_client._runtime._ratelimit import RateLimiter

from .conftest import KEY, TEAM, FakeClock, Kind, invoke, make_client

LIMIT = 120
WINDOW = 60.0


def _window_spans(times: list[float]) -> list[float]:
    """For each run of LIMIT + 1 consecutive requests, the time it spans."""
    ordered = sorted(times)
    return [ordered[i + LIMIT] - ordered[i] for i in range(len(ordered) - LIMIT)]


async def test_1000_calls_from_16_tasks_stay_within_and_near_the_limit() -> None:
    clock = FakeClock(start=0.0)
    sent: list[float] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        await asyncio.sleep(0)  # let the other tasks interleave
        return httpx.Response(200, json=TEAM)

    client = AsyncSocialEcho(
        "se_limiter_test_key", transport=httpx.MockTransport(handler), clock=clock, deadline=None
    )
    calls = iter(range(1000))

    async def worker() -> None:
        for _ in calls:
            await client.team.get()

    await asyncio.gather(*(worker() for _ in range(16)))
    await client.close()

    assert len(sent) == 1000
    spans = _window_spans(sent)
    assert min(spans) >= WINDOW, "more than 120 requests inside some 60 s window"
    assert max(spans) <= WINDOW / 0.99, "some 60 s stretch ran below 99 % of the allowed rate"
    ideal_last = (1000 - 1) // LIMIT * WINDOW  # the earliest the 1000th request may go out
    assert max(sent) - min(sent) <= ideal_last / 0.99


def test_threads_share_one_limiter_and_never_exceed_it(monkeypatch: pytest.MonkeyPatch) -> None:
    lock = threading.Lock()

    class ThreadClock(FakeClock):
        def monotonic(self) -> float:
            with lock:
                return self.now

        def sleep(self, seconds: float) -> None:
            with lock:
                self.now += seconds

    clock = ThreadClock(start=0.0)
    admitted: list[float] = []
    original = RateLimiter.try_acquire
    admissions = threading.Lock()

    def recording_try_acquire(self: RateLimiter) -> float:
        # Record the admission time the limiter itself wrote (a time read in the handler could be
        # later: another thread may advance the shared fake clock in between).
        with admissions:
            wait = original(self)
            if wait == 0.0:
                admitted.append(self._state.sent[-1])
            return wait

    monkeypatch.setattr(RateLimiter, "try_acquire", recording_try_acquire)
    handled: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        with lock:
            handled.append(1)
        return httpx.Response(200, json=TEAM)

    clients = [
        SocialEcho("se_thread_key", transport=httpx.MockTransport(handler), clock=clock, deadline=None)
        for _ in range(4)
    ]
    threads = [threading.Thread(target=lambda c=c: [c.team.get() for _ in range(100)]) for c in clients * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(handled) == 800
    assert len(admitted) == 800
    assert min(_window_spans(admitted)) >= WINDOW


async def test_clients_with_the_same_key_share_the_limit(kind: Kind, clock: FakeClock) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=TEAM))
    first, other_key, again = (
        make_client(kind, clock, api_key=key, transport=transport, rate_limit=3)
        for key in (KEY, "se_other", KEY)
    )
    for _ in range(3):
        await invoke(first, lambda c: c.team.get())
    await invoke(other_key, lambda c: c.team.get())  # another key: its own budget
    await invoke(again, lambda c: c.team.get())
    assert clock.sleeps == [60.0]  # only the fourth request on KEY waited, for the oldest to expire


def test_registry_is_keyed_by_a_hash_never_the_key() -> None:
    limiter = RateLimiter.shared(KEY, 7, FakeClock())
    assert limiter is RateLimiter.shared(KEY, 7, limiter._clock)
    assert all(KEY not in repr(key) for key in RateLimiter._registry)
    assert KEY not in repr(limiter)


async def test_a_wait_past_the_deadline_fails_fast(kind: Kind, clock: FakeClock) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=TEAM))
    client = make_client(
        kind, clock, api_key="se_deadline_key", transport=transport, rate_limit=1, deadline=30
    )
    await invoke(client, lambda c: c.team.get())
    with pytest.raises(APITimeoutError, match="rate limiter"):
        await invoke(client, lambda c: c.team.get())
    assert clock.sleeps == []


def test_limiter_unit_rules() -> None:
    clock = FakeClock(start=0.0)
    limiter = RateLimiter(2, clock, window=10.0)
    assert (limiter.try_acquire(), limiter.try_acquire(), limiter.try_acquire()) == (0.0, 0.0, 10.0)
    clock.now = 10.0
    assert limiter.try_acquire() == 0.0
    limiter.pause(5.0)
    assert limiter.try_acquire() == 5.0
    with pytest.raises(ValueError, match="positive"):
        RateLimiter(0, clock)
