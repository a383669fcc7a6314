"""The report's own vocabulary, which only the report step reads (so editing a word here re-runs the
report alone): table headers, the nouns and punctuation around counts and lists, the words bound
values say, units named on their own, and the captions of the report's own figures. code ->
(English, Chinese); strict: an unknown code raises, naming it and this file.
"""
from __future__ import annotations

import re

from . import LANGUAGES
from .labels import VERDICTS, entry

# A unit named on its own, as a table's unit column prints it (a number's unit above, 11 位, differs)
UNIT_NAMES_ZH = {"index": "指数点", "rank": "位次", "times": "倍", "CV": "变异系数", "ratio": "比值", "pp": "百分点",
                 "year": "年份", "pp per unit": "百分点/单位", "pp per 100 index points": "百分点/100 指数点",
                 "exponent": "幂次", "forms": "种", "months": "个月"}


def unit_name(code: str, lang: str) -> str:
    """A unit on its own; strict in Chinese: a unit in Latin letters without a Chinese name is an error."""
    if lang == "en" or not re.search(r"[A-Za-z]", code):
        return code
    return entry(UNIT_NAMES_ZH, code, "unit name")


# ---- the report's own words: table headers, counts' nouns, and the words bound values say -------
# code -> (English, Chinese); a code is the English word where one word serves, else a short key
# (`rows:count` is the noun after a count, 4 行, where the header of the same name is 行数).
REPORT_WORDS: dict[str, tuple[str, str]] = {
    "paper": ("paper", "论文"),
    "all": ("all", "合计"),
    "claim": ("claim", "表述"),
    "where": ("where", "位置"),
    "printed": ("printed", "论文原文"),
    "official": ("official", "官方数值"),
    "N": ("N", "N"),
    "p": ("p", "p 值"),
    "R²": ("R²", "R²"),
    "source_id": ("source_id", "来源编号"),
    "row:count": ("row", "行"),
    "rows:count": ("rows", "行"),
    "sources:count": ("sources", "个来源"),
    "comma": (", ", "，"),
    # each generated table's caption, printed above it as "Table N. …" / "表 N　…"
    "table:verdict_counts": ("Verdicts by paper: the claims counted by verdict", "两篇论文各类判定的表述条数"),
    "table:readings": ("Claims whose verdict changes with the reading of an ambiguous phrase: each reading, whether it is "
                       "the one chosen, its verdict, rule and cause",
                       "措辞含糊、判定随解读而变的表述：各种解读及其是否采用、判定、规则和原因"),
    "table:regression": ("The central test and the other rows of the analysis plan (not a preregistration; rows added after "
                         "the first estimates are marked in the plan): the slope of growth on digitalisation, its interval "
                         "and p-values, in the unit of each row's regressor",
                         "核心检验与分析计划中的其他设定：增长率对数字化指标的回归斜率、置信区间和 p 值（单位因解释变量而异；"
                         "分析计划不是预注册，看过初步估计后补入的设定已在计划中注明）"),
    "table:curve_groups": ("The specification curve by choice: distinct fits and their signs",
                           "设定曲线按解释变量、时期和控制变量分组：不重复回归的个数与斜率符号"),
    "table:claims": ("Every claim of both papers: its verdict, the rule applied, the cause, the rows of data/ it rests "
                     "on and what the variants of data/variant_axes.csv do to it",
                     "两篇论文全部表述的逐条核查：判定、规则、原因、所用数据行，以及各变体（见 data/variant_axes.csv）下的判定"),
    "table:evidence": ("The values Paper B's data figures and the headline regression use, by source: their evidence level and, "
                       "for a single copy, why no second copy was found",
                       "论文 B 数据图和主回归所用数值的来源与证据等级（只有一份副本的，注明为何找不到第二份）"),
    "table:notebooks": ("The notebooks, in run order: what each reads and writes", "各笔记本（按运行顺序）读取和写出的文件"),
    "table:figures_index": ("Every figure, the papers' and this report's own, with the notebook and file that make it",
                            "图索引：重建的论文原图与本报告新作的图，以及生成它们的笔记本和文件"),
    "table:sources": ("The sources register: each publication, the copy seen, its vintage and precision",
                      "来源登记表：各出版物、所见副本、版本与精度"),
    "table:copies": ("Copies seen outside the recognised hosts, and why no better copy is cited",
                     "在公认网站之外看到的副本，以及为何没有引用更好的副本"),
    "table:checklist": ("A data editor's checklist, item by item, and where this package answers it",
                        "数据编辑核对清单：逐项列出本资料包在何处作答"),
    "table caption": ("**Table {number}.** {caption}", "**表 {number}**　{caption}"),
    "click to enlarge": ("click or tap the figure to enlarge it", "点击图片可放大"),
    "unit": ("unit", "单位"),
    "year": ("year", "年份"),
    "rule": ("rule", "规则"),
    "confidence": ("confidence", "可信度"),
    "reading": ("reading", "解读"),
    "cause": ("cause", "原因"),
    "chosen": ("chosen", "采用"),
    "verdict": ("verdict", "判定"),
    "yes": ("yes", "是"),
    "specification": ("specification", "设定"),
    "coefficient": ("coefficient", "系数"),
    "CI": ("{ci} % CI", "{ci}% 区间"),  # the level filled in by the table (compendium/schema.py, CI_LEVEL)
    "wild-bootstrap p": ("wild-bootstrap p", "聚类野自助法 p 值"),
    "note": ("note", "说明"),
    "headline": ("headline", "主设定"),
    "figure": ("figure", "图"),
    "caption": ("caption", "图题"),
    "kind": ("kind", "类型"),
    "notebook": ("notebook", "笔记本"),
    "files": ("files", "文件"),
    "reads": ("reads", "读取"),
    "writes": ("writes", "写出"),
    "(and each figure's `.png`)": ("(and each figure's `.png`)", "（及各图的 `.png`）"),
    "used by": ("used by", "用于"),
    "evidence": ("evidence", "证据等级"),
    "values": ("values", "数值个数"),
    "why no second copy": ("why no second copy", "为何没有第二份副本"),
    "publisher": ("publisher", "发布者"),
    "group count": (" ({n})", "（{n} 条）"),
    "of the year": (" ({year})", "（{year} 年）"),
    "headline, in brackets": (" (headline)", "（主设定）"),
    "space": (" ", ""),
    "colon": (": ", "："),
    "list separator": (", ", "、"),
    "issued": ("issued", "发布日期"),
    "publisher's page": ("publisher's page", "发布机构的页面"),
    "why this copy": ("why this copy", "为何用这份副本"),
    "title": ("title", "标题"),
    "vintage": ("vintage", "版本"),
    "rows": ("rows", "行数"),
    "evidence rows": ("evidence rows", "所用数据行"),
    "none": ("none", "无"),
    "ratio": ("ratio", "比值"),
    "times": ("times", "倍"),
    "rank": ("rank", "位次"),
    "CV": ("CV", "变异系数"),
    "pp per unit": ("pp per unit", "百分点/单位"),
    "pp per 100 index points": ("pp per 100 index points", "百分点/100 指数点"),
    "pp per standard deviation": ("pp per standard deviation", "百分点/标准差"),
    "pp per point of share": ("pp per point of share", "百分点/占比百分点"),
    "pp": ("pp", "百分点"),
    "exponent": ("exponent", "次方"),
    "forms": ("forms", "种"),
    "months": ("months", "个月"),
    "informative": ("informative", "功效充足"),
    "not informative": ("not informative", "功效不足"),
    "keeps its sign": ("keeps its sign", "符号不变"),
    "changes sign": ("changes sign", "符号改变"),
    "excludes": ("excludes", "排除了"),
    "does not exclude": ("does not exclude", "未能排除"),
    "covers zero": ("covers zero", "包含零"),
    "excludes zero": ("excludes zero", "不含零"),
    "choice": ("choice", "选择"),
    "distinct fits": ("distinct fits", "不重复的回归"),
    "positive": ("positive", "为正"),
    "negative": ("negative", "为负"),
    "significantly positive": ("significantly positive", "显著为正"),
    "significantly negative": ("significantly negative", "显著为负"),
    "median effect (pp)": ("median effect (pp)", "效应中位数（百分点）"),
    "tests the paper's ordering": ("tests the paper's ordering", "解释变量滞后一年"),
    "no": ("no", "否"),
    "some": ("some", "部分"),
    "more significant fits of neither sign than null curves commonly reach":
        ("more significant fits of neither sign than null curves commonly reach",
         "正负两个方向的显著回归个数都没有超出零假设曲线的常见范围"),
    "more significantly positive fits than null curves commonly reach":
        ("more significantly positive fits than null curves commonly reach",
         "显著为正的回归个数超出了零假设曲线的常见范围"),
    "more significantly negative fits than null curves commonly reach":
        ("more significantly negative fits than null curves commonly reach",
         "显著为负的回归个数超出了零假设曲线的常见范围"),
    "more significant fits of both signs than null curves commonly reach":
        ("more significant fits of both signs than null curves commonly reach",
         "正负两个方向的显著回归个数都超出了零假设曲线的常见范围"),
    "the same holds for the fits that test the paper's ordering":
        ("the same holds for the fits that test the paper's ordering", "检验论文先后顺序的回归也是如此"),
    "the fits that test the paper's ordering differ (their p-values above)":
        ("the fits that test the paper's ordering differ (their p-values above)",
         "检验论文先后顺序的回归结论不同（见上文 p 值）"),
    "to": ("to", "至"),
    "publisher's table": ("publisher's table", "发布者的表"),
    "copy seen": ("copy seen", "所见副本"),
    "(verdict changes with the reading)": ("(verdict changes with the reading)", "（判定随解读而变）"),
    "variants": ("under the variants", "各种变体下"),
    "keep the verdict": ("{holding} of the {decided} other variants keep the verdict", "其余 {decided} 种变体中，{holding} 种下判定不变"),
    "no variant decided": ("no variant the data decide besides the headline", "除主判定外没有数据足以判定的变体"),
    "flips if": ("{verdict} if {change}", "若{change}，则{verdict}"),
    "flips never": ("no variant changes it", "没有一种变体改变判定"),
    "not held": ("{n} the data cannot decide", "另有 {n} 种变体因数据不足无法判定"),
    "read as": ("read as: {reading}", "改用另一种解读（{reading}）"),
    "(a stress test)": (" (a stress test)", "（稳健性检验）"),
    "printed numbers": ("Printed numbers", "论文给出的数字"),
    "statements about data": ("Statements about data: comparisons, and statistics named without a figure",
                              "关于数据的表述：比较，以及未给出数字的统计表述"),
    "statements that are not statistics": ("Statements that are not statistics", "非统计性表述"),
    "semicolon": ("; ", "；"),
    "contents": ("Contents", "目录"),
    "within the budget": ("within the budget", "在预算之内"),
    "over the budget": ("over the budget", "超出预算"),
    "not measured": ("not measured", "尚未测量"),
    "running header": ("Replication report: digital technology and common prosperity · version {version} · {date}",
                       "复现报告：数字技术与共同富裕 · 版本 {version} · {date}"),
}


