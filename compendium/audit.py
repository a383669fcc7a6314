"""Verdict rules for the claims audit: each verdict follows from data and one named rule here.

The graded scale (each audit row names the rule that fired):
- `matches`: a comparable official value bears out the printed one under the comparator the
  wording implies: `=` and `~` (约, about) round the official value to the printed precision;
  `>` (超过, more than) is strict; `≥` (不低于, at least) admits equality; `≈` (近, 接近, nearly)
  is a stated band of ±5 % around the printed value. A statement about data holds in the data.
- `differs`: a comparable official value (same measure, definition, region and year) contradicts it.
- `not comparable`: an official figure exists only for another definition, population, measure or
  date; the row says what differs and gives the figure.
- `inconclusive`: a statistical test whose interval admits both the claim and its negation.
- `unverified`: no source found; the row says what was searched.
- `not a statistic`: dates, rules of thumb, definitions.

A projection (kind `projection`) is checked against the projection as published (a measure whose
name ends in `_projection`), never against an outcome.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from . import regions
from .schema import MEASURES

MATCHES, DIFFERS, NOT_COMPARABLE, INCONCLUSIVE, UNVERIFIED, NOT_A_STATISTIC = (
    "matches", "differs", "not comparable", "inconclusive", "unverified", "not a statistic")
VERDICTS = (MATCHES, DIFFERS, NOT_COMPARABLE, INCONCLUSIVE, UNVERIFIED, NOT_A_STATISTIC)

NEARLY_BAND = 0.05  # 近 / 接近: within 5 % of the printed value
# comparator in the ledger -> the rule's name in the audit
COMPARATOR_RULES = {
    "=": "equal at the printed precision",
    "~": "about: equal at the printed precision",
    ">": "more than (strict)",
    "≥": "at least",
    "≈": f"nearly: within ±{NEARLY_BAND:.0%} of the printed value",
}

# (unit printed in the paper, unit of the data) -> factor that turns data into the paper's unit
UNIT_FACTORS = {
    ("万亿元", "亿元"): 1e-4,
    ("亿人", "万人"): 1e-4,
}


@dataclass
class Verdict:
    verdict: str
    rule: str
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
    if comparator in ("=", "~"):
        # rounding the official value to the printed precision gives the printed value
        return abs(official - claimed) <= tolerance(printed_value) + 1e-12
    if comparator == ">":  # 超过 X: strictly more than X
        return official > claimed
    if comparator == "≥":  # 不低于 X: X or more
        return official >= claimed
    if comparator == "≈":  # 近 X, 接近 X: within the stated band around X
        return abs(official - claimed) <= NEARLY_BAND * abs(claimed) + 1e-12
    raise ValueError(f"unknown comparator {comparator!r}")


def _figure(row, unit: str) -> str:
    return f"{row['value']:g} {unit} for {row['year']} ({row['source_id']})"


def lookup(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    """Compare a printed number with the official observation of the same definition, region, year.

    The ledger's `measure` lists the claim's own definition first, then other definitions that
    official sources publish; a figure found only for one of those, or only for another year, is
    `not comparable`.
    """
    measures = str(claim["measure"]).split("|")
    own = measures[0]
    region = claim["region"] if isinstance(claim["region"], str) else None
    searched = str(claim.get("searched", "") or "")
    if claim.get("kind") == "projection" and not own.endswith("_projection"):
        raise ValueError(f"claim {claim.get('claim_id')}: a projection is checked against a *_projection measure")
    if region is None:
        return Verdict(UNVERIFIED, "no source", cause="the paper names no region that official statistics cover"
                       + (f"; searched: {searched}" if searched else ""))
    candidates = observations[observations["measure"].isin(measures) & (observations["region"] == region)]
    year = None if pd.isna(claim["ref_year"]) else int(claim["ref_year"])
    same = candidates[(candidates["measure"] == own) & (candidates["year"] == year)]
    if len(same):
        row = _preferred_vintage(same)
        official = convert(row["value"], row["unit"], claim["unit"])
        ok = compare(str(claim["value"]), claim["comparator"], official)
        cause = "" if ok else _other_year_match(claim, own, region, observations)
        return Verdict(MATCHES if ok else DIFFERS, COMPARATOR_RULES[claim["comparator"]], official=official,
                       official_unit=claim["unit"], gap=official - float(claim["value"]), source_id=row["source_id"],
                       confidence=row["confidence"], cause=cause)
    for measure in measures[1:]:  # same year, another definition
        rows = candidates[(candidates["measure"] == measure) & (candidates["year"] == year)]
        if len(rows):
            row = _preferred_vintage(rows)
            official = convert(row["value"], row["unit"], claim["unit"])
            note = f" ({row['note']})" if row.get("note") else ""
            return Verdict(NOT_COMPARABLE, "another definition", official=official, official_unit=claim["unit"],
                           source_id=row["source_id"], confidence=row["confidence"],
                           cause=f"the paper's measure is {MEASURES[own].label}; the official figure measures "
                                 f"{MEASURES[measure].label}{note}: {_figure(row, claim['unit'])}")
    if len(candidates):  # another year (or the paper gives none)
        row = candidates.sort_values("year").iloc[-1] if year is None else \
            candidates.assign(distance=(candidates["year"] - year).abs()).sort_values(["distance", "year"]).iloc[0]
        when = "the paper gives no year" if year is None else f"no official figure for {year}"
        definition = "" if row["measure"] == own else f" of another definition ({MEASURES[row['measure']].label})"
        return Verdict(NOT_COMPARABLE, "another date", official=convert(row["value"], row["unit"], claim["unit"]),
                       official_unit=claim["unit"], source_id=row["source_id"], confidence=row["confidence"],
                       cause=f"{when}; the nearest official figure{definition} is {_figure(row, row['unit'])}")
    what = f"{' or '.join(measures)} for {region}" + (f" in {year}" if year else "")
    return Verdict(UNVERIFIED, "no source", cause=f"no official {what} in data/" + (f"; searched: {searched}" if searched else ""))


def _preferred_vintage(rows: pd.DataFrame) -> pd.Series:
    order = {"first_release": 0, "as_published": 0, "final_verification": 1, "census_revision": 2}
    return rows.assign(rank=rows["vintage"].map(order)).sort_values("rank").iloc[0]


def _other_year_match(claim: pd.Series, measure: str, region: str, observations: pd.DataFrame) -> str:
    """A likely cause of a difference: the printed number is the official one for another year."""
    rows = observations[(observations["measure"] == measure) & (observations["region"] == region)]
    for row in rows.itertuples():
        official = convert(row.value, row.unit, claim["unit"])
        if row.year != int(claim["ref_year"]) and compare(str(claim["value"]), claim["comparator"], official):
            if claim["comparator"] in (">", "≥"):
                return f"the bound holds for the official figure of {row.year} ({row.value:g} {row.unit})"
            return f"the printed value is the official figure for {row.year}"
    return ""


def sum_of_regions(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    """A bound said of several regions together (`region` holds them, joined by |): their total.

    With some regions missing, the total of those found is a lower bound: enough for "more than"
    when it already exceeds the printed value, otherwise unverified.
    """
    names, year, measure = claim["region"].split("|"), int(claim["ref_year"]), str(claim["measure"]).split("|")[0]
    rows = observations[(observations["measure"] == measure) & (observations["year"] == year)
                        & observations["region"].isin(names)]
    found = {r.region: convert(r.value, r.unit, claim["unit"]) for r in rows.itertuples()}
    missing = [n for n in names if n not in found]
    total = sum(found.values())
    detail = " + ".join(f"{n} {v:g}" for n, v in found.items()) + f" = {total:g} {claim['unit']}"
    detail += f"; no figure for {', '.join(missing)}" if missing else ""
    ok = compare(str(claim["value"]), claim["comparator"], total)
    if missing and not (ok and claim["comparator"] in (">", "≥")):
        return Verdict(UNVERIFIED, "total of the regions", cause=detail)
    return Verdict(MATCHES if ok else DIFFERS, "total of the regions", official=total, official_unit=claim["unit"],
                   gap=total - float(claim["value"]), source_id=";".join(sorted(set(rows["source_id"]))), cause=detail)


# ---- derived claims: recomputed, not looked up ----------------------------------------------

def _value(observations: pd.DataFrame, region: str, year: int, measure: str, vintage: str) -> pd.Series | None:
    rows = observations[(observations["region"] == region) & (observations["year"] == year)
                        & (observations["measure"] == measure) & (observations["vintage"] == vintage)]
    return rows.iloc[0] if len(rows) else None


def nominal_growth_by_vintage(observations: pd.DataFrame, region: str, year: int) -> dict[str, float]:
    """Nominal GDP growth (%) of `year` on the base the bureau used when it published each figure.

    At first release the new year's GDP is compared with the previous year's verified value; final
    verification and the census revision compare two values of the same vintage.
    """
    bases = {"first_release": ("first_release", "final_verification"),
             "final_verification": ("final_verification", "final_verification"),
             "census_revision": ("census_revision", "census_revision")}
    out = {}
    for label, (this_vintage, base_vintage) in bases.items():
        this = _value(observations, region, year, "gdp", this_vintage)
        last = _value(observations, region, year - 1, "gdp", base_vintage)
        if this is not None and last is not None:
            out[label] = 100 * (this["value"] / last["value"] - 1)
    return out


def multiple_of_nominal_gdp_growth(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    year, region = int(claim["ref_year"]), claim["region"]
    rule = f"multiple of nominal GDP growth, every vintage, {COMPARATOR_RULES[claim['comparator']]}"
    growth = _value(observations, region, year, "de_growth_caict", "as_published")
    nominal = nominal_growth_by_vintage(observations, region, year)
    if growth is None or not nominal:
        return Verdict(UNVERIFIED, rule, cause="digital-economy growth or GDP levels missing")
    multiples = {vintage: growth["value"] / g for vintage, g in nominal.items()}
    holds = [compare(str(claim["value"]), claim["comparator"], m) for m in multiples.values()]
    verdict = MATCHES if all(holds) else DIFFERS
    cause = ("holds in every vintage" if all(holds) else
             "holds in " + (", ".join(v for v, h in zip(multiples, holds) if h) or "no vintage"))
    smallest = min(multiples.values())
    return Verdict(verdict, rule, official=smallest, official_unit="times", gap=smallest - float(claim["value"]),
                   source_id=growth["source_id"], confidence=growth["confidence"], cause=cause,
                   evidence={"nominal GDP growth %": nominal, "multiple": multiples})


def ratio_urban_rural_income(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    year = int(claim["ref_year"])
    rule = f"income ratio recomputed, {COMPARATOR_RULES[claim['comparator']]}"
    ratios = {}
    for y in sorted(set(observations.loc[observations["measure"] == "income_urban", "year"])):
        urban, rural = (_value(observations, claim["region"], y, m, "as_published") for m in ("income_urban", "income_rural"))
        if urban is not None and rural is not None:
            ratios[y] = (urban["value"] / rural["value"], urban["source_id"], urban["confidence"])
    if year not in ratios:
        return Verdict(UNVERIFIED, rule, cause=f"incomes for {year} not found")
    ratio, source_id, confidence = ratios[year]
    ok = compare(str(claim["value"]), claim["comparator"], ratio)
    cause = ""
    if not ok:
        other = [y for y, (r, _, _) in ratios.items() if y != year and compare(str(claim["value"]), claim["comparator"], r)]
        cause = f"the printed ratio is the official one for {other[0]}" if other else ""
    return Verdict(MATCHES if ok else DIFFERS, rule, official=ratio, official_unit="ratio", gap=ratio - float(claim["value"]),
                   source_id=source_id, confidence=confidence, cause=cause,
                   evidence={"ratio by year": {y: round(r, 3) for y, (r, _, _) in ratios.items()}})


# ---- statements about the growth of Paper B's regions (figures 3–6) ---------------------------

def region_growth(observations: pd.DataFrame, with_national: bool = False) -> pd.DataFrame:
    """Real growth (first release) of Paper B's three regions, 2019–2023: year × region."""
    names = list(regions.PAPER_B_REGIONS) + (["China"] if with_national else [])
    rows = observations[(observations["measure"] == "gdp_real_growth") & (observations["vintage"] == "first_release")
                        & observations["region"].isin(names) & observations["year"].isin(regions.PAPER_B_YEARS)]
    return rows.pivot(index="year", columns="region", values="value")[names]


