from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.lang import Lang
from ...models.list_pinterest_boards_body import ListPinterestBoardsBody
from ...models.pinterest_boards_response import PinterestBoardsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ListPinterestBoardsBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_lang, Unset):
        headers["X-Lang"] = str(x_lang)

    if not isinstance(x_team_id, Unset):
        headers["X-Team-Id"] = str(x_team_id)

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/pinterest/boards",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PinterestBoardsResponse | None:
    if response.status_code == 200:
        response_200 = PinterestBoardsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | PinterestBoardsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ListPinterestBoardsBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> Response[ErrorResponse | PinterestBoardsResponse]:
    """List Pinterest boards

     Boards of a Pinterest account, used before publishing to Pinterest.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (ListPinterestBoardsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PinterestBoardsResponse]
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
    body: ListPinterestBoardsBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> ErrorResponse | PinterestBoardsResponse | None:
    """List Pinterest boards

     Boards of a Pinterest account, used before publishing to Pinterest.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (ListPinterestBoardsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PinterestBoardsResponse
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
    body: ListPinterestBoardsBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> Response[ErrorResponse | PinterestBoardsResponse]:
    """List Pinterest boards

     Boards of a Pinterest account, used before publishing to Pinterest.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (ListPinterestBoardsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PinterestBoardsResponse]
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
    body: ListPinterestBoardsBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> ErrorResponse | PinterestBoardsResponse | None:
    """List Pinterest boards

     Boards of a Pinterest account, used before publishing to Pinterest.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (ListPinterestBoardsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PinterestBoardsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_lang=x_lang,
            x_team_id=x_team_id,
        )
    ).parsed
