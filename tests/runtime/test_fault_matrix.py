"""The fault matrix, on both clients: every server behaviour -> outcome, attempts made, delays requested.

The same matrix runs again at DEBUG level with a recognisable fake key, asserting the key appears in
no log record, no exception ``str``/``repr``, and that each attempt is one INFO line.
"""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import respx
from socialecho_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BusinessError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SocialEchoError,
    UnexpectedResponseError,
    UnprocessableEntityError,
)
from socialecho_client.models import AccountListResponse, TeamResponse

from .conftest import KEY, FakeClock, Kind, envelope, invoke, make_client, ok

WALL = FakeClock().time()
HTML_403 = f"<html><body>Forbidden. You sent Authorization: Bearer {KEY}</body></html>"


def _http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(WALL + seconds_from_now, usegmt=True)


def _team_get(client: Any) -> Any:
    return client.team.get()


@dataclass
class Case:
    name: str
    responses: Callable[[], list[Any]]
    outcome: type[Any]
    attempts: int
    sleeps: list[float] = field(default_factory=list)
    check: Callable[[Any], None] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    path: str = "/v1/team"
    call: Callable[[Any], Any] = _team_get


def _is(attr: str, expected: Any) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        assert getattr(value, attr) == expected

    return check


def _all(*checks: Callable[[Any], None]) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        for one in checks:
            one(value)

    return check


