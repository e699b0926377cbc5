"""Regressions found by attacking the runtime: hostile inputs, servers, transports and configurations.

Each case pins the exact outcome: the error class (never a bare TypeError/ValueError/RecursionError),
the field it names, how many requests went out, and for secrets, that the key shows up nowhere.
"""

from __future__ import annotations

import io
import logging
import traceback
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from socialecho_client import (
    APIConnectionError,
    AsyncSocialEcho,
    BadRequestError,
    BusinessError,
    ConfigurationError,
    Page,
    Paginator,
    PublishOutcomeUnknownError,
    SocialEcho,
    SocialEchoError,
    UnexpectedResponseError,
    ValidationError,
)
from socialecho_client.models import AccountPage, SocialAccount, TeamResponse

from .conftest import TEAM, Client, FakeClock, Kind, close, envelope, invoke, make_client, sent_json

PAYLOAD: dict[str, Any] = {
    "account_id": 101,
    "type": "post",
    "status": 1,
    "comment": [],
    "extra": {},
    "attachments": [],
    "content": "Hello",
}
PUBLISHED = envelope({"id": 555})
Handler = Callable[[httpx.Request], httpx.Response]


def _serving(kind: Kind, clock: FakeClock, handler: Handler, **options: Any) -> tuple[Client, list[str]]:
    """A client whose transport is ``handler``; the list collects ``METHOD path`` of every request."""
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        return handler(request)

    return make_client(kind, clock, transport=httpx.MockTransport(record), **options), seen


def _team(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=TEAM)


def _publish(payload: Any, **options: Any) -> Callable[[Any], Any]:
    return lambda c: c.publish.article(payload, **options)


def _raise(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


# --------------------------------------------------------------------------- bad input, before the network

DEEP: list[Any] = []
_level = DEEP
for _ in range(2000):
    _level.append([])
    _level = _level[0]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.accounts.list(page=2**63), "page"),
        (lambda c: c.accounts.list(page=10**5000), "page"),  # too large even to print
        (lambda c: c.reddit.communities(2**70), "account_id"),
        (lambda c: c.articles.list(account_ids=[1, 2, 1]), "account_ids[2]"),
        (lambda c: c.articles.list(account_ids={1: "a"}), "account_ids"),
        (lambda c: c.reports.get("2026-01-01", "2026-01-02", 1, account_ids=[3, 3]), "account_ids[1]"),
        (lambda c: c.uploads.get_url("image/png", title="cover \ud800"), "title"),
        (lambda c: c.uploads.upload_file(None), "path"),
        (lambda c: c.uploads.upload_file(7), "path"),
        (lambda c: c.uploads.upload_file(b"a.png"), "path"),
        (lambda c: c.uploads.upload_file("a" * 300 + ".png"), "path"),  # name too long for the OS
        (_publish(PAYLOAD, dry_run="no"), "dry_run"),
        (_publish(PAYLOAD, dry_run=1), "dry_run"),
        (_publish({**PAYLOAD, "content": "hi \ud800"}), "content"),
        (_publish({**PAYLOAD, "comment": ["\udfff"]}), "comment[0]"),
        (_publish({**PAYLOAD, "extra": {"note": {"k": "\ud800"}}}), "extra.note.k"),
        (_publish({**PAYLOAD, "extra": {"\ud800": 1}}), "extra"),
        (_publish({**PAYLOAD, "extra": {"deep": DEEP}}), "extra.deep" + "[0]" * 32),
        (_publish({**PAYLOAD, "extra": {"big": 10**5000}}), "extra.big"),
        (_publish({**PAYLOAD, "extra": {10**5000: 1}}), "extra"),
        (_publish({**PAYLOAD, 10**5000: 1}), "<int too large to show>"),
        (_publish({**PAYLOAD, "account_id": 2**63}), "account_id"),
        (_publish({**PAYLOAD, "account_id": -(10**5000)}), "account_id"),
        (_publish({**PAYLOAD, "status": 10**5000}), "status"),
        (_publish({**PAYLOAD, "attachments": [{"url": "https://[::1/a.png"}]}), "attachments[0].url"),
        (
            _publish({**PAYLOAD, "attachments": [{"url": "https://cdn.example:99999/a.png"}]}),
            "attachments[0].url",
        ),
    ],
)
async def test_bad_input_is_a_validation_error_before_any_request(
    call: Any, field: str, kind: Kind, clock: FakeClock
) -> None:
    client, seen = _serving(kind, clock, _team)
    with pytest.raises(ValidationError) as info:
        await invoke(client, call)
    assert info.value.field == field
    assert seen == []
    assert len(str(info.value)) < 400  # a huge input is never echoed whole


