"""Build runner: execute the notebooks in dependency order, each in a fresh kernel.

    python -m compendium.build            # run what is stale (incremental)
    python -m compendium.build --all      # run everything
    python -m compendium.build --verify   # run nothing; say whether every committed output is current

The committed build lock (`build.lock.json`) records, for each notebook and for the report, the
SHA-256 of every declared input (the notebook's own cells, its data, the helpers it imports, the
package lock), of every output, and the environment it ran in (Python and package versions). A
step is stale when an input or output no longer has its recorded hash; everything downstream of
it is stale too. A fresh clone therefore checks the lock in a second and runs nothing.

Each notebook writes into a staging directory; only after it succeeds are its notebook and outputs
moved into the repository, so a failure never destroys what was already built.
"""
from __future__ import annotations

import argparse
import fnmatch
import functools
import glob
import hashlib
import itertools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from . import lineage, pipeline
from .paths import CHECKSUMS, NOTEBOOKS, OUTPUT_ENV, ROOT, VALIDATION_CACHE_ENV

BUILD_DIR = ROOT / ".build"  # staging and failed runs; never committed
LOCK = ROOT / "build.lock.json"
DURATIONS = BUILD_DIR / "durations.json"  # this run's seconds per notebook (read by the benchmark)
BENCHMARK = ROOT / "paper" / "benchmark.json"  # the last benchmark's seconds per notebook, for scheduling
PINNED_PYTHON = "3.11"  # the Makefile's PYTHON_VERSION, environment.yml and pyproject.toml agree (tested)
WORKERS = 2  # the reference machine has two cores
CELL_TIMEOUT = 600
# The notebooks' kernels use one OpenBLAS code path and one thread on every x86-64 machine. Left to
# itself OpenBLAS picks kernels by CPU (Haswell on AVX2, SkylakeX on AVX-512 …); their last-bit
# differences move antialiased pixels, so a committed PNG would be rebuilt byte for byte only on a
# CPU like the one that made it. Prescott's kernels run on every x86-64 CPU (other architectures
# have other kernels: there a rebuild matches within the tests' tolerances). `make test` does not
# pin: it checks the committed outputs under the reviewer's own code path, within tolerances.
KERNEL_ENV = {"OPENBLAS_NUM_THREADS": "1",
              **({"OPENBLAS_CORETYPE": "Prescott"} if platform.machine().lower() in ("x86_64", "amd64") else {})}


