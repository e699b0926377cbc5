"""The clients: :class:`SocialEcho` (sync) and :class:`AsyncSocialEcho` (async).

::

    with SocialEcho() as client:                     # key from SOCIALECHO_API_KEY
        team = client.team.get()
        for account in client.accounts.iter_all(type=1):
            ...
        for page in client.articles.iter_all().pages():   # per page: progress bars
            print(page.number, page.total, len(page.items))
    async with AsyncSocialEcho() as client:
        async for post in client.articles.iter_all(account_ids=[1, 2]):
            ...

Every call goes through one core: the generated module's request builder makes the request,
the client's ``httpx.Client`` sends it through :class:`PolicyTransport` (wire, limiter, retries,
envelope, logging; see :mod:`._transport`), and the body is parsed into the generated model.

Per-call options: ``client.with_options(max_retries=0, timeout=5, deadline=10).team.get()`` returns a
client sharing the connection pool and the rate limiter, with other settings.

Raw access: ``client.with_raw_response(method)`` wraps any method of the client into one returning a
:class:`RawResponse` -- HTTP status, headers (``request_id``, ``rate_limit``) and ``parsed`` (the
method's own result)::

    raw = client.with_raw_response(client.accounts.list)(page=2)
    raw.http_status, raw.request_id, raw.rate_limit, raw.parsed.data.total
    raw = await aclient.with_raw_response(aclient.team.get)()

Dry run: ``client.publish.article(payload, dry_run=True)`` returns the :class:`PreparedRequest` that
would be sent (method, URL, headers with the key masked, body) and sends nothing.

Test doubles: pass ``transport=httpx.MockTransport(handler)`` (or ``http_client=`` your own httpx client);
the policy layers still apply. ``clock=`` and ``rng=`` make waiting and jitter deterministic.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from importlib import metadata
from types import TracebackType
from typing import Any, ParamSpec, Protocol, Self, TypeVar

import attrs
import httpx

from ..types import UNSET
from ._clock import Clock
from ._envelope import NOT_JSON, decode_json, request_id_of, snippet
from ._exceptions import ConfigurationError, SocialEchoError, UnexpectedResponseError
from ._logging import configure_from_env, redact, register_secret
from ._resources import (
    Accounts,
    Articles,
    AsyncAccounts,
    AsyncArticles,
    AsyncPinterest,
    AsyncPublish,
    AsyncReddit,
    AsyncReports,
    AsyncTeam,
    AsyncUploads,
    Pinterest,
    Publish,
    Reddit,
    Reports,
    Team,
    Uploads,
)
from ._response import PreparedRequest, RawResponse
from ._settings import NOT_GIVEN, NotGiven, Settings, resolve_settings
from ._spec import operation_for
from ._transport import (
    BODY_EXTENSION,
    AsyncClientTransport,
    AsyncPolicyTransport,
    ClientTransport,
    PolicyTransport,
    default_transport,
    endpoint_of,
    prepare,
    unknown_outcome,
    upload_result,
)

__all__ = ["AsyncSocialEcho", "SocialEcho"]

P = ParamSpec("P")
R = TypeVar("R")
_Builder = Callable[..., dict[str, Any]]


class _Model(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


M = TypeVar("M", bound=_Model)

_CAPTURE: ContextVar[list[RawResponse[Any]] | None] = ContextVar("socialecho_raw_capture", default=None)


class _NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing the server sets.

    The API authenticates with the bearer key and uses no cookies, and httpx's extraction of a
    response's cookies (urllib and email compatibility objects built for every response) costs about
    18 us a call, more than the client's whole policy layer. An ``http_client=`` of yours keeps its own jar.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class _Cookieless:
    """Mixin for the client's own httpx clients: a :class:`_NoCookies` jar in place of httpx's."""

    @property
    def cookies(self) -> httpx.Cookies:
        jar = self.__dict__.get("_no_cookies")
        if jar is None:
            jar = self.__dict__["_no_cookies"] = _NoCookies()
        return jar

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        raise AttributeError("the SocialEcho client keeps no cookies")


class _ApiHttp(_Cookieless, httpx.Client):
    """The client's own ``httpx.Client``."""


