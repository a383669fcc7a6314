"""The Chinese words for what the audit and the regression write in English: rule names, locations,
regression notes, figure and table words. Causes are worded in both languages by
`compendium/phrasebook.py`. Strict: a rule without a Chinese entry is an error when the Chinese
edition is rendered, never a silent English fallback. Our own wording throughout; identifiers, file
paths and source ids stay as they are.
"""
from __future__ import annotations

import re

from . import phrasebook

RULES_ZH = {
    "equal at the printed precision": "按所印精度相等",
    "equal at the printed precision, sum of components": "按所印精度相等（由公布的分项加总）",
    "about: equal at the printed precision": "约数：按所印精度相等",
    "more than (strict)": "超过（严格大于）",
    "less than (strict)": "低于（严格小于）",
    "at least": "不低于",
    "nearly: within ±5% of the printed value": "接近：在所印数值 ±5% 以内",
    "another date": "另一时点",
    "another definition": "另一口径",
    "no source": "无来源",
    "total of the regions": "各地区合计",
    "date": "日期",
    "event": "事件",
    "rule of thumb": "经验法则",
    "definition": "定义或历史阶段",
    "evaluation": "对效果或机制的评价",
    "income ratio recomputed, about: equal at the printed precision": "重算城乡收入比，约数：按所印精度相等",
    "income ratio recomputed, nearly: within ±5% of the printed value": "重算城乡收入比，接近：在所印数值 ±5% 以内",
    "multiple of nominal GDP growth, every vintage, more than (strict)": "相对名义 GDP 增速的倍数，每个版本都须超过（严格大于）",
    "cumulative bound: a count that does not fall (a cumulative count) is bounded by its nearest figures: a later figure "
    "below a 'more than' threshold gives differs, an earlier figure above it gives matches":
        "累计数界限：累计数不会减少，可由相邻时点的数值界定：较晚的数值已不超过“超过”的门槛则为不符，较早的数值已超过门槛则为相符",
    "rise: growth in the year exceeds the year before by more than the threshold (pp; 0 unless given)":
        "回升：当年增速比上年高出门槛以上（百分点；未给出则为 0）",
    "peak: the year has the region's highest growth of 2019–2023, strictly": "峰值：该年是该地区 2019–2023 年中增速严格最高的一年",
    "highest mean: strictly the highest mean growth of the three regions, 2019–2023": "平均最高：三地区中 2019–2023 年平均增速严格最高",
    "lowest mean: strictly the lowest mean growth of the three regions, 2019–2023": "平均最低：三地区中 2019–2023 年平均增速严格最低",
    "least volatile: strictly the smallest standard deviation of growth of the three regions": "波动最小：三地区中增速标准差严格最小",
    "most volatile: strictly the largest standard deviation of growth of the three regions": "波动最大：三地区中增速标准差严格最大",
    "largest range: strictly the largest max − min of growth of the three regions": "极差最大：三地区中增速最高值减最低值严格最大",
    "always positive: growth above zero in every year 2019–2023": "始终为正：2019–2023 年每年增速都大于零",
    "above national: mean growth 2019–2023 above the national mean": "高于全国：2019–2023 年平均增速高于全国平均",
    "below national: mean growth 2019–2023 below the national mean": "低于全国：2019–2023 年平均增速低于全国平均",
    "above national every year: growth above national growth in each year 2019–2023": "每年高于全国：2019–2023 年每年增速都高于全国",
    "above national in the year: growth above national growth in the year": "当年高于全国：当年增速高于全国",
    "lowest in the year: strictly the lowest growth of the three regions in the year": "当年最低：当年三地区中增速严格最低",
    "rises every year: each published value up to the year is above the one before (at least three years)":
        "逐年上升：截至该年，每个公布值都高于前一年（至少三年）",
    "falls: the value of the year is below that of the year before": "下降：当年数值低于上年",
    "rises: the value of the year is above that of the year before": "上升：当年数值高于上年",
    "gap narrows: first measure minus second measure is smaller in the year than the year before":
        "差距缩小：第一个指标减第二个指标之差当年小于上年",
    "higher than at the start: the value of the year is above that of the start year": "高于起始年：当年数值高于起始年",
    "lower than at the start: the value of the year is below that of the start year": "低于起始年：当年数值低于起始年",
    "below the other measure: the first measure's value is strictly below the second's (same region and year)":
        "低于另一指标：第一个指标严格低于第二个（同一地区、同一年）",
    "below each of the others: the first region's value is strictly below each other region's (same measure and year)":
        "低于其他各地：第一个地区的数值严格低于其他每个地区（同一指标、同一年）",
    "above each of the others: the first region's value is strictly above each other region's (same measure and year)":
        "高于其他各地：第一个地区的数值严格高于其他每个地区（同一指标、同一年）",
    "share rises: the group's share of the 31 provinces' total of the measure (GDP, first release, unless the ledger "
    "names another) is higher in the year than in the start year (2019 unless given)":
        "占比上升：该地区组占 31 个省份合计（默认为 GDP 初步核算数）的比重，当年高于起始年（默认 2019 年）",
    "share falls: the group's share of the 31 provinces' total of the measure (GDP, first release, unless the ledger "
    "names another) is lower in the year than in the start year (2019 unless given)":
        "占比下降：该地区组占 31 个省份合计（默认为 GDP 初步核算数）的比重，当年低于起始年（默认 2019 年）",
    "majority: the group's share of the 31 provinces' GDP (first release) is above one half": "过半：该地区组占 31 个省份 GDP（初步核算）的比重超过一半",
    "top half: the province's GDP (first release) ranks 15th or better of 31 in the year": "前一半：该省当年 GDP（初步核算）在 31 个省份中排第 15 位或更前",
    "faster than the rest: the mean real growth of the group's provinces over the years is above the mean of the other "
    "provinces (one vintage)": "快于其余：该组各省这些年的平均实际增速高于其余省份的平均（同一版本）",
    "slower than the rest: the mean real growth of the group's provinces over the years is below the mean of the other "
    "provinces (one vintage)": "慢于其余：该组各省这些年的平均实际增速低于其余省份的平均（同一版本）",
    "faster after the start: the group's mean real growth from the start year to the year is above its mean in the "
    "years of data before the start (one vintage)": "起始后加快：该组从起始年到该年的平均实际增速高于起始年以前各年（同一版本）",
    "gap widens: the coefficient of variation of GDP per head across the 31 provinces is higher in the year than in the "
    "start year (GDP and population each of one vintage)": "差距扩大：31 个省份人均 GDP 的变异系数当年高于起始年（GDP 与人口各取同一版本）",
    "gap narrows: the coefficient of variation of GDP per head across the 31 provinces is lower in the year than in the "
    "start year (GDP and population each of one vintage)": "差距缩小：31 个省份人均 GDP 的变异系数当年低于起始年（GDP 与人口各取同一版本）",
    "above the provinces together: the first measure over the second (one vintage; population in its own) is higher for "
    "the province than for the 31 provinces together": "高于各省合计：该省第一个指标与第二个指标之比（同一版本；人口用其自身版本）高于 31 个省份合计",
    "interval (paper/analysis_plan.md): the headline slope's 95 % interval with t(G-1) critical values lies above zero "
    "and the wild cluster bootstrap p is below 0.05 (matches); both below zero with p below 0.05 (differs); otherwise "
    "inconclusive": "区间（paper/analysis_plan.md）：主设定斜率按 t(G-1) 临界值的 95 % 区间在零以上且野聚类自助法 p 低于 0.05 为相符；"
                    "区间在零以下且 p 低于 0.05 为不符；其余为无定论",
    "sign only: the headline point estimate is above zero": "只看符号：主设定的点估计大于零",
    "interval, association only: as the plan's interval rule, on the slope with year effects only (H0: no convergence "
    "term, no controls)": "区间，仅看关联：按分析计划的区间规则，用只含年份效应的斜率（H0：无收敛项、无控制变量）",
    "sign only, association only: the point estimate with year effects only (H0) is above zero": "只看符号，仅看关联：只含年份效应（H0）的点估计大于零",
}

