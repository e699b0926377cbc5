"""The business envelope and the error it maps to (pure functions, shared by sync and async).

Success is an HTTP 2xx **and** a JSON object whose ``code`` is an integer (not a bool, not a string)
in the spec's success set. Everything else becomes one typed error:

- a non-2xx status -> the :class:`APIStatusError` subclass for that status, whatever the body is (an
  HTML 403 page is a :class:`PermissionDeniedError`; its content type and a snippet go in the message);
- a 2xx whose body is empty, not JSON, truncated or not an object -> :class:`UnexpectedResponseError`;
- a 2xx whose ``code`` is missing, null, a string, a bool or a failing code -> :class:`BusinessError`.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import math
import re
from collections.abc import Callable, Mapping
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
SNIPPET_SCAN_BYTES: Final = 64 * 1024  # redacted before the cut; far more than SNIPPET_CHARS can show
# Longer than any spelling of a key (percent-encoding triples it): a key cut by the scan starts in here.
SNIPPET_CUT_MARGIN: Final = 1024
NOT_JSON: Final = object()
MAX_DEPTH: Final = 64
_DELAY_SECONDS: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)


def _not_json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400: beyond a double, and not representable in JSON output
        raise ValueError(f"{text} is out of range")
    return value


def decode_json(content: bytes) -> Any:
    """The decoded body, or :data:`NOT_JSON` (``NaN``, ``Infinity`` and out-of-range numbers are not JSON)."""
    try:
        return json.loads(content, parse_constant=_not_json_constant, parse_float=_finite)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser's stack
        return NOT_JSON


def snippet(content: bytes) -> str:
    """The start of a body, decoded leniently and redacted, for error messages and logs.

    Redacted *before* it is cut: a secret straddling the cut would otherwise survive as a prefix that no
    longer matches. What is redacted is far longer than the snippet, so a secret cut off at that limit
    lies beyond what is shown.
    """
    text = content[:SNIPPET_SCAN_BYTES].decode("utf-8", errors="replace")
    if len(content) > SNIPPET_SCAN_BYTES:  # a secret may straddle the cut: drop the tail it could start in
        text = text[: max(0, len(text) - SNIPPET_CUT_MARGIN)]
    text = redact(" ".join(text.split()))
    return text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else "")


def request_id_of(headers: Mapping[str, str], body: Any) -> str | None:
    """The request id from the ``X-Request-Id`` header, else from the body's ``request_id``."""
    value = headers.get("x-request-id")
    if not value and isinstance(body, dict):
        value = body.get("request_id")
    return redact(str(value)) if value not in (None, "") else None


def redact_json(value: Any, depth: int = 0, *, mask: Callable[[str], str] = redact) -> Any:
    """A copy of a decoded JSON value with secrets masked in every string (keys included).

    ``mask`` is :func:`redact` (secrets and anything that looks like a credential) or
    :func:`mask_secrets` (only the registered secrets: the text is otherwise kept exactly).
    Containers nested deeper than :data:`MAX_DEPTH` are replaced by ``"…"`` (no recursion limit is hit).
    """
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict | list) and depth >= MAX_DEPTH:
        return "…"
    if isinstance(value, dict):
        return {mask(str(k)): redact_json(v, depth + 1, mask=mask) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v, depth + 1, mask=mask) for v in value]
    return value


def parse_retry_after(value: str | None, now: float) -> float | None:
    """``Retry-After`` in seconds (delta-seconds, or an HTTP-date against wall time ``now``), else None."""
    if not value:
        return None
    value = value.strip()
    if _DELAY_SECONDS.fullmatch(value):
        # RFC 9110 delay-seconds are digits (a decimal fraction is accepted too); a number too large
        # for a float is "later than any ceiling": infinity, so the caller gives up instead of waiting.
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # asctime form (or "-0000"): HTTP dates are always GMT
        moment = moment.replace(tzinfo=datetime.UTC)
    seconds = moment.timestamp() - now
    return max(0.0, seconds) if math.isfinite(seconds) else None


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
