"""Client-side rate limiter: at most N requests in any rolling 60 s window, per API key.

One limiter is shared by every client of the process that uses the same key, limit and clock
(:meth:`RateLimiter.shared`; the registry is keyed by a SHA-256 of the key, never the key). The state
is guarded by a :class:`threading.Lock` held only for a few arithmetic steps and never across a wait,
so it is safe for threads (sync clients) and for tasks (async clients) alike. A caller asks
:meth:`try_acquire`, which either records the request and returns 0, or returns how long to wait
before asking again; the caller sleeps with its own clock (blocking or awaiting). A 429 pauses the
limiter for the server-advised wait (:meth:`pause`).
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from typing import ClassVar

from ._clock import Clock

__all__ = ["WINDOW_SECONDS", "RateLimiter"]

WINDOW_SECONDS = 60.0
_MIN_WAIT = 0.001  # never ask a caller to wait less than this: a float step that no clock can show


class _Window:
    """The requests sent with one key in the rolling window, and the pause a 429 asked for."""

    def __init__(self) -> None:
        self.sent: deque[float] = deque()
        self.paused_until = float("-inf")
        self.lock = threading.Lock()


class RateLimiter:
    """Sliding-window limiter over the monotonic time of ``clock``.

    Limiters of the same key (:meth:`shared`) record their requests in one window, even when their
    limits differ: each lets a request through only while the window holds fewer than its own limit,
    so together they never exceed the largest limit in use.
    """

    _registry: ClassVar[dict[tuple[str, int], tuple[Clock, _Window, dict[int, RateLimiter]]]] = {}
    _registry_lock: ClassVar = threading.Lock()

    def __init__(
        self, per_window: int, clock: Clock, window: float = WINDOW_SECONDS, *, _state: _Window | None = None
    ) -> None:
        if type(per_window) is not int or per_window < 1:
            raise ValueError(f"per_window must be a positive integer, got {per_window!r}")
        self.per_window = per_window
        self.window = window
        self._clock = clock
        self._state = _Window() if _state is None else _state

    @classmethod
    def shared(cls, api_key: str, per_minute: int, clock: Clock) -> RateLimiter:
        """The process-wide limiter for this key, limit and clock (one window per key and clock)."""
        digest = hashlib.sha256(api_key.encode("utf-8")).hexdigest()
        key = (digest, id(clock))
        with cls._registry_lock:
            entry = cls._registry.get(key)
            if entry is None:  # the entry keeps the clock alive, so its id is never reused
                entry = cls._registry[key] = (clock, _Window(), {})
            _, state, limiters = entry
            limiter = limiters.get(per_minute)
            if limiter is None:
                limiter = limiters[per_minute] = cls(per_minute, clock, _state=state)
            return limiter

    def try_acquire(self) -> float:
        """Record a request now and return 0, or return the seconds to wait before trying again."""
        state = self._state
        with state.lock:
            now = self._clock.monotonic()
            if now < state.paused_until:
                return max(state.paused_until - now, _MIN_WAIT)
            sent = state.sent
            horizon = now - self.window
            while sent and sent[0] <= horizon:
                sent.popleft()
            if len(sent) < self.per_window:
                sent.append(now)
                return 0.0
            # The window holds at least per_window requests: wait until all but per_window - 1 expire.
            return max(sent[len(sent) - self.per_window] - horizon, _MIN_WAIT)

    def pause(self, seconds: float) -> None:
        """Let no request through for ``seconds`` from now (a 429's advised wait)."""
        state = self._state
        with state.lock:
            state.paused_until = max(state.paused_until, self._clock.monotonic() + seconds)

    def __repr__(self) -> str:
        return f"RateLimiter(per_window={self.per_window}, window={self.window})"
