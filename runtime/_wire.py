"""Wire formats of GET parameters.

The patched spec records the wire format on each operation (``x-socialecho-wire``). ``json-body``
sends GET parameters as a JSON body (the v1.1.0 contract); ``query`` sends them in the query string
with arrays as a repeated bracketed key, ``account_ids[]=1&account_ids[]=2`` (the v2.1.0 contract).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

Wire = Literal["json-body", "query"]
WIRES: tuple[Wire, ...] = ("json-body", "query")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    raise TypeError(f"cannot encode {type(value).__name__} in a query string")


def json_body_to_query(body: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Encode a JSON object body as query pairs: arrays as repeated ``key[]``, ``None`` dropped.

    Nested objects are encoded as ``key[sub]``. Order follows the body's key order.
    """
    pairs: list[tuple[str, str]] = []

    def add(key: str, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, list | tuple):
            for item in value:
                if item is not None:
                    add(f"{key}[]", item)
        elif isinstance(value, Mapping):
            for sub, item in value.items():
                add(f"{key}[{sub}]", item)
        else:
            pairs.append((key, _scalar(value)))

    for key, value in body.items():
        add(str(key), value)
    return pairs
