"""Statements about groups of provinces: shares, ranks, growth against the other provinces, dispersion."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import regions
from ..schema import AGAINST_REST, YEAR_RANGE, same_release
from .base import (DIFFERS, MATCHES, UNVERIFIED, Cause, Observations, Verdict, _blank, _sources, _weakest,
                   as_observations)

# worded in compendium/phrasebook/rules.py
GROUP_CHECKS = (
    "group_share_rises", "group_share_falls", "group_share_majority", "rank_top_half", "rank_middle_third",
    "rank_middle_half", "spread_rises", "spread_falls", "sd_rises", "sd_falls",
    "group_growth_above_rest", "group_growth_below_rest", "group_growth_rises_after",
    "dispersion_rises", "dispersion_falls", "share_above_national",
)
GROUP_DEFAULTS = {"measure": "gdp", "vintage": "first_release", "start_year": regions.PAPER_B_YEARS[0]}
POPULATION_VINTAGE = "database_2025"  # the population the NBS database held beside census-revised GDP


# a group's growth against the group the sentence names (the ledger's `against`), not all other provinces
NAMED_RULES = {"group_growth_above_rest": "group_growth_above_named", "group_growth_below_rest": "group_growth_below_named"}


def named_against(claim: pd.Series) -> list[str]:
    """The regions or groups a sentence sets against its subject; empty for all the other provinces."""
    against = claim.get("against")
    return [] if _blank(against) or against == AGAINST_REST else str(against).split("|")


def _claim_field(claim: pd.Series, name: str):
    value = claim.get(name)
    if _blank(value):
        return GROUP_DEFAULTS.get(name)
    return int(value) if name == "start_year" else str(value).split("|")[0] if name == "measure" else value


def _provincial(obs: Observations, measure: str, vintage: str, years) -> tuple[pd.DataFrame, list]:
    """measure × the 31 provinces for each year (year × province), and the (province, year) pairs missing."""
    years = list(years)
    rows = obs.select(measure, list(regions.PROVINCES), years, vintage)
    table = rows.pivot(index="year", columns="region", values="value") if len(rows) else pd.DataFrame()
    provinces = list(regions.PROVINCES)
    absent = (table.reindex(index=years, columns=provinces).isna().to_numpy() if not table.empty
              else [[True] * len(provinces)] * len(years))  # one lookup for the whole grid, not one per cell
    missing = [(p, y) for i, y in enumerate(years) for j, p in enumerate(provinces) if absent[i][j]]
    return table, missing


def group_statement(claim: pd.Series, observations) -> Verdict:
    """Statements about a province's rank, a group's share or growth, or the provinces' dispersion."""
    obs = as_observations(observations)
    check, region, year = claim["check"], claim["region"], int(claim["ref_year"])
    measure, vintage, start = (_claim_field(claim, n) for n in ("measure", "vintage", "start_year"))
    rule = check
    if check.startswith("group_growth"):
        return _group_growth(claim, obs, check, region, year, start, vintage, rule)
    if check.startswith("dispersion"):
        return _dispersion(obs, check, year, start, vintage, rule)
    if check.startswith(("spread", "sd_")):
        return _spread(obs, check, measure, year, start, vintage, rule)
    if check == "share_above_national":
        return _share_above_national(claim, obs, region, year, vintage, rule)
    years = [year] if check.startswith("rank") or check == "group_share_majority" else [start, year]
    table, missing = _provincial(obs, measure, vintage, years)
    if missing:
        return Verdict(UNVERIFIED, rule, why=obs.missing(measure, sorted({p for p, _ in missing}), years, vintage))
    used = obs.log[-1][1]
    end_values = table.loc[year]
    rank = int(end_values.rank(ascending=False, method="min")[region]) if check.startswith("rank") else 0
    if check == "rank_top_half":
        return Verdict(MATCHES if rank <= len(end_values) // 2 else DIFFERS, rule, official=rank, official_unit="rank",
                       why=Cause("rank", {"region": region, "rank": rank, "of": len(end_values), "year": year}),
                       source_id=_sources(used))
    if check in MIDDLE_PARTS:  # the middle third (11th–21st of 31) or the middle half (8th–24th)
        edge = len(end_values) // MIDDLE_PARTS[check]
        return Verdict(MATCHES if edge < rank <= len(end_values) - edge else DIFFERS, rule, official=rank,
                       official_unit="rank", source_id=_sources(used),
                       why=Cause("rank_by", {"region": region, "rank": rank, "of": len(end_values), "year": year,
                                             "measure": measure}))
    members = list(regions.GROUPS[region][1])

    def share(values: pd.Series) -> float:
        return 100 * values[members].sum() / values.sum()

    if check == "group_share_majority":
        ok, why = share(end_values) > 50, Cause("group_share", {"group": region, "share": share(end_values), "year": year})
    else:
        change = share(end_values) - share(table.loc[start])
        ok = change > 0 if check == "group_share_rises" else change < 0
        why = Cause("group_share_change", {"group": region, "measure": measure, "vintage": vintage, "start": start,
                                           "before": share(table.loc[start]), "year": year, "after": share(end_values)})
    return Verdict(MATCHES if ok else DIFFERS, rule, official=round(share(end_values), 4), official_unit="%",
                   why=why, source_id=_sources(used))


