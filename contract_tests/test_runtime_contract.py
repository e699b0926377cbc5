"""The runtime client (``socialecho_client.SocialEcho``) against the contract.

* Every method reaches its operation with exactly the parameters the contract expects, in both wire
  formats (the mock speaks the query wire when asked).
* Invalid inputs generated from the schemas are rejected with ``ValidationError`` naming the field,
  before any request (the mock sees nothing).
* The envelope rule: for any JSON value of ``code``, the call succeeds if and only if it is an integer,
  not a boolean, in the spec's success set.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from socialecho_client import BusinessError, SocialEcho, ValidationError

from contract_tests.strategies import FieldPath, invalid_values, json_values, mutation_paths, set_path
from socialecho_kit.mock import ContractSpec, load_contract, mock_socialecho

TOKEN = "se_runtime_contract_token"
Call = Callable[[SocialEcho, dict[str, Any]], Any]

# operationId -> (the runtime method, parameters it is valid with). Body keys are the keyword names.
GET_CALLS: dict[str, tuple[Call, dict[str, Any]]] = {
    "listAccounts": (lambda c, p: c.accounts.list(**p), {"page": 2, "type": 1}),
    "listArticles": (lambda c, p: c.articles.list(**p), {"page": 1, "account_ids": [4, 5]}),
    "getReport": (
        lambda c, p: c.reports.get(**p),
        {
            "start_date": "2026-01-01",
            "end_date": "2026-01-31",
            "time_type": 1,
            "account_ids": [4],
            "group": "day",
        },
    ),
    "getUploadUrl": (lambda c, p: c.uploads.get_url(**p), {"content_type": "image/png", "title": "cover"}),
    "listRedditCommunities": (lambda c, p: c.reddit.communities(**p), {"account_id": 7}),
    "listPinterestBoards": (lambda c, p: c.pinterest.boards(**p), {"account_id": 7}),
}
MUSIC = {
    "url": "https://cdn.example.com/m.mp3",
    "uuid": "m-1",
    "cover": "https://cdn.example.com/m.jpg",
    "title": "Song",
    "artist": "Band",
    "duration": 12.5,
    "selection": "full_track",
    "music_volume": 50,
    "original_sound_volume": 80,
}
PUBLISH = {
    "account_id": 7,
    "type": "post",
    "status": 0,
    "comment": ["first"],
    "content": "hello",
    "extra": {"title": "A title", "flair": {"uuid": "f-1", "title": "News"}, "music": MUSIC},
    "attachments": [{"url": "https://cdn.example.com/a.jpg"}],
}
_CONTRACT = load_contract()


@pytest.fixture(scope="module")
def client() -> Iterator[SocialEcho]:
    # No client-side rate limit and no retries: every example is one request, and nothing waits.
    with SocialEcho(api_key=TOKEN, rate_limit=None, max_retries=0) as runtime_client:
        yield runtime_client


def _pointer(operation_id: str) -> str:
    pointer = _CONTRACT.operations[operation_id].body_pointer
    assert pointer is not None
    return pointer


# ------------------------------------------------------------------------------- valid calls


@pytest.mark.parametrize("operation_id", sorted(GET_CALLS))
@pytest.mark.parametrize("wire", ["json-body", "query"])
def test_runtime_methods_send_their_operation(operation_id: str, wire: str, contract: ContractSpec) -> None:
    call, params = GET_CALLS[operation_id]
    with (
        mock_socialecho(wire="query" if wire == "query" else None) as mock,
        SocialEcho(api_key=TOKEN, rate_limit=None, max_retries=0, wire=wire) as runtime_client,
    ):
        result = call(runtime_client, params)
    assert [(c.operation_id, c.wire, c.accepted) for c in mock.calls] == [(operation_id, wire, True)]
    assert mock.calls[0].params == params
    assert mock.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert result.to_dict() == mock.calls[0].json()


def test_runtime_team_and_publish(client: SocialEcho) -> None:
    with mock_socialecho() as mock:
        team = client.team.get()
        published = client.publish.article(PUBLISH)
    assert [(c.operation_id, c.accepted) for c in mock.calls] == [("getTeam", True), ("publishArticle", True)]
    assert mock.calls[0].params == {}
    assert mock.calls[1].params == PUBLISH
    assert team.to_dict() == mock.calls[0].json()
    assert published.to_dict() == mock.calls[1].json()


def test_runtime_paginates_the_mock(client: SocialEcho) -> None:
    accounts = [{"id": i, "app": "Instagram"} for i in range(1, 24)]
    with mock_socialecho() as mock:
        mock.set_data("listAccounts", accounts, per_page=10)
        ids = [account.id for account in client.accounts.iter_all(type=1)]
    assert ids == list(range(1, 24))
    assert [c.params for c in mock.calls] == [{"page": p, "type": 1} for p in (1, 2, 3)]


def test_runtime_upload_flow_against_the_mock(client: SocialEcho, tmp_path: Path) -> None:
    image = tmp_path / "cover.png"
    image.write_bytes(b"\x89PNG fake image bytes")
    with mock_socialecho() as mock:
        public_url = client.uploads.upload_file(image)
    ticket = mock.calls_for("getUploadUrl")[0]
    assert ticket.params == {"content_type": "image/png"}
    assert public_url == ticket.json()["data"]["public_url"]
    [upload] = mock.uploads
    assert upload.accepted, upload.error
    assert upload.request.headers["Content-Type"] == "image/png"
    assert upload.params == {"size": image.stat().st_size}


# ---------------------------------------------------------------------------- invalid inputs


def _mutations(operation_id: str) -> st.SearchStrategy[tuple[FieldPath, Any]]:
    def paired(path: FieldPath, invalid: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[FieldPath, Any]]:
        return st.tuples(st.just(path), invalid)

    options = [
        paired(path, invalid)
        for path in mutation_paths(_CONTRACT, _pointer(operation_id))
        if (invalid := invalid_values(path.schema, required=path.required)) is not None
    ]
    assert options
    return st.one_of(options)


def _assert_rejected_before_the_network(call: Callable[[], Any], expected_field: str, value: Any) -> None:
    """``call`` raises ValidationError naming ``expected_field`` (or a field inside it); nothing is sent."""
    with mock_socialecho() as mock:
        try:
            call()
        except ValidationError as error:
            field = error.field
        except Exception as error:
            pytest.fail(
                f"{expected_field}={value!r} raised {type(error).__name__}: {error}, not ValidationError"
            )
        else:
            pytest.fail(f"{expected_field}={value!r} breaks the contract but was accepted")
    assert mock.calls == []
    assert field == expected_field or field.startswith((f"{expected_field}.", f"{expected_field}[")), (
        field,
        expected_field,
    )


@pytest.mark.parametrize("operation_id", sorted(GET_CALLS))
def test_runtime_rejects_invalid_parameters_before_the_network(operation_id: str, client: SocialEcho) -> None:
    call, valid = GET_CALLS[operation_id]
    pointer = _pointer(operation_id)
    rejected: list[str] = []

    @given(mutation=_mutations(operation_id))
    def check(mutation: tuple[FieldPath, Any]) -> None:
        path, value = mutation
        params = copy.deepcopy(valid)
        set_path(params, path.parts, value)
        assume(_CONTRACT.violations(pointer, params))  # the contract itself rejects these parameters
        _assert_rejected_before_the_network(lambda: call(client, params), path.dotted, value)
        rejected.append(path.dotted)

    check()
    assert rejected


def test_runtime_rejects_invalid_publish_payloads_before_the_network(client: SocialEcho) -> None:
    pointer = _pointer("publishArticle")
    rejected: set[str] = set()

    @given(mutation=_mutations("publishArticle"))
    def check(mutation: tuple[FieldPath, Any]) -> None:
        path, value = mutation
        payload = copy.deepcopy(PUBLISH)
        set_path(payload, path.parts, value)
        assume(_CONTRACT.violations(pointer, payload))
        _assert_rejected_before_the_network(lambda: client.publish.article(payload), path.dotted, value)
        rejected.add(path.dotted)

    check()
    assert rejected


@pytest.mark.parametrize("operation_id", ["getReport", "listAccounts", "listArticles", "getUploadUrl"])
def test_runtime_rejects_schemathesis_negative_cases(
    operation_id: str, api_schema: Any, client: SocialEcho
) -> None:
    """Negative mode: schemathesis breaks the schema its own way; keep the cases a Python call can express."""
    call, _ = GET_CALLS[operation_id]
    operation = _CONTRACT.operations[operation_id]
    pointer = _pointer(operation_id)
    schema = _CONTRACT.resolved_schema_at(pointer)
    names = set(schema.get("properties", {}))
    required = set(schema.get("required", []))
    strategy = api_schema[operation.path][operation.method].as_strategy(
        generation_mode=GenerationMode.NEGATIVE
    )
    checked: list[int] = []

    # Most negative cases are not expressible as a Python call (not an object, unknown keys): filtered.
    @settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
    @given(case=strategy)
    def check(case: Any) -> None:
        body = case.body
        assume(isinstance(body, dict) and set(body) <= names and required <= set(body))
        # For an optional parameter the Python API reads None as "not given".
        assume(all(value is not None for key, value in body.items() if key not in required))
        assume(_CONTRACT.violations(pointer, body))
        with mock_socialecho() as mock, pytest.raises(ValidationError):
            call(client, dict(body))
        assert mock.calls == []
        checked.append(1)

    check()
    assert checked


# ------------------------------------------------------------------------------ envelope rule

_MISSING = object()
codes = st.one_of(
    st.sampled_from(
        [0, 200, 1, -1, 400, True, False, 0.0, 200.0, "0", "200", "", None, [0], {"code": 0}, _MISSING]
    ),
    st.integers(min_value=-(2**40), max_value=2**40),
    json_values,
)


@given(code=codes)
def test_envelope_rule(code: Any, client: SocialEcho) -> None:
    success = _CONTRACT.success_codes
    body: dict[str, Any] = {"message": "m", "data": {"id": 5}}
    if code is not _MISSING:
        body["code"] = code
    with mock_socialecho() as mock:
        mock.queue("getTeam", body)
        if type(code) is int and code in success:
            assert client.team.get().data.id == 5
        else:
            with pytest.raises(BusinessError) as info:
                client.team.get()
            assert info.value.http_status == 200
            assert info.value.code == (code if type(code) is int else None)
    assert len(mock.calls) == 1
