"""Contract-level diff of two OpenAPI 3.x documents.

Compares what a client can observe on the wire, not the bytes of the documents: ``$ref``s are followed
(local refs only; component schemas lazily, so recursive and mutually recursive schemas cost one visit per
operation), key order and formatting are ignored, ``info.version`` and the ``openapi`` version are
ignored, and prose (titles, descriptions, summaries, examples) is at most *cosmetic*. A schema reached
again within one operation (a cycle, or a schema used at several places) is compared once, at the first
place it is met.

Severity is judged for an existing client written against OLD that now calls the API described by NEW:

* request side -- a new required input, a removed input, a narrowed type/enum/format/limit or a moved
  input (wire format) is ``breaking``; a new optional input or a widened constraint is ``non-breaking``;
* response side -- a removed field, a field that became optional, or a widened value set (the client may
  receive values it never saw before) is ``breaking``; an added field or a narrowed value set is not;
* the success envelope -- any change to the set of business codes that mean success (the 2xx response
  schema's ``code`` enum, else the rule stated in ``info.description``) is ``breaking``: a client of OLD
  would take a code for success that NEW calls a failure, or the reverse;
* a request property that NEW no longer declares but still accepts through an explicit
  ``additionalProperties: true`` is ``non-breaking``; an ``operationId`` added, removed or renamed is
  ``non-breaking`` (the wire is unchanged, a generated client's method name is not).

Operations are keyed by method and literal path. Not compared: webhooks, callbacks, links, media-level
examples and encodings, components nobody refers to.

Request inputs are compared by their logical name wherever they travel: a GET whose fields moved from an
``application/json`` request body to the query string is one ``wire-format`` change naming the fields
and their array encodings (a query parameter named ``ids[]`` is a repeated bracketed key, a JSON body
array is a JSON array). The operation extension ``x-socialecho-wire: json-body|query`` overrides where
the declared inputs travel; arrays sent in the query string under it use the repeated bracketed key.

Command line: ``python -m socialecho_kit.specdiff OLD NEW [--format md|json]`` prints the report and
exits 1 if any change is breaking, 0 otherwise, and 2 if an input cannot be read.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal
from urllib.parse import unquote

from ._documents import DocumentError, parse_json, parse_yaml
from ._output import discard_stdout

__all__ = [
    "CHANGE_KINDS",
    "SEVERITIES",
    "Change",
    "DiffResult",
    "Severity",
    "SpecLoadError",
    "Summary",
    "diff_specs",
    "load_spec",
    "main",
]

Severity = Literal["breaking", "non-breaking", "cosmetic"]
SEVERITIES: Final[tuple[Severity, ...]] = ("breaking", "non-breaking", "cosmetic")

#: Every ``Change.kind`` this module can produce.
CHANGE_KINDS: Final[tuple[str, ...]] = (
    "operation-added",
    "operation-removed",
    "operation-id-added",
    "operation-id-removed",
    "operation-id-renamed",
    "wire-format",
    "parameter-location",
    "array-encoding",
    "parameter-added",
    "parameter-removed",
    "header-added",
    "header-removed",
    "property-added",
    "property-removed",
    "required",
    "type",
    "enum",
    "format",
    "limit",
    "additional-properties",
    "default",
    "deprecated",
    "schema-composition",
    "schema-keyword",
    "media-type-added",
    "media-type-removed",
    "response-added",
    "response-removed",
    "success-codes",
    "success-status",
    "security-requirement",
    "security-scheme-added",
    "security-scheme-removed",
    "security-scheme-changed",
    "security-scheme-renamed",
    "server-added",
    "server-removed",
    "documentation",
    "extension",
)

_Direction = Literal["narrower", "wider", "incompatible"]
_Side = Literal["request", "response"]

_METHODS: Final[tuple[str, ...]] = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_WIRE_EXTENSION: Final = "x-socialecho-wire"
_WIRE_MODES: Final = frozenset({"json-body", "query"})
_BODY_MODES: Final = frozenset({"json-body", "form-body", "body"})
_PAYLOAD_LOCATIONS: Final = frozenset({"query"}) | _BODY_MODES
_WIRE_LABELS: Final[Mapping[str, str]] = {
    "header": "a request header",
    "path": "the URL path",
    "cookie": "a cookie",
    "query": "the query string",
    "json-body": "the JSON request body",
    "form-body": "the form-encoded request body",
    "body": "the request body",
}
_PATH_PREFIX: Final[Mapping[str, str]] = {
    "query": "query",
    "header": "header",
    "path": "path",
    "cookie": "cookie",
    "json-body": "requestBody",
    "form-body": "requestBody",
    "body": "requestBody",
}
# OpenAPI: header parameters with these names are ignored (they are described elsewhere).
_IGNORED_HEADERS: Final = frozenset({"accept", "content-type", "authorization"})
_DOC_KEYS: Final[tuple[str, ...]] = (
    "summary",
    "title",
    "description",
    "example",
    "examples",
    "externalDocs",
    "xml",
    "$comment",
    "tags",
)
_LOWER_BOUNDS: Final[tuple[str, ...]] = (
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minProperties",
)
_UPPER_BOUNDS: Final[tuple[str, ...]] = (
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxProperties",
)
_HANDLED_SCHEMA_KEYS: Final = frozenset(
    {
        "type",
        "nullable",
        "enum",
        "const",
        "format",
        "pattern",
        "multipleOf",
        "uniqueItems",
        "default",
        "deprecated",
        "additionalProperties",
        "properties",
        "required",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        *_LOWER_BOUNDS,
        *_UPPER_BOUNDS,
        *_DOC_KEYS,
    }
)
# Keywords whose change is reported but cannot break a client by itself.
_SOFT_SCHEMA_KEYS: Final = frozenset({"readOnly", "writeOnly", "discriminator"})
_SCHEME_COSMETIC_KEYS: Final = frozenset({"description", "bearerFormat"})

_CODE_RULE: Final = re.compile(
    r"(?<![A-Za-z0-9_])(?<!status )code(?![A-Za-z0-9_])(?P<tail>[^。.;；\n(（]{0,40})", re.IGNORECASE
)
_STATUS_RULE: Final = re.compile(r"(?<![A-Za-z])HTTP\s*(?:status\s*)?(?P<rule>[1-5](?:xx|\d\d))(?!\d)", re.I)
_SUCCESS_WORDS: Final = re.compile(r"succe|成功", re.IGNORECASE)
_NUMBER: Final = re.compile(r"(?<![A-Za-z0-9_])\d{1,6}(?![A-Za-z0-9_])")
_TEMPLATE: Final = re.compile(r"\{\{.*\}\}")


# --------------------------------------------------------------------------------------------------
# Public result types


@dataclass(frozen=True)
class Change:
    """One contract difference. ``operation`` is ``"METHOD /path"`` or ``None`` for document-level."""

    operation: str | None
    kind: str
    severity: Severity
    detail: str

    def to_json(self) -> dict[str, str | None]:
        return {
            "operation": self.operation,
            "kind": self.kind,
            "severity": self.severity,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Summary:
    """Counts per severity; ``breaking`` is true when at least one change is breaking."""

    counts: Mapping[Severity, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def breaking(self) -> bool:
        return self.counts.get("breaking", 0) > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "breaking": self.breaking,
            "counts": {severity: self.counts.get(severity, 0) for severity in SEVERITIES},
        }


@dataclass(frozen=True)
class DiffResult:
    """The changes between two documents, in a deterministic order."""

    changes: list[Change] = field(default_factory=list)

    @property
    def summary(self) -> Summary:
        return Summary(
            {severity: sum(c.severity == severity for c in self.changes) for severity in SEVERITIES}
        )

    def to_json(self) -> dict[str, Any]:
        return {"changes": [change.to_json() for change in self.changes], "summary": self.summary.to_json()}

    def to_markdown(self) -> str:
        return _render_markdown(self)


class SpecLoadError(Exception):
    """An input document cannot be read or is not an OpenAPI document."""


# --------------------------------------------------------------------------------------------------
# Small helpers


def _map(node: Any, key: str) -> Mapping[str, Any]:
    value = node.get(key) if isinstance(node, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _seq(node: Any, key: str) -> list[Any]:
    value = node.get(key) if isinstance(node, Mapping) else None
    return list(value) if isinstance(value, list) else []


def _canon_default(value: Any) -> Any:
    if isinstance(value, _SchemaRef):
        return value.canonical()
    return str(value)


def _canon(value: Any) -> str:
    """Canonical JSON text; a lazily resolved schema ``$ref`` is written as the ref (not expanded)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_canon_default)


def _deep_canon_default(value: Any) -> Any:
    if isinstance(value, _SchemaRef):
        return {**value.canonical(), "$unfolds-to": value.closure_key()}
    return str(value)


