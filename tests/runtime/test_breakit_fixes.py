"""Regressions found by a break-it pass on the runtime: partial key leaks, limiter pauses, Retry-After
forms, dry-run fidelity, use after close, pagination of items without ids and of lying page sizes."""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx
import pytest
from socialecho_client import (
    APIConnectionError,
    AsyncSocialEcho,
    Paginator,
    PublishOutcomeUnknownError,
    SocialEcho,
    SocialEchoError,
    UnexpectedResponseError,
)
from socialecho_client._runtime._envelope import parse_retry_after, snippet
from socialecho_client._runtime._logging import register_secret
from socialecho_client.models import AccountPage, SocialAccount

from .conftest import KEY, TEAM, FakeClock, Kind, close, invoke, make_client

PAYLOAD: dict[str, Any] = {
    "account_id": 1,
    "type": "post",
    "status": 0,
    "comment": [],
    "content": "Ring bearer wanted. Authorization: pending",
    "extra": {},
    "attachments": [{"url": "https://cdn.example.com/a.jpg"}],
}


@pytest.mark.parametrize("offset", [0, 100, 133, 150, 159, 160, 200])
def test_a_key_straddling_the_snippet_cut_leaves_no_prefix(offset: int) -> None:
    register_secret(KEY)
    text = snippet(("x" * offset + KEY + " tail").encode())
    for length in range(6, len(KEY) + 1):  # no piece of the key of 6 characters or more
        assert KEY[:length] not in text


def test_a_key_cut_by_the_scan_limit_is_dropped_with_its_word() -> None:
    register_secret(KEY)
    body = (" " * (64 * 1024 - 5) + KEY).encode()  # whitespace collapses: the cut would lead the snippet
    assert KEY[:5] not in snippet(body)


async def test_status_error_with_the_key_at_the_cut_does_not_leak(kind: Kind, clock: FakeClock) -> None:
    body = "x" * 133 + KEY

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, text=body, headers={"content-type": "text/html"})

    client = make_client(kind, clock, transport=httpx.MockTransport(handler), max_retries=0)
    with pytest.raises(SocialEchoError) as caught:
        await invoke(client, lambda c: c.team.get())
    await close(client)
    assert KEY[:12] not in str(caught.value)
    assert KEY[:12] not in repr(caught.value)


async def test_a_429_beyond_the_ceiling_still_pauses_the_shared_limiter(kind: Kind, clock: FakeClock) -> None:
    sent: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        if len(sent) == 1:
            return httpx.Response(429, headers={"Retry-After": "3600"}, json={"code": 429, "message": "slow"})
        return httpx.Response(200, json=TEAM)

    options = {"transport": httpx.MockTransport(handler), "deadline": None, "api_key": "se_pause_test_key"}
    first, second = make_client(kind, clock, **options), make_client(kind, clock, **options)
    with pytest.raises(SocialEchoError, match="slow"):
        await invoke(first, lambda c: c.team.get())  # raised at once: 3600 s is above max_retry_after
    assert clock.sleeps == []
    await invoke(second, lambda c: c.team.get())  # another client of the key waits for the advice
    assert sent == [clock.now - 3600, clock.now]
    assert sum(clock.sleeps) == pytest.approx(3600)
    await close(first)
    await close(second)


