"""Regression helpers: the panel is built from the raw data, fits are right, thin data are refused."""
import csv

import numpy as np
import pandas as pd
import pytest

from compendium import data, paths, regression
from compendium.paths import ROOT
from compendium.schema import same_release
from compendium.regression import Spec, fit


@pytest.fixture(scope="module")
def panel():
    observations = data.load_all_observations()
    return regression.panel(observations, data.load_pku_dfiic(), regression.official_index(observations)[0])


def test_panel_is_31_provinces_by_12_years(panel):
    assert len(panel) == 31 * 12 and set(panel["year"]) == set(range(2012, 2024))
    assert not panel.duplicated(["region", "year"]).any()


def test_panel_values_come_from_the_raw_files(panel):
    """Expected values read off data/raw by eye and computed here by hand."""
    row = panel.set_index(["region", "year"]).loc[("Guizhou", 2021)]
    # census-revised index 108.3 (the first release was 8.1); the bureau's own broad share, 34 %
    assert row["growth"] == pytest.approx(8.3) and row["growth_first"] == 8.1 and row["growth_vintage"] == "census_revision"
    assert row["share_local"] == 34.0 and np.isnan(row["share_caict"])
    # the 2021 first release on the verified 2020 level, the base the bureau published on (data/raw/gdp.csv)
    assert row["nominal_growth_first"] == pytest.approx(100 * (19586.42 / 17860.4 - 1))
    # convergence term: census-revised 2020 GDP 18308.3 亿元 over 3858 万人 at the end of 2020
    assert row["log_gdppc_lag"] == pytest.approx(np.log(18308.3e4 / 3858))
    assert row["population_growth"] == pytest.approx(100 * (3852 / 3858 - 1))
    early = panel.set_index(["region", "year"]).loc[("Guizhou", 2013)]
    assert early["growth"] == pytest.approx(12.4) and early["growth_vintage"] == "database_2021"


def test_structural_controls_come_from_the_2021_database_rows_and_stop_in_2018(panel):
    """Guizhou 2017 takes its 2016 values, read off the 2021-database copy by eye: 城镇人口 1569.5325 of
    3555 万人; secondary industry 4468.7 of GDP 11792.4 亿元 (production table); fixed capital
    formation 7975.49 of the expenditure table's own total 11776.73 亿元."""
    row = panel.set_index(["region", "year"]).loc[("Guizhou", 2017)]
    assert row["urbanisation_lag"] == pytest.approx(100 * 1569.5325 / 3555, abs=0.005)
    assert row["secondary_share_2021_lag"] == pytest.approx(100 * 4468.7 / 11792.4)
    assert row["investment_rate_lag"] == pytest.approx(100 * 7975.49 / 11776.73)
    controls = ["urbanisation_lag", "secondary_share_2021_lag", "investment_rate_lag"]
    present = panel.loc[panel["year"] <= 2018, controls].notna()
    assert present.all(axis=None) or list(panel.loc[(panel["year"] <= 2018) & ~present.all(axis=1), ["region", "year"]]
                                          .itertuples(index=False, name=None)) == [("Anhui", 2014)]
    assert panel.loc[panel["year"] > 2018, controls].isna().all().all()


def test_the_structural_control_rows_use_31_provinces_by_7_years_with_and_without_the_controls():
    results = pd.read_csv(paths.ROOT / "data" / "derived" / "regression_results.csv").set_index("specification")
    with_controls = results.loc[results.index.str.startswith("H14 ")].iloc[0]
    without = results.loc[results.index.str.startswith("H15 ")].iloc[0]
    # 31 × 7 province-years less Anhui 2014, whose lagged investment rate rests on a suspect total
    assert with_controls["n"] == without["n"] == 31 * 7 - 1 and with_controls["n_regions"] == 31
    assert with_controls["controls"] == ("log_gdppc_lag + population_growth + urbanisation_lag + "
                                         "secondary_share_2021_lag + investment_rate_lag")
    assert without["controls"] == "log_gdppc_lag + population_growth"


def test_one_growth_vintage_per_year(panel):
    assert panel.groupby("year")["growth_vintage"].nunique().eq(1).all()
    assert set(panel.loc[panel["year"] < 2016, "growth_vintage"]) == {"database_2021"}


def test_lags_reach_back_before_the_window(panel):
    """2019's lag is the 2018 index, which the PKU file has (the series starts in 2011)."""
    pku = data.load_pku_dfiic().set_index(["region", "year"])["index_aggregate"]
    row = panel.set_index(["region", "year"]).loc[("Guizhou", 2019)]
    assert row["pku_lag"] == pytest.approx(pku[("Guizhou", 2018)] / regression.PKU_SCALE)


def test_fit_recovers_a_known_slope():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"region": [f"r{i % 10}" for i in range(60)], "year": [2019 + i % 5 for i in range(60)],
                          "x": rng.normal(size=60)})
    frame["y"] = 2.0 + 0.5 * frame["x"] + rng.normal(scale=0.01, size=60)
    result = fit(Spec("synthetic", "y", "x", "", "year", cluster=True), frame, bootstrap=False)
    assert result["estimable"] and result["coefficient"] == pytest.approx(0.5, abs=0.01)
    assert result["ci_low"] < 0.5 < result["ci_high"] and result["n"] == 60


