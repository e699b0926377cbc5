"""The live drift probe, against real HTTP servers on 127.0.0.1 that speak one contract each."""

from __future__ import annotations

import datetime
import io
import itertools
import json
import logging
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.servers import (
    ACCOUNT,
    TEAM,
    ContractServer,
    FakeClock,
    Flavour,
    RawAnswer,
    RawServer,
    json_answer,
    serve,
)
from socialecho_kit import drift
from socialecho_kit.mock import ContractSpec

KEY = "se_drift_probe_secret_key_42"
TODAY = datetime.date(2026, 4, 20)
READ_ONLY = [
    "getTeam",
    "listAccounts",
    "listArticles",
    "getReport",
    "getUploadUrl",
    "listRedditCommunities",
    "listPinterestBoards",
]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_server(contract: ContractSpec, clock: FakeClock) -> Iterator[Any]:
    with_servers: list[Any] = []

    def make(flavour: Flavour, **options: Any) -> tuple[ContractServer, str]:
        app = ContractServer(flavour, contract, clock=clock, **options)
        context = serve(app)
        url = context.__enter__()
        with_servers.append(context)
        return app, url

    yield make
    for context in reversed(with_servers):
        context.__exit__(None, None, None)


def _run(
    url: str | None, out: Path, clock: FakeClock, *args: str, key: str | None = KEY
) -> tuple[int, dict[str, Any] | None, str]:
    environ = {} if key is None else {"SOCIALECHO_API_KEY": key}
    if url is not None:
        environ["SOCIALECHO_BASE_URL"] = url
    code = drift.main(
        ["--out-dir", str(out), *args], environ=environ, clock=clock, sleep=clock.sleep, today=TODAY
    )
    report_file = out / "drift-report.json"
    report = json.loads(report_file.read_text()) if report_file.exists() else None
    markdown = (out / "drift-report.md").read_text() if (out / "drift-report.md").exists() else ""
    return code, report, markdown


def _by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {op["operation_id"]: op for op in report["operations"]}


