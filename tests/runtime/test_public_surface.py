"""The public surface of socialecho_client is pinned: adding or removing a name is a reviewed change."""

from __future__ import annotations

import re

import socialecho_client
from socialecho_client import APIConnectionError, APIStatusError, SocialEchoError
from socialecho_client._runtime import _exceptions

from conftest import REPO_ROOT

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


def _docstring_tree() -> dict[str, str]:
    """``{class: parent}`` as drawn in the tree of the exceptions module's docstring."""
    doc = _exceptions.__doc__ or ""
    drawing = doc.split("::", 1)[1].split("\n\n", 2)[1]
    parents: dict[str, str] = {}
    stack: list[str] = []
    for line in drawing.splitlines():
        name = re.search(r"[A-Za-z]+Error", line)
        assert name is not None, line
        depth = (name.start() - 4) // 4  # four columns per level after the four-space indent
        del stack[depth:]
        if stack:
            parents[name.group()] = stack[-1]
        stack.append(name.group())
    return parents


def _readme_tree() -> dict[str, str]:
    """``{class: parent}`` from the README's error table (``↳`` rows belong to the last plain row)."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("**Errors**", 1)[1].split("\n\n", 2)[1]
    parents: dict[str, str] = {}
    top = ""
    for row in table.splitlines()[2:]:
        name = re.search(r"`([A-Za-z]+Error)`", row)
        assert name is not None, row
        if "↳" in row.split("|")[1]:
            parents[name.group(1)] = top
        else:
            top = name.group(1)
            if top != "SocialEchoError":
                parents[top] = "SocialEchoError"
    return parents


def test_the_error_tree_in_the_docstring_and_the_readme_is_the_real_one() -> None:
    real = {
        name: cls.__mro__[1].__name__
        for name in _exceptions.__all__
        if isinstance(cls := getattr(_exceptions, name), type) and cls is not SocialEchoError
    }
    assert real["BusinessError"] == "APIStatusError"
    assert _docstring_tree() == real
    assert _readme_tree() == real
