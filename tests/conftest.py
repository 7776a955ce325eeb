"""Shared fixtures: every test runs with its own config and data directories."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def coach_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point coach at empty per-test directories, never at the real home."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    monkeypatch.setenv("COACH_CONFIG_DIR", str(config))
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    return {"config": config, "data": data, "routines": config / "routines"}


def require_tool(name: str) -> str:
    """The path of a system tool; skip without it, but fail in CI, which installs it."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed; install it to run this test"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must install it in .ci/run)")
        pytest.skip(message)
    return path
