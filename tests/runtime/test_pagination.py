"""Pagination properties: whatever the server does, iter_all yields each item once, keeps the filters
and terminates. Runs through the whole client (sync and async, both wire formats)."""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from socialecho_client import AsyncSocialEcho, Paginator, SocialEcho
from socialecho_client._runtime._pagination import _SeenIds
from socialecho_client.models import AccountPage, SocialAccount

from .conftest import KEY, FakeClock, Kind, envelope, sent_json

Beyond = Literal["empty", "repeat_last", "ignore_page"]


@dataclass
class PagedServer:
    """A list endpoint that can lie about its total, misbehave past the end, or change mid-walk."""

    ids: list[int]
    per_page: int
    total_bias: int = 0
    beyond: Beyond = "empty"
    resize: tuple[int, int] | None = None  # (after serving this page, the collection has this many items)
    requests: list[dict[str, Any]] = field(default_factory=list)
    ever: set[int] = field(default_factory=set)
    initial: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.ever.update(self.ids)
        self.initial = tuple(self.ids)

    def fresh(self) -> PagedServer:
        """The same server before any request (an explicit example is shared by the parametrized runs)."""
        return PagedServer(list(self.initial), self.per_page, self.total_bias, self.beyond, self.resize)

    def handle(self, request: httpx.Request) -> httpx.Response:
        params = sent_json(request)
        if params is None:  # wire="query"
            params = {k.removesuffix("[]"): v for k, v in request.url.params.items()}
            params["account_ids"] = [int(v) for v in request.url.params.get_list("account_ids[]")]
            params["page"] = int(params["page"])
        self.requests.append(params)
        page = 1 if self.beyond == "ignore_page" else params["page"]
        chunk = self.ids[(page - 1) * self.per_page : page * self.per_page]
        if not chunk and self.beyond == "repeat_last" and self.ids:
            chunk = self.ids[-(len(self.ids) % self.per_page or self.per_page) :]
        data = {
            "page": page,
            "per_page": self.per_page,
            "total": len(self.ids) + self.total_bias,
            "list": [{"id": i, "content": f"post {i}"} for i in chunk],
        }
        if self.resize is not None and self.resize[0] == params["page"]:
            size = self.resize[1]
            fresh = range(max(self.ever, default=0) + 1, max(self.ever, default=0) + 1 + size)
            self.ids = self.ids[:size] + list(fresh)[: max(0, size - len(self.ids))]
            self.ever.update(self.ids)
        return httpx.Response(200, json=envelope(data))


@st.composite
def servers(draw: st.DrawFn) -> PagedServer:
    per_page = draw(st.integers(1, 25))
    count = per_page * draw(st.integers(0, 5)) if draw(st.booleans()) else draw(st.integers(0, 120))
    resize = draw(st.none() | st.tuples(st.integers(1, 6), st.integers(0, 150)))
    return PagedServer(
        ids=list(range(1, count + 1)),
        per_page=per_page,
        total_bias=draw(st.integers(0, 2 * per_page)),
        beyond=draw(st.sampled_from(["empty", "repeat_last", "ignore_page"])),
        resize=resize,
    )


def _walk(kind: Kind, server: PagedServer, wire: str) -> list[int]:
    options: dict[str, Any] = {
        "api_key": KEY,
        "transport": httpx.MockTransport(server.handle),
        "rate_limit": None,
        "clock": FakeClock(),
        "wire": wire,
    }
    if kind == "sync":
        with SocialEcho(**options) as client:
            return [post.id for post in client.articles.iter_all(account_ids=[3, 1])]

    async def collect() -> list[int]:
        options["transport"] = httpx.MockTransport(server.handle)
        async with AsyncSocialEcho(**options) as client:
            return [post.id async for post in client.articles.iter_all(account_ids=[3, 1])]

    return asyncio.run(collect())


