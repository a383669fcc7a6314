"""What notebook 01 hands to the report: the three regions' mean and sample standard deviation of
real GDP growth over figure 6's years, from the figure data the notebook wrote."""
from __future__ import annotations

from typing import Any

from . import written

NOTEBOOK = "01_paperB_figures"


def compute() -> dict[str, Any]:
    values: dict[str, Any] = {}
    figure_data = written("paperB_figure_data.csv")
    growth = figure_data[(figure_data["figure_id"] == "B-fig06") & (figure_data["series"] == "gdp_real_growth")]
    growth = growth.assign(value=growth["value"].astype(float))
    for region, rows in growth.groupby("region"):
        values[f"growth.{region}.mean"] = rows["value"].mean()
        values[f"growth.{region}.std"] = rows["value"].std(ddof=1)
    return values
