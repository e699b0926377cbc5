"""Schemathesis property tests: every operation, sent through the generated client, against the mock.

For each operation, schemathesis generates valid parameters (positive mode) from the patched spec; the
test builds the generated body model from them and calls the generated ``sync_detailed`` function. It
then checks both ends of the contract: the mock accepted the request and received exactly the generated
parameters, the response conforms to the spec (schemathesis' response checks), and the generated client
parsed it into its typed model without losing anything.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import checks
from socialecho_client import AuthenticatedClient

from contract_tests.bindings import bind, header_kwargs
from socialecho_kit.mock import DEFAULT_BASE_URL, ContractSpec, load_contract, mock_socialecho

OPERATION_IDS = sorted(load_contract().operations)
RESPONSE_CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.positive_data_acceptance,
]


def _as_httpx(status: int, content: bytes, headers: httpx.Headers, request: httpx.Request) -> httpx.Response:
    response = httpx.Response(status, content=content, headers=headers, request=request)
    response.elapsed = datetime.timedelta(0)
    return response


def test_every_operation_of_the_spec_has_generated_functions(contract: ContractSpec) -> None:
    assert OPERATION_IDS == [
        "getReport",
        "getTeam",
        "getUploadUrl",
        "listAccounts",
        "listArticles",
        "listPinterestBoards",
        "listRedditCommunities",
        "publishArticle",
    ]
    for operation_id in OPERATION_IDS:
        binding = bind(contract, operation_id)
        assert binding.body_model is not None, operation_id  # every operation takes a body in this contract
        assert callable(binding.sync_detailed)
        assert binding.response_model.__name__.endswith("Response")


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_generated_client_speaks_the_contract(
    operation_id: str, contract: ContractSpec, api_schema: Any, generated_client: AuthenticatedClient
) -> None:
    binding = bind(contract, operation_id)
    assert binding.body_model is not None
    body_model: type[Any] = binding.body_model
    strategy = api_schema[binding.path][binding.method].as_strategy()
    seen_codes: set[int] = set()

    @given(case=strategy, seed=st.integers(min_value=0, max_value=10_000))
    def check(case: Any, seed: int) -> None:
        body = body_model.from_dict(case.body)
        # The generated model serialises exactly what it was built from.
        assert body.to_dict() == case.body
        with mock_socialecho(spec=contract, seed=seed) as mock:
            response = binding.sync_detailed(
                client=generated_client, body=body, **header_kwargs(case.headers)
            )
        assert len(mock.calls) == 1
        call = mock.calls[0]
        assert call.accepted, call.error
        assert call.operation_id == operation_id
        assert call.params == case.body
        for name in ("X-Lang", "X-Team-Id"):
            assert call.request.headers.get(name) == (case.headers or {}).get(name)
        assert call.request.headers["Authorization"] == "Bearer se_contract_suite_token"
        assert response.status_code == 200
        case.validate_response(
            _as_httpx(response.status_code, response.content, response.headers, call.request),
            checks=RESPONSE_CHECKS,
        )
        parsed = response.parsed
        assert isinstance(parsed, binding.response_model)
        assert parsed.to_dict() == json.loads(response.content)
        assert parsed.code in contract.success_codes
        seen_codes.add(parsed.code)

    check()
    assert seen_codes  # at least one example ran to the end


@pytest.mark.parametrize("operation_id", ["getTeam", "publishArticle"])
async def test_async_generated_functions_reach_the_mock(operation_id: str, contract: ContractSpec) -> None:
    binding = bind(contract, operation_id)
    assert binding.body_model is not None
    body = {
        "getTeam": {},
        "publishArticle": {
            "account_id": 7,
            "type": "post",
            "status": 0,
            "comment": [],
            "extra": {"title": "hello"},
            "attachments": [{"url": "https://example.com/a.jpg"}],
        },
    }[operation_id]
    client = AuthenticatedClient(base_url=DEFAULT_BASE_URL, token="se_async_token")
    with mock_socialecho(spec=contract) as mock:
        async with client:
            response = await binding.asyncio_detailed(client=client, body=binding.body_model.from_dict(body))
    assert response.status_code == 200
    assert isinstance(response.parsed, binding.response_model)
    assert [(c.operation_id, c.accepted, c.params) for c in mock.calls] == [(operation_id, True, body)]
