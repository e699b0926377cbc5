"""socialecho_kit.specdiff: the two real vendor exports, synthetic triplets, reports and the CLI."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import shared_dir
from socialecho_kit import specdiff
from socialecho_kit.specdiff import (
    CHANGE_KINDS,
    SEVERITIES,
    Change,
    DiffResult,
    Severity,
    diff_specs,
    load_spec,
    main,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "specdiff"
VENDOR_V1 = "export-2026-04-20-v1.1.0.openapi.json"
VENDOR_V2 = "export-v2.1.0.openapi.json"
SEVEN_GETS = (
    "GET /v1/team",
    "GET /v1/account",
    "GET /v1/article",
    "GET /v1/report",
    "GET /v1/upload/url",
    "GET /v1/reddit/communities",
    "GET /v1/pinterest/boards",
)
COMMON_OPERATIONS = (*SEVEN_GETS, "POST /v1/publish/article")
NEW_OPERATIONS = {
    "GET /v1/oauth/links",
    "GET /v1/tiktokshop/products",
    "POST /v1/tiktokshop/products/sync",
    "GET /v1/tiktokshop/music/genres",
    "GET /v1/tiktokshop/music/trending",
}
TRIPLETS = (
    "encoding",
    "enum-narrowed",
    "field-made-required",
    "limit-tightened",
    "operation-id-renamed",
    "operation-removed",
    "patched-wire",
    "recursive-schema",
    "responses-security-servers",
)


def vendor_specs_dir() -> Path:
    return shared_dir() / "vendor-specs"


@pytest.fixture(scope="module")
def v1_path() -> Path:
    return vendor_specs_dir() / VENDOR_V1


@pytest.fixture(scope="module")
def v2_path() -> Path:
    return vendor_specs_dir() / VENDOR_V2


@pytest.fixture(scope="module")
def v1(v1_path: Path) -> dict[str, Any]:
    return load_spec(v1_path)


@pytest.fixture(scope="module")
def v2(v2_path: Path) -> dict[str, Any]:
    return load_spec(v2_path)


@pytest.fixture(scope="module")
def v1_to_v2(v1: dict[str, Any], v2: dict[str, Any]) -> DiffResult:
    return diff_specs(v1, v2)


def pick(result: DiffResult, operation: str | None = None, kind: str | None = None) -> list[Change]:
    return [
        c
        for c in result.changes
        if (operation is None or c.operation == operation) and (kind is None or c.kind == kind)
    ]


def one(result: DiffResult, operation: str | None, kind: str, detail_prefix: str) -> Change:
    found = [c for c in pick(result, operation, kind) if c.detail.startswith(detail_prefix)]
    assert len(found) == 1, (operation, kind, detail_prefix, pick(result, operation, kind))
    return found[0]


def scrambled(node: Any) -> Any:
    """The same document with every mapping's keys and every list reversed."""
    if isinstance(node, Mapping):
        return {key: scrambled(node[key]) for key in reversed(list(node))}
    if isinstance(node, list):
        return [scrambled(item) for item in reversed(node)]
    return node


# --------------------------------------------------------------------------------------------------
# Locating the shared directory


def test_missing_shared_dir_fails_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOCIALECHO_SHARED_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match=r"not found in .*nowhere.*SOCIALECHO_SHARED_DIR"):
        vendor_specs_dir()


# --------------------------------------------------------------------------------------------------
# v1.1.0 -> v2.1.0, the real exports


