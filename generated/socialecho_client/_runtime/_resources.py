"""The resources of the API (``client.team``, ``client.accounts``, ...), sync and async.

Each method checks its input (:mod:`._params`, :mod:`._validation`), builds the generated request
model, and hands the generated module's request builder to the client core. Sync and async classes
differ only in ``await``; everything they decide is in the shared helpers of this module.
"""

from __future__ import annotations

import asyncio
import mimetypes
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, overload

import httpx

from ..api.accounts import list_accounts
from ..api.articles import list_articles
from ..api.pinterest import list_pinterest_boards
from ..api.publish import publish_article
from ..api.reddit import list_reddit_communities
from ..api.reports import get_report
from ..api.team import get_team
from ..api.uploads import get_upload_url
from ..models import (
    AccountListResponse,
    Article,
    ArticleListResponse,
    GetTeamBody,
    GetUploadUrlBody,
    ListPinterestBoardsBody,
    ListRedditCommunitiesBody,
    PinterestBoardsResponse,
    PublishArticleRequest,
    PublishResponse,
    RedditCommunitiesResponse,
    ReportResponse,
    SocialAccount,
    TeamResponse,
    UploadTicket,
    UploadTicketResponse,
)
from ..models.account_page import AccountPage
from ..models.article_page import ArticlePage
from ..models.get_upload_url_body_content_type import check_get_upload_url_body_content_type
from ..types import UNSET
from . import _params
from ._exceptions import UnexpectedResponseError, ValidationError
from ._pagination import AsyncPaginator, Paginator
from ._platforms import UPLOAD_MAX_BYTES
from ._response import PreparedRequest
from ._settings import is_loopback
from ._validation import (
    looks_presigned,
    validate_publish_payload,
    validate_upload_content_type,
    validate_upload_title,
)

if TYPE_CHECKING:
    from ._client import AsyncSocialEcho, SocialEcho

__all__ = [
    "Accounts",
    "Articles",
    "AsyncAccounts",
    "AsyncArticles",
    "AsyncPinterest",
    "AsyncPublish",
    "AsyncReddit",
    "AsyncReports",
    "AsyncTeam",
    "AsyncUploads",
    "Pinterest",
    "Publish",
    "Reddit",
    "Reports",
    "Team",
    "Uploads",
]

CHUNK_SIZE: Final = 1 << 20
# Allowlisted spellings the mimetypes table does not produce (it says video/x-msvideo, ...).
_SUFFIX_TYPES: Final = {
    ".avi": "video/avi",
    ".wmv": "video/wmv",
    ".flv": "video/flv",
    ".mkv": "video/mkv",
    ".3gp": "video/3gp",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
}


# --------------------------------------------------------------------------- shared helpers


def upload_body(content_type: str, title: str | None) -> GetUploadUrlBody:
    checked = validate_upload_content_type(content_type)
    try:
        literal = check_get_upload_url_body_content_type(checked)
    except TypeError:
        raise ValidationError("content_type", f"{checked!r} is not accepted by this client's spec") from None
    checked_title = validate_upload_title(title)
    return GetUploadUrlBody(content_type=literal, title=UNSET if checked_title is None else checked_title)


def upload_file_facts(path: str | PathLike[str], content_type: str | None) -> tuple[Path, str, int]:
    """The file, its checked content type (guessed from the suffix when not given) and its size.

    The file must be a regular, readable, non-empty file: this is checked before any request.
    """
    if not isinstance(path, str | PathLike):
        raise ValidationError("path", f"must be a str or os.PathLike path, got {type(path).__name__}")
    try:
        file = Path(path)
    except TypeError:  # a PathLike whose __fspath__ returns bytes
        raise ValidationError("path", "must be a str path (os.fspath gave bytes)") from None
    name = file.name
    try:
        is_file = file.is_file()
        if is_file:
            size = file.stat().st_size
            with file.open("rb"):  # readable by this process (permissions, locks)
                pass
    except (OSError, ValueError) as exc:  # name too long, embedded NUL, permission denied ...
        raise ValidationError("path", f"{name!r} cannot be read: {type(exc).__name__}") from None
    if not is_file:
        raise ValidationError("path", f"{name!r} is not a readable file")
    if size == 0:
        raise ValidationError("path", f"{name!r} is empty; there is nothing to upload")
    if content_type is None:
        content_type = _SUFFIX_TYPES.get(file.suffix.lower()) or mimetypes.guess_type(name)[0]
        if content_type is None:
            raise ValidationError(
                "content_type", f"cannot tell the type of {name!r} from its suffix; pass content_type"
            )
    checked = validate_upload_content_type(content_type)
    kind = checked.partition("/")[0]
    ceiling = UPLOAD_MAX_BYTES.get(kind)
    if ceiling is not None and size > ceiling:
        raise ValidationError(
            "path",
            f"{name!r} is {size / 2**20:,.0f} MiB; no platform takes {'an' if kind == 'image' else 'a'} "
            f"{kind} over {ceiling // 2**20:,} MiB",
        )
    return file, checked, size


