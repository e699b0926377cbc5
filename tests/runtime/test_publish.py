"""Publish safety: never re-sent once it may have reached the server; dry runs send nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from socialecho_client import (
    BadRequestError,
    PreparedRequest,
    PublishOutcomeUnknownError,
    ValidationError,
)
from socialecho_client.models import PublishResponse

from .conftest import BASE, KEY, FakeClock, Kind, envelope, invoke, make_client, sent_json

PAYLOAD: dict[str, Any] = {
    "account_id": 101,
    "type": "post",
    "status": 1,
    "comment": ["first!"],
    "extra": {},
    "attachments": [{"url": "https://cdn.example.com/a.jpg"}],
    "content": "Hello",
}
ACCEPTED = envelope({"id": 555}, request_id="pub-1")


def _publish(client: Any) -> Any:
    return client.publish.article(PAYLOAD)


def _status(status: int, **headers: str) -> Callable[[], httpx.Response]:
    return lambda: httpx.Response(status, json=envelope(code=status, message="nope"), headers=headers)


@pytest.mark.parametrize(
    "fault",
    [httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.RemoteProtocolError]
    + [_status(status) for status in (500, 502, 503, 504)],
    ids=["ReadTimeout", "WriteTimeout", "ReadError", "RemoteProtocolError", "500", "502", "503", "504"],
)
async def test_maybe_delivered_publish_is_sent_exactly_once(
    fault: Any, kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    fault = fault if isinstance(fault, type) else fault()
    route = api.post("/v1/publish/article").mock(side_effect=[fault, httpx.Response(200, json=ACCEPTED)])
    client = make_client(kind, clock)
    with pytest.raises(PublishOutcomeUnknownError, match="may have been published") as info:
        await invoke(client, _publish)
    assert route.call_count == 1
    assert clock.sleeps == []
    assert info.value.method == "POST"
    assert info.value.endpoint == "/v1/publish/article"


@pytest.mark.parametrize(
    ("fault", "sleeps"),
    [
        (httpx.ConnectError, [1.0]),
        (httpx.ConnectTimeout, [1.0]),
        (httpx.PoolTimeout, [1.0]),
        (_status(429, **{"Retry-After": "3"}), [3.0]),
        (_status(429), [1.0]),
    ],
    ids=["ConnectError", "ConnectTimeout", "PoolTimeout", "429 Retry-After", "429"],
)
async def test_publish_is_resent_only_when_it_provably_did_not_arrive(
    fault: Any, sleeps: list[float], kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    fault = fault if isinstance(fault, type) else fault()
    route = api.post("/v1/publish/article").mock(side_effect=[fault, httpx.Response(200, json=ACCEPTED)])
    result = await invoke(make_client(kind, clock), _publish)
    assert isinstance(result, PublishResponse)
    assert result.request_id == "pub-1"
    assert route.call_count == 2
    assert clock.sleeps == sleeps
    assert sent_json(route.calls[0].request) == sent_json(route.calls[1].request)


async def test_publish_client_error_is_not_resent(
    kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.post("/v1/publish/article").mock(
        return_value=httpx.Response(400, json=envelope(code=40001, message="account not authorized"))
    )
    with pytest.raises(BadRequestError, match="account not authorized") as info:
        await invoke(make_client(kind, clock), _publish)
    assert (route.call_count, info.value.code) == (1, 40001)


async def test_publish_sends_the_validated_payload(
    kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.post("/v1/publish/article").mock(return_value=httpx.Response(200, json=ACCEPTED))
    result = await invoke(make_client(kind, clock, wire="query"), _publish)  # POST bodies never move
    assert isinstance(result, PublishResponse)
    request = route.calls.last.request
    assert sent_json(request) == PAYLOAD
    assert request.headers["content-type"] == "application/json"
    assert request.url.query == b""


async def test_invalid_payload_sends_nothing(kind: Kind, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.post("/v1/publish/article")
    bad = {**PAYLOAD, "extra": {"music": {"music_volume": True}}}
    with pytest.raises(ValidationError) as info:
        await invoke(make_client(kind, clock), lambda c: c.publish.article(bad))
    assert info.value.field.startswith("extra.music")
    with pytest.raises(ValidationError, match="type"):
        await invoke(
            make_client(kind, clock), lambda c: c.publish.article({**PAYLOAD, "type": "reels"}, False, "x")
        )
    assert route.call_count == 0


async def test_dry_run_returns_the_exact_request_and_sends_nothing(
    kind: Kind, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.post("/v1/publish/article")
    client = make_client(kind, clock, team_id=42, lang="en")
    prepared = await invoke(client, lambda c: c.publish.article(PAYLOAD, dry_run=True, platform="facebook"))
    assert isinstance(prepared, PreparedRequest)
    assert route.call_count == 0
    assert len(api.calls) == 0
    assert (prepared.method, prepared.url) == ("POST", f"{BASE}/v1/publish/article")
    assert prepared.body == PAYLOAD
    assert prepared.headers["authorization"] == "Bearer ***"
    assert (prepared.headers["x-team-id"], prepared.headers["x-lang"]) == ("42", "en")
    assert prepared.headers["content-type"] == "application/json"
    for text in (str(prepared), repr(prepared)):
        assert KEY not in text
        assert "Bearer ***" in text
