"""The spec-driven mock itself: what it rejects, what it answers, what it records."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from socialecho_kit.mock import ContractSpec, SocialEchoMock, mock_socialecho

BASE = "https://api.socialecho.net"
AUTH = {"Authorization": "Bearer se_mock_test"}
REPORT = {"start_date": "2026-01-01", "end_date": "2026-01-31", "time_type": 1}
ERROR_SCHEMA = "#/components/schemas/ErrorResponse"


def _get(
    path: str, *, json_body: Any = None, headers: dict[str, str] | None = None, **kwargs: Any
) -> httpx.Response:
    with httpx.Client(base_url=BASE) as client:
        if json_body is not None:
            kwargs["json"] = json_body
        return client.request("GET", path, headers=headers if headers is not None else AUTH, **kwargs)


def _assert_error(response: httpx.Response, status: int, contract: ContractSpec) -> str:
    assert response.status_code == status
    body = response.json()
    assert contract.violations(ERROR_SCHEMA, body) == []
    assert body["code"] == status
    assert body["request_id"] == response.headers["X-Request-Id"]
    message = body["message"]
    assert isinstance(message, str)
    return message


# ---------------------------------------------------------------------------------------- rejections


def test_rejects_a_get_without_its_json_body(contract: ContractSpec) -> None:
    with mock_socialecho() as mock:
        response = _get("/v1/report")
    message = _assert_error(response, 400, contract)
    assert "missing JSON request body" in message
    assert [(c.operation_id, c.accepted) for c in mock.calls] == [("getReport", False)]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer "}, {"Authorization": "Bearer"}, {"Authorization": "Basic c2U6eA=="}],
    ids=["missing", "empty-token", "no-token", "basic"],
)
def test_rejects_a_request_without_a_bearer_token(headers: dict[str, str], contract: ContractSpec) -> None:
    with mock_socialecho() as mock:
        response = _get("/v1/team", json_body={}, headers=headers)
    message = _assert_error(response, 401, contract)
    assert "Authorization" in message
    assert mock.calls[0].error == message


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/report", {**REPORT, "time_type": 3}, "time_type"),
        ("/v1/report", {**REPORT, "group": "week"}, "group"),
        ("/v1/account", {"type": 3}, "type"),
        ("/v1/upload/url", {"content_type": "application/pdf"}, "content_type"),
    ],
)
def test_rejects_a_wrong_enum_value_naming_the_field(
    path: str, body: dict[str, Any], field: str, contract: ContractSpec
) -> None:
    with mock_socialecho():
        response = _get(path, json_body=body)
    message = _assert_error(response, 400, contract)
    assert f"invalid parameter(s) {field}:" in message
    assert "is not one of" in message


@pytest.mark.parametrize(
    ("body", "field", "why"),
    [
        ({**REPORT, "start_date": "2026-02-30"}, "start_date", "is not a 'date'"),
        ({**REPORT, "end_date": "31/01/2026"}, "end_date", "is not a 'date'"),
        ({"start_date": "2026-01-01", "end_date": "2026-01-31"}, "time_type", "is a required property"),
        ({**REPORT, "account_ids": [0]}, "account_ids[0]", "less than the minimum"),
        ({**REPORT, "group": None}, "group", "None is not of type 'string'"),
        ({**REPORT, "extra": 1}, "extra", "is not allowed"),
    ],
)
def test_validates_the_body_against_its_schema(
    body: dict[str, Any], field: str, why: str, contract: ContractSpec
) -> None:
    with mock_socialecho():
        response = _get("/v1/report", json_body=body)
    message = _assert_error(response, 400, contract)
    assert f"{field}: " in message
    assert why in message


def test_rejects_a_body_that_is_not_declared_as_json(contract: ContractSpec) -> None:
    with mock_socialecho():
        response = _get("/v1/team", content=b"{}", headers={**AUTH, "Content-Type": "text/plain"})
    assert "Content-Type must be application/json" in _assert_error(response, 400, contract)


def test_rejects_query_parameters_on_a_json_body_operation(contract: ContractSpec) -> None:
    with mock_socialecho():
        response = _get("/v1/account", json_body={}, params={"page": "1"})
    assert "unexpected query parameters (page)" in _assert_error(response, 400, contract)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"X-Team-Id": ""}, "header X-Team-Id is empty"),
        ({"X-Team-Id": "abc"}, "invalid header X-Team-Id"),
        ({"X-Team-Id": "0"}, "invalid header X-Team-Id"),
        ({"X-Lang": "fr"}, "invalid header X-Lang"),
    ],
)
def test_rejects_bad_header_parameters(
    headers: dict[str, str], expected: str, contract: ContractSpec
) -> None:
    with mock_socialecho():
        response = _get("/v1/team", json_body={}, headers={**AUTH, **headers})
    assert expected in _assert_error(response, 400, contract)


def test_unknown_paths_and_wrong_methods(contract: ContractSpec) -> None:
    with mock_socialecho() as mock, httpx.Client(base_url=BASE, headers=AUTH) as client:
        missing = client.get("/v1/oauth/links")
        wrong = client.post("/v1/team", json={})
    assert "no operation GET /v1/oauth/links" in _assert_error(missing, 404, contract)
    assert "method POST not allowed" in _assert_error(wrong, 405, contract)
    assert [c.operation_id for c in mock.calls] == [None, None]


def test_other_hosts_are_not_mocked_unless_routed() -> None:
    with mock_socialecho() as mock:
        with pytest.raises(respx.models.AllMockedAssertionError):
            httpx.get("https://example.org/v1/team")
        assert mock.router is not None
        mock.router.get("https://example.org/ping").respond(204)
        assert httpx.get("https://example.org/ping").status_code == 204
    assert mock.calls == []


def test_base_url_with_a_path_prefix() -> None:
    with mock_socialecho(base_url="http://localhost:8080/api/") as mock:
        ok = httpx.request("GET", "http://localhost:8080/api/v1/team", headers=AUTH, json={})
        with pytest.raises(respx.models.AllMockedAssertionError):  # outside the base URL: not the mock's
            httpx.request("GET", "http://localhost:8080/v1/team", headers=AUTH, json={})
    assert ok.status_code == 200
    assert [c.operation_id for c in mock.calls] == ["getTeam"]


def test_the_mock_accepts_uploads_to_the_urls_it_hands_out() -> None:
    with mock_socialecho(seed=2) as mock:
        ticket = _get("/v1/upload/url", json_body={"content_type": "image/png"}).json()["data"]
        assert ticket["method"] == "PUT"  # the schema's default
        uploaded = httpx.put(
            ticket["upload_url"], content=b"png-bytes", headers={"Content-Type": "image/png"}
        )
        with_key = httpx.put(
            ticket["upload_url"], content=b"x", headers={"Content-Type": "image/png", **AUTH}
        )
    assert (uploaded.status_code, with_key.status_code) == (200, 400)
    assert [(c.accepted, c.params) for c in mock.uploads] == [(True, {"size": 9}), (False, {"size": 1})]
    assert "must not carry the Authorization header" in with_key.text
    assert ticket["public_url"].startswith("https://cdn.mock.socialecho.invalid/")


# ------------------------------------------------------------------------------------------- answers


def test_success_codes_alternate_between_0_and_200(contract: ContractSpec) -> None:
    with mock_socialecho() as mock:
        codes = [_get("/v1/team", json_body={}).json()["code"] for _ in range(4)]
    assert codes == [0, 200, 0, 200]
    assert all(c.accepted for c in mock.calls)
    assert all(contract.violations("#/components/schemas/TeamResponse", c.json()) == [] for c in mock.calls)


def test_success_codes_are_configurable() -> None:
    with mock_socialecho(success_codes=(0,)):
        codes = {_get("/v1/team", json_body={}).json()["code"] for _ in range(3)}
    assert codes == {0}
    with pytest.raises(ValueError, match="success_codes"), mock_socialecho(success_codes=()):
        pass


def _bodies(seed: int) -> list[Any]:
    with mock_socialecho(seed=seed):
        return [
            _get("/v1/article", json_body={"page": 1}).json(),
            _get("/v1/report", json_body=REPORT).json(),
            _get("/v1/team", json_body={}).json(),
        ]


def test_generated_bodies_are_deterministic_per_seed() -> None:
    assert _bodies(7) == _bodies(7)
    assert _bodies(7) != _bodies(8)


def test_every_generated_answer_conforms_to_the_spec(contract: ContractSpec) -> None:
    bodies = {
        "/v1/team": {},
        "/v1/account": {"page": 2, "type": 1},
        "/v1/article": {"account_ids": [1, 2]},
        "/v1/report": {**REPORT, "group": "day"},
        "/v1/upload/url": {"content_type": "image/png"},
        "/v1/reddit/communities": {"account_id": 3},
        "/v1/pinterest/boards": {"account_id": 3},
    }
    with mock_socialecho(seed=11) as mock:
        for seed_round in range(5):
            for path, body in bodies.items():
                assert _get(path, json_body=body).status_code == 200, (seed_round, path)
    for call in mock.calls:
        assert call.operation_id is not None
        pointer = contract.operations[call.operation_id].responses["200"]
        assert pointer is not None
        assert contract.violations(pointer, call.json()) == []


def test_generated_pages_are_consistent() -> None:
    with mock_socialecho(seed=3):
        for page in (1, 2, 5):
            data = _get("/v1/account", json_body={"page": page}).json()["data"]
            assert data["page"] == page
            assert data["total"] == (page - 1) * data["per_page"] + len(data["list"])
            assert len(data["list"]) < data["per_page"]  # so a pager stops here


def test_set_data_serves_pages_of_a_fixed_list() -> None:
    accounts = [{"id": i, "app": "Instagram"} for i in range(1, 13)]
    with mock_socialecho() as mock:
        mock.set_data("listAccounts", accounts, per_page=5)
        pages = [_get("/v1/account", json_body={"page": p}).json()["data"] for p in (1, 2, 3)]
    assert [[a["id"] for a in page["list"]] for page in pages] == [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
        [11, 12],
    ]
    assert {page["total"] for page in pages} == {12}


def test_set_data_refuses_data_that_breaks_the_contract() -> None:
    with mock_socialecho() as mock:
        with pytest.raises(ValueError, match=r"data for getTeam breaks the contract: \$\.data\.id"):
            mock.set_data("getTeam", {"id": "not-an-int"})
        with pytest.raises(KeyError, match="unknown operation"):
            mock.set_data("getTeams", {})


def test_queued_responses_come_first_and_in_order(contract: ContractSpec) -> None:
    with mock_socialecho() as mock:
        mock.queue(
            "getTeam",
            httpx.Response(429, headers={"Retry-After": "1"}, json={"code": 429, "message": "slow down"}),
            {"code": 0, "message": "ok", "data": {"id": 5}},
            lambda request, params: httpx.Response(
                200, json={"code": 200, "message": "ok", "data": {"id": 6}}
            ),
        )
        rejected = _get("/v1/team")  # invalid: no body; does not consume the queue
        answers = [_get("/v1/team", json_body={}) for _ in range(4)]
    assert rejected.status_code == 400
    assert [a.status_code for a in answers] == [429, 200, 200, 200]
    assert [a.json()["data"]["id"] for a in answers[1:3]] == [5, 6]
    assert contract.violations("#/components/schemas/TeamResponse", answers[3].json()) == []


def test_records_every_call_with_its_decoded_parameters() -> None:
    with mock_socialecho() as mock:
        _get("/v1/report", json_body={**REPORT, "account_ids": [4, 5]}, headers={**AUTH, "X-Team-Id": "9"})
        _get("/v1/team")
    first, second = mock.calls
    assert (first.operation_id, first.wire, first.accepted, first.error) == (
        "getReport",
        "json-body",
        True,
        None,
    )
    assert first.params == {**REPORT, "account_ids": [4, 5]}
    assert first.request.headers["X-Team-Id"] == "9"
    assert (second.accepted, second.status_code) == (False, 400)
    assert mock.calls_for("getReport") == [first]
    assert mock.accepted_calls == [first]
    mock.reset()
    assert mock.calls == []


# ---------------------------------------------------------------------------------------- query wire


def test_query_wire_decodes_bracketed_arrays() -> None:
    params = [*REPORT.items(), ("account_ids[]", 4), ("account_ids[]", 5), ("group", "app")]
    with mock_socialecho(wire="query") as mock:
        response = _get("/v1/report", params=params)
    assert response.status_code == 200
    assert mock.calls[0].wire == "query"
    assert mock.calls[0].params == {**REPORT, "account_ids": [4, 5], "group": "app"}


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"json_body": REPORT}, "a GET must not carry a body"),
        ({"params": [*REPORT.items(), ("account_ids", "4,5")]}, "repeat the bracketed key"),
        ({"params": [*REPORT.items(), ("time_type[]", 1)]}, "time_type is not an array"),
        ({"params": {**REPORT, "time_type": "x"}}, "time_type: 'x' is not one of"),
        ({"params": {"start_date": "2026-01-01"}}, "'end_date' is a required property"),
    ],
)
def test_query_wire_rejections(kwargs: dict[str, Any], expected: str, contract: ContractSpec) -> None:
    with mock_socialecho(wire="query"):
        response = _get("/v1/report", **kwargs)
    assert expected in _assert_error(response, 400, contract)


def test_query_wire_leaves_publish_a_json_post() -> None:
    payload = {"account_id": 1, "type": "post", "status": 0, "comment": [], "extra": {}, "attachments": []}
    with mock_socialecho(wire="query") as mock, httpx.Client(base_url=BASE, headers=AUTH) as client:
        response = client.post("/v1/publish/article", json=payload)
    assert response.status_code == 200
    assert (mock.calls[0].wire, mock.calls[0].params) == ("json-body", payload)


def test_query_wire_from_the_spec_extension(patched_spec: dict[str, Any]) -> None:
    spec = json.loads(json.dumps(patched_spec))
    spec["paths"]["/v1/team"]["get"]["x-socialecho-wire"] = "query"
    with mock_socialecho(spec=spec) as mock:
        assert _get("/v1/team").status_code == 200
        assert _get("/v1/account", json_body={}).status_code == 200  # still json-body
    assert [c.wire for c in mock.calls] == ["query", "json-body"]


# ------------------------------------------------------------------------------------------- fixture


@pytest.mark.socialecho_mock(wire="query", success_codes=(200,), seed=5)
def test_fixture_takes_options_from_the_marker(socialecho_mock: SocialEchoMock) -> None:
    assert (socialecho_mock.wire, socialecho_mock.success_codes, socialecho_mock.seed) == ("query", (200,), 5)
    assert _get("/v1/team").json()["code"] == 200
    assert socialecho_mock.calls[0].wire == "query"


def test_fixture_works_downstream_with_pytest_plugins(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["socialecho_kit.pytest_plugin"]\n')
    (tmp_path / "test_downstream.py").write_text(
        textwrap.dedent(
            """
            import httpx
            import pytest
            from socialecho_client import AuthenticatedClient
            from socialecho_client.api.accounts import list_accounts
            from socialecho_client.models import ListAccountsBody

            def test_lists(socialecho_mock):
                socialecho_mock.set_data("listAccounts", [{"id": 41}, {"id": 42}])
                client = AuthenticatedClient(base_url="https://api.socialecho.net", token="se_x")
                page = list_accounts.sync(client=client, body=ListAccountsBody(page=1))
                assert [a.id for a in page.data.list_] == [41, 42]
                assert socialecho_mock.calls_for("listAccounts")[0].accepted

            def test_readme_example(socialecho_mock):
                from socialecho_client import SocialEcho

                client = SocialEcho(api_key="se_test")
                report = client.reports.get("2026-01-01", "2026-01-31", time_type=1)
                call = socialecho_mock.calls_for("getReport")[0]
                assert call.accepted
                assert call.params == {"start_date": "2026-01-01", "end_date": "2026-01-31", "time_type": 1}
                assert report.code in (0, 200)

            @pytest.mark.socialecho_mock(wire="query")
            def test_marker(socialecho_mock):
                response = httpx.get(
                    "https://api.socialecho.net/v1/team", headers={"Authorization": "Bearer se_x"}
                )
                assert response.status_code == 200
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


