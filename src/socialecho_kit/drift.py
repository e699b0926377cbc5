"""Live drift probe: does the real SocialEcho API still speak the contract this client was built from?

Run it with ``make contract-live`` (or ``python -m socialecho_kit.drift``). It needs
``SOCIALECHO_API_KEY``; ``SOCIALECHO_BASE_URL`` defaults to production (plain ``http`` is accepted for
loopback hosts only); ``SOCIALECHO_TEAM_ID`` optionally sets ``X-Team-Id``.

What it does, with at most one request per second:

1. ``getTeam`` (checks the key), then ``listAccounts`` to discover a real account id (and a Reddit or
   Pinterest account, if the team has one).
2. Every read-only operation with realistic inputs: ``listArticles`` and ``getReport`` (last 7 days) for
   the discovered account, ``getUploadUrl`` (see below), ``listRedditCommunities`` /
   ``listPinterestBoards`` only when an account of that platform exists. ``publishArticle`` never runs
   unless ``--include-writes`` is given together with ``--publish-payload FILE``; other operations that
   are not GETs never run at all (the payload is a publish payload, for ``publishArticle`` only).
3. Each request is sent in the configured wire format (``--wire``; default: each operation's
   ``x-socialecho-wire`` in the patched spec). When the server rejects it (HTTP 4xx, or a business error
   whose message is about parameters) the other wire format is tried.
4. The answer is checked: HTTP status declared by the spec, business ``code`` in the spec's success set
   (``components.schemas.SuccessCode``), the body against the response schema (every violation with its
   JSON path), and fields the spec does not declare.

``getUploadUrl`` is probed by default: it only signs a short-lived upload URL -- nothing is uploaded,
stored or published, and the URL expires unused. Pass ``--skip getUploadUrl`` to leave it out.

Reports: ``<out-dir>/drift-report.json`` and ``<out-dir>/drift-report.md`` (default ``build/``).
Exit status: 0 nothing drifted, 1 drift (or an operation failed: an answer that is not strict JSON, a
redirect, ...), 2 the probe could not run (no key or one that cannot be a header, bad base URL or
timeout, a spec without operations or success codes, an unknown ``--skip``, a report directory that
cannot be written -- all checked before the first request -- host unreachable, key rejected). The API
key never appears in reports, messages or logs.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import ipaddress
import json
import logging
import math
import os
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import httpx

from socialecho_kit._output import discard_stdout
from socialecho_kit.mock import ContractSpec, Operation, Violation, load_contract, strict_json_loads

__all__ = [
    "DEFAULT_BASE_URL",
    "AttemptResult",
    "Finding",
    "OperationResult",
    "Pacer",
    "ProbeConfig",
    "ProbeError",
    "ProbeReport",
    "main",
    "render_markdown",
    "run_probe",
    "write_reports",
]

DEFAULT_BASE_URL = "https://api.socialecho.net"
Wire = Literal["json-body", "query"]
Verdict = Literal["ok", "drift", "error", "skipped"]
READ_ONLY_PLAN = (
    "getTeam",
    "listAccounts",
    "listArticles",
    "getReport",
    "getUploadUrl",
    "listRedditCommunities",
    "listPinterestBoards",
)
WRITE_OPERATIONS = frozenset({"publishArticle"})
_PARAMETER_WORDS = re.compile(
    r"param|argument|field|missing|required|invalid|body|query|must not|not allowed|format"
    r"|参数|缺少|必填|格式",
    re.IGNORECASE,
)
_LOG = logging.getLogger("socialecho_kit.drift")
REDACTED = "[redacted]"


class ProbeError(Exception):
    """The probe could not run (exit 2): no key, bad base URL, host unreachable, key rejected."""


@dataclass(frozen=True)
class ProbeConfig:
    api_key: str
    base_url: str = DEFAULT_BASE_URL
    wire: Wire | None = None
    """Wire format of GET parameters; ``None`` follows each operation's ``x-socialecho-wire``."""
    include_writes: bool = False
    publish_payload: Mapping[str, Any] | None = None
    skip: frozenset[str] = frozenset()
    team_id: int | None = None
    timeout: float = 20.0
    min_interval: float = 1.0

    def __post_init__(self) -> None:
        if self.min_interval < 1.0:
            raise ValueError("the probe sends at most one request per second (min_interval >= 1.0)")

    def __repr__(self) -> str:  # never show the key
        return (
            f"ProbeConfig(base_url={self.base_url!r}, wire={self.wire!r}, "
            f"include_writes={self.include_writes})"
        )


