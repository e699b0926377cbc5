"""Adopt a new vendor export in one command: diff, patch strictly, regenerate, surface diff, contract suite.

Usage (normally ``make update-spec SPEC=new-export.json``)::

    python -m scripts.update_spec --spec NEW [--out generated] [--current openapi/socialecho.openapi.json]
                                  [--baseline generated] [--skip-tests] [--skip-mypy] [--no-adopt]

Steps, each announced on stdout; the first failure stops the run with exit 1 (exit 2: unreadable input):

1. Contract diff of the current export against NEW (``socialecho_kit.specdiff``). Breaking changes are
   expected when the vendor moves; they are printed, not fatal.
2. Overlays applied strictly to NEW: every action that matches nothing is listed and the run stops --
   the overlays must be updated for the new export first. The patched spec is validated, and the patched
   contracts (baseline vs new) are diffed: what the regeneration changes for callers.
3. Regeneration through ``scripts.pipeline.generate`` into a staging directory.
4. Client-surface diff (``scripts.surface``): baseline package vs the staged one.
5. The contract suite (``pytest contract_tests``) against the staged package (it comes first on
   ``PYTHONPATH``).

Only when every step passed is the staged build moved into ``--out`` and, when ``--out`` is the
repository's ``generated/``, NEW copied over ``openapi/socialecho.openapi.json`` (as JSON; a YAML export
is converted), so that ``make check-generated`` agrees. ``--current`` only names the diff's baseline.
A failed run leaves ``--out`` and the repository's export untouched; an unusable ``--out`` or an
unreadable export stops it before step 1 (exit 2).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scripts.overlay import OverlayError, UnmatchedActionsError
from scripts.pipeline import (
    DEFAULT_SPEC,
    PACKAGE,
    ROOT,
    PipelineError,
    check_replaceable,
    generate,
    load_export,
    output_lock,
    patch_spec,
    replace_tree,
    validate_spec,
)
from scripts.surface import diff_surfaces, public_surface
from socialecho_kit.specdiff import SpecLoadError, diff_specs, load_spec

DEFAULT_OUT = ROOT / "generated"
STEPS = 5
SUITE: tuple[str, ...] = ("contract_tests",)  # what step 5 runs (tests point it at a smaller suite)


def _step(number: int, title: str) -> None:
    print(f"\n== {number}/{STEPS} {title}", flush=True)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def _patched_of(package_dir: Path) -> dict[str, Any] | None:
    spec_file = package_dir / "openapi.json"
    if not spec_file.is_file():
        return None
    data: dict[str, Any] = json.loads(spec_file.read_text(encoding="utf-8"))
    return data


def _install(staged: Path, out: Path) -> None:
    """Replace ``out`` with ``staged``, serialised with concurrent ``pipeline generate`` runs on ``out``."""
    with output_lock(out):
        replace_tree(staged, out.resolve())


def _run_contract_suite(staged: Path) -> int:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(staged), *filter(None, [env.get("PYTHONPATH")])])
    probe = subprocess.run(
        [sys.executable, "-c", f"import {PACKAGE}; print({PACKAGE}.__file__)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    imported = Path(probe.stdout.strip() or ".").resolve()
    if probe.returncode != 0 or not imported.is_relative_to(staged.resolve()):
        print(f"error: the staged {PACKAGE} is not the one Python imports:\n{probe.stdout}{probe.stderr}")
        return 1
    command = [sys.executable, "-m", "pytest", *SUITE, "-q", "-p", "no:cacheprovider"]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def _export_bytes(path: Path) -> bytes:
    """The export as the pipeline's default input holds it: JSON bytes as they are, YAML as JSON.

    Read as strictly as the pipeline reads it, so that an export it would refuse stops the run now.
    """
    document = load_export(path)
    raw = path.read_bytes()
    try:
        json.loads(raw)
    except ValueError:
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return raw


def run(args: argparse.Namespace) -> int:
    new_path: Path = args.spec
    current_path: Path = args.current
    out: Path = args.out
    baseline_pkg: Path = args.baseline / PACKAGE
    adopt = not args.no_adopt and out.resolve() == DEFAULT_OUT.resolve()
    if args.no_adopt and out.resolve() == DEFAULT_OUT.resolve():
        print(
            f"error: --no-adopt keeps {_display(DEFAULT_SPEC)}, so the build cannot go into "
            f"{_display(DEFAULT_OUT)}/ (make check-generated would then fail): pass --out DIR",
            file=sys.stderr,
        )
        return 2
    try:
        new_doc = load_spec(new_path)
        current_doc = load_spec(current_path)
        new_bytes = _export_bytes(new_path)
        check_replaceable(out.resolve())  # an unusable --out is found now, not after the suite ran
    except (SpecLoadError, PipelineError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    _step(1, f"contract diff: {_display(current_path)} -> {_display(new_path)}")
    print(diff_specs(current_doc, new_doc).to_markdown(), end="")

    _step(2, "overlays, applied strictly")
    try:
        patched = patch_spec(new_path)
        validate_spec(patched)
    except UnmatchedActionsError as exc:
        print(f"{len(exc.unmatched)} overlay action(s) no longer fit {_display(new_path)}:")
        for unmatched in exc.unmatched:
            print(f"  - {unmatched}")
        print("Update the overlays for the new export, then run this again. Nothing was regenerated.")
        return 1
    except (PipelineError, OverlayError) as exc:
        print(f"error: {exc}\nNothing was regenerated.")
        return 1
    print("every overlay action matched; the patched spec is valid.")
    old_patched = _patched_of(baseline_pkg)
    if old_patched is not None:
        print("\nWhat the regeneration changes for callers (patched contract, baseline -> new):\n")
        print(diff_specs(old_patched, patched).to_markdown(), end="")

    with tempfile.TemporaryDirectory(prefix="socialecho-update-spec-") as tmp:
        # Named like the repository's export, so the provenance matches a later `make check-generated`.
        staged_spec = Path(tmp) / DEFAULT_SPEC.name
        staged_spec.write_bytes(new_bytes)
        staged = Path(tmp) / "generated"
        _step(3, "regenerate (staged)")
        try:
            generate(staged_spec, staged, run_mypy=not args.skip_mypy)
        except (PipelineError, OverlayError) as exc:
            print(f"error: {exc}\nNothing was regenerated.")
            return 1
        print(f"staged build ready{' (mypy skipped)' if args.skip_mypy else ''}.")

        _step(4, f"client surface diff: {_display(args.baseline)} -> new build")
        if baseline_pkg.is_dir():
            changes = diff_surfaces(public_surface(baseline_pkg), public_surface(staged / PACKAGE))
            print("\n".join(changes) if changes else "client surface unchanged")
        else:
            print(f"no baseline package at {_display(baseline_pkg)}: nothing to compare")

        _step(5, "contract suite against the new build")
        if args.skip_tests:
            print("skipped (--skip-tests)")
        else:
            code = _run_contract_suite(staged)
            if code != 0:
                print(f"the contract suite failed (exit {code}); {_display(out)} was left untouched.")
                return 1

        _install(staged, out)
    print(f"\ninstalled the new build in {_display(out)}/")
    if adopt and new_path.resolve() != DEFAULT_SPEC.resolve():
        DEFAULT_SPEC.write_bytes(new_bytes)  # the pipeline's default input (what check-generated reads)
        print(f"{_display(DEFAULT_SPEC)} now holds the new export.")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.update_spec", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--spec", type=Path, required=True, help="the new vendor export")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="where the new build goes (default generated/)"
    )
    parser.add_argument(
        "--current", type=Path, default=DEFAULT_SPEC, help="the export in use now (default: the repository's)"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=DEFAULT_OUT,
        help="generated project to compare against (default generated/)",
    )
    parser.add_argument("--skip-tests", action="store_true", help="do not run the contract suite")
    parser.add_argument("--skip-mypy", action="store_true", help="skip mypy --strict on the new build")
    parser.add_argument(
        "--no-adopt",
        action="store_true",
        help="keep the repository's export; needs --out DIR (a trial build elsewhere than generated/)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
