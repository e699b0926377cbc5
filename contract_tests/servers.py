"""Small real HTTP servers on 127.0.0.1 that speak one SocialEcho contract each, for the drift probe tests.

* ``v2.1.0``: the vendor's later contract -- GET parameters in the query string with arrays as
  ``key[]``, a GET with a body is rejected with 400, success is ``code`` 0 only, every body carries
  ``request_id`` and a ``meta`` object.
* ``patched``: our patched spec -- GET parameters as a JSON body (validated against the spec), success
  ``code`` 200.

Each server records the requests it saw and stops itself when the fixture ends.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from socialecho_kit.mock import ContractSpec

Flavour = Literal["v2.1.0", "patched"]

TEAM = {"id": 1024, "code": "TEAM_ABC123", "title": "SocialEcho QA Team", "timezone": "Asia/Shanghai"}
ACCOUNT = {
    "id": 163751,
    "title": "esprit.vert.medic",
    "app": "Reddit",
    "type": 1,
    "status": "normal",
    "account": "u/esprit",
    "authorization_at": "2026-03-30 09:34:44",
}
PINTEREST_ACCOUNT = {
    "id": 163752,
    "title": "vert.medic.boards",
    "app": "Pinterest",
    "type": 1,
    "status": "normal",
    "account": "vertmedic",
    "authorization_at": "2026-03-30 09:40:02",
}
ARTICLE = {
    "id": 987654,
    "uuid": "tE-9LwdHfNk",
    "app": "Reddit",
    "account_id": 163751,
    "content": "Example",
    "created_at": "2026-03-24 10:05:01",
    "url": "https://example.com/p/1",
    "reports": {"exposure": 1021, "like": 40, "comment": 14, "share": 0},
}
DATA: dict[str, Any] = {
    "/v1/team": TEAM,
    "/v1/account": {"page": 1, "per_page": 10, "total": 2, "list": [ACCOUNT, PINTEREST_ACCOUNT]},
    "/v1/article": {"page": 1, "per_page": 10, "total": 1, "list": [ARTICLE]},
    "/v1/report": {
        "scope": {"start_date": "2026-04-13", "end_date": "2026-04-20", "time_type": 1, "group": ""},
        "totals": {"exposure": 120345, "like": 4512, "comment": 893, "share": 326},
    },
    "/v1/upload/url": {
        "upload_url": "https://upload.example.com/signed?sig=abc",
        "public_url": "https://cdn.example.com/f/1.png",
        "method": "PUT",
        "expires_at": "2026-04-20 10:15:00",
    },
    "/v1/reddit/communities": [{"id": "t5_2qh0y", "name": "python", "title": "Python"}],
    "/v1/pinterest/boards": [{"id": "1001", "name": "Ideas"}],
    "/v1/publish/article": {"id": 555},
}
REQUIRED_QUERY = {
    "/v1/report": ("start_date", "end_date", "time_type"),
    "/v1/upload/url": ("content_type",),
    "/v1/reddit/communities": ("account_id",),
    "/v1/pinterest/boards": ("account_id",),
}


class FakeClock:
    """Time that only moves when the probe sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass(frozen=True)
class Seen:
    """A request as the server saw it."""

    method: str
    path: str
    query: list[tuple[str, str]]
    body: bytes
    authorization: str | None
    at: float | None