def rule_zh(rule: str) -> str:
    try:
        return RULES_ZH[rule]
    except KeyError:
        raise KeyError(f"no Chinese wording for the rule {rule!r} (add it to compendium/catalogue.py RULES_ZH)") from None


LOCATION_ZH = [(r"\blast para\b", "末段"), (r"\bpara (\d+)", r"第 \1 段"), (r"\bafter figure (\d+)", r"图 \1 之后"),
               (r"\band figure (\d+)", r"及图 \1"), (r"^figure (\d+) text$", r"图 \1 文字")]


def location_zh(location: str) -> str:
    for pattern, replacement in LOCATION_ZH:
        location = re.sub(pattern, replacement, location)
    return location


def specification_zh(name: str) -> str:
    """A specification's Chinese name from its code; its code stays in front, as in the English."""
    code = name.split()[0]
    return f"{code} {phrasebook.SPECIFICATIONS[code][1]}" if code in phrasebook.SPECIFICATIONS else \
        phrasebook.specification_name(code, "zh")  # raises, naming the code


# Notes the regression code writes beside a fit (regression.refusal_reason and the few-cluster note).
REGRESSION_NOTES_ZH = [
    (r"^only (\d+) residual degrees of freedom$", r"残差自由度只有 \1"),
    (r"^(\d+) clusters: clustered errors unreliable, read the bootstrap p$", r"只有 \1 个聚类：聚类标准误不可靠，请看自助法 p 值"),
    (r"^only (\d+) observations \(need (\d+)\)$", r"只有 \1 个观测（至少需要 \2 个）"),
    (r"^(\d+) observations for (\d+) parameters: no degrees of freedom left$", r"\1 个观测对 \2 个参数：没有剩余自由度"),
    (r"^the regressor does not vary$", "解释变量没有变化"),
    (r"^only (\d+) provinces to cluster on \(need (\d+)\)$", r"只有 \1 个省份可作聚类（至少需要 \2 个）"),
]


