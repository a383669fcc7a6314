"""The analysis plan's declarations as the code reads them (the headline, the grid's size and hash),
Paper B's own scope (its three regions; its printed shares), and the fitted line of the scatter.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import regions
from ..paths import PAPER
from ..schema import CI_LEVEL
from .panel import PAPER_YEARS

ANALYSIS_PLAN = PAPER / "analysis_plan.md"

# ---- the analysis plan ---------------------------------------------------------------------

def planned_headline(path: Path = ANALYSIS_PLAN) -> dict[str, str]:
    """The headline specification, as the committed analysis plan declares it: one choice per axis
    of the specification grid (`headline: regressor=pku, lag=previous_year, ...`). The plan is the
    one place it is named; the grid and the named table read it from here."""
    found = re.findall(r"^headline:\s*(.+?)\s*$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    if len(found) != 1:
        raise ValueError(f"{path.name}: expected exactly one 'headline:' line, found {len(found)}")
    choices = {}
    for item in found[0].split(","):
        axis, equals, choice = (part.strip() for part in item.partition("="))
        if not equals or not axis or not choice or axis in choices:
            raise ValueError(f"{path.name}: the 'headline:' line must list axis=choice pairs, one per axis; "
                             f"cannot read {item.strip()!r}")
        choices[axis] = choice
    return choices


def planned_grid(path: Path = ANALYSIS_PLAN) -> tuple[str, int]:
    """The specification grid the plan's latest amendment declares: its SHA-256 and its number of
    specifications (`grid: sha256=..., specifications=...`, the last such line counts)."""
    found = re.findall(r"^grid:\s*sha256=([0-9a-f]{64}),\s*specifications=(\d+)\s*$",
                       path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    if not found:
        raise ValueError(f"{path.name}: no 'grid: sha256=..., specifications=...' line declares the specification grid")
    return found[-1][0], int(found[-1][1])


# ---- Paper B's own scope -------------------------------------------------------------------

ANY_SHARE = ("de_share_caict", "de_share_local", "de_core_share")


def three_regions(observations: pd.DataFrame) -> pd.DataFrame:
    """Paper B's own scope: Shenzhen, Anhui, Guizhou 2019–2023, with whatever share is published
    (descriptive only: the definitions differ, and the table says which is which)."""
    obs = observations[observations["region"].isin(regions.PAPER_B_REGIONS) & observations["year"].isin(PAPER_YEARS)]
    growth = obs[(obs["measure"] == "gdp_real_growth") & (obs["vintage"] == "first_release")].set_index(["region", "year"])["value"]
    shares = obs[obs["measure"].isin(ANY_SHARE)].assign(rank=lambda d: d["measure"].map(ANY_SHARE.index))
    shares = shares.sort_values("rank").groupby(["region", "year"]).first()
    frame = pd.DataFrame({"growth": growth})
    frame["share"], frame["share_definition"] = shares["value"], shares["measure"]
    return frame.reset_index()


def paper_printed_shares(claims: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The 2021 provincial shares as Paper B prints them (claims B03–B06), with official 2021 growth."""
    printed = claims[(claims["paper"] == "B") & (claims["measure"].str.startswith("de_share")) & (claims["ref_year"] == 2021)
                     & claims["region"].isin(regions.PROVINCES)]
    growth = observations[(observations["measure"] == "gdp_real_growth") & (observations["vintage"] == "first_release")
                          & (observations["year"] == 2021)].set_index("region")["value"]
    return pd.DataFrame({"region": printed["region"].to_numpy(), "year": 2021,
                         "share": printed["value"].astype(float).to_numpy(),
                         "growth": growth.reindex(printed["region"]).to_numpy()})


# ---- figures -------------------------------------------------------------------------------

def fitted_line_band(x: pd.Series, y: pd.Series, points: int = 100) -> pd.DataFrame:
    """The least-squares line of y on x over the range of x, with its CI_LEVEL % confidence band
    for the mean (t with n − 2 degrees of freedom): the exact interval, where a bootstrap band
    would be a random approximation of it."""
    from scipy import stats

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    slope, intercept = np.polyfit(x, y, 1)
    residual_scale = np.sqrt(np.sum((y - (intercept + slope * x)) ** 2) / (n - 2))
    grid = np.linspace(x.min(), x.max(), points)
    half = (stats.t.ppf(0.5 + CI_LEVEL / 200, n - 2) * residual_scale
            * np.sqrt(1 / n + (grid - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2)))
    fitted = intercept + slope * grid
    return pd.DataFrame({"x": grid, "fitted": fitted, "low": fitted - half, "high": fitted + half})