def test_too_few_observations_are_reported_with_the_count():
    frame = pd.DataFrame({"region": ["a", "b", "c"], "year": [2021] * 3, "x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 2.5]})
    result = fit(Spec("tiny", "y", "x", ""), frame)
    assert not result["estimable"] and result["reason"] == "too_few_observations:n=3,need=4"


def test_too_few_clusters_are_refused():
    frame = pd.DataFrame({"region": ["a", "a", "b", "b", "a"], "year": [2019, 2020, 2019, 2020, 2021],
                          "x": [1.0, 2.0, 3.0, 4.0, 5.0], "y": [1.0, 2.0, 2.5, 4.0, 4.5]})
    result = fit(Spec("clusters", "y", "x", "", cluster=True), frame)
    assert result["reason"] == "too_few_clusters:clusters=2,need=3"


# ---- independent oracles: the cluster-robust formula by hand, on small data and on the headline

def cluster_robust_se(X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """CR1 standard errors from the textbook sandwich, with the usual small-sample factor
    G/(G-1) · (N-1)/(N-K) (Cameron & Miller 2015, eq. 12), written here without statsmodels."""
    n, k = X.shape
    bread = np.linalg.inv(X.T @ X)
    beta = bread @ X.T @ y
    residuals = y - X @ beta
    meat = np.zeros((k, k))
    labels = np.unique(groups)
    for g in labels:
        score = X[groups == g].T @ residuals[groups == g]
        meat += np.outer(score, score)
    g_count = len(labels)
    factor = g_count / (g_count - 1) * (n - 1) / (n - k)
    return np.sqrt(np.diag(factor * bread @ meat @ bread))


def test_clustered_errors_equal_the_hand_formula_on_a_small_panel():
    rng = np.random.default_rng(7)
    regions_, years = [f"p{i}" for i in range(8)], [2019, 2020, 2021]
    frame = pd.DataFrame([(r, t) for r in regions_ for t in years], columns=["region", "year"])
    shock = dict(zip(regions_, rng.normal(size=8)))  # a common shock per province: clustering matters
    frame["x"] = rng.normal(size=len(frame)) + frame["region"].map(shock)
    frame["y"] = 1 + 0.3 * frame["x"] + frame["region"].map(shock) + rng.normal(scale=0.5, size=len(frame))
    result = fit(Spec("small", "y", "x", "", cluster=True), frame, bootstrap=False)
    X = np.column_stack([np.ones(len(frame)), frame["x"]])
    assert result["cov_type"] == "cluster"
    assert result["std_error"] == pytest.approx(cluster_robust_se(X, frame["y"].to_numpy(), frame["region"].to_numpy())[1],
                                                rel=1e-10)
    classical = fit(Spec("small", "y", "x", "", cluster=False), frame)
    assert classical["cov_type"] == "nonrobust" and classical["std_error"] != pytest.approx(result["std_error"], rel=1e-3)


def test_the_committed_headline_equals_the_hand_formula_with_t_on_clusters_less_one():
    """Headline from the committed panel, refitted here by least squares and the textbook CR1 sandwich;
    the interval uses Student's t with G − 1 degrees of freedom (31 provinces → 30): 2.042272456."""
    results = pd.read_csv(data.paths.DATA / "derived" / "regression_results.csv")
    headline = results[results["headline"]].iloc[0]
    assert headline["cov_type"] == "cluster" and headline["se_type"] == "clustered by province, t(G-1)"
    columns = ["pku_lag", "log_gdppc_lag", "population_growth"]  # the plan's regressor, convergence term, control
    assert headline["x"] == columns[0] and headline["controls"] == " + ".join(columns[1:])
    panel = pd.read_csv(data.paths.DATA / "derived" / "regression_panel.csv").dropna(subset=["growth", *columns])
    years = sorted(panel["year"].unique())
    assert years == list(range(2012, 2024))
    X = np.column_stack([np.ones(len(panel)), *(panel[c] for c in columns)]
                        + [(panel["year"] == t).astype(float) for t in years[1:]])
    y = panel["growth"].to_numpy()
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    assert len(panel) == headline["n"] == 372
    assert headline["coefficient"] == pytest.approx(beta[1], abs=1e-5)  # the file keeps six decimals
    se = cluster_robust_se(X, y, panel["region"].to_numpy())[1]
    assert headline["std_error"] == pytest.approx(se, abs=1e-5)
    t30 = 2.0422724563012373  # scipy.stats.t.ppf(0.975, 30), also in any t table: 2.042
    assert headline["df_inference"] == 30
    assert headline["ci_low"] == pytest.approx(beta[1] - t30 * se, abs=1e-4)
    assert headline["ci_high"] == pytest.approx(beta[1] + t30 * se, abs=1e-4)


def test_wild_bootstrap_is_deterministic_and_stable_to_the_printed_digit():
    """Same seed, same p; another seed moves p by less than the printed precision allows."""
    rng = np.random.default_rng(3)
    frame = pd.DataFrame([(f"p{g}", t) for g in range(31) for t in range(2012, 2020)], columns=["region", "year"])
    shock = dict(zip(frame["region"].unique(), rng.normal(size=31)))
    frame["x"] = rng.normal(size=len(frame)) + frame["region"].map(shock)
    frame["y"] = 0.15 * frame["x"] + frame["region"].map(shock) + rng.normal(size=len(frame))
    model = regression._ols(regression.Spec("test", "y", "x", fixed_effects="year"), frame)
    groups = frame["region"].astype("category").cat.codes.to_numpy()
    first = regression.wild_bootstrap(model, "x", groups)
    assert first == regression.wild_bootstrap(model, "x", groups)
    other = regression.wild_bootstrap(model, "x", groups, seed=regression.WILD_SEED + 1)
    assert abs(first["p_wild"] - other["p_wild"]) < 4 * first["wild_mc_se"] + 1e-12
    assert first["wild_mc_se"] < 0.005  # below half a unit of the second decimal


def test_the_scatter_band_is_the_ols_confidence_interval_of_the_mean():
    """Checked against statsmodels' own prediction interval for the mean, an independent code path."""
    import statsmodels.api as sm

    rng = np.random.default_rng(3)
    x = rng.uniform(100, 400, size=31)
    y = 6 + 0.004 * x + rng.normal(scale=1.5, size=31)
    band = regression.fitted_line_band(pd.Series(x), pd.Series(y), points=7)
    fitted = sm.OLS(y, sm.add_constant(x)).fit()
    expected = fitted.get_prediction(sm.add_constant(band["x"].to_numpy())).conf_int(alpha=0.05)
    assert band["x"].iloc[0] == x.min() and band["x"].iloc[-1] == x.max()
    np.testing.assert_allclose(band[["low", "high"]].to_numpy(), expected, rtol=1e-10)


def test_the_design_matrices_are_patsys_for_every_specification():
    """The fits build their design matrices without a formula; patsy, an independent code path,
    must give the same columns (names and order) and the same numbers for every specification."""
    import patsy

    panel = pd.read_csv(paths.ROOT / "data" / "derived" / "regression_panel.csv")
    compared = 0
    for spec in regression.specifications():
        rows = regression._rows(spec, panel)
        if regression._refusal(spec, rows):
            continue
        effects = {"": "", "year": " + C(year)", "region+year": " + C(region) + C(year)"}[spec.fixed_effects]
        formula = f"{spec.y} ~ " + " + ".join([spec.x, *spec.controls]) + effects
        _, expected = patsy.dmatrices(formula, rows, return_type="dataframe")
        built = regression.design_matrix(spec, rows)
        assert list(built.columns) == list(expected.columns), spec.name
        assert (built.to_numpy() == expected.to_numpy()).all(), spec.name
        compared += 1
    assert compared >= 20


# ---- #25: what the test can detect, and the declared specification curve ------------------------

def _committed(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "derived" / name)


def test_minimum_detectable_effect_by_the_textbook_formula():
    """MDE = (t_{1−α/2, G−1} + t_{power, G−1}) × SE, worked here from the committed headline with
    SciPy's t quantiles; converted with the index's spread *within years* (year means removed by
    pandas, not by the project's least squares): the headline has year effects, so that is the
    variation its slope is estimated from."""
    from scipy import stats

    headline = _committed("regression_results.csv").query("headline").iloc[0]
    power = _committed("regression_power.csv").set_index("specification").loc[headline["specification"]]
    expected = (stats.t.ppf(0.975, headline["df_inference"]) + stats.t.ppf(0.80, headline["df_inference"])) \
        * headline["std_error"]
    assert power["mde"] == pytest.approx(expected, rel=1e-5)
    panel = _committed("regression_panel.csv").dropna(subset=["growth", "pku_lag", "log_gdppc_lag", "population_growth"])
    within = panel["pku_lag"] - panel.groupby("year")["pku_lag"].transform("mean")
    iqr = within.quantile(0.75) - within.quantile(0.25)
    pooled = panel["pku_lag"].quantile(0.75) - panel["pku_lag"].quantile(0.25)
    assert iqr < pooled / 4  # the trend is most of the pooled spread: the two scales cannot be confused
    assert power["iqr_within"] == pytest.approx(iqr, rel=1e-4)
    assert power["mde_iqr_within"] == pytest.approx(expected * iqr, rel=1e-4)
    assert power["mean_growth"] == pytest.approx(panel["growth"].mean(), rel=1e-6)
    assert power["mde_share_of_mean_growth"] == pytest.approx(expected * iqr / panel["growth"].mean(), rel=1e-4)
    assert bool(power["informative"]) is bool(expected * iqr <= regression.INFORMATIVE_SHARE * panel["growth"].mean())
    # the bound read against the plan's threshold, on this spread and on the pooled one
    threshold = regression.INFORMATIVE_SHARE * panel["growth"].mean()
    assert power["threshold_effect"] == pytest.approx(threshold, rel=1e-6)
    assert bool(power["excludes_threshold"]) is bool(headline["ci_high"] * iqr < threshold)
    assert bool(power["excludes_threshold_pooled"]) is bool(headline["ci_high"] * pooled < threshold)
    assert bool(power["informative_pooled"]) is bool(expected * pooled <= threshold)
    growth_within = panel["growth"] - panel.groupby("year")["growth"].transform("mean")
    growth_iqr = growth_within.quantile(0.75) - growth_within.quantile(0.25)
    assert power["growth_iqr_within"] == pytest.approx(growth_iqr, rel=1e-4)
    assert bool(power["informative_on_growth_iqr"]) is bool(expected * iqr <= regression.INFORMATIVE_SHARE * growth_iqr)
    # the share of the index's variance the year effects absorb, and its within-year correlation with income
    assert power["fe_absorbed_share"] == pytest.approx(
        1 - (within ** 2).sum() / ((panel["pku_lag"] - panel["pku_lag"].mean()) ** 2).sum(), rel=1e-4)
    income = panel["log_gdppc_lag"] - panel.groupby("year")["log_gdppc_lag"].transform("mean")
    assert power["corr_income_within"] == pytest.approx(np.corrcoef(within, income)[0, 1], rel=1e-4)
    # every interquartile effect of the headline on the same scale
    effects = _committed("regression_effects.csv").set_index("specification").loc[headline["specification"]]
    assert effects["iqr_within"] == pytest.approx(iqr, rel=1e-4)
    assert effects["effect"] == pytest.approx(headline["coefficient"] * iqr, rel=1e-4)
    assert effects["effect_low"] == pytest.approx(headline["ci_low"] * iqr, rel=1e-4)
    curve = _committed("specification_curve.csv").query("headline").iloc[0]
    assert curve["iqr_within"] == pytest.approx(iqr, rel=1e-4)
    assert curve["effect_iqr"] == pytest.approx(headline["coefficient"] * iqr, rel=1e-3)


def _small_panel(seed: int = 3, provinces: int = 6, years: int = 5) -> pd.DataFrame:
    """A balanced panel whose regressor carries a strong common trend, a province level and noise,
    and a control correlated with the regressor within years."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame([(f"p{i}", 2000 + t) for i in range(provinces) for t in range(years)], columns=["region", "year"])
    trend = 3.0 * (frame["year"] - 2000)
    level = frame["region"].str[1:].astype(int) * 0.4
    frame["x"] = trend + level + rng.normal(0, 0.5, len(frame))
    frame["w"] = 0.6 * frame["x"] + rng.normal(0, 1.0, len(frame))
    frame["y"] = rng.normal(5, 1, len(frame))
    return frame


@pytest.mark.parametrize("fixed_effects", ["year", "region+year", ""])
def test_power_and_collinearity_on_the_within_effects_scale_by_hand(fixed_effects):
    """On a small balanced panel, by hand: the spread after the fixed effects is the regressor less
    its year means (year effects), less its province and year means plus the grand mean (two-way
    effects on a balanced panel), less its mean (none); the variance inflation against the control
    within those effects is 1 / (1 − r²) of the two demeaned columns; and the absorbed share is one
    less the within sum of squares over the total."""
    from scipy import stats

    frame = _small_panel()

    def demean(column):
        v = frame[column]
        if fixed_effects == "year":
            return v - frame.groupby("year")[column].transform("mean")
        if fixed_effects == "region+year":
            return (v - frame.groupby("year")[column].transform("mean") - frame.groupby("region")[column].transform("mean")
                    + v.mean())
        return v - v.mean()

    spec = Spec("t", "y", "x", fixed_effects=fixed_effects, cluster=True, controls=("w",))
    power = regression.design_power(spec, frame.assign(log_gdppc_lag=frame["w"]),
                                    {"std_error": 0.5, "df_inference": 5, "ci_high": 1.5})
    x, w = demean("x"), demean("w")
    iqr = np.percentile(x, 75) - np.percentile(x, 25)
    mde = (stats.t.ppf(0.975, 5) + stats.t.ppf(0.8, 5)) * 0.5
    r = np.corrcoef(x, w)[0, 1]
    assert power["iqr_within"] == pytest.approx(iqr, rel=1e-9)
    assert power["mde_iqr_within"] == pytest.approx(mde * iqr, rel=1e-9)
    assert power["informative"] is bool(mde * iqr <= 0.25 * frame["y"].mean())
    assert power["vif_controls"] == pytest.approx(1 / (1 - r ** 2), rel=1e-9)
    assert power["fe_absorbed_share"] == pytest.approx(1 - (x ** 2).sum() / ((frame["x"] - frame["x"].mean()) ** 2).sum(),
                                                       abs=1e-12)
    assert power["corr_income_within"] == pytest.approx(r, rel=1e-9)
    # with the control held fixed too: the residual of x on w, both demeaned (Frisch–Waugh)
    residual = x - (x @ w) / (w @ w) * w
    iqr_residual = np.percentile(residual, 75) - np.percentile(residual, 25)
    assert power["iqr_residual"] == pytest.approx(iqr_residual, rel=1e-9)
    assert power["mde_iqr_residual"] == pytest.approx(mde * iqr_residual, rel=1e-9)
    threshold = 0.25 * frame["y"].mean()
    assert power["excludes_threshold"] is bool(1.5 * iqr < threshold)
    pooled = np.percentile(frame["x"], 75) - np.percentile(frame["x"], 25)
    if fixed_effects:
        assert iqr < pooled / 3  # the planted trend: the pooled spread would be several times too wide
    effect = regression.interquartile_effect({"coefficient": 2.0, "ci_low": -1.0, "ci_high": 3.0}, frame, spec)
    assert (effect["effect"], effect["effect_low"], effect["effect_high"]) == pytest.approx((2 * iqr, -iqr, 3 * iqr))


def test_the_fast_wild_bootstrap_agrees_with_wildboottest_within_monte_carlo_error():
    """The NumPy algebra of the curve against the library's p-values of the committed rows."""
    panel = _committed("regression_panel.csv")
    results = _committed("regression_results.csv").set_index("specification")
    draws = 4_999
    for key in ("H0", "H", "O1", "D2"):
        spec = next(s for s in regression.specifications() if s.name.split()[0] == key)
        rows = regression._rows(spec, panel)
        design = regression.design_matrix(spec, rows)
        clusters = rows["region"].astype("category").cat.codes.to_numpy()
        weights = regression.webb_weights(rows["region"].nunique(), draws, seed=7)
        slope, t_value, p = regression.wild_p_fast(design.to_numpy(), rows[spec.y].to_numpy(float),
                                                  list(design.columns).index(spec.x), clusters, weights)
        committed = results.loc[spec.name]
        assert slope == pytest.approx(committed["coefficient"], abs=1e-4)  # the panel file holds 6 decimals
        assert t_value == pytest.approx(committed["coefficient"] / committed["std_error"], rel=1e-4)
        error = np.sqrt(committed["p_wild"] * (1 - committed["p_wild"]) * (1 / draws + 1 / committed["wild_draws"]))
        assert abs(p - committed["p_wild"]) < 4 * error, (key, p, committed["p_wild"])


def test_every_declared_specification_is_in_the_curve_with_the_hash_of_the_grid():
    """The grid expanded here with itertools from the YAML, not with the project's code."""
    import hashlib
    import itertools

    import yaml

    grid_path = ROOT / "paper" / "specification_grid.yaml"
    grid = yaml.safe_load(grid_path.read_text(encoding="utf-8"))
    declared = {"/".join(c) for c in itertools.product(*(list(v) for v in grid["axes"].values()))}
    curve = _committed("specification_curve.csv")
    assert set(curve["id"]) == declared and len(curve) == len(declared)
    assert (curve["grid_sha256"] == hashlib.sha256(grid_path.read_bytes()).hexdigest()).all()
    estimable = curve[curve["estimable"]]
    assert len(estimable) >= 200
    assert estimable[["p_value", "p_wild"]].notna().all().all()
    assert (estimable["df_inference"] == estimable["n_regions"] - 1).all()
    # the headline: the plan's `headline:` line, read here with a regular expression of its own
    import re

    line = re.search(r"^headline: (.+)$", (ROOT / "paper" / "analysis_plan.md").read_text(encoding="utf-8"), re.M).group(1)
    planned_point = dict(pair.split("=") for pair in line.split(", "))
    headline = curve[curve["headline"]]
    assert list(headline["id"]) == ["/".join(planned_point[a] for a in grid["axes"])]
    planned = _committed("regression_results.csv").query("headline").iloc[0]
    assert headline["coefficient"].iloc[0] == pytest.approx(planned["coefficient"], abs=1e-4)


def test_the_curve_summary_counts_both_signs_by_hand():
    # six rows: the fifth repeats the first's fit (counted once), the last is not estimable
    curve = pd.DataFrame({"estimable": [True] * 6 + [False], "headline": [False, False, True, False, False, False, False],
                          "duplicate_of": ["", "", "", "", "a", "", ""],
                          "tests_ordering": [True, True, False, False, True, True, False],
                          "coefficient": [1.0, -2.0, 0.5, -0.1, 1.0, 3.0, np.nan],
                          "effect_iqr": [1.0, -2.0, 0.5, -0.1, 1.0, 3.0, np.nan],
                          "p_value": [0.01, 0.02, 0.5, 0.03, 0.01, 0.2, np.nan],
                          "p_wild": [0.02, 0.2, 0.5, 0.04, 0.02, 0.01, np.nan],
                          "x": ["pku_lag"] * 6 + ["share_local_lag"]})
    summary = regression.curve_summary(curve, 0.05)
    assert summary == {"declared": 7, "estimable": 6, "distinct": 5, "not_estimable": 1, "not_estimable_shares": 1,
                       "duplicates": 1, "positive": 3, "negative": 2,
                       "positive_significant": 1, "negative_significant": 1, "positive_significant_t": 1,
                       "negative_significant_t": 2, "ordering": 3, "ordering_positive_significant": 1,
                       "ordering_negative_significant": 0, "same_year_positive_significant": 0,
                       "same_year_negative_significant": 1,
                       "headline_rank": 3}  # sorted effects −2, −0.1, 0.5, 1, 3: the headline's 0.5 is third


def test_duplicate_fits_are_marked_and_equal_to_their_first():
    """In the committed curve: a row marked as another's duplicate has that row's numbers; rows not
    marked never share a fit (the same slope, error and n); and one duplicate worked out by hand:
    on the paper's window 2019–2023 the spliced outcome is the census-revised series (it starts in
    2016), so the two outcomes are one fit."""
    curve = _committed("specification_curve.csv")
    estimable = curve[curve["estimable"]]
    first = estimable.set_index("id")
    marked = estimable[estimable["duplicate_of"].fillna("") != ""]
    assert len(marked) > 0
    for column in ("coefficient", "std_error", "n", "p_wild", "effect_iqr"):
        assert (marked[column].to_numpy() == first.loc[marked["duplicate_of"], column].to_numpy()).all(), column
    distinct = estimable[estimable["duplicate_of"].fillna("") == ""]
    assert not distinct.duplicated(["coefficient", "std_error", "n"]).any()
    assert len(estimable.drop_duplicates(["coefficient", "std_error", "n"])) == len(distinct)
    window = "pku/previous_year/convergence_population/year/paper_window/"
    assert first.loc[window + "census_revision", "duplicate_of"] == window + "spliced"
    assert (curve["tests_ordering"] == (curve["lag"] == "previous_year")).all()


def _curve_panel(effect: float, seed: int) -> pd.DataFrame:
    """31 provinces × 12 years: a regressor with a trend and a province level, its lag, a control,
    and growth = effect × lagged regressor + province-correlated noise."""
    rng = np.random.default_rng(seed)
    provinces, years = 31, 12
    frame = pd.DataFrame([(f"p{i:02d}", 2000 + t) for i in range(provinces) for t in range(years)],
                         columns=["region", "year"])
    level = rng.normal(0, 1, provinces)[frame["region"].str[1:].astype(int)]
    frame["x"] = 0.3 * (frame["year"] - 2000) + level + rng.normal(0, 0.5, len(frame))
    frame["x_lag"] = frame.groupby("region")["x"].shift(1)
    frame["z"] = frame["x"] + rng.normal(0, 1, len(frame))
    frame["z_lag"] = frame.groupby("region")["z"].shift(1)
    frame["w"] = rng.normal(0, 1, len(frame))
    shock = rng.normal(0, 1, provinces)[frame["region"].str[1:].astype(int)]
    frame["growth"] = effect * frame["x_lag"].fillna(0) + shock + rng.normal(0, 1, len(frame))
    frame["growth_b"] = frame["growth"].where(frame["year"] >= 2004)  # another "vintage": fewer years
    return frame


SMALL_GRID = {"axes": {"regressor": {"x": {"column": "x", "unit": ""}, "z": {"column": "z", "unit": ""}},
                       "lag": {"previous_year": {"suffix": "_lag"}, "same_year": {"suffix": ""}},
                       "controls": {"none": [], "w": ["w"]},
                       "fixed_effects": {"year": "year", "two_way": "region+year"},
                       "sample": {"all": "", "late": "year >= 2004"},
                       "outcome": {"a": "growth", "b": "growth_b"}},
              "headline": {"regressor": "x", "lag": "previous_year", "controls": "none", "fixed_effects": "year",
                           "sample": "all", "outcome": "a"}}


def test_the_joint_test_rejects_a_planted_effect_and_not_a_null_panel():
    """Simonsohn, Simmons & Nelson's joint test on a small grid of 64 specifications: with growth
    1.0 × the lagged regressor the curve has more significantly positive fits than nearly every null
    curve; panels with no effect are rejected at about the nominal rate. The sample `late` and outcome `b` select the same
    rows, so those fits are marked as duplicates and the test runs on distinct fits only."""
    planted, planted_null = regression.fit_curve(_curve_panel(1.0, seed=1), SMALL_GRID, draws=199)
    # (all, b), (late, a) and (late, b) select the same rows and numbers: one fit, two duplicates, in
    # each of the 16 groups of the other axes
    assert planted["duplicate_of"].fillna("").ne("").sum() == 32
    assert len(planted_null.ids) == 32
    joint = regression.joint_test(planted, planted_null).set_index(["subset", "statistic"])
    assert joint.loc[("all", "positive_significant"), "p"] < 0.05
    assert joint.loc[("ordering", "positive_significant"), "p"] < 0.05
    assert joint.loc[("ordering", "median_effect_iqr"), "p"] < 0.01
    assert joint.loc[("all", "negative_significant"), "p"] == 1.0
    # with no effect, a null panel is rejected about as often as the 5 % size says: 40 panels
    rejected = []
    for seed in range(10, 50):
        fitted, null_curves = regression.fit_curve(_curve_panel(0.0, seed=seed), SMALL_GRID, draws=99)
        rejected.append(regression.joint_test(fitted, null_curves).query("subset == 'all'")["p"].to_numpy() < 0.05)
    assert (np.mean(rejected, axis=0) <= 0.15).all(), np.mean(rejected, axis=0)
    null, null_null = regression.fit_curve(_curve_panel(0.0, seed=10), SMALL_GRID, draws=199)
    joint = regression.joint_test(null, null_null).set_index(["subset", "statistic"])
    assert (joint.xs("all", level="subset")["p"] > 0.05).all(), joint
    # the observed counts are the t-criterion counts of the distinct fits, by hand
    distinct = null[null["estimable"] & (null["duplicate_of"] == "")]
    from scipy import stats

    critical = stats.t.ppf(0.975, distinct["df_inference"])
    t_values = distinct["coefficient"] / distinct["std_error"]
    assert joint.loc[("all", "positive_significant"), "observed"] == (t_values > critical).sum()
    assert joint.loc[("all", "negative_significant"), "observed"] == (t_values < -critical).sum()
    assert joint.loc[("all", "median_effect_iqr"), "observed"] == pytest.approx(distinct["effect_iqr"].median())


def test_the_committed_joint_test_counts_match_the_committed_curve():
    """The observed counts and median of the committed joint test, recomputed from the committed
    curve with SciPy's t quantiles; and the p-values lie in [0, 1] on the declared draws."""
    from scipy import stats

    curve = _committed("specification_curve.csv")
    distinct = curve[curve["estimable"] & curve["duplicate_of"].isna()]
    joint = _committed("specification_curve_joint.csv").set_index(["subset", "statistic"])
    for subset, rows in (("all", distinct), ("ordering", distinct[distinct["lag"] == "previous_year"]),
                         ("same_year", distinct[distinct["lag"] == "same_year"])):
        t_values = rows["coefficient"] / rows["std_error"]
        critical = stats.t.ppf(0.975, rows["df_inference"])
        assert joint.loc[(subset, "positive_significant"), "observed"] == (t_values > critical).sum()
        assert joint.loc[(subset, "negative_significant"), "observed"] == (t_values < -critical).sum()
        assert joint.loc[(subset, "median_effect_iqr"), "observed"] == pytest.approx(rows["effect_iqr"].median(), abs=1e-5)
        assert (joint.loc[subset, "specifications"] == len(rows)).all()
    assert (joint["draws"] == regression.CURVE_DRAWS).all() and joint["p"].between(0, 1).all()


def _grid_text() -> str:
    return (ROOT / "paper" / "specification_grid.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, named", [
    # a seventh axis: the curve would fit every specification again, unchanged
    ("axes:\n", "axes:\n  cluster:\n    province: region\n", "'cluster'"),
    # a level of a known axis that the code cannot read
    ("    two_way: region+year\n", "    two_way: region+year\n    three_way: region+year+month\n", "'three_way'"),
    ("    pku: {column: pku, unit: per 100 points of the PKU index}\n",
     "    pku: {column: pku, unit: per 100 points of the PKU index, scale: 10}\n", "'pku'"),
])
def test_the_grid_refuses_an_axis_or_level_the_curve_does_not_consume(tmp_path, old, new, named):
    text = _grid_text()
    assert text.count(old) == 1
    path = tmp_path / "specification_grid.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError, match=named):
        regression.load_grid(path)
    regression.load_grid()  # the committed grid passes


def test_the_headline_is_named_once_in_the_plan(tmp_path):
    """The grid may not name a headline of its own, and the plan's headline must be a point of it."""
    grid = tmp_path / "specification_grid.yaml"
    grid.write_text(_grid_text() + "headline: {regressor: pku}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="one key, 'axes'"):
        regression.load_grid(grid)
    plan = tmp_path / "analysis_plan.md"
    plan.write_text((ROOT / "paper" / "analysis_plan.md").read_text(encoding="utf-8")
                    .replace("regressor=pku,", "regressor=pku_width,"), encoding="utf-8")
    with pytest.raises(ValueError, match="pku_width"):
        regression.load_grid(plan=plan)
    headline = [spec for spec in regression.specifications() if spec.headline]
    assert len(headline) == 1 and headline[0].name == regression.HEADLINE_NAME
    assert (headline[0].y, headline[0].x, headline[0].fixed_effects, headline[0].controls, headline[0].sample) == \
        ("growth", "pku_lag", "year", ("log_gdppc_lag", "population_growth"), "")


def _one_vintage(values, vintage):
    """A (region, year) series carrying its vintage, as regression.panel's look-ups do."""
    out = pd.Series(values, index=pd.MultiIndex.from_tuples([("Anhui", 2012)], names=["region", "year"]))
    out.attrs["vintages"] = ("m", (vintage,))
    return out


def test_a_ratio_is_taken_within_one_vintage_and_the_investment_rate_over_its_own_table():
    assert regression.table_ratio(_one_vintage([2.0], "database_2021"), _one_vintage([4.0], "database_2021")).iloc[0] == 0.5
    with pytest.raises(ValueError, match="across vintages"):
        regression.table_ratio(_one_vintage([2.0], "database_2021"), _one_vintage([4.0], "census_revision"))
    panel = pd.read_csv(ROOT / "data" / "derived" / "regression_panel.csv").set_index(["region", "year"])
    # by hand from data/raw/provincial_panel.csv: Anhui 2012 fixed capital formation 8680.90 over the
    # expenditure table's own total 17212.05 (the production table's GDP is another revision)
    assert panel.loc[("Anhui", 2013), "investment_rate_lag"] == pytest.approx(100 * 8680.90 / 17212.05, abs=1e-5)
    # Anhui 2013's printed total repeats 2012's: never used, so 2014's lag is missing
    assert np.isnan(panel.loc[("Anhui", 2014), "investment_rate_lag"])


def test_each_table_of_an_export_is_a_state_of_its_own_and_a_ratio_across_two_is_refused():
    """The 2021 export's expenditure table was not revised with its production table: its rows carry
    a vintage of their own, and fixed capital formation over the production table's GDP is refused.
    Worked out with the csv module from data/raw: how far the two tables' GDP lie apart, as the
    register's note says (data/sources.csv, nbs_expenditure_2021db)."""
    raw = {}
    for name in ("provincial_panel.csv", "gdp.csv"):
        with open(ROOT / "data" / "raw" / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                raw[(row["region"], int(row["year"]), row["measure"], row["vintage"])] = row
    expenditure = {k[:2]: float(r["value"]) for k, r in raw.items() if k[2] == "gdp_expenditure"}
    assert {r["vintage"] for k, r in raw.items() if r["source_id"] == "nbs_expenditure_2021db"} == {"database_2021_expenditure"}
    production = {k[:2]: float(raw[(*k, "gdp", "database_2021")]["value"]) for k in expenditure}
    apart = [k for k in expenditure if abs(expenditure[k] / production[k] - 1) > 0.01]
    assert (len(expenditure), len(apart)) == (217, 173)
    assert (expenditure[("Beijing", 2012)], production[("Beijing", 2012)]) == (17879.4, 19024.7)
    register = {r["source_id"]: r for r in csv.DictReader(open(ROOT / "data" / "sources.csv", encoding="utf-8", newline=""))}
    assert "173 of the 217 province-years" in register["nbs_expenditure_2021db"]["notes"]
    # the investment rate over the wrong table moves by up to 43 points (Inner Mongolia 2013)
    fixed = float(raw[("Inner Mongolia", 2013, "gross_fixed_capital_formation", "database_2021_expenditure")]["value"])
    key = ("Inner Mongolia", 2013)
    assert 100 * fixed / production[key] - 100 * fixed / expenditure[key] == pytest.approx(43.37, abs=0.01)
    # the loader's rule: one table state per ratio
    assert not same_release("database_2021", "database_2021_expenditure")
    with pytest.raises(ValueError, match="across vintages"):
        regression.table_ratio(_one_vintage([2.0], "database_2021_expenditure"), _one_vintage([4.0], "database_2021"))
    assert regression.table_ratio(_one_vintage([2.0], "database_2021_expenditure"),
                                  _one_vintage([4.0], "database_2021_expenditure")).iloc[0] == 0.5


def test_population_carries_its_true_vintage_and_gdp_per_head_divides_within_one_database_state():
    raw = pd.read_csv(ROOT / "data" / "raw" / "provincial_panel.csv", keep_default_na=False)
    population = raw[raw["measure"] == "population"]
    assert set(population["vintage"]) == {"database_2021", "database_2025"}
    # the 2021 database and the 2025 database disagree (the revision after the 7th population census):
    # Shandong 2015 as printed in the two copies
    keyed = population.set_index(["region", "year", "vintage"])["value"].astype(float)
    assert keyed[("Shandong", 2015, "database_2021")] == 9847.16 and keyed[("Shandong", 2015, "database_2025")] == 9866

    # census-revised GDP over the population of the same database state: allowed; over the 2021 database's: refused
    assert regression.table_ratio(_one_vintage([10.0], "census_revision"), _one_vintage([4.0], "database_2025")).iloc[0] == 2.5
    with pytest.raises(ValueError, match="across vintages"):
        regression.table_ratio(_one_vintage([10.0], "census_revision"), _one_vintage([4.0], "database_2021"))
    with pytest.raises(ValueError, match="across vintages"):  # a mixed series is refused too
        mixed = _one_vintage([4.0], "database_2025")
        mixed.attrs["vintages"] = ("m", ("database_2021", "database_2025"))
        regression.table_ratio(_one_vintage([10.0], "census_revision"), mixed)
    panel = pd.read_csv(ROOT / "data" / "derived" / "regression_panel.csv").set_index(["region", "year"])
    # by hand: Shandong 2015 census-revised GDP over the 2025 database's population (not the 2021 database's)
    gdp = pd.read_csv(ROOT / "data" / "raw" / "gdp.csv", keep_default_na=False)
    shandong = gdp[(gdp["measure"] == "gdp") & (gdp["vintage"] == "census_revision") & (gdp["region"] == "Shandong")
                   & (gdp["year"] == 2015)]["value"].astype(float)
    assert len(shandong) == 1
    # the CSV keeps six decimals
    assert panel.loc[("Shandong", 2016), "log_gdppc_lag"] == pytest.approx(np.log(1e4 * shandong.iloc[0] / 9866), abs=1e-6)


def test_a_silently_edited_grid_is_refused_until_the_plan_records_it(tmp_path):
    """A valid grid with one level dropped (a held-back kind of sabotage: the curve shrinks, and a
    test that expands the same file agrees) is refused: the plan's `grid:` line pins the hash and
    the number of specifications. Recorded in a copy of the plan, the edit passes."""
    import hashlib

    text = _grid_text()
    dropped = text.replace("    no_pandemic: not pandemic\n", "")
    assert dropped != text
    grid = tmp_path / "specification_grid.yaml"
    grid.write_text(dropped, encoding="utf-8")
    with pytest.raises(ValueError, match="1344 specifications, but analysis_plan.md declares 7555dc184352… and 1792"):
        regression.load_grid(grid)
    plan = tmp_path / "analysis_plan.md"
    plan.write_text((ROOT / "paper" / "analysis_plan.md").read_text(encoding="utf-8")
                    + f"\ngrid: sha256={hashlib.sha256(dropped.encode()).hexdigest()}, specifications=1344\n",
                    encoding="utf-8")
    assert len(regression.expand_grid(regression.load_grid(grid, plan))) == 1344
    # the committed pair agrees, and the count is the product of the levels, counted here from the YAML
    import yaml

    axes = yaml.safe_load(text)["axes"]
    assert regression.planned_grid() == (hashlib.sha256(text.encode()).hexdigest(),
                                         int(np.prod([len(levels) for levels in axes.values()])))
