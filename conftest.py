"""Shared pytest configuration: Hypothesis profiles and the location of ../shared.

Profiles (choose with HYPOTHESIS_PROFILE): ``dev`` (default, quick), ``ci`` (derandomized: fixed
seed, same examples every run), ``heavy`` (many more examples, for a nightly or a manual run).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("heavy", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REPO_ROOT = Path(__file__).resolve().parent


def shared_dir() -> Path:
    """The read-only ../shared folder beside the repository (SOCIALECHO_SHARED_DIR overrides)."""
    override = os.environ.get("SOCIALECHO_SHARED_DIR")
    path = Path(override) if override else REPO_ROOT.parent / "shared"
    if not (path / "vendor-specs").is_dir():
        raise FileNotFoundError(
            f"vendor exports not found in {path}/vendor-specs: the tests read the real exports "
            "from ../shared (set SOCIALECHO_SHARED_DIR to point elsewhere)"
        )
    return path
