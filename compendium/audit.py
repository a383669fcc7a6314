"""Verdict rules for the claims audit: each verdict follows from data and one named rule here.

The graded scale (each audit row names the rule that fired):
- `matches`: a comparable official value bears out the printed one under the comparator the
  wording implies: `=` and `~` (约, about) round the official value to the printed precision;
  `>` (超过, more than) and `<` (低于, below) are strict; `≥` (不低于, at least) admits equality;
  `≈` (近, 接近, nearly) is a stated band of ±5 % around the printed value. A statement about data
  holds in the data.
- `differs`: a comparable official value (same measure, definition, region and year) contradicts
  it, or bounds it on the wrong side (a cumulative count, see `cumulative_bound`).
- `not comparable`: an official figure exists only for another definition, population, measure or
  date; the row says what differs and gives the figure.
- `inconclusive`: a statistical test whose interval admits both the claim and its negation.
- `unverified`: searched and not found. The cause is computed from the look-ups the rule made
  (which measure, regions, years and vintages it needed and which of them `data/` holds); where
  else was searched is logged in `data/searches.csv`.
- `not a statistic`: dates, events, rules of thumb, definitions, historical stages.

Every rule reads the data through `Observations.select`, which logs each query and the rows it
returned, so every verdict carries the rows it rests on (`claims_evidence.csv`) and the queries
that found nothing. Causes are codes with typed parameters (`Cause`: ids, years, numbers, never text), worded in both
languages by `phrasebook.say`.

A projection (kind `projection`) is checked against the projection as published (a measure whose
name ends in `_projection`), never against an outcome.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from . import regions
from .phrasebook import STATEMENT_KINDS, say
from .schema import COMPONENTS, CUMULATIVE, NEARLY_BAND, REGRESSION_ALPHA, YEAR_RANGE, same_release

MATCHES, DIFFERS, NOT_COMPARABLE, INCONCLUSIVE, UNVERIFIED, NOT_A_STATISTIC = (
    "matches", "differs", "not comparable", "inconclusive", "unverified", "not a statistic")
VERDICTS = (MATCHES, DIFFERS, NOT_COMPARABLE, INCONCLUSIVE, UNVERIFIED, NOT_A_STATISTIC)

LOWER_BOUNDS, UPPER_BOUNDS = (">", "≥"), ("<",)

# (unit printed in the paper, unit of the data) -> factor that turns data into the paper's unit
UNIT_FACTORS = {
    ("万亿元", "亿元"): 1e-4,
    ("亿人", "万人"): 1e-4,
}

# ---- causes: codes with typed parameters, worded in compendium/phrasebook.py -------------------

@dataclass
class Cause:
    code: str = ""
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return say("cause", self.code, self.params, lang)


@dataclass
class Verdict:
    verdict: str
    rule_id: str  # a key of phrasebook.RULES, or `family:comparator`
    official: float | None = None
    official_unit: str = ""
    gap: float | None = None
    source_id: str = ""
    confidence: str = ""
    why: Cause = field(default_factory=Cause)
    evidence: dict = field(default_factory=dict)
    queries: list = field(default_factory=list)

    @property
    def cause(self) -> str:
        return self.why.text()

    @property
    def rule(self) -> str:
        return say("rule", self.rule_id)


# ---- one way into the data: every query logged ------------------------------------------------

def _seq(value) -> tuple:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, (list, tuple, set, range)) else (value,)


@dataclass(frozen=True)
class Query:
    measure: tuple
    region: tuple = ()
    year: tuple = ()
    vintage: tuple = ()

    def as_row(self) -> dict:
        return {"query_measure": "|".join(self.measure), "query_region": "|".join(self.region),
                "query_year": "|".join(str(y) for y in self.year), "query_vintage": "|".join(self.vintage)}


class Observations:
    """The validated observations with one way in, `select`, which logs every query and the rows it
    returned (an empty result too: an unverified verdict rests on rows that do not exist yet)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.log: list[tuple[Query, pd.DataFrame]] = []

    def select(self, measure, region=None, year=None, vintage=None) -> pd.DataFrame:
        query = Query(_seq(measure), _seq(region), tuple(int(y) for y in _seq(year)), _seq(vintage))
        frame = self.frame
        mask = frame["measure"].isin(query.measure)
        for column, wanted in (("region", query.region), ("year", query.year), ("vintage", query.vintage)):
            if wanted:
                mask &= frame[column].isin(wanted)
        rows = frame[mask]
        self.log.append((query, rows))
        return rows

    def missing(self, measure: str, region=None, year=None, vintage=None) -> Cause:
        """Why a query found nothing: relax one field at a time (measure, region, year, vintage) and
        say which of them `data/` holds. Not logged: it explains a look-up, it is not evidence."""
        frame = self.frame[self.frame["measure"] == measure]
        base = {"measure": measure}
        regions_wanted, years_wanted = _seq(region), [int(y) for y in _seq(year)]
        if frame.empty:
            return Cause("measure_not_collected", base)
        if vintage is not None:
            frame_v = frame[frame["vintage"].isin(_seq(vintage))]
        else:
            frame_v = frame
        if len(regions_wanted) == 1 and regions_wanted[0] not in set(frame["region"]):
            return Cause("region_not_collected", base | {"region": regions_wanted[0], "held": _held(frame["region"])})
        if len(regions_wanted) == 1 and len(years_wanted) == 1:
            here = frame[frame["region"] == regions_wanted[0]]
            if years_wanted[0] not in set(here["year"]):
                return Cause("year_not_collected", base | {"region": regions_wanted[0], "year": years_wanted[0],
                                                           "held": _held(here["year"])})
            if vintage is not None:
                there = here[here["year"] == years_wanted[0]]
                return Cause("vintage_not_collected", base | {"region": regions_wanted[0], "year": years_wanted[0],
                                                              "vintage": list(_seq(vintage)),
                                                              "held": _held(there["vintage"])})
        have = set(zip(frame_v["region"], frame_v["year"]))
        wanted = [(r, y) for r in (regions_wanted or sorted(set(frame["region"]))) for y in (years_wanted or [None])]
        gaps = [(r, y) for r, y in wanted if (r, y) not in have and not (y is None and r in set(frame_v["region"]))]
        return Cause("keys_not_collected", base | {"vintage": list(_seq(vintage)), "missing": gaps[:SHOWN_GAPS],
                                                   "more": max(len(gaps) - SHOWN_GAPS, 0)})