def _expand(patterns: list[str]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(Path(p) for p in glob.glob(str(ROOT / pattern)))
    return sorted(p for p in found if p.is_file())


def _cell_sources(notebook: Path) -> bytes:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return json.dumps([[c["cell_type"], c["source"]] for c in cells], ensure_ascii=False).encode()


REPORT_STEP = pipeline.REPORT_STEP
STEPS = [*pipeline.NOTEBOOKS, REPORT_STEP]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _spec(name: str) -> dict[str, list[str]]:
    return pipeline.REPORT if name == REPORT_STEP else pipeline.NOTEBOOKS[name]


def input_hashes(name: str) -> dict[str, str]:
    """Hash of every declared input of a step (for a notebook, its cells count as an input)."""
    hashes = {}
    if name != REPORT_STEP:
        hashes[f"notebooks/{name}.ipynb#cells"] = _sha256(_cell_sources(NOTEBOOKS / f"{name}.ipynb"))
    for path in _expand(_spec(name)["inputs"] + pipeline.helper_inputs(name)):
        hashes[path.relative_to(ROOT).as_posix()] = _sha256(path.read_bytes())
    return hashes


def outputs_of(name: str) -> list[str]:
    own = [] if name == REPORT_STEP else [f"notebooks/{name}.ipynb"]
    return own + _spec(name)["outputs"]


def output_hashes(name: str) -> dict[str, str | None]:
    """Hash of every output of a step; None for one that is missing."""
    return {rel: _sha256((ROOT / rel).read_bytes()) if (ROOT / rel).is_file() else None for rel in outputs_of(name)}


@functools.cache  # the environment does not change while the runner runs
def environment() -> dict:
    """The interpreter and every installed distribution (the compendium itself aside)."""
    from importlib import metadata

    packages = sorted({f"{_normalise(d.metadata['Name'])}=={d.version}" for d in metadata.distributions()
                       if _normalise(d.metadata["Name"]) != "compendium"})
    return {"python": platform.python_version(), "packages": packages}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _environment_id(env: dict) -> str:
    return _sha256(json.dumps(env, sort_keys=True).encode())[:12]


def pinned_packages() -> list[str]:
    """The lock's `name==version` lines, normalised like `environment()`."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line) for line in lines]
    return sorted(f"{_normalise(m[1])}=={m[2]}" for m in pins if m)


def off_environment(env: dict) -> list[str]:
    """How a recorded environment departs from the pinned one (empty when it does not)."""
    problems = []
    if env["python"].rsplit(".", 1)[0] != PINNED_PYTHON:
        problems.append(f"Python {env['python']} (pinned: {PINNED_PYTHON})")
    installed, pinned = set(env["packages"]), set(pinned_packages())
    if installed != pinned:
        problems.append(f"packages differ from requirements.txt: extra {sorted(installed - pinned)[:5]}, "
                        f"missing {sorted(pinned - installed)[:5]}")
    return problems


def load_lock() -> dict:
    lock = json.loads(LOCK.read_text(encoding="utf-8")) if LOCK.is_file() else {}
    return {"environments": lock.get("environments", {}), "steps": lock.get("steps", {})}


def _save_lock(lock: dict) -> None:
    used = {step["environment"] for step in lock["steps"].values()}
    lock["environments"] = {k: v for k, v in lock["environments"].items() if k in used}
    LOCK.write_text(json.dumps(lock, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def record(name: str, lock: dict) -> None:
    """After a step succeeded: its input and output hashes and the environment it ran in."""
    env = environment()
    env_id = _environment_id(env)
    lock["environments"][env_id] = env
    lock["steps"][name] = {"inputs": input_hashes(name), "outputs": output_hashes(name), "environment": env_id}
    _save_lock(lock)


def why_stale(name: str, lock: dict) -> str | None:
    """Why a step must run again (None when its record matches the files on disk)."""
    recorded = lock["steps"].get(name)
    if recorded is None:
        return "not in the build lock"
    now = input_hashes(name)
    changed = sorted(k for k in set(now) | set(recorded["inputs"]) if now.get(k) != recorded["inputs"].get(k))
    if changed:
        return "input changed: " + ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
    outputs = output_hashes(name)
    missing = [k for k, v in outputs.items() if v is None]
    if missing:
        return "output missing: " + ", ".join(missing[:3])
    edited = sorted(k for k in set(outputs) | set(recorded["outputs"]) if outputs.get(k) != recorded["outputs"].get(k))
    if edited:
        return "output differs from the one recorded: " + ", ".join(edited[:3])
    return None


def dependencies() -> dict[str, set[str]]:
    """Notebook B depends on A when one of B's input globs matches one of A's outputs."""
    deps: dict[str, set[str]] = {name: set() for name in pipeline.NOTEBOOKS}
    for name, spec in pipeline.NOTEBOOKS.items():
        for other, other_spec in pipeline.NOTEBOOKS.items():
            if other != name and any(
                fnmatch.fnmatch(out, pattern) for out in other_spec["outputs"] for pattern in spec["inputs"]
            ):
                deps[name].add(other)
    return deps


def expected_seconds() -> dict[str, float]:
    """How long each notebook took in the last benchmark's full rebuild (`paper/benchmark.json`);
    1 s for one it does not list. Only the order in which ready notebooks start depends on it."""
    try:
        measured = json.loads(BENCHMARK.read_text(encoding="utf-8")).get("notebook_seconds", {})
    except (OSError, ValueError):
        measured = {}
    return {name: float(measured.get(name, 1.0)) for name in pipeline.NOTEBOOKS}


def simulated_length(order: list[str], deps: dict[str, set[str]], seconds: dict[str, float]) -> float:
    """How long `order` takes on WORKERS cores when each free core starts the first notebook of
    `order` whose inputs are done (what `build` does), with each notebook taking `seconds`."""
    free_at, left, scheduled = [0.0] * WORKERS, list(order), set(order)
    done_at: dict[str, float] = {}
    while left:
        core = min(range(WORKERS), key=free_at.__getitem__)
        starts = {name: _earliest_start(deps[name] & scheduled, done_at, free_at[core]) for name in left}
        name = min(left, key=lambda n: (starts[n], left.index(n)))
        done_at[name] = free_at[core] = starts[name] + seconds[name]
        left.remove(name)
    return max(done_at.values(), default=0.0)


def _earliest_start(inputs: set[str], done_at: dict[str, float], free: float) -> float:
    """When a notebook can start on a core free at `free`: never before its inputs are done."""
    if any(name not in done_at for name in inputs):
        return float("inf")
    return max([free, *(done_at[name] for name in inputs)])


def start_order(todo: list[str], deps: dict[str, set[str]], seconds: dict[str, float]) -> list[str]:
    """The order of `todo` (a handful of notebooks: every permutation is tried) that the simulation
    finishes first; ties keep the pipeline's order."""
    return min((list(p) for p in itertools.permutations(todo)),
               key=lambda order: simulated_length(order, deps, seconds))


def run_in_fresh_kernel(notebook, cwd: Path, env: dict[str, str] | None = None) -> None:
    """Execute a notebook (in place) in a new kernel started for it alone, with `env` added to this
    process's environment (and the BLAS pin over both)."""
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    # IPC sockets (short path: the OS limits socket names): local only, and the kernel does not
    # warn on stderr about unencrypted TCP
    sockets = tempfile.mkdtemp(prefix="nbk")
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=f"{sockets}/k")
    client = NotebookClient(notebook, km=kernel, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute(env={**os.environ, **(env or {}), **KERNEL_ENV})
    finally:
        if kernel.has_kernel:  # a kernel passed in is not shut down by nbclient itself
            kernel.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)


