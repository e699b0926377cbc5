"""The vendored package works with only the dependencies its own pyproject declares.

A child interpreter imports every module of ``socialecho_client`` and makes one call through the
runtime, with an import hook that refuses every third-party module outside the closure of the
declared dependencies (their own requirements included). An undeclared import (``dateutil``, say, or
``respx`` outside the optional extra) fails the test with the module's name.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from conftest import REPO_ROOT

GENERATED = REPO_ROOT / "generated"

CHILD = r"""
import importlib, importlib.abc, json, pkgutil, sys

allowed = set(json.loads(sys.argv[1]))
refused = []


class Gate(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in sys.stdlib_module_names or top in allowed or top == "socialecho_client":
            return None
        importer = sys._getframe(1)
        while importer is not None and importer.f_globals.get("__name__", "").startswith("importlib"):
            importer = importer.f_back
        if importer is not None and importer.f_globals.get("__name__", "").startswith("socialecho_client"):
            refused.append(name)  # httpx's own guarded optional imports (brotli, ...) are not ours
        raise ModuleNotFoundError(f"undeclared dependency: {name}", name=name)


sys.meta_path.insert(0, Gate())
import httpx
import socialecho_client

for info in pkgutil.walk_packages(socialecho_client.__path__, "socialecho_client."):
    importlib.import_module(info.name)


def answer(request):
    return httpx.Response(200, json={"code": 0, "message": "ok", "data": {"id": 1, "title": "Team"}})


with socialecho_client.SocialEcho(
    api_key="se_vendor_check", transport=httpx.MockTransport(answer), rate_limit=None
) as client:
    print(client.team.get().data.title)
print(json.dumps(sorted(set(refused))))
"""


def _closure(requirements: list[str]) -> set[str]:
    """Top-level module names of the distributions named, and of everything they require."""
    by_distribution: dict[str, set[str]] = {}
    for module, distributions in metadata.packages_distributions().items():
        for distribution in distributions:
            by_distribution.setdefault(distribution.lower().replace("_", "-"), set()).add(module)
    seen: set[str] = set()
    modules: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        name = requirement.name.lower().replace("_", "-")
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        if name in seen:
            continue
        seen.add(name)
        modules |= by_distribution.get(name, set())
        todo.extend(Requirement(r) for r in metadata.requires(name) or [])
    return modules


def test_the_package_imports_and_runs_with_only_its_declared_dependencies() -> None:
    declared = tomllib.loads((GENERATED / "pyproject.toml").read_text())["project"]["dependencies"]
    allowed = _closure(declared)
    assert {"httpx", "attrs"} <= allowed
    assert "dateutil" not in allowed  # the gate refuses something real
    assert "respx" not in allowed  # an optional extra, not a dependency
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(sorted(allowed))],
        capture_output=True,
        text=True,
        cwd=GENERATED,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    title, refused = result.stdout.strip().splitlines()
    assert title == "Team"
    assert json.loads(refused) == []


def test_the_gate_refuses_an_undeclared_import() -> None:
    """The check above can fail: a module outside the closure is refused by the same gate."""
    probe = CHILD.replace("import socialecho_client\n", "import socialecho_client\nimport dateutil\n", 1)
    result = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(sorted(_closure(["httpx", "attrs"])))],
        capture_output=True,
        text=True,
        cwd=Path(GENERATED),
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "undeclared dependency: dateutil" in result.stderr