async def test_music_duration_too_large_for_a_float_is_refused(kind: Kind, clock: FakeClock) -> None:
    music = {
        "url": "u",
        "uuid": "u",
        "cover": "c",
        "title": "t",
        "artist": "a",
        "duration": 10**400,  # math.isfinite() would raise OverflowError
        "selection": "none",
        "music_volume": 1,
        "original_sound_volume": 1,
    }
    client, seen = _serving(kind, clock, _team)
    with pytest.raises(ValidationError) as info:
        await invoke(client, _publish({**PAYLOAD, "extra": {"music": music}}))
    assert (info.value.field, seen) == ("extra.music.duration", [])


async def test_upload_refuses_empty_and_unreadable_files_before_any_request(
    kind: Kind, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, seen = _serving(kind, clock, _team)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match=r"'empty\.png' is empty") as info:
        await invoke(client, lambda c: c.uploads.upload_file(empty))
    assert info.value.field == "path"

    locked = tmp_path / "locked.png"
    locked.write_bytes(b"png")
    real_open = Path.open

    def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.png":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(ValidationError, match=r"'locked\.png' cannot be read: PermissionError") as info:
        await invoke(client, lambda c: c.uploads.upload_file(locked))
    assert info.value.field == "path"
    assert seen == []


@pytest.mark.parametrize(
    ("ticket", "problem"),
    [
        ({"upload_url": None, "public_url": "https://cdn/x.png"}, "upload_url"),
        ({"upload_url": "/relative/path", "public_url": "https://cdn/x.png"}, "upload_url"),
        ({"upload_url": "ftp://files.example/x", "public_url": "https://cdn/x.png"}, "upload_url"),
        ({"upload_url": "https://[::1/x", "public_url": "https://cdn/x.png"}, "upload_url"),
        (
            {"upload_url": "https://s3.example/x", "public_url": "https://cdn/x.png", "method": "DELETE"},
            "method",
        ),
        ({"upload_url": "https://s3.example/x", "public_url": ""}, "public_url"),
        ({"upload_url": "https://s3.example/x", "public_url": None}, "public_url"),
    ],
)
async def test_an_unusable_upload_ticket_uploads_nothing(
    ticket: dict[str, Any], problem: str, kind: Kind, clock: FakeClock, tmp_path: Path
) -> None:
    picture = tmp_path / "a.png"
    picture.write_bytes(b"\x89PNG")
    client, seen = _serving(kind, clock, lambda request: httpx.Response(200, json=envelope(ticket)))
    with pytest.raises(UnexpectedResponseError, match=f"its {problem} ") as info:
        await invoke(client, lambda c: c.uploads.upload_file(picture))
    assert "nothing was uploaded" in str(info.value)
    assert seen == ["GET /v1/upload/url"]


# --------------------------------------------------------------------------- hostile servers


async def test_json_nested_too_deep_is_an_unexpected_response(kind: Kind, clock: FakeClock) -> None:
    body = b'{"code":0,"message":"ok","data":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    client, seen = _serving(kind, clock, lambda request: httpx.Response(200, content=body))
    with pytest.raises(UnexpectedResponseError, match="not a JSON object"):
        await invoke(client, lambda c: c.team.get())
    assert seen == ["GET /v1/team"]


@pytest.mark.parametrize("advice", ["0", "Thu, 01 Jan 2015 00:00:00 GMT"], ids=["zero", "past date"])
async def test_retry_after_of_now_backs_off_instead_of_hammering(
    advice: str, kind: Kind, clock: FakeClock
) -> None:
    replies = iter([httpx.Response(429, headers={"Retry-After": advice}), httpx.Response(200, json=TEAM)])
    client, seen = _serving(kind, clock, lambda request: next(replies))
    assert isinstance(await invoke(client, lambda c: c.team.get()), TeamResponse)
    assert len(seen) == 2
    assert clock.sleeps == [1.0]


@pytest.mark.parametrize(
    "ids",
    [[[1], [1], {"a": 1}], [float("nan"), float("nan")], [7.0, 7]],
    ids=["arrays and objects", "NaN", "float and int"],
)
def test_pagination_survives_ids_of_any_json_type(ids: list[Any]) -> None:
    def fetch(page: int) -> AccountPage:
        items = [SocialAccount(id=i) for i in ids] if page == 1 else []
        return AccountPage(page=page, per_page=10, total=len(ids), list_=items)

    yielded = [account.id for account in Paginator(fetch)]
    assert len(yielded) == len(ids) - 1  # exactly one duplicate in each list


