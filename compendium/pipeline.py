"""The pipeline, declared once: each notebook with the files it reads and writes.

The build runner (`compendium/build.py`) re-runs a notebook only when its own cells, one of its
inputs, or the shared helper package changed, and runs independent notebooks side by side.
Inputs are globs relative to the repository root; outputs are exact paths.
"""
from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

from .paths import FIGURE_LANGUAGES, ROOT, edition_figure

RAW_TABLES = ["data/sources.csv", "data/raw/SHA256SUMS"]


def _figures(*names: str) -> list[str]:
    return [f"figures/{n}.{ext}" for n in names for ext in ("svg", "png")]


def _values(notebook: str) -> str:
    """The file of values a notebook hands to the report (compendium/values/)."""
    return f"data/derived/values/{notebook}.json"


def _own_figures(*names: str) -> list[str]:
    return _figures(*(edition_figure(n, lang) for n in names for lang in FIGURE_LANGUAGES))


NOTEBOOKS: dict[str, dict[str, list[str]]] = {
    "00_data_overview": {
        "inputs": RAW_TABLES + ["data/raw/*.csv", "data/raw/pku_dfiic/*", "data/leads_checked.csv",
                                "data/plausibility_resolutions.csv",
                                # how many single-copy rows were read a second time (the report says)
                                "data/second_reading/*.csv", "tests/expectations/claim_row_values.csv"],
        "outputs": _own_figures("data-coverage", "data-vintage_revisions")
        + ["data/derived/data_coverage.csv", "data/derived/evidence_levels.csv", "data/derived/plausibility.csv",
           _values("00_data_overview")],
    },
    "01_paperB_figures": {
        "inputs": RAW_TABLES + ["data/raw/gdp.csv", "data/raw/digital_economy.csv", "data/raw/indicators.csv",
                                "data/claims.csv"],
        "outputs": _figures("B-fig03", "B-fig04", "B-fig05", "B-fig06", "B-fig07")
        + ["data/derived/paperB_figure_data.csv", _values("01_paperB_figures")],
    },
    "02_paperB_regression": {
        "inputs": RAW_TABLES + ["data/raw/*.csv", "data/raw/pku_dfiic/*", "data/claims.csv", "paper/analysis_plan.md"],
        "outputs": _own_figures("regression-coefficients", "regression-scatter", "regression-diagnostics")
        + ["data/derived/regression_results.csv", "data/derived/regression_panel.csv",
           "data/derived/regression_robustness.csv", "data/derived/regression_effects.csv",
           "data/derived/regression_power.csv", _values("02_paperB_regression")],
    },
    "03_claims_audit": {
        "inputs": RAW_TABLES + ["data/raw/*.csv", "data/raw/pku_dfiic/*", "data/claims.csv", "data/readings.csv",
                                "data/searches.csv", "data/coverage.csv", "data/coverage_markers.csv", "data/variant_axes.csv",
                                "data/derived/regression_results.csv", "data/derived/paperB_figure_data.csv"],
        "outputs": _own_figures("claims-verdicts", "claims-fragility")
        + ["data/derived/claims_audit.csv", "data/derived/claims_readings.csv",
           "data/derived/claims_variants.csv", "data/derived/claims_fragility.csv",
                                                  "data/derived/claims_evidence.csv", "data/derived/claims_coverage.csv",
                                                  "data/derived/evidence_of_inputs.csv", _values("03_claims_audit")],
    },
    "04_diagrams": {
        "inputs": ["data/diagrams/*.yaml"],
        "outputs": _figures("A-fig01", "A-fig02", "B-fig01", "B-fig02", *(f"B-fig{n:02d}" for n in range(8, 20))),
    },
    "05_specification_curve": {
        "inputs": ["data/derived/regression_panel.csv", "data/derived/regression_results.csv",
                   "paper/specification_grid.yaml", "paper/analysis_plan.md"],
        "outputs": _own_figures("regression-specification_curve")
        + ["data/derived/specification_curve.csv", "data/derived/specification_curve_summary.csv",
           "data/derived/specification_curve_joint.csv", _values("05_specification_curve")],
    },
}

# Every step also depends on the package's files it runs: those its code imports, followed through
# the package's own imports (a notebook that never imports the rules does not re-run when a rule
# changes; only the report says the phrasebook's causes and rules), and on the pinned environment.
PACKAGE = "compendium"
ENVIRONMENT_INPUTS = ["requirements.txt"]


def _module_file(dotted: str) -> Path | None:
    """compendium.rules.base -> compendium/rules/base.py (or the package's __init__.py); None outside."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE:
        return None
    path = ROOT.joinpath(*parts)
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(tree: ast.AST, package: str) -> set[str]:
    """Dotted names of the package's modules a parsed file imports (`package`: the file's own package,
    for relative imports); `from x import y` counts x.y too, in case y is a submodule."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            names.add(stem)
            names |= {f"{stem}.{alias.name}" for alias in node.names}
    return {n for n in names if n.split(".")[0] == PACKAGE}


@functools.lru_cache(maxsize=None)
def _imported_by_source(source: str, package: str) -> frozenset[str]:
    """`_imported` of a file's text, parsed once per process: every step's inputs walk the same
    modules, and `make verify` asks for all seven steps (keyed by the text, so an edit is seen)."""
    return frozenset(_imported(ast.parse(source), package))


def _with_parents(dotted: str) -> list[str]:
    """Importing a.b.c runs a/__init__.py and a/b/__init__.py first."""
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def package_files(roots: set[str]) -> list[str]:
    """Every file of the package that importing `roots` runs, as repository paths."""
    seen: dict[str, Path] = {}
    todo = [name for root in roots for name in _with_parents(root)]
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        todo += [parent for found in _imported_by_source(path.read_text(encoding="utf-8"), package)
                 for parent in _with_parents(found)]
    return sorted(path.relative_to(ROOT).as_posix() for path in seen.values())


def notebook_imports(notebook: str) -> set[str]:
    """The package's modules a notebook's code cells import (IPython magics and shell lines left out)."""
    cells = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    code = "\n".join(line for cell in cells if cell["cell_type"] == "code"
                     for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith(("%", "!")))
    return _imported(ast.parse(code), PACKAGE)


@functools.cache
def helper_inputs(step: str) -> list[str]:
    """The package's files a step runs, and the environment lock."""
    roots = {REPORT_MODULE} if step == REPORT_STEP else notebook_imports(step)
    return package_files(roots) + ENVIRONMENT_INPUTS


# The last step: the report, English and Chinese, HTML and PDF (and the README's generated blocks),
# made by the module below (its own imports are followed as a notebook's are).
REPORT_STEP = "report"
REPORT_MODULE = "compendium.report"
REPORT = {
    "inputs": ["paper/report.md", "paper/report.zh.md", "paper/benchmark.json", "paper/mutation.json", "data/derived/*.csv",
               "data/derived/values/*.json", "figures/*.svg", "README.md.in", "data/sources.csv", "pyproject.toml",
               "requirements.in"],
    "outputs": ["paper/report.html", "paper/report.pdf", "paper/report.zh.html", "paper/report.zh.pdf", "README.md",
                "CITATION.cff", ".zenodo.json", "codemeta.json", "ro-crate-metadata.json"],
}
