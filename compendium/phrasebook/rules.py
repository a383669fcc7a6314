"""Which rule judged a claim, by rule id: a check's name, or `family:comparator` for a printed number
held against an official one by the comparator its wording implies. The constants a rule's wording
states (the band of "nearly", the test level) come from `compendium/schema.py`, where the rules read
them. Only the report says these.
"""
from __future__ import annotations

from ..schema import CI_LEVEL, NEARLY_BAND, REGRESSION_ALPHA
from .labels import entry

# A printed number against an official one, by the comparator its wording implies (the ledger's
# `comparator`); `{band}` and the other constants come from compendium/schema.py.
COMPARATORS: dict[str, tuple[str, str]] = {
    "=": ('equal at the printed precision',
        '按论文所印精度四舍五入后相等'),
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
    "another_date": ("the official figure is for another year: not compared", "官方数字与论文年份不一，不作比较"),
    "another_definition": ("the official figure has another definition: not compared", "官方数字与论文口径不一，不作比较"),
    "no_source": ("the data needed were searched for and not obtained", "所需数据已检索，未取得"),
    "regions_total": ("total of the regions", "各地区合计"),
    "cumulative_bound": ("cumulative bound: a count that does not fall (a cumulative count) is bounded by its nearest figures: a later figure below "
                         "a 'more than' threshold gives differs, an earlier figure above it gives matches",
        '累计数界限：累计数只增不减，可由相邻时点判定：较晚时点仍未超过所印门槛，可判不符；较早时点已超过门槛，可判相符'),
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
        '峰值：该年是该地区 2019–2023 年中增速唯一最高的一年'),
    "highest_mean": ('highest mean: strictly the highest mean growth of the three regions, 2019–2023',
        '平均最高：三地区中 2019–2023 年平均增速最高（不含并列）'),
    "lowest_mean": ('lowest mean: strictly the lowest mean growth of the three regions, 2019–2023',
        '平均最低：三地区中 2019–2023 年平均增速最低（不含并列）'),
    "least_volatile": ('least volatile: strictly the smallest standard deviation of growth of the three regions',
        '波动最小：三地区中增速标准差最小（不含并列）'),
    "most_volatile": ('most volatile: strictly the largest standard deviation of growth of the three regions',
        '波动最大：三地区中增速标准差最大（不含并列）'),
    "largest_range": ('largest range: strictly the largest max − min of growth of the three regions',
        '极差最大：三地区中增速最高值减最低值最大（不含并列）'),
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
        '当年最低：当年三地区中增速最低（不含并列）'),
    "rises_every_year": ('rises every year: each published value up to the year is above the one before (at least three years)',
           '逐年上升：截至该年，每个公布值都高于前一年（至少三年）'),
    "falls_from_previous": ('falls: the value of the year is below that of the year before',
        '当年数值低于上年'),
    "rises_from_previous": ('rises: the value of the year is above that of the year before',
        '当年数值高于上年'),
    "difference_falls": ('gap narrows: first measure minus second measure is smaller in the year than the year before',
           '差距缩小：第一个指标减第二个指标之差当年小于上年'),
    "higher_than_start": ('higher than at the start: the value of the year is above that of the start year',
        '当年数值高于起始年'),
    "lower_than_start": ('lower than at the start: the value of the year is below that of the start year',
        '当年数值低于起始年'),
    "below_other_measure": ("below the other measure: the first measure's value is strictly below the second's (same region and year)",
        '第一个指标低于第二个（不含等于；同一地区、同一年）'),
    "first_below_others": ("below each of the others: the first region's value is strictly below each other region's (same measure and year)",
        '第一个地区的数值低于其他每个地区（不含等于；同一指标、同一年）'),
    "first_above_others": ("above each of the others: the first region's value is strictly above each other region's (same measure and year)",
        '第一个地区的数值高于其他每个地区（不含等于；同一指标、同一年）'),
    "group_share_rises": ("share rises: the group's share of the 31 provinces' total of the measure (GDP, first release, unless the ledger names "
                          "another) is higher in the year than in the start year (2019 unless given)",
           '占比上升：该地区组占 31 个省份合计（默认为 GDP 初步核算数）的比重，当年高于起始年（默认 2019 年）'),
    "group_share_falls": ("share falls: the group's share of the 31 provinces' total of the measure (GDP, first release, unless the ledger names "
                          "another) is lower in the year than in the start year (2019 unless given)",
           '占比下降：该地区组占 31 个省份合计（默认为 GDP 初步核算数）的比重，当年低于起始年（默认 2019 年）'),
    "group_share_majority": ("majority: the group's share of the 31 provinces' GDP (first release) is above one half",
           '过半：该地区组占 31 个省份 GDP（初步核算）的比重超过一半'),
    "rank_top_half": ("top half: the province's GDP (first release) ranks 15th or better of 31 in the year",
           '前一半：该省当年 GDP（初步核算）在 31 个省份中排第 15 位或更前'),
    "group_growth_above_rest": ("faster than the rest: the mean real growth of the group's provinces over the years is above the mean of the other "
                                "provinces (one vintage)",
           '快于其余：该组各省这些年的平均实际增速高于其余省份的平均（同一版本）'),
    "group_growth_below_rest": ("slower than the rest: the mean real growth of the group's provinces over the years is below the mean of the other "
                                "provinces (one vintage)",
           '慢于其余：该组各省这些年的平均实际增速低于其余省份的平均（同一版本）'),
    "group_growth_rises_after": ("faster after the start: the group's mean real growth from the start year to the year is above its mean in the "
                                 "years of data before the start (one vintage)",
           '起始后加快：该组从起始年到该年的平均实际增速高于起始年以前各年（同一版本）'),
    "dispersion_rises": ('gap widens: the coefficient of variation of GDP per head across the 31 provinces is higher in the year than in the start '
                         'year (GDP and population each of one vintage)',
           '差距扩大：31 个省份人均 GDP 的变异系数当年高于起始年（GDP 与人口各取同一版本）'),
    "dispersion_falls": ('gap narrows: the coefficient of variation of GDP per head across the 31 provinces is lower in the year than in the start '
                         'year (GDP and population each of one vintage)',
           '差距缩小：31 个省份人均 GDP 的变异系数当年低于起始年（GDP 与人口各取同一版本）'),
    "share_above_national": ('above the provinces together: the first measure over the second (one vintage; population in its own) is higher for the '
                             'province than for the 31 provinces together',
           '高于各省合计：该省第一个指标与第二个指标之比（同一版本；人口用其自身版本）高于 31 个省份合计'),
    "regression_interval": ("interval (paper/analysis_plan.md): the headline slope's 95 % interval with t(G-1) critical values lies above zero and "
                            "the wild cluster bootstrap p is below {alpha} (matches); both below zero with p below {alpha} (differs); otherwise "
                            "inconclusive",
           '区间（paper/analysis_plan.md）：主设定斜率按 t(G-1) 临界值的 {ci} % 区间在零以上且聚类野自助法 p 低于 {alpha} 为相符；'
           '区间在零以下且 p 低于 {alpha} 为不符；其余为无定论'),
    "regression_sign": ('sign only: the headline point estimate is above zero',
           '只看符号：主设定的点估计大于零'),
    "regression_interval_unconditional": ("interval, association only: as the plan's interval rule, on the slope with year effects only (H0: no "
                                          "convergence term, no controls)",
           '区间，仅看关联：按分析计划的区间规则，用只含年份效应的斜率（H0：无收敛项、无控制变量）'),
    "regression_sign_unconditional": ('sign only, association only: the point estimate with year effects only (H0) is above zero',
           '只看符号，仅看关联：只含年份效应（H0）的点估计大于零'),
}


# the constants a rule's wording states, from where the rules read them
RULE_CONSTANTS = {"band": NEARLY_BAND, "alpha": REGRESSION_ALPHA, "ci": CI_LEVEL}


def template(rule_id: str, lang_index: int) -> str:
    """A rule's template: `family:comparator` composes a family with a comparator's phrase."""
    family, _, comparator = rule_id.partition(":")
    if comparator:
        phrase = entry(COMPARATORS, comparator, "comparator")[lang_index]
        return entry(COMPARATOR_FAMILIES, family, "rule family")[lang_index].replace("{comparator}", phrase)
    return entry(RULES, rule_id, "rule")[lang_index]


def rule_ids() -> list[str]:
    """Every rule id the phrasebook can say: each family with each comparator, and every other rule."""
    return [f"{family}:{c}" for family in COMPARATOR_FAMILIES for c in COMPARATORS] + list(RULES)
