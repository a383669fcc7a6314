"""What the report reads: the values each notebook handed over (`data/derived/values/`), the
measurements of `make bench` and `make mutate`, and a few declarations. It computes nothing."""
from __future__ import annotations

import json
import re
from typing import Any

from .. import deposit, exhibits, paths, pipeline, values as handed
from ..schema import CI_LEVEL
from .editions import ENGLISH

TEMPLATE = ENGLISH.template
OUTPUT = ENGLISH.output(".html")
BENCHMARK = paths.PAPER / "benchmark.json"
MUTATION = paths.PAPER / "mutation.json"
BINDING = re.compile(r"\{\{\s*(?P<name>[^|}]+?)\s*(?:\|\s*(?P<format>[^}]+?)\s*)?\}\}")
DERIVED = handed.DERIVED
BENCHMARK_KEYS = ("date", "machine", "notebooks", "floor_kernel_s", "floor_serial_s", "floor_parallel_s", "setup_s",
                  "first_build_s", "first_make_s", "first_test_s", "full_build_s", "noop_build_s", "reading_flip_s", "test_s",
                  "full_build_ratio", "test_ratio", "test_vs_build", "budget_baseline", "baseline_build_s", "budget_added_s",
                  "budget_allowed_s")


def bindings() -> dict:
    """Every value the report may cite, keyed by a dotted name."""
    values: dict[str, Any] = handed.read_all(list(pipeline.NOTEBOOKS))
    # measured by `make bench`; until it has run once the report shows "nan" rather than stop
    measured = json.loads(BENCHMARK.read_text()) if BENCHMARK.is_file() else {}
    for key in BENCHMARK_KEYS:
        values[f"benchmark.{key}"] = measured.get(key, float("nan"))
    # whether the rebuild stayed within the time budget set when the specification curve was added
    values["benchmark.budget_verdict"] = ("within the budget" if measured.get("budget_within") else
                                          "over the budget" if "budget_within" in measured else "not measured")
    # each round's own ratio of make test to the rebuild before it, as the benchmark wrote them
    values["benchmark.test_vs_build_rounds"] = ", ".join(
        f"{r['test_vs_build']:.2f}" for r in measured.get("rounds", []) if "test_vs_build" in r) or "not measured"
    # measured by `make mutate`
    mutation = json.loads(MUTATION.read_text(encoding="utf-8")) if MUTATION.is_file() else {}
    for key in ("tried", "caught", "missed", "reaching_output", "reaching_no_output"):
        values[f"mutation.{key}"] = mutation.get(key, float("nan"))
    for key in ("tried", "caught", "missed", "changing_output", "caught_among_changing"):
        values[f"mutation.logic.{key}"] = mutation.get("logic", {}).get(key, float("nan"))
    values["ci.level"] = CI_LEVEL
    # the version and date of this release, and the papers' authors as their copies print them
    values["release.version"] = deposit.VERSION
    values["release.date"] = deposit.DEPOSIT["released"]
    for paper, entry in zip("AB", deposit.DEPOSIT["papers"]):
        values[f"paper.{paper}.authors"] = "、".join(entry["authors"])
    values["figures.count"] = len(exhibits.EXHIBITS)
    values["notebooks.count"] = len(pipeline.NOTEBOOKS)
    return values
