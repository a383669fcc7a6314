"""The Chinese words for what the regression and the figures write in English: locations, regression
notes, figure and table words. Rules and causes are worded in both languages by
`compendium/phrasebook.py`. Our own wording throughout; identifiers, file
paths and source ids stay as they are.
"""
from __future__ import annotations

import re

from . import phrasebook

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
