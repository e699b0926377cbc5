"""A spec-driven mock of the SocialEcho API, for your own tests.

The mock is built from the *patched* contract (by default the one shipped inside ``socialecho_client``)
and installed with respx, so any ``httpx`` client in the process -- the generated functions, the runtime
``SocialEcho`` client, your own code -- talks to it instead of the network::

    from socialecho_kit.mock import mock_socialecho

    with mock_socialecho(seed=1) as api:
        client = SocialEcho(api_key="se_test")
        team = client.team.get()
        assert api.calls[0].operation_id == "getTeam"

In pytest, enable the plugin (``pytest_plugins = ["socialecho_kit.pytest_plugin"]``) and use the
``socialecho_mock`` fixture.

Every request is checked against the contract, in this order, and answered with the error envelope
``{"code": <status>, "message": ..., "request_id": ...}`` when it breaks it:

* unknown path → 404, wrong method → 405;
* ``Authorization: Bearer <non-empty token>`` → 401 otherwise;
* header parameters (``X-Lang`` enum, ``X-Team-Id`` a positive integer, never empty) → 400;
* the operation's parameters, in the operation's wire format (``x-socialecho-wire``, or ``wire=``):
  ``json-body`` -- ``Content-Type: application/json`` (the media type the operation declares), a strict
  JSON body (UTF-8 without a byte order mark, no ``NaN``/``Infinity``, no key twice in an object; a GET
  without its required body is a 400), no query string; ``query`` -- no body on a GET, the parameters in
  the query string with arrays as a repeated ``key[]`` and integers in their canonical form (``12``, not
  ``+12``, ``012`` or non-ASCII digits). The parameters are validated with JSON Schema against the
  request body schema (OpenAPI 3.0 semantics: ``$ref`` resolved, ``nullable`` honoured, ``format: date``
  checked) → 400 naming the offending field.

A valid request is answered with HTTP 200 and a body generated from the operation's response schema,
deterministic for a given ``seed``; the business ``code`` cycles through ``success_codes`` (default
``(0, 200)``, the two codes the contract allows). Every call is recorded in :attr:`SocialEchoMock.calls`.
:meth:`SocialEchoMock.set_data` fixes the ``data`` of an operation (a list is served page by page) and
:meth:`SocialEchoMock.queue` queues whole responses (a 429, a business error, ...).

Upload tickets point at ``https://upload.mock.socialecho.invalid/...``; the mock accepts the ``PUT`` of
the bytes there (with a Content-Type and without the API key) and records it in
:attr:`SocialEchoMock.uploads`, so the whole upload flow runs offline. Other hosts are not mocked: a
request to one raises, unless you add a route to :attr:`SocialEchoMock.router` (a ``respx.MockRouter``).
"""

from __future__ import annotations

import codecs
import copy
import datetime
import json
import random
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import httpx
import jsonschema
from jsonschema import Draft4Validator, FormatChecker

from ._documents import parse_json

if TYPE_CHECKING:
    import respx

__all__ = [
    "DEFAULT_BASE_URL",
    "ContractSpec",
    "MockCall",
    "Operation",
    "SocialEchoMock",
    "Violation",
    "json_path",
    "load_contract",
    "mock_socialecho",
    "strict_json_loads",
]

DEFAULT_BASE_URL = "https://api.socialecho.net"
UPLOAD_HOST = "upload.mock.socialecho.invalid"
"""Host of the pre-signed upload URLs the mock hands out; the mock accepts the uploads too."""
CDN_HOST = "cdn.mock.socialecho.invalid"
Wire = Literal["json-body", "query"]
WIRES: tuple[Wire, ...] = ("json-body", "query")
UPLOAD_OPERATION = "upload"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_BEARER = re.compile(r"Bearer[ \t]+(\S+)[ \t]*", re.IGNORECASE)  # the scheme name is case-insensitive
# The canonical text of a JSON integer / number (ASCII digits only: "\\d" would take "٣" and "３").
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_JSON_MEDIA = re.compile(r"application/([\w.+-]+\+)?json\s*(;.*)?", re.IGNORECASE)
_FORMAT_CHECKER = FormatChecker(formats=("date", "date-time"))
_ACTIVE: list[SocialEchoMock] = []  # the mock installed in this process (respx patches it globally)
_ACTIVE_LOCK = threading.Lock()
_QUERY_SCHEMAS = "x-socialecho-mock-query-parameters"  # where query parameters' object schemas are kept


@_FORMAT_CHECKER.checks("uri")
def _is_uri(value: object) -> bool:
    """An absolute URI: a scheme and a host, no spaces (jsonschema checks "uri" only with rfc3987)."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and not any(c.isspace() for c in value)


# --------------------------------------------------------------------------------------------------
# The contract: operations and OpenAPI 3.0 schemas as JSON Schema


def strict_json_loads(data: bytes | str) -> Any:
    """Parse JSON text as RFC 8259 has it exchanged: UTF-8 without a byte order mark, and read strictly
    (:func:`socialecho_kit._documents.parse_json`: no ``NaN`` / ``Infinity``, no float beyond a double,
    each key once per object). Anything else raises :class:`ValueError` (``json.loads`` would guess UTF-16,
    skip a BOM, take ``NaN`` and keep the last of two equal keys)."""
    if isinstance(data, bytes):
        if data.startswith(codecs.BOM_UTF8):
            raise ValueError("the JSON text starts with a byte order mark")
        data = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    return parse_json(data)


def json_path(parts: Iterable[str | int]) -> str:
    """A JSONPath-like string for a location in a document: ``$.data.list[0].id``."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][\w-]*", part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part)}]"
    return out


