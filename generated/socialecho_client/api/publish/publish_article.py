from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.lang import Lang
from ...models.publish_article_request import PublishArticleRequest
from ...models.publish_response import PublishResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PublishArticleRequest,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_lang, Unset):
        headers["X-Lang"] = str(x_lang)

    if not isinstance(x_team_id, Unset):
        headers["X-Team-Id"] = str(x_team_id)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/publish/article",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PublishResponse | None:
    if response.status_code == 200:
        response_200 = PublishResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | PublishResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PublishArticleRequest,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> Response[ErrorResponse | PublishResponse]:
    """Publish a post

     Cross-platform publish. Asynchronous: success means the task was accepted. Never re-sent
    automatically once it may have reached the server.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (PublishArticleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PublishResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_lang=x_lang,
        x_team_id=x_team_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PublishArticleRequest,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> ErrorResponse | PublishResponse | None:
    """Publish a post

     Cross-platform publish. Asynchronous: success means the task was accepted. Never re-sent
    automatically once it may have reached the server.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (PublishArticleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PublishResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        x_lang=x_lang,
        x_team_id=x_team_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PublishArticleRequest,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> Response[ErrorResponse | PublishResponse]:
    """Publish a post

     Cross-platform publish. Asynchronous: success means the task was accepted. Never re-sent
    automatically once it may have reached the server.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (PublishArticleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PublishResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_lang=x_lang,
        x_team_id=x_team_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PublishArticleRequest,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> ErrorResponse | PublishResponse | None:
    """Publish a post

     Cross-platform publish. Asynchronous: success means the task was accepted. Never re-sent
    automatically once it may have reached the server.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (PublishArticleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PublishResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_lang=x_lang,
            x_team_id=x_team_id,
        )
    ).parsed
