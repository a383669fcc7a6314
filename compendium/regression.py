"""Growth-on-digitalisation regressions for Paper B's central claim (statsmodels formula API).

One function builds the province-year panel (31 provinces, 2012–2023), one fits a named
specification and returns a tidy row; a specification the data cannot support returns a row
that says why, with the count. Clustered specifications are judged with t(G−1) critical values
and a wild cluster bootstrap (Webb weights), because 31 provinces are few clusters.
"""
from __future__ import annotations

import contextlib
import functools
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from . import regions
from .paths import PAPER, ROOT
from .phrasebook.labels import note_code, specification_name
from .schema import CI_LEVEL, same_release

PANEL_YEARS = range(2012, 2024)      # PKU-DFIIC starts in 2011, so every year has a lagged value
PAPER_YEARS = regions.PAPER_B_YEARS  # the window of Paper B's figures 3–6
PANDEMIC_YEARS = (2020, 2021, 2022)
GROWTH_DATABASE_VINTAGE = "database_2021"  # the NBS index as kept in 2021, 2012–2019
GROWTH_CENSUS_FIRST_YEAR = 2016             # the census-revised index starts here
# The raw series behind the headline: (measure, vintage or None, first year, last year). Lags reach
# back one year. The PKU index (its own file) is the fifth input.
HEADLINE_INPUTS = (("gdp_real_growth", GROWTH_DATABASE_VINTAGE, 2012, GROWTH_CENSUS_FIRST_YEAR - 1),
                   ("gdp_real_growth", "census_revision", GROWTH_CENSUS_FIRST_YEAR, 2023),
                   ("gdp", "census_revision", 2011, 2022),
                   ("population", "database_2025", 2011, 2023))
POPULATION_VINTAGE = "database_2025"  # the population the database held beside census-revised GDP
# Published digital-economy shares: one definition per regression, never pooled.
SHARE_DEFINITIONS = {"share_caict": "de_share_caict", "share_local": "de_share_local"}
# PKU-DFIIC: the aggregate and its three dimensions, per 100 index points
PKU_COLUMNS = {"pku": "index_aggregate", "pku_breadth": "coverage_breadth", "pku_depth": "usage_depth",
               "pku_digitisation": "digitization_level"}
PKU_SCALE = 100.0
MIN_N = 4           # below this no slope is reported
MIN_CLUSTERS = 3    # clustered errors need at least this many provinces
FEW_CLUSTERS = 20   # below this, clustered errors are known to be too small: say so, report the bootstrap
FEW_DF = 5          # below this many residual degrees of freedom, say the fit is not informative
# The wild cluster bootstrap: Webb's six-point weights, a fixed seed, and enough draws that the
# p-value's Monte Carlo error (printed beside it) is below half a unit of the printed digit.
WILD_DRAWS = 19_999
WILD_SEED = 20_261_123
ANALYSIS_PLAN = PAPER / "analysis_plan.md"


# ---- the panel ---------------------------------------------------------------------------------

def panel(observations: pd.DataFrame, pku: pd.DataFrame, official_index: pd.DataFrame | None = None) -> pd.DataFrame:
    """Province × year, 2012–2023: real growth (first release), digitalisation measures (level and
    previous year), convergence term and controls (previous year), nominal growth by vintage."""
    provinces = list(regions.PROVINCES)
    index = pd.MultiIndex.from_product([provinces, list(PANEL_YEARS)], names=["region", "year"])
    obs = observations[observations["region"].isin(provinces)]

    def measure(name: str, vintage: str | None = None) -> pd.Series:
        rows = obs[obs["measure"] == name]
        if vintage:
            rows = rows[rows["vintage"] == vintage]
        rows = rows[[(r, y, name) not in SUSPECT_VALUES for r, y in zip(rows["region"], rows["year"])]]
        # one value per province-year: the earliest vintage the file holds for measures without one
        series = rows.groupby(["region", "year"])["value"].first()
        series.attrs["vintages"] = (name, tuple(sorted(set(rows["vintage"]))))
        return series

    frame = pd.DataFrame(index=index)
    # Real growth in the latest vintage NBS publishes for each year: revised after the 5th economic
    # census from 2016, the database as kept in 2021 before. One vintage per year, so the year
    # effects absorb any shift common to a vintage. First releases (the figures Paper B quotes) are
    # kept beside it for the paper's window.
    frame["growth_first"] = measure("gdp_real_growth", "first_release")
    frame["growth_database"] = measure("gdp_real_growth", GROWTH_DATABASE_VINTAGE)
    frame["growth_census"] = measure("gdp_real_growth", "census_revision")
    census_years = frame.index.get_level_values("year") >= GROWTH_CENSUS_FIRST_YEAR
    frame["growth"] = frame["growth_census"].where(census_years, frame["growth_database"])
    frame["growth_vintage"] = np.where(census_years, "census_revision", GROWTH_DATABASE_VINTAGE)
    digital = {}
    for column, definition in SHARE_DEFINITIONS.items():
        digital[column] = measure(definition)
    pku_keyed = pku.set_index(["region", "year"])
    for column, source in PKU_COLUMNS.items():
        digital[column] = pku_keyed[source] / PKU_SCALE
    digital["official_index"] = (official_index.set_index(["region", "year"])["index"] if official_index is not None
                                 else pd.Series(np.nan, index=index))
    for column, series in digital.items():
        frame[column] = series
        # lags come from the whole series, so the window's first year has one
        frame[f"{column}_lag"] = _next_year(series)
    # Convergence and controls. GDP per capita: census-revised GDP over year-end population, the
    # previous year's (nominal: the year effects absorb the national price level).
    gdp_census = measure("gdp", "census_revision")
    population = measure("population", POPULATION_VINTAGE)
    frame["log_gdppc_lag"] = np.log(_next_year(1e4 * table_ratio(gdp_census, population)))
    frame["population_growth"] = 100 * (population / _next_year(population) - 1)
    frame["secondary_share_lag"] = _next_year(100 * table_ratio(measure("secondary_value_added", "census_revision"), gdp_census))
    # Structural controls in one vintage, the NBS database as kept in 2021, for 2011–2017 (NBS has
    # published no provincial expenditure-approach GDP since): each share over GDP of its own table
    # (the production table's GDP for industry, the expenditure table's own total for investment:
    # the two tables were not revised together).
    gdp_2021 = measure("gdp", GROWTH_DATABASE_VINTAGE)
    frame["urbanisation_lag"] = _next_year(measure("urbanisation_rate", GROWTH_DATABASE_VINTAGE))
    frame["secondary_share_2021_lag"] = _next_year(
        100 * table_ratio(measure("secondary_value_added", GROWTH_DATABASE_VINTAGE), gdp_2021))
    frame["investment_rate_lag"] = _next_year(100 * table_ratio(
        measure("gross_fixed_capital_formation", GROWTH_DATABASE_VINTAGE), measure("gdp_expenditure", GROWTH_DATABASE_VINTAGE)))
    # Industry structure spliced as growth is: the 2021 database's share where it exists, the
    # census-revised share after; one vintage per year, so the year effects absorb the step.
    frame["secondary_share_spliced_lag"] = frame["secondary_share_2021_lag"].fillna(frame["secondary_share_lag"])
    # Nominal growth on the base the bureau used when it published: a first release is compared
    # with the previous year's verified level; a verified level with the previous verified level.
    final = measure("gdp", "final_verification")
    frame["nominal_growth_first"] = 100 * (measure("gdp", "first_release") / _next_year(final) - 1)
    frame["nominal_growth_final"] = 100 * (final / _next_year(final) - 1)
    frame = frame.reset_index()
    frame["municipality"] = frame["region"].isin(regions.MUNICIPALITIES)
    frame["pandemic"] = frame["year"].isin(PANDEMIC_YEARS)
    return frame.sort_values(["region", "year"]).reset_index(drop=True)