@dataclass(frozen=True)
class Violation:
    """One schema violation: where (``path``, a JSON path), the field it concerns, and why."""

    path: str
    field: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class HeaderParam:
    name: str
    required: bool
    schema_pointer: str


@dataclass(frozen=True)
class Operation:
    """One operation of the contract, with JSON pointers into :attr:`ContractSpec.json_schema`."""

    operation_id: str
    method: str
    path: str
    wire: Wire
    body_pointer: str | None
    body_required: bool
    body_media: str | None
    headers: tuple[HeaderParam, ...]
    responses: Mapping[str, str | None]
    resend_safe: bool

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def success_status(self) -> str:
        """The first declared 2xx status (``"200"`` in the patched contract)."""
        for status in sorted(self.responses):
            if status.startswith("2") or status.upper() == "2XX":
                return status
        return "200"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(_escape(p) for p in parts)


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects → JSON Schema (Draft 4): ``nullable: true`` admits ``null``."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _to_json_schema(value) for key, value in node.items()}
    if out.pop("nullable", None) is True:
        if "$ref" in out or any(k in out for k in ("allOf", "anyOf", "oneOf")):
            return {"anyOf": [{"type": "null"}, out]}
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif isinstance(kind, list) and "null" not in kind:
            out["type"] = [*kind, "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


class ContractSpec:
    """The patched OpenAPI contract, indexed by operation, with cached JSON Schema validators."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        if not isinstance(document, Mapping):
            raise ValueError(f"an OpenAPI document is a JSON object, not {type(document).__name__}")
        if not isinstance(document.get("paths", {}), Mapping):
            raise ValueError("the OpenAPI document's paths must be an object")
        self.document: dict[str, Any] = copy.deepcopy(dict(document))
        self.json_schema: dict[str, Any] = _to_json_schema(self.document)
        self.operations: dict[str, Operation] = {}
        for path, item in self.document.get("paths", {}).items():
            if not isinstance(item, dict):
                continue
            for method, op in item.items():
                if method not in HTTP_METHODS or not isinstance(op, dict):
                    continue
                operation = self._operation(path, method, item, op)
                self.operations[operation.operation_id] = operation
        self._validators: dict[str, Draft4Validator] = {}

    # ---- construction helpers

    def resolve(self, node: Any) -> Any:
        """Follow local ``$ref``s (in the raw document) until a non-reference node."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#/"):
                raise ValueError(f"cannot resolve $ref {ref!r}")
            seen.add(ref)
            node = self._at(self.document, ref)
        return node

    @staticmethod
    def _at(document: Any, pointer: str) -> Any:
        node = document
        for raw in pointer[2:].split("/") if pointer != "#" else []:
            part = raw.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def _operation(self, path: str, method: str, item: Mapping[str, Any], op: Mapping[str, Any]) -> Operation:
        base = ("paths", path, method)
        op_id = str(op.get("operationId") or f"{method.upper()} {path}")
        headers: list[HeaderParam] = []
        query: dict[str, Any] = {}
        query_required: list[str] = []
        sources = (
            (("paths", path, "parameters"), item.get("parameters", [])),
            ((*base, "parameters"), op.get("parameters", [])),
        )
        for where, declared in sources:
            for index, raw in enumerate(declared):
                param = self.resolve(raw)
                if param.get("in") == "query" and "schema" in param:
                    name = str(param.get("name", "")).removesuffix("[]")
                    query[name] = _to_json_schema(copy.deepcopy(param["schema"]))
                    if param.get("required") and name not in query_required:
                        query_required.append(name)
                    continue
                if param.get("in") != "header" or "schema" not in param:
                    continue
                if isinstance(raw, dict) and "$ref" in raw:
                    pointer = raw["$ref"] + "/schema"
                else:
                    pointer = _pointer(*where, str(index), "schema")
                headers.append(HeaderParam(str(param["name"]), bool(param.get("required")), pointer))
        body_pointer: str | None = None
        body_media: str | None = None
        body_required = False
        if "requestBody" in op:
            body_ref = op["requestBody"]
            body = self.resolve(body_ref)
            prefix = (
                body_ref["$ref"]
                if isinstance(body_ref, dict) and "$ref" in body_ref
                else _pointer(*base, "requestBody")
            )
            for media in body.get("content", {}):
                if _JSON_MEDIA.fullmatch(media) and "schema" in body["content"][media]:
                    body_pointer = f"{prefix}/content/{_escape(media)}/schema"
                    body_media = media.split(";", 1)[0].strip().lower()
                    break
            body_required = bool(body.get("required"))
        responses: dict[str, str | None] = {}
        for status, raw_response in op.get("responses", {}).items():
            response = self.resolve(raw_response)
            prefix = (
                raw_response["$ref"]
                if isinstance(raw_response, dict) and "$ref" in raw_response
                else _pointer(*base, "responses", str(status))
            )
            pointer = None
            for media in response.get("content", {}):
                if _JSON_MEDIA.fullmatch(media) and "schema" in response["content"][media]:
                    pointer = f"{prefix}/content/{_escape(media)}/schema"
                    break
            responses[str(status)] = pointer
        if body_pointer is None and query:
            # A contract with query parameters (the vendor's newer one): they are validated like a
            # body, from one object schema made of them (``key[]`` names an array ``key``).
            synthetic = {"type": "object", "properties": query, "additionalProperties": False}
            if query_required:
                synthetic["required"] = query_required
            self.json_schema.setdefault(_QUERY_SCHEMAS, {})[op_id] = synthetic
            body_pointer = _pointer(_QUERY_SCHEMAS, op_id)
            body_required = bool(query_required)
        wire = op.get("x-socialecho-wire", "query" if query and "requestBody" not in op else "json-body")
        return Operation(
            operation_id=op_id,
            method=method.upper(),
            path=path,
            wire="query" if wire == "query" else "json-body",
            body_pointer=body_pointer,
            body_required=body_required,
            body_media=body_media,
            headers=tuple(headers),
            responses=responses,
            resend_safe=op.get("x-socialecho-resend-safe", True) is not False,
        )

    # ---- queries

    @property
    def success_codes(self) -> tuple[int, ...]:
        """The business codes meaning success: ``components.schemas.SuccessCode.enum``, else the integer
        ``code`` enums of the operations' success responses (the vendor's newer export: ``[0]``)."""
        schema = self.document.get("components", {}).get("schemas", {}).get("SuccessCode", {})
        codes = [code for code in schema.get("enum", []) if type(code) is int]
        if not codes:
            for operation in self.operations.values():
                pointer = operation.responses.get(operation.success_status)
                body = self.resolved_schema_at(pointer) if pointer else None
                code = body.get("properties", {}).get("code") if isinstance(body, dict) else None
                while isinstance(code, dict) and isinstance(code.get("$ref"), str):
                    code = self._at(self.json_schema, code["$ref"])
                enum = code.get("enum", []) if isinstance(code, dict) else []
                codes += [c for c in enum if type(c) is int and c not in codes]
        return tuple(codes)

    def find(self, method: str, path: str) -> tuple[Operation | None, bool]:
        """The operation for ``method path``; the flag says whether the path exists at all."""
        known = False
        for operation in self.operations.values():
            if operation.path == path:
                known = True
                if operation.method == method.upper():
                    return operation, True
        return None, known

    def schema_at(self, pointer: str) -> Any:
        """The JSON Schema (nullable converted, refs *not* inlined) at a pointer."""
        return self._at(self.json_schema, pointer)

    def resolved_schema_at(self, pointer: str) -> Any:
        """Like :meth:`schema_at`, with the top-level ``$ref`` chain followed."""
        node = self.schema_at(pointer)
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
            seen.add(node["$ref"])
            node = self._at(self.json_schema, node["$ref"])
        return node

    def validator(self, pointer: str) -> Draft4Validator:
        """A Draft 4 validator for the schema at ``pointer``, resolving refs against the whole spec."""
        found = self._validators.get(pointer)
        if found is None:
            self._at(self.json_schema, pointer)  # fail early on a wrong pointer
            # Draft 4 ignores a $ref's siblings: the root validates only the pointer, and every
            # "#/components/..." inside resolves against this same document.
            root = {key: value for key, value in self.json_schema.items() if key != "$ref"}
            root["$ref"] = pointer
            found = Draft4Validator(root, format_checker=_FORMAT_CHECKER)
            self._validators[pointer] = found
        return found

    def violations(self, pointer: str, instance: Any) -> list[Violation]:
        """Every violation of the schema at ``pointer``, sorted by location."""
        out: list[Violation] = []
        for error in self.validator(pointer).iter_errors(instance):
            out.extend(_violations_of(error))
        return sorted(set(out), key=lambda v: (v.path, v.message))

    def unknown_fields(self, pointer: str, instance: Any) -> list[str]:
        """JSON paths of object keys the schema does not declare (array indices folded to ``[*]``)."""
        found: set[str] = set()
        self._unknown(self.schema_at(pointer), instance, "$", found, 0)
        return sorted(found)

    def _deref(self, schema: Any) -> Any:
        seen: set[str] = set()
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and schema["$ref"] not in seen:
            seen.add(schema["$ref"])
            schema = self._at(self.json_schema, schema["$ref"])
        return schema

    def _object_shape(self, schema: Mapping[str, Any], depth: int = 0) -> tuple[dict[str, Any], bool, bool]:
        """Declared properties (``allOf`` merged), whether any were declared, whether extra keys are a map."""
        properties = dict(schema.get("properties", {})) if isinstance(schema.get("properties"), dict) else {}
        declared = "properties" in schema
        open_map = isinstance(schema.get("additionalProperties"), dict)
        for part in schema.get("allOf", []) if depth < 16 else []:
            part = self._deref(part)
            if isinstance(part, dict):
                more, part_declared, part_open = self._object_shape(part, depth + 1)
                properties.update(more)
                declared, open_map = declared or part_declared, open_map or part_open
        return properties, declared, open_map

    def _unknown(self, schema: Any, instance: Any, path: str, found: set[str], depth: int) -> None:
        schema = self._deref(schema)
        if depth > 64 or not isinstance(schema, dict) or instance is None:
            return
        for key in ("anyOf", "oneOf"):
            if key in schema:
                branches = [self._deref(b) for b in schema[key]]
                branches = [b for b in branches if isinstance(b, dict) and b.get("type") != "null"]
                # The branch whose type fits the value (a nullable $ref has just one).
                chosen = next((b for b in branches if _fits_type(b, instance)), None)
                if chosen is not None:
                    self._unknown(chosen, instance, path, found, depth + 1)
                return
        if isinstance(instance, dict):
            properties, declared, open_map = self._object_shape(schema)
            for key, value in instance.items():
                child = json_path([key]).replace("$", path, 1)
                if key in properties:
                    self._unknown(properties[key], value, child, found, depth + 1)
                elif declared and not open_map:
                    found.add(child)
        elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
            for item in instance:
                self._unknown(schema["items"], item, f"{path}[*]", found, depth + 1)


