"""Client settings: resolved and checked once, at construction (or by ``with_options``).

Raises :class:`ConfigurationError` for anything unusable; the API key is never part of a message or
of ``repr``.
"""

from __future__ import annotations

import ipaddress
import math
import os
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Final

import httpx

from ..models import Lang
from ..types import UNSET, Unset
from ._clock import SYSTEM_CLOCK, Clock
from ._exceptions import ConfigurationError
from ._ratelimit import RateLimiter
from ._spec import spec_facts
from ._transport import Policy
from ._wire import WIRES, Wire

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "NOT_GIVEN",
    "NotGiven",
    "Settings",
    "is_loopback",
    "resolve_settings",
]

API_KEY_ENV: Final = "SOCIALECHO_API_KEY"
BASE_URL_ENV: Final = "SOCIALECHO_BASE_URL"
DEFAULT_TIMEOUT: Final = 30.0
DEFAULT_MAX_RETRIES: Final = 3
DEFAULT_RATE_LIMIT: Final = 120
DEFAULT_DEADLINE: Final = 120.0
DEFAULT_MAX_RETRY_AFTER: Final = 60.0
_LANGS: Final[dict[str, Lang]] = {"en": "en", "zh_CN": "zh_CN"}
MAX_TEAM_ID: Final = 2**63 - 1
_USERINFO_RE: Final = re.compile(r"//[^/?#]*@")
# A DNS name (IDNA already applied by httpx), an IPv4 address or an IPv6 literal.
_HOST_RE: Final = re.compile(
    r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?|[0-9a-f:.]+", re.I
)


