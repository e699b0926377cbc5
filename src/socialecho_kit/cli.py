"""The ``socialecho`` command: the SocialEcho API from a shell, plus the spec diff and the drift probe for CI.

Every API command goes through the runtime client (:class:`socialecho_client.SocialEcho`): retries, the rate
limiter, the wire format, validation before the network and the typed errors all come from there. This module
parses arguments, builds the client, and renders results (see :mod:`._output`); it sends nothing itself.

Output: a table on a terminal, tab-separated plain text when piped, ``--json`` (the exact data, keys
sorted; list commands print a JSON array) and ``--csv`` (list commands and report rows). Notes and errors go
to stderr.

Exit codes: 0 success; 1 an API error (the message has the HTTP status, business code and request id), a
publish whose outcome is unknown, a breaking spec diff, or drift; 2 a usage or validation error (bad option
value, missing API key, invalid payload, unreadable file; also a drift probe that could not run). No traceback
for expected failures; the API key is never printed, not even at ``-vv``.
"""

from __future__ import annotations

import functools
import importlib.metadata
import io
import logging
import os
import re
import shlex
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final, Literal, Protocol, TypeVar

import click
from socialecho_client import (
    APIStatusError,
    ConfigurationError,
    Paginator,
    PreparedRequest,
    PublishOutcomeUnknownError,
    RateLimitError,
    SocialEcho,
    SocialEchoError,
    ValidationError,
)
from socialecho_client._runtime._logging import secret_spellings

from . import _output

__all__ = ["EXIT_API_ERROR", "EXIT_OK", "EXIT_USAGE", "cli", "main"]

EXIT_OK: Final = 0
EXIT_API_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130
DRY_RUN_KEY: Final = "se_dry_run_placeholder"  # a dry run without a key: nothing is sent

PROG: Final = "socialecho"
API_KEY_ENV: Final = "SOCIALECHO_API_KEY"
BASE_URL_ENV: Final = "SOCIALECHO_BASE_URL"
TEAM_ID_ENV: Final = "SOCIALECHO_TEAM_ID"
RUNTIME_LOGGER: Final = "socialecho_client"
MASK: Final = "***"

OutputMode = Literal["table", "json", "csv"]
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# --------------------------------------------------------------------------------------------------- errors


class CliError(Exception):
    """An expected failure: printed on stderr without a traceback; the process exits with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def _redact(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with each key masked in every spelling a server may echo it in (as sent, URL-encoded,
    JSON-escaped); longest first, so that a key that contains another one is masked whole."""
    spellings = {spelling for secret in secrets if secret for spelling in secret_spellings(secret)}
    for spelling in sorted(spellings, key=len, reverse=True):
        text = text.replace(spelling, MASK)
    return text


def _printable(text: str) -> str:
    """Control and invisible format characters (terminal escape sequences, bidi overrides in a server
    message) shown escaped, as ``\\xNN`` / ``\\uNNNN``."""
    return _output.escape_controls(text)


class _RedactingFormatter(logging.Formatter):
    """The last line of defence at -v/-vv: the key never reaches stderr, whatever a log record holds."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")
        self._secrets = tuple(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return _printable(_redact(super().format(record), self._secrets))


class _StdoutClosed(Exception):
    """stdout was closed by its reader (``| head``); raised instead of click's own EPIPE handling."""