def _fits_type(schema: Mapping[str, Any], instance: Any) -> bool:
    kind = schema.get("type")
    kinds = {kind} if isinstance(kind, str) else set(kind or [])
    if not kinds:
        return True
    actual = {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        int: "integer",
        float: "number",
    }.get(type(instance), "null")
    return actual in kinds or (actual == "integer" and "number" in kinds)


def _violations_of(error: jsonschema.ValidationError) -> list[Violation]:
    if error.context and error.validator in ("anyOf", "oneOf"):
        # A nullable $ref: report the non-null branch's own errors, which are more precise.
        inner = [e for e in error.context if e.validator != "type" or e.validator_value != "null"]
        if inner:
            return [v for e in inner for v in _violations_of(e)]
    parts = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        required: list[str] = list(error.validator_value) if isinstance(error.validator_value, list) else []
        missing = [name for name in required if name not in error.instance]
        return [
            Violation(
                json_path([*parts, name]), _field_name([*parts, name]), f"{name!r} is a required property"
            )
            for name in missing
        ]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        declared = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [name for name in error.instance if name not in declared]
        return [
            Violation(json_path([*parts, name]), _field_name([*parts, name]), f"{name!r} is not allowed")
            for name in extra
        ]
    return [Violation(json_path(parts), _field_name(parts), error.message)]


