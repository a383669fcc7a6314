"""The phrasebook holds every cause the rules can emit, in both languages, with the same parameters.

Expectations here are written by hand: one example of each cause's parameters, the Chinese words a
reader must find, and the identifiers that must never reach a Chinese reader.
"""
from __future__ import annotations

import ast
import re
from string import Formatter

import pytest

from compendium import paths, schema
from compendium.phrasebook import causes, labels, sentences
from compendium.phrasebook import rules as rule_words
from compendium.schema import MEASURES

FIGURE = {"value": 0.468, "unit": "ratio", "year": 2020, "source": "nbs_gini_2020"}
DATED = {"value": 5.1716, "unit": "万个", "year": 2022, "month": 4, "source": "sh_5g_2022_04"}
# one example of the parameters each cause takes, as its rule emits them
EXAMPLES = {
    "no_region": {},
    "measure_not_collected": {"measure": "fiveg_coverage"},
    "region_not_collected": {"measure": "de_share_caict", "held": ["China", "Guangdong", "Henan"], "region": "Shanghai"},
    "year_not_collected": {"measure": "gdp", "region": "Anhui", "held": list(range(2011, 2020)), "year": 2021},
    "vintage_not_collected": {"measure": "gdp", "region": "Anhui", "year": 2021, "vintage": ["final_verification"],
                              "held": ["first_release"]},
    "keys_not_collected": {"measure": "de_share_caict", "vintage": [], "missing": [["Beijing", 2021], ["Tibet", 2021]],
                           "more": 21},
    "another_definition": {"own": "hospitals_online_public", "other": "hospitals_online_secondary_plus",
                           "figure": {"value": 7700.0, "unit": "家", "year": 2021, "source": "nhc_pressconf_2021"}},
    "another_date": {"year": 2021, "figure": FIGURE},
    "another_date_and_definition": {"year": 2021, "other": "de_share_local", "figure": FIGURE},
    "no_year_nearest": {"figure": FIGURE},
    "no_year_nearest_and_definition": {"other": "de_share_local", "figure": FIGURE},
    "printed_is_other_year": {"year": 2020},
    "bound_holds_other_year": {"year": 2020, "figure": {"value": 1100.0, "unit": "家"}},
    "bound_from_later": {"measure": "fiveg_base_stations", "figure": DATED, "year": 2021},
    "bound_from_earlier": {"measure": "fiveg_base_stations", "figure": DATED, "year": 2023},
    "bound_undecided": {"measure": "fiveg_base_stations", "figures": [DATED, DATED], "year": 2021},
    "sum_of_components": {"parts": [["de_industrialization_share_caict", 3.5],
                                    ["de_industry_digitalization_share_caict", 31.8]], "total": 35.3},
    "regions_total": {"found": [["Beijing", 5.64], ["Shanghai", 5.17]], "total": 10.81, "unit": "万个"},
    "regions_total_partial": {"found": [["Beijing", 5.64]], "total": 5.64, "unit": "万个", "missing": ["Shanghai"]},
    "no_rule": {"measure": "gdp"},
    "multiple_every_vintage": {},
    "multiple_some_vintages": {"vintages": ["first_release", "census_revision"]},
    "multiple_no_vintage": {},
    "growth_rise": {"before": 3.3, "after": 6.0, "change": 2.7, "threshold": 0.0},
    "growth_peak": {"year": 2021, "value": 8.3},
    "growth_means": {"first": 2019, "last": 2023, "values": [["Shenzhen", 5.16], ["Anhui", 5.8]]},
    "growth_sds": {"values": [["Shenzhen", 1.81], ["Guizhou", 2.93]]},
    "growth_ranges": {"values": [["Shenzhen", 4.1], ["Guizhou", 7.2]]},
    "growth_lowest": {"value": 2.1, "year": 2022},
    "mean_vs_national": {"region": "Shenzhen", "first": 2019, "last": 2023, "mean": 5.16, "national": 4.94,
                         "difference": 0.22},
    "official_against_printed": {"region": "Shenzhen", "year": 2021, "figure": {"value": 5.1, "unit": "万个"}},
    "above_national_every_year": {},
    "not_above_national_in": {"years": [2020, 2022]},
    "growth_in_year": {"year": 2022, "values": [["Shenzhen", 3.3], ["Anhui", 3.5]]},
    "vs_national_in_year": {"value": 6.0, "national": 5.2, "year": 2023},
    "series_values": {"measure": "employed_persons", "region": "China", "points": [[2012, 76704.0], [2021, 74652.0]]},
    "series_gap_values": {"measure": "internet_penetration_urban", "other": "internet_penetration_rural",
                          "region": "China", "points": [[2020, 23.9], [2021, 24.0]]},
    "two_measures": {"measure": "doctors_per_10000_rural", "value": 18.2, "other": "doctors_per_10000_urban",
                     "other_value": 40.1, "region": "China", "year": 2018},
    "regions_values": {"measure": "gdp", "year": 2021, "values": [["Hefei", 11412.8], ["Wuhu", 4302.63]]},
    "rank": {"region": "Anhui", "rank": 11, "of": 31, "year": 2023},
    "group_share": {"group": "East", "share": 51.9, "year": 2023},
    "group_share_change": {"group": "East", "measure": "gdp", "vintage": "first_release", "start": 2019,
                           "before": 51.88, "year": 2023, "after": 52.13},
    "group_growth_before_after": {"group": "Northeast", "before": 8.93, "before_first": 2000, "before_last": 2003,
                                  "after": 10.19, "after_first": 2004, "after_last": 2013, "vintage": "database_2021"},
    "group_growth_vs_rest": {"start": 2000, "year": 2019, "vintage": "database_2021", "group": "West",
                             "group_mean": 10.61, "rest_mean": 9.82},
    "rank_by": {"region": "Anhui", "rank": 9, "of": 31, "year": 2021, "measure": "pku_index_copy"},
    "spread_change": {"measure": "pku_index_copy", "vintage": "as_published", "start": 2019, "before": 0.1011, "year": 2023,
                      "after": 0.0978},
    "sd_change": {"measure": "pku_index_copy", "vintage": "as_published", "start": 2019, "before": 32.71, "year": 2023,
                  "after": 38.78},
    "group_growth_vs_named": {"start": 2019, "year": 2023, "vintage": "census_revision", "group": "East",
                              "group_mean": 5.17, "rest_mean": 5.40, "against": ["Central", "West"]},
    "dispersion_change": {"vintage": "census_revision", "start": 2019, "before": 0.4582, "year": 2023, "after": 0.4436},
    "per_head_vs_provinces": {"measure": "gdp", "other": "population", "year": 2021, "region": "Anhui",
                              "own": 70321.0, "provinces": 80976.0},
    "share_vs_provinces": {"measure": "secondary_value_added", "other": "gdp", "year": 2021, "region": "Anhui",
                           "own": 39.27, "provinces": 38.12},
    "regression": {"specification": "H", "coefficient": 0.367, "ci_low": -1.273, "ci_high": 2.007, "p_value": 0.651,
                   "p_wild": 0.657, "n": 372},
    "not_a_statistic": {"kind": "date"},
}