SHOWN_GAPS = 8  # missing (region, year) pairs a cause lists; the rest are counted


def _held(values: pd.Series) -> list:
    return [v.item() if hasattr(v, "item") else v for v in sorted(set(values.tolist()))]


def as_observations(observations) -> Observations:
    return observations if isinstance(observations, Observations) else Observations(observations)


def _sources(rows: pd.DataFrame) -> str:
    return ";".join(sorted(set(rows["source_id"])))


# ---- comparing a printed number with an official one -----------------------------------------

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
    if comparator == "<":  # 低于 X, 不足 X: strictly less than X
        return official < claimed
    if comparator == "≥":  # 不低于 X: X or more
        return official >= claimed
    if comparator == "≈":  # 近 X, 接近 X: within the stated band around X
        return abs(official - claimed) <= NEARLY_BAND * abs(claimed) + 1e-12
    raise ValueError(f"unknown comparator {comparator!r}")


def _figure(row, value: float, unit: str) -> dict:
    """An official figure as a cause names it: value, unit, year and source."""
    return {"value": float(value), "unit": unit, "year": int(row["year"]), "source": row["source_id"]}


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value) in ("", "nan", "None", "<NA>")


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
        return Verdict(UNVERIFIED, "no_source", why=Cause("no_region"))
    year = None if _blank(claim["ref_year"]) else int(claim["ref_year"])
    same = obs.select(own, region, year) if year is not None else pd.DataFrame()
    if len(same):
        row = _preferred_vintage(same)
        official = convert(row["value"], row["unit"], claim["unit"])
        ok = compare(str(claim["value"]), claim["comparator"], official)
        why = Cause() if ok else _other_year_match(claim, own, region, obs)
        return Verdict(MATCHES if ok else DIFFERS, f"compare:{claim['comparator']}", official=official,
                       official_unit=claim["unit"], gap=official - float(claim["value"]), source_id=row["source_id"],
                       confidence=row["confidence"], why=why)
    if own in COMPONENTS and year is not None:
        parts = obs.select(list(COMPONENTS[own]), region, year)
        if parts["measure"].nunique() == len(COMPONENTS[own]):
            official = convert(parts["value"].sum(), parts["unit"].iloc[0], claim["unit"])
            ok = compare(str(claim["value"]), claim["comparator"], official)
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
        return Verdict(NOT_COMPARABLE, "another_date", official=convert(row["value"], row["unit"], claim["unit"]),
                       official_unit=claim["unit"], source_id=row["source_id"], confidence=row["confidence"],
                       why=Cause(code, params | ({"other": row["measure"]} if other else {})))
    return Verdict(UNVERIFIED, "no_source", why=obs.missing(own, region, year))


