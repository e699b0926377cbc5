"""OpenAPI Overlay 1.0 applier, strict, on an RFC 9535 JSONPath implementation.

Semantics (Overlay 1.0, section "Action Object"):

* ``update`` on an object target merges recursively: keys of the update replace scalar values of the
  target, nested objects are merged, nested arrays are appended to.
* ``update`` on an array target appends the update value (its items, if it is an array).
* ``remove: true`` deletes every selected node from its parent.

Unlike the standard, an action whose target selects nothing is an error: that is how vendor drift
shows up. All unmatched actions of a run are collected and reported together, naming the overlay
file, the action index, its description and its target.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonpath_rfc9535 as jsonpath
import jsonschema
import yaml

SCHEMA_PATH = Path(__file__).with_name("overlay-1.0.schema.json")


class OverlayError(Exception):
    """An overlay document is invalid or could not be applied."""


@dataclass(frozen=True)
class Unmatched:
    """An action whose target selected no node."""

    source: str
    index: int
    target: str
    description: str

    def __str__(self) -> str:
        return (
            f"{self.source}: action #{self.index} target {self.target!r} matched nothing ({self.description})"
        )


class UnmatchedActionsError(OverlayError):
    """One or more actions matched nothing (the drift signal)."""

    def __init__(self, unmatched: Sequence[Unmatched]) -> None:
        self.unmatched = list(unmatched)
        lines = "\n".join(f"  - {u}" for u in self.unmatched)
        super().__init__(
            f"{len(self.unmatched)} overlay action(s) no longer match the input spec "
            f"(the export drifted from what the overlays expect):\n{lines}"
        )


@cache
def _overlay_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def load_document(path: Path) -> Any:
    """Load a JSON or YAML document."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def validate_overlay(overlay: Any, source: str = "<overlay>") -> None:
    """Validate an overlay document against the Overlay 1.0 JSON schema, then compile every target."""
    validator = jsonschema.Draft202012Validator(_overlay_schema())
    errors = sorted(validator.iter_errors(overlay), key=lambda e: list(e.absolute_path))
    if errors:
        details = "; ".join(
            f"at {'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}" for e in errors
        )
        raise OverlayError(f"{source}: not a valid Overlay 1.0 document: {details}")
    for index, action in enumerate(overlay["actions"]):
        try:
            jsonpath.compile(action["target"])
        except jsonpath.JSONPathError as exc:
            raise OverlayError(
                f"{source}: action #{index} target {action['target']!r} is not RFC 9535 JSONPath: {exc}"
            ) from exc


def merge(target: Any, update: Any) -> Any:
    """Merge ``update`` into ``target`` and return the result (``target`` is modified in place)."""
    if isinstance(target, dict) and isinstance(update, dict):
        for key, value in update.items():
            if key in target and isinstance(target[key], dict | list):
                target[key] = merge(target[key], value)
            else:
                target[key] = copy.deepcopy(value)
        return target
    if isinstance(target, list):
        target.extend(copy.deepcopy(update) if isinstance(update, list) else [copy.deepcopy(update)])
        return target
    return copy.deepcopy(update)


def _parent_and_key(document: Any, location: tuple[str | int, ...]) -> tuple[Any, str | int]:
    parent = document
    for step in location[:-1]:
        parent = parent[step]
    return parent, location[-1]


def _apply_action(document: Any, action: Mapping[str, Any]) -> tuple[Any, int]:
    nodes = jsonpath.find(action["target"], document)
    if not nodes:
        return document, 0
    if action.get("remove", False):
        # Delete deepest / highest-index first so earlier locations stay valid.
        for location in sorted((n.location for n in nodes), key=lambda loc: (len(loc), loc), reverse=True):
            if not location:
                raise OverlayError("removing the document root is not allowed")
            parent, key = _parent_and_key(document, location)
            del parent[key]
        return document, len(nodes)
    update = action["update"]
    for node in nodes:
        if not node.location:
            document = merge(document, update)
            continue
        parent, key = _parent_and_key(document, node.location)
        parent[key] = merge(parent[key], update)
    return document, len(nodes)


def apply_overlay(
    document: Any, overlay: Mapping[str, Any], source: str = "<overlay>"
) -> tuple[Any, list[Unmatched]]:
    """Apply one overlay to a copy of ``document``; return it with the actions that matched nothing."""
    validate_overlay(overlay, source)
    result = copy.deepcopy(document)
    unmatched: list[Unmatched] = []
    for index, action in enumerate(overlay["actions"]):
        if "update" not in action and not action.get("remove", False):
            raise OverlayError(f"{source}: action #{index} has neither 'update' nor 'remove: true'")
        result, count = _apply_action(result, action)
        if count == 0:
            unmatched.append(Unmatched(source, index, action["target"], action.get("description", "")))
    return result, unmatched


def apply_overlays(document: Any, overlays: Iterable[tuple[str, Mapping[str, Any]]]) -> Any:
    """Apply overlays in order, strictly: raise :class:`UnmatchedActionsError` listing every miss."""
    unmatched: list[Unmatched] = []
    for source, overlay in overlays:
        document, missed = apply_overlay(document, overlay, source)
        unmatched.extend(missed)
    if unmatched:
        raise UnmatchedActionsError(unmatched)
    return document


def load_overlay_order(overlay_dir: Path) -> list[Path]:
    """Read ``order.yaml`` (the one place that lists the overlays and their order)."""
    order_file = overlay_dir / "order.yaml"
    order = load_document(order_file)
    if not isinstance(order, dict) or not isinstance(order.get("overlays"), list):
        raise OverlayError(f"{order_file}: expected a mapping with an 'overlays' list")
    paths = [overlay_dir / str(name) for name in order["overlays"]]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise OverlayError(f"{order_file}: listed overlay file(s) not found: {', '.join(missing)}")
    listed = {p.name for p in paths}
    unlisted = sorted(
        p.name for p in overlay_dir.glob("*.yaml") if p.name != "order.yaml" and p.name not in listed
    )
    if unlisted:
        raise OverlayError(f"{order_file}: overlay file(s) present but not listed: {', '.join(unlisted)}")
    return paths


def apply_overlay_dir(document: Any, overlay_dir: Path, root: Path | None = None) -> Any:
    """Apply every overlay listed in ``overlay_dir/order.yaml`` to ``document``."""
    paths = load_overlay_order(overlay_dir)
    named = []
    for path in paths:
        label = str(path.relative_to(root)) if root is not None else path.name
        named.append((label, load_document(path)))
    return apply_overlays(document, named)
