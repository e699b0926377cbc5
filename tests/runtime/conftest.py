"""Shared fixtures of the runtime tests: a fake clock (nothing ever really sleeps), clients of both
flavours behind respx, and ``invoke`` to run a call the same way on a sync or an async client."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any, Literal

import httpx
import pytest
import respx
from socialecho_client import AsyncSocialEcho, SocialEcho

BASE = "https://api.socialecho.net"
KEY = "se_FAKEKEY_7f3a9c_never_in_logs"
Kind = Literal["sync", "async"]
Client = SocialEcho | AsyncSocialEcho


class FakeClock:
    """Monotonic and wall time that only move when someone sleeps; records every requested sleep."""

    def __init__(self, start: float = 1000.0, wall: float = 1_750_000_000.0) -> None:
        self.now = start
        self._wall_offset = wall - start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.now + self._wall_offset

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture(autouse=True)
def _restore_logger() -> Iterator[None]:
    """SOCIALECHO_LOG changes the package logger; undo it after each test."""
    logger = logging.getLogger("socialecho_client")
    level, handlers = logger.level, list(logger.handlers)
    yield
    logger.setLevel(level)
    logger.handlers[:] = handlers


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> Kind:
    value: Kind = request.param
    return value


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def make_client(kind: Kind, clock: FakeClock, **options: Any) -> Client:
    """A client of the given flavour with the fake clock and no jitter (rng() == 0)."""
    options = {"api_key": KEY, "clock": clock, "rng": lambda: 0.0, **options}
    return SocialEcho(**options) if kind == "sync" else AsyncSocialEcho(**options)


async def invoke(client: Client, call: Callable[[Any], Any]) -> Any:
    """``call(client)``, awaited when the client is async."""
    result = call(client)
    if inspect.isawaitable(result):
        result = await result
    return result


async def close(client: Client) -> None:
    if isinstance(client, AsyncSocialEcho):
        await client.close()
    else:
        client.close()


def envelope(data: Any = None, code: Any = 0, message: str = "ok", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, **extra}
    if data is not None:
        body["data"] = data
    return body


TEAM = envelope({"id": 7, "title": "Team", "timezone": "Asia/Shanghai"}, request_id="req-body-1")


def ok(body: Any = None, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=TEAM if body is None else body, headers=headers)


def sent_json(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None
