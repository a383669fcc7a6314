"""Test-session set-up.

nbval re-executes every committed notebook and compares its outputs with the stored ones. The
notebooks write figures and derived data as they run; here those writes are sent to a scratch
directory (`COMPENDIUM_OUTPUT_DIR`), so the tests never overwrite the committed outputs, and
tests/test_outputs.py then compares the fresh files with the committed ones.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from compendium.paths import OUTPUT_ENV

_FRESH = Path(tempfile.mkdtemp(prefix="compendium-fresh-"))


def pytest_configure(config):
    # set before any kernel starts, so nbval's kernels inherit it
    os.environ[OUTPUT_ENV] = str(_FRESH)
    config.fresh_outputs = _FRESH


def pytest_collection_modifyitems(session, config, items):
    """Run the notebooks first: the output comparisons read what they wrote."""
    items.sort(key=lambda item: 0 if str(item.fspath).endswith(".ipynb") else 1)