def test_v210_server_reports_wire_and_envelope_drift_for_every_operation(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, url = make_server("v2.1.0")
    code, report, markdown = _run(url, tmp_path, clock)
    assert code == 1
    assert report is not None
    ops = _by_id(report)
    assert report["summary"] == {"ok": 0, "drift": 7, "error": 0, "skipped": 1, "verdict": "drift"}
    for operation_id in READ_ONLY:
        op = ops[operation_id]
        assert op["verdict"] == "drift", operation_id
        assert op["wire"]["configured"] == "json-body"
        assert op["wire"]["accepted"] == ["query"]
        assert [(a["wire"], a["http_status"], a["accepted"]) for a in op["wire"]["attempts"]] == [
            ("json-body", 400, False),
            ("query", 200, True),
        ]
        assert (op["http_status"], op["code"]) == (200, 0)
        assert op["unknown_fields"] == ["$.meta"]
        kinds = {finding["kind"] for finding in op["findings"]}
        assert kinds == {"wire", "envelope"}, op["findings"]
        wire_finding = next(f["detail"] for f in op["findings"] if f["kind"] == "wire")
        assert "rejected the json-body wire format" in wire_finding
        assert "GET requests must not carry a body" in wire_finding
        assert op["request_id"].startswith("req-")
    assert ops["publishArticle"]["verdict"] == "skipped"
    assert "--include-writes" in ops["publishArticle"]["note"]
    # Realistic inputs in the query wire: the discovered account, the last 7 days, bracketed arrays.
    report_query = [s.query for s in app.seen if s.path == "/v1/report" and s.query]
    assert report_query == [
        [
            ("start_date", "2026-04-13"),
            ("end_date", "2026-04-20"),
            ("time_type", "1"),
            ("account_ids[]", "163751"),
        ]
    ]
    reddit = [s.query for s in app.seen if s.path == "/v1/reddit/communities" and s.query]
    assert reddit == [[("account_id", "163751")]]
    assert all(s.method == "GET" for s in app.seen)  # publish never ran
    assert "| getReport (GET /v1/report) | query (rejected: json-body) | 200 | 0 | drift |" in markdown
    assert "**Result: DRIFT**" in markdown
    assert "- **envelope**: $.meta: field not in the spec" in markdown
    assert "DRIFT: 0 ok, 7 drift, 0 error, 1 skipped" in capsys.readouterr().out


def test_patched_server_passes(make_server: Any, clock: FakeClock, tmp_path: Path) -> None:
    app, url = make_server("patched")
    code, report, markdown = _run(url, tmp_path, clock)
    assert code == 0
    assert report is not None
    assert report["summary"] == {"ok": 7, "drift": 0, "error": 0, "skipped": 1, "verdict": "ok"}
    for operation_id in READ_ONLY:
        op = _by_id(report)[operation_id]
        assert op["verdict"] == "ok"
        assert [(a["wire"], a["http_status"]) for a in op["wire"]["attempts"]] == [("json-body", 200)]
        assert (op["violations"], op["unknown_fields"], op["findings"]) == ([], [], [])
    bodies = {s.path: json.loads(s.body) for s in app.seen}
    assert bodies["/v1/article"] == {"page": 1, "account_ids": [163751]}
    assert bodies["/v1/pinterest/boards"] == {"account_id": 163752}  # the Pinterest account found
    assert len(app.seen) == 7
    assert "**Result: no drift**" in markdown


def test_a_platform_without_an_account_is_skipped_with_a_reason(
    make_server: Any, clock: FakeClock, tmp_path: Path
) -> None:
    _, url = make_server("patched", accounts=[ACCOUNT])  # a Reddit account only
    code, report, _ = _run(url, tmp_path, clock)
    assert code == 0
    assert report is not None
    pinterest = _by_id(report)["listPinterestBoards"]
    assert pinterest["verdict"] == "skipped"
    assert "no Pinterest account" in pinterest["note"]
    assert report["summary"] == {"ok": 6, "drift": 0, "error": 0, "skipped": 2, "verdict": "ok"}


def test_wire_option_changes_the_first_try(make_server: Any, clock: FakeClock, tmp_path: Path) -> None:
    app, url = make_server("v2.1.0")
    code, report, _ = _run(url, tmp_path, clock, "--wire", "query")
    assert code == 1  # the envelope still has a field the spec does not know
    assert report is not None
    for operation_id in READ_ONLY:
        op = _by_id(report)[operation_id]
        assert [a["wire"] for a in op["wire"]["attempts"]] == ["query"]
        assert {f["kind"] for f in op["findings"]} == {"envelope"}
    assert all(not s.body for s in app.seen)


def test_a_parameter_business_error_also_triggers_the_other_wire(
    make_server: Any, clock: FakeClock, tmp_path: Path
) -> None:
    _, url = make_server("v2.1.0", business_error_for_bodies=True)
    code, report, _ = _run(url, tmp_path, clock)
    assert code == 1
    assert report is not None
    team = _by_id(report)["getTeam"]
    assert [(a["wire"], a["http_status"], a["code"], a["accepted"]) for a in team["wire"]["attempts"]] == [
        ("json-body", 200, 10001, False),
        ("query", 200, 0, True),
    ]


def test_at_most_one_request_per_second(make_server: Any, clock: FakeClock, tmp_path: Path) -> None:
    app, url = make_server("v2.1.0")
    _run(url, tmp_path, clock)
    times = [s.at for s in app.seen if s.at is not None]
    assert len(times) == len(app.seen) == 14  # 7 operations, each tried in both wire formats
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 1.0
    assert sum(clock.sleeps) == pytest.approx(13.0)


def test_the_key_never_appears_in_reports_output_or_logs(
    make_server: Any,
    clock: FakeClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    app, url = make_server("v2.1.0", echo_authorization=True)
    caplog.set_level(logging.DEBUG)
    code, report, markdown = _run(url, tmp_path, clock)
    assert code == 1
    assert any(s.authorization == f"Bearer {KEY}" for s in app.seen)  # the key was really sent
    captured = capsys.readouterr()
    report_text = json.dumps(report)
    assert drift.REDACTED in report_text  # the server echoed it; the probe redacted it
    for text in (report_text, markdown, captured.out, captured.err, caplog.text):
        assert KEY not in text


def test_no_key_exits_2(tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _run("http://127.0.0.1:9", tmp_path, clock, key=None)
    assert code == 2
    assert report is None
    assert "SOCIALECHO_API_KEY is not set" in capsys.readouterr().err


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_host_exits_2(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _closed_port()
    code, report, _ = _run(f"http://127.0.0.1:{port}", tmp_path, clock)
    assert code == 2
    assert report is None
    err = capsys.readouterr().err
    assert f"could not reach http://127.0.0.1:{port}" in err
    assert KEY not in err


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://api.socialecho.net", "refusing plain http for api.socialecho.net"),
        ("ftp://127.0.0.1", "must be an http(s) URL"),
    ],
)
def test_plain_http_only_for_loopback(
    base_url: str, expected: str, tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = _run(base_url, tmp_path, clock)
    assert code == 2
    assert report is None
    assert expected in capsys.readouterr().err


def test_rejected_key_exits_2(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, url = make_server("patched", valid_keys=frozenset({"se_another_key"}))
    code, report, _ = _run(url, tmp_path, clock)
    assert code == 2
    assert report is None
    assert "rejected the API key (HTTP 401 on getTeam" in capsys.readouterr().err
    assert len(app.seen) == 1


def test_writes_need_the_flag_and_a_payload(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, url = make_server("patched")
    code, _, _ = _run(url, tmp_path / "a", clock, "--include-writes")
    assert code == 2
    assert "--include-writes needs --publish-payload" in capsys.readouterr().err
    assert app.seen == []
    payload = {
        "account_id": 163751,
        "type": "text",
        "status": 0,
        "comment": [],
        "extra": {"title": "t"},
        "attachments": [],
    }
    payload_file = tmp_path / "payload.json"
    payload_file.write_text(json.dumps(payload))
    code, report, _ = _run(
        url, tmp_path / "b", clock, "--include-writes", "--publish-payload", str(payload_file)
    )
    assert code == 0
    assert report is not None
    assert _by_id(report)["publishArticle"]["verdict"] == "ok"
    posts = [s for s in app.seen if s.method == "POST"]
    assert [json.loads(s.body) for s in posts] == [payload]


def test_skip_option(make_server: Any, clock: FakeClock, tmp_path: Path) -> None:
    app, url = make_server("patched")
    code, report, _ = _run(url, tmp_path, clock, "--skip", "getUploadUrl")
    assert code == 0
    assert report is not None
    assert _by_id(report)["getUploadUrl"]["verdict"] == "skipped"
    assert "/v1/upload/url" not in {s.path for s in app.seen}


def test_schema_violations_carry_their_json_path(contract: ContractSpec) -> None:
    body = {
        "code": "0",
        "message": "success",
        "data": {"page": 1, "per_page": 10, "total": 1, "list": [{"id": "x", "extra_field": 1}]},
    }
    pointer = contract.operations["listAccounts"].responses["200"]
    assert pointer is not None
    violations = contract.violations(pointer, body)
    assert [(v.path, v.message) for v in violations] == [
        ("$.code", "'0' is not of type 'integer'"),
        ("$.code", "'0' is not one of [0, 200]"),
        ("$.data.list[0].id", "'x' is not of type 'integer'"),
    ]
    assert contract.unknown_fields(pointer, body) == ["$.data.list[*].extra_field"]


def test_config_repr_hides_the_key() -> None:
    config = drift.ProbeConfig(api_key=KEY)
    assert KEY not in repr(config)
    with pytest.raises(ValueError, match="one request per second"):
        drift.ProbeConfig(api_key=KEY, min_interval=0.5)


# ------------------------------------------------------------------------- bad settings, bad servers


def _strict_json(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} in a report")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("timeout", ["-1", "0", "nan", "inf", "abc"])
def test_a_bad_timeout_is_a_usage_error(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str], timeout: str
) -> None:
    app, url = make_server("patched")
    code, report, _ = _run(url, tmp_path, clock, "--timeout", timeout)
    assert code == 2
    assert report is None
    assert "--timeout" in capsys.readouterr().err
    assert app.seen == []


@pytest.mark.parametrize("key", ["se_two words", "se_x\r\nX-Injected: 1", "se_NON_ASCII_KÉY", "se_\x7f"])
def test_a_key_that_cannot_be_a_header_stops_the_probe_without_showing_it(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    app, url = make_server("patched")
    code, report, _ = _run(url, tmp_path, clock, key=key)
    assert code == 2
    assert report is None
    err = capsys.readouterr().err
    assert "SOCIALECHO_API_KEY must be printable ASCII" in err
    assert key.strip() not in err
    assert repr(key.strip())[1:-1] not in err
    assert app.seen == []


@pytest.mark.parametrize("team", ["²", "٣", "-1", "1.0"])
def test_team_id_must_be_a_positive_integer(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str], team: str
) -> None:
    app, url = make_server("patched")
    environ = {"SOCIALECHO_API_KEY": KEY, "SOCIALECHO_BASE_URL": url, "SOCIALECHO_TEAM_ID": team}
    code = drift.main(["--out-dir", str(tmp_path)], environ=environ, clock=clock, sleep=clock.sleep)
    assert code == 2
    assert "SOCIALECHO_TEAM_ID must be a positive integer" in capsys.readouterr().err
    assert app.seen == []


def test_base_url_with_credentials_is_refused(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = _run(f"https://user:{KEY}@api.socialecho.net", tmp_path, clock)
    assert code == 2
    assert report is None
    err = capsys.readouterr().err
    assert "must not carry credentials" in err
    assert KEY not in err


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ([], "an OpenAPI document is a JSON object"),
        ({"openapi": "3.0.3", "paths": {}}, "declares no operations"),
        ({"paths": {"/v1/team": {"get": {"responses": {}}}}}, "declares no success codes"),
    ],
    ids=["not-an-object", "no-operations", "no-success-codes"],
)
def test_a_spec_the_probe_cannot_use_is_not_a_pass(
    make_server: Any,
    clock: FakeClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: Any,
    expected: str,
) -> None:
    app, url = make_server("patched")
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    code, report, _ = _run(url, tmp_path / "out", clock, "--spec", str(spec))
    assert code == 2
    assert report is None
    assert expected in capsys.readouterr().err
    assert app.seen == []


def test_an_unknown_skip_is_a_usage_error(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, url = make_server("patched")
    code, _, _ = _run(url, tmp_path, clock, "--skip", "getTeem")
    assert code == 2
    assert "--skip names unknown operations: getTeem" in capsys.readouterr().err
    assert app.seen == []


def test_an_unusable_report_directory_stops_before_any_request(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, url = make_server("patched")
    blocker = tmp_path / "build"
    blocker.write_text("a file where the report directory should be")
    code = drift.main(
        ["--out-dir", str(blocker)],
        environ={"SOCIALECHO_API_KEY": KEY, "SOCIALECHO_BASE_URL": url},
        clock=clock,
        sleep=clock.sleep,
    )
    assert code == 2
    assert "cannot create the report directory" in capsys.readouterr().err
    assert app.seen == []


def _team_first(answer: RawAnswer) -> Any:
    """getTeam answers well (so the probe runs); every other operation gets ``answer``."""

    def respond(path: str) -> RawAnswer:
        if path == "/v1/team":
            return json_answer(200, {"code": 0, "message": "ok", "request_id": "r-1", "data": TEAM})
        return answer

    return respond


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            RawAnswer(302, b"", (("Location", "https://elsewhere.example/v1/account?sig=1"),)),
            "HTTP 302, redirected to https://elsewhere.example/v1/account (not followed)",
        ),
        (
            RawAnswer(200, b"not gzip", (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))),
            "DecodingError",
        ),
        (RawAnswer(200, b'{"code": NaN, "message": "ok", "data": {}}'), "NaN is not a JSON value"),
        (RawAnswer(200, b"[" * 100_000 + b"]" * 100_000), "nested too deeply"),
        (
            RawAnswer(200, b"<html>hi</html>", (("Content-Type", "text/html"),)),
            "not JSON (Content-Type text/html)",
        ),
        (RawAnswer(200, b""), "the body is empty"),
    ],
    ids=["redirect", "bad-gzip", "nan", "deep", "html", "empty"],
)
def test_a_misbehaving_server_gives_error_verdicts_not_tracebacks(
    clock: FakeClock, tmp_path: Path, answer: RawAnswer, expected: str
) -> None:
    app = RawServer(_team_first(answer))
    with serve(app) as url:
        code, report, markdown = _run(url, tmp_path, clock)
    assert code == 1
    assert report is not None
    ops = _by_id(report)
    assert ops["getTeam"]["verdict"] == "ok"
    assert ops["listAccounts"]["verdict"] == "error"
    assert expected in ops["listAccounts"]["findings"][0]["detail"]
    assert expected in markdown
    _strict_json((tmp_path / "drift-report.json").read_text())  # a report jq can read
    assert {s.path for s in app.seen} <= {
        "/v1/team",
        "/v1/account",
        "/v1/article",
        "/v1/report",
        "/v1/upload/url",
    }


def test_server_text_cannot_inject_html_into_the_markdown_report(clock: FakeClock, tmp_path: Path) -> None:
    hostile = {"code": 400, "message": "<img src=x onerror=alert(1)> | col", "request_id": "r`2"}
    app = RawServer(_team_first(json_answer(400, hostile)))
    with serve(app) as url:
        code, _, markdown = _run(url, tmp_path, clock)
    assert code == 1
    assert "<img" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt; \\| col" in markdown


def test_the_publish_payload_goes_to_publish_article_only(
    patched_spec: dict[str, Any], clock: FakeClock, tmp_path: Path
) -> None:
    """A later contract adds other writes (v2.1.0: POST /v1/tiktokshop/products/sync): never probed."""
    spec = json.loads(json.dumps(patched_spec))
    spec["paths"]["/v1/things/sync"] = {
        "post": {
            "operationId": "syncThings",
            "x-socialecho-resend-safe": False,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            "responses": spec["paths"]["/v1/publish/article"]["post"]["responses"],
        }
    }
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec))
    payload = {
        "account_id": 163751,
        "type": "text",
        "status": 0,
        "comment": [],
        "extra": {},
        "attachments": [],
    }
    payload_file = tmp_path / "payload.json"
    payload_file.write_text(json.dumps(payload))
    data = {"/v1/publish/article": {"id": 555}}
    app = RawServer(
        lambda path: json_answer(
            200, {"code": 0, "message": "ok", "request_id": "r", "data": data.get(path, TEAM)}
        )
    )
    with serve(app) as url:
        _, report, _ = _run(
            url,
            tmp_path / "out",
            clock,
            "--spec",
            str(spec_file),
            "--include-writes",
            "--publish-payload",
            str(payload_file),
            "--skip",
            "listAccounts",
        )
    assert report is not None
    ops = _by_id(report)
    assert ops["syncThings"]["verdict"] == "skipped"
    assert "never sends it" in ops["syncThings"]["note"]
    posts = [(s.path, json.loads(s.body)) for s in app.seen if s.method == "POST"]
    assert posts == [("/v1/publish/article", payload)]