@pytest.mark.parametrize("kind", ["sync", "async"])
@given(server=servers(), wire=st.sampled_from(["json-body", "query"]))
# Growth into a page already served (1 item, room for 2): the new item 2 cannot be seen, 3 must be.
@example(server=PagedServer(ids=[1], per_page=2, total_bias=1, resize=(1, 3)), wire="json-body")
def test_iter_all_yields_each_item_once_and_terminates(kind: Kind, server: PagedServer, wire: str) -> None:
    server = server.fresh()
    original = list(server.ids)
    yielded = _walk(kind, server, wire)

    assert len(yielded) == len(set(yielded)), "an item was yielded twice"
    assert set(yielded) <= server.ever
    largest = max(len(original), server.resize[1] if server.resize else 0) + server.total_bias
    assert len(server.requests) <= math.ceil(largest / server.per_page) + 2, "walked too far"
    assert [r["page"] for r in server.requests] == list(range(1, len(server.requests) + 1))
    assert all(r["account_ids"] == [3, 1] for r in server.requests), "a filter was lost"

    if server.beyond == "ignore_page":  # every page is page 1: one page, then a repeat ends the walk
        assert set(yielded) <= set(original[: server.per_page]) | set(server.ids[: server.per_page])
        assert server.resize is not None or yielded == original[: server.per_page]
    elif server.resize is None:
        assert yielded == original
    elif server.resize[1] >= len(original):  # grew at the end: everything present all along is there
        assert yielded[: len(original)] == original
        remaining = iter(server.ids)
        assert all(i in remaining for i in yielded), "items out of the server's order"
        # Items that landed on a page already served cannot be seen (offset pagination); every item
        # on a page after the growth is, once the walk went past it.
        grown_after = server.resize[0]
        if len(server.requests) > grown_after:
            assert set(server.ids[grown_after * server.per_page :]) <= set(yielded)
    else:  # shrank: every survivor is there, nothing invented
        assert set(server.ids) <= set(yielded) <= set(original)


def _page(ids: list[int], per_page: int, total: int) -> AccountPage:
    return AccountPage(page=0, per_page=per_page, total=total, list_=[SocialAccount(id=i) for i in ids])


@given(per_page=st.integers(1, 10), max_pages=st.integers(1, 20))
def test_hard_page_cap_stops_an_endless_server(per_page: int, max_pages: int) -> None:
    calls: list[int] = []

    def fetch(page: int) -> AccountPage:
        calls.append(page)
        start = page * per_page
        return _page(list(range(start, start + per_page)), per_page, total=10**12)

    items = list(Paginator(fetch, max_pages=max_pages))
    assert calls == list(range(1, max_pages + 1))
    assert len(items) == max_pages * per_page


@pytest.mark.parametrize(
    ("per_page", "total"), [(0, 10**6), (-3, 10**6), (None, None), ("20", "x"), (True, True)]
)
def test_garbage_paging_fields_still_terminate(per_page: Any, total: Any) -> None:
    pages = {1: [1, 2, 3], 2: [4, 5], 3: [4, 5], 4: [6]}

    def fetch(page: int) -> AccountPage:
        return _page(pages.get(page, []), per_page, total)

    assert [a.id for a in Paginator(fetch)] == [1, 2, 3, 4, 5]


async def test_async_iter_all_keeps_type_filter(clock: FakeClock) -> None:
    server = PagedServer(ids=list(range(1, 8)), per_page=3)
    seen: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(sent_json(request))
        return server.handle(
            httpx.Request("GET", request.url, json={**sent_json(request), "account_ids": []})
        )

    client = AsyncSocialEcho(KEY, transport=httpx.MockTransport(handler), clock=clock, rate_limit=None)
    ids = [a.id async for a in client.accounts.iter_all(type=2)]
    assert ids == list(range(1, 8))
    assert seen == [{"page": 1, "type": 2}, {"page": 2, "type": 2}, {"page": 3, "type": 2}]
    await client.close()


@given(
    values=st.lists(
        st.one_of(
            st.integers(-(2**63), 2**63 - 1),
            st.integers(-3, 3000),
            st.sampled_from([-(2**63), 2**63, 2**70, True]),
            st.text(max_size=3),
        ),
        max_size=3000,
    )
)
@example(values=[1, True, 0, False, -(2**63), 2**63, "a"])
@example(values=list(range(0, 5000, 1024)) + list(range(0, 5000, 1024)))
def test_seen_ids_behaves_like_a_set(values: list[Any]) -> None:
    seen, reference = _SeenIds(bits=2), set()
    for value in values:
        assert seen.add(value) is (value not in reference)
        reference.add(value)
    assert all(not seen.add(value) for value in reference)