CUMULATIVE_RULE = "cumulative_bound"


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


def _preferred_vintage(rows: pd.DataFrame) -> pd.Series:
    order = {"first_release": 0, "as_published": 0, "final_verification": 1, "census_revision": 2, "database_2025": 2,
             "database_2021": 3, "compiled": 4}
    return rows.assign(rank=rows["vintage"].map(order)).sort_values("rank").iloc[0]


def _other_year_match(claim: pd.Series, measure: str, region: str, obs: Observations) -> Cause:
    """A likely cause of a difference: the printed number is the official one for another year."""
    for row in obs.select(measure, region).itertuples():
        official = convert(row.value, row.unit, claim["unit"])
        if row.year != int(claim["ref_year"]) and compare(str(claim["value"]), claim["comparator"], official):
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
    ok = compare(str(claim["value"]), claim["comparator"], total)
    if missing and not (ok and claim["comparator"] in LOWER_BOUNDS):
        return Verdict(UNVERIFIED, "regions_total", why=why)
    return Verdict(MATCHES if ok else DIFFERS, "regions_total", official=total, official_unit=claim["unit"],
                   gap=total - float(claim["value"]), source_id=_sources(rows), why=why)


# ---- derived claims: recomputed, not looked up ----------------------------------------------

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
    holds = [compare(str(claim["value"]), claim["comparator"], m) for m in multiples.values()]
    verdict = MATCHES if all(holds) else DIFFERS
    holding = [v for v, h in zip(multiples, holds) if h]
    why = Cause("multiple_every_vintage") if all(holds) else \
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
    ok = compare(str(claim["value"]), claim["comparator"], ratio)
    why = Cause()
    if not ok:
        other = [y for y, r in ratios.items() if y != year and compare(str(claim["value"]), claim["comparator"], r)]
        why = Cause("printed_is_other_year", {"year": other[0]}) if other else Cause()
    return Verdict(MATCHES if ok else DIFFERS, rule, official=ratio, official_unit="ratio", gap=ratio - float(claim["value"]),
                   source_id=_sources(used), confidence=used["confidence"].iloc[0], why=why,
                   evidence={"ratio by year": {y: round(r, 3) for y, r in ratios.items()}})


# ---- statements about the growth of Paper B's regions (figures 3–6) ---------------------------

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


def _strictly_first(values: pd.Series, region: str, highest: bool) -> bool:
    """Is `region` first on its own? A tie for first is not "the highest"."""
    best = values.max() if highest else values.min()
    return bool(values[region] == best and (values == best).sum() == 1)


