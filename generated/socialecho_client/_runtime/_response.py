"""What a call can hand back besides the parsed model: :class:`RawResponse` and :class:`PreparedRequest`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx

from ._envelope import redact_json
from ._logging import mask_secrets, redact, redact_headers

__all__ = ["PreparedRequest", "RawResponse"]

T = TypeVar("T")
_RATE_LIMIT_PREFIXES = ("x-ratelimit", "ratelimit", "retry-after")


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """HTTP facts of a call together with its parsed result.

    ``parsed`` is what the method returns; the other fields describe the last API request the call made.
    """

    http_status: int
    headers: httpx.Headers = field(repr=False)
    request_id: str | None
    parsed: T

    @property
    def rate_limit(self) -> dict[str, str]:
        """The rate-limit headers of the response (``X-RateLimit-*``, ``RateLimit-*``, ``Retry-After``)."""
        return {k: v for k, v in self.headers.items() if k.lower().startswith(_RATE_LIMIT_PREFIXES)}

    def __repr__(self) -> str:
        # ``parsed`` holds what the server sent: a server that echoes the key must not make it show here.
        return mask_secrets(
            f"RawResponse(http_status={self.http_status!r}, request_id={self.request_id!r}, "
            f"parsed={self.parsed!r})"
        )


@dataclass(frozen=True)
class PreparedRequest:
    """A request exactly as it would be sent (after wire re-encoding), with credentials masked.

    The API key is masked wherever it appears: headers, URL, and every string of the body. The body is
    otherwise exactly what would be sent (only registered secrets are masked in it, so a post that says
    "Authorization: pending" is shown as written).
    """

    method: str
    url: str
    headers: dict[str, str]
    body: Any

    @classmethod
    def of(cls, request: httpx.Request) -> PreparedRequest:
        content = request.content
        body: Any = None
        if content:
            try:
                body = redact_json(json.loads(content), mask=mask_secrets)
            except ValueError:
                body = mask_secrets(content.decode("utf-8", errors="replace"))
        return cls(request.method, redact(str(request.url)), redact_headers(request.headers), body)

    def __str__(self) -> str:
        lines = [f"{self.method} {self.url}", *(f"{k}: {v}" for k, v in self.headers.items())]
        if self.body is not None:
            lines += ["", json.dumps(self.body, ensure_ascii=False, indent=2)]
        return "\n".join(lines)
