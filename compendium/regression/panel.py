"""The province-year panel: real growth, lagged digitalisation (PKU-DFIIC, published digital-economy
shares, an index built from official statistics) and the controls, each series from one vintage.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import regions
from ..schema import same_release

PANEL_YEARS = range(2012, 2024)      # PKU-DFIIC starts in 2011, so every year has a lagged value
PAPER_YEARS = regions.PAPER_B_YEARS  # the window of Paper B's figures 3–6
PANDEMIC_YEARS = (2020, 2021, 2022)
GROWTH_DATABASE_VINTAGE = "database_2021"  # the NBS index as kept in 2021, 2012–2019
EXPENDITURE_TABLE_VINTAGE = "database_2021_expenditure"  # the same export's expenditure table, not revised with it
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
        measure("gross_fixed_capital_formation", EXPENDITURE_TABLE_VINTAGE), measure("gdp_expenditure", EXPENDITURE_TABLE_VINTAGE)))
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


