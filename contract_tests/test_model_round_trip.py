"""Round trip of every response model: ``Model.from_dict(body).to_dict() == body``.

Bodies are generated from the response component schemas by schemathesis: each component becomes the
request body of a synthetic ``POST /roundtrip/<Name>`` in a small spec that shares the contract's
components (hypothesis-jsonschema does not work with this Hypothesis version, see toolchain notes).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import schemathesis
from hypothesis import given
from socialecho_client import models

from contract_tests.bindings import response_components
from socialecho_kit.mock import ContractSpec, load_contract

_CONTRACT = load_contract()
_SCHEMAS = _CONTRACT.document["components"]["schemas"]
MODEL_NAMES = [
    name
    for name in response_components(_CONTRACT)
    if _SCHEMAS[name].get("type") == "object" or "properties" in _SCHEMAS[name]
]


def _synthetic_spec(contract: ContractSpec, names: list[str]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "round trip of the response models", "version": "1"},
        "paths": {
            f"/roundtrip/{name}": {
                "post": {
                    "operationId": f"roundtrip{name}",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                    },
                    "responses": {"200": {"description": "unused"}},
                }
            }
            for name in names
        },
        "components": {"schemas": copy.deepcopy(contract.document["components"]["schemas"])},
    }


@pytest.fixture(scope="module")
def model_schema() -> Any:
    return schemathesis.openapi.from_dict(_synthetic_spec(_CONTRACT, MODEL_NAMES))


def test_the_response_models_are_the_ones_expected() -> None:
    # Guards the discovery: every envelope, its data models and the error body are covered.
    assert set(MODEL_NAMES) >= {
        "TeamResponse",
        "AccountListResponse",
        "ArticleListResponse",
        "ReportResponse",
        "UploadTicketResponse",
        "RedditCommunitiesResponse",
        "PinterestBoardsResponse",
        "PublishResponse",
        "ErrorResponse",
        "Team",
        "SocialAccount",
        "AccountPage",
        "Article",
        "ArticlePage",
        "Metrics",
        "Report",
        "ReportRow",
        "ReportScope",
        "UploadTicket",
        "PublishResult",
        "RedditCommunity",
        "PinterestBoard",
    }


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_round_trip(name: str, model_schema: Any, contract: ContractSpec) -> None:
    model = getattr(models, name)
    pointer = f"#/components/schemas/{name}"
    checked: list[int] = []

    @given(case=model_schema[f"/roundtrip/{name}"]["POST"].as_strategy())
    def check(case: Any) -> None:
        body = case.body
        assert contract.violations(pointer, body) == []  # the generator honours the contract's schema
        snapshot = copy.deepcopy(body)
        assert model.from_dict(body).to_dict() == snapshot
        assert body == snapshot  # from_dict does not consume its input
        checked.append(1)

    check()
    assert checked
