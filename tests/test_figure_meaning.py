"""Figures mean what they say: each series' label, colour and plotted values belong to the region
and data it claims, read back from the figure objects that notebook 01 draws.

Expectations come from Paper B and the raw file, not from the drawing code: the figure captions
name the region (图3 深圳, 图4 安徽, 图5 贵州); the figure-3 text says GDP is the solid blue line and
growth the dashed green one; the values are read from `data/raw/gdp.csv` with the csv module.
"""
from __future__ import annotations

import colorsys
import csv

import matplotlib
import pytest

matplotlib.use("Agg")
from matplotlib.colors import to_rgb  # noqa: E402

from compendium import paths  # noqa: E402

# the figures nbval's run of notebook 01 kept, read after it on its worker (conftest.py)
pytestmark = pytest.mark.figures_of("01_paperB_figures")

REGION_ZH = {"Shenzhen": "深圳", "Anhui": "安徽", "Guizhou": "贵州"}
FIGURE_REGION = {"B-fig03": "Shenzhen", "B-fig04": "Anhui", "B-fig05": "Guizhou"}
YEARS = [2019, 2020, 2021, 2022, 2023]


def first_release(measure: str) -> dict[tuple[str, int], float]:
    with open(paths.RAW / "gdp.csv", encoding="utf-8", newline="") as handle:
        return {(r["region"], int(r["year"])): float(r["value"]) for r in csv.DictReader(handle)
                if r["measure"] == measure and r["vintage"] == "first_release"}


@pytest.fixture(scope="module")
def drawn(notebook01_figures):
    return notebook01_figures


def _hue(colour) -> float:
    return colorsys.rgb_to_hsv(*to_rgb(colour))[0] * 360


@pytest.mark.parametrize("figure_id", list(FIGURE_REGION))
def test_region_figures_plot_their_own_region(drawn, figure_id):
    region = FIGURE_REGION[figure_id]
    fig = drawn[figure_id]
    gdp_axis, growth_axis = fig.axes
    assert REGION_ZH[region] in gdp_axis.get_title()
    [gdp_line] = gdp_axis.get_lines()
    [growth_line] = growth_axis.get_lines()
    gdp, growth = first_release("gdp"), first_release("gdp_real_growth")
    assert list(gdp_line.get_xdata()) == YEARS
    assert list(gdp_line.get_ydata()) == pytest.approx([gdp[(region, y)] / 10_000 for y in YEARS])
    assert list(growth_line.get_ydata()) == pytest.approx([growth[(region, y)] for y in YEARS])
    # Paper B, figure-3 text: GDP a solid blue line, growth a dashed green one
    assert gdp_line.get_linestyle() == "-" and 190 <= _hue(gdp_line.get_color()) <= 250
    assert growth_line.get_linestyle() == "--" and 90 <= _hue(growth_line.get_color()) <= 160
    labels = [t.get_text() for t in gdp_axis.get_legend().get_texts()]
    assert labels == ["GDP（万亿元）", "实际增长率（%）"]


def test_figure6_lines_carry_their_regions_label_data_and_one_colour_each(drawn):
    growth = first_release("gdp_real_growth")
    left, right = drawn["B-fig06"].axes[:2]
    lines = {line.get_label(): line for line in left.get_lines()}
    assert set(lines) == set(REGION_ZH.values())
    for region, label in REGION_ZH.items():
        assert list(lines[label].get_ydata()) == pytest.approx([growth[(region, y)] for y in YEARS]), label
    colours = {label: to_rgb(line.get_color()) for label, line in lines.items()}
    assert len(set(colours.values())) == 3
    # the note about Anhui in the right panel is written in Anhui's colour
    [note] = [t for t in right.texts if t.get_text().startswith("安徽")]
    assert to_rgb(note.get_color()) == colours["安徽"]


def test_figure7_draws_the_papers_bounds_as_bounds_and_labels_each_definition(drawn):
    left, right = drawn["B-fig07"].axes[:2]
    left_labels = [t.get_text() for t in left.get_legend().get_texts()]
    right_labels = [t.get_text() for t in right.get_legend().get_texts()]
    assert any("超过" in label for label in left_labels)   # "more than 8万" is a lower bound
    arrows = [a for a in left.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == 3  # one per city the bound is said of
    assert any("重点场所" in label for label in right_labels)  # Shenzhen's 91 % is key-venue coverage
    assert not any(label.startswith("官方数据") for label in left_labels + right_labels)


def _raw_indicator(measure: str, year: int) -> dict[str, float]:
    with open(paths.RAW / "indicators.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["measure"] == measure and int(r["year"]) == year]
    assert len({r["region"] for r in rows}) == len(rows), (measure, year)  # one value a region: no vintage to choose
    return {r["region"]: float(r["value"]) for r in rows}


def test_figure7_official_bars_hold_the_year_their_legend_names(drawn):
    """The official bars' legend names a year-end ('2021年末'); each bar's height is that year's value
    of its city in data/raw/indicators.csv (read here with the csv module), and a city without one
    has no bar. A bar drawn from another year under the same legend fails."""
    import math
    import re

    cities = {"深圳": "Shenzhen", "上海": "Shanghai", "北京": "Beijing"}
    for ax, measure in zip(drawn["B-fig07"].axes[:2], ("fiveg_base_stations", "fiveg_coverage")):
        groups = [t.get_text() for t in ax.get_xticklabels()]
        [official] = [c for c in ax.containers if c.get_label().startswith("官方：") and "口径不同" not in c.get_label()]
        year = int(re.search(r"(\d{4})年末", official.get_label()).group(1))
        expected = _raw_indicator(measure, year)
        for group, bar in zip(groups, official):
            value = expected.get(cities.get(group, ""))
            if value is None:
                assert math.isnan(bar.get_height()), (measure, group)
            else:
                assert bar.get_height() == pytest.approx(value), (measure, group, year)
