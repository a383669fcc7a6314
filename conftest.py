"""Test-session set-up.

nbval re-executes every committed notebook and compares its outputs with the stored ones. The
notebooks write figures and derived data as they run; here those writes are sent to a scratch
directory (`COMPENDIUM_OUTPUT_DIR`), so the tests never overwrite the committed outputs, and
tests/test_outputs.py then compares the fresh files with the committed ones.

With pytest-xdist (`make test` runs two workers), every worker shares the controller's scratch
directory, and each notebook's cells and its output comparisons form one group that runs on one
worker, in order: the notebook first, then the checks of what it wrote.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from compendium.paths import FIGURE_OBJECTS_ENV, OUTPUT_ENV, VALIDATION_CACHE_ENV


def pytest_configure(config):
    worker_input = getattr(config, "workerinput", None)
    fresh = Path(worker_input["fresh_outputs"]) if worker_input else Path(tempfile.mkdtemp(prefix="compendium-fresh-"))
    # set before any kernel starts, so nbval's kernels inherit it
    os.environ[OUTPUT_ENV] = str(fresh)
    # two workers share the cores: a BLAS that also spreads each small product over threads spins on
    # the core the other worker needs (notebook 05's first cell took 30 s instead of 5); the CPU's
    # own code path is kept (only the build pins that), and a caller's explicit setting wins
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # as the build runner does: a frame whose content passed validation is not validated again in
    # this session (kernels and workers share the directory; a changed cell is a new frame)
    os.environ.setdefault(VALIDATION_CACHE_ENV, str(fresh.parent / f"{fresh.name}-validated"))
    # nbval's kernels keep each figure they save as an object here, for the figure tests
    os.environ[FIGURE_OBJECTS_ENV] = str(fresh / "figure-objects")
    config.fresh_outputs = fresh


def pytest_unconfigure(config):
    """The controller removes the scratch directories it made: each session writes ~10 MB there, and
    hundreds of runs (mutation trials, audits) had left gigabytes in the temporary directory."""
    if getattr(config, "workerinput", None) is None and hasattr(config, "fresh_outputs"):
        fresh = config.fresh_outputs
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(fresh.parent / f"{fresh.name}-validated", ignore_errors=True)


def pytest_configure_node(node):
    """xdist controller → worker: share one scratch directory."""
    node.workerinput["fresh_outputs"] = str(node.config.fresh_outputs)


def _notebook_of(item) -> str | None:
    if str(item.fspath).endswith(".ipynb"):
        return Path(str(item.fspath)).stem
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "notebook" in callspec.params:
        return callspec.params["notebook"]
    reads = item.get_closest_marker("figures_of")  # a figure test: after the notebook that draws its figures
    return reads.args[0] if reads else None


def pytest_itemcollected(item):
    """Group each notebook's cells with the checks of its outputs (marked as they are collected,
    before xdist reads the groups)."""
    notebook = _notebook_of(item)
    if notebook:
        item.add_marker(pytest.mark.xdist_group(name=notebook))


def pytest_collection_modifyitems(session, config, items):
    """Run the notebooks first: the output checks read what they wrote."""
    items.sort(key=lambda item: 0 if str(item.fspath).endswith(".ipynb") else 1)


def pytest_terminal_summary(terminalreporter):
    """Say how much of the run was nbval (notebook cells) and how much unit tests."""
    reports = [r for key in ("passed", "failed", "error") for r in terminalreporter.stats.get(key, [])
               if getattr(r, "when", "call") == "call"]
    cells = [r for r in reports if ".ipynb::" in r.nodeid]
    notebooks = {r.nodeid.split("::")[0] for r in cells}
    failed = sum(r.failed for r in cells)
    terminalreporter.write_line(f"nbval: {len(cells)} notebook cells in {len(notebooks)} notebooks re-executed and "
                                f"compared ({failed} failed); other tests: {len(reports) - len(cells)}")
    # the CI log must show that the browser test ran, not that it skipped
    browser = {key: sum("test_browser.py" in r.nodeid for r in terminalreporter.stats.get(key, [])
                        if getattr(r, "when", "call") in ("call", "setup") and (key != "passed" or r.when == "call"))
               for key in ("passed", "failed", "error", "skipped")}
    terminalreporter.write_line("browser (chromium, Playwright): " + ", ".join(f"{n} {k}" for k, n in browser.items()))
    # the layout counts the figure tests measured (they print them; shown here without -s)
    for r in terminalreporter.stats.get("passed", []):
        if r.when == "call" and any(name in r.nodeid for name in MEASURING_TESTS):
            terminalreporter.write(r.capstdout)


MEASURING_TESTS = ("test_diagram_layouts_have_no_avoidable_defects", "test_every_figure_of_every_notebook_was_saved")


def notebook_figures(notebook: str, scratch) -> dict:
    """A notebook's figures as objects, name → figure: the ones nbval's run of the notebook kept in
    this session (`FIGURE_OBJECTS_ENV`; a test marked `figures_of` runs after that notebook, on its
    worker), or, where that run did not happen (a test run on its own), those of a run of the
    notebook's code cells in this process, its file outputs going to `scratch`."""
    import pickle

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from compendium import pipeline, style

    names = [o.removeprefix("figures/").removesuffix(".svg") for o in pipeline.NOTEBOOKS[notebook]["outputs"]
             if o.startswith("figures/") and o.endswith(".svg")]
    kept = Path(os.environ[FIGURE_OBJECTS_ENV])
    if all((kept / f"{name}.pickle").is_file() for name in names):
        style.use()  # the notebook's fonts and settings, for a test that draws the figure again
        figures = {name: pickle.loads((kept / f"{name}.pickle").read_bytes()) for name in names}
        for figure in figures.values():
            FigureCanvasAgg(figure)  # an unpickled figure has a bare canvas; the layout tests draw it
        return figures
    return _run_for_figures(notebook, scratch)


def _run_for_figures(notebook: str, scratch) -> dict:
    """Run a notebook's code cells in the test process, keeping every figure it saves."""
    from compendium import paths, style

    saved = {}
    patch = pytest.MonkeyPatch()
    patch.setenv(paths.OUTPUT_ENV, str(scratch))
    patch.setattr(style, "save_figure", lambda fig, name: saved.__setitem__(name, fig))
    cells = json.loads((paths.NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    namespace: dict = {}
    try:
        for cell in cells:
            if cell["cell_type"] == "code":
                exec(compile("".join(cell["source"]), notebook, "exec"), namespace)  # noqa: S102
    finally:
        patch.undo()
    return saved


@pytest.fixture(scope="session")
def notebook01_figures(tmp_path_factory):
    return notebook_figures("01_paperB_figures", tmp_path_factory.mktemp("notebook01"))
