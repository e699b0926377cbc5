"""The public surface of a generated client, read statically (no import), and a diff of two surfaces.

The surface is what callers depend on: every operation module's public functions with their full
signatures, every model class with its field names, types and positional order, and every literal/enum
type. Two
builds of the package (say from our export and from the vendor's) can be compared without
importing both (they share the package name).

    python -m scripts.surface OLD_PACKAGE_DIR NEW_PACKAGE_DIR   # exit 1 if the surfaces differ
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _signature(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    args = func.args
    parts: list[str] = []
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(args.args, defaults, strict=True):
        parts.append(_param(arg, default))
    if args.kwonlyargs:
        parts.append("*")
        for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            parts.append(_param(arg, kw_default))
    returns = ast.unparse(func.returns) if func.returns is not None else "?"
    prefix = "async " if isinstance(func, ast.AsyncFunctionDef) else ""
    return f"{prefix}({', '.join(parts)}) -> {returns}"


def _param(arg: ast.arg, default: ast.expr | None) -> str:
    text = arg.arg
    if arg.annotation is not None:
        text += f": {ast.unparse(arg.annotation)}"
    if default is not None:
        text += f" = {ast.unparse(default)}"
    return text


def _module_surface(tree: ast.Module) -> dict[str, Any]:
    functions: dict[str, str] = {}
    classes: dict[str, dict[str, str]] = {}
    aliases: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            functions[node.name] = _signature(node)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            fields = {
                ast.unparse(item.target): ast.unparse(item.annotation)
                for item in node.body
                if isinstance(item, ast.AnnAssign)
            }
            bases = ", ".join(ast.unparse(b) for b in node.bases)
            # attrs models take their fields positionally, in this order: reordering them is a change.
            order = ", ".join(name for name in fields if name != "additional_properties")
            classes[node.name] = {"__bases__": bases, "__field_order__": order, **fields}
        elif (
            isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        ):
            name = node.targets[0].id
            if not name.startswith("_") and isinstance(node.value, ast.Subscript):
                aliases[name] = ast.unparse(node.value)
    return {"functions": functions, "classes": classes, "aliases": aliases}


def public_surface(package_dir: Path) -> dict[str, Any]:
    """Operations (per module), models (fields and types) and type aliases of a generated package."""
    operations: dict[str, dict[str, str]] = {}
    models: dict[str, dict[str, str]] = {}
    aliases: dict[str, str] = {}
    for path in sorted((package_dir / "api").rglob("*.py")):
        if path.name == "__init__.py":
            continue
        surface = _module_surface(ast.parse(path.read_text(encoding="utf-8")))
        operations[path.relative_to(package_dir).with_suffix("").as_posix()] = surface["functions"]
    for path in sorted((package_dir / "models").glob("*.py")):
        surface = _module_surface(ast.parse(path.read_text(encoding="utf-8")))
        models.update(surface["classes"])
        aliases.update(surface["aliases"])
    return {"operations": operations, "models": models, "types": aliases}


def diff_surfaces(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Readable differences between two surfaces ('-' only in old, '+' only in new, '~' changed)."""
    lines: list[str] = []
    for section in ("operations", "models", "types"):
        a, b = old.get(section, {}), new.get(section, {})
        for name in sorted(set(a) - set(b)):
            lines.append(f"- {section[:-1]} {name}")
        for name in sorted(set(b) - set(a)):
            lines.append(f"+ {section[:-1]} {name}")
        for name in sorted(set(a) & set(b)):
            if a[name] == b[name]:
                continue
            if isinstance(a[name], dict) and isinstance(b[name], dict):
                for key in sorted(set(a[name]) | set(b[name])):
                    before, after = a[name].get(key), b[name].get(key)
                    if before != after:
                        lines.append(f"~ {section[:-1]} {name}.{key}: {before} -> {after}")
            else:
                lines.append(f"~ {section[:-1]} {name}: {a[name]} -> {b[name]}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m scripts.surface OLD_PACKAGE_DIR NEW_PACKAGE_DIR", file=sys.stderr)
        return 2
    changes = diff_surfaces(public_surface(Path(args[0])), public_surface(Path(args[1])))
    print("\n".join(changes) if changes else "client surface unchanged")
    return 1 if changes else 0


if __name__ == "__main__":
    sys.exit(main())
