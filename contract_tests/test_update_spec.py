"""scripts/update_spec.py: the regeneration workflow in one command (never touching generated/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import shared_dir
from scripts import update_spec
from scripts.pipeline import DEFAULT_SPEC


@pytest.fixture
def current(tmp_path: Path) -> Path:
    """A copy of the repository's export, standing in for the current one (the run may replace it)."""
    target = tmp_path / "current" / DEFAULT_SPEC.name
    target.parent.mkdir()
    shutil.copy2(DEFAULT_SPEC, target)
    return target


def test_unmatched_overlays_stop_the_run(
    tmp_path: Path, current: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = shared_dir() / "vendor-specs" / "export-v2.1.0.openapi.json"
    out = tmp_path / "out"
    before = current.read_bytes()
    code = update_spec.main(["--spec", str(new), "--current", str(current), "--out", str(out), "--skip-mypy"])
    assert code == 1
    printed = capsys.readouterr().out
    assert "== 1/5 contract diff" in printed
    assert "**Result: BREAKING**" in printed  # the diff was shown before the overlays ran
    assert "== 2/5 overlays, applied strictly" in printed
    assert "overlay action(s) no longer fit export-v2.1.0.openapi.json:" in printed
    unmatched = [line for line in printed.splitlines() if line.startswith("  - ") and ": action #" in line]
    assert unmatched, printed
    assert all("matched nothing" in line or "already has it" in line for line in unmatched)
    assert sum("matched nothing" in line for line in unmatched) >= 30
    assert "Nothing was regenerated." in printed
    assert "== 3/5" not in printed
    assert not out.exists()
    assert current.read_bytes() == before


def test_unreadable_spec_exits_2(tmp_path: Path, current: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"
    code = update_spec.main(["--spec", str(missing), "--current", str(current), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "missing.json" in capsys.readouterr().err


def test_same_export_regenerates_into_out(
    tmp_path: Path, current: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = update_spec.main(
        ["--spec", str(current), "--current", str(current), "--out", str(out), "--skip-mypy", "--skip-tests"]
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "no changes" in printed.split("== 2/5")[0]
    assert "every overlay action matched" in printed
    assert "== 4/5 client surface diff" in printed
    assert "skipped (--skip-tests)" in printed
    assert (out / "socialecho_client" / "openapi.json").is_file()
    assert (out / "socialecho_client" / "_runtime" / "__init__.py").is_file()
    assert (out / "PROVENANCE.json").read_text().count(DEFAULT_SPEC.name) == 1


STAGED_CHECK = """
from socialecho_client.models import ListAccountsBody


def test_the_staged_package_is_the_one_tested():
    assert ListAccountsBody(sort="id").to_dict() == {"sort": "id"}
    assert {FAIL}
"""


def _export_with_a_new_parameter(tmp_path: Path) -> Path:
    """Our export plus one optional listAccounts parameter, as a vendor might add (not breaking)."""
    export = json.loads(DEFAULT_SPEC.read_text(encoding="utf-8"))
    body = export["paths"]["/v1/account"]["get"]["requestBody"]["content"]["application/json"]["schema"]
    body["properties"]["sort"] = {"type": "string", "title": "Sort order"}
    new = tmp_path / "new-export.json"
    new.write_text(json.dumps(export, ensure_ascii=False, indent=2), encoding="utf-8")
    return new


@pytest.mark.parametrize("suite_passes", [True, False])
def test_a_compatible_change_shows_its_surface_diff_and_runs_the_suite_on_the_staged_build(
    tmp_path: Path,
    current: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    suite_passes: bool,
) -> None:
    check = tmp_path / "suite" / "test_staged.py"
    check.parent.mkdir()
    check.write_text(STAGED_CHECK.replace("{FAIL}", "True" if suite_passes else "False"), encoding="utf-8")
    monkeypatch.setattr(update_spec, "SUITE", (str(check),))
    new = _export_with_a_new_parameter(tmp_path)
    out = tmp_path / "out"
    before = current.read_bytes()
    argv = ["--spec", str(new), "--current", str(current), "--out", str(out), "--skip-mypy"]
    code = update_spec.main(argv)
    printed = capfd.readouterr().out  # capfd: step 5 runs pytest in a subprocess
    diff, surface = printed.split("== 2/5")[0], printed.split("== 4/5")[1].split("== 5/5")[0]
    assert "sort" in diff
    assert "BREAKING" not in diff
    assert "ListAccountsBody" in surface
    assert "sort" in surface
    assert "1 passed" in printed if suite_passes else "1 failed" in printed
    if suite_passes:
        assert code == 0, printed
        assert "sort" in (out / "socialecho_client" / "models" / "list_accounts_body.py").read_text()
    else:
        assert code == 1
        assert "the contract suite failed" in printed
        assert not out.exists()
    assert current.read_bytes() == before  # --out is not generated/: the current export stays


def test_adopting_writes_the_repository_export_as_json_even_from_yaml(
    tmp_path: Path, current: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stand-ins for generated/ and openapi/socialecho.openapi.json; --current is only the diff's baseline."""
    repo_export = tmp_path / "openapi" / DEFAULT_SPEC.name
    repo_export.parent.mkdir()
    shutil.copy2(DEFAULT_SPEC, repo_export)
    out = tmp_path / "generated"
    monkeypatch.setattr(update_spec, "DEFAULT_SPEC", repo_export)
    monkeypatch.setattr(update_spec, "DEFAULT_OUT", out)
    new_doc = json.loads(_export_with_a_new_parameter(tmp_path).read_text(encoding="utf-8"))
    new = tmp_path / "new-export.yaml"
    new.write_text(yaml.safe_dump(new_doc, allow_unicode=True), encoding="utf-8")
    baseline = current.read_bytes()
    argv = ["--spec", str(new), "--current", str(current), "--out", str(out), "--skip-mypy", "--skip-tests"]
    code = update_spec.main(argv)
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert json.loads(repo_export.read_text(encoding="utf-8")) == new_doc
    assert f"{repo_export.name} now holds the new export" in printed
    assert current.read_bytes() == baseline  # the baseline of the diff is not touched
    provenance = json.loads((out / "PROVENANCE.json").read_text(encoding="utf-8"))
    assert provenance["input_export"]["name"] == DEFAULT_SPEC.name


@pytest.mark.parametrize("kind", ["file", "foreign-folder", "missing-parent"])
def test_an_unusable_out_stops_the_run_before_it_starts(
    tmp_path: Path, current: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("not a folder")
    elif kind == "foreign-folder":
        out.mkdir()
        (out / "notes.txt").write_text("mine")
    else:
        out = tmp_path / "nope" / "out"
    code = update_spec.main(["--spec", str(current), "--current", str(current), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    assert "== 1/5" not in captured.out
    assert str(out) in captured.err


def test_no_adopt_refuses_to_build_into_generated(
    tmp_path: Path, current: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "generated"
    monkeypatch.setattr(update_spec, "DEFAULT_OUT", out)
    code = update_spec.main(
        ["--spec", str(current), "--current", str(current), "--out", str(out), "--no-adopt"]
    )
    assert code == 2
    assert "--no-adopt keeps" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("number", ["NaN", "1e400"])
def test_an_export_the_pipeline_refuses_stops_the_run_before_step_1(
    tmp_path: Path, current: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    export = current.read_text(encoding="utf-8").replace(
        '"openapi": "3.0.1",', f'"openapi": "3.0.1", "x-n": {number},'
    )
    new = tmp_path / "new.json"
    new.write_text(export, encoding="utf-8")
    code = update_spec.main(["--spec", str(new), "--current", str(current), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 2
    assert "== 1/5" not in captured.out
    assert "new.json" in captured.err
