"""Statements about the growth of Paper B's three regions, 2019–2023 (figures 3–6)."""
from __future__ import annotations

import pandas as pd

from .. import regions
from ..schema import AGAINST_REST
from .base import DIFFERS, MATCHES, UNVERIFIED, Cause, Verdict, _blank, _by_region, _sources, as_observations

FIRST_RELEASE = "first_release"  # the vintage the paper's authors could see, unless a claim names another


def region_growth(observations, with_national: bool = False, names=regions.PAPER_B_REGIONS, years=regions.PAPER_B_YEARS,
                  vintage: str = FIRST_RELEASE) -> pd.DataFrame:
    """Real growth of Paper B's three regions (or the regions named), 2019–2023 unless a window is
    given, first release unless a vintage is: year × region; a region or year the data lack is NaN."""
    obs = as_observations(observations)
    names = list(names) + (["China"] if with_national else [])
    rows = obs.select("gdp_real_growth", names, years, vintage)
    table = rows.pivot(index="year", columns="region", values="value") if len(rows) else pd.DataFrame()
    return table.reindex(index=list(years), columns=names)


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


# the checks that take the ledger's start and end years as their window (the others name one year)
WINDOW_CHECKS = ("highest_mean", "lowest_mean", "least_volatile", "most_volatile", "largest_range", "always_positive",
                 "mean_above_national", "mean_below_national", "above_national_every_year")


def window(claim: pd.Series) -> tuple[int, int]:
    """The years a statement is judged over: the ledger's start and end where the check has a window
    and the ledger gives them, else Paper B's years (those of its figures 3–6)."""
    first, last = regions.PAPER_B_YEARS[0], regions.PAPER_B_YEARS[-1]
    if claim["check"] in WINDOW_CHECKS:
        first = first if _blank(claim.get("start_year")) else int(claim["start_year"])
        last = last if _blank(claim.get("ref_year")) else int(claim["ref_year"])
    return first, last


def compared(claim: pd.Series) -> list[str]:
    """The regions a statement compares: the subject and the ones the sentence names against it, or all three."""
    against = claim.get("against")
    if _blank(against) or against == AGAINST_REST:
        return list(regions.PAPER_B_REGIONS)
    return [claim["region"]] + [r for r in str(against).split("|") if r != claim["region"]]


def statement(claim: pd.Series, observations) -> Verdict:
    obs = as_observations(observations)
    first, last = window(claim)
    vintage = FIRST_RELEASE if _blank(claim.get("vintage")) else claim["vintage"]
    names = compared(claim)
    years = range(first, last + 1)
    growth = region_growth(obs, with_national=True, names=names, years=years, vintage=vintage)
    used = obs.log[-1][1]
    region, check = claim["region"], claim["check"]
    wanted = names + (["China"] if "national" in check else [])
    lacking = [(r, y) for r in wanted for y in years if pd.isna(growth.loc[y, r])]
    if lacking:
        return Verdict(UNVERIFIED, check, why=obs.missing("gdp_real_growth", sorted({r for r, _ in lacking}), list(years), vintage))
    national = growth.pop("China")
    summary = growth_summary(growth)
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
        why = Cause("growth_means", {"first": first, "last": last, "values": _by_region(summary["mean"])})
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
        why = Cause("mean_vs_national", {"region": region, "first": first, "last": last,
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