def _message_has(*parts: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        for part in parts:
            assert part in str(value)

    return check


def _not_a_timeout(error: Any) -> None:
    assert not isinstance(error, APITimeoutError)


def _unknowns_kept(result: AccountListResponse) -> None:
    account = result.data.list_[0]
    assert (account.type_, account.app, account["brand_new_field"]) == (9, "Threads", {"x": 1})
    assert (result["meta"], result.data["cursor"]) == ({"v": 2}, "abc")


def _status(status: int, **headers: str) -> Callable[[], list[Any]]:
    return lambda: [httpx.Response(status, json=envelope(code=status, message="nope"), headers=headers)]


def _then_ok(*first: Any) -> Callable[[], list[Any]]:
    return lambda: [*(f() if callable(f) and not isinstance(f, type) else f for f in first), ok()]


def _resp(status: int, **headers: str) -> Callable[[], httpx.Response]:
    return lambda: httpx.Response(status, json=envelope(code=status, message="busy"), headers=headers)


def _body(
    content: bytes, status: int = 200, content_type: str = "application/json"
) -> Callable[[], list[Any]]:
    return lambda: [httpx.Response(status, content=content, headers={"Content-Type": content_type})]


def _code(code: Any) -> Callable[[], list[Any]]:
    return lambda: [httpx.Response(200, json=envelope({"id": 1}, code=code, message="failed"))]


CASES = [
    # success envelopes
    Case("code 0", lambda: [ok()], TeamResponse, 1, check=_is("request_id", "req-body-1")),
    Case("code 200", lambda: [ok(envelope({"id": 1}, code=200))], TeamResponse, 1),
    Case("http 201 is 2xx", lambda: [ok(status=201)], TeamResponse, 1),
    Case(
        "unknown fields and enum values are tolerated",
        lambda: [
            ok(
                envelope(
                    {
                        "page": 1,
                        "per_page": 20,
                        "total": 1,
                        "cursor": "abc",
                        "list": [{"id": 1, "type": 9, "app": "Threads", "brand_new_field": {"x": 1}}],
                    },
                    meta={"v": 2},
                )
            )
        ],
        AccountListResponse,
        1,
        check=_unknowns_kept,
        path="/v1/account",
        call=lambda c: c.accounts.list(),
    ),
    # business failures inside HTTP 200
    Case("code '0' (string)", _code("0"), BusinessError, 1, check=_message_has("str, not an integer")),
    Case("code null", _code(None), BusinessError, 1, check=_message_has("missing or null")),
    Case("code missing", lambda: [ok({"message": "ok", "data": {"id": 1}})], BusinessError, 1),
    Case("code true (bool)", _code(True), BusinessError, 1),
    Case("code false (bool)", _code(False), BusinessError, 1),
    Case(
        "code 500 in HTTP 200",
        _code(500),
        BusinessError,
        1,
        check=_all(_is("code", 500), _is("http_status", 200)),
    ),
    # bodies that are not the envelope
    Case(
        "HTML 200",
        _body(b"<html>maintenance</html>", content_type="text/html"),
        UnexpectedResponseError,
        1,
        check=_all(_is("content_type", "text/html"), _message_has("maintenance")),
    ),
    Case("malformed JSON", _body(b"{code: 0,"), UnexpectedResponseError, 1),
    Case("truncated JSON", _body(b'{"code": 0, "message": "ok", "data": {"id"'), UnexpectedResponseError, 1),
    Case("empty body", _body(b""), UnexpectedResponseError, 1, check=_message_has("empty body")),
    Case("JSON array", _body(b"[1, 2]"), UnexpectedResponseError, 1),
    Case(
        "envelope without data",
        lambda: [ok(envelope(code=0))],
        UnexpectedResponseError,
        1,
        check=_message_has("TeamResponse"),
    ),
    # HTTP errors, not retried
    Case(
        "HTML 403 page",
        _body(HTML_403.encode(), 403, "text/html"),
        PermissionDeniedError,
        1,
        check=_all(_is("http_status", 403), _message_has("text/html", "Forbidden")),
    ),
    Case(
        "400",
        _status(400, **{"X-Request-Id": "rid-400"}),
        BadRequestError,
        1,
        check=_all(_is("code", 400), _is("request_id", "rid-400"), _is("message", "nope")),
    ),
    Case(
        "400 echoing the key",
        lambda: [httpx.Response(400, json=envelope(code=1001, message=f"bad key {KEY}"))],
        BadRequestError,
        1,
    ),
    Case("401", _status(401), AuthenticationError, 1),
    Case("404", _status(404), NotFoundError, 1),
    Case("422", _status(422), UnprocessableEntityError, 1),
    Case("409 (no class of its own)", _status(409), APIStatusError, 1),
    Case("500", _status(500), InternalServerError, 1),
    # rate limiting
    Case("429 Retry-After seconds", _then_ok(_resp(429, **{"Retry-After": "7"})), TeamResponse, 2, [7.0]),
    Case(
        "429 Retry-After HTTP-date",
        _then_ok(_resp(429, **{"Retry-After": _http_date(30)})),
        TeamResponse,
        2,
        [30.0],
    ),
    Case("429 without Retry-After", _then_ok(_resp(429)), TeamResponse, 2, [1.0]),
    Case(
        "429 Retry-After over the ceiling",
        _status(429, **{"Retry-After": "120"}),
        RateLimitError,
        1,
        check=_is("retry_after", 120.0),
    ),
    Case(
        "429 HTTP-date over the ceiling",
        _status(429, **{"Retry-After": _http_date(3600)}),
        RateLimitError,
        1,
        check=_is("retry_after", 3600.0),
    ),
    Case(
        "429 four times",
        lambda: [_resp(429)() for _ in range(4)],
        RateLimitError,
        4,
        [1.0, 2.0, 4.0],
        check=_is("retry_after", None),
    ),
    Case(
        "429 with a raised ceiling",
        _then_ok(_resp(429, **{"Retry-After": "120"})),
        TeamResponse,
        2,
        [120.0],
        options={"max_retry_after": 300, "deadline": None},
    ),
    # gateway errors
    Case("502 then ok", _then_ok(_resp(502)), TeamResponse, 2, [1.0]),
    Case("503 then ok", _then_ok(_resp(503)), TeamResponse, 2, [1.0]),
    Case("504 then ok", _then_ok(_resp(504)), TeamResponse, 2, [1.0]),
    Case("503 with Retry-After", _then_ok(_resp(503, **{"Retry-After": "3"})), TeamResponse, 2, [3.0]),
    Case("503 four times", lambda: [_resp(503)() for _ in range(4)], InternalServerError, 4, [1.0, 2.0, 4.0]),
    Case(
        "503 with jitter",
        lambda: [_resp(503)(), _resp(503)(), ok()],
        TeamResponse,
        3,
        [0.75, 1.5],
        options={"rng": lambda: 1.0},
    ),
    Case(
        "503, max_retries=1",
        lambda: [_resp(503)(), _resp(503)()],
        InternalServerError,
        2,
        [1.0],
        options={"max_retries": 1},
    ),
    Case(
        "503, deadline 5 s",
        lambda: [_resp(503)() for _ in range(3)],
        InternalServerError,
        3,
        [1.0, 2.0],
        options={"deadline": 5},
    ),
    # network faults
    Case("connect timeout then ok", _then_ok(httpx.ConnectTimeout), TeamResponse, 2, [1.0]),
    Case(
        "read timeout twice then ok",
        lambda: [httpx.ReadTimeout, httpx.ReadTimeout, ok()],
        TeamResponse,
        3,
        [1.0, 2.0],
    ),
    Case("read timeout four times", lambda: [httpx.ReadTimeout] * 4, APITimeoutError, 4, [1.0, 2.0, 4.0]),
    Case(
        "connect error four times",
        lambda: [httpx.ConnectError] * 4,
        APIConnectionError,
        4,
        [1.0, 2.0, 4.0],
        check=_not_a_timeout,
    ),
    Case("connection dropped then ok", _then_ok(httpx.RemoteProtocolError), TeamResponse, 2, [1.0]),
    Case("read error then ok", _then_ok(httpx.ReadError), TeamResponse, 2, [1.0]),
    Case("unsupported protocol is not retried", lambda: [httpx.UnsupportedProtocol], APIConnectionError, 1),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_fault_matrix(case: Case, kind: Kind, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get(case.path).mock(side_effect=case.responses())
    client = make_client(kind, clock, **case.options)
    outcome: Any
    if issubclass(case.outcome, SocialEchoError):
        with pytest.raises(case.outcome) as info:
            await invoke(client, case.call)
        outcome = info.value
    else:
        outcome = await invoke(client, case.call)
        assert isinstance(outcome, case.outcome)
    assert route.call_count == case.attempts
    assert clock.sleeps == case.sleeps
    if case.check is not None:
        case.check(outcome)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_fault_matrix_never_shows_the_key(
    case: Case,
    kind: Kind,
    api: respx.MockRouter,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOCIALECHO_LOG", "debug")
    api.get(case.path).mock(side_effect=case.responses())
    caplog.set_level(logging.DEBUG, logger="socialecho_client")
    client = make_client(kind, clock, **case.options)
    texts = [repr(client)]
    try:
        texts.append(repr(await invoke(client, case.call)))
    except SocialEchoError as exc:
        logging.getLogger("socialecho_client").exception("the call failed")  # tracebacks are redacted too
        texts += [str(exc), repr(exc), repr(exc.args)]
    records = [r for r in caplog.records if r.name == "socialecho_client"]
    texts += [r.getMessage() for r in records] + [str(r.args) for r in records]
    texts += [r.exc_text or "" for r in records] + [caplog.text]
    assert all(KEY not in text for text in texts)
    assert sum(r.levelno == logging.INFO for r in records) == case.attempts  # one line per attempt
    assert any(r.levelno == logging.DEBUG and "Bearer ***" in r.getMessage() for r in records)


@pytest.mark.parametrize("kind_", ["sync", "async"])
async def test_retry_after_also_pauses_the_shared_limiter(kind_: Kind, api: respx.MockRouter) -> None:
    clock = FakeClock()
    api.get("/v1/team").mock(side_effect=[_resp(429, **{"Retry-After": "5"})(), ok()])
    first = make_client(kind_, clock, max_retries=0)
    with pytest.raises(RateLimitError):
        await invoke(first, lambda c: c.team.get())
    second = make_client(kind_, clock)  # same key and clock: same limiter
    assert isinstance(await invoke(second, lambda c: c.team.get()), TeamResponse)
    assert clock.sleeps == [5.0]
