"""Hand-written runtime of socialecho_client: the clients, typed errors, pagination, raw responses.

This directory is the source of truth; scripts/pipeline.py copies it into the generated package as
``socialecho_client._runtime``. Never edit the copy under generated/. Modules are private (``_name``);
the public surface is ``__all__`` below, re-exported by ``socialecho_client``.
"""

from ._client import AsyncSocialEcho, SocialEcho
from ._clock import Clock
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BusinessError,
    ConfigurationError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    PublishOutcomeUnknownError,
    RateLimitError,
    SocialEchoError,
    UnexpectedResponseError,
    UnprocessableEntityError,
    ValidationError,
)
from ._pagination import AsyncPaginator, Page, Paginator
from ._response import PreparedRequest, RawResponse

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPaginator",
    "AsyncSocialEcho",
    "AuthenticationError",
    "BadRequestError",
    "BusinessError",
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
