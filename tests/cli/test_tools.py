"""diff and drift (the kit's tools behind the CLI), the contract mock, and the installed console script."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import pytest

from conftest import shared_dir
from contract_tests.servers import ContractServer, FakeClock, Flavour, serve
from socialecho_kit import drift
from socialecho_kit.mock import load_contract, mock_socialecho

from .conftest import BASE, KEY, Run

V1 = "export-2026-04-20-v1.1.0.openapi.json"
V2 = "export-v2.1.0.openapi.json"


@pytest.fixture(scope="module")
def specs() -> Path:
    return shared_dir() / "vendor-specs"


# ----------------------------------------------------------------------------------------------- diff


def test_diff_breaking_change_exits_1_with_markdown(run: Run, specs: Path) -> None:
    result = run("diff", str(specs / V1), str(specs / V2))
    assert result.code == 1
    assert result.out.startswith("# OpenAPI contract diff")
    assert "BREAKING" in result.out


@pytest.mark.parametrize("flag", [["--format", "json"], ["--json"]])
def test_diff_json(run: Run, specs: Path, flag: list[str]) -> None:
    result = run("diff", str(specs / V1), str(specs / V2), *flag)
    assert result.code == 1
    report = result.json()
    assert report["summary"]["breaking"]
    assert any(change["severity"] == "breaking" for change in report["changes"])
    assert {"operation", "kind", "severity", "detail"} <= set(report["changes"][0])


def test_diff_of_a_file_with_itself_exits_0(run: Run, specs: Path) -> None:
    result = run("--json", "diff", str(specs / V2), str(specs / V2))
    assert result.code == 0
    assert result.json()["changes"] == []


def test_diff_of_an_unreadable_file_exits_2(run: Run, specs: Path, tmp_path: Path) -> None:
    result = run("diff", str(tmp_path / "missing.json"), str(specs / V2))
    assert result.code == 2
    assert "missing.json" in result.err


# ---------------------------------------------------------------------------------------------- drift


def test_drift_without_a_key_could_not_run(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOCIALECHO_API_KEY")
    result = run("drift", "--out-dir", str(tmp_path))
    assert result.code == 2
    assert "SOCIALECHO_API_KEY" in result.err
    assert not list(tmp_path.iterdir())


def test_drift_passes_its_options_and_the_global_settings(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_main(
        argv: Sequence[str] | None = None, *, environ: Mapping[str, str] | None = None, prog: str = ""
    ) -> int:
        seen["argv"] = list(argv or [])
        seen["environ"] = dict(environ or {})
        seen["prog"] = prog
        return 1

    monkeypatch.setattr(drift, "main", fake_main)
    monkeypatch.delenv("SOCIALECHO_API_KEY")
    result = run(
        "--api-key", "se_other", "--base-url", "http://127.0.0.1:9", "--team-id", "3", "--wire", "query",
        "drift", "--skip", "getUploadUrl", "--out-dir", "reports", "--help",
    )  # fmt: skip
    assert result.code == 1
    assert seen["argv"] == ["--wire", "query", "--skip", "getUploadUrl", "--out-dir", "reports", "--help"]
    assert seen["prog"] == "socialecho drift"
    assert seen["environ"]["SOCIALECHO_API_KEY"] == "se_other"
    assert seen["environ"]["SOCIALECHO_BASE_URL"] == "http://127.0.0.1:9"
    assert seen["environ"]["SOCIALECHO_TEAM_ID"] == "3"
    # An option given to drift itself wins over the global one.
    assert run("--wire", "query", "drift", "--wire", "json-body").code == 1
    assert seen["argv"] == ["--wire", "json-body"]


@pytest.mark.parametrize(("flavour", "code", "verdict"), [("v2.1.0", 1, "DRIFT"), ("patched", 0, "no drift")])
def test_drift_end_to_end_against_a_local_server(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flavour: Flavour, code: int, verdict: str
) -> None:
    """socialecho drift -> the probe -> a 127.0.0.1 server speaking one contract -> exit code, reports."""
    clock = FakeClock()  # the probe's one-request-per-second pacing, without sleeping
    monkeypatch.setattr(drift, "main", functools.partial(drift.main, clock=clock, sleep=clock.sleep))
    with serve(ContractServer(flavour, load_contract(), clock=clock)) as url:
        result = run("--base-url", url, "drift", "--out-dir", str(tmp_path))
    assert result.code == code, result.err
    assert f"{verdict}:" in result.out
    report = json.loads((tmp_path / "drift-report.json").read_text())
    assert report["summary"]["verdict"] == ("drift" if code else "ok")
    assert (tmp_path / "drift-report.md").is_file()
    assert KEY not in result.out + result.err + (tmp_path / "drift-report.md").read_text()


def test_drift_help_is_the_probe_help(run: Run) -> None:
    result = run("drift", "--help")
    assert result.code == 0
    assert "--out-dir" in result.out
    assert "--include-writes" in result.out


# ------------------------------------------------------------------------------ against the contract mock

READ_COMMANDS = [
    ["team"],
    ["accounts", "--all", "--type", "1"],
    ["articles", "--account-id", "1,2"],
    ["report", "--start", "2024-03-01", "--end", "2024-03-07", "--group", "app", "--account-id", "1"],
    ["report", "--start", "2024-03-01", "--end", "2024-03-07", "--time-type", "2"],
    ["upload-url", "--content-type", "video/mp4", "--title", "clip"],
    ["reddit-communities", "11"],
    ["pinterest-boards", "12"],
]


@pytest.mark.parametrize("wire", ["json-body", "query"])
def test_every_command_makes_requests_the_contract_accepts(
    run: Run, wire: Literal["json-body", "query"], tmp_path: Path
) -> None:
    payload = tmp_path / "payload.json"
    payload.write_text(
        json.dumps(
            {"account_id": 5, "type": "post", "status": 0, "comment": [], "extra": {}, "attachments": []}
        ),
        encoding="utf-8",
    )
    with mock_socialecho(base_url=BASE, wire=wire) as mock:
        for args in [*READ_COMMANDS, ["publish", str(payload), "--execute"]]:
            result = run("--wire", wire, "--json", *args)
            assert result.code == 0, (args, result.err)
            json.loads(result.out)
        assert mock.calls
        rejected = [(call.operation_id, call.status_code) for call in mock.calls if not call.accepted]
        assert rejected == []
        assert len(mock.calls_for("publishArticle")) == 1


# ----------------------------------------------------------------------------------------- console script


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("socialecho")
    if not script.exists():
        found = shutil.which("socialecho")
        assert found, "the socialecho console script is not installed (pip install -e .)"
        script = Path(found)
    env = {"PATH": str(script.parent), "SOCIALECHO_API_KEY": KEY, "HOME": str(tmp_path)}
    help_run = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=env, check=False)
    assert help_run.returncode == 0
    assert "publish" in help_run.stdout
    usage = subprocess.run(
        [str(script), "report", "--start", "nope", "--end", "2024-01-01"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert usage.returncode == 2
    assert "--start" in usage.stderr
    assert usage.stdout == ""