def _emitted_codes() -> set[str]:
    """Every cause code the rules can emit: the string literals passed to `Cause(...)` in
    compendium/rules/, and the values of the code tables a rule picks from (read from the source, not
    from today's data)."""
    tree = ast.Module(body=[node for path in sorted((paths.ROOT / "compendium" / "rules").glob("*.py"))
                            for node in ast.parse(path.read_text(encoding="utf-8")).body], type_ignores=[])
    def chosen(expr) -> set[str]:  # a literal, or either branch of `a if test else b`
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        return chosen(expr.body) | chosen(expr.orelse) if isinstance(expr, ast.IfExp) else set()

    codes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Cause" and node.args:
            codes |= chosen(node.args[0])
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "code" for t in node.targets):
            codes |= {leaf.value for leaf in ast.walk(node.value) if isinstance(leaf, ast.Constant)
                      and isinstance(leaf.value, str)}
    return codes


def test_every_code_the_rules_can_emit_is_in_the_phrasebook_and_every_entry_is_emitted():
    emitted = _emitted_codes()
    assert emitted - set(causes.CAUSES) == set()
    assert set(causes.CAUSES) - emitted == set()  # no entry without a rule that emits it
    assert set(EXAMPLES) == set(causes.CAUSES)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(causes.CAUSES))
