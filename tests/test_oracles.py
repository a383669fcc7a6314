"""Independent oracles for the published regression numbers: settings read from the analysis plan's
own words, the scale recomputed from the raw PKU file by plain least squares, the wild bootstrap
re-implemented here in a plain loop, and the robustness tables checked for completeness. None of
this calls the pipeline's fitting code; a defect rebuilt and committed cannot pass it by
construction (each was shown to fail on a planted defect: see the closing note of issue #26)."""
import re

import numpy as np
import pandas as pd
import pytest

from compendium.paths import ROOT

DERIVED = ROOT / "data" / "derived"
PLAN = (ROOT / "paper" / "analysis_plan.md").read_text(encoding="utf-8")


def _headline_row():
    results = pd.read_csv(DERIVED / "regression_results.csv")
    return results[results["headline"]].iloc[0]


def test_inference_settings_are_the_plans_words():
    """'19 999 draws, seed 20261123' in the plan: the committed headline used exactly these."""
    draws = int(re.search(r"([\d ]+) draws, seed", PLAN).group(1).replace(" ", ""))
    seed = int(re.search(r"seed (\d+)", PLAN).group(1))
    headline = _headline_row()
    assert int(headline["wild_draws"]) == draws == 19_999
    from compendium import regression

    assert (regression.WILD_DRAWS, regression.WILD_SEED) == (draws, seed)
    assert headline["wild_mc_se"] == pytest.approx(np.sqrt(headline["p_wild"] * (1 - headline["p_wild"]) / draws), rel=1e-3)


def test_the_power_rule_is_the_plans_words():
    """'at most a quarter of mean growth', 'the 25 % rule', 'with 80 % power': the code's constants."""
    from compendium import regression

    assert "The 25 % rule" in PLAN and re.search(r"at most a\s+quarter of mean growth", PLAN)
    assert regression.INFORMATIVE_SHARE == 0.25
    assert "with 80 % power" in PLAN and regression.POWER == 0.80


def _raw_headline_frame() -> pd.DataFrame:
    """The headline's rows rebuilt from data/raw with pandas only: growth (2021 database before
    2016, census-revised from 2016), the PKU index of the previous year in raw index points, log
    GDP per head of the previous year (census-revised GDP, 亿元 → 元, over population, 万人 → persons)
    and population growth."""
    gdp = pd.read_csv(ROOT / "data" / "raw" / "gdp.csv")
    panel = pd.read_csv(ROOT / "data" / "raw" / "provincial_panel.csv")
    pku = pd.read_stata(ROOT / "data" / "raw" / "pku_dfiic" / "PKU_DFIIC_province.dta")
    names = {"Inner Mongolia": "Inner Mongolia"}
    pku["region"] = pku["prov_name_eng"].str.strip().map(lambda s: names.get(s, s.title()))
    pku["region"] = pku["region"].replace({"Neimenggu": "Inner Mongolia", "Xizang": "Tibet"})
    growth = gdp[gdp["measure"] == "gdp_real_growth"]
    growth = pd.concat([growth[(growth["vintage"] == "database_2021") & (growth["year"] < 2016)],
                        growth[(growth["vintage"] == "census_revision") & (growth["year"] >= 2016)]])
    provinces = set(panel["region"])
    frame = growth[growth["region"].isin(provinces) & growth["year"].between(2012, 2023)][["region", "year", "value"]]
    frame = frame.rename(columns={"value": "growth"})
    level = gdp[(gdp["measure"] == "gdp") & (gdp["vintage"] == "census_revision")].set_index(["region", "year"])["value"]
    people = panel[(panel["measure"] == "population") & (panel["vintage"] == "database_2025")].set_index(["region", "year"])["value"]
    index = pku.set_index(["region", "year"])["index_aggregate"]
    rows = []
    for r in frame.itertuples():
        rows.append({"region": r.region, "year": r.year, "growth": r.growth,
                     "pku_points_lag": index.get((r.region, r.year - 1), np.nan),
                     "log_gdppc_lag": np.log(level.get((r.region, r.year - 1), np.nan) * 1e4 / people.get((r.region, r.year - 1), np.nan)),
                     "population_growth": 100 * (people.get((r.region, r.year), np.nan) / people.get((r.region, r.year - 1), np.nan) - 1)})
    return pd.DataFrame(rows).dropna()


def _ols_cluster(frame: pd.DataFrame, x: str, controls: list[str]):
    years = sorted(frame["year"].unique())
    design = np.column_stack([np.ones(len(frame)), frame[x], *(frame[c] for c in controls),
                              *((frame["year"] == y).astype(float) for y in years[1:])])
    y = frame["growth"].to_numpy()
    beta = np.linalg.lstsq(design, y, rcond=None)[0]
    return design, y, beta


