"""The code as the field checks it: ruff's lint and mypy's types (settings in pyproject.toml), both
clean. mypy keeps its cache in .build/ (ignored by git), so a second run takes a fraction of a second."""
from __future__ import annotations

import subprocess
import sys

from compendium.paths import ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package():
    result = _run("mypy", "--cache-dir", str(ROOT / ".build" / "mypy-cache"))
    assert result.returncode == 0, result.stdout + result.stderr