# check -> (rule name, what it tests); thresholds come from the ledger's `value` where a rule has one
# worded in compendium/phrasebook.py RULES
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
        why = Cause("mean_vs_national", {"mean": float(series.mean()), "national": float(national.mean()),
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


YEARS_B = list(regions.PAPER_B_YEARS)


def _by_region(values: pd.Series) -> list:
    """(region, number) pairs in the series' order, as a cause lists them."""
    return [[region, float(value)] for region, value in values.items()]


# worded in compendium/phrasebook.py RULES
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


def _weakest(rows: pd.DataFrame) -> str:
    for level in ("secondary", "press", "official"):
        if level in set(rows["confidence"]):
            return level
    return ""


# worded in compendium/phrasebook.py RULES
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
            lacking = next(m for m in measures[:2] if m not in values)
            return Verdict(UNVERIFIED, rule, why=obs.missing(lacking, names[0], year))
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


# worded in compendium/phrasebook.py RULES
GROUP_CHECKS = (
    "group_share_rises", "group_share_falls", "group_share_majority", "rank_top_half",
    "group_growth_above_rest", "group_growth_below_rest", "group_growth_rises_after",
    "dispersion_rises", "dispersion_falls", "share_above_national",
)
GROUP_DEFAULTS = {"measure": "gdp", "vintage": "first_release", "start_year": regions.PAPER_B_YEARS[0]}
POPULATION_VINTAGE = "database_2025"  # the population the NBS database held beside census-revised GDP


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
    missing = [(p, y) for y in years for p in regions.PROVINCES
               if table.empty or y not in table.index or p not in table.columns or pd.isna(table.loc[y, p])]
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
    if check == "share_above_national":
        return _share_above_national(claim, obs, region, year, vintage, rule)
    years = [year] if check in ("rank_top_half", "group_share_majority") else [start, year]
    table, missing = _provincial(obs, measure, vintage, years)
    if missing:
        return Verdict(UNVERIFIED, rule, why=obs.missing(measure, sorted({p for p, _ in missing}), years, vintage))
    used = obs.log[-1][1]
    end_values = table.loc[year]
    if check == "rank_top_half":
        rank = int(end_values.rank(ascending=False, method="min")[region])
        return Verdict(MATCHES if rank <= len(end_values) // 2 else DIFFERS, rule, official=rank, official_unit="rank",
                       why=Cause("rank", {"region": region, "rank": rank, "of": len(end_values), "year": year}),
                       source_id=_sources(used))
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
        rest = [p for p in regions.PROVINCES if p not in members]
        group_mean, rest_mean = table[members].to_numpy().mean(), table[rest].to_numpy().mean()
        ok = group_mean > rest_mean if check == "group_growth_above_rest" else group_mean < rest_mean
        why = Cause("group_growth_vs_rest", {"start": start, "year": year, "vintage": vintage, "group": region,
                                             "group_mean": float(group_mean), "rest_mean": float(rest_mean)})
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


# worded in compendium/phrasebook.py RULES
REGRESSION_CHECKS = (
    "regression_interval", "regression_sign", "regression_interval_unconditional",
    "regression_sign_unconditional",
)
UNCONDITIONAL_SPECIFICATION = "H0"  # the association: lagged index and year effects, nothing else


def regression_statement(results: pd.DataFrame, check: str = "regression_interval") -> Verdict:
    """The claim of a positive relation, judged on the headline specification (or, for the
    association readings, on the specification with year effects only)."""
    if check.endswith("_unconditional"):
        main = results[results["specification"].str.split().str[0] == UNCONDITIONAL_SPECIFICATION].iloc[0]
    else:
        main = results[results["headline"]].iloc[0]
    why = Cause("regression", {"specification": main["specification"].split()[0]}
                | {k: float(main[k]) for k in ("coefficient", "ci_low", "ci_high", "p_value", "p_wild")} | {"n": int(main["n"])})
    if check.startswith("regression_sign"):
        verdict = MATCHES if main["coefficient"] > 0 else DIFFERS
    elif check.startswith("regression_interval"):
        confirmed = main["p_wild"] < REGRESSION_ALPHA
        verdict = MATCHES if main["ci_low"] > 0 and confirmed else \
            DIFFERS if main["ci_high"] < 0 and confirmed else INCONCLUSIVE
    else:
        raise ValueError(f"unknown regression check {check!r}")
    return Verdict(verdict, check, official=main["coefficient"], official_unit="pp per unit",
                   why=why, source_id="data/derived/regression_results.csv",
                   evidence={"specification": main["specification"]})



# The one registry of checks: check -> (rule function, rule names). `none` has no function: the
# claim names a measure only so that its look-up runs and says what is missing.
CHECKS = {
    "lookup": lookup,
    "sum_of_regions": sum_of_regions,
    "multiple_of_nominal_gdp_growth": multiple_of_nominal_gdp_growth,
    "ratio_urban_rural_income": ratio_urban_rural_income,
    **{check: statement for check in STATEMENT_CHECKS},
    **{check: series_trend for check in SERIES_CHECKS},
    **{check: comparison for check in COMPARISON_CHECKS},
    **{check: group_statement for check in GROUP_CHECKS},
}
ALL_CHECKS = set(CHECKS) | set(REGRESSION_CHECKS) | {"none"}


def audit_claim(claim: pd.Series, observations, regression_results: pd.DataFrame) -> Verdict:
    """Dispatch one ledger row (or one reading of it) to its rule, with a fresh query log."""
    if claim["kind"] in STATEMENT_KINDS:
        return Verdict(NOT_A_STATISTIC, claim["kind"],
                       why=Cause("not_a_statistic", {"kind": claim["kind"]}))
    obs = Observations(observations.frame if isinstance(observations, Observations) else observations)
    check = claim["check"]
    if check in REGRESSION_CHECKS:
        verdict = regression_statement(regression_results, check)
    elif check in CHECKS:
        verdict = CHECKS[check](claim, obs)
    else:  # `none`: the claim's measure (declared, perhaps never collected) is looked up for the cause
        verdict = Verdict(UNVERIFIED, "no_source", why=_needs(claim, obs))
    verdict.queries = obs.log
    if check not in REGRESSION_CHECKS:
        # the verdict cites the source of every row its rule looked at, not the rows it chose to name
        returned = [found for _, found in obs.log if not found.empty]
        verdict.source_id = _sources(pd.concat(returned)) if returned else ""
    return verdict


def _regions_of(cell) -> list[str]:
    return list(regions.PROVINCES) if cell == regions.ALL_PROVINCES else str(cell).split("|")


def _needs(claim: pd.Series, obs: Observations) -> Cause:
    """For a claim no rule can judge yet: look up what it needs and say what `data/` lacks."""
    measure = str(claim.get("measure") or "").split("|")[0]
    if not measure or measure == "nan":
        raise ValueError(f"claim {claim.get('claim_id')}: a statistical claim names the measure it needs")
    if not isinstance(claim["region"], str):
        return Cause("no_region")
    wanted = _regions_of(claim["region"])
    year = None if _blank(claim["ref_year"]) else int(claim["ref_year"])
    found = obs.select(measure, wanted, year)
    lacking = [r for r in wanted if r not in set(found["region"])]
    if not lacking:
        return Cause("no_rule", {"measure": measure})
    return obs.missing(measure, lacking if len(lacking) > 1 else lacking[0], year)


AUDIT_COLUMNS = ["claim_id", "paper", "location", "printed", "what", "kind", "unit", "year", "verdict", "rule_id", "rule",
                 "official", "official_unit", "gap", "source_id", "confidence", "cause_code", "cause_params", "cause",
                 "reading_id", "reading", "reading_zh", "verdict_changes_with_reading", "note"]
READING_OVERRIDES = ("check", "comparator", "value", "ref_year", "start_year", "region", "measure", "vintage", "kind")


def apply_reading(claim: pd.Series, reading) -> pd.Series:
    """The ledger row as a reading reads it: the fields the reading fills replace the ledger's."""
    claim = claim.copy()
    for name in READING_OVERRIDES:
        value = getattr(reading, name)
        if value != "":
            claim[name] = int(value) if name in ("ref_year", "start_year") else value
    return claim


def chosen_claims(claims: pd.DataFrame, readings: pd.DataFrame) -> pd.DataFrame:
    """Every ledger row under its chosen reading: the `chosen` flag of data/readings.csv is the one
    place where a reading is chosen."""
    chosen = {r.claim_id: r for r in readings[readings["chosen"]].itertuples(index=False)}
    rows = []
    for _, claim in claims.iterrows():
        reading = chosen.get(claim["claim_id"])
        row = apply_reading(claim, reading) if reading is not None else claim.copy()
        row["reading_id"] = reading.reading_id if reading is not None else ""
        row["reading"] = reading.reading if reading is not None else claim["what"]
        row["reading_zh"] = reading.reading_zh if reading is not None else claim["what_zh"]
        rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True)


def _params(cause: Cause) -> str:
    return json.dumps(cause.params, ensure_ascii=False, sort_keys=True, default=str) if cause.code else ""


def audit_all(claims: pd.DataFrame, observations: pd.DataFrame, regression_results: pd.DataFrame,
              readings: pd.DataFrame | None = None, by_reading: pd.DataFrame | None = None
              ) -> tuple[pd.DataFrame, dict[str, Verdict]]:
    """One row per claim, under its chosen reading; `by_reading` (the output of `audit_readings`)
    marks the claims whose verdict changes with the reading. Also returns each claim's Verdict
    (with its queries) for the evidence file."""
    flips = set() if by_reading is None else set(by_reading.loc[by_reading["verdict_differs_from_chosen"], "claim_id"])
    read = chosen_claims(claims, readings if readings is not None else pd.DataFrame(columns=["claim_id", "chosen"]).astype({"chosen": bool}))
    rows, verdicts = [], {}
    for _, claim in read.iterrows():
        verdict = audit_claim(claim, observations, regression_results)
        verdicts[claim["claim_id"]] = verdict
        rows.append({"claim_id": claim["claim_id"], "paper": claim["paper"], "location": claim["location"],
                     "printed": claim["printed"], "what": claim["what"], "kind": claim["kind"], "unit": claim["unit"],
                     "year": claim["ref_year"], "verdict": verdict.verdict, "rule_id": verdict.rule_id, "rule": verdict.rule,
                     "official": verdict.official, "official_unit": verdict.official_unit, "gap": verdict.gap,
                     "source_id": verdict.source_id, "confidence": verdict.confidence, "cause_code": verdict.why.code,
                     "cause_params": _params(verdict.why), "cause": verdict.cause, "reading_id": claim["reading_id"],
                     "reading": claim["reading"], "reading_zh": claim["reading_zh"],
                     "verdict_changes_with_reading": claim["claim_id"] in flips,
                     "note": claim["note"]})
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS), verdicts


