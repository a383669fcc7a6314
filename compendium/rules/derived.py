"""Claims recomputed from the data, not looked up: a multiple of nominal GDP growth, the urban/rural income ratio."""
from __future__ import annotations

import pandas as pd

from .base import DIFFERS, MATCHES, UNVERIFIED, Cause, Observations, Verdict, _sources, as_observations, holds


def _value(obs: Observations, region: str, year: int, measure: str, vintage: str) -> pd.Series | None:
    rows = obs.select(measure, region, year, vintage)
    return rows.iloc[0] if len(rows) else None


def nominal_growth_by_vintage(observations, region: str, year: int) -> dict[str, float]:
    """Nominal GDP growth (%) of `year` on the base the bureau used when it published each figure.

    At first release the new year's GDP is compared with the previous year's verified value; final
    verification and the census revision compare two values of the same vintage.
    """
    obs = as_observations(observations)
    bases = {"first_release": ("first_release", "final_verification"),
             "final_verification": ("final_verification", "final_verification"),
             "census_revision": ("census_revision", "census_revision")}
    out = {}
    for label, (this_vintage, base_vintage) in bases.items():
        this = _value(obs, region, year, "gdp", this_vintage)
        last = _value(obs, region, year - 1, "gdp", base_vintage)
        if this is not None and last is not None:
            out[label] = 100 * (this["value"] / last["value"] - 1)
    return out


def multiple_of_nominal_gdp_growth(claim: pd.Series, observations) -> Verdict:
    obs = as_observations(observations)
    year, region = int(claim["ref_year"]), claim["region"]
    rule = f"multiple:{claim['comparator']}"
    growth = _value(obs, region, year, "de_growth_caict", "as_published")
    nominal = nominal_growth_by_vintage(obs, region, year)
    if growth is None:
        return Verdict(UNVERIFIED, rule, why=obs.missing("de_growth_caict", region, year, "as_published"))
    if not nominal:
        return Verdict(UNVERIFIED, rule, why=obs.missing("gdp", region, [year - 1, year]))
    multiples = {vintage: growth["value"] / g for vintage, g in nominal.items()}
    each = [holds(claim, m) for m in multiples.values()]
    verdict = MATCHES if all(each) else DIFFERS
    holding = [v for v, h in zip(multiples, each) if h]
    why = Cause("multiple_every_vintage") if all(each) else \
        Cause("multiple_some_vintages", {"vintages": holding}) if holding else Cause("multiple_no_vintage")
    smallest = min(multiples.values())
    return Verdict(verdict, rule, official=smallest, official_unit="times", gap=smallest - float(claim["value"]),
                   source_id=growth["source_id"], confidence=growth["confidence"], why=why,
                   evidence={"nominal GDP growth %": nominal, "multiple": multiples})


def ratio_urban_rural_income(claim: pd.Series, observations) -> Verdict:
    obs = as_observations(observations)
    year = int(claim["ref_year"])
    rule = f"income_ratio:{claim['comparator']}"
    both = obs.select(["income_urban", "income_rural"], claim["region"], vintage="as_published")
    table = both.pivot(index="year", columns="measure", values="value").dropna() if len(both) else pd.DataFrame()
    ratios = {int(y): r["income_urban"] / r["income_rural"] for y, r in table.iterrows()}
    if year not in ratios:
        return Verdict(UNVERIFIED, rule, why=obs.missing("income_urban", claim["region"], year, "as_published"))
    ratio = ratios[year]
    used = both[both["year"] == year]
    ok = holds(claim, ratio)
    why = Cause()
    if not ok:
        other = [y for y, r in ratios.items() if y != year and holds(claim, r)]
        why = Cause("printed_is_other_year", {"year": other[0]}) if other else Cause()
    return Verdict(MATCHES if ok else DIFFERS, rule, official=ratio, official_unit="ratio", gap=ratio - float(claim["value"]),
                   source_id=_sources(used), confidence=used["confidence"].iloc[0], why=why,
                   evidence={"ratio by year": {y: round(r, 3) for y, r in ratios.items()}})


