"""Measure the build and test times on this machine and compare them with the floor.

    python -m compendium.benchmark [--skip-setup]

(a) floor: one fresh kernel that imports what the notebooks import, times the number of notebooks
    (serial), and divided by the worker count (parallel);
(b) full build from a clean state; (c) no-op build; (d) the test command; (e) setting up the
environment from an empty package cache. Writes `paper/benchmark.json` (read by the report and
the README block) and prints the table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import build, pipeline
from .paths import ROOT

IMPORTS = ("import matplotlib.pyplot as plt, numpy, pandas, statsmodels.formula.api, yaml\n"
           "from compendium import audit, charts, data, diagrams, display, exhibits, regression, style\n"
           "style.use()")
RESULT = ROOT / "paper" / "benchmark.json"


def _timed(command: list[str], **kwargs) -> float:
    start = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.monotonic() - start


def floor_seconds() -> float:
    """One kernel start plus the notebook imports, as the build runner does it (median of three)."""
    import nbformat

    samples = []
    for _ in range(3):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(IMPORTS)])
        start = time.monotonic()
        build.run_in_fresh_kernel(notebook, build.NOTEBOOKS)
        samples.append(time.monotonic() - start)
    return sorted(samples)[1]


def setup_seconds() -> float:
    """A new virtual environment from an empty uv cache: what a fresh clone's `make` pays first."""
    with tempfile.TemporaryDirectory(prefix="setup-") as scratch:
        venv, cache = Path(scratch) / "venv", Path(scratch) / "cache"
        env = dict(os.environ, UV_CACHE_DIR=str(cache))  # an empty cache: every package is downloaded
        start = time.monotonic()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([venv / "bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check", "uv==0.13.8"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([venv / "bin/uv", "pip", "install", "-q", "--python", venv / "bin/python", "-r", "requirements.txt"],
                       check=True, cwd=ROOT, env=env)
        return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-setup", action="store_true", help="do not time the environment set-up")
    args = parser.parse_args()
    n = len(pipeline.NOTEBOOKS)
    floor = floor_seconds()
    shutil.rmtree(build.BUILD_DIR, ignore_errors=True)
    full = _timed(["make", "build"])
    noop = _timed(["make", "build"])
    tests = _timed(["make", "test"])
    setup = None if args.skip_setup else setup_seconds()
    previous = json.loads(RESULT.read_text()) if RESULT.is_file() else {}
    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{build.WORKERS} cores",
        "notebooks": n,
        "floor_kernel_s": round(floor, 1),
        "floor_serial_s": round(floor * n, 1),
        "floor_parallel_s": round(floor * n / build.WORKERS, 1),
        "full_build_s": round(full, 1),
        "noop_build_s": round(noop, 2),
        "test_s": round(tests, 1),
        "setup_s": round(setup, 1) if setup is not None else previous.get("setup_s"),
    }
    result["full_build_ratio"] = round(result["full_build_s"] / result["floor_serial_s"], 2)
    result["test_ratio"] = round(result["test_s"] / result["floor_serial_s"], 2)
    RESULT.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    rows = [("floor: kernel + imports, one notebook", result["floor_kernel_s"], ""),
            (f"floor, serial (× {n})", result["floor_serial_s"], "1.00"),
            ("full build from a clean state", result["full_build_s"], f"{result['full_build_ratio']:.2f}"),
            ("no-op build", result["noop_build_s"], ""),
            ("test command (make test)", result["test_s"], f"{result['test_ratio']:.2f}"),
            ("set-up from an empty cache", result["setup_s"], "")]
    print(f"benchmark ({result['date']}, {result['machine']})")
    for label, seconds, ratio in rows:
        print(f"  {label:<40} {seconds!s:>7} s  {ratio:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
