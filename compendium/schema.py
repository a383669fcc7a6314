"""The rules every raw data file obeys, in one place.

All observation files in `data/raw/` share one long format (one observation per row):

    region, year, measure, vintage, value, unit, source_id, confidence, note

with the unique key (region, year, measure, vintage). `MEASURES` fixes the unit and the plausible
range of each measure; the loader rejects anything else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

# Observation files in data/raw, by topic. Each measure lives in exactly one of them.
OBSERVATION_FILES = {
    "gdp": "gdp.csv",
    "digital_economy": "digital_economy.csv",
    "indicators": "indicators.csv",
    "digital_indicators": "digital_indicators.csv",
    "provincial_panel": "provincial_panel.csv",
}
CI_LEVEL = 95  # percent, for every confidence interval reported
NEARLY_BAND = 0.05  # 近 / 接近: within 5 % of the printed value
REGRESSION_ALPHA = 0.05  # the bootstrap level of the analysis plan

# The verdict scale, in its order: what a claim can be found to be (compendium/rules/ gives them,
# compendium/phrasebook/ words them, the report counts them)
MATCHES, DIFFERS, NOT_COMPARABLE, INCONCLUSIVE, UNVERIFIED, NOT_A_STATISTIC = (
    "matches", "differs", "not comparable", "inconclusive", "unverified", "not a statistic")
VERDICTS = (MATCHES, DIFFERS, NOT_COMPARABLE, INCONCLUSIVE, UNVERIFIED, NOT_A_STATISTIC)
# The unit of a regression's slope, by the prefix of its regressor (regression_results.csv, column x):
# the PKU index and its dimensions per 100 index points (x_start is the PKU index of the base year),
# the official-statistics index per standard deviation, a published share per point of share
SLOPE_UNITS = (("pku", "pp per 100 index points"), ("x_start", "pp per 100 index points"),
               ("official_index", "pp per standard deviation"), ("share", "pp per point of share"))
NO_REGION = "no_region"  # the cause of an unverified claim that names no region or population to look up

# The ledger's vocabulary (data/claims.csv): how a printed number is held against an official one,
# and the kinds of sentence that are not statistics. The loader validates with these; the rules act
# on them; compendium/phrasebook/ words them (a test holds the three together).
COMPARATORS = ("=", "~", ">", "<", "≥", "≈")
STATEMENT_KINDS = ("date", "event", "rule_of_thumb", "definition", "evaluation")
# the verdict table's parts: a number the paper prints, and a statement that compares or ranks
PRINTED_KINDS = ("statistic", "derived", "projection", "figure_data")
COMPARATIVE_KINDS = ("comparison", "figure_statement")
PARTS = ("number", "statement", "other")  # a printed number; a statement about data; not a statistic
NUMERAL = re.compile(r"[0-9一二三四五六七八九十两半]")  # a printed figure holds one (39.2万亿元, 三倍多)


def part_of(kind: str, printed: str) -> str:
    """Which part of the verdict table a claim (under its reading) belongs to: a number the paper
    prints; a statement about data (a comparison, or a statistic the paper names without a figure,
    such as 经济下行); or a statement that is not a statistic."""
    if kind in STATEMENT_KINDS:
        return "other"
    return "number" if kind in PRINTED_KINDS and NUMERAL.search(printed) else "statement"
# every check a ledger row may name (compendium/rules/ registers a rule for each; `none` only looks
# the claim's measure up, to say what is missing)
CHECK_NAMES = (
    "lookup", "sum_of_regions", "multiple_of_nominal_gdp_growth", "ratio_urban_rural_income",
    "rise", "peak", "highest_mean", "lowest_mean", "least_volatile", "most_volatile", "largest_range",
    "always_positive", "mean_above_national", "mean_below_national", "above_national_every_year",
    "above_national_in_year", "lowest_in_year",
    "rises_every_year", "falls_from_previous", "rises_from_previous", "difference_falls", "higher_than_start",
    "lower_than_start", "below_other_measure", "first_below_others", "first_above_others",
    "group_share_rises", "group_share_falls", "group_share_majority", "rank_top_half", "rank_middle_third", "rank_middle_half",
    "group_growth_above_rest",
    "group_growth_below_rest", "group_growth_rises_after", "dispersion_rises", "dispersion_falls",
    "spread_rises", "spread_falls", "sd_rises", "sd_falls", "share_above_national",
    "regression_interval", "regression_sign", "regression_interval_unconditional", "regression_sign_unconditional",
    "none",
)
# The ledger's `location` is written in one small notation: a section (§一, §三(三)2, §三(四) 第二, or
# several: 摘要; §一; §八), then optionally `para N` or `last para`, then optionally `after figure N` or
# `and figure N`; or `figure N text`. The loader refuses any other text.
LOCATION = re.compile(r"^(?:figure (?P<figure_text>\d+) text|(?P<section>(?:§|摘要)\S*(?:; (?:§|摘要)\S*)*(?: 第[一二三四五六七八九十]+)?)"
                      r"(?: para (?P<para>\d+)| (?P<last>last para))?(?: (?P<relation>after|and) figure (?P<figure>\d+))?)$")
# `against`: the comparator group a sentence names (region or group keys joined by |); empty keeps
# the rule's own comparison (the other provinces, or all three of Paper B's regions); `rest` names
# that default explicitly, so a reading can return to it
AGAINST_REST = "rest"
# the ledger's fields a reading (data/readings.csv) may fill in its own way
READING_OVERRIDES = ("check", "comparator", "value", "ref_year", "start_year", "region", "against", "measure", "vintage", "kind")


@dataclass(frozen=True)
class Measure:
    unit: str
    low: float
    high: float
    label: str  # what it is, in English
    label_zh: str  # the same in Chinese, for the Chinese edition


MEASURES: dict[str, Measure] = {
    # National accounts
    "gdp": Measure("亿元", 0, 2_000_000, "GDP, current prices", "GDP（现价）"),
    "gdp_real_growth": Measure("%", -30, 30, "GDP growth at constant prices, on previous year", "GDP 实际增速（不变价，比上年）"),
    # Digital economy: three definitions that must never share a series
    "de_scale_caict": Measure("亿元", 0, 1_000_000, "digital economy (CAICT broad definition), value", "数字经济规模（中国信通院广义口径）"),
    "de_share_caict": Measure("%", 0, 100, "digital economy (CAICT broad definition), share of GDP", "数字经济占 GDP 比重（中国信通院广义口径）"),
    "de_growth_caict": Measure("%", -30, 30, "digital economy (CAICT broad definition), nominal growth", "数字经济名义增速（中国信通院广义口径）"),
    "de_industrialization_share_caict": Measure("%", 0, 100, "数字产业化 (CAICT), share of GDP", "数字产业化占 GDP 比重（中国信通院）"),
    "de_industry_digitalization_share_caict": Measure("%", 0, 100, "产业数字化 (CAICT), share of GDP", "产业数字化占 GDP 比重（中国信通院）"),
    "de_share_local": Measure("%", 0, 100, "digital economy value added, a provincial authority's own estimate, share of "
                                           "GDP", "数字经济增加值占 GDP 比重（省级部门自行测算）"),
    "de_value_local": Measure("亿元", 0, 1_000_000, "digital economy value added, a provincial authority's own estimate",
                              "数字经济增加值（省级部门自行测算）"),
    "de_core_value": Measure("亿元", 0, 1_000_000, "digital-economy core industries value added", "数字经济核心产业增加值"),
    "de_core_share": Measure("%", 0, 100, "digital-economy core industries value added, share of GDP", "数字经济核心产业增加值占 GDP 比重"),
    # Income distribution and population
    "gini_disposable_income": Measure("ratio", 0, 1, "Gini coefficient of per-capita disposable income", "居民人均可支配收入基尼系数"),
    "income_urban": Measure("元", 0, 500_000, "per-capita disposable income, urban residents", "城镇居民人均可支配收入"),
    "income_rural": Measure("元", 0, 500_000, "per-capita disposable income, rural residents", "农村居民人均可支配收入"),
    "income_urban_rural_ratio": Measure("ratio", 1, 10, "urban / rural per-capita disposable income, as published",
                                        "城乡居民人均可支配收入之比（公布值）"),
    "population_60plus": Measure("万人", 0, 100_000, "population aged 60 and over, year end", "60 岁及以上人口（年末）"),
    "population_60plus_share": Measure("%", 0, 100, "population aged 60 and over, share of total", "60 岁及以上人口占总人口比重"),
    "population_65plus": Measure("万人", 0, 100_000, "population aged 65 and over, year end", "65 岁及以上人口（年末）"),
    "population_65plus_share": Measure("%", 0, 100, "population aged 65 and over, share of total", "65 岁及以上人口占总人口比重"),
    # Digital services, jobs, infrastructure
    "online_medical_users": Measure("亿人", 0, 15, "users of online medical services", "在线医疗用户规模"),
    "internet_hospitals": Measure("家", 0, 100_000, "internet hospitals approved", "经批准设置的互联网医院"),
    "hospitals_online_public": Measure("家", 0, 100_000, "public hospitals offering online services", "提供线上服务的公立医院"),
    "hospitals_online_secondary_plus": Measure("家", 0, 100_000, "secondary-or-higher hospitals offering online services",
                                               "提供线上服务的二级及以上医院"),
    "digital_economy_jobs": Measure("亿个", 0, 10, "jobs in the digital economy (CAICT)", "数字经济领域就业岗位（中国信通院）"),
    "digital_economy_jobs_projection": Measure("亿个", 0, 10, "jobs in the digital economy, CAICT projection as published",
                                               "数字经济领域就业岗位（中国信通院所公布的预测）"),
    "digital_economy_jobs_share": Measure("%", 0, 100, "jobs in the digital economy, share of total employment", "数字经济领域就业岗位占总就业比重"),
    "new_occupations_published": Measure("个", 0, 1000, "new occupations published by MOHRSS, cumulative, all fields",
                                         "人社部发布的新职业（累计，各领域）"),
    "new_occupations_digital": Measure("个", 0, 1000, "new occupations created by digital technology", "数字技术催生的新职业"),
    "occupations_net_added_2022": Measure("个", 0, 1000, "occupations added, net, in the 2022 classification", "2022 年版职业分类大典净增职业"),
    "digital_occupations_2022": Measure("个", 0, 1000, "occupations marked digital in the 2022 classification",
                                        "2022 年版职业分类大典标注的数字职业"),
    "fiveg_base_stations": Measure("万个", 0, 1_000, "5G base stations, year end", "5G 基站（年末）"),
    "fiveg_coverage": Measure("%", 0, 100, "5G network coverage of the city (area or population)", "城市 5G 网络覆盖率（面积或人口）"),
    "fiveg_coverage_key_venues": Measure("%", 0, 100, "5G coverage of key venues (重点场所)", "重点场所 5G 网络覆盖率"),
    # Provincial panel: controls of the growth regression
    "population": Measure("万人", 0, 20_000, "year-end resident population", "年末常住人口"),
    "secondary_value_added": Measure("亿元", 0, 100_000, "value added of the secondary industry, current prices", "第二产业增加值（现价）"),
    "urbanisation_rate": Measure("%", 0, 100, "urban share of the year-end resident population", "城镇人口占年末常住人口比重（城镇化率）"),
    "gdp_expenditure": Measure("亿元", 0, 2_000_000, "GDP by the expenditure approach (the expenditure table's own total), "
                               "current prices", "支出法 GDP（支出法表自身合计，现价）"),
    "gross_fixed_capital_formation": Measure("亿元", 0, 100_000, "gross fixed capital formation (expenditure approach), "
                                             "current prices", "固定资本形成总额（支出法，现价）"),
    # Provincial digitalisation indicators from the yearbooks (the official-statistics index)
    "it_employment": Measure("万人", 0, 500, "employment in telecoms, software and IT services, non-private units",
                             "信息传输、软件和信息技术服务业城镇非私营单位就业人员"),
    "nonprivate_employment": Measure("万人", 0, 5_000, "employment in non-private units, total", "城镇非私营单位就业人员合计"),
    "ecommerce_enterprise_share": Measure("%", 0, 100, "share of enterprises with e-commerce transactions", "有电子商务交易活动的企业比重"),
    "computers_per_100": Measure("台", 0, 500, "computers in use per 100 persons employed in enterprises", "企业每百人使用计算机数"),
    "websites_per_100_enterprises": Measure("个", 0, 500, "websites per 100 enterprises", "每百家企业拥有网站数"),
    # A second copy of the PKU-DFIIC aggregate (x16 of the yearbook-indicator file), to check the .dta
    "pku_index_copy": Measure("index", 0, 1_000, "PKU digital financial inclusion index, aggregate, as in another copy",
                              "北大数字普惠金融总指数（另一份副本）"),
    # National labour market, poverty, internet use (Paper A's statements about data)
    "employed_persons": Measure("万人", 0, 100_000, "employed persons, year end", "就业人员（年末）"),
    "urban_employed_persons": Measure("万人", 0, 100_000, "employed persons in urban areas, year end", "城镇就业人员（年末）"),
    "employment_share_primary": Measure("%", 0, 100, "share of employed persons in the primary industry", "第一产业就业人员占比"),
    "employment_share_secondary": Measure("%", 0, 100, "share of employed persons in the secondary industry", "第二产业就业人员占比"),
    "employment_share_tertiary": Measure("%", 0, 100, "share of employed persons in the tertiary industry", "第三产业就业人员占比"),
    "avg_wage_urban_nonprivate": Measure("元", 0, 1_000_000, "average annual wage, employees of urban non-private units",
                                         "城镇非私营单位就业人员年平均工资"),
    "flexible_employment": Measure("亿人", 0, 10, "persons in flexible employment (灵活就业), official estimate", "灵活就业人员（官方估计）"),
    "rural_poor_population": Measure("万人", 0, 100_000, "rural poor under the current national poverty line, year end",
                                     "现行标准下农村贫困人口（年末）"),
    "internet_penetration": Measure("%", 0, 100, "internet penetration rate (CNNIC), December", "互联网普及率（CNNIC，12 月）"),
    "internet_penetration_rural": Measure("%", 0, 100, "internet penetration rate in rural areas (CNNIC), December",
                                          "农村地区互联网普及率（CNNIC，12 月）"),
    "internet_penetration_urban": Measure("%", 0, 100, "internet penetration rate in urban areas (CNNIC), December",
                                          "城镇地区互联网普及率（CNNIC，12 月）"),
    "netizen_share_60plus": Measure("%", 0, 100, "share of internet users aged 60 and over (CNNIC), December",
                                    "60 岁及以上网民占网民比重（CNNIC，12 月）"),
    "de_scale_usd_caict": Measure("万亿美元", 0, 100, "digital economy (CAICT global white paper), value in US dollars",
                                  "数字经济规模（中国信通院全球白皮书，美元计）"),
    "manufacturing_value_added": Measure("万亿元", 0, 100, "manufacturing value added, current prices", "制造业增加值（现价）"),
    "gdp_world_rank": Measure("rank", 1, 250, "rank of the economy by GDP in US dollars among the world's economies",
                              "按美元计 GDP 在世界各经济体中的位次"),
    # Declared so that a claim's look-up runs and says what is missing (searched, not found: data/searches.csv)
    "broadband_village_coverage": Measure("%", 0, 100, "administrative villages with broadband access", "通宽带的行政村比重"),
    "fiveg_coverage_rural": Measure("%", 0, 100, "5G network coverage of rural areas", "农村地区 5G 网络覆盖率"),
    "fiveg_coverage_townships": Measure("%", 0, 100, "townships (乡镇) whose seats have 5G coverage", "镇区实现 5G 覆盖的乡镇比重"),
    "fiveg_village_coverage": Measure("%", 0, 100, "administrative villages with 5G access", "通 5G 的行政村比重"),
    "fiveg_base_stations_end_april": Measure("万个", 0, 1_000, "5G base stations, cumulative at the end of April", "5G 基站（截至 4 月末累计）"),
    "fiveg_density": Measure("个/km²", 0, 1_000, "5G base stations per square kilometre", "每平方公里 5G 基站数"),
    "doctors_per_10000_urban": Measure("人", 0, 1000, "licensed (assistant) doctors per 10 000 population, urban", "城市每万人口执业（助理）医师数"),
    "doctors_per_10000_rural": Measure("人", 0, 1000, "licensed (assistant) doctors per 10 000 population, rural", "农村每万人口执业（助理）医师数"),
    "skilled_net_migration": Measure("万人", -10_000, 10_000, "net migration of graduates or skilled workers by province",
                                     "分省高校毕业生或技术人才净流入"),
    "de_growth_provincial": Measure("%", -30, 100, "digital economy, nominal growth, by province (one definition)",
                                    "分省数字经济名义增速（统一口径）"),
    "digital_investment_share": Measure("%", 0, 100, "digital investment as a share of investment or GDP", "数字化投资占投资或 GDP 的比重"),
    "digital_tech_gap": Measure("index", 0, 1_000, "a measure of regional gaps in digital technology", "衡量地区间数字技术差距的指标"),
}

# A measure whose missing value is the sum of its published components (same region and year).
COMPONENTS = {
    "de_share_caict": ("de_industrialization_share_caict", "de_industry_digitalization_share_caict"),
}
# Cumulative counts: they do not fall, so a count at another date bounds a missing one. Each lists
# the measures that count the same thing, with the month of the year at which each is counted.
CUMULATIVE = {
    "fiveg_base_stations": {"fiveg_base_stations": 12, "fiveg_base_stations_end_april": 4},
    "internet_hospitals": {"internet_hospitals": 12},
    "new_occupations_published": {"new_occupations_published": 12},
}

VINTAGES = {
    "first_release": "初步核算 / 统计公报 / 下一年《中国统计年鉴》",
    "final_verification": "最终核实 (NBS, about a year later; before the 5th economic census)",
    "census_revision": "revised after the 5th national economic census (2023)",
    "database_2021": "NBS provincial database as kept in 2021: after the 4th economic census revision (2018 and "
                     "earlier), final verification for 2019",
    "database_2021_expenditure": "NBS provincial database as kept in 2021, expenditure-approach table (支出法地区生产总值"
                                 " and its components, 2017 and earlier): its totals are GDP as first accounted, "
                                 "before the 4th economic census revision the production table of the same export "
                                 "carries, so it is a table state of its own",
    "database_2025": "NBS provincial database as kept in 2025: year-end population after the revision of 2011–2019 "
                     "that followed the 7th population census (2020); GDP there is the census_revision vintage",
    "as_published": "one published value; no revision cycle applies",
    "compiled": "a third party's compilation of yearbook figures, carried at the compiler's precision (ratios for "
                "whole years with three to five decimals): computed by the compiler from the yearbook's inputs, "
                "formula not stated in the copy; not a figure as the yearbook prints it",
}
# Vintages that are one state of the same database, published together: a ratio may be taken within
# one state, never across two (GDP per head divides census-revised GDP by the population the same
# database held; the 2021 database's population differs in most province-years of 2011–2019). A
# state is a table's, not an export's: the 2021 export's expenditure table was not revised with its
# production table, so an investment rate over the production table's GDP is refused.
DATABASE_STATES = {"census_revision": "NBS database 2025", "database_2025": "NBS database 2025",
                   "database_2021": "NBS database 2021", "database_2021_expenditure": "NBS database 2021, expenditure table"}


def same_release(*vintages: str) -> bool:
    """True when every vintage is the same one, or all are one state of the same database."""
    states = {DATABASE_STATES.get(v, v) for v in vintages}
    return len(states) == 1

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
YEAR_RANGE = (1978, 2030)  # from the first year of the reform era in the employment series

# seen_at: the copy actually read (a page, or a repository file at a commit).
# decimals: how many the copy seen prints, declared for every source (per measure where they differ;
# "<=N" where the copy drops trailing zeros or prints whole numbers without them); the loader refuses
# a row with other precision. why_single: for a source whose values have no second independent copy, why not
# (why_single_zh: the same in Chinese, for the Chinese edition).
# url: the publisher's own page of the publication (or, for a database or yearbook, its portal with the
# indicator or table named in table_or_page); blank when it was not found, and then title and issued
# identify the publication. publisher_page_seen: yes (opened), quoted (its address seen in other
# material), no. issued: the publication date as known (YYYY-MM-DD, YYYY-MM or YYYY). why_this_copy:
# for a copy seen outside RECOGNISED_COPY_HOSTS, why no better copy is cited.
SOURCE_COLUMNS = ["source_id", "publisher", "title", "year", "table_or_page", "url", "seen_at", "publisher_page_seen",
                  "issued", "why_this_copy", "consulted", "vintage", "notes", "decimals", "why_single", "why_single_zh"]
PUBLISHER_PAGE_SEEN = ("yes", "quoted", "no")

# Where a copy seen may stand without a stated reason: the publisher's own sites, government sites,
# newspapers of record and state media, international organisations, public repositories (cited
# at a commit). A copy anywhere else (a blog, an aggregator, a forum, a mirror) needs `why_this_copy`
# in data/sources.csv, and the README lists it.
RECOGNISED_COPY_HOSTS = (
    "gov.cn", "stats.gov.cn", "worldbank.org", "doi.org", "github.com",
    "people.com.cn", "people.cn", "news.cn", "xinhuanet.com", "ce.cn", "chinadaily.com.cn", "gmw.cn", "cctv.com",
    "cri.cn", "cgtn.com", "globaltimes.cn", "china.com.cn", "chinanews.com.cn", "bjreview.com", "shine.cn",
    "eyeshenzhen.com", "scmp.com", "chinahightech.com", "dahe.cn", "qzwb.com", "sxworker.com", "hkcd.com",
    "hkcd.com.hk", "cnnb.com.cn", "ahgrrb.com", "news.sina.com.cn",
)


def recognised_copy(address: str) -> bool:
    """A copy on the publisher's or a government site, a newspaper of record, a repository."""
    host = urlparse(address).netloc.rstrip(".")
    return any(host == known or host.endswith("." + known) for known in RECOGNISED_COPY_HOSTS)


def is_portal(address: str) -> bool:
    """A database query page, a yearbook's contents or a bulletin listing: an address that names no
    table by itself."""
    parts = urlparse(address)
    return parts.netloc == "data.stats.gov.cn" or parts.path.rstrip("/").endswith(("/ndsj", "/yearbook", "/indexch.htm", "/tjgb"))


def names_a_table(text: str) -> bool:
    return bool(re.search(r"→|表|[Tt]able|indicator|指标", text))
