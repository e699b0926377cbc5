"""Time, sleeping and jitter as injectable objects.

Everything in the runtime that waits or reads the time goes through a :class:`Clock`, so tests pass a
fake one and never really sleep. ``monotonic`` drives deadlines, back-off and the rate limiter;
``time`` (wall clock) is only used to turn an HTTP-date ``Retry-After`` into seconds.
"""

from __future__ import annotations

import asyncio
import time as _time
from collections.abc import Awaitable
from typing import Protocol

__all__ = ["SYSTEM_CLOCK", "Clock", "SystemClock"]


class Clock(Protocol):
    """What the runtime needs from a clock."""

    def monotonic(self) -> float: ...

    def time(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    def asleep(self, seconds: float) -> Awaitable[None]: ...


class SystemClock:
    """The real clock: ``time.monotonic``, ``time.time``, ``time.sleep`` and ``asyncio.sleep``."""

    monotonic = staticmethod(_time.monotonic)  # the C function itself: it runs on every request

    def time(self) -> float:
        return _time.time()

    def sleep(self, seconds: float) -> None:
        _time.sleep(seconds)  # looked up at call time, so a patched time.sleep is honoured

    def asleep(self, seconds: float) -> Awaitable[None]:
        return asyncio.sleep(seconds)

    def __repr__(self) -> str:
        return "SystemClock()"


SYSTEM_CLOCK = SystemClock()
