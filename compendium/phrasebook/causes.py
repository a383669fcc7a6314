"""What the data show about a claim, and what kind of sentence a non-statistic is: code -> (English,
Chinese). A cause's parameters are its templates' fields, each printed by its kind (see
`compendium/phrasebook/sentences.py`); a test renders every code in both languages with the parameters
its rule emits. Only the report says these: editing one re-runs the report step alone.
"""
from __future__ import annotations

CAUSES: dict[str, tuple[str, str]] = {
    # nothing to look up, or looked up and not found
    "no_region": ('the paper names no region or population that official statistics cover',
        '论文没有说明所指的地区或人群，无法与官方统计对应'),
    "measure_not_collected": ("no value of {measure:label} ({measure}) for any region or year is in data/",
                              "本项目未取得{measure:label}的数据"),
    "region_not_collected": ('{measure:label} ({measure}) is in data/ for {held:held_regions} but not for {region:region}',
        '本项目数据中有{held:held_regions}的{measure:label}，但没有{region:region}的数字'),
    "year_not_collected": ("{measure:label} ({measure}) for {region:region} is in data/ for {held:held_years} but not "
                           "for {year}",
                           "本项目数据中有{region:region}{held:held_years}的{measure:label}，没有{year}年的"),
    "vintage_not_collected": ("{measure:label} ({measure}) for {region:region} in {year} is in data/ only as "
                              "{held:held_vintages}, not {vintage:which_vintages}",
                              "本项目数据中{region:region}{year}年的{measure:label}只有"
                              "{held:held_vintages}版本，没有{vintage:which_vintages}"),
    "keys_not_collected": ("{measure:label} ({measure}), {vintage:which_vintages}: data/ lacks {missing:pairs}{more:more}",
                           "本项目没有取得{measure:label}的以下数值（{vintage:which_vintages}）：{missing:pairs}{more:more}"),
    # another definition, another date, another year
    "another_definition": ("the paper's measure is {own:label}; the official figure measures {other:label}: "
                           "{figure:figure}",
                           "论文的指标是{own:label}，官方数字的口径是{other:label}：{figure:figure}"),
    "another_date": ("no official figure for {year} was found; the nearest official figure is {figure:figure}",
                     "未找到 {year} 年的官方数字；最接近的官方数字为{figure:figure}"),
    "another_date_and_definition": ('no official figure for {year} was found; the nearest official figure of another definition ({other:label}) is '
                                    '{figure:figure}',
        '未找到 {year} 年的官方数字；最接近的官方数字为{figure:figure}，口径不同：{other:label}'),
    "no_year_nearest": ("the paper gives no year; the nearest official figure is {figure:figure}",
                        "论文没有给出年份；最接近的官方数字为{figure:figure}"),
    "no_year_nearest_and_definition": ('the paper gives no year; the nearest official figure of another definition ({other:label}) is '
                                       '{figure:figure}',
        '论文没有给出年份；最接近的官方数字为{figure:figure}，口径不同：{other:label}'),
    "official_against_printed": ("the official figure for {region:region} in {year} is {figure:quantity}, which does not meet "
                                 "the condition",
                                 "{region:region} {year} 年的官方数字为{figure:quantity}，不满足相符条件"),
    "printed_is_other_year": ("the printed value is the official figure for {year}",
                              "所印数值是 {year} 年的官方数字"),
    "bound_holds_other_year": ("the bound holds for the official figure of {year} ({figure:quantity})",
                               "该界限对 {year} 年的官方数字（{figure:quantity}）成立"),
    # a cumulative count bounded by its neighbours
    "bound_from_later": ('{measure:label} is a cumulative count, which does not fall: the later figure {figure:dated} is already at or below the '
                         'printed threshold, so the {year} figure was too',
        '{measure:label}是累计数，只增不减：较晚的{figure:dated}仍未超过所印门槛，可知 {year} 年的数字也未超过'),
    "bound_from_earlier": ('{measure:label} is a cumulative count, which does not fall: the earlier figure {figure:dated} is already above the '
                           'printed threshold, so the {year} figure was too',
        '{measure:label}是累计数，只增不减：较早的{figure:dated}已超过所印门槛，可知 {year} 年的数字也已超过'),
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
    "growth_rise": ('growth {before:.1f} → {after:.1f} ({change:+.1f} pp; threshold {threshold:g} pp)',
        '增速由上年的 {before:.1f}% 升至 {after:.1f}%，变化 {change:+.1f} 个百分点（判定门槛 {threshold:g} 个百分点）'),
    "growth_peak": ("highest growth in {year} ({value:g} %)", "增速最高的年份：{year} 年（{value:g}%）"),
    "growth_means": ("mean growth {first}–{last}: {values:region_values .2f}",
                     "{first}–{last} 年平均增速：{values:region_values .2f}"),
    "growth_sds": ("standard deviation of growth: {values:region_values .2f}", "增速标准差：{values:region_values .2f}"),
    "growth_ranges": ("range of growth (max − min): {values:region_values .1f}",
                      "增速极差（最高减最低）：{values:region_values .1f}"),
    "growth_lowest": ("lowest growth {value:g} % ({year})", "最低增速 {value:g}%（{year} 年）"),
    "mean_vs_national": ("{region:region}'s mean growth {first}–{last} {mean:.2f} %, national {national:.2f} % "
                         "({difference:+.2f} pp)",
                         "{region:region} {first}–{last} 年平均增速 {mean:.2f}%，全国 {national:.2f}%，"
                         "相差 {difference:+.2f} 个百分点"),
    "above_national_every_year": ("above national growth every year", "每年都高于全国增速"),
    "not_above_national_in": ("not above national in {years:years}", "{years:years}年未高于全国"),
    "growth_in_year": ("growth in {year}: {values:region_values g}", "{year} 年增速：{values:region_values g}"),
    "vs_national_in_year": ("{value:g} % vs national {national:g} % in {year}",
                            "{year} 年 {value:g}%，全国 {national:g}%"),
    "series_values": ("{measure:label}, {region:region}: {points:year_values g}",
                      "{region:region}{measure:label}：{points:year_values g}"),
    "series_gap_values": ("{measure:label} − {other:label}, {region:region}: {points:year_values g}",
                          "{region:region}{measure:label}减{other:label}：{points:year_values g}"),
    "two_measures": ("{measure:label} {value:g} vs {other:label} {other_value:g} ({region:region}, {year})",
                     "{region:region}{year}年：{measure:label}{value:g}，{other:label}{other_value:g}"),
    "regions_values": ("{measure:label}, {year}: {values:region_values g}",
                       "{year} 年{measure:label}：{values:region_values g}"),
    "rank_by": ("{region:region} ranks {rank} of {of} by {measure:label} in {year}",
                "{year} 年{region:region}按{measure:label}在 {of} 个省份中排第 {rank} 位"),
    "spread_change": ("coefficient of variation of {measure:label} across the 31 provinces ({vintage:vintage}): "
                      "{before:.4f} ({start}) → {after:.4f} ({year})",
                      "31 个省份{measure:label}的变异系数（{vintage:vintage}）：{start} 年 {before:.4f} → {year} 年 {after:.4f}"),
    "sd_change": ("standard deviation of {measure:label} across the 31 provinces ({vintage:vintage}): "
                  "{before:.2f} ({start}) → {after:.2f} ({year})",
                  "31 个省份{measure:label}的标准差（{vintage:vintage}）：{start} 年 {before:.2f} → {year} 年 {after:.2f}"),
    "rank": ("{region:region} ranks {rank} of {of} by GDP in {year}",
             "{year} 年{region:region} GDP 在 {of} 个省份中排第 {rank} 位"),
    "group_share": ("{group:region} {share:.2f} % of the provinces' GDP in {year}",
                    "{year} 年{group:region}占各省 GDP 合计的 {share:.2f}%"),
    "group_share_change": ("{group:region} share of the provinces' {measure:label} ({vintage:vintage}) "
                           "{before:.2f} % ({start}) → {after:.2f} % ({year})",
                           "{group:region}占各省{measure:label}合计的比重（{vintage:vintage}）："
                           "{before:.2f}%（{start} 年）→ {after:.2f}%（{year} 年）"),
    "group_growth_before_after": ("{group:region}: mean growth {before:.2f} % ({before_first}–{before_last}) → "
                                  "{after:.2f} % ({after_first}–{after_last}), {vintage:vintage}",
                                  "{group:region}平均增速：{before:.2f}%（{before_first}–{before_last} 年）→ "
                                  "{after:.2f}%（{after_first}–{after_last} 年），{vintage:vintage}"),
    "group_growth_vs_rest": ("mean real growth {start}–{year} ({vintage:vintage}): {group:region} {group_mean:.2f} %, "
                             "other provinces {rest_mean:.2f} %",
                             "{start}–{year} 年平均实际增速（{vintage:vintage}）：{group:region} {group_mean:.2f}%，"
                             "其余省份 {rest_mean:.2f}%"),
    "group_growth_vs_named": ("mean real growth {start}–{year} ({vintage:vintage}): {group:region} {group_mean:.2f} %, "
                              "{against:regions} {rest_mean:.2f} %",
                              "{start}–{year} 年平均实际增速（{vintage:vintage}）：{group:region} {group_mean:.2f}%，"
                              "{against:regions} {rest_mean:.2f}%"),
    "dispersion_change": ("coefficient of variation of GDP per head ({vintage:vintage} GDP over year-end population) "
                          "across the 31 provinces: {before:.4f} ({start}) → {after:.4f} ({year})",
                          "31 个省份人均 GDP 的变异系数（{vintage:vintage} GDP 除以年末人口）："
                          "{before:.4f}（{start} 年）→ {after:.4f}（{year} 年）"),
    "per_head_vs_provinces": ('{measure:label} over {other:label}, {year}: {region:region} {own:.2f}, 31 provinces {provinces:.2f} (元 per head)',
        '{year} 年{measure:label}除以{other:label}：{region:region} {own:.2f} 元/人，31 个省份合计 {provinces:.2f} 元/人'),
    "share_vs_provinces": ('{measure:label} over {other:label}, {year}: {region:region} {own:.2f}, 31 provinces {provinces:.2f} (%)',
        '{year} 年{measure:label}除以{other:label}：{region:region} {own:.2f}%，31 个省份合计 {provinces:.2f}%'),
    "regression": ("{specification:specification}: slope {coefficient:.3f} (95 % CI {ci_low:.3f} to {ci_high:.3f}, "
                   "p = {p_value:.3f}, wild bootstrap p = {p_wild:.3f}, N = {n})",
                   "设定 {specification:specification}，斜率 {coefficient:.3f}（95% 区间 {ci_low:.3f} 至 {ci_high:.3f}，"
                   "p 值 = {p_value:.3f}，聚类野自助法 p 值 = {p_wild:.3f}，N = {n}）"),
    # not a statistic: what kind of sentence it is
    "not_a_statistic": ("{kind:statement_kind}", "{kind:statement_kind}"),
}


STATEMENT_KINDS = {
    "date": ("a date: recorded, not audited against statistics (no dated source in data/)",
             "日期：只作记录，不与统计数据核对"),
    "event": ("an event's place or circumstance: recorded, not a quantity", "事件的地点或情形：只作记录，不是数量"),
    "rule_of_thumb": ("a rule of thumb, not a measurement", "经验法则，不是测量值"),
    "definition": ("a definition or a historical stage, not a measurement", "定义或历史阶段，不是测量值"),
    "evaluation": ("an evaluation of an effect or a mechanism, not a measurement (a quantity the sentence cites, if any, "
                   "is a claim of its own)", "这是对效果或机制的评价，不是可以测量的数值；句中如引用了具体数字，另列一条核查"),
}