class _Group(click.Group):
    """The command group. A closed stdout is not an error of the command: click would exit 1 on it."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError as exc:  # --help into a closed pipe
            raise _StdoutClosed from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise _StdoutClosed from exc


# ------------------------------------------------------------------------------------------------- settings


@dataclass
class Settings:
    """The global options, shared by every command through the click context."""

    api_key: str | None = None
    base_url: str | None = None
    lang: str | None = None
    team_id: int | None = None
    wire: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    rate_limit: int | None = None
    verbose: int = 0
    output: OutputMode = "table"
    secrets: set[str] = field(default_factory=set, repr=False)
    """Every API key in sight (option, environment): masked in whatever is printed."""
    _handler: logging.Handler | None = field(default=None, repr=False)
    _saved_level: int = field(default=logging.NOTSET, repr=False)

    def client_kwargs(self, *, offline: bool = False) -> dict[str, Any]:
        """Constructor arguments of the runtime client: the options that were given, nothing else.

        ``offline``: the client will send nothing (a dry run), so a missing key is replaced by a
        placeholder, masked in the output like a real one.
        """
        if not self.api_key and not offline:
            raise CliError(f"missing API key: set {API_KEY_ENV} or pass --api-key")
        kwargs: dict[str, Any] = {"api_key": self.api_key or DRY_RUN_KEY}
        for name in ("base_url", "lang", "team_id", "wire", "timeout", "max_retries"):
            value = getattr(self, name)
            if value is not None:
                kwargs[name] = value
        if self.rate_limit is not None:
            kwargs["rate_limit"] = self.rate_limit or None  # 0 turns the client-side limiter off
        return kwargs

    @contextmanager
    def client(self, *, offline: bool = False) -> Iterator[SocialEcho]:
        with SocialEcho(**self.client_kwargs(offline=offline)) as client:
            yield client

    def start_logging(self) -> None:
        """The runtime logger on stderr: its warnings always (an incomplete page walk, say); -v: the INFO
        lines too (one per HTTP attempt); -vv: DEBUG."""
        if self._handler is not None:
            return
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_RedactingFormatter(self.secrets))
        logger = logging.getLogger(RUNTIME_LOGGER)
        self._saved_level = logger.level
        logger.addHandler(handler)
        levels = {0: logging.WARNING, 1: logging.INFO}
        logger.setLevel(levels.get(self.verbose, logging.DEBUG))
        self._handler = handler

    def stop_logging(self) -> None:
        if self._handler is not None:
            logger = logging.getLogger(RUNTIME_LOGGER)
            logger.removeHandler(self._handler)
            logger.setLevel(self._saved_level)
            self._handler = None

    def info(self, message: str) -> None:
        """A note on stderr at -v and above."""
        if self.verbose > 0:
            note(message)


def note(message: str) -> None:
    """A human note on stderr (stdout carries only data)."""
    click.echo(message, err=True)


# ---------------------------------------------------------------------------------------------- param types


class IsoDate(click.ParamType[date, Any]):
    """A calendar date written ``YYYY-MM-DD``."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value)
        try:
            # fromisoformat alone also takes other ISO 8601 forms of the same length ("2026-W01-1").
            if not _ISO_DATE.fullmatch(text):
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            self.fail(f"{text!r} is not a valid date (expected YYYY-MM-DD)", param, ctx)


def _positive_int(text: str) -> int | None:
    """``text`` as a positive integer written in ASCII digits only, or None (``int()`` would also take
    ``1_0``, ``+2`` and other scripts' digits, and silently mean another id)."""
    text = text.strip()
    # At most 18 digits: every id fits a signed 64-bit integer, and int() refuses 4,300 digits and more.
    if not (text.isascii() and text.isdigit()) or len(text) > 18 or int(text) < 1:
        return None
    return int(text)