def _field_name(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(body)"


@cache
def _packaged_spec_text() -> str:
    return (resources.files("socialecho_client") / "openapi.json").read_text(encoding="utf-8")


@cache
def _default_contract() -> ContractSpec:
    return ContractSpec(json.loads(_packaged_spec_text()))


SpecSource = ContractSpec | Mapping[str, Any] | str | Path | None


def load_contract(spec: SpecSource = None) -> ContractSpec:
    """The contract from a :class:`ContractSpec`, a parsed document, a JSON file, or the packaged spec."""
    if spec is None:
        return _default_contract()
    if isinstance(spec, ContractSpec):
        return spec
    if isinstance(spec, str | Path):
        return ContractSpec(json.loads(Path(spec).read_text(encoding="utf-8")))
    return ContractSpec(spec)


# --------------------------------------------------------------------------------------------------
# Example bodies from schemas (deterministic, no Hypothesis)


class ExampleBuilder:
    """Builds a JSON value that satisfies a schema, from a seeded :class:`random.Random`."""

    def __init__(self, contract: ContractSpec, rng: random.Random) -> None:
        self.contract = contract
        self.rng = rng

    def build(self, schema: Any, name: str = "value", depth: int = 0) -> Any:
        rng = self.rng
        seen: set[str] = set()
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and schema["$ref"] not in seen:
            seen.add(schema["$ref"])
            schema = self.contract._at(self.contract.json_schema, schema["$ref"])
        if not isinstance(schema, dict):
            return None
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                value = self.build(part, name, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
            return merged
        for key in ("anyOf", "oneOf"):
            if key in schema:
                options = [o for o in schema[key] if not (isinstance(o, dict) and o.get("type") == "null")]
                return self.build(options[0] if options else {}, name, depth + 1)
        if "enum" in schema:
            return copy.deepcopy(rng.choice(schema["enum"]))
        if "default" in schema:
            return copy.deepcopy(schema["default"])
        kind = schema.get("type")
        if isinstance(kind, list):
            if "null" in kind and rng.random() < 0.15:
                return None
            kind = next((k for k in kind if k != "null"), None)
        if kind is None and "properties" in schema:
            kind = "object"
        if kind == "object" or (kind is None and depth == 0):
            return self._object(schema, depth)
        if kind == "array":
            limit = min(int(schema.get("maxItems", 3)), 3)
            count = rng.randint(min(int(schema.get("minItems", 0)), limit), limit) if depth < 6 else 0
            return [self.build(schema.get("items", {}), name, depth + 1) for _ in range(count)]
        if kind == "integer":
            low = int(schema.get("minimum", 1))
            high = int(schema.get("maximum", max(low, 1) + 99_999))
            return rng.randint(low, max(low, high))
        if kind == "number":
            bottom = float(schema.get("minimum", 0))
            top = float(schema.get("maximum", bottom + 10_000))
            return round(rng.uniform(bottom, top), 2)
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "string":
            return self._string(schema, name)
        return None  # untyped ("any") value: null is the least surprising example

    def _object(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        required = set(schema.get("required", []))
        out: dict[str, Any] = {}
        for key, sub in schema.get("properties", {}).items():
            if key in required or (depth < 6 and self.rng.random() < 0.7):
                out[key] = self.build(sub, key, depth + 1)
        return out

    def _string(self, schema: Mapping[str, Any], name: str) -> str:
        rng = self.rng
        fmt = schema.get("format")
        if fmt == "date":
            return (datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 365))).isoformat()
        if fmt == "date-time":
            moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
                seconds=rng.randint(0, 365 * 86400)
            )
            return moment.isoformat().replace("+00:00", "Z")
        number = rng.randint(1, 99_999)
        if name == "upload_url":
            return f"https://{UPLOAD_HOST}/{number}?signature=mock"
        if fmt in ("uri", "url") or name == "url" or name.endswith("_url"):
            return f"https://{CDN_HOST}/{name}/{number}"
        text = f"{name}-{number}"
        low, high = int(schema.get("minLength", 0)), int(schema.get("maxLength", 64))
        text = text[:high]
        return text + "x" * max(0, low - len(text))


