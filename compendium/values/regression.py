"""What notebook 02 hands to the report: the table of fits, the per-year slopes, power and effect
sizes, the panel's extent and the robustness ranges, read back from the files the notebook wrote."""
from __future__ import annotations

from typing import Any

from .. import regression
from ..schema import REGRESSION_ALPHA
from . import written

NOTEBOOK = "02_paperB_regression"
NUMERIC = ("n", "n_regions", "coefficient", "ci_low", "ci_high", "df_inference", "p_value", "p_wild", "wild_mc_se",
           "r_squared")
POWER_COLUMNS = ("mde", "iqr_within", "mde_iqr_within", "mean_growth", "mde_share_of_mean_growth", "fe_absorbed_share",
                 "vif_controls", "corr_income_within", "threshold_effect", "growth_iqr_within", "mde_share_of_growth_iqr",
                 "iqr_residual", "mde_iqr_residual", "mde_share_pooled", "iqr_pooled")


def compute() -> dict[str, Any]:
    values: dict[str, Any] = {}
    results = written("regression_results.csv")
    for row in results.itertuples():
        keys = [row.specification.split()[0]] + (["headline"] if row.headline == "True" else [])
        for key in keys:
            for column in NUMERIC:
                value = getattr(row, column)
                values[f"regression.{key}.{column}"] = float(value) if value != "" else float("nan")
            values[f"regression.{key}.name"] = row.specification
    estimated = results[results["coefficient"] != ""]
    positive = estimated[(estimated["coefficient"].astype(float) > 0) & (estimated["p_value"].astype(float) < REGRESSION_ALPHA)]
    robust = positive[positive["p_wild"].replace("", "nan").astype(float) < REGRESSION_ALPHA]  # no bootstrap: NaN
    values["regression.alpha"] = REGRESSION_ALPHA
    values["regression.estimated"] = len(estimated)
    values["regression.positive_significant"] = len(positive)
    values["regression.positive_significant_list"] = "; ".join(positive["specification"]) or "none"
    values["regression.positive_significant_wild"] = len(robust)
    values["regression.positive_significant_wild_list"] = "; ".join(robust["specification"]) or "none"
    negative = estimated[(estimated["coefficient"].astype(float) < 0) & (estimated["p_value"].astype(float) < REGRESSION_ALPHA)]
    robust_negative = negative[negative["p_wild"].replace("", "nan").astype(float) < REGRESSION_ALPHA]
    values["regression.negative_significant"] = len(negative)
    values["regression.negative_significant_list"] = "; ".join(negative["specification"]) or "none"
    values["regression.negative_significant_wild"] = len(robust_negative)
    per_year = written("regression_robustness.csv").query("check == 'per-year cross-section'")
    per_year_p = per_year["p_value"].astype(float)
    per_year_slope = per_year["coefficient"].astype(float)
    values["per_year.count"] = len(per_year)
    values["per_year.positive_significant"] = int(((per_year_slope > 0) & (per_year_p < REGRESSION_ALPHA)).sum())
    values["per_year.negative_significant"] = int(((per_year_slope < 0) & (per_year_p < REGRESSION_ALPHA)).sum())
    values["per_year.significant"] = [[int(float(k)), float(c)] for k, c, q in zip(per_year["key"], per_year_slope, per_year_p)
                                      if q < REGRESSION_ALPHA]
    values["per_year.expected_by_chance"] = len(per_year) * REGRESSION_ALPHA
    power = written("regression_power.csv")
    for row in power.itertuples():
        key = "headline" if row.specification == values.get("regression.headline.name") else row.specification.split()[0]
        for column in POWER_COLUMNS:
            values[f"power.{key}.{column}"] = float(getattr(row, column))
        if row.x.removesuffix("_lag") in regression.PKU_COLUMNS:  # spreads of the PKU index in its own points
            for column in ("iqr_within", "iqr_residual"):
                values[f"power.{key}.{column}_points"] = float(getattr(row, column)) * regression.PKU_SCALE
        values[f"power.{key}.informative"] = "informative" if row.informative == "True" else "not informative"
        for column in ("informative_pooled", "informative_on_growth_iqr"):
            values[f"power.{key}.{column}"] = "informative" if getattr(row, column) == "True" else "not informative"
        for column in ("excludes_threshold", "excludes_threshold_pooled"):
            values[f"effects.{key}.{column}"] = "excludes" if getattr(row, column) == "True" else "does not exclude"
    effects = written("regression_effects.csv")
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
    values["power.share_percent"] = 100 * regression.INFORMATIVE_SHARE
    values["power.power_percent"] = 100 * regression.POWER
    panel = written("regression_panel.csv")
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
    robustness = written("regression_robustness.csv")
    for check, rows in robustness.groupby("check"):
        slopes = rows["coefficient"].replace("", "nan").astype(float)
        key = check.replace(" ", "_").replace("-", "_")
        values[f"robustness.{key}.min"], values[f"robustness.{key}.max"] = slopes.min(), slopes.max()
    return values