def audit_readings(claims: pd.DataFrame, readings: pd.DataFrame, observations: pd.DataFrame,
                   regression_results: pd.DataFrame) -> pd.DataFrame:
    """The verdict of every claim under every reading in the readings log.

    A reading overrides the ledger's fields it fills (check, comparator, value, ref_year,
    start_year, region, measure, vintage, kind); empty fields keep the ledger's.
    """
    by_id = claims.set_index("claim_id", drop=False)
    rows = []
    for reading in readings.itertuples(index=False):
        claim = apply_reading(by_id.loc[reading.claim_id], reading)
        verdict = audit_claim(claim, observations, regression_results)
        rows.append({"claim_id": reading.claim_id, "reading_id": reading.reading_id, "chosen": reading.chosen,
                     "reading": reading.reading, "reading_zh": reading.reading_zh, "verdict": verdict.verdict,
                     "rule_id": verdict.rule_id, "rule": verdict.rule, "cause_code": verdict.why.code,
                     "cause": verdict.cause})
    out = pd.DataFrame(rows, columns=["claim_id", "reading_id", "chosen", "reading", "reading_zh", "verdict", "rule_id", "rule",
                                      "cause_code", "cause"])
    chosen = out[out["chosen"]].set_index("claim_id")["verdict"]
    out["verdict_differs_from_chosen"] = out["verdict"] != out["claim_id"].map(chosen)
    return out


