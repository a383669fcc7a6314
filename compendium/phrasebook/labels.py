"""Names of things, in English and Chinese: vintages, units, verdicts, evidence levels, the regression's
specifications, the specification grid's axes and levels, figure families, the notes the regression
writes beside a fit, and places in a paper. Strict: an unknown key raises, naming it and this file.
"""
from __future__ import annotations

import re

from .. import regions
from ..schema import LOCATION, MEASURES
from . import LANGUAGES, in_language


def entry(table: dict, code, what: str):
    try:
        return table[code]
    except KeyError:
        raise KeyError(f"the phrasebook has no {what} {code!r} (compendium/phrasebook/)") from None


VINTAGES = {
    "first_release": "初步核算", "final_verification": "最终核实", "census_revision": "经济普查修订",
    "database_2021": "2021 年存档版", "database_2021_expenditure": "2021 年存档版支出法表", "database_2025": "2025 年存档版",
    "as_published": "公布值",
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
    "S1": ("provincial bureaus' shares: pooled, year FE", "省级统计部门公布的占比，混合回归，年份效应"),
    "S2": ("provincial bureaus' shares: 2021 cross-section", "省级统计部门公布的占比，2021 年截面"),
    "S3": ("CAICT shares: pooled, year FE", "中国信通院口径占比，混合回归，年份效应"),
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
    "H10": ("one vintage only: census-revised growth 2016-2023", "只用一个版本（经济普查修订后的增速，2016–2023）"),
    "H11": ("one vintage only: 2021 database growth 2012-2019", "只用一个版本（2021 年存档版的增速，2012–2019）"),
    "H12": ("with industry structure (secondary share), 2020-2023", "加入产业结构（第二产业比重），2020–2023"),
    "H13": ("index years on which two copies agree (lags 2013-2020)", "两份指数副本一致的年份（滞后值 2013–2020）"),
    "H14": ("with urbanisation, industry structure and investment rate (2021 database), 2012-2018",
            "加入城镇化、产业结构和投资率（2021 年存档版），2012–2018"),
    "H15": ("the same years 2012-2018 without those three controls", "同样的 2012–2018 年，不含这三个控制变量"),
    "H16": ("with industry structure spliced across vintages as growth is (no 2019)",
            "按增长率的拼接方式跨版本拼接产业结构（无 2019 年）"),
    "D1": ("coverage breadth (lagged), controls", "覆盖广度（滞后一年），含控制变量"),
    "D2": ("usage depth (lagged), controls", "使用深度（滞后一年），含控制变量"),
    "D3": ("digitisation level (lagged), controls", "数字化程度（滞后一年），含控制变量"),
    "O1": ("official-statistics index (lagged), controls", "官方统计指数（滞后一年），含控制变量"),
    "O2": ("official-statistics index (lagged), year FE only", "官方统计指数（滞后一年），只有年份效应"),
    "L": ("long difference: mean growth 2012-2019 on the 2011 index", "长差分，2012–2019 年平均增速对 2011 年指数回归"),
}


def specification_name(spec_id: str, lang: str = "en") -> str:
    """The id, then the words: `H growth on lagged …`, `H：增长率对……` (a Chinese reader took `H 增长率`
    for a variable's name; a name in brackets would nest brackets, as most names hold some)."""
    words = entry(SPECIFICATIONS, spec_id, "specification")[LANGUAGES.index(lang)]
    return f"{spec_id} {words}" if lang == "en" else f"{spec_id}：{words}"


# Beside other countries, China is 中国, not 全国 (the whole country), as a Chinese reader says it.
FOREIGN = ("World", "USA", "Japan")


def region(key: str, lang: str, beside: tuple = ()) -> str:
    if lang == "en":
        return key
    if key == "China" and any(other in FOREIGN for other in beside):
        return "中国"
    if key in regions.GROUPS:
        return regions.GROUPS[key][0]
    return entry(regions.CHINESE, key, "region")


