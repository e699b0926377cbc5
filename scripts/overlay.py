"""OpenAPI Overlay 1.0 applier, strict, on an RFC 9535 JSONPath implementation.

What Overlay 1.0 says (section "Action Object"), and how it is applied here:

* ``update`` on an **object** target: the value MUST be an object; it is merged into the target. The
  standard says properties of the update replace same-named properties of the target and new ones are
  added; its examples merge nested objects, so nested objects are merged recursively here.
* ``update`` on an **array** target: the value is "an entry to append". An update that is itself an
  array has its items appended (what common implementations do; appending the array as one nested entry
  is never what an OpenAPI overlay means).
* ``remove: true`` deletes every selected node from its parent (``update`` is then ignored).

Choices where the standard is silent, made strict so that a changed export is noticed:

* Nested arrays inside an object update are appended to the target's same-named array (so an overlay can
  add a parameter or a tag without repeating the export's); any other nested pair of values of different
  kinds is replaced, per the base rule.
* An update on a scalar or null target, or a non-object update on an object target, is refused.
* An append that would add an item the array already holds (in an ``enum``, ``required``, ``tags``,
  ``parameters``...) is refused: the export already has what the action adds, so it changed.
* An update that would overwrite a different value of a contract keyword the export sets (``type``,
  ``format``, ``minimum``, ``maxLength``, ``pattern``, ``in``...) is refused: the vendor changed the
  contract there, and the overlay would hide it. (Adding the keyword, or setting the same value, fits.)
  So is a ``$ref`` put beside a schema the export declares itself (``type``, ``properties``...): in
  OpenAPI 3.0 the ``$ref`` would hide it.
* A node selected twice by one target (``$.a['x','x']``, ``$.a[1,-3]``) is updated or removed once.

Unlike the standard, an action whose target selects nothing is an error: that is how vendor drift
shows up. All misfits of a run (unmatched targets and refused updates) are collected and reported
together, naming the overlay file, the action index, its description and its target.
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

from socialecho_kit import _documents as documents

SCHEMA_PATH = Path(__file__).with_name("overlay-1.0.schema.json")
Location = tuple[str | int, ...]


class OverlayError(Exception):
    """An overlay document is invalid or could not be applied."""


class DocumentError(OverlayError):
    """A JSON/YAML document cannot be read (encoding, syntax, duplicate keys)."""


@dataclass(frozen=True)
class Unmatched:
    """An action that no longer fits the document: its target selected nothing, or its update was refused."""

    source: str
    index: int
    target: str
    description: str
    reason: str = "matched nothing"

    def __str__(self) -> str:
        return (
            f"{self.source}: action #{self.index} target {self.target!r} {self.reason} ({self.description})"
        )


class UnmatchedActionsError(OverlayError):
    """One or more actions no longer fit the input (the drift signal)."""

    def __init__(self, unmatched: Sequence[Unmatched]) -> None:
        self.unmatched = list(unmatched)
        lines = "\n".join(f"  - {u}" for u in self.unmatched)
        super().__init__(
            f"{len(self.unmatched)} overlay action(s) no longer match the input spec "
            f"(the export drifted from what the overlays expect):\n{lines}"
        )


class _Misfit(Exception):
    """An update that does not fit the selected node (collected, not raised to the caller)."""


# --------------------------------------------------------------------------------------------------
# Loading


def parse_document(text: str, name: str) -> Any:
    """Parse JSON (when ``name`` ends in ``.json``) or YAML text as JSON-compatible data, strictly
    (see :mod:`socialecho_kit._documents`: duplicate keys, aliases, NaN, deep nesting are refused)."""
    try:
        return documents.parse_document(text, name)
    except documents.DocumentError as exc:
        raise DocumentError(str(exc)) from exc


def load_document(path: Path, name: str | None = None) -> Any:
    """Load a JSON or YAML document (UTF-8, a byte order mark is tolerated)."""
    label = name or path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{label}: cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return parse_document(text, label if label.lower().endswith(".json") else path.name)


# --------------------------------------------------------------------------------------------------
# Validation


@cache
def _overlay_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def validate_overlay(overlay: Any, source: str = "<overlay>") -> None:
    """Validate an overlay document against the Overlay 1.0 JSON schema, then compile every target."""
    validator = jsonschema.Draft202012Validator(_overlay_schema())
    errors = sorted(validator.iter_errors(overlay), key=lambda e: [str(p) for p in e.absolute_path])
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
        if "update" not in action and action.get("remove") is not True:
            raise OverlayError(f"{source}: action #{index} has neither 'update' nor 'remove: true'")


# --------------------------------------------------------------------------------------------------
# Applying


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _check_append(target: list[Any], items: list[Any], where: str) -> None:
    present = {_canonical(item) for item in target}
    duplicates = []
    for item in items:
        canon = _canonical(item)
        if canon in present:
            duplicates.append(item)
        present.add(canon)
    if duplicates:
        shown = ", ".join(_canonical(d) for d in duplicates)
        raise _Misfit(f"would append {shown} to {where}, which already has it (the export changed)")


# Keywords whose value is the contract itself: an update may add them, but overwriting a different value
# the export now sets would silently undo a vendor change (a tightened minimum, a new type). An overlay
# that means to correct such a value removes it first, in an action of its own that says why.
CONTRACT_KEYWORDS = frozenset(
    {
        "type",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "pattern",
        "multipleOf",
        "nullable",
        "in",
        "additionalProperties",
        "$ref",
    }
)
# A $ref hides every sibling keyword (OpenAPI 3.0): putting one beside a schema the export declares
# would silently replace the vendor's definition.
_SCHEMA_DEFINING = (
    "type",
    "properties",
    "items",
    "enum",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "additionalProperties",
    "format",
    "nullable",
    "required",
)


def _check_object(target: dict[str, Any], update: Mapping[str, Any], where: str) -> None:
    if "$ref" in update and "$ref" not in target:
        declared = [key for key in _SCHEMA_DEFINING if key in target]
        if declared:
            raise _Misfit(
                f"would put a $ref at {where}, where the export declares a schema itself "
                f"({', '.join(declared)}): the $ref would hide it (the export changed)"
            )
    if "$ref" in target and "$ref" not in update:
        hidden = [key for key in _SCHEMA_DEFINING if key in update]
        if hidden:
            raise _Misfit(
                f"would add {', '.join(hidden)} at {where}, beside the export's $ref, which hides them "
                "(the export changed)"
            )
    for key, value in update.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _check_object(current, value, _where((key,), where))
        elif isinstance(current, list) and isinstance(value, list):
            _check_append(current, value, _where((key,), where))
        elif key in CONTRACT_KEYWORDS and key in target and _canonical(current) != _canonical(value):
            raise _Misfit(
                f"would change {_where((key,), where)} from {_canonical(current)} to {_canonical(value)}, "
                "a value the export sets itself (the export changed)"
            )


def check_update(target: Any, update: Any, where: str = "the selected node") -> None:
    """Raise :class:`_Misfit` when ``update`` cannot be applied to ``target`` (see the module docstring)."""
    if isinstance(target, dict):
        if not isinstance(update, dict):
            raise _Misfit(
                f"selected {_kind(target)} but the update is {_kind(update)} (it must be an object)"
            )
        _check_object(target, update, where)
    elif isinstance(target, list):
        _check_append(target, update if isinstance(update, list) else [update], where)
    else:
        raise _Misfit(f"selected {_kind(target)}; an update needs an object or an array (update its parent)")


def _merge_object(target: dict[str, Any], update: Mapping[str, Any]) -> None:
    for key, value in update.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge_object(current, value)
        elif isinstance(current, list) and isinstance(value, list):
            current.extend(copy.deepcopy(value))
        else:  # a new key, or values of different kinds: the update's value replaces the target's
            target[key] = copy.deepcopy(value)


def merge(target: Any, update: Any) -> Any:
    """Apply an update to one selected node in place (after :func:`check_update`) and return it."""
    if isinstance(target, dict):
        _merge_object(target, update)
    else:
        target.extend(copy.deepcopy(update) if isinstance(update, list) else [copy.deepcopy(update)])
    return target


def _where(location: Location, start: str = "$") -> str:
    """A node's location as a normalized JSONPath, written the way overlay targets are."""
    parts = [start]
    for step in location:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif step.isidentifier():
            parts.append(f".{step}")
        else:
            parts.append(f"[{step!r}]")
    return "".join(parts)


