"""Measure what a newcomer and a developer wait for, on this machine, against a floor.

    python -m compendium.benchmark

Everything runs in a fresh clone of the committed state (HEAD) in a scratch folder:
(a) set-up: `make env` there (a new environment from the local package cache, bytecode compiled);
(b) the newcomer's first `make` (checks the committed build lock; runs only what is stale);
(c) the newcomer's first `make test`;
then, warm: (d) the floor, one fresh kernel plus the notebooks' imports (median of three), times
the number of notebooks; (e) `make rebuild` (every notebook and the report), whose seconds per
notebook are kept for the build runner's scheduling; (f) `make` with nothing to do; (g) `make test`
again. Writes `paper/benchmark.json` (read by the report, the README and the build runner) and
prints the table. Commit first: uncommitted edits are not in the clone.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import build, pipeline
from .paths import ROOT

IMPORTS = ("import matplotlib.pyplot as plt, numpy, pandas, seaborn, statsmodels.formula.api, yaml\n"
           "from compendium import audit, charts, data, diagrams, display, exhibits, regression, style\n"
           "style.use()")
RESULT = ROOT / "paper" / "benchmark.json"
FLOOR_CODE = f"""
import json, time, nbformat
from compendium import build
samples = []
for _ in range(3):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell({IMPORTS!r})])
    start = time.monotonic()
    build.run_in_fresh_kernel(notebook, build.NOTEBOOKS)
    samples.append(time.monotonic() - start)
print(json.dumps(sorted(samples)[1]))
"""


def _timed(command: list[str], cwd: Path) -> float:
    start = time.monotonic()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def measure(clone: Path) -> dict:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    times = {"setup_s": _timed(["make", "env"], clone),
             "first_build_s": _timed(["make"], clone),
             "first_test_s": _timed(["make", "test"], clone)}
    python = clone / ".venv" / "bin" / "python"
    times["floor_kernel_s"] = json.loads(subprocess.run([python, "-c", FLOOR_CODE], cwd=clone, check=True,
                                                        capture_output=True, text=True).stdout)
    times["full_build_s"] = _timed(["make", "rebuild"], clone)
    # the build runner's own seconds per notebook: the next build schedules by them
    times["notebook_seconds"] = json.loads((clone / build.DURATIONS.relative_to(ROOT)).read_text(encoding="utf-8"))
    times["noop_build_s"] = _timed(["make"], clone)
    times["test_s"] = _timed(["make", "test"], clone)
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
    times["clean_after"] = changed == ""
    return times


def main() -> int:
    n = len(pipeline.NOTEBOOKS)
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        t = measure(Path(scratch) / "clone")
    floor_serial = t["floor_kernel_s"] * n
    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{build.WORKERS} cores",
        "notebooks": n,
        "floor_kernel_s": round(t["floor_kernel_s"], 1),
        "floor_serial_s": round(floor_serial, 1),
        "floor_parallel_s": round(floor_serial / build.WORKERS, 1),
        "setup_s": round(t["setup_s"], 1),
        "first_build_s": round(t["first_build_s"], 1),
        "first_make_s": round(t["setup_s"] + t["first_build_s"], 1),
        "first_test_s": round(t["first_test_s"], 1),
        "full_build_s": round(t["full_build_s"], 1),
        "noop_build_s": round(t["noop_build_s"], 2),
        "test_s": round(t["test_s"], 1),
        "full_build_ratio": round(t["full_build_s"] / floor_serial, 2),
        "test_ratio": round(t["test_s"] / floor_serial, 2),
        "test_vs_build": round(t["test_s"] / t["full_build_s"], 2),
        "clean_after": t["clean_after"],
        "notebook_seconds": t["notebook_seconds"],
    }
    RESULT.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    rows = [("floor: kernel + imports, one notebook", "floor_kernel_s", ""),
            (f"floor, serial (× {n})", "floor_serial_s", "1.00"),
            ("fresh clone: set-up (make env, warm cache)", "setup_s", ""),
            ("fresh clone: first make (incl. set-up)", "first_make_s", ""),
            ("fresh clone: first make test", "first_test_s", ""),
            ("warm: full rebuild (make rebuild)", "full_build_s", f"{result['full_build_ratio']:.2f}"),
            ("warm: make with nothing to do", "noop_build_s", ""),
            ("warm: make test", "test_s", f"{result['test_ratio']:.2f}")]
    print(f"benchmark ({result['date']}, {result['machine']}); git status clean after: {result['clean_after']}")
    for label, key, ratio in rows:
        print(f"  {label:<44} {result[key]!s:>7} s  {ratio:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