def measure_label(measure: str, lang: str) -> str:
    spec = entry(MEASURES, measure, "measure")
    return spec.label if lang == "en" else spec.label_zh


# the vintages in English words (a referee read `first_release` and `database_2021` as program identifiers)
VINTAGES_EN = {
    "first_release": "first release", "final_verification": "final verification", "census_revision": "census-revised",
    "database_2021": "NBS database as kept in 2021",
    "database_2021_expenditure": "NBS database as kept in 2021, expenditure table",
    "database_2025": "NBS database as kept in 2025",
    "as_published": "as published", "compiled": "third-party compilation",
}


def vintage(code: str, lang: str) -> str:
    return entry(VINTAGES_EN if lang == "en" else VINTAGES, code, "vintage")


def unit(code: str, lang: str) -> str:
    return code if lang == "en" else UNITS_ZH.get(code, code)


# the integer part of a printed number long enough to need grouping: five digits or more, so that a
# year (2023) or a four-digit count stays as the papers print it, and 74652 reads 74,652
_UNGROUPED = re.compile(r"(?<![\d.,])\d{5,}")


def number(value: float, spec: str = "g") -> str:
    """A number as both editions print it: in `spec` (a format spec; `g` by default, which never
    switches to exponent form below a million), with thousands separators from five digits on."""
    return grouped(format(value, spec or "g"))


def grouped(printed: str) -> str:
    """A printed number (or a text holding numbers) with thousands separators from five digits on."""
    return _UNGROUPED.sub(lambda m: f"{int(m.group()):,}", printed)


def quantity(value: float, unit_code: str, lang: str) -> str:
    if unit_code == "ratio":  # a ratio has no unit: 2.56, or in Chinese 比值 2.56
        return number(value) if lang == "en" else f"比值{number(value)}"
    if unit_code == "rank":  # a place in a ranking: 2nd, 第 2 位
        return f"rank {number(value)}" if lang == "en" else f"第{number(value)}位"
    if lang == "en":
        return f"{number(value)} {unit_code}"
    return f"{number(value)}{UNITS_ZH.get(unit_code, unit_code)}"


# ---- verdicts, evidence levels, uses and kinds of figure ------------------------------------------
VERDICTS = {"matches": "相符", "differs": "不符", "not comparable": "不可直接比较", "inconclusive": "无定论",
            "unverified": "无法核实", "not a statistic": "非统计性表述"}
EVIDENCE = {"official": "官方", "press": "新闻引述", "corroborated": "已印证", "single secondary copy": "单一二手副本"}
# what a value of the data editor's exception list is used for (figure ids stay as they are)
USES = {"headline regression": "主回归"}


def paper_figure(paper: str, number: int, lang: str) -> str:
    """A figure of a paper as a reader names it: "Paper B, figure 3" / 「论文 B 图 3」."""
    return f"Paper {paper}, figure {number}" if lang == "en" else f"论文 {paper} 图 {number}"
# The papers' figure titles in English (our translation; the Chinese titles are the papers' own, in
# compendium/exhibits.py), by figure id
FIGURE_TITLES_EN = {
    "A-fig01": "how digital technology helps make the 'cake' of common prosperity bigger and better",
    "A-fig02": "how digital technology helps cut and share the 'cake' of common prosperity well",
    "B-fig01": "paths to social justice in capitalist and in socialist society",
    "B-fig02": "developed and less developed regions compared",
    "B-fig03": "GDP and its growth rate, Shenzhen, 2019–2023",
    "B-fig04": "GDP and its growth rate, Anhui, 2019–2023",
    "B-fig05": "GDP and its growth rate, Guizhou, 2019–2023",
    "B-fig06": "GDP and growth of Shenzhen, Anhui and Guizhou compared, 2019–2023",
    "B-fig07": "technical infrastructure and digital-intelligent capacity by region",
    "B-fig08": "fields of digital-intelligent technology in the developed eastern coastal regions compared",
    "B-fig09": "the main causes of slow digital-intelligent transformation",
    "B-fig10": "regional development gaps caused by the technology divide",
    "B-fig11": "innovation in how developed regions accumulate capital",
    "B-fig12": "the cycle of capital outflow and scarce resources in less developed regions",
    "B-fig13": "the level of social services in different regions compared",
    "B-fig14": "regional differences and the economic base assessed, and policy carried out",
    "B-fig15": "educational resources and skills training assessed, and policy carried out",
    "B-fig16": "innovation capacity and industrial competitiveness assessed, and policy carried out",
    "B-fig17": "cooperation and shared funds",
    "B-fig18": "a framework of regional cooperation",
    "B-fig19": "a digital-intelligent training programme adjusted over time",
}


