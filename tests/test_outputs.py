"""The committed outputs equal what a fresh run of the committed notebooks writes.

nbval (run first in the same session, see conftest.py) re-executes each notebook with its
outputs redirected to a scratch directory. These tests compare that fresh set with the files
committed in the repository: derived data and SVG byte for byte, PNG within a small tolerance
(nbval itself skips images). A notebook that nbval did not run in this session is executed here.
"""
from __future__ import annotations

import pytest
from matplotlib.testing.compare import compare_images

from compendium import build, pipeline
from compendium.paths import ROOT

PNG_TOLERANCE = 1.0  # RMS difference on 0-255 pixel values

CASES = [(name, output) for name, spec in pipeline.NOTEBOOKS.items() for output in spec["outputs"]]


@pytest.fixture(scope="session")
def fresh(pytestconfig):
    return pytestconfig.fresh_outputs


def _ensure_fresh(fresh, name):
    spec = pipeline.NOTEBOOKS[name]
    if not all((fresh / out).is_file() for out in spec["outputs"]):
        build.execute(name, fresh)


@pytest.mark.parametrize(("notebook", "output"), CASES, ids=[f"{n}:{o}" for n, o in CASES])
def test_committed_output_matches_a_fresh_run(fresh, notebook, output):
    _ensure_fresh(fresh, notebook)
    committed, rebuilt = ROOT / output, fresh / output
    assert committed.is_file(), f"{output} is declared but not committed"
    if output.endswith(".png"):
        assert compare_images(str(committed), str(rebuilt), tol=PNG_TOLERANCE) is None
    else:
        assert rebuilt.read_bytes() == committed.read_bytes(), f"{output} differs from a fresh run of {notebook}"
