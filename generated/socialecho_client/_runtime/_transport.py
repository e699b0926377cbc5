"""The hand-owned core every API request passes through: a pair of httpx transports.

::

    SocialEcho / AsyncSocialEcho -> httpx.Client(transport=PolicyTransport(inner))
        PolicyTransport: wire re-encoding, rate limiter, deadline, retries and back-off,
                         envelope check (typed errors), one log line per attempt
        inner:           httpx.HTTPTransport, a transport you pass, or your own httpx client

The policy is written once, as the generator :func:`attempts`, which yields effects (a request to send,
or seconds to sleep) and receives their outcomes. :class:`PolicyTransport` performs them with blocking
calls and :class:`AsyncPolicyTransport` with awaits; nothing else differs between the two.

Retry rules (:func:`decide`):

- re-sendable operations (GET; the spec's ``x-socialecho-resend-safe``): timeouts, connection errors
  and HTTP 429/502/503/504 are retried up to ``max_retries`` times, after 1 s, 2 s, 4 s ... (jittered
  down by up to 25 %, capped at 30 s), or after ``Retry-After`` (seconds or HTTP-date) when the server
  sends one (a ``Retry-After`` of 0 or a date already past gets the usual back-off, not a burst).
  A ``Retry-After`` above ``max_retry_after`` is not waited for: the error is raised at once and
  carries the advice (:attr:`RateLimitError.retry_after`); a 429's advice still pauses the key's shared
  limiter (at most :data:`MAX_PAUSE`), so the process's other calls wait or fail fast at their deadline.
- the publish POST (``x-socialecho-resend-safe: false``) is re-sent only when it provably never left
  (connect error, connect or pool timeout) or on 429. A read/write timeout, a broken connection, a 5xx,
  any other failure after sending (a protocol or decoding error, an exception of a custom transport) and
  a 2xx without a readable success envelope raise :class:`PublishOutcomeUnknownError`: the post may have
  been published. (A proxy refusal or an unsupported URL scheme never left: a plain connection error.)
- an exception that is not an httpx error, raised by the inner transport, becomes a connection error
  with its text redacted (it is not retried: nothing says it is transient).
- an overall deadline per call bounds the limiter's waits, the back-off and each attempt's timeouts.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import ssl
import urllib.request
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import httpx

from ._clock import Clock
from ._envelope import decode_json, envelope_error, parse_retry_after, request_id_of, snippet
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    BusinessError,
    PublishOutcomeUnknownError,
    SocialEchoError,
    UnexpectedResponseError,
    status_error_class,
)
from ._logging import logger, redact, redact_headers
from ._ratelimit import RateLimiter
from ._spec import OperationInfo, operation_for
from ._wire import Wire, json_body_to_query

__all__ = [
    "BODY_EXTENSION",
    "AsyncClientTransport",
    "AsyncPolicyTransport",
    "ClientTransport",
    "Policy",
    "PolicyTransport",
    "attempts",
    "backoff",
    "default_transport",
    "endpoint_of",
    "prepare",
    "unknown_outcome",
]

DEADLINE_EXTENSION: Final = "socialecho.deadline"  # the call's deadline (monotonic), for the body read
BODY_EXTENSION: Final = "socialecho.body"  # the decoded envelope, left on a successful response
RETRY_STATUSES: Final = frozenset({429, 502, 503, 504})
BACKOFF_BASE: Final = 1.0
BACKOFF_CAP: Final = 30.0
JITTER: Final = 0.25
MAX_PAUSE: Final = 3600.0  # the longest a 429 above the retry ceiling pauses the shared limiter
# Provably never reached the server: safe to re-send even a publish.
_NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Never reached the server either, but re-sending cannot help (refused by a proxy, not an http(s) URL).
_NOT_SENT_FINAL: Final = (httpx.ProxyError, httpx.UnsupportedProtocol)
# Transient failures that may have reached the server (checked after _NOT_SENT): re-sent only for
# re-sendable operations. Any other failure of a publish (a protocol or decoding error, a redirect loop,
# an exception of a custom transport) may also have reached it: its outcome is reported unknown.
_MAYBE_SENT: Final = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class UndecodableBody(httpx.DecodingError):
    """A response arrived but its body cannot be decoded (a corrupt gzip stream, say): the server answered,
    so on a GET it is an unexpected response, not a network failure."""

    def __init__(self, exc: httpx.DecodingError, request: httpx.Request, response: httpx.Response) -> None:
        super().__init__(str(exc), request=request)
        self.status_code = response.status_code
        self.content_type = response.headers.get("content-type")


class TransportFailure(httpx.TransportError):
    """An exception that is not an httpx error, raised by the inner transport (a custom one, say).

    It is carried as an attempt's outcome like any network failure, with its text redacted; the
    original exception is kept as ``__cause__`` of the error raised only when its text holds no secret.
    """

    def __init__(self, original: Exception) -> None:
        self.original_type = type(original).__name__
        try:
            text = str(original)
        except Exception:  # a broken __str__ must not hide the failure itself
            text = ""
        redacted = redact(text)
        self.original: Exception | None = original if redacted == text else None
        super().__init__(redacted)


_LOGGED_BODY_FIELDS: Final = ("account_id", "type", "status", "scheduled_at")

Effect = float | httpx.Request
Outcome = httpx.Response | httpx.HTTPError | None
T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    """Everything the transport decides with; one per client (``with_options`` makes another)."""

    base_path: str
    wire: Wire | None  # None: each operation's wire from the spec
    max_retries: int
    deadline: float | None
    max_retry_after: float
    limiter: RateLimiter | None
    clock: Clock
    rng: Callable[[], float]
    success_codes: frozenset[int]


@dataclass(slots=True)
class _Step:
    """What one attempt amounts to."""

    status: int | str
    response: httpx.Response | None = None
    error: SocialEchoError | None = None
    delay: float | None = None  # retry after this many seconds; None: no retry
    pause: float | None = None  # pause the shared limiter this long (a 429's advice)
    body: Any = None


def backoff(retry: int, rng: Callable[[], float]) -> float:
    """Delay before retry number ``retry`` (1-based): 1 s, 2 s, 4 s ... capped, jittered down by <= 25 %."""
    return min(BACKOFF_BASE * 2.0 ** (retry - 1), BACKOFF_CAP) * (1 - JITTER * rng())


def endpoint_of(request: httpx.Request, base_path: str) -> str:
    path = request.url.path
    if base_path and path.startswith(base_path):
        path = path[len(base_path) :] or "/"
    return path


def rewire(request: httpx.Request, wire: Wire) -> httpx.Request:
    """For ``wire="query"``: a GET's JSON body becomes query parameters (no body, no Content-Type)."""
    if wire != "query" or request.method != "GET" or not request.content:
        return request
    body = decode_json(request.content)
    if not isinstance(body, dict):
        return request
    headers = [
        (k, v)
        for k, v in request.headers.multi_items()
        if k.lower() not in ("content-type", "content-length")
    ]
    url = request.url.copy_merge_params(tuple(json_body_to_query(body))) if body else request.url
    return httpx.Request("GET", url, headers=headers, extensions=request.extensions)


