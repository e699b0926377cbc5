"""Where each operation of the contract lives in the generated client, found from the spec itself."""

from __future__ import annotations

import importlib
import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from socialecho_client import models

from socialecho_kit.mock import ContractSpec


@dataclass(frozen=True)
class Binding:
    """An operation of the contract and its generated function, body model and response model."""

    operation_id: str
    method: str
    path: str
    sync_detailed: Callable[..., Any]
    asyncio_detailed: Callable[..., Any]
    body_model: type[Any] | None
    response_model: type[Any]


def snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _ref_name(node: Any) -> str:
    ref = node["$ref"]
    assert isinstance(ref, str)
    return ref.rsplit("/", 1)[1]


def bind(contract: ContractSpec, operation_id: str) -> Binding:
    """The generated function of an operation: ``api/<first tag>/<snake_case(operationId)>.py``."""
    operation = contract.operations[operation_id]
    raw = contract.document["paths"][operation.path][operation.method.lower()]
    module = importlib.import_module(f"socialecho_client.api.{raw['tags'][0]}.{snake_case(operation_id)}")
    hints = typing.get_type_hints(module.sync_detailed)
    body = hints.get("body")
    success = raw["responses"][operation.success_status]["content"]["application/json"]["schema"]
    return Binding(
        operation_id=operation_id,
        method=operation.method,
        path=operation.path,
        sync_detailed=module.sync_detailed,
        asyncio_detailed=module.asyncio_detailed,
        body_model=body if isinstance(body, type) else None,
        response_model=getattr(models, _ref_name(success)),
    )


def header_kwargs(headers: dict[str, Any] | None) -> dict[str, Any]:
    """The generated functions' keyword arguments for the header parameters of a schemathesis case."""
    out: dict[str, Any] = {}
    for name, value in (headers or {}).items():
        if name.lower() == "x-lang":
            out["x_lang"] = value
        elif name.lower() == "x-team-id":
            out["x_team_id"] = int(value)
    return out


def response_components(contract: ContractSpec) -> list[str]:
    """Names of the component schemas reachable from any declared response (the response models)."""
    schemas = contract.document["components"]["schemas"]
    found: set[str] = set()

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
                    yield value.rsplit("/", 1)[1]
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    pending = [
        name
        for item in contract.document["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
        for response in op.get("responses", {}).values()
        for name in walk(response)
    ]
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending.extend(walk(schemas[name]))
    return sorted(found)
