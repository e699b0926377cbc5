from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.get_report_body import GetReportBody
from ...models.lang import Lang
from ...models.report_response import ReportResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: GetReportBody,
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
        "url": "/v1/report",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ReportResponse | None:
    if response.status_code == 200:
        response_200 = ReportResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | ReportResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: GetReportBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> Response[ErrorResponse | ReportResponse]:
    """Get report data

     Totals, or rows grouped by day, app or account, for a date range.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (GetReportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReportResponse]
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
    body: GetReportBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> ErrorResponse | ReportResponse | None:
    """Get report data

     Totals, or rows grouped by day, app or account, for a date range.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (GetReportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReportResponse
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
    body: GetReportBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> Response[ErrorResponse | ReportResponse]:
    """Get report data

     Totals, or rows grouped by day, app or account, for a date range.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (GetReportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReportResponse]
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
    body: GetReportBody,
    x_lang: Lang | Unset = UNSET,
    x_team_id: int | Unset = UNSET,
) -> ErrorResponse | ReportResponse | None:
    """Get report data

     Totals, or rows grouped by day, app or account, for a date range.

    Args:
        x_lang (Lang | Unset): Response language (X-Lang). The server defaults to zh_CN.
        x_team_id (int | Unset):
        body (GetReportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReportResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_lang=x_lang,
            x_team_id=x_team_id,
        )
    ).parsed