def test_both_languages_state_the_same_parameters(code):
    """The Chinese template names every parameter the English names: no definition, date or figure is
    dropped in translation (A15's two definitions, A20's and B24's, were dropped before)."""
    english, chinese = causes.CAUSES[code]
    assert _fields(english) == _fields(chinese), code
    assert _fields(english) == set(EXAMPLES[code]), code


LATIN_WORDS_ALLOWED_IN_CHINESE = {"GDP", "CNNIC", "5G", "data", "km", "p", "N", "H"}


@pytest.mark.parametrize("code", sorted(causes.CAUSES))
def test_every_cause_renders_in_both_languages_and_the_chinese_is_chinese(code):
    english = sentences.say("cause", code, EXAMPLES[code], "en")
    chinese = sentences.say("cause", code, EXAMPLES[code], "zh")
    assert english and chinese
    outside_code = re.sub(r"`[^`]*`", "", chinese)
    for source in re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+", outside_code):
        assert source in {"nbs_gini_2020", "sh_5g_2022_04", "nhc_pressconf_2021"}, (code, source)  # source ids only
    words = set(re.findall(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*", re.sub(r"[a-z0-9]+(?:_[a-z0-9]+)+", "", outside_code)))
    assert words <= LATIN_WORDS_ALLOWED_IN_CHINESE, (code, words, chinese)


def test_a_few_causes_read_as_a_chinese_reader_expects():
    """Written here, apart from the phrasebook: the words and numbers each must say."""
    say = lambda code: sentences.say("cause", code, EXAMPLES[code], "zh")  # noqa: E731
    assert say("rank") == "2023 年安徽 GDP 在 31 个省份中排第 11 位"
    assert say("another_date") == "未找到 2021 年的官方数字；最接近的官方数字为 2020 年比值 0.468（nbs_gini_2020）"
    assert "提供线上服务的公立医院" in say("another_definition") and "提供线上服务的二级及以上医院" in say("another_definition")
    assert "2022 年 4 月末 5.1716 万个" in say("bound_from_later")
    assert say("keys_not_collected").endswith("的以下数值（任何版本）：北京 2021 年、西藏 2021 年，另有 21 项")
    assert "2012–2023 年" in say("regression") and "聚类野自助法 p 值 = 0.657" in say("regression")


def test_every_measure_has_a_chinese_label():
    for measure, spec in MEASURES.items():
        assert re.search(r"[\u4e00-\u9fff]", spec.label_zh), measure
        assert not re.search(r"[a-z]+_[a-z]+", spec.label_zh), measure


@pytest.mark.parametrize("call, named", [
    (lambda: sentences.say("cause", "no_such_cause", {}, "zh"), "no_such_cause"),
    (lambda: sentences.say("cause", "rank", {"region": "Anhui"}, "zh"), "rank"),  # a parameter missing
    (lambda: sentences.say("cause", "rank", EXAMPLES["rank"] | {"region": "Atlantis"}, "zh"), "Atlantis"),
    (lambda: sentences.say("cause", "measure_not_collected", {"measure": "no_measure"}, "en"), "no_measure"),
    (lambda: sentences.say("verdict", "matches", {}, "zh"), "verdict"),
])
def test_a_missing_word_fails_at_once_naming_it(call, named):
    with pytest.raises(KeyError, match=named):
        call()


def _audit_rule_ids() -> set[str]:
    """Every rule id the audit can give a verdict: each check of the registry, the regression
    checks, each statement kind, each comparator family with each comparator, and the lookup's own."""
    from compendium import audit
    from compendium.rules.lookup import NOT_COMPARABLE_RULES

    families = {"compare", "components", "income_ratio", "multiple", "regions_total"}
    return (set(audit.CHECKS) - {"lookup", "sum_of_regions", "multiple_of_nominal_gdp_growth", "ratio_urban_rural_income"}
            | set(audit.REGRESSION_CHECKS) | set(causes.STATEMENT_KINDS)
            | {f"{family}:{c}" for family in families for c in rule_words.COMPARATORS}
            | {"another_definition", "no_source", "no_region", audit.CUMULATIVE_RULE}
            | set(NOT_COMPARABLE_RULES.values()))


def test_every_rule_the_audit_can_name_is_said_in_both_languages():
    ids = _audit_rule_ids()
    assert ids <= set(rule_words.rule_ids()), ids - set(rule_words.rule_ids())
    for rule in ids:
        english, chinese = (sentences.say("rule", rule, RULE_PARAMS, lang) for lang in ("en", "zh"))
        assert english and re.search(r"[\u4e00-\u9fff]", chinese), rule
        assert not re.search(r"[a-z]+_[a-z]+", chinese.replace("analysis_plan", "")), (rule, chinese)


# what a rule was asked about, as the audit writes it (`rule_params`), for any rule
RULE_PARAMS = {"regions": ["China", "USA", "Japan"], "measures": ["income_urban", "income_rural"], "year": 2021,
               "start": 2012, "vintage": "first_release", "printed": {"value": 8.0, "unit": "万个"},
               "compared": ["Shenzhen", "Anhui", "Guizhou"], "against": ["Central", "West"]}

# What a rule must say in Chinese of the claim it judged, written here by a reader (not rendered and
# pasted): the region, both measures in their order, the years and the vintage each in its place.
RULE_READINGS = {
    ("below_other_measure", "A30"): ({"regions": ["China"], "measures": ["netizen_share_60plus", "population_60plus_share"],
                                      "year": 2021, "start": None, "vintage": None, "printed": None},
                                     "相符条件：2021 年全国 60 岁及以上网民占网民比重（CNNIC，12 月）严格低于全国 60 岁及以上人口占总人口比重"),
    ("first_below_others", "A32"): ({"regions": ["China", "USA", "Japan"], "measures": ["de_scale_usd_caict"], "year": 2020,
                                     "start": None, "vintage": None, "printed": None},
                                    "相符条件：2020 年中国的数字经济规模（中国信通院全球白皮书，美元计）严格低于美国、日本（逐一比较）"),
    ("group_share_rises", "B59"): ({"regions": ["East"], "measures": ["gross_fixed_capital_formation"], "year": 2017,
                                    "start": 2011, "vintage": "database_2021", "printed": None},
                                   "相符条件（占比上升）：东部占 31 个省份固定资本形成总额（支出法，现价）合计的比重，2017 年高于 2011 年"
                                   "（数据版本：2021 年存档版）"),
    ("higher_than_start", "A31"): ({"regions": ["China"], "measures": ["employed_persons"], "year": 2021, "start": 2012,
                                    "vintage": None, "printed": None},
                                   "相符条件（高于起始年）：全国就业人员（年末）2021 年高于 2012 年"),
    ("lowest_mean", "B12"): ({"regions": ["Guizhou"], "measures": ["gdp_real_growth"], "year": None, "start": None,
                              "vintage": None, "printed": None, "b_first": 2019, "b_last": 2023,
                              "compared": ["Shenzhen", "Anhui", "Guizhou"]},
                             "相符条件（平均最低）：贵州 2019–2023 年平均增速（各年实际增速的算术平均）在深圳、安徽、贵州中最低（不含并列）"),
    ("least_volatile", "B29"): ({"regions": ["Anhui"], "measures": ["gdp_real_growth"], "year": None, "start": None,
                                 "vintage": None, "printed": None, "b_first": 2019, "b_last": 2023,
                                 "compared": ["Anhui", "Guizhou"], "against": ["Guizhou"]},
                                "相符条件（波动最小）：安徽 2019–2023 年增速的标准差在安徽、贵州中最小（不含并列）"),
    ("group_growth_above_named", "B53"): ({"regions": ["East"], "measures": ["gdp_real_growth"], "year": 2023, "start": 2019,
                                           "vintage": "census_revision", "printed": None, "against": ["Central", "West"]},
                                          "相符条件（快于所对比的地区）：东部各省 2019–2023 年的平均实际增速高于中部、西部各省"
                                          "（两者取同一数据版本：经济普查修订）"),
    ("compare:>", "B19"): (RULE_PARAMS, "相符条件：官方数字严格大于 8 万个"),
}


@pytest.mark.parametrize("rule, claim", sorted(RULE_READINGS))
def test_a_rule_says_in_chinese_what_it_was_asked_about(rule, claim):
    params, chinese = RULE_READINGS[(rule, claim)]
    assert sentences.say("rule", rule, params, "zh") == chinese


def test_a_rules_constants_are_said_from_where_the_rule_reads_them(monkeypatch):
    """The 'nearly' band and the bootstrap level are not frozen into the words: change the constant
    and both languages say the new value (a Chinese key with '±5%' inside once broke on such a change)."""
    monkeypatch.setitem(rule_words.RULE_CONSTANTS, "band", 0.15)
    monkeypatch.setitem(rule_words.RULE_CONSTANTS, "alpha", 0.1)
    assert "±15%" in sentences.say("rule", "income_ratio:≈", RULE_PARAMS, lang="en")
    assert "±15%" in sentences.say("rule", "income_ratio:≈", RULE_PARAMS, lang="zh")
    assert "below 0.1 " in sentences.say("rule", "regression_interval", lang="en")
    assert "低于 0.1 " in sentences.say("rule", "regression_interval", lang="zh")


# What each cause with two or more numbers must say in Chinese, for its example above, written here
# by a reader (not rendered and pasted): a template whose fields are swapped — a start year printed
# after the end value, a group's mean under "the other provinces" — fails, although every number
# still appears.
CHINESE_READINGS = {
    "growth_rise": "增速由上年的 3.3% 升至 6.0%，变化 +2.7 个百分点（判定门槛 0 个百分点）",
    "growth_peak": "增速最高的年份：2021 年（8.3%）",
    "growth_lowest": "最低增速 2.1%（2022 年）",
    "growth_means": "2019–2023 年平均增速：深圳 5.16，安徽 5.80",
    "mean_vs_national": "深圳 2019–2023 年平均增速 5.16%，全国 4.94%，相差 +0.22 个百分点",
    "official_against_printed": "深圳 2021 年的官方数字为 5.1 万个，不满足相符条件",
    "vs_national_in_year": "2023 年 6%，全国 5.2%",
    "growth_in_year": "2022 年增速：深圳 3.3，安徽 3.5",
    "series_values": "全国就业人员（年末）：2012 年 76,704，2021 年 74,652",
    "series_gap_values": "全国城镇地区互联网普及率（CNNIC，12 月）减农村地区互联网普及率（CNNIC，12 月）：2020 年 23.9，2021 年 24",
    "two_measures": "全国 2018 年：农村每万人口执业（助理）医师数 18.2，城市每万人口执业（助理）医师数 40.1",
    "regions_values": "2021 年 GDP（现价）：合肥 11,412.8，芜湖 4302.63",
    "group_share": "2023 年东部占各省 GDP 合计的 51.90%",
    "group_share_change": "东部占各省 GDP（现价）合计的比重（初步核算）：51.88%（2019 年）→ 52.13%（2023 年）",
    "group_growth_before_after": "东北平均增速：8.93%（2000–2003 年）→ 10.19%（2004–2013 年），2021 年存档版",
    "group_growth_vs_rest": "2000–2019 年平均实际增速（2021 年存档版）：西部 10.61%，其余省份 9.82%",
    "rank_by": "2021 年安徽按北大数字普惠金融总指数（另一份副本）在 31 个省份中排第 9 位",
    "spread_change": "31 个省份北大数字普惠金融总指数（另一份副本）的变异系数（公布值）：2019 年 0.1011 → 2023 年 0.0978",
    "sd_change": "31 个省份北大数字普惠金融总指数（另一份副本）的标准差（公布值）：2019 年 32.71 → 2023 年 38.78",
    "group_growth_vs_named": "2019–2023 年平均实际增速（经济普查修订）：东部 5.17%，中部、西部 5.40%",
    "dispersion_change": "31 个省份人均 GDP 的变异系数（经济普查修订 GDP 除以年末人口）：0.4582（2019 年）→ 0.4436（2023 年）",
    "share_vs_provinces": "2021 年第二产业增加值（现价）除以 GDP（现价）：安徽 39.27%，31 个省份合计 38.12%",
    "per_head_vs_provinces": "2021 年 GDP（现价）除以年末常住人口：安徽 70,321.00 元/人，31 个省份合计 80,976.00 元/人",
    "sum_of_components": "由公布的分项加总计算：数字产业化占 GDP 比重（中国信通院）3.5 + 产业数字化占 GDP 比重（中国信通院）31.8 = 35.3",
    "regions_total": "北京 5.64 + 上海 5.17 = 10.81 万个",
    "regions_total_partial": "北京 5.64 = 5.64 万个；上海没有数字",
    "year_not_collected": "本项目数据中有安徽 2011 … 2019 年（共 9 个年份）的 GDP（现价），没有 2021 年的",
    "vintage_not_collected": "本项目数据中安徽 2021 年的 GDP（现价）只有初步核算版本，没有最终核实版本",
    "bound_holds_other_year": "该界限对 2020 年的官方数字（1100 家）成立",
    "rank": "2023 年安徽 GDP 在 31 个省份中排第 11 位",
    "bound_from_later": "5G 基站（年末）是累计数，只增不减：较晚的 2022 年 4 月末 5.1716 万个（sh_5g_2022_04）"
                        "仍未超过所印门槛，可知 2021 年的数字也未超过",
    "bound_from_earlier": "5G 基站（年末）是累计数，只增不减：较早的 2022 年 4 月末 5.1716 万个（sh_5g_2022_04）"
                          "已超过所印门槛，可知 2023 年的数字也已超过",
    "bound_undecided": "5G 基站（年末）是累计数：相邻时点的数字（2022 年 4 月末 5.1716 万个（sh_5g_2022_04）；"
                       "2022 年 4 月末 5.1716 万个（sh_5g_2022_04））不能判定 2021 年是否过所印门槛",
    "another_date_and_definition": "未找到 2021 年的官方数字；最接近的官方数字为 2020 年比值 0.468（nbs_gini_2020），"
                                   "口径不同：数字经济增加值占 GDP 比重（省级部门自行测算）",
    "keys_not_collected": "本项目没有取得数字经济占 GDP 比重（中国信通院广义口径）的以下数值（任何版本）：北京 2021 年、"
                          "西藏 2021 年，另有 21 项",
    "another_date": "未找到 2021 年的官方数字；最接近的官方数字为 2020 年比值 0.468（nbs_gini_2020）",
    "regression": "设定 H：增长率对滞后一年的北大指数回归，含收敛项和控制变量，年份效应，2012–2023 年，斜率 0.367"
                  "（95% 区间 -1.273 至 2.007，p 值 = 0.651，聚类野自助法 p 值 = 0.657，N = 372）",
}


@pytest.mark.parametrize("code", sorted(CHINESE_READINGS))
def test_each_cause_with_several_numbers_says_each_in_its_place_in_chinese(code):
    assert sentences.say("cause", code, EXAMPLES[code], "zh") == CHINESE_READINGS[code]


def test_every_cause_with_two_numbers_or_years_has_a_chinese_reading():
    several = {code for code, (english, _) in causes.CAUSES.items()
               if sum(isinstance(EXAMPLES[code].get(f), (int, float, list, dict)) for f in _fields(english)) >= 2}
    assert several - set(CHINESE_READINGS) == set()


# ---- the ledger's vocabulary, declared below the loader, and its words ---------------------------

def test_the_vocabulary_the_loader_checks_is_the_one_the_rules_act_on_and_the_phrasebook_words():
    from compendium import rules
    assert set(schema.COMPARATORS) == set(rule_words.COMPARATORS)
    assert set(schema.STATEMENT_KINDS) == set(causes.STATEMENT_KINDS) <= set(rule_words.RULES)
    assert set(schema.CHECK_NAMES) == rules.ALL_CHECKS


def test_the_loader_imports_no_rule():
    """data → rules is the wrong way up: the loader validates with the schema's vocabulary."""
    from compendium import pipeline
    assert not [f for f in pipeline.package_files({"compendium.data"}) if "/rules/" in f or f.endswith("audit.py")]


# ---- the regression's notes: codes with numbers, worded here ---------------------------------------

def _note_codes_emitted() -> set[str]:
    tree = ast.Module(body=[node for path in sorted((paths.ROOT / "compendium" / "regression").glob("*.py"))
                            for node in ast.parse(path.read_text(encoding="utf-8")).body], type_ignores=[])
    return {node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "note_code" and isinstance(node.args[0], ast.Constant)}


def test_every_note_the_regression_writes_is_worded_in_both_languages_with_the_same_numbers():
    assert _note_codes_emitted() == set(labels.NOTES)
    for code, (english, chinese) in labels.NOTES.items():
        assert _fields(english) == _fields(chinese), code


@pytest.mark.parametrize("coded, english, chinese", [
    ("too_few_observations:n=3,need=4", "not estimated: only 3 observations (need 4)", "未估计：只有 3 个观测（至少需要 4 个）"),
    ("few_clusters:clusters=4; few_residual_df:df=2",
     "4 clusters: clustered errors unreliable, read the bootstrap p; only 2 residual degrees of freedom",
     "只有 4 个聚类：聚类标准误不可靠，请看自助法 p 值；残差自由度只有 2"),
    ("", "", ""),
])
def test_a_note_reads_as_written_here(coded, english, chinese):
    assert labels.notes(coded, "en") == english and labels.notes(coded, "zh") == chinese


# ---- places in a paper ---------------------------------------------------------------------------

@pytest.mark.parametrize("location, chinese", [
    ("§一 para 2", "§一 第 2 段"), ("§二(一) last para", "§二(一) 末段"), ("figure 5 text", "图 5 说明文字"),
    ("§三(三)2 after figure 4", "§三(三)2 图 4 之后"), ("§三(三)3 and figure 6", "§三(三)3 及图 6"),
    ("摘要; §一; §八", "摘要；§一；§八"),
])
def test_a_location_reads_as_written_here(location, chinese):
    assert labels.location(location, "en") == location and labels.location(location, "zh") == chinese


def test_every_ledger_location_is_in_the_notation_and_none_outside_it_passes():
    import csv
    with open(paths.ROOT / "data" / "claims.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels.location(row["location"], "zh")
    for wrong in ("§一 para two", "§一 para 2 para 3", "figure text", "para 2"):
        with pytest.raises(ValueError, match="notation"):
            labels.location(wrong, "zh")


# ---- names a swap would invert, written here by a reader apart from the phrasebook ------------------
# (a held-back audit swapped 上一年 and 当年 in the grid's levels: the curve's Chinese table then called
# the paper's lagged ordering "the same year", and no test held a Chinese level name)
CHINESE_NAMES = {
    "grid level": ({"previous_year": "上一年", "same_year": "当年", "none": "无", "convergence": "收敛项",
                    "year": "年份效应", "two_way": "省份与年份双向效应", "all": "全样本", "no_municipalities": "去掉四个直辖市",
                    "first_release": "初步核算", "census_revision": "经济普查修订", "database_2021": "2021 年存档版",
                    "pku": "北大指数", "official_index": "官方统计指数"}, lambda code: labels.grid_choice(code, "zh")),
    "grid axis": ({"regressor": "解释变量", "lag": "时期", "controls": "控制变量", "fixed_effects": "固定效应",
                   "sample": "样本", "outcome": "因变量"}, lambda code: labels.grid_axis(code, "zh")),
    "vintage": ({"first_release": "初步核算", "final_verification": "最终核实", "census_revision": "经济普查修订",
                 "database_2021": "2021 年存档版", "database_2025": "2025 年存档版"}, lambda code: labels.vintage(code, "zh")),
    "evidence level": ({"official": "官方", "press": "新闻引述", "corroborated": "已印证", "single secondary copy": "单一二手副本"},
                       lambda code: labels.word(labels.EVIDENCE, code, "zh", "evidence level")),
    "verdict": ({"matches": "相符", "differs": "不符", "not comparable": "不可直接比较", "inconclusive": "无定论",
                 "unverified": "无法核实", "not a statistic": "非统计性表述"},
                lambda code: labels.word(labels.VERDICTS, code, "zh", "verdict")),
}


@pytest.mark.parametrize("kind", sorted(CHINESE_NAMES))
def test_the_chinese_names_a_swap_would_invert_are_the_ones_written_here(kind):
    expected, name = CHINESE_NAMES[kind]
    assert {code: name(code) for code in expected} == expected


def test_the_comparators_chinese_words_keep_their_direction():
    said = {c: rule_words.COMPARATORS[c][1] for c in schema.COMPARATORS}
    assert said[">"] == "严格大于{printed:quantity}" and said["<"] == "严格小于{printed:quantity}"
    assert said["≥"] == "不低于{printed:quantity}"
    assert said["≈"].startswith("在{printed:quantity}的 ±") and said["~"].startswith("按所印精度约等于")
    assert said["="].startswith("按所印精度")


def test_beside_other_countries_china_is_zhongguo_not_the_whole_country():
    """A32 compares China with the USA and Japan: 中国, not 全国 (a native reader's point)."""
    said = sentences.say("cause", "regions_values", {"measure": "de_scale_usd_caict", "year": 2020,
                                                     "values": [["China", 5.4], ["USA", 13.6], ["Japan", 2.48]]}, "zh")
    assert "中国 5.4" in said and "全国" not in said
    assert sentences.say("cause", "regions_values", {"measure": "gdp", "year": 2021, "values": [["China", 1.0], ["Anhui", 2.0]]},
                         "zh").count("全国") == 1


@pytest.mark.parametrize("table", ["SPECIFICATIONS", "GRID_CHOICES"])
def test_a_name_states_the_same_years_and_numbers_in_both_languages(table):
    """A specification's or a grid level's Chinese name holds the numbers its English name holds
    (a held-back audit made H4's Chinese years 2020–2021 while the fit drops 2020–2022)."""
    for code, (english, chinese) in getattr(labels, table).items():
        assert sorted(re.findall(r"\d+", english)) == sorted(re.findall(r"\d+", chinese)), (code, english, chinese)
