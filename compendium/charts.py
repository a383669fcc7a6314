"""Drawing helpers for the data figures (one function per chart type, shared by the notebooks)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import regions, style

GDP_COLOUR = "#1f5fa8"     # the paper describes GDP as a solid blue line
GROWTH_COLOUR = "#2e8b57"  # and growth as a dashed green line


def gdp_and_growth(table: pd.DataFrame, title: str) -> plt.Figure:
    """GDP (万亿元, solid, left axis) and real growth (%, dashed, right axis) by year."""
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    years = table.index.to_list()
    ax.plot(years, table["gdp_trillion"], color=GDP_COLOUR, marker="o", linewidth=2, label="GDP（万亿元）")
    ax.set_ylabel("GDP（万亿元）", color=GDP_COLOUR)
    ax.set_ylim(0, table["gdp_trillion"].max() * 1.25)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.5)  # before the labels are placed: placing reads the layout
    right = ax.twinx()
    right.plot(years, table["real_growth"], color=GROWTH_COLOUR, linestyle="--", marker="s", label="实际增长率（%）")
    right.set_ylabel("实际增长率（%）", color=GROWTH_COLOUR)
    right.set_ylim(min(0, table["real_growth"].min() - 1), table["real_growth"].max() * 1.4)
    right.grid(False)
    right.spines["right"].set_visible(True)
    # each value label goes to the first place, in its list, clear of every marker, line and label
    # already placed (style.texts_on_marks checks the result)
    placed: list = []
    drawn = style.marks([ax, right])  # the markers and lines, laid out before any label is placed
    for axes, column, colour, places, digits in ((ax, "gdp_trillion", GDP_COLOUR, GDP_LABEL_PLACES, 2),
                                                 (right, "real_growth", GROWTH_COLOUR, GROWTH_LABEL_PLACES, 1)):
        for year, value in table[column].items():
            label = axes.annotate(f"{value:.{digits}f}", (year, value), textcoords="offset points", xytext=places[0],
                                  ha="center", va="center", fontsize=8, color=colour)
            _place_clear_of(fig, label, places, placed, drawn)
            placed.append(label)
    ax.set_title(title, fontsize=11)
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=8)
    fig.text(0.01, 0.005, "数据：统计公报/统计局发布（初步核算）；实际增长率按可比价格计算。重绘：本复现包",
             fontsize=7, color="#666666")
    return fig


# Where a value label's centre may sit relative to its point (points), tried in order until it is
# clear: GDP labels above, then below, then to either side; growth labels below right, above right,
# below left, above left, then further out.
GDP_LABEL_PLACES = ((0, 10), (0, -11), (-16, 9), (16, 9), (-16, -10), (16, -10), (0, 20), (0, -21))
GROWTH_LABEL_PLACES = ((14, -9), (14, 9), (-14, -9), (-14, 9), (0, -12), (0, 12), (22, 0), (-22, 0), (0, -22), (0, 22))


LABEL_GAP_PX = 4  # two value labels keep at least this far apart, so that 3.07 and 6.7 do not read as one


def _place_clear_of(fig: plt.Figure, label, places, labels: list, drawn: tuple[list, list]) -> None:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas at run time
    marks, segments = drawn
    boxes = marks + [other.get_window_extent(renderer).expanded(1.0, 1.0).padded(LABEL_GAP_PX) for other in labels]
    for offset in places:
        label.set_position(offset)
        box = label.get_window_extent(renderer)
        if not any(style.boxes_overlap(box, other) for other in boxes) and not any(
                style.segment_crosses(box, a, b) for a, b in segments):
            return
    label.set_position(places[0])  # no place is clear: the first, and the test names the collision


def region_label(region: str) -> str:
    return regions.chinese(region)


def region_colour(region: str) -> str:
    return style.REGION_COLOURS.get(region, "#888888")
