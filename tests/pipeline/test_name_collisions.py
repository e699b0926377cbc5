"""A schema named ``Response`` (as the vendor's v2.1.0 export has) against our generator config.

Functional test in the generator's own style: a small spec fragment -> generate -> import -> call.
Without ``class_overrides`` the model shadows ``types.Response`` in every endpoint module (the
generator exits 0); the pipeline's ``ruff --select F`` check catches that, and with our config the
model is ``ApiResponse`` and the endpoint parses into it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from scripts import pipeline

FRAGMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "fragment", "version": "1"},
    "servers": [{"url": "https://api.socialecho.net"}],
    "paths": {
        "/v1/ping": {
            "get": {
                "operationId": "ping",
                "tags": ["ping"],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Response"}}
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Response": {
                "type": "object",
                "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
                "required": ["code", "message"],
            }
        }
    },
}

CALL = r"""
import httpx
from socialecho_client.api.ping import ping
from socialecho_client.client import Client
from socialecho_client.models import ApiResponse

def answer(request):
    return httpx.Response(200, json={"code": 0, "message": "ok"})

client = Client(base_url="https://api.socialecho.net").set_httpx_client(
    httpx.Client(base_url="https://api.socialecho.net", transport=httpx.MockTransport(answer))
)
parsed = ping.sync(client=client)
assert isinstance(parsed, ApiResponse), type(parsed)
print(parsed.code, parsed.message)
"""


def _generate(tmp_path: Path, config: Path) -> Path:
    """The fragment generated with ``config`` and the pipeline's generator flags.

    Without our package template: it re-exports the runtime, which needs the whole SocialEcho API.
    """
    spec = tmp_path / "fragment.json"
    spec.write_text(json.dumps(FRAGMENT), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for item in pipeline.PACKAGE_FILES.iterdir():  # the ruff settings the post-hooks read
        if item.is_file():
            shutil.copy2(item, out / item.name)
    cmd = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec)]
    cmd += ["--config", str(config), "--meta", "none", "--fail-on-warning"]
    cmd += ["--output-path", str(out / pipeline.PACKAGE)]
    generated = subprocess.run(cmd, cwd=out, env=pipeline._env(), capture_output=True, text=True, check=False)
    assert generated.returncode == 0, generated.stdout + generated.stderr  # exit 0 even when shadowed
    return out


def _ruff_f(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F811", "."],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )


def test_response_schema_becomes_api_response_and_parses(tmp_path: Path) -> None:
    out = _generate(tmp_path, pipeline.CONFIG)
    assert (out / pipeline.PACKAGE / "models" / "api_response.py").is_file()
    assert _ruff_f(out).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(out)}  # shadows the installed package
    result = subprocess.run(
        [sys.executable, "-c", CALL], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "0 ok"


def test_without_the_override_the_shadowing_is_caught(tmp_path: Path) -> None:
    config = yaml.safe_load(pipeline.CONFIG.read_text(encoding="utf-8"))
    del config["class_overrides"]
    bare = tmp_path / "config.yaml"
    bare.write_text(yaml.safe_dump(config), encoding="utf-8")
    out = _generate(tmp_path, bare)
    checked = _ruff_f(out)
    assert checked.returncode == 1
    assert "F811" in checked.stdout
    assert "Response" in checked.stdout
