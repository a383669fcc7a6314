"""Can the test see anything? The minimum detectable effect and the collinearity of the regressor
with the fixed effects and controls, by the textbook formulas.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .fits import Spec, _rows, design_matrix

# ---- can the test see anything? power and collinearity ------------------------------------

POWER = 0.80            # the power at which the minimum detectable effect is stated
SIZE = 0.05             # two-sided size of the test
INFORMATIVE_SHARE = 0.25  # informative: the detectable within-effects interquartile effect is at most this share of mean growth
INCOME = "log_gdppc_lag"


def partial_out(values: np.ndarray, others: np.ndarray) -> np.ndarray:
    """`values` less their least-squares projection on the columns of `others`."""
    return values - others @ np.linalg.lstsq(others, values, rcond=None)[0]


def interquartile_range(values: np.ndarray) -> float:
    """Linear interpolation, as pandas' quantile. The values are residuals of a least-squares fit
    whose last bits depend on the BLAS code path; interpolating between data of few decimals often
    lands exactly half-way between two printed digits, so the bits below 1e-12 are dropped first and
    every machine prints the same digit."""
    low, high = np.quantile(np.round(values, 12), [0.25, 0.75])
    return float(high - low)


def within_effects(spec: Spec, rows: pd.DataFrame, column: str | None = None) -> np.ndarray:
    """A column (the regressor by default) after the specification's fixed effects: less its year
    means under year effects, its two-way fit under province and year effects, its mean without
    effects. This is the variation the slope is estimated from."""
    effects = design_matrix(replace(spec, controls=()), rows).drop(columns=[spec.x]).to_numpy()
    return partial_out(rows[column or spec.x].to_numpy(float), effects)


def design_power(spec: Spec, data: pd.DataFrame, result: dict) -> dict:
    """What the design could detect, on the scale the slope is identified on. The minimum
    detectable effect (MDE) at `POWER` and `SIZE` with the specification's own standard error and
    degrees of freedom (t(G−1) when clustered), per unit of the regressor and across its
    interquartile range *after the fixed effects*, against mean growth. Collinearity in two parts
    whose product is the textbook variance inflation: the share of the regressor's variance the
    fixed effects absorb (under year effects: its national trend), and its variance inflation
    against the controls within those effects. And the regressor's correlation with lagged income
    (the convergence term) within the same effects, which moves the slope when that term enters.
    Beside them, yardsticks that decide nothing: the threshold in points of growth, the outcome's
    own spread after the effects, the regressor's spread after the controls too, and the pooled
    spread the plan's amendment of 2026-12-06 replaced."""
    from scipy import stats

    rows = _rows(spec, data)
    design = design_matrix(spec, rows)
    x = design[spec.x].to_numpy()
    x_within = within_effects(spec, rows)
    x_residual = partial_out(x, design.drop(columns=[spec.x]).to_numpy())
    df = result["df_inference"]
    mde = float((stats.t.ppf(1 - SIZE / 2, df) + stats.t.ppf(POWER, df)) * result["std_error"])
    spread = interquartile_range(x_within)
    mean_growth = float(rows[spec.y].mean())
    with_income = rows.dropna(subset=[INCOME])
    income = within_effects(spec, with_income, INCOME)
    x_with_income = within_effects(spec, with_income)
    mde_iqr = mde * spread
    growth_spread = interquartile_range(within_effects(spec, rows, spec.y))
    residual_spread = interquartile_range(x_residual)
    pooled_spread = interquartile_range(x)
    return {"specification": spec.name, "x": spec.x, "fixed_effects": spec.fixed_effects or "none", "n": len(rows),
            "std_error": result["std_error"], "df_inference": df, "mde": mde, "iqr_within": spread,
            "mde_iqr_within": mde_iqr, "mean_growth": mean_growth, "mde_share_of_mean_growth": mde_iqr / mean_growth,
            "informative": bool(mde_iqr <= INFORMATIVE_SHARE * mean_growth),
            # the plan's threshold in points of growth, the yardstick a bound is read against
            "threshold_effect": INFORMATIVE_SHARE * mean_growth,
            # other yardsticks, none of them decides: the outcome's own spread after the effects; the
            # regressor's spread after the controls too (the variation that identifies the slope); and
            # the pooled spread the amendment of 2026-12-06 replaced, to show what the change did
            "growth_iqr_within": growth_spread, "mde_share_of_growth_iqr": mde_iqr / growth_spread,
            "informative_on_growth_iqr": bool(mde_iqr <= INFORMATIVE_SHARE * growth_spread),
            "iqr_residual": residual_spread, "mde_iqr_residual": mde * residual_spread,
            "iqr_pooled": pooled_spread, "mde_share_pooled": mde * pooled_spread / mean_growth,
            "informative_pooled": bool(mde * pooled_spread <= INFORMATIVE_SHARE * mean_growth),
            # does the interval exclude a positive effect of the threshold's size (on each spread)?
            "excludes_threshold": bool(result["ci_high"] * spread < INFORMATIVE_SHARE * mean_growth),
            "excludes_threshold_pooled": bool(result["ci_high"] * pooled_spread < INFORMATIVE_SHARE * mean_growth),
            "sd_within": float(x_within.std(ddof=0)),
            "fe_absorbed_share": float(1 - np.sum(x_within ** 2) / np.sum((x - x.mean()) ** 2)),
            "vif_controls": float(np.sum(x_within ** 2) / np.sum(x_residual ** 2)),
            "corr_income_within": float(np.corrcoef(x_with_income, income)[0, 1])}