def _group_growth(claim, obs, check, region, year, start, vintage, rule) -> Verdict:
    members = list(regions.GROUPS[region][1])
    first_year = YEAR_RANGE[0]
    years = range(first_year if check == "group_growth_rises_after" else start, year + 1)
    table, missing = _provincial(obs, "gdp_real_growth", vintage, years)
    if check == "group_growth_rises_after":
        held = [y for y in years if y in table.index and table.loc[y, members].notna().all()]
        before, after = [y for y in held if y < start], [y for y in held if y >= start]
        if not before or len(after) < year - start + 1:
            return Verdict(UNVERIFIED, rule, why=obs.missing("gdp_real_growth", members, list(years), vintage))
        mean_before, mean_after = table.loc[before, members].to_numpy().mean(), table.loc[after, members].to_numpy().mean()
        ok = mean_after > mean_before
        why = Cause("group_growth_before_after", {
            "group": region, "before": float(mean_before), "before_first": int(before[0]), "before_last": int(before[-1]),
            "after": float(mean_after), "after_first": int(after[0]), "after_last": int(after[-1]), "vintage": vintage})
        official = mean_after
    else:
        if missing:
            return Verdict(UNVERIFIED, rule, why=obs.missing("gdp_real_growth", sorted({p for p, _ in missing}),
                                                             list(years), vintage))
        against = named_against(claim)
        rest = [p for p in regions.PROVINCES if p not in members] if not against else \
            [p for group in against for p in (regions.GROUPS[group][1] if group in regions.GROUPS else (group,))]
        group_mean, rest_mean = table[members].to_numpy().mean(), table[rest].to_numpy().mean()
        ok = group_mean > rest_mean if check == "group_growth_above_rest" else group_mean < rest_mean
        params = {"start": start, "year": year, "vintage": vintage, "group": region,
                  "group_mean": float(group_mean), "rest_mean": float(rest_mean)}
        why = Cause("group_growth_vs_rest", params) if not against else \
            Cause("group_growth_vs_named", params | {"against": against})
        rule = rule if not against else NAMED_RULES[check]
        official = group_mean
    return Verdict(MATCHES if ok else DIFFERS, rule, official=round(official, 4), official_unit="%",
                   why=why, source_id=_sources(obs.log[-1][1]))


def coefficient_of_variation(values: pd.Series) -> float:
    """Standard deviation over mean (population standard deviation: the 31 provinces are all there are)."""
    return float(np.std(values.to_numpy(), ddof=0) / np.mean(values.to_numpy()))


def _per_head_vintage(vintage: str) -> str:
    """The population vintage a per-head ratio divides by: one state of the same database as the
    numerator's, or the rule refuses (a ratio is never taken across revisions)."""
    if not same_release(vintage, POPULATION_VINTAGE):
        raise ValueError(f"a per-head ratio of {vintage} values over {POPULATION_VINTAGE} population crosses "
                         "vintages (rule: a ratio is taken within one vintage)")
    return POPULATION_VINTAGE