# Printed values that are evidently wrong in the only copy found: kept in data/raw as printed (with
# the reason in their note), never used in a ratio.
SUSPECT_VALUES = {("Anhui", 2013, "gdp_expenditure"): "equals 2012's total to rounding; the year's components sum "
                                                      "to 19 038.91"}


def table_ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, refused unless both carry one vintage, the same or one state of the
    same database (a share is taken within one revision of the accounts, never across revisions)."""
    top, bottom = numerator.attrs.get("vintages"), denominator.attrs.get("vintages")
    if top is None or bottom is None or len(top[1]) != 1 or len(bottom[1]) != 1 or not same_release(*top[1], *bottom[1]):
        raise ValueError(f"ratio {top and top[0]} / {bottom and bottom[0]} across vintages: {top and top[1]} and "
                         f"{bottom and bottom[1]} (rule: a ratio is taken within one vintage)")
    return numerator / denominator


def _next_year(series: pd.Series) -> pd.Series:
    """A (region, year) series moved one year on: the value a row's previous year had."""
    return series.rename(lambda year: year + 1, level="year")


# ---- digitalisation from official statistics --------------------------------------------------

# The official-statistics index: principal components in the manner of 赵涛、张智、梁上坤 (2020,
# 《管理世界》第10期, city level), on the provincial intensity indicators the yearbooks give for every
# province 2013–2023. Their IT-employment share is kept; their per-capita telecom and subscriber
# items are replaced by enterprise-level internet use (computers, websites, e-commerce), which
# needs no population denominator.
OFFICIAL_INDICATORS = ("it_employment_share", "computers_per_100", "websites_per_100_enterprises",
                       "ecommerce_enterprise_share")