def execute(name: str, output_dir: Path) -> Path:
    """Run one notebook in a fresh kernel, outputs going to `output_dir`; return the executed copy."""
    import nbformat

    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    try:  # the kernel's environment, not this process's: two notebooks run side by side from here
        run_in_fresh_kernel(notebook, NOTEBOOKS,
                            {OUTPUT_ENV: str(output_dir), VALIDATION_CACHE_ENV: str(BUILD_DIR / "validated")})
    finally:
        normalise(notebook)
        executed = output_dir / "notebooks" / f"{name}.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, executed)
    return executed


def normalise(notebook) -> None:
    """Drop what varies between runs so that two builds give identical notebook files."""
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            cell.outputs = _merge_streams(cell.outputs)


def _merge_streams(outputs: list) -> list:
    """Join consecutive chunks of the same stream: how the kernel splits them depends on timing."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def _install(name: str, staging: Path) -> None:
    """Move a successful run's notebook and declared outputs into the repository."""
    declared = pipeline.NOTEBOOKS[name]["outputs"]
    produced = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
    produced.remove(f"notebooks/{name}.ipynb")
    undeclared = sorted(set(produced) - set(declared))
    missing = sorted(set(declared) - set(produced))
    if undeclared or missing:
        raise RuntimeError(f"{name}: outputs differ from compendium/pipeline.py "
                           f"(undeclared: {undeclared}; declared but not written: {missing})")
    for rel in produced + [f"notebooks/{name}.ipynb"]:
        target = ROOT / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staging / rel, target)