def test_cli_reports_v1_to_v2_as_breaking(
    v1_path: Path, v2_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(v1_path), str(v2_path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("# OpenAPI contract diff\n\n**Result: BREAKING**: ")
    assert "| GET /v1/report | wire-format | request parameters moved from the JSON request body" in out
    assert out.index("## Breaking (") < out.index("## Non-breaking (") < out.index("## Cosmetic (")


def test_each_get_moves_from_json_body_to_query(v1_to_v2: DiffResult) -> None:
    wire = {c.operation: c for c in pick(v1_to_v2, kind="wire-format")}
    assert set(wire) == set(SEVEN_GETS)
    assert {c.severity for c in wire.values()} == {"breaking"}
    prefix = "request parameters moved from the JSON request body to the query string"
    assert all(c.detail.startswith(prefix) for c in wire.values())
    encoding = "account_ids (JSON array → repeated bracketed key account_ids[])"
    assert wire["GET /v1/article"].detail == f"{prefix}: {encoding}, page"
    assert wire["GET /v1/report"].detail == f"{prefix}: {encoding}, end_date, group, start_date, time_type"
    assert wire["GET /v1/account"].detail == f"{prefix}: page, type"
    assert wire["GET /v1/reddit/communities"].detail == f"{prefix}: account_id"
    assert wire["GET /v1/pinterest/boards"].detail == f"{prefix}: account_id"
    assert wire["GET /v1/team"].detail == f"{prefix}; no declared fields to move"
    assert wire["GET /v1/upload/url"].detail == (
        f"{prefix}; no declared fields to move; new in the query string: content_type, title"
    )
    assert pick(v1_to_v2, kind="parameter-location") == []


def test_success_codes_drop_200_on_every_common_operation(v1_to_v2: DiffResult) -> None:
    codes = {c.operation: c for c in pick(v1_to_v2, kind="success-codes")}
    assert set(codes) == set(COMMON_OPERATIONS)
    for change in codes.values():
        assert change.severity == "breaking"
        assert change.detail.startswith("business success codes {0, 200} → {0}: [200] no longer mean success")
        assert "old from info.description, new from the 2xx response's code enum" in change.detail
    status = one(v1_to_v2, None, "success-status", "info.description")
    assert (status.severity, status.detail) == (
        "breaking",
        "info.description: HTTP success status rule 200 → 2xx",
    )


def test_five_operations_added_none_removed(v1_to_v2: DiffResult) -> None:
    added = pick(v1_to_v2, kind="operation-added")
    assert {c.operation for c in added} == NEW_OPERATIONS
    assert {c.severity for c in added} == {"non-breaking"}
    assert one(v1_to_v2, "GET /v1/tiktokshop/products", "operation-added", "operation added").detail == (
        "operation added (listTiktokShopProducts)"
    )
    assert pick(v1_to_v2, kind="operation-removed") == []
    assert len(pick(v1_to_v2, kind="operation-id-added")) == len(COMMON_OPERATIONS)


def test_request_header_changes(v1_to_v2: DiffResult) -> None:
    lang = one(v1_to_v2, "GET /v1/report", "enum", "header.X-Lang:")
    assert lang.severity == "breaking"
    assert lang.detail.startswith('header.X-Lang: enum added ["en", "zh_CN"]; previously any string')
    template = [c for c in pick(v1_to_v2, kind="default") if c.detail.startswith("header.X-Team-Id:")]
    assert {c.operation for c in template} == {
        "GET /v1/report",
        "GET /v1/upload/url",
        "GET /v1/reddit/communities",
        "GET /v1/pinterest/boards",
    }
    assert template[0].severity == "non-breaking"
    assert template[0].detail == (
        'header.X-Team-Id: default "{{TeamId}}" removed; the old default was not a valid integer '
        "(an unfilled template placeholder)"
    )
    added = {(c.operation, c.detail) for c in pick(v1_to_v2, kind="header-added")}
    assert added == {
        (op, f"header.{name}: optional header added")
        for op in ("GET /v1/team", "GET /v1/account", "GET /v1/article")
        for name in ("X-Lang", "X-Team-Id")
    }
    removed = pick(v1_to_v2, kind="header-removed")
    assert {(c.operation, c.severity, c.detail) for c in removed} == {
        ("POST /v1/publish/article", "breaking", "header.X-Lang: header no longer declared"),
        ("POST /v1/publish/article", "breaking", "header.X-Team-Id: header no longer declared"),
    }


def test_group_loses_the_empty_string(v1_to_v2: DiffResult) -> None:
    group = one(v1_to_v2, "GET /v1/report", "enum", "query.group:")
    assert group.severity == "breaking"
    assert group.detail == (
        'query.group: enum added ["account", "app", "day"]; previously any string '
        '(e.g. "" is no longer accepted)'
    )


def test_time_type_was_already_required_and_gains_an_enum(v1: dict[str, Any], v1_to_v2: DiffResult) -> None:
    v1_body = v1["paths"]["/v1/report"]["get"]["requestBody"]["content"]["application/json"]["schema"]
    assert "time_type" in v1_body["required"]
    assert [c for c in pick(v1_to_v2, kind="required") if "time_type" in c.detail] == []
    time_type = one(v1_to_v2, "GET /v1/report", "enum", "query.time_type:")
    assert (time_type.severity, time_type.detail) == (
        "breaking",
        "query.time_type: enum added [1, 2]; previously any integer",
    )
    assert one(v1_to_v2, "GET /v1/report", "format", "query.start_date:").detail == (
        "query.start_date: format date added"
    )


def test_upload_url_requires_content_type(v1_to_v2: DiffResult) -> None:
    content_type = one(v1_to_v2, "GET /v1/upload/url", "parameter-added", "query.content_type:")
    assert (content_type.severity, content_type.detail) == (
        "breaking",
        "query.content_type: required parameter added",
    )
    title = one(v1_to_v2, "GET /v1/upload/url", "parameter-added", "query.title:")
    assert (title.severity, title.detail) == ("non-breaking", "query.title: optional parameter added")


def test_publish_extra_and_attachments(v1_to_v2: DiffResult) -> None:
    publish = "POST /v1/publish/article"
    undeclared = {c.detail.split(":")[0]: c for c in pick(v1_to_v2, publish, "property-removed")}
    assert set(undeclared) == {
        f"requestBody.extra.{n}" for n in ("title", "link", "category_id", "draft", "flair")
    }
    flair = undeclared["requestBody.extra.flair"]
    assert flair.severity == "non-breaking"
    assert flair.detail == (
        "requestBody.extra.flair: field no longer declared (was required); "
        "still accepted through additionalProperties: true"
    )
    music = one(v1_to_v2, publish, "property-added", "requestBody.extra.music:")
    assert (music.severity, music.detail) == ("non-breaking", "requestBody.extra.music: optional field added")
    url = one(v1_to_v2, publish, "format", "requestBody.attachments[].url:")
    assert (url.severity, url.detail) == ("breaking", "requestBody.attachments[].url: format uri added")
    items = one(v1_to_v2, publish, "additional-properties", "requestBody.attachments[]:")
    assert items.severity == "cosmetic"
    assert one(v1_to_v2, publish, "enum", "requestBody.status:").detail == (
        "requestBody.status: enum added [0, 1]; previously any integer"
    )
    assert one(v1_to_v2, publish, "limit", "requestBody.account_id:").detail == (
        "requestBody.account_id: minimum 1 added (tightened)"
    )


def test_response_envelope_changes(v1_to_v2: DiffResult) -> None:
    data = one(v1_to_v2, "GET /v1/team", "type", "responses.200.body.data:")
    assert (data.severity, data.detail) == ("breaking", "responses.200.body.data: type object → any")
    request_id = one(v1_to_v2, "GET /v1/team", "property-added", "responses.200.body.request_id:")
    assert request_id.severity == "non-breaking"
    code = one(v1_to_v2, "GET /v1/report", "property-added", "responses.200.body.code:")
    assert (code.severity, code.detail) == (
        "non-breaking",
        "responses.200.body.code: required field added to the response",
    )
    # The code enum itself is reported once per operation as success-codes, never as an enum change.
    assert [c for c in pick(v1_to_v2, kind="enum") if ".code:" in c.detail] == []


def test_security_scheme_rename_is_cosmetic(v1_to_v2: DiffResult) -> None:
    rename = one(v1_to_v2, None, "security-scheme-renamed", "components.securitySchemes")
    assert (rename.severity, rename.detail) == (
        "cosmetic",
        "components.securitySchemes: bearer renamed to bearerAuth",
    )
    assert pick(v1_to_v2, kind="security-requirement") == []


def test_v1_to_v2_summary(v1_to_v2: DiffResult) -> None:
    summary = v1_to_v2.summary
    assert summary.breaking is True
    assert summary.total == len(v1_to_v2.changes)
    assert summary.to_json() == {
        "total": 157,
        "breaking": True,
        "counts": {"breaking": 44, "non-breaking": 64, "cosmetic": 49},
    }
    assert {c.kind for c in v1_to_v2.changes} <= set(CHANGE_KINDS)


# --------------------------------------------------------------------------------------------------
# No changes where there is no contract change


@pytest.mark.parametrize("name", [VENDOR_V1, VENDOR_V2])
def test_a_file_against_itself_has_no_changes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = vendor_specs_dir() / name
    spec = load_spec(path)
    assert diff_specs(spec, spec).changes == []
    assert main([str(path), str(path)]) == 0
    assert "**Result: no changes**" in capsys.readouterr().out


@pytest.mark.parametrize("name", [VENDOR_V1, VENDOR_V2])
def test_reordered_reindented_copies_have_no_changes(name: str, tmp_path: Path) -> None:
    path = vendor_specs_dir() / name
    original = load_spec(path)
    copy = scrambled(original)
    as_json = tmp_path / "copy.json"
    as_json.write_text(json.dumps(copy, indent=7, ensure_ascii=True), encoding="utf-8")
    as_yaml = tmp_path / "copy.yaml"
    as_yaml.write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False, width=60), encoding="utf-8")
    assert as_json.read_text(encoding="utf-8") != path.read_text(encoding="utf-8")
    assert list(load_spec(as_json)) == list(reversed(list(original)))
    assert diff_specs(original, load_spec(as_json)).changes == []
    assert diff_specs(original, load_spec(as_yaml)).changes == []
    assert main([str(path), str(as_yaml), "--format", "json"]) == 0