def growth_summary(growth: pd.DataFrame) -> pd.DataFrame:
    """Mean, standard deviation and range of growth per region (percentage points)."""
    return pd.DataFrame({"mean": growth.mean(), "std": growth.std(ddof=1), "min": growth.min(), "max": growth.max(),
                         "range": growth.max() - growth.min()})


def _strictly_first(values: pd.Series, region: str, highest: bool) -> bool:
    """Is `region` first on its own? A tie for first is not "the highest"."""
    best = values.max() if highest else values.min()
    return bool(values[region] == best and (values == best).sum() == 1)


# check -> (rule name, what it tests); thresholds come from the ledger's `value` where a rule has one
STATEMENT_RULES = {
    "rise": "rise: growth in the year exceeds the year before by more than the threshold (pp; 0 unless given)",
    "peak": "peak: the year has the region's highest growth of 2019–2023, strictly",
    "highest_mean": "highest mean: strictly the highest mean growth of the three regions, 2019–2023",
    "lowest_mean": "lowest mean: strictly the lowest mean growth of the three regions, 2019–2023",
    "least_volatile": "least volatile: strictly the smallest standard deviation of growth of the three regions",
    "most_volatile": "most volatile: strictly the largest standard deviation of growth of the three regions",
    "largest_range": "largest range: strictly the largest max − min of growth of the three regions",
    "always_positive": "always positive: growth above zero in every year 2019–2023",
    "mean_above_national": "above national: mean growth 2019–2023 above the national mean",
    "mean_below_national": "below national: mean growth 2019–2023 below the national mean",
    "above_national_every_year": "above national every year: growth above national growth in each year 2019–2023",
    "above_national_in_year": "above national in the year: growth above national growth in the year",
    "lowest_in_year": "lowest in the year: strictly the lowest growth of the three regions in the year",
}


