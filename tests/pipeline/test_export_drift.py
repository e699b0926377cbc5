"""The pipeline against exports that drifted or are shaped unusually: each one either yields the same
patched contract or fails with a message naming the problem, never a traceback or a silent change.

These stop at the patched spec (no generator run), so they stay fast; the end-to-end behaviour of
``main`` (exit code, untouched output) is covered once per failure family.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import pipeline
from scripts.overlay import UnmatchedActionsError
from scripts.surface import diff_surfaces

Export = dict[str, Any]
REPORT_BODY = ("paths", "/v1/report", "get", "requestBody", "content", "application/json", "schema")


@pytest.fixture(scope="module")
def export() -> Export:
    document: Export = json.loads(pipeline.DEFAULT_SPEC.read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def patched(export: Export) -> Export:
    return pipeline.patch_spec(pipeline.DEFAULT_SPEC)


def _at(document: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _drifted(export: Export, change: Callable[[Export], None]) -> Export:
    document = copy.deepcopy(export)
    change(document)
    return document


def _patch(tmp_path: Path, document: Export) -> Export:
    return pipeline.patch_spec(_write(tmp_path, "export.json", json.dumps(document)))


# --------------------------------------------------------------------------------------------------
# Reading the export


def test_a_byte_order_mark_is_tolerated(tmp_path: Path, patched: Export) -> None:
    raw = pipeline.DEFAULT_SPEC.read_bytes()
    assert pipeline.patch_spec(_write(tmp_path, "bom.json", b"\xef\xbb\xbf" + raw)) == patched


def test_a_yaml_export_with_bare_status_codes_and_dates_patches_like_the_json(
    tmp_path: Path, export: Export, patched: Export
) -> None:
    """``200:`` is an int and ``2026-04-20`` a date to a YAML 1.1 loader; OpenAPI means strings."""
    document = copy.deepcopy(export)
    document["info"]["version"] = "DATE"
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    text = text.replace("'200':", "200:").replace("version: DATE", "version: 2026-04-20")
    assert "\n        200:" in text
    result = pipeline.patch_spec(_write(tmp_path, "export.yaml", text))
    assert result["info"]["version"] == "2026-04-20"
    result["info"]["version"] = patched["info"]["version"]
    assert result == patched


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("utf16.json", '{"openapi": "3.0.1"}'.encode("utf-16"), "utf16.json: not UTF-8 text"),
        ("list.json", "[1, 2]", "list.json: not an OpenAPI document (the top level is an array)"),
        ("scalar.yaml", "just text", "scalar.yaml: not an OpenAPI document (the top level is a scalar)"),
        ("empty.yaml", "", "empty.yaml: not an OpenAPI document (the top level is empty)"),
        ("v31.json", '{"openapi": "3.1.0", "paths": {}}', "'openapi: 3.1.0'; the overlays and the generator"),
        ("v2.json", '{"swagger": "2.0", "paths": {}}', "'swagger: 2.0'; the overlays"),
        ("nopaths.json", '{"openapi": "3.0.1"}', "nopaths.json: no 'paths' object"),
        (
            "dup.json",
            '{"openapi": "3.0.1", "paths": {"/a": {}, "/a": {}}}',
            "dup.json: duplicate key '/a' in one object",
        ),
        ("dup.yaml", "openapi: 3.0.1\npaths:\n  /a: {}\n  /a: {}\n", "found duplicate key '/a'"),
        ("nan.json", '{"openapi": "3.0.1", "paths": {}, "x-n": NaN}', "NaN is not a JSON value"),
        ("big.json", '{"openapi": "3.0.1", "paths": {}, "x-n": 1e400}', "1e400 is beyond the range"),
        ("nan.yaml", "openapi: 3.0.1\npaths: {}\nx-n: .nan\n", "is not a JSON value"),
        ("alias.yaml", "openapi: 3.0.1\npaths: {}\nx-a: &a {self: *a}\n", "aliases are not accepted"),
        (
            "bomb.yaml",
            "openapi: 3.0.1\npaths: {}\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
            "aliases are not accepted",
        ),
        (
            "deep.json",
            '{"openapi": "3.0.1", "paths": {}, "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "nested too deeply",
        ),
    ],
    ids=[
        "utf-16",
        "array-root",
        "scalar-root",
        "empty",
        "openapi-3.1",
        "swagger-2",
        "no-paths",
        "dup-json",
        "dup-yaml",
        "nan",
        "beyond-double",
        "yaml-nan",
        "yaml-self-alias",
        "yaml-alias-bomb",
        "deep-nesting",
    ],
)
def test_unusable_exports_are_refused_by_name(
    tmp_path: Path, name: str, data: bytes | str, message: str
) -> None:
    with pytest.raises(pipeline.PipelineError) as info:
        pipeline.patch_spec(_write(tmp_path, name, data))
    assert str(info.value).startswith(f"input export {name}")
    assert message in str(info.value)


def test_cli_reports_an_unusable_export_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _write(tmp_path, "utf16.json", "{}".encode("utf-16"))
    out = tmp_path / "out"
    assert pipeline.main(["generate", "--spec", str(spec), "--out", str(out), "--skip-mypy"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "error: input export utf16.json: not UTF-8 text" in err
    assert "out/ was left untouched." in err
    assert not out.exists()


def test_patch_into_a_missing_directory_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pipeline.main(["patch", "--out", str(tmp_path / "nowhere" / "patched.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: No such file or directory: ")
    assert "was left untouched" not in err


def test_patch_without_out_writes_the_patched_spec_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert pipeline.main(["patch"]) == 0
    patched = json.loads(capsys.readouterr().out)
    assert patched["paths"]["/v1/team"]["get"]["operationId"] == "getTeam"


# --------------------------------------------------------------------------------------------------
# Drift that the overlays must notice


def _set_group_enum(values: list[str]) -> Callable[[Export], None]:
    def change(document: Export) -> None:
        _at(document, REPORT_BODY)["properties"]["group"]["enum"] = values

    return change


def _report_props(document: Export) -> dict[str, Any]:
    props: dict[str, Any] = _at(document, REPORT_BODY)["properties"]
    return props


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (
            _set_group_enum(["day", "app", "account"]),
            ".properties.group.enum, which already has it (the export changed)",
        ),
        (
            lambda d: _report_props(d)["time_type"].update(enum=[1, 2]),
            "would append 1, 2 to $.paths['/v1/report'].get.requestBody.content['application/json']"
            ".schema.properties.time_type.enum",
        ),
        (lambda d: d.update(tags=[{"name": "team"}]), 'would append {"name": "team"} to $.tags'),
    ],
    ids=["group-enum-narrowed", "time-type-enum-added", "tag-already-declared"],
)
def test_an_export_that_already_has_what_an_action_appends_is_drift(
    tmp_path: Path, export: Export, change: Callable[[Export], None], fragment: str
) -> None:
    with pytest.raises(UnmatchedActionsError) as info:
        _patch(tmp_path, _drifted(export, change))
    assert len(info.value.unmatched) == 1
    assert fragment in str(info.value)


def test_an_export_that_types_a_response_itself_is_drift_not_discarded(
    tmp_path: Path, export: Export
) -> None:
    """The envelope overlay replaces the export's untyped 200 schema; a typed one must be reviewed."""

    def type_team_data(document: Export) -> None:
        schema = document["paths"]["/v1/team"]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ]
        schema["properties"]["data"]["properties"] = {"id": {"type": "string"}}

    with pytest.raises(UnmatchedActionsError) as info:
        _patch(tmp_path, _drifted(export, type_team_data))
    miss, hidden = info.value.unmatched
    assert (miss.source, miss.index, miss.reason) == ("overlays/50-envelope.yaml", 1, "matched nothing")
    # and the typed envelope the next action would put there would hide the export's own schema
    assert (hidden.source, hidden.index) == ("overlays/50-envelope.yaml", 2)
    assert "would put a $ref" in hidden.reason


