"""Figures of notebooks 02 and 05 read back: what a figure draws is what the derived file holds.

The notebook's code cells run in the test process with `style.save_figure` kept in memory (its
file outputs go to scratch); the expectation is read from the committed CSV with the csv module.
"""
from __future__ import annotations

import csv

import numpy as np
import pytest
from matplotlib.collections import PathCollection

from compendium import paths
from conftest import notebook_figures


@pytest.fixture(scope="module")
def curve_figures(tmp_path_factory):
    return notebook_figures("05_specification_curve", tmp_path_factory.mktemp("notebook05"))


@pytest.fixture(scope="module")
def regression_figures(tmp_path_factory):
    return notebook_figures("02_paperB_regression", tmp_path_factory.mktemp("notebook02"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_scatter_panel_plots_its_year_of_the_panel_file(regression_figures, lang):
    """Panel by panel: the points are (previous year's PKU index in points, real growth) of that
    year's provinces in `regression_panel.csv`, and the title's slope is their least-squares slope."""
    with open(paths.DATA / "derived" / "regression_panel.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["growth"] and r["pku_lag"]]
    figure = regression_figures[paths.edition_figure("regression-scatter", lang)]
    years = sorted({int(r["year"]) for r in rows})
    assert len(figure.axes) == len(years)
    for ax, year in zip(figure.axes, years):
        expected = sorted((100 * float(r["pku_lag"]), float(r["growth"])) for r in rows if int(r["year"]) == year)
        drawn = sorted(map(tuple, np.asarray(ax.collections[0].get_offsets())))
        assert np.allclose(drawn, expected, atol=1e-4), year
        x, y = np.array(expected).T
        slope = np.polyfit(x / 100, y, 1)[0]
        assert str(year) in ax.get_title() and f"{slope:.2f}" in ax.get_title(), (year, ax.get_title())


def _distinct_effects() -> tuple[list[float], list[str]]:
    with open(paths.DATA / "derived" / "specification_curve.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["estimable"] == "True" and r["duplicate_of"] == ""]
    return sorted(float(r["effect_iqr"]) for r in rows), [r["id"] for r in rows if r["headline"] == "True"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_curve_plots_each_distinct_fit_once_at_its_effect(curve_figures, lang):
    figure = curve_figures[paths.edition_figure("regression-specification_curve", lang)]
    top, bottom = figure.axes[:2]
    points = [c.get_offsets() for c in top.collections if isinstance(c, PathCollection) and len(c.get_offsets()) > 1]
    assert len(points) == 1
    expected, headline = _distinct_effects()
    drawn = np.asarray(points[0])
    assert len(drawn) == len(expected)  # duplicates are not drawn twice
    assert np.allclose(drawn[:, 0], np.arange(len(expected)))
    assert np.allclose(drawn[:, 1], expected, atol=5e-7)  # the CSV keeps six decimals
    assert len(headline) == 1
    # the bottom panel names every level of every axis, in the edition's words
    labels = [t.get_text() for t in bottom.get_yticklabels()]
    import yaml

    axes = yaml.safe_load((paths.PAPER / "specification_grid.yaml").read_text(encoding="utf-8"))["axes"]
    assert len(labels) == sum(len(levels) for levels in axes.values()) and all("_" not in label for label in labels)