class _AsyncApiHttp(_Cookieless, httpx.AsyncClient):
    """The async client's own ``httpx.AsyncClient``."""


def _user_agent() -> str:
    try:
        return f"socialecho-client/{metadata.version('socialecho-client')}"
    except metadata.PackageNotFoundError:
        return "socialecho-client"


_USER_AGENT = _user_agent()


@functools.cache
def _data_is_optional(model: type[Any]) -> bool:
    """Whether the envelope model's ``data`` may be left out (publish: the result is not guaranteed)."""
    field = attrs.fields_dict(model).get("data") if attrs.has(model) else None
    return field is not None and field.default is UNSET


def _parse(response: httpx.Response, model: type[M], base_path: str) -> M:
    """The generated model of a success envelope (the transport already checked the envelope)."""
    body = response.extensions.get(BODY_EXTENSION, NOT_JSON)
    if body is NOT_JSON:
        body = decode_json(response.content)
    if isinstance(body, dict) and "data" in body and body["data"] is None and _data_is_optional(model):
        body = {key: value for key, value in body.items() if key != "data"}  # null: no data, as if absent
    try:
        parsed = model.from_dict(body)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        request = response.request
        endpoint = endpoint_of(request, base_path)
        op = operation_for(request.method, endpoint)
        if not op.resend_safe:  # the server said success: the post most likely went out
            raise unknown_outcome(
                op, endpoint, f"a success code with a body that does not match {model.__name__}"
            ) from None
        raise UnexpectedResponseError(
            f"the response does not match the {model.__name__} schema "
            f"({type(exc).__name__}: {redact(str(exc))})",
            http_status=response.status_code,
            content_type=response.headers.get("content-type"),
            snippet=snippet(response.content),
            request_id=request_id_of(response.headers, body),
            method=request.method,
            endpoint=request.url.path,
        ) from None
    box = _CAPTURE.get()
    if box is not None:
        box.append(
            RawResponse(response.status_code, response.headers, request_id_of(response.headers, body), parsed)
        )
    return parsed


def _raw_result(box: list[RawResponse[Any]], result: R) -> RawResponse[R]:
    if not box:
        raise SocialEchoError(
            "this call sent no API request, so there is no raw response (a dry run or iter_all?)"
        )
    last = box[-1]
    return RawResponse(last.http_status, last.headers, last.request_id, result)


_Tr = TypeVar("_Tr", httpx.BaseTransport, httpx.AsyncBaseTransport)
_HttpClient = TypeVar("_HttpClient", httpx.Client, httpx.AsyncClient)


def _pick_inner(
    transport: _Tr | None,
    http_client: _HttpClient | None,
    adapter: Callable[[_HttpClient], _Tr],
    base_url: str,
    default: Callable[..., _Tr],
    kinds: tuple[type[_Tr], type[_HttpClient]],
) -> _Tr:
    """The bottom transport: yours, one sending through your httpx client, or a new HTTP transport."""
    if transport is not None and http_client is not None:
        raise ConfigurationError("pass transport or http_client, not both")
    transport_kind, client_kind = kinds
    if transport is not None:
        if not isinstance(transport, transport_kind):
            raise ConfigurationError(
                f"transport must be an {transport_kind.__module__}.{transport_kind.__name__}, "
                f"got {type(transport).__name__}"
            )
        return transport
    if http_client is not None:
        if not isinstance(http_client, client_kind):
            raise ConfigurationError(
                f"http_client must be an {client_kind.__module__}.{client_kind.__name__}, "
                f"got {type(http_client).__name__}"
            )
        return adapter(http_client)
    return default_transport(base_url, default)