def official_index(observations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """First principal component of the standardised indicators (pooled over provinces and years,
    complete cases), oriented so that more digital is higher, in standard deviations. Returns the
    index (region, year, index) and the loadings with the share of variance the component explains."""
    needed = {"it_employment", "nonprivate_employment", *OFFICIAL_INDICATORS} - {"it_employment_share"}
    rows = observations[observations["measure"].isin(needed) & observations["region"].isin(regions.PROVINCES)]
    wide = rows.pivot_table(index=["region", "year"], columns="measure", values="value", aggfunc="first")
    wide = wide.reindex(columns=sorted(needed))
    wide["it_employment_share"] = 100 * wide["it_employment"] / wide["nonprivate_employment"]
    items = wide[list(OFFICIAL_INDICATORS)].dropna()
    if len(items) <= len(OFFICIAL_INDICATORS):
        empty = pd.DataFrame(columns=["region", "year", "index"])
        return empty, pd.DataFrame(columns=["indicator", "loading", "explained_share"])
    standardised = (items - items.mean()) / items.std(ddof=0)
    _, singular, components = np.linalg.svd(standardised.to_numpy(), full_matrices=False)
    loadings = components[0] * (1 if components[0].sum() >= 0 else -1)
    score = standardised.to_numpy() @ loadings
    index = pd.DataFrame({"index": score / score.std(ddof=0)}, index=items.index).reset_index()
    explained = singular[0] ** 2 / (singular ** 2).sum()
    table = pd.DataFrame({"indicator": list(OFFICIAL_INDICATORS), "loading": loadings, "explained_share": explained})
    return index, table


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


# ---- the specifications ----------------------------------------------------------------------

# Convergence term and controls of the headline (paper/analysis_plan.md), all from official statistics.
CONVERGENCE = ("log_gdppc_lag",)
CONTROLS = ("log_gdppc_lag", "population_growth")
# Industry structure is published in the census-revised vintage for 2019–2023 only: a robustness row.
WITH_STRUCTURE = CONTROLS + ("secondary_share_lag",)
# Urbanisation, industry structure and the investment rate in one vintage exist for 2011–2017 only
# (lagged: 2012–2018); H15 is the same years without them, so a change is seen to come from the
# controls, not from the shorter sample.
STRUCTURAL = ("urbanisation_lag", "secondary_share_2021_lag", "investment_rate_lag")
STRUCTURAL_CONTROLS = CONTROLS + STRUCTURAL
# the years the three exist, less the province-years whose lagged investment rate is missing (a
# suspect printed total, SUSPECT_VALUES), so that H14 and H15 fit the same rows
STRUCTURAL_YEARS = "year <= 2018 and investment_rate_lag == investment_rate_lag"
# Industry structure spliced as the outcome is (the 2021 database's share to 2017, the census-revised
# one from 2019; one vintage per year, absorbed by the year effects); neither vintage has 2018, so
# the row has no 2019.
SPLICED_STRUCTURE_NAME = specification_name("H16")
PANDEMIC_OUT = "not pandemic"
PAPER_WINDOW = f"{PAPER_YEARS[0]} <= year <= {PAPER_YEARS[-1]}"
# The display name of the headline row (its identity is the grid point the analysis plan names)
HEADLINE_NAME = specification_name("H")


def specifications(grid: dict | None = None) -> list[Spec]:
    """Every specification run on the province panel, in the order they are shown. The headline is
    the grid point the analysis plan names (`headline_spec`); the H, D and O rows are the headline
    with the one or two choices their names say changed."""
    headline = headline_spec(grid)

    def pku(name, family="PKU index, 2012-2023", fe=None, **changes):
        if fe is not None:
            changes["fixed_effects"] = fe
        return replace(headline, name=name, family=family, headline=name == HEADLINE_NAME, **changes)

    return [
        # published shares: one definition per regression (never pooled across definitions)
        Spec(specification_name("S1"), "growth", "share_local", "", "year", True, (),
             "published shares"),
        Spec(specification_name("S2"), "growth", "share_local", "year == 2021", "", False, (),
             "published shares"),
        Spec(specification_name("S3"), "growth", "share_caict", "", "year", True, (), "published shares"),
        # the full-coverage panel
        pku(specification_name("H0"), controls=()),
        pku(specification_name("H1"), controls=CONVERGENCE),
        pku(HEADLINE_NAME),
        pku(specification_name("H2"), fe="region+year"),
        pku(specification_name("H3"), x="pku"),
        pku(specification_name("H4"), sample=PANDEMIC_OUT),
        pku(specification_name("H5"), y="growth_first", sample=PAPER_WINDOW),
        pku(specification_name("H6"), y="growth_first", sample=PAPER_WINDOW,
            controls=()),
        pku(specification_name("H10"), sample=f"year >= {GROWTH_CENSUS_FIRST_YEAR}"),
        pku(specification_name("H11"), y="growth_database"),
        pku(specification_name("H12"), controls=WITH_STRUCTURE),
        pku(SPLICED_STRUCTURE_NAME, controls=CONTROLS + ("secondary_share_spliced_lag",)),
        pku(specification_name("H13"), sample="2014 <= year <= 2021"),
        pku(specification_name("H14"),
            controls=STRUCTURAL_CONTROLS, sample=STRUCTURAL_YEARS),
        pku(specification_name("H15"), sample=STRUCTURAL_YEARS),
        pku(specification_name("H7"), sample="not municipality"),
        pku(specification_name("H8"), y="nominal_growth_first"),
        pku(specification_name("H9"), y="nominal_growth_final"),
        # the index's three dimensions
        pku(specification_name("D1"), x="pku_breadth_lag", family="PKU dimensions"),
        pku(specification_name("D2"), x="pku_depth_lag", family="PKU dimensions"),
        pku(specification_name("D3"), x="pku_digitisation_lag", family="PKU dimensions"),
        # digitalisation measured from official statistics
        pku(specification_name("O1"), x="official_index_lag", family="official-statistics index"),
        pku(specification_name("O2"), x="official_index_lag", controls=(),
            family="official-statistics index"),
    ]


# ---- robustness ----------------------------------------------------------------------------

def _restricted(spec: Spec, extra: str) -> Spec:
    """The specification on a subsample (never the headline: its result is a robustness row)."""
    return replace(spec, sample=f"({extra}) and ({spec.sample})" if spec.sample else extra, headline=False)


def _slope_row(result: dict, **keys) -> dict:
    return keys | {"n": result["n"], "coefficient": result.get("coefficient", np.nan),
                   "ci_low": result.get("ci_low", np.nan), "ci_high": result.get("ci_high", np.nan),
                   "p_value": result.get("p_value", np.nan)}


def drop_each_region(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """The slope when each province in turn is left out (t(G−1) inference, no bootstrap)."""
    regions_used = sorted(_rows(spec, data)["region"].unique())
    return pd.DataFrame([_slope_row(fit(_restricted(spec, f"region != {r!r}"), data, bootstrap=False), dropped=r)
                         for r in regions_used])


def drop_each_year(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """The slope when each year in turn is left out."""
    years = sorted(_rows(spec, data)["year"].unique())
    return pd.DataFrame([_slope_row(fit(_restricted(spec, f"year != {t}"), data, bootstrap=False), dropped=t)
                         for t in years])


def per_year(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """One cross-section per year (classical errors: one observation per province)."""
    years = sorted(_rows(spec, data)["year"].unique())
    return pd.DataFrame([_slope_row(fit(replace(_restricted(spec, f"year == {t}"), fixed_effects="", cluster=False),
                                        data, bootstrap=False), year=t) for t in years])


def long_difference(data: pd.DataFrame, x_column: str, first: int, last: int, base_year: int) -> pd.DataFrame:
    """Cross-section: each province's average real growth over first..last and its index in base_year."""
    window = data[data["year"].between(first, last)]
    average = window.groupby("region")["growth"].agg(["mean", "count"])
    complete = average[average["count"] == last - first + 1]["mean"]
    start = data[data["year"] == base_year].set_index("region")[x_column]
    frame = pd.DataFrame({"growth_mean": complete, "x_start": start}).dropna()
    return frame.rename_axis("region").reset_index()


def interquartile_effect(result: dict, data: pd.DataFrame, spec: Spec) -> dict:
    """The slope on an interpretable scale: the growth gap between two provinces a within-effects
    interquartile range apart, in the specification's own sample. The spread is the regressor's
    after the specification's fixed effects (`within_effects`): with year effects the slope is
    identified only from how provinces differ within a year, so the pooled spread, which is mostly
    the index's national trend, would convert it on a scale the estimate never saw."""
    spread = interquartile_range(within_effects(spec, _rows(spec, data)))
    return {"specification": spec.name, "x": spec.x, "fixed_effects": spec.fixed_effects or "none",
            "iqr_within": spread, "effect": result["coefficient"] * spread,
            "effect_low": result["ci_low"] * spread, "effect_high": result["ci_high"] * spread}


# ---- the analysis plan ---------------------------------------------------------------------

def planned_headline(path: Path = ANALYSIS_PLAN) -> dict[str, str]:
    """The headline specification, as the committed analysis plan declares it: one choice per axis
    of the specification grid (`headline: regressor=pku, lag=previous_year, ...`). The plan is the
    one place it is named; the grid and the named table read it from here."""
    found = re.findall(r"^headline:\s*(.+?)\s*$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    if len(found) != 1:
        raise ValueError(f"{path.name}: expected exactly one 'headline:' line, found {len(found)}")
    choices = {}
    for item in found[0].split(","):
        axis, equals, choice = (part.strip() for part in item.partition("="))
        if not equals or not axis or not choice or axis in choices:
            raise ValueError(f"{path.name}: the 'headline:' line must list axis=choice pairs, one per axis; "
                             f"cannot read {item.strip()!r}")
        choices[axis] = choice
    return choices


def planned_grid(path: Path = ANALYSIS_PLAN) -> tuple[str, int]:
    """The specification grid the plan's latest amendment declares: its SHA-256 and its number of
    specifications (`grid: sha256=..., specifications=...`, the last such line counts)."""
    found = re.findall(r"^grid:\s*sha256=([0-9a-f]{64}),\s*specifications=(\d+)\s*$",
                       path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    if not found:
        raise ValueError(f"{path.name}: no 'grid: sha256=..., specifications=...' line declares the specification grid")
    return found[-1][0], int(found[-1][1])


# ---- Paper B's own scope -------------------------------------------------------------------

ANY_SHARE = ("de_share_caict", "de_share_local", "de_core_share")


def three_regions(observations: pd.DataFrame) -> pd.DataFrame:
    """Paper B's own scope: Shenzhen, Anhui, Guizhou 2019–2023, with whatever share is published
    (descriptive only: the definitions differ, and the table says which is which)."""
    obs = observations[observations["region"].isin(regions.PAPER_B_REGIONS) & observations["year"].isin(PAPER_YEARS)]
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


# ---- figures -------------------------------------------------------------------------------

def fitted_line_band(x: pd.Series, y: pd.Series, points: int = 100) -> pd.DataFrame:
    """The least-squares line of y on x over the range of x, with its CI_LEVEL % confidence band
    for the mean (t with n − 2 degrees of freedom): the exact interval, where a bootstrap band
    would be a random approximation of it."""
    from scipy import stats

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    slope, intercept = np.polyfit(x, y, 1)
    residual_scale = np.sqrt(np.sum((y - (intercept + slope * x)) ** 2) / (n - 2))
    grid = np.linspace(x.min(), x.max(), points)
    half = (stats.t.ppf(0.5 + CI_LEVEL / 200, n - 2) * residual_scale
            * np.sqrt(1 / n + (grid - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2)))
    fitted = intercept + slope * grid
    return pd.DataFrame({"x": grid, "fitted": fitted, "low": fitted - half, "high": fitted + half})


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


# ---- the fast wild cluster bootstrap (for the specification curve) ---------------------------

WEBB_WEIGHTS = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


def webb_weights(clusters: int, draws: int, seed: int = WILD_SEED) -> np.ndarray:
    """One matrix of Webb's six-point weights (clusters × draws), shared by every specification
    on the same clusters."""
    return np.random.default_rng(seed).choice(WEBB_WEIGHTS, size=(clusters, draws))


def wild_p_fast(design: np.ndarray, y: np.ndarray, column: int, clusters: np.ndarray,
                weights: np.ndarray) -> tuple[float, float, float]:
    """Restricted wild cluster bootstrap p-value of one coefficient (`wild_draws`): returns the
    slope, its observed t and the share of draws whose |t| is at least the observed |t|."""
    slope, t_observed, _, t_draws = wild_draws(design, y, column, clusters, weights)
    return slope, t_observed, wild_p(t_draws, t_observed)


# A draw whose |t| equals the observed |t| in exact arithmetic counts as at least as extreme. With
# few observations per cluster (two-way effects on a short sample) such ties occur, and the last bits
# of a floating-point sum, which depend on how an array happens to sit in memory, would decide them.
TIE_TOLERANCE = 1e-9


def wild_p(t_draws: np.ndarray, t_observed: float) -> float:
    """The share of draws whose |t| is at least the observed |t| (ties, to `TIE_TOLERANCE`, included)."""
    return float(np.mean(np.abs(t_draws) >= abs(t_observed) * (1 - TIE_TOLERANCE)))


def wild_draws(design: np.ndarray, y: np.ndarray, column: int, clusters: np.ndarray,
               weights: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
    """Restricted wild cluster bootstrap p-value (WCR, the null β = 0 imposed) of one coefficient,
    with CR1 standard errors, for all draws at once: the algebra of Roodman, MacKinnon, Nielsen and
    Webb (2019), "Fast and wild". With the regressor partialled out of the other columns (Frisch–
    Waugh–Lovell, x̃) and bootstrap errors w = ũ·v (restricted residuals times a weight per
    cluster), every quantity a draw needs is a cluster sum times the weights: the slope x̃'w / x̃'x̃,
    and the score of cluster g, Σ_g x̃ (w − X (X'X)⁻¹X'w) = a_g v_g − A_g (P_G v) with a_g = Σ_g x̃ ũ:
    one G × G matrix times the weights. The cost is clusters² × draws, not observations × draws.
    Returns (the slope, its observed t, the slope of every draw, the t of every draw): the draws
    are the null world (β = 0 imposed) the curve's joint test compares the observed curve with.
    `clusters` holds 0..G−1 per row, `weights` is G × B."""
    n, k = design.shape
    groups = weights.shape[0]
    others = np.delete(design, column, axis=1)
    x = design[:, column]
    x_tilde = x - others @ np.linalg.lstsq(others, x, rcond=None)[0]
    restricted = y - others @ np.linalg.lstsq(others, y, rcond=None)[0]     # ũ: residuals under the null
    projector = np.linalg.pinv(design)                                      # P = (X'X)⁻¹X', k × n
    scale = groups / (groups - 1) * (n - 1) / (n - k)                        # CR1 small-sample factor
    sxx = x_tilde @ x_tilde
    membership = np.zeros((groups, n))
    membership[clusters, np.arange(n)] = 1.0                                 # G × n: sums by cluster
    # the observed statistic
    residual = y - design @ (projector @ y)
    slope = x_tilde @ y / sxx
    t_observed = slope / (np.sqrt(scale * np.sum((membership @ (x_tilde * residual)) ** 2)) / sxx)
    # every draw at once, from cluster sums
    slope_weights = membership @ (x_tilde * restricted)                      # x̃'w = slope_weights · v
    projected = (projector * restricted) @ membership.T                      # P_G: k × G, P w = P_G v
    big_a = membership @ (x_tilde[:, None] * design)                         # A_g = Σ_g x̃ X, G × k
    # a_g v_g − A_g P_G v for all g at once: one G × G matrix applied to the weights
    scores = (np.diag(slope_weights) - big_a @ projected) @ weights          # G × B
    slope_draws = slope_weights @ weights / sxx
    t_draws = slope_draws / (np.sqrt(scale * np.sum(scores ** 2, axis=0)) / sxx)
    return float(slope), float(t_observed), slope_draws, t_draws


# ---- the specification curve ---------------------------------------------------------------

CURVE_GRID = PAPER / "specification_grid.yaml"
CURVE_DRAWS = 999  # per specification; Monte Carlo error of p ≤ 0.007 near 0.05, ≤ 0.016 anywhere (the headline keeps WILD_DRAWS)
# The axes `curve_spec` consumes, and what each of their levels must be. A grid with another axis,
# or a level of another shape, is refused: an axis the code ignored would multiply the curve with
# identical fits.
CURVE_AXES = {
    "regressor": "a mapping with exactly 'column' (a panel column) and 'unit'",
    "lag": "a mapping with exactly 'suffix' (added to the regressor's column)",
    "controls": "a list of panel columns",
    "fixed_effects": f"one of {sorted(FIXED_EFFECTS)}",
    "sample": "a row filter (a pandas expression; empty for every row)",
    "outcome": "a panel column",
}


def _level_is_valid(axis: str, level) -> bool:
    if axis == "regressor":
        return isinstance(level, dict) and set(level) == {"column", "unit"} and isinstance(level["column"], str)
    if axis == "lag":
        return isinstance(level, dict) and set(level) == {"suffix"} and isinstance(level["suffix"], str)
    if axis == "controls":
        return isinstance(level, list) and all(isinstance(column, str) for column in level)
    if axis == "fixed_effects":
        return level in FIXED_EFFECTS
    return isinstance(level, str)


def load_grid(path: Path = CURVE_GRID, plan: Path = ANALYSIS_PLAN) -> dict:
    """The declared grid, refused (naming the axis or level) unless every axis and level is one the
    curve consumes; its headline is the analysis plan's (`planned_headline`), which must be a point
    of the grid."""
    import yaml

    grid = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(grid, dict) or set(grid) != {"axes"}:
        raise ValueError(f"{path.name}: the grid holds one key, 'axes' (the headline is named in {plan.name}); "
                         f"found {sorted(grid) if isinstance(grid, dict) else type(grid).__name__}")
    axes = grid["axes"]
    for axis in axes:
        if axis not in CURVE_AXES:
            raise ValueError(f"{path.name}: axis {axis!r} is not one the specification curve consumes "
                             f"({', '.join(CURVE_AXES)}); it would repeat every fit unchanged")
    missing = [axis for axis in CURVE_AXES if axis not in axes]
    if missing:
        raise ValueError(f"{path.name}: axes {missing} are not declared (every axis needs at least one level)")
    for axis, levels in axes.items():
        if not isinstance(levels, dict) or not levels:
            raise ValueError(f"{path.name}: axis {axis!r} must map level names to levels")
        for name, level in levels.items():
            if not _level_is_valid(axis, level):
                raise ValueError(f"{path.name}: level {name!r} of axis {axis!r} is {level!r}; "
                                 f"the curve reads {CURVE_AXES[axis]}")
    declared_hash, declared_size = planned_grid(plan)
    size = int(np.prod([len(levels) for levels in axes.values()]))
    if (grid_sha256(path), size) != (declared_hash, declared_size):
        raise ValueError(f"{path.name}: SHA-256 {grid_sha256(path)[:12]}… and {size} specifications, but {plan.name} "
                         f"declares {declared_hash[:12]}… and {declared_size}: a changed grid needs a dated amendment "
                         f"of the plan that records its new 'grid:' line")
    headline = planned_headline(plan)
    if set(headline) != set(axes):
        raise ValueError(f"{plan.name}: the headline names other axes than {path.name} "
                         f"({sorted(set(headline) ^ set(axes))})")
    for axis, choice in headline.items():
        if choice not in axes[axis]:
            raise ValueError(f"{plan.name}: the headline's {axis} {choice!r} is not a level declared in {path.name}")
    return {"axes": axes, "headline": {axis: headline[axis] for axis in axes}}


def grid_sha256(path: Path = CURVE_GRID) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def expand_grid(grid: dict) -> pd.DataFrame:
    """Every combination of one choice per axis, in the grid's order: one row per specification,
    named by its axis values (`id` joins them)."""
    import itertools

    axes = grid["axes"]
    rows = [dict(zip(axes, combination)) for combination in itertools.product(*(list(choices) for choices in axes.values()))]
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", frame.apply(lambda r: "/".join(r[a] for a in axes), axis=1))
    frame["headline"] = (frame[list(axes)] == pd.Series(grid["headline"])).all(axis=1)
    return frame


def curve_spec(row: pd.Series | dict, grid: dict) -> Spec:
    axes = grid["axes"]
    x = axes["regressor"][row["regressor"]]["column"] + axes["lag"][row["lag"]]["suffix"]
    return Spec(row.get("id", ""), axes["outcome"][row["outcome"]], x, axes["sample"][row["sample"]],
                axes["fixed_effects"][row["fixed_effects"]], True, tuple(axes["controls"][row["controls"]]))


def headline_spec(grid: dict | None = None) -> Spec:
    """The analysis plan's headline as a specification: the grid's point the plan names."""
    grid = grid or load_grid()
    return curve_spec(grid["headline"], grid)


@dataclass(frozen=True)
class NullCurves:
    """The curve's null world: for every distinct estimable specification (in `ids`), the slope's
    t and its interquartile effect in each wild-bootstrap draw with β = 0 imposed, the draws
    sharing one Webb weight per province, so draw b is one world for every specification."""
    ids: tuple[str, ...]
    t: np.ndarray             # specifications × draws
    effect: np.ndarray        # specifications × draws
    df: np.ndarray            # t degrees of freedom (clusters less one) per specification
    tests_ordering: np.ndarray  # the regressor precedes the outcome (a lagged regressor)


def fit_curve(data: pd.DataFrame, grid: dict, draws: int = CURVE_DRAWS) -> tuple[pd.DataFrame, NullCurves]:
    """Every specification of the grid: slope, CR1 clustered standard error, t(G−1) interval and
    p, and the restricted wild cluster bootstrap p (all in NumPy, `wild_draws`). The draws share
    one Webb weight per province across specifications, so they also form the null curves of the
    joint test. Specifications whose design and outcome are identical (two samples or vintages
    that select the same numbers) are one fit: fitted once, marked `duplicate_of` the first. The
    interquartile effect converts each slope with its regressor's within-effects spread. The
    design matrices are built from arrays (the same columns as `design_matrix`, whose order does
    not change a coefficient): 1 792 pandas designs would take half a minute."""
    import hashlib

    from scipy import stats

    specs = expand_grid(grid)
    for axis in ("regressor", "outcome", "controls"):
        for name, level in grid["axes"][axis].items():
            needed = ([level["column"] + lag["suffix"] for lag in grid["axes"]["lag"].values()]
                      if axis == "regressor" else level if axis == "controls" else [level])
            absent = [c for c in needed if c not in data.columns]
            if absent:
                raise ValueError(f"{CURVE_GRID.name}: level {name!r} of axis {axis!r} needs panel columns {absent}, "
                                 f"which the panel does not have")
    columns = {c: data[c].to_numpy(float) for c in data.columns if pd.api.types.is_numeric_dtype(data[c])}
    codes = {effect: data[effect].astype("category").cat.codes.to_numpy() for effect in ("region", "year")}
    samples = {query: (data.eval(query).to_numpy(bool) if query else np.ones(len(data), bool))
               for query in grid["axes"]["sample"].values()}
    # one weight per province and draw (rows in the panel's province order), shared by every specification
    weights = webb_weights(int(codes["region"].max()) + 1, draws)
    fits: dict[str, dict] = {}
    null: dict[str, tuple] = {}
    rows = []
    for _, row in specs.iterrows():
        spec = curve_spec(row, grid)
        used = samples[spec.sample] & ~np.isnan(columns[spec.y]) & ~np.isnan(columns[spec.x])
        for control in spec.controls:
            used &= ~np.isnan(columns[control])
        index = np.flatnonzero(used)
        effects = FIXED_EFFECTS[spec.fixed_effects]
        levels = {e: np.unique(codes[e][index]) for e in effects}
        provinces = np.unique(codes["region"][index])
        n_params = 2 + len(spec.controls) + sum(len(v) - 1 for v in levels.values())
        x = columns[spec.x][index]
        out = row.to_dict() | {"y": spec.y, "x": spec.x, "n": len(index), "n_regions": len(provinces),
                               "tests_ordering": grid["axes"]["lag"][row["lag"]]["suffix"] != ""}
        reason = refusal_reason(len(index), n_params, len(np.unique(x)), len(provinces), clustered=True)
        if reason:
            rows.append(out | {"estimable": False, "reason": reason, "fit_key": "", "duplicate_of": ""})
            continue
        dummies = [(codes[e][index][:, None] == levels[e][None, 1:]).astype(float) for e in effects]
        effects_design = np.column_stack([np.ones(len(index)), *dummies])
        design = np.column_stack([effects_design, x, *(columns[c][index] for c in spec.controls)])
        column = effects_design.shape[1]
        y = columns[spec.y][index]
        key = hashlib.sha256(np.ascontiguousarray(design).tobytes() + y.tobytes()
                             + codes["region"][index].tobytes()).hexdigest()[:16]
        if key in fits:
            rows.append(out | fits[key] | {"duplicate_of": fits[key]["first_id"]})
            continue
        clusters = np.searchsorted(provinces, codes["region"][index])
        coefficient, t_value, slope_draws, t_draws = wild_draws(design, y, column, clusters, weights[provinces])
        se = coefficient / t_value
        df = len(provinces) - 1
        half = stats.t.ppf(0.5 + CI_LEVEL / 200, df) * se
        spread = interquartile_range(partial_out(x, effects_design))
        fits[key] = {"estimable": True, "reason": "", "fit_key": key, "first_id": row["id"], "coefficient": coefficient,
                     "std_error": se, "df_inference": df, "ci_low": coefficient - half, "ci_high": coefficient + half,
                     "p_value": float(2 * stats.t.sf(abs(t_value), df)),
                     "p_wild": wild_p(t_draws, t_value), "wild_draws": draws,
                     "iqr_within": spread, "effect_iqr": coefficient * spread}
        null[row["id"]] = (t_draws, slope_draws * spread, df, out["tests_ordering"])
        rows.append(out | fits[key] | {"duplicate_of": ""})
    curve = pd.DataFrame(rows).drop(columns="first_id")
    ids = tuple(null)
    return curve, NullCurves(ids, np.array([null[i][0] for i in ids]), np.array([null[i][1] for i in ids]),
                             np.array([null[i][2] for i in ids]), np.array([null[i][3] for i in ids], dtype=bool))


def distinct_fits(curve: pd.DataFrame) -> pd.DataFrame:
    """The estimable specifications, each fit once (a duplicate fit is counted with its first)."""
    return curve[curve["estimable"] & (curve["duplicate_of"].fillna("") == "")]


def _significant(rows: pd.DataFrame, alpha: float) -> pd.Series:
    return (rows["p_value"] < alpha) & (rows["p_wild"] < alpha)


def curve_summary(curve: pd.DataFrame, alpha: float = 0.05) -> dict:
    """Both signs, over distinct fits: how many have each sign, and each sign with p (t and wild
    bootstrap) below alpha, for every specification and for those that test the paper's ordering
    (a lagged regressor); the headline's rank by interquartile effect (1 = most negative)."""
    distinct = distinct_fits(curve).sort_values("effect_iqr", kind="stable").reset_index(drop=True)
    positive, negative = distinct["coefficient"] > 0, distinct["coefficient"] < 0
    both = _significant(distinct, alpha)
    ordering = distinct["tests_ordering"].astype(bool)
    headline = distinct.index[distinct["headline"]]
    shares = curve["x"].str.replace(r"_lag$", "", regex=True).isin(SHARE_DEFINITIONS)
    return {"declared": len(curve), "estimable": int(curve["estimable"].sum()), "distinct": len(distinct),
            "not_estimable": int((~curve["estimable"]).sum()),
            "not_estimable_shares": int((~curve["estimable"] & shares).sum()),
            "duplicates": int(curve["estimable"].sum()) - len(distinct),
            "positive": int(positive.sum()), "negative": int(negative.sum()),
            "positive_significant": int((positive & both).sum()), "negative_significant": int((negative & both).sum()),
            "positive_significant_t": int((positive & (distinct["p_value"] < alpha)).sum()),
            "negative_significant_t": int((negative & (distinct["p_value"] < alpha)).sum()),
            "ordering": int(ordering.sum()),
            "ordering_positive_significant": int((ordering & positive & both).sum()),
            "ordering_negative_significant": int((ordering & negative & both).sum()),
            "same_year_positive_significant": int((~ordering & positive & both).sum()),
            "same_year_negative_significant": int((~ordering & negative & both).sum()),
            "headline_rank": int(headline[0]) + 1 if len(headline) else None}


def curve_groups(curve: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """The distinct fits summarised by regressor × lag and by control set: how many, each sign,
    each sign significant (t and wild bootstrap below alpha), and the median interquartile effect."""
    distinct = distinct_fits(curve)
    significant = _significant(distinct, alpha)
    tables = []
    for by in (["regressor", "lag"], ["controls"]):
        table = distinct.assign(significant=significant).groupby(by, sort=False).apply(lambda g: pd.Series({
            "distinct": len(g), "positive": int((g["coefficient"] > 0).sum()), "negative": int((g["coefficient"] < 0).sum()),
            "positive_significant": int(((g["coefficient"] > 0) & g["significant"]).sum()),
            "negative_significant": int(((g["coefficient"] < 0) & g["significant"]).sum()),
            "median_effect_iqr": float(g["effect_iqr"].median()),
            "tests_ordering": "yes" if g["tests_ordering"].all() else "no" if not g["tests_ordering"].any() else "some"}),
            include_groups=False).reset_index()
        tables.append(table.assign(grouping=" × ".join(by)))
    frame = pd.concat(tables, ignore_index=True)
    return frame[["grouping", "regressor", "lag", "controls", "distinct", "positive", "negative", "positive_significant",
                  "negative_significant", "median_effect_iqr", "tests_ordering"]].fillna({"regressor": "", "lag": "", "controls": ""})


# The subsets of distinct fits the joint test is run on: every one, and those whose regressor is
# the previous year's (the paper's ordering: digitalisation first, growth after) or the same year's.
JOINT_SUBSETS = ("all", "ordering", "same_year")
JOINT_NULL_QUANTILE = 95  # the percentile of the null distribution printed beside each statistic


def joint_test(curve: pd.DataFrame, null: NullCurves, alpha: float = 0.05) -> pd.DataFrame:
    """Simonsohn, Simmons & Nelson (2020, Nature Human Behaviour 4, 1208–1214): is the whole curve
    more than a null would give? In each draw of the null world (`NullCurves`: β = 0 imposed in
    every specification, one Webb weight per province shared by all), count the distinct
    specifications significantly positive and significantly negative (|t| beyond the t(G−1)
    critical value at `alpha`; per draw there is no nested bootstrap, so the observed counts here
    use the same t criterion) and both signs together, and take the median interquartile effect and
    Stouffer's Z (Σz/√k, each t turned into a normal quantile z through its own t(G−1)). p = the
    share of null draws with at least as many significant results (one-sided: each count is a count
    of one sign), or a median or Z at least as far from zero as the observed one (two-sided);
    `null_p95` is the 95th percentile of the null counts
    (of their absolute values for the two-sided statistics)."""
    from scipy import stats

    observed = distinct_fits(curve).set_index("id").loc[list(null.ids)]
    critical = stats.t.ppf(1 - alpha / 2, null.df)
    t_observed = (observed["coefficient"] / observed["std_error"]).to_numpy()
    # Stouffer's Z, SSN's third statistic: Σz/√k, each t as the normal quantile of its own t(G−1) probability
    z_observed = stats.norm.ppf(stats.t.cdf(t_observed, null.df))
    z_null = stats.norm.ppf(stats.t.cdf(null.t, null.df[:, None]))
    draws = null.t.shape[1]
    masks = {"all": np.ones(len(null.ids), bool), "ordering": null.tests_ordering, "same_year": ~null.tests_ordering}
    rows = []
    for subset in JOINT_SUBSETS:
        mask = masks[subset]
        positive_null = (null.t[mask] > critical[mask, None]).sum(axis=0)
        negative_null = (null.t[mask] < -critical[mask, None]).sum(axis=0)
        median_null = np.median(null.effect[mask], axis=0)
        positive, negative = int((t_observed[mask] > critical[mask]).sum()), int((t_observed[mask] < -critical[mask]).sum())
        statistics = {
            "positive_significant": (positive, positive_null, ">="),
            "negative_significant": (negative, negative_null, ">="),
            "any_significant": (positive + negative, positive_null + negative_null, ">="),
            "median_effect_iqr": (float(np.median(observed["effect_iqr"].to_numpy()[mask])), median_null, "|>=|"),
            "stouffer_z": (float(z_observed[mask].sum() / np.sqrt(mask.sum())),
                           z_null[mask].sum(axis=0) / np.sqrt(mask.sum()), "|>=|"),
        }
        for statistic, (value, world, rule) in statistics.items():
            size = np.abs(world) if rule == "|>=|" else world
            extreme = size >= (abs(value) if rule == "|>=|" else value)
            rows.append({"subset": subset, "specifications": int(mask.sum()), "statistic": statistic, "observed": value,
                         "null_median": float(np.median(world)), "null_p95": float(np.quantile(size, JOINT_NULL_QUANTILE / 100)),
                         "null_draws_as_extreme": int(extreme.sum()), "draws": draws, "p": float(extreme.mean())})
    return pd.DataFrame(rows)