# ------------------------------------------------------------------------------- schema semantics


def test_openapi_30_semantics_of_the_validator(contract: ContractSpec) -> None:
    team = "#/components/schemas/Team"
    assert contract.violations(team, {"id": 1, "code": None, "title": None, "timezone": None}) == []
    assert [v.path for v in contract.violations(team, {"id": None})] == ["$.id"]  # id is not nullable
    synthetic = ContractSpec(
        {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {
                "schemas": {
                    "Inner": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}},
                    "Outer": {
                        "type": "object",
                        "properties": {
                            "choice": {"type": "string", "enum": ["x"], "nullable": True},
                            "inner": {"allOf": [{"$ref": "#/components/schemas/Inner"}], "nullable": True},
                            "day": {"type": "string", "format": "date"},
                        },
                    },
                    "Both": {
                        "allOf": [
                            {"$ref": "#/components/schemas/Inner"},
                            {"type": "object", "properties": {"k": {"type": "string"}}},
                        ]
                    },
                }
            },
        }
    )
    outer = "#/components/schemas/Outer"
    assert synthetic.violations(outer, {"choice": None, "inner": None, "day": "2024-02-29"}) == []
    problems = synthetic.violations(outer, {"choice": "y", "inner": {"n": "1"}, "day": "2023-02-29"})
    assert [(p.path, p.field) for p in problems] == [
        ("$.choice", "choice"),
        ("$.day", "day"),
        ("$.inner.n", "inner.n"),
    ]
    assert synthetic.unknown_fields(outer, {"inner": {"n": 1, "m": 2}, "z": 0}) == ["$.inner.m", "$.z"]
    both = "#/components/schemas/Both"
    assert synthetic.unknown_fields(both, {"n": 1, "k": "x"}) == []
    assert synthetic.unknown_fields(both, {"n": 1, "q": 1}) == ["$.q"]


