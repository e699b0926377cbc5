"""Regressions of a second break-it pass on the runtime: a key echoed into parsed models, unsafe upload
tickets, oversized files, snippets of large minified bodies, copies of a closed client, invisible
characters in URLs, TikTok Shop products that are flags, and enum members as parameter values."""

from __future__ import annotations

import enum
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from socialecho_client import (
    APITimeoutError,
    AsyncSocialEcho,
    PublishOutcomeUnknownError,
    SocialEcho,
    SocialEchoError,
    UnexpectedResponseError,
    ValidationError,
)
from socialecho_client._runtime import _resources
from socialecho_client._runtime._envelope import snippet
from socialecho_client._runtime._logging import register_secret
from socialecho_client._runtime._platforms import UPLOAD_MAX_BYTES

from .conftest import KEY, FakeClock, Kind, close, envelope, invoke, make_client, ok, sent_json

UPLOAD_URL = "https://uploads.example.com/bucket/a.png?X-Amz-Signature=SIGNED"
PUBLIC_URL = "https://cdn.example.com/a.png"


@pytest.mark.parametrize("key", [KEY, "se_it's\\a'key\"42"])
async def test_a_key_echoed_into_the_parsed_model_is_masked_in_the_raw_repr(
    kind: Kind, clock: FakeClock, key: str
) -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=envelope({"id": 7, "title": key}, message=f"hello {key}"))

    client = make_client(kind, clock, api_key=key, transport=httpx.MockTransport(echo))
    raw = await invoke(client, lambda c: c.with_raw_response(c.team.get)())
    await close(client)
    assert raw.parsed.data.title == key  # the data itself is the server's, untouched
    shown = repr(raw)
    assert "RawResponse(http_status=200" in shown
    assert "***" in shown
    for length in range(6, len(key) + 1):
        assert key[:length] not in shown


# ---------------------------------------------------------------------------------------------- uploads


def _ticket(upload_url: str = UPLOAD_URL, public_url: str = PUBLIC_URL) -> httpx.Response:
    return ok(envelope({"upload_url": upload_url, "public_url": public_url, "method": "PUT"}))


@pytest.mark.parametrize(
    ("upload_url", "public_url", "problem"),
    [
        ("http://uploads.example.com/a.png?sig=1", PUBLIC_URL, "plain http://"),
        (UPLOAD_URL, "https://cdn.example.com/a.png?X-Amz-Signature=x", "pre-signed"),
        (UPLOAD_URL, "https://cdn.example.com/a.png?OSSAccessKeyId=a&Expires=1&Signature=s", "pre-signed"),
    ],
)
async def test_unsafe_upload_tickets_are_refused_before_the_bytes_go_out(
    kind: Kind,
    api: respx.MockRouter,
    clock: FakeClock,
    tmp_path: Path,
    upload_url: str,
    public_url: str,
    problem: str,
) -> None:
    api.get("/v1/upload/url").mock(return_value=_ticket(upload_url, public_url))
    put = api.route(method="PUT", host="uploads.example.com").mock(return_value=httpx.Response(200))
    picture = tmp_path / "a.png"
    picture.write_bytes(b"png")
    client = make_client(kind, clock)
    with pytest.raises(UnexpectedResponseError, match=problem):
        await invoke(client, lambda c: c.uploads.upload_file(picture))
    await close(client)
    assert put.call_count == 0


async def test_a_loopback_upload_url_may_be_plain_http(
    kind: Kind, api: respx.MockRouter, clock: FakeClock, tmp_path: Path
) -> None:
    api.get("/v1/upload/url").mock(return_value=_ticket("http://127.0.0.1:9000/bucket/a.png?sig=1"))
    put = api.put("http://127.0.0.1:9000/bucket/a.png?sig=1").mock(return_value=httpx.Response(200))
    picture = tmp_path / "a.png"
    picture.write_bytes(b"png")
    client = make_client(kind, clock)
    assert await invoke(client, lambda c: c.uploads.upload_file(picture)) == PUBLIC_URL
    await close(client)
    assert put.call_count == 1