def test_a_publish_payload_that_is_not_strict_json_is_never_sent(
    make_server: Any, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, url = make_server("patched")
    payload_file = tmp_path / "payload.json"
    # NaN passes the schema's "minimum: 0" (NaN < 0 is false); json.dumps would then send the non-JSON NaN.
    payload_file.write_text(
        '{"account_id": 163751, "type": "text", "status": 0, "comment": [], "attachments": [],'
        ' "extra": {"selected_music": {"duration": NaN}}}'
    )
    code, report, _ = _run(url, tmp_path, clock, "--include-writes", "--publish-payload", str(payload_file))
    assert code == 2
    assert report is None
    assert "NaN is not a JSON value" in capsys.readouterr().err
    assert app.seen == []


# ---- regressions of a second break-it pass


@pytest.mark.parametrize("status", [400, 401])
def test_a_key_echoed_after_a_long_message_leaves_no_piece(
    clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str], status: int
) -> None:
    """Shortened only after redaction: a key cut by the 200-character limit would survive in part."""
    for pad in (170, 175, 190):
        echo = {"code": status, "message": "y" * pad + " bad key " + KEY, "request_id": "r-9"}
        app = RawServer(lambda path, echo=echo: json_answer(status, echo))  # type: ignore[misc]
        with serve(app) as url:
            _run(url, tmp_path, clock)
        captured = capsys.readouterr()
        written = [p.read_text() for p in tmp_path.glob("drift-report.*")]
        for text in (captured.out, captured.err, *written):
            for length in range(8, len(KEY) + 1):
                assert KEY[:length] not in text, (pad, length)