@dataclass
class ContractServer:
    flavour: Flavour
    contract: ContractSpec
    clock: Callable[[], float] | None = None
    echo_authorization: bool = False
    """Misbehave: put the received Authorization header into error messages (redaction tests)."""
    business_error_for_bodies: bool = False
    """v2.1.0 only: reject a GET body with HTTP 200 and a failing code instead of HTTP 400."""
    valid_keys: frozenset[str] | None = None
    accounts: list[dict[str, Any]] | None = None
    """The social accounts listAccounts answers with (default: a Reddit and a Pinterest account)."""
    seen: list[Seen] = field(default_factory=list)
    _counter: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # ---- protocol

    def answer(self, method: str, target: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any]]:
        url = urlsplit(target)
        query = parse_qsl(url.query, keep_blank_values=True)
        auth = headers.get("Authorization")
        with self._lock:
            self._counter += 1
            request_id = f"req-{self._counter:04d}"
            self.seen.append(
                Seen(method, url.path, query, body, auth, self.clock() if self.clock is not None else None)
            )
        if not auth or not auth.startswith("Bearer ") or len(auth) <= len("Bearer "):
            return 401, self._error(401, "Unauthorized", request_id)
        if self.valid_keys is not None and auth[len("Bearer ") :] not in self.valid_keys:
            return 401, self._error(401, "invalid API key", request_id)
        expected_method = "POST" if url.path == "/v1/publish/article" else "GET"
        if url.path not in DATA:
            return 404, self._error(404, "not found", request_id)
        if method != expected_method:
            return 405, self._error(405, "method not allowed", request_id)
        if self.flavour == "v2.1.0":
            return self._v21(method, url.path, query, body, request_id, auth)
        return self._patched(method, url.path, query, headers, body, request_id, auth)

    def _data(self, path: str) -> Any:
        if path == "/v1/account" and self.accounts is not None:
            return {"page": 1, "per_page": 10, "total": len(self.accounts), "list": self.accounts}
        return DATA[path]

    def _error(self, code: int, message: str, request_id: str, auth: str | None = None) -> dict[str, Any]:
        if self.echo_authorization and auth:
            message += f" (received Authorization: {auth})"
        return {"code": code, "message": message, "request_id": request_id}

    def _v21(
        self, method: str, path: str, query: list[tuple[str, str]], body: bytes, request_id: str, auth: str
    ) -> tuple[int, dict[str, Any]]:
        if method == "GET" and body:
            message = "GET requests must not carry a body: send the parameters in the query string"
            if self.business_error_for_bodies:
                return 200, self._error(10001, "invalid parameters: " + message, request_id, auth)
            return 400, self._error(400, message, request_id, auth)
        names = {key for key, _ in query}
        if "account_ids" in names:
            return 400, self._error(400, "account_ids must be sent as account_ids[]", request_id, auth)
        missing = [name for name in REQUIRED_QUERY.get(path, ()) if name not in names]
        if missing:
            return 400, self._error(400, f"missing parameter {missing[0]}", request_id, auth)
        return 200, {
            "code": 0,
            "message": "success",
            "data": self._data(path),
            "request_id": request_id,
            "meta": {"api_version": "2.1.0"},
        }

    def _patched(
        self,
        method: str,
        path: str,
        query: list[tuple[str, str]],
        headers: Any,
        body: bytes,
        request_id: str,
        auth: str,
    ) -> tuple[int, dict[str, Any]]:
        if query:
            return 400, self._error(400, "unexpected query parameters", request_id, auth)
        if not body:
            return 400, self._error(400, "missing JSON body", request_id, auth)
        if not str(headers.get("Content-Type", "")).startswith("application/json"):
            return 400, self._error(400, "Content-Type must be application/json", request_id, auth)
        operation, _ = self.contract.find(method, path)
        assert operation is not None
        assert operation.body_pointer is not None
        problems = self.contract.violations(operation.body_pointer, json.loads(body))
        if problems:
            return 400, self._error(400, f"invalid parameter {problems[0].field}", request_id, auth)
        return 200, {"code": 200, "message": "success", "data": self._data(path), "request_id": request_id}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, payload = self.server.app.answer(self.command, self.path, self.headers, body)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = _serve
    do_POST = _serve
    do_PUT = _serve

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, app: Any, handler: type[BaseHTTPRequestHandler] = _Handler) -> None:
        self.app = app
        super().__init__(("127.0.0.1", 0), handler)


@dataclass(frozen=True)
class RawAnswer:
    """Exactly what a misbehaving server sends: status, headers and body bytes, as they are."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json"),)


def json_answer(status: int, payload: Any) -> RawAnswer:
    return RawAnswer(status, json.dumps(payload).encode())


@dataclass
class RawServer:
    """A server that answers each request with ``respond(path)``; for the probe's worst days."""

    respond: Callable[[str], RawAnswer]
    seen: list[Seen] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)


class _RawHandler(BaseHTTPRequestHandler):
    server: _Server

    def _serve(self) -> None:
        app: RawServer = self.server.app
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        with app._lock:
            app.seen.append(
                Seen(
                    self.command,
                    url.path,
                    parse_qsl(url.query, keep_blank_values=True),
                    body,
                    self.headers.get("Authorization"),
                    None,
                )
            )
        answer = app.respond(url.path)
        self.send_response(answer.status)
        for name, value in answer.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    do_GET = _serve
    do_POST = _serve

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve(app: ContractServer | RawServer) -> Iterator[str]:
    """Run ``app`` on 127.0.0.1 (a free port) for the ``with`` block; yield its base URL."""
    server = _Server(app, _RawHandler if isinstance(app, RawServer) else _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
