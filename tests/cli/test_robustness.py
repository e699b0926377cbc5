"""Hostile inputs and environments: odd dates and payloads, closed pipes, non-UTF-8 terminals, markup and
terminal escapes in server data, the key pasted in the wrong place. Exit codes stay 0/1/2, no traceback."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from socialecho_kit import _output
from socialecho_kit.cli import main

from .conftest import KEY, Run, ok

TEAM = {"id": 7, "code": "T7", "title": "Tëam ✓ 日本", "timezone": "Asia/Shanghai"}
PAYLOAD: dict[str, Any] = {
    "account_id": 5,
    "type": "post",
    "status": 0,
    "comment": [],
    "content": "héllo ✓",
    "extra": {},
    "attachments": [],
}


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class ClosedPipe(io.StringIO):
    """stdout whose reader went away after the first write (``| head -1``)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes > 1:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)

    def flush(self) -> None:
        if self.writes > 1:
            raise BrokenPipeError(32, "Broken pipe")


def _payload_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "payload.json"
    path.write_bytes(content)
    return path


# ----------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize("day", ["2026-W01-1", "2026-13-01", "2026-02-30", "today", "２０２６-01-01"])
def test_only_calendar_dates_written_yyyy_mm_dd(run: Run, api: respx.MockRouter, day: str) -> None:
    result = run("report", "--start", day, "--end", "2026-03-01")
    assert result.code == 2
    assert "--start" in result.err
    assert "YYYY-MM-DD" in result.err
    assert not api.calls


# --------------------------------------------------------------------------------------------- payload


def test_payload_with_a_utf8_bom_is_read(run: Run, api: respx.MockRouter, tmp_path: Path) -> None:
    path = _payload_file(tmp_path, b"\xef\xbb\xbf" + json.dumps(PAYLOAD).encode())
    result = run("publish", str(path), "--json")
    assert result.code == 0, result.err
    assert result.json()["body"] == PAYLOAD
    assert not api.calls


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"account_id": 5, "account_id": 6, "type": "post"}', "duplicate key 'account_id'"),
        (b'{"account_id": NaN}', "NaN is not a JSON value"),
        (b'{"extra": {"x": Infinity}}', "Infinity is not a JSON value"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=["duplicate-key", "nan", "infinity", "deep"],
)
def test_ambiguous_or_hostile_payloads_are_usage_errors(
    run: Run, api: respx.MockRouter, tmp_path: Path, content: bytes, message: str
) -> None:
    result = run("publish", str(_payload_file(tmp_path, content)), "--execute")
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not api.calls


def test_stdin_payload_is_utf8_whatever_the_locale(
    run: Run, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(PAYLOAD, ensure_ascii=False).encode()), encoding="ascii")
    monkeypatch.setattr(sys, "stdin", stdin)
    result = run("publish", "-", "--json")
    assert result.code == 0, result.err
    assert result.json()["body"]["content"] == "héllo ✓"
    assert not api.calls


# ----------------------------------------------------------------------------------------- closed pipe


