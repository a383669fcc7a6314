"""What notebook 00 hands to the report: the coverage grid's size, the evidence levels of every raw
row, the register's addresses, how each single-copy row was read a second time, and how many raw
rows cite each source."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from .. import paths
from ..schema import EVIDENCE_LEVELS, is_portal
from . import raw_rows, written

NOTEBOOK = "00_data_overview"
# second readings of single-copy rows: whole sources from their copies, and the rows of few-row claims
SECOND_READINGS = paths.DATA / "second_reading"
CLAIM_ROW_READINGS = paths.ROOT / "tests" / "expectations" / "claim_row_values.csv"


def compute() -> dict[str, Any]:
    values: dict[str, Any] = {}
    coverage = written("data_coverage.csv")
    values["coverage.with_share"] = int((coverage["share_definitions"] != "").sum())
    values["coverage.cells"] = len(coverage)
    evidence = written("evidence_levels.csv").set_index("file")
    totals = evidence.loc["all files"].astype(int)
    for level, key in zip(EVIDENCE_LEVELS, ("official", "press", "corroborated", "single")):
        values[f"evidence.all.{key}"] = int(totals[level])
    values["evidence.all.total"] = int(totals.sum())
    values["evidence.all.single_share"] = float(totals["single secondary copy"] / totals.sum())
    flagged = written("plausibility.csv")["resolution"]
    values["plausibility.flags"] = len(flagged)
    for resolution in ("second_copy", "other_vintage", "confirmed", "kept", "corrected", "unconfirmed", "open"):
        values[f"plausibility.{resolution}"] = int((flagged == resolution).sum())
    register = pd.read_csv(paths.SOURCES, keep_default_na=False, dtype=str)  # validated by the notebook's load
    portal = register["url"].map(is_portal)
    values["sources.total"] = len(register)
    values["sources.page_seen"] = int((register["publisher_page_seen"] == "yes").sum())
    values["sources.page_quoted"] = int((register["publisher_page_seen"] == "quoted").sum())
    values["sources.table_named"] = int(portal.sum())
    values["sources.page_not_found"] = int((register["url"] == "").sum())
    values["sources.page_known_not_opened"] = int(((register["url"] != "") & ~portal
                                                    & (register["publisher_page_seen"] == "no")).sum())
    values["sources.copies_outside"] = int((register["why_this_copy"] != "").sum())
    raw = raw_rows()
    cited = raw.groupby("source_id").size()
    for source in register["source_id"]:  # the source table's "rows" column
        values[f"sources.rows.{source}"] = int(cited.get(source, 0))
    values["checks.raw_rows"] = len(raw)
    values["checks.corroborated_rows"] = int((raw["corroborated_by"] != "").sum())
    values["checks.single_copy_rows"] = int((raw["corroborated_by"] == "").sum())
    single = raw[raw["corroborated_by"] == ""]
    readings = second_readings()  # (source, region, year, measure) -> the step the copy prints to
    by_copy = [(s_, r, y, m) in readings for s_, r, y, m in zip(single["source_id"], single["region"], single["year"],
                                                                single["measure"])]
    claim_rows = pd.read_csv(CLAIM_ROW_READINGS, keep_default_na=False, dtype=str)
    by_claim = set(zip(claim_rows["region"], claim_rows["year"], claim_rows["measure"], claim_rows["vintage"]))
    by_either = [a or k in by_claim for a, k in zip(by_copy, zip(single["region"], single["year"], single["measure"], single["vintage"]))]
    values["checks.second_reading_sources"] = len({source for source, *_ in readings})
    values["checks.corroborated_at_other_level"] = int(((raw["corroborated_by"] != "")
                                                         & raw["confidence"].isin(["official", "press"])).sum())
    # raw values whose second reading prints fewer digits than data/raw holds (those digits not zero)
    values["checks.second_read_coarser"] = sum(
        1 for s_, r, y, m, v in zip(raw["source_id"], raw["region"], raw["year"], raw["measure"], raw["value"])
        if (s_, r, y, m) in readings and readings[(s_, r, y, m)] > _step(v) and (Decimal(v) / readings[(s_, r, y, m)]) % 1 != 0)
    values["checks.second_read_rows"] = int(sum(by_either))
    values["checks.unread_rows"] = len(single) - int(sum(by_either))
    return values


def _step(text: str) -> Decimal:
    """The unit of a number's last printed digit (1 for an integer)."""
    exponent = Decimal(text).as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(min(exponent, 0))


def second_readings() -> dict[tuple, Decimal]:
    """Every cell of data/second_reading/: (source, region, year, measure) -> the step its copy prints to
    (its `step` where a conversion hides digits, else its value's last digit)."""
    readings = {}
    for reading in sorted(SECOND_READINGS.glob("*.csv")):
        cells = pd.read_csv(reading, keep_default_na=False, dtype=str)
        steps = cells["step"] if "step" in cells else pd.Series([""] * len(cells))
        for r, y, m, v, step in zip(cells["region"], cells["year"], cells["measure"], cells["value"], steps):
            readings[(reading.stem, r, y, m)] = Decimal(step) if step else _step(v)
    return readings