def test_result_does_not_depend_on_key_or_list_order(v1: dict[str, Any], v2: dict[str, Any]) -> None:
    assert diff_specs(scrambled(v1), scrambled(v2)).to_json() == diff_specs(v1, v2).to_json()


# --------------------------------------------------------------------------------------------------
# Synthetic triplets: old.yaml + new.yaml -> expected.json


def test_every_triplet_is_complete() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(TRIPLETS)
    for case in TRIPLETS:
        assert sorted(p.name for p in (FIXTURES / case).iterdir()) == [
            "expected.json",
            "new.yaml",
            "old.yaml",
        ]


@pytest.mark.parametrize("case", TRIPLETS)
def test_triplet(case: str) -> None:
    folder = FIXTURES / case
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    result = diff_specs(load_spec(folder / "old.yaml"), load_spec(folder / "new.yaml"))
    assert result.to_json() == expected
    assert expected["changes"], "a triplet must expect at least one change"


@pytest.mark.parametrize(
    ("case", "operation", "kind", "severity", "detail"),
    [
        ("enum-narrowed", "GET /v1/report", "enum", "breaking", 'query.group: enum values removed [""]'),
        (
            "enum-narrowed",
            "GET /v1/report",
            "enum",
            "non-breaking",
            'header.X-Lang: enum values added ["en"]',
        ),
        (
            "enum-narrowed",
            "GET /v1/report",
            "enum",
            "breaking",
            'responses.200.body.status: enum values added ["failed"]',
        ),
        (
            "field-made-required",
            "POST /v1/publish/article",
            "required",
            "breaking",
            "requestBody.title: now required",
        ),
        (
            "field-made-required",
            "POST /v1/publish/article",
            "required",
            "non-breaking",
            "requestBody.note: no longer required",
        ),
        (
            "field-made-required",
            "POST /v1/publish/article",
            "required",
            "breaking",
            "responses.200.body.id: no longer required",
        ),
        (
            "limit-tightened",
            "GET /v1/tiktokshop/products",
            "limit",
            "breaking",
            "query.keyword: maxLength 500 → 100 (tightened)",
        ),
        (
            "limit-tightened",
            "GET /v1/tiktokshop/products",
            "limit",
            "non-breaking",
            "query.page: minimum 1 → 0 (loosened)",
        ),
        ("operation-removed", "DELETE /v1/things/{id}", "operation-removed", "breaking", "operation removed"),
        (
            "operation-id-renamed",
            "GET /v1/tiktokshop/products",
            "operation-id-renamed",
            "non-breaking",
            "operationId listTiktokShopProducts → listTikTokShopProducts (wire-compatible; generated method "
            "name changes)",
        ),
        (
            "encoding",
            "GET /v1/article",
            "array-encoding",
            "breaking",
            "query.account_ids: array encoding comma-separated → repeated bracketed key account_ids[]",
        ),
    ],
)
def test_severity_rule(case: str, operation: str, kind: str, severity: Severity, detail: str) -> None:
    folder = FIXTURES / case
    result = diff_specs(load_spec(folder / "old.yaml"), load_spec(folder / "new.yaml"))
    assert Change(operation, kind, severity, detail) in result.changes


