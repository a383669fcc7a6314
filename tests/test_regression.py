"""Regression helpers: the panel is built from the raw data, fits are right, thin data are refused."""
import numpy as np
import pandas as pd
import pytest

from compendium import data, regression
from compendium.regression import Spec, fit


@pytest.fixture(scope="module")
def panel():
    return regression.panel(data.load_all_observations(), data.load_pku_dfiic())


def test_panel_is_31_provinces_by_5_years(panel):
    assert len(panel) == 31 * 5
    assert not panel.duplicated(["region", "year"]).any()


def test_panel_values_come_from_the_raw_files(panel):
    row = panel.set_index(["region", "year"]).loc[("Guizhou", 2021)]
    assert row["growth"] == 8.1 and row["share"] == 34.0 and row["share_definition"] == "de_share_local"
    # the 2021 first release on the verified 2020 level, the base the bureau published on (data/raw/gdp.csv)
    assert row["nominal_growth_first"] == pytest.approx(100 * (19586.42 / 17860.41 - 1))


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
    result = fit(Spec("synthetic", "y", "x", "", "year", cluster=True), frame)
    assert result["estimable"] and result["coefficient"] == pytest.approx(0.5, abs=0.01)
    assert result["ci_low"] < 0.5 < result["ci_high"] and result["n"] == 60


def test_too_few_observations_are_reported_with_the_count():
    frame = pd.DataFrame({"region": ["a", "b", "c"], "year": [2021] * 3, "x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 2.5]})
    result = fit(Spec("tiny", "y", "x", ""), frame)
    assert not result["estimable"] and result["reason"] == "not estimated: only 3 observations (need 4)"


def test_too_few_clusters_are_refused():
    frame = pd.DataFrame({"region": ["a", "a", "b", "b", "a"], "year": [2019, 2020, 2019, 2020, 2021],
                          "x": [1.0, 2.0, 3.0, 4.0, 5.0], "y": [1.0, 2.0, 2.5, 4.0, 4.5]})
    result = fit(Spec("clusters", "y", "x", "", cluster=True), frame)
    assert result["reason"] == "not estimated: only 2 provinces to cluster on (need 3)"


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
    result = fit(Spec("small", "y", "x", "", cluster=True), frame)
    X = np.column_stack([np.ones(len(frame)), frame["x"]])
    assert result["cov_type"] == "cluster"
    assert result["std_error"] == pytest.approx(cluster_robust_se(X, frame["y"].to_numpy(), frame["region"].to_numpy())[1],
                                                rel=1e-10)
    classical = fit(Spec("small", "y", "x", "", cluster=False), frame)
    assert classical["cov_type"] == "nonrobust" and classical["std_error"] != pytest.approx(result["std_error"], rel=1e-3)


def test_the_committed_headline_is_clustered_as_labelled_and_equals_the_hand_formula():
    results = pd.read_csv(data.paths.DATA / "derived" / "regression_results.csv")
    headline = results[results["headline"]].iloc[0]
    assert headline["cov_type"] == "cluster" and "clustered" in headline["specification"]
    panel = pd.read_csv(data.paths.DATA / "derived" / "regression_panel.csv").dropna(subset=["growth", "pku"])
    years = sorted(panel["year"].unique())
    X = np.column_stack([np.ones(len(panel)), panel["pku"]] + [(panel["year"] == t).astype(float) for t in years[1:]])
    y = panel["growth"].to_numpy()
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    assert len(panel) == headline["n"]
    assert headline["coefficient"] == pytest.approx(beta[1], abs=1e-6)  # the file keeps six decimals
    assert headline["std_error"] == pytest.approx(cluster_robust_se(X, y, panel["region"].to_numpy())[1], abs=1e-6)
    # a 95 % interval with the normal critical value statsmodels uses for clustered errors
    z = 1.959963984540054
    assert headline["ci_low"] == pytest.approx(headline["coefficient"] - z * headline["std_error"], abs=1e-5)
    assert headline["ci_high"] == pytest.approx(headline["coefficient"] + z * headline["std_error"], abs=1e-5)
