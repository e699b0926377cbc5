"""Output layer of the ``socialecho`` command: tables, JSON, CSV and a page-walk progress bar.

Rules (they are the command's contract, tests pin them):

- ``--json`` prints the data exactly as the model's ``to_dict()`` gives it, keys sorted (stable across
  runs and servers that reorder fields), two-space indent, UTF-8 kept as is (``\\uXXXX`` escapes on a
  stream whose encoding is not UTF-8, so that the JSON stays exact there too).
- ``--csv`` prints rows with a header row made of the union of the rows' keys; nested objects are
  flattened with dots (``reports.like``); lists and other JSON values in a cell are compact JSON; ``None``
  is an empty cell.
- The default table is drawn with rich only when stdout is a terminal. When stdout is piped it is plain
  text: a header row and one line per row, tab-separated, no colour, no box characters; tabs, newlines and
  backslashes in values are escaped (``\\t``, ``\\n``, ``\\\\``) so that every row stays on one line; other
  control characters (terminal escape sequences) as ``\\xNN``.
- Values are text, never markup: ``[bold]`` in a post is printed as is, and control characters are
  escaped on a terminal too.
- The progress bar goes to stderr, only when stderr is a terminal, and only once a second page is walked.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, TextIO

__all__ = [
    "PageProgress",
    "cell_text",
    "columns_for",
    "discard_stdout",
    "escape_controls",
    "flatten",
    "is_tty",
    "is_utf",
    "write_csv",
    "write_json",
    "write_record",
    "write_table",
]


def is_tty(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal (False for pipes, files and captured streams)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or exotic streams
        return False


def is_utf(stream: TextIO) -> bool:
    """Whether ``stream`` encodes text as UTF-8/16/32 (any character can be written to it)."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):
        return True  # StringIO and friends hold str
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


# C0/C1 controls (ESC sequences, OSC 52 clipboard writes ...) and invisible format characters that
# reorder or hide text on a terminal (bidi overrides and isolates, zero-width characters, BOM).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def escape_controls(text: str) -> str:
    def escaped(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return _CONTROL.sub(escaped, text)


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings become dotted keys: ``{"reports": {"like": 1}}`` → ``{"reports.like": 1}``.

    An empty nested mapping keeps its key (with ``{}``) so that it is not silently lost.
    """
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def columns_for(rows: Sequence[Mapping[str, Any]], preferred: Sequence[str] = ()) -> list[str]:
    """The union of the rows' keys: the ``preferred`` ones present first (in order), then the rest sorted.

    Without rows, the ``preferred`` columns (so that an empty result still has its header).
    """
    if not rows:
        return list(preferred)
    seen: set[str] = set()
    for row in rows:
        seen.update(row)
    first = [name for name in preferred if name in seen]
    return first + sorted(seen.difference(first))


def cell_text(value: Any) -> str:
    """The text of one cell: ``None`` → empty, booleans lower-case, containers as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _plain_cell(value: Any) -> str:
    text = cell_text(value)
    text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
    return escape_controls(text)


def _terminal_cell(value: Any) -> Any:
    """A rich cell: plain text (no markup), control characters escaped."""
    from rich.text import Text

    return Text(escape_controls(cell_text(value)))


def _title(title: str | None) -> Any:
    """A table title as plain text (no markup); the table is at least as wide, so that it does not wrap."""
    from rich.text import Text

    return Text(title, style="table.title") if title else None


def write_json(data: Any, stream: TextIO) -> None:
    """Exact data as JSON, keys sorted, one trailing newline."""
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=not is_utf(stream))
    if is_tty(stream):  # C1 controls and bidi characters as JSON escapes: the same data, nothing hidden
        text = _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    stream.write(text + "\n")