def test_the_size_ceilings_are_the_largest_platform_limits() -> None:
    # platform-limits.md: images 20 MB (TikTok, Pinterest), videos 2 GB (YouTube, Pinterest).
    assert dict(UPLOAD_MAX_BYTES) == {"image": 20 * 2**20, "video": 2 * 2**30}


@pytest.mark.parametrize(
    ("name", "size", "accepted"),
    [
        ("photo.png", 2000, True),
        ("photo.png", 2001, False),
        ("clip.mp4", 5000, True),
        ("clip.mp4", 5001, False),
    ],
)
async def test_files_larger_than_any_platform_takes_are_refused(
    kind: Kind,
    api: respx.MockRouter,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    size: int,
    accepted: bool,
) -> None:
    monkeypatch.setattr(_resources, "UPLOAD_MAX_BYTES", {"image": 2000, "video": 5000})  # small stand-ins
    api.get("/v1/upload/url").mock(return_value=_ticket())
    put = api.put(UPLOAD_URL).mock(return_value=httpx.Response(200))
    file = tmp_path / name
    file.write_bytes(b"\0" * size)
    client = make_client(kind, clock)
    if accepted:
        assert await invoke(client, lambda c: c.uploads.upload_file(file)) == PUBLIC_URL
        assert put.calls[0].request.headers["content-length"] == str(size)
    else:
        with pytest.raises(ValidationError, match="no platform takes") as caught:
            await invoke(client, lambda c: c.uploads.upload_file(file))
        assert caught.value.field == "path"
        assert len(api.calls) == 0
    await close(client)


# ---------------------------------------------------------------------------------------------- snippets


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><head><style>" + b"a{color:red}" * 7000 + b"</style></head></html>",
        b'{"code":0,"data":[' + b'{"id":1,"name":"x"},' * 6000,  # minified and truncated
    ],
)
def test_a_large_body_without_spaces_keeps_its_snippet(body: bytes) -> None:
    assert len(body) > 64 * 1024
    shown = snippet(body)
    assert len(shown) > 100
    assert body.decode().startswith(shown.removesuffix("…"))


def test_a_key_cut_by_the_scan_inside_one_long_word_is_dropped() -> None:
    register_secret(KEY)
    for offset in range(1, len(KEY)):
        body = ("x" * (64 * 1024 - offset) + KEY).encode()
        # Not visible in 160 characters anyway; also gone from the text the snippet is cut from.
        assert KEY[: min(offset, 6)] not in snippet(b" " * (64 * 1024 - offset) + KEY.encode())
        assert snippet(body).startswith("x")


# ---------------------------------------------------------------------------------------------- lifecycle


async def test_copies_of_a_closed_client_are_closed_too(kind: Kind, clock: FakeClock) -> None:
    calls: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return ok()

    client = make_client(kind, clock, transport=httpx.MockTransport(answer))
    copy = client.with_options(timeout=5)
    await invoke(copy, lambda c: c.team.get())
    await close(client)
    with pytest.raises(SocialEchoError, match="client is closed"):
        await invoke(copy, lambda c: c.team.get())
    with pytest.raises(SocialEchoError, match="client is closed"):
        client.with_options(max_retries=0)
    assert len(calls) == 1


async def test_closing_a_copy_leaves_the_original_open(kind: Kind, clock: FakeClock) -> None:
    client = make_client(kind, clock, transport=httpx.MockTransport(lambda request: ok()))
    await close(client.with_options(timeout=5))
    await invoke(client, lambda c: c.team.get())
    await close(client)


# ---------------------------------------------------------------------------------------------- validation

PAYLOAD: dict[str, Any] = {
    "account_id": 1,
    "type": "post",
    "status": 0,
    "comment": [],
    "content": "hello",
    "extra": {},
    "attachments": [{"url": PUBLIC_URL}],
}


