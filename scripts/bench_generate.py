"""Benchmark: the whole pipeline (make generate) against bare openapi-python-client on the same patched spec.

All run as subprocesses, interleaved round by round, into temp directories: the pipeline, the pipeline
without mypy --strict (to show its share), and the bare generator; prints the medians and the ratios.
``--rounds N`` (default 3). Not a test: run it with ``make bench``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from scripts import pipeline


def _timed(cmd: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(list(cmd), check=True, capture_output=True, env=pipeline._env(), cwd=pipeline.ROOT)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    full: list[float] = []
    no_mypy: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory(prefix="socialecho-bench-") as tmp:
        work = Path(tmp)
        patched = work / "patched.json"
        subprocess.run(
            [sys.executable, "-m", "scripts.pipeline", "patch", "--out", str(patched)],
            check=True,
            capture_output=True,
            cwd=pipeline.ROOT,
        )
        for i in range(args.rounds):
            out = str(work / f"full{i}")
            full.append(_timed([sys.executable, "-m", "scripts.pipeline", "generate", "--out", out]))
            quick = str(work / f"quick{i}")
            no_mypy.append(
                _timed([sys.executable, "-m", "scripts.pipeline", "generate", "--out", quick, "--skip-mypy"])
            )
            bare.append(
                _timed(
                    [
                        sys.executable,
                        "-m",
                        "openapi_python_client",
                        "generate",
                        "--path",
                        str(patched),
                        "--meta",
                        "none",
                        "--config",
                        str(pipeline.CONFIG),
                        "--output-path",
                        str(work / f"bare{i}" / "socialecho_client"),
                    ]
                )
            )
    f, q, b = statistics.median(full), statistics.median(no_mypy), statistics.median(bare)
    print(f"make generate (overlays, validation, generator, ruff, mypy --strict): median {f:.2f} s")
    print(f"the same without mypy --strict (generate --skip-mypy):               median {q:.2f} s")
    print(f"bare openapi-python-client on the same patched spec:                 median {b:.2f} s")
    print(f"ratio pipeline / bare generator: {f / b:.2f}x ({q / b:.2f}x without mypy; {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