def _run_one(name: str) -> int:
    """Execute one notebook in staging and install its outputs on success (runs in a worker thread:
    the kernel is the notebook's own process, so the runner needs no second one per notebook)."""
    staging = BUILD_DIR / "staging" / name
    shutil.rmtree(staging, ignore_errors=True)
    try:
        execute(name, staging)
    except Exception as err:  # report the cell error, keep the committed files untouched
        failed = BUILD_DIR / "failed" / f"{name}.ipynb"
        failed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staging / "notebooks" / f"{name}.ipynb", failed)
        message = getattr(err, "ename", type(err).__name__) + ": " + str(getattr(err, "evalue", err))
        shown = failed.relative_to(ROOT) if failed.is_relative_to(ROOT) else failed
        print(f"{name}: {message.strip()}\n  executed copy with the error: {shown}", file=sys.stderr)
        return 1
    _install(name, staging)
    shutil.rmtree(staging, ignore_errors=True)
    return 0


def stale(lock: dict) -> dict[str, str]:
    """Notebooks to run, in run order, each with the reason: its own, or an upstream notebook's."""
    deps = dependencies()
    reasons = {}
    for name in pipeline.NOTEBOOKS:
        upstream = sorted(d for d in deps[name] if d in reasons)
        reason = why_stale(name, lock)
        if reason or upstream:
            reasons[name] = reason or f"upstream notebook re-runs: {', '.join(upstream)}"
    return reasons


def report_is_stale(lock: dict, notebooks_to_run) -> str | None:
    return "a notebook re-runs" if notebooks_to_run else why_stale(REPORT_STEP, lock)


def run_report(lock: dict) -> int:
    """Render the report and the README blocks from the notebooks' outputs (in a child process)."""
    start = time.monotonic()
    code = subprocess.call([sys.executable, "-m", "compendium.report"], cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"  {REPORT_STEP:<20}  {'ok' if code == 0 else 'FAILED':<6} {time.monotonic() - start:6.1f} s", flush=True)
    if code == 0:
        record(REPORT_STEP, lock)
    return code


def unrecorded_raw_edits() -> list[str]:
    """Raw files whose bytes differ from data/raw/SHA256SUMS (or that it does not list): edits not
    recorded with `make checksums`. Standard library only: the runner imports no pandas."""
    recorded = {}
    for line in CHECKSUMS.read_text(encoding="utf-8").splitlines() if CHECKSUMS.is_file() else []:
        if line.strip():
            digest, name = line.split(maxsplit=1)
            recorded[name] = digest
    files = sorted(p for p in (ROOT / "data" / "raw").rglob("*") if p.is_file() and p != CHECKSUMS)
    files.append(ROOT / "data" / "sources.csv")
    edited = []
    for path in files:
        name = str(path.relative_to(ROOT))
        if recorded.get(name) != hashlib.sha256(path.read_bytes()).hexdigest():
            edited.append(name)
    return edited


