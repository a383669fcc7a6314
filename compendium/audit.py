"""The claims audit: every ledger row (under each of its readings) judged by one named rule of
`compendium/rules/`, and the files that record it (claims_audit, claims_readings, claims_evidence).

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
languages by `compendium/phrasebook/`.

A projection (kind `projection`) is checked against the projection as published (a measure whose
name ends in `_projection`), never against an outcome.
"""
from __future__ import annotations

import pandas as pd

from .rules import CHECKS, audit_claim
from .rules.base import (DIFFERS, INCONCLUSIVE, MATCHES, NOT_A_STATISTIC, NOT_COMPARABLE, UNVERIFIED, VERDICTS,
                         Observations, Verdict, compare, convert, tolerance)
from .rules.central import REGRESSION_CHECKS, regression_statement
from .rules.derived import multiple_of_nominal_gdp_growth, nominal_growth_by_vintage, ratio_urban_rural_income
from .rules.groups import group_statement
from .rules.growth import STATEMENT_CHECKS, growth_summary, region_growth, statement
from .rules.lookup import CUMULATIVE_RULE, lookup, sum_of_regions
from .rules.series import comparison, series_trend
from .schema import REGRESSION_ALPHA, part_of
from .variants import apply_reading, cause_params, headline, load_axes, rule_params

# the rules' names a notebook or a test reaches through the audit (one place to import them from)
RULES_API = (CHECKS, REGRESSION_CHECKS, STATEMENT_CHECKS, CUMULATIVE_RULE, REGRESSION_ALPHA, VERDICTS, MATCHES, DIFFERS,
             INCONCLUSIVE, NOT_A_STATISTIC, NOT_COMPARABLE, UNVERIFIED, Observations, compare, convert, tolerance, lookup,
             sum_of_regions, multiple_of_nominal_gdp_growth, nominal_growth_by_vintage, ratio_urban_rural_income,
             statement, region_growth, growth_summary, series_trend, comparison, group_statement, regression_statement)


AUDIT_COLUMNS = ["claim_id", "paper", "location", "printed", "what", "kind", "part", "unit", "year", "verdict", "rule_id",
                 "rule_params", "official", "official_unit", "gap", "source_id", "confidence", "cause_code", "cause_params",
                 "reading_id", "reading", "reading_zh", "verdict_changes_with_reading", "note"]


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


def audit_all(claims: pd.DataFrame, observations: pd.DataFrame, regression_results: pd.DataFrame,
              readings: pd.DataFrame | None = None, by_reading: pd.DataFrame | None = None
              ) -> tuple[pd.DataFrame, dict[str, Verdict]]:
    """One row per claim, at its headline: the chosen reading and, on every variant axis, the option
    `variants.precedence` picks (`data/variant_axes.csv`); `by_reading` (the output of
    `audit_readings`) marks the claims whose verdict changes with the reading. Also returns each
    claim's Verdict (with its queries) for the evidence file."""
    flips = set() if by_reading is None else set(by_reading.loc[by_reading["verdict_differs_from_chosen"], "claim_id"])
    readings = readings if readings is not None else pd.DataFrame(columns=["claim_id", "chosen"]).astype({"chosen": bool})
    read, axes, ledger_rows = chosen_claims(claims, readings), load_axes(), claims.set_index("claim_id", drop=False)
    rows, verdicts = [], {}
    for _, chosen in read.iterrows():
        claim, data_used, fits, _ = headline(chosen, ledger_rows.loc[chosen["claim_id"]], observations, regression_results,
                                             readings, axes)
        verdict = audit_claim(claim, data_used, fits)
        verdicts[claim["claim_id"]] = verdict
        rows.append({"claim_id": claim["claim_id"], "paper": claim["paper"], "location": claim["location"],
                     "printed": claim["printed"], "what": claim["what"], "kind": claim["kind"],
                     "part": part_of(claim["kind"], claim["printed"]), "unit": claim["unit"],
                     "year": claim["ref_year"], "verdict": verdict.verdict, "rule_id": verdict.rule_id,
                     "rule_params": rule_params(claim), "official": verdict.official, "official_unit": verdict.official_unit, "gap": verdict.gap,
                     "source_id": verdict.source_id, "confidence": verdict.confidence, "cause_code": verdict.why.code,
                     "cause_params": cause_params(verdict.why), "reading_id": claim["reading_id"],
                     "reading": claim["reading"], "reading_zh": claim["reading_zh"],
                     "verdict_changes_with_reading": claim["claim_id"] in flips,
                     "note": claim["note"]})
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS), verdicts


def audit_readings(claims: pd.DataFrame, readings: pd.DataFrame, observations: pd.DataFrame,
                   regression_results: pd.DataFrame) -> pd.DataFrame:
    """The verdict of every claim under every reading in the readings log, each at the headline of
    the other variant axes (`variants.headline`).

    A reading overrides the ledger's fields it fills (check, comparator, value, ref_year,
    start_year, region, measure, vintage, kind); empty fields keep the ledger's.
    """
    by_id, axes = claims.set_index("claim_id", drop=False), load_axes()
    rows = []
    for reading in readings.itertuples(index=False):
        read = apply_reading(by_id.loc[reading.claim_id], reading)
        # judged like the headline: on every other axis, the option the precedence picks
        claim, data_used, fits, _ = headline(read, by_id.loc[reading.claim_id], observations, regression_results, readings,
                                             axes)
        verdict = audit_claim(claim, data_used, fits)
        rows.append({"claim_id": reading.claim_id, "reading_id": reading.reading_id, "chosen": reading.chosen,
                     "reading": reading.reading, "reading_zh": reading.reading_zh, "verdict": verdict.verdict,
                     "rule_id": verdict.rule_id, "rule_params": rule_params(claim), "cause_code": verdict.why.code,
                     "cause_params": cause_params(verdict.why)})
    out = pd.DataFrame(rows, columns=["claim_id", "reading_id", "chosen", "reading", "reading_zh", "verdict", "rule_id",
                                      "rule_params", "cause_code", "cause_params"])
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
        seen: set[tuple] = set()
        for query, found in verdict.queries:
            head = {"claim_id": claim_id, **query.as_row()}
            key: tuple
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