def _dispersion(obs, check, year, start, vintage, rule) -> Verdict:
    gdp, gdp_missing = _provincial(obs, "gdp", vintage, [start, year])
    gdp_rows = obs.log[-1][1]
    population, population_missing = _provincial(obs, "population", _per_head_vintage(vintage), [start, year])
    population_rows = obs.log[-1][1]
    if gdp_missing:
        return Verdict(UNVERIFIED, rule, why=obs.missing("gdp", sorted({p for p, _ in gdp_missing}), [start, year], vintage))
    if population_missing:
        return Verdict(UNVERIFIED, rule, why=obs.missing("population", sorted({p for p, _ in population_missing}),
                                                         [start, year], POPULATION_VINTAGE))
    per_head = gdp / population
    before, after = coefficient_of_variation(per_head.loc[start]), coefficient_of_variation(per_head.loc[year])
    ok = after > before if check == "dispersion_rises" else after < before
    why = Cause("dispersion_change", {"vintage": vintage, "start": start, "before": before, "year": year, "after": after})
    used = pd.concat([gdp_rows, population_rows])
    return Verdict(MATCHES if ok else DIFFERS, rule, official=round(after, 4), official_unit="CV",
                   why=why, source_id=_sources(used), confidence=_weakest(used))


MIDDLE_PARTS = {"rank_middle_third": 3, "rank_middle_half": 4}  # the share of provinces left out at each end: 1/3, 1/4


def _spread(obs, check, measure, year, start, vintage, rule) -> Verdict:
    """The spread of one measure across the 31 provinces, start against end: relative (coefficient of
    variation, `spread_*`) or in the measure's own units (population standard deviation, `sd_*`)."""
    table, missing = _provincial(obs, measure, vintage, [start, year])
    if missing:
        return Verdict(UNVERIFIED, rule, why=obs.missing(measure, sorted({p for p, _ in missing}), [start, year], vintage))
    used = obs.log[-1][1]
    absolute = check.startswith("sd_")
    spread = (lambda v: float(np.std(v.to_numpy(), ddof=0))) if absolute else coefficient_of_variation
    before, after = spread(table.loc[start]), spread(table.loc[year])
    ok = after > before if check.endswith("rises") else after < before
    why = Cause("sd_change" if absolute else "spread_change", {"measure": measure, "vintage": vintage, "start": start,
                                                               "before": before, "year": year, "after": after})
    return Verdict(MATCHES if ok else DIFFERS, rule, official=round(after, 4), official_unit="SD" if absolute else "CV", why=why,
                   source_id=_sources(used), confidence=_weakest(used))


def _share_above_national(claim, obs, region, year, vintage, rule) -> Verdict:
    """The first measure over the second for one province against the 31 provinces together; a
    per-head ratio (over population) takes the population series' own vintage."""
    numerator, denominator = str(claim["measure"]).split("|")[:2]
    top, top_missing = _provincial(obs, numerator, vintage, [year])
    top_rows = obs.log[-1][1]
    per_head = denominator == "population"
    bottom, bottom_missing = _provincial(obs, denominator, _per_head_vintage(vintage) if per_head else vintage, [year])
    bottom_rows = obs.log[-1][1]
    if top_missing or bottom_missing:
        measure, missing = (numerator, top_missing) if top_missing else (denominator, bottom_missing)
        return Verdict(UNVERIFIED, rule, why=obs.missing(measure, sorted({p for p, _ in missing}), year, vintage))
    scale, unit = (1e4, "元 per head") if per_head else (100, "%")  # 亿元 / 万人 = 10 000 元 per head
    own = scale * top.loc[year, region] / bottom.loc[year, region]
    national = scale * top.loc[year].sum() / bottom.loc[year].sum()
    ok = own > national
    why = Cause("per_head_vs_provinces" if per_head else "share_vs_provinces", {
        "measure": numerator, "other": denominator, "year": year, "region": region, "own": float(own),
        "provinces": float(national)})
    used = pd.concat([top_rows, bottom_rows])
    return Verdict(MATCHES if ok else DIFFERS, rule, official=round(own, 4), official_unit=unit,
                   why=why, source_id=_sources(used), confidence=_weakest(used))