def build(run_all: bool = False) -> int:
    started = time.monotonic()
    for name in unrecorded_raw_edits():
        print(f"build: WARNING {name} differs from data/raw/SHA256SUMS: an edit not recorded with `make checksums` "
              "(the tests fail on it until a deliberate, sourced edit is recorded)")
    lock = load_lock()
    reasons = {n: "--all" for n in pipeline.NOTEBOOKS} if run_all else stale(lock)
    todo = list(reasons)
    if not todo:
        if report_is_stale(lock, todo):
            return run_report(lock)
        print(f"build: the build lock matches all {len(pipeline.NOTEBOOKS)} notebooks and the report; nothing to run "
              f"({time.monotonic() - started:.1f} s)")
        return 0
    deps = dependencies()
    rank = {name: i for i, name in enumerate(start_order(todo, deps, expected_seconds()))}
    waiting = list(todo)
    running: dict = {}
    failed: list[str] = []
    seconds_taken: dict[str, float] = {}
    width = max(map(len, todo))
    print(f"build: {len(todo)} of {len(pipeline.NOTEBOOKS)} notebooks to run, {WORKERS} at a time")
    for name in todo:
        print(f"  {name:<{width}}  stale: {reasons[name]}")
    with ThreadPoolExecutor(WORKERS) as pool:
        while waiting or running:
            unfinished = set(waiting) | set(running.values()) | set(failed)
            ready = sorted((n for n in waiting if not (deps[n] & unfinished)), key=rank.__getitem__)
            blocked = [n for n in waiting if deps[n] & set(failed)]
            for name in blocked:
                waiting.remove(name)
                failed.append(name)
                print(f"  {name:<{width}}  skipped (an input notebook failed)")
            for name in ready[: WORKERS - len(running)]:
                waiting.remove(name)
                running[pool.submit(_timed_run, name)] = name
            if not running:
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                name = running.pop(future)
                code, seconds = future.result()
                seconds_taken[name] = round(seconds, 1)
                status = "ok" if code == 0 else "FAILED"
                print(f"  {name:<{width}}  {status:<6} {seconds:6.1f} s", flush=True)
                if code == 0:
                    record(name, lock)
                else:
                    failed.append(name)
    DURATIONS.parent.mkdir(exist_ok=True)
    DURATIONS.write_text(json.dumps(seconds_taken, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if failed:
        installed = [name for name in todo if name not in failed]
        print(f"build: FAILED ({', '.join(failed)}): their committed outputs were left as they were"
              + (f"; re-run and installed: {', '.join(installed)}" if installed else "")
              + f"; the report was not rendered, so README.md and paper/ are unchanged ({time.monotonic() - started:.1f} s)")
        return 1
    if run_report(lock) != 0:
        print("build: the report step FAILED: README.md and paper/ are unchanged (it writes nothing until every "
              "document is rendered); the notebooks' outputs above were installed")
        return 1
    print(f"build: done in {time.monotonic() - started:.1f} s")
    return 0


def _timed_run(name: str) -> tuple[int, float]:
    start = time.monotonic()
    try:
        code = _run_one(name)
    except Exception as err:  # e.g. undeclared outputs: this notebook fails, the others go on
        print(f"{name}: {type(err).__name__}: {err}", file=sys.stderr)
        code = 1
    return code, time.monotonic() - start


def verify() -> int:
    """Run nothing; report each step whose committed outputs do not follow from the committed inputs,
    or were made off the pinned environment. Exit status 1 when there is any."""
    lock = load_lock()
    reasons = stale(lock)
    report = report_is_stale(lock, reasons)
    if report:
        reasons[REPORT_STEP] = report
    problems = 0
    for name in STEPS:
        recorded = lock["steps"].get(name)
        off = off_environment(lock["environments"][recorded["environment"]]) if recorded else []
        if name in reasons:
            problems += 1
            print(f"  {name:<20}  STALE   {reasons[name]} → re-run with `make`")
        elif off:
            problems += 1
            print(f"  {name:<20}  OFF-ENV made with {'; '.join(off)} → re-run with `make rebuild` in the pinned "
                  f"environment")
        else:
            print(f"  {name:<20}  ok")
    touched = lineage.changed_claims()
    for claim, changes in sorted(touched.items()):
        print(f"  claim {claim:<14}  EVIDENCE CHANGED  {'; '.join(changes)}")
    verdict = "every committed output matches its inputs and the pinned environment" if not problems else \
        f"{problems} of {len(STEPS)} steps need attention"
    if touched:
        verdict += f"; the evidence of {len(touched)} claim(s) changed: {', '.join(sorted(touched))}"
    print(f"verify: {verdict}")
    return 1 if problems or touched else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="ignore the build lock and run every notebook")
    parser.add_argument("--verify", action="store_true", help="run nothing; check the build lock")
    args = parser.parse_args()
    if args.verify:
        return verify()
    return build(run_all=args.all)


if __name__ == "__main__":
    sys.exit(main())