def prepare(policy: Policy, request: httpx.Request) -> httpx.Request:
    """The request as it goes on the wire (used by dry runs, without sending)."""
    op = operation_for(request.method, endpoint_of(request, policy.base_path))
    return rewire(request, policy.wire or op.wire)


def _cap_timeout(request: httpx.Request, remaining: float) -> None:
    timeout = request.extensions.get("timeout")
    if not isinstance(timeout, dict):
        return
    for value in timeout.values():
        if value is None or value > remaining:
            break
    else:
        return
    request.extensions["timeout"] = {
        k: remaining if v is None else min(v, remaining) for k, v in timeout.items()
    }


def unknown_outcome(op: OperationInfo, endpoint: str, what: str) -> PublishOutcomeUnknownError:
    return PublishOutcomeUnknownError(
        f"{op.method} {endpoint}: {what} after the request may have reached the server. The post may have "
        "been published, so it was not re-sent; check the account's posts before publishing again.",
        method=op.method,
        endpoint=endpoint,
    )


def _network_step(
    op: OperationInfo, endpoint: str, exc: httpx.HTTPError, policy: Policy, attempt: int, can_retry: bool
) -> _Step:
    name = exc.original_type if isinstance(exc, TransportFailure) else type(exc).__name__
    step = _Step(status=name)
    detail = redact(str(exc)) or "no detail"
    if not op.resend_safe and not isinstance(exc, _NOT_SENT + _NOT_SENT_FINAL):
        step.error = unknown_outcome(op, endpoint, name)
    elif isinstance(exc, UndecodableBody):  # the server answered, with a body that cannot be decoded
        step.error = UnexpectedResponseError(
            f"the response body cannot be decoded ({detail})",
            http_status=exc.status_code,
            content_type=exc.content_type,
            snippet="",
            method=op.method,
            endpoint=endpoint,
        )
    else:
        cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        step.error = cls(
            f"{op.method} {endpoint} failed{_host_of(exc)}: {name}: {detail}",
            method=op.method,
            endpoint=endpoint,
        )
        if can_retry and isinstance(exc, _NOT_SENT + _MAYBE_SENT):
            step.delay = backoff(attempt, policy.rng)
    if isinstance(exc, TransportFailure) and exc.original is not None:
        step.error.__cause__ = exc.original
    return step