@pytest.mark.parametrize(
    "url", ["https://c.example/a\x00b.png", "https://c.example/a\x7fb.png", "https://c.example/\u202eb.png"]
)
def test_attachment_urls_with_control_or_invisible_characters_are_refused(url: str) -> None:
    client = SocialEcho(KEY, transport=httpx.MockTransport(lambda request: ok()))
    with client, pytest.raises(ValidationError, match="control or invisible") as caught:
        client.publish.article({**PAYLOAD, "attachments": [{"url": url}]}, dry_run=True)
    assert caught.value.field == "attachments[0].url"


TIKTOK_SHOP: dict[str, Any] = {
    **PAYLOAD,
    "type": "video",
    "extra": {"title": "Spring sale"},
    "attachments": [{"url": "https://cdn.example.com/a.mp4"}],
}


@pytest.mark.parametrize("product", [False, True, 0, -3, 1.5, ["p1"]])
def test_a_tiktok_shop_product_must_be_an_id_or_an_object(product: object) -> None:
    payload = {**TIKTOK_SHOP, "extra": {**TIKTOK_SHOP["extra"], "product": product}}
    client = SocialEcho(KEY, transport=httpx.MockTransport(lambda request: ok()))
    with client, pytest.raises(ValidationError) as caught:
        client.publish.article(payload, platform="tiktok_shop", dry_run=True)
    assert caught.value.field == "extra.product"


@pytest.mark.parametrize("product", ["1729", 1729, {"id": "1729", "sku": "A-1"}])
def test_a_tiktok_shop_product_id_or_object_is_accepted(product: object) -> None:
    payload = {**TIKTOK_SHOP, "extra": {**TIKTOK_SHOP["extra"], "product": product}}
    with SocialEcho(KEY, transport=httpx.MockTransport(lambda request: ok())) as client:
        prepared = client.publish.article(payload, platform="tiktok_shop", dry_run=True)
    assert prepared.body["extra"]["product"] == product


class TimeType(enum.IntEnum):
    POSTS_CREATED = 1
    ALL_POSTS = 2


class Group(enum.StrEnum):
    DAY = "day"