class Pacer:
    """At most one request per ``interval`` seconds. Clock and sleep are injectable (tests never sleep)."""

    def __init__(
        self,
        interval: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            remaining = self._last + self.interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()


@dataclass
class AttemptResult:
    """One request: the wire format it used and what came back."""

    wire: Wire
    http_status: int | None
    code: Any = None
    message: str | None = None
    accepted: bool = False
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "wire": self.wire,
            "http_status": self.http_status,
            "code": self.code,
            "message": self.message,
            "accepted": self.accepted,
            "error": self.error,
        }


@dataclass(frozen=True)
class Finding:
    """A difference between the server and the contract. ``kind``: wire, http-status, envelope, schema,
    unknown-field or error."""

    kind: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}


@dataclass
class OperationResult:
    operation_id: str
    method: str
    path: str
    verdict: Verdict = "ok"
    configured_wire: Wire | None = None
    attempts: list[AttemptResult] = field(default_factory=list)
    http_status: int | None = None
    code: Any = None
    request_id: str | None = None
    violations: list[Violation] = field(default_factory=list)
    unknown_fields: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    note: str | None = None

    @property
    def accepted_wires(self) -> list[Wire]:
        return [a.wire for a in self.attempts if a.accepted]

    def to_json(self) -> dict[str, Any]:
        return {
            "operation_id": self.operation_id,
            "method": self.method,
            "path": self.path,
            "verdict": self.verdict,
            "wire": {
                "configured": self.configured_wire,
                "accepted": self.accepted_wires,
                "attempts": [a.to_json() for a in self.attempts],
            },
            "http_status": self.http_status,
            "code": self.code,
            "request_id": self.request_id,
            "violations": [v.to_json() for v in self.violations],
            "unknown_fields": self.unknown_fields,
            "findings": [f.to_json() for f in self.findings],
            "note": self.note,
        }


@dataclass
class ProbeReport:
    base_url: str
    spec_title: str
    spec_version: str
    spec_sha256: str
    configured_wire: str
    success_codes: list[int]
    started_at: str
    operations: list[OperationResult] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {"ok": 0, "drift": 0, "error": 0, "skipped": 0}
        for op in self.operations:
            out[op.verdict] += 1
        return out

    @property
    def verdict(self) -> Literal["ok", "drift"]:
        counts = self.counts()
        return "drift" if counts["drift"] or counts["error"] else "ok"

    @property
    def exit_code(self) -> int:
        return 1 if self.verdict == "drift" else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "contract": {
                "title": self.spec_title,
                "version": self.spec_version,
                "sha256": self.spec_sha256,
                "success_codes": self.success_codes,
            },
            "configured_wire": self.configured_wire,
            "started_at": self.started_at,
            "summary": {**self.counts(), "verdict": self.verdict},
            "operations": [op.to_json() for op in self.operations],
        }


# --------------------------------------------------------------------------------------------------
# Helpers


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str) -> str:
    """The base URL without a trailing slash; https, or http on a loopback host only."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProbeError(f"SOCIALECHO_BASE_URL must be an http(s) URL, got {display_url(base_url)!r}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ProbeError(
            f"refusing plain http for {parts.hostname}: the API key would travel unencrypted "
            "(http is allowed for loopback hosts only; use https)"
        )
    if parts.username is not None or parts.query or parts.fragment:
        raise ProbeError("SOCIALECHO_BASE_URL must not carry credentials, a query string or a fragment")
    return base_url.rstrip("/")


def check_api_key(api_key: str) -> str:
    """The key, if it can go into an ``Authorization`` header as is (never echoed: it is a secret)."""
    if not api_key.strip():
        raise ProbeError("SOCIALECHO_API_KEY is not set: the drift probe needs a team API key")
    if not (api_key.isascii() and api_key.isprintable()) or any(ch.isspace() for ch in api_key):
        raise ProbeError("SOCIALECHO_API_KEY must be printable ASCII without spaces (check how it was set)")
    return api_key


def check_contract(contract: ContractSpec) -> None:
    """A contract the probe can check a server against: operations, and a success-code set."""
    if not contract.operations:
        raise ProbeError("the spec declares no operations: nothing to probe (is it an OpenAPI document?)")
    if not contract.success_codes:
        raise ProbeError(
            "the spec declares no success codes (components.schemas.SuccessCode, or an integer enum on "
            "the code of the success responses)"
        )


def display_url(url: str) -> str:
    """A URL safe to print: user info, query and fragment dropped."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