# ------------------------------------------------------------------------------ strictness (hardening)


PUBLISH = {"account_id": 1, "type": "post", "status": 0, "comment": [], "extra": {}, "attachments": []}
MUSIC = {
    "url": "https://cdn.example.com/m.mp3",
    "uuid": "m-1",
    "cover": "https://cdn.example.com/m.jpg",
    "title": "Song",
    "artist": "Band",
    "selection": "none",
    "music_volume": 50,
    "original_sound_volume": 50,
}


@pytest.mark.parametrize(
    ("path", "content", "expected"),
    [
        ("/v1/account", b"\xef\xbb\xbf{}", "byte order mark"),
        ("/v1/account", "{}".encode("utf-16"), "'utf-8' codec can't decode"),
        ("/v1/account", b'{"page": 1, "page": 2}', "duplicate key 'page'"),
        ("/v1/account", b'{"page": NaN}', "NaN is not a JSON value"),
        # NaN >= 0 is false, so a schema "minimum: 0" alone would let it through.
        (
            "/v1/publish/article",
            json.dumps(
                {**PUBLISH, "extra": {"selected_music": {**MUSIC, "duration": float("nan")}}}
            ).encode(),
            "NaN is not a JSON value",
        ),
        ("/v1/account", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=["bom", "utf-16", "duplicate-key", "nan", "nan-in-a-number-field", "deep"],
)
def test_rejects_bodies_that_are_not_strict_json(
    path: str, content: bytes, expected: str, contract: ContractSpec
) -> None:
    method = "POST" if path == "/v1/publish/article" else "GET"
    with mock_socialecho() as mock, httpx.Client(base_url=BASE) as client:
        response = client.request(
            method, path, content=content, headers={**AUTH, "Content-Type": "application/json"}
        )
    message = _assert_error(response, 400, contract)
    assert "request body is not valid JSON" in message
    assert expected in message
    assert not mock.calls[0].accepted


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("application/json", 200),
        ("Application/JSON; charset=utf-8", 200),
        ("application/json-patch+json", 400),
        ("application/vnd.socialecho+json", 400),
        ("application/jsonx", 400),
    ],
)
def test_the_body_media_type_is_the_declared_one(content_type: str, status: int) -> None:
    with mock_socialecho() as mock:
        response = _get("/v1/team", content=b"{}", headers={**AUTH, "Content-Type": content_type})
    assert response.status_code == status
    if status == 400:
        assert "Content-Type must be application/json" in (mock.calls[0].error or "")


