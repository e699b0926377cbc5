"""The public surface of socialecho_client is pinned: adding or removing a name is a reviewed change."""

from __future__ import annotations

import socialecho_client
from socialecho_client import APIConnectionError, APIStatusError, SocialEchoError

PUBLIC = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPaginator",
    "AsyncSocialEcho",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "BusinessError",
    "Client",
    "Clock",
    "ConfigurationError",
    "InternalServerError",
    "NotFoundError",
    "Page",
    "Paginator",
    "PermissionDeniedError",
    "PreparedRequest",
    "PublishOutcomeUnknownError",
    "RateLimitError",
    "RawResponse",
    "SocialEcho",
    "SocialEchoError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "ValidationError",
]


def test_all_is_pinned() -> None:
    assert sorted(socialecho_client.__all__) == PUBLIC
    assert len(set(socialecho_client.__all__)) == len(socialecho_client.__all__)
    assert all(hasattr(socialecho_client, name) for name in PUBLIC)


def test_every_error_is_a_socialecho_error() -> None:
    errors = [getattr(socialecho_client, n) for n in PUBLIC if n.endswith("Error")]
    assert all(issubclass(e, SocialEchoError) for e in errors)
    status_errors = {e.__name__ for e in errors if issubclass(e, APIStatusError)}
    assert status_errors == {
        "APIStatusError",
        "AuthenticationError",
        "BadRequestError",
        "BusinessError",
        "InternalServerError",
        "NotFoundError",
        "PermissionDeniedError",
        "RateLimitError",
        "UnprocessableEntityError",
    }
    assert issubclass(socialecho_client.APITimeoutError, APIConnectionError)
    assert issubclass(socialecho_client.PublishOutcomeUnknownError, APIConnectionError)