_UPLOAD_METHODS: Final = frozenset({"PUT", "POST"})


def _absolute_url(value: object) -> httpx.URL | None:
    """``value`` as an absolute http(s) URL, or None."""
    if not isinstance(value, str):
        return None
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError, TypeError):
        return None
    return url if url.scheme in ("http", "https") and url.host else None


def upload_request(
    ticket: UploadTicket, content_type: str, size: int, content: Any, timeout: httpx.Timeout
) -> httpx.Request:
    """The upload of the bytes to the pre-signed URL: its method, the same Content-Type, no Authorization.

    Raises :class:`UnexpectedResponseError` (before sending anything) when the ticket's upload URL,
    method or public URL is unusable.
    """
    method = ticket.method.upper() if isinstance(ticket.method, str) and ticket.method else "PUT"
    url = _absolute_url(ticket.upload_url)
    problem = None
    if url is None:
        problem = "its upload_url is not an absolute http(s) URL"
    elif url.scheme != "https" and not is_loopback(url.host):
        problem = "its upload_url is plain http:// (the file would travel unencrypted)"
    elif method not in _UPLOAD_METHODS:
        problem = f"its method {_short(method)} is not one of PUT, POST"
    elif _absolute_url(ticket.public_url) is None:
        problem = "its public_url is not an absolute http(s) URL"
    elif looks_presigned(str(ticket.public_url)):
        problem = "its public_url is an expiring pre-signed URL, which a post cannot use"
    if problem is not None or url is None:
        raise UnexpectedResponseError(
            f"the upload ticket cannot be used: {problem}; nothing was uploaded",
            http_status=200,
            content_type=None,
            snippet="",
            method="GET",
            endpoint="/v1/upload/url",
        )
    return httpx.Request(
        method,
        url,
        headers={"Content-Type": content_type, "Content-Length": str(size)},
        content=content,
        extensions={"timeout": timeout.as_dict()},
    )


def _short(value: str) -> str:
    return repr(value if len(value) <= 20 else value[:20] + "…")


def _chunks(file: Path) -> Iterator[bytes]:
    with file.open("rb") as stream:
        while chunk := stream.read(CHUNK_SIZE):
            yield chunk


async def _async_chunks(file: Path) -> AsyncIterator[bytes]:
    with file.open("rb") as stream:
        while chunk := await asyncio.to_thread(stream.read, CHUNK_SIZE):
            yield chunk


def publish_body(payload: Mapping[str, Any], platform: str | None, dry_run: object) -> PublishArticleRequest:
    if not isinstance(dry_run, bool):  # a typo'd flag must neither publish nor silently dry-run
        raise ValidationError("dry_run", f"must be True or False, got {type(dry_run).__name__}")
    clean = validate_publish_payload(payload, platform=platform)
    try:
        return PublishArticleRequest.from_dict(clean)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError("payload", f"does not fit the publish request model: {exc}") from None


_AccountBody = TypeVar("_AccountBody", ListRedditCommunitiesBody, ListPinterestBoardsBody)


def _account_body(model: type[_AccountBody], account_id: int) -> _AccountBody:
    return model(account_id=_params.positive_id("account_id", account_id))


# --------------------------------------------------------------------------- sync


class _Resource:
    def __init__(self, client: SocialEcho) -> None:
        self._client = client


