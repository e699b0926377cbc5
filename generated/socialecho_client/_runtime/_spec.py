"""Facts read once from the patched spec shipped in the package (``openapi.json``).

Nothing here is hard-coded: the success codes come from ``components.schemas.SuccessCode.enum``, the
wire format of each operation from its ``x-socialecho-wire`` extension, whether a request may be
re-sent from ``x-socialecho-resend-safe`` (default: safe for GET, not for anything else), and the
default base URL from ``servers[0]``.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from ._wire import WIRES, Wire

__all__ = ["OperationInfo", "SpecFacts", "operation_for", "spec_facts"]

_PACKAGE = __name__.split(".")[0]
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class OperationInfo:
    """One operation as the transport sees it."""

    operation_id: str
    method: str
    path: str
    wire: Wire
    resend_safe: bool


@dataclass(frozen=True)
class SpecFacts:
    success_codes: frozenset[int]
    default_wire: Wire
    operations: Mapping[tuple[str, str], OperationInfo]
    base_url: str


def _wire(value: Any, where: str) -> Wire:
    for wire in WIRES:
        if value == wire:
            return wire
    raise RuntimeError(f"patched spec: {where} has x-socialecho-wire {value!r}; expected one of {WIRES}")


def facts_from_document(doc: Mapping[str, Any]) -> SpecFacts:
    """Extract the runtime's facts from a patched OpenAPI document."""
    codes = doc["components"]["schemas"]["SuccessCode"]["enum"]
    if not codes or not all(type(code) is int for code in codes):
        raise RuntimeError(f"patched spec: SuccessCode.enum must be a list of integers, got {codes!r}")
    operations: dict[tuple[str, str], OperationInfo] = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if not isinstance(op, Mapping) or "responses" not in op:
                continue
            verb = method.upper()
            where = f"{verb} {path}"
            operations[(verb, path)] = OperationInfo(
                operation_id=str(op.get("operationId", where)),
                method=verb,
                path=path,
                wire=_wire(op.get("x-socialecho-wire", "json-body"), where),
                resend_safe=bool(op.get("x-socialecho-resend-safe", verb in _SAFE_METHODS)),
            )
    get_wires = Counter(op.wire for op in operations.values() if op.method == "GET")
    default: Wire = get_wires.most_common(1)[0][0] if get_wires else "json-body"
    servers = doc.get("servers") or [{"url": ""}]
    return SpecFacts(frozenset(codes), default, MappingProxyType(operations), str(servers[0]["url"]))


@functools.cache
def spec_facts() -> SpecFacts:
    """The facts of the spec this package was generated from (read on first use, then cached)."""
    text = (resources.files(_PACKAGE) / "openapi.json").read_text(encoding="utf-8")
    return facts_from_document(json.loads(text))


def operation_for(method: str, path: str) -> OperationInfo:
    """The operation for a request; an unknown path gets the defaults (re-sendable only if GET-like)."""
    facts = spec_facts()
    found = facts.operations.get((method, path))
    if found is not None:
        return found
    return OperationInfo(f"{method} {path}", method, path, facts.default_wire, method in _SAFE_METHODS)
