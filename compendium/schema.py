"""The rules every raw data file obeys, in one place.

All observation files in `data/raw/` share one long format (one observation per row):

    region, year, measure, vintage, value, unit, source_id, confidence, note

with the unique key (region, year, measure, vintage). `MEASURES` fixes the unit and the plausible
range of each measure; the loader rejects anything else.
"""
from __future__ import annotations

from dataclasses import dataclass

# Observation files in data/raw, by topic. Each measure lives in exactly one of them.
OBSERVATION_FILES = {
    "gdp": "gdp.csv",
    "digital_economy": "digital_economy.csv",
    "indicators": "indicators.csv",
    "digital_indicators": "digital_indicators.csv",
    "provincial_panel": "provincial_panel.csv",
}
CI_LEVEL = 95  # percent, for every confidence interval reported


@dataclass(frozen=True)
class Measure:
    unit: str
    low: float
    high: float
    label: str  # what it is, in English; figures use their own Chinese labels


MEASURES: dict[str, Measure] = {
    # National accounts
    "gdp": Measure("亿元", 0, 2_000_000, "GDP, current prices"),
    "gdp_real_growth": Measure("%", -30, 30, "GDP growth at constant prices, on previous year"),
    # Digital economy: three definitions that must never share a series
    "de_scale_caict": Measure("亿元", 0, 1_000_000, "digital economy (CAICT broad definition), value"),
    "de_share_caict": Measure("%", 0, 100, "digital economy (CAICT broad definition), share of GDP"),
    "de_growth_caict": Measure("%", -30, 30, "digital economy (CAICT broad definition), nominal growth"),
    "de_industrialization_share_caict": Measure("%", 0, 100, "数字产业化 (CAICT), share of GDP"),
    "de_industry_digitalization_share_caict": Measure("%", 0, 100, "产业数字化 (CAICT), share of GDP"),
    "de_share_local": Measure("%", 0, 100, "digital economy value added, local statistics bureau's own method, share of GDP"),
    "de_value_local": Measure("亿元", 0, 1_000_000, "digital economy value added, local statistics bureau's own method"),
    "de_core_value": Measure("亿元", 0, 1_000_000, "digital-economy core industries value added"),
    "de_core_share": Measure("%", 0, 100, "digital-economy core industries value added, share of GDP"),
    # Income distribution and population
    "gini_disposable_income": Measure("ratio", 0, 1, "Gini coefficient of per-capita disposable income"),
    "income_urban": Measure("元", 0, 500_000, "per-capita disposable income, urban residents"),
    "income_rural": Measure("元", 0, 500_000, "per-capita disposable income, rural residents"),
    "income_urban_rural_ratio": Measure("ratio", 1, 10, "urban / rural per-capita disposable income, as published"),
    "population_60plus": Measure("万人", 0, 100_000, "population aged 60 and over, year end"),
    "population_60plus_share": Measure("%", 0, 100, "population aged 60 and over, share of total"),
    "population_65plus": Measure("万人", 0, 100_000, "population aged 65 and over, year end"),
    "population_65plus_share": Measure("%", 0, 100, "population aged 65 and over, share of total"),
    # Digital services, jobs, infrastructure
    "online_medical_users": Measure("亿人", 0, 15, "users of online medical services"),
    "internet_hospitals": Measure("家", 0, 100_000, "internet hospitals approved"),
    "hospitals_online_public": Measure("家", 0, 100_000, "public hospitals offering online services"),
    "hospitals_online_secondary_plus": Measure("家", 0, 100_000, "secondary-or-higher hospitals offering online services"),
    "digital_economy_jobs": Measure("亿个", 0, 10, "jobs in the digital economy (CAICT)"),
    "digital_economy_jobs_projection": Measure("亿个", 0, 10, "jobs in the digital economy, CAICT projection as published"),
    "digital_economy_jobs_share": Measure("%", 0, 100, "jobs in the digital economy, share of total employment"),
    "new_occupations_published": Measure("个", 0, 1000, "new occupations published by MOHRSS, cumulative, all fields"),
    "new_occupations_digital": Measure("个", 0, 1000, "new occupations created by digital technology"),
    "occupations_net_added_2022": Measure("个", 0, 1000, "occupations added, net, in the 2022 classification"),
    "digital_occupations_2022": Measure("个", 0, 1000, "occupations marked digital in the 2022 classification"),
    "fiveg_base_stations": Measure("万个", 0, 1_000, "5G base stations, year end"),
    "fiveg_coverage": Measure("%", 0, 100, "5G network coverage of the city (area or population)"),
    "fiveg_coverage_key_venues": Measure("%", 0, 100, "5G coverage of key venues (重点场所)"),
    # Provincial panel: controls of the growth regression
    "population": Measure("万人", 0, 20_000, "year-end resident population"),
    "secondary_value_added": Measure("亿元", 0, 100_000, "value added of the secondary industry, current prices"),
    "urbanisation_rate": Measure("%", 0, 100, "urban share of the year-end resident population"),
    "gross_fixed_capital_formation": Measure("亿元", 0, 100_000, "gross fixed capital formation (expenditure approach), "
                                             "current prices"),
    # Provincial digitalisation indicators from the yearbooks (the official-statistics index)
    "it_employment": Measure("万人", 0, 500, "employment in telecoms, software and IT services, non-private units"),
    "nonprivate_employment": Measure("万人", 0, 5_000, "employment in non-private units, total"),
    "ecommerce_enterprise_share": Measure("%", 0, 100, "share of enterprises with e-commerce transactions"),
    "computers_per_100": Measure("台", 0, 500, "computers in use per 100 persons employed in enterprises"),
    "websites_per_100_enterprises": Measure("个", 0, 500, "websites per 100 enterprises"),
    # A second copy of the PKU-DFIIC aggregate (x16 of the yearbook-indicator file), to check the .dta
    "pku_index_copy": Measure("index", 0, 1_000, "PKU digital financial inclusion index, aggregate, as in another copy"),
}

VINTAGES = {
    "first_release": "初步核算 / 统计公报 / 下一年《中国统计年鉴》",
    "final_verification": "最终核实 (NBS, about a year later; before the 5th economic census)",
    "census_revision": "revised after the 5th national economic census (2023)",
    "database_2021": "NBS provincial database as kept in 2021: after the 4th economic census revision (2018 and "
                     "earlier), final verification for 2019",
    "as_published": "one published value; no revision cycle applies",
}

# What a data editor asks of each value, derived from `confidence` and `corroborated_by`.
EVIDENCE_LEVELS = ("official", "press", "corroborated", "single secondary copy")

CONFIDENCE = {
    "official": "the official document (or the publisher's own page) was seen",
    "press": "a press report quoting the publisher was seen",
    "secondary": "only a secondary copy (repository, forum, aggregator) was seen",
}

# corroborated_by: source ids (";"-separated) of independent copies that print the same value
OBSERVATION_COLUMNS = ["region", "year", "measure", "vintage", "value", "unit", "source_id", "confidence", "note",
                       "corroborated_by"]
OBSERVATION_KEY = ["region", "year", "measure", "vintage"]
YEAR_RANGE = (2000, 2030)

# url: where the publication lives (official address where known); seen_at: the copy actually read
# (a page, or a file of the search tool's repository index).
# decimals: how many the publisher prints (blank: not declared); every row citing the source carries
# exactly that many. why_single: for a source whose values have no second independent copy, why not.
SOURCE_COLUMNS = ["source_id", "publisher", "title", "year", "table_or_page", "url", "seen_at", "consulted", "vintage", "notes",
                  "decimals", "why_single"]
