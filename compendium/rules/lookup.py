"""A printed number against the official one: looked up (and bounded, for a cumulative count), or summed over regions."""
from __future__ import annotations

import pandas as pd

from ..schema import COMPONENTS, CUMULATIVE
from .base import (DIFFERS, LOWER_BOUNDS, MATCHES, NOT_COMPARABLE, UNVERIFIED, Cause, Observations, Verdict, _blank,
                   _figure, _preferred_vintage, _sources, as_observations, compare, convert, holds)


def lookup(claim: pd.Series, observations) -> Verdict:
    """Compare a printed number with the official observation of the same definition, region, year.

    The ledger's `measure` lists the claim's own definition first, then other definitions that
    official sources publish; a figure found only for one of those, or only for another year, is
    `not comparable`. A missing value of a measure with published components (`COMPONENTS`) is
    their sum; a missing value of a cumulative count may be bounded by its neighbours.
    """
    obs = as_observations(observations)
    measures = str(claim["measure"]).split("|")
    own = measures[0]
    region = claim["region"] if isinstance(claim["region"], str) else None
    if claim.get("kind") == "projection" and not own.endswith("_projection"):
        raise ValueError(f"claim {claim.get('claim_id')}: a projection is checked against a *_projection measure")
    if region is None:
        return Verdict(UNVERIFIED, "no_region", why=Cause("no_region"))
    year = None if _blank(claim["ref_year"]) else int(claim["ref_year"])
    same = obs.select(own, region, year) if year is not None else pd.DataFrame()
    if len(same):
        row = _preferred_vintage(same)
        official = convert(row["value"], row["unit"], claim["unit"])
        ok = holds(claim, official)
        why = Cause() if ok else _other_year_match(claim, own, region, obs)
        if not ok and not why.code:
            why = Cause("official_against_printed", {"region": region, "year": year,
                                                     "figure": {"value": float(official), "unit": claim["unit"]}})
        return Verdict(MATCHES if ok else DIFFERS, f"compare:{claim['comparator']}", official=official,
                       official_unit=claim["unit"], gap=official - float(claim["value"]), source_id=row["source_id"],
                       confidence=row["confidence"], why=why)
    if own in COMPONENTS and year is not None:
        parts = obs.select(list(COMPONENTS[own]), region, year)
        if parts["measure"].nunique() == len(COMPONENTS[own]):
            official = convert(parts["value"].sum(), parts["unit"].iloc[0], claim["unit"])
            ok = holds(claim, official)
            return Verdict(MATCHES if ok else DIFFERS, f"components:{claim['comparator']}",
                           official=official, official_unit=claim["unit"], gap=official - float(claim["value"]),
                           source_id=_sources(parts), confidence=parts["confidence"].iloc[0],
                           why=Cause("sum_of_components", {"parts": [[r.measure, float(r.value)] for r in parts.itertuples()],
                                                           "total": float(official)}))
    if own in CUMULATIVE and year is not None:
        bound = cumulative_bound(claim, own, region, year, obs)
        if bound is not None:
            return bound
    for measure in measures[1:] if year is not None else ():  # same year, another definition
        rows = obs.select(measure, region, year)
        if len(rows):
            row = _preferred_vintage(rows)
            official = convert(row["value"], row["unit"], claim["unit"])
            return Verdict(NOT_COMPARABLE, "another_definition", official=official, official_unit=claim["unit"],
                           source_id=row["source_id"], confidence=row["confidence"],
                           why=Cause("another_definition", {"own": own, "other": measure,
                                                            "figure": _figure(row, official, claim["unit"])}))
    candidates = obs.select(measures, region)
    if len(candidates):  # another year (or the paper gives none)
        row = candidates.sort_values("year").iloc[-1] if year is None else \
            candidates.assign(distance=(candidates["year"] - year).abs()).sort_values(["distance", "year"]).iloc[0]
        params = {"figure": _figure(row, row["value"], row["unit"])} | ({} if year is None else {"year": year})
        other = row["measure"] != own
        code = {(False, False): "another_date", (False, True): "another_date_and_definition",
                (True, False): "no_year_nearest", (True, True): "no_year_nearest_and_definition"}[(year is None, other)]
        return Verdict(NOT_COMPARABLE, NOT_COMPARABLE_RULES[code], official=convert(row["value"], row["unit"], claim["unit"]),
                       official_unit=claim["unit"], source_id=row["source_id"], confidence=row["confidence"],
                       why=Cause(code, params | ({"other": row["measure"]} if other else {})))
    return Verdict(UNVERIFIED, "no_source", why=obs.missing(own, region, year))