class _Redactor:
    """Masks the key (as sent, URL-encoded, JSON- or repr-escaped) in server text; bounded in depth."""

    MAX_DEPTH = 64

    def __init__(self, secret: str) -> None:
        from socialecho_client._runtime._logging import secret_spellings

        self.secret = secret
        self.spellings = sorted(secret_spellings(secret), key=len, reverse=True) if secret else []

    def __call__(self, value: Any, depth: int = 0) -> Any:
        if isinstance(value, str):
            for spelling in self.spellings:
                if spelling in value:
                    value = value.replace(spelling, REDACTED)
            return value
        if depth >= self.MAX_DEPTH and isinstance(value, list | dict):
            return "(nested too deeply)"
        if isinstance(value, list):
            return [self(v, depth + 1) for v in value]
        if isinstance(value, dict):
            return {self(k, depth + 1): self(v, depth + 1) for k, v in value.items()}
        return value


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_success_code(code: Any, success_codes: Sequence[int]) -> bool:
    return type(code) is int and code in success_codes


# --------------------------------------------------------------------------------------------------
# The probe


class _Probe:
    def __init__(
        self,
        config: ProbeConfig,
        contract: ContractSpec,
        pacer: Pacer,
        today: datetime.date,
        transport: httpx.BaseTransport | None,
    ) -> None:
        self.config = config
        self.contract = contract
        self.pacer = pacer
        self.today = today
        self.redact = _Redactor(config.api_key)
        self.success_codes = list(contract.success_codes)
        headers = {
            "Authorization": f"Bearer {config.api_key}",
            "Accept": "application/json",
            "X-Lang": "en",
            "User-Agent": "socialecho-drift-probe",
        }
        if config.team_id is not None:
            headers["X-Team-Id"] = str(config.team_id)
        self.client = httpx.Client(
            base_url=config.base_url,
            headers=headers,
            timeout=config.timeout,
            follow_redirects=False,
            transport=transport,
        )
        self.requests_sent = 0
        self.account_id: int | None = None
        self.platform_accounts: dict[str, int] = {}

    def close(self) -> None:
        self.client.close()

    def _fetch(self, request: httpx.Request) -> httpx.Response:
        """Send and read the whole answer within ``--timeout`` seconds in all (httpx bounds each read only,
        so a server dripping its body could hold the probe for ever)."""
        deadline = self.pacer.clock() + self.config.timeout
        streamed = self.client.send(request, stream=True)
        if streamed.is_stream_consumed:  # already in memory (an injected test transport): nothing to time
            return streamed
        try:
            raw = bytearray()
            for chunk in streamed.iter_raw():
                raw += chunk
                if self.pacer.clock() > deadline:
                    raise httpx.ReadTimeout(
                        f"the answer took longer than {self.config.timeout:g} s in all", request=request
                    )
        finally:
            streamed.close()
        # The raw (still encoded) bytes with the same headers: the new response decodes them as usual.
        return httpx.Response(
            streamed.status_code, headers=streamed.headers, content=bytes(raw), request=request
        )

    # ---- sending

    def _send(self, operation: Operation, params: Mapping[str, Any], wire: Wire) -> tuple[AttemptResult, Any]:
        from socialecho_client._runtime._wire import json_body_to_query

        self.pacer.wait()
        first = self.requests_sent == 0
        self.requests_sent += 1
        try:
            if wire == "query" and operation.method == "GET":
                pairs: list[tuple[str, str | int | float | bool | None]] = [
                    (key, value) for key, value in json_body_to_query(params)
                ]
                request = self.client.build_request(operation.method, operation.path, params=pairs)
            else:
                request = self.client.build_request(
                    operation.method,
                    operation.path,
                    content=json.dumps(params).encode(),
                    headers={"Content-Type": "application/json"},
                )
            response = self._fetch(request)
        except httpx.TransportError as exc:
            reason = self.redact(f"{type(exc).__name__}: {exc}")
            if first:
                raise ProbeError(f"could not reach {display_url(self.config.base_url)}: {reason}") from None
            return AttemptResult(wire, None, error=reason), None
        except httpx.RequestError as exc:  # the answer came but could not be read (bad Content-Encoding)
            return AttemptResult(wire, None, error=self.redact(f"{type(exc).__name__}: {exc}")), None
        body: Any = None
        attempt = AttemptResult(wire, response.status_code)
        location = response.headers.get("Location")
        try:
            body = strict_json_loads(response.content)
        except ValueError as exc:
            content_type = response.headers.get("Content-Type", "none")
            if response.is_redirect and location:
                attempt.error = self.redact(f"redirected to {display_url(location)} (not followed)")
            elif not response.content:
                attempt.error = f"the body is empty (Content-Type {content_type})"
            elif content_type.split(";", 1)[0].strip().lower() != "application/json":
                attempt.error = self.redact(f"the body is not JSON (Content-Type {content_type})")
            else:
                reason = _short(self.redact(str(exc)), 120)
                attempt.error = self.redact(
                    f"the body is not valid JSON: {reason} (Content-Type {content_type})"
                )
        if isinstance(body, dict):
            attempt.code = self.redact(body.get("code"))
            message = body.get("message")
            attempt.message = _short(self.redact(str(message))) if message is not None else None
        if response.status_code == 429:
            advice = response.headers.get("Retry-After")
            raise ProbeError(
                f"the server rate-limited the probe (HTTP 429 on {operation.operation_id}"
                + (f", Retry-After {_short(self.redact(advice), 40)}" if advice else "")
                + "): nothing more was sent; run it again later"
            )
        if response.status_code == 401 and first:
            raise ProbeError(
                f"the server rejected the API key (HTTP 401 on {operation.operation_id}"
                + (f": {attempt.message}" if attempt.message else "")
                + ")"
            )
        attempt.accepted = self._accepted(attempt)
        return attempt, self.redact(body)

    def _accepted(self, attempt: AttemptResult) -> bool:
        status = attempt.http_status or 0
        if not 200 <= status < 300 or attempt.error:
            return False
        if _is_success_code(attempt.code, self.success_codes):
            return True
        # HTTP 2xx with a failing code: a rejection when the message is about the parameters.
        return not (attempt.message and _PARAMETER_WORDS.search(attempt.message))

    @staticmethod
    def _rejected(attempt: AttemptResult) -> bool:
        """Worth retrying in the other wire format: a 4xx (not auth/rate limit) or a parameter error."""
        status = attempt.http_status
        if status is None or attempt.accepted:
            return False
        if 400 <= status < 500:
            return status not in (401, 403, 429)
        return 200 <= status < 300 and attempt.error is None

    # ---- one operation

    def probe(self, operation: Operation, params: Mapping[str, Any]) -> tuple[OperationResult, Any]:
        result = OperationResult(operation.operation_id, operation.method, operation.path)
        if operation.body_pointer is not None:
            problems = self.contract.violations(operation.body_pointer, dict(params))
            if problems:
                result.verdict = "error"
                detail = "; ".join(f"{p.field}: {p.message}" for p in problems)
                result.findings.append(Finding("error", f"probe inputs do not fit the spec: {detail}"))
                return result, None
        configured: Wire = "json-body" if operation.method != "GET" else (self.config.wire or operation.wire)
        result.configured_wire = configured
        wires: list[Wire] = [configured]
        if operation.method == "GET":
            wires.append("query" if configured == "json-body" else "json-body")
        accepted_body: Any = None
        for wire in wires:
            attempt, body = self._send(operation, params, wire)
            result.attempts.append(attempt)
            if attempt.accepted:
                accepted_body = body
                break
            if not self._rejected(attempt):
                break
        accepted = next((a for a in result.attempts if a.accepted), None)
        if accepted is None:
            last = result.attempts[-1]
            result.http_status, result.code = last.http_status, last.code
            result.verdict = "error"
            tried = "; ".join(_describe_attempt(a) for a in result.attempts)
            result.findings.append(Finding("error", f"no request was accepted ({tried})"))
            return result, None
        if accepted.wire != configured:
            first = result.attempts[0]
            result.findings.append(
                Finding(
                    "wire",
                    f"the server rejected the {configured} wire format ({_describe_attempt(first)}) "
                    f"and accepted {accepted.wire}",
                )
            )
        result.http_status, result.code = accepted.http_status, accepted.code
        if isinstance(accepted_body, dict) and isinstance(accepted_body.get("request_id"), str):
            result.request_id = _short(self.redact(accepted_body["request_id"]), 100).replace("`", "'")
        try:
            self._check_answer(operation, result, accepted, accepted_body)
        except RecursionError:
            result.findings.append(Finding("schema", "the body is nested too deeply to be checked"))
        result.verdict = "drift" if result.findings else "ok"
        return result, accepted_body

    def _check_answer(
        self, operation: Operation, result: OperationResult, attempt: AttemptResult, body: Any
    ) -> None:
        status = str(attempt.http_status)
        declared = [s for s in operation.responses if s.startswith("2") or s.upper() == "2XX"]
        if status not in operation.responses and "2XX" not in {s.upper() for s in declared}:
            result.findings.append(
                Finding(
                    "http-status", f"HTTP {status} is not declared (the spec declares {', '.join(declared)})"
                )
            )
        if not _is_success_code(attempt.code, self.success_codes):
            result.findings.append(
                Finding(
                    "envelope",
                    f"code {attempt.code!r} is not one of the spec's success codes {self.success_codes}",
                )
            )
        pointer = operation.responses.get(status) or operation.responses.get(operation.success_status)
        if pointer is None:
            return
        result.violations = [
            Violation(v.path, v.field, _short(self.redact(v.message)))
            for v in self.contract.violations(pointer, body)
        ]
        result.unknown_fields = self.contract.unknown_fields(pointer, body)
        for violation in result.violations:
            kind = "envelope" if _is_top_level(violation.path) else "schema"
            if kind == "envelope" and violation.path == "$.code":
                continue  # already reported above, in words
            result.findings.append(Finding(kind, f"{violation.path}: {violation.message}"))
        for path in result.unknown_fields:
            kind = "envelope" if _is_top_level(path) else "unknown-field"
            result.findings.append(Finding(kind, f"{path}: field not in the spec"))


