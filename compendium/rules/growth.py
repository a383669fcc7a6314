"""Statements about the growth of Paper B's three regions, 2019–2023 (figures 3–6)."""
from __future__ import annotations

import pandas as pd

from .. import regions
from .base import DIFFERS, MATCHES, YEARS_B, Cause, Verdict, _blank, _by_region, _sources, as_observations


def region_growth(observations, with_national: bool = False) -> pd.DataFrame:
    """Real growth (first release) of Paper B's three regions, 2019–2023: year × region."""
    obs = as_observations(observations)
    names = list(regions.PAPER_B_REGIONS) + (["China"] if with_national else [])
    rows = obs.select("gdp_real_growth", names, regions.PAPER_B_YEARS, "first_release")
    return rows.pivot(index="year", columns="region", values="value")[names]


def growth_summary(growth: pd.DataFrame) -> pd.DataFrame:
    """Mean, standard deviation and range of growth per region (percentage points)."""
    return pd.DataFrame({"mean": growth.mean(), "std": growth.std(ddof=1), "min": growth.min(), "max": growth.max(),
                         "range": growth.max() - growth.min()})


def _strictly_first(values: pd.Series, region, highest: bool) -> bool:
    """Is `region` (a region, or a year) first on its own? A tie for first is not "the highest"."""
    best = values.max() if highest else values.min()
    return bool(values[region] == best and (values == best).sum() == 1)


# check -> (rule name, what it tests); thresholds come from the ledger's `value` where a rule has one
# worded in compendium/phrasebook/rules.py
STATEMENT_CHECKS = (
    "rise", "peak", "highest_mean", "lowest_mean", "least_volatile", "most_volatile", "largest_range",
    "always_positive", "mean_above_national", "mean_below_national", "above_national_every_year",
    "above_national_in_year", "lowest_in_year",
)


def statement(claim: pd.Series, observations) -> Verdict:
    obs = as_observations(observations)
    growth = region_growth(obs, with_national=True)
    used = obs.log[-1][1]
    national = growth.pop("China")
    summary = growth_summary(growth)
    region, check = claim["region"], claim["check"]
    year = None if _blank(claim["ref_year"]) else int(claim["ref_year"])
    series = growth[region]
    if check == "rise":
        assert year is not None, claim["claim_id"]  # the ledger's rule: a rise names its year
        threshold = 0.0 if _blank(claim["value"]) else float(claim["value"])
        change = series[year] - series[year - 1]
        ok, why = change > threshold, Cause("growth_rise", {"before": float(series[year - 1]), "after": float(series[year]),
                                                            "change": float(change), "threshold": threshold})
    elif check == "peak":
        ok = _strictly_first(series, year, highest=True)
        why = Cause("growth_peak", {"year": int(series.idxmax()), "value": float(series.max())})
    elif check in ("highest_mean", "lowest_mean"):
        ok = _strictly_first(summary["mean"], region, highest=(check == "highest_mean"))
        why = Cause("growth_means", {"first": YEARS_B[0], "last": YEARS_B[-1], "values": _by_region(summary["mean"])})
    elif check in ("least_volatile", "most_volatile"):
        ok = _strictly_first(summary["std"], region, highest=(check == "most_volatile"))
        why = Cause("growth_sds", {"values": _by_region(summary["std"])})
    elif check == "largest_range":
        ok = _strictly_first(summary["range"], region, highest=True)
        why = Cause("growth_ranges", {"values": _by_region(summary["range"])})
    elif check == "always_positive":
        ok, why = bool((series > 0).all()), Cause("growth_lowest", {"value": float(series.min()), "year": int(series.idxmin())})
    elif check in ("mean_above_national", "mean_below_national"):
        difference = series.mean() - national.mean()
        ok = difference > 0 if check == "mean_above_national" else difference < 0
        why = Cause("mean_vs_national", {"region": region, "first": YEARS_B[0], "last": YEARS_B[-1],
                                         "mean": float(series.mean()), "national": float(national.mean()),
                                         "difference": float(difference)})
    elif check == "above_national_every_year":
        below = [int(y) for y in series.index if not series[y] > national[y]]
        ok, why = not below, Cause("above_national_every_year") if not below else Cause("not_above_national_in", {"years": below})
    elif check == "lowest_in_year":
        ok = _strictly_first(growth.loc[year], region, highest=False)
        why = Cause("growth_in_year", {"year": year, "values": _by_region(growth.loc[year])})
    elif check == "above_national_in_year":
        ok, why = bool(series[year] > national[year]), Cause("vs_national_in_year", {
            "value": float(series[year]), "national": float(national[year]), "year": year})
    else:
        raise ValueError(f"unknown statement check {check!r}")
    return Verdict(MATCHES if ok else DIFFERS, check, why=why, source_id=_sources(used))


