"""Regressions of a second break-it pass on the CLI: the check command after an unknown publish outcome,
a published post whose output cannot be written, exit codes through closed streams, incomplete walks,
ids that int() would read as another number."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from socialecho_kit import drift
from socialecho_kit.cli import main

from .conftest import BASE, KEY, Run, ok, post_file


def test_the_check_after_an_unknown_outcome_looks_at_the_same_team_and_server(
    run: Run, api: respx.MockRouter, tmp_path: Path
) -> None:
    route = api.post("/v1/publish/article").mock(return_value=httpx.Response(502))
    result = run("--team-id", "42", "--wire", "query", "publish", str(post_file(tmp_path)), "--execute")
    assert result.code == 1
    assert route.call_count == 1
    assert f"'socialecho --base-url {BASE} --team-id 42 --wire query articles --account-id 5'" in result.err


class FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_a_published_post_whose_output_cannot_be_written_still_exits_0(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    published = {"code": 0, "message": "ok", "request_id": "rid-77", "data": {"id": 555}}
    route = api.post("/v1/publish/article").mock(return_value=httpx.Response(200, json=published))
    payload = post_file(tmp_path)
    monkeypatch.setattr(sys, "stdout", FullDisk())
    code = main(["--rate-limit", "0", "publish", str(payload), "--execute"])
    err = capsys.readouterr().err
    assert code == 0  # exit 1 would make a retrying script publish it twice
    assert route.call_count == 1
    assert "the post WAS published (id 555, request id rid-77)" in err
    assert "No space left on device" in err


def test_a_closed_stdin_matters_only_to_a_payload_read_from_it(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    api.get("/v1/team").mock(return_value=ok({"id": 7, "title": "Acme"}))
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["--rate-limit", "0", "--json", "team"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == 7


class ClosedPipe(io.StringIO):
    """A reader that went away: what was buffered fails when it is flushed."""

    def flush(self) -> None:
        if self.getvalue():
            raise BrokenPipeError(32, "Broken pipe")


def test_drift_keeps_its_exit_code_through_a_closed_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def finds_drift(*args: Any, **kwargs: Any) -> int:
        print("DRIFT: 0 ok, 1 drift")
        return 1

    monkeypatch.setattr(drift, "main", finds_drift)
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["drift"]) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["reddit-communities", "1_0"],
        ["pinterest-boards", "١٢"],
        ["--team-id", "٣", "team"],
        ["--team-id", "0x10", "team"],
        ["accounts", "--page", " +2"],
        ["articles", "--page", "2.0"],
        ["accounts", "--page", "9" * 5000],
        ["reddit-communities", "9" * 19],
        ["--team-id", "9" * 5000, "team"],
    ],
    ids=[
        "underscore",
        "arabic-digits",
        "team-arabic",
        "team-hex",
        "page-plus",
        "page-float",
        "page-5000-digits",
        "id-beyond-64-bits",
        "team-5000-digits",
    ],
)
def test_ids_and_pages_are_ascii_digits_only(run: Run, api: respx.MockRouter, argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == 2, result.err
    assert "is not a positive integer" in result.err
    assert not api.calls


def test_a_key_the_server_echoes_in_data_is_masked_in_every_format(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/team").mock(return_value=ok({"id": 7, "title": f"team of {KEY}"}))
    for options in ([], ["--json"], ["--csv"]):
        result = run(*options, "team")
        assert result.code == 0, result.err
        assert KEY not in result.out
        assert "team of ***" in result.out


def test_an_empty_base_url_variable_is_refused_like_the_option(
    run: Run, api: respx.MockRouter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOCIALECHO_BASE_URL", "")
    result = run("publish", str(post_file(tmp_path)), "--execute")
    assert result.code == 2
    assert "SOCIALECHO_BASE_URL is set but empty" in result.err
    assert not api.calls


def test_every_spelling_of_an_echoed_key_is_masked_in_report_json(run: Run, api: respx.MockRouter) -> None:
    key = "se_ab/cd+ef=="
    echoed = {
        "totals": {"note": key, "url": "https://x.example/?k=se_ab%2Fcd%2Bef%3D%3D"},
        "list": [{"app": key}],
    }
    api.get("/v1/report").mock(return_value=ok(echoed))
    result = run("--api-key", key, "--json", "report", "--start", "2026-01-01", "--end", "2026-01-02")
    assert result.code == 0, result.err
    assert "se_ab" not in result.out
    assert result.out.count("***") == 3


def test_an_echoed_key_in_an_upload_url_is_masked(run: Run, api: respx.MockRouter, tmp_path: Path) -> None:
    upload = "https://uploads.example.com/a.png?sig=1"
    ticket = {"upload_url": upload, "public_url": f"https://cdn.example.com/{KEY}.png", "method": "PUT"}
    api.get("/v1/upload/url").mock(return_value=ok(ticket))
    api.route(method="PUT", host="uploads.example.com").mock(return_value=httpx.Response(200))
    picture = tmp_path / "a.png"
    picture.write_bytes(b"png")
    result = run("upload", str(picture))
    assert result.code == 0, result.err
    assert result.out.strip() == "https://cdn.example.com/***.png"


def test_all_with_a_total_sent_as_text_still_notices_an_incomplete_walk(
    run: Run, api: respx.MockRouter
) -> None:
    data = {"page": 1, "per_page": 10, "total": "25", "list": [{"id": i} for i in range(1, 11)]}
    api.get("/v1/account").mock(return_value=ok(data))  # every page is page 1
    result = run("--json", "accounts", "--all")
    assert result.code == 1
    assert "incomplete: the walk ended with 10 of the 25 accounts" in result.err
