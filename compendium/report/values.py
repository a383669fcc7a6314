"""Every value the report may cite, keyed by a dotted name, read from the files the notebooks wrote."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pandas as pd

from .. import audit, exhibits, paths, pipeline, regression
from ..schema import CI_LEVEL, EVIDENCE_LEVELS, OBSERVATION_FILES, is_portal
from .editions import ENGLISH

TEMPLATE = ENGLISH.template
OUTPUT = ENGLISH.output(".html")
BENCHMARK = paths.PAPER / "benchmark.json"
MUTATION = paths.PAPER / "mutation.json"
BINDING = re.compile(r"\{\{\s*(?P<name>[^|}]+?)\s*(?:\|\s*(?P<format>[^}]+?)\s*)?\}\}")
DERIVED = paths.DATA / "derived"
BENCHMARK_KEYS = ("date", "machine", "notebooks", "floor_kernel_s", "floor_serial_s", "floor_parallel_s", "setup_s",
                  "first_build_s", "first_make_s", "first_test_s", "full_build_s", "noop_build_s", "test_s",
                  "full_build_ratio", "test_ratio", "test_vs_build", "budget_baseline", "baseline_build_s", "budget_added_s",
                  "budget_allowed_s")


# What the joint test says, by whether the significantly positive and negative fits exceed chance
JOINT_VERDICTS = {(False, False): "more significant fits of neither sign than null curves commonly reach",
                  (True, False): "more significantly positive fits than null curves commonly reach",
                  (False, True): "more significantly negative fits than null curves commonly reach",
                  (True, True): "more significant fits of both signs than null curves commonly reach"}


# second readings of single-copy rows: whole sources from their copies, and the rows of few-row claims
SECOND_READINGS = paths.DATA / "second_reading"
CLAIM_ROW_READINGS = paths.ROOT / "tests" / "expectations" / "claim_row_values.csv"


def _raw_rows() -> pd.DataFrame:
    """Every raw observation row, as text: the README counts them and the source table cites them."""
    return pd.concat([pd.read_csv(paths.RAW / f, keep_default_na=False, dtype=str) for f in OBSERVATION_FILES.values()])


def _derived(name: str) -> pd.DataFrame:
    return pd.read_csv(DERIVED / name, keep_default_na=False, dtype=str)  # text as written: no type guessing


def bindings() -> dict:
    """Every value the report may cite, keyed by a dotted name."""
    values: dict[str, Any] = {}
    claims = _derived("claims_audit.csv")
    counts = claims.groupby(["paper", "verdict"]).size()
    for paper in ("A", "B"):
        values[f"claims.{paper}.total"] = int((claims["paper"] == paper).sum())
        for verdict in audit.VERDICTS:
            values[f"claims.{paper}.{verdict.replace(' ', '_')}"] = int(counts.get((paper, verdict), 0))
    values["claims.total"] = len(claims)
    for row in claims.itertuples():
        values[f"claim.{row.claim_id}.official"] = float(row.official) if row.official != "" else float("nan")
        values[f"claim.{row.claim_id}.verdict"] = row.verdict
        values[f"claim.{row.claim_id}.printed"] = row.printed
    flipping = _flipping(claims)
    values["readings.claims"] = _derived("claims_readings.csv")["claim_id"].nunique()
    values["readings.flipping"] = len(flipping)
    values["readings.flipping_list"] = ", ".join(flipping) or "none"
    values["claims.verdict_rule.B15"] = claims.set_index("claim_id").loc["B15", "rule_id"]
    results = _derived("regression_results.csv")
    numeric = ("n", "n_regions", "coefficient", "ci_low", "ci_high", "df_inference", "p_value", "p_wild", "wild_mc_se",
               "r_squared")
    for row in results.itertuples():
        keys = [row.specification.split()[0]] + (["headline"] if row.headline == "True" else [])
        for key in keys:
            for column in numeric:
                value = getattr(row, column)
                values[f"regression.{key}.{column}"] = float(value) if value != "" else float("nan")
            values[f"regression.{key}.name"] = row.specification
    estimated = results[results["coefficient"] != ""]
    positive = estimated[(estimated["coefficient"].astype(float) > 0) & (estimated["p_value"].astype(float) < audit.REGRESSION_ALPHA)]
    robust = positive[positive["p_wild"].replace("", "nan").astype(float) < audit.REGRESSION_ALPHA]  # no bootstrap: NaN
    values["regression.alpha"] = audit.REGRESSION_ALPHA
    values["regression.estimated"] = len(estimated)
    values["regression.positive_significant"] = len(positive)
    values["regression.positive_significant_list"] = "; ".join(positive["specification"]) or "none"
    values["regression.positive_significant_wild"] = len(robust)
    values["regression.positive_significant_wild_list"] = "; ".join(robust["specification"]) or "none"
    negative = estimated[(estimated["coefficient"].astype(float) < 0) & (estimated["p_value"].astype(float) < audit.REGRESSION_ALPHA)]
    robust_negative = negative[negative["p_wild"].replace("", "nan").astype(float) < audit.REGRESSION_ALPHA]
    values["regression.negative_significant"] = len(negative)
    values["regression.negative_significant_list"] = "; ".join(negative["specification"]) or "none"
    values["regression.negative_significant_wild"] = len(robust_negative)
    per_year = _derived("regression_robustness.csv").query("check == 'per-year cross-section'")
    per_year_p = per_year["p_value"].astype(float)
    per_year_slope = per_year["coefficient"].astype(float)
    values["per_year.count"] = len(per_year)
    values["per_year.positive_significant"] = int(((per_year_slope > 0) & (per_year_p < audit.REGRESSION_ALPHA)).sum())
    values["per_year.negative_significant"] = int(((per_year_slope < 0) & (per_year_p < audit.REGRESSION_ALPHA)).sum())
    values["per_year.significant_list"] = ", ".join(
        f"{int(float(k))} ({float(c):+.2f})" for k, c, q in zip(per_year["key"], per_year_slope, per_year_p)
        if q < audit.REGRESSION_ALPHA) or "none"
    values["per_year.expected_by_chance"] = len(per_year) * audit.REGRESSION_ALPHA
    power = _derived("regression_power.csv")
    for row in power.itertuples():
        key = "headline" if row.specification == values.get("regression.headline.name") else row.specification.split()[0]
        for column in ("mde", "iqr_within", "mde_iqr_within", "mean_growth", "mde_share_of_mean_growth",
                       "fe_absorbed_share", "vif_controls", "corr_income_within", "threshold_effect",
                       "growth_iqr_within", "mde_share_of_growth_iqr", "iqr_residual", "mde_iqr_residual",
                       "mde_share_pooled", "iqr_pooled"):
            values[f"power.{key}.{column}"] = float(getattr(row, column))
        if row.x.removesuffix("_lag") in regression.PKU_COLUMNS:  # spreads of the PKU index in its own points
            for column in ("iqr_within", "iqr_residual"):
                values[f"power.{key}.{column}_points"] = float(getattr(row, column)) * regression.PKU_SCALE
        values[f"power.{key}.informative"] = "informative" if row.informative == "True" else "not informative"
        for column in ("informative_pooled", "informative_on_growth_iqr"):
            values[f"power.{key}.{column}"] = "informative" if getattr(row, column) == "True" else "not informative"
        for column in ("excludes_threshold", "excludes_threshold_pooled"):
            values[f"effects.{key}.{column}"] = "excludes" if getattr(row, column) == "True" else "does not exclude"
    effects = _derived("regression_effects.csv")
    for row in effects.itertuples():
        keys = [row.specification.split()[0]] + (["headline"] if row.specification == values.get("regression.headline.name")
                                                 else [])
        for key in keys:
            for column in ("iqr_within", "effect", "effect_low", "effect_high"):
                values[f"effects.{key}.{column}"] = float(getattr(row, column))
    # whether the slope keeps its sign when the convergence term enters (H0 → H1)
    values["regression.H0_H1_sign"] = ("keeps its sign" if (values["regression.H0.coefficient"] > 0)
                                       == (values["regression.H1.coefficient"] > 0) else "changes sign")
    values["regression.H0.sign"] = "positive" if values["regression.H0.coefficient"] > 0 else "negative"
    for key in ("headline", "H0", "H1"):
        values[f"regression.{key}.interval_zero"] = ("covers zero" if values[f"regression.{key}.ci_low"] <= 0
                                                     <= values[f"regression.{key}.ci_high"] else "excludes zero")
    # the plan's rule applied to the association the paper states: the audit's reading of B15 on row H0
    readings = _derived("claims_readings.csv")
    [association] = readings[(readings["claim_id"] == "B15")
                             & (readings["rule_id"] == "regression_interval_unconditional")]["verdict"]
    values["regression.H0.verdict"] = association
    values["power.share_percent"] = 100 * regression.INFORMATIVE_SHARE
    values["power.power_percent"] = 100 * regression.POWER
    curve = _derived("specification_curve.csv").astype({"estimable": str})
    summary = regression.curve_summary(curve.assign(
        estimable=curve["estimable"] == "True", headline=curve["headline"] == "True",
        tests_ordering=curve["tests_ordering"] == "True",
        **{c: curve[c].replace("", "nan").astype(float) for c in ("coefficient", "p_value", "p_wild", "effect_iqr")}),
        audit.REGRESSION_ALPHA)
    for key, value in summary.items():
        values[f"curve.{key}"] = value
    values["curve.draws"] = regression.CURVE_DRAWS
    joint = _derived("specification_curve_joint.csv")
    for row in joint.itertuples():
        name = f"curve.joint.{row.subset}.{row.statistic}"
        for column in ("specifications", "observed", "null_median", "null_p95", "p"):
            values[f"{name}.{column}"] = float(getattr(row, column))
        values["curve.joint.draws"] = int(row.draws)
    values["curve.joint.null_quantile"] = regression.JOINT_NULL_QUANTILE
    groups = _derived("specification_curve_summary.csv")
    for row in groups[groups["regressor"] != ""].itertuples():
        for column in ("distinct", "positive", "negative", "positive_significant", "negative_significant"):
            values[f"curve.group.{row.regressor}.{row.lag}.{column}"] = int(getattr(row, column))
        values[f"curve.group.{row.regressor}.{row.lag}.median_effect_iqr"] = float(row.median_effect_iqr)
    for subset in regression.JOINT_SUBSETS:
        beyond = (float(values[f"curve.joint.{subset}.positive_significant.p"]) < audit.REGRESSION_ALPHA,  # type: ignore[arg-type]
                  float(values[f"curve.joint.{subset}.negative_significant.p"]) < audit.REGRESSION_ALPHA)  # type: ignore[arg-type]
        values[f"curve.joint.{subset}.verdict"] = JOINT_VERDICTS[beyond]
    values["curve.joint.ordering_agrees"] = ("the same holds for the fits that test the paper's ordering"
                                             if values["curve.joint.ordering.verdict"] == values["curve.joint.all.verdict"]
                                             else "the fits that test the paper's ordering differ (their p-values above)")
    values["curve.grid_sha256"] = curve["grid_sha256"].iloc[0][:12]
    panel = _derived("regression_panel.csv")
    share_sample = panel[((panel["share_local"] != "") | (panel["share_caict"] != "")) & (panel["growth"] != "")]
    values["panel.share_obs"] = len(share_sample)
    values["panel.share_provinces"] = share_sample["region"].nunique()
    values["panel.province_years"] = len(panel)
    values["panel.first_year"] = int(panel["year"].astype(int).min())
    values["panel.last_year"] = int(panel["year"].astype(int).max())
    # the years rows H14/H15 cover: every structural control present (each the previous year's value)
    structural = panel[(panel[list(regression.STRUCTURAL)] != "").all(axis=1)]
    structural_years = structural["year"].astype(int)
    values["panel.structural_first_year"] = int(structural_years.min())
    values["panel.structural_last_year"] = int(structural_years.max())
    values["panel.structural_data_first_year"] = int(structural_years.min()) - 1
    values["panel.structural_data_last_year"] = int(structural_years.max()) - 1
    robustness = _derived("regression_robustness.csv")
    for check, rows in robustness.groupby("check"):
        slopes = rows["coefficient"].replace("", "nan").astype(float)
        key = check.replace(" ", "_").replace("-", "_")
        values[f"robustness.{key}.min"], values[f"robustness.{key}.max"] = slopes.min(), slopes.max()
    figure_data = _derived("paperB_figure_data.csv")
    growth = figure_data[(figure_data["figure_id"] == "B-fig06") & (figure_data["series"] == "gdp_real_growth")]
    growth = growth.assign(value=growth["value"].astype(float))
    for region, rows in growth.groupby("region"):
        values[f"growth.{region}.mean"] = rows["value"].mean()
        values[f"growth.{region}.std"] = rows["value"].std(ddof=1)
    mapped = _derived("claims_coverage.csv").set_index("paper")
    for paper, row in mapped.iterrows():
        values[f"map.{paper}.lines"] = int(row["lines"])
        values[f"map.{paper}.claims"] = int(row["holds claims"])
        values[f"map.{paper}.excused"] = int(row["lines"]) - int(row["holds claims"])
    values["map.lines"] = int(mapped["lines"].astype(int).sum())
    values["claims.unverified_share"] = round(100 * (claims["verdict"] == audit.UNVERIFIED).mean(), 1)
    evidence_rows = _derived("claims_evidence.csv")
    values["evidence.claims.rows"] = int((evidence_rows["found"] == "True").sum())
    values["evidence.claims.empty"] = int((evidence_rows["found"] == "False").sum())
    values["searches.rows"] = len(pd.read_csv(paths.DATA / "searches.csv", keep_default_na=False))
    coverage = _derived("data_coverage.csv")
    values["coverage.with_share"] = int((coverage["share_definitions"] != "").sum())
    values["coverage.cells"] = len(coverage)
    # measured by `make bench`; until it has run once the report shows "nan" rather than stop
    measured = json.loads(BENCHMARK.read_text()) if BENCHMARK.is_file() else {}
    for key in BENCHMARK_KEYS:
        values[f"benchmark.{key}"] = measured.get(key, float("nan"))
    # measured by `make mutate`
    mutation = json.loads(MUTATION.read_text(encoding="utf-8")) if MUTATION.is_file() else {}
    for key in ("tried", "caught", "missed", "reaching_output", "reaching_no_output"):
        values[f"mutation.{key}"] = mutation.get(key, float("nan"))
    for key in ("tried", "caught", "missed", "changing_output", "caught_among_changing"):
        values[f"mutation.logic.{key}"] = mutation.get("logic", {}).get(key, float("nan"))
    evidence = _derived("evidence_levels.csv").set_index("file")
    totals = evidence.loc["all files"].astype(int)
    for level, key in zip(EVIDENCE_LEVELS, ("official", "press", "corroborated", "single")):
        values[f"evidence.all.{key}"] = int(totals[level])
    values["evidence.all.total"] = int(totals.sum())
    inputs = _derived("evidence_of_inputs.csv")
    used = inputs["rows"].astype(int)
    values["evidence.inputs.total"] = int(used.sum())
    values["evidence.inputs.accepted"] = int(used[inputs["evidence"] != "single secondary copy"].sum())
    headline_inputs = inputs[inputs["use"] == "headline regression"]
    headline_rows = headline_inputs["rows"].astype(int)
    values["evidence.headline.total"] = int(headline_rows.sum())
    values["evidence.headline.single_share"] = float(
        headline_rows[headline_inputs["evidence"] == "single secondary copy"].sum() / headline_rows.sum())
    register = pd.read_csv(paths.SOURCES, keep_default_na=False, dtype=str)  # validated by the notebooks' loads
    portal = register["url"].map(is_portal)
    values["sources.total"] = len(register)
    values["sources.page_seen"] = int((register["publisher_page_seen"] == "yes").sum())
    values["sources.page_quoted"] = int((register["publisher_page_seen"] == "quoted").sum())
    values["sources.table_named"] = int(portal.sum())
    values["sources.page_not_found"] = int((register["url"] == "").sum())
    values["sources.page_known_not_opened"] = int(((register["url"] != "") & ~portal
                                                    & (register["publisher_page_seen"] == "no")).sum())
    raw = _raw_rows()
    values["checks.raw_rows"] = len(raw)
    values["checks.corroborated_rows"] = int((raw["corroborated_by"] != "").sum())
    values["checks.single_copy_rows"] = int((raw["corroborated_by"] == "").sum())
    single = raw[raw["corroborated_by"] == ""]
    readings = _second_readings()  # (source, region, year, measure) -> the step the copy prints to
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
    values["sources.copies_outside"] = int((register["why_this_copy"] != "").sum())
    values["ci.level"] = CI_LEVEL
    values["figures.count"] = len(exhibits.EXHIBITS)
    values["notebooks.count"] = len(pipeline.NOTEBOOKS)
    return values


def _flipping(claims: pd.DataFrame) -> list[str]:
    """The claims whose verdict changes with the reading, as the audit marked them."""
    return sorted(claims.loc[claims["verdict_changes_with_reading"] == "True", "claim_id"])


def _step(text: str) -> Decimal:
    """The unit of a number's last printed digit (1 for an integer)."""
    exponent = Decimal(text).as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(min(exponent, 0))


def _second_readings() -> dict[tuple, Decimal]:
    """Every cell of data/second_reading/: (source, region, year, measure) -> the step its copy prints to
    (its `step` where a conversion hides digits, else its value's last digit)."""
    readings = {}
    for reading in sorted(SECOND_READINGS.glob("*.csv")):
        cells = pd.read_csv(reading, keep_default_na=False, dtype=str)
        steps = cells["step"] if "step" in cells else pd.Series([""] * len(cells))
        for r, y, m, v, step in zip(cells["region"], cells["year"], cells["measure"], cells["value"], steps):
            readings[(reading.stem, r, y, m)] = Decimal(step) if step else _step(v)
    return readings
