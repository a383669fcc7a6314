"""Build runner: execute the notebooks in dependency order, each in a fresh kernel.

    python -m compendium.build            # run what changed (incremental)
    python -m compendium.build --all      # run everything

A notebook is re-run when the hash of its cell sources, its declared inputs or the shared
helpers differs from the one recorded after its last successful run (in `.build/stamps.json`,
not committed, so a fresh clone builds everything once). Each notebook writes into a staging
directory; only after it succeeds are its notebook and outputs moved into the repository, so a
failure never destroys what was already built.
"""
from __future__ import annotations

import argparse
import fnmatch
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from . import pipeline
from .paths import NOTEBOOKS, OUTPUT_ENV, ROOT

BUILD_DIR = ROOT / ".build"
STAMPS = BUILD_DIR / "stamps.json"
WORKERS = 2  # the reference machine has two cores
CELL_TIMEOUT = 600


def _expand(patterns: list[str]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(Path(p) for p in glob.glob(str(ROOT / pattern)))
    return sorted(p for p in found if p.is_file())


def _cell_sources(notebook: Path) -> bytes:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return json.dumps([[c["cell_type"], c["source"]] for c in cells], ensure_ascii=False).encode()


REPORT_STEP = "report"


def fingerprint(name: str) -> str:
    if name == REPORT_STEP:
        spec, digest = pipeline.REPORT, hashlib.sha256()
    else:
        spec = pipeline.NOTEBOOKS[name]
        digest = hashlib.sha256(_cell_sources(NOTEBOOKS / f"{name}.ipynb"))
    for path in _expand(spec["inputs"] + pipeline.SHARED_INPUTS):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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


def run_in_fresh_kernel(notebook, cwd: Path) -> None:
    """Execute a notebook (in place) in a new kernel started for it alone."""
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    # IPC sockets (short path: the OS limits socket names): local only, and the kernel does not
    # warn on stderr about unencrypted TCP
    sockets = tempfile.mkdtemp(prefix="nbk")
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=f"{sockets}/k")
    client = NotebookClient(notebook, km=kernel, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute()
    finally:
        if kernel.has_kernel:  # a kernel passed in is not shut down by nbclient itself
            kernel.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)


def execute(name: str, output_dir: Path) -> Path:
    """Run one notebook in a fresh kernel, outputs going to `output_dir`; return the executed copy."""
    import nbformat

    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    os.environ[OUTPUT_ENV] = str(output_dir)
    try:
        run_in_fresh_kernel(notebook, NOTEBOOKS)
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
    """Child-process entry point: execute in staging, install on success."""
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


def _load_stamps() -> dict[str, str]:
    return json.loads(STAMPS.read_text()) if STAMPS.is_file() else {}


def _save_stamps(stamps: dict[str, str]) -> None:
    BUILD_DIR.mkdir(exist_ok=True)
    STAMPS.write_text(json.dumps(stamps, indent=1, sort_keys=True))


def _needs_run(name: str, outputs: list[str], stamps: dict[str, str]) -> bool:
    """A step runs when its fingerprint changed since its last success or an output is missing."""
    return stamps.get(name) != fingerprint(name) or not all((ROOT / o).is_file() for o in outputs)


def stale(stamps: dict[str, str]) -> list[str]:
    """Notebooks to run: changed ones, those with missing outputs, and everything downstream."""
    deps = dependencies()
    todo = {name for name, spec in pipeline.NOTEBOOKS.items() if _needs_run(name, spec["outputs"], stamps)}
    changed = True
    while changed:
        downstream = {n for n, d in deps.items() if d & todo} - todo
        todo |= downstream
        changed = bool(downstream)
    return [n for n in pipeline.NOTEBOOKS if n in todo]


def report_is_stale(stamps: dict[str, str]) -> bool:
    return _needs_run(REPORT_STEP, pipeline.REPORT["outputs"], stamps)


def run_report(stamps: dict[str, str]) -> int:
    """Render the report and the README blocks from the notebooks' outputs (in a child process)."""
    start = time.monotonic()
    code = subprocess.call([sys.executable, "-m", "compendium.report"], cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"  {REPORT_STEP:<20}  {'ok' if code == 0 else 'FAILED':<6} {time.monotonic() - start:6.1f} s", flush=True)
    if code == 0:
        stamps[REPORT_STEP] = fingerprint(REPORT_STEP)
        _save_stamps(stamps)
    return code


def build(run_all: bool = False) -> int:
    started = time.monotonic()
    stamps = {} if run_all else _load_stamps()
    todo = stale(stamps)
    if not todo:
        if report_is_stale(stamps):
            return run_report(stamps)
        print(f"build: all {len(pipeline.NOTEBOOKS)} notebooks and the report up to date, nothing to do "
              f"({time.monotonic() - started:.1f} s)")
        return 0
    deps = dependencies()
    waiting, running, failed = list(todo), {}, []
    width = max(map(len, todo))
    print(f"build: {len(todo)} of {len(pipeline.NOTEBOOKS)} notebooks to run, {WORKERS} at a time")
    with ThreadPoolExecutor(WORKERS) as pool:
        while waiting or running:
            unfinished = set(waiting) | set(running.values()) | set(failed)
            ready = [n for n in waiting if not (deps[n] & unfinished)]
            blocked = [n for n in waiting if deps[n] & set(failed)]
            for name in blocked:
                waiting.remove(name)
                failed.append(name)
                print(f"  {name:<{width}}  skipped (an input notebook failed)")
            for name in ready[: WORKERS - len(running)]:
                waiting.remove(name)
                running[pool.submit(_timed_child, name)] = name
            if not running:
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                name = running.pop(future)
                code, seconds = future.result()
                status = "ok" if code == 0 else "FAILED"
                print(f"  {name:<{width}}  {status:<6} {seconds:6.1f} s", flush=True)
                if code == 0:
                    stamps[name] = fingerprint(name)
                    _save_stamps(stamps)
                else:
                    failed.append(name)
    if failed:
        print(f"build: FAILED ({', '.join(failed)}); committed outputs were left as they were "
              f"({time.monotonic() - started:.1f} s)")
        return 1
    if run_report(stamps) != 0:
        return 1
    print(f"build: done in {time.monotonic() - started:.1f} s")
    return 0


def _timed_child(name: str) -> tuple[int, float]:
    start = time.monotonic()
    code = subprocess.call([sys.executable, "-m", "compendium.build", "--one", name], cwd=ROOT)
    return code, time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="ignore the stamps and run every notebook")
    parser.add_argument("--one", metavar="NOTEBOOK", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return _run_one(args.one)
    return build(run_all=args.all)


if __name__ == "__main__":
    sys.exit(main())