def test_a_deeply_nested_answer_is_an_error_verdict_with_reports(clock: FakeClock, tmp_path: Path) -> None:
    deep = b'{"code": 0, "message": "ok", "data": {"totals": ' + b"[" * 900 + b"]" * 900 + b"}}"
    app = RawServer(_team_first(RawAnswer(200, deep, (("Content-Type", "application/json"),))))
    with serve(app) as url:
        code, report, _ = _run(url, tmp_path, clock)
    assert code == 1
    assert report is not None
    assert _by_id(report)["getReport"]["verdict"] in ("drift", "error")
    _strict_json((tmp_path / "drift-report.json").read_text())


def test_a_code_beyond_float_range_keeps_the_report_json(clock: FakeClock, tmp_path: Path) -> None:
    answer = RawAnswer(
        200, b'{"code": 1e400, "message": "ok", "data": {}}', (("Content-Type", "application/json"),)
    )
    with serve(RawServer(_team_first(answer))) as url:
        code, report, _ = _run(url, tmp_path, clock)
    assert code == 1
    assert report is not None
    accounts = _by_id(report)["listAccounts"]
    assert accounts["verdict"] == "error"
    assert "1e400 is beyond the range of a JSON number" in accounts["findings"][0]["detail"]
    _strict_json((tmp_path / "drift-report.json").read_text())


