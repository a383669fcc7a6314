"""Plain-text tables for notebooks: nbval compares text exactly, so numbers are rounded on purpose."""
from __future__ import annotations

import pandas as pd


def show(table: pd.DataFrame | pd.Series, title: str, decimals: int = 2) -> None:
    """Print a labelled table as fixed text (no HTML repr, which changes between pandas versions)."""
    if isinstance(table, pd.Series):
        table = table.to_frame()
    with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_rows", 500,
                           "display.max_colwidth", 60):
        text = table.round(decimals).to_string(na_rep="–")
    print(f"== {title} ==\n{text}\n")