async def test_enum_members_are_accepted_as_their_values(
    kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.get("/v1/report").mock(return_value=ok(envelope({"scope": {}, "totals": {}})))
    client = make_client(kind, clock)
    await invoke(
        client,
        lambda c: c.reports.get("2026-01-01", "2026-01-31", time_type=TimeType.ALL_POSTS, group=Group.DAY),
    )
    await close(client)
    assert sent_json(route.calls[0].request) == {
        "start_date": "2026-01-01",
        "end_date": "2026-01-31",
        "time_type": 2,
        "group": "day",
    }


@pytest.mark.parametrize(
    ("options", "deadline"),
    [
        ({}, 120.0),
        ({"timeout": 300}, 300.0),  # one attempt is never cut short by the default deadline
        ({"timeout": 300, "deadline": 10}, 10.0),  # a deadline given is kept
        ({"timeout": None}, 120.0),
        ({"deadline": None}, None),
    ],
)
def test_the_default_deadline_is_never_shorter_than_the_timeout(
    options: dict[str, Any], deadline: float
) -> None:
    with SocialEcho(KEY, transport=httpx.MockTransport(lambda request: ok()), **options) as client:
        assert client._policy.deadline == deadline
        assert client.with_options(timeout=500)._policy.deadline == (
            500.0 if "deadline" not in options else deadline
        )


@pytest.mark.parametrize(
    "body", [b'{"code": 0, "message": "ok", "data": {"id": NaN}}', b'{"code": 0, "data": {"id": 1e400}}']
)
async def test_non_json_numbers_in_a_body_are_not_json(kind: Kind, clock: FakeClock, body: bytes) -> None:
    client = make_client(
        kind,
        clock,
        transport=httpx.MockTransport(lambda request: httpx.Response(200, content=body)),
        max_retries=0,
    )
    with pytest.raises(UnexpectedResponseError):
        await invoke(client, lambda c: c.team.get())
    await close(client)


async def test_an_unknown_publish_outcome_names_the_code_and_request_id(kind: Kind, clock: FakeClock) -> None:
    failing = {"code": 500, "message": "internal error", "request_id": "rid-p500"}
    client = make_client(
        kind, clock, transport=httpx.MockTransport(lambda request: httpx.Response(500, json=failing))
    )
    with pytest.raises(PublishOutcomeUnknownError) as caught:
        await invoke(client, lambda c: c.publish.article(PAYLOAD))
    await close(client)
    assert "HTTP 500 (code 500, request id rid-p500)" in str(caught.value)
    assert caught.value.request_id == "rid-p500"


class _Drip(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body in pieces, each taking ``seconds`` on the fake clock: every read is quick, the whole is not."""

    def __init__(self, body: bytes, clock: FakeClock, seconds: float) -> None:
        self.body, self.clock, self.seconds = body, clock, seconds

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.body), 8):
            self.clock.now += self.seconds
            yield self.body[start : start + 8]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self:
            yield piece


@pytest.mark.parametrize(("seconds", "in_time"), [(0.5, False), (0.01, True)])
async def test_the_deadline_bounds_a_body_that_trickles_in(
    kind: Kind, clock: FakeClock, seconds: float, in_time: bool
) -> None:
    body = json.dumps(envelope({"id": 7, "title": "Team"})).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Drip(body, clock, seconds))

    client = make_client(kind, clock, transport=httpx.MockTransport(handler), deadline=1.5, max_retries=0)
    if in_time:
        team = await invoke(client, lambda c: c.team.get())
        assert team.data.id == 7
    else:
        with pytest.raises(APITimeoutError):
            await invoke(client, lambda c: c.team.get())
        assert clock.now - 1000.0 < 1.5 + seconds * 2  # stopped at the deadline, not after the whole body
    await close(client)


@pytest.mark.parametrize("kind_", ["sync", "async"])
async def test_the_deadline_also_bounds_a_body_read_through_your_own_http_client(
    clock: FakeClock, kind_: Kind
) -> None:
    body = json.dumps(envelope({"id": 7, "title": "Team"})).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Drip(body, clock, 0.5))

    if kind_ == "sync":
        with httpx.Client(transport=httpx.MockTransport(handler)) as own:
            client = SocialEcho(
                KEY, http_client=own, clock=clock, deadline=1.5, max_retries=0, rate_limit=None
            )
            with pytest.raises(APITimeoutError):
                client.team.get()
            client.close()
    else:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as own_async:
            aclient = AsyncSocialEcho(
                KEY, http_client=own_async, clock=clock, deadline=1.5, max_retries=0, rate_limit=None
            )
            with pytest.raises(APITimeoutError):
                await aclient.team.get()
            await aclient.close()


async def test_a_body_read_in_chunks_keeps_the_servers_headers(kind: Kind, clock: FakeClock) -> None:
    body = json.dumps(envelope({"id": 7, "title": "Team"})).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"Transfer-Encoding": "chunked", "X-Request-Id": "r-1"},
            stream=_Drip(body, clock, 0.0),
        )

    client = make_client(kind, clock, transport=httpx.MockTransport(handler))
    raw = await invoke(client, lambda c: c.with_raw_response(c.team.get)())
    await close(client)
    assert raw.parsed.data.id == 7
    assert raw.headers["transfer-encoding"] == "chunked"
    assert "content-length" not in raw.headers
    assert raw.request_id == "r-1"


async def test_a_publish_accepted_with_data_null_is_a_success(kind: Kind, clock: FakeClock) -> None:
    accepted = {"code": 0, "message": "ok", "request_id": "rid-1", "data": None}
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=accepted)

    client = make_client(kind, clock, transport=httpx.MockTransport(handler))
    result = await invoke(client, lambda c: c.publish.article(PAYLOAD))
    await close(client)
    assert result.code == 0
    assert result.request_id == "rid-1"
    assert len(sent) == 1


async def test_data_null_where_data_is_required_is_still_unexpected(kind: Kind, clock: FakeClock) -> None:
    client = make_client(
        kind,
        clock,
        transport=httpx.MockTransport(
            lambda request: httpx.Response(200, json={"code": 0, "message": "ok", "data": None})
        ),
    )
    with pytest.raises(UnexpectedResponseError, match="TeamResponse"):
        await invoke(client, lambda c: c.team.get())
    await close(client)