@pytest.mark.parametrize("value", ["٣", "３", "+1", "01", "1.0", "1e0"])
def test_query_integers_are_canonical_ascii(value: str, contract: ContractSpec) -> None:
    with mock_socialecho(wire="query"):
        response = _get("/v1/account", params={"page": value})
    assert "page" in _assert_error(response, 400, contract)


@pytest.mark.parametrize("value", ["+5", "05", "5 "])
def test_header_integers_are_canonical(value: str, contract: ContractSpec) -> None:
    with mock_socialecho():
        response = _get("/v1/team", json_body={}, headers={**AUTH, "X-Team-Id": value})
    assert "invalid header X-Team-Id" in _assert_error(response, 400, contract)


def test_query_values_still_decode_to_their_types() -> None:
    params = [("page", "12"), ("type", "2")]
    with mock_socialecho(wire="query") as mock:
        assert _get("/v1/account", params=params).status_code == 200
    assert mock.calls[0].params == {"page": 12, "type": 2}


def test_set_data_needs_a_positive_page_size() -> None:
    with mock_socialecho() as mock:
        for per_page in (0, -1, True):
            with pytest.raises(ValueError, match="per_page"):
                mock.set_data("listAccounts", [{"id": 1}], per_page=per_page)


@pytest.mark.parametrize("document", [[], "openapi", {"paths": []}])
def test_a_document_that_is_not_an_openapi_object_is_refused(document: Any) -> None:
    with pytest.raises(ValueError, match="object"):
        ContractSpec(document)