class _Base:
    """What both clients share: settings, repr, per-call options, dry runs."""

    _settings: Settings
    _transport: PolicyTransport | AsyncPolicyTransport
    _http: httpx.Client | httpx.AsyncClient
    _owner: httpx.Client | httpx.AsyncClient  # the client that owns the connections (with_options shares)

    def _setup(self, settings: Settings, inner: Any, *, owns_inner: bool) -> None:
        raise NotImplementedError

    def _init_common(self, settings: Settings) -> None:
        configure_from_env()
        register_secret(settings.api_key)
        self._settings = settings
        self._policy = settings.policy()
        self._header_args = settings.header_args()

    def _http_args(self) -> dict[str, Any]:
        s = self._settings
        return {
            "base_url": s.base_url,
            "headers": {"Authorization": f"Bearer {s.api_key}", "User-Agent": _USER_AGENT},
            "timeout": s.timeout,
            # Env proxies would be mounted around our transport; the inner transport honours them.
            "trust_env": False,
        }

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retry_after: float | NotGiven = NOT_GIVEN,
        lang: str | NotGiven | None = NOT_GIVEN,
        team_id: int | NotGiven | None = NOT_GIVEN,
        wire: str | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """A client with some settings changed, sharing this one's connections and rate limiter."""
        self._check_open()
        settings = self._settings.replace(
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            max_retry_after=max_retry_after,
            lang=lang,
            team_id=team_id,
            wire=wire,
        )
        copy = object.__new__(type(self))
        copy._setup(settings, self._transport.inner, owns_inner=False)
        copy._owner = self._owner  # closing the client that owns the connections closes the copies too
        return copy

    def _kwargs(self, build: _Builder, body: Any) -> dict[str, Any]:
        """The generated builder's request arguments, with our X-Lang/X-Team-Id."""
        kwargs = build(body=body, **self._header_args)
        headers = kwargs.get("headers")
        if "json" in kwargs and headers and headers.get("Content-Type") == "application/json":
            del headers["Content-Type"]  # httpx sets this very header for a json= body
            if not headers:
                del kwargs["headers"]  # no per-request headers: httpx skips a merge
        return kwargs

    def _check_open(self) -> None:
        if self._http.is_closed or self._owner.is_closed:
            raise SocialEchoError(f"this {type(self).__name__} client is closed; create a new one")

    def _prepare(self, build: _Builder, body: Any) -> PreparedRequest:
        request = self._http.build_request(**self._kwargs(build, body))
        return PreparedRequest.of(prepare(self._policy, request))

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def settings(self) -> Settings:
        """The resolved settings (the key is left out of their repr)."""
        return self._settings

    def __repr__(self) -> str:
        s = self._settings
        return (
            f"{type(self).__name__}(base_url={s.base_url!r}, lang={s.lang!r}, team_id={s.team_id!r}, "
            f"wire={s.wire or 'per spec'!r}, rate_limit={s.rate_limit!r}, max_retries={s.max_retries!r})"
        )


