"""Errors raised by the SocialEcho client.

The tree::

    SocialEchoError                      base of everything raised by this package
    ├── ValidationError                  bad input, raised before any network call (names the field)
    ├── ConfigurationError               bad client configuration (missing key, non-https base URL, ...)
    ├── APIConnectionError               the request may not have completed (network failure)
    │   ├── APITimeoutError              connect / read / write / pool timeout, or the call's deadline
    │   └── PublishOutcomeUnknownError   a publish may have reached the server; it was NOT re-sent
    ├── APIStatusError                   the server said no: a non-2xx HTTP status, or a failing code
    │   ├── BadRequestError              400
    │   ├── AuthenticationError          401
    │   ├── PermissionDeniedError        403
    │   ├── NotFoundError                404
    │   ├── UnprocessableEntityError     422
    │   ├── RateLimitError               429 (retry_after: seconds advised by the server, if any)
    │   ├── InternalServerError          >= 500
    │   └── BusinessError                HTTP 2xx but the envelope's code is not a success code
    └── UnexpectedResponseError          a body that is not the JSON envelope (HTML page, truncated, empty)

No message, ``str`` or ``repr`` of these errors contains the API key: bodies and headers are never
embedded raw, and the request snapshot is redacted.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BusinessError",
    "ConfigurationError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "PublishOutcomeUnknownError",
    "RateLimitError",
    "SocialEchoError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "ValidationError",
]


class SocialEchoError(Exception):
    """Base class of every error raised by socialecho_client."""


class ValidationError(SocialEchoError, ValueError):
    """Input rejected before any request was sent. ``field`` names the offending field (dotted path)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class ConfigurationError(SocialEchoError, ValueError):
    """The client is misconfigured (missing API key, unsupported base URL, bad option)."""


class APIConnectionError(SocialEchoError):
    """The request failed at the network level."""

    def __init__(self, message: str, *, method: str = "", endpoint: str = "") -> None:
        self.method = method
        self.endpoint = endpoint
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """The request timed out, or the overall deadline of the call ran out."""


class PublishOutcomeUnknownError(APIConnectionError):
    """A publish request may have reached the server. It was not re-sent, to avoid a duplicate post.

    Check the account's posts (``client.articles.list``) before publishing again. ``request_id``: the
    server's id of the request when an answer came (a 5xx), for the vendor's support.
    """

    request_id: str | None = None


class APIStatusError(SocialEchoError):
    """The server answered with an HTTP error status."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int,
        code: int | None = None,
        request_id: str | None = None,
        body: Any = None,
        method: str = "",
        endpoint: str = "",
    ) -> None:
        self.http_status = http_status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.body = body
        self.method = method
        self.endpoint = endpoint
        super().__init__(self._describe())

    def _describe(self) -> str:
        parts = [f"HTTP {self.http_status}"]
        if self.method or self.endpoint:
            parts.append(f"{self.method} {self.endpoint}".strip())
        if self.code is not None:
            parts.append(f"code {self.code}")
        if self.request_id:
            parts.append(f"request id {self.request_id}")
        return f"{self.message} ({', '.join(parts)})"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(http_status={self.http_status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


class BadRequestError(APIStatusError):
    """HTTP 400: missing or malformed parameters."""


class AuthenticationError(APIStatusError):
    """HTTP 401: invalid or expired API key, or a wrong Authorization header."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403."""


class NotFoundError(APIStatusError):
    """HTTP 404."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422."""


class RateLimitError(APIStatusError):
    """HTTP 429. ``retry_after`` is the server-advised wait in seconds, when it sent one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class InternalServerError(APIStatusError):
    """HTTP 5xx."""


class BusinessError(APIStatusError):
    """HTTP 2xx, but the envelope's ``code`` is not a success code (0 or 200), or is not an integer."""


class UnexpectedResponseError(SocialEchoError):
    """The body is not the JSON envelope: HTML, truncated or empty. Carries the content type and a snippet."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int,
        content_type: str | None,
        snippet: str,
        request_id: str | None = None,
        method: str = "",
        endpoint: str = "",
    ) -> None:
        self.http_status = http_status
        self.content_type = content_type
        self.snippet = snippet
        self.request_id = request_id
        self.method = method
        self.endpoint = endpoint
        super().__init__(
            f"{message} (HTTP {http_status} {method} {endpoint}, content type {content_type!r}, "
            f"body starts {snippet!r})"
        )


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(http_status: int) -> type[APIStatusError]:
    """The most specific :class:`APIStatusError` subclass for an HTTP status."""
    if http_status >= 500:
        return InternalServerError
    return _STATUS_CLASSES.get(http_status, APIStatusError)
