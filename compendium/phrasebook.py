"""The phrasebook: what the audit says about a claim, in English and Chinese side by side, keyed by code.

A rule returns a cause as a code with typed parameters (measure ids, region keys, years, vintages,
numbers, and small records of an official figure); `say` renders it in either language. Nothing
here parses text: a parameter is formatted by its *kind*, named in the template after a colon
(`{measure:label}` is the measure's label in the edition's language, `{values:region_values .2f}`
a list of (region, number) pairs with two decimals). A code, a kind or a parameter that is
missing is an error at once, naming it; there is no fallback to English.

Our own wording throughout. Identifiers (measure ids, source ids) appear only where a reader
needs them to find a row, and in the Chinese edition only inside code spans or as source ids.
"""
from __future__ import annotations

import re
from string import Formatter
from typing import Callable

from . import regions
from .schema import CI_LEVEL, MEASURES, NEARLY_BAND, REGRESSION_ALPHA

LANGUAGES = ("en", "zh")

# ---- causes: what the data show about a claim --------------------------------------------------
# code -> (English, Chinese). The parameters each code takes are its templates' fields; a test
# renders every code in both languages with the parameters its rule emits.
CAUSES: dict[str, tuple[str, str]] = {
    # nothing to look up, or looked up and not found
    "no_region": ("the paper names no region or population that official statistics cover",
                  "论文没有指明官方统计所覆盖的地区或人群"),
    "measure_not_collected": ("no value of {measure:label} ({measure}) for any region or year is in data/",
                              "本项目数据中没有任何地区、任何年份的{measure:label}"),
    "region_not_collected": ("{measure:label} ({measure}) is in data/ for {held:held_regions} but not for {region:region}",
                             "本项目数据中有{held:held_regions}的{measure:label}，没有{region:region}的"),
    "year_not_collected": ("{measure:label} ({measure}) for {region:region} is in data/ for {held:held_years} but not "
                           "for {year}",
                           "本项目数据中有{region:region}{held:held_years}的{measure:label}，没有{year}年的"),
    "vintage_not_collected": ("{measure:label} ({measure}) for {region:region} in {year} is in data/ only as "
                              "{held:held_vintages}, not {vintage:vintages}",
                              "本项目数据中{region:region}{year}年的{measure:label}只有"
                              "{held:held_vintages}版本，没有{vintage:vintages}版本"),
    "keys_not_collected": ("{measure:label} ({measure}), vintage {vintage:vintages}: data/ lacks {missing:pairs}{more:more}",
                           "{measure:label}，{vintage:vintages}版本：本项目数据缺少{missing:pairs}{more:more}"),
    # another definition, another date, another year
    "another_definition": ("the paper's measure is {own:label}; the official figure measures {other:label}: "
                           "{figure:figure}",
                           "论文的指标是{own:label}，官方数字的口径是{other:label}：{figure:figure}"),
    "another_date": ("no official figure for {year}; the nearest official figure is {figure:figure}",
                     "没有 {year} 年的官方数字；最接近的官方数字为{figure:figure}"),
    "another_date_and_definition": (
        "no official figure for {year}; the nearest official figure of another definition ({other:label}) is "
        "{figure:figure}",
        "没有 {year} 年的官方数字；最接近的官方数字属另一口径（{other:label}），为{figure:figure}"),
    "no_year_nearest": ("the paper gives no year; the nearest official figure is {figure:figure}",
                        "论文没有给出年份；最接近的官方数字为{figure:figure}"),
    "no_year_nearest_and_definition": (
        "the paper gives no year; the nearest official figure of another definition ({other:label}) is {figure:figure}",
        "论文没有给出年份；最接近的官方数字属另一口径（{other:label}），为{figure:figure}"),
    "printed_is_other_year": ("the printed value is the official figure for {year}",
                              "所印数值是 {year} 年的官方数字"),
    "bound_holds_other_year": ("the bound holds for the official figure of {year} ({figure:quantity})",
                               "该界限对 {year} 年的官方数字（{figure:quantity}）成立"),
    # a cumulative count bounded by its neighbours
    "bound_from_later": ("{measure:label} is a cumulative count, which does not fall: the later figure "
                         "{figure:dated} is already at or below the printed threshold, so the {year} figure was too",
                         "{measure:label}是累计数，不会减少：较晚的数字{figure:dated}已不高于所印门槛，"
                         "因此 {year} 年的数字也不高于"),
    "bound_from_earlier": ("{measure:label} is a cumulative count, which does not fall: the earlier figure "
                           "{figure:dated} is already above the printed threshold, so the {year} figure was too",
                           "{measure:label}是累计数，不会减少：较早的数字{figure:dated}已高于所印门槛，"
                           "因此 {year} 年的数字也高于"),
    "bound_undecided": ("{measure:label} is a cumulative count: the nearest figures ({figures:dated_list}) do not "
                        "decide the printed threshold for {year}",
                        "{measure:label}是累计数：相邻时点的数字（{figures:dated_list}）不能判定 {year} 年是否过所印门槛"),
    # totals computed from published parts
    "sum_of_components": ("computed as the sum of its published components: {parts:parts} = {total:g}",
                          "由公布的分项加总计算：{parts:parts} = {total:g}"),
    "regions_total": ("{found:region_sum g} = {total:g} {unit:unit}", "{found:region_sum g} = {total:g} {unit:unit}"),
    "regions_total_partial": ("{found:region_sum g} = {total:g} {unit:unit}; no figure for {missing:regions}",
                              "{found:region_sum g} = {total:g} {unit:unit}；{missing:regions}没有数字"),
    "no_rule": ("data/ holds {measure} for every region the claim names, but no rule judges it yet",
                "本项目数据中有该表述所涉各地区的{measure:label}，但尚无规则据以判定"),
    # recomputed from the data (a rule's own arithmetic)
    "multiple_every_vintage": ("holds in every vintage", "每个版本都成立"),
    "multiple_some_vintages": ("holds in {vintages:vintage_list}", "成立的版本：{vintages:vintage_list}"),
    "multiple_no_vintage": ("holds in no vintage", "没有任何版本成立"),
    "growth_rise": ("growth {before:g} → {after:g} ({change:+.1f} pp; threshold {threshold:g} pp)",
                    "增速 {before:g} → {after:g}（{change:+.1f} 个百分点；门槛 {threshold:g} 个百分点）"),
    "growth_peak": ("highest growth in {year} ({value:g} %)", "增速最高的年份：{year} 年（{value:g} %）"),
    "growth_means": ("mean growth {first}–{last}: {values:region_values .2f}",
                     "{first}–{last} 年平均增速：{values:region_values .2f}"),
    "growth_sds": ("standard deviation of growth: {values:region_values .2f}", "增速标准差：{values:region_values .2f}"),
    "growth_ranges": ("range of growth (max − min): {values:region_values .1f}",
                      "增速极差（最高减最低）：{values:region_values .1f}"),
    "growth_lowest": ("lowest growth {value:g} % ({year})", "最低增速 {value:g} %（{year} 年）"),
    "mean_vs_national": ("mean growth {mean:.2f} vs national {national:.2f} ({difference:+.2f} pp)",
                         "平均增速 {mean:.2f}，全国 {national:.2f}（相差 {difference:+.2f} 个百分点）"),
    "above_national_every_year": ("above national growth every year", "每年都高于全国增速"),
    "not_above_national_in": ("not above national in {years:years}", "{years:years}年未高于全国"),
    "growth_in_year": ("growth in {year}: {values:region_values g}", "{year} 年增速：{values:region_values g}"),
    "vs_national_in_year": ("{value:g} % vs national {national:g} % in {year}",
                            "{year} 年 {value:g} %，全国 {national:g} %"),
    "series_values": ("{measure:label}, {region:region}: {points:year_values g}",
                      "{region:region}{measure:label}：{points:year_values g}"),
    "series_gap_values": ("{measure:label} − {other:label}, {region:region}: {points:year_values g}",
                          "{region:region}{measure:label}减{other:label}：{points:year_values g}"),
    "two_measures": ("{measure:label} {value:g} vs {other:label} {other_value:g} ({region:region}, {year})",
                     "{region:region}{year}年：{measure:label}{value:g}，{other:label}{other_value:g}"),
    "regions_values": ("{measure:label}, {year}: {values:region_values g}",
                       "{year} 年{measure:label}：{values:region_values g}"),
    "rank": ("{region:region} ranks {rank} of {of} by GDP in {year}",
             "{year} 年{region:region} GDP 在 {of} 个省份中排第 {rank} 位"),
    "group_share": ("{group:region} {share:.2f} % of the provinces' GDP in {year}",
                    "{year} 年{group:region}占各省 GDP 合计的 {share:.2f} %"),
    "group_share_change": ("{group:region} share of the provinces' {measure:label} ({vintage:vintage}) "
                           "{before:.2f} % ({start}) → {after:.2f} % ({year})",
                           "{group:region}占各省{measure:label}合计的比重（{vintage:vintage}）："
                           "{before:.2f} %（{start} 年）→ {after:.2f} %（{year} 年）"),
    "group_growth_before_after": ("{group:region}: mean growth {before:.2f} % ({before_first}–{before_last}) → "
                                  "{after:.2f} % ({after_first}–{after_last}), {vintage:vintage}",
                                  "{group:region}平均增速：{before:.2f} %（{before_first}–{before_last} 年）→ "
                                  "{after:.2f} %（{after_first}–{after_last} 年），{vintage:vintage}"),
    "group_growth_vs_rest": ("mean real growth {start}–{year} ({vintage:vintage}): {group:region} {group_mean:.2f} %, "
                             "other provinces {rest_mean:.2f} %",
                             "{start}–{year} 年平均实际增速（{vintage:vintage}）：{group:region} {group_mean:.2f} %，"
                             "其余省份 {rest_mean:.2f} %"),
    "dispersion_change": ("coefficient of variation of GDP per head ({vintage:vintage} GDP over year-end population) "
                          "across the 31 provinces: {before:.4f} ({start}) → {after:.4f} ({year})",
                          "31 个省份人均 GDP 的变异系数（{vintage:vintage} GDP 除以年末人口）："
                          "{before:.4f}（{start} 年）→ {after:.4f}（{year} 年）"),
    "per_head_vs_provinces": ("{measure:label} over {other:label}, {year}: {region:region} {own:.2f}, "
                              "31 provinces {provinces:.2f} (元 per head)",
                              "{year} 年{measure:label}除以{other:label}：{region:region} {own:.2f}，"
                              "31 个省份合计 {provinces:.2f}（元/人）"),
    "share_vs_provinces": ("{measure:label} over {other:label}, {year}: {region:region} {own:.2f}, "
                           "31 provinces {provinces:.2f} (%)",
                           "{year} 年{measure:label}除以{other:label}：{region:region} {own:.2f}，"
                           "31 个省份合计 {provinces:.2f}（%）"),
    "regression": ("{specification:specification}: slope {coefficient:.3f} (95 % CI {ci_low:.3f} to {ci_high:.3f}, "
                   "p = {p_value:.3f}, wild bootstrap p = {p_wild:.3f}, N = {n})",
                   "设定{specification:specification}：斜率 {coefficient:.3f}（95 % 区间 {ci_low:.3f} 至 {ci_high:.3f}，"
                   "p = {p_value:.3f}，聚类野自助法 p = {p_wild:.3f}，N = {n}）"),
    # not a statistic: what kind of sentence it is
    "not_a_statistic": ("{kind:statement_kind}", "{kind:statement_kind}"),
}