@pytest.mark.parametrize(("per_page", "total"), [(-1, 5), (0, 5), (True, 5), (2, -7), (2, "5")])
def test_garbage_per_page_or_total_neither_stops_early_nor_walks_on(per_page: Any, total: Any) -> None:
    pages = {1: [1, 2], 2: [3, 4], 3: [5]}
    calls: list[int] = []

    def fetch(page: int) -> AccountPage:
        calls.append(page)
        items = [SocialAccount(id=i) for i in pages.get(page, [6, 7])]  # past the end: more, forever
        return AccountPage(page=page, per_page=per_page, total=total, list_=items)

    assert [a.id for a in Paginator(fetch)] == [1, 2, 3, 4, 5]
    assert calls == [1, 2, 3]


# --------------------------------------------------------------------------- publish: never twice or silent


@pytest.mark.parametrize(
    "exc",
    [
        httpx.DecodingError("bad gzip"),
        httpx.TooManyRedirects("loop"),
        httpx.LocalProtocolError("h11 state"),
        RuntimeError("custom transport blew up"),
        OSError(104, "Connection reset by peer"),
    ],
    ids=["DecodingError", "TooManyRedirects", "LocalProtocolError", "RuntimeError", "OSError"],
)
async def test_any_failure_of_a_publish_after_sending_is_an_unknown_outcome(
    exc: Exception, kind: Kind, clock: FakeClock
) -> None:
    client, seen = _serving(kind, clock, _raise(exc))
    with pytest.raises(PublishOutcomeUnknownError, match="may have been published"):
        await invoke(client, _publish(PAYLOAD))
    assert seen == ["POST /v1/publish/article"]
    assert clock.sleeps == []


@pytest.mark.parametrize(
    "exc", [httpx.ProxyError("proxy said 407"), httpx.UnsupportedProtocol("no")], ids=["proxy", "protocol"]
)
async def test_a_publish_that_never_left_is_a_plain_connection_error(
    exc: Exception, kind: Kind, clock: FakeClock
) -> None:
    client, seen = _serving(kind, clock, _raise(exc))
    with pytest.raises(APIConnectionError) as info:
        await invoke(client, _publish(PAYLOAD))
    assert not isinstance(info.value, PublishOutcomeUnknownError)
    assert seen == ["POST /v1/publish/article"]


@pytest.mark.parametrize(
    "reply",
    [
        lambda: httpx.Response(200, text="<html>ok</html>", headers={"content-type": "text/html"}),
        lambda: httpx.Response(200),
        lambda: httpx.Response(204),
        lambda: httpx.Response(200, json=envelope(code="0")),
        lambda: httpx.Response(200, json=envelope(code=None)),
        lambda: httpx.Response(200, json={"code": 0, "message": "ok", "data": "not an object"}),
    ],
    # (code 0 with "data": null is an accepted post: see test_a_publish_accepted_with_data_null_is_a_success)
    ids=["html", "empty", "204", "code string", "code null", "data not an object"],
)
async def test_a_2xx_publish_without_a_readable_result_is_an_unknown_outcome(
    reply: Callable[[], httpx.Response], kind: Kind, clock: FakeClock
) -> None:
    client, seen = _serving(kind, clock, lambda request: reply())
    with pytest.raises(PublishOutcomeUnknownError, match="may have been published"):
        await invoke(client, _publish(PAYLOAD))
    assert seen == ["POST /v1/publish/article"]


async def test_a_publish_refused_by_code_is_still_a_business_error(kind: Kind, clock: FakeClock) -> None:
    client, seen = _serving(kind, clock, lambda r: httpx.Response(200, json=envelope(code=5, message="no")))
    with pytest.raises(BusinessError) as info:
        await invoke(client, _publish(PAYLOAD))
    assert (info.value.code, seen) == (5, ["POST /v1/publish/article"])


async def test_a_custom_transport_exception_on_get_is_a_connection_error(
    kind: Kind, clock: FakeClock
) -> None:
    original = RuntimeError("socket pool exhausted")
    client, seen = _serving(kind, clock, _raise(original))
    with pytest.raises(APIConnectionError, match="RuntimeError: socket pool exhausted") as info:
        await invoke(client, lambda c: c.team.get())
    assert info.value.__cause__ is original  # no secret in it: kept for debugging
    assert seen == ["GET /v1/team"]  # not a known transient failure: not retried


# --------------------------------------------------------------------------- secrets

ODD_KEY = "se_a+b.c*(x)|y?/z=="
SPELLINGS = [
    ODD_KEY,
    urllib.parse.quote(ODD_KEY, safe=""),
    urllib.parse.quote(ODD_KEY, safe="").lower(),
    urllib.parse.quote_plus(ODD_KEY),
    ODD_KEY.replace("/", "\\/"),
]


