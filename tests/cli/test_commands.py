"""Every API command against respx: what is sent, and what is printed (plain text, --json, --csv)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from socialecho_kit import _output

from .conftest import BASE, KEY, Run, ok, sent_body

TEAM = {"id": 7, "code": "T7", "title": "Acme", "timezone": "Asia/Shanghai"}
ACCOUNTS = [
    {
        "id": i,
        "title": f"Account {i}",
        "app": "Instagram" if i % 2 else "Reddit",
        "type": 1,
        "status": "normal",
        "account": f"@acc{i}",
        "authorization_at": f"2024-01-0{i % 9 + 1} 08:00:00",
    }
    for i in range(1, 6)
]
ARTICLES = [
    {
        "id": 100 + i,
        "uuid": f"u-{i}",
        "app": "Instagram",
        "account_id": i,
        "content": f"post {i}\nsecond line",
        "created_at": "2024-02-01 10:00:00",
        "url": f"https://example.com/p/{i}",
        "reports": {"exposure": 10 * i, "like": i, "comment": 0, "share": 2},
    }
    for i in range(1, 4)
]


def paged(items: list[dict[str, Any]], per_page: int) -> Callable[[httpx.Request], httpx.Response]:
    """A list endpoint serving ``items`` by page (page read from the JSON body or the query string)."""

    def handler(request: httpx.Request) -> httpx.Response:
        body = sent_body(request) or {}
        page = int(body.get("page") or request.url.params.get("page") or 1)
        chunk = items[(page - 1) * per_page : page * per_page]
        return ok({"page": page, "per_page": per_page, "total": len(items), "list": chunk})

    return handler


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def as_csv_cells(record: dict[str, Any]) -> dict[str, str]:
    return {key: _output.cell_text(value) for key, value in _output.flatten(record).items()}


# ------------------------------------------------------------------------------------------------- team


def test_team_plain_output_and_headers(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/team").mock(return_value=ok(TEAM))
    result = run("team")
    assert result.code == 0, result.err
    assert result.out == "id\t7\ncode\tT7\ntitle\tAcme\ntimezone\tAsia/Shanghai\n"
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert "X-Lang" not in request.headers
    assert "X-Team-Id" not in request.headers


def test_team_sends_lang_and_team_id(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/team").mock(return_value=ok(TEAM))
    assert run("--lang", "en", "--team-id", "9", "team").code == 0
    request = route.calls.last.request
    assert request.headers["X-Lang"] == "en"
    assert request.headers["X-Team-Id"] == "9"


@pytest.mark.parametrize("position", ["global", "command"])
def test_team_json_is_the_exact_data(run: Run, api: respx.MockRouter, position: str) -> None:
    api.get("/v1/team").mock(return_value=ok({**TEAM, "unknown_field": [1, 2]}))
    result = run("--json", "team") if position == "global" else run("team", "--json")
    assert result.code == 0, result.err
    assert result.json() == {**TEAM, "unknown_field": [1, 2]}
    assert list(result.json()) == sorted(result.json())


def test_team_csv_is_one_row(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/team").mock(return_value=ok(TEAM))
    result = run("team", "--csv")
    assert result.code == 0, result.err
    assert csv_rows(result.out) == [as_csv_cells(TEAM)]
    assert result.out.splitlines()[0] == "id,code,title,timezone"


# --------------------------------------------------------------------------------------------- accounts


def test_accounts_one_page_with_a_hint_about_the_others(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 2))
    result = run("accounts")
    assert result.code == 0, result.err
    assert route.call_count == 1
    assert sent_body(route.calls.last.request) == {}
    lines = result.out.splitlines()
    assert lines[0] == "id\ttitle\tapp\ttype\tstatus\taccount\tauthorization_at"
    assert [line.split("\t")[0] for line in lines[1:]] == ["1", "2"]
    assert "page 1 of 3: 2 of 5 accounts" in result.err


def test_accounts_page_and_type_are_sent(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 2))
    result = run("accounts", "--page", "2", "--type", "2", "--json")
    assert result.code == 0, result.err
    assert sent_body(route.calls.last.request) == {"page": 2, "type": 2}
    assert result.json() == ACCOUNTS[2:4]


def test_accounts_all_walks_every_page_keeping_the_filter(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 2))
    result = run("accounts", "--all", "--type", "1", "--json")
    assert result.code == 0, result.err
    assert result.json() == ACCOUNTS
    assert [sent_body(call.request) for call in route.calls] == [
        {"page": 1, "type": 1},
        {"page": 2, "type": 1},
        {"page": 3, "type": 1},
    ]
    assert "page 1 of" not in result.err


def test_accounts_all_csv_round_trips(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 2))
    result = run("--csv", "accounts", "--all")
    assert result.code == 0, result.err
    assert csv_rows(result.out) == [as_csv_cells(account) for account in ACCOUNTS]
    assert result.out.splitlines()[0] == "id,title,app,type,status,account,authorization_at"


def test_accounts_query_wire(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 10))
    result = run("--wire", "query", "accounts", "--page", "1", "--type", "2")
    assert result.code == 0, result.err
    request = route.calls.last.request
    assert request.content == b""
    assert dict(request.url.params) == {"page": "1", "type": "2"}


def test_accounts_walk_with_stderr_on_a_terminal_shows_progress(
    run: Run, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 2))
    monkeypatch.setattr(_output, "is_tty", lambda stream: stream is not None)
    walked = run("accounts", "--all", "--json")
    assert walked.code == 0, walked.err
    assert walked.json() == ACCOUNTS
    assert "accounts" in walked.err  # the bar's label (rich, transient)
    one_page = run("accounts", "--json")
    assert one_page.code == 0
    assert one_page.err == ""
    api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 10))
    walked_one_page = run("accounts", "--all", "--json")
    assert walked_one_page.json() == ACCOUNTS
    assert walked_one_page.err == ""


def test_piped_output_has_no_decoration(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 2))
    result = run("accounts", "--all")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out + result.err
    assert result.err == ""
    assert not set(result.out) & set("─━│┃┏┓┗┛")
    assert len(result.out.splitlines()) == 1 + len(ACCOUNTS)


def test_terminal_output_is_a_rich_table(
    run: Run, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.get("/v1/account").mock(side_effect=paged(ACCOUNTS, 10))
    monkeypatch.setattr(_output, "is_tty", lambda stream: True)
    result = run("accounts")
    assert result.code == 0, result.err
    assert "\t" not in result.out
    assert "@acc3" in result.out
    assert "authorization_at" in result.out


# --------------------------------------------------------------------------------------------- articles


def test_articles_account_ids_repeated_and_comma_separated(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/article").mock(side_effect=paged(ARTICLES, 10))
    result = run("articles", "--account-id", "1", "--account-id", "2,3", "--csv")
    assert result.code == 0, result.err
    assert sent_body(route.calls.last.request) == {"account_ids": [1, 2, 3]}
    rows = csv_rows(result.out)
    assert rows == [as_csv_cells(article) for article in ARTICLES]
    assert rows[0]["reports.like"] == "1"
    assert rows[0]["content"] == "post 1\nsecond line"


def test_articles_plain_rows_stay_on_one_line(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/article").mock(side_effect=paged(ARTICLES, 10))
    result = run("articles")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 1 + len(ARTICLES)
    header = lines[0].split("\t")
    assert header[:5] == ["id", "app", "account_id", "created_at", "reports.exposure"]
    first = dict(zip(header, lines[1].split("\t"), strict=True))
    assert first["content"] == "post 1\\nsecond line"


def test_articles_all_keeps_the_filter_and_uses_the_query_wire(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/article").mock(side_effect=paged(ARTICLES, 2))
    result = run("--wire", "query", "articles", "--all", "--account-id", "1,2", "--json")
    assert result.code == 0, result.err
    assert result.json() == ARTICLES
    assert route.call_count == 2
    for number, call in enumerate(route.calls, start=1):
        assert call.request.url.params.multi_items() == [
            ("page", str(number)),
            ("account_ids[]", "1"),
            ("account_ids[]", "2"),
        ]


# ----------------------------------------------------------------------------------------------- report

REPORT_ROWS = [
    {"day": "2024-03-01", "exposure": 100, "like": 5, "comment": 1, "share": 0},
    {"day": "2024-03-02", "exposure": 80, "like": 2, "comment": 0, "share": 1},
]


def test_report_grouped_rows_as_csv(run: Run, api: respx.MockRouter) -> None:
    scope = {"start_date": "2024-03-01", "end_date": "2024-03-02", "time_type": 2, "group": "day"}
    route = api.get("/v1/report").mock(return_value=ok({"scope": scope, "list": REPORT_ROWS}))
    result = run(
        "report", "--start", "2024-03-01", "--end", "2024-03-02", "--time-type", "2", "--group", "day",
        "--account-id", "4", "--csv",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert sent_body(route.calls.last.request) == {
        "start_date": "2024-03-01",
        "end_date": "2024-03-02",
        "time_type": 2,
        "account_ids": [4],
        "group": "day",
    }
    assert csv_rows(result.out) == [as_csv_cells(row) for row in REPORT_ROWS]
    assert result.out.splitlines()[0] == "day,exposure,like,comment,share"


def test_report_totals_default_time_type_and_json(run: Run, api: respx.MockRouter) -> None:
    data = {
        "scope": {"start_date": "2024-03-01", "end_date": "2024-03-31", "time_type": 1, "group": ""},
        "totals": {"exposure": 1000, "like": 50, "comment": 7, "share": 3},
    }
    route = api.get("/v1/report").mock(return_value=ok(data))
    plain = run("report", "--start", "2024-03-01", "--end", "2024-03-31")
    assert plain.code == 0, plain.err
    assert sent_body(route.calls.last.request) == {
        "start_date": "2024-03-01",
        "end_date": "2024-03-31",
        "time_type": 1,
    }
    assert plain.out == "exposure\t1000\nlike\t50\ncomment\t7\nshare\t3\n"
    as_json = run("--json", "report", "--start", "2024-03-01", "--end", "2024-03-31")
    assert as_json.json() == data


def test_report_group_without_rows_prints_the_header(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/report").mock(return_value=ok({"list": []}))
    result = run("report", "--start", "2024-03-01", "--end", "2024-03-01", "--group", "app")
    assert result.code == 0, result.err
    assert result.out == "day\tapp\taccount_id\texposure\tlike\tcomment\tshare\n"


# ---------------------------------------------------------------------------------------------- uploads

TICKET = {
    "upload_url": f"{BASE}/upload-target/abc?signature=s1",
    "public_url": "https://cdn.example.com/abc.png",
    "method": "PUT",
    "expires_at": "2024-03-01 10:00:00",
}


def test_upload_url(run: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/upload/url").mock(return_value=ok(TICKET))
    result = run("upload-url", "--content-type", "image/png", "--title", "Cover")
    assert result.code == 0, result.err
    assert sent_body(route.calls.last.request) == {"content_type": "image/png", "title": "Cover"}
    lines = result.out.splitlines()
    assert lines[0] == f"public_url\t{TICKET['public_url']}"
    assert run("upload-url", "--content-type", "image/png", "--json").json() == TICKET


def test_upload_puts_the_bytes_and_prints_the_public_url(
    run: Run, api: respx.MockRouter, tmp_path: Path
) -> None:
    picture = tmp_path / "cover.png"
    picture.write_bytes(b"\x89PNG fake bytes")
    ticket_route = api.get("/v1/upload/url").mock(return_value=ok(TICKET))
    put_route = api.put("/upload-target/abc").mock(return_value=httpx.Response(200))
    result = run("upload", str(picture))
    assert result.code == 0, result.err
    assert result.out == f"{TICKET['public_url']}\n"
    assert sent_body(ticket_route.calls.last.request) == {"content_type": "image/png"}
    put = put_route.calls.last.request
    assert put.content == b"\x89PNG fake bytes"
    assert put.headers["Content-Type"] == "image/png"
    assert "Authorization" not in put.headers
    assert run("upload", str(picture), "--json").json() == {"public_url": TICKET["public_url"]}


# ------------------------------------------------------------------------------------ per-account lists


@pytest.mark.parametrize(
    ("command", "path", "items"),
    [
        ("reddit-communities", "/v1/reddit/communities", [{"id": "c1", "name": "python", "title": "Python"}]),
        (
            "pinterest-boards",
            "/v1/pinterest/boards",
            [{"id": "b1", "name": "Recipes"}, {"id": "b2", "name": "X"}],
        ),
    ],
)
def test_per_account_lists(
    run: Run, api: respx.MockRouter, command: str, path: str, items: list[dict[str, Any]]
) -> None:
    route = api.get(path).mock(return_value=ok(items))
    plain = run(command, "42")
    assert plain.code == 0, plain.err
    assert sent_body(route.calls.last.request) == {"account_id": 42}
    assert len(plain.out.splitlines()) == 1 + len(items)
    assert plain.out.splitlines()[0].split("\t")[:2] == ["id", "name"]
    assert run(command, "42", "--json").json() == items
    assert csv_rows(run(command, "42", "--csv").out) == [as_csv_cells(item) for item in items]