def _is_top_level(path: str) -> bool:
    return path == "$" or re.fullmatch(r"\$(\.[A-Za-z_][\w-]*|\[[^\]]*\])", path) is not None


def _describe_attempt(attempt: AttemptResult) -> str:
    if attempt.http_status is None:
        return f"{attempt.wire}: {attempt.error}"
    text = f"{attempt.wire}: HTTP {attempt.http_status}"
    if attempt.code is not None:
        text += f", code {attempt.code!r}"
    if attempt.message:
        text += f", {attempt.message!r}"
    if attempt.error:
        text += f", {attempt.error}"
    return text


def _platform_accounts(body: Any) -> tuple[int | None, dict[str, int]]:
    data = body.get("data") if isinstance(body, dict) else None
    items = data.get("list") if isinstance(data, dict) else None
    first: int | None = None
    platforms: dict[str, int] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or type(item.get("id")) is not int:
            continue
        first = item["id"] if first is None else first
        app = str(item.get("app") or "").lower()
        for platform in ("reddit", "pinterest"):
            if platform in app:
                platforms.setdefault(platform, item["id"])
    return first, platforms


def run_probe(
    config: ProbeConfig,
    *,
    contract: ContractSpec | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    transport: httpx.BaseTransport | None = None,
) -> ProbeReport:
    """Probe the server described by ``config``; raise :class:`ProbeError` when it cannot run."""
    check_api_key(config.api_key)
    check_base_url(config.base_url)
    if not (math.isfinite(config.timeout) and config.timeout > 0):
        raise ProbeError(f"the timeout must be a positive number of seconds, got {config.timeout!r}")
    if config.include_writes and config.publish_payload is None:
        raise ProbeError(
            "--include-writes needs --publish-payload FILE (the post that will really be published)"
        )
    contract = contract or load_contract()
    check_contract(contract)
    unknown = sorted(config.skip.difference(contract.operations))
    if unknown:
        raise ProbeError(
            f"--skip names unknown operations: {', '.join(unknown)} "
            f"(the spec has: {', '.join(sorted(contract.operations))})"
        )
    started = now or datetime.datetime.now(datetime.UTC)
    day = today or started.date()
    info = contract.document.get("info", {})
    canonical = json.dumps(contract.document, sort_keys=True, ensure_ascii=False).encode()
    report = ProbeReport(
        base_url=display_url(config.base_url.rstrip("/")),
        spec_title=str(info.get("title", "")),
        spec_version=str(info.get("version", "")),
        spec_sha256=hashlib.sha256(canonical).hexdigest(),
        configured_wire=config.wire or "per operation (x-socialecho-wire)",
        success_codes=list(contract.success_codes),
        started_at=started.isoformat(timespec="seconds"),
    )
    probe = _Probe(
        config,
        contract,
        Pacer(config.min_interval, clock=clock, sleep=sleep),
        day,
        transport,
    )
    try:
        _run_plan(probe, contract, config, report, day)
    finally:
        probe.close()
    return report