def test_operation_id_rename_alone_is_not_an_add_or_remove(capsys: pytest.CaptureFixture[str]) -> None:
    folder = FIXTURES / "operation-id-renamed"
    assert main([str(folder / "old.yaml"), str(folder / "new.yaml"), "--format", "json"]) == 0
    kinds = [c["kind"] for c in json.loads(capsys.readouterr().out)["changes"]]
    assert kinds == ["operation-id-renamed"]


def test_wire_extension_and_refs_match_the_declared_transport() -> None:
    folder = FIXTURES / "patched-wire"
    result = diff_specs(load_spec(folder / "old.yaml"), load_spec(folder / "new.yaml"))
    assert {c.kind for c in result.changes} == {"success-codes", "documentation"}
    assert {c.operation for c in pick(result, kind="success-codes")} == {"GET /v1/article", "GET /v1/account"}


def test_removing_an_unused_security_scheme_is_not_breaking() -> None:
    schemes = {"bearer": {"type": "http", "scheme": "bearer"}, "spare": {"type": "apiKey", "in": "query"}}
    old = {
        "openapi": "3.0.3",
        "paths": {},
        "security": [{"bearer": []}],
        "components": {"securitySchemes": schemes},
    }
    new = {**old, "components": {"securitySchemes": {"bearer": schemes["bearer"]}}}
    assert diff_specs(old, new).changes == [
        Change(
            None,
            "security-scheme-removed",
            "non-breaking",
            "components.securitySchemes.spare: removed (no operation used it)",
        )
    ]


# --------------------------------------------------------------------------------------------------
# Reports