STATEMENT_KINDS = {
    "date": ("a date: recorded, not audited against statistics (no dated source in data/)",
             "日期：只作记录，不与统计数据核对"),
    "event": ("an event's place or circumstance: recorded, not a quantity", "事件的地点或情形：只作记录，不是数量"),
    "rule_of_thumb": ("a rule of thumb, not a measurement", "经验法则，不是测量值"),
    "definition": ("a definition or a historical stage, not a measurement", "定义或历史阶段，不是测量值"),
    "evaluation": ("an evaluation of an effect or a mechanism, not a measurement (a quantity the sentence cites is a "
                   "claim of its own)", "对效果或机制的评价，不是测量值（句中所引数字另作一条表述）"),
}

# ---- rules: which rule fired, by id -------------------------------------------------------------
# A printed number against an official one, by the comparator its wording implies (the ledger's
# `comparator`); `{band}` and the other constants come from compendium/schema.py.
COMPARATORS: dict[str, tuple[str, str]] = {
    "=": ("equal at the printed precision", "按所印精度相等"),
    "~": ("about: equal at the printed precision", "约数：按所印精度相等"),
    ">": ("more than (strict)", "超过（严格大于）"),
    "<": ("less than (strict)", "低于（严格小于）"),
    "≥": ("at least", "不低于"),
    "≈": ("nearly: within ±{band:.0%} of the printed value", "接近：在所印数值 ±{band:.0%} 以内"),
}
# Rules composed with a comparator: the id is `family:comparator`, e.g. `income_ratio:~`.
COMPARATOR_FAMILIES: dict[str, tuple[str, str]] = {
    "compare": ("{comparator}", "{comparator}"),
    "components": ("{comparator}, sum of components", "{comparator}（由公布的分项加总）"),
    "income_ratio": ("income ratio recomputed, {comparator}", "重算城乡收入比，{comparator}"),
    "multiple": ("multiple of nominal GDP growth, every vintage, {comparator}", "相对名义 GDP 增速的倍数，每个版本都须{comparator}"),
}
RULES: dict[str, tuple[str, str]] = {
    "another_date": ("another date", "另一时点"),
    "another_definition": ("another definition", "另一口径"),
    "no_source": ("no source", "无来源"),
    "regions_total": ("total of the regions", "各地区合计"),
    "cumulative_bound": ("cumulative bound: a count that does not fall (a cumulative count) is bounded by its nearest "
                         "figures: a later figure below a 'more than' threshold gives differs, an earlier figure above "
                         "it gives matches",
                         "累计数界限：累计数不会减少，可由相邻时点的数值界定：较晚的数值已不超过“超过”的门槛则为不符，"
                         "较早的数值已超过门槛则为相符"),
    # a sentence that is not a statistic, by its kind
    "date": ("date", "日期"),
    "event": ("event", "事件"),
    "rule_of_thumb": ("rule of thumb", "经验法则"),
    "definition": ("definition", "定义或历史阶段"),
    "evaluation": ("evaluation", "对效果或机制的评价"),
    # statements recomputed from the data, by the ledger's `check`
    "rise": ('rise: growth in the year exceeds the year before by more than the threshold (pp; 0 unless given)',
           '回升：当年增速比上年高出门槛以上（百分点；未给出则为 0）'),
    "peak": ("peak: the year has the region's highest growth of 2019–2023, strictly",
           '峰值：该年是该地区 2019–2023 年中增速严格最高的一年'),
    "highest_mean": ('highest mean: strictly the highest mean growth of the three regions, 2019–2023',
           '平均最高：三地区中 2019–2023 年平均增速严格最高'),
    "lowest_mean": ('lowest mean: strictly the lowest mean growth of the three regions, 2019–2023',
           '平均最低：三地区中 2019–2023 年平均增速严格最低'),
    "least_volatile": ('least volatile: strictly the smallest standard deviation of growth of the three regions',
           '波动最小：三地区中增速标准差严格最小'),
    "most_volatile": ('most volatile: strictly the largest standard deviation of growth of the three regions',
           '波动最大：三地区中增速标准差严格最大'),
    "largest_range": ('largest range: strictly the largest max − min of growth of the three regions',
           '极差最大：三地区中增速最高值减最低值严格最大'),
    "always_positive": ('always positive: growth above zero in every year 2019–2023',
           '始终为正：2019–2023 年每年增速都大于零'),
    "mean_above_national": ('above national: mean growth 2019–2023 above the national mean',
           '高于全国：2019–2023 年平均增速高于全国平均'),
    "mean_below_national": ('below national: mean growth 2019–2023 below the national mean',
           '低于全国：2019–2023 年平均增速低于全国平均'),
    "above_national_every_year": ('above national every year: growth above national growth in each year 2019–2023',
           '每年高于全国：2019–2023 年每年增速都高于全国'),
    "above_national_in_year": ('above national in the year: growth above national growth in the year',
           '当年高于全国：当年增速高于全国'),
    "lowest_in_year": ('lowest in the year: strictly the lowest growth of the three regions in the year',
           '当年最低：当年三地区中增速严格最低'),
    "rises_every_year": ('rises every year: each published value up to the year is above the one before (at least three years)',
           '逐年上升：截至该年，每个公布值都高于前一年（至少三年）'),
    "falls_from_previous": ('falls: the value of the year is below that of the year before',
           '下降：当年数值低于上年'),
    "rises_from_previous": ('rises: the value of the year is above that of the year before',
           '上升：当年数值高于上年'),
    "difference_falls": ('gap narrows: first measure minus second measure is smaller in the year than the year before',
           '差距缩小：第一个指标减第二个指标之差当年小于上年'),
    "higher_than_start": ('higher than at the start: the value of the year is above that of the start year',
           '高于起始年：当年数值高于起始年'),
    "lower_than_start": ('lower than at the start: the value of the year is below that of the start year',
           '低于起始年：当年数值低于起始年'),
    "below_other_measure": ("below the other measure: the first measure's value is strictly below the second's (same region and year)",
           '低于另一指标：第一个指标严格低于第二个（同一地区、同一年）'),
    "first_below_others": ("below each of the others: the first region's value is strictly below each other region's (same measure and year)",
           '低于其他各地：第一个地区的数值严格低于其他每个地区（同一指标、同一年）'),
    "first_above_others": ("above each of the others: the first region's value is strictly above each other region's (same measure and year)",
           '高于其他各地：第一个地区的数值严格高于其他每个地区（同一指标、同一年）'),
    "group_share_rises": ("share rises: the group's share of the 31 provinces' total of the measure (GDP, first release, unless the ledger names another) is higher in the year than in the start year (2019 unless given)",
           '占比上升：该地区组占 31 个省份合计（默认为 GDP 初步核算数）的比重，当年高于起始年（默认 2019 年）'),
    "group_share_falls": ("share falls: the group's share of the 31 provinces' total of the measure (GDP, first release, unless the ledger names another) is lower in the year than in the start year (2019 unless given)",
           '占比下降：该地区组占 31 个省份合计（默认为 GDP 初步核算数）的比重，当年低于起始年（默认 2019 年）'),
    "group_share_majority": ("majority: the group's share of the 31 provinces' GDP (first release) is above one half",
           '过半：该地区组占 31 个省份 GDP（初步核算）的比重超过一半'),
    "rank_top_half": ("top half: the province's GDP (first release) ranks 15th or better of 31 in the year",
           '前一半：该省当年 GDP（初步核算）在 31 个省份中排第 15 位或更前'),
    "group_growth_above_rest": ("faster than the rest: the mean real growth of the group's provinces over the years is above the mean of the other provinces (one vintage)",
           '快于其余：该组各省这些年的平均实际增速高于其余省份的平均（同一版本）'),
    "group_growth_below_rest": ("slower than the rest: the mean real growth of the group's provinces over the years is below the mean of the other provinces (one vintage)",
           '慢于其余：该组各省这些年的平均实际增速低于其余省份的平均（同一版本）'),
    "group_growth_rises_after": ("faster after the start: the group's mean real growth from the start year to the year is above its mean in the years of data before the start (one vintage)",
           '起始后加快：该组从起始年到该年的平均实际增速高于起始年以前各年（同一版本）'),
    "dispersion_rises": ('gap widens: the coefficient of variation of GDP per head across the 31 provinces is higher in the year than in the start year (GDP and population each of one vintage)',
           '差距扩大：31 个省份人均 GDP 的变异系数当年高于起始年（GDP 与人口各取同一版本）'),
    "dispersion_falls": ('gap narrows: the coefficient of variation of GDP per head across the 31 provinces is lower in the year than in the start year (GDP and population each of one vintage)',
           '差距缩小：31 个省份人均 GDP 的变异系数当年低于起始年（GDP 与人口各取同一版本）'),
    "share_above_national": ('above the provinces together: the first measure over the second (one vintage; population in its own) is higher for the province than for the 31 provinces together',
           '高于各省合计：该省第一个指标与第二个指标之比（同一版本；人口用其自身版本）高于 31 个省份合计'),
    "regression_interval": ("interval (paper/analysis_plan.md): the headline slope's 95 % interval with t(G-1) critical values lies above zero and the wild cluster bootstrap p is below {alpha} (matches); both below zero with p below {alpha} (differs); otherwise inconclusive",
           '区间（paper/analysis_plan.md）：主设定斜率按 t(G-1) 临界值的 {ci} % 区间在零以上且聚类野自助法 p 低于 {alpha} 为相符；区间在零以下且 p 低于 {alpha} 为不符；其余为无定论'),
    "regression_sign": ('sign only: the headline point estimate is above zero',
           '只看符号：主设定的点估计大于零'),
    "regression_interval_unconditional": ("interval, association only: as the plan's interval rule, on the slope with year effects only (H0: no convergence term, no controls)",
           '区间，仅看关联：按分析计划的区间规则，用只含年份效应的斜率（H0：无收敛项、无控制变量）'),
    "regression_sign_unconditional": ('sign only, association only: the point estimate with year effects only (H0) is above zero',
           '只看符号，仅看关联：只含年份效应（H0）的点估计大于零'),
}

