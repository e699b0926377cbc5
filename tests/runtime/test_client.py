"""Construction, headers, wire formats, validation before the network, raw access, options, uploads, logs."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from socialecho_client import (
    AsyncSocialEcho,
    ConfigurationError,
    InternalServerError,
    PermissionDeniedError,
    RawResponse,
    SocialEcho,
    SocialEchoError,
    ValidationError,
)
from socialecho_client._runtime._spec import facts_from_document, spec_facts
from socialecho_client.models import ReportResponse, TeamResponse, UploadTicketResponse

from .conftest import BASE, KEY, FakeClock, Kind, close, envelope, invoke, make_client, ok, sent_json

REPORT = envelope({"scope": {}, "totals": {"exposure": 1}})

# --------------------------------------------------------------------------- configuration


def test_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOCIALECHO_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SOCIALECHO_API_KEY"):
        SocialEcho()
    with pytest.raises(ConfigurationError, match="SOCIALECHO_API_KEY"):
        AsyncSocialEcho(api_key="  ")


def test_key_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALECHO_API_KEY", KEY)
    monkeypatch.setenv("SOCIALECHO_BASE_URL", "http://127.0.0.1:8080/api/")
    client = SocialEcho()
    assert client.base_url == "http://127.0.0.1:8080/api"
    assert client.settings.api_key == KEY
    assert KEY not in repr(client)
    assert KEY not in repr(client.settings)
    client.close()


@pytest.mark.parametrize(
    "url",
    [
        "https://api.socialecho.net",
        "http://localhost:9000",
        "http://127.0.0.1",
        "http://[::1]:81",
        "https://x.io/p/",
    ],
)
def test_accepted_base_urls(url: str) -> None:
    SocialEcho(KEY, base_url=url).close()


@pytest.mark.parametrize(
    "url",
    [
        "http://api.socialecho.net",
        "http://10.0.0.1",
        "ftp://api.socialecho.net",
        "api.socialecho.net",
        "https://user:pw@api.socialecho.net",
        "https://api.socialecho.net/?x=1",
    ],
)
def test_refused_base_urls(url: str) -> None:
    with pytest.raises(ConfigurationError, match="base_url"):
        SocialEcho(KEY, base_url=url)


@pytest.mark.parametrize(
    "options",
    [
        {"lang": "fr"},
        {"team_id": 0},
        {"team_id": True},
        {"max_retries": -1},
        {"rate_limit": 0},
        {"wire": "form"},
        {"deadline": 0},
        {"timeout": -1},
        {"max_retry_after": float("nan")},
        {"transport": httpx.MockTransport(lambda r: ok()), "http_client": httpx.Client()},
    ],
)
def test_bad_options_fail_at_construction(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError) as info:
        SocialEcho(KEY, **options)
    assert KEY not in str(info.value)


def test_spec_facts_come_from_the_patched_spec() -> None:
    facts = spec_facts()
    assert facts.success_codes == frozenset({0, 200})
    assert facts.default_wire == "json-body"
    assert facts.base_url == "https://api.socialecho.net"
    publish = facts.operations[("POST", "/v1/publish/article")]
    assert (publish.operation_id, publish.resend_safe) == ("publishArticle", False)
    assert all(op.resend_safe for op in facts.operations.values() if op.method == "GET")
    doc = {
        "components": {"schemas": {"SuccessCode": {"enum": [0]}}},
        "paths": {"/v1/team": {"get": {"responses": {}, "x-socialecho-wire": "query"}}},
    }
    assert facts_from_document(doc).default_wire == "query"
    assert facts_from_document(doc).success_codes == frozenset({0})
    with pytest.raises(RuntimeError, match="x-socialecho-wire"):
        facts_from_document({**doc, "paths": {"/x": {"get": {"responses": {}, "x-socialecho-wire": "form"}}}})


# --------------------------------------------------------------------------- headers and wire


async def test_headers_team_id_only_when_set(kind: Kind, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/v1/team").mock(side_effect=[ok(), ok()])
    await invoke(make_client(kind, clock), lambda c: c.team.get())
    await invoke(make_client(kind, clock, team_id=42, lang="zh_CN"), lambda c: c.team.get())
    plain, configured = (call.request.headers for call in route.calls)
    assert "x-team-id" not in plain
    assert "x-lang" not in plain
    assert plain["authorization"] == f"Bearer {KEY}"
    assert (configured["x-team-id"], configured["x-lang"]) == ("42", "zh_CN")


async def test_cookies_the_server_sets_are_not_kept(
    kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    """The API uses the bearer key, never cookies: a Set-Cookie is not stored or sent back."""
    set_cookie = {"Set-Cookie": "acw_tc=abc123; Path=/"}
    route = api.get("/v1/team").mock(side_effect=[ok(headers=set_cookie), ok()])
    client = make_client(kind, clock)
    await invoke(client, lambda c: c.team.get())
    await invoke(client, lambda c: c.team.get())
    await close(client)
    assert route.call_count == 2
    assert "cookie" not in route.calls[1].request.headers
    assert not client._http.cookies
    with pytest.raises(AttributeError, match="no cookies"):
        client._http.cookies = {"a": "b"}


def test_your_own_http_client_still_records_cookies(api: respx.MockRouter) -> None:
    api.get("/v1/team").mock(side_effect=[ok(headers={"Set-Cookie": "sid=1; Path=/"})])
    with httpx.Client() as user_client, SocialEcho(KEY, http_client=user_client, rate_limit=None) as client:
        client.team.get()
        assert user_client.cookies["sid"] == "1"  # the user's client, the user's jar
        assert not client._http.cookies


async def test_json_body_wire_is_the_default(kind: Kind, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/v1/report").mock(return_value=ok(REPORT))
    result = await invoke(
        make_client(kind, clock),
        lambda c: c.reports.get("2026-01-01", date(2026, 1, 31), 1, account_ids=[5, 6], group=""),
    )
    assert isinstance(result, ReportResponse)
    request = route.calls.last.request
    assert request.url.query == b""
    assert sent_json(request) == {
        "start_date": "2026-01-01",
        "end_date": "2026-01-31",
        "time_type": 1,
        "account_ids": [5, 6],
    }


async def test_query_wire_moves_get_bodies_to_the_query(
    kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.get("/v1/report").mock(return_value=ok(REPORT))
    client = make_client(kind, clock, wire="query")
    await invoke(
        client, lambda c: c.reports.get("2026-01-01", "2026-01-02", 2, account_ids=[5, 6], group="day")
    )
    request = route.calls.last.request
    assert request.content == b""
    assert "content-type" not in request.headers
    assert "content-length" not in request.headers
    assert request.url.params.multi_items() == [
        ("start_date", "2026-01-01"),
        ("end_date", "2026-01-02"),
        ("time_type", "2"),
        ("account_ids[]", "5"),
        ("account_ids[]", "6"),
        ("group", "day"),
    ]
    api.get("/v1/team").mock(return_value=ok())
    await invoke(client, lambda c: c.team.get())
    assert api.calls.last.request.url == f"{BASE}/v1/team"
    assert api.calls.last.request.content == b""


# --------------------------------------------------------------------------- validation before the network


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.accounts.list(page=0), "page"),
        (lambda c: c.accounts.list(page=True), "page"),
        (lambda c: c.accounts.list(page="2"), "page"),
        (lambda c: c.accounts.list(type=3), "type"),
        (lambda c: c.accounts.list(type=True), "type"),
        (lambda c: c.accounts.list(type=1.0), "type"),
        (lambda c: c.accounts.iter_all(type=0), "type"),
        (lambda c: c.articles.list(account_ids=[]), "account_ids"),
        (lambda c: c.articles.list(account_ids=[1, 0]), "account_ids[1]"),
        (lambda c: c.articles.list(account_ids=["1"]), "account_ids[0]"),
        (lambda c: c.articles.list(account_ids="12"), "account_ids"),
        (lambda c: c.articles.iter_all(account_ids=[-1]), "account_ids[0]"),
        (lambda c: c.reports.get("2026-02-01", "2026-01-31", 1), "end_date"),
        (lambda c: c.reports.get("2026-02-30", "2026-03-01", 1), "start_date"),
        (lambda c: c.reports.get("20260201", "2026-03-01", 1), "start_date"),
        (lambda c: c.reports.get(datetime(2026, 1, 1), "2026-03-01", 1), "start_date"),
        (lambda c: c.reports.get("2026-01-01", "2026-03-01", 3), "time_type"),
        (lambda c: c.reports.get("2026-01-01", "2026-03-01", None), "time_type"),
        (lambda c: c.reports.get("2026-01-01", "2026-03-01", 1, group="week"), "group"),
        (lambda c: c.reports.get("2026-01-01", "2026-03-01", 1, group=0), "group"),
        (lambda c: c.reports.get("2026-01-01", "2026-03-01", 1, group=["day"]), "group"),
        (lambda c: c.reddit.communities(0), "account_id"),
        (lambda c: c.pinterest.boards(False), "account_id"),
        (lambda c: c.uploads.get_url("application/pdf"), "content_type"),
        (lambda c: c.uploads.get_url("image/png", title="t" * 256), "title"),
    ],
)
async def test_bad_input_is_refused_before_the_network(
    call: Any, field: str, kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    with pytest.raises(ValidationError) as info:
        await invoke(make_client(kind, clock), call)
    assert info.value.field == field
    assert len(api.calls) == 0


# --------------------------------------------------------------------------- raw access and options


async def test_raw_response(kind: Kind, api: respx.MockRouter, clock: FakeClock) -> None:
    headers = {"X-Request-Id": "hdr-9", "X-RateLimit-Remaining": "119", "X-RateLimit-Limit": "120"}
    api.get("/v1/team").mock(return_value=ok(headers=headers))
    client = make_client(kind, clock)
    raw = await invoke(client, lambda c: c.with_raw_response(c.team.get)())
    assert isinstance(raw, RawResponse)
    assert isinstance(raw.parsed, TeamResponse)
    assert (raw.http_status, raw.request_id, raw.parsed.data.id) == (200, "hdr-9", 7)
    assert raw.rate_limit == {"x-ratelimit-remaining": "119", "x-ratelimit-limit": "120"}
    draft = {"account_id": 1, "type": "post", "status": 0, "comment": [], "extra": {}, "attachments": []}
    with pytest.raises(SocialEchoError, match="no raw response"):  # a dry run sends nothing
        await invoke(
            client, lambda c: c.with_raw_response(c.publish.article)({**draft, "content": "x"}, True)
        )


async def test_with_options_overrides_per_call_and_shares_the_pool(
    kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.get("/v1/team").mock(side_effect=[httpx.Response(503), httpx.Response(503), ok()])
    client = make_client(kind, clock)
    quick = client.with_options(max_retries=0, lang="en")
    assert type(quick) is type(client)
    assert quick._transport.inner is client._transport.inner
    assert quick._policy.limiter is client._policy.limiter
    with pytest.raises(InternalServerError):
        await invoke(quick, lambda c: c.team.get())
    assert route.call_count == 1
    assert route.calls.last.request.headers["x-lang"] == "en"
    await close(quick)  # does not close the shared connections
    assert isinstance(await invoke(client, lambda c: c.team.get()), TeamResponse)
    assert "x-lang" not in route.calls.last.request.headers
    assert clock.sleeps == [1.0]


def test_context_managers_and_injected_clients_keep_the_policy() -> None:
    replies = iter([httpx.Response(503), ok()])
    user_client = httpx.Client(transport=httpx.MockTransport(lambda request: next(replies)))
    clock = FakeClock()
    with SocialEcho(KEY, http_client=user_client, clock=clock, rng=lambda: 0.0) as client:
        assert isinstance(client.team.get(), TeamResponse)  # retried through the user's client
    assert client._http.is_closed
    assert not user_client.is_closed  # the user's client is the user's to close
    assert clock.sleeps == [1.0]
    user_client.close()


async def test_async_injected_client_keeps_the_policy(clock: FakeClock) -> None:
    replies: list[httpx.Response | None] = [None, ok()]  # None: the connection is refused

    def handler(request: httpx.Request) -> httpx.Response:
        reply = replies.pop(0)
        if reply is None:
            raise httpx.ConnectError("refused")
        return reply

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as user_client:
        async with AsyncSocialEcho(KEY, http_client=user_client, clock=clock, rng=lambda: 0.0) as client:
            assert isinstance(await client.team.get(), TeamResponse)
        assert not user_client.is_closed
    assert clock.sleeps == [1.0]


async def test_async_context_manager_closes_a_passed_transport() -> None:
    closed: list[bool] = []

    class Transport(httpx.MockTransport):
        async def aclose(self) -> None:
            closed.append(True)

    async with AsyncSocialEcho(KEY, transport=Transport(lambda request: ok())) as client:
        assert (await client.team.get()).data.id == 7
    assert closed == [True]


# --------------------------------------------------------------------------- uploads


UPLOAD_URL = "https://uploads.example.com/bucket/a.png?X-Amz-Signature=SIGNED-SECRET"


async def test_upload_file(kind: Kind, api: respx.MockRouter, clock: FakeClock, tmp_path: Path) -> None:
    picture = tmp_path / "a.PNG"
    picture.write_bytes(b"\x89PNG" + bytes(range(256)) * 10)
    ticket = envelope({"upload_url": UPLOAD_URL, "public_url": "https://cdn.example.com/a.png"})
    get_url = api.get("/v1/upload/url").mock(return_value=ok(ticket))
    put = api.put(UPLOAD_URL).mock(return_value=httpx.Response(200))
    public = await invoke(make_client(kind, clock), lambda c: c.uploads.upload_file(picture, title="Cover"))
    assert public == "https://cdn.example.com/a.png"
    assert sent_json(get_url.calls.last.request) == {"content_type": "image/png", "title": "Cover"}
    upload = put.calls.last.request
    assert upload.content == picture.read_bytes()
    assert upload.headers["content-type"] == "image/png"
    assert upload.headers["content-length"] == str(picture.stat().st_size)
    assert "authorization" not in upload.headers
    assert "transfer-encoding" not in upload.headers


async def test_upload_guesses_allowlisted_spellings(
    kind: Kind, api: respx.MockRouter, clock: FakeClock, tmp_path: Path
) -> None:
    clip = tmp_path / "clip.avi"
    clip.write_bytes(b"RIFF")
    ticket = envelope({"upload_url": UPLOAD_URL, "public_url": "https://cdn/x", "method": "post"})
    get_url = api.get("/v1/upload/url").mock(return_value=ok(ticket))
    post = api.post(UPLOAD_URL).mock(return_value=httpx.Response(204))
    assert await invoke(make_client(kind, clock), lambda c: c.uploads.upload_file(clip)) == "https://cdn/x"
    assert sent_json(get_url.calls.last.request) == {"content_type": "video/avi"}
    assert post.call_count == 1


async def test_upload_refusals(kind: Kind, api: respx.MockRouter, clock: FakeClock, tmp_path: Path) -> None:
    client = make_client(kind, clock)
    notes, molecule = tmp_path / "notes.unknown-suffix", tmp_path / "molecule.xyz"
    notes.write_text("x")
    molecule.write_text("x")
    with pytest.raises(ValidationError, match="suffix"):
        await invoke(client, lambda c: c.uploads.upload_file(notes))
    with pytest.raises(ValidationError, match="not accepted for upload"):  # guessed, but not allowlisted
        await invoke(client, lambda c: c.uploads.upload_file(molecule))
    with pytest.raises(ValidationError, match="readable file"):
        await invoke(client, lambda c: c.uploads.upload_file(tmp_path / "missing.png"))
    assert len(api.calls) == 0
    picture = tmp_path / "b.jpg"
    picture.write_bytes(b"jpg")
    ticket = envelope({"upload_url": UPLOAD_URL, "public_url": "https://cdn.example.com/b.jpg"})
    api.get("/v1/upload/url").mock(return_value=ok(ticket))
    api.put(UPLOAD_URL).mock(return_value=httpx.Response(403, text="<Error>SignatureDoesNotMatch</Error>"))
    with pytest.raises(PermissionDeniedError, match="SignatureDoesNotMatch") as info:
        await invoke(client, lambda c: c.uploads.upload_file(picture, "image/jpeg"))
    assert "SIGNED-SECRET" not in str(info.value)
    assert info.value.endpoint == "https://uploads.example.com/bucket/a.png"


async def test_get_url_returns_the_ticket(kind: Kind, api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/v1/upload/url").mock(return_value=ok(envelope({"upload_url": UPLOAD_URL, "public_url": "p"})))
    ticket = await invoke(make_client(kind, clock), lambda c: c.uploads.get_url(" Video/MP4 "))
    assert isinstance(ticket, UploadTicketResponse)
    assert sent_json(api.calls.last.request) == {"content_type": "video/mp4"}


# --------------------------------------------------------------------------- logging


async def test_one_info_line_per_attempt(
    kind: Kind,
    api: respx.MockRouter,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOCIALECHO_LOG", "info")
    api.get("/v1/account").mock(
        side_effect=[
            httpx.Response(503, headers={"X-Request-Id": "r-1"}),
            ok(envelope({"page": 1, "per_page": 20, "total": 0, "list": []})),
        ]
    )
    caplog.set_level(logging.INFO, logger="socialecho_client")
    await invoke(make_client(kind, clock), lambda c: c.accounts.list(page=2, type=1))
    lines = [r.getMessage() for r in caplog.records if r.name == "socialecho_client"]
    params = 'params={"page":2,"type":1}'
    assert lines == [
        f"GET /v1/account status=503 code=None elapsed_ms=0.0 attempt=1/4 request_id=r-1 {params} "
        "-> retry in 1.00s",
        f"GET /v1/account status=200 code=0 elapsed_ms=0.0 attempt=2/4 request_id=- {params} -> ok",
    ]
    logger = logging.getLogger("socialecho_client")
    assert logger.level == logging.INFO
    assert sum(type(h).__name__ == "_EnvHandler" for h in logger.handlers) == 1
