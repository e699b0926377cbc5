"""The spec pipeline end to end: reproducibility, strictness on drifted exports, validation, provenance."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_dir
from scripts import pipeline
from scripts.overlay import load_overlay_order
from scripts.surface import diff_surfaces, public_surface

ROOT = pipeline.ROOT
VENDOR_V1 = "export-2026-04-20-v1.1.0.openapi.json"
VENDOR_V2 = "export-v2.1.0.openapi.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """generated/ rebuilt from the default export, in a temp dir."""
    return pipeline.build(pipeline.DEFAULT_SPEC, tmp_path_factory.mktemp("build"), run_mypy=False)


def test_committed_generated_is_what_the_pipeline_produces(built: Path) -> None:
    assert pipeline.compare_trees(built, ROOT / "generated") == []


def test_generate_twice_leaves_output_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    pipeline.generate(pipeline.DEFAULT_SPEC, out, run_mypy=False)
    first = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    pipeline.generate(pipeline.DEFAULT_SPEC, out, run_mypy=False)
    second = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert first == second
    assert len(first) > 60


def test_vendor_v1_export_yields_the_same_client_surface(built: Path, tmp_path: Path) -> None:
    vendor = pipeline.build(shared_dir() / "vendor-specs" / VENDOR_V1, tmp_path, run_mypy=False)
    ours = public_surface(built / "socialecho_client")
    theirs = public_surface(vendor / "socialecho_client")
    assert diff_surfaces(ours, theirs) == []
    assert len(ours["operations"]) == 8
    assert ours["models"]["GetReportBody"]["group"] == "GetReportBodyGroup | Unset"
    assert ours["types"]["GetReportBodyGroup"] == "Literal['', 'account', 'app', 'day']"


def test_surface_diff_reports_a_changed_signature(built: Path) -> None:
    ours = public_surface(built / "socialecho_client")
    changed: dict[str, Any] = json.loads(json.dumps(ours))
    changed["models"]["GetReportBody"]["time_type"] = "int"
    del changed["operations"]["api/team/get_team"]
    assert diff_surfaces(ours, changed) == [
        "- operation api/team/get_team",
        "~ model GetReportBody.time_type: GetReportBodyTimeType -> int",
    ]


@pytest.fixture
def sentinel_out(tmp_path: Path) -> Iterator[Path]:
    """A previous output (it has a PROVENANCE.json) that a failed run must leave as it was."""
    out = tmp_path / "generated"
    out.mkdir()
    (out / "SENTINEL").write_text("untouched", encoding="utf-8")
    (out / "PROVENANCE.json").write_text("{}", encoding="utf-8")
    yield out
    assert sorted(p.name for p in out.iterdir()) == ["PROVENANCE.json", "SENTINEL"]
    assert (out / "SENTINEL").read_text(encoding="utf-8") == "untouched"


def test_drifted_v2_export_fails_listing_every_unmatched_action(
    sentinel_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = shared_dir() / "vendor-specs" / VENDOR_V2
    code = pipeline.main(["generate", "--spec", str(spec), "--out", str(sentinel_out), "--skip-mypy"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert "overlay action(s) no longer match" in err
    assert "generated/ was left untouched." in err
    # GET bodies became query parameters, responses became a shared $ref: each shows up by file and target.
    assert "overlays/30-get-bodies.yaml: action #12 target" in err
    assert "['/v1/upload/url'].get.requestBody" in err
    assert "overlays/50-envelope.yaml: action #1 target" in err
    assert "overlays/20-fixes.yaml: action #1 target" in err
    assert err.count("matched nothing") >= 30


def test_unreadable_export_fails_cleanly(sentinel_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = sentinel_out.parent / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    assert pipeline.main(["generate", "--spec", str(bad), "--out", str(sentinel_out)]) == 2
    assert "input export broken.json: not valid JSON: Expecting property name" in capsys.readouterr().err
    assert (
        pipeline.main(["generate", "--spec", str(bad.with_name("missing.json")), "--out", str(sentinel_out)])
        == 2
    )
    assert "input export not found" in capsys.readouterr().err


def test_changing_one_overlay_value_fails_check_generated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    overlays = tmp_path / "overlays"
    shutil.copytree(pipeline.OVERLAY_DIR, overlays)
    target = overlays / "30-get-bodies.yaml"
    text = target.read_text(encoding="utf-8")
    assert "maxLength: 255" in text
    target.write_text(text.replace("maxLength: 255", "maxLength: 254"), encoding="utf-8")
    monkeypatch.setattr(pipeline, "OVERLAY_DIR", overlays)
    assert pipeline.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "run make generate" in err
    assert "differs: socialecho_client/openapi.json" in err
    assert "differs: PROVENANCE.json" in err


def test_validation_catches_dangling_refs_and_duplicate_operation_ids() -> None:
    spec = pipeline.patch_spec(pipeline.DEFAULT_SPEC)
    spec["paths"]["/v1/team"]["get"]["operationId"] = "listAccounts"
    spec["paths"]["/v1/report"]["get"]["requestBody"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Nowhere"
    }
    with pytest.raises(pipeline.PipelineError) as info:
        pipeline.validate_spec(spec)
    assert "dangling $ref #/components/schemas/Nowhere" in str(info.value)
    assert "duplicate operationId 'listAccounts' (2 operations)" in str(info.value)


def test_actions_without_description_are_refused() -> None:
    overlays = [
        ("x.yaml", {"actions": [{"target": "$.a", "update": {}}, {"target": "$.b", "description": "ok"}]})
    ]
    with pytest.raises(pipeline.PipelineError, match=r"x.yaml: action #0 \(\$.a\)"):
        pipeline.check_overlay_descriptions(overlays)


def test_unknown_generator_config_keys_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(pipeline.CONFIG.read_text(encoding="utf-8") + "literal_enum: true\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "CONFIG", config)
    with pytest.raises(pipeline.PipelineError, match=r"unknown keys .*\['literal_enum'\]"):
        pipeline.build(pipeline.DEFAULT_SPEC, tmp_path / "w", run_mypy=False)


def test_provenance_records_inputs_and_tool_versions(built: Path) -> None:
    provenance = json.loads((built / "PROVENANCE.json").read_text(encoding="utf-8"))
    spec_bytes = pipeline.DEFAULT_SPEC.read_bytes()
    assert provenance["input_export"] == {
        "name": "socialecho.openapi.json",
        "sha256": hashlib.sha256(spec_bytes).hexdigest(),
    }
    listed = [entry["file"] for entry in provenance["overlays"]]
    assert listed == [f"overlays/{p.name}" for p in load_overlay_order(pipeline.OVERLAY_DIR)]
    for entry in provenance["overlays"]:
        assert entry["sha256"] == hashlib.sha256((ROOT / entry["file"]).read_bytes()).hexdigest()
    assert (
        provenance["generator_config"]["sha256"] == hashlib.sha256(pipeline.CONFIG.read_bytes()).hexdigest()
    )
    assert provenance["tools"]["openapi-python-client"] == "0.29.1"
    assert provenance["tools"]["ruff"] == "0.17.5"
    patched = (built / "socialecho_client" / "openapi.json").read_bytes()
    assert provenance["patched_spec_sha256"] == hashlib.sha256(patched).hexdigest()
    assert str(ROOT) not in (built / "PROVENANCE.json").read_text(encoding="utf-8")