VINTAGES = {
    "first_release": "初步核算", "final_verification": "最终核实", "census_revision": "经济普查修订",
    "database_2021": "2021 年数据库", "database_2025": "2025 年数据库", "as_published": "公布值",
    "compiled": "第三方汇编",
}

# Units the data carry in Latin letters; every other unit (亿元, 万人, 家, %) is printed as it is.
UNITS_ZH = {"index": "点", "rank": "位", "times": "倍", "CV": ""}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# The specifications of the regression table, by id: (English, Chinese), the id printed in front.
SPECIFICATIONS: dict[str, tuple[str, str]] = {
    "1a": ("three regions, any published share", "三地区，任一已公布的占比"),
    "1b": ("paper's printed 2021 shares (GD, SH, GZ, XZ)", "论文所印 2021 年占比（广东、上海、贵州、西藏）"),
    "S1": ("provincial bureaus' shares: pooled, year FE", "省级统计部门公布的占比：混合回归，年份效应"),
    "S2": ("provincial bureaus' shares: 2021 cross-section", "省级统计部门公布的占比：2021 年截面"),
    "S3": ("CAICT shares: pooled, year FE", "中国信通院口径占比：混合回归，年份效应"),
    "H0": ("lagged PKU index, year FE only", "滞后一年的北大指数，只有年份效应"),
    "H1": ("lagged PKU index, convergence term only", "滞后一年的北大指数，只有收敛项"),
    "H": ("growth on lagged PKU index, convergence and controls, year FE, 2012-2023",
          "增长率对滞后一年的北大指数回归，含收敛项和控制变量，年份效应，2012–2023 年"),
    "H2": ("two-way FE (within province), controls", "双向固定效应（省内变化），含控制变量"),
    "H3": ("index of the same year, controls", "用当年的指数，含控制变量"),
    "H4": ("without the pandemic years 2020-2022", "去掉疫情年份 2020–2022"),
    "H5": ("paper's window 2019-2023, first-release growth, controls", "论文的时间窗 2019–2023，初步核算增速，含控制变量"),
    "H6": ("paper's window 2019-2023, first-release growth, no controls", "论文的时间窗 2019–2023，初步核算增速，不含控制变量"),
    "H7": ("without the four municipalities", "去掉四个直辖市"),
    "H8": ("nominal growth, first release", "名义增速，初步核算"),
    "H9": ("nominal growth, final verification", "名义增速，最终核实"),
    "H10": ("one vintage only: census-revised growth 2016-2023", "只用一个版本：经济普查修订后的增速 2016–2023"),
    "H11": ("one vintage only: 2021 database growth 2012-2019", "只用一个版本：2021 年数据库的增速 2012–2019"),
    "H12": ("with industry structure (secondary share), 2020-2023", "加入产业结构（第二产业比重），2020–2023"),
    "H13": ("index years on which two copies agree (lags 2013-2020)", "两份指数副本一致的年份（滞后值 2013–2020）"),
    "H14": ("with urbanisation, industry structure and investment rate (2021 database), 2012-2018",
            "加入城镇化、产业结构和投资率（2021 年数据库），2012–2018"),
    "H15": ("the same years 2012-2018 without those three controls", "同样的 2012–2018 年，不含这三个控制变量"),
    "H16": ("with industry structure spliced across vintages as growth is (no 2019)",
            "按增长率的拼接方式跨版本拼接产业结构（无 2019 年）"),
    "D1": ("coverage breadth (lagged), controls", "覆盖广度（滞后一年），含控制变量"),
    "D2": ("usage depth (lagged), controls", "使用深度（滞后一年），含控制变量"),
    "D3": ("digitisation level (lagged), controls", "数字化程度（滞后一年），含控制变量"),
    "O1": ("official-statistics index (lagged), controls", "官方统计指数（滞后一年），含控制变量"),
    "O2": ("official-statistics index (lagged), year FE only", "官方统计指数（滞后一年），只有年份效应"),
    "L": ("long difference: mean growth 2012-2019 on the 2011 index", "长差分：2012–2019 年平均增速对 2011 年指数回归"),
}


