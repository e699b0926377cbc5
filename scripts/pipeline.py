"""The spec pipeline: export -> strict overlays -> validation -> openapi-python-client -> generated/.

Usage (normally through the Makefile)::

    python -m scripts.pipeline generate [--spec PATH] [--out generated] [--skip-mypy]
    python -m scripts.pipeline check [--spec PATH]      # regenerate to a temp dir, byte-compare
    python -m scripts.pipeline patch --spec PATH --out FILE

A run builds everything in a temporary directory and only replaces the output directory when every
step passed, so a failed run leaves ``generated/`` untouched.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from openapi_spec_validator import validate as validate_openapi

from scripts.overlay import (
    OverlayError,
    UnmatchedActionsError,
    apply_overlays,
    load_document,
    load_overlay_order,
    load_overlays,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT / "openapi" / "socialecho.openapi.json"
OVERLAY_DIR = ROOT / "overlays"
CONFIG = ROOT / "config" / "openapi-python-client.yaml"
TEMPLATES = ROOT / "templates"
RUNTIME = ROOT / "runtime"
PACKAGE_FILES = ROOT / "config" / "generated"
PACKAGE = "socialecho_client"
PATCHED_SPEC_NAME = "openapi.json"
KNOWN_CONFIG_KEYS = {
    "class_overrides",
    "project_name_override",
    "package_name_override",
    "package_version_override",
    "literal_enums",
    "field_prefix",
    "post_hooks",
    "docstrings_on_attributes",
    "content_type_overrides",
    "http_timeout",
    "use_path_prefixes_for_title_model_names",
    "generate_all_tags",
}
IGNORED_NAMES = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


class PipelineError(Exception):
    """A step failed; the message says which and why."""


class ExportError(PipelineError):
    """The input export cannot be read as an OpenAPI 3.0 document: the run could not start (exit 2)."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _display(path: Path) -> str:
    """A path as shown in messages and provenance: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def _env() -> dict[str, str]:
    """Subprocess environment with this interpreter's scripts directory first on PATH (ruff, mypy)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONHASHSEED"] = "0"
    return env


def _run(cmd: Sequence[str], cwd: Path, step: str) -> str:
    proc = subprocess.run(list(cmd), cwd=cwd, env=_env(), capture_output=True, text=True, check=False)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        lines = output.splitlines()
        shown = "\n".join(lines[:40] + ([f"... ({len(lines) - 40} more lines)"] if len(lines) > 40 else []))
        raise PipelineError(f"{step} failed (exit {proc.returncode}):\n{shown}")
    return output


# --------------------------------------------------------------------------- patch + validate


def check_overlay_descriptions(overlays: Sequence[tuple[str, Any]]) -> None:
    """Project rule beyond the standard: every action says why it exists."""
    missing = [
        f"{source}: action #{i} ({action.get('target')})"
        for source, overlay in overlays
        for i, action in enumerate(overlay.get("actions", []))
        if not str(action.get("description", "")).strip()
    ]
    if missing:
        raise PipelineError("overlay actions without a description:\n  - " + "\n  - ".join(missing))


def load_export(spec_path: Path) -> dict[str, Any]:
    """Read the vendor export: JSON or YAML, UTF-8 (BOM tolerated), an OpenAPI 3.0.x object."""
    name = _display(spec_path)
    if not spec_path.is_file():
        raise ExportError(f"input export not found: {spec_path}")
    try:
        document = load_document(spec_path, name)
    except OverlayError as exc:
        raise ExportError(f"input export {exc}") from exc
    if not isinstance(document, dict):
        kind = "an array" if isinstance(document, list) else "empty" if document is None else "a scalar"
        raise ExportError(f"input export {name}: not an OpenAPI document (the top level is {kind})")
    version = document.get("openapi")
    if not isinstance(version, str) or not re.fullmatch(r"3\.0\.\d+", version):
        found = f"'openapi: {version}'" if version is not None else "no 'openapi' field"
        if "swagger" in document:
            found = f"'swagger: {document['swagger']}'"
        raise ExportError(
            f"input export {name}: {found}; the overlays and the generator set-up are written for "
            "OpenAPI 3.0.x (3.1 changes 'nullable' and 'exclusiveMinimum'; review the overlays first)"
        )
    if not isinstance(document.get("paths"), dict):
        raise ExportError(f"input export {name}: no 'paths' object")
    return document