def report_word(code: str, lang: str) -> str:
    """A word of the report's vocabulary or a verdict, in `lang`; an unknown code is an error naming it."""
    if code in VERDICTS:
        return code if lang == "en" else VERDICTS[code]
    return entry(REPORT_WORDS, code, "report word (compendium/phrasebook/report_words.py, REPORT_WORDS)")[LANGUAGES.index(lang)]


# ---- the report's own figures: a caption per edition (the papers' figures keep their own) ---------
OWN_FIGURES: dict[str, tuple[str, str]] = {
    "claims-verdicts": ("Verdicts on the checkable statements, by paper", "两篇论文可核查表述的判定"),
    "regression-coefficients": ("Slope of growth on the lagged index in each specification, with its interval",
                                "各设定中增长率对上年指数的斜率及其区间"),
    "regression-scatter": ("Growth against the lagged index, province by province, each year",
                           "各省增长率与上年指数（逐年散点图）"),
    "regression-diagnostics": ("Diagnostics of the headline regression", "主回归的诊断图"),
    "regression-specification_curve": ("Specification curve: the slope of every specification of the grid, in order",
                                       "设定曲线：设定清单中全部设定的斜率（按大小排列）"),
    "data-coverage": ("Digital economy as a share of GDP: province-years published and found",
                      "数字经济占 GDP 比重：已公布并找到的省份-年份"),
    "claims-fragility": ("Each judged claim with at least two variants the data decide: the share of them that keeps the "
                         "headline verdict (claims with fewer are not drawn)",
                         "至少有两种数据足以判定的变体的已判定表述：其中维持主判定的变体所占比例（不足两种的表述未画出）"),
    "data-vintage_revisions": ("Provincial GDP: final verification less first release", "各省 GDP：最终核实数减初步核算数"),
}


def own_figure_caption(figure_id: str, lang: str) -> str:
    return entry(OWN_FIGURES, figure_id, "caption of the report's own figure")[LANGUAGES.index(lang)]