def statement(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    growth = region_growth(observations, with_national=True)
    national = growth.pop("China")
    summary = growth_summary(growth)
    region, check = claim["region"], claim["check"]
    year = None if pd.isna(claim["ref_year"]) else int(claim["ref_year"])
    series = growth[region]
    if check == "rise":
        threshold = float(claim["value"]) if str(claim["value"]) not in ("", "nan", "None") else 0.0
        change = series[year] - series[year - 1]
        ok, detail = change > threshold, f"growth {series[year - 1]:g} → {series[year]:g} ({change:+.1f} pp; threshold {threshold:g} pp)"
    elif check == "peak":
        ok = _strictly_first(series, year, highest=True)
        detail = f"highest growth in {series.idxmax()} ({series.max():g} %)"
    elif check in ("highest_mean", "lowest_mean"):
        ok = _strictly_first(summary["mean"], region, highest=(check == "highest_mean"))
        detail = "mean growth 2019–2023: " + ", ".join(f"{r} {m:.2f}" for r, m in summary["mean"].items())
    elif check in ("least_volatile", "most_volatile"):
        ok = _strictly_first(summary["std"], region, highest=(check == "most_volatile"))
        detail = "standard deviation of growth: " + ", ".join(f"{r} {s:.2f}" for r, s in summary["std"].items())
    elif check == "largest_range":
        ok = _strictly_first(summary["range"], region, highest=True)
        detail = "range of growth (max − min): " + ", ".join(f"{r} {s:.1f}" for r, s in summary["range"].items())
    elif check == "always_positive":
        ok, detail = bool((series > 0).all()), f"lowest growth {series.min():g} % ({series.idxmin()})"
    elif check in ("mean_above_national", "mean_below_national"):
        difference = series.mean() - national.mean()
        ok = difference > 0 if check == "mean_above_national" else difference < 0
        detail = f"mean growth {series.mean():.2f} vs national {national.mean():.2f} ({difference:+.2f} pp)"
    elif check == "above_national_every_year":
        below = [int(y) for y in series.index if not series[y] > national[y]]
        ok, detail = not below, "above national growth every year" if not below else f"not above national in {below}"
    elif check == "lowest_in_year":
        ok = _strictly_first(growth.loc[year], region, highest=False)
        detail = f"growth in {year}: " + ", ".join(f"{r} {g:g}" for r, g in growth.loc[year].items())
    elif check == "above_national_in_year":
        ok, detail = bool(series[year] > national[year]), f"{series[year]:g} % vs national {national[year]:g} % in {year}"
    else:
        raise ValueError(f"unknown statement check {check!r}")
    return Verdict(MATCHES if ok else DIFFERS, STATEMENT_RULES[check], cause=detail, source_id="see data/raw/gdp.csv")


SERIES_RULES = {
    "rises_every_year": "rises every year: each published value up to the year is above the one before (at least "
                        "three years)",
    "falls_from_previous": "falls: the value of the year is below that of the year before",
    "rises_from_previous": "rises: the value of the year is above that of the year before",
    "difference_falls": "gap narrows: first measure minus second measure is smaller in the year than the year before",
}


def _series(observations: pd.DataFrame, measure: str, region: str, year: int) -> tuple[pd.Series, pd.DataFrame]:
    rows = observations[(observations["measure"] == measure) & (observations["region"] == region)
                        & (observations["year"] <= year)]
    rows = pd.DataFrame([_preferred_vintage(g) for _, g in rows.groupby("year")]) if len(rows) else rows
    return (rows.set_index("year")["value"].sort_index() if len(rows) else pd.Series(dtype=float)), rows


def series_trend(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    """A trend of one published series (the ledger's first measure) for one region, or of the gap
    between two series (`difference_falls`: the ledger lists both measures)."""
    measures, region, year = str(claim["measure"]).split("|"), claim["region"], int(claim["ref_year"])
    measure = measures[0]
    series, rows = _series(observations, measure, region, year)
    if claim["check"] == "difference_falls":
        other, other_rows = _series(observations, measures[1], region, year)
        series = (series - other).dropna()
        rows = pd.concat([rows, other_rows])
        measure = f"{measures[0]} − {measures[1]}"
    shown = ", ".join(f"{y} {v:g}" for y, v in series.items())
    rule = SERIES_RULES[claim["check"]]
    if claim["check"] == "rises_every_year":
        if len(series) < 3 or series.index[-1] != year:
            return Verdict(UNVERIFIED, rule, cause=f"fewer than three years of {measure} up to {year} in data/: {shown or 'none'}")
        ok = bool((series.diff().dropna() > 0).all())
    else:
        if year not in series.index or year - 1 not in series.index:
            return Verdict(UNVERIFIED, rule, cause=f"{measure} for {year - 1} and {year} not both in data/: {shown or 'none'}")
        ok = bool(series[year] > series[year - 1]) if claim["check"] == "rises_from_previous" else \
            bool(series[year] < series[year - 1])
    return Verdict(MATCHES if ok else DIFFERS, rule, official=float(series[year]), official_unit=str(rows["unit"].iloc[0]),
                   source_id=";".join(sorted(set(rows["source_id"]))), cause=f"{measure}, {region}: {shown}")


GROUP_RULES = {
    "group_share_rises": "share rises: the group's share of the 31 provinces' GDP (first release) is higher in the "
                         "year than in 2019",
    "group_share_falls": "share falls: the group's share of the 31 provinces' GDP (first release) is lower in the "
                         "year than in 2019",
    "group_share_majority": "majority: the group's share of the 31 provinces' GDP (first release) is above one half",
    "rank_top_half": "top half: the province's GDP (first release) ranks 15th or better of 31 in the year",
}


def _provincial_gdp(observations: pd.DataFrame, year: int) -> pd.Series | None:
    rows = observations[(observations["measure"] == "gdp") & (observations["vintage"] == "first_release")
                        & (observations["year"] == year) & observations["region"].isin(list(regions.PROVINCES))]
    return rows.set_index("region")["value"] if len(rows) == len(regions.PROVINCES) else None


def group_statement(claim: pd.Series, observations: pd.DataFrame) -> Verdict:
    """Statements about a province's rank or a group's share of the provinces' GDP."""
    check, region, year = claim["check"], claim["region"], int(claim["ref_year"])
    start = regions.PAPER_B_YEARS[0]
    rule = GROUP_RULES[check]
    end_gdp, start_gdp = _provincial_gdp(observations, year), _provincial_gdp(observations, start)
    if end_gdp is None or (check in ("group_share_rises", "group_share_falls") and start_gdp is None):
        return Verdict(UNVERIFIED, rule, cause=f"first-release GDP of all 31 provinces for {start} and {year} not in data/")
    if check == "rank_top_half":
        rank = int(end_gdp.rank(ascending=False, method="min")[region])
        return Verdict(MATCHES if rank <= len(end_gdp) // 2 else DIFFERS, rule, official=rank, official_unit="rank",
                       cause=f"{region} ranks {rank} of {len(end_gdp)} by GDP in {year}", source_id="see data/raw/gdp.csv")
    members = list(regions.GROUPS[region][1])

    def share(gdp: pd.Series) -> float:
        return 100 * gdp[members].sum() / gdp.sum()

    if check == "group_share_majority":
        ok, detail = share(end_gdp) > 50, f"{region} {share(end_gdp):.2f} % of the provinces' GDP in {year}"
    else:
        change = share(end_gdp) - share(start_gdp)
        ok = change > 0 if check == "group_share_rises" else change < 0
        detail = f"{region} share of the provinces' GDP {share(start_gdp):.2f} % ({start}) → {share(end_gdp):.2f} % ({year})"
    return Verdict(MATCHES if ok else DIFFERS, rule, official=round(share(end_gdp), 4), official_unit="%",
                   cause=detail, source_id="see data/raw/gdp.csv")


REGRESSION_ALPHA = 0.05  # the bootstrap level of the analysis plan
REGRESSION_RULES = {
    "regression_interval": "interval (paper/analysis_plan.md): the headline slope's 95 % interval with t(G-1) "
                           f"critical values lies above zero and the wild cluster bootstrap p is below {REGRESSION_ALPHA} "
                           f"(matches); both below zero with p below {REGRESSION_ALPHA} (differs); otherwise inconclusive",
    "regression_sign": "sign only: the headline point estimate is above zero",
}


def regression_statement(results: pd.DataFrame, check: str = "regression_interval") -> Verdict:
    """The claim of a positive relation, judged on the headline specification."""
    main = results[results["headline"]].iloc[0]
    cause = (f"{main['specification']}: slope {main['coefficient']:.3f} (95 % CI {main['ci_low']:.3f} to "
             f"{main['ci_high']:.3f}, p = {main['p_value']:.3f}, wild bootstrap p = {main['p_wild']:.3f}, "
             f"N = {int(main['n'])})")
    if check == "regression_sign":
        verdict = MATCHES if main["coefficient"] > 0 else DIFFERS
    elif check == "regression_interval":
        confirmed = main["p_wild"] < REGRESSION_ALPHA
        verdict = MATCHES if main["ci_low"] > 0 and confirmed else \
            DIFFERS if main["ci_high"] < 0 and confirmed else INCONCLUSIVE
    else:
        raise ValueError(f"unknown regression check {check!r}")
    return Verdict(verdict, REGRESSION_RULES[check], official=main["coefficient"], official_unit="pp per unit",
                   cause=cause, source_id="data/derived/regression_results.csv")


NOT_STATISTIC_KINDS = {
    "date": "a date: recorded, not audited against statistics (no dated source in data/)",
    "rule_of_thumb": "a rule of thumb, not a measurement",
    "definition": "a definition, not a measurement",
}
STATEMENT_CHECKS = set(STATEMENT_RULES)
REGRESSION_CHECKS = set(REGRESSION_RULES)


def audit_claim(claim: pd.Series, observations: pd.DataFrame, regression_results: pd.DataFrame) -> Verdict:
    """Dispatch one ledger row (or one reading of it) to its rule."""
    if claim["kind"] in NOT_STATISTIC_KINDS:
        return Verdict(NOT_A_STATISTIC, claim["kind"].replace("_", " "), cause=NOT_STATISTIC_KINDS[claim["kind"]])
    check = claim["check"]
    if check == "lookup":
        return lookup(claim, observations)
    if check == "sum_of_regions":
        return sum_of_regions(claim, observations)
    if check == "multiple_of_nominal_gdp_growth":
        return multiple_of_nominal_gdp_growth(claim, observations)
    if check == "ratio_urban_rural_income":
        return ratio_urban_rural_income(claim, observations)
    if check in STATEMENT_CHECKS:
        return statement(claim, observations)
    if check in SERIES_RULES:
        return series_trend(claim, observations)
    if check in GROUP_RULES:
        return group_statement(claim, observations)
    if check in REGRESSION_CHECKS:
        return regression_statement(regression_results, check)
    searched = str(claim.get("searched", "") or "")
    return Verdict(UNVERIFIED, "no source", cause="no official statistic for this is in data/"
                   + (f"; searched: {searched}" if searched else ""))


AUDIT_COLUMNS = ["claim_id", "paper", "location", "printed", "what", "kind", "unit", "year", "verdict", "rule",
                 "official", "official_unit", "gap", "source_id", "confidence", "cause", "reading",
                 "verdict_changes_with_reading", "note"]


def audit_all(claims: pd.DataFrame, observations: pd.DataFrame, regression_results: pd.DataFrame,
              by_reading: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per claim, under the reading chosen in the ledger (its `what`); `by_reading` (the
    output of `audit_readings`) marks the claims whose verdict changes with the reading."""
    flips = set() if by_reading is None else set(by_reading.loc[by_reading["verdict_differs_from_chosen"], "claim_id"])
    rows = []
    for _, claim in claims.iterrows():
        verdict = audit_claim(claim, observations, regression_results)
        rows.append({"claim_id": claim["claim_id"], "paper": claim["paper"], "location": claim["location"],
                     "printed": claim["printed"], "what": claim["what"], "kind": claim["kind"], "unit": claim["unit"],
                     "year": claim["ref_year"], "verdict": verdict.verdict, "rule": verdict.rule,
                     "official": verdict.official, "official_unit": verdict.official_unit, "gap": verdict.gap,
                     "source_id": verdict.source_id, "confidence": verdict.confidence, "cause": verdict.cause,
                     "reading": claim["what"], "verdict_changes_with_reading": claim["claim_id"] in flips,
                     "note": claim["note"]})
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


READING_OVERRIDES = ("check", "comparator", "value", "ref_year", "region", "measure", "kind")


def audit_readings(claims: pd.DataFrame, readings: pd.DataFrame, observations: pd.DataFrame,
                   regression_results: pd.DataFrame) -> pd.DataFrame:
    """The verdict of every claim under every reading in the readings log.

    A reading overrides the ledger's fields it fills (check, comparator, value, ref_year, region,
    measure, kind); empty fields keep the ledger's. The chosen reading is the ledger row itself.
    """
    by_id = claims.set_index("claim_id", drop=False)
    rows = []
    for reading in readings.itertuples(index=False):
        claim = by_id.loc[reading.claim_id].copy()
        for name in READING_OVERRIDES:
            value = getattr(reading, name)
            if value != "":
                claim[name] = int(value) if name == "ref_year" else value
        verdict = audit_claim(claim, observations, regression_results)
        rows.append({"claim_id": reading.claim_id, "reading_id": reading.reading_id, "chosen": reading.chosen,
                     "reading": reading.reading, "verdict": verdict.verdict, "rule": verdict.rule, "cause": verdict.cause})
    out = pd.DataFrame(rows, columns=["claim_id", "reading_id", "chosen", "reading", "verdict", "rule", "cause"])
    chosen = out[out["chosen"]].set_index("claim_id")["verdict"]
    out["verdict_differs_from_chosen"] = out["verdict"] != out["claim_id"].map(chosen)
    return out