def test_an_operation_without_a_parameters_list_still_gets_the_shared_headers(
    tmp_path: Path, export: Export, patched: Export
) -> None:
    result = _patch(tmp_path, _drifted(export, lambda d: d["paths"]["/v1/team"]["get"].pop("parameters")))
    assert result["paths"]["/v1/team"]["get"]["parameters"] == [
        {"$ref": "#/components/parameters/XLang"},
        {"$ref": "#/components/parameters/XTeamId"},
    ]
    team, expected = result["paths"]["/v1/team"]["get"], patched["paths"]["/v1/team"]["get"]
    assert {k: v for k, v in team.items() if k != "parameters"} == {
        k: v for k, v in expected.items() if k != "parameters"
    }


def _problems(spec: Export) -> str:
    with pytest.raises(pipeline.PipelineError) as info:
        pipeline.validate_spec(spec)
    message = str(info.value)
    assert message.startswith("patched spec is invalid:")
    return message


def test_a_new_operation_without_identity_is_refused(patched: Export) -> None:
    spec = copy.deepcopy(patched)
    new_op = copy.deepcopy(spec["paths"]["/v1/team"]["get"])
    for key in ("operationId", "tags", "x-socialecho-wire"):
        del new_op[key]
    spec["paths"]["/v1/new"] = {"post": new_op}
    message = _problems(spec)
    assert "POST /v1/new: no operationId (its function name would follow the export's summary)" in message
    assert "POST /v1/new: no tag (it would land in api/default/)" in message
    assert "POST /v1/new: x-socialecho-wire is None, expected one of ['json-body', 'query']" in message


def test_a_json_body_get_without_its_body_is_refused(patched: Export) -> None:
    spec = copy.deepcopy(patched)
    del spec["paths"]["/v1/team"]["get"]["requestBody"]
    assert "GET /v1/team: wire json-body but no application/json requestBody" in _problems(spec)