def specification_name(spec_id: str, lang: str = "en") -> str:
    """`H growth on lagged …` in English (the id, then the words); `H（增长率对……）` in Chinese."""
    english, chinese = _entry(SPECIFICATIONS, spec_id, "specification")
    return f"{spec_id} {english}" if lang == "en" else f"{spec_id}（{chinese}）"


# ---- how each kind of parameter is printed ---------------------------------------------------

def _entry(table: dict, code, what: str):
    try:
        return table[code]
    except KeyError:
        raise KeyError(f"the phrasebook has no {what} {code!r} (compendium/phrasebook.py)") from None


def _number(value, spec: str) -> str:
    return format(value, spec or "g")


def _region(key: str, lang: str) -> str:
    if lang == "en":
        return key
    if key in regions.GROUPS:
        return regions.GROUPS[key][0]
    return _entry(regions.CHINESE, key, "region")


def _label(measure: str, lang: str) -> str:
    spec = _entry(MEASURES, measure, "measure")
    return spec.label if lang == "en" else spec.label_zh


def _vintage(vintage: str, lang: str) -> str:
    return vintage if lang == "en" else _entry(VINTAGES, vintage, "vintage")


def _unit(unit: str, lang: str) -> str:
    return unit if lang == "en" else UNITS_ZH.get(unit, unit)