def regression_note_zh(note: str) -> str:
    if not note:
        return ""
    if note.startswith("not estimated: "):
        return "未估计：" + regression_note_zh(note.removeprefix("not estimated: "))
    for pattern, chinese in REGRESSION_NOTES_ZH:
        if re.match(pattern, note):
            return re.sub(pattern, chinese, note)
    raise KeyError(f"no Chinese wording for the regression note {note!r} (add it to compendium/catalogue.py "
                   "REGRESSION_NOTES_ZH)")


# What a value of the data editor's exception list is used for, and its evidence level.
USES_ZH = {"headline regression": "主回归"}
EVIDENCE_ZH = {"official": "官方", "press": "报刊", "corroborated": "已印证", "single secondary copy": "单一二手副本"}
FIGURE_KINDS_ZH = {"diagram": "示意图", "data": "数据图"}


# ---- our own figures, drawn once per edition (the papers' figures stay in Chinese, as printed) ----
FAMILIES_ZH = {"published shares": "已公布的占比", "PKU index, 2012-2023": "北大指数，2012–2023",
               "PKU dimensions": "北大指数分维度", "official-statistics index": "官方统计指数",
               "long difference": "长差分"}
GRID_AXES_ZH = {"regressor": "解释变量", "lag": "时期", "controls": "控制变量", "fixed_effects": "固定效应",
                "sample": "样本", "outcome": "因变量"}
# The grid's levels (paper/specification_grid.yaml) a table names, in English and Chinese
GRID_CHOICES = {
    "pku": ("PKU index", "北大指数"), "pku_breadth": ("PKU coverage breadth", "北大指数覆盖广度"),
    "pku_depth": ("PKU usage depth", "北大指数使用深度"), "pku_digitisation": ("PKU digitisation level", "北大指数数字化程度"),
    "official_index": ("official-statistics index", "官方统计指数"),
    "share_local": ("provincial bureaus' digital-economy share", "省级统计部门公布的数字经济占比"),
    "share_caict": ("CAICT's digital-economy share", "中国信通院口径的数字经济占比"),
    "previous_year": ("previous year", "上一年"), "same_year": ("same year", "当年"),
    "none": ("none", "无"), "convergence": ("convergence term", "收敛项"),
    "convergence_population": ("convergence term and population growth", "收敛项与人口增长"),
    "convergence_population_structure": ("convergence term, population growth and industry structure",
                                         "收敛项、人口增长与产业结构"),
    "year": ("year effects", "年份效应"), "two_way": ("province and year effects", "省份与年份双向效应"),
    "all": ("all province-years", "全样本"), "no_municipalities": ("without the four municipalities", "去掉四个直辖市"),
    "no_pandemic": ("without 2020–2022", "去掉 2020–2022 年"), "paper_window": ("the paper's years 2019–2023", "论文样本期 2019–2023 年"),
    "spliced": ("latest vintage of each year", "各年最新版本（拼接）"), "database_2021": ("2021 database", "2021 年数据库"),
    "census_revision": ("census-revised", "经济普查修订"), "first_release": ("first release", "初步核算"),
}


def grid_choice(code: str, lang: str) -> str:
    """A level of the specification grid in words (strict: an unknown level stops the build, named)."""
    if code not in GRID_CHOICES:
        raise KeyError(f"catalogue.GRID_CHOICES has no words for the grid level {code!r}")
    return in_language(lang, *GRID_CHOICES[code])


VERDICTS_ZH = {"matches": "相符", "differs": "不符", "not comparable": "口径不可比", "inconclusive": "无定论",
               "unverified": "无法核实", "not a statistic": "非统计数字"}


def in_language(lang: str, english: str, chinese: str) -> str:
    """One of two wordings of a figure's text, by the edition's language code."""
    if lang not in ("en", "zh"):
        raise ValueError(f"unknown language {lang!r} (en or zh)")
    return english if lang == "en" else chinese