def test_a_header_declared_twice_is_refused_whatever_its_case(patched: Export) -> None:
    """The export fixed X-Lang itself (lower-case, with an enum): the overlay's shared one is a duplicate."""
    spec = copy.deepcopy(patched)
    own = {"name": "x-lang", "in": "header", "schema": {"type": "string", "enum": ["zh_CN", "en"]}}
    spec["paths"]["/v1/report"]["get"]["parameters"].insert(0, own)
    assert (
        "GET /v1/report: header parameter 'x-lang' / 'X-Lang' declared 2 times at operation level"
        in _problems(spec)
    )


@pytest.mark.parametrize(
    ("prop", "schema", "message"),
    [
        (
            "time_type",
            {"type": "string", "enum": [1, 2]},
            "type string but enum values [1, 2] are not strings",
        ),
        (
            "account_ids",
            {"type": "string", "items": {"minimum": 1}},
            "type string but 'items' applies to arrays",
        ),
        (
            "group",
            {"type": "array", "items": {"type": "string"}, "enum": [""]},
            "type array but enum values [''] are not arrays",
        ),
        (
            "start_date",
            {"type": "integer", "format": "date"},
            "type integer but format 'date' is for strings",
        ),
        ("time_type", {"type": "string", "minimum": 1}, "type string but 'minimum' applies to numbers"),
        ("time_type", {"type": "integer", "default": "{{x}}"}, "type integer but its default '{{x}}' is not"),
    ],
    ids=["enum", "items", "enum-on-array", "format", "minimum", "default"],
)
def test_keywords_that_contradict_the_type_are_refused_with_their_location(
    patched: Export, prop: str, schema: dict[str, Any], message: str
) -> None:
    """What an overlay leaves behind when the export changed a property's type under it."""
    spec = copy.deepcopy(patched)
    _report_props(spec)[prop] = schema
    where = "$.paths['/v1/report'].get.requestBody.content['application/json'].schema.properties"
    assert f"{where}.{prop}: {message}" in _problems(spec)


def test_required_names_must_be_declared_properties(patched: Export) -> None:
    spec = copy.deepcopy(patched)
    _at(spec, REPORT_BODY)["required"].append("from_date")
    assert "schema: required ['from_date'] not among its properties" in _problems(spec)


def test_the_patched_vendor_shaped_exports_pass_the_project_checks(patched: Export) -> None:
    pipeline.validate_spec(patched)  # raises on any problem
    assert pipeline._operation_problems(patched) == []
    assert pipeline._schema_problems(patched) == []


# --------------------------------------------------------------------------------------------------
# Generator output and the output directory


def test_generator_output_is_searched_for_warnings_without_its_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temp dir called ``.../errors/...`` is not a generator error; a WARNING line is."""
    package_dir = tmp_path / "errors and warnings" / "socialecho_client"
    outputs = iter([f"Generating {package_dir}", f"Generating {package_dir}\nWARNING parsing GET /x"])

    def fake_run(cmd: Any, cwd: Path, step: str) -> str:
        return next(outputs)

    monkeypatch.setattr(pipeline, "_run", fake_run)
    pipeline._generate_package(tmp_path / "spec.json", package_dir)
    with pytest.raises(pipeline.PipelineError, match="reported problems") as info:
        pipeline._generate_package(tmp_path / "spec.json", package_dir)
    assert "Generating <package>\nWARNING parsing GET /x" in str(info.value)


def test_a_directory_that_is_not_a_previous_output_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "src"
    out.mkdir()
    (out / "precious.py").write_text("keep me", encoding="utf-8")
    assert pipeline.main(["generate", "--out", str(out), "--skip-mypy"]) == 1
    err = capsys.readouterr().err
    assert "is not empty and holds no PROVENANCE.json: it is not a generated client, refusing" in err
    assert [p.name for p in out.iterdir()] == ["precious.py"]


def test_a_reordered_export_changes_the_positional_field_order_of_the_surface() -> None:
    """Models take their fields positionally: swapping start_date and end_date is a surface change."""
    old = {"models": {"GetReportBody": {"__field_order__": "start_date, end_date", "start_date": "date"}}}
    new = {"models": {"GetReportBody": {"__field_order__": "end_date, start_date", "start_date": "date"}}}
    assert diff_surfaces(old, new) == [
        "~ model GetReportBody.__field_order__: start_date, end_date -> end_date, start_date"
    ]


def test_replacing_the_output_leaves_neighbouring_folders_alone(tmp_path: Path) -> None:
    built, out = tmp_path / "built", tmp_path / "client"
    for folder, text in ((built, "new"), (out, "old")):
        folder.mkdir()
        (folder / "PROVENANCE.json").write_text(text)
    for neighbour in ("client.old", "client.new"):
        (tmp_path / neighbour).mkdir()
        (tmp_path / neighbour / "notes.txt").write_text("mine")
    pipeline.replace_tree(built, out)
    assert (out / "PROVENANCE.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["built", "client", "client.new", "client.old"]
    assert (tmp_path / "client.old" / "notes.txt").read_text() == "mine"
