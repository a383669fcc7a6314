"""Verdict rules for the claims audit: each verdict follows from data and one rule here.

Verdicts:
- `matches`: the official value equals the printed one within the paper's rounding (half a unit
  in the last printed digit), or satisfies the paper's "more than" / "about"; a statement about a
  figure holds in the data.
- `differs`: an official value exists and does not match; the gap and a likely cause are given.
- `unverified`: no official value was found (the ledger says what is missing).
- `not a statistic`: dates, rules of thumb, definitions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from . import regions

MATCHES, DIFFERS, UNVERIFIED, NOT_A_STATISTIC = "matches", "differs", "unverified", "not a statistic"
VERDICTS = (MATCHES, DIFFERS, UNVERIFIED, NOT_A_STATISTIC)

# (unit printed in the paper, unit of the data) -> factor that turns data into the paper's unit
UNIT_FACTORS = {
    ("万亿元", "亿元"): 1e-4,
    ("亿人", "万人"): 1e-4,
}


@dataclass
class Verdict:
    verdict: str
    official: float | None = None
    official_unit: str = ""
    gap: float | None = None
    source_id: str = ""
    confidence: str = ""
    cause: str = ""
    evidence: dict = field(default_factory=dict)


def tolerance(printed_value: str) -> float:
    """Half a unit in the last printed digit: '38.6' -> 0.05, '2.6736' -> 0.00005, '3' -> 0.5."""
    exponent = Decimal(printed_value.strip()).as_tuple().exponent
    return 0.5 * 10.0 ** exponent


def convert(value: float, data_unit: str, claim_unit: str) -> float:
    if data_unit == claim_unit:
        return value
    try:
        return value * UNIT_FACTORS[(claim_unit, data_unit)]
    except KeyError:
        raise ValueError(f"no conversion from {data_unit!r} to {claim_unit!r} (add it to UNIT_FACTORS)") from None


def compare(printed_value: str, comparator: str, official: float) -> bool:
    """Does the official value (already in the paper's unit) bear out the printed one?"""
    claimed = float(printed_value)
    if comparator == "=":
        # rounding the official value to the printed precision gives the printed value
        return abs(official - claimed) <= tolerance(printed_value) + 1e-12
    if comparator == "≥":  # 'more than X' (超过): the official figure is at least X
        return official >= claimed - 1e-12
    if comparator == "≈":  # 'nearly X' (近, 接近): within 5 % of X or within rounding
        return abs(official - claimed) <= max(tolerance(printed_value), 0.05 * abs(claimed))
    raise ValueError(f"unknown comparator {comparator!r}")


def lookup(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    """Compare a printed number with the official observation for the same measure, region, year."""
    measures = str(claim["measure"]).split("|")
    region = claim["region"] if isinstance(claim["region"], str) else None
    if region is None:
        return Verdict(UNVERIFIED, cause="the paper names no region that official statistics cover")
    if pd.isna(claim["ref_year"]):
        nearest = observations[(observations["measure"].isin(measures)) & (observations["region"] == region)]
        cause = "the paper gives no year"
        if len(nearest):
            row = nearest.sort_values("year").iloc[-1]
            cause += f"; the nearest official figure is {row['value']:g} {row['unit']} for {row['year']} ({row['source_id']})"
        return Verdict(UNVERIFIED, cause=cause)
    year = int(claim["ref_year"])
    for measure in measures:  # in order of preference: same definition first
        rows = observations[(observations["measure"] == measure) & (observations["region"] == region)
                            & (observations["year"] == year)]
        if len(rows):
            row = _preferred_vintage(rows)
            official = convert(row["value"], row["unit"], claim["unit"])
            ok = compare(str(claim["value"]), claim["comparator"], official)
            cause = "" if measure == measures[0] else f"only a different definition is published ({measure})"
            if not ok and not cause:
                cause = _other_year_match(claim, measure, region, observations)
            return Verdict(MATCHES if ok else DIFFERS, official=official, official_unit=claim["unit"],
                           gap=official - float(claim["value"]), source_id=row["source_id"],
                           confidence=row["confidence"], cause=cause)
    other = observations[(observations["measure"].isin(measures)) & (observations["region"] == region)]
    cause = f"no official {' or '.join(measures)} for {region} in {year}"
    if len(other):
        cause += "; published for " + ", ".join(f"{r.year} ({r.value:g})" for r in other.sort_values("year").itertuples())
    return Verdict(UNVERIFIED, cause=cause)


def _preferred_vintage(rows: pd.DataFrame) -> pd.Series:
    order = {"first_release": 0, "as_published": 0, "final_verification": 1, "census_revision": 2}
    return rows.assign(rank=rows["vintage"].map(order)).sort_values("rank").iloc[0]


def _other_year_match(claim: pd.Series, measure: str, region: str, observations: pd.DataFrame) -> str:
    """A likely cause of a difference: the printed number is the official one for another year."""
    rows = observations[(observations["measure"] == measure) & (observations["region"] == region)]
    for row in rows.itertuples():
        official = convert(row.value, row.unit, claim["unit"])
        if row.year != int(claim["ref_year"]) and compare(str(claim["value"]), claim["comparator"], official):
            return f"the printed value is the official figure for {row.year}"
    return ""


# ---- derived claims: recomputed, not looked up ----------------------------------------------

def _value(observations: pd.DataFrame, region: str, year: int, measure: str, vintage: str) -> pd.Series | None:
    rows = observations[(observations["region"] == region) & (observations["year"] == year)
                        & (observations["measure"] == measure) & (observations["vintage"] == vintage)]
    return rows.iloc[0] if len(rows) else None


def nominal_growth_by_vintage(observations: pd.DataFrame, region: str, year: int) -> dict[str, float]:
    """Nominal GDP growth (%) of `year` computed within each vintage that has both years."""
    out = {}
    for vintage in ("first_release", "final_verification", "census_revision"):
        this, last = (_value(observations, region, y, "gdp", vintage) for y in (year, year - 1))
        if this is not None and last is not None:
            out[vintage] = 100 * (this["value"] / last["value"] - 1)
    # what readers had in hand when the first release came out: new first release on revised base
    this = _value(observations, region, year, "gdp", "first_release")
    last = _value(observations, region, year - 1, "gdp", "final_verification")
    if this is not None and last is not None:
        out["first_release on final base"] = 100 * (this["value"] / last["value"] - 1)
    return out


def multiple_of_nominal_gdp_growth(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    year, region = int(claim["ref_year"]), claim["region"]
    growth = _value(observations, region, year, "de_growth_caict", "as_published")
    nominal = nominal_growth_by_vintage(observations, region, year)
    if growth is None or not nominal:
        return Verdict(UNVERIFIED, cause="digital-economy growth or GDP levels missing")
    multiples = {vintage: growth["value"] / g for vintage, g in nominal.items()}
    holds = [compare(str(claim["value"]), claim["comparator"], m) for m in multiples.values()]
    verdict = MATCHES if all(holds) else DIFFERS
    cause = ("holds in every vintage" if all(holds) else
             "holds in " + ", ".join(v for v, h in zip(multiples, holds) if h) + " only")
    smallest = min(multiples.values())
    return Verdict(verdict, official=smallest, official_unit="times", gap=smallest - float(claim["value"]),
                   source_id=growth["source_id"], confidence=growth["confidence"], cause=cause,
                   evidence={"nominal GDP growth %": nominal, "multiple": multiples})


def ratio_urban_rural_income(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    year = int(claim["ref_year"])
    ratios = {}
    for y in sorted(set(observations.loc[observations["measure"] == "income_urban", "year"])):
        urban, rural = (_value(observations, claim["region"], y, m, "as_published") for m in ("income_urban", "income_rural"))
        if urban is not None and rural is not None:
            ratios[y] = (urban["value"] / rural["value"], urban["source_id"], urban["confidence"])
    if year not in ratios:
        return Verdict(UNVERIFIED, cause=f"incomes for {year} not found")
    ratio, source_id, confidence = ratios[year]
    ok = compare(str(claim["value"]), claim["comparator"], ratio)
    cause = ""
    if not ok:
        other = [y for y, (r, _, _) in ratios.items() if y != year and compare(str(claim["value"]), claim["comparator"], r)]
        cause = f"the printed ratio is the official one for {other[0]}" if other else ""
    return Verdict(MATCHES if ok else DIFFERS, official=ratio, official_unit="ratio", gap=ratio - float(claim["value"]),
                   source_id=source_id, confidence=confidence, cause=cause,
                   evidence={"ratio by year": {y: round(r, 3) for y, (r, _, _) in ratios.items()}})


# ---- statements about Paper B's figures 3–6 --------------------------------------------------

def region_growth(observations: pd.DataFrame) -> pd.DataFrame:
    """Real growth (first release) of Paper B's three regions, 2019–2023: year × region."""
    rows = observations[(observations["measure"] == "gdp_real_growth") & (observations["vintage"] == "first_release")
                        & observations["region"].isin(regions.PAPER_B_REGIONS) & observations["year"].isin(regions.PAPER_B_YEARS)]
    return rows.pivot(index="year", columns="region", values="value")[list(regions.PAPER_B_REGIONS)]


def growth_summary(growth: pd.DataFrame) -> pd.DataFrame:
    """Mean, standard deviation and range of growth per region (percentage points)."""
    return pd.DataFrame({"mean": growth.mean(), "std": growth.std(ddof=1), "min": growth.min(), "max": growth.max()})


def statement(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    growth = region_growth(observations)
    summary = growth_summary(growth)
    region, check = claim["region"], claim["check"]
    if check == "rise":
        year = int(claim["ref_year"])
        change = growth.loc[year, region] - growth.loc[year - 1, region]
        ok, detail = change > 0, f"growth {growth.loc[year - 1, region]:g} → {growth.loc[year, region]:g} ({change:+.1f} pp)"
    elif check == "peak":
        year = int(claim["ref_year"])
        ok, detail = growth[region].idxmax() == year, f"highest growth in {growth[region].idxmax()} ({growth[region].max():g} %)"
    elif check in ("highest_mean", "lowest_mean"):
        ranked = summary["mean"].sort_values(ascending=(check == "lowest_mean"))
        ok = ranked.index[0] == region
        detail = "mean growth 2019–2023: " + ", ".join(f"{r} {m:.2f}" for r, m in summary["mean"].items())
    elif check in ("least_volatile", "most_volatile"):
        ranked = summary["std"].sort_values(ascending=(check == "least_volatile"))
        ok = ranked.index[0] == region
        detail = "standard deviation of growth: " + ", ".join(f"{r} {s:.2f}" for r, s in summary["std"].items())
    else:
        raise ValueError(f"unknown statement check {check!r}")
    return Verdict(MATCHES if ok else DIFFERS, cause=detail, source_id="see data/raw/gdp.csv")


def regression_statement(results: pd.DataFrame) -> Verdict:
    """Positive, statistically significant slope in the headline specification, or not."""
    main = results[results["headline"]].iloc[0]
    significant = main["p_value"] < 0.05
    ok = main["coefficient"] > 0 and significant
    cause = (f"{main['specification']}: slope {main['coefficient']:.3f} (95 % CI {main['ci_low']:.3f} to "
             f"{main['ci_high']:.3f}, p = {main['p_value']:.3f}, N = {int(main['n'])})")
    return Verdict(MATCHES if ok else DIFFERS, official=main["coefficient"], official_unit="pp per pp", cause=cause,
                   source_id="data/derived/regression_results.csv")


NOT_STATISTIC_KINDS = {
    "date": "a date: recorded, not audited against statistics (no dated source in data/)",
    "rule_of_thumb": "a rule of thumb, not a measurement",
    "definition": "a definition, not a measurement",
}
STATEMENT_CHECKS = {"rise", "peak", "highest_mean", "lowest_mean", "least_volatile", "most_volatile"}


def audit_claim(claim: pd.Series, observations: pd.DataFrame, regression_results: pd.DataFrame) -> Verdict:
    """Dispatch one ledger row to its rule."""
    if claim["kind"] in NOT_STATISTIC_KINDS:
        return Verdict(NOT_A_STATISTIC, cause=NOT_STATISTIC_KINDS[claim["kind"]])
    check = claim["check"]
    if check == "lookup":
        return lookup(claim, observations)
    if check == "multiple_of_nominal_gdp_growth":
        return multiple_of_nominal_gdp_growth(claim, observations)
    if check == "ratio_urban_rural_income":
        return ratio_urban_rural_income(claim, observations)
    if check in STATEMENT_CHECKS:
        return statement(claim, observations)
    if check == "regression_sign":
        return regression_statement(regression_results)
    return Verdict(UNVERIFIED, cause="no official statistic for this was collected")


def audit_all(claims: pd.DataFrame, observations: pd.DataFrame, regression_results: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, claim in claims.iterrows():
        verdict = audit_claim(claim, observations, regression_results)
        rows.append({"claim_id": claim["claim_id"], "paper": claim["paper"], "location": claim["location"],
                     "printed": claim["printed"], "what": claim["what"], "verdict": verdict.verdict,
                     "official": verdict.official, "official_unit": verdict.official_unit, "gap": verdict.gap,
                     "source_id": verdict.source_id, "confidence": verdict.confidence, "cause": verdict.cause,
                     "note": claim["note"]})
    return pd.DataFrame(rows)