def _quantity(value: float, unit: str, lang: str) -> str:
    if lang == "en":
        return f"{value:g} {unit}"
    if unit == "ratio":
        return f"比值{value:g}"
    return f"{value:g}{UNITS_ZH.get(unit, unit)}"


def _figure(figure: dict, lang: str) -> str:
    """An official figure: value, unit, year and the source it was read from."""
    if lang == "en":
        return f"{figure['value']:g} {figure['unit']} for {figure['year']} ({figure['source']})"
    return f"{figure['year']}年{_quantity(figure['value'], figure['unit'], lang)}（{figure['source']}）"


def _dated(figure: dict, lang: str) -> str:
    """A count at the end of a month: value, unit, year, month (1–12), source."""
    if lang == "en":
        return (f"{figure['value']:g} {figure['unit']} at the end of {MONTHS[figure['month'] - 1]} {figure['year']} "
                f"({figure['source']})")
    return f"{figure['year']}年{figure['month']}月末{_quantity(figure['value'], figure['unit'], lang)}（{figure['source']}）"


def _held(values: list, lang: str, name: Callable[[object], str]) -> str:
    """What data/ holds: all of them when few, else how many and the first and last."""
    if len(values) > 6:
        first, last = name(values[0]), name(values[-1])
        return f"{len(values)} of them ({first} … {last})" if lang == "en" else f"{len(values)}个（{first} … {last}）"
    return (", " if lang == "en" else "、").join(name(v) for v in values)


