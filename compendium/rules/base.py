"""What every rule shares: the verdict scale, a verdict record (codes and typed parameters, never
text), the one logged way into the data, and the comparison of a printed number with an official one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from .. import regions
from ..schema import (DIFFERS, INCONCLUSIVE, MATCHES, NEARLY_BAND, NOT_A_STATISTIC, NOT_COMPARABLE,  # noqa: F401 (the scale,
                      UNVERIFIED, VERDICTS)                                                 # re-exported to the rules)

LOWER_BOUNDS, UPPER_BOUNDS = (">", "≥"), ("<",)

# (unit printed in the paper, unit of the data) -> factor that turns data into the paper's unit
UNIT_FACTORS = {
    ("万亿元", "亿元"): 1e-4,
    ("亿人", "万人"): 1e-4,
}

# ---- a verdict and its cause: codes with typed parameters, worded only by the report --------------
# (compendium/phrasebook/: the rules never format a sentence, so editing a phrase re-runs no notebook)

@dataclass
class Cause:
    code: str = ""
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        """The code and its parameters, as a notebook shows them: `growth_peak(year=2021, value=8.3)`
        (numbers to six significant digits: the last digits of a float differ between BLAS code paths)."""
        return f"{self.code}({', '.join(f'{k}={_shown(v)}' for k, v in self.params.items())})" if self.code else ""


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    return str(value)


@dataclass
class Verdict:
    verdict: str
    rule_id: str  # a check's name, or `family:comparator` (compendium/phrasebook/rules.py)
    official: float | None = None
    official_unit: str = ""
    gap: float | None = None
    source_id: str = ""
    confidence: str = ""
    why: Cause = field(default_factory=Cause)
    evidence: dict = field(default_factory=dict)
    queries: list = field(default_factory=list)


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
        wanted = [(r, y) for r in (regions_wanted or sorted(set(frame["region"]))) for y in (years_wanted or [None])]  # type: ignore[list-item]
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
    assert isinstance(exponent, int), printed_value  # a finite number
    return 0.5 * 10.0 ** exponent


def convert(value: float, data_unit: str, claim_unit: str) -> float:
    if data_unit == claim_unit:
        return value
    try:
        return value * UNIT_FACTORS[(claim_unit, data_unit)]
    except KeyError:
        raise ValueError(f"no conversion from {data_unit!r} to {claim_unit!r} (add it to UNIT_FACTORS)") from None


def compare(printed_value: str, comparator: str, official: float, band: float = NEARLY_BAND) -> bool:
    """Does the official value (already in the paper's unit) bear out the printed one? `band` is
    the half-width of "nearly" (≈), a share of the printed value."""
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
        return abs(official - claimed) <= band * abs(claimed) + 1e-12
    raise ValueError(f"unknown comparator {comparator!r}")


def holds(claim: pd.Series, official: float) -> bool:
    """The claim's printed value against an official one, by the claim's comparator (and its band,
    where a variant of the audit sets one: `compendium/variants.py`)."""
    band = NEARLY_BAND if _blank(claim.get("band")) else float(claim["band"])
    return compare(str(claim["value"]), claim["comparator"], official, band)


def _figure(row, value: float, unit: str) -> dict:
    """An official figure as a cause names it: value, unit, year and source."""
    return {"value": float(value), "unit": unit, "year": int(row["year"]), "source": row["source_id"]}


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value) in ("", "nan", "None", "<NA>")


# ---- shared by several families ------------------------------------------------------------------

YEARS_B = list(regions.PAPER_B_YEARS)


def _by_region(values: pd.Series) -> list:
    """(region, number) pairs in the series' order, as a cause lists them."""
    return [[region, float(value)] for region, value in values.items()]


def _weakest(rows: pd.DataFrame) -> str:
    for level in ("secondary", "press", "official"):
        if level in set(rows["confidence"]):
            return level
    return ""


def _preferred_vintage(rows: pd.DataFrame) -> pd.Series:
    order = {"first_release": 0, "as_published": 0, "final_verification": 1, "census_revision": 2, "database_2025": 2,
             "database_2021": 3, "database_2021_expenditure": 3, "compiled": 4}
    return rows.assign(rank=rows["vintage"].map(order)).sort_values("rank").iloc[0]
