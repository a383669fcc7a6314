"""Which rule judged a claim, by rule id: a check's name, or `family:comparator` for a printed number
held against an official one by the comparator its wording implies. The constants a rule's wording
states (the band of "nearly", the test level) come from `compendium/schema.py`, where the rules read
them. Only the report says these.
"""
from __future__ import annotations

from ..regions import PAPER_B_YEARS
from ..schema import CI_LEVEL, NEARLY_BAND, REGRESSION_ALPHA
from .labels import entry

# A printed number against an official one, by the comparator its wording implies (the ledger's
# `comparator`); `{band}` and the other constants come from compendium/schema.py.
COMPARATORS: dict[str, tuple[str, str]] = {
    "=": ("equal to {printed:quantity} at the printed precision", "按所印精度四舍五入后等于{printed:quantity}"),
    "~": ("equal to {printed:quantity} at the printed precision ('about' read as rounding)",
          "按所印精度约等于{printed:quantity}（“约”按四舍五入解读）"),
    ">": ("strictly above {printed:quantity}", "严格大于{printed:quantity}"),
    "<": ("strictly below {printed:quantity}", "严格小于{printed:quantity}"),
    "≥": ("at least {printed:quantity}", "不低于{printed:quantity}"),
    "≈": ("within ±{band:.0%} of {printed:quantity}", "在{printed:quantity}的 ±{band:.0%} 范围内"),
}
# Rules composed with a comparator: the id is `family:comparator`, e.g. `income_ratio:~`; each says when the
# claim matches, with the value it is held against (the printed one, or the threshold its reading sets).
COMPARATOR_FAMILIES: dict[str, tuple[str, str]] = {
    "compare": ("matches if the official figure is {comparator}", "相符条件：官方数字{comparator}"),
    "components": ("matches if the sum of the published components is {comparator}", "相符条件：公布的分项之和{comparator}"),
    "income_ratio": ("matches if the urban/rural income ratio recomputed from the two incomes is {comparator}",
                     "相符条件：由城乡居民收入重算的城乡收入比{comparator}"),
    "regions_total": ("matches if the total of {regions:regions} is {comparator}", "相符条件：{regions:regions}合计{comparator}"),
    "multiple": ("matches if the digital economy's nominal growth over nominal GDP growth is, with each vintage of GDP, "
                 "{comparator}", "相符条件：数字经济名义增速与名义 GDP 增速之比，按每一版本的 GDP 计算都{comparator}"),
}
# The fields a rule's wording names are what the rule was asked about (`rule_params` of the audit
# files): {regions:region_first}, {regions:region_rest}, {measures:measure_first}, {measures:measure_second},
# {year}, {start}, {vintage:vintage}; {b_first}–{b_last} are Paper B's years, as the rules read them.
RULES: dict[str, tuple[str, str]] = {
    "another_date": ("the official figure found is for another year than the paper's: not compared",
        "所见官方数字与论文年份不一，不作比较"),
    "another_definition": ("the official figure found has another definition than the paper's: not compared",
        "找到的官方数字与论文的统计口径不同，无法直接比较"),
    "another_date_and_definition": ("the official figure found differs from the paper's in year and definition: not compared",
        "所见官方数字与论文年份、口径均不一，不作比较"),
    "no_year": ("the paper gives no year, so no official figure can be matched to it: not compared",
        "论文未注明年份，无法确认官方数字是否同一年份，不作比较"),
    "no_year_and_definition": ("the paper gives no year and the official figure found has another definition: not compared",
        "论文未注明年份，所见官方数字口径也不同，不作比较"),
    "no_source": ("the data needed were searched for and not obtained",
        "所需数据已检索，未取得"),
    "no_region": ("the paper names no region or population official statistics cover",
        "论文未界定地区或人群，无法对应官方统计"),
    "cumulative_bound": ("inferred from a cumulative count, which does not fall: a later figure still not above the printed"
        " threshold means the paper's date was not above it either (differs); an earlier figure already"
        " above it means the paper's date was above it too (matches)",
        "按累计数推断：累计数只增不减，因此若较晚时点的数字仍未超过论文所说的门槛，可推断论文所指时点也未超过，判不符；若较早时点已经超过，判相符"),
    "date": ("date",
        "日期"),
    "event": ("event",
        "事件"),
    "rule_of_thumb": ("rule of thumb",
        "经验法则"),
    "definition": ("definition",
        "定义或历史阶段"),
    "evaluation": ("evaluation",
        "对效果或机制的评价"),
    "rise": ("matches if (rise): {regions:region_first}'s growth in {year} is above the year before by more than"
        " the threshold (in pp; 0 where none is set, i.e. any rise)",
        "相符条件（回升）：{regions:region_first}{year}年增速高于上年，且升幅超过设定门槛（单位为百分点；未设门槛时取 0，即只要升高即可）"),
    "peak": ("matches if (peak): {year} is {regions:region_first}'s year of highest growth in {b_first}–{b_last},"
        " strictly (a tie is no peak)",
        "相符条件（峰值）：{year}年是{regions:region_first}{b_first}–{b_last}年中增速最高的一年（不含并列）"),
    "highest_mean": ("matches if (highest mean): {regions:region_first}'s mean growth {b_first}–{b_last} (arithmetic mean"
        " of the years' growth) is strictly the highest of {compared:regions} (a tie is not highest)",
        "相符条件（平均最高）：{regions:region_first}{b_first}–{b_last}年平均增速（各年实际增速的算术平均）在{compared:regions}中最高（不含并列）"),
    "lowest_mean": ("matches if (lowest mean): {regions:region_first}'s mean growth {b_first}–{b_last} (arithmetic mean"
        " of the years' growth) is strictly the lowest of {compared:regions} (a tie is not lowest)",
        "相符条件（平均最低）：{regions:region_first}{b_first}–{b_last}年平均增速（各年实际增速的算术平均）在{compared:regions}中最低（不含并列）"),
    "least_volatile": ("matches if (least volatile): the standard deviation of {regions:region_first}'s growth"
        " {b_first}–{b_last} is strictly the smallest of {compared:regions} (a tie is not smallest)",
        "相符条件（波动最小）：{regions:region_first}{b_first}–{b_last}年增速的标准差在{compared:regions}中最小（不含并列）"),
    "most_volatile": ("matches if (most volatile): the standard deviation of {regions:region_first}'s growth"
        " {b_first}–{b_last} is strictly the largest of {compared:regions} (a tie is not largest)",
        "相符条件（波动最大）：{regions:region_first}{b_first}–{b_last}年增速的标准差在{compared:regions}中最大（不含并列）"),
    "largest_range": ("matches if (largest range): {regions:region_first}'s highest minus lowest growth {b_first}–{b_last}"
        " is strictly the largest of {compared:regions} (a tie is not largest)",
        "相符条件（极差最大）：{regions:region_first}{b_first}–{b_last}年增速的极差（最高减最低）在{compared:regions}中最大（不含并列）"),
    "always_positive": ("matches if (always positive): {regions:region_first}'s growth is above zero in every year"
        " {b_first}–{b_last}",
        "相符条件（始终为正）：{regions:region_first}{b_first}–{b_last}年每年增速都大于零"),
    "mean_above_national": ("matches if (above national): {regions:region_first}'s mean growth {b_first}–{b_last} (arithmetic"
        " mean) is above the national mean over the same years",
        "相符条件（高于全国）：{regions:region_first}{b_first}–{b_last}年平均增速（各年算术平均）高于全国同期平均"),
    "mean_below_national": ("matches if (below national): {regions:region_first}'s mean growth {b_first}–{b_last} (arithmetic"
        " mean) is below the national mean over the same years",
        "相符条件（低于全国）：{regions:region_first}{b_first}–{b_last}年平均增速（各年算术平均）低于全国同期平均"),
    "above_national_every_year": ("matches if (above national every year): {regions:region_first}'s growth is above national growth in"
        " each year {b_first}–{b_last}",
        "相符条件（每年高于全国）：{regions:region_first}{b_first}–{b_last}年每年增速都高于全国"),
    "above_national_in_year": ("matches if (above national in the year): {regions:region_first}'s growth in {year} is above"
        " national growth",
        "相符条件（当年高于全国）：{regions:region_first}{year}年增速高于全国"),
    "lowest_in_year": ("matches if (lowest in the year): {regions:region_first}'s growth in {year} is strictly the lowest"
        " of {compared:regions} (a tie is not lowest)",
        "相符条件（当年最低）：{regions:region_first}{year}年增速在{compared:regions}中最低（不含并列）"),
    "rises_every_year": ("matches if (rises every year): each published value up to {year} is above the one before, with at"
        " least three years of data ({regions:region_first}; {measures:measure_first})",
        "相符条件（逐年上升）：{regions:region_first}{measures:measure_first}截至{year}年，每年的公布值都高于上一年（须有至少三年的数据）"),
    "falls_from_previous": ("matches if (falls): the value of {year} is below that of the year before ({regions:region_first};"
        " {measures:measure_first})",
        "相符条件（当年下降）：{regions:region_first}{measures:measure_first}{year}年低于上年"),
    "rises_from_previous": ("matches if (rises): the value of {year} is above that of the year before ({regions:region_first};"
        " {measures:measure_first})",
        "相符条件（当年上升）：{regions:region_first}{measures:measure_first}{year}年高于上年"),
    "difference_falls": ("matches if (gap narrows): the first measure minus the second is smaller in {year} than the year"
        " before ({regions:region_first}; {measures:measure_first} minus {measures:measure_second})",
        "相符条件（差距缩小）：{regions:region_first}{measures:measure_first}减{measures:measure_second}之差，{year}年小于上年"),
    "higher_than_start": ("matches if (higher than at the start): the value of {year} is above that of {start}"
        " ({regions:region_first}; {measures:measure_first})",
        "相符条件（高于起始年）：{regions:region_first}{measures:measure_first}{year}年高于{start}年"),
    "lower_than_start": ("matches if (lower than at the start): the value of {year} is below that of {start}"
        " ({regions:region_first}; {measures:measure_first})",
        "相符条件（低于起始年）：{regions:region_first}{measures:measure_first}{year}年低于{start}年"),
    "below_other_measure": ("matches if (below the other measure): the first measure is strictly below the second"
        " ({regions:region_first}, {year}; {measures:measure_first} against {measures:measure_second})",
        "相符条件：{year}年{regions:region_first}{measures:measure_first}严格低于{regions:region_first}{measures:measure_second}"),
    "first_below_others": ("matches if (below the others): {regions:region_first}'s value is strictly below that of"
        " {regions:region_rest} ({year}; {measures:measure_first})",
        "相符条件：{year}年{regions:region_first}的{measures:measure_first}严格低于{regions:region_rest}"),
    "first_above_others": ("matches if (above the others): {regions:region_first}'s value is strictly above that of"
        " {regions:region_rest} ({year}; {measures:measure_first})",
        "相符条件：{year}年{regions:region_first}的{measures:measure_first}严格高于{regions:region_rest}"),
    "group_share_rises": ("matches if (share rises): {regions:region_first}'s share of the 31 provinces' total is higher in"
        " {year} than in {start} ({measures:measure_first}; {vintage:vintage})",
        "相符条件（占比上升）：{regions:region_first}占 31 个省份{measures:measure_first}合计的比重，{year}年高于{start}年（数据版本：{vinta"
        "ge:vintage}）"),
    "group_share_falls": ("matches if (share falls): {regions:region_first}'s share of the 31 provinces' total is lower in"
        " {year} than in {start} ({measures:measure_first}; {vintage:vintage})",
        "相符条件（占比下降）：{regions:region_first}占 31 个省份{measures:measure_first}合计的比重，{year}年低于{start}年（数据版本：{vinta"
        "ge:vintage}）"),
    "group_share_majority": ("matches if (majority): {regions:region_first}'s share of the 31 provinces' total is above one half"
        " in {year} ({measures:measure_first}; {vintage:vintage})",
        "相符条件（过半）：{regions:region_first}占 31 个省份{measures:measure_first}合计的比重，{year}年超过一半（数据版本：{vintage:vinta"
        "ge}）"),
    "rank_top_half": ("matches if (top half): {regions:region_first} ranks 15th or better of the 31 provinces in {year}"
        " ({measures:measure_first}; {vintage:vintage})",
        "相符条件（前一半）：{regions:region_first}{year}年{measures:measure_first}在 31 个省份中排第 15"
        " 位或更前（数据版本：{vintage:vintage}）"),
    "rank_middle_third": ("matches if (middle third): {regions:region_first} ranks 11th to 21st of the 31 provinces in {year}"
        " ({measures:measure_first}; {vintage:vintage})",
        "相符条件（中间三分之一）：{regions:region_first}{year}年{measures:measure_first}在 31 个省份中排第 11 至 21 位"
        "（数据版本：{vintage:vintage}）"),
    "rank_middle_half": ("matches if (middle half): {regions:region_first} ranks 8th to 24th of the 31 provinces in {year}"
        " ({measures:measure_first}; {vintage:vintage})",
        "相符条件（中间一半）：{regions:region_first}{year}年{measures:measure_first}在 31 个省份中排第 8 至 24 位"
        "（数据版本：{vintage:vintage}）"),
    "sd_rises": ("matches if (gap in units widens): the standard deviation of {measures:measure_first} across the 31"
        " provinces is larger in {year} than in {start} ({vintage:vintage})",
        "相符条件（绝对差距扩大）：31 个省份{measures:measure_first}的标准差{year}年大于{start}年（数据版本：{vintage:vintage}）"),
    "sd_falls": ("matches if (gap in units narrows): the standard deviation of {measures:measure_first} across the 31"
        " provinces is smaller in {year} than in {start} ({vintage:vintage})",
        "相符条件（绝对差距缩小）：31 个省份{measures:measure_first}的标准差{year}年小于{start}年（数据版本：{vintage:vintage}）"),
    "spread_rises": ("matches if (spread widens): the coefficient of variation of {measures:measure_first} across the 31"
        " provinces is higher in {year} than in {start} ({vintage:vintage})",
        "相符条件（差距扩大）：31 个省份{measures:measure_first}的变异系数{year}年高于{start}年（数据版本：{vintage:vintage}）"),
    "spread_falls": ("matches if (spread narrows): the coefficient of variation of {measures:measure_first} across the 31"
        " provinces is lower in {year} than in {start} ({vintage:vintage})",
        "相符条件（差距缩小）：31 个省份{measures:measure_first}的变异系数{year}年低于{start}年（数据版本：{vintage:vintage}）"),
    "group_growth_above_rest": ("matches if (faster than the other provinces): the mean real growth of {regions:region_first}'s"
        " provinces {start}–{year} is above that of the other provinces (both {vintage:vintage})",
        "相符条件（快于其余省份）：{regions:region_first}各省{start}–{year}年的平均实际增速高于其余省份（两者取同一数据版本：{vintage:vintage}）"),
    "group_growth_below_rest": ("matches if (slower than the other provinces): the mean real growth of {regions:region_first}'s"
        " provinces {start}–{year} is below that of the other provinces (both {vintage:vintage})",
        "相符条件（慢于其余省份）：{regions:region_first}各省{start}–{year}年的平均实际增速低于其余省份（两者取同一数据版本：{vintage:vintage}）"),
    "group_growth_above_named": ("matches if (faster than the group named): the mean real growth of {regions:region_first}'s"
        " provinces {start}–{year} is above that of the provinces of {against:regions} (both {vintage:vintage})",
        "相符条件（快于所对比的地区）：{regions:region_first}各省{start}–{year}年的平均实际增速高于{against:regions}各省（两者取同一数据版本：{vintage:vintage}）"),
    "group_growth_below_named": ("matches if (slower than the group named): the mean real growth of {regions:region_first}'s"
        " provinces {start}–{year} is below that of the provinces of {against:regions} (both {vintage:vintage})",
        "相符条件（慢于所对比的地区）：{regions:region_first}各省{start}–{year}年的平均实际增速低于{against:regions}各省（两者取同一数据版本：{vintage:vintage}）"),
    "group_growth_rises_after": ("matches if (faster after the start): {regions:region_first}'s mean real growth {start}–{year} is"
        " above its mean in the years of data before {start} ({vintage:vintage})",
        "相符条件（起始年后加快）：{regions:region_first}{start}–{year}年的平均实际增速高于{start}年之前各年（同一数据版本：{vintage:vintage}）"),
    "dispersion_rises": ("matches if (gap widens): the coefficient of variation of GDP per head across the 31 provinces is"
        " higher in {year} than in {start} ({vintage:vintage} GDP; GDP and population each from one vintage,"
        " never spliced)",
        "相符条件（差距扩大）：31 个省份人均 GDP 的变异系数{year}年高于{start}年"
        "（GDP 数据版本：{vintage:vintage}；GDP、人口各自只用一个版本，不跨版本拼接）"),
    "dispersion_falls": ("matches if (gap narrows): the coefficient of variation of GDP per head across the 31 provinces is"
        " lower in {year} than in {start} ({vintage:vintage} GDP; GDP and population each from one vintage,"
        " never spliced)",
        "相符条件（差距缩小）：31 个省份人均 GDP 的变异系数{year}年低于{start}年"
        "（GDP 数据版本：{vintage:vintage}；GDP、人口各自只用一个版本，不跨版本拼接）"),
    "share_above_national": ("matches if (above the 31 provinces together): {regions:region_first}'s first measure over its"
        " second is above the 31 provinces' overall ratio, the sum of the first over the sum of the second"
        " ({year}; {measures:measure_first} over {measures:measure_second}; each measure from one vintage)",
        "相符条件（高于 31 个省份总体）：{year}年{regions:region_first}{measures:measure_first}与{measures:measure_second}之比，"
        "高于 31 个省份总体的这一比值（{measures:measure_first}之和除以{measures:measure_second}之和；各指标各取一个数据版本）"),
    "regression_interval": ("interval (paper/analysis_plan.md): the headline slope's {ci} % interval with t(G-1) critical values"
        " lies above zero and the wild cluster bootstrap p is below {alpha} (matches); both below zero with"
        " p below {alpha} (differs); otherwise inconclusive",
        "按分析计划（paper/analysis_plan.md）的区间规则：主设定斜率的 {ci}% 区间（按自由度为聚类数减一的 t 分布计算）在零以上、"
        "且聚类野自助法 p 值低于 {alpha} 为相符；区间在零以下、且 p 值低于 {alpha} 为不符；其余为无定论"),
    "regression_sign": ("matches if (sign only): the headline point estimate is above zero",
        "相符条件（只看符号）：主设定的点估计大于零"),
    "regression_interval_unconditional": ("interval, association only: the plan's interval rule, on the slope of specification H0 (year"
        " effects only: no convergence term, no controls)",
        "区间，仅看关联：按分析计划的区间规则，看设定 H0（只含年份效应，无收敛项、无控制变量）的斜率"),
    "regression_sign_unconditional": ("matches if (sign only, association only): the point estimate of specification H0 (year effects"
        " only) is above zero",
        "相符条件（只看符号，仅看关联）：设定 H0（只含年份效应）的点估计大于零"),
}


# the constants a rule's wording states, from where the rules read them
RULE_CONSTANTS = {"band": NEARLY_BAND, "alpha": REGRESSION_ALPHA, "ci": CI_LEVEL, "b_first": PAPER_B_YEARS[0],
                  "b_last": PAPER_B_YEARS[-1]}


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