CUMULATIVE_RULE = "cumulative_bound"
# the rule of a figure found only for another year or definition, by its cause
NOT_COMPARABLE_RULES = {"another_date": "another_date", "another_date_and_definition": "another_date_and_definition",
                        "no_year_nearest": "no_year", "no_year_nearest_and_definition": "no_year_and_definition"}


def cumulative_bound(claim: pd.Series, measure: str, region: str, year: int, obs: Observations) -> Verdict | None:
    """A missing year-end value of a cumulative count, bounded by the nearest earlier and later counts.

    The assumption (the count does not fall: stations, hospitals, occupations are counted as built
    or published so far) is the rule's, named in its text; `CUMULATIVE` (schema) lists the measures
    that count the same thing and the month at which each is counted."""
    months = CUMULATIVE[measure]
    rows = obs.select(list(months), region)
    if rows.empty:
        return None
    # time of each count in months; the claim is about the end of its year
    rows = rows.assign(when=rows["year"] * 12 + rows["measure"].map(months))
    target = year * 12 + 12
    earlier, later = rows[rows["when"] < target], rows[rows["when"] > target]
    comparator, printed = claim["comparator"], str(claim["value"])
    if comparator in LOWER_BOUNDS:
        if len(later):
            row = later.sort_values("when").iloc[0]
            value = convert(row["value"], row["unit"], claim["unit"])
            if not compare(printed, comparator, value):  # even the later, larger count is not above it
                return Verdict(DIFFERS, CUMULATIVE_RULE, official=value, official_unit=claim["unit"],
                               source_id=row["source_id"], confidence=row["confidence"],
                               why=Cause("bound_from_later", {"measure": measure, "figure": _dated(row), "year": year}))
        if len(earlier):
            row = earlier.sort_values("when").iloc[-1]
            value = convert(row["value"], row["unit"], claim["unit"])
            if compare(printed, comparator, value):
                return Verdict(MATCHES, CUMULATIVE_RULE, official=value, official_unit=claim["unit"],
                               source_id=row["source_id"], confidence=row["confidence"],
                               why=Cause("bound_from_earlier", {"measure": measure, "figure": _dated(row), "year": year}))
    figures = [_dated(r) for _, r in rows.sort_values("year").iterrows()]
    return Verdict(UNVERIFIED, CUMULATIVE_RULE, why=Cause("bound_undecided", {"measure": measure, "figures": figures,
                                                                              "year": year}))


def _dated(row) -> dict:
    """A count at the end of a month, as a cause names it."""
    return {"value": float(row["value"]), "unit": row["unit"], "year": int(row["year"]),
            "month": CUMULATIVE_MONTH[row["measure"]], "source": row["source_id"]}


CUMULATIVE_MONTH = {m: month for siblings in CUMULATIVE.values() for m, month in siblings.items()}


def _other_year_match(claim: pd.Series, measure: str, region: str, obs: Observations) -> Cause:
    """A likely cause of a difference: the printed number is the official one for another year."""
    for row in obs.select(measure, region).itertuples():
        official = convert(row.value, row.unit, claim["unit"])
        if row.year != int(claim["ref_year"]) and holds(claim, official):
            if claim["comparator"] in LOWER_BOUNDS:
                return Cause("bound_holds_other_year", {"year": int(row.year),
                                                        "figure": {"value": float(row.value), "unit": row.unit}})
            return Cause("printed_is_other_year", {"year": int(row.year)})
    return Cause()


def sum_of_regions(claim: pd.Series, observations) -> Verdict:
    """A bound said of several regions together (`region` holds them, joined by |): their total.

    With some regions missing, the total of those found is a lower bound: enough for "more than"
    when it already exceeds the printed value, otherwise unverified.
    """
    obs = as_observations(observations)
    names, year, measure = claim["region"].split("|"), int(claim["ref_year"]), str(claim["measure"]).split("|")[0]
    rows = obs.select(measure, names, year)
    found = {r.region: convert(r.value, r.unit, claim["unit"]) for r in rows.itertuples()}
    missing = [n for n in names if n not in found]
    total = sum(found.values())
    params = {"found": [[n, float(v)] for n, v in found.items()], "total": float(total), "unit": claim["unit"]}
    why = Cause("regions_total_partial", params | {"missing": missing}) if missing else Cause("regions_total", params)
    ok = holds(claim, total)
    if missing and not (ok and claim["comparator"] in LOWER_BOUNDS):
        return Verdict(UNVERIFIED, f"regions_total:{claim['comparator']}", why=why)
    return Verdict(MATCHES if ok else DIFFERS, f"regions_total:{claim['comparator']}", official=total, official_unit=claim["unit"],
                   gap=total - float(claim["value"]), source_id=_sources(rows), why=why)