def _deep_canon(value: Any) -> str:
    """Canonical JSON text that changes whenever anything reachable through a schema ``$ref`` does."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_deep_canon_default)


def _short(value: Any, limit: int = 60) -> str:
    if isinstance(value, _SchemaRef):  # show what the ref stands for (nested refs stay refs)
        value = value.resolved()
    text = value if isinstance(value, str) else _canon(value)
    text = " ".join(text.split())
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(shown, ensure_ascii=False) if isinstance(value, str) else shown


def _sorted_values(values: Iterable[Any]) -> list[Any]:
    """Enum-like values in a stable order (numbers numerically, then everything else canonically)."""

    def key(value: Any) -> tuple[int, float, str]:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (0, float(value), "")
        return (1, 0.0, _canon(value))

    return sorted(values, key=key)


def _value_set(values: Iterable[Any]) -> str:
    return "{" + ", ".join(_json(v) for v in _sorted_values(values)) + "}"


def _value_list(values: Iterable[Any]) -> str:
    return "[" + ", ".join(_json(v) for v in _sorted_values(values)) + "]"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_canon_default)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, Mapping | list) and not value)


def _is_success_status(status: str) -> bool:
    return status.startswith("2")


def _extensions(node: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k.startswith("x-") and k != _WIRE_EXTENSION}


# --------------------------------------------------------------------------------------------------
# $ref resolution


_SCHEMA_REF_PREFIX: Final = "#/components/schemas/"


class _RefResolver:
    """Inlines local ``$ref``s. Refs to component schemas become :class:`_SchemaRef` (resolved on use, one
    object per ref, so a recursive schema is a finite cyclic graph); other refs are copied in place, and a
    ref met again inside itself becomes ``{"$cycle": ref}``."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self._root = root
        self._cache: dict[str, Any] = {}
        self._cycles = 0
        self._schema_refs: dict[str, _SchemaRef] = {}
        self._targets: dict[str, Mapping[str, Any]] = {}
        self._resolving: set[str] = set()
        self._direct: dict[str, frozenset[str]] = {}
        self._closure_keys: dict[str, str] = {}

    def inline(self, node: Any, stack: tuple[str, ...] = ()) -> Any:
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str):
                if ref.startswith(_SCHEMA_REF_PREFIX):
                    return self._schema_ref(ref, node, stack)
                return self._inline_ref(ref, node, stack)
            return {str(k): self.inline(v, stack) for k, v in node.items()}
        if isinstance(node, list):
            return [self.inline(item, stack) for item in node]
        return node

    def _schema_ref(self, ref: str, node: Mapping[str, Any], stack: tuple[str, ...]) -> _SchemaRef:
        siblings = {str(k): self.inline(v, stack) for k, v in node.items() if k != "$ref"}
        if siblings:
            return _SchemaRef(self, ref, siblings)
        if ref not in self._schema_refs:
            self._schema_refs[ref] = _SchemaRef(self, ref, {})
        return self._schema_refs[ref]

    def schema_target(self, ref: str) -> Mapping[str, Any]:
        """The component schema a :class:`_SchemaRef` points to, inlined once (nested refs stay lazy)."""
        if ref in self._targets:
            return self._targets[ref]
        if ref in self._resolving:  # an alias chain that loops: A is $ref B, B is $ref A
            return {"$cycle": ref}
        self._resolving.add(ref)
        try:
            target = self._lookup(ref)
            if target is None:
                resolved: Mapping[str, Any] = {"$unresolved": ref}
            else:
                inlined = self.inline(target)
                resolved = dict(inlined) if isinstance(inlined, Mapping) else {"$invalid": inlined}
        finally:
            self._resolving.discard(ref)
        self._targets[ref] = resolved
        return resolved

    def closure_key(self, ref: str) -> str:
        """The content of every component schema reachable from ``ref`` (refs by name), as one text.

        Equal keys (sha256 of that text) in two documents mean the two schemas unfold identically,
        cycles included.
        """
        if ref not in self._closure_keys:
            reach, todo = {ref}, [ref]
            while todo:
                for nested in self._direct_refs(todo.pop()):
                    if nested not in reach:
                        reach.add(nested)
                        todo.append(nested)
            text = _canon({r: self.schema_target(r) for r in sorted(reach)})
            self._closure_keys[ref] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self._closure_keys[ref]

    def _direct_refs(self, ref: str) -> frozenset[str]:
        if ref not in self._direct:
            found: set[str] = set()
            stack: list[Any] = [self.schema_target(ref)]
            while stack:
                node = stack.pop()
                if isinstance(node, _SchemaRef):
                    found.add(node.ref)
                    stack.extend(node.siblings.values())
                elif isinstance(node, Mapping):
                    stack.extend(node.values())
                elif isinstance(node, list):
                    stack.extend(node)
            self._direct[ref] = frozenset(found)
        return self._direct[ref]

    def _inline_ref(self, ref: str, node: Mapping[str, Any], stack: tuple[str, ...]) -> Any:
        if ref in self._cache:
            resolved = self._cache[ref]
        elif ref in stack:
            self._cycles += 1
            return {"$cycle": ref}
        else:
            target = self._lookup(ref)
            if target is None:
                return {"$unresolved": ref}
            before = self._cycles
            resolved = self.inline(target, (*stack, ref))
            if self._cycles == before:
                self._cache[ref] = resolved
        siblings = {str(k): self.inline(v, stack) for k, v in node.items() if k != "$ref"}
        if siblings and isinstance(resolved, Mapping):
            return {**resolved, **siblings}
        return resolved

    def _lookup(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return None
        node: Any = self._root
        pointer = unquote(ref[1:])
        for raw in pointer.split("/")[1:] if pointer else []:
            token = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return None
        return node


class _SchemaRef(Mapping[str, Any]):
    """A ``$ref`` to a component schema that reads as the schema it points to (plus its siblings).

    Equality is identity (comparing contents could recurse forever through a cyclic schema); the
    canonical form used for hashing and display is the ref itself.
    """

    __slots__ = ("_body", "_resolver", "ref", "siblings")

    def __init__(self, resolver: _RefResolver, ref: str, siblings: Mapping[str, Any]) -> None:
        self._resolver = resolver
        self.ref = ref
        self.siblings = siblings
        self._body: Mapping[str, Any] | None = None

    def resolved(self) -> Mapping[str, Any]:
        """The schema this ref stands for (a plain mapping whose nested refs are still lazy)."""
        if self._body is None:
            target = self._resolver.schema_target(self.ref)
            self._body = {**target, **self.siblings} if self.siblings else target
        return self._body

    def __getitem__(self, key: str) -> Any:
        return self.resolved()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.resolved())

    def __len__(self) -> int:
        return len(self.resolved())

    def __contains__(self, key: object) -> bool:
        return key in self.resolved()

    def get(self, key: str, default: Any = None) -> Any:
        return self.resolved().get(key, default)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"_SchemaRef({self.ref!r})"

    def canonical(self) -> dict[str, Any]:
        return {"$ref": self.ref, **self.siblings}

    def closure_key(self) -> str:
        return self._resolver.closure_key(self.ref)


# --------------------------------------------------------------------------------------------------
# Document model


@dataclass(frozen=True)
class _Field:
    """One request input (parameter or top-level body property) as it travels on the wire."""

    location: str  # query | header | path | cookie | json-body | form-body | body
    name: str  # logical name (a query ``ids[]`` is ``ids``)
    wire_name: str
    required: bool
    schema: Mapping[str, Any]  # the schema with parameter-level docs merged in
    encoding: str | None  # array encoding, None for non-arrays

    @property
    def key(self) -> tuple[str, str]:
        return (self.location, self.name.lower() if self.location == "header" else self.name)

    @property
    def path(self) -> str:
        return f"{_PATH_PREFIX.get(self.location, self.location or 'parameter')}.{self.name}"


@dataclass(frozen=True)
class _Request:
    mode: str  # query | json-body | form-body | body
    fields: tuple[_Field, ...]
    media_types: frozenset[str]
    body: Mapping[str, Any] | None  # body schema shell (docs of the requestBody merged in)
    body_required: bool


@dataclass(frozen=True)
class _Operation:
    key: str
    op: Mapping[str, Any]
    path_item: Mapping[str, Any]