def _run_plan(
    probe: _Probe, contract: ContractSpec, config: ProbeConfig, report: ProbeReport, day: datetime.date
) -> None:
    planned = [op for op in READ_ONLY_PLAN if op in contract.operations]
    planned += sorted(op for op in contract.operations if op not in planned)

    def skipped(operation: Operation, why: str) -> None:
        report.operations.append(
            OperationResult(
                operation.operation_id, operation.method, operation.path, verdict="skipped", note=why
            )
        )

    for operation_id in planned:
        operation = contract.operations[operation_id]
        if operation_id in config.skip:
            skipped(operation, "skipped on request (--skip)")
            continue
        params = _inputs(operation, probe, config, day)
        if isinstance(params, str):
            skipped(operation, params)
            continue
        _LOG.info("probing %s %s", operation.method, operation.path)
        result, body = probe.probe(operation, params)
        report.operations.append(result)
        _LOG.info("%s: %s", operation_id, result.verdict)
        if operation_id == "listAccounts" and body is not None:
            probe.account_id, probe.platform_accounts = _platform_accounts(body)


def _inputs(
    operation: Operation, probe: _Probe, config: ProbeConfig, day: datetime.date
) -> dict[str, Any] | str:
    """Realistic inputs for an operation, or the reason it is skipped."""
    account = probe.account_id
    ids = {"account_ids": [account]} if account is not None else {}
    if operation.operation_id in WRITE_OPERATIONS:
        if not config.include_writes or config.publish_payload is None:
            return "write operation: runs only with --include-writes and --publish-payload"
        return dict(config.publish_payload)  # the publish payload is for publishArticle only
    if operation.method != "GET":
        return "not a read-only operation: the probe has no inputs for it and never sends it"
    match operation.operation_id:
        case "getTeam":
            return {}
        case "listAccounts":
            return {"page": 1}
        case "listArticles":
            return {"page": 1, **ids}
        case "getReport":
            start = day - datetime.timedelta(days=7)
            return {"start_date": start.isoformat(), "end_date": day.isoformat(), "time_type": 1, **ids}
        case "getUploadUrl":
            return {"content_type": "image/png", "title": "socialecho-drift-probe"}
        case "listRedditCommunities" | "listPinterestBoards":
            platform = "reddit" if operation.operation_id == "listRedditCommunities" else "pinterest"
            found = probe.platform_accounts.get(platform)
            if found is None:
                return f"no {platform.title()} account found with listAccounts"
            return {"account_id": found}
    schema = probe.contract.resolved_schema_at(operation.body_pointer) if operation.body_pointer else {}
    if isinstance(schema, dict) and schema.get("required"):
        return "no probe inputs for this operation (it has required parameters)"
    return {}