def _apply_action(document: Any, action: Mapping[str, Any]) -> tuple[Any, int]:
    nodes = jsonpath.find(action["target"], document)
    locations: list[Location] = list(dict.fromkeys(tuple(node.location) for node in nodes))
    if action.get("remove") is True:
        if () in locations:
            raise _Misfit("selected the document root, which cannot be removed")
        # Delete deepest / highest-index first so earlier locations stay valid.
        for location in sorted(locations, key=lambda loc: (len(loc), loc), reverse=True):
            parent = _resolve(document, location[:-1])
            del parent[location[-1]]
        return document, len(locations)
    for location in locations:
        node = _resolve(document, location)
        check_update(node, action["update"], _where(location))
        merge(node, action["update"])
    return document, len(locations)


def _resolve(document: Any, location: Location) -> Any:
    node = document
    for step in location:
        node = node[step]
    return node


def apply_overlay(
    document: Any, overlay: Mapping[str, Any], source: str = "<overlay>"
) -> tuple[Any, list[Unmatched]]:
    """Apply one overlay to a copy of ``document``; return it with the actions that did not fit.

    When an action does not fit, the returned document is only good for reporting further misfits.
    """
    validate_overlay(overlay, source)
    result = copy.deepcopy(document)
    unmatched: list[Unmatched] = []
    for index, action in enumerate(overlay["actions"]):
        description = str(action.get("description", ""))
        try:
            result, count = _apply_action(result, action)
        except _Misfit as exc:  # checked node by node before each change: earlier nodes stay updated
            unmatched.append(Unmatched(source, index, action["target"], description, str(exc)))
            continue
        if count == 0:
            unmatched.append(Unmatched(source, index, action["target"], description))
    return result, unmatched