class PositiveInt(click.ParamType[int, Any]):
    """A positive integer in ASCII digits (ids, page numbers)."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        number = _positive_int(str(value))
        if number is None:
            self.fail(f"{value!r} is not a positive integer", param, ctx)
        return number


class AccountIds(click.ParamType[tuple[int, ...], Any]):
    """Positive account ids: ``--account-id 1 --account-id 2`` or ``--account-id 1,2``."""

    name = "ID[,ID...]"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[int, ...]:
        if isinstance(value, tuple):
            return value
        ids: list[int] = []
        for part in str(value).split(","):
            number = _positive_int(part)
            if number is None:
                self.fail(f"{part!r} is not a positive integer account id", param, ctx)
            ids.append(number)
        return tuple(ids)


def _flat_ids(groups: Iterable[tuple[int, ...]]) -> list[int]:
    return [account_id for group in groups for account_id in group]


# ------------------------------------------------------------------------------------------------ rendering


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class _Item(Protocol):
    """An item of a paginated list (SocialAccount, Article)."""

    @property
    def id(self) -> Hashable: ...

    def to_dict(self) -> dict[str, Any]: ...


class _Page(Protocol):
    """The ``data`` of a list response (AccountPage, ArticlePage)."""

    @property
    def page(self) -> int: ...

    @property
    def per_page(self) -> int: ...

    @property
    def total(self) -> int: ...

    @property
    def list_(self) -> Sequence[_Item]: ...


def _masked(value: Any, secrets: Iterable[str | None]) -> Any:
    """``value`` with the API key masked in every string: a server that echoes it does not get it printed."""
    if isinstance(value, str):
        return _redact(value, secrets)
    if isinstance(value, Mapping):
        return {_masked(k, secrets): _masked(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item, secrets) for item in value]
    return value


def emit_rows(
    settings: Settings, rows: Sequence[Mapping[str, Any]], *, columns: Sequence[str], title: str | None = None
) -> None:
    """A list result: a JSON array, CSV rows, or a table."""
    rows = _masked(list(rows), settings.secrets)
    if settings.output == "json":
        _output.write_json(list(rows), sys.stdout)
    elif settings.output == "csv":
        _output.write_csv(rows, sys.stdout, preferred=columns)
    else:
        _output.write_table(rows, sys.stdout, preferred=columns, title=title)


def emit_record(
    settings: Settings, record: Mapping[str, Any], *, columns: Sequence[str], title: str | None = None
) -> None:
    """A single object: JSON, a one-row CSV, or ``field value`` lines."""
    record = _masked(record, settings.secrets)
    if settings.output == "json":
        _output.write_json(record, sys.stdout)
    elif settings.output == "csv":
        _output.write_csv([record], sys.stdout, preferred=columns)
    else:
        _output.write_record(record, sys.stdout, preferred=columns, title=title)


# ----------------------------------------------------------------------------------------- shared options


def _set_output(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        settings = ctx.ensure_object(Settings)
        mode: OutputMode = "json" if param.name == "as_json" else "csv"
        if settings.output not in ("table", mode):
            raise click.UsageError("--json and --csv cannot be used together", ctx)
        settings.output = mode
    return value


_F = TypeVar("_F", bound=Callable[..., Any])


def output_options(func: _F) -> _F:
    """``--json``/``--csv``: accepted before the command (global) and after it."""
    func = click.option(
        "--csv",
        "as_csv",
        is_flag=True,
        expose_value=False,
        callback=_set_output,
        help="Print CSV (list commands and report rows; nested fields flattened with dots).",
    )(func)
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        expose_value=False,
        callback=_set_output,
        help="Print the exact data as JSON (keys sorted; list commands print an array).",
    )(func)


# ------------------------------------------------------------------------------------------- command group


@click.group(
    name=PROG,
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
@click.option(
    "--api-key",
    envvar=API_KEY_ENV,
    metavar="KEY",
    help=f"Team API key [env: {API_KEY_ENV}; prefer it: a command line is visible to other users].",
)
@click.option("--base-url", envvar=BASE_URL_ENV, metavar="URL", help=f"API base URL [env: {BASE_URL_ENV}].")
@click.option("--lang", type=click.Choice(["zh_CN", "en"]), help="Response language (X-Lang).")
@click.option("--team-id", type=PositiveInt(), metavar="ID", help="Team id (X-Team-Id).")
@click.option("--wire", type=click.Choice(["json-body", "query"]), help="How GET parameters are sent.")
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", help="Per request."
)
@click.option(
    "--max-retries", type=click.IntRange(min=0), metavar="N", help="Retries of a failed GET (default 3)."
)
@click.option(
    "--rate-limit",
    type=click.IntRange(min=0),
    metavar="RPM",
    help="Client-side limit, requests per minute (default 120; 0 turns it off).",
)
@click.option("-v", "--verbose", count=True, help="Log each request on stderr; -vv: debug.")
@output_options
@click.version_option(
    package_name="socialecho-kit",
    prog_name=PROG,
    message=f"%(prog)s %(version)s (socialecho-client {importlib.metadata.version('socialecho-client')})",
)
@click.pass_context
def cli(
    ctx: click.Context,
    api_key: str | None,
    base_url: str | None,
    lang: str | None,
    team_id: int | None,
    wire: str | None,
    timeout: float | None,
    max_retries: int | None,
    rate_limit: int | None,
    verbose: int,
) -> None:
    """Command-line tool for the SocialEcho API.

    The key comes from SOCIALECHO_API_KEY. Tables on a terminal, tab-separated text when piped; --json and
    --csv for scripts. Exit codes: 0 ok; 1 API error, breaking diff or drift; 2 usage or validation error.
    """
    settings = ctx.ensure_object(Settings)
    settings.api_key = api_key or None
    if api_key:
        settings.secrets.add(api_key)
    # An empty --base-url is an unset variable in a script (--base-url "$STAGING"): never fall back to
    # production for it.
    from_command_line = ctx.get_parameter_source("base_url") is click.core.ParameterSource.COMMANDLINE
    if from_command_line and base_url is not None and not base_url.strip():
        raise click.BadParameter("must not be empty", ctx=ctx, param_hint="'--base-url'")
    settings.base_url = base_url or None
    settings.lang = lang
    settings.team_id = team_id
    settings.wire = wire
    settings.timeout = timeout
    settings.max_retries = max_retries
    settings.rate_limit = rate_limit
    settings.verbose = verbose
    settings.start_logging()
    ctx.call_on_close(settings.stop_logging)


def api_command(
    name: str, *, fields: Mapping[str, str] | None = None, payload: bool = False
) -> Callable[[Callable[..., None]], click.Command]:
    """Register an API command (``--json``/``--csv`` added; the settings passed first).

    ``fields`` maps the runtime's validation field names to the option or argument that set them, so that
    a :class:`ValidationError` is reported against what the user typed. With ``payload``, other fields are
    reported as fields of the payload file.
    """
    option_of = dict(fields or {})

    def decorate(func: Callable[..., None]) -> click.Command:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> None:
            try:
                func(*args, **kwargs)
            except ValidationError as exc:
                raise CliError(_validation_message(exc, option_of, payload)) from exc

        command = cli.command(name)(click.pass_obj(output_options(run)))
        # --json/--csv last in the command's help, after its own options.
        command.params.sort(key=lambda param: param.name in ("as_json", "as_csv"))
        return command

    return decorate


def _validation_message(exc: ValidationError, option_of: Mapping[str, str], payload: bool) -> str:
    top = exc.field.split(".", 1)[0].split("[", 1)[0]
    option = option_of.get(exc.field) or option_of.get(top)
    if option is not None:
        return f"invalid value for {option} ({exc.field}): {exc.message}"
    if payload:
        return f"invalid payload: {exc.field}: {exc.message}"
    return f"invalid value for {exc.field}: {exc.message}"


# --------------------------------------------------------------------------------------------------- team


@api_command("team")
def team_command(settings: Settings) -> None:
    """Show the API key's team (a quick key check)."""
    with settings.client() as client:
        team = client.team.get().data
    emit_record(settings, team.to_dict(), columns=("id", "code", "title", "timezone"), title="Team")