@dataclass(frozen=True)
class _Spec:
    doc: Mapping[str, Any]
    operations: Mapping[str, _Operation]
    success_codes: frozenset[Any] | None  # from info.description
    success_status: str | None  # from info.description, e.g. "200" or "2xx"
    schemes: Mapping[str, str]  # security scheme name -> canonical form

    @classmethod
    def build(cls, raw: Mapping[str, Any]) -> _Spec:
        doc = _RefResolver(raw).inline(raw)
        description = _success_rule_text(str(_map(doc, "info").get("description") or ""))
        return cls(
            doc=doc,
            operations=_collect_operations(doc),
            success_codes=_parse_success_codes(description),
            success_status=_parse_success_status(description),
            schemes={
                name: _scheme_canon(s) for name, s in _map(_map(doc, "components"), "securitySchemes").items()
            },
        )


def _collect_operations(doc: Mapping[str, Any]) -> dict[str, _Operation]:
    operations: dict[str, _Operation] = {}
    for path, item in _map(doc, "paths").items():
        if not isinstance(item, Mapping):
            continue
        for method in _METHODS:
            op = item.get(method)
            if isinstance(op, Mapping):
                key = f"{method.upper()} {path}"
                operations[key] = _Operation(key, op, item)
    return operations


def _operation_sort_key(operation: str | None) -> tuple[int, str, int]:
    if operation is None:
        return (0, "", 0)
    method, _, path = operation.partition(" ")
    index = _METHODS.index(method.lower()) if method.lower() in _METHODS else len(_METHODS)
    return (1, path, index)


def _success_rule_text(description: str) -> str:
    """The sentences of ``info.description`` that state the success rule (they speak of success).

    Other prose ("error code 40001 means ...", "HTTP 429 when rate limited") says nothing about it.
    """
    sentences = re.split(r"[。;；\n]|\.(?:\s|$)", description)
    # One sentence at a time: the next one may as well be about an error ("... gets code 401").
    return ". ".join(s for s in sentences if _SUCCESS_WORDS.search(s))


def _parse_success_codes(description: str) -> frozenset[Any] | None:
    for match in _CODE_RULE.finditer(description):
        numbers = _NUMBER.findall(match.group("tail"))
        if numbers:
            return frozenset(int(n) for n in numbers)
    return None


def _parse_success_status(description: str) -> str | None:
    match = _STATUS_RULE.search(description)
    return match.group("rule").lower() if match else None


def _scheme_canon(scheme: Any) -> str:
    if not isinstance(scheme, Mapping):
        return _canon(scheme)
    kept = {k: v for k, v in scheme.items() if k not in _SCHEME_COSMETIC_KEYS and not k.startswith("x-")}
    if isinstance(kept.get("scheme"), str):
        kept["scheme"] = kept["scheme"].lower()
    return _canon(kept)


# --------------------------------------------------------------------------------------------------
# Request model: parameters, body fields and the wire mode


def _media_kind(media: str) -> str:
    base = media.split(";")[0].strip().lower()
    if base == "application/json" or base.endswith("+json"):
        return "json-body"
    if base in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return "form-body"
    return "body"


def _pick_media(content: Mapping[str, Any]) -> tuple[str | None, Mapping[str, Any]]:
    """The media type whose schema defines the body fields: JSON first, then form, then the first one."""
    ranked = sorted(content, key=lambda m: (["json-body", "form-body", "body"].index(_media_kind(m)), m))
    if not ranked:
        return None, {}
    return ranked[0], _map(content[ranked[0]], "schema")