# --------------------------------------------------------------------------------------------------
# The mock


@dataclass
class MockCall:
    """One request the mock answered."""

    request: httpx.Request
    response: httpx.Response
    operation_id: str | None
    wire: Wire | None
    params: Any
    """The operation's parameters as decoded from the JSON body or the query string."""
    error: str | None
    """Why the request was rejected, ``None`` when it was accepted."""

    @property
    def accepted(self) -> bool:
        return self.error is None and 200 <= self.response.status_code < 300

    @property
    def status_code(self) -> int:
        return self.response.status_code

    def json(self) -> Any:
        """The JSON body of the response."""
        return json.loads(self.response.content)


class _Rejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


Responder = Callable[["httpx.Request", Any], "httpx.Response | Mapping[str, Any]"]


@dataclass
class _Fixed:
    data: Any
    per_page: int


@dataclass
class SocialEchoMock:
    """The mock: recorded calls, queued responses, fixed data. Build it with :func:`mock_socialecho`."""

    contract: ContractSpec
    base_url: str = DEFAULT_BASE_URL
    success_codes: tuple[int, ...] = (0, 200)
    seed: int = 0
    wire: Wire | None = None
    calls: list[MockCall] = field(default_factory=list)
    _queued: dict[str, deque[Any]] = field(default_factory=dict)
    _fixed: dict[str, _Fixed] = field(default_factory=dict)
    _successes: int = 0
    _requests: int = 0
    _tickets: dict[str, str | None] = field(default_factory=dict)  # upload URL handed out -> its type
    _lock: threading.RLock = field(default_factory=threading.RLock)
    router: respx.MockRouter | None = None

    def __post_init__(self) -> None:
        if not self.success_codes:
            raise ValueError("success_codes must not be empty")
        wrong = [c for c in self.success_codes if type(c) is not int]
        if wrong:
            raise ValueError(f"success_codes must be integers (the envelope's code), got {wrong!r}")
        if self.wire is not None and self.wire not in WIRES:
            raise ValueError(f"wire must be one of {WIRES}, not {self.wire!r}")

    # ---- inspection

    @property
    def accepted_calls(self) -> list[MockCall]:
        return [call for call in self.calls if call.accepted]

    def calls_for(self, operation_id: str) -> list[MockCall]:
        """The recorded calls of one operation (by operationId, e.g. ``"getReport"``)."""
        self._operation(operation_id)
        return [call for call in self.calls if call.operation_id == operation_id]

    def reset(self) -> None:
        """Forget recorded calls, queued responses and fixed data; restart the code/ID counters."""
        self.calls.clear()
        self._queued.clear()
        self._fixed.clear()
        self._successes = 0
        self._requests = 0
        self._tickets.clear()

    # ---- configuration

    def queue(self, operation_id: str, *responses: httpx.Response | Mapping[str, Any] | Responder) -> None:
        """Answer the next valid requests of an operation with these responses, in order.

        Each item is an ``httpx.Response``, a JSON object (sent with HTTP 200), or a callable
        ``(request, params) -> response``. Requests that break the contract are still rejected first.
        """
        self._operation(operation_id)
        self._queued.setdefault(operation_id, deque()).extend(responses)

    def set_data(self, operation_id: str, data: Any, *, per_page: int = 10) -> None:
        """Answer every valid request of an operation with this ``data`` inside a generated envelope.

        For a paginated operation (``data`` holds ``page``/``per_page``/``total``/``list``) pass the
        whole list: the mock serves the requested ``page``. The result is validated against the
        contract now, so a fixture that breaks it fails where it is written.
        """
        operation = self._operation(operation_id)
        if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
            raise ValueError(f"per_page must be a positive integer, got {per_page!r}")
        previous = self._fixed.get(operation_id)
        self._fixed[operation_id] = _Fixed(copy.deepcopy(data), per_page)
        if isinstance(data, list) and self._paginated(operation):
            pages = range(1, max(1, -(-len(data) // per_page)) + 1)  # every page the list makes
            samples = [(f"page {page}: ", self._envelope(operation, {"page": page})) for page in pages]
        else:
            samples = [("", self._envelope(operation, {}))]
        pointer = operation.responses.get(operation.success_status)
        for where, sample in samples:
            problems = self.contract.violations(pointer, sample) if pointer else []
            if problems:
                if previous is None:  # the data set before stays in force
                    del self._fixed[operation_id]
                else:
                    self._fixed[operation_id] = previous
                detail = "; ".join(f"{p.path}: {p.message}" for p in problems)
                raise ValueError(f"data for {operation_id} breaks the contract: {where}{detail}")

    def _operation(self, operation_id: str) -> Operation:
        try:
            return self.contract.operations[operation_id]
        except KeyError:
            known = ", ".join(sorted(self.contract.operations))
            raise KeyError(f"unknown operation {operation_id!r} (known: {known})") from None

    # ---- request handling

    def handle(self, request: httpx.Request) -> httpx.Response:
        """The respx side effect: validate, answer, record (one request at a time)."""
        with self._lock:
            return self._handle(request)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self._requests += 1
        request_id = f"mock-{self.seed}-{self._requests:06d}"
        path = request.url.path
        if self._base_path and path.startswith(self._base_path):
            path = path[len(self._base_path) :] or "/"
        operation, known = self.contract.find(request.method, path)
        params: Any = None
        wire: Wire | None = None
        try:
            if operation is None:
                if known:
                    raise _Rejected(405, f"method {request.method} not allowed on {path}")
                raise _Rejected(404, f"no operation {request.method} {path}")
            self._check_auth(request)
            self._check_headers(operation, request)
            wire = self._wire_of(operation)
            params = self._params(operation, wire, request)
            response = self._answer(operation, request, params, request_id)
        except _Rejected as rejected:
            body = {"code": rejected.status, "message": rejected.message, "request_id": request_id}
            response = httpx.Response(
                rejected.status,
                json=body,
                headers={"X-Request-Id": request_id},
                request=request,
            )
            self.calls.append(
                MockCall(
                    request,
                    response,
                    operation.operation_id if operation else None,
                    wire,
                    params,
                    rejected.message,
                )
            )
            return response
        self.calls.append(MockCall(request, response, operation.operation_id, wire, params, None))
        return response

    @property
    def _base_path(self) -> str:
        return urlsplit(self.base_url).path.rstrip("/")

    @property
    def uploads(self) -> list[MockCall]:
        """The uploads to the pre-signed URLs the mock handed out (``operation_id`` ``"upload"``)."""
        return [call for call in self.calls if call.operation_id == UPLOAD_OPERATION]

    def _remember_ticket(self, body: Mapping[str, Any], params: Any) -> None:
        data = body.get("data")
        url = data.get("upload_url") if isinstance(data, Mapping) else None
        if isinstance(url, str):
            wanted = params.get("content_type") if isinstance(params, Mapping) else None
            self._tickets[url] = wanted if isinstance(wanted, str) else None

    def handle_upload(self, request: httpx.Request) -> httpx.Response:
        """A pre-signed upload URL this mock handed out: an https PUT of the bytes with the Content-Type
        given to getUploadUrl, and no API key."""
        with self._lock:
            self._requests += 1
            problem, status = None, 400
            content_type = request.headers.get("Content-Type")
            url = str(request.url)
            if url not in self._tickets:
                problem, status = "not an upload URL this mock handed out (getUploadUrl)", 404
            elif request.url.scheme != "https":
                problem = "uploads go over https"
            elif request.method != "PUT":
                problem = f"uploads take PUT, not {request.method}"
            elif "Authorization" in request.headers:
                problem = "an upload to a pre-signed URL must not carry the Authorization header"
            elif not content_type:
                problem = "an upload needs the Content-Type given to getUploadUrl"
            elif self._tickets[url] not in (None, content_type.split(";", 1)[0].strip().lower()):
                problem = f"the URL is signed for Content-Type {self._tickets[url]}, not {content_type}"
            elif not request.content:
                problem = "the upload carries no bytes"
            response = httpx.Response(status if problem else 200, text=problem or "", request=request)
            size = len(request.content)
            self.calls.append(MockCall(request, response, UPLOAD_OPERATION, None, {"size": size}, problem))
            return response

    def _wire_of(self, operation: Operation) -> Wire:
        if operation.method != "GET":
            return "json-body"
        return self.wire or operation.wire

    @staticmethod
    def _check_auth(request: httpx.Request) -> None:
        header = request.headers.get("Authorization")
        if header is None:
            raise _Rejected(401, "missing Authorization header (expected 'Bearer <team API key>')")
        if not _BEARER.fullmatch(header):
            raise _Rejected(401, "malformed Authorization header (expected 'Bearer <team API key>')")

    def _check_headers(self, operation: Operation, request: httpx.Request) -> None:
        for param in operation.headers:
            values = request.headers.get_list(param.name)
            if not values:
                if param.required:
                    raise _Rejected(400, f"missing header {param.name}")
                continue
            if len(values) > 1:
                raise _Rejected(400, f"header {param.name} sent {len(values)} times")
            raw = values[0]
            if not raw.strip():
                raise _Rejected(400, f"header {param.name} is empty (omit it when it is not set)")
            value = _coerce_text(raw, self.contract.resolved_schema_at(param.schema_pointer))
            problems = self.contract.violations(param.schema_pointer, value)
            if problems:
                raise _Rejected(400, f"invalid header {param.name}: {problems[0].message}")

    def _params(self, operation: Operation, wire: Wire, request: httpx.Request) -> Any:
        content = request.content
        query = request.url.params
        if wire == "query":
            if content:
                raise _Rejected(400, "a GET must not carry a body: send the parameters in the query string")
            schema = (
                self.contract.resolved_schema_at(operation.body_pointer) if operation.body_pointer else {}
            )
            params: Any = _decode_query(query.multi_items(), schema if isinstance(schema, dict) else {})
        else:
            if query:
                names = ", ".join(sorted(set(query.keys())))
                raise _Rejected(
                    400, f"unexpected query parameters ({names}): send the parameters as a JSON body"
                )
            if not content:
                if operation.body_pointer and operation.body_required:
                    raise _Rejected(
                        400, "missing JSON request body: this operation takes its parameters as JSON"
                    )
                return None
            content_type = request.headers.get("Content-Type", "")
            media = content_type.split(";", 1)[0].strip().lower()
            expected = operation.body_media or "application/json"
            if media != expected:
                raise _Rejected(400, f"Content-Type must be {expected}, got {content_type or 'none'!r}")
            try:
                params = strict_json_loads(content)
            except ValueError as exc:
                raise _Rejected(400, f"request body is not valid JSON: {exc}") from None
            if operation.body_pointer is None:
                raise _Rejected(400, "this operation takes no request body")
        if operation.body_pointer is not None:
            problems = self.contract.violations(operation.body_pointer, params)
            if problems:
                detail = "; ".join(
                    f"{p.message}" if p.field == "(body)" else f"{p.field}: {p.message}" for p in problems
                )
                fields = ", ".join(dict.fromkeys(p.field for p in problems))
                raise _Rejected(400, f"invalid parameter(s) {fields}: {detail}")
        return params

    def _answer(
        self, operation: Operation, request: httpx.Request, params: Any, request_id: str
    ) -> httpx.Response:
        queued = self._queued.get(operation.operation_id)
        if queued:
            item = queued.popleft()
            if callable(item):
                item = item(request, params)
            if isinstance(item, httpx.Response):
                try:
                    item.request  # noqa: B018 - raises when the response was built without one
                except RuntimeError:
                    item.request = request
                return item
            self._remember_ticket(dict(item), params)
            return httpx.Response(200, json=dict(item), headers={"X-Request-Id": request_id}, request=request)
        body = self._envelope(operation, params if isinstance(params, dict) else {})
        body["request_id"] = request_id
        self._remember_ticket(body, params)
        self._successes += 1
        status = int(operation.success_status) if operation.success_status.isdigit() else 200
        return httpx.Response(status, json=body, headers={"X-Request-Id": request_id}, request=request)

    # ---- response bodies

    def _paginated(self, operation: Operation) -> bool:
        data = self._data_schema(operation)
        return isinstance(data, dict) and {"page", "per_page", "total", "list"} <= set(
            data.get("properties", {})
        )

    def _data_schema(self, operation: Operation) -> Any:
        pointer = operation.responses.get(operation.success_status)
        if pointer is None:
            return None
        schema = self.contract.resolved_schema_at(pointer)
        data = schema.get("properties", {}).get("data") if isinstance(schema, dict) else None
        seen: set[str] = set()
        while isinstance(data, dict) and isinstance(data.get("$ref"), str) and data["$ref"] not in seen:
            seen.add(data["$ref"])
            data = self.contract._at(self.contract.json_schema, data["$ref"])
        return data

    def _envelope(self, operation: Operation, params: Mapping[str, Any]) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}:{operation.operation_id}:{self._successes}")  # noqa: S311
        pointer = operation.responses.get(operation.success_status)
        schema = self.contract.schema_at(pointer) if pointer else {"type": "object"}
        body = ExampleBuilder(self.contract, rng).build(schema, "response")
        if not isinstance(body, dict):
            body = {}
        body["code"] = self.success_codes[self._successes % len(self.success_codes)]
        body["message"] = "success"
        raw_page = params.get("page")
        page = raw_page if isinstance(raw_page, int) and not isinstance(raw_page, bool) else 1
        fixed = self._fixed.get(operation.operation_id)
        if fixed is not None:
            if isinstance(fixed.data, list) and self._paginated(operation):
                start = (max(page, 1) - 1) * fixed.per_page
                body["data"] = {
                    "page": page,
                    "per_page": fixed.per_page,
                    "total": len(fixed.data),
                    "list": copy.deepcopy(fixed.data[start : start + fixed.per_page]),
                }
            else:
                body["data"] = copy.deepcopy(fixed.data)
        elif self._paginated(operation) and isinstance(body.get("data"), dict):
            # A generated page is the last one: total agrees with page and per_page.
            data = body["data"]
            items = data.get("list") if isinstance(data.get("list"), list) else []
            data.update({"page": page, "per_page": 10, "total": (max(page, 1) - 1) * 10 + len(items)})
            data["list"] = items
        return body


def _coerce_text(raw: str, schema: Any) -> Any:
    """A header or query string value typed as its schema asks (left a string when it does not parse)."""
    kinds = schema.get("type") if isinstance(schema, dict) else None
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    try:
        if "integer" in kinds and _INTEGER.fullmatch(raw):
            return int(raw)
        if "number" in kinds and _NUMBER.fullmatch(raw):
            return float(raw) if not _INTEGER.fullmatch(raw) else int(raw)
    except ValueError:  # more digits than int() takes: left as text, which the schema then refuses
        return raw
    if "boolean" in kinds and raw in ("true", "false"):
        return raw == "true"
    return raw


def _decode_query(items: Sequence[tuple[str, str]], schema: Mapping[str, Any]) -> dict[str, Any]:
    """Query pairs → a JSON object following the body schema (``key[]`` = array items)."""
    properties = schema.get("properties", {}) if isinstance(schema.get("properties"), dict) else {}
    out: dict[str, Any] = {}
    for key, raw in items:
        if key.endswith("[]"):
            name = key[:-2]
            sub = properties.get(name, {})
            if (
                isinstance(sub, dict)
                and sub.get("type") not in ("array", ["array", "null"])
                and name in properties
            ):
                raise _Rejected(400, f"{name} is not an array: send it once as {name}=<value>")
            items_schema = sub.get("items", {}) if isinstance(sub, dict) else {}
            existing = out.setdefault(name, [])
            if not isinstance(existing, list):
                raise _Rejected(400, f"{name} sent both as {name} and {name}[]")
            existing.append(_coerce_text(raw, items_schema))
            continue
        sub = properties.get(key, {})
        if isinstance(sub, dict) and sub.get("type") in ("array", ["array", "null"]):
            raise _Rejected(400, f"{key} is an array: repeat the bracketed key, {key}[]=1&{key}[]=2")
        if key in out:
            raise _Rejected(400, f"query parameter {key} sent more than once")
        out[key] = _coerce_text(raw, sub)
    return out


@contextmanager
def mock_socialecho(
    spec: SpecSource = None,
    base_url: str = DEFAULT_BASE_URL,
    success_codes: Sequence[int] | None = None,
    seed: int = 0,
    wire: Wire | None = None,
) -> Iterator[SocialEchoMock]:
    """Install the spec-driven mock for every ``httpx`` client in the process, for the ``with`` block.

    ``spec``: a parsed document, a path to a JSON file, a :class:`ContractSpec`, or ``None`` for the
    patched contract shipped in ``socialecho_client``. ``success_codes``: the business codes the success
    answers cycle through. ``seed``: makes the generated bodies reproducible. ``wire``: force the wire
    format of every GET (``"json-body"`` or ``"query"``); ``None`` follows each operation's
    ``x-socialecho-wire``. Requests to another host than ``base_url`` raise (respx: not mocked).
    """
    import respx

    contract = load_contract(spec)
    state = SocialEchoMock(
        contract=contract,
        base_url=base_url.rstrip("/"),
        success_codes=tuple(contract.success_codes or (0, 200))
        if success_codes is None
        else tuple(success_codes),
        seed=seed,
        wire=wire,
    )
    url = httpx.URL(state.base_url)
    router = respx.mock(assert_all_called=False, assert_all_mocked=True)
    router.route(
        scheme=url.scheme,
        host=url.host,
        port=url.port or (443 if url.scheme == "https" else 80),
        path__startswith=url.path.rstrip("/") or "/",
    ).mock(side_effect=state.handle)
    router.route(host=UPLOAD_HOST).mock(side_effect=state.handle_upload)
    state.router = router
    with _ACTIVE_LOCK:
        if _ACTIVE:
            raise RuntimeError(
                "a SocialEcho mock is already active (the socialecho_mock fixture, or an outer "
                "mock_socialecho block): nested mocks are not supported; configure the active one "
                "(set_data, queue, reset) instead"
            )
        _ACTIVE.append(state)
    try:
        with router:
            yield state
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE.remove(state)
