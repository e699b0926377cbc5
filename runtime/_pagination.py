"""Auto-pagination: one iterator type (sync and async) over any list operation.

``Paginator(fetch)`` calls ``fetch(page)`` for pages 1, 2, ... and yields the items of each page's
``list_`` (``.pages()`` yields each :class:`Page` instead, for progress reports). Every item is yielded
once (deduplicated by ``id``) and the walk always ends. It stops after a page that

- is empty, or brings no item not seen before (a server repeating a page, or ignoring ``page``);
- brings the count of items yielded to the reported ``total`` (read afresh each page, so a total that
  shrinks or grows mid-walk is followed; a ``total`` that is not an integer >= 0 is ignored);
- is short: fewer items than the page size, which is ``per_page`` or, where every page so far was
  shorter (a server that says 20 and sends 10) or ``per_page`` is not a positive integer, the longest page
  seen. With a usable total, a short page ends the walk only if ``page * size >= total``;
- is number ``max_pages`` (a hard cap, default 10,000).

A walk that ends short of the reported total (at the cap, or on a page with nothing new) logs a warning on
the ``socialecho_client`` logger: its result may be incomplete.

An item is identified by its ``id``; an item without one (``id`` null or absent) by its whole content, so
distinct items without ids are all yielded and only an exact repeat is dropped. Filters live in ``fetch``
(a closure over the list call), so they are kept across pages. The walk holds the ids seen (16 bytes or
less per integer id), never the items.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from ._logging import logger

__all__ = ["DEFAULT_MAX_PAGES", "AsyncPaginator", "Page", "PageData", "Paginator"]

DEFAULT_MAX_PAGES = 10_000


class _Item(Protocol):
    @property
    def id(self) -> object: ...

    def to_dict(self) -> dict[str, Any]: ...


T = TypeVar("T", bound=_Item)
T_co = TypeVar("T_co", covariant=True)


class PageData(Protocol[T_co]):
    """The ``data`` of a list response (``AccountPage``, ``ArticlePage``)."""

    @property
    def per_page(self) -> object: ...

    @property
    def total(self) -> object: ...

    @property
    def list_(self) -> Sequence[T_co]: ...


class _SeenIds:
    """An exact set of the ids seen, compact enough for long walks.

    Integer ids (the API's) go into an open-addressing hash table of machine integers (8 bytes a slot,
    at most half full, no Python objects kept); any other id goes into a plain set.
    """

    _EMPTY = -(2**63)  # marks a free slot; this one value is kept in the plain set instead
    _MULTIPLIER = 0x9E3779B97F4A7C15  # Fibonacci hashing: spreads runs and strides of ids

    def __init__(self, bits: int = 10) -> None:
        self._bits = bits
        self._table = array("q", [self._EMPTY]) * (1 << bits)
        self._count = 0
        self._others: set[object] = set()

    def _slot(self, value: int) -> int:
        return ((value * self._MULTIPLIER) & 0xFFFFFFFFFFFFFFFF) >> (64 - self._bits)

    def add(self, value: object) -> bool:
        """Add ``value``; True if it was not there yet. Ids of any JSON type are accepted."""
        if isinstance(value, float):
            if value.is_integer():
                value = int(value)  # 7.0 is the id 7, as in a set
            elif not math.isfinite(value):
                value = ("<float>", repr(value))  # every NaN is the same id (NaN != NaN in a set)
        try:
            hash(value)
        except TypeError:
            value = _frozen(value)
        if not isinstance(value, int) or not self._EMPTY < value < 2**63:
            new = value not in self._others
            self._others.add(value)
            return new
        value = int(value)  # a bool is the int it equals, as in a set
        table, mask = self._table, (1 << self._bits) - 1
        slot = self._slot(value)
        while (held := table[slot]) != self._EMPTY:
            if held == value:
                return False
            slot = (slot + 1) & mask
        table[slot] = value
        self._count += 1
        if self._count * 2 > len(table):
            self._grow()
        return True

    def _grow(self) -> None:
        old = self._table
        self._bits += 1
        self._table = array("q", [self._EMPTY]) * (1 << self._bits)
        self._count = 0
        for value in old:
            if value != self._EMPTY:
                self.add(value)


def _frozen(value: object) -> Hashable:
    """A hashable stand-in for an id that is a JSON array or object (a server that sends one)."""
    try:
        return ("<json>", json.dumps(value, sort_keys=True, default=repr))
    except (TypeError, ValueError, RecursionError):
        return ("<repr>", repr(value))


def _count(value: object, *, positive: bool = False) -> int | None:
    """A paging count the server sent, or None if it is not a usable one (not an int, negative, ...)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= (1 if positive else 0):
        return value
    return None


