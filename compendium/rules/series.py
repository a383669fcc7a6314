"""A measure's path over the years, and one region or measure against another."""
from __future__ import annotations

import pandas as pd

from ..schema import YEAR_RANGE
from .base import (DIFFERS, MATCHES, UNVERIFIED, Cause, Observations, Verdict, _blank, _preferred_vintage, _sources,
                   _weakest, as_observations)

# worded in compendium/phrasebook/rules.py
SERIES_CHECKS = (
    "rises_every_year", "falls_from_previous", "rises_from_previous", "difference_falls",
    "higher_than_start", "lower_than_start",
)


def _series(obs: Observations, measure: str, region: str, year: int, start: int | None = None) -> tuple[pd.Series, pd.DataFrame]:
    rows = obs.select(measure, region, range(start, year + 1) if start is not None else range(YEAR_RANGE[0], year + 1))
    rows = pd.DataFrame([_preferred_vintage(g) for _, g in rows.groupby("year")]) if len(rows) else rows
    return (rows.set_index("year")["value"].sort_index() if len(rows) else pd.Series(dtype=float)), rows


def series_trend(claim: pd.Series, observations) -> Verdict:
    """A trend of one published series (the ledger's first measure) for one region, or of the gap
    between two series (`difference_falls`: the ledger lists both measures)."""
    obs = as_observations(observations)
    measures, region, year = str(claim["measure"]).split("|"), claim["region"], int(claim["ref_year"])
    measure = measures[0]
    check = claim["check"]
    start = None if _blank(claim.get("start_year")) else int(claim["start_year"])
    series, rows = _series(obs, measure, region, year)
    if check == "difference_falls":
        other, other_rows = _series(obs, measures[1], region, year)
        series = (series - other).dropna()
        rows = pd.concat([rows, other_rows])
    shown = series
    rule = check
    if check == "rises_every_year":
        if len(series) < 3 or series.index[-1] != year:
            return Verdict(UNVERIFIED, rule, why=obs.missing(measures[0], region, range(year - 2, year + 1)))
        ok = bool((series.diff().dropna() > 0).all())
    elif check in ("higher_than_start", "lower_than_start"):
        if year not in series.index or start not in series.index:
            return Verdict(UNVERIFIED, rule, why=obs.missing(measures[0], region, [start, year]))
        ok = bool(series[year] > series[start]) if check == "higher_than_start" else bool(series[year] < series[start])
        shown = series[[start, year]]
        rows = rows[rows["year"].isin([start, year])]
    else:
        if year not in series.index or year - 1 not in series.index:
            return Verdict(UNVERIFIED, rule, why=obs.missing(measures[0], region, [year - 1, year]))
        ok = bool(series[year] > series[year - 1]) if check == "rises_from_previous" else \
            bool(series[year] < series[year - 1])
    return Verdict(MATCHES if ok else DIFFERS, rule, official=float(series[year]), official_unit=str(rows["unit"].iloc[0]),
                   source_id=_sources(rows), confidence=_weakest(rows),
                   why=Cause("series_gap_values" if check == "difference_falls" else "series_values",
                             {"measure": measure, "region": region,
                              "points": [[int(y), float(v)] for y, v in shown.items()]}
                             | ({"other": measures[1]} if check == "difference_falls" else {})))


# worded in compendium/phrasebook/rules.py
COMPARISON_CHECKS = (
    "below_other_measure", "first_below_others", "first_above_others",
)


def comparison(claim: pd.Series, observations) -> Verdict:
    """Two published values set side by side: two measures of one region, or one measure of
    several regions (the first region is the subject)."""
    obs = as_observations(observations)
    check, year = claim["check"], int(claim["ref_year"])
    measures, names = str(claim["measure"]).split("|"), str(claim["region"]).split("|")
    rule = check
    if check == "below_other_measure":
        rows = obs.select(measures[:2], names[0], year)
        values = {m: _preferred_vintage(g) for m, g in rows.groupby("measure")}
        if len(values) < 2:
            absent = next(m for m in measures[:2] if m not in values)
            return Verdict(UNVERIFIED, rule, why=obs.missing(absent, names[0], year))
        first, second = values[measures[0]]["value"], values[measures[1]]["value"]
        ok = first < second
        why = Cause("two_measures", {"measure": measures[0], "value": float(first), "other": measures[1],
                                     "other_value": float(second), "region": names[0], "year": year})
    else:
        rows = obs.select(measures[0], names, year)
        values = {r: _preferred_vintage(g)["value"] for r, g in rows.groupby("region")}
        lacking = [n for n in names if n not in values]
        if lacking:
            return Verdict(UNVERIFIED, rule, why=obs.missing(measures[0], lacking if len(lacking) > 1 else lacking[0], year))
        subject, others = values[names[0]], [values[n] for n in names[1:]]
        ok = all(subject < v for v in others) if check == "first_below_others" else all(subject > v for v in others)
        why = Cause("regions_values", {"measure": measures[0], "year": year,
                                       "values": [[n, float(values[n])] for n in names]})
        first = subject
    return Verdict(MATCHES if ok else DIFFERS, rule, official=float(first), official_unit=str(rows["unit"].iloc[0]),
                   source_id=_sources(rows), confidence=_weakest(rows), why=why)


