"""The committed outputs equal what a fresh run of the committed notebooks writes.

nbval (run first in the same session, see conftest.py) re-executes each notebook with its
outputs redirected to a scratch directory. These tests compare that fresh set with the files
committed in the repository: derived data byte for byte; SVG token by token, numbers within
SVG_TOLERANCE (another BLAS code path moves a coordinate in its sixth decimal) and everything else,
colours included, exactly; PNG within a small tolerance (nbval itself skips images). A notebook that nbval did not
run in this session is executed here.
"""
from __future__ import annotations

import re

import pytest
from matplotlib.testing.compare import compare_images

from compendium import build, pipeline
from compendium.paths import ROOT

PNG_TOLERANCE = 1.0  # RMS difference on 0-255 pixel values
SVG_TOLERANCE = 1e-3  # points (1/72 inch): far below a visible change, far above floating-point noise
# a hex colour is compared as text (a one-step colour change must fail); other numbers as numbers
SVG_TOKEN = re.compile(r"(#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)")


def svg_differences(committed: str, rebuilt: str, limit: int = 5) -> list[str]:
    """Where two SVG texts differ beyond the tolerance (empty when they agree)."""
    ours, theirs = SVG_TOKEN.split(committed), SVG_TOKEN.split(rebuilt)
    if len(ours) != len(theirs):
        return [f"different structure: {len(ours)} vs {len(theirs)} tokens"]
    found = []
    for index, (a, b) in enumerate(zip(ours, theirs)):
        numeric = index % 2 == 1 and not a.startswith("#")
        if numeric and b and not b.startswith("#"):
            if abs(float(a) - float(b)) > SVG_TOLERANCE:
                found.append(f"number {a} vs {b}")
        elif a != b:
            found.append(f"{a[:40]!r} vs {b[:40]!r}")
        if len(found) >= limit:
            break
    return found

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
    if rebuilt.read_bytes() == committed.read_bytes():
        return  # the same bytes are within every tolerance below (the usual case, on the pinned environment)
    if output.endswith(".png"):
        assert compare_images(str(committed), str(rebuilt), tol=PNG_TOLERANCE) is None
    elif output.endswith(".svg"):
        differences = svg_differences(committed.read_text(encoding="utf-8"), rebuilt.read_text(encoding="utf-8"))
        assert differences == [], f"{output} differs from a fresh run of {notebook}: {differences}"
    else:
        same = rebuilt.read_bytes() == committed.read_bytes()  # a bool: pytest would diff megabytes for minutes
        assert same, f"{output} differs from a fresh run of {notebook}"


def test_svg_comparison_tolerates_float_noise_and_catches_a_one_step_colour_change():
    svg = (ROOT / "figures" / "B-fig06.svg").read_text(encoding="utf-8")
    coordinate = re.search(r'd="M (\d+\.\d+) ', svg)
    noisy = svg.replace(coordinate.group(0), coordinate.group(0).replace(coordinate.group(1),
                                                                        f"{float(coordinate.group(1)) + 2e-6:.6f}"), 1)
    assert noisy != svg and svg_differences(svg, noisy) == []
    colour = re.search(r"#([0-9a-f]{6})", svg).group(1)
    one_step = f"{(int(colour, 16) + 1) % 0x1000000:06x}"
    assert svg_differences(svg, svg.replace(f"#{colour}", f"#{one_step}", 1)) != []
    moved = svg.replace(coordinate.group(0), coordinate.group(0).replace(coordinate.group(1),
                                                                        f"{float(coordinate.group(1)) + 0.01:.6f}"), 1)
    assert svg_differences(svg, moved) != []