@dataclass(frozen=True, slots=True)
class Page(Generic[T_co]):
    """One page of a walk (``paginator.pages()``): for progress reports and per-page work.

    ``items`` are the page's items not yielded before (what iterating the paginator yields for this
    page); ``total`` is the total the server reported, when it is a usable count; ``last`` is True on
    the page that ends the walk.
    """

    number: int
    items: list[T_co]
    total: int | None
    last: bool


class _Walk(Generic[T]):
    """The pagination state machine (shared by the sync and async iterators)."""

    def __init__(self, max_pages: int) -> None:
        self.next_page: int | None = 1
        self._max_pages = max_pages
        self._seen = _SeenIds()
        self._longest = 0
        self._yielded = 0

    def _is_new(self, item: T) -> bool:
        ident = item.id
        if ident is None:  # no id: the item is its own identity (distinct items are all kept)
            ident = ("<no id>", _frozen(item.to_dict()))
        return self._seen.add(ident)

    def take(self, data: PageData[T]) -> Page[T]:
        page = self.next_page or 1
        items = data.list_
        fresh = [item for item in items if self._is_new(item)]
        self._yielded += len(fresh)
        self._longest = max(self._longest, len(items))
        # The page size: the server's per_page, unless its pages are longer or it has none usable (the
        # longest page then), or every page so far was shorter (a server that says 20 and sends 10).
        per_page = _count(data.per_page, positive=True)
        size = min(per_page, self._longest) if per_page is not None else self._longest
        total = _count(data.total)
        short = len(items) < size
        # With a total, a short page ends the walk only where the server's own arithmetic says it is last.
        complete = short if total is None else self._yielded >= total or (short and page * size >= total)
        ended = not fresh or complete
        last = ended or page >= self._max_pages
        if not fresh and total is not None and self._yielded < total:
            logger.warning(
                "pagination ended at page %d with %d of the %d items the server reported: the page brought "
                "no new item (a server repeating a page or ignoring 'page'); the walk may be incomplete",
                page,
                self._yielded,
                total,
            )
        elif not ended and last:
            logger.warning(
                "pagination stopped at the page cap (%d pages, %d items) although more seem to remain "
                "(total %s); the walk is incomplete",
                page,
                self._yielded,
                total if total is not None else "unknown",
            )
        self.next_page = None if last else page + 1
        return Page(page, fresh, total, last)


class Paginator(Generic[T]):
    """Iterate every item of a list operation, page after page (see the module docstring).

    ``for item in paginator`` yields the items; ``for page in paginator.pages()`` yields each
    :class:`Page` instead (the same items, grouped, with the page number and the reported total).
    """

    def __init__(self, fetch: Callable[[int], PageData[T]], *, max_pages: int = DEFAULT_MAX_PAGES) -> None:
        self._fetch = fetch
        self._max_pages = max_pages

    def pages(self) -> Iterator[Page[T]]:
        walk: _Walk[T] = _Walk(self._max_pages)
        while walk.next_page is not None:
            yield walk.take(self._fetch(walk.next_page))

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items


class AsyncPaginator(Generic[T]):
    """The async twin of :class:`Paginator`: ``async for item in client.accounts.iter_all(): ...``,
    ``async for page in client.accounts.iter_all().pages(): ...``."""

    def __init__(
        self, fetch: Callable[[int], Awaitable[PageData[T]]], *, max_pages: int = DEFAULT_MAX_PAGES
    ) -> None:
        self._fetch = fetch
        self._max_pages = max_pages

    async def pages(self) -> AsyncIterator[Page[T]]:
        walk: _Walk[T] = _Walk(self._max_pages)
        while walk.next_page is not None:
            yield walk.take(await self._fetch(walk.next_page))

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item