# --------------------------------------------------------------------------------------------------
# Reports


def _cell(value: Any) -> str:
    """Text for one line of Markdown: one line, pipes escaped, no HTML from the server."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _code(value: Any) -> str:
    """A JSON path from the server's data as inline code: no backtick can close it, no pipe split a table."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(report: ProbeReport) -> str:
    counts = report.counts()
    probed = len(report.operations) - counts["skipped"]
    lines = [
        "# SocialEcho drift report",
        "",
        f"- Base URL: {report.base_url}",
        f"- Contract: {report.spec_title} {report.spec_version} "
        f"(patched spec sha256 {report.spec_sha256[:12]})",
        f"- Success codes in the spec: {report.success_codes}",
        f"- Configured wire format: {report.configured_wire}",
        f"- Started: {report.started_at}",
        f"- **Result: {'DRIFT' if report.verdict == 'drift' else 'no drift'}**: {probed} operations probed, "
        f"{counts['ok']} ok, {counts['drift']} drift, {counts['error']} error; {counts['skipped']} skipped",
        "",
        "| Operation | Wire accepted | HTTP | code | Verdict |",
        "|---|---|---|---|---|",
    ]
    for op in report.operations:
        if op.verdict == "skipped":
            wire = "—"
        else:
            rejected = [a.wire for a in op.attempts if not a.accepted]
            wire = ", ".join(op.accepted_wires) or "none"
            if rejected:
                wire += f" (rejected: {', '.join(rejected)})"
        http = "—" if op.http_status is None else str(op.http_status)
        code = "—" if op.code is None else json.dumps(op.code)
        lines.append(
            f"| {op.operation_id} ({op.method} {op.path}) | {wire} | {http} | {_cell(code)} | {op.verdict} |"
        )
    for op in report.operations:
        if op.verdict in ("ok", "skipped") and not op.note:
            continue
        lines += ["", f"## {op.operation_id}: {op.method} {op.path} — {op.verdict}", ""]
        if op.note:
            lines.append(f"- {op.note}")
        for finding in op.findings:
            lines.append(f"- **{finding.kind}**: {_cell(finding.detail)}")
        if op.violations:
            lines += ["", "| JSON path | Violation |", "|---|---|"]
            lines += [f"| {_code(v.path)} | {_cell(v.message)} |" for v in op.violations]
        if op.unknown_fields:
            lines += ["", "Fields the spec does not know: " + ", ".join(_code(p) for p in op.unknown_fields)]
        if op.request_id:
            lines += ["", f"Request id: `{op.request_id}`"]
    return "\n".join(lines) + "\n"