def paper_figure_caption(figure_id: str, paper: str, number: int, chinese_title: str, lang: str) -> str:
    """A paper's figure as each edition captions it: 'Paper B, figure 3: GDP … (图3 …)' in English,
    the paper's own title beside ours; 「论文 B 图 3：…」 in Chinese."""
    if lang == "en":
        return (f"{paper_figure(paper, number, lang)}: {entry(FIGURE_TITLES_EN, figure_id, 'figure title')} "
                f"(图{number} {chinese_title})")
    return f"{paper_figure(paper, number, lang)}：{chinese_title}"


FIGURE_KINDS = {"diagram": "示意图", "data": "数据图", "our own": "本报告的图"}


def word(table: dict, code: str, lang: str, what: str) -> str:
    """A code of one of the tables above in the edition's language (the code itself is the English)."""
    return code if lang == "en" else entry(table, code, what)


# ---- the specification curve's families, axes and levels (paper/specification_grid.yaml) ----------
FAMILIES = {"published shares": "已公布的占比", "PKU index, 2012-2023": "北大指数，2012–2023",
            "PKU dimensions": "北大指数分维度", "official-statistics index": "官方统计指数",
            "long difference": "长差分"}
GRID_AXES = {"regressor": ("regressor", "解释变量"), "lag": ("lag", "时期"), "controls": ("controls", "控制变量"),
             "fixed_effects": ("fixed effects", "固定效应"), "sample": ("sample", "样本"),
             "outcome": ("outcome", "因变量")}
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
    "spliced": ("latest vintage of each year", "各年最新版本（拼接）"), "database_2021": ("2021 database", "2021 年存档版"),
    "census_revision": ("census-revised", "经济普查修订"), "first_release": ("first release", "初步核算"),
}


def grid_axis(axis: str, lang: str) -> str:
    return in_language(lang, *entry(GRID_AXES, axis, "grid axis"))


def grid_choice(code: str, lang: str) -> str:
    """A level of the specification grid in words."""
    return in_language(lang, *entry(GRID_CHOICES, code, "grid level"))


# ---- the notes the regression writes beside a fit --------------------------------------------------
# A fit's `reason` column holds codes with their numbers, `code:name=value,name=value`, several joined
# by "; " (compendium/regression/fits.py writes them with `note_code`); the words are here.
NOTES = {
    "too_few_observations": ("not estimated: only {n} observations (need {need})",
                             "未估计：只有 {n} 个观测（至少需要 {need} 个）"),
    "no_degrees_of_freedom": ("not estimated: {n} observations for {parameters} parameters: no degrees of freedom left",
                              "未估计：{n} 个观测对 {parameters} 个参数：没有剩余自由度"),
    "constant_regressor": ("not estimated: the regressor does not vary", "未估计：解释变量没有变化"),
    "too_few_clusters": ("not estimated: only {clusters} provinces to cluster on (need {need})",
                         "未估计：只有 {clusters} 个省份可作聚类（至少需要 {need} 个）"),
    "few_clusters": ("{clusters} clusters: clustered errors unreliable, read the bootstrap p",
                     "只有 {clusters} 个聚类：聚类标准误不可靠，请看自助法 p 值"),
    "few_residual_df": ("only {df} residual degrees of freedom", "残差自由度只有 {df}"),
}