EVIDENCE_COLUMNS = ["claim_id", "query_measure", "query_region", "query_year", "query_vintage", "found", "file", "line",
                    "region", "year", "measure", "vintage", "value", "unit", "source_id", "confidence", "evidence"]


def evidence_rows(verdicts: dict[str, Verdict], level) -> pd.DataFrame:
    """Every data row each verdict used, one per (claim, query, row); a query that found nothing
    gives one row with `found` False. `level(confidence, corroborated_by)` is the evidence level."""
    rows = []
    for claim_id, verdict in verdicts.items():
        seen = set()
        for query, found in verdict.queries:
            head = {"claim_id": claim_id, **query.as_row()}
            if found.empty:
                key = (tuple(head.values()), None)
                if key not in seen:
                    seen.add(key)
                    rows.append(head | {"found": False})
                continue
            for r in found.itertuples(index=False):
                key = (tuple(head.values()), (r.file, r.line))
                if key in seen:
                    continue
                seen.add(key)
                rows.append(head | {"found": True, "file": f"data/raw/{r.file}", "line": r.line, "region": r.region,
                                    "year": r.year, "measure": r.measure, "vintage": r.vintage, "value": r.value,
                                    "unit": r.unit, "source_id": r.source_id, "confidence": r.confidence,
                                    "evidence": level(r.confidence, r.corroborated_by)})
        if verdict.source_id == "data/derived/regression_results.csv":
            rows.append({"claim_id": claim_id, "found": True, "file": verdict.source_id,
                         "measure": verdict.evidence["specification"], "value": verdict.official,
                         "source_id": "derived", "evidence": "derived"})
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return frame.astype({"line": "Int64", "year": "Int64"})
