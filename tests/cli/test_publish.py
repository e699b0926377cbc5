"""publish: a dry run by default (nothing sent), --execute sends exactly once, and never again on doubt."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from .conftest import BASE, KEY, Run, ok, sent_body

PAYLOAD: dict[str, Any] = {
    "account_id": 5,
    "type": "post",
    "status": 1,
    "comment": ["first!"],
    "content": "Hello from the CLI",
    "extra": {},
    "attachments": [{"url": "https://cdn.example.com/a.jpg"}],
}


@pytest.fixture
def payload_file(tmp_path: Path) -> Path:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(PAYLOAD), encoding="utf-8")
    return path


@pytest.fixture
def publish_route(api: respx.MockRouter) -> respx.Route:
    return api.post("/v1/publish/article").mock(return_value=ok({"id": 991}, request_id="req-pub"))


def test_dry_run_sends_nothing_and_shows_the_exact_request(
    run: Run, publish_route: respx.Route, payload_file: Path
) -> None:
    result = run("publish", str(payload_file), "--json")
    assert result.code == 0, result.err
    assert publish_route.call_count == 0
    shown = result.json()
    assert shown["method"] == "POST"
    assert shown["url"] == f"{BASE}/v1/publish/article"
    assert shown["body"] == PAYLOAD
    assert shown["headers"]["authorization"] == "Bearer ***"
    assert KEY not in result.out + result.err
    assert "dry run: nothing was sent" in result.err


def test_dry_run_plain_text(run: Run, publish_route: respx.Route, payload_file: Path) -> None:
    result = run("publish", str(payload_file), "--platform", "facebook")
    assert result.code == 0, result.err
    assert publish_route.call_count == 0
    assert result.out.startswith(f"POST {BASE}/v1/publish/article\n")
    assert "Bearer ***" in result.out
    assert KEY not in result.out
    assert json.loads(result.out[result.out.index("\n{") :]) == PAYLOAD


def test_execute_sends_exactly_one_post(run: Run, publish_route: respx.Route, payload_file: Path) -> None:
    result = run("publish", str(payload_file), "--execute")
    assert result.code == 0, result.err
    assert publish_route.call_count == 1
    request = publish_route.calls.last.request
    assert sent_body(request) == PAYLOAD
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert result.out.splitlines()[:2] == ["data.id\t991", "request_id\treq-pub"]


def test_execute_json(run: Run, publish_route: respx.Route, payload_file: Path) -> None:
    result = run("--json", "publish", str(payload_file), "--execute")
    assert result.code == 0, result.err
    assert result.json() == {"code": 0, "message": "ok", "request_id": "req-pub", "data": {"id": 991}}
    assert publish_route.call_count == 1


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("read timed out"), httpx.Response(502, text="<html>Bad gateway</html>")],
    ids=["read-timeout", "502"],
)
def test_unknown_outcome_is_reported_and_not_resent(
    run: Run, api: respx.MockRouter, payload_file: Path, failure: Exception | httpx.Response
) -> None:
    route = api.post("/v1/publish/article").mock(side_effect=[failure, ok({"id": 1})])
    result = run("publish", str(payload_file), "--execute")
    assert result.code == 1
    assert route.call_count == 1
    assert "MAY HAVE BEEN PUBLISHED" in result.err
    # the same server (and team) as the publish: the check must look where the post went
    assert f"socialecho --base-url {BASE} articles --account-id 5" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def test_invalid_payload_names_the_field_and_sends_nothing(
    run: Run, publish_route: respx.Route, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**PAYLOAD, "status": 3}), encoding="utf-8")
    for extra in ([], ["--execute"]):
        result = run("publish", str(path), *extra)
        assert result.code == 2
        assert "invalid payload: status" in result.err
    assert publish_route.call_count == 0


def test_platform_rules_apply(run: Run, publish_route: respx.Route, payload_file: Path) -> None:
    wrong_type = run("publish", str(payload_file), "--platform", "youtube", "--execute")
    assert wrong_type.code == 2
    assert "type" in wrong_type.err
    unknown = run("publish", str(payload_file), "--platform", "myspace")
    assert unknown.code == 2
    assert "--platform" in unknown.err
    assert publish_route.call_count == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read payload file"),
        (b"{not json", ": not valid JSON: Expecting property name"),
        (b"[1, 2]", "must hold a JSON object"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
    ids=["missing", "not-json", "array", "binary"],
)
def test_unreadable_payload_is_a_usage_error(
    run: Run, publish_route: respx.Route, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "payload.json"
    if content is not None:
        path.write_bytes(content)
    result = run("publish", str(path))
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert publish_route.call_count == 0


def test_payload_from_stdin(run: Run, publish_route: respx.Route, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(PAYLOAD)))
    result = run("publish", "-", "--json")
    assert result.code == 0, result.err
    assert result.json()["body"] == PAYLOAD
    assert publish_route.call_count == 0


def test_csv_does_not_apply(run: Run, publish_route: respx.Route, payload_file: Path) -> None:
    result = run("publish", str(payload_file), "--csv", "--execute")
    assert result.code == 2
    assert "--csv" in result.err
    assert publish_route.call_count == 0