def test_a_rate_limited_probe_stops_and_sends_nothing_more(
    clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    limited = RawAnswer(429, b'{"code": 429, "message": "slow down"}', (("Retry-After", "30"),))
    app = RawServer(_team_first(limited))
    with serve(app) as url:
        code, _, _ = _run(url, tmp_path, clock)
    assert code == 2
    assert len(app.seen) == 2  # getTeam, then the first 429: nothing after it
    assert "rate-limited the probe (HTTP 429 on listAccounts, Retry-After 30)" in capsys.readouterr().err


class _Drip(httpx.SyncByteStream):
    """A body that arrives in pieces, each advancing the probe's clock (no real waiting)."""

    def __init__(self, body: bytes, clock: FakeClock, seconds_per_piece: float) -> None:
        self.body, self.clock, self.seconds = body, clock, seconds_per_piece

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.body), 10):
            self.clock.now += self.seconds
            yield self.body[start : start + 10]


@pytest.mark.parametrize(("seconds_per_piece", "in_time"), [(1.5, False), (0.01, True)])
def test_timeout_bounds_the_whole_answer_not_each_read(
    clock: FakeClock, tmp_path: Path, seconds_per_piece: float, in_time: bool
) -> None:
    body = json.dumps({"code": 0, "message": "ok", "data": TEAM}).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Drip(body, clock, seconds_per_piece))

    config = drift.ProbeConfig(api_key=KEY, timeout=2.0, skip=frozenset(drift.READ_ONLY_PLAN[1:]))
    transport = httpx.MockTransport(handler)
    if in_time:
        report = drift.run_probe(config, clock=clock, sleep=clock.sleep, today=TODAY, transport=transport)
        assert [op.verdict for op in report.operations if op.operation_id == "getTeam"] == ["ok"]
    else:
        with pytest.raises(drift.ProbeError, match="took longer than 2 s in all"):
            drift.run_probe(config, clock=clock, sleep=clock.sleep, today=TODAY, transport=transport)


