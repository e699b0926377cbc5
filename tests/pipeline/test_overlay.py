"""Overlay applier: triplets (input, overlay, expected), strictness and overlay-document validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.overlay import (
    DocumentError,
    OverlayError,
    UnmatchedActionsError,
    apply_overlay,
    apply_overlay_dir,
    apply_overlays,
    load_document,
    load_overlay_order,
    load_overlays,
    parse_document,
)

TRIPLETS = sorted((Path(__file__).parent / "triplets").glob("*.yaml"))


def _overlay(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": list(actions)}


@pytest.mark.parametrize("path", TRIPLETS, ids=[p.stem for p in TRIPLETS])
def test_triplet(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    result, unmatched = apply_overlay(case["input"], case["overlay"], path.name)
    assert unmatched == []
    assert result == case["expected"]


def test_triplets_cover_each_feature() -> None:
    assert {p.stem for p in TRIPLETS} >= {
        "object-merge",
        "array-append",
        "remove",
        "filter",
        "rfc-functions",
        "union-duplicates",
        "nested-kinds",
    }


def test_input_document_is_not_mutated() -> None:
    document = {"a": {"b": 1}}
    apply_overlay(document, _overlay({"target": "$.a", "description": "d", "update": {"b": 2}}))
    assert document == {"a": {"b": 1}}


def test_zero_match_is_an_error_naming_file_action_and_target() -> None:
    overlays = [
        ("10-first.yaml", _overlay({"target": "$.a", "description": "fine", "update": {"x": 1}})),
        (
            "20-second.yaml",
            _overlay(
                {"target": "$.a", "description": "fine too", "update": {"y": 1}},
                {"target": "$.paths['/gone'].get", "description": "op vanished", "update": {"z": 1}},
            ),
        ),
        (
            "30-third.yaml",
            _overlay({"target": "$.nope[?@.n == 1]", "description": "filter miss", "remove": True}),
        ),
    ]
    with pytest.raises(UnmatchedActionsError) as info:
        apply_overlays({"a": {}}, overlays)
    message = str(info.value)
    assert "2 overlay action(s) no longer match" in message
    assert (
        "20-second.yaml: action #1 target \"$.paths['/gone'].get\" matched nothing (op vanished)" in message
    )
    assert "30-third.yaml: action #0 target '$.nope[?@.n == 1]' matched nothing (filter miss)" in message
    assert [u.source for u in info.value.unmatched] == ["20-second.yaml", "30-third.yaml"]


@pytest.mark.parametrize(
    ("overlay", "fragment"),
    [
        (
            {"info": {"title": "t", "version": "1"}, "actions": [{"target": "$"}]},
            "'overlay' is a required property",
        ),
        (
            {"overlay": "2.0.0", "info": {"title": "t", "version": "1"}, "actions": [{"target": "$"}]},
            "does not match",
        ),
        ({"overlay": "1.0.0", "actions": [{"target": "$", "remove": True}]}, "'info' is a required property"),
        ({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": []}, "should be non-empty"),
        (_overlay({"description": "no target", "remove": True}), "'target' is a required property"),
        (_overlay({"target": "$.a", "remove": "yes"}), "'yes' is not of type 'boolean'"),
        (_overlay({"target": "$.a", "update": {}, "replace": 1}), "Unevaluated properties are not allowed"),
        (_overlay({"target": "$.a[?(@.x =~ /abc/)]", "remove": True}), "is not RFC 9535 JSONPath"),
        (_overlay({"target": "$.a[?nosuch(@)]", "remove": True}), "is not RFC 9535 JSONPath"),
    ],
    ids=[
        "no-version",
        "wrong-version",
        "no-info",
        "no-actions",
        "no-target",
        "remove-not-bool",
        "unknown-key",
        "regex-operator-not-rfc",
        "unknown-function",
    ],
)
def test_invalid_overlay_documents_are_rejected(overlay: dict[str, Any], fragment: str) -> None:
    with pytest.raises(OverlayError) as info:
        apply_overlay({"a": {}}, overlay, "bad.yaml")
    assert str(info.value).startswith("bad.yaml: ")
    assert fragment in str(info.value)


def test_action_needs_update_or_remove() -> None:
    with pytest.raises(OverlayError, match="neither 'update' nor 'remove: true'"):
        apply_overlay({"a": {}}, _overlay({"target": "$.a", "description": "nothing to do"}))


def test_overlay_dir_order_is_the_single_list(tmp_path: Path) -> None:
    (tmp_path / "order.yaml").write_text("overlays: [b.yaml, a.yaml]\n", encoding="utf-8")
    for name, value in (("a.yaml", "from-a"), ("b.yaml", "from-b")):
        doc = _overlay({"target": "$", "description": "set v", "update": {"v": value}})
        (tmp_path / name).write_text(yaml.safe_dump(doc), encoding="utf-8")
    assert [p.name for p in load_overlay_order(tmp_path)] == ["b.yaml", "a.yaml"]
    assert apply_overlay_dir({}, tmp_path) == {"v": "from-a"}  # applied in the listed order
    (tmp_path / "c.yaml").write_text(
        yaml.safe_dump(_overlay({"target": "$", "remove": True})), encoding="utf-8"
    )
    with pytest.raises(OverlayError, match=r"present but not listed: c\.yaml"):
        load_overlay_order(tmp_path)


@pytest.mark.parametrize(
    ("document", "action", "reason"),
    [
        ({"a": {"x": 1}}, {"target": "$.a", "update": [1]}, "selected an object but the update is an array"),
        (
            {"a": "text"},
            {"target": "$.a", "update": {"x": 1}},
            "selected a string; an update needs an object",
        ),
        ({"a": None}, {"target": "$.a", "update": 5}, "selected null; an update needs an object or an array"),
        ({"a": 1}, {"target": "$", "remove": True}, "selected the document root, which cannot be removed"),
        (
            {"p": {"enum": ["day", "app"]}},
            {"target": "$.p", "update": {"enum": ["", "day"]}},
            'would append "day" to $.p.enum, which already has it (the export changed)',
        ),
        (
            {"paths": {"/a b": {"tags": [{"name": "t"}]}}},
            {"target": "$.paths['/a b'].tags", "update": [{"name": "t"}]},
            'would append {"name": "t"} to $.paths[\'/a b\'].tags, which already has it',
        ),
        (
            {"page": {"type": "integer", "minimum": 2}},
            {"target": "$.page", "update": {"minimum": 1, "description": "1-based"}},
            "would change $.page.minimum from 2 to 1, a value the export sets itself",
        ),
        (
            {"s": {"properties": {"ct": {"type": "integer"}}}},
            {"target": "$.s", "update": {"properties": {"ct": {"type": "string", "maxLength": 100}}}},
            'would change $.s.properties.ct.type from "integer" to "string"',
        ),
        (
            {"extra": {"type": "object", "additionalProperties": False}},
            {"target": "$.extra", "update": {"additionalProperties": True}},
            "would change $.extra.additionalProperties from false to true",
        ),
        (
            {"music": {"type": "string"}},
            {"target": "$.music", "update": {"$ref": "#/components/schemas/SelectedMusic"}},
            "would put a $ref at $.music, where the export declares a schema itself (type)",
        ),
        (
            {"body": {"$ref": "#/components/schemas/TeamBody"}},
            {"target": "$.body", "update": {"additionalProperties": False, "description": "closed"}},
            "would add additionalProperties at $.body, beside the export's $ref, which hides them",
        ),
        (
            {"body": {"$ref": "#/components/schemas/Old"}},
            {"target": "$.body", "update": {"$ref": "#/components/schemas/New"}},
            'would change $.body[\'$ref\'] from "#/components/schemas/Old" to "#/components/schemas/New"',
        ),
        (
            {"extra": {"additionalProperties": {"type": "string"}}},
            {"target": "$.extra", "update": {"$ref": "#/components/schemas/Extra"}},
            "would put a $ref at $.extra, where the export declares a schema itself (additionalProperties)",
        ),
    ],
    ids=[
        "array-onto-object",
        "update-a-string",
        "update-null",
        "remove-root",
        "enum-duplicate",
        "tag-duplicate",
        "contract-value-changed",
        "nested-contract-value-changed",
        "additional-properties-changed",
        "ref-beside-a-declared-type",
        "keywords-beside-an-export-ref",
        "ref-over-another-ref",
        "ref-beside-additional-properties",
    ],
)
def test_updates_that_do_not_fit_are_reported_like_unmatched_targets(
    document: dict[str, Any], action: dict[str, Any], reason: str
) -> None:
    before = yaml.safe_dump(document)
    with pytest.raises(UnmatchedActionsError) as info:
        apply_overlays(document, [("o.yaml", _overlay({"description": "why", **action}))])
    [misfit] = info.value.unmatched
    assert (misfit.source, misfit.index, misfit.target) == ("o.yaml", 0, action["target"])
    assert misfit.reason.startswith(reason)
    assert f"o.yaml: action #0 target {action['target']!r} {misfit.reason} (why)" in str(info.value)
    assert yaml.safe_dump(document) == before


def test_yaml_documents_load_as_json_data() -> None:
    """OpenAPI keys are strings: a bare 200 status and a bare date stay text; duplicate keys are errors."""
    loaded = parse_document("responses:\n  200: {description: ok}\ninfo: {version: 2026-04-20}\n", "a.yaml")
    assert loaded == {"responses": {"200": {"description": "ok"}}, "info": {"version": "2026-04-20"}}
    with pytest.raises(DocumentError, match=r"a\.yaml: not valid YAML: .*found duplicate key 'x'"):
        parse_document("x: 1\nx: 2\n", "a.yaml")
    with pytest.raises(DocumentError, match=r"a\.json: duplicate key 'x' in one object"):
        parse_document('{"x": 1, "x": 2}', "a.json")


def test_unreadable_overlays_are_named(tmp_path: Path) -> None:
    (tmp_path / "order.yaml").write_text("overlays: [a.yaml]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("overlay: 1.0.0\ninfo: [\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"^a\.yaml: not valid YAML"):
        load_overlays(tmp_path)
    (tmp_path / "a.yaml").write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(OverlayError, match=r"^a\.yaml: not a valid Overlay 1\.0 document: at <root>"):
        load_overlays(tmp_path)
    (tmp_path / "a.yaml").write_bytes("overlay: 1.0.0".encode("utf-16"))
    with pytest.raises(DocumentError, match=r"^a\.yaml: not UTF-8 text"):
        load_document(tmp_path / "a.yaml")


@pytest.mark.parametrize(
    ("listing", "message"),
    [
        ("[a.yaml, a.yaml]", "listed more than once: a.yaml"),
        ("[../a.yaml]", "list file names in"),
        ("[b.yaml]", "listed overlay file(s) not found: b.yaml"),
        ("[a.yaml, ./a.yaml]", "listed more than once: ./a.yaml, a.yaml"),
        ("[a.yaml]", "present but not listed: C.YAML"),
    ],
    ids=["twice", "outside", "missing", "twice-spelled-differently", "unlisted-upper-case-suffix"],
)
def test_order_file_mistakes_are_refused(tmp_path: Path, listing: str, message: str) -> None:
    overlays = tmp_path / "overlays"
    overlays.mkdir()
    (overlays / "order.yaml").write_text(f"overlays: {listing}\n", encoding="utf-8")
    doc = yaml.safe_dump(_overlay({"target": "$", "description": "d", "update": {}}))
    (overlays / "a.yaml").write_text(doc, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(doc, encoding="utf-8")
    if "C.YAML" in message:
        (overlays / "C.YAML").write_text(doc, encoding="utf-8")
    with pytest.raises(OverlayError) as info:
        load_overlay_order(overlays)
    assert message in str(info.value)


def test_contract_keywords_may_be_added_or_restated_and_prose_overwritten() -> None:
    document = {"page": {"type": "integer", "description": "页码"}}
    action = {
        "target": "$.page",
        "description": "why",
        "update": {"type": "integer", "minimum": 1, "description": "Page number"},
    }
    patched = apply_overlays(document, [("o.yaml", _overlay(action))])
    assert patched == {"page": {"type": "integer", "minimum": 1, "description": "Page number"}}
