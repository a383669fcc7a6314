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
    for year, value in table["gdp_trillion"].items():
        ax.annotate(f"{value:.2f}", (year, value), textcoords="offset points", xytext=(0, 7), ha="center",
                    fontsize=8, color=GDP_COLOUR)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.5)  # before the labels are placed: placing reads the layout
    right = ax.twinx()
    right.plot(years, table["real_growth"], color=GROWTH_COLOUR, linestyle="--", marker="s", label="实际增长率（%）")
    right.set_ylabel("实际增长率（%）", color=GROWTH_COLOUR)
    right.set_ylim(min(0, table["real_growth"].min() - 1), table["real_growth"].max() * 1.4)
    right.grid(False)
    right.spines["right"].set_visible(True)
    gdp_labels = list(ax.texts)
    for year, value in table["real_growth"].items():
        label = right.annotate(f"{value:.1f}", (year, value), textcoords="offset points", xytext=GROWTH_LABEL_PLACES[0],
                               ha="left", fontsize=8, color=GROWTH_COLOUR)
        _place_clear_of(fig, label, gdp_labels)
    ax.set_title(title, fontsize=11)
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=8)
    fig.text(0.01, 0.005, "数据：统计公报/统计局发布（初步核算）；实际增长率按可比价格计算。重绘：本复现包",
             fontsize=7, color="#666666")
    return fig


# Where a growth label may sit relative to its marker (points), tried in order until it touches no
# GDP label: below right, above right, below left, above left.
GROWTH_LABEL_PLACES = ((6, -12), (6, 6), (-24, -12), (-24, 6))


def _place_clear_of(fig: plt.Figure, label, others: list) -> None:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas at run time
    for offset in GROWTH_LABEL_PLACES:
        label.set_position(offset)
        box = label.get_window_extent(renderer)
        if not any(style.boxes_overlap(box, other.get_window_extent(renderer)) for other in others):
            return


def region_label(region: str) -> str:
    return regions.chinese(region)


def region_colour(region: str) -> str:
    return style.REGION_COLOURS.get(region, "#888888")