def apply_overlays(document: Any, overlays: Iterable[tuple[str, Mapping[str, Any]]]) -> Any:
    """Apply overlays in order, strictly: raise :class:`UnmatchedActionsError` listing every misfit."""
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
        raise OverlayError(f"{order_file.name}: expected a mapping with an 'overlays' list")
    names = [str(name) for name in order["overlays"]]
    paths = [overlay_dir / name for name in names]
    resolved = [p.resolve() for p in paths]  # ./10-a.yaml and 10-a.yaml are one file
    repeated = sorted({name for name, r in zip(names, resolved, strict=True) if resolved.count(r) > 1})
    if repeated:
        raise OverlayError(f"{order_file.name}: overlay file(s) listed more than once: {', '.join(repeated)}")
    outside = [
        name for name, p in zip(names, paths, strict=True) if p.resolve().parent != overlay_dir.resolve()
    ]
    if outside:
        raise OverlayError(
            f"{order_file.name}: list file names in {overlay_dir.name}/ only: {', '.join(outside)}"
        )
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise OverlayError(f"{order_file.name}: listed overlay file(s) not found: {', '.join(missing)}")
    listed = {p.name for p in paths}
    unlisted = sorted(
        p.name
        for p in overlay_dir.iterdir()
        if p.suffix.lower() in (".yaml", ".yml", ".json") and p.name != "order.yaml" and p.name not in listed
    )
    if unlisted:
        raise OverlayError(
            f"{order_file.name}: overlay file(s) present but not listed: {', '.join(unlisted)}"
        )
    return paths


def load_overlays(overlay_dir: Path, root: Path | None = None) -> list[tuple[str, Any]]:
    """The listed overlays, each validated, labelled by its path relative to ``root`` (else its name)."""
    named = []
    for path in load_overlay_order(overlay_dir):
        label = path.relative_to(root).as_posix() if root is not None else path.name
        overlay = load_document(path, label)
        validate_overlay(overlay, label)
        named.append((label, overlay))
    return named


def apply_overlay_dir(document: Any, overlay_dir: Path, root: Path | None = None) -> Any:
    """Apply every overlay listed in ``overlay_dir/order.yaml`` to ``document``."""
    return apply_overlays(document, load_overlays(overlay_dir, root))