def test_an_absurd_retry_after_pauses_for_at_most_an_hour(clock: FakeClock) -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return httpx.Response(429, headers={"Retry-After": "9" * 400}, json={"code": 429, "message": "x"})
        return httpx.Response(200, json=TEAM)

    client = make_client("sync", clock, transport=httpx.MockTransport(handler), deadline=None)
    assert isinstance(client, SocialEcho)
    with pytest.raises(SocialEchoError):
        client.team.get()
    client.team.get()
    assert sum(clock.sleeps) == pytest.approx(3600)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10", 10.0),
        ("1.5", 1.5),
        ("inf", None),  # not delay-seconds, not a date
        ("nan", None),
        ("1_0", None),
        ("+3", None),
        ("-5", None),
        ("9" * 400, float("inf")),  # beyond any ceiling: given up, not retried after 1 s
        ("Fri, 15 Jan 2027 08:00:10 GMT", 10.0),
        ("Friday, 15-Jan-27 08:00:10 GMT", 10.0),
        ("Fri Jan 15 08:00:10 2027", 10.0),  # asctime: GMT, whatever the machine's zone
        ("Fri, 15 Jan 2027 07:00:00 GMT", 0.0),  # in the past: now
    ],
)
@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai", "America/Los_Angeles"])
def test_retry_after_forms(
    value: str, expected: float | None, zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        now = 1799999990.0 + 10  # 2027-01-15 08:00:00 UTC
        assert parse_retry_after(value, now) == expected
    finally:
        monkeypatch.undo()
        time.tzset()


async def test_dry_run_body_is_exactly_the_post_text(kind: Kind, clock: FakeClock) -> None:
    client = make_client(kind, clock, transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    prepared = await invoke(client, lambda c: c.publish.article(PAYLOAD, dry_run=True))
    await close(client)
    assert prepared.body["content"] == PAYLOAD["content"]
    assert prepared.headers["authorization"] == "Bearer ***"
    keyed = {**PAYLOAD, "content": f"my key is {KEY}"}
    client = make_client(kind, clock, transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    prepared = await invoke(client, lambda c: c.publish.article(keyed, dry_run=True))
    await close(client)
    assert prepared.body["content"] == "my key is ***"


async def test_a_closed_client_raises_a_socialecho_error(kind: Kind, clock: FakeClock) -> None:
    client = make_client(kind, clock, transport=httpx.MockTransport(lambda r: httpx.Response(200, json=TEAM)))
    await invoke(client, lambda c: c.team.get())
    await close(client)
    await close(client)  # twice is fine
    with pytest.raises(SocialEchoError, match="client is closed"):
        await invoke(client, lambda c: c.team.get())
    if isinstance(client, AsyncSocialEcho):
        with pytest.raises(SocialEchoError, match="client is closed"):
            async for _ in client.accounts.iter_all():
                pass


def _page(items: list[dict[str, Any]], per_page: Any, total: Any) -> AccountPage:
    return AccountPage(
        page=1, per_page=per_page, total=total, list_=[SocialAccount.from_dict(i) for i in items]
    )


def test_items_without_ids_are_all_yielded_and_exact_repeats_dropped() -> None:
    pages = {
        1: [{"id": None, "title": f"acct{i}"} for i in range(5)],
        2: [{"title": "acct0", "id": None}, {"id": None, "title": "acct9"}],  # a repeat, and a new one
    }
    items = list(Paginator(lambda p: _page(pages.get(p, []), 5, None)))
    assert [a.title for a in items] == ["acct0", "acct1", "acct2", "acct3", "acct4", "acct9"]


def test_pages_shorter_than_per_page_are_walked_to_the_total() -> None:
    ids = list(range(1, 46))
    calls: list[int] = []

    def fetch(page: int) -> AccountPage:
        calls.append(page)
        chunk = ids[(page - 1) * 10 : page * 10]  # says 20 per page, sends 10
        return _page([{"id": i} for i in chunk], 20, 45)

    assert [a.id for a in Paginator(fetch)] == ids
    assert calls == [1, 2, 3, 4, 5]


def test_the_page_cap_warns_that_the_walk_is_incomplete(caplog: pytest.LogCaptureFixture) -> None:
    def fetch(page: int) -> AccountPage:
        return _page([{"id": page * 10 + i} for i in range(3)], None, None)

    with caplog.at_level(logging.WARNING, logger="socialecho_client"):
        items = list(Paginator(fetch, max_pages=4))
    assert len(items) == 12
    assert any("page cap" in r.getMessage() and "incomplete" in r.getMessage() for r in caplog.records)


def test_a_walk_that_ends_normally_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    pages = {1: [{"id": 1}, {"id": 2}], 2: [{"id": 3}]}
    with caplog.at_level(logging.WARNING, logger="socialecho_client"):
        items = list(Paginator(lambda p: _page(pages.get(p, []), 2, 3), max_pages=2))
    assert [a.id for a in items] == [1, 2, 3]
    assert not caplog.records


def _corrupt_gzip(request: httpx.Request) -> httpx.Response:
    # a stream, not content=: httpx would decode content= (and fail) inside the handler itself
    return httpx.Response(
        200, stream=httpx.ByteStream(b"not gzip at all"), headers={"content-encoding": "gzip"}
    )


async def test_an_undecodable_body_on_a_get_is_an_unexpected_response(kind: Kind, clock: FakeClock) -> None:
    client = make_client(kind, clock, transport=httpx.MockTransport(_corrupt_gzip))
    with pytest.raises(UnexpectedResponseError, match="cannot be decoded") as caught:
        await invoke(client, lambda c: c.team.get())
    await close(client)
    assert caught.value.http_status == 200
    assert clock.sleeps == []  # the server answered: nothing transient to retry


async def test_an_undecodable_body_on_a_publish_is_an_unknown_outcome(kind: Kind, clock: FakeClock) -> None:
    client = make_client(kind, clock, transport=httpx.MockTransport(_corrupt_gzip))
    with pytest.raises(PublishOutcomeUnknownError):
        await invoke(client, lambda c: c.publish.article(PAYLOAD))
    await close(client)


async def test_a_connection_error_names_the_server(kind: Kind, clock: FakeClock) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    client = make_client(
        kind, clock, transport=httpx.MockTransport(refused), base_url="http://[::1]:8123", max_retries=0
    )
    with pytest.raises(APIConnectionError, match=r"GET /v1/team failed \(\[::1\]:8123\): ConnectError"):
        await invoke(client, lambda c: c.team.get())
    await close(client)