class SocialEcho(_Base):
    """Synchronous SocialEcho client. Safe to share between threads."""

    _http: httpx.Client
    _transport: PolicyTransport
    team: Team
    accounts: Accounts
    articles: Articles
    reports: Reports
    uploads: Uploads
    reddit: Reddit
    pinterest: Pinterest
    publish: Publish

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        lang: str | None = None,
        team_id: int | None = None,
        timeout: float | httpx.Timeout | None = 30.0,
        max_retries: int = 3,
        rate_limit: int | None = 120,
        wire: str | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retry_after: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
        clock: Clock | None = None,
        rng: Callable[[], float] | None = None,
    ) -> None:
        settings = resolve_settings(
            api_key=api_key,
            base_url=base_url,
            lang=lang,
            team_id=team_id,
            timeout=timeout,
            max_retries=max_retries,
            rate_limit=rate_limit,
            wire=wire,
            deadline=deadline,
            max_retry_after=max_retry_after,
            clock=clock,
            rng=rng,
        )
        inner = _pick_inner(
            transport,
            http_client,
            ClientTransport,
            settings.base_url,
            httpx.HTTPTransport,
            (httpx.BaseTransport, httpx.Client),
        )
        self._setup(settings, inner, owns_inner=http_client is None)

    def _setup(self, settings: Settings, inner: httpx.BaseTransport, *, owns_inner: bool) -> None:
        self._init_common(settings)
        self._transport = PolicyTransport(inner, self._policy, owns_inner=owns_inner)
        self._http = _ApiHttp(transport=self._transport, **self._http_args())
        self._owner = self._http
        self.team, self.accounts, self.articles = Team(self), Accounts(self), Articles(self)
        self.reports, self.uploads, self.reddit = Reports(self), Uploads(self), Reddit(self)
        self.pinterest, self.publish = Pinterest(self), Publish(self)

    def with_raw_response(self, method: Callable[P, R]) -> Callable[P, RawResponse[R]]:
        """Wrap a method of this client so it returns a :class:`RawResponse` (see the module docstring)."""

        def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
            box: list[RawResponse[Any]] = []
            token = _CAPTURE.set(box)
            try:
                result = method(*args, **kwargs)
            finally:
                _CAPTURE.reset(token)
            return _raw_result(box, result)

        return call

    def _request(self, build: _Builder, body: Any, model: type[M]) -> M:
        self._check_open()
        response = self._http.request(**self._kwargs(build, body))
        return _parse(response, model, self._policy.base_path)

    def _upload(self, request: httpx.Request) -> None:
        upload_result(request, self._transport.send_once(request))

    def close(self) -> None:
        """Close the connections (a transport you passed is closed too; an http_client you passed is not)."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncSocialEcho(_Base):
    """Asynchronous SocialEcho client: the same resources and methods, awaited."""

    _http: httpx.AsyncClient
    _transport: AsyncPolicyTransport
    team: AsyncTeam
    accounts: AsyncAccounts
    articles: AsyncArticles
    reports: AsyncReports
    uploads: AsyncUploads
    reddit: AsyncReddit
    pinterest: AsyncPinterest
    publish: AsyncPublish

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        lang: str | None = None,
        team_id: int | None = None,
        timeout: float | httpx.Timeout | None = 30.0,
        max_retries: int = 3,
        rate_limit: int | None = 120,
        wire: str | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retry_after: float = 60.0,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        clock: Clock | None = None,
        rng: Callable[[], float] | None = None,
    ) -> None:
        settings = resolve_settings(
            api_key=api_key,
            base_url=base_url,
            lang=lang,
            team_id=team_id,
            timeout=timeout,
            max_retries=max_retries,
            rate_limit=rate_limit,
            wire=wire,
            deadline=deadline,
            max_retry_after=max_retry_after,
            clock=clock,
            rng=rng,
        )
        inner = _pick_inner(
            transport,
            http_client,
            AsyncClientTransport,
            settings.base_url,
            httpx.AsyncHTTPTransport,
            (httpx.AsyncBaseTransport, httpx.AsyncClient),
        )
        self._setup(settings, inner, owns_inner=http_client is None)

    def _setup(self, settings: Settings, inner: httpx.AsyncBaseTransport, *, owns_inner: bool) -> None:
        self._init_common(settings)
        self._transport = AsyncPolicyTransport(inner, self._policy, owns_inner=owns_inner)
        self._http = _AsyncApiHttp(transport=self._transport, **self._http_args())
        self._owner = self._http
        self.team, self.accounts, self.articles = AsyncTeam(self), AsyncAccounts(self), AsyncArticles(self)
        self.reports, self.uploads, self.reddit = AsyncReports(self), AsyncUploads(self), AsyncReddit(self)
        self.pinterest, self.publish = AsyncPinterest(self), AsyncPublish(self)

    def with_raw_response(self, method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[RawResponse[R]]]:
        """Wrap a method of this client so it returns a :class:`RawResponse` (see the module docstring)."""

        async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
            box: list[RawResponse[Any]] = []
            token = _CAPTURE.set(box)
            try:
                result = await method(*args, **kwargs)
            finally:
                _CAPTURE.reset(token)
            return _raw_result(box, result)

        return call

    async def _request(self, build: _Builder, body: Any, model: type[M]) -> M:
        self._check_open()
        response = await self._http.request(**self._kwargs(build, body))
        return _parse(response, model, self._policy.base_path)

    async def _upload(self, request: httpx.Request) -> None:
        upload_result(request, await self._transport.send_once(request))

    async def close(self) -> None:
        """Close the connections (a transport you passed is closed too; an http_client you passed is not)."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
