"""Plausibility of every provincial series: a value whose change from the year before stands out
from the change the other provinces made that year is flagged, and each flag is resolved.

A change is measured in points for growth rates and shares (they move additively) and in logs for
levels and counts, then taken against the median change of the provinces that year, so a shock every
province shared (2020) flags none of them. It is flagged when it exceeds `MULTIPLE` times the
province's own median absolute deviation from the year's median, and `FLOOR` besides.

How a flag is resolved, in this order:
- `second_copy`: both years' values are printed by an independent second copy (`corroborated_by`;
  tests/test_corroboration.py holds each to its copy): the jump is in the published data;
- `other_vintage`: another vintage of the same measure moves the same way between the same years
  (same sign, at least half the size): the publisher's own revision kept the jump;
- a row of `data/plausibility_resolutions.csv`: `confirmed` (another source prints it: `evidence`
  names where), `kept` (a stated reason, such as an event), `corrected`, or `unconfirmed` (searched
  for in other sources and not found: the reason says where; the value stays as its copy prints it);
- `open`: none of these yet; the flag stays listed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import paths
from .data import DataError, _read_csv_strict, _relative

DIFFERENCE_IN_POINTS = {"gdp_real_growth", "urbanisation_rate", "ecommerce_enterprise_share"}
MULTIPLE = 6
FLOOR = {"points": 0.5, "log": 0.1}  # 0.5 points; a log change of 0.1 (about 10 %)
MIN_PROVINCES = 20  # fewer provinces give no year median worth the name
SAME_WAY_SHARE = 0.5  # another vintage's change: same sign and at least half the size

RESOLUTIONS = paths.DATA / "plausibility_resolutions.csv"
RESOLUTION_COLUMNS = ["region", "year", "measure", "vintage", "resolution", "reason", "evidence"]
HAND_RESOLUTIONS = ("confirmed", "kept", "corrected", "unconfirmed")
AUTOMATIC_RESOLUTIONS = ("second_copy", "other_vintage")
FLAG_KEY = ["region", "year", "measure", "vintage"]


def _scale(measure: str) -> str:
    return "points" if measure in DIFFERENCE_IN_POINTS else "log"


def _changes(wide: pd.DataFrame, scale: str) -> pd.DataFrame:
    """Each province's change from the year before (consecutive years only)."""
    change = wide.diff() if scale == "points" else np.log(wide.where(wide > 0)).diff()
    return change[wide.index.to_series().diff().eq(1).to_numpy()]


def flags(observations: pd.DataFrame, provinces: list[str]) -> pd.DataFrame:
    """Every province-year whose change stands out, by measure and vintage."""
    obs = observations[observations["region"].isin(provinces)]
    rows = []
    for (measure, vintage), group in obs.groupby(["measure", "vintage"]):
        if group["region"].nunique() < MIN_PROVINCES:
            continue
        wide = group.pivot_table(index="year", columns="region", values="value", aggfunc="first").sort_index()
        scale = _scale(measure)
        change = _changes(wide, scale)
        relative = change.sub(change.median(axis=1), axis=0)
        for region in relative.columns:
            series = relative[region].dropna()
            if len(series) < 4:
                continue
            spread = series.abs().median()
            for year, value in series.items():
                if spread > 0 and abs(value) > MULTIPLE * spread and abs(value) > FLOOR[scale]:
                    rows.append({"region": region, "year": int(year), "measure": measure, "vintage": vintage,
                                 "scale": scale, "value_before": wide.loc[year - 1, region],
                                 "value": wide.loc[year, region], "change": round(float(change.loc[year, region]), 4),
                                 "year_median_change": round(float(change.loc[year].median()), 4),
                                 "own_spread": round(float(spread), 4),
                                 "multiple": round(float(abs(value) / spread), 1)})
    columns = [*FLAG_KEY, "scale", "value_before", "value", "change", "year_median_change", "own_spread", "multiple"]
    return pd.DataFrame(rows, columns=columns).sort_values(["measure", "vintage", "region", "year"]).reset_index(drop=True)


def load_resolutions(path=None, found: pd.DataFrame | None = None) -> pd.DataFrame:
    """The hand-written resolutions, validated: each names a flag `found` lists (when given), a
    resolution of HAND_RESOLUTIONS, a reason, and evidence for `confirmed` and `corrected`."""
    path = path or RESOLUTIONS
    frame = _read_csv_strict(path, RESOLUTION_COLUMNS)
    flagged = None if found is None else set(zip(found["region"], found["year"].astype(str), found["measure"],
                                                 found["vintage"]))
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        where = f"{_relative(path)}, row {number} (file line {number + 1})"
        if row.resolution not in HAND_RESOLUTIONS:
            raise DataError(f"{where}, column resolution: rule 'resolution is one of {', '.join(HAND_RESOLUTIONS)}' "
                            f"failed (found {row.resolution!r})")
        if len(row.reason) < 10:
            raise DataError(f"{where}, column reason: rule 'a resolution states its reason' failed")
        if row.resolution in ("confirmed", "corrected") and not row.evidence:
            raise DataError(f"{where}, column evidence: rule 'confirmed and corrected name their evidence' failed")
        if flagged is not None and (row.region, row.year, row.measure, row.vintage) not in flagged:
            raise DataError(f"{where}: rule 'a resolution answers a flag the check raises' failed "
                            f"({row.region} {row.year} {row.measure} {row.vintage} is not flagged)")
    return frame.astype({"year": int})


def _moves_the_same_way(observations: pd.DataFrame, flag) -> str:
    """Another vintage whose change between the same two years has the flag's sign and at least
    SAME_WAY_SHARE of its size ('' when none does)."""
    rows = observations[(observations["region"] == flag.region) & (observations["measure"] == flag.measure)
                        & (observations["vintage"] != flag.vintage) & observations["year"].isin([flag.year - 1, flag.year])]
    for vintage, group in rows.groupby("vintage"):
        values = group.set_index("year")["value"]
        if len(values) != 2:
            continue
        change = float(_changes(values.to_frame(), flag.scale).iloc[0, 0])
        if np.sign(change) == np.sign(flag.change) and abs(change) >= SAME_WAY_SHARE * abs(flag.change):
            return f"{vintage}: {values[flag.year - 1]:g} → {values[flag.year]:g}"
    return ""


def resolve(found: pd.DataFrame, observations: pd.DataFrame, resolutions: pd.DataFrame) -> pd.DataFrame:
    """Each flag with its resolution (see the module's docstring for the order) and what supports it."""
    keyed = observations.set_index(FLAG_KEY)["corroborated_by"]
    hand = resolutions.set_index(FLAG_KEY)
    out = []
    for flag in found.itertuples(index=False):
        copies = [keyed.get((flag.region, year, flag.measure, flag.vintage), "") for year in (flag.year - 1, flag.year)]
        key = (flag.region, flag.year, flag.measure, flag.vintage)
        if all(copies):
            resolution, support = "second_copy", "; ".join(sorted(set(";".join(copies).split(";"))))
        elif other := _moves_the_same_way(observations, flag):
            resolution, support = "other_vintage", other
        elif key in hand.index:
            row = hand.loc[key]
            resolution, support = row["resolution"], f"{row['reason']} [{row['evidence']}]" if row["evidence"] else row["reason"]
        else:
            resolution, support = "open", ""
        out.append(flag._asdict() | {"resolution": resolution, "support": support})
    return pd.DataFrame(out, columns=[*found.columns, "resolution", "support"])