class Team(_Resource):
    def get(self) -> TeamResponse:
        """The team of the API key (call it first: it checks the key and the team context)."""
        return self._client._request(get_team._get_kwargs, GetTeamBody(), TeamResponse)


class Accounts(_Resource):
    def list(self, page: int | None = None, type: int | None = None) -> AccountListResponse:
        """One page of social accounts; ``type`` 1 = authorized, 2 = competitor."""
        body = _params.accounts_body(page, type)
        return self._client._request(list_accounts._get_kwargs, body, AccountListResponse)

    def iter_all(self, type: int | None = None) -> Paginator[SocialAccount]:
        """Every account, page after page (``for account in client.accounts.iter_all(): ...``)."""
        _params.accounts_body(None, type)

        def fetch(page: int) -> AccountPage:
            return self.list(page=page, type=type).data

        return Paginator(fetch)


class Articles(_Resource):
    def list(self, page: int | None = None, account_ids: Iterable[int] | None = None) -> ArticleListResponse:
        """One page of posts, optionally of some accounts only."""
        body = _params.articles_body(page, account_ids)
        return self._client._request(list_articles._get_kwargs, body, ArticleListResponse)

    def iter_all(self, account_ids: Iterable[int] | None = None) -> Paginator[Article]:
        """Every post, page after page, with the same filter on each page."""
        ids = _params.account_ids(account_ids) or None

        def fetch(page: int) -> ArticlePage:
            return self.list(page=page, account_ids=ids).data

        return Paginator(fetch)


class Reports(_Resource):
    def get(
        self,
        start_date: date | str,
        end_date: date | str,
        time_type: int,
        account_ids: Iterable[int] | None = None,
        group: str | None = None,
    ) -> ReportResponse:
        """Totals (``group`` None) or rows grouped by ``day``/``app``/``account`` over a date range."""
        body = _params.report_body(start_date, end_date, time_type, account_ids, group)
        return self._client._request(get_report._get_kwargs, body, ReportResponse)


class Uploads(_Resource):
    def get_url(self, content_type: str, title: str | None = None) -> UploadTicketResponse:
        """A short-lived pre-signed upload URL for a file of this MIME type."""
        body = upload_body(content_type, title)
        return self._client._request(get_upload_url._get_kwargs, body, UploadTicketResponse)

    def upload_file(
        self, path: str | PathLike[str], content_type: str | None = None, *, title: str | None = None
    ) -> str:
        """Upload a local file; return its public URL (for ``attachments[].url``)."""
        file, checked, size = upload_file_facts(path, content_type)
        ticket = self.get_url(checked, title).data
        request = upload_request(ticket, checked, size, _chunks(file), self._client._settings.timeout)
        self._client._upload(request)
        return ticket.public_url


class Reddit(_Resource):
    def communities(self, account_id: int) -> RedditCommunitiesResponse:
        body = _account_body(ListRedditCommunitiesBody, account_id)
        return self._client._request(list_reddit_communities._get_kwargs, body, RedditCommunitiesResponse)


class Pinterest(_Resource):
    def boards(self, account_id: int) -> PinterestBoardsResponse:
        body = _account_body(ListPinterestBoardsBody, account_id)
        return self._client._request(list_pinterest_boards._get_kwargs, body, PinterestBoardsResponse)


class Publish(_Resource):
    @overload
    def article(
        self, payload: Mapping[str, Any], dry_run: Literal[False] = False, platform: str | None = None
    ) -> PublishResponse: ...
    @overload
    def article(
        self, payload: Mapping[str, Any], dry_run: Literal[True], platform: str | None = None
    ) -> PreparedRequest: ...
    @overload
    def article(
        self, payload: Mapping[str, Any], dry_run: bool, platform: str | None = None
    ) -> PublishResponse | PreparedRequest: ...
    def article(
        self, payload: Mapping[str, Any], dry_run: bool = False, platform: str | None = None
    ) -> PublishResponse | PreparedRequest:
        """Publish (or schedule, or save as draft) a post; never re-sent once it may have arrived.

        ``dry_run=True`` validates and returns the exact request, with the key masked, sending nothing.
        """
        body = publish_body(payload, platform, dry_run)
        if dry_run:
            return self._client._prepare(publish_article._get_kwargs, body)
        return self._client._request(publish_article._get_kwargs, body, PublishResponse)


