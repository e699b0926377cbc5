"""Regressions of a break-it pass on the mock: nesting, contracts with query parameters, success codes
from the spec, set_data on every page, strict uploads, RFC details (bearer case, uri format), oversized
integers and the port of base_url."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from socialecho_client import SocialEcho

from conftest import shared_dir
from socialecho_kit.mock import load_contract, mock_socialecho

BASE = "https://api.socialecho.net"
AUTH = {"Authorization": "Bearer se_mock_test"}
V2 = "export-v2.1.0.openapi.json"


def _get(path: str, **kwargs: Any) -> httpx.Response:
    headers = kwargs.pop("headers", AUTH)
    return httpx.request("GET", f"{BASE}{path}", headers=headers, **kwargs)


def test_a_nested_mock_is_refused_not_silently_ignored() -> None:
    with mock_socialecho(seed=1) as outer:
        with pytest.raises(RuntimeError, match="already active"), mock_socialecho(seed=2):
            pass
        assert _get("/v1/team", json={}).status_code == 200  # the outer one still answers
    assert len(outer.calls) == 1
    with mock_socialecho(seed=3) as again:  # and a new one may start after it
        _get("/v1/team", json={})
    assert len(again.calls) == 1


# ---- a contract whose GET parameters are query parameters (the vendor's v2.1.0 export)


@pytest.fixture(scope="module")
def v2_spec() -> str:
    return str(shared_dir() / "vendor-specs" / V2)


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({}, 400, "start_date"),  # required
        ({"start_date": "2026-01-01", "end_date": "2026-01-31", "time_type": 9}, 400, "time_type"),
        ({"start_date": "2026-01-01", "end_date": "2026-01-31", "time_type": 1, "evil": 1}, 400, "evil"),
        ({"start_date": "2026-01-01", "end_date": "2026-01-31", "time_type": 1}, 200, ""),
    ],
    ids=["missing-required", "bad-enum", "unknown-parameter", "valid"],
)
def test_query_parameters_of_a_contract_are_validated(
    v2_spec: str, query: dict[str, Any], status: int, message: str
) -> None:
    with mock_socialecho(spec=v2_spec) as mock:
        response = _get("/v1/report", params=query)
    assert response.status_code == status, response.text
    assert message in response.json()["message"]
    assert mock.calls[0].wire == "query"  # the contract's own wire: no wire= needed


def test_success_codes_default_to_the_contracts(v2_spec: str) -> None:
    assert load_contract(v2_spec).success_codes == (0,)
    with mock_socialecho(spec=v2_spec):
        codes = {_get("/v1/team").json()["code"] for _ in range(4)}
    assert codes == {0}
    with mock_socialecho():
        codes = {_get("/v1/team", json={}).json()["code"] for _ in range(4)}
    assert codes == {0, 200}  # the patched contract's set


@pytest.mark.parametrize("codes", [("0",), (True,), (0, 1.5)])
def test_success_codes_must_be_integers(codes: tuple[Any, ...]) -> None:
    with (
        pytest.raises(ValueError, match="success_codes must be integers"),
        mock_socialecho(success_codes=codes),
    ):
        pass


# ---- set_data


def test_set_data_checks_every_page_and_keeps_the_data_in_force() -> None:
    good = [{"id": i} for i in range(1, 11)]
    with mock_socialecho() as mock:
        mock.set_data("listArticles", good)
        with pytest.raises(ValueError, match="page 2: "):
            mock.set_data("listArticles", [*good, {"id": "eleven"}])
        client = SocialEcho("se_mock_test", rate_limit=None)
        assert [a.id for a in client.articles.iter_all()] == list(range(1, 11))
        mock.set_data("getTeam", {"id": 7})
        with pytest.raises(ValueError, match="breaks the contract"):
            mock.set_data("getTeam", {"id": "seven"})
        assert client.team.get().data.id == 7
        client.close()


# ---- uploads


def test_uploads_only_to_handed_out_urls_with_their_content_type_and_bytes() -> None:
    with mock_socialecho(seed=2) as mock:
        ticket = _get("/v1/upload/url", json={"content_type": "image/png"}).json()["data"]
        url = ticket["upload_url"]
        answers = {
            "ok": httpx.put(url, content=b"png", headers={"Content-Type": "image/png"}),
            "other-type": httpx.put(url, content=b"png", headers={"Content-Type": "text/html"}),
            "empty": httpx.put(url, content=b"", headers={"Content-Type": "image/png"}),
            "plain-http": httpx.put(
                url.replace("https:", "http:"), content=b"png", headers={"Content-Type": "image/png"}
            ),
            "made-up": httpx.put(
                "https://upload.mock.socialecho.invalid/whatever",
                content=b"png",
                headers={"Content-Type": "image/png"},
            ),
        }
    assert {name: r.status_code for name, r in answers.items()} == {
        "ok": 200,
        "other-type": 400,
        "empty": 400,
        "plain-http": 404,
        "made-up": 404,
    }
    assert "signed for Content-Type image/png" in answers["other-type"].text
    assert [c.accepted for c in mock.uploads] == [True, False, False, False, False]


# ---- details


def test_the_bearer_scheme_name_is_case_insensitive() -> None:
    with mock_socialecho():
        assert _get("/v1/team", json={}, headers={"Authorization": "bearer se_x"}).status_code == 200


def test_uri_format_is_checked() -> None:
    payload = {
        "account_id": 1,
        "type": "post",
        "status": 0,
        "comment": [],
        "extra": {},
        "attachments": [{"url": "not a url"}],
    }
    with mock_socialecho():
        response = httpx.post(f"{BASE}/v1/publish/article", json=payload, headers=AUTH)
    assert response.status_code == 400
    assert "attachments[0].url" in response.json()["message"]


def test_oversized_integers_are_a_400_not_a_crash() -> None:
    huge = "9" * 5000
    with mock_socialecho():
        header = _get("/v1/team", json={}, headers={**AUTH, "X-Team-Id": huge})
    with mock_socialecho(wire="query"):
        query = _get("/v1/account", params={"page": huge})
    assert (header.status_code, query.status_code) == (400, 400)


def test_the_port_of_base_url_is_part_of_what_is_mocked() -> None:
    with mock_socialecho(base_url="http://127.0.0.1:8000") as mock:
        assert httpx.request("GET", "http://127.0.0.1:8000/v1/team", json={}, headers=AUTH).status_code == 200
        with pytest.raises(Exception, match=r"not mocked"):
            httpx.get("http://127.0.0.1:9999/v1/team", headers=AUTH)
    assert len(mock.calls) == 1
