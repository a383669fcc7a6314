"""What notebook 03 hands to the report: verdict counts, each claim's official value, verdict and
evidence, the readings that change a verdict, the coverage map, and the inputs' evidence, read back
from the files the notebook wrote."""
from __future__ import annotations

from typing import Any

import pandas as pd

from .. import paths
from ..schema import COMPARATIVE_KINDS, DIFFERS, INCONCLUSIVE, MATCHES, NO_REGION, UNVERIFIED, VERDICTS
from . import written

NOTEBOOK = "03_claims_audit"


def compute() -> dict[str, Any]:
    values: dict[str, Any] = {}
    claims = written("claims_audit.csv")
    counts = claims.groupby(["paper", "verdict"]).size()
    for paper in ("A", "B"):
        values[f"claims.{paper}.total"] = int((claims["paper"] == paper).sum())
        for verdict in VERDICTS:
            values[f"claims.{paper}.{verdict.replace(' ', '_')}"] = int(counts.get((paper, verdict), 0))
    values["claims.total"] = len(claims)
    for verdict in VERDICTS:  # both papers together, for page one
        values[f"claims.all.{verdict.replace(' ', '_')}"] = int((claims["verdict"] == verdict).sum())
    # unverified for two reasons: searched and not found, or nothing to look up (no region named)
    unverified = claims[claims["verdict"] == UNVERIFIED]
    values["claims.all.unverified_no_region"] = int((unverified["cause_code"] == NO_REGION).sum())
    values["claims.all.unverified_searched"] = int((unverified["cause_code"] != NO_REGION).sum())
    for row in claims.itertuples():
        values[f"claim.{row.claim_id}.official"] = float(row.official) if row.official != "" else float("nan")
        values[f"claim.{row.claim_id}.verdict"] = row.verdict
        values[f"claim.{row.claim_id}.printed"] = row.printed
    # the verdict table's two parts, per paper: numbers the paper prints, and how many of them match
    printed = claims[claims["part"] == "number"]
    for paper in ("A", "B"):
        mine = printed[printed["paper"] == paper]
        values[f"claims.{paper}.numbers"] = len(mine)
        values[f"claims.{paper}.numbers_matching"] = int((mine["verdict"] == MATCHES).sum())
        values[f"claims.{paper}.numbers_differing"] = int((mine["verdict"] == DIFFERS).sum())
    # every judged statement about data under the variants its words allow (claims_variants.csv)
    variants, fragile = written("claims_variants.csv"), written("claims_fragility.csv")
    judged = fragile[(fragile["part"] == "statement") & fragile["headline_verdict"].isin([MATCHES, DIFFERS, INCONCLUSIVE])]
    values["variants.rows"] = len(variants)
    values["variants.judged"] = len(judged)
    comparisons = judged[judged["claim_id"].isin(claims.loc[claims["kind"].isin(COMPARATIVE_KINDS), "claim_id"])]
    values["variants.comparisons"] = len(comparisons)
    values["variants.fewest"] = int(comparisons["variants"].astype(int).min())
    for status in ("kept", "untested", "changes", "stress_only"):
        mine = judged[judged["status"] == status]
        values[f"variants.{status}"] = len(mine)
        values[f"variants.{status}_ids"] = ", ".join(mine["claim_id"]) or "none"
    flipping = sorted(claims.loc[claims["verdict_changes_with_reading"] == "True", "claim_id"])
    readings = written("claims_readings.csv")
    values["readings.claims"] = readings["claim_id"].nunique()
    values["readings.flipping"] = len(flipping)
    values["readings.flipping_list"] = ", ".join(flipping) or "none"
    values["readings.flipping_ids"] = flipping
    # of those, the claims where another reading gives another verdict of the three that decide
    decided = readings[readings["verdict"].isin([MATCHES, DIFFERS, INCONCLUSIVE])]
    swings = sorted(claim for claim, group in decided.groupby("claim_id")
                    if (group["chosen"] == "True").any() and group["verdict"].nunique() > 1)
    values["readings.flipping_decided"] = len(swings)
    values["readings.flipping_decided_list"] = ", ".join(swings) or "none"
    values["claims.verdict_rule.B15"] = claims.set_index("claim_id").loc["B15", "rule_id"]
    # the plan's rule applied to the association the paper states: the audit's reading of B15 on row H0
    [association] = readings[(readings["claim_id"] == "B15")
                             & (readings["rule_id"] == "regression_interval_unconditional")]["verdict"]
    values["regression.H0.verdict"] = association
    mapped = written("claims_coverage.csv").set_index("paper")
    for paper, row in mapped.iterrows():
        values[f"map.{paper}.lines"] = int(row["lines"])
        values[f"map.{paper}.claims"] = int(row["holds claims"])
        values[f"map.{paper}.excused"] = int(row["lines"]) - int(row["holds claims"])
    values["map.lines"] = int(mapped["lines"].astype(int).sum())
    # the marker scan of both papers (line numbers only) against the map
    scanned = pd.read_csv(paths.DATA / "coverage_markers.csv", keep_default_na=False)
    listed = pd.read_csv(paths.DATA / "coverage.csv", keep_default_na=False)
    placed = scanned.merge(listed[["paper", "line"]], on=["paper", "line"])
    values["map.markers"] = len(scanned)
    values["map.markers_placed"] = len(placed)
    values["claims.unverified_share"] = round(100 * (claims["verdict"] == UNVERIFIED).mean(), 1)
    evidence_rows = written("claims_evidence.csv")
    values["evidence.claims.rows"] = int((evidence_rows["found"] == "True").sum())
    values["evidence.claims.empty"] = int((evidence_rows["found"] == "False").sum())
    # each claim's evidence cell: how many rows of data/ its verdict rests on, and their sources
    for claim, rows in evidence_rows[evidence_rows["found"] == "True"].groupby("claim_id"):
        values[f"claim.{claim}.evidence_rows"] = len(rows)
        values[f"claim.{claim}.evidence_sources"] = sorted(set(rows["source_id"]) - {"derived"})
        values[f"claim.{claim}.evidence_file"] = rows["file"].iloc[0]
    values["searches.rows"] = len(pd.read_csv(paths.DATA / "searches.csv", keep_default_na=False))
    inputs = written("evidence_of_inputs.csv")
    used = inputs["rows"].astype(int)
    values["evidence.inputs.total"] = int(used.sum())
    values["evidence.inputs.accepted"] = int(used[inputs["evidence"] != "single secondary copy"].sum())
    headline_inputs = inputs[inputs["use"] == "headline regression"]
    headline_rows = headline_inputs["rows"].astype(int)
    values["evidence.headline.total"] = int(headline_rows.sum())
    values["evidence.headline.single_share"] = float(
        headline_rows[headline_inputs["evidence"] == "single secondary copy"].sum() / headline_rows.sum())
    return values