def write_reports(report: ProbeReport, out_dir: Path) -> tuple[Path, Path]:
    """Write ``drift-report.json`` and ``drift-report.md`` into ``out_dir``; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / "drift-report.json"
    md_path = out_dir / "drift-report.md"
    # allow_nan=False: server values come through the strict reader, which refuses NaN and 1e400
    report_text = json.dumps(report.to_json(), indent=2, ensure_ascii=False, allow_nan=False)
    json_path.write_text(report_text + "\n", encoding="utf-8")
    md_path.write_text(render_markdown(report), encoding="utf-8")
    return json_path, md_path


# --------------------------------------------------------------------------------------------------
# Command line


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


def _parser(prog: str = "python -m socialecho_kit.drift") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Probe the live SocialEcho API for contract drift (read-only unless --include-writes).",
        epilog="Environment: SOCIALECHO_API_KEY (required), SOCIALECHO_BASE_URL, SOCIALECHO_TEAM_ID.",
    )
    parser.add_argument(
        "--wire",
        choices=("json-body", "query"),
        default=None,
        help="wire format of GET parameters to try first (default: the spec's x-socialecho-wire)",
    )
    parser.add_argument(
        "--out-dir", type=Path, default=Path("build"), help="where the reports go (default build/)"
    )
    parser.add_argument(
        "--spec", type=Path, default=None, help="patched spec (default: the one in socialecho_client)"
    )
    parser.add_argument(
        "--skip", action="append", default=[], metavar="OPERATION_ID", help="leave an operation out"
    )
    parser.add_argument(
        "--include-writes",
        action="store_true",
        help="also run write operations (publishArticle): REALLY publishes",
    )
    parser.add_argument(
        "--publish-payload", type=Path, help="JSON payload for publishArticle (with --include-writes)"
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=20.0,
        help="seconds for a request and its whole answer (default 20; a server trickling its headers is held "
        "to it per read only)",
    )
    return parser


def _check_out_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProbeError(f"cannot create the report directory {out_dir}: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK):
        raise ProbeError(f"cannot write into the report directory {out_dir}")


def main(
    argv: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    today: datetime.date | None = None,
    prog: str = "python -m socialecho_kit.drift",
) -> int:
    """Command line entry point; returns the exit status (0 no drift, 1 drift, 2 could not run)."""
    try:
        args = _parser(prog).parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    env = os.environ if environ is None else environ
    api_key = env.get("SOCIALECHO_API_KEY", "")
    redact = _Redactor(api_key.strip())
    try:
        check_api_key(api_key.strip())
        configured = env.get("SOCIALECHO_BASE_URL")
        if configured is not None and not configured.strip():  # an unset shell variable is not "production"
            raise ProbeError(f"SOCIALECHO_BASE_URL is set but empty: unset it to probe {DEFAULT_BASE_URL}")
        base_url = check_base_url(configured or DEFAULT_BASE_URL)
        team = env.get("SOCIALECHO_TEAM_ID", "").strip()
        if team and not (re.fullmatch(r"[0-9]{1,18}", team) and int(team) > 0):
            raise ProbeError("SOCIALECHO_TEAM_ID must be a positive integer")
        payload: Mapping[str, Any] | None = None
        if args.publish_payload is not None:
            try:
                payload = strict_json_loads(args.publish_payload.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError, RecursionError) as exc:
                raise ProbeError(f"cannot read --publish-payload {args.publish_payload}: {exc}") from None
            if not isinstance(payload, dict):
                raise ProbeError("--publish-payload must hold a JSON object")
        try:
            contract = load_contract(args.spec)
        except (OSError, ValueError) as exc:
            raise ProbeError(f"cannot read the spec: {exc}") from None
        config = ProbeConfig(
            api_key=api_key.strip(),
            base_url=base_url,
            wire=args.wire,
            include_writes=args.include_writes,
            publish_payload=payload,
            skip=frozenset(args.skip),
            team_id=int(team) if team else None,
            timeout=args.timeout,
        )
        _check_out_dir(args.out_dir)  # before any request: a probe whose report is lost is wasted
        report = run_probe(config, contract=contract, clock=clock, sleep=sleep, today=today)
        try:
            json_path, md_path = write_reports(report, args.out_dir)
        except OSError as exc:
            raise ProbeError(f"cannot write the reports into {args.out_dir}: {exc.strerror or exc}") from None
    except ProbeError as exc:
        print(f"drift probe could not run: {redact(str(exc))}", file=sys.stderr)
        return 2
    try:
        for op in report.operations:
            detail = f" ({op.note})" if op.note else ""
            wires = ", ".join(op.accepted_wires)
            print(f"{op.verdict:>7}  {op.operation_id}{f' [{wires}]' if wires else ''}{detail}")
            for finding in op.findings:
                print(f"         - {finding.kind}: {redact(finding.detail)}")
        counts = report.counts()
        verdict = "DRIFT" if report.verdict == "drift" else "no drift"
        print(
            f"{verdict}: {counts['ok']} ok, {counts['drift']} drift, {counts['error']} error, "
            f"{counts['skipped']} skipped. Reports: {json_path}, {md_path}"
        )
        sys.stdout.flush()
    except BrokenPipeError:  # `| true`: the summary has no reader, the verdict still stands
        discard_stdout()
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