def write_csv(rows: Sequence[Mapping[str, Any]], stream: TextIO, preferred: Sequence[str] = ()) -> None:
    """Rows as CSV (header first). Rows are flattened; the header is the union of their keys."""
    flat = [row for row in (flatten(row) for row in rows) if row]  # an empty record is no row
    columns = columns_for(flat, preferred)
    # A terminal would act on escape sequences in the data; a file or a pipe gets the exact text.
    tty = is_tty(stream)

    def text(value: Any) -> str:
        return escape_controls(cell_text(value)) if tty else cell_text(value)

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([text(column) for column in columns])  # column names come from the server too
    for row in flat:
        writer.writerow([text(row.get(column)) for column in columns])


def _rich_console(stream: TextIO) -> Any:
    from rich.console import Console

    return Console(file=stream, force_terminal=True, highlight=False, soft_wrap=False)


def write_table(
    rows: Sequence[Mapping[str, Any]],
    stream: TextIO,
    *,
    preferred: Sequence[str] = (),
    title: str | None = None,
    tty: bool | None = None,
) -> None:
    """Rows as a table: rich on a terminal, else tab-separated plain text (``title`` only on a terminal)."""
    flat = [flatten(row) for row in rows]
    columns = columns_for(flat, preferred)
    if tty is None:
        tty = is_tty(stream)
    if not tty:
        if columns:
            stream.write("\t".join(_plain_cell(column) for column in columns) + "\n")
        for row in flat:
            stream.write("\t".join(_plain_cell(row.get(column)) for column in columns) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_title(title), min_width=len(title or ""), show_edge=False, header_style="bold")
    for column in columns:
        table.add_column(Text(escape_controls(column)), overflow="ellipsis", max_width=60)
    for row in flat:
        table.add_row(*(_terminal_cell(row.get(column)) for column in columns))
    console = _rich_console(stream)
    if not rows:
        console.print(Text(f"{title}: no rows" if title else "no rows"))
        return
    console.print(table)


def write_record(
    record: Mapping[str, Any],
    stream: TextIO,
    *,
    preferred: Sequence[str] = (),
    title: str | None = None,
    tty: bool | None = None,
) -> None:
    """One object as ``field  value`` lines (rich on a terminal, tab-separated otherwise)."""
    flat = flatten(record)
    columns = columns_for([flat], preferred)
    if tty is None:
        tty = is_tty(stream)
    if not tty:
        for column in columns:
            stream.write(f"{_plain_cell(column)}\t{_plain_cell(flat[column])}\n")
        return
    from rich.table import Table

    table = Table(title=_title(title), min_width=len(title or ""), show_header=False, show_edge=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for column in columns:
        table.add_row(_terminal_cell(column), _terminal_cell(flat[column]))
    _rich_console(stream).print(table)


class PageProgress(AbstractContextManager["PageProgress"]):
    """Progress of a page walk on stderr: shown only on a terminal and only from the second page on.

    Feed it with :meth:`track`, which passes the items through unchanged. The total, when known (``total``
    attribute of the iterator, or given), sizes the bar; otherwise it counts items.
    """

    def __init__(self, label: str, *, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self._label = label
        self._stream = stream if stream is not None else sys.stderr
        self._enabled = is_tty(self._stream) if enabled is None else enabled
        self._progress: Any = None
        self._task: Any = None
        self.pages = 0
        self.items = 0

    def page_started(self, total: int | None = None) -> None:
        """Record that a page is being fetched; the bar appears when the second one starts."""
        self.pages += 1
        if not self._enabled or self.pages < 2:
            return
        if self._progress is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("page {task.fields[page]}"),
                console=_rich_console(self._stream),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(
                self._label, total=total, completed=self.items, page=self.pages
            )
        else:
            self._progress.update(self._task, total=total, page=self.pages)

    def item_done(self) -> None:
        self.items += 1
        if self._progress is not None:
            self._progress.update(self._task, completed=self.items)

    def track(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self.item_done()
            yield item

    @property
    def shown(self) -> bool:
        """Whether the bar was drawn at some point."""
        return self._progress is not None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()


def discard_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # not a real file (tests)
        pass