def test_a_closed_stdout_ends_quietly_with_0(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    accounts = [{"id": i, "title": f"a{i}"} for i in range(1, 4)]
    api.get("/v1/account").mock(return_value=ok({"page": 1, "per_page": 10, "total": 3, "list": accounts}))
    pipe = ClosedPipe()
    monkeypatch.setattr(sys, "stdout", pipe)
    code = main(["--rate-limit", "0", "accounts"])  # click alone would raise SystemExit(1) here
    assert code == 0
    assert pipe.getvalue() == "id\ttitle\n"
    assert capsys.readouterr().err == ""


def test_a_closed_pipe_through_the_console_script(tmp_path: Path) -> None:
    """A real pipe closed by its reader, as in ``socialecho publish big.json | head -1``."""
    script = Path(sys.executable).with_name("socialecho")
    if not script.exists():
        found = shutil.which("socialecho")
        assert found, "the socialecho console script is not installed (pip install -e .)"
        script = Path(found)
    big = {**PAYLOAD, "content": "x" * 1_000_000}  # far more than a pipe buffer holds
    path = _payload_file(tmp_path, json.dumps(big).encode())
    env = {"PATH": str(script.parent), "SOCIALECHO_API_KEY": KEY, "HOME": str(tmp_path)}
    with subprocess.Popen(
        [str(script), "publish", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert first.startswith(b"POST ")
    assert code == 0
    assert err == ""


# ------------------------------------------------------------------------------- non-UTF-8 terminals


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_unicode(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    api.get("/v1/team").mock(return_value=ok(TEAM))
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding))
    assert main(["--rate-limit", "0", "team"]) == 0
    sys.stdout.flush()
    text = raw.getvalue().decode(encoding)
    assert "title\tT" in text
    assert "\\u2713" in text  # escaped, not a crash
    raw.seek(0)
    raw.truncate()
    assert main(["--rate-limit", "0", "--json", "team"]) == 0
    sys.stdout.flush()
    assert json.loads(raw.getvalue().decode(encoding)) == TEAM  # --json stays exact


# --------------------------------------------------------------------- markup and escapes from the server


HOSTILE = "[/bold] [red]x[/red] \x1b]0;owned\x07 \x1b[2J \x9b31m"


def test_server_text_is_not_markup_nor_terminal_control_on_a_terminal() -> None:
    table = FakeTTY()
    _output.write_table([{"id": 1, "content": HOSTILE}], table, preferred=("id",), title="Posts [/b]")
    record = FakeTTY()
    _output.write_record({"id": 1, "content": HOSTILE}, record, title="Post")
    for text in (table.getvalue(), record.getvalue()):
        assert "[/bold] [red]x[/red]" in text
        assert "Posts [/b]" in text or "Post" in text
        assert "\x1b]0;" not in text
        assert "\x1b[2J" not in text
        assert "\x9b" not in text
        assert "\\x1b]0;owned\\x07" in text


def test_server_text_is_escaped_in_plain_output(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/team").mock(return_value=ok({"id": 1, "title": HOSTILE}))
    result = run("team")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out
    assert "title\t[/bold] [red]x[/red] \\x1b]0;owned\\x07 \\x1b[2J \\x9b31m\n" in result.out


def test_server_error_messages_cannot_drive_the_terminal(run: Run, api: respx.MockRouter) -> None:
    api.get("/v1/team").mock(
        return_value=httpx.Response(400, json={"code": 400, "message": "bad \x1b[2J\x1b]0;x\x07"})
    )
    result = run("team")
    assert result.code == 1
    assert "\x1b" not in result.err
    assert "bad \\x1b[2J" in result.err


# ------------------------------------------------------------------------------------------ the key


def test_the_key_pasted_as_another_value_is_masked(
    run: Run, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From the environment: `socialecho reddit-communities $SOCIALECHO_API_KEY` (wrong variable).
    for args in (["reddit-communities", KEY], ["--lang", KEY, "team"], ["report", "--start", KEY]):
        result = run(*args)
        assert result.code == 2
        assert KEY not in result.err
        assert "***" in result.err
    # On the command line, given twice: both are masked.
    monkeypatch.delenv("SOCIALECHO_API_KEY")
    other = "se_OTHER_KEY_given_first_9f8e"
    result = run("--api-key", other, "--api-key", KEY, "pinterest-boards", f"{other}/{KEY}")
    assert result.code == 2
    assert other not in result.err
    assert KEY not in result.err
    assert not api.calls


def test_a_key_that_cannot_be_a_header_is_a_usage_error(
    run: Run, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "se_NON_ASCII_KÉY_42"
    monkeypatch.setenv("SOCIALECHO_API_KEY", key)
    result = run("-vv", "team")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert key not in result.err
    assert not api.calls


# ------------------------------------------------------------------------------------------- upload


def test_an_empty_file_is_not_uploaded(run: Run, api: respx.MockRouter, tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    result = run("upload", str(empty))
    assert result.code == 2
    assert "FILE" in result.err
    assert "empty" in result.err
    assert not api.calls
