"""Growth-on-digitalisation regressions for Paper B's central claim (statsmodels formula API).

One function builds the province-year panel, one fits a named specification and returns a
tidy row; a specification the data cannot support returns a row that says why, with the count.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import regions
from .schema import CI_LEVEL

# The broad digital-economy share, by preference: CAICT's estimate, else the province's own.
BROAD_SHARE = ("de_share_caict", "de_share_local")
YEARS = regions.PAPER_B_YEARS
MIN_N = 4           # below this no slope is reported
MIN_CLUSTERS = 3    # clustered errors need at least this many provinces
FEW_CLUSTERS = 20   # below this, clustered errors are known to be too small: say so
FEW_DF = 5          # below this many residual degrees of freedom, say the fit is not informative
PKU_SCALE = 100.0   # the index enters per 100 points


def panel(observations: pd.DataFrame, pku: pd.DataFrame) -> pd.DataFrame:
    """Province × year: real growth (first release), broad share, PKU index, nominal growth by vintage."""
    provinces = list(regions.PROVINCES)
    grid = pd.MultiIndex.from_product([provinces, list(YEARS)], names=["region", "year"]).to_frame(index=False)
    obs = observations[observations["region"].isin(provinces)]

    def measure(name: str, vintage: str) -> pd.Series:
        rows = obs[(obs["measure"] == name) & (obs["vintage"] == vintage)]
        return rows.set_index(["region", "year"])["value"]

    frame = grid.set_index(["region", "year"])
    frame["growth"] = measure("gdp_real_growth", "first_release")
    shares = obs[obs["measure"].isin(BROAD_SHARE)].assign(rank=lambda d: d["measure"].map(BROAD_SHARE.index))
    shares = shares.sort_values("rank").groupby(["region", "year"]).first()
    frame["share"], frame["share_definition"] = shares["value"], shares["measure"]
    pku_all = pku.set_index(["region", "year"])["index_aggregate"] / PKU_SCALE
    frame["pku"] = pku_all
    # Lags come from the whole series, so the window's first year has one (PKU starts in 2011).
    frame["share_lag"] = _next_year(shares["value"])
    frame["pku_lag"] = _next_year(pku_all)
    # Nominal growth on the base the bureau used when it published: a first release is compared
    # with the previous year's verified level; a verified level with the previous verified level.
    final = measure("gdp", "final_verification")
    frame["nominal_growth_first"] = 100 * (measure("gdp", "first_release") / _next_year(final) - 1)
    frame["nominal_growth_final"] = 100 * (final / _next_year(final) - 1)
    frame = frame.reset_index()
    frame["municipality"] = frame["region"].isin(regions.MUNICIPALITIES)
    columns = [c for c in frame.columns if c not in ("share_lag", "pku_lag")] + ["share_lag", "pku_lag"]
    return frame.sort_values(["region", "year"]).reset_index(drop=True)[columns]


def _next_year(series: pd.Series) -> pd.Series:
    """A (region, year) series moved one year on: the value a row's previous year had."""
    return series.rename(lambda year: year + 1, level="year")


@dataclass(frozen=True)
class Spec:
    name: str
    y: str
    x: str
    sample: str            # a pandas query selecting the rows
    fixed_effects: str = ""  # "", "year", "region+year"
    cluster: bool = False
    headline: bool = False


FIXED_EFFECT_TERMS = {"": [], "year": ["C(year)"], "region+year": ["C(region)", "C(year)"]}


def _ols(formula: str, rows: pd.DataFrame):
    # statsmodels takes 1.5 s to import: load it when a model is fitted, not when the module is
    # imported (the test workers and the report import this module without fitting anything)
    import statsmodels.formula.api as smf

    return smf.ols(formula, data=rows)