class NotGiven:
    """Marks an option left out of ``with_options`` (``None`` is a meaningful value there)."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


@dataclass(frozen=True)
class Settings:
    api_key: str = field(repr=False)
    base_url: str
    lang: Lang | None
    team_id: int | None
    timeout: httpx.Timeout
    max_retries: int
    rate_limit: int | None
    wire: Wire | None
    deadline: float | NotGiven | None  # NOT_GIVEN: the default, see effective_deadline
    max_retry_after: float
    clock: Clock
    rng: Callable[[], float]

    def replace(self, **changes: Any) -> Settings:
        """These settings with some changed (``NOT_GIVEN`` values ignored), checked again."""
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        current.update({k: v for k, v in changes.items() if not isinstance(v, NotGiven)})
        return resolve_settings(**current)

    def policy(self) -> Policy:
        limiter = None
        if self.rate_limit is not None:
            limiter = RateLimiter.shared(self.api_key, self.rate_limit, self.clock)
        return Policy(
            base_path=httpx.URL(self.base_url).path.rstrip("/"),
            wire=self.wire,
            max_retries=self.max_retries,
            deadline=self.effective_deadline,
            max_retry_after=self.max_retry_after,
            limiter=limiter,
            clock=self.clock,
            rng=self.rng,
            success_codes=spec_facts().success_codes,
        )

    @property
    def effective_deadline(self) -> float | None:
        """The deadline given, or by default 120 s -- but never shorter than one attempt's timeout (a
        ``timeout=300`` is not silently cut to 120 s)."""
        if not isinstance(self.deadline, NotGiven):
            return self.deadline
        phases = [value for value in self.timeout.as_dict().values() if value is not None]
        return max([DEFAULT_DEADLINE, *phases])

    def header_args(self) -> dict[str, Any]:
        """X-Lang and X-Team-Id for the generated request builders; unset ones are not sent."""
        lang: Lang | Unset = UNSET if self.lang is None else self.lang
        team: int | Unset = UNSET if self.team_id is None else self.team_id
        return {"x_lang": lang, "x_team_id": team}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(name: str, value: object, *, positive: bool = False) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
        or (positive and value == 0)
    ):
        kind = "positive" if positive else "non-negative"
        raise ConfigurationError(f"{name} must be a {kind} number, got {value!r}")
    return float(value)


def _api_key(value: str | None, environ: Mapping[str, str]) -> str:
    key = value if value is not None else environ.get(API_KEY_ENV, "")
    if not isinstance(key, str) or not key.strip():
        raise ConfigurationError(
            f"no API key: pass api_key=... or set the {API_KEY_ENV} environment variable "
            "(a Team API key, 'se_...')"
        )
    if key != key.strip() or any(ch.isspace() or ord(ch) < 32 for ch in key):
        raise ConfigurationError("the API key contains whitespace or control characters")
    if not key.isascii() or not key.isprintable():  # an HTTP header carries printable ASCII only
        raise ConfigurationError("the API key contains characters other than printable ASCII")
    return key


def is_loopback(host: str) -> bool:
    # Only the name "localhost" itself: a resolver may send "anything.localhost" to DNS (RFC 6761
    # asks it not to, but glibc's does), and the key must not travel in clear to whoever answers.
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown(raw: str) -> str:
    """A base URL as shown in messages: credentials (user:password@) masked."""
    return _USERINFO_RE.sub("//***@", raw)


def _base_url(value: str | None, environ: Mapping[str, str]) -> str:
    from_env = environ.get(BASE_URL_ENV)
    if value is None and from_env is not None and not from_env.strip():
        # An unset shell variable expanded to "" must not quietly mean production.
        raise ConfigurationError(
            f"{BASE_URL_ENV} is set but empty: unset it to use {spec_facts().base_url}, or give a URL"
        )
    raw = value if value is not None else from_env or spec_facts().base_url
    if not isinstance(raw, str):
        raise ConfigurationError(f"base_url must be a string, got {type(raw).__name__}")
    try:
        url = httpx.URL(raw)
        host = url.host  # decodes IDNA: a malformed label raises UnicodeError here
    except (httpx.InvalidURL, ValueError) as exc:  # UnicodeError is a ValueError
        raise ConfigurationError(f"base_url {_shown(raw)!r} is not a URL: {exc}") from None
    secure = url.scheme == "https" or (url.scheme == "http" and is_loopback(host))
    if not host or not secure:
        raise ConfigurationError(
            f"base_url must be an https:// URL (plain http:// only for a loopback host), got {_shown(raw)!r}"
        )
    if url.query or url.fragment or url.userinfo or "?" in raw or "#" in raw:
        raise ConfigurationError("base_url must not carry credentials, a query string or a fragment")
    if not _HOST_RE.fullmatch(url.raw_host.decode("ascii", "replace")):  # raw: IDNA-encoded
        raise ConfigurationError(f"base_url has an invalid host name: {host!r}")
    if url.port is not None and not 0 < url.port < 65536:
        raise ConfigurationError(f"base_url has an invalid port: {url.port}")
    return str(url).rstrip("/")


def resolve_settings(
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    lang: str | None = None,
    team_id: int | None = None,
    timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
    max_retries: int = DEFAULT_MAX_RETRIES,
    rate_limit: int | None = DEFAULT_RATE_LIMIT,
    wire: str | None = None,
    deadline: float | NotGiven | None = NOT_GIVEN,
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    clock: Clock | None = None,
    rng: Callable[[], float] | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Settings:
    """Check every option; fill the defaults (key and base URL from the environment)."""
    if lang is not None and lang not in _LANGS:
        raise ConfigurationError(f"lang must be one of {', '.join(_LANGS)} or None, got {lang!r}")
    if team_id is not None and (not _is_int(team_id) or not 0 < team_id <= MAX_TEAM_ID):
        raise ConfigurationError(f"team_id must be a positive integer or None, got {team_id!r}")
    if not _is_int(max_retries) or max_retries < 0:
        raise ConfigurationError(f"max_retries must be an integer >= 0, got {max_retries!r}")
    if rate_limit is not None and (not _is_int(rate_limit) or rate_limit <= 0):
        raise ConfigurationError(
            f"rate_limit must be a positive integer (per minute) or None, got {rate_limit!r}"
        )
    if wire is not None and wire not in WIRES:
        raise ConfigurationError(f"wire must be one of {', '.join(WIRES)} or None (the spec's), got {wire!r}")
    if isinstance(timeout, httpx.Timeout):
        for phase, value in timeout.as_dict().items():
            if value is not None:
                _number(f"timeout.{phase}", value, positive=True)
    else:
        timeout = httpx.Timeout(None if timeout is None else _number("timeout", timeout, positive=True))
    if clock is not None and not all(
        callable(getattr(clock, name, None)) for name in ("monotonic", "time", "sleep", "asleep")
    ):
        raise ConfigurationError("clock must have monotonic(), time(), sleep() and asleep() (see Clock)")
    if rng is not None and not callable(rng):
        raise ConfigurationError(f"rng must be a callable returning a float in [0, 1), got {rng!r}")
    return Settings(
        api_key=_api_key(api_key, environ),
        base_url=_base_url(base_url, environ),
        lang=_LANGS[lang] if lang is not None else None,
        team_id=team_id,
        timeout=timeout,
        max_retries=max_retries,
        rate_limit=rate_limit,
        wire=next((w for w in WIRES if w == wire), None),
        deadline=deadline
        if deadline is None or isinstance(deadline, NotGiven)
        else _number("deadline", deadline, positive=True),
        max_retry_after=_number("max_retry_after", max_retry_after),
        clock=SYSTEM_CLOCK if clock is None else clock,
        rng=random.random if rng is None else rng,
    )
