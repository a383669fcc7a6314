"""The pipeline, declared once: each notebook with the files it reads and writes.

The build runner (`compendium/build.py`) re-runs a notebook only when its own cells, one of its
inputs, or the shared helper package changed, and runs independent notebooks side by side.
Inputs are globs relative to the repository root; outputs are exact paths.
"""
from __future__ import annotations

from .paths import FIGURE_LANGUAGES, edition_figure

RAW_TABLES = ["data/sources.csv", "data/raw/SHA256SUMS"]


def _figures(*names: str) -> list[str]:
    return [f"figures/{n}.{ext}" for n in names for ext in ("svg", "png")]


def _own_figures(*names: str) -> list[str]:
    return _figures(*(edition_figure(n, lang) for n in names for lang in FIGURE_LANGUAGES))


NOTEBOOKS: dict[str, dict[str, list[str]]] = {
    "00_data_overview": {
        "inputs": RAW_TABLES + ["data/raw/*.csv", "data/raw/pku_dfiic/*", "data/leads_checked.csv"],
        "outputs": _own_figures("data-coverage", "data-vintage_revisions")
        + ["data/derived/data_coverage.csv", "data/derived/evidence_levels.csv"],
    },
    "01_paperB_figures": {
        "inputs": RAW_TABLES + ["data/raw/gdp.csv", "data/raw/digital_economy.csv", "data/raw/indicators.csv",
                                "data/claims.csv"],
        "outputs": _figures("B-fig03", "B-fig04", "B-fig05", "B-fig06", "B-fig07") + ["data/derived/paperB_figure_data.csv"],
    },
    "02_paperB_regression": {
        "inputs": RAW_TABLES + ["data/raw/*.csv", "data/raw/pku_dfiic/*", "data/claims.csv", "paper/analysis_plan.md"],
        "outputs": _own_figures("regression-coefficients", "regression-scatter", "regression-diagnostics")
        + ["data/derived/regression_results.csv", "data/derived/regression_panel.csv",
           "data/derived/regression_robustness.csv", "data/derived/regression_effects.csv",
           "data/derived/regression_power.csv"],
    },
    "03_claims_audit": {
        "inputs": RAW_TABLES + ["data/raw/*.csv", "data/raw/pku_dfiic/*", "data/claims.csv", "data/readings.csv",
                                "data/searches.csv", "data/coverage.csv", "data/derived/regression_results.csv",
                                "data/derived/paperB_figure_data.csv"],
        "outputs": _own_figures("claims-verdicts") + ["data/derived/claims_audit.csv", "data/derived/claims_readings.csv",
                                                  "data/derived/claims_evidence.csv", "data/derived/claims_coverage.csv",
                                                  "data/derived/evidence_of_inputs.csv"],
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
           "data/derived/specification_curve_joint.csv"],
    },
}

# Every notebook also depends on the helpers it imports and on the pinned environment (the build,
# report, benchmark and mutation tools are not among them: editing those re-runs no notebook).
NOTEBOOK_HELPERS = ["__init__", "audit", "catalogue", "charts", "data", "diagrams", "display", "exhibits", "paths", "phrasebook", "regions",
                    "regression", "schema", "style"]
SHARED_INPUTS = [f"compendium/{module}.py" for module in NOTEBOOK_HELPERS] + ["requirements.txt"]

# The last step: the report, English and Chinese, HTML and PDF (and the README's generated blocks).
REPORT = {
    "inputs": ["paper/report.md", "paper/report.zh.md", "paper/benchmark.json", "paper/mutation.json", "data/derived/*.csv", "figures/*.svg",
               "README.md.in", "data/sources.csv", "data/raw/*.csv",  # the README's source table counts raw rows
               "compendium/report.py", "compendium/pipeline.py", "compendium/deposit.py", "compendium/catalogue.py",
               "pyproject.toml",
               "requirements.in"],
    "outputs": ["paper/report.html", "paper/report.pdf", "paper/report.zh.html", "paper/report.zh.pdf", "README.md",
                "CITATION.cff", ".zenodo.json", "codemeta.json", "ro-crate-metadata.json"],
}