def test_the_headline_slope_is_per_hundred_points_of_the_raw_index():
    """Plain least squares on raw index points gives the slope per point; the report's unit is per
    hundred points, so the published slope is 100 times it (a scale of 10 would be off tenfold)."""
    frame = _raw_headline_frame()
    assert len(frame) == 372
    _, _, beta = _ols_cluster(frame, "pku_points_lag", ["log_gdppc_lag", "population_growth"])
    assert 100 * beta[1] == pytest.approx(_headline_row()["coefficient"], abs=1e-3)


def test_the_headline_wild_p_is_within_monte_carlo_error_of_a_plain_loop_bootstrap():
    """The restricted wild cluster bootstrap written out draw by draw (Webb weights, CR1 errors),
    with 999 draws of its own seed: its p and the committed one differ by less than four combined
    Monte Carlo standard errors."""
    frame = _raw_headline_frame().reset_index(drop=True)
    controls = ["log_gdppc_lag", "population_growth"]
    design, y, beta = _ols_cluster(frame, "pku_points_lag", controls)
    clusters = pd.factorize(frame["region"])[0]
    groups, (n, k) = clusters.max() + 1, design.shape

    def t_stat(target):
        coef = np.linalg.lstsq(design, target, rcond=None)[0]
        residual = target - design @ coef
        bread = np.linalg.inv(design.T @ design)
        meat = sum(np.outer(s, s) for s in (design[clusters == g].T @ residual[clusters == g] for g in range(groups)))
        variance = groups / (groups - 1) * (n - 1) / (n - k) * bread @ meat @ bread
        return coef[1] / np.sqrt(variance[1, 1])

    restricted_design = np.delete(design, 1, axis=1)
    fitted = restricted_design @ np.linalg.lstsq(restricted_design, y, rcond=None)[0]
    residual = y - fitted
    webb = np.array([-np.sqrt(1.5), -1, -np.sqrt(0.5), np.sqrt(0.5), 1, np.sqrt(1.5)])
    rng = np.random.default_rng(99)
    observed, draws = abs(t_stat(y)), 999
    exceed = sum(abs(t_stat(fitted + residual * rng.choice(webb, groups)[clusters])) >= observed for _ in range(draws))
    p_loop, committed = exceed / draws, _headline_row()
    error = np.sqrt(committed["p_wild"] * (1 - committed["p_wild"]) * (1 / draws + 1 / committed["wild_draws"]))
    assert abs(p_loop - committed["p_wild"]) < 4 * error, (p_loop, committed["p_wild"])


def test_the_robustness_tables_are_complete():
    """Every year 2012–2023 has its cross-section and its leave-one-out row; every province its
    leave-one-out row."""
    robustness = pd.read_csv(DERIVED / "regression_robustness.csv")
    years = set(range(2012, 2024))
    per_year = robustness[robustness["check"] == "per-year cross-section"]
    assert set(per_year["key"].astype(float).astype(int)) == years and len(per_year) == 12
    assert set(robustness.loc[robustness["check"] == "leave one year out", "key"].astype(float).astype(int)) == years
    provinces = set(pd.read_csv(ROOT / "data" / "raw" / "provincial_panel.csv")["region"])
    assert len(provinces) == 31
    assert set(robustness.loc[robustness["check"] == "leave one province out", "key"]) == provinces


def test_the_central_verdict_states_the_slopes_unit():
    """B15's official value is the headline slope, in points of growth per 100 points of the PKU index
    (a referee found 'pp per unit' printed beside it: per unit of the index it would be 100 times smaller)."""
    import csv

    with open(ROOT / "data" / "derived" / "claims_audit.csv", encoding="utf-8", newline="") as handle:
        [b15] = [r for r in csv.DictReader(handle) if r["claim_id"] == "B15"]
    assert b15["official_unit"] == "pp per 100 index points"


def test_the_headline_r_squared_is_one_less_the_residual_over_the_total_sum_of_squares():
    """R² of the headline by hand from the raw rows: 1 − SSR/SST (not the adjusted R²)."""
    frame = _raw_headline_frame()
    design, y, beta = _ols_cluster(frame, "pku_points_lag", ["log_gdppc_lag", "population_growth"])
    residual = y - design @ beta
    r_squared = 1 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))
    assert _headline_row()["r_squared"] == pytest.approx(r_squared, abs=1e-5)