def note_code(code: str, **numbers: int) -> str:
    """A note as the regression files hold it: its code, then its numbers."""
    entry(NOTES, code, "regression note")
    return code + (":" + ",".join(f"{k}={v}" for k, v in numbers.items()) if numbers else "")


def notes(coded: str, lang: str) -> str:
    """The words of a fit's `reason` cell (empty for none)."""
    said = []
    for note in filter(None, coded.split("; ")):
        code, _, numbers = note.partition(":")
        fields = dict(pair.split("=") for pair in numbers.split(",")) if numbers else {}
        said.append(entry(NOTES, code, "regression note")[LANGUAGES.index(lang)].format(**fields))
    return ("; " if lang == "en" else "；").join(said)


# ---- places in a paper -------------------------------------------------------------------------------
# The ledger's location notation (compendium/schema.py LOCATION): the English edition prints it as
# written; the Chinese edition names the parts.
LOCATION_PARTS_ZH = {"figure_text": "图 {} 说明文字", "para": "第 {} 段", "last": "末段", "after": "图 {} 之后",
                     "and": "及图 {}"}


def location(text: str, lang: str) -> str:
    parts = LOCATION.match(text)
    if parts is None:
        raise ValueError(f"location {text!r} is not in the ledger's notation (compendium/schema.py LOCATION)")
    if lang == "en":
        return text
    if parts["figure_text"]:
        return LOCATION_PARTS_ZH["figure_text"].format(parts["figure_text"])
    said = ["；".join(parts["section"].split("; "))]  # several places: the notation's separator in Chinese
    if parts["para"]:
        said.append(LOCATION_PARTS_ZH["para"].format(parts["para"]))
    if parts["last"]:
        said.append(LOCATION_PARTS_ZH["last"])
    if parts["relation"]:
        said.append(LOCATION_PARTS_ZH[parts["relation"]].format(parts["figure"]))
    return " ".join(said)


# A variant of the audit (data/variant_axes.csv), as "the smallest change that flips it" names it:
# (axis, option) -> (English, Chinese); a vintage names its label, a specification its id, a reading
# its letter (the readings table gives its words).
VARIANT_OPTIONS = {
    ("window", "drop_first"): ("judged over {first}–{last}", "改按 {first}–{last} 年判断"),
    ("window", "drop_last"): ("judged over {first}–{last}", "改按 {first}–{last} 年判断"),
    ("window", "year_before"): ("judged on {last}, the year before", "改按前一年（{last} 年）判断"),
    ("window", "year_after"): ("judged on {last}, the year after", "改按后一年（{last} 年）判断"),
    ("group", "default"): ("set against all the others, not only the group the sentence names",
                           "与其余所有地区相比，而不只与句中所指的地区相比"),
    ("vintage", "*"): ("judged on the {vintage}", "改用{vintage}"),
    ("tolerance", "band_1pct"): ("a band of ±1 % is allowed", "允许 ±1% 的误差"),
    ("tolerance", "band_5pct"): ("a band of ±5 % is allowed", "允许 ±5% 的误差"),
    ("specification", "*"): ("judged on specification {spec}", "改用设定 {spec}"),
}


def variant(variant_id: str, lang: str, params: dict | None = None) -> str:
    """A variant's name in words, its years from what the rule was asked (`rule_params`):
    `window:drop_first`, `vintage:census_revision`, `specification:H3` (a reading is said in its own words
    by the report, which holds them)."""
    axis, _, option = variant_id.partition(":")
    template = VARIANT_OPTIONS.get((axis, option)) or entry(VARIANT_OPTIONS, (axis, "*"), "variant option")
    params = params or {}
    first = params.get("b_first") or params.get("start")
    last = params.get("b_last") if params.get("b_first") else params.get("year")
    return template[0 if lang == "en" else 1].format(vintage=vintage(option, lang) if axis == "vintage" else "",
                                                     spec=option if axis == "specification" else "", first=first, last=last)
