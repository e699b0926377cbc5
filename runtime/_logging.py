"""Logging: the ``socialecho_client`` logger, the ``SOCIALECHO_LOG`` switch, and redaction.

``SOCIALECHO_LOG=info`` (or ``debug``) gives the logger a stderr handler when a client is created;
otherwise the logger only propagates to whatever the application configured. That handler writes only
the records no handler of the application writes, so a line never appears twice; and the variable
only ever adds detail (it never lowers a level the application set). Each HTTP attempt is
one INFO line: method, endpoint, HTTP status, business code, elapsed ms, attempt, request id and the
parameters. DEBUG adds the request headers and the start of the response body.

The API key never reaches a handler: messages are built from redacted values, and a filter on the
logger rewrites every record anyway, masking ``Authorization`` values, ``Bearer`` tokens and every API
key a client registered (:func:`register_secret`), in the message, its arguments and the traceback.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import urllib.parse
from collections.abc import Mapping
from typing import TextIO

__all__ = [
    "LOGGER_NAME",
    "configure_from_env",
    "logger",
    "mask_secrets",
    "redact",
    "redact_headers",
    "register_secret",
    "secret_spellings",
]

LOGGER_NAME = "socialecho_client"
ENV_VAR = "SOCIALECHO_LOG"
MASK = "***"
_LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}
_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"})
_PATTERNS = (
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:bearer\s+)?)[^\s\"',;}]+"),
    re.compile(r"(?i)(bearer\s+)[\w.~+/=-]+"),
)

logger = logging.getLogger(LOGGER_NAME)
_secrets: tuple[str, ...] = ()  # replaced, never mutated: readers need no lock
_lock = threading.Lock()


def secret_spellings(secret: str) -> set[str]:
    """The secret as it may be written back at us: as is, URL-encoded (path or form), JSON-escaped."""
    spellings = {
        secret,
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote(secret, safe="/:"),
        urllib.parse.quote_plus(secret, safe=""),
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        json.dumps(secret)[1:-1].replace("/", "\\/"),  # JSON writers that escape "/" (PHP)
        repr(secret)[1:-1],  # inside the repr of a model or a container
    }
    # Percent-encoding is case-insensitive: %2b and %2B are the same byte.
    spellings |= {re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), s) for s in spellings}
    return spellings


def register_secret(secret: str) -> None:
    """Mask this string (and its URL-encoded and JSON-escaped spellings) in log records and errors."""
    global _secrets
    if secret:
        with _lock:
            known = set(_secrets) | secret_spellings(secret)
            _secrets = tuple(sorted(known, key=len, reverse=True))  # longest first: no partial masks


def mask_secrets(text: str) -> str:
    """``text`` with the registered secrets (every spelling) masked, and nothing else changed.

    For text that must stay as the user wrote it, such as a dry run's body: a post may well say
    "Authorization: pending" without being a credential.
    """
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def redact(text: str) -> str:
    """``text`` with registered secrets, Authorization values and Bearer tokens masked."""
    text = mask_secrets(text)
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\g<1>{MASK}", text)
    return text


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of the headers with credentials masked (the scheme of Authorization is kept)."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        if name.lower() in _SENSITIVE_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value else ""
            value = f"{scheme} {MASK}".strip()
        out[name] = redact(value)
    return out


class RedactingFilter(logging.Filter):
    """Rewrites each record of the ``socialecho_client`` logger with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = RedactingFilter()
logger.addFilter(_FILTER)


def _handled_elsewhere(record: logging.LogRecord, own: logging.Handler) -> bool:
    """Whether a handler other than ``own`` (on this logger or, through propagation, an ancestor such
    as the root logger) will emit ``record``: the application logs it already."""
    current: logging.Logger | None = logger
    while current is not None:
        for handler in current.handlers:
            if (
                handler is not own
                and not isinstance(handler, _EnvHandler)
                and record.levelno >= handler.level
            ):
                return True
        current = current.parent if current.propagate else None
    return False


class _EnvHandler(logging.StreamHandler[TextIO]):
    """The stderr handler added by ``SOCIALECHO_LOG`` (a marker class, so it is added once).

    It stays silent for a record that another handler emits, so an application that configures logging
    itself (``logging.basicConfig``, a CLI's ``-v``), before or after the client is created, never gets
    a line twice.
    """

    def emit(self, record: logging.LogRecord) -> None:
        if not _handled_elsewhere(record, self):
            super().emit(record)


def configure_from_env(environ: Mapping[str, str] = os.environ) -> None:
    """Apply ``SOCIALECHO_LOG=info|debug``: set the level and add one stderr handler (see
    :class:`_EnvHandler`: it only writes what no other handler of the application writes)."""
    level = _LEVELS.get(environ.get(ENV_VAR, "").strip().lower())
    if level is None:
        return
    if logger.level == logging.NOTSET or level < logger.level:  # more detail, never less than the app set
        logger.setLevel(level)
    if not any(isinstance(handler, _EnvHandler) for handler in logger.handlers):
        handler = _EnvHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(_FILTER)
        logger.addHandler(handler)