def _held_years_zh(years: list) -> str:
    """2019、2020 年; or, for many, 2011 … 2019 年（共 9 个年份）."""
    if len(years) > 6:
        return f"{years[0]} … {years[-1]}年（共{len(years)}个年份）"
    return "、".join(str(y) for y in years) + "年"


def _pairs(pairs: list, lang: str) -> str:
    """(region, year) pairs a rule needed and data/ lacks (the rule keeps the first eight and counts the rest)."""
    if lang == "en":
        return ", ".join(f"{r} {y}" if y is not None else str(r) for r, y in pairs)
    return "、".join(f"{_region(r, lang)}{y}年" if y is not None else _region(r, lang) for r, y in pairs)


def _join(items: list, lang: str) -> str:
    return (", " if lang == "en" else "，").join(items)


FIELDS: dict[str, Callable[[object, str, str], str]] = {
    "label": lambda v, lang, _: _label(v, lang),
    "region": lambda v, lang, _: _region(v, lang),
    "regions": lambda v, lang, _: (", " if lang == "en" else "、").join(_region(r, lang) for r in v),
    "vintage": lambda v, lang, _: _vintage(v, lang),
    "vintages": lambda v, lang, _: ("|".join(v) or "any") if lang == "en" else
                                   ("、".join(_vintage(x, lang) for x in v) or "任一"),
    "vintage_list": lambda v, lang, _: (", " if lang == "en" else "、").join(_vintage(x, lang) for x in v),
    "unit": lambda v, lang, _: _unit(v, lang),
    "held_regions": lambda v, lang, _: _held(v, lang, lambda r: _region(r, lang)),
    "held_years": lambda v, lang, _: _held(v, lang, str) if lang == "en" else _held_years_zh(v),
    "held_vintages": lambda v, lang, _: _held(v, lang, lambda x: _vintage(x, lang)),
    "pairs": lambda v, lang, _: _pairs(v, lang),
    "years": lambda v, lang, _: (", " if lang == "en" else "、").join(str(y) for y in v),
    "figure": lambda v, lang, _: _figure(v, lang),
    "quantity": lambda v, lang, _: _quantity(v["value"], v["unit"], lang),
    "dated": lambda v, lang, _: _dated(v, lang),
    "dated_list": lambda v, lang, _: (", " if lang == "en" else "；").join(_dated(f, lang).strip() for f in v),
    "parts": lambda v, lang, _: " + ".join(f"{_label(m, lang)}{' ' if lang == 'en' else ''}{x:g}" for m, x in v),
    "more": lambda v, lang, _: "" if not v else f" and {v} more" if lang == "en" else f"等另{v}项",
    "region_sum": lambda v, lang, spec: " + ".join(f"{_region(r, lang)} {_number(x, spec)}" for r, x in v),
    "region_values": lambda v, lang, spec: _join([f"{_region(r, lang)} {_number(x, spec)}" for r, x in v], lang),
    "year_values": lambda v, lang, spec: _join([f"{y} {_number(x, spec)}" if lang == "en" else
                                                f"{y}年{_number(x, spec)}" for y, x in v], lang),
    "specification": lambda v, lang, _: specification_name(v, lang),
    "statement_kind": lambda v, lang, _: _entry(STATEMENT_KINDS, v, "statement kind")[LANGUAGES.index(lang)],
}


