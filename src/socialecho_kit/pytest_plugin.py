"""pytest plugin: the ``socialecho_mock`` fixture (the spec-driven SocialEcho mock, see ``mock.py``).

Enable it in your top-level ``conftest.py``::

    pytest_plugins = ["socialecho_kit.pytest_plugin"]

then::

    def test_lists_accounts(socialecho_mock):
        socialecho_mock.set_data("listAccounts", [{"id": 7, "app": "Instagram"}])
        client = SocialEcho(api_key="se_test")
        assert [a.id for a in client.accounts.iter_all()] == [7]
        assert socialecho_mock.calls_for("listAccounts")[0].accepted

Options of :func:`socialecho_kit.mock.mock_socialecho` come from the ``socialecho_mock`` marker
(``@pytest.mark.socialecho_mock(wire="query", success_codes=(0,))``) and from the
``socialecho_mock_options`` fixture, which a conftest can override for a whole directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from socialecho_kit.mock import SocialEchoMock, mock_socialecho

__all__ = ["pytest_configure", "socialecho_mock", "socialecho_mock_options"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "socialecho_mock(**options): options for the socialecho_mock fixture "
        "(spec, base_url, success_codes, seed, wire)",
    )


@pytest.fixture
def socialecho_mock_options() -> dict[str, Any]:
    """Default options of the ``socialecho_mock`` fixture; override this fixture to change them."""
    return {}


@pytest.fixture
def socialecho_mock(
    request: pytest.FixtureRequest, socialecho_mock_options: dict[str, Any]
) -> Iterator[SocialEchoMock]:
    """The spec-driven SocialEcho mock, active for the test: every httpx client talks to it."""
    options = dict(socialecho_mock_options)
    marker = request.node.get_closest_marker("socialecho_mock")
    if marker is not None:
        if marker.args:
            raise pytest.UsageError("the socialecho_mock marker takes keyword options only")
        options.update(marker.kwargs)
    with mock_socialecho(**options) as mock:
        yield mock