def _leaks(texts: list[str]) -> list[str]:
    texts = texts + [text.replace("\\\\", "\\") for text in texts]  # undo repr()'s doubled backslashes
    return [spelling for spelling in SPELLINGS for text in texts if spelling in text]


@pytest.mark.parametrize(
    "handler",
    [
        lambda r: httpx.Response(
            400, json={"code": 400, "message": f"bad key {SPELLINGS[1]}", "key": ODD_KEY}
        ),
        lambda r: httpx.Response(401, text=f"key={SPELLINGS[3]}&again={SPELLINGS[2]}"),
        lambda r: httpx.Response(302, headers={"Location": f"https://other.example/?k={SPELLINGS[1]}"}),
        lambda r: httpx.Response(500, headers={"X-Request-Id": ODD_KEY}),
        lambda r: httpx.Response(200, json={"code": 7, "message": "nope", "echo": {"auth": [ODD_KEY]}}),
        lambda r: httpx.Response(200, content=f'{{"code":0,"message":"{SPELLINGS[4]}"'.encode()),
        _raise(httpx.ConnectError(f"proxy refused Authorization: Bearer {ODD_KEY}")),
        _raise(RuntimeError(f"custom transport: {SPELLINGS[1]}")),
    ],
    ids=[
        "error body",
        "form-encoded",
        "redirect",
        "request id",
        "business body",
        "truncated",
        "httpx",
        "custom",
    ],
)
async def test_no_spelling_of_the_key_escapes(
    handler: Handler,
    kind: Kind,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOCIALECHO_LOG", "debug")
    caplog.set_level(logging.DEBUG, logger="socialecho_client")
    client, _ = _serving(kind, clock, handler, api_key=ODD_KEY, max_retries=1)
    with pytest.raises(SocialEchoError) as info:
        await invoke(client, lambda c: c.team.get())
    error = info.value
    shown = [str(error), repr(error), repr(vars(error)), "".join(traceback.format_exception(error))]
    shown += [r.getMessage() for r in caplog.records] + [caplog.text]
    assert _leaks(shown) == []


async def test_dry_run_masks_the_key_in_the_body_too(kind: Kind, clock: FakeClock) -> None:
    client, seen = _serving(kind, clock, _team, api_key=ODD_KEY)
    prepared = await invoke(client, _publish({**PAYLOAD, "content": f"oops {ODD_KEY}"}, dry_run=True))
    assert _leaks([str(prepared), repr(prepared)]) == []
    assert prepared.body["content"] == "oops ***"
    assert seen == []


def test_a_key_that_cannot_be_a_header_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="printable ASCII") as info:
        SocialEcho(api_key="se_clé")
    assert "clé" not in str(info.value)


def test_publish_log_line_never_carries_the_post_text(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="socialecho_client")
    client, _ = _serving("sync", clock, lambda r: httpx.Response(200, json=PUBLISHED))
    assert isinstance(client, SocialEcho)
    client.publish.article({**PAYLOAD, "content": "short secret plan"})
    lines = [r.getMessage() for r in caplog.records if r.name == "socialecho_client"]
    assert len(lines) == 1
    assert 'params={"account_id":101,"type":"post","status":1}' in lines[0]


# --------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "http://evil.localhost"},  # a resolver may send it to DNS: not loopback
        {"base_url": "https://api.example.com/#"},
        {"base_url": "https://api.example.com/?"},
        {"base_url": "https://bad host.example"},
        {"base_url": "https://api.example.com:99999"},
        {"base_url": 123},
        {"team_id": 2**63},
        {"timeout": httpx.Timeout(0)},
        {"timeout": httpx.Timeout(5, read=-1)},
        {"transport": "not a transport"},
        {"http_client": object()},
        {"clock": object()},
        {"rng": 0.5},
    ],
)
def test_bad_configuration_is_a_configuration_error(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError):
        SocialEcho(api_key="se_config", **options)