def _host_of(exc: httpx.HTTPError) -> str:
    """`` (host[:port])`` of the request that failed, so that a message says which server; or ``""``."""
    try:
        url = exc.request.url
    except RuntimeError:  # an error raised without a request
        return ""
    port = f":{url.port}" if url.port is not None else ""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f" ({host}{port})"


def _ambiguous_success(error: SocialEchoError) -> bool:
    """A 2xx that neither confirms nor denies: no readable envelope, or a code that is not an integer.

    (An integer failing code is the server saying no: a :class:`BusinessError`, not an unknown outcome.)
    """
    if isinstance(error, UnexpectedResponseError):
        return True
    return isinstance(error, BusinessError) and error.code is None


def decide(
    op: OperationInfo, endpoint: str, outcome: Outcome, policy: Policy, attempt: int, can_retry: bool
) -> _Step:
    """Classify one attempt: success, an error to raise, or an error to retry after a delay."""
    if isinstance(outcome, httpx.HTTPError):
        return _network_step(op, endpoint, outcome, policy, attempt, can_retry)
    if outcome is None:
        raise AssertionError("a send effect must produce a response or an httpx error")
    body = decode_json(outcome.content)
    status = outcome.status_code
    if 200 <= status < 300 and isinstance(body, dict):  # the fast path of a success envelope
        code = body.get("code")
        if type(code) is int and code in policy.success_codes:
            outcome.extensions[BODY_EXTENSION] = body
            return _Step(status, response=outcome, body=body)
    step = _Step(status, body=body)
    now = policy.clock.time()
    error = envelope_error(
        outcome, body, success_codes=policy.success_codes, method=op.method, endpoint=endpoint, now=now
    )
    if error is None:
        raise AssertionError("the fast path handles every success envelope")
    if not op.resend_safe and (status >= 500 or (200 <= status < 300 and _ambiguous_success(error))):
        what = f"HTTP {status}" if status >= 500 else f"HTTP {status} without a readable success envelope"
        details = (
            [f"code {error.code!r}"] if isinstance(error, APIStatusError) and error.code is not None else []
        )
        request_id = getattr(error, "request_id", None)
        if request_id:
            details.append(f"request id {request_id}")  # what the vendor's support needs to look it up
        if details:
            what += f" ({', '.join(details)})"
        unknown = unknown_outcome(op, endpoint, what)
        unknown.request_id = request_id
        step.error = unknown
        return step
    step.error = error
    if status not in RETRY_STATUSES:
        return step
    advised = parse_retry_after(outcome.headers.get("retry-after"), now)
    if advised is not None and advised > policy.max_retry_after:
        # Abandoned, not clamped: the error carries the advice. The key's limiter still honours it, so
        # no other call of the process hammers a server that asked for quiet (bounded: a bogus advice
        # such as "inf" must not stop the process's calls for good).
        if status == 429:
            step.pause = min(advised, MAX_PAUSE)
        return step
    # No advice, or "now" (0, or an HTTP-date already past, as clock skew gives): the usual back-off.
    delay = advised if advised else backoff(attempt, policy.rng)
    if status == 429 and (advised is not None or can_retry):
        step.pause = delay
    if can_retry:
        step.delay = delay
    return step


def _log_params(request: httpx.Request, op: OperationInfo) -> str:
    if request.url.query:
        return str(request.url.params)
    body = decode_json(request.content) if request.content else None
    if op.method != "GET" and isinstance(body, dict):  # key fields only, never the post's text
        body = {k: body[k] for k in _LOGGED_BODY_FIELDS if k in body}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)


