"""Fixtures of the CLI tests.

``run`` calls ``socialecho_kit.cli.main`` in-process and captures its streams; ``api`` is a respx router on
a test base URL. Nothing really sleeps: ``sleeps`` records the waits asked for.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from socialecho_kit.cli import main

BASE = "https://api.socialecho.test"
KEY = "se_CLI_FAKE_KEY_4d2b9e_never_printed"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Result]


def envelope(
    data: Any = None, *, code: Any = 0, request_id: str = "req-1", message: str = "ok"
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    if data is not None:
        body["data"] = data
    return body


def ok(data: Any = None, **kwargs: Any) -> httpx.Response:
    return httpx.Response(200, json=envelope(data, **kwargs))


def sent_body(request: httpx.Request) -> Any:
    """The JSON body of a request (GET bodies included); None when there is none."""
    return json.loads(request.content) if request.content else None


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A known environment: the key and base URL from the variables, no SOCIALECHO_LOG, default wire."""
    for name in ("SOCIALECHO_LOG", "SOCIALECHO_TEAM_ID", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOCIALECHO_API_KEY", KEY)
    monkeypatch.setenv("SOCIALECHO_BASE_URL", BASE)


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every ``time.sleep`` asked for (the runtime's system clock sleeps through it); none really happens."""
    asked: list[float] = []
    monkeypatch.setattr(time, "sleep", asked.append)
    return asked


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("accounts", "--all")`` → Result(code, out, err). The client-side rate limiter is off."""

    def invoke(*args: str, limiter: bool = False) -> Result:
        capsys.readouterr()
        argv = list(args) if limiter else ["--rate-limit", "0", *args]
        code = main(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


# A post for account 5 that every platform's rules accept (no --platform needed).
POST: dict[str, Any] = {
    "account_id": 5,
    "type": "post",
    "status": 1,
    "comment": [],
    "content": "Hello",
    "extra": {},
    "attachments": [{"url": "https://cdn.example.com/a.jpg"}],
}


def post_file(tmp_path: Path) -> Path:
    """:data:`POST` written to ``tmp_path/post.json``."""
    path = tmp_path / "post.json"
    path.write_text(json.dumps(POST), encoding="utf-8")
    return path