def test_sync_and_async_transports_are_not_mixed_up() -> None:
    with pytest.raises(ConfigurationError, match="AsyncBaseTransport"):
        AsyncSocialEcho(api_key="se_config", transport=httpx.HTTPTransport())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"httpx\.Client"):
        SocialEcho(api_key="se_config", http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_internationalised_host_names_are_accepted() -> None:
    client = SocialEcho(api_key="se_config", base_url="https://exаmple.com/api/")  # Cyrillic а
    assert client.base_url == "https://xn--exmple-4nf.com/api"
    client.close()


# --------------------------------------------------------------------------- the shared limiter


async def test_one_key_shares_one_window_whatever_the_limits(kind: Kind, clock: FakeClock) -> None:
    key = f"se_window_{kind}"
    small, _ = _serving(kind, clock, _team, api_key=key, rate_limit=2)
    large, _ = _serving(kind, clock, _team, api_key=key, rate_limit=3)
    for client in (small, small, large):
        await invoke(client, lambda c: c.team.get())
    assert clock.sleeps == []
    await invoke(large, lambda c: c.team.get())  # 3 already in the window: the largest limit is full
    assert clock.sleeps == [60.0]


async def test_sync_and_async_clients_of_one_key_share_the_limiter(clock: FakeClock) -> None:
    sync, _ = _serving("sync", clock, _team, api_key="se_both_flavours", rate_limit=2)
    asynchronous, _ = _serving("async", clock, _team, api_key="se_both_flavours", rate_limit=2)
    await invoke(sync, lambda c: c.team.get())
    await invoke(asynchronous, lambda c: c.team.get())
    await invoke(asynchronous, lambda c: c.team.get())
    assert clock.sleeps == [60.0]
    await close(sync)
    await close(asynchronous)


# --------------------------------------------------------------------------- pages and logging for a CLI


def _account_server(request: httpx.Request) -> httpx.Response:
    page = sent_json(request)["page"]
    chunk = {1: [1, 2], 2: [2, 3], 3: [4]}.get(page, [])
    data = {"page": page, "per_page": 2, "total": 5, "list": [{"id": i} for i in chunk]}
    return httpx.Response(200, json=envelope(data))


async def test_pages_report_progress_and_match_the_items(kind: Kind, clock: FakeClock) -> None:
    client, seen = _serving(kind, clock, _account_server)
    if isinstance(client, AsyncSocialEcho):
        pages = [page async for page in client.accounts.iter_all(type=1).pages()]
        items = [a.id async for a in client.accounts.iter_all(type=1)]
    else:
        pages = list(client.accounts.iter_all(type=1).pages())
        items = [a.id for a in client.accounts.iter_all(type=1)]
    assert [(p.number, [a.id for a in p.items], p.total, p.last) for p in pages] == [
        (1, [1, 2], 5, False),
        (2, [3], 5, False),
        (3, [4], 5, True),
    ]
    assert all(isinstance(p, Page) for p in pages)
    assert items == [1, 2, 3, 4]
    assert len(seen) == 6


def _env_handler() -> logging.Handler:
    found = [h for h in logging.getLogger("socialecho_client").handlers if type(h).__name__ == "_EnvHandler"]
    assert len(found) == 1
    return found[0]


def test_socialecho_log_does_not_double_an_application_handler(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    logger = logging.getLogger("socialecho_client")
    monkeypatch.setattr(logger, "propagate", False)  # only the handlers of this test
    app_stream, env_stream = io.StringIO(), io.StringIO()
    app_handler = logging.StreamHandler(app_stream)
    logger.addHandler(app_handler)  # what a CLI's -v does (before or after the client exists)
    logger.setLevel(logging.DEBUG)  # ... with -vv
    monkeypatch.setenv("SOCIALECHO_LOG", "info")
    client, _ = _serving("sync", clock, _team)
    assert logger.level == logging.DEBUG  # the variable adds detail, never removes it
    handler = _env_handler()
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(env_stream)
    assert isinstance(client, SocialEcho)
    client.team.get()
    assert env_stream.getvalue() == ""
    assert app_stream.getvalue().count("GET /v1/team status=200") == 1

    logger.removeHandler(app_handler)  # no application handler left: the variable's handler speaks
    client.team.get()
    assert env_stream.getvalue().count("GET /v1/team status=200") == 1


async def test_an_error_body_is_kept_redacted(kind: Kind, clock: FakeClock) -> None:
    body = {"code": 400, "message": "bad", "detail": {"nested": ["x", "se_kept_key"]}}
    client, _ = _serving(kind, clock, lambda r: httpx.Response(400, json=body), api_key="se_kept_key")
    with pytest.raises(BadRequestError) as info:
        await invoke(client, lambda c: c.team.get())
    assert info.value.body == {"code": 400, "message": "bad", "detail": {"nested": ["x", "***"]}}


@pytest.mark.parametrize("base_url", ["https://xn--.com", "https://u:secret-pw@[::1"])
def test_malformed_base_urls_are_configuration_errors_without_credentials(base_url: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        SocialEcho("se_cfg_key", base_url=base_url)
    assert "secret-pw" not in str(info.value)
    assert "base_url" in str(info.value)