def _log_attempt(
    request: httpx.Request,
    op: OperationInfo,
    endpoint: str,
    step: _Step,
    outcome: Outcome,
    attempt: int,
    total: int,
    elapsed: float,
) -> None:
    response = outcome if isinstance(outcome, httpx.Response) else None
    body = step.body
    code = body.get("code") if isinstance(body, dict) else None
    request_id = request_id_of(response.headers, body) if response is not None else None
    if step.error is None:
        action = "ok"
    elif step.delay is not None:
        action = f"retry in {step.delay:.2f}s"
    else:
        action = f"raise {type(step.error).__name__}"
    logger.info(
        "%s %s status=%s code=%s elapsed_ms=%.1f attempt=%d/%d request_id=%s params=%s -> %s",
        op.method,
        endpoint,
        step.status,
        code,
        elapsed * 1000,
        attempt,
        total,
        request_id or "-",
        _log_params(request, op),
        action,
    )
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s attempt=%d request headers=%s response headers=%s body=%r",
            op.method,
            endpoint,
            attempt,
            redact_headers(request.headers),
            redact_headers(response.headers) if response is not None else None,
            snippet(response.content) if response is not None else None,
        )


def attempts(policy: Policy, request: httpx.Request) -> Generator[Effect, Outcome, httpx.Response]:
    """The whole life of one API call, as effects: yields requests to send and seconds to sleep."""
    endpoint = endpoint_of(request, policy.base_path)
    op = operation_for(request.method, endpoint)
    request = rewire(request, policy.wire or op.wire)
    clock, limiter = policy.clock, policy.limiter
    deadline = clock.monotonic() + policy.deadline if policy.deadline is not None else math.inf
    total = policy.max_retries + 1
    for attempt in range(1, total + 1):
        if limiter is not None:
            while (wait := limiter.try_acquire()) > 0:
                if clock.monotonic() + wait >= deadline:
                    raise APITimeoutError(
                        f"{op.method} {endpoint}: the rate limiter asks to wait {wait:.1f}s, "
                        "past the call's deadline",
                        method=op.method,
                        endpoint=endpoint,
                    )
                yield wait
        started = clock.monotonic()
        if started >= deadline:
            raise APITimeoutError(
                f"{op.method} {endpoint}: the call's deadline passed", method=op.method, endpoint=endpoint
            )
        if deadline != math.inf:
            _cap_timeout(request, deadline - started)
            request.extensions[DEADLINE_EXTENSION] = deadline  # the body too must arrive in time
        outcome = yield request
        step = decide(op, endpoint, outcome, policy, attempt, attempt < total)
        if step.delay is not None and clock.monotonic() + step.delay >= deadline:
            step.delay = None
        if logger.isEnabledFor(logging.INFO):
            _log_attempt(request, op, endpoint, step, outcome, attempt, total, clock.monotonic() - started)
        if step.response is not None:
            return step.response
        if step.pause is not None and limiter is not None:
            limiter.pause(step.pause)
        if step.delay is None or step.error is None:
            raise step.error or AssertionError("an attempt without response or error")
        if step.delay > 0:
            yield step.delay
    raise AssertionError("unreachable: the last attempt never retries")


def upload_result(request: httpx.Request, outcome: Outcome) -> httpx.Response:
    """Check the single attempt of an upload to a pre-signed URL (its query string is never shown)."""
    url = request.url
    where = f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}{url.path}"
    if isinstance(outcome, httpx.HTTPError):
        cls = APITimeoutError if isinstance(outcome, httpx.TimeoutException) else APIConnectionError
        name = outcome.original_type if isinstance(outcome, TransportFailure) else type(outcome).__name__
        raise cls(f"upload to {where} failed: {name}", method=request.method, endpoint=where)
    if outcome is None:
        raise AssertionError("an upload must produce a response or an httpx error")
    logger.info("%s %s status=%s (upload)", request.method, where, outcome.status_code)
    if not outcome.is_success:
        raise status_error_class(outcome.status_code)(
            f"upload to the pre-signed URL failed: {outcome.reason_phrase}; "
            f"body: {snippet(outcome.content)!r}",
            http_status=outcome.status_code,
            request_id=request_id_of(outcome.headers, None),
            method=request.method,
            endpoint=where,
        )
    return outcome


def _with_body(response: httpx.Response, raw: bytes) -> httpx.Response:
    """The response with its raw (still encoded) body read in full, and decoded: the server's headers as
    they came (no Content-Length added); an undecodable body raises DecodingError."""
    complete = httpx.Response(
        response.status_code,
        headers=response.headers,
        stream=httpx.ByteStream(raw),
        extensions=response.extensions,
    )
    complete.read()
    return complete


