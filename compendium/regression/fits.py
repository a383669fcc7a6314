"""One specification, one fit: OLS with year (and province) effects, clustered errors judged with
t(G−1) critical values and a wild cluster bootstrap; a fit the data cannot support is refused, its
reason a note code (worded in compendium/phrasebook/labels.py).
"""
from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..paths import ROOT
from ..phrasebook.labels import note_code
from ..schema import CI_LEVEL

MIN_N = 4           # below this no slope is reported
MIN_CLUSTERS = 3    # clustered errors need at least this many provinces
FEW_CLUSTERS = 20   # below this, clustered errors are known to be too small: say so, report the bootstrap
FEW_DF = 5          # below this many residual degrees of freedom, say the fit is not informative
# The wild cluster bootstrap: Webb's six-point weights, a fixed seed, and enough draws that the
# p-value's Monte Carlo error (printed beside it) is below half a unit of the printed digit.
WILD_DRAWS = 19_999
WILD_SEED = 20_261_123

# ---- specifications and fits ----------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    name: str
    y: str
    x: str
    sample: str = ""          # a pandas query selecting the rows
    fixed_effects: str = ""   # "", "year", "region+year"
    cluster: bool = False
    controls: tuple[str, ...] = field(default=())
    family: str = ""          # the group it is shown in (coefficient plot, report)
    headline: bool = False


FIXED_EFFECTS = {"": [], "year": ["year"], "region+year": ["region", "year"]}
RESULT_COLUMNS = ["specification", "family", "y", "x", "controls", "sample", "fixed_effects", "se_type", "cov_type",
                  "n", "n_regions", "estimable", "coefficient", "std_error", "df_inference", "ci_low", "ci_high",
                  "p_value", "p_wild", "wild_draws", "wild_mc_se", "r_squared", "headline", "reason"]


def _ols(spec: Spec, rows: pd.DataFrame):
    """The specification's OLS model on `rows`. The design matrix is built here rather than by a
    formula: the columns patsy would make for `y ~ x + controls + C(region) + C(year)`, in patsy's
    order (intercept, one dummy per level after the first, then the numeric terms) and with its
    names, so the arithmetic is the same (a test compares the two). Without patsy's parsing the 24
    main specifications fit in 0.17 s instead of 0.43 s; a build fits about 80 models."""
    # statsmodels takes 1.5 s to import: load it when a model is fitted, not when the module is
    # imported (the test workers and the report import this module without fitting anything)
    from statsmodels.regression.linear_model import OLS

    return OLS(rows[spec.y], design_matrix(spec, rows))


def design_matrix(spec: Spec, rows: pd.DataFrame) -> pd.DataFrame:
    columns = {"Intercept": pd.Series(1.0, index=rows.index)}
    for effect in FIXED_EFFECTS[spec.fixed_effects]:
        for level in sorted(rows[effect].unique())[1:]:
            columns[f"C({effect})[T.{level}]"] = (rows[effect] == level).astype(float)
    for term in (spec.x, *spec.controls):
        columns[term] = rows[term].astype(float)
    return pd.DataFrame(columns)