class _Phrases(Formatter):
    """str.format with the phrasebook's kinds: `{name:kind spec}`; any other spec is a number format."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"language {lang!r} is not one of {LANGUAGES}")
        self.lang = lang

    def get_value(self, key, args, kwargs):
        try:
            return kwargs[key]
        except KeyError:
            raise KeyError(f"the phrase needs the parameter {key!r}; given {sorted(kwargs)}") from None

    def format_field(self, value, format_spec: str) -> str:
        kind, _, number = format_spec.partition(" ")
        if kind in FIELDS:
            return FIELDS[kind](value, self.lang, number)
        return format(value, format_spec)


def say(kind: str, code: str, params: dict | None = None, lang: str = "en") -> str:
    """The phrase for `code` of `kind` ("cause" or "rule") in `lang`, its fields filled from `params`.
    Strict: an unknown code, kind or parameter raises at once, naming it."""
    if not code:
        return ""
    if kind == "cause":
        template = _entry(CAUSES, code, "cause code")[LANGUAGES.index(lang)]
    elif kind == "rule":
        template, params = _rule(code, lang), RULE_CONSTANTS | (params or {})
    else:
        raise KeyError(f"the phrasebook has no kind {kind!r}")
    try:
        text = _Phrases(lang).format(template, **(params or {}))
    except KeyError as missing:
        raise KeyError(f"{kind} {code!r} ({lang}): {missing.args[0]}") from None
    return text if lang == "en" else spaced(text)


# the constants a rule's wording states, from where the rules read them
RULE_CONSTANTS = {"band": NEARLY_BAND, "alpha": REGRESSION_ALPHA, "ci": CI_LEVEL}


def _rule(rule_id: str, lang: str) -> str:
    """A rule's template: `family:comparator` composes a family with a comparator's phrase."""
    index = LANGUAGES.index(lang)
    family, _, comparator = rule_id.partition(":")
    if comparator:
        phrase = _entry(COMPARATORS, comparator, "comparator")[index]
        return _entry(COMPARATOR_FAMILIES, family, "rule family")[index].replace("{comparator}", phrase)
    return _entry(RULES, rule_id, "rule")[index]


def rule_ids() -> list[str]:
    """Every rule id the phrasebook can say: each family with each comparator, and every other rule."""
    return [f"{family}:{c}" for family in COMPARATOR_FAMILIES for c in COMPARATORS] + list(RULES)


# Chinese typesetting puts a space between a Chinese character and a Latin letter or digit, and none
# between a Chinese character and full-width punctuation; one rule for every Chinese phrase, so the
# templates and fields need not carry spaces. It changes spacing only, never a word.
_CJK = "\u4e00-\u9fff"
_LATIN = "A-Za-z0-9%`"
_GAPS = re.compile(f"(?<=[{_CJK}])(?=[{_LATIN}])|(?<=[{_LATIN}])(?=[{_CJK}])")


def spaced(text: str) -> str:
    return _GAPS.sub(" ", text)