def _merged_parameters(path_item: Mapping[str, Any], op: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    merged: dict[tuple[str, str], Mapping[str, Any]] = {}
    for param in [*_seq(path_item, "parameters"), *_seq(op, "parameters")]:
        if isinstance(param, Mapping):
            location = str(param.get("in", ""))
            name = str(param.get("name", ""))
            merged[(location, name.lower() if location == "header" else name)] = param
    return list(merged.values())


def _param_schema(param: Mapping[str, Any]) -> Mapping[str, Any]:
    if "schema" in param:
        return _map(param, "schema")
    for media in _map(param, "content").values():
        return _map(media, "schema")
    return {}


def _is_array(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind) or "items" in schema


def _array_encoding(
    location: str, wire_name: str, schema: Mapping[str, Any], param: Mapping[str, Any]
) -> str | None:
    if not _is_array(schema):
        return None
    if location == "json-body":
        return "JSON array"
    if location in _BODY_MODES:
        return "form-encoded array"
    style = str(param.get("style") or ("form" if location in ("query", "cookie") else "simple"))
    explode = bool(param.get("explode", style == "form"))
    if style == "form":
        encoding = "repeated key" if explode else "comma-separated"
    else:
        encoding = {
            "simple": "comma-separated",
            "spaceDelimited": "space-delimited",
            "pipeDelimited": "pipe-delimited",
        }.get(style, style)
    if wire_name.endswith("[]"):
        if encoding == "repeated key":
            return f"repeated bracketed key {wire_name}"
        return f"{encoding} under the key {wire_name}"
    return encoding


def _param_field(param: Mapping[str, Any], relocate_query_to: str | None) -> _Field | None:
    name = str(param.get("name", ""))
    declared = str(param.get("in", ""))
    if declared == "header" and name.lower() in _IGNORED_HEADERS:
        return None
    location = relocate_query_to if declared == "query" and relocate_query_to else declared
    param_docs = {k: param[k] for k in ("description", "example", "examples", "deprecated") if k in param}
    schema = {**_param_schema(param), **param_docs}
    logical = name[:-2] if declared == "query" and name.endswith("[]") else name
    wire_name = logical if location in _BODY_MODES else name
    return _Field(
        location=location,
        name=logical,
        wire_name=wire_name,
        required=bool(param.get("required")) or declared == "path",
        schema=schema,
        encoding=_array_encoding(location, wire_name, schema, param),
    )


def _object_fields(schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Declared properties plus names only listed in ``required`` (those have an empty schema)."""
    props = {str(k): (v if isinstance(v, Mapping) else {}) for k, v in _map(schema, "properties").items()}
    for name in _seq(schema, "required"):
        props.setdefault(str(name), {})
    return props


def _body_fields(schema: Mapping[str, Any], location: str) -> list[_Field]:
    required = {str(n) for n in _seq(schema, "required")}
    fields = []
    for name, sub in _object_fields(schema).items():
        wire_name = f"{name}[]" if location == "query" and _is_array(sub) else name
        fields.append(
            _Field(
                location=location,
                name=name,
                wire_name=wire_name,
                required=name in required,
                schema=sub,
                encoding=_array_encoding(location, wire_name, sub, {}),
            )
        )
    return fields


def _build_request(operation: _Operation) -> _Request:
    op = operation.op
    request_body = _map(op, "requestBody")
    content = _map(request_body, "content")
    media, body_schema = _pick_media(content)
    body_schema = _normalize_schema(body_schema)
    natural = _media_kind(media) if media is not None else "query"
    extension = op.get(_WIRE_EXTENSION)
    mode = extension if isinstance(extension, str) and extension in _WIRE_MODES else natural
    relocate = "json-body" if extension == "json-body" else None
    fields = [f for p in _merged_parameters(operation.path_item, op) if (f := _param_field(p, relocate))]
    if media is not None:
        fields.extend(_body_fields(body_schema, "query" if mode == "query" else natural))
    in_body = mode in _BODY_MODES and media is not None
    body_docs = {k: request_body[k] for k in ("description",) if k in request_body}
    return _Request(
        mode=mode,
        fields=tuple(fields),
        media_types=_request_media_types(content, mode),
        body={**body_schema, **body_docs} if in_body else None,
        body_required=bool(request_body.get("required")) if in_body else False,
    )


def _request_media_types(content: Mapping[str, Any], mode: str) -> frozenset[str]:
    """Declared body media types; ``x-socialecho-wire: json-body`` without a body implies JSON."""
    if mode not in _BODY_MODES:
        return frozenset()
    if not content and mode == "json-body":
        return frozenset({"application/json"})
    return frozenset(_by_media_key(content))


def _media_key(media: str) -> str:
    """A media type as compared: case and spacing ignored, and ``charset=utf-8`` (JSON's only encoding)."""
    base, *raw_params = (part.strip().lower() for part in media.split(";"))
    params = sorted(p.replace(" ", "") for p in raw_params if p and p.replace(" ", "") != "charset=utf-8")
    return "; ".join([base, *params])


def _by_media_key(content: Mapping[str, Any]) -> dict[str, Any]:
    return {_media_key(media): value for media, value in sorted(content.items())}


def _pair_fields(
    old: Sequence[_Field], new: Sequence[_Field]
) -> tuple[list[tuple[_Field, _Field]], list[tuple[_Field, _Field]], list[_Field], list[_Field]]:
    """Match inputs by location and name, then payload inputs by name alone (moved with the wire
    format), then any other input by name (a header that became a query parameter, or the reverse).

    Returns (pairs, relocated pairs, removed, added).
    """
    unmatched_new = {f.key: f for f in new}
    pairs: list[tuple[_Field, _Field]] = []
    unmatched_old: list[_Field] = []
    for f in old:
        match = unmatched_new.pop(f.key, None)
        if match is None:
            unmatched_old.append(f)
        else:
            pairs.append((f, match))
    movable = {f.name: f for f in unmatched_new.values() if f.location in _PAYLOAD_LOCATIONS}
    leftover: list[_Field] = []
    for f in unmatched_old:
        match = movable.pop(f.name, None) if f.location in _PAYLOAD_LOCATIONS else None
        if match is None:
            leftover.append(f)
        else:
            pairs.append((f, match))
            del unmatched_new[match.key]
    relocated: list[tuple[_Field, _Field]] = []
    removed: list[_Field] = []
    by_name = {f.name.lower(): f for f in unmatched_new.values()}
    for f in leftover:
        match = by_name.pop(f.name.lower(), None)
        if match is None or (match.name != f.name and "header" not in (f.location, match.location)):
            removed.append(f)
        else:
            relocated.append((f, match))
            del unmatched_new[match.key]
    return pairs, relocated, removed, list(unmatched_new.values())


# --------------------------------------------------------------------------------------------------
# Change collection and schema diffing


class _Collector:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.entries: dict[tuple[Any, ...], _SchemaEntry] = {}
        self.queue: deque[tuple[Any, Any, str, _Ctx, bool]] = deque()
        self._visited: set[tuple[Any, ...]] = set()
        self._alive: list[Any] = []  # keeps the ids in ``_visited`` and ``entries`` from being reused

    def drain(self) -> None:
        """Compare the queued schema pairs breadth first, so a change is reported at its shortest path."""
        while self.queue:
            _visit_schema(*self.queue.popleft())

    def keep_alive(self, *nodes: Any) -> None:
        self._alive.extend(nodes)

    def add(self, operation: str | None, kind: str, severity: Severity, detail: str) -> None:
        self.changes.append(Change(operation, kind, severity, detail))

    def first_visit(self, key: tuple[Any, ...], *nodes: Any) -> bool:
        """True the first time ``key`` is seen; the nodes whose ids it holds are kept alive."""
        if key in self._visited:
            return False
        self._visited.add(key)
        self._alive.extend(nodes)
        return True


@dataclass(frozen=True)
class _Ctx:
    out: _Collector
    operation: str | None
    side: _Side
    ignore_enum_at: str | None = None  # the success envelope's ``code``: reported as success-codes

    def emit(self, kind: str, severity: Severity, detail: str) -> None:
        self.out.add(self.operation, kind, severity, detail)

    def severity(self, direction: _Direction) -> Severity:
        """Narrowing hurts a client that sends; widening hurts a client that receives."""
        if direction == "incompatible":
            return "breaking"
        hurts = "narrower" if self.side == "request" else "wider"
        return "breaking" if direction == hurts else "non-breaking"

    def emit_direction(self, kind: str, direction: _Direction, detail: str) -> None:
        self.emit(kind, self.severity(direction), detail)


def _normalize_schema(schema: Any) -> Mapping[str, Any]:
    """Folds ``allOf`` into one schema (a property, bound or enum given by several parts keeps what all
    parts allow); boolean schemas become ``{}`` / ``{"not": {}}``."""
    if isinstance(schema, bool):
        return {} if schema else {"not": {}}
    if isinstance(schema, _SchemaRef):
        schema = schema.resolved()
    if not isinstance(schema, Mapping):
        return {}
    parts = [p for p in _seq(schema, "allOf") if isinstance(p, Mapping)]
    if not parts:
        return schema
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for part in (_normalize_schema(p) for p in parts):
        for key, value in part.items():
            current = merged.get(key)
            if key == "properties":
                properties = dict(_map(merged, "properties"))
                for name, sub in _map(part, "properties").items():
                    # A property constrained by several parts must satisfy all of them.
                    properties[name] = {"allOf": [properties[name], sub]} if name in properties else sub
                merged["properties"] = properties
            elif key == "required":
                merged["required"] = sorted({*map(str, _seq(merged, "required")), *map(str, _seq(part, key))})
            elif _is_number(current) and _is_number(value) and key in _LOWER_BOUNDS + _UPPER_BOUNDS:
                merged[key] = max(current, value) if key in _LOWER_BOUNDS else min(current, value)
            elif key == "enum" and isinstance(current, list) and isinstance(value, list):
                allowed = {_canon(v) for v in value}
                merged["enum"] = [v for v in current if _canon(v) in allowed]
            else:
                merged.setdefault(key, value)
    return merged


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _diff_docs(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    parts = []
    for key in _DOC_KEYS:
        raw_before, raw_after = old.get(key), new.get(key)
        if raw_before is raw_after or (type(raw_before) is str and raw_before == raw_after):
            continue
        before, after = _doc_value(key, raw_before), _doc_value(key, raw_after)
        if _canon(before) != _canon(after):
            parts.append(_describe_value_change(key, before, after))
    if parts:
        ctx.emit("documentation", "cosmetic", f"{path}: {'; '.join(parts)}")


def _doc_value(key: str, value: Any) -> Any:
    if _is_empty(value):
        return None
    return sorted(map(str, value)) if key == "tags" and isinstance(value, list) else value


def _describe_value_change(key: str, before: Any, after: Any) -> str:
    if before is None:
        return f"{key} added {_short(after)}"
    if after is None:
        return f"{key} {_short(before)} removed"
    return f"{key} {_short(before)} → {_short(after)}"


def _diff_extensions(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = _extensions(old), _extensions(new)
    parts = [
        _describe_value_change(k, before.get(k), after.get(k))
        for k in sorted(before.keys() | after.keys())
        if _canon(before.get(k)) != _canon(after.get(k))
    ]
    if parts:
        ctx.emit("extension", "cosmetic", f"{path}: {'; '.join(parts)}")


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    """The set of JSON types a schema allows; ``None`` means any type."""
    raw = schema.get("type")
    if isinstance(raw, str):
        types = {raw}
    elif isinstance(raw, list):
        types = {str(t) for t in raw}
    else:
        return None
    if schema.get("nullable") is True:
        types.add("null")
    return frozenset(types)


def _covers(wide: frozenset[str] | None, narrow: frozenset[str] | None) -> bool:
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _type_label(types: frozenset[str] | None) -> str:
    return "any" if types is None else "|".join(sorted(types))


def _diff_type(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = _types(old), _types(new)
    wider, narrower = _covers(after, before), _covers(before, after)
    if wider and narrower:
        return
    direction: _Direction = "wider" if wider else "narrower" if narrower else "incompatible"
    ctx.emit_direction("type", direction, f"{path}: type {_type_label(before)} → {_type_label(after)}")


def _enum_values(schema: Mapping[str, Any]) -> dict[str, Any] | None:
    if "const" in schema:
        return {_canon(schema["const"]): schema["const"]}
    values = schema.get("enum")
    return {_canon(v): v for v in values} if isinstance(values, list) else None


def _diff_enum(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    if path == ctx.ignore_enum_at:
        return
    before, after = _enum_values(old), _enum_values(new)
    if before is None or after is None:
        _diff_enum_presence(old, new, before, after, path, ctx)
        return
    removed = [v for k, v in before.items() if k not in after]
    added = [v for k, v in after.items() if k not in before]
    if removed:
        ctx.emit_direction("enum", "narrower", f"{path}: enum values removed {_value_list(removed)}")
    if added:
        ctx.emit_direction("enum", "wider", f"{path}: enum values added {_value_list(added)}")


def _diff_enum_presence(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    path: str,
    ctx: _Ctx,
) -> None:
    """An enum that appears (a narrowing of the plain type) or disappears (a widening)."""
    if after is not None:
        hint = ""
        if ctx.side == "request" and _types(new) == frozenset({"string"}) and _canon("") not in after:
            hint = ' (e.g. "" is no longer accepted)'
        previously = f"previously any {_type_label(_types(old))}{hint}"
        ctx.emit_direction(
            "enum", "narrower", f"{path}: enum added {_value_list(after.values())}; {previously}"
        )
    elif before is not None:
        detail = f"{path}: enum {_value_list(before.values())} removed; now unrestricted"
        ctx.emit_direction("enum", "wider", detail)


def _diff_format(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = old.get("format"), new.get("format")
    if before == after:
        return
    if before is None:
        ctx.emit_direction("format", "narrower", f"{path}: format {after} added")
    elif after is None:
        ctx.emit_direction("format", "wider", f"{path}: format {before} removed")
    else:
        ctx.emit_direction("format", "incompatible", f"{path}: format {before} → {after}")


def _bound_direction(before: Any, after: Any, lower: bool) -> _Direction:
    if isinstance(before, bool) or isinstance(after, bool):  # OpenAPI 3.0 exclusiveMinimum/Maximum flags
        if isinstance(before, int | float) and not isinstance(before, bool):
            return "incompatible"
        if isinstance(after, int | float) and not isinstance(after, bool):
            return "incompatible"
        return "narrower" if after else "wider"
    if before is None:
        return "narrower"
    if after is None:
        return "wider"
    if not isinstance(before, int | float) or not isinstance(after, int | float):
        return "incompatible"
    tighter = after > before if lower else after < before
    return "narrower" if tighter else "wider"


_NEUTRAL_ZERO: Final = frozenset({"minLength", "minItems", "minProperties"})
_NEUTRAL_FALSE: Final = frozenset({"exclusiveMinimum", "exclusiveMaximum", "readOnly", "writeOnly"})


def _keyword(schema: Mapping[str, Any], key: str) -> Any:
    """A keyword's value, ``None`` when it is absent or spelled as its default (``minLength: 0``,
    ``exclusiveMinimum: false``, ``readOnly: false``...): those are the same contract."""
    value = schema.get(key)
    if value is False and key in _NEUTRAL_FALSE:
        return None
    if key in _NEUTRAL_ZERO and _is_number(value) and value == 0:
        return None
    return value


def _diff_limits(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    for key, lower in [*((k, True) for k in _LOWER_BOUNDS), *((k, False) for k in _UPPER_BOUNDS)]:
        before, after = _keyword(old, key), _keyword(new, key)
        if before != after or isinstance(before, bool) != isinstance(after, bool):
            direction = _bound_direction(before, after, lower)
            ctx.emit_direction("limit", direction, f"{path}: {_limit_text(key, before, after, direction)}")
    _diff_pattern(old, new, path, ctx)
    _diff_multiple_of(old, new, path, ctx)
    before_unique, after_unique = bool(old.get("uniqueItems")), bool(new.get("uniqueItems"))
    if before_unique != after_unique:
        unique: _Direction = "narrower" if after_unique else "wider"
        ctx.emit_direction("limit", unique, f"{path}: uniqueItems {before_unique} → {after_unique}")


def _limit_text(key: str, before: Any, after: Any, direction: _Direction) -> str:
    verb = {"narrower": "tightened", "wider": "loosened", "incompatible": "changed"}[direction]
    if before is None:
        return f"{key} {_short(after)} added ({verb})"
    if after is None:
        return f"{key} {_short(before)} removed ({verb})"
    return f"{key} {_short(before)} → {_short(after)} ({verb})"


def _diff_pattern(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = old.get("pattern"), new.get("pattern")
    if before == after:
        return
    direction: _Direction = "narrower" if before is None else "wider" if after is None else "incompatible"
    ctx.emit_direction("limit", direction, f"{path}: {_limit_text('pattern', before, after, direction)}")


def _diff_multiple_of(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = old.get("multipleOf"), new.get("multipleOf")
    if before == after:
        return
    direction: _Direction = "incompatible"
    if before is None:
        direction = "narrower"
    elif after is None:
        direction = "wider"
    elif isinstance(before, int | float) and isinstance(after, int | float) and before and after:
        if after % before == 0:
            direction = "narrower"
        elif before % after == 0:
            direction = "wider"
    ctx.emit_direction("limit", direction, f"{path}: {_limit_text('multipleOf', before, after, direction)}")


def _conforms(value: Any, types: frozenset[str] | None) -> bool:
    if types is None:
        return True
    checks: dict[str, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, Mapping),
        "null": lambda v: v is None,
    }
    return any(checks.get(t, lambda _v: True)(value) for t in types)


def _diff_default(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = old.get("default"), new.get("default")
    if _canon(before) == _canon(after):
        return
    detail = f"{path}: {_describe_value_change('default', before, after)}"
    if before is not None and not _conforms(before, _types(old)):
        template = " (an unfilled template placeholder)" if _TEMPLATE.search(str(before)) else ""
        detail += f"; the old default was not a valid {_type_label(_types(old))}{template}"
    changed = before is not None and after is not None
    ctx.emit("default", "breaking" if changed and ctx.side == "request" else "non-breaking", detail)


def _diff_deprecated(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = bool(old.get("deprecated")), bool(new.get("deprecated"))
    if before != after:
        ctx.emit(
            "deprecated", "non-breaking", f"{path}: {'now deprecated' if after else 'no longer deprecated'}"
        )


def _additional(schema: Mapping[str, Any]) -> Any:
    value = schema.get("additionalProperties", True)
    return value if isinstance(value, Mapping | bool) else True


def _diff_additional_properties(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = _additional(old), _additional(new)
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        _diff_schema(before, after, f"{path}.*", ctx)
        return
    label = f"{path}: additionalProperties"
    if before is after and before is True:
        if ("additionalProperties" in old) != ("additionalProperties" in new):
            state = "now explicitly" if "additionalProperties" in new else "no longer explicitly"
            ctx.emit("additional-properties", "cosmetic", f"{label} {state} true (the default)")
        return
    if before is after:
        return
    if isinstance(before, bool) and isinstance(after, bool):
        direction: _Direction = "wider" if after else "narrower"
    else:  # a schema is narrower than true and wider than false
        direction = "narrower" if after is False or before is True else "wider"
    ctx.emit_direction("additional-properties", direction, f"{label} {_short(before)} → {_short(after)}")


def _diff_composition(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    for key in ("oneOf", "anyOf"):
        if key not in old and key not in new:
            continue
        if key not in old or key not in new:
            direction: _Direction = "narrower" if key in new else "wider"
            ctx.emit_direction(
                "schema-composition", direction, f"{path}: {key} {'added' if key in new else 'removed'}"
            )
            continue
        before = {_deep_canon(_normalize_schema(b)): b for b in _seq(old, key)}
        after = {_deep_canon(_normalize_schema(b)): b for b in _seq(new, key)}
        for canon in sorted(before.keys() - after.keys()):
            ctx.emit_direction(
                "schema-composition", "narrower", f"{path}: {key} branch removed {_short(before[canon])}"
            )
        for canon in sorted(after.keys() - before.keys()):
            ctx.emit_direction(
                "schema-composition", "wider", f"{path}: {key} branch added {_short(after[canon])}"
            )


def _diff_other_keywords(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    keys = {k for k in old.keys() | new.keys() if k not in _HANDLED_SCHEMA_KEYS and not k.startswith("x-")}
    for key in sorted(keys):
        before, after = _keyword(old, key), _keyword(new, key)
        if _deep_canon(before) != _deep_canon(after):
            severity: Severity = "non-breaking" if key in _SOFT_SCHEMA_KEYS else "breaking"
            ctx.emit("schema-keyword", severity, f"{path}: {_describe_value_change(key, before, after)}")


def _diff_items(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    if "items" in old or "items" in new:
        _diff_schema(_map(old, "items"), _map(new, "items"), f"{path}[]", ctx)


def _diff_required_flag(before: bool, after: bool, path: str, ctx: _Ctx) -> None:
    if before != after:
        direction: _Direction = "narrower" if after else "wider"
        ctx.emit_direction(
            "required", direction, f"{path}: {'now required' if after else 'no longer required'}"
        )


def _diff_properties(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before, after = _object_fields(old), _object_fields(new)
    before_required = {str(n) for n in _seq(old, "required")}
    after_required = {str(n) for n in _seq(new, "required")}
    for name in sorted(before.keys() | after.keys()):
        sub = f"{path}.{name}"
        if name not in after:
            _property_removed(
                sub, name in before_required, _additional(new) is True and "additionalProperties" in new, ctx
            )
        elif name not in before:
            _property_added(sub, name in after_required, ctx)
        else:
            _diff_required_flag(name in before_required, name in after_required, sub, ctx)
            _diff_schema(before[name], after[name], sub, ctx)


def _property_added(
    path: str, required: bool, ctx: _Ctx, kind: str = "property-added", noun: str = "field"
) -> None:
    if ctx.side == "response":
        ctx.emit(
            kind, "non-breaking", f"{path}: {'required ' if required else ''}{noun} added to the response"
        )
    elif required:
        ctx.emit(kind, "breaking", f"{path}: required {noun} added")
    else:
        ctx.emit(kind, "non-breaking", f"{path}: optional {noun} added")


def _property_removed(
    path: str,
    was_required: bool,
    still_accepted: bool,
    ctx: _Ctx,
    kind: str = "property-removed",
    noun: str = "field",
) -> None:
    note = " (was required)" if was_required else ""
    if ctx.side == "response":
        ctx.emit(kind, "breaking", f"{path}: {noun} removed from the response{note}")
    elif still_accepted:
        detail = f"{path}: {noun} no longer declared{note}; still accepted through additionalProperties: true"
        ctx.emit(kind, "non-breaking", detail)
    else:
        ctx.emit(kind, "breaking", f"{path}: {noun} no longer declared{note}")


def _same(old: Any, new: Any) -> bool:
    """Structural equality of two (inlined) values; lazy schema refs compare by what they unfold to."""
    if old is new:
        return True
    old_type, new_type = type(old), type(new)
    if old_type is dict and new_type is dict:
        return old.keys() == new.keys() and all(_same(value, new[key]) for key, value in old.items())
    if old_type is _SchemaRef or new_type is _SchemaRef:
        return (
            isinstance(old, _SchemaRef)
            and isinstance(new, _SchemaRef)
            and old.ref == new.ref
            and _same(old.siblings, new.siblings)
            and old.closure_key() == new.closure_key()
        )
    if old_type is list and new_type is list:
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(_same(old[key], new[key]) for key in old)
    return old_type is new_type and bool(old == new)


_SchemaCheck = Callable[[Mapping[str, Any], Mapping[str, Any], str, _Ctx], None]
_SHELL_CHECKS: Final[tuple[_SchemaCheck, ...]] = (
    _diff_docs,
    _diff_extensions,
    _diff_deprecated,
    _diff_type,
    _diff_enum,
    _diff_format,
    _diff_limits,
    _diff_default,
    _diff_additional_properties,
    _diff_composition,
    _diff_other_keywords,
    _diff_items,
)


_HERE: Final = "\x00"  # stands for the path of the schema pair whose own changes are being recorded


@dataclass(frozen=True)
class _SchemaEntry:
    """What comparing one schema pair finds at its own level: changes (their details start at ``_HERE``)
    and the nested pairs to compare next (path suffix, old, new, shell_only)."""

    changes: tuple[tuple[str, Severity, str], ...]
    children: tuple[tuple[str, Any, Any, bool], ...]


class _Recorder(_Collector):
    """Collects one schema pair's own changes, and the nested comparisons instead of making them."""

    def __init__(self) -> None:
        super().__init__()
        self.children: list[tuple[str, Any, Any, bool]] = []


def _diff_schema(old: Any, new: Any, path: str, ctx: _Ctx, *, shell_only: bool = False) -> None:
    """Diff two (already inlined) schemas; ``shell_only`` leaves properties to the caller.

    The comparison is queued (the operation drains the queue breadth first). A pair involving a
    component schema ref is compared once per operation and side, at the shortest path it is met at: that
    ends the descent through recursive schemas, and keeps a schema shared by many places from being
    re-walked. What a pair finds at its own level is computed once per run and replayed at each path.
    """
    if isinstance(ctx.out, _Recorder):
        assert path.startswith(_HERE)
        ctx.out.children.append((path[len(_HERE) :], old, new, shell_only))
    else:
        ctx.out.queue.append((old, new, path, ctx, shell_only))


def _visit_schema(old: Any, new: Any, path: str, ctx: _Ctx, shell_only: bool) -> None:
    if isinstance(old, _SchemaRef) or isinstance(new, _SchemaRef):
        key = (ctx.operation, ctx.side, ctx.ignore_enum_at, shell_only, id(old), id(new))
        if not ctx.out.first_visit(key, old, new):
            return
    ignore_here = path == ctx.ignore_enum_at
    entry_key = ("entry", ctx.side, ignore_here, shell_only, id(old), id(new))
    entry = ctx.out.entries.get(entry_key)
    if entry is None:
        entry = _schema_entry(old, new, ctx.side, ignore_here, shell_only)
        ctx.out.entries[entry_key] = entry
        ctx.out.keep_alive(old, new)
    for kind, severity, detail in entry.changes:
        ctx.emit(kind, severity, detail.replace(_HERE, path))
    for suffix, child_old, child_new, child_shell_only in entry.children:
        _diff_schema(child_old, child_new, path + suffix, ctx, shell_only=child_shell_only)


def _schema_entry(old: Any, new: Any, side: _Side, ignore_here: bool, shell_only: bool) -> _SchemaEntry:
    before, after = _normalize_schema(old), _normalize_schema(new)
    if _same(before, after):
        return _SchemaEntry((), ())
    recorder = _Recorder()
    ctx = _Ctx(recorder, None, side, ignore_enum_at=_HERE if ignore_here else None)
    for check in _SHELL_CHECKS:
        check(before, after, _HERE, ctx)
    if not shell_only:
        _diff_properties(before, after, _HERE, ctx)
    children = tuple(
        child
        for child in recorder.children
        if not _same(_normalize_schema(child[1]), _normalize_schema(child[2]))
    )
    return _SchemaEntry(tuple((c.kind, c.severity, c.detail) for c in recorder.changes), children)


# --------------------------------------------------------------------------------------------------
# Operation-level diffing


def _diff_operation(
    old: _Operation, new: _Operation, old_spec: _Spec, new_spec: _Spec, out: _Collector
) -> None:
    request_ctx = _Ctx(out, new.key, "request")
    _diff_operation_meta(old.op, new.op, request_ctx)
    _diff_request(_build_request(old), _build_request(new), request_ctx)
    _diff_responses(old.op, new.op, _Ctx(out, new.key, "response"))
    out.drain()  # the schema comparisons queued above, breadth first
    _diff_success_codes(old, new, old_spec, new_spec, request_ctx)
    _diff_security_requirements(old.op, new.op, old_spec, new_spec, request_ctx)
    if any("servers" in node for node in (old.op, old.path_item, new.op, new.path_item)):
        _diff_servers(
            _effective_servers(old, old_spec), _effective_servers(new, new_spec), "servers", request_ctx
        )


def _diff_operation_meta(old: Mapping[str, Any], new: Mapping[str, Any], ctx: _Ctx) -> None:
    before, after = old.get("operationId"), new.get("operationId")
    if before != after:
        if before is None:
            ctx.emit(
                "operation-id-added", "non-breaking", f"operationId {after} added (generated method name)"
            )
        elif after is None:
            ctx.emit(
                "operation-id-removed",
                "non-breaking",
                f"operationId {before} removed (generated method name)",
            )
        else:
            detail = f"operationId {before} → {after} (wire-compatible; generated method name changes)"
            ctx.emit("operation-id-renamed", "non-breaking", detail)
    _diff_docs(old, new, "operation", ctx)
    _diff_extensions(old, new, "operation", ctx)
    _diff_deprecated(old, new, "operation", ctx)


def _input_kind(location: str) -> tuple[str, str, str]:
    """(added kind, removed kind, noun) for a request input at ``location``."""
    if location == "header":
        return ("header-added", "header-removed", "header")
    noun = "field" if location in _BODY_MODES else "parameter"
    return ("parameter-added", "parameter-removed", noun)


def _diff_request(old: _Request, new: _Request, ctx: _Ctx) -> None:
    pairs, relocated, removed, added = _pair_fields(old.fields, new.fields)
    if old.mode != new.mode:
        ctx.emit("wire-format", "breaking", _wire_format_detail(old, new, pairs, added))
    else:
        _diff_locations(pairs, ctx)
        _diff_media_types(old.media_types, new.media_types, "requestBody", ctx)
    _diff_locations(relocated, ctx)
    for before, after in [*pairs, *relocated]:
        _diff_field(before, after, ctx)
    body_accepts_more = new.body is not None and new.body.get("additionalProperties") is True
    for f in removed:
        _, kind, noun = _input_kind(f.location)
        still_accepted = body_accepts_more and f.location in _BODY_MODES
        _property_removed(f.path, f.required, still_accepted, ctx, kind, noun)
    for f in added:
        kind, _, noun = _input_kind(f.location)
        _property_added(f.path, f.required, ctx, kind, noun)
    if old.body is not None and new.body is not None:
        _diff_required_flag(old.body_required, new.body_required, "requestBody", ctx)
        _diff_schema(old.body, new.body, "requestBody", ctx, shell_only=True)


def _diff_locations(pairs: Sequence[tuple[_Field, _Field]], ctx: _Ctx) -> None:
    """Inputs that moved on their own (not with a change of the operation's wire mode)."""
    for before, after in pairs:
        if before.location != after.location:
            move = f"moved from {_wire_label(before.location)} to {_wire_label(after.location)}"
            ctx.emit("parameter-location", "breaking", f"{after.path}: {move}{_encoding_note(before, after)}")


def _wire_label(location: str) -> str:
    """How a parameter location reads in a change; a location OpenAPI 3 does not define is quoted."""
    return _WIRE_LABELS.get(location, f"an undefined location ('in: {location}')")


def _encoding_note(before: _Field, after: _Field) -> str:
    if before.encoding is None and after.encoding is None:
        return ""
    return f" ({before.encoding or 'not an array'} → {after.encoding or 'not an array'})"


def _wire_format_detail(
    old: _Request, new: _Request, pairs: Sequence[tuple[_Field, _Field]], added: Sequence[_Field]
) -> str:
    moved = sorted((p for p in pairs if p[0].location != p[1].location), key=lambda p: p[1].name)
    head = f"request parameters moved from {_wire_label(old.mode)} to {_wire_label(new.mode)}"
    if moved:
        head += ": " + ", ".join(f"{after.name}{_encoding_note(before, after)}" for before, after in moved)
    else:
        head += "; no declared fields to move"
    fresh = sorted(f.wire_name for f in added if f.location in _PAYLOAD_LOCATIONS)
    if fresh:
        head += f"; new in {_wire_label(new.mode)}: {', '.join(fresh)}"
    return head


def _diff_field(old: _Field, new: _Field, ctx: _Ctx) -> None:
    if old.location == new.location and old.encoding != new.encoding and old.encoding and new.encoding:
        ctx.emit("array-encoding", "breaking", f"{new.path}: array encoding {old.encoding} → {new.encoding}")
    _diff_required_flag(old.required, new.required, new.path, ctx)
    _diff_schema(old.schema, new.schema, new.path, ctx)


def _diff_media_types(old: frozenset[str], new: frozenset[str], path: str, ctx: _Ctx) -> None:
    for media in sorted(old - new):
        ctx.emit("media-type-removed", "breaking", f"{path}: media type {media} removed")
    for media in sorted(new - old):
        ctx.emit("media-type-added", "non-breaking", f"{path}: media type {media} added")


# ---- responses


def _responses(op: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {
        str(k).upper() if str(k).lower() != "default" else "default": v
        for k, v in _map(op, "responses").items()
        if isinstance(v, Mapping)
    }


def _diff_responses(old: Mapping[str, Any], new: Mapping[str, Any], ctx: _Ctx) -> None:
    before, after = _responses(old), _responses(new)
    for status in sorted(before.keys() | after.keys()):
        kind = "success" if _is_success_status(status) else "error"
        if status not in after:
            severity: Severity = "breaking" if kind == "success" else "non-breaking"
            ctx.emit("response-removed", severity, f"responses.{status}: {kind} response no longer declared")
        elif status not in before:
            severity = "breaking" if kind == "success" else "non-breaking"
            ctx.emit("response-added", severity, f"responses.{status}: {kind} response added")
        else:
            _diff_response(before[status], after[status], status, ctx)


def _diff_response(old: Mapping[str, Any], new: Mapping[str, Any], status: str, ctx: _Ctx) -> None:
    path = f"responses.{status}"
    _diff_docs(old, new, path, ctx)
    _diff_response_headers(_map(old, "headers"), _map(new, "headers"), path, ctx)
    before, after = _by_media_key(_map(old, "content")), _by_media_key(_map(new, "content"))
    _diff_media_types(frozenset(before), frozenset(after), path, ctx)
    for media in sorted(before.keys() & after.keys()):
        body = f"{path}.body" if _media_kind(media) == "json-body" else f"{path}.body[{media}]"
        code_path = f"{body}.code" if _is_success_status(status) else None
        sub_ctx = _Ctx(ctx.out, ctx.operation, "response", ignore_enum_at=code_path)
        _diff_schema(_map(before[media], "schema"), _map(after[media], "schema"), body, sub_ctx)


def _header_view(header: Mapping[str, Any]) -> Mapping[str, Any]:
    docs = {k: header[k] for k in ("description", "example", "examples", "deprecated") if k in header}
    return {**_param_schema(header), **docs}


def _diff_response_headers(old: Mapping[str, Any], new: Mapping[str, Any], path: str, ctx: _Ctx) -> None:
    before = {k.lower(): (k, v) for k, v in old.items() if isinstance(v, Mapping)}
    after = {k.lower(): (k, v) for k, v in new.items() if isinstance(v, Mapping)}
    for key in sorted(before.keys() | after.keys()):
        name = (after.get(key) or before[key])[0]
        sub = f"{path}.headers.{name}"
        if key not in after:
            ctx.emit("header-removed", "breaking", f"{sub}: response header no longer declared")
        elif key not in before:
            ctx.emit("header-added", "non-breaking", f"{sub}: response header added")
        else:
            old_header, new_header = before[key][1], after[key][1]
            _diff_required_flag(bool(old_header.get("required")), bool(new_header.get("required")), sub, ctx)
            _diff_schema(_header_view(old_header), _header_view(new_header), sub, ctx)


# ---- success envelope


def _success_codes(operation: _Operation, spec: _Spec) -> tuple[frozenset[Any] | None, str]:
    """The business codes meaning success, and where they come from."""
    codes: set[Any] = set()
    for status, response in _responses(operation.op).items():
        if not _is_success_status(status):
            continue
        for media, content in _map(response, "content").items():
            if _media_kind(media) != "json-body":
                continue
            code = _map(_object_fields(_normalize_schema(_map(content, "schema"))), "code")
            values = _enum_values(_normalize_schema(code))
            codes.update(v for v in (values or {}).values() if isinstance(v, str | int | float) or v is None)
    if codes:
        return frozenset(codes), "the 2xx response's code enum"
    return spec.success_codes, "info.description"


def _diff_success_codes(
    old: _Operation, new: _Operation, old_spec: _Spec, new_spec: _Spec, ctx: _Ctx
) -> None:
    (before, before_source), (after, after_source) = (
        _success_codes(old, old_spec),
        _success_codes(new, new_spec),
    )
    if before == after:
        return
    if before is None or after is None:
        state = f"now declared: {_value_set(after)}" if after is not None else "no longer declared"
        ctx.emit("success-codes", "non-breaking", f"business success codes {state}")
        return
    parts = [f"{_value_list(before - after)} no longer mean success"] if before - after else []
    parts += [f"{_value_list(after - before)} now mean success"] if after - before else []
    source = (
        f"from {after_source}"
        if before_source == after_source
        else f"old from {before_source}, new from {after_source}"
    )
    detail = (
        f"business success codes {_value_set(before)} → {_value_set(after)}: {'; '.join(parts)} ({source})"
    )
    ctx.emit("success-codes", "breaking", detail)


def _diff_success_status(old: _Spec, new: _Spec, out: _Collector) -> None:
    before, after = old.success_status, new.success_status
    if before is not None and after is not None and before != after:
        detail = f"info.description: HTTP success status rule {before} → {after}"
        out.add(None, "success-status", "breaking", detail)


# ---- security and servers


def _requirements(op: Mapping[str, Any], spec: _Spec) -> dict[str, str]:
    """Effective security alternatives: canonical form -> readable label."""
    raw = op["security"] if isinstance(op.get("security"), list) else _seq(spec.doc, "security")
    alternatives: dict[str, str] = {}
    for requirement in raw:
        if not isinstance(requirement, Mapping):
            continue
        canon = sorted(
            (
                spec.schemes.get(name, f"undefined:{name}"),
                sorted(map(str, scopes if isinstance(scopes, list) else [])),
            )
            for name, scopes in requirement.items()
        )
        alternatives[_canon(canon)] = " + ".join(sorted(requirement)) or "anonymous"
    return alternatives


def _diff_security_requirements(
    old: Mapping[str, Any], new: Mapping[str, Any], old_spec: _Spec, new_spec: _Spec, ctx: _Ctx
) -> None:
    before, after = _requirements(old, old_spec), _requirements(new, new_spec)
    removed = {before[c]: c for c in sorted(before.keys() - after.keys())}
    added = {after[c]: c for c in sorted(after.keys() - before.keys())}
    for label in removed.keys() & added.keys():  # same scheme names, a changed scheme: reported once
        del removed[label], added[label]  # as security-scheme-changed
    open_now = not after or _canon([]) in after
    for label in sorted(removed):
        if open_now:
            detail = f"security: alternative {label} removed; the operation no longer requires authentication"
            ctx.emit("security-requirement", "non-breaking", detail)
        else:
            ctx.emit("security-requirement", "breaking", f"security: alternative {label} removed")
    for label in sorted(added):
        severity: Severity = "non-breaking" if before else "breaking"
        ctx.emit("security-requirement", severity, f"security: alternative {label} added")


def _diff_security_schemes(old: _Spec, new: _Spec, out: _Collector) -> None:
    ctx = _Ctx(out, None, "request")
    raw_before = _map(_map(old.doc, "components"), "securitySchemes")
    raw_after = _map(_map(new.doc, "components"), "securitySchemes")
    used = _used_schemes(old)
    removed = sorted(old.schemes.keys() - new.schemes.keys())
    added = sorted(new.schemes.keys() - old.schemes.keys())
    for name in sorted(old.schemes.keys() & new.schemes.keys()):
        path = f"components.securitySchemes.{name}"
        if old.schemes[name] != new.schemes[name]:
            detail = f"{path}: {_short(raw_before[name])} → {_short(raw_after[name])}"
            ctx.emit("security-scheme-changed", "breaking" if name in used else "non-breaking", detail)
        else:
            _diff_cosmetic_scheme(raw_before[name], raw_after[name], path, ctx)
    for name in removed:
        twin = next((n for n in added if new.schemes[n] == old.schemes[name]), None)
        if twin is None:
            severity: Severity = "breaking" if name in used else "non-breaking"
            state = "removed" if name in used else "removed (no operation used it)"
            ctx.emit("security-scheme-removed", severity, f"components.securitySchemes.{name}: {state}")
            continue
        added.remove(twin)
        detail = f"components.securitySchemes: {name} renamed to {twin}"
        ctx.emit("security-scheme-renamed", "cosmetic", detail)
        _diff_cosmetic_scheme(raw_before[name], raw_after[twin], f"components.securitySchemes.{twin}", ctx)
    for name in added:
        ctx.emit("security-scheme-added", "non-breaking", f"components.securitySchemes.{name}: added")


def _used_schemes(spec: _Spec) -> set[str]:
    """Names of the security schemes that some requirement (document or operation) refers to."""
    requirements = [*_seq(spec.doc, "security")]
    for operation in spec.operations.values():
        requirements.extend(_seq(operation.op, "security"))
    return {str(name) for req in requirements if isinstance(req, Mapping) for name in req}


def _diff_cosmetic_scheme(old: Any, new: Any, path: str, ctx: _Ctx) -> None:
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return
    parts = [
        _describe_value_change(key, old.get(key), new.get(key))
        for key in sorted(_SCHEME_COSMETIC_KEYS)
        if _canon(old.get(key)) != _canon(new.get(key))
    ]
    if parts:
        ctx.emit("documentation", "cosmetic", f"{path}: {'; '.join(parts)}")


def _server_key(server: Mapping[str, Any]) -> str:
    variables = {
        name: {k: v for k, v in var.items() if k != "description"}
        for name, var in _map(server, "variables").items()
        if isinstance(var, Mapping)
    }
    url = str(server.get("url", "")).rstrip("/") or "/"
    return url + (f" {_canon(variables)}" if variables else "")


def _effective_servers(operation: _Operation, spec: _Spec) -> list[Any]:
    for node in (operation.op, operation.path_item, spec.doc):
        if isinstance(node.get("servers"), list):
            return _seq(node, "servers")
    return []


def _diff_servers(old: Sequence[Any], new: Sequence[Any], path: str, ctx: _Ctx) -> None:
    before = {_server_key(s): s for s in old if isinstance(s, Mapping)}
    after = {_server_key(s): s for s in new if isinstance(s, Mapping)}
    for key in sorted(before.keys() - after.keys()):
        ctx.emit("server-removed", "breaking", f"{path}: {key} removed")
    for key in sorted(after.keys() - before.keys()):
        ctx.emit("server-added", "non-breaking", f"{path}: {key} added")
    for key in sorted(before.keys() & after.keys()):
        _diff_docs(before[key], after[key], f"{path}.{key}", ctx)


# --------------------------------------------------------------------------------------------------
# Entry point


def diff_specs(old: Mapping[str, Any], new: Mapping[str, Any]) -> DiffResult:
    """Compare two OpenAPI documents at the contract level (see the module docstring)."""
    old_spec, new_spec = _Spec.build(old), _Spec.build(new)
    out = _Collector()
    doc_ctx = _Ctx(out, None, "request")
    _diff_docs(_map(old_spec.doc, "info"), _map(new_spec.doc, "info"), "info", doc_ctx)
    _diff_docs(old_spec.doc, new_spec.doc, "document", doc_ctx)
    _diff_success_status(old_spec, new_spec, out)
    _diff_servers(_seq(old_spec.doc, "servers"), _seq(new_spec.doc, "servers"), "servers", doc_ctx)
    _diff_security_schemes(old_spec, new_spec, out)
    for key in sorted(old_spec.operations.keys() | new_spec.operations.keys(), key=_operation_sort_key):
        before, after = old_spec.operations.get(key), new_spec.operations.get(key)
        if after is None:
            out.add(key, "operation-removed", "breaking", "operation removed")
        elif before is None:
            op_id = after.op.get("operationId")
            out.add(
                key, "operation-added", "non-breaking", "operation added" + (f" ({op_id})" if op_id else "")
            )
        else:
            _diff_operation(before, after, old_spec, new_spec, out)
    severity_rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    ordered = sorted(
        set(out.changes),
        key=lambda c: (_operation_sort_key(c.operation), severity_rank[c.severity], c.kind, c.detail),
    )
    return DiffResult(ordered)


# --------------------------------------------------------------------------------------------------
# Reports


_SECTION_TITLES: Final[Mapping[Severity, str]] = {
    "breaking": "Breaking",
    "non-breaking": "Non-breaking",
    "cosmetic": "Cosmetic",
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _render_markdown(result: DiffResult) -> str:
    summary = result.summary
    if not result.changes:
        return (
            "# OpenAPI contract diff\n\n**Result: no changes**: both documents describe the same contract.\n"
        )
    counts = ", ".join(f"{summary.counts[s]} {s}" for s in SEVERITIES)
    verdict = "BREAKING" if summary.breaking else "compatible"
    lines = ["# OpenAPI contract diff", "", f"**Result: {verdict}**: {summary.total} changes ({counts}).", ""]
    for severity in SEVERITIES:
        group = [c for c in result.changes if c.severity == severity]
        if not group:
            continue
        lines += [
            f"## {_SECTION_TITLES[severity]} ({len(group)})",
            "",
            "| Operation | Kind | Detail |",
            "|---|---|---|",
        ]
        lines += [f"| {_cell(c.operation or '(document)')} | {c.kind} | {_cell(c.detail)} |" for c in group]
        lines.append("")
    return "\n".join(lines)


def _parse_json(text: str, path: Path) -> Any:
    try:
        return parse_json(text)
    except DocumentError as exc:
        raise SpecLoadError(f"{path}: {exc}") from exc


def _parse_yaml(text: str, path: Path) -> Any:
    try:
        return parse_yaml(text)
    except DocumentError as exc:
        raise SpecLoadError(f"{path}: {exc}") from exc


def load_spec(path: str | Path) -> dict[str, Any]:
    """Read an OpenAPI document from a ``.json`` or ``.yaml``/``.yml`` file (others: JSON, then YAML)."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SpecLoadError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SpecLoadError(f"{source}: not UTF-8 text") from exc
    suffix = source.suffix.lower()
    if suffix == ".json":
        data = _parse_json(text, source)
    elif suffix in (".yaml", ".yml"):
        data = _parse_yaml(text, source)
    else:
        try:
            data = json.loads(text)  # only to tell JSON from YAML; then read strictly
        except (ValueError, RecursionError):
            data = _parse_yaml(text, source)
        else:
            data = _parse_json(text, source)
    if not isinstance(data, Mapping):
        raise SpecLoadError(f"{source}: not an OpenAPI document (the top level is not a mapping)")
    if not any(key in data for key in ("openapi", "swagger", "paths")):
        raise SpecLoadError(f"{source}: not an OpenAPI document (no 'openapi' or 'paths' key)")
    return {str(k): v for k, v in data.items()}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m socialecho_kit.specdiff",
        description="Contract-level diff of two OpenAPI documents. Exit 1 if any change is breaking.",
    )
    parser.add_argument("old", help="the OLD spec (.json or .yaml)")
    parser.add_argument("new", help="the NEW spec (.json or .yaml)")
    parser.add_argument("--format", choices=("md", "json"), default="md", help="report format (default: md)")
    return parser


def main(argv: list[str] | None = None, *, prog: str = "specdiff") -> int:
    """Command line: print the report; return 1 if breaking, 0 if not, 2 on unreadable input.

    The exit code survives a reader that closes the pipe early (``... | head -1``): a breaking diff
    still exits 1.
    """
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help or a usage error, already printed by argparse
        return exc.code if isinstance(exc.code, int) else 2
    try:
        old, new = load_spec(args.old), load_spec(args.new)
        result = diff_specs(old, new)
        report = (
            json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
            if args.format == "json"
            else result.to_markdown()
        )
    except SpecLoadError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"{prog}: error: a document is nested too deeply to compare", file=sys.stderr)
        return 2
    code = 1 if result.summary.breaking else 0
    try:
        sys.stdout.write(report)
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
    return code


if __name__ == "__main__":
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    sys.exit(main())
