"""The vendor mistakes the overlays fix, pinned on the committed patched contract.

``check-generated`` proves the contract is what the pipeline makes; these tests say what it must *be*,
so that an overlay edit which quietly drops a fix fails here by name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import REPO_ROOT

PATCHED: dict[str, Any] = json.loads(
    (REPO_ROOT / "generated" / "socialecho_client" / "openapi.json").read_text(encoding="utf-8")
)
OPERATIONS = [(path, method, op) for path, item in PATCHED["paths"].items() for method, op in item.items()]


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = PATCHED
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _walk(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _headers(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = [_resolve(p) for p in op.get("parameters", [])]
    return {p["name"]: p for p in found if p["in"] == "header"}


def test_no_template_placeholder_survives() -> None:
    assert "{{TeamId}}" not in json.dumps(PATCHED)


@pytest.mark.parametrize(("path", "method", "op"), OPERATIONS, ids=[f"{m} {p}" for p, m, _ in OPERATIONS])
def test_every_operation_declares_both_headers_once(path: str, method: str, op: dict[str, Any]) -> None:
    headers = _headers(op)
    names = [_resolve(p)["name"] for p in op.get("parameters", [])]
    assert len(names) == len(set(names)), f"{method} {path}: a header declared twice"
    lang, team = headers["X-Lang"], headers["X-Team-Id"]
    assert _resolve(lang["schema"])["enum"] == ["zh_CN", "en"]
    assert not lang.get("required", False)
    team_schema = _resolve(team["schema"])
    assert team_schema["type"] == "integer"
    assert "default" not in team_schema  # sent only when set: no "{{TeamId}}", no empty header
    assert not team.get("required", False)


def test_one_security_scheme_used_everywhere() -> None:
    schemes = PATCHED["components"]["securitySchemes"]
    assert list(schemes) == ["bearer"]
    assert schemes["bearer"]["scheme"] == "bearer"
    for path, method, op in OPERATIONS:
        assert op.get("security", PATCHED["security"]) == [{"bearer": []}], f"{method} {path}"


def test_publish_extra_requires_nothing_and_type_is_documented_per_platform() -> None:
    body = _resolve(
        PATCHED["paths"]["/v1/publish/article"]["post"]["requestBody"]["content"]["application/json"]
    )
    schema = _resolve(body["schema"])
    extra = _resolve(schema["properties"]["extra"])
    assert "required" not in extra  # the export marks title, link, category_id, draft, flair all required
    assert extra.get("additionalProperties", True) is not False  # other platforms' keys are not refused
    described = schema["properties"]["type"]["description"]
    for platform in ("Facebook", "Instagram", "YouTube", "X", "LinkedIn", "TikTok", "Pinterest", "Reddit"):
        assert platform in described


def test_errors_are_declared_and_429_carries_retry_after() -> None:
    for path, method, op in OPERATIONS:
        assert {"200", "400", "401", "429"} <= set(op["responses"]), f"{method} {path}"
        too_many = _resolve(op["responses"]["429"])
        assert "Retry-After" in too_many["headers"], f"{method} {path}"


def test_success_codes_are_0_and_200_and_no_response_enum_is_closed() -> None:
    assert _resolve(PATCHED["components"]["schemas"]["SuccessCode"])["enum"] == [0, 200]
    response_schemas = [
        name for name in PATCHED["components"]["schemas"] if name.endswith("Response") or name in ("Team",)
    ]
    for name in response_schemas:
        for node in _walk(PATCHED["components"]["schemas"][name]):
            if isinstance(node, dict) and node.get("type") == "object":
                assert node.get("additionalProperties", True) is not False, f"{name}: unknown fields refused"


def test_every_operation_records_its_wire_format() -> None:
    for path, method, op in OPERATIONS:
        assert op["x-socialecho-wire"] == "json-body", f"{method} {path}"  # v1.1.0: GET bodies
