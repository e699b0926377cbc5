"""Regressions found by a break-it pass on the CLI: Ctrl-C while publishing, numbers sent as strings,
an empty --base-url, output that cannot be written, closed standard streams, the diff's exit code
through a closed pipe, deeply nested specs and page walks that end short of the total."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from socialecho_kit.cli import main

from .conftest import BASE, KEY, Run, ok, post_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "vendor-specs"


def test_ctrl_c_while_publishing_warns_that_it_may_have_been_published(
    run: Run, api: respx.MockRouter, tmp_path: Path
) -> None:
    sent: list[httpx.Request] = []

    def interrupted(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        raise KeyboardInterrupt  # the user presses Ctrl-C while the POST is in flight

    api.post("/v1/publish/article").mock(side_effect=interrupted)
    result = run("publish", str(post_file(tmp_path)), "--execute")
    assert result.code == 130
    assert len(sent) == 1
    assert "MAY HAVE BEEN PUBLISHED" in result.err
    # the same server (and team) as the publish: the check must look where the post went
    assert f"socialecho --base-url {BASE} articles --account-id 5" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("page", ["1", None, 1.0])
def test_paging_numbers_of_the_wrong_type_do_not_crash_the_table(
    run: Run, api: respx.MockRouter, page: Any
) -> None:
    data = {"page": page, "per_page": 3, "total": 15, "list": [{"id": 1, "title": "a"}]}
    api.get("/v1/article").mock(return_value=ok(data))
    result = run("articles")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].startswith("1\t")


def test_an_empty_base_url_option_is_a_usage_error(run: Run, api: respx.MockRouter, tmp_path: Path) -> None:
    result = run("--base-url", "", "publish", str(post_file(tmp_path)))
    assert result.code == 2
    assert "--base-url" in result.err
    assert "must not be empty" in result.err
    assert "api.socialecho.net" not in result.out
    assert not api.calls


class FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_output_that_cannot_be_written_is_one_error_line(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    api.get("/v1/team").mock(return_value=ok({"id": 7, "title": "Acme"}))
    monkeypatch.setattr(sys, "stdout", FullDisk())
    code = main(["--rate-limit", "0", "team"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == "socialecho: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("stream", ["stdout", "stdin"])
def test_a_closed_standard_stream_is_refused_before_anything_runs(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stream: str
) -> None:
    monkeypatch.setattr(sys, stream, None)
    code = main(["--rate-limit", "0", "publish", "-", "--execute"])
    assert code == 2
    assert "closed" in capsys.readouterr().err
    assert not api.calls


class ClosedAfterFirstWrite(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes > 1:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text[:10])


def test_a_breaking_diff_still_exits_1_when_its_reader_closes_the_pipe(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    op = {"get": {"responses": {"200": {"description": "ok"}}}}
    old.write_text(json.dumps({"openapi": "3.0.1", "paths": {"/a": op, "/b": op}}), encoding="utf-8")
    new.write_text(json.dumps({"openapi": "3.0.1", "paths": {"/a": op}}), encoding="utf-8")
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stdout", pipe)

    def broken(text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(pipe, "write", broken)
    assert main(["diff", str(old), str(new)]) == 1


def test_a_spec_nested_too_deeply_is_a_clean_error(run: Run, tmp_path: Path) -> None:
    depth = 2000
    deep = '{"type": "object", "properties": {"x": ' * depth + '{"type": "string"}' + "}}" * depth
    response = '{"description": "ok", "content": {"application/json": {"schema": ' + deep + "}}}"
    shallow = tmp_path / "shallow.json"
    nested = tmp_path / "nested.json"
    shallow.write_text(json.dumps({"openapi": "3.0.1", "paths": {"/a": {"get": {"responses": {}}}}}))
    nested.write_text(
        '{"openapi": "3.0.1", "paths": {"/a": {"get": {"responses": {"200": ' + response + "}}}}}"
    )
    result = run("diff", str(shallow), str(nested))
    assert result.code == 2
    assert result.err == f"socialecho diff: error: {nested}: nested too deeply to be read\n"


def test_a_walk_that_ends_short_of_the_total_says_so(run: Run, api: respx.MockRouter) -> None:
    # The server ignores `page`: page 2 repeats page 1, so 997 of the 1000 reported accounts never come.
    data = {"page": 1, "per_page": 3, "total": 1000, "list": [{"id": i} for i in (1, 2, 3)]}
    api.get("/v1/account").mock(return_value=ok(data))
    result = run("--json", "accounts", "--all")
    assert result.code == 1  # --all promised every page: a script must be able to tell
    assert [a["id"] for a in result.json()] == [1, 2, 3]  # what was fetched is still printed
    assert "3 of the 1000 items" in result.err
    assert "may be incomplete" in result.err
    assert "incomplete: the walk ended with 3 of the 1000 accounts" in result.err
    assert KEY not in result.err


def test_a_dry_run_needs_no_key(
    run: Run, api: respx.MockRouter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOCIALECHO_API_KEY")
    result = run("publish", str(post_file(tmp_path)))
    assert result.code == 0, result.err
    assert "authorization: Bearer ***" in result.out
    assert "dry run: nothing was sent" in result.err
    assert not api.calls
    executed = run("publish", str(post_file(tmp_path)), "--execute")
    assert executed.code == 2
    assert "missing API key" in executed.err
