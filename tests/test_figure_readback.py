"""Figures of notebooks 00, 02, 03 and 05 read back: what a figure draws is what the derived file holds.

The figures are the objects nbval's run of each notebook drew and kept (conftest.py,
`notebook_figures`; run on their own, these tests run the notebook's cells in this process); the
expectation is read from the committed CSV with the csv module.
"""
from __future__ import annotations

import csv

import numpy as np
import pytest
from matplotlib.collections import PathCollection

from compendium import paths
from conftest import notebook_figures

@pytest.fixture(scope="module")
def figures_of(tmp_path_factory):
    """notebook → its figures as objects, loaded once per module."""
    ran: dict[str, dict] = {}

    def figures(notebook: str) -> dict:
        if notebook not in ran:
            ran[notebook] = notebook_figures(notebook, tmp_path_factory.mktemp(notebook[:2]))
        return ran[notebook]
    return figures


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("02_paperB_regression")
def test_each_scatter_panel_plots_its_year_of_the_panel_file(figures_of, lang):
    """Panel by panel: the points are (previous year's PKU index in points, real growth) of that
    year's provinces in `regression_panel.csv`, and the title's slope is their least-squares slope."""
    with open(paths.DATA / "derived" / "regression_panel.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["growth"] and r["pku_lag"]]
    figure = figures_of("02_paperB_regression")[paths.edition_figure("regression-scatter", lang)]
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
@pytest.mark.figures_of("05_specification_curve")
def test_the_curve_plots_each_distinct_fit_once_at_its_effect(figures_of, lang):
    figure = figures_of("05_specification_curve")[paths.edition_figure("regression-specification_curve", lang)]
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


def _csv(name: str, folder=None) -> list[dict]:
    with open((folder or paths.DATA / "derived") / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("00_data_overview")
def test_the_coverage_map_colours_each_cell_by_its_share_in_the_coverage_file(figures_of, lang):
    """Row by row in the file's region order: a cell's colour value is its published share, its text
    the definition codes and the share; a cell without a share says whether growth alone was found."""
    rows = _csv("data_coverage.csv")
    regions_in_order = list(dict.fromkeys(r["region"] for r in rows))
    years = sorted({r["year"] for r in rows})
    ax = figures_of("00_data_overview")[paths.edition_figure("data-coverage", lang)].axes[0]
    mesh = np.ma.masked_invalid(np.asarray(ax.collections[0].get_array(), dtype=float)).reshape(len(regions_in_order), len(years))
    texts = {(round(t.get_position()[1] - 0.5), round(t.get_position()[0] - 0.5)): t.get_text() for t in ax.texts}
    for r in rows:
        i, j = regions_in_order.index(r["region"]), years.index(r["year"])
        if r["share_value"]:
            assert mesh[i, j] == pytest.approx(float(r["share_value"])), (r["region"], r["year"])
            assert texts[(i, j)] == f"{r['share_definitions']} {float(r['share_value']):g}"
        else:
            assert mesh.mask[i, j], (r["region"], r["year"])
            assert texts[(i, j)] == ("·" if r["has_real_growth"] == "True" else "×")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(regions_in_order)
    if lang == "en":
        assert labels == regions_in_order
    else:  # a few provinces' names, typed here
        for key, name in {"Beijing": "北京", "Anhui": "安徽", "Guizhou": "贵州", "Shenzhen": "深圳"}.items():
            assert labels[regions_in_order.index(key)] == name


NOT_PROVINCES = {"China", "World", "Shenzhen", "Hefei", "Wuhu"}  # the raw GDP file's other regions


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("00_data_overview")
def test_the_revision_plot_shows_final_verification_over_first_release_of_the_raw_rows(figures_of, lang):
    """Each year's points are 100 × (final verification / first release − 1) of the provinces whose
    raw GDP rows hold both vintages; Anhui's and Guizhou's lines run through their own points."""
    raw = [r for r in _csv("gdp.csv", paths.DATA / "raw") if r["measure"] == "gdp"]
    value = {(r["region"], int(r["year"]), r["vintage"]): float(r["value"]) for r in raw}
    gaps: dict[int, dict[str, float]] = {}
    for (region, year, vintage), final in value.items():
        if vintage == "final_verification" and (region, year, "first_release") in value and region not in NOT_PROVINCES:
            gaps.setdefault(year, {})[region] = 100 * (final / value[(region, year, "first_release")] - 1)
    ax = figures_of("00_data_overview")[paths.edition_figure("data-vintage_revisions", lang)].axes[0]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(points) == len(gaps)
    for collection, year in zip(points, sorted(gaps)):
        drawn = np.asarray(collection.get_offsets())
        drawn = drawn[np.isfinite(drawn[:, 1])]  # a province without both vintages that year
        assert np.allclose(drawn[:, 0], year)
        assert np.allclose(sorted(drawn[:, 1]), sorted(gaps[year].values()), atol=1e-9), year
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    for line, region in zip(lines, ("Anhui", "Guizhou")):
        assert np.allclose(line.get_ydata(), [gaps[y][region] for y in sorted(gaps)], atol=1e-9), region


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("03_claims_audit")
def test_the_verdict_bars_count_the_audit_files_verdicts_per_paper(figures_of, lang):
    """Each bar segment's width is the number of the paper's claims with that verdict in
    claims_audit.csv, stacked in the verdict order, with the legend in the edition's words."""
    from tests.test_headlines import VERDICT_ORDER, VERDICTS_IN_CHINESE

    rows = _csv("claims_audit.csv")
    papers = sorted({r["paper"] for r in rows})
    ax = figures_of("03_claims_audit")[paths.edition_figure("claims-verdicts", lang)].axes[0]
    bars = ax.containers
    assert len(bars) == len(VERDICT_ORDER)
    # each bar is read at its own tick label, so a bar drawn against another paper's name fails
    names = {round(tick): label.get_text() for tick, label in zip(ax.get_yticks(), ax.get_yticklabels())}
    paper_of = {(f"Paper {p}" if lang == "en" else f"论文{p}"): p for p in papers}
    for container, verdict in zip(bars, VERDICT_ORDER):
        drawn = {paper_of[names[round(patch.get_y() + patch.get_height() / 2)]]: patch.get_width()
                 for patch in container.patches}
        assert drawn == {p: sum(r["paper"] == p and r["verdict"] == verdict for r in rows) for p in papers}, verdict
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == (VERDICT_ORDER if lang == "en" else [VERDICTS_IN_CHINESE[v] for v in VERDICT_ORDER])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("02_paperB_regression")
def test_the_coefficient_plot_draws_each_specifications_interval_from_the_effects_file(figures_of, lang):
    """Row by row in the file's order: the marker sits at `effect` and the bar spans `effect_low`
    to `effect_high` of regression_effects.csv."""
    rows = _csv("regression_effects.csv")
    ax = figures_of("02_paperB_regression")[paths.edition_figure("regression-coefficients", lang)].axes[0]
    # seaborn draws one marker line per family (NaN where a row is of another family) and one
    # two-point line per row and family for the interval
    marks, bars = {}, {}
    for line in ax.get_lines():
        x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
        if line.get_marker() not in (None, "None", ""):
            marks.update({round(b): a for a, b in zip(x, y) if np.isfinite(a)})
        elif len(x) == 2 and y[0] == y[1] and np.isfinite(x).all():
            bars[round(y[0])] = (min(x), max(x))
    assert len(marks) == len(bars) == len(rows)
    for i, r in enumerate(rows):
        assert marks[i] == pytest.approx(float(r["effect"]), abs=1e-6), r["specification"]
        assert bars[i] == pytest.approx((float(r["effect_low"]), float(r["effect_high"])), abs=1e-6), r["specification"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("02_paperB_regression")
def test_the_leave_one_out_panel_draws_the_robustness_files_slopes(figures_of, lang):
    """The third diagnostic panel: one bar per province left out, its height that province's slope
    in regression_robustness.csv; the horizontal line is the headline's coefficient."""
    left_out = {r["key"]: float(r["coefficient"]) for r in _csv("regression_robustness.csv")
                if r["check"] == "leave one province out"}
    [headline] = [r for r in _csv("regression_results.csv") if r["headline"] == "True"]
    ax = figures_of("02_paperB_regression")[paths.edition_figure("regression-diagnostics", lang)].axes[2]
    heights = sorted(patch.get_height() for patch in ax.patches)
    assert heights == pytest.approx(sorted(left_out.values()), abs=1e-6)
    levels = {line.get_ydata()[0] for line in ax.get_lines()}
    assert any(abs(y - float(headline["coefficient"])) < 1e-6 for y in levels)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("02_paperB_regression")
def test_the_residual_panel_plots_residuals_that_add_back_to_growth(figures_of, lang):
    """Panel a of the diagnostics: each point is (fitted, residual) of the headline fit, so fitted +
    residual is a province-year's growth. The multiset of sums is the headline sample's growth in
    regression_panel.csv (2012–2023, the rows with growth and the lagged index); a panel drawing
    another column (the studentised residual) under the label 'residual' fails."""
    [headline] = [r for r in _csv("regression_results.csv") if r["headline"] == "True"]
    growth = sorted(float(r["growth"]) for r in _csv("regression_panel.csv")
                    if r["growth"] and r["pku_lag"] and 2012 <= int(r["year"]) <= 2023)
    assert len(growth) == int(headline["n"])
    ax = figures_of("02_paperB_regression")[paths.edition_figure("regression-diagnostics", lang)].axes[0]
    points = np.asarray(ax.collections[0].get_offsets())
    assert np.allclose(sorted(points.sum(axis=1)), growth, atol=1e-6)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.figures_of("02_paperB_regression")
def test_the_influence_panel_plots_leverage_and_internally_studentised_residuals(figures_of, lang):
    """Panel b: x is the leverage h and y the internally studentised residual r, and a point's size
    is Cook's distance scaled to the largest (200 D / max D + 5). Cook's distance is r² h / (p (1 − h)),
    so the sizes less 5 are one constant times r² h / (1 − h): a panel drawing the raw residual, or
    another column, under these labels fails; and the leverages sum to the number of parameters."""
    [headline] = [r for r in _csv("regression_results.csv") if r["headline"] == "True"]
    ax = figures_of("02_paperB_regression")[paths.edition_figure("regression-diagnostics", lang)].axes[1]
    points = ax.collections[0]
    h, r = np.asarray(points.get_offsets()).T
    size = np.asarray(points.get_sizes())
    shape = r ** 2 * h / (1 - h)
    scale = (size - 5) @ shape / (shape @ shape)
    assert np.allclose(size - 5, scale * shape, rtol=1e-6, atol=1e-6)
    assert len(h) == int(headline["n"]) and 0 < h.min() and h.max() < 1
    parameters = h.sum()  # the trace of the hat matrix: slope, controls, intercept and year effects
    assert abs(parameters - round(parameters)) < 1e-6 and 3 <= round(parameters) <= 20
