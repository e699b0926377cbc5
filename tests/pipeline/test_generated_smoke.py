"""Smoke tests of the generated client itself (no runtime): GET bodies on the wire, typed parsing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from importlib import resources
from typing import Any

import httpx
import pytest
import respx
from socialecho_client import AuthenticatedClient
from socialecho_client.api.accounts import list_accounts
from socialecho_client.api.articles import list_articles
from socialecho_client.api.pinterest import list_pinterest_boards
from socialecho_client.api.reddit import list_reddit_communities
from socialecho_client.api.reports import get_report
from socialecho_client.api.team import get_team
from socialecho_client.api.uploads import get_upload_url
from socialecho_client.errors import UnexpectedStatus
from socialecho_client.models import (
    AccountListResponse,
    ArticleListResponse,
    GetReportBody,
    GetTeamBody,
    GetUploadUrlBody,
    ListAccountsBody,
    ListArticlesBody,
    ListPinterestBoardsBody,
    ListRedditCommunitiesBody,
    Metrics,
    ReportResponse,
    ReportScope,
    TeamResponse,
)
from socialecho_client.types import Response

BASE = "https://api.socialecho.net"

# (path, call, expected JSON body) for every GET operation of the generated client.
GET_CASES: list[tuple[str, Callable[[AuthenticatedClient], Response[Any]], dict[str, Any]]] = [
    ("/v1/team", lambda c: get_team.sync_detailed(client=c, body=GetTeamBody()), {}),
    (
        "/v1/account",
        lambda c: list_accounts.sync_detailed(client=c, body=ListAccountsBody(page=2, type_=1)),
        {"page": 2, "type": 1},
    ),
    (
        "/v1/article",
        lambda c: list_articles.sync_detailed(
            client=c, body=ListArticlesBody(page=1, account_ids=[163956, 163955, 28])
        ),
        {"page": 1, "account_ids": [163956, 163955, 28]},
    ),
    (
        "/v1/report",
        lambda c: get_report.sync_detailed(
            client=c,
            body=GetReportBody(
                start_date=date(2026, 1, 1),
                end_date=date(2026, 3, 24),
                time_type=1,
                group="day",
                account_ids=[163956],
            ),
        ),
        {
            "start_date": "2026-01-01",
            "end_date": "2026-03-24",
            "time_type": 1,
            "group": "day",
            "account_ids": [163956],
        },
    ),
    (
        "/v1/upload/url",
        lambda c: get_upload_url.sync_detailed(
            client=c, body=GetUploadUrlBody(content_type="image/png", title="cover")
        ),
        {"content_type": "image/png", "title": "cover"},
    ),
    (
        "/v1/reddit/communities",
        lambda c: list_reddit_communities.sync_detailed(
            client=c, body=ListRedditCommunitiesBody(account_id=163751)
        ),
        {"account_id": 163751},
    ),
    (
        "/v1/pinterest/boards",
        lambda c: list_pinterest_boards.sync_detailed(
            client=c, body=ListPinterestBoardsBody(account_id=163751)
        ),
        {"account_id": 163751},
    ),
]


@pytest.mark.parametrize(("path", "call", "expected"), GET_CASES, ids=[c[0] for c in GET_CASES])
def test_each_get_sends_its_parameters_as_a_json_body(
    path: str, call: Callable[[AuthenticatedClient], Response[Any]], expected: dict[str, Any]
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get(path).respond(202)  # undocumented status: parsed as None, the request is what counts
        with AuthenticatedClient(base_url=BASE, token="se_smoke") as client:
            call(client)
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Authorization"] == "Bearer se_smoke"
    assert request.url.query == b""
    assert json.loads(request.content) == expected


def test_every_get_operation_is_covered() -> None:
    spec = json.loads(
        resources.files("socialecho_client").joinpath("openapi.json").read_text(encoding="utf-8")
    )
    gets = {path for path, item in spec["paths"].items() if "get" in item}
    assert gets == {case[0] for case in GET_CASES}
    assert all(spec["paths"][p]["get"]["x-socialecho-wire"] == "json-body" for p in gets)


# The reference's response examples (socialecho-api-reference.txt, section 5), with code 200.
TEAM = {
    "code": 200,
    "message": "success",
    "data": {"id": 1024, "code": "TEAM_ABC123", "title": "SocialEcho QA Team", "timezone": "Asia/Shanghai"},
}
ACCOUNTS = {
    "code": 200,
    "message": "success",
    "data": {
        "page": 1,
        "per_page": 10,
        "total": 2,
        "list": [
            {
                "id": 163751,
                "title": "esprit.vert.medic",
                "app": "Instagram",
                "type": 1,
                "status": "normal",
                "account": "@esprit.vert.medic",
                "authorization_at": "2026-03-30 09:34:44",
            }
        ],
    },
}
ARTICLES = {
    "code": 200,
    "message": "success",
    "data": {
        "page": 1,
        "per_page": 10,
        "total": 1,
        "list": [
            {
                "id": 987654,
                "uuid": "tE-9LwdHfNk",
                "app": "YouTube",
                "account_id": 163751,
                "content": "Example article content",
                "created_at": "2026-03-24 10:05:01",
                "url": "https://www.youtube.com/watch?v=tE-9LwdHfNk",
                "reports": {"exposure": 1021, "like": 40, "comment": 14, "share": 0},
            }
        ],
    },
}
REPORT = {
    "code": 200,
    "message": "success",
    "data": {
        "scope": {"start_date": "2026-01-01", "end_date": "2026-03-24", "time_type": 1, "group": ""},
        "totals": {"exposure": 120345, "like": 4512, "comment": 893, "share": 326},
    },
}


@pytest.mark.parametrize("code", [0, 200])
def test_reference_examples_parse_into_typed_models(code: int) -> None:
    team = TeamResponse.from_dict({**TEAM, "code": code})
    assert (team.code, team.data.id, team.data.timezone) == (code, 1024, "Asia/Shanghai")
    accounts = AccountListResponse.from_dict({**ACCOUNTS, "code": code})
    assert accounts.data.total == 2
    assert accounts.data.list_[0].account == "@esprit.vert.medic"
    assert accounts.data.list_[0].type_ == 1
    articles = ArticleListResponse.from_dict({**ARTICLES, "code": code})
    reports = articles.data.list_[0].reports
    assert isinstance(reports, Metrics)
    assert reports.to_dict() == {"exposure": 1021, "like": 40, "comment": 14, "share": 0}
    report = ReportResponse.from_dict({**REPORT, "code": code})
    assert isinstance(report.data.scope, ReportScope)
    assert report.data.scope.group == ""
    assert isinstance(report.data.totals, Metrics)
    assert report.data.totals.exposure == 120345


def test_unknown_fields_are_kept_not_fatal() -> None:
    body = json.loads(json.dumps(ACCOUNTS))
    body["meta"] = {"trace": "x"}
    body["data"]["list"][0]["followers"] = 12
    body["data"]["list"][0]["status"] = "brand-new-status"
    parsed = AccountListResponse.from_dict(body)
    assert parsed.additional_properties == {"meta": {"trace": "x"}}
    assert parsed.data.list_[0].additional_properties == {"followers": 12}
    assert parsed.data.list_[0].status == "brand-new-status"


def test_generated_client_is_strict_about_http_when_asked() -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v1/team").mock(return_value=httpx.Response(418, text="teapot"))
        client = AuthenticatedClient(base_url=BASE, token="t", raise_on_unexpected_status=True)
        with client, pytest.raises(UnexpectedStatus, match="418"):
            get_team.sync_detailed(client=client, body=GetTeamBody())
