"""Exit codes and messages: usage and validation errors (2), API errors (1), and the key never printed."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx

from socialecho_kit.cli import main

from .conftest import KEY, Run, envelope, ok

TEAM = {"id": 7, "title": "Acme"}


# ------------------------------------------------------------------------------------- usage errors (2)


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["report", "--start", "2024-02-30", "--end", "2024-03-01"], ["--start", "YYYY-MM-DD"]),
        (["report", "--start", "2024-03-01", "--end", "03/02/2024"], ["--end", "YYYY-MM-DD"]),
        (["report", "--start", "2024-03-01", "--end", "2024-03-02", "--group", "week"], ["--group", "week"]),
        (["report", "--start", "2024-03-01", "--end", "2024-03-02", "--time-type", "3"], ["--time-type"]),
        (["report", "--end", "2024-03-02"], ["--start"]),
        (["report", "--start", "2024-03-05", "--end", "2024-03-01"], ["--end", "before"]),
        (
            ["report", "--start", "2024-03-01", "--end", "2024-03-02", "--account-id", "x1"],
            ["--account-id", "x1"],
        ),
        (["articles", "--account-id", "abc"], ["--account-id", "abc"]),
        (["articles", "--account-id", "0"], ["--account-id"]),
        (["articles", "--account-id", "1,,2"], ["--account-id"]),
        (["reddit-communities", "abc"], ["ACCOUNT_ID", "abc"]),
        (["pinterest-boards", "-3"], ["ACCOUNT_ID"]),
        (["pinterest-boards"], ["ACCOUNT_ID"]),
        (["accounts", "--type", "3"], ["--type"]),
        (["accounts", "--page", "0"], ["--page"]),
        (["accounts", "--page", "two"], ["--page"]),
        (["accounts", "--page", "2", "--all"], ["--page", "--all"]),
        (["--json", "--csv", "team"], ["--json", "--csv"]),
        (["team", "--json", "--csv"], ["--json", "--csv"]),
        (["--lang", "fr", "team"], ["--lang"]),
        (["--wire", "form", "team"], ["--wire"]),
        (["--timeout", "0", "team"], ["--timeout"]),
        (["--max-retries", "-1", "team"], ["--max-retries"]),
        (["--team-id", "abc", "team"], ["--team-id"]),
        (["upload-url"], ["--content-type"]),
        (["upload-url", "--content-type", "text/plain"], ["--content-type", "text/plain"]),
        (["upload", "no-such-file.png"], ["FILE"]),
        (["diff", "--format", "html", "a.json", "b.json"], ["--format"]),
        (["frobnicate"], ["frobnicate"]),
    ],
)
def test_usage_and_validation_errors_exit_2_naming_the_input(
    run: Run, api: respx.MockRouter, args: list[str], names: list[str]
) -> None:
    result = run(*args)
    assert result.code == 2, result
    for name in names:
        assert name in result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    assert not api.calls


def test_upload_with_an_unknown_file_type_names_content_type(
    run: Run, api: respx.MockRouter, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.xyz"
    notes.write_text("x", encoding="utf-8")
    result = run("upload", str(notes))
    assert result.code == 2
    assert "--content-type" in result.err
    assert not api.calls


def test_missing_key_names_the_variable(
    run: Run, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOCIALECHO_API_KEY")
    for args in (["team"], ["accounts", "--all"], ["report", "--start", "2024-01-01", "--end", "2024-01-02"]):
        result = run(*args)
        assert result.code == 2
        assert "SOCIALECHO_API_KEY" in result.err
        assert "--api-key" in result.err
    assert not api.calls


def test_insecure_base_url_is_a_usage_error(run: Run, api: respx.MockRouter) -> None:
    result = run("--base-url", "http://api.example.com", "team")
    assert result.code == 2
    assert "https" in result.err
    assert not api.calls


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        *[
            [command, "--help"]
            for command in ("team", "accounts", "articles", "report", "upload-url", "upload")
        ],
        *[[command, "--help"] for command in ("reddit-communities", "pinterest-boards", "publish", "diff")],
    ],
)
def test_help_and_version_exit_0(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.code == 0, result.err
    assert result.out.startswith(("Usage: socialecho", "socialecho "))


def test_no_command_prints_the_help_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Commands:" in captured.err


# --------------------------------------------------------------------------------------- API errors (1)


def test_http_error_shows_status_code_and_request_id(run: Run, api: respx.MockRouter) -> None:
    body = envelope(code=40101, message="invalid api key", request_id="req-401")
    api.get("/v1/team").mock(return_value=httpx.Response(401, json=body))
    result = run("team")
    assert result.code == 1
    assert result.out == ""
    for fragment in ("HTTP 401", "code 40101", "request id req-401", "invalid api key", "SOCIALECHO_API_KEY"):
        assert fragment in result.err
    assert result.err.startswith("socialecho: error: ")
    assert "Traceback" not in result.err


def test_business_error_inside_http_200(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/account").mock(return_value=ok(code=500, message="server busy", request_id="req-b"))
    result = run("accounts")
    assert result.code == 1
    assert "code 500" in result.err
    assert "req-b" in result.err


def test_rate_limited_without_retries_shows_the_wait(run: Run, api: respx.MockRouter) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "7"}, json=envelope(code=429, message="slow down"))
    route = api.get("/v1/team").mock(return_value=limited)
    result = run("--max-retries", "0", "team")
    assert result.code == 1
    assert route.call_count == 1
    assert "HTTP 429" in result.err
    assert "retry after 7 s" in result.err


def test_html_error_page(run: Run, api: respx.MockRouter) -> None:
    page = httpx.Response(
        403, text="<html><body>Forbidden</body></html>", headers={"Content-Type": "text/html"}
    )
    api.get("/v1/team").mock(return_value=page)
    result = run("team")
    assert result.code == 1
    assert "403" in result.err
    assert "Traceback" not in result.err


def test_connection_error(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/team").mock(side_effect=httpx.ConnectError("connection refused"))
    result = run("--max-retries", "0", "team")
    assert result.code == 1
    assert result.err.startswith("socialecho: error: ")
    assert "Traceback" not in result.err


def test_max_retries_is_passed_to_the_client(run: Run, api: respx.MockRouter, sleeps: list[float]) -> None:
    route = api.get("/v1/team").mock(side_effect=[httpx.Response(503), ok(TEAM)])
    result = run("--max-retries", "1", "--json", "team")
    assert result.code == 0, result.err
    assert result.json() == TEAM
    assert route.call_count == 2
    assert len(sleeps) == 1
    route.side_effect = [httpx.Response(503), ok(TEAM)]
    assert run("--max-retries", "0", "team").code == 1
    assert route.call_count == 3


@pytest.mark.parametrize(("given", "seconds"), [([], 30.0), (["--timeout", "2.5"], 2.5)])
def test_timeout_is_passed_to_the_client(
    run: Run, api: respx.MockRouter, given: list[str], seconds: float
) -> None:
    route = api.get("/v1/team").mock(return_value=ok(TEAM))
    assert run(*given, "team").code == 0
    timeout = route.calls[0].request.extensions["timeout"]
    assert timeout == {"connect": seconds, "read": seconds, "write": seconds, "pool": seconds}


# ------------------------------------------------------------------------------------------- redaction


def test_the_key_is_never_printed_even_at_debug_level(
    run: Run, api: respx.MockRouter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.get("/v1/team").mock(return_value=ok(TEAM))
    api.get("/v1/account").mock(
        side_effect=[
            ok({"page": 1, "per_page": 1, "total": 2, "list": [{"id": 1}]}),
            ok({"page": 2, "per_page": 1, "total": 2, "list": [{"id": 2}]}),
        ]
    )
    api.get("/v1/article").mock(
        return_value=httpx.Response(401, json=envelope(code=401, message=f"bad key {KEY}"))
    )
    api.post("/v1/publish/article").mock(side_effect=httpx.ReadTimeout("timed out"))
    payload = tmp_path / "p.json"
    payload.write_text(
        json.dumps(
            {"account_id": 5, "type": "post", "status": 0, "comment": [], "extra": {}, "attachments": []}
        ),
        encoding="utf-8",
    )
    runs = [
        run("-vv", "team"),
        run("-vv", "accounts", "--all"),
        run("-vv", "articles"),
        run("-vv", "publish", str(payload)),
        run("-vv", "publish", str(payload), "--execute"),
    ]
    assert [result.code for result in runs] == [0, 0, 1, 0, 1]
    assert "/v1/team" in runs[0].err  # debug logging is on, on stderr
    assert "/v1/account" in runs[1].err
    for result in runs:
        assert KEY not in result.out
        assert KEY not in result.err
    # A key given on the command line is masked too, including in error messages.
    monkeypatch.delenv("SOCIALECHO_API_KEY")
    on_command_line = run("-vv", "--api-key", KEY, "articles")
    assert on_command_line.code == 1
    assert KEY not in on_command_line.out + on_command_line.err
    assert "***" in on_command_line.err


def test_verbose_logging_is_detached_after_the_run(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/team").mock(return_value=ok(TEAM))
    assert "/v1/team" in run("-v", "team").err
    quiet = run("team")
    assert quiet.code == 0
    assert quiet.err == ""
