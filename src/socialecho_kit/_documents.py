"""Strict reading of OpenAPI exports and overlay documents, as JSON data (one reader for the pipeline,
the overlay applier and the spec diff).

JSON: each key once per object (parsers differ on which of two they keep), no ``NaN`` / ``Infinity``,
no float beyond a double (``1e400``). YAML: the same, plus keys are the scalars' text (``200:`` is
``"200"``), plain scalars are read as JSON reads them (``on`` and ``017`` are text, dates stay strings),
and explicit tags that make non-JSON values (``!!timestamp``, ``!!binary``, ``!!set``) and aliases
(``*name``: JSON has none, and they make self-referencing or exponentially large documents) are refused.
A document nested too deeply to read is refused too.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

__all__ = ["DocumentError", "parse_document", "parse_json", "parse_yaml"]


class DocumentError(ValueError):
    """The text is not a JSON/YAML document this project reads."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DocumentError(f"duplicate key {key!r} in one object (JSON parsers would keep only one)")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise DocumentError(f"{name} is not a JSON value")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DocumentError(f"{text} is beyond the range of a JSON number")
    return value


@contextmanager
def _reading(language: str, syntax_error: type[Exception]) -> Iterator[None]:
    """Every failure of a parser as one :class:`DocumentError`."""
    try:
        yield
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError("nested too deeply to be read") from None
    except syntax_error as exc:
        raise DocumentError(f"not valid {language}: {' '.join(str(exc).split())}") from exc
    except ValueError as exc:  # an integer of more digits than int() takes
        raise DocumentError(f"not readable: {exc}") from None


def parse_json(text: str) -> Any:
    with _reading("JSON", json.JSONDecodeError):
        return json.loads(
            text, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite
        )


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "found an alias (*name): aliases are not accepted", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found a non-scalar key",
                    key_node.start_mark,
                )
            key = str(key_node.value)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r}",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


# Plain scalars read as JSON would read them (YAML 1.2's JSON schema), not as YAML 1.1 does: only
# true/false are booleans (``on``, ``yes``, ``no`` stay text), integers are decimal (``017`` stays text,
# ``1:30`` is not 90), and dates stay strings.
_YAML_11_ONLY = frozenset(
    {
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    }
)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML_11_ONLY]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$"
    ),
    list("-0123456789."),
)
_JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def _check_json(data: Any) -> None:
    """Only JSON values: no ``!!timestamp``, ``!!binary`` or ``!!set`` (explicit YAML tags), no NaN."""
    stack = [data]
    while stack:
        node = stack.pop()
        if not isinstance(node, _JSON_TYPES):
            raise DocumentError(f"a {type(node).__name__} value (an explicit YAML tag) is not a JSON value")
        if isinstance(node, float) and not math.isfinite(node):
            raise DocumentError(f"{node} (.nan / .inf) is not a JSON value")
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def parse_yaml(text: str) -> Any:
    with _reading("YAML", yaml.YAMLError):
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    _check_json(data)
    return data


def parse_document(text: str, name: str) -> Any:
    """JSON when ``name`` ends in ``.json``, else YAML; errors start with ``name``."""
    try:
        return parse_json(text) if name.lower().endswith(".json") else parse_yaml(text)
    except DocumentError as exc:
        raise DocumentError(f"{name}: {exc}") from exc
