"""Hypothesis strategies derived from the contract's schemas.

* :func:`invalid_values` -- values that break one property schema (wrong JSON type, outside an enum,
  below a minimum, above a maximum, too long, not a date, an array with a bad item).
* :func:`mutation_paths` -- every constrained field of a request body schema, nested ones included
  (``extra.music.music_volume``, ``attachments[0].url``), to break one at a time.
* :data:`json_values` -- any JSON value (for the envelope rule).

Whether a generated value really breaks the contract is always re-checked with the contract's own
validator by the tests (``ContractSpec.violations``), so a loose strategy can never make a test vacuous.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from socialecho_kit.mock import ContractSpec

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)

_NOT_DATES = st.one_of(
    st.sampled_from(["2026-02-30", "2026-13-01", "2026-1-5", "20260105", "2026-01-05T00:00:00", "", "today"]),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.text(max_size=12),
)


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _types(schema: Mapping[str, Any]) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {str(k) for k in kind}
    return set()


def _wrong_types(kinds: set[str]) -> list[st.SearchStrategy[Any]]:
    out: list[st.SearchStrategy[Any]] = []
    if not kinds & {"integer", "number"}:
        out.append(st.integers(min_value=-5, max_value=10**6))
    if "integer" in kinds:
        out.append(st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()))
        out.append(
            st.sampled_from([0.0, 1.0, 2.0, 7.0])
        )  # integral floats are still not JSON Schema integers
    if "boolean" not in kinds:
        out.append(st.booleans())  # booleans are not integers, whatever Python thinks
    if "string" not in kinds:
        out.append(st.text(min_size=1, max_size=6))
    if "array" not in kinds:
        out.append(st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=2))
    if "object" not in kinds:
        out.append(st.dictionaries(st.sampled_from(["a", "b"]), st.integers(), min_size=1, max_size=2))
    return out


def invalid_values(schema: Mapping[str, Any], *, required: bool) -> st.SearchStrategy[Any] | None:
    """Values that break ``schema`` (a resolved JSON Schema); ``None`` if the schema accepts anything.

    ``None`` (JSON null) is only produced for a required, non-nullable property: for an optional one the
    runtime's Python API reads ``None`` as "not given".
    """
    kinds = _types(schema)
    if not kinds and "enum" not in schema:
        return None
    options = _wrong_types(kinds) if kinds else []
    if required and "null" not in kinds:
        options.append(st.none())
    if "enum" in schema:
        allowed = list(schema["enum"])
        if kinds & {"integer", "number"} or all(isinstance(v, int) for v in allowed):
            options.append(st.integers(min_value=-100, max_value=100).filter(lambda v: v not in allowed))
        options.append(st.text(max_size=12).filter(lambda v: v not in allowed))
    if "minimum" in schema and kinds & {"integer", "number"}:
        options.append(
            st.integers(max_value=int(schema["minimum"]) - 1, min_value=int(schema["minimum"]) - 10**6)
        )
    if "maximum" in schema and kinds & {"integer", "number"}:
        options.append(
            st.integers(min_value=int(schema["maximum"]) + 1, max_value=int(schema["maximum"]) + 10**6)
        )
    if "maxLength" in schema:
        limit = int(schema["maxLength"])
        options.append(st.text(alphabet="abcxyz", min_size=limit + 1, max_size=limit + 8))
    if schema.get("format") == "date":
        options.append(_NOT_DATES.filter(lambda v: not _is_date(v)))
    items = schema.get("items")
    if "array" in kinds and isinstance(items, Mapping):
        bad_item = invalid_values(items, required=True)
        if bad_item is not None:
            options.append(st.lists(bad_item, min_size=1, max_size=3))
    return st.one_of(options) if options else None


@dataclass(frozen=True)
class FieldPath:
    """A field inside a request body: its location, its (resolved) schema and whether it is required."""

    parts: tuple[str | int, ...]
    schema: Mapping[str, Any]
    required: bool

    @property
    def dotted(self) -> str:
        out = ""
        for part in self.parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


def resolve(contract: ContractSpec, schema: Any) -> Mapping[str, Any]:
    seen: set[str] = set()
    while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str) and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        schema = contract.schema_at(schema["$ref"])
    return schema if isinstance(schema, Mapping) else {}


def mutation_paths(contract: ContractSpec, pointer: str, *, depth: int = 3) -> list[FieldPath]:
    """Every field of the body schema at ``pointer`` (objects and the first item of arrays, nested)."""

    def walk(schema: Mapping[str, Any], prefix: tuple[str | int, ...], level: int) -> Iterator[FieldPath]:
        required = set(schema.get("required", []))
        for name, raw in schema.get("properties", {}).items():
            sub = resolve(contract, raw)
            path = (*prefix, name)
            yield FieldPath(path, sub, name in required)
            if level < depth and "object" in _types(sub):
                yield from walk(sub, path, level + 1)
            items = resolve(contract, sub.get("items"))
            if level < depth and "array" in _types(sub) and "object" in _types(items):
                yield from walk(items, (*path, 0), level + 1)

    return list(walk(resolve(contract, contract.schema_at(pointer)), (), 0))


def set_path(document: Any, parts: tuple[str | int, ...], value: Any) -> None:
    """Set ``value`` at ``parts`` inside nested dicts/lists (the containers must exist)."""
    node = document
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
