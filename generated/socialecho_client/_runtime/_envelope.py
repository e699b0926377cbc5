"""The business envelope and the error it maps to (pure functions, shared by sync and async).

Success is an HTTP 2xx **and** a JSON object whose ``code`` is an integer (not a bool, not a string)
in the spec's success set. Everything else becomes one typed error:

- a non-2xx status -> the :class:`APIStatusError` subclass for that status, whatever the body is (an
  HTML 403 page is a :class:`PermissionDeniedError`; its content type and a snippet go in the message);
- a 2xx whose body is empty, not JSON, truncated or not an object -> :class:`UnexpectedResponseError`;
- a 2xx whose ``code`` is missing, null, a string, a bool or a failing code -> :class:`BusinessError`.
"""

from __future__ import annotations

import email.utils
import json
import math
from collections.abc import Mapping
from typing import Any, Final

import httpx

from ._exceptions import (
    BusinessError,
    RateLimitError,
    SocialEchoError,
    UnexpectedResponseError,
    status_error_class,
)
from ._logging import redact

__all__ = [
    "NOT_JSON",
    "decode_json",
    "envelope_error",
    "parse_retry_after",
    "redact_json",
    "request_id_of",
    "snippet",
]

SNIPPET_CHARS: Final = 160
NOT_JSON: Final = object()
MAX_DEPTH: Final = 64


def decode_json(content: bytes) -> Any:
    """The decoded body, or :data:`NOT_JSON`."""
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser's stack
        return NOT_JSON


def snippet(content: bytes) -> str:
    """The start of a body, decoded leniently and redacted, for error messages and logs."""
    text = content[: SNIPPET_CHARS * 4].decode("utf-8", errors="replace")
    text = " ".join(text.split())
    return redact(text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else ""))


def request_id_of(headers: Mapping[str, str], body: Any) -> str | None:
    """The request id from the ``X-Request-Id`` header, else from the body's ``request_id``."""
    value = headers.get("x-request-id")
    if not value and isinstance(body, dict):
        value = body.get("request_id")
    return redact(str(value)) if value not in (None, "") else None


def redact_json(value: Any, depth: int = 0) -> Any:
    """A copy of a decoded JSON value with secrets masked in every string (keys included).

    Containers nested deeper than :data:`MAX_DEPTH` are replaced by ``"…"`` (no recursion limit is hit).
    """
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict | list) and depth >= MAX_DEPTH:
        return "…"
    if isinstance(value, dict):
        return {redact(str(k)): redact_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v, depth + 1) for v in value]
    return value


def parse_retry_after(value: str | None, now: float) -> float | None:
    """``Retry-After`` in seconds (delta-seconds, or an HTTP-date against wall time ``now``), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = max(0.0, moment.timestamp() - now)
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _code_problem(code: Any) -> str:
    if code is None:
        return "the business code is missing or null"
    if type(code) is not int:
        return f"the business code {code!r} is a {type(code).__name__}, not an integer"
    return f"business code {code} is not a success code"


def envelope_error(
    response: httpx.Response,
    body: Any,
    *,
    success_codes: frozenset[int],
    method: str,
    endpoint: str,
    now: float,
) -> SocialEchoError | None:
    """The error this response means, or None when it is a success envelope. ``body``: :func:`decode_json`."""
    status = response.status_code
    content_type = response.headers.get("content-type")
    is_object = isinstance(body, dict)
    request_id = request_id_of(response.headers, body)
    raw_code = body.get("code") if is_object else None
    code = raw_code if type(raw_code) is int else None
    if 200 <= status < 300:
        if is_object and code is not None and code in success_codes:
            return None
        if not is_object:
            what = "an empty body" if not response.content.strip() else "a body that is not a JSON object"
            return UnexpectedResponseError(
                f"expected the JSON envelope, got {what}",
                http_status=status,
                content_type=content_type,
                snippet=snippet(response.content),
                request_id=request_id,
                method=method,
                endpoint=endpoint,
            )
        message = redact(str(body.get("message") or "request failed"))
        return BusinessError(
            f"{message} ({_code_problem(raw_code)})",
            http_status=status,
            code=code,
            request_id=request_id,
            body=redact_json(body),
            method=method,
            endpoint=endpoint,
        )
    if is_object and body.get("message"):
        message = redact(str(body["message"]))
    else:
        reason = response.reason_phrase or "error"
        message = f"{reason}; body ({content_type or 'no content type'}): {snippet(response.content)!r}"
    cls = status_error_class(status)
    common: dict[str, Any] = {
        "http_status": status,
        "code": code,
        "request_id": request_id,
        "body": redact_json(body) if is_object else None,
        "method": method,
        "endpoint": endpoint,
    }
    if cls is RateLimitError:
        retry_after = parse_retry_after(response.headers.get("retry-after"), now)
        return RateLimitError(message, retry_after=retry_after, **common)
    return cls(message, **common)
