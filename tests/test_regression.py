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
    nominal = 100 * (19586.42 / 17826.56 - 1)  # Guizhou first releases, data/raw/gdp.csv
    assert row["nominal_growth_first"] == pytest.approx(nominal)


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