def _rows(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """The specification's sample, complete cases only."""
    rows = data.query(spec.sample) if spec.sample else data
    return rows.dropna(subset=[spec.y, spec.x])


def _terms(spec: Spec) -> list[str]:
    return [spec.x] + FIXED_EFFECT_TERMS[spec.fixed_effects]


def fit(spec: Spec, data: pd.DataFrame) -> dict:
    rows = _rows(spec, data)
    base = {"specification": spec.name, "y": spec.y, "x": spec.x, "sample": spec.sample or "all",
            "fixed_effects": spec.fixed_effects or "none", "n": len(rows), "n_regions": rows["region"].nunique(),
            "headline": spec.headline}
    terms = _terms(spec)
    n_params = 1 + 1 + (rows["year"].nunique() - 1 if "C(year)" in terms else 0) \
        + (rows["region"].nunique() - 1 if "C(region)" in terms else 0)
    reason = ""
    if len(rows) < MIN_N:
        reason = f"only {len(rows)} observations (need {MIN_N})"
    elif len(rows) <= n_params:
        reason = f"{len(rows)} observations for {n_params} parameters: no degrees of freedom left"
    elif rows[spec.x].nunique() < 2:
        reason = "the regressor does not vary"
    elif spec.cluster and rows["region"].nunique() < MIN_CLUSTERS:
        reason = f"only {rows['region'].nunique()} provinces to cluster on (need {MIN_CLUSTERS})"
    if reason:
        return base | {"estimable": False, "reason": f"not estimated: {reason}"}
    formula = f"{spec.y} ~ " + " + ".join(terms)
    model = _ols(formula, rows)
    if spec.cluster:
        groups = rows["region"].astype("category").cat.codes.to_numpy()
        result = model.fit(cov_type="cluster", cov_kwds={"groups": groups})
    else:
        result = model.fit()
    low, high = result.conf_int(alpha=1 - CI_LEVEL / 100).loc[spec.x]
    warnings = []
    if result.df_resid < FEW_DF:
        warnings.append(f"only {int(result.df_resid)} residual degrees of freedom")
    if spec.cluster and rows["region"].nunique() < FEW_CLUSTERS:
        warnings.append(f"{rows['region'].nunique()} clusters: clustered errors unreliable")
    return base | {
        "estimable": True, "reason": "; ".join(warnings),
        "coefficient": result.params[spec.x], "std_error": result.bse[spec.x],
        "ci_low": low, "ci_high": high, "p_value": result.pvalues[spec.x], "r_squared": result.rsquared,
        "se_type": "clustered by province" if spec.cluster else "classical",
        "cov_type": result.cov_type,  # what statsmodels actually used, beside the label above
    }


def fit_all(specs: list[Spec], data: pd.DataFrame) -> pd.DataFrame:
    columns = ["specification", "y", "x", "sample", "fixed_effects", "se_type", "cov_type", "n", "n_regions", "estimable",
               "coefficient", "std_error", "ci_low", "ci_high", "p_value", "r_squared", "headline", "reason"]
    return pd.DataFrame([fit(spec, data) for spec in specs]).reindex(columns=columns)


def model(spec: Spec, data: pd.DataFrame):
    """The fitted statsmodels result (classical errors) and the rows it used, for diagnostics."""
    rows = _rows(spec, data)
    return _ols(f"{spec.y} ~ " + " + ".join(_terms(spec)), rows).fit(), rows


def drop_each_region(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """The slope when each province in turn is left out."""
    rows = _rows(spec, data)
    out = []
    for region in sorted(rows["region"].unique()):
        result = fit(Spec(spec.name, spec.y, spec.x, f"region != {region!r}" + (f" and ({spec.sample})" if spec.sample else ""),
                          spec.fixed_effects, spec.cluster), data)
        out.append({"dropped": region, "n": result["n"], "coefficient": result.get("coefficient", np.nan),
                    "p_value": result.get("p_value", np.nan)})
    return pd.DataFrame(out)


ANY_SHARE = ("de_share_caict", "de_share_local", "de_core_share")


def three_regions(observations: pd.DataFrame) -> pd.DataFrame:
    """Paper B's own scope: Shenzhen, Anhui, Guizhou 2019–2023, with whatever share is published."""
    obs = observations[observations["region"].isin(regions.PAPER_B_REGIONS) & observations["year"].isin(YEARS)]
    growth = obs[(obs["measure"] == "gdp_real_growth") & (obs["vintage"] == "first_release")].set_index(["region", "year"])["value"]
    shares = obs[obs["measure"].isin(ANY_SHARE)].assign(rank=lambda d: d["measure"].map(ANY_SHARE.index))
    shares = shares.sort_values("rank").groupby(["region", "year"]).first()
    frame = pd.DataFrame({"growth": growth})
    frame["share"], frame["share_definition"] = shares["value"], shares["measure"]
    return frame.reset_index()


def paper_printed_shares(claims: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The 2021 provincial shares as Paper B prints them (claims B03–B06), with official 2021 growth."""
    printed = claims[(claims["paper"] == "B") & (claims["measure"].str.startswith("de_share")) & (claims["ref_year"] == 2021)
                     & claims["region"].isin(regions.PROVINCES)]
    growth = observations[(observations["measure"] == "gdp_real_growth") & (observations["vintage"] == "first_release")
                          & (observations["year"] == 2021)].set_index("region")["value"]
    return pd.DataFrame({"region": printed["region"].to_numpy(), "year": 2021,
                         "share": printed["value"].astype(float).to_numpy(),
                         "growth": growth.reindex(printed["region"]).to_numpy()})