def test_generated_answers_conform_for_many_seeds(contract: ContractSpec) -> None:
    bodies = {
        ("GET", "/v1/team"): {},
        ("GET", "/v1/account"): {"page": 2},
        ("GET", "/v1/article"): {"account_ids": [1, 2]},
        ("GET", "/v1/report"): {**REPORT, "group": "account"},
        ("GET", "/v1/upload/url"): {"content_type": "video/mp4"},
        ("GET", "/v1/reddit/communities"): {"account_id": 3},
        ("GET", "/v1/pinterest/boards"): {"account_id": 3},
        ("POST", "/v1/publish/article"): PUBLISH,
    }
    checked = 0
    for seed in range(40):
        with mock_socialecho(seed=seed) as mock, httpx.Client(base_url=BASE, headers=AUTH) as client:
            for (method, path), body in bodies.items():
                assert client.request(method, path, json=body).status_code == 200, (seed, path)
        for call in mock.calls:
            assert call.operation_id is not None
            pointer = contract.operations[call.operation_id].responses["200"]
            assert pointer is not None
            answer = call.json()
            assert contract.violations(pointer, answer) == [], (seed, call.operation_id)
            assert contract.unknown_fields(pointer, answer) == [], (seed, call.operation_id)
            checked += 1
    assert checked == 40 * len(bodies)