# ---------------------------------------------------------------------------------------- paginated lists


@dataclass(frozen=True)
class PagedList:
    """A paginated list command: one page (``--page N``, default 1) or every page (``--all``)."""

    name: str
    noun: str
    help: str
    columns: tuple[str, ...]
    fetch: Callable[[SocialEcho, int | None, Mapping[str, Any]], _Page]
    options: tuple[Callable[[Callable[..., Any]], Callable[..., Any]], ...] = ()
    filters: Callable[[Mapping[str, Any]], dict[str, Any]] = lambda _options: {}
    fields: Mapping[str, str] = field(default_factory=dict)


def _walk(
    spec: PagedList, client: SocialEcho, filters: Mapping[str, Any]
) -> tuple[list[_Item], int, int | None]:
    """Every item of every page (the runtime's Paginator: no duplicates, always ends) and the page count.

    A progress bar goes to stderr when it is a terminal, from the second page on.
    """
    total: int | None = None

    with _output.PageProgress(spec.noun) as progress:

        def fetch(page: int) -> _Page:
            nonlocal total
            progress.page_started(total)
            data = spec.fetch(client, page, filters)
            total = _count(data.total)
            return data

        items = list(progress.track(Paginator(fetch)))
    return items, progress.pages, total


def _count(value: object) -> int | None:
    """A reported total as a count: an integer, or digits in a string (servers send ``"25"`` too)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def _paged_command(spec: PagedList) -> click.Command:
    def command(settings: Settings, page: int | None, walk_all: bool, **options: Any) -> None:
        if walk_all and page is not None:
            raise CliError("--page and --all cannot be used together")
        filters = spec.filters(options)
        total: int | None = None
        with settings.client() as client:
            if walk_all:
                items, pages, total = _walk(spec, client, filters)
                settings.info(f"{len(items)} {spec.noun} in {pages} page(s)")
            else:
                data = spec.fetch(client, page, filters)
                items = list(data.list_)
                _more_pages_hint(settings, spec, data, len(items))
        emit_rows(settings, [item.to_dict() for item in items], columns=spec.columns)
        if walk_all and total is not None and len(items) < total:
            sys.stdout.flush()
            raise CliError(
                f"incomplete: the walk ended with {len(items)} of the {total} {spec.noun} the server "
                "reported; what was fetched was printed",
                EXIT_API_ERROR,
            )

    command.__doc__ = spec.help
    command.__name__ = f"{spec.name}_command"
    decorated: Callable[..., Any] = command
    for option in reversed(spec.options):
        decorated = option(decorated)
    decorated = click.option("--all", "walk_all", is_flag=True, help=f"Fetch every page of {spec.noun}.")(
        decorated
    )
    decorated = click.option("--page", type=PositiveInt(), metavar="N", help="Page number (default 1).")(
        decorated
    )
    return api_command(spec.name, fields={"page": "--page", **spec.fields})(decorated)


def _more_pages_hint(settings: Settings, spec: PagedList, data: _Page, shown: int) -> None:
    counts = (data.total, data.per_page, data.page)
    if settings.output != "table" or not all(type(n) is int for n in counts):  # servers send "1" too
        return
    if data.per_page > 0 and data.total > (data.page - 1) * data.per_page + shown:
        pages = -(-data.total // data.per_page)
        note(
            f"page {data.page} of {pages}: {shown} of {data.total} {spec.noun}; "
            "use --page N or --all for the others"
        )


ACCOUNT_ID_OPTION: Final = click.option(
    "--account-id",
    "account_ids",
    type=AccountIds(),
    multiple=True,
    metavar="ID",
    help="Account id (repeat the option, or separate ids with commas).",
)

PAGED_LISTS: Final[tuple[PagedList, ...]] = (
    PagedList(
        name="accounts",
        noun="accounts",
        help="List the team's social accounts.",
        columns=("id", "title", "app", "type", "status", "account", "authorization_at"),
        fetch=lambda client, page, f: client.accounts.list(page=page, **f).data,
        options=(
            click.option(
                "--type",
                "account_type",
                type=click.Choice(["1", "2"]),
                help="1 = authorized accounts, 2 = competitor accounts.",
            ),
        ),
        filters=lambda o: {} if o["account_type"] is None else {"type": int(o["account_type"])},
        fields={"type": "--type"},
    ),
    PagedList(
        name="articles",
        noun="articles",
        help="List posts with their metrics.",
        columns=(
            "id",
            "app",
            "account_id",
            "created_at",
            "reports.exposure",
            "reports.like",
            "reports.comment",
            "reports.share",
            "url",
            "content",
        ),
        fetch=lambda client, page, f: client.articles.list(page=page, **f).data,
        options=(ACCOUNT_ID_OPTION,),
        filters=lambda o: {"account_ids": _flat_ids(o["account_ids"])} if o["account_ids"] else {},
        fields={"account_ids": "--account-id"},
    ),
)


# ------------------------------------------------------------------------------------- per-account lists


@dataclass(frozen=True)
class AccountList:
    """A list command for one account: ``COMMAND ACCOUNT_ID`` (not paginated)."""

    name: str
    help: str
    columns: tuple[str, ...]
    fetch: Callable[[SocialEcho, int], Sequence[_Model]]


def _account_list_command(spec: AccountList) -> click.Command:
    def command(settings: Settings, account_id: int) -> None:
        with settings.client() as client:
            items = spec.fetch(client, account_id)
        emit_rows(settings, [item.to_dict() for item in items], columns=spec.columns)

    command.__doc__ = spec.help
    command.__name__ = f"{spec.name.replace('-', '_')}_command"
    decorated = click.argument("account_id", type=PositiveInt(), metavar="ACCOUNT_ID")(command)
    return api_command(spec.name, fields={"account_id": "ACCOUNT_ID"})(decorated)


ACCOUNT_LISTS: Final[tuple[AccountList, ...]] = (
    AccountList(
        name="reddit-communities",
        help="List a Reddit account's communities.\n\nTheir ids go in a publish payload's extra.category_id.",
        columns=("id", "name", "title"),
        fetch=lambda client, account_id: client.reddit.communities(account_id).data,
    ),
    AccountList(
        name="pinterest-boards",
        help="List a Pinterest account's boards.\n\nTheir ids go in a publish payload's extra.category_id.",
        columns=("id", "name"),
        fetch=lambda client, account_id: client.pinterest.boards(account_id).data,
    ),
)

for _paged in PAGED_LISTS:
    _paged_command(_paged)
for _per_account in ACCOUNT_LISTS:
    _account_list_command(_per_account)


# ------------------------------------------------------------------------------------------------ report

REPORT_COLUMNS: Final = ("day", "app", "account_id", "exposure", "like", "comment", "share")


@api_command(
    "report",
    fields={
        "start_date": "--start",
        "end_date": "--end",
        "time_type": "--time-type",
        "group": "--group",
        "account_ids": "--account-id",
    },
)
@click.option("--start", type=IsoDate(), required=True, help="First day, YYYY-MM-DD.")
@click.option("--end", type=IsoDate(), required=True, help="Last day, YYYY-MM-DD (not before --start).")
@click.option(
    "--time-type",
    type=click.Choice(["1", "2"]),
    default="1",
    show_default=True,
    help="1 = posts created in the range, 2 = all historical posts.",
)
@click.option("--group", type=click.Choice(["day", "app", "account"]), help="Rows per day, app or account.")
@ACCOUNT_ID_OPTION
def report_command(
    settings: Settings,
    start: date,
    end: date,
    time_type: str,
    group: str | None,
    account_ids: tuple[tuple[int, ...], ...],
) -> None:
    """Metrics over a date range: totals, or rows by day, app or account.

    --json prints the whole report (scope, totals, list); --csv and the table print the rows, or the
    totals as one row when there is no --group.
    """
    ids = _flat_ids(account_ids)
    with settings.client() as client:
        report = client.reports.get(start, end, int(time_type), account_ids=ids or None, group=group).data
    data = report.to_dict()
    if settings.output == "json":
        _output.write_json(_masked(data, settings.secrets), sys.stdout)
        return
    title = f"Report {start.isoformat()} to {end.isoformat()}" + (f" by {group}" if group else "")
    rows = data.get("list")
    if group is not None or rows:
        emit_rows(settings, rows or [], columns=REPORT_COLUMNS, title=title)
    else:
        emit_record(settings, data.get("totals") or {}, columns=REPORT_COLUMNS, title=title)


# ----------------------------------------------------------------------------------------------- uploads

UPLOAD_FIELDS: Final = {"content_type": "--content-type", "title": "--title", "path": "FILE"}


@api_command("upload-url", fields=UPLOAD_FIELDS)
@click.option("--content-type", required=True, metavar="MIME", help="MIME type of the file, e.g. image/png.")
@click.option("--title", metavar="TEXT", help="Optional file title.")
def upload_url_command(settings: Settings, content_type: str, title: str | None) -> None:
    """Get a pre-signed upload URL.

    Upload the bytes yourself with the returned method and the same Content-Type (or use 'upload').
    """
    with settings.client() as client:
        ticket = client.uploads.get_url(content_type, title=title).data
    emit_record(
        settings,
        ticket.to_dict(),
        columns=("public_url", "upload_url", "method", "expires_at"),
        title="Upload",
    )


@api_command("upload", fields=UPLOAD_FIELDS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--content-type", metavar="MIME", help="MIME type (default: guessed from the file name).")
@click.option("--title", metavar="TEXT", help="Optional file title.")
def upload_command(settings: Settings, file: Path, content_type: str | None, title: str | None) -> None:
    """Upload a file and print its public URL.

    Use the URL in a publish payload's attachments[].url.
    """
    with settings.client() as client:
        public_url = client.uploads.upload_file(file, content_type=content_type, title=title)
    if settings.output == "table":
        click.echo(_redact(public_url, settings.secrets))
    else:
        emit_record(settings, {"public_url": public_url}, columns=("public_url",))


# ----------------------------------------------------------------------------------------------- publish


def _read_bytes(path: str) -> bytes:
    if path == "-":
        if sys.stdin is None:  # started with stdin closed (`<&-`)
            raise CliError("standard input is closed: there is no payload to read from '-'")
        # The bytes, not sys.stdin's text: the payload is UTF-8 whatever the locale says.
        stream = getattr(sys.stdin, "buffer", None)
        return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    return Path(path).read_bytes()


def _read_payload(path: str) -> dict[str, Any]:
    """The JSON object in ``path`` (``-``: stdin): UTF-8 (a leading BOM is fine), strict JSON.

    Stricter than json.loads on purpose, as the payload is published: a key given twice in one object and
    the non-JSON constants NaN / Infinity are errors, not silently resolved.
    """
    try:
        text = _read_bytes(path).decode("utf-8-sig")
    except OSError as exc:
        raise CliError(f"cannot read payload file {path}: {exc.strerror or type(exc).__name__}") from None
    except UnicodeDecodeError:
        raise CliError(f"cannot read payload file {path}: not UTF-8 text") from None
    from .mock import strict_json_loads  # here: the mock module's imports are not needed elsewhere

    try:
        payload = strict_json_loads(text)
    except ValueError as exc:  # syntax, a key twice, NaN / Infinity, 1e400, nested too deeply
        raise CliError(f"payload file {path}: {exc}") from None
    if not isinstance(payload, dict):
        raise CliError(f"payload file {path} must hold a JSON object, not {type(payload).__name__}")
    return payload


def _request_dict(request: PreparedRequest) -> dict[str, Any]:
    return {
        "method": request.method,
        "url": request.url,
        "headers": dict(request.headers),
        "body": request.body,
    }


@api_command("publish", fields={"platform": "--platform"}, payload=True)
@click.argument("payload_file", metavar="PAYLOAD.json")
@click.option("--platform", metavar="NAME", help="Also check the payload against this platform's rules.")
@click.option("--execute", is_flag=True, help="Really publish. Without it: a dry run that sends nothing.")
def publish_command(settings: Settings, payload_file: str, platform: str | None, execute: bool) -> None:
    """Publish a post from a JSON payload.

    PAYLOAD.json is a file, or '-' for stdin.

    By default a dry run: the payload is checked and the exact request is printed (key masked), nothing is
    sent. With --execute it is sent once; if the outcome is unknown (timeout or 5xx after sending) the
    command says the post MAY have been published, exits 1, and does not send it again.
    """
    if settings.output == "csv":
        raise CliError("--csv does not apply to publish; use --json or the default output")
    payload = _read_payload(payload_file)
    with settings.client(offline=not execute) as client:
        if not execute:
            request = client.publish.article(payload, dry_run=True, platform=platform)
            if settings.output == "json":
                _output.write_json(_request_dict(request), sys.stdout)
            else:
                click.echo(str(request))
            note("dry run: nothing was sent; add --execute to publish")
            return
        try:
            response = client.publish.article(payload, platform=platform)
        except KeyboardInterrupt:
            raise CliError(
                "interrupted while publishing: the request may already have reached the server, so the "
                "post MAY HAVE BEEN PUBLISHED.\n"
                f"Check the account's posts ('{_check_command(payload, settings)}') before publishing again.",
                EXIT_INTERRUPTED,
            ) from None
        except PublishOutcomeUnknownError as exc:
            raise CliError(
                "publish outcome unknown: the post MAY HAVE BEEN PUBLISHED. It was not sent again.\n"
                f"{exc}\n"
                f"Check the account's posts ('{_check_command(payload, settings)}') before publishing again.",
                EXIT_API_ERROR,
            ) from exc
    try:
        emit_record(
            settings,
            response.to_dict(),
            columns=("data.id", "request_id", "message", "code"),
            title="Published",
        )
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # the post went out: exit 0 all the same, or a retrying script posts it twice
        post_id = getattr(response.data, "id", None)
        _output.discard_stdout()
        note(
            f"the post WAS published (id {post_id}, request id {response.request_id}), but the output "
            f"could not be written: {exc.strerror or exc}"
        )


# ------------------------------------------------------------------------------------------ diff / drift


def _check_command(payload: Mapping[str, Any], settings: Settings) -> str:
    """The command that shows whether a post of this payload went out: the same server and team."""
    words = [PROG]
    if settings.base_url:
        words += ["--base-url", shlex.quote(settings.base_url)]
    if settings.team_id is not None:
        words += ["--team-id", str(settings.team_id)]
    if settings.wire is not None:
        words += ["--wire", settings.wire]
    words.append("articles")
    account = payload.get("account_id")
    if type(account) is int:
        words += ["--account-id", str(account)]
    return " ".join(words)


@cli.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["md", "json"]), help="Report format (default md; json with --json)."
)
@output_options
@click.pass_obj
def diff_command(settings: Settings, old: str, new: str, fmt: str | None) -> int:
    """Contract-level diff of two OpenAPI documents.

    Ignores info.version; exit 1 if a change is breaking, 0 if not, 2 if a file cannot be read.
    """
    from . import specdiff

    if settings.output == "csv":
        raise CliError("--csv does not apply to diff; use --format md or --format json")
    if fmt is None:
        fmt = "json" if settings.output == "json" else "md"
    return specdiff.main([old, new, "--format", fmt], prog=f"{PROG} diff")


@cli.command(
    "drift",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def drift_command(settings: Settings, args: tuple[str, ...]) -> int:
    """Live drift probe against the real API (read-only).

    Exit 0 no drift, 1 drift, 2 the probe could not run.

    Its options (--out-dir, --skip, --spec, ...) are passed through: 'socialecho drift --help'. The global
    --api-key, --base-url, --team-id, --wire and --timeout apply to it too.
    """
    from . import drift

    environ = dict(os.environ)
    for name, value in ((API_KEY_ENV, settings.api_key), (BASE_URL_ENV, settings.base_url)):
        if value:
            environ[name] = value
    if settings.team_id is not None:
        environ[TEAM_ID_ENV] = str(settings.team_id)
    argv = list(args)
    passed: tuple[tuple[str, object], ...] = (("--wire", settings.wire), ("--timeout", settings.timeout))
    for option, setting in passed:
        given = any(arg == option or arg.startswith(f"{option}=") for arg in argv)
        if setting is not None and not given:
            argv = [option, str(setting), *argv]
    return drift.main(argv, environ=environ, prog=f"{PROG} drift")


# -------------------------------------------------------------------------------------------------- main


def _api_error_message(exc: SocialEchoError) -> str:
    message = str(exc)
    if isinstance(exc, RateLimitError) and exc.retry_after is not None:
        message += f"; retry after {exc.retry_after:g} s"
    if isinstance(exc, APIStatusError) and exc.http_status == 401:
        message += f"; check the key (--api-key / {API_KEY_ENV})"
    return message


def _fail(message: str, secrets: Iterable[str | None]) -> None:
    for line in _printable(_redact(message, secrets)).splitlines() or [""]:
        click.echo(f"{PROG}: error: {line}", err=True)


def _keys_in(args: Sequence[str]) -> list[str]:
    """The keys given on the command line (to mask them in messages printed before parsing ends)."""
    keys: list[str] = []
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--api-key" and index + 1 < len(args):
            keys.append(args[index + 1])
        elif arg.startswith("--api-key="):
            keys.append(arg.partition("=")[2])
    return keys


def _tolerant_streams() -> None:
    """Streams whose encoding cannot show every character (``LANG=C``, ``PYTHONIOENCODING=ascii``):
    print what they can and escape the rest instead of failing. ``--json`` stays exact: it escapes
    non-ASCII itself on such streams (see :func:`._output.write_json`)."""
    for stream in (sys.stdout, sys.stderr):
        if (
            isinstance(stream, io.TextIOWrapper)
            and not _output.is_utf(stream)
            and stream.errors in ("strict", "surrogateescape")
        ):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    settings.secrets.update(key for key in (os.environ.get(API_KEY_ENV), *_keys_in(args)) if key)
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        if sys.stderr is not None:
            _fail("standard output is closed; nothing can be printed", settings.secrets)
        return EXIT_USAGE
    _tolerant_streams()
    result: Any = None
    try:
        result = cli.main(args=args, prog_name=PROG, standalone_mode=False, obj=settings)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
    except click.ClickException as exc:
        shown = io.StringIO()
        exc.show(file=shown)
        click.echo(_redact(shown.getvalue(), settings.secrets), err=True, nl=False)
        return EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code
    except click.Abort:
        click.echo(f"{PROG}: interrupted", err=True)
        return EXIT_INTERRUPTED
    except CliError as exc:
        _fail(exc.message, settings.secrets)
        return exc.exit_code
    except (ValidationError, ConfigurationError) as exc:
        _fail(str(exc), settings.secrets)
        return EXIT_USAGE
    except SocialEchoError as exc:
        _fail(_api_error_message(exc), settings.secrets)
        return EXIT_API_ERROR
    except (_StdoutClosed, BrokenPipeError):
        # stdout was closed early (`socialecho articles --all | head`): nothing left to report, but a
        # command that finished keeps its own exit code (drift found drift).
        _output.discard_stdout()
        return result if isinstance(result, int) else EXIT_OK
    except OSError as exc:  # stdout on a full disk, a vanished mount, ...
        _fail(f"cannot write the output: {exc.strerror or exc}", settings.secrets)
        _output.discard_stdout()
        return EXIT_API_ERROR
    finally:
        settings.stop_logging()
    return result if isinstance(result, int) else EXIT_OK