class PolicyTransport(httpx.BaseTransport):
    """Blocking driver of :func:`attempts` around an inner transport."""

    def __init__(self, inner: httpx.BaseTransport, policy: Policy, *, owns_inner: bool = True) -> None:
        self.inner = inner
        self.policy = policy
        self._owns_inner = owns_inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        calls = attempts(self.policy, request)
        outcome: Outcome = None
        while True:
            try:
                effect = calls.send(outcome)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response
            if isinstance(effect, httpx.Request):
                outcome = self.send_once(effect)
            else:
                self.policy.clock.sleep(effect)
                outcome = None

    def send_once(self, request: httpx.Request) -> httpx.Response | httpx.HTTPError:
        """One attempt through the inner transport, body read; an httpx error is returned, not raised."""
        try:
            response = self.inner.handle_request(request)
            try:
                deadline = request.extensions.get(DEADLINE_EXTENSION)
                if deadline is None or response.is_stream_consumed:
                    response.read()
                else:  # read by chunks, each checked against the call's deadline
                    raw = bytearray()
                    for chunk in response.iter_raw():
                        raw += chunk
                        if self.policy.clock.monotonic() > deadline:
                            raise httpx.ReadTimeout(
                                "the answer took longer than the call's deadline", request=request
                            )
                    response.close()
                    response = _with_body(response, bytes(raw))
            except httpx.DecodingError as exc:
                return UndecodableBody(exc, request, response)
            finally:
                response.close()
        except httpx.HTTPError as exc:
            return exc
        except Exception as exc:  # any other failure: reported as a failed attempt, redacted
            return TransportFailure(exc)
        return response

    def close(self) -> None:
        if self._owns_inner:
            self.inner.close()


class AsyncPolicyTransport(httpx.AsyncBaseTransport):
    """Async driver of :func:`attempts` around an inner async transport."""

    def __init__(self, inner: httpx.AsyncBaseTransport, policy: Policy, *, owns_inner: bool = True) -> None:
        self.inner = inner
        self.policy = policy
        self._owns_inner = owns_inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        calls = attempts(self.policy, request)
        outcome: Outcome = None
        while True:
            try:
                effect = calls.send(outcome)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response
            if isinstance(effect, httpx.Request):
                outcome = await self.send_once(effect)
            else:
                await self.policy.clock.asleep(effect)
                outcome = None

    async def send_once(self, request: httpx.Request) -> httpx.Response | httpx.HTTPError:
        try:
            response = await self.inner.handle_async_request(request)
            try:
                deadline = request.extensions.get(DEADLINE_EXTENSION)
                if deadline is None or response.is_stream_consumed:
                    await response.aread()
                else:  # read by chunks, each checked against the call's deadline
                    raw = bytearray()
                    async for chunk in response.aiter_raw():
                        raw += chunk
                        if self.policy.clock.monotonic() > deadline:
                            raise httpx.ReadTimeout(
                                "the answer took longer than the call's deadline", request=request
                            )
                    await response.aclose()
                    response = _with_body(response, bytes(raw))
            except httpx.DecodingError as exc:
                return UndecodableBody(exc, request, response)
            finally:
                await response.aclose()
        except httpx.HTTPError as exc:
            return exc
        except Exception as exc:  # any other failure: reported as a failed attempt, redacted
            return TransportFailure(exc)
        return response

    async def aclose(self) -> None:
        if self._owns_inner:
            await self.inner.aclose()


class ClientTransport(httpx.BaseTransport):
    """Sends through your own :class:`httpx.Client` (its proxies, TLS, hooks). You close that client.

    The body is streamed, so that the call's deadline bounds its arrival as with the default transport.
    """

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.client.send(request, stream=True)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """Sends through your own :class:`httpx.AsyncClient`. You close that client."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.client.send(request, stream=True)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context per process (building one costs tens of milliseconds)."""
    return httpx.create_ssl_context()


def default_transport(base_url: str, cls: Callable[..., T]) -> T:
    """A new HTTP transport of class ``cls``, through the proxy the environment names, if any."""
    url = httpx.URL(base_url)
    proxy = None
    if not urllib.request.proxy_bypass(url.host):
        proxies = urllib.request.getproxies()
        proxy = proxies.get(url.scheme) or proxies.get("all")
    return cls(verify=_ssl_context(), proxy=proxy or None)