def test_json_output_shape(v1_path: Path, v2_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(v1_path), str(v2_path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert list(report) == ["changes", "summary"]
    assert list(report["summary"]) == ["total", "breaking", "counts"]
    assert list(report["summary"]["counts"]) == list(SEVERITIES)
    assert report["summary"]["breaking"] is True
    assert report["summary"]["total"] == len(report["changes"]) == sum(report["summary"]["counts"].values())
    for change in report["changes"]:
        assert list(change) == ["operation", "kind", "severity", "detail"]
        assert change["severity"] in SEVERITIES
        assert change["kind"] in CHANGE_KINDS
        assert isinstance(change["detail"], str)
        assert change["detail"]
        assert change["operation"] is None or change["operation"].split(" ")[0] in {"GET", "POST"}
    assert report["changes"][0] == {
        "operation": None,
        "kind": "success-status",
        "severity": "breaking",
        "detail": "info.description: HTTP success status rule 200 → 2xx",
    }


def test_markdown_groups_by_severity_and_escapes_cells() -> None:
    result = DiffResult(
        [
            Change("GET /v1/a", "enum", "breaking", 'query.x: enum values removed ["a|b"]'),
            Change(None, "documentation", "cosmetic", 'info: title "A" → "B"'),
        ]
    )
    assert result.to_markdown() == (
        "# OpenAPI contract diff\n\n"
        "**Result: BREAKING**: 2 changes (1 breaking, 0 non-breaking, 1 cosmetic).\n\n"
        "## Breaking (1)\n\n| Operation | Kind | Detail |\n|---|---|---|\n"
        '| GET /v1/a | enum | query.x: enum values removed ["a\\|b"] |\n\n'
        "## Cosmetic (1)\n\n| Operation | Kind | Detail |\n|---|---|---|\n"
        '| (document) | documentation | info: title "A" → "B" |\n'
    )
    assert "no changes" in DiffResult([]).to_markdown()


# --------------------------------------------------------------------------------------------------
# Command line errors


@pytest.mark.parametrize(
    ("filename", "content", "reason"),
    [
        ("missing.json", None, "cannot read: No such file or directory"),
        (
            "broken.json",
            '{"openapi": "3.0.3", ',
            "not valid JSON: Expecting property name enclosed in double quotes",
        ),
        ("broken.yaml", "openapi: [3.0.3\npaths: {", "not valid YAML: "),
        ("list.json", "[1, 2]", "not an OpenAPI document (the top level is not a mapping)"),
        ("other.yaml", "name: not a spec\n", "not an OpenAPI document (no 'openapi' or 'paths' key)"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    filename: str, content: str | None, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / filename
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    good = FIXTURES / "operation-removed" / "old.yaml"
    assert main([str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"specdiff: error: {bad}: {reason}")
    assert captured.err.endswith("\n")
    assert captured.err.count("\n") == 1


def test_module_entry_point(tmp_path: Path) -> None:
    folder = FIXTURES / "operation-removed"
    command = [sys.executable, "-m", "socialecho_kit.specdiff"]
    breaking = subprocess.run(
        [*command, str(folder / "old.yaml"), str(folder / "new.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert breaking.returncode == 1
    assert "| DELETE /v1/things/{id} | operation-removed | operation removed |" in breaking.stdout
    missing = subprocess.run(
        [*command, str(tmp_path / "absent.yaml"), str(folder / "new.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert (
        missing.stderr
        == f"specdiff: error: {tmp_path / 'absent.yaml'}: cannot read: No such file or directory\n"
    )


# --------------------------------------------------------------------------------------------------
# Adversarial inputs: cyclic and heavily shared $refs, big documents, spellings of the same contract,
# and changes the first version misreported


Doc = dict[str, Any]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _spec(schemas: dict[str, Any], operations: int = 1, root: str = "S0") -> Doc:
    paths = {
        f"/v1/op{i}": {
            "post": {
                "operationId": f"op{i}",
                "requestBody": {"content": {"application/json": {"schema": _ref(root)}}},
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": _ref(root)}}}
                },
            }
        }
        for i in range(operations)
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.fixture
def schema_visits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts schema pairs compared (``_diff_schema`` calls, recursion included)."""
    calls = [0]
    original = specdiff._diff_schema

    def counting(*args: Any, **kwargs: Any) -> None:
        calls[0] += 1
        original(*args, **kwargs)

    monkeypatch.setattr(specdiff, "_diff_schema", counting)
    return calls


# --------------------------------------------------------------------------------------------------
# Work stays proportional to the document, whatever the $ref graph looks like


def test_mutually_recursive_schemas_are_compared_once_each(schema_visits: list[int]) -> None:
    """Ten schemas that all refer to each other: the first version inlined every simple path (10!)."""
    n = 10
    schemas = {
        f"S{i}": {"type": "object", "properties": {f"p{j}": _ref(f"S{j}") for j in range(n)}}
        for i in range(n)
    }
    old = _spec(schemas)
    new = copy.deepcopy(old)
    new["components"]["schemas"]["S7"]["properties"]["extra"] = {"type": "string"}
    changes = diff_specs(old, new).changes
    assert changes == [
        Change(
            "POST /v1/op0", "property-added", "non-breaking", "requestBody.p7.extra: optional field added"
        ),
        Change(
            "POST /v1/op0",
            "property-added",
            "non-breaking",
            "responses.200.body.p7.extra: field added to the response",
        ),
    ]
    assert schema_visits[0] < 5 * n * n  # each pair once, each enqueuing its n children


def test_a_deep_diamond_of_shared_refs_is_not_unfolded(schema_visits: list[int]) -> None:
    """S_i has two properties that both refer to S_i+1: 2**40 paths, 40 schemas."""
    depth = 40
    schemas: dict[str, Any] = {
        f"S{i}": {"type": "object", "properties": {"l": _ref(f"S{i + 1}"), "r": _ref(f"S{i + 1}")}}
        for i in range(depth)
    }
    schemas[f"S{depth}"] = {"type": "string"}
    old = _spec(schemas)
    new = copy.deepcopy(old)
    new["components"]["schemas"][f"S{depth}"] = {"type": "integer"}
    changes = diff_specs(old, new).changes
    assert [c.kind for c in changes] == ["type", "type"]  # reported once per side, at the first path
    assert changes[0].detail == "requestBody" + ".l" * depth + ": type string → integer"
    assert schema_visits[0] < 10 * depth


def test_three_hundred_operations_over_a_cycle_of_sixty_models(
    schema_visits: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every operation reaches the whole cycle; what one schema pair shows is computed once and replayed."""
    schemas = {
        f"M{i}": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string", "maxLength": 50},
                "child": _ref(f"M{(i + 1) % 60}"),
            },
        }
        for i in range(60)
    }
    old = _spec(schemas, operations=300, root="M0")
    assert diff_specs(old, copy.deepcopy(old)).changes == []
    unchanged_visits = schema_visits[0]
    # per operation: the request body, its three fields, the response body; nothing below them
    assert unchanged_visits == 300 * 5
    new = copy.deepcopy(old)
    new["components"]["schemas"]["M5"]["properties"]["name"]["maxLength"] = 40
    computed = [0]
    original = specdiff._schema_entry

    def counting(*args: Any) -> Any:
        computed[0] += 1
        return original(*args)

    monkeypatch.setattr(specdiff, "_schema_entry", counting)
    changes = diff_specs(old, new).changes
    assert computed[0] < 1000  # per schema pair and side, not per operation (the first version: 146 100)
    assert len(changes) == 600
    assert changes[0] == Change(
        "POST /v1/op0",
        "limit",
        "breaking",
        "requestBody.child.child.child.child.child.name: maxLength 50 → 40 (tightened)",
    )


# --------------------------------------------------------------------------------------------------
# The same contract, spelled differently: no changes


EDGE_BASE: Doc = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "security": [{"bearer": []}],
    "paths": {
        "/v1/items": {
            "get": {
                "parameters": [
                    {"name": "X-Lang", "in": "header", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                ],
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": _ref("Item")}}}
                },
            },
            "post": {
                "requestBody": {"content": {"application/json": {"schema": _ref("NewItem")}}},
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": _ref("Item")}}}
                },
            },
        }
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Item": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "kind": {"oneOf": [_ref("Base"), {"type": "string"}]},
                },
            },
            "NewItem": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "maxLength": 20},
                    "extra": {"allOf": [_ref("Base"), {"properties": {"b": {"maximum": 5}}}]},
                },
            },
            "Base": {
                "type": "object",
                "properties": {"b": {"type": "integer", "maximum": 10}, "c": {"type": "string"}},
            },
        },
    },
}


def _changed(change: Callable[[Doc], Any]) -> list[Change]:
    new = copy.deepcopy(EDGE_BASE)
    change(new)
    return diff_specs(EDGE_BASE, new).changes


def _schemas(doc: Doc) -> dict[str, Any]:
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def _get(doc: Doc) -> dict[str, Any]:
    get: dict[str, Any] = doc["paths"]["/v1/items"]["get"]
    return get


@pytest.mark.parametrize(
    "change",
    [
        lambda d: _schemas(d)["NewItem"]["properties"]["name"].update(minLength=0),
        lambda d: _schemas(d)["NewItem"]["properties"]["name"].update(exclusiveMaximum=False),
        lambda d: _schemas(d)["NewItem"]["properties"]["name"].update(readOnly=False, writeOnly=False),
        lambda d: _schemas(d)["Item"].update(minProperties=0),
        lambda d: _get(d)["responses"]["200"].update(
            content={
                "application/json; charset=UTF-8": _get(d)["responses"]["200"]["content"]["application/json"]
            }
        ),
    ],
    ids=["minLength-0", "exclusiveMaximum-false", "readOnly-false", "minProperties-0", "json-charset"],
)
def test_default_spellings_are_no_change(change: Callable[[Doc], Any]) -> None:
    assert _changed(change) == []


def test_a_media_type_spelled_with_charset_is_still_compared() -> None:
    """The first version saw a removed and an added media type, and skipped the body schema."""

    def change(doc: Doc) -> None:
        response = _get(doc)["responses"]["200"]
        response["content"] = {"application/json;charset=utf-8": response["content"]["application/json"]}
        _schemas(doc)["Item"]["properties"]["id"]["type"] = "string"

    assert _changed(change) == [
        Change("GET /v1/items", "type", "breaking", "responses.200.body.id: type integer → string"),
        Change("POST /v1/items", "type", "breaking", "responses.200.body.id: type integer → string"),
    ]


# --------------------------------------------------------------------------------------------------
# Changes the first version misreported


def test_a_header_that_becomes_a_query_parameter_is_a_location_change() -> None:
    assert _changed(lambda d: _get(d)["parameters"][0].update({"in": "query"})) == [
        Change(
            "GET /v1/items",
            "parameter-location",
            "breaking",
            "query.X-Lang: moved from a request header to the query string",
        )
    ]
    assert _changed(lambda d: _get(d)["parameters"][1].update({"in": "header"})) == [
        Change(
            "GET /v1/items",
            "parameter-location",
            "breaking",
            "header.limit: moved from the query string to a request header",
        )
    ]


def test_all_of_parts_constraining_one_property_are_combined() -> None:
    """Base says b <= 10, the second part b <= 5: the property is an integer <= 5."""

    def tighten(doc: Doc) -> None:
        _schemas(doc)["NewItem"]["properties"]["extra"]["allOf"][1]["properties"]["b"]["maximum"] = 3

    assert _changed(tighten) == [
        Change("POST /v1/items", "limit", "breaking", "requestBody.extra.b: maximum 5 → 3 (tightened)")
    ]
    # A third part bounding c, so far typed by Base alone: the first version let the new part replace
    # c's schema and also reported "type string → any".
    third = {"properties": {"c": {"maxLength": 4}}}
    assert _changed(lambda d: _schemas(d)["NewItem"]["properties"]["extra"]["allOf"].append(third)) == [
        Change("POST /v1/items", "limit", "breaking", "requestBody.extra.c: maxLength 4 added (tightened)")
    ]
    # Loosening Base's own bound to 7 changes nothing for extra.b (still <= 5), only Base's other use.
    loosened = _changed(lambda d: _schemas(d)["Base"]["properties"]["b"].update(maximum=7))
    assert [c for c in loosened if c.detail.startswith("requestBody")] == []
    assert {c.kind for c in loosened} == {"schema-composition"}


def test_dropping_authentication_is_not_breaking_but_a_changed_scheme_is_reported_once() -> None:
    assert _changed(lambda d: d.pop("security")) == [
        Change(
            operation,
            "security-requirement",
            "non-breaking",
            "security: alternative bearer removed; the operation no longer requires authentication",
        )
        for operation in ("GET /v1/items", "POST /v1/items")
    ]
    api_key = {"type": "apiKey", "in": "header", "name": "X-Key"}
    changes = _changed(lambda d: d["components"]["securitySchemes"].update(bearer=api_key))
    assert [(c.operation, c.kind, c.severity) for c in changes] == [
        (None, "security-scheme-changed", "breaking")
    ]


def test_a_change_behind_a_ref_inside_one_of_is_reported() -> None:
    changes = _changed(lambda d: _schemas(d)["Base"]["properties"]["b"].update(type="string"))
    kinds = {(c.operation, c.kind, c.severity) for c in changes}
    assert ("GET /v1/items", "schema-composition", "breaking") in kinds
    assert ("POST /v1/items", "type", "breaking") in kinds
    added = next(c for c in changes if c.operation == "GET /v1/items" and "branch added" in c.detail)
    assert added.detail.startswith('responses.200.body.kind: oneOf branch added {"properties": {"b": {')


# ---- regressions of a break-it pass: prose, undefined locations, duplicate keys


@pytest.mark.parametrize(
    "prose",
    ["Error code 40001 means invalid parameters. ", "HTTP 429 is returned when rate limited. "],
)
def test_prose_in_info_description_is_not_a_success_rule(v1: dict[str, Any], prose: str) -> None:
    edited = copy.deepcopy(v1)
    edited["info"]["description"] = prose + edited["info"]["description"]
    changes = diff_specs(v1, edited).changes
    assert changes  # the edit is seen ...
    assert {c.severity for c in changes} == {"cosmetic"}  # ... as prose only


def test_a_changed_success_sentence_is_still_read(v1: dict[str, Any]) -> None:
    edited = copy.deepcopy(v1)
    edited["info"]["description"] = "Success: HTTP 200 and JSON code 0. Error code 40001: bad parameters."
    result = diff_specs(v1, edited)
    codes = [c for c in result.changes if c.kind == "success-codes"]
    assert codes
    assert all("{0, 200} → {0}" in c.detail for c in codes)


def test_an_undefined_parameter_location_is_reported_not_a_crash(v2: dict[str, Any]) -> None:
    edited = copy.deepcopy(v2)
    parameter = edited["paths"]["/v1/report"]["get"]["parameters"][0]
    parameter["in"] = "formData"
    [moved] = [c for c in diff_specs(v2, edited).changes if c.kind == "parameter-location"]
    assert moved.severity == "breaking"
    assert "an undefined location ('in: formData')" in moved.detail


def test_duplicate_keys_are_refused_like_the_pipeline_does(tmp_path: Path) -> None:
    doubled = tmp_path / "dup.json"
    doubled.write_text('{"openapi": "3.0.1", "paths": {}, "paths": {"/a": {}}}', encoding="utf-8")
    with pytest.raises(specdiff.SpecLoadError, match="duplicate key 'paths'"):
        load_spec(doubled)
    extensionless = tmp_path / "dup"
    extensionless.write_text(doubled.read_text(), encoding="utf-8")
    with pytest.raises(specdiff.SpecLoadError, match="duplicate key 'paths'"):
        load_spec(extensionless)


@pytest.mark.parametrize(
    ("update", "encoding"),
    [({"style": "pipeDelimited"}, "pipe-delimited"), ({"explode": False}, "comma-separated")],
)
def test_array_encoding_of_a_bracketed_key_follows_style_and_explode(
    v2: dict[str, Any], update: dict[str, Any], encoding: str
) -> None:
    edited = copy.deepcopy(v2)
    [ids] = [p for p in edited["paths"]["/v1/article"]["get"]["parameters"] if p["name"] == "account_ids[]"]
    ids.update(update)
    [change] = [c for c in diff_specs(v2, edited).changes if c.kind == "array-encoding"]
    assert change.severity == "breaking"
    assert f"repeated bracketed key account_ids[] → {encoding} under the key account_ids[]" in change.detail


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("openapi: 3.0.1\npaths: {}\npaths: {}\n", "found duplicate key 'paths'"),
        (
            "openapi: 3.0.1\npaths: {}\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
            "aliases are not accepted",
        ),
        ("openapi: 3.0.1\npaths: {}\nx: .inf\n", "is not a JSON value"),
    ],
    ids=["duplicate-key", "alias-bomb", "infinity"],
)
def test_yaml_is_read_as_strictly_as_the_pipeline_reads_it(tmp_path: Path, text: str, message: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(specdiff.SpecLoadError, match=message):
        load_spec(spec)


def test_only_sentences_about_success_state_the_rule(v1: dict[str, Any]) -> None:
    """The sentence after a success sentence may be about an error: it is not read as the rule."""
    before, after = copy.deepcopy(v1), copy.deepcopy(v1)
    before["info"]["description"] = "Successful requests return HTTP 200 and code 0 or 200."
    after["info"]["description"] = (
        "Successful requests return HTTP 200 and code 0 or 200. A request without a valid key gets code 401."
    )
    assert not [c for c in diff_specs(before, after).changes if c.kind in ("success-codes", "success-status")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("openapi: 3.0.1\npaths: {}\nx: !!timestamp 2026-01-01\n", r"a date value \(an explicit YAML tag\)"),
        ("openapi: 3.0.1\npaths: {}\nx: !!binary aGk=\n", "a bytes value"),
        ("openapi: 3.0.1\npaths: {}\nx: " + "9" * 5000 + "\n", "not readable"),
    ],
    ids=["timestamp-tag", "binary-tag", "5000-digit-integer"],
)
def test_values_json_cannot_carry_are_refused(tmp_path: Path, text: str, message: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(specdiff.SpecLoadError, match=message):
        load_spec(spec)


def test_yaml_plain_scalars_read_as_json_reads_them(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.0.1\npaths: {}\nx: [on, yes, no, '1', 017, 1:30, 12, 1.5, true, null]\n")
    assert load_spec(spec)["x"] == ["on", "yes", "no", "1", "017", "1:30", 12, 1.5, True, None]