def test_server_made_paths_stay_inside_inline_code(clock: FakeClock, tmp_path: Path) -> None:
    hostile = {"code": 0, "message": "ok", "data": {**TEAM, "x`<b>`|": 1}}

    def respond(path: str) -> RawAnswer:
        return json_answer(200, hostile)

    with serve(RawServer(respond)) as url:
        code, report, markdown = _run(url, tmp_path, clock)
    assert code == 1
    assert report is not None
    assert _by_id(report)["getTeam"]["unknown_fields"] == ['$.data["x`<b>`|"]']
    assert 'Fields the spec does not know: ``$.data["x`<b>`\\|"]``' in markdown


def test_drift_found_is_exit_1_even_when_nobody_reads_the_summary(
    make_server: Any, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    _, url = make_server("v2.1.0")
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code, report, _ = _run(url, tmp_path, clock)
    assert code == 1
    assert report is not None


def test_an_injected_transport_may_answer_with_ordinary_responses(clock: FakeClock) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"code": 0, "message": "ok", "data": TEAM})

    config = drift.ProbeConfig(api_key=KEY, skip=frozenset(drift.READ_ONLY_PLAN[1:]))
    report = drift.run_probe(
        config, clock=clock, sleep=clock.sleep, today=TODAY, transport=httpx.MockTransport(handler)
    )
    assert [op.verdict for op in report.operations if op.operation_id == "getTeam"] == ["ok"]


