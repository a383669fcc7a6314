"""Sensitivity of the checks: corrupt one raw value at a time and see whether the tests notice.

    python -m compendium.mutate [--n N] [--seed S]

Each corruption is made in a fresh clone of the committed repository: one value changed by one
unit in its last digit, two years swapped, or one row dropped. The raw-file checksums are
re-recorded after the edit (so what is measured is whether the *output* checks notice, not the
checksum), then the README's test command is run there. A run whose tests still pass has, by
construction, left every checked output unchanged (nbval compares every printed output, the
output tests compare every figure and derived file), so the corruption did not reach an output.
An unmutated control clone must pass first. Results go to `paper/mutation.json`.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from .data import OBSERVATION_FILES
from .paths import ROOT

RESULT = ROOT / "paper" / "mutation.json"
FILES = tuple(OBSERVATION_FILES.values())
KINDS = ("last_digit", "swap_years", "drop_row")


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [list(r) for r in csv.reader(handle)]


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def bump_last_digit(value: str) -> str:
    """'38.6' -> '38.7', '1204724' -> '1204725', '-0.2' -> '-0.1': one unit in the last digit."""
    number = Decimal(value)
    step = Decimal(1).scaleb(number.as_tuple().exponent)
    return str(number + step)


def plan(n: int, seed: int) -> list[dict]:
    """Choose n corruptions across files and kinds, reproducibly."""
    rng = random.Random(seed)
    tables = {name: _rows(ROOT / "data" / "raw" / name) for name in FILES}
    out = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        name = FILES[(i // len(KINDS)) % len(FILES)]
        rows = tables[name]
        header, body = rows[0], rows[1:]
        if kind == "swap_years":
            col = {c: header.index(c) for c in ("region", "measure", "vintage", "year")}
            groups: dict[tuple, list[int]] = {}
            for k, row in enumerate(body):
                groups.setdefault((row[col["region"]], row[col["measure"]], row[col["vintage"]]), []).append(k)
            candidates = [g for g in groups.values() if len(g) >= 2]
            if not candidates:
                kind = "last_digit"
            else:
                first, second = rng.sample(rng.choice(candidates), 2)
                out.append({"kind": kind, "file": name, "rows": [first + 1, second + 1]})
                continue
        row = rng.randrange(len(body))
        out.append({"kind": kind, "file": name, "rows": [row + 1]})
    return out


def apply(mutation: dict, root: Path) -> str:
    path = root / "data" / "raw" / mutation["file"]
    rows = _rows(path)
    header = rows[0]
    value, year = header.index("value"), header.index("year")
    first = mutation["rows"][0]
    described = f"{mutation['file']} row {first}"
    if mutation["kind"] == "last_digit":
        old = rows[first][value]
        rows[first][value] = bump_last_digit(old)
        described += f": value {old} → {rows[first][value]}"
    elif mutation["kind"] == "swap_years":
        second = mutation["rows"][1]
        rows[first][year], rows[second][year] = rows[second][year], rows[first][year]
        described += f" and row {second}: years swapped"
    else:
        described += f" dropped ({','.join(rows[first][:4])})"
        del rows[first]
    _write(path, rows)
    return described


def run_tests(root: Path) -> tuple[bool, float]:
    """The README's test command, `make test`, run inside the clone.

    The clone uses this checkout's environment (`-o` tells make not to build one; PYTHONPATH makes
    the clone's own code and data shadow the editable install) and stops at the first failure.
    """
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("COMPENDIUM_OUTPUT_DIR", None)
    subprocess.run([sys.executable, "-m", "compendium.data"], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
    start = time.monotonic()
    code = subprocess.call(["make", "test", "-o", ".venv/.installed", f"PY={sys.executable}", "PYTEST_ARGS=-x -q"],
                           cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return code == 0, time.monotonic() - start


def changed_outputs(root: Path) -> list[str]:
    """Independent check for a corruption the tests did not flag: rebuild and list changed outputs."""
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("COMPENDIUM_OUTPUT_DIR", None)
    subprocess.run([sys.executable, "-m", "compendium.build", "--all"], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    return sorted(line[3:] for line in status.splitlines() if not line[3:].startswith("data/raw/"))


def trial(mutation: dict | None, workdir: Path, label: str) -> dict:
    clone = workdir / label
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    described = apply(mutation, clone) if mutation else "no corruption (control)"
    passed, seconds = run_tests(clone)
    missed = changed_outputs(clone) if passed and mutation else []
    shutil.rmtree(clone, ignore_errors=True)
    return {"label": label, "corruption": described, "tests_pass": passed, "seconds": round(seconds, 1),
            "outputs_changed_but_not_caught": missed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=24)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip():
        print("mutate: commit first — the trials clone the committed repository", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="mutate-"))
    control = trial(None, workdir, "control")
    print(f"control (no corruption): tests {'pass' if control['tests_pass'] else 'FAIL'} ({control['seconds']} s)")
    if not control["tests_pass"]:
        return 1
    mutations = plan(args.n, args.seed)
    with ThreadPoolExecutor(args.workers) as pool:
        trials = list(pool.map(lambda im: trial(im[1], workdir, f"m{im[0]:02d}"), enumerate(mutations)))
    for t, m in zip(trials, mutations):
        if not t["tests_pass"]:
            status = "caught"
        elif t["outputs_changed_but_not_caught"]:
            status = "MISSED: changed " + ", ".join(t["outputs_changed_but_not_caught"])
        else:
            status = "not caught, and a rebuild changes no output: the value reaches no output"
        print(f"  {t['label']} {m['kind']:<10} {t['corruption']}: {status}")
    caught = sum(not t["tests_pass"] for t in trials)
    missed = sum(bool(t["outputs_changed_but_not_caught"]) for t in trials)
    reaching = caught + missed
    result = {"tried": len(trials), "caught": caught, "missed": missed, "reaching_output": reaching,
              "reaching_no_output": len(trials) - reaching,
              "catch_rate_of_reaching": round(caught / reaching, 4) if reaching else None,
              "seed": args.seed, "trials": [t | {"kind": m["kind"]} for t, m in zip(trials, mutations)]}
    RESULT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"mutate: {len(trials)} corruptions tried, {reaching} reached an output, {caught} of those caught, "
          f"{missed} missed; {len(trials) - reaching} reached no output")
    shutil.rmtree(workdir, ignore_errors=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
