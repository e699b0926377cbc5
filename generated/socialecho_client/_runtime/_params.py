"""Validation of the GET parameters, before anything is sent (pure functions, shared by sync and async).

Each function checks one kind of input and returns the value for the generated request model, or
raises :class:`ValidationError` naming the parameter. Booleans are never accepted as integers, ids and
page numbers must fit a signed 64-bit integer, and ``account_ids`` must not repeat an id. The
publish payload and the upload parameters are checked by :mod:`._validation`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final, TypeGuard

from ..models import (
    GetReportBody,
    GetReportBodyGroup,
    GetReportBodyTimeType,
    Lang,
    ListAccountsBody,
    ListAccountsBodyType,
    ListArticlesBody,
)
from ..types import UNSET, Unset
from ._exceptions import ValidationError

__all__ = [
    "account_ids",
    "accounts_body",
    "articles_body",
    "lang",
    "page",
    "positive_id",
    "report_body",
]

MAX_ID: Final = 2**63 - 1  # the largest JSON integer a 64-bit server accepts
_DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_ACCOUNT_TYPES: Final[dict[int, ListAccountsBodyType]] = {1: 1, 2: 2}
_TIME_TYPES: Final[dict[int, GetReportBodyTimeType]] = {1: 1, 2: 2}
_GROUPS: Final[dict[str, GetReportBodyGroup]] = {"day": "day", "app": "app", "account": "account"}
_LANGS: Final[dict[str, Lang]] = {"en": "en", "zh_CN": "zh_CN"}


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: object) -> str:
    """A value for an error message: its repr, cut short (a caller may pass something huge)."""
    try:
        text = repr(value)
    except ValueError:  # an int too large to print (sys.get_int_max_str_digits)
        return f"<{type(value).__name__} too large to show>"
    return text if len(text) <= 60 else f"{text[:60]}… ({type(value).__name__})"


def positive_id(field: str, value: object) -> int:
    """A positive integer id that fits a signed 64-bit integer."""
    if _is_int(value) and 0 < value <= MAX_ID:
        return value
    if _is_int(value) and value > MAX_ID:
        raise ValidationError(field, f"must be at most {MAX_ID} (a 64-bit integer), got {_shown(value)}")
    raise ValidationError(field, f"must be a positive integer, got {_shown(value)}")


def page(value: object) -> int | Unset:
    """A page number from 1; None means the first page."""
    return UNSET if value is None else positive_id("page", value)


def account_ids(value: Iterable[int] | None, field: str = "account_ids") -> list[int] | Unset:
    """A non-empty list of distinct positive ids; None means no filter."""
    if value is None:
        return UNSET
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise ValidationError(field, f"must be a list of positive integers, got {type(value).__name__}")
    ids: list[int] = []
    where: dict[int, int] = {}
    for i, item in enumerate(value):
        checked = positive_id(f"{field}[{i}]", item)
        if checked in where:
            raise ValidationError(f"{field}[{i}]", f"repeats {checked} (already {field}[{where[checked]}])")
        where[checked] = i
        ids.append(checked)
    if not ids:
        raise ValidationError(field, "must not be empty; leave it out (None) to mean every account")
    return ids


def _choice(field: str, value: object, choices: dict[Any, Any]) -> Any:
    """The choice equal to ``value`` and of its exact type; None stays unset."""
    if value is None:
        return UNSET
    # Exact types: 1.0 is not the choice 1, and True is not 1; an IntEnum / StrEnum member is its value.
    if isinstance(value, int) and not isinstance(value, bool):
        value = int(value)
    elif isinstance(value, str):
        value = str(value)
    if not any(type(value) is type(key) and value == key for key in choices):
        raise ValidationError(field, f"must be one of {', '.join(map(repr, choices))}, got {_shown(value)}")
    return choices[value]


def lang(value: object) -> Lang | None:
    """``en`` or ``zh_CN`` (the server's default); None sends no X-Lang header."""
    if value is None:
        return None
    chosen: Lang = _choice("lang", value, _LANGS)
    return chosen


def _date(field: str, value: object) -> date:
    if isinstance(value, datetime):
        raise ValidationError(field, f"must be a date, not a datetime ({_shown(value)}); use .date()")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(field, f"must be a date or a 'YYYY-MM-DD' string, got {_shown(value)}")


def accounts_body(page_: object, type_: object) -> ListAccountsBody:
    return ListAccountsBody(page=page(page_), type_=_choice("type", type_, _ACCOUNT_TYPES))


def articles_body(page_: object, ids: Iterable[int] | None) -> ListArticlesBody:
    return ListArticlesBody(page=page(page_), account_ids=account_ids(ids))


def report_body(
    start_date: object, end_date: object, time_type: object, ids: Iterable[int] | None, group: object
) -> GetReportBody:
    start, end = _date("start_date", start_date), _date("end_date", end_date)
    if end < start:
        raise ValidationError("end_date", f"{end.isoformat()} is before start_date {start.isoformat()}")
    if time_type is None:
        raise ValidationError("time_type", "is required: 1 (posts created in the range) or 2 (all posts)")
    return GetReportBody(
        start_date=start,
        end_date=end,
        time_type=_choice("time_type", time_type, _TIME_TYPES),
        account_ids=account_ids(ids),
        # "" and None both mean totals; "" is never sent (the newer contract forbids it).
        group=_choice("group", None if group == "" else group, _GROUPS),
    )