def test_non_finite_numbers_anywhere_keep_the_report_json(clock: FakeClock, tmp_path: Path) -> None:
    answer = RawAnswer(
        200, b'{"code": {"a": [1e400]}, "message": "ok", "data": {}}', (("Content-Type", "application/json"),)
    )
    with serve(RawServer(_team_first(answer))) as url:
        code, _, _ = _run(url, tmp_path, clock)
    assert code == 1
    _strict_json((tmp_path / "drift-report.json").read_text())


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SOCIALECHO_BASE_URL": ""}, "SOCIALECHO_BASE_URL is set but empty"),
        (
            {"SOCIALECHO_BASE_URL": "http://127.0.0.1:9", "SOCIALECHO_TEAM_ID": "9" * 5000},
            "SOCIALECHO_TEAM_ID",
        ),
    ],
    ids=["empty-base-url", "huge-team-id"],
)
def test_bad_settings_exit_2_before_any_request(
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    environ: dict[str, str],
    message: str,
) -> None:
    code = drift.main(
        ["--out-dir", str(tmp_path)],
        environ={"SOCIALECHO_API_KEY": KEY, **environ},
        clock=clock,
        sleep=clock.sleep,
    )
    assert code == 2
    assert message in capsys.readouterr().err
    assert clock.sleeps == []
