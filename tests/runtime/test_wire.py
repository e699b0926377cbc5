"""The query wire encoding on its own (the client-level tests send it through the transport)."""

from __future__ import annotations

from typing import Any

import pytest
from socialecho_client._runtime._wire import json_body_to_query


@pytest.mark.parametrize(
    ("body", "pairs"),
    [
        ({}, []),
        ({"page": 2, "type": 1}, [("page", "2"), ("type", "1")]),
        ({"account_ids": [3, 1]}, [("account_ids[]", "3"), ("account_ids[]", "1")]),
        ({"account_ids": []}, []),
        ({"group": None, "page": 1}, [("page", "1")]),  # None is dropped, never the string "None"
        ({"account_ids": [1, None, 2]}, [("account_ids[]", "1"), ("account_ids[]", "2")]),
        ({"group": ""}, [("group", "")]),  # an empty string is a value (the caller decides to send it)
        ({"draft": False, "ratio": 0.5}, [("draft", "false"), ("ratio", "0.5")]),
        ({"flair": {"uuid": "u", "title": None}}, [("flair[uuid]", "u")]),
    ],
)
def test_json_body_to_query(body: dict[str, Any], pairs: list[tuple[str, str]]) -> None:
    assert json_body_to_query(body) == pairs


def test_unencodable_values_are_refused() -> None:
    with pytest.raises(TypeError, match="cannot encode bytes"):
        json_body_to_query({"blob": b"x"})
