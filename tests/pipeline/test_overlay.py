"""Overlay applier: triplets (input, overlay, expected), strictness and overlay-document validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.overlay import (
    OverlayError,
    UnmatchedActionsError,
    apply_overlay,
    apply_overlay_dir,
    apply_overlays,
    load_overlay_order,
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
    assert {p.stem for p in TRIPLETS} >= {"object-merge", "array-append", "remove", "filter", "rfc-functions"}


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
