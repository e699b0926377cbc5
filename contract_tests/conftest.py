"""Fixtures of the contract suite.

The ``socialecho_mock`` fixture comes from the kit's pytest plugin, exactly as a downstream project
gets it (there: ``pytest_plugins = ["socialecho_kit.pytest_plugin"]`` in the top-level conftest; here,
a nested conftest, the fixtures and the marker hook are imported instead).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from socialecho_client import AuthenticatedClient

from socialecho_kit.mock import DEFAULT_BASE_URL, ContractSpec, load_contract
from socialecho_kit.pytest_plugin import (  # noqa: F401 - fixtures and hook, re-exported for pytest
    pytest_configure,
    socialecho_mock,
    socialecho_mock_options,
)

TOKEN = "se_contract_suite_token"


@pytest.fixture(scope="session")
def contract() -> ContractSpec:
    """The patched contract shipped in socialecho_client."""
    return load_contract()


@pytest.fixture(scope="session")
def patched_spec(contract: ContractSpec) -> dict[str, Any]:
    return contract.document


@pytest.fixture(scope="session")
def api_schema(patched_spec: dict[str, Any]) -> Any:
    """The schemathesis view of the patched contract (positive generation is the default)."""
    return schemathesis.openapi.from_dict(patched_spec)


@pytest.fixture(scope="session")
def generated_client() -> AuthenticatedClient:
    """One generated low-level client for the whole run (respx intercepts it whenever a mock is active)."""
    return AuthenticatedClient(base_url=DEFAULT_BASE_URL, token=TOKEN)