# --------------------------------------------------------------------------- async


class _AsyncResource:
    def __init__(self, client: AsyncSocialEcho) -> None:
        self._client = client


class AsyncTeam(_AsyncResource):
    async def get(self) -> TeamResponse:
        return await self._client._request(get_team._get_kwargs, GetTeamBody(), TeamResponse)


class AsyncAccounts(_AsyncResource):
    async def list(self, page: int | None = None, type: int | None = None) -> AccountListResponse:
        body = _params.accounts_body(page, type)
        return await self._client._request(list_accounts._get_kwargs, body, AccountListResponse)

    def iter_all(self, type: int | None = None) -> AsyncPaginator[SocialAccount]:
        _params.accounts_body(None, type)

        async def fetch(page: int) -> AccountPage:
            return (await self.list(page=page, type=type)).data

        return AsyncPaginator(fetch)


class AsyncArticles(_AsyncResource):
    async def list(
        self, page: int | None = None, account_ids: Iterable[int] | None = None
    ) -> ArticleListResponse:
        body = _params.articles_body(page, account_ids)
        return await self._client._request(list_articles._get_kwargs, body, ArticleListResponse)

    def iter_all(self, account_ids: Iterable[int] | None = None) -> AsyncPaginator[Article]:
        ids = _params.account_ids(account_ids) or None

        async def fetch(page: int) -> ArticlePage:
            return (await self.list(page=page, account_ids=ids)).data

        return AsyncPaginator(fetch)


class AsyncReports(_AsyncResource):
    async def get(
        self,
        start_date: date | str,
        end_date: date | str,
        time_type: int,
        account_ids: Iterable[int] | None = None,
        group: str | None = None,
    ) -> ReportResponse:
        body = _params.report_body(start_date, end_date, time_type, account_ids, group)
        return await self._client._request(get_report._get_kwargs, body, ReportResponse)


class AsyncUploads(_AsyncResource):
    async def get_url(self, content_type: str, title: str | None = None) -> UploadTicketResponse:
        body = upload_body(content_type, title)
        return await self._client._request(get_upload_url._get_kwargs, body, UploadTicketResponse)

    async def upload_file(
        self, path: str | PathLike[str], content_type: str | None = None, *, title: str | None = None
    ) -> str:
        file, checked, size = upload_file_facts(path, content_type)
        ticket = (await self.get_url(checked, title)).data
        request = upload_request(ticket, checked, size, _async_chunks(file), self._client._settings.timeout)
        await self._client._upload(request)
        return ticket.public_url


class AsyncReddit(_AsyncResource):
    async def communities(self, account_id: int) -> RedditCommunitiesResponse:
        body = _account_body(ListRedditCommunitiesBody, account_id)
        return await self._client._request(
            list_reddit_communities._get_kwargs, body, RedditCommunitiesResponse
        )


class AsyncPinterest(_AsyncResource):
    async def boards(self, account_id: int) -> PinterestBoardsResponse:
        body = _account_body(ListPinterestBoardsBody, account_id)
        return await self._client._request(list_pinterest_boards._get_kwargs, body, PinterestBoardsResponse)


class AsyncPublish(_AsyncResource):
    @overload
    async def article(
        self, payload: Mapping[str, Any], dry_run: Literal[False] = False, platform: str | None = None
    ) -> PublishResponse: ...
    @overload
    async def article(
        self, payload: Mapping[str, Any], dry_run: Literal[True], platform: str | None = None
    ) -> PreparedRequest: ...
    @overload
    async def article(
        self, payload: Mapping[str, Any], dry_run: bool, platform: str | None = None
    ) -> PublishResponse | PreparedRequest: ...
    async def article(
        self, payload: Mapping[str, Any], dry_run: bool = False, platform: str | None = None
    ) -> PublishResponse | PreparedRequest:
        body = publish_body(payload, platform, dry_run)
        if dry_run:
            return self._client._prepare(publish_article._get_kwargs, body)
        return await self._client._request(publish_article._get_kwargs, body, PublishResponse)