def patch_spec(spec_path: Path, overlay_dir: Path | None = None) -> dict[str, Any]:
    """Apply the listed overlays (default: overlays/) to the export, strictly."""
    overlay_dir = overlay_dir or OVERLAY_DIR
    document = load_export(spec_path)
    overlays = load_overlays(overlay_dir, ROOT if overlay_dir.resolve().is_relative_to(ROOT) else None)
    check_overlay_descriptions(overlays)
    patched: dict[str, Any] = apply_overlays(document, overlays)
    return patched


def _walk_refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _walk_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_refs(item)


def _lookup(document: Any, ref: str) -> tuple[bool, Any]:
    if not ref.startswith("#/"):
        return False, None
    node = document
    for raw in ref[2:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False, None
    return True, node


def _resolve_pointer(document: Any, ref: str) -> bool:
    return _lookup(document, ref)[0]


HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
WIRES = ("json-body", "query")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _jsonpath(path: Sequence[str | int]) -> str:
    """A location as a normalized JSONPath, the way overlay targets are written."""
    parts = ["$"]
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif _IDENTIFIER.fullmatch(step):
            parts.append(f".{step}")
        else:
            parts.append("[" + repr(step) + "]")
    return "".join(parts)


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    for path, item in spec.get("paths", {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                yield path, method, item, op


def _operation_problems(spec: dict[str, Any]) -> list[str]:
    """What the generated client and the runtime rely on for every operation, after the overlays."""
    problems = []
    for path, method, item, op in _operations(spec):
        where = f"{method.upper()} {path}"
        if not op.get("operationId"):
            problems.append(f"{where}: no operationId (its function name would follow the export's summary)")
        if not op.get("tags"):
            problems.append(f"{where}: no tag (it would land in api/default/)")
        wire = op.get("x-socialecho-wire")
        if wire not in WIRES:
            problems.append(f"{where}: x-socialecho-wire is {wire!r}, expected one of {list(WIRES)}")
        elif wire == "json-body" and method == "get":
            body = _deref(spec, op.get("requestBody"))
            content = body.get("content") if isinstance(body, dict) else None
            if not isinstance(content, dict) or "application/json" not in content:
                problems.append(f"{where}: wire json-body but no application/json requestBody")
        for level, params in (("path item", item.get("parameters")), ("operation", op.get("parameters"))):
            problems += [f"{where}: {p}" for p in _duplicate_parameters(spec, params, level)]
    return problems


def _deref(spec: dict[str, Any], node: Any) -> Any:
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return _lookup(spec, node["$ref"])[1]
    return node


def _duplicate_parameters(spec: dict[str, Any], params: Any, level: str) -> list[str]:
    seen: Counter[tuple[str, str]] = Counter()
    names: dict[tuple[str, str], list[str]] = {}
    for param in params if isinstance(params, list) else []:
        resolved = _deref(spec, param)
        if not isinstance(resolved, dict):
            continue
        location, name = str(resolved.get("in")), str(resolved.get("name"))
        key = (location, name.lower() if location == "header" else name)
        seen[key] += 1
        names.setdefault(key, []).append(name)
    return [
        f"{location} parameter {' / '.join(repr(n) for n in names[(location, key)])} declared "
        f"{count} times at {level} level (an overlay added one the export now declares itself?)"
        for (location, key), count in sorted(seen.items())
        if count > 1
    ]


# Keywords that only apply to one JSON type (OpenAPI 3.0 schema objects).
_TYPE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "array": ("items", "minItems", "maxItems", "uniqueItems"),
    "object": ("properties", "required", "additionalProperties", "minProperties", "maxProperties"),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "string": ("minLength", "maxLength", "pattern"),
}
_FORMAT_TYPES: dict[str, str] = {
    **dict.fromkeys(("int32", "int64"), "integer"),
    **dict.fromkeys(("float", "double"), "number"),
    **dict.fromkeys(
        ("date", "date-time", "time", "uri", "uri-reference", "email", "uuid", "byte", "binary", "hostname"),
        "string",
    ),
}


def _has_type(value: Any, kind: str) -> bool:
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    expected = {"string": str, "boolean": bool, "array": list, "object": dict}.get(kind)
    return expected is None or isinstance(value, expected)


def _schemas(node: Any, path: tuple[str | int, ...], is_schema: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object of a document, with its location (examples and extensions skipped)."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _schemas(item, (*path, index), is_schema)
        return
    if not isinstance(node, dict):
        return
    if is_schema:
        yield _jsonpath(path), node
    for key, value in node.items():
        child = (*path, key)
        if key.startswith("x-") or key in ("example", "examples", "enum", "default"):
            continue
        if is_schema:
            if key in ("properties",) and isinstance(value, dict):
                for name, sub in value.items():
                    yield from _schemas(sub, (*child, name), True)
            elif key in ("items", "not", "additionalProperties", "allOf", "anyOf", "oneOf"):
                yield from _schemas(value, child, True)
        elif key == "schema" or path == ("components", "schemas"):
            yield from _schemas(value, child, True)
        else:
            yield from _schemas(value, child, False)


def _schema_problems(spec: dict[str, Any]) -> list[str]:
    """Keywords that contradict the schema's type: what is left when an overlay patched a property whose
    type the export changed (say ``enum: [1, 2]`` on a property that became a string)."""
    problems = []
    for where, schema in _schemas(spec, (), False):
        kind = schema.get("type")
        if not isinstance(kind, str):
            continue
        family = "number" if kind == "integer" else kind
        for other, keywords in _TYPE_KEYWORDS.items():
            if other != family:
                problems += [
                    f"{where}: type {kind} but {k!r} applies to {other}s" for k in keywords if k in schema
                ]
        expected = _FORMAT_TYPES.get(str(schema.get("format")))
        if expected is not None and expected != kind and not (expected == "integer" and kind == "number"):
            problems.append(f"{where}: type {kind} but format {schema['format']!r} is for {expected}s")
        default = schema.get("default")
        null_default = default is None and schema.get("nullable")
        if "default" in schema and not null_default and not _has_type(default, kind):
            problems.append(f"{where}: type {kind} but its default {default!r} is not of that type")
        enum = schema.get("enum")
        if isinstance(enum, list):
            wrong = [v for v in enum if not _has_type(v, kind) and not (v is None and schema.get("nullable"))]
            if wrong:
                problems.append(f"{where}: type {kind} but enum values {wrong!r} are not {kind}s")
        properties = schema.get("properties")
        required = schema.get("required")
        if isinstance(properties, dict) and isinstance(required, list):
            missing = [name for name in required if name not in properties]
            if missing:
                problems.append(f"{where}: required {missing!r} not among its properties")
    return problems


def validate_spec(spec: dict[str, Any]) -> None:
    """openapi-spec-validator, plus the checks it misses: dangling $ref, duplicate operationIds and
    parameters, operations without the identity and wire format the client relies on, and schema keywords
    that contradict their type."""
    problems: list[str] = []
    dangling = sorted({ref for ref in _walk_refs(spec) if not _resolve_pointer(spec, ref)})
    problems += [f"dangling $ref {ref}" for ref in dangling]
    ids = Counter(op.get("operationId") for *_, op in _operations(spec) if op.get("operationId"))
    problems += [
        f"duplicate operationId {name!r} ({n} operations)" for name, n in sorted(ids.items()) if n > 1
    ]
    problems += _operation_problems(spec)
    problems += _schema_problems(spec)
    if problems:
        raise PipelineError("patched spec is invalid:\n  - " + "\n  - ".join(problems))
    try:
        validate_openapi(spec)
    except jsonschema.ValidationError as exc:
        raise PipelineError(f"patched spec is not valid OpenAPI at {exc.json_path}: {exc.message}") from exc
    except Exception as exc:  # the validator raises several unrelated exception types
        raise PipelineError(f"patched spec is not valid OpenAPI: {exc}") from exc


# --------------------------------------------------------------------------- generate


def _check_config() -> dict[str, Any]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    unknown = sorted(set(config) - KNOWN_CONFIG_KEYS)
    if unknown:
        raise PipelineError(
            f"{_display(CONFIG)}: unknown keys (the generator ignores them silently): {unknown}"
        )
    if config.get("package_name_override") != PACKAGE:
        raise PipelineError(f"{_display(CONFIG)}: package_name_override must be {PACKAGE!r}")
    return dict(config)


def _generate_package(spec_file: Path, package_dir: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(spec_file),
        "--config",
        str(CONFIG),
        "--meta",
        "none",
        "--output-path",
        str(package_dir),
        "--custom-template-path",
        str(TEMPLATES),
        "--fail-on-warning",
    ]
    output = _run(cmd, cwd=package_dir.parent, step="openapi-python-client")
    # --fail-on-warning returns 1 on warnings; also refuse anything that still looks like one. The
    # generator echoes its output path, which may contain any word: leave the paths out of the search.
    scrubbed = output.replace(str(package_dir), "<package>").replace(str(spec_file), "<spec>")
    lowered = scrubbed.lower()
    if "warning" in lowered or "error" in lowered:
        raise PipelineError(f"openapi-python-client reported problems (treated as errors):\n{scrubbed}")


def _provenance(spec_path: Path, overlay_paths: Sequence[Path]) -> dict[str, Any]:
    def files_under(base: Path) -> dict[str, str]:
        return {
            p.relative_to(ROOT).as_posix(): _sha256(p)
            for p in sorted(base.rglob("*"))
            if p.is_file() and not (IGNORED_NAMES & set(p.parts))
        }

    return {
        "input_export": {"name": spec_path.name, "sha256": _sha256(spec_path)},
        "overlays": [{"file": _display(p), "sha256": _sha256(p)} for p in overlay_paths],
        "overlay_order": {
            "file": _display(OVERLAY_DIR / "order.yaml"),
            "sha256": _sha256(OVERLAY_DIR / "order.yaml"),
        },
        "generator_config": {"file": _display(CONFIG), "sha256": _sha256(CONFIG)},
        "templates": files_under(TEMPLATES),
        "runtime": files_under(RUNTIME),
        "package_files": files_under(PACKAGE_FILES),
        "tools": {
            "openapi-python-client": metadata.version("openapi-python-client"),
            "ruff": metadata.version("ruff"),
            "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        },
    }


def build(spec_path: Path, workdir: Path, *, run_mypy: bool = True) -> Path:
    """Build the whole generated project into ``workdir/generated``; return that directory."""
    _check_config()
    patched = patch_spec(spec_path)
    validate_spec(patched)
    out = workdir / "generated"
    package_dir = out / PACKAGE
    out.mkdir(parents=True)
    spec_file = workdir / "patched.json"
    spec_text = json.dumps(patched, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    spec_file.write_text(spec_text, encoding="utf-8")
    # Package metadata first: the generator's ruff post-hooks read out/pyproject.toml.
    for item in sorted(PACKAGE_FILES.iterdir()):
        if item.is_file():  # skip tool caches (ruff treats the folder as a project root)
            shutil.copy2(item, out / item.name)
    _generate_package(spec_file, package_dir)
    # The hand-written runtime ships inside the package, as a subpackage the generator never touches.
    shutil.copytree(RUNTIME, package_dir / "_runtime", ignore=shutil.ignore_patterns(*IGNORED_NAMES))
    (package_dir / PATCHED_SPEC_NAME).write_text(spec_text, encoding="utf-8")
    (package_dir / "py.typed").write_text("", encoding="utf-8")  # PEP 561: the package ships its types
    overlay_paths = load_overlay_order(OVERLAY_DIR)
    provenance = _provenance(spec_path, overlay_paths)
    provenance["patched_spec_sha256"] = hashlib.sha256(spec_text.encode("utf-8")).hexdigest()
    (out / "PROVENANCE.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    # Name collisions (e.g. a model shadowing types.Response) show up as F811 redefinitions.
    star_reexport = f"{PACKAGE}/__init__.py:F403"  # the template re-exports the runtime's __all__
    _run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--select",
            "F",
            "--per-file-ignores",
            star_reexport,
            ".",
        ],
        out,
        "ruff check (F)",
    )
    _run([sys.executable, "-m", "ruff", "check", "."], out, "ruff check")
    _run([sys.executable, "-m", "ruff", "format", "--check", "."], out, "ruff format --check")
    if run_mypy:
        _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE], out, "mypy --strict")
    for cache in out.rglob("*"):
        if cache.is_dir() and cache.name in IGNORED_NAMES:
            shutil.rmtree(cache, ignore_errors=True)
    return out


def _tree(base: Path) -> dict[str, Path]:
    return {
        p.relative_to(base).as_posix(): p
        for p in base.rglob("*")
        if p.is_file() and not (IGNORED_NAMES & set(p.relative_to(base).parts))
    }


def compare_trees(expected: Path, actual: Path) -> list[str]:
    """Byte-compare two trees; return the differences as readable lines."""
    a, b = _tree(expected), _tree(actual)
    diffs = [f"missing in {actual.name}/: {name}" for name in sorted(set(a) - set(b))]
    diffs += [f"not produced by the pipeline: {name}" for name in sorted(set(b) - set(a))]
    diffs += [
        f"differs: {name}"
        for name in sorted(set(a) & set(b))
        if not filecmp.cmp(a[name], b[name], shallow=False)
    ]
    return diffs


def check_replaceable(out_dir: Path) -> None:
    """Only a previous output (or nothing) may be replaced wholesale, in a folder that exists."""
    if not out_dir.parent.is_dir():
        raise PipelineError(f"output {out_dir}: the folder {out_dir.parent} does not exist")
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise PipelineError(f"output {out_dir} exists and is not a directory")
    if any(out_dir.iterdir()) and not (out_dir / "PROVENANCE.json").is_file():
        raise PipelineError(
            f"output {out_dir} is not empty and holds no PROVENANCE.json: it is not a generated client, "
            "refusing to replace it"
        )


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Serialise the runs that replace ``out_dir`` (generate, update-spec), across processes."""
    digest = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:12]
    with (Path(tempfile.gettempdir()) / f"socialecho-generate-{digest}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def replace_tree(built: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by a copy of ``built`` (call under :func:`output_lock`)."""
    check_replaceable(out_dir)
    # Private, unique names beside out_dir (same file system, so the renames are atomic); a folder of
    # yours called like out_dir plus a suffix is never touched.
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.replace-", dir=out_dir.parent))
    try:
        staging, backup = work / "new", work / "old"
        shutil.copytree(built, staging)
        existed = out_dir.exists()
        if existed:
            out_dir.rename(backup)
        try:
            staging.rename(out_dir)
        except OSError:
            if existed:
                backup.rename(out_dir)  # put the previous output back
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def generate(spec_path: Path, out_dir: Path, *, run_mypy: bool = True) -> None:
    out_dir = out_dir.resolve()
    check_replaceable(out_dir)
    with output_lock(out_dir), tempfile.TemporaryDirectory(prefix="socialecho-gen-") as tmp:
        replace_tree(build(spec_path, Path(tmp), run_mypy=run_mypy), out_dir)


def check(spec_path: Path, out_dir: Path) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="socialecho-check-") as tmp:
        built = build(spec_path, Path(tmp), run_mypy=False)
        return compare_trees(built, out_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.pipeline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("generate", "check", "patch"):
        p = sub.add_parser(name)
        p.add_argument(
            "--spec", type=Path, default=DEFAULT_SPEC, help="the vendor-shaped export to start from"
        )
        if name == "patch":
            p.add_argument(
                "--out", type=Path, default=None, help="file for the patched spec (default: stdout)"
            )
        else:
            p.add_argument("--out", type=Path, default=ROOT / "generated")
        if name == "generate":
            p.add_argument("--skip-mypy", action="store_true", help="skip mypy --strict on the output")
    args = parser.parse_args(argv)
    try:
        if args.command == "patch":
            patched = patch_spec(args.spec)
            validate_spec(patched)
            text = json.dumps(patched, indent=2, ensure_ascii=False) + "\n"
            if args.out is None:
                sys.stdout.write(text)
            else:
                args.out.write_text(text, encoding="utf-8")
                print(f"patched spec written to {args.out}")
        elif args.command == "generate":
            generate(args.spec, args.out, run_mypy=not args.skip_mypy)
            print(f"wrote {_display(args.out)}/ from {_display(args.spec)}")
        else:
            diffs = check(args.spec, args.out)
            if diffs:
                print("generated/ is not what the pipeline produces:", *diffs, sep="\n  ", file=sys.stderr)
                print("run make generate", file=sys.stderr)
                return 1
            print("generated/ is up to date")
    except UnmatchedActionsError as exc:
        print(f"error: overlays do not fit {_display(args.spec)}: {exc}", file=sys.stderr)
        code = 1
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        code = 2  # could not run: the input is not an export
    except (PipelineError, OverlayError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        code = 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename}", file=sys.stderr)
        code = 2
    except RecursionError:
        print(f"error: {_display(args.spec)} is nested too deeply to be processed", file=sys.stderr)
        code = 2
    else:
        return 0
    if args.command == "generate":
        print(f"{_display(args.out)}/ was left untouched.", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