def _rows(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """The specification's sample, complete cases only."""
    rows = data.query(spec.sample) if spec.sample else data
    return rows.dropna(subset=[spec.y, spec.x, *spec.controls])


def _refusal(spec: Spec, rows: pd.DataFrame) -> str:
    # intercept, regressor, controls, and one dummy per fixed-effect level after the first (as in
    # design_matrix)
    n_params = 2 + len(spec.controls) + sum(rows[effect].nunique() - 1 for effect in FIXED_EFFECTS[spec.fixed_effects])
    return refusal_reason(len(rows), n_params, rows[spec.x].nunique(), rows["region"].nunique(), spec.cluster)


def refusal_reason(n: int, n_params: int, x_values: int, clusters: int, clustered: bool) -> str:
    """Why a specification cannot be estimated, as a note code with its numbers (empty when it can):
    the one rule for every fit (worded in compendium/phrasebook/labels.py NOTES)."""
    if n < MIN_N:
        return note_code("too_few_observations", n=n, need=MIN_N)
    if n <= n_params:
        return note_code("no_degrees_of_freedom", n=n, parameters=n_params)
    if x_values < 2:
        return note_code("constant_regressor")
    if clustered and clusters < MIN_CLUSTERS:
        return note_code("too_few_clusters", clusters=clusters, need=MIN_CLUSTERS)
    return ""


def fit(spec: Spec, data: pd.DataFrame, bootstrap: bool = True) -> dict:
    rows = _rows(spec, data)
    base = {"specification": spec.name, "family": spec.family, "y": spec.y, "x": spec.x,
            "controls": " + ".join(spec.controls) or "none", "sample": spec.sample or "all",
            "fixed_effects": spec.fixed_effects or "none", "n": len(rows), "n_regions": rows["region"].nunique(),
            "headline": spec.headline}
    reason = _refusal(spec, rows)
    if reason:
        return base | {"estimable": False, "reason": reason}
    model = _ols(spec, rows)
    warnings = []
    if spec.cluster:
        groups = rows["region"].astype("category").cat.codes.to_numpy()
        # use_t: t critical values with G − 1 degrees of freedom, as statsmodels does for clusters
        result = model.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
        df_inference = rows["region"].nunique() - 1
        wild = wild_bootstrap(model, spec.x, groups) if bootstrap else {}
        if rows["region"].nunique() < FEW_CLUSTERS:
            warnings.append(note_code("few_clusters", clusters=rows["region"].nunique()))
    else:
        result = model.fit()
        df_inference, wild = result.df_resid, {}
    low, high = result.conf_int(alpha=1 - CI_LEVEL / 100).loc[spec.x]
    if result.df_resid < FEW_DF:
        warnings.append(note_code("few_residual_df", df=int(result.df_resid)))
    return base | wild | {
        "estimable": True, "reason": "; ".join(warnings),
        "coefficient": result.params[spec.x], "std_error": result.bse[spec.x], "df_inference": df_inference,
        "ci_low": low, "ci_high": high, "p_value": result.pvalues[spec.x], "r_squared": result.rsquared,
        "se_type": "clustered by province, t(G-1)" if spec.cluster else "classical",
        "cov_type": result.cov_type,  # what statsmodels actually used, beside the label above
    }


NUMBA_CACHE = ROOT / ".build" / "numba"  # compiled kernels, not committed (.gitignore)


def wild_bootstrap(model, param: str, groups: np.ndarray, draws: int = WILD_DRAWS, seed: int = WILD_SEED) -> dict:
    """Wild cluster bootstrap p-value (WCR, null imposed, Webb weights) from `wildboottest`,
    with its Monte Carlo standard error."""
    # the library prints a table even with show=False on some paths: keep the notebook clean
    with contextlib.redirect_stdout(io.StringIO()):
        table = _wildboottest()(model, B=draws, cluster=groups, param=param, weights_type="webb",
                                seed=seed, parallel=False, show=False)
    p = float(table["p-value"].iloc[0])
    return {"p_wild": p, "wild_draws": draws, "wild_mc_se": float(np.sqrt(p * (1 - p) / draws))}


@functools.cache
def _wildboottest():
    """`wildboottest`, with its inner numba kernel compiled once per session instead of once per
    call (it decorates a function defined inside a method, so numba would recompile it, 0.3-0.9 s,
    on every specification), and kept compiled on disk between sessions (numba's own cache, in
    `.build/numba/`, keyed by the function's code: 2 s saved on every run after the first). Only
    functions without free variables are shared, so a cached kernel never carries another call's
    data; the numbers are those of the unpatched library."""
    import numba
    from wildboottest import wildboottest as module

    numba.config.CACHE_DIR = str(NUMBA_CACHE)
    compiled = {}

    def njit_once(*args, **kwargs):
        def decorate(function):
            if function.__closure__:
                return numba.njit(*args, **kwargs)(function)
            key = (function.__code__, tuple(sorted(kwargs.items())))
            if key not in compiled:
                compiled[key] = numba.njit(*args, cache=True, **kwargs)(function)
            return compiled[key]
        return decorate

    module.njit = njit_once
    return module.wildboottest


def fit_all(specs: list[Spec], data: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame([fit(spec, data) for spec in specs]).reindex(columns=RESULT_COLUMNS)


def model(spec: Spec, data: pd.DataFrame):
    """The fitted statsmodels result (classical errors) and the rows it used, for diagnostics."""
    rows = _rows(spec, data)
    return _ols(spec, rows).fit(), rows


