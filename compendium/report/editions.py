"""The two editions, English and Chinese: their files, titles and the words a table or a bound value says."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..phrasebook import labels


@dataclass(frozen=True)
class Edition:
    code: str
    lang: str
    title: str
    made_by: str                                          # caption: "<file>, made by <notebook>"
    words: dict[str, str] = field(default_factory=dict)   # table headers in this language

    @property
    def template(self) -> Path:
        return paths.PAPER / ("report.md" if self.code == "en" else f"report.{self.code}.md")

    def output(self, suffix: str) -> Path:
        return self.template.with_suffix(suffix)

    def word(self, english: str) -> str:
        """The edition's word for an English word. Strict in Chinese: a word with Latin letters and no
        entry is an error naming it, never English on a Chinese page (units such as 亿元 or % pass)."""
        if self.code == "en" or english in self.words:
            return self.words.get(english, english)
        if re.search(r"[A-Za-z]", english):
            raise KeyError(f"the {self.lang} edition has no word for {english!r} (compendium/report/editions.py, Edition words)")
        return english


# a count's noun differs from the column header of the same name in Chinese (4 行, but the header 行数)
COUNT_WORDS = {"rows:count": ("rows", "行"), "sources:count": ("sources", "个来源"), "comma": (", ", "，")}
ENGLISH = Edition("en", "en", "Replication report", "made by {notebook}", {k: en for k, (en, _) in COUNT_WORDS.items()})
CHINESE = Edition("zh", "zh-CN", "复现报告", "由 {notebook} 生成", {
    "paper": "论文", "all": "合计", "claim": "表述", "where": "位置", "printed": "论文原文", "official": "官方数值",
    # statistics' symbols and the source id column keep their names in both editions
    "N": "N", "p": "p", "R²": "R²", "source_id": "source_id", **{k: zh for k, (_, zh) in COUNT_WORDS.items()},
    "unit": "单位", "year": "年份", "rule": "规则", "confidence": "可信度", "reading": "理解", "cause": "原因",
    "chosen": "采用", "verdict": "判定", "yes": "是", "specification": "设定", "coefficient": "系数", "CI": "区间",
    "wild-bootstrap p": "聚类野自助法 p", "note": "说明", "headline": "主设定", "figure": "图", "caption": "图题",
    "kind": "类型", "notebook": "笔记本", "files": "文件", "reads": "读取", "writes": "写出",
    "(and each figure's `.png`)": "（及各图的 `.png`）", "used by": "用于", "evidence": "证据等级", "values": "数值个数",
    "why no second copy": "为何没有第二份副本", "publisher": "发布者", "title": "标题", "vintage": "版本", "rows": "行数",
    "evidence rows": "所用数据行", "none": "无", "ratio": "比值", "times": "倍", "rank": "位次", "CV": "变异系数",
    "pp per unit": "百分点/单位", "pp per 100 index points": "百分点/100 指数点", "pp": "百分点", "exponent": "次方", "forms": "种", "months": "个月",
    "informative": "功效充足", "not informative": "功效不足",
    "keeps its sign": "符号不变", "changes sign": "符号改变", "excludes": "排除了", "does not exclude": "未能排除",
    "covers zero": "包含零", "excludes zero": "不含零", "choice": "选择", "distinct fits": "不重复的回归",
    "positive": "为正", "negative": "为负", "significantly positive": "显著为正", "significantly negative": "显著为负",
    "median effect (pp)": "效应中位数（百分点）", "tests the paper's ordering": "检验先后顺序", "no": "否", "some": "部分",
    "more significant fits of neither sign than null curves commonly reach": "正负两个方向的显著回归个数都没有超出零假设曲线的常见范围",
    "more significantly positive fits than null curves commonly reach": "显著为正的回归个数超出了零假设曲线的常见范围",
    "more significantly negative fits than null curves commonly reach": "显著为负的回归个数超出了零假设曲线的常见范围",
    "more significant fits of both signs than null curves commonly reach": "正负两个方向的显著回归个数都超出了零假设曲线的常见范围",
    "the same holds for the fits that test the paper's ordering": "检验论文先后顺序的回归也是如此",
    "the fits that test the paper's ordering differ (their p-values above)": "检验论文先后顺序的回归结论不同（见上文 p 值）",
    "to": "至", **labels.VERDICTS, "publisher's table": "发布者的表", "copy seen": "所见副本",
    "(verdict changes with the reading)": "（判定随理解而变）",
})
EDITIONS = (ENGLISH, CHINESE)
