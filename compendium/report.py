"""Render the replication report in two editions, English and Chinese, each as HTML and PDF.

`paper/report.md` and `paper/report.zh.md` are templates. Every number in them is a binding,
`{{ name }}` or `{{ name | format }}`, filled in from the files the notebooks wrote in
`data/derived/`; blocks `{{ figure: ID }}` and `{{ table: NAME }}` insert a figure (caption, image,
the notebook that makes it) or a generated table. A binding that names nothing is an error, so the
report can never silently drop or invent a number; both editions bind the same set of values.

HTML comes from Python-Markdown with the CJK font embedded; PDF from pandoc (Markdown → Typst) and
the Typst compiler, both carried by PyPI wheels, with the same bundled Noto Sans CJK SC.

    python -m compendium.report
"""
from __future__ import annotations

import base64
import contextvars
import html
import inspect
import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

import markdown
import pandas as pd

# Only what rendering needs: no statsmodels, matplotlib or pandera (the report step stays fast).
from . import audit, deposit, exhibits, paths, pipeline, regression
from .phrasebook import labels, sentences
from .schema import CI_LEVEL, EVIDENCE_LEVELS, OBSERVATION_FILES, is_portal


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
            raise KeyError(f"the {self.lang} edition has no word for {english!r} (compendium/report.py, Edition words)")
        return english


# a count's noun differs from the column header of the same name in Chinese (4 行, but the header 行数)
COUNT_WORDS = {"rows:count": ("rows", "行"), "sources:count": ("sources", "个来源"), "comma": (", ", "，")}
ENGLISH = Edition("en", "en", "Replication report", "made by {notebook}", {k: en for k, (en, _) in COUNT_WORDS.items()})
CHINESE = Edition("zh", "zh-CN", "复现报告", "由 {notebook} 生成", {
    "paper": "论文", "all": "合计", "claim": "表述", "where": "位置", "printed": "论文所印", "official": "官方数值",
    # statistics' symbols and the source id column keep their names in both editions
    "N": "N", "p": "p", "R²": "R²", "source_id": "source_id", **{k: zh for k, (_, zh) in COUNT_WORDS.items()},
    "unit": "单位", "year": "年份", "rule": "规则", "confidence": "可信度", "reading": "理解", "cause": "原因",
    "chosen": "采用", "verdict": "判定", "yes": "是", "specification": "设定", "coefficient": "系数", "CI": "区间",
    "wild-bootstrap p": "聚类野自助法 p", "note": "说明", "headline": "主设定", "figure": "图", "caption": "图题",
    "kind": "类型", "notebook": "笔记本", "files": "文件", "reads": "读取", "writes": "写出",
    "(and each figure's `.png`)": "（及各图的 `.png`）", "used by": "用于", "evidence": "证据等级", "values": "数值个数",
    "why no second copy": "为何没有第二份副本", "publisher": "发布者", "title": "标题", "vintage": "版本", "rows": "行数",
    "evidence rows": "所用数据行", "none": "无", "ratio": "比值", "times": "倍", "rank": "位次", "CV": "变异系数",
    "pp per unit": "百分点/单位", "pp": "百分点", "exponent": "次方", "forms": "种", "months": "个月",
    "informative": "信息量充足", "not informative": "信息量不足",
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
TEMPLATE = ENGLISH.template
OUTPUT = ENGLISH.output(".html")
BENCHMARK = paths.PAPER / "benchmark.json"
MUTATION = paths.PAPER / "mutation.json"
BINDING = re.compile(r"\{\{\s*(?P<name>[^|}]+?)\s*(?:\|\s*(?P<format>[^}]+?)\s*)?\}\}")
DERIVED = paths.DATA / "derived"
BENCHMARK_KEYS = ("date", "machine", "notebooks", "floor_kernel_s", "floor_serial_s", "floor_parallel_s", "setup_s",
                  "first_build_s", "first_make_s", "first_test_s", "full_build_s", "noop_build_s", "test_s",
                  "full_build_ratio", "test_ratio", "test_vs_build", "budget_baseline", "baseline_build_s", "budget_added_s",
                  "budget_allowed_s")


# What the joint test says, by whether the significantly positive and negative fits exceed chance
JOINT_VERDICTS = {(False, False): "more significant fits of neither sign than null curves commonly reach",
                  (True, False): "more significantly positive fits than null curves commonly reach",
                  (False, True): "more significantly negative fits than null curves commonly reach",
                  (True, True): "more significant fits of both signs than null curves commonly reach"}


# second readings of single-copy rows: whole sources from their copies, and the rows of few-row claims
SECOND_READINGS = paths.DATA / "second_reading"
CLAIM_ROW_READINGS = paths.ROOT / "tests" / "expectations" / "claim_row_values.csv"


def _raw_rows() -> pd.DataFrame:
    """Every raw observation row, as text: the README counts them and the source table cites them."""
    return pd.concat([pd.read_csv(paths.RAW / f, keep_default_na=False, dtype=str) for f in OBSERVATION_FILES.values()])


def _derived(name: str) -> pd.DataFrame:
    return pd.read_csv(DERIVED / name, keep_default_na=False, dtype=str)  # text as written: no type guessing


def bindings() -> dict:
    """Every value the report may cite, keyed by a dotted name."""
    values: dict[str, Any] = {}
    claims = _derived("claims_audit.csv")
    counts = claims.groupby(["paper", "verdict"]).size()
    for paper in ("A", "B"):
        values[f"claims.{paper}.total"] = int((claims["paper"] == paper).sum())
        for verdict in audit.VERDICTS:
            values[f"claims.{paper}.{verdict.replace(' ', '_')}"] = int(counts.get((paper, verdict), 0))
    values["claims.total"] = len(claims)
    for row in claims.itertuples():
        values[f"claim.{row.claim_id}.official"] = float(row.official) if row.official != "" else float("nan")
        values[f"claim.{row.claim_id}.verdict"] = row.verdict
        values[f"claim.{row.claim_id}.printed"] = row.printed
    flipping = _flipping(claims)
    values["readings.claims"] = _derived("claims_readings.csv")["claim_id"].nunique()
    values["readings.flipping"] = len(flipping)
    values["readings.flipping_list"] = ", ".join(flipping) or "none"
    values["claims.verdict_rule.B15"] = claims.set_index("claim_id").loc["B15", "rule_id"]
    results = _derived("regression_results.csv")
    numeric = ("n", "n_regions", "coefficient", "ci_low", "ci_high", "df_inference", "p_value", "p_wild", "wild_mc_se",
               "r_squared")
    for row in results.itertuples():
        keys = [row.specification.split()[0]] + (["headline"] if row.headline == "True" else [])
        for key in keys:
            for column in numeric:
                value = getattr(row, column)
                values[f"regression.{key}.{column}"] = float(value) if value != "" else float("nan")
            values[f"regression.{key}.name"] = row.specification
    estimated = results[results["coefficient"] != ""]
    positive = estimated[(estimated["coefficient"].astype(float) > 0) & (estimated["p_value"].astype(float) < audit.REGRESSION_ALPHA)]
    robust = positive[positive["p_wild"].replace("", "nan").astype(float) < audit.REGRESSION_ALPHA]  # no bootstrap: NaN
    values["regression.alpha"] = audit.REGRESSION_ALPHA
    values["regression.estimated"] = len(estimated)
    values["regression.positive_significant"] = len(positive)
    values["regression.positive_significant_list"] = "; ".join(positive["specification"]) or "none"
    values["regression.positive_significant_wild"] = len(robust)
    values["regression.positive_significant_wild_list"] = "; ".join(robust["specification"]) or "none"
    negative = estimated[(estimated["coefficient"].astype(float) < 0) & (estimated["p_value"].astype(float) < audit.REGRESSION_ALPHA)]
    robust_negative = negative[negative["p_wild"].replace("", "nan").astype(float) < audit.REGRESSION_ALPHA]
    values["regression.negative_significant"] = len(negative)
    values["regression.negative_significant_list"] = "; ".join(negative["specification"]) or "none"
    values["regression.negative_significant_wild"] = len(robust_negative)
    per_year = _derived("regression_robustness.csv").query("check == 'per-year cross-section'")
    per_year_p = per_year["p_value"].astype(float)
    per_year_slope = per_year["coefficient"].astype(float)
    values["per_year.count"] = len(per_year)
    values["per_year.positive_significant"] = int(((per_year_slope > 0) & (per_year_p < audit.REGRESSION_ALPHA)).sum())
    values["per_year.negative_significant"] = int(((per_year_slope < 0) & (per_year_p < audit.REGRESSION_ALPHA)).sum())
    values["per_year.significant_list"] = ", ".join(
        f"{int(float(k))} ({float(c):+.2f})" for k, c, q in zip(per_year["key"], per_year_slope, per_year_p)
        if q < audit.REGRESSION_ALPHA) or "none"
    values["per_year.expected_by_chance"] = len(per_year) * audit.REGRESSION_ALPHA
    power = _derived("regression_power.csv")
    for row in power.itertuples():
        key = "headline" if row.specification == values.get("regression.headline.name") else row.specification.split()[0]
        for column in ("mde", "iqr_within", "mde_iqr_within", "mean_growth", "mde_share_of_mean_growth",
                       "fe_absorbed_share", "vif_controls", "corr_income_within", "threshold_effect",
                       "growth_iqr_within", "mde_share_of_growth_iqr", "iqr_residual", "mde_iqr_residual",
                       "mde_share_pooled", "iqr_pooled"):
            values[f"power.{key}.{column}"] = float(getattr(row, column))
        if row.x.removesuffix("_lag") in regression.PKU_COLUMNS:  # spreads of the PKU index in its own points
            for column in ("iqr_within", "iqr_residual"):
                values[f"power.{key}.{column}_points"] = float(getattr(row, column)) * regression.PKU_SCALE
        values[f"power.{key}.informative"] = "informative" if row.informative == "True" else "not informative"
        for column in ("informative_pooled", "informative_on_growth_iqr"):
            values[f"power.{key}.{column}"] = "informative" if getattr(row, column) == "True" else "not informative"
        for column in ("excludes_threshold", "excludes_threshold_pooled"):
            values[f"effects.{key}.{column}"] = "excludes" if getattr(row, column) == "True" else "does not exclude"
    effects = _derived("regression_effects.csv")
    for row in effects.itertuples():
        keys = [row.specification.split()[0]] + (["headline"] if row.specification == values.get("regression.headline.name")
                                                 else [])
        for key in keys:
            for column in ("iqr_within", "effect", "effect_low", "effect_high"):
                values[f"effects.{key}.{column}"] = float(getattr(row, column))
    # whether the slope keeps its sign when the convergence term enters (H0 → H1)
    values["regression.H0_H1_sign"] = ("keeps its sign" if (values["regression.H0.coefficient"] > 0)
                                       == (values["regression.H1.coefficient"] > 0) else "changes sign")
    values["regression.H0.sign"] = "positive" if values["regression.H0.coefficient"] > 0 else "negative"
    for key in ("headline", "H0", "H1"):
        values[f"regression.{key}.interval_zero"] = ("covers zero" if values[f"regression.{key}.ci_low"] <= 0
                                                     <= values[f"regression.{key}.ci_high"] else "excludes zero")
    # the plan's rule applied to the association the paper states: the audit's reading of B15 on row H0
    readings = _derived("claims_readings.csv")
    [association] = readings[(readings["claim_id"] == "B15")
                             & (readings["rule_id"] == "regression_interval_unconditional")]["verdict"]
    values["regression.H0.verdict"] = association
    values["power.share_percent"] = 100 * regression.INFORMATIVE_SHARE
    values["power.power_percent"] = 100 * regression.POWER
    curve = _derived("specification_curve.csv").astype({"estimable": str})
    summary = regression.curve_summary(curve.assign(
        estimable=curve["estimable"] == "True", headline=curve["headline"] == "True",
        tests_ordering=curve["tests_ordering"] == "True",
        **{c: curve[c].replace("", "nan").astype(float) for c in ("coefficient", "p_value", "p_wild", "effect_iqr")}),
        audit.REGRESSION_ALPHA)
    for key, value in summary.items():
        values[f"curve.{key}"] = value
    values["curve.draws"] = regression.CURVE_DRAWS
    joint = _derived("specification_curve_joint.csv")
    for row in joint.itertuples():
        name = f"curve.joint.{row.subset}.{row.statistic}"
        for column in ("specifications", "observed", "null_median", "null_p95", "p"):
            values[f"{name}.{column}"] = float(getattr(row, column))
        values["curve.joint.draws"] = int(row.draws)
    values["curve.joint.null_quantile"] = regression.JOINT_NULL_QUANTILE
    groups = _derived("specification_curve_summary.csv")
    for row in groups[groups["regressor"] != ""].itertuples():
        for column in ("distinct", "positive", "negative", "positive_significant", "negative_significant"):
            values[f"curve.group.{row.regressor}.{row.lag}.{column}"] = int(getattr(row, column))
        values[f"curve.group.{row.regressor}.{row.lag}.median_effect_iqr"] = float(row.median_effect_iqr)
    for subset in regression.JOINT_SUBSETS:
        beyond = (float(values[f"curve.joint.{subset}.positive_significant.p"]) < audit.REGRESSION_ALPHA,  # type: ignore[arg-type]
                  float(values[f"curve.joint.{subset}.negative_significant.p"]) < audit.REGRESSION_ALPHA)  # type: ignore[arg-type]
        values[f"curve.joint.{subset}.verdict"] = JOINT_VERDICTS[beyond]
    values["curve.joint.ordering_agrees"] = ("the same holds for the fits that test the paper's ordering"
                                             if values["curve.joint.ordering.verdict"] == values["curve.joint.all.verdict"]
                                             else "the fits that test the paper's ordering differ (their p-values above)")
    values["curve.grid_sha256"] = curve["grid_sha256"].iloc[0][:12]
    panel = _derived("regression_panel.csv")
    share_sample = panel[((panel["share_local"] != "") | (panel["share_caict"] != "")) & (panel["growth"] != "")]
    values["panel.share_obs"] = len(share_sample)
    values["panel.share_provinces"] = share_sample["region"].nunique()
    values["panel.province_years"] = len(panel)
    values["panel.first_year"] = int(panel["year"].astype(int).min())
    values["panel.last_year"] = int(panel["year"].astype(int).max())
    # the years rows H14/H15 cover: every structural control present (each the previous year's value)
    structural = panel[(panel[list(regression.STRUCTURAL)] != "").all(axis=1)]
    structural_years = structural["year"].astype(int)
    values["panel.structural_first_year"] = int(structural_years.min())
    values["panel.structural_last_year"] = int(structural_years.max())
    values["panel.structural_data_first_year"] = int(structural_years.min()) - 1
    values["panel.structural_data_last_year"] = int(structural_years.max()) - 1
    robustness = _derived("regression_robustness.csv")
    for check, rows in robustness.groupby("check"):
        slopes = rows["coefficient"].replace("", "nan").astype(float)
        key = check.replace(" ", "_").replace("-", "_")
        values[f"robustness.{key}.min"], values[f"robustness.{key}.max"] = slopes.min(), slopes.max()
    figure_data = _derived("paperB_figure_data.csv")
    growth = figure_data[(figure_data["figure_id"] == "B-fig06") & (figure_data["series"] == "gdp_real_growth")]
    growth = growth.assign(value=growth["value"].astype(float))
    for region, rows in growth.groupby("region"):
        values[f"growth.{region}.mean"] = rows["value"].mean()
        values[f"growth.{region}.std"] = rows["value"].std(ddof=1)
    mapped = _derived("claims_coverage.csv").set_index("paper")
    for paper, row in mapped.iterrows():
        values[f"map.{paper}.lines"] = int(row["lines"])
        values[f"map.{paper}.claims"] = int(row["holds claims"])
        values[f"map.{paper}.excused"] = int(row["lines"]) - int(row["holds claims"])
    values["map.lines"] = int(mapped["lines"].astype(int).sum())
    values["claims.unverified_share"] = round(100 * (claims["verdict"] == audit.UNVERIFIED).mean(), 1)
    evidence_rows = _derived("claims_evidence.csv")
    values["evidence.claims.rows"] = int((evidence_rows["found"] == "True").sum())
    values["evidence.claims.empty"] = int((evidence_rows["found"] == "False").sum())
    values["searches.rows"] = len(pd.read_csv(paths.DATA / "searches.csv", keep_default_na=False))
    coverage = _derived("data_coverage.csv")
    values["coverage.with_share"] = int((coverage["share_definitions"] != "").sum())
    values["coverage.cells"] = len(coverage)
    # measured by `make bench`; until it has run once the report shows "nan" rather than stop
    measured = json.loads(BENCHMARK.read_text()) if BENCHMARK.is_file() else {}
    for key in BENCHMARK_KEYS:
        values[f"benchmark.{key}"] = measured.get(key, float("nan"))
    # measured by `make mutate`
    mutation = json.loads(MUTATION.read_text(encoding="utf-8")) if MUTATION.is_file() else {}
    for key in ("tried", "caught", "missed", "reaching_output", "reaching_no_output"):
        values[f"mutation.{key}"] = mutation.get(key, float("nan"))
    for key in ("tried", "caught", "missed", "changing_output", "caught_among_changing"):
        values[f"mutation.logic.{key}"] = mutation.get("logic", {}).get(key, float("nan"))
    evidence = _derived("evidence_levels.csv").set_index("file")
    totals = evidence.loc["all files"].astype(int)
    for level, key in zip(EVIDENCE_LEVELS, ("official", "press", "corroborated", "single")):
        values[f"evidence.all.{key}"] = int(totals[level])
    values["evidence.all.total"] = int(totals.sum())
    inputs = _derived("evidence_of_inputs.csv")
    used = inputs["rows"].astype(int)
    values["evidence.inputs.total"] = int(used.sum())
    values["evidence.inputs.accepted"] = int(used[inputs["evidence"] != "single secondary copy"].sum())
    headline_inputs = inputs[inputs["use"] == "headline regression"]
    headline_rows = headline_inputs["rows"].astype(int)
    values["evidence.headline.total"] = int(headline_rows.sum())
    values["evidence.headline.single_share"] = float(
        headline_rows[headline_inputs["evidence"] == "single secondary copy"].sum() / headline_rows.sum())
    register = pd.read_csv(paths.SOURCES, keep_default_na=False, dtype=str)  # validated by the notebooks' loads
    portal = register["url"].map(is_portal)
    values["sources.total"] = len(register)
    values["sources.page_seen"] = int((register["publisher_page_seen"] == "yes").sum())
    values["sources.page_quoted"] = int((register["publisher_page_seen"] == "quoted").sum())
    values["sources.table_named"] = int(portal.sum())
    values["sources.page_not_found"] = int((register["url"] == "").sum())
    values["sources.page_known_not_opened"] = int(((register["url"] != "") & ~portal
                                                    & (register["publisher_page_seen"] == "no")).sum())
    raw = _raw_rows()
    values["checks.raw_rows"] = len(raw)
    values["checks.corroborated_rows"] = int((raw["corroborated_by"] != "").sum())
    values["checks.single_copy_rows"] = int((raw["corroborated_by"] == "").sum())
    single = raw[raw["corroborated_by"] == ""]
    read_again = set()
    for reading in sorted(SECOND_READINGS.glob("*.csv")):
        cells = pd.read_csv(reading, keep_default_na=False, dtype=str)
        read_again |= {(reading.stem, r, y, m) for r, y, m in zip(cells["region"], cells["year"], cells["measure"])}
    by_copy = [(s_, r, y, m) in read_again for s_, r, y, m in zip(single["source_id"], single["region"], single["year"], single["measure"])]
    claim_rows = pd.read_csv(CLAIM_ROW_READINGS, keep_default_na=False, dtype=str)
    by_claim = set(zip(claim_rows["region"], claim_rows["year"], claim_rows["measure"], claim_rows["vintage"]))
    by_either = [a or k in by_claim for a, k in zip(by_copy, zip(single["region"], single["year"], single["measure"], single["vintage"]))]
    values["checks.second_reading_sources"] = len(list(SECOND_READINGS.glob("*.csv")))
    values["checks.second_read_rows"] = int(sum(by_either))
    values["checks.unread_rows"] = len(single) - int(sum(by_either))
    values["sources.copies_outside"] = int((register["why_this_copy"] != "").sum())
    values["ci.level"] = CI_LEVEL
    values["figures.count"] = len(exhibits.EXHIBITS)
    values["notebooks.count"] = len(pipeline.NOTEBOOKS)
    return values


def _caption_and_notebook(figure_id: str) -> tuple[str, str]:
    """A paper's figure: its caption and notebook from exhibits.py; a figure of our own (no
    caption): its id, and the notebook whose declared outputs hold it."""
    exhibit = exhibits.BY_ID.get(figure_id)
    if exhibit:
        return exhibits.caption(figure_id), exhibit.notebook
    return figure_id, next(n for n, s in pipeline.NOTEBOOKS.items() if f"figures/{figure_id}.svg" in s["outputs"])


def _figure_file(figure_id: str, edition: Edition) -> str:
    """The figure's file for this edition: our own figures are drawn once per language (declared as
    notebook outputs), the papers' figures once, in Chinese as printed."""
    own = f"figures/{paths.edition_figure(figure_id, edition.code)}.svg"
    declared = any(own in spec["outputs"] for spec in pipeline.NOTEBOOKS.values())
    return own if declared else f"figures/{figure_id}.svg"


def _figure_html(figure_id: str, edition: Edition) -> str:
    file = _figure_file(figure_id, edition)
    encoded = base64.b64encode((paths.ROOT / file).read_bytes()).decode()
    caption, notebook = _caption_and_notebook(figure_id)
    link = f'<a href="../notebooks/{notebook}.ipynb"><code>notebooks/{notebook}.ipynb</code></a>'
    return (f'\n<figure id="{figure_id}"><img alt="{html.escape(caption)}" src="data:image/svg+xml;base64,{encoded}"/>'
            f'<figcaption>{html.escape(caption)} — <code>{file}</code>, '
            f'{edition.made_by.format(notebook=link)}</figcaption></figure>\n')


def _figure_markdown(figure_id: str, edition: Edition) -> str:
    """For the PDF: an image paragraph, which pandoc turns into a Typst figure with its caption.
    The path is from the repository root, which is the Typst project root."""
    caption, notebook = _caption_and_notebook(figure_id)
    link = f"[`notebooks/{notebook}.ipynb`](../notebooks/{notebook}.ipynb)"
    # at the size it was drawn (points), unless wider than the text
    file = _figure_file(figure_id, edition)
    size = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', (paths.ROOT / file).read_text(encoding="utf-8"))
    assert size is not None, f"{file}: no width in points"
    drawn = float(size.group(1))
    width = min(100, round(100 * drawn / PDF_TEXT_WIDTH_PT))
    return (f"\n![{caption} — `{file}`, {edition.made_by.format(notebook=link)}]"
            f"(/{file}){{width={width}%}}\n")


def _header(edition: Edition, *cells: str, widths: tuple[int, ...] = ()) -> list[str]:
    """A Markdown table header; `widths` (relative, one per column) become the dashes of the
    separator line, which pandoc turns into the PDF's column widths (equal without them)."""
    dashes = widths or (3,) * len(cells)
    return ["| " + " | ".join(edition.word(c) for c in cells) + " |", "|" + "|".join("-" * d for d in dashes) + "|"]


def _table(name: str, edition: Edition = ENGLISH) -> str:
    if name == "verdict_counts":
        claims = _derived("claims_audit.csv")
        counts = claims.groupby(["paper", "verdict"]).size()
        rows = _header(edition, "paper", *audit.VERDICTS, "all")
        for paper in ("A", "B"):
            cells = [str(int(counts.get((paper, v), 0))) for v in audit.VERDICTS]
            rows.append(f"| {paper} | " + " | ".join(cells) + f" | {int((claims['paper'] == paper).sum())} |")
        return "\n".join(rows)
    if name == "claims":
        claims = _derived("claims_audit.csv")
        evidence = _derived("claims_evidence.csv")
        used = {claim: rows for claim, rows in evidence[evidence["found"] == "True"].groupby("claim_id")}
        parts = []
        for verdict in audit.VERDICTS:  # grouped by verdict, in the order of the scale
            group = claims[claims["verdict"] == verdict]
            if not len(group):
                continue
            rows = [f"\n**{edition.word(verdict)}** ({len(group)})\n",
                    *_header(edition, "claim", "where", "printed", "official", "unit", "year", "rule", "evidence rows",
                             "reading", "cause", widths=(4, 6, 7, 5, 4, 4, 14, 12, 18, 22))]
            flag = edition.word("(verdict changes with the reading)")
            for r in group.itertuples():
                official = "" if r.official == "" else _official(float(r.official))
                chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
                reading = _escape(r.reading_zh if chinese else r.reading) + (
                    f" **{flag}**" if r.verdict_changes_with_reading == "True" else "")
                rule = sentences.say("rule", r.rule_id, lang=edition.code)
                cause = sentences.say("cause", r.cause_code, json.loads(r.cause_params or "{}"), edition.code)
                where = labels.location(r.location, edition.code)
                unit = r.official_unit or r.unit
                rows.append(f"| {r.claim_id} | {_escape(where)} | {_escape(r.printed)} | {official} | "
                            f"{_escape(edition.word(unit))} | {r.year} | {_escape(rule)} | "
                            f"{_evidence_cell(used.get(r.claim_id), edition)} | {reading} | {_escape(cause)} |")
            parts.append("\n".join(rows))
        return "\n".join(parts)
    if name == "readings":
        readings = _derived("claims_readings.csv")
        rows = _header(edition, "claim", "reading", "chosen", "verdict", "rule", widths=(4, 30, 4, 7, 25))
        for r in readings[readings["claim_id"].isin(_flipping(_derived("claims_audit.csv")))].itertuples():
            chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
            rows.append(f"| {r.claim_id} | {_escape(r.reading_zh if chinese else r.reading)} | "
                        f"{edition.word('yes') if r.chosen == 'True' else ''} | {edition.word(r.verdict)} | "
                        f"{_escape(sentences.say('rule', r.rule_id, lang=edition.code))} |")
        return "\n".join(rows)
    if name == "regression":
        results = _derived("regression_results.csv")
        rows = _header(edition, "specification", "N", "coefficient", "CI", "p", "wild-bootstrap p", "R²", "note",
                       widths=(24, 4, 6, 10, 5, 6, 5, 16))
        rows[0] = rows[0].replace(f"| {edition.word('CI')} |", f"| {CI_LEVEL} % {edition.word('CI')} |")
        chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
        for r in results.itertuples():
            specification = labels.specification_name(r.specification.split()[0], edition.code)
            note = _escape(labels.notes(r.reason, edition.code))
            name = (f"**{_escape(specification)}** ({edition.word('headline')})" if r.headline == "True"
                    else _escape(specification))
            if r.coefficient == "":
                rows.append(f"| {name} | {r.n} | | | | | | {note} |")
            else:
                wild = f"{float(r.p_wild):.3f}" if r.p_wild != "" else ""
                rows.append(f"| {name} | {r.n} | {float(r.coefficient):.3f} | {float(r.ci_low):.3f} {edition.word('to')} "
                            f"{float(r.ci_high):.3f} | {float(r.p_value):.3f} | {wild} | {float(r.r_squared):.3f} | {note} |")
        return "\n".join(rows)
    if name == "curve_groups":  # the distinct fits of the curve by regressor × lag and by control set
        groups = _derived("specification_curve_summary.csv")
        rows = _header(edition, "choice", "distinct fits", "positive", "negative", "significantly positive",
                       "significantly negative", "median effect (pp)", "tests the paper's ordering",
                       widths=(16, 5, 5, 5, 6, 6, 6, 6))
        chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
        for r in groups.itertuples():
            choice = ("；" if chinese else "; ").join(
                f"{labels.grid_axis(axis, edition.code)}{'：' if chinese else ': '}"
                f"{labels.grid_choice(getattr(r, axis), edition.code)}" for axis in ("regressor", "lag", "controls")
                if getattr(r, axis))
            rows.append(f"| {choice} | {r.distinct} | {r.positive} | {r.negative} | {r.positive_significant} | "
                        f"{r.negative_significant} | {float(r.median_effect_iqr):.2f} | {edition.word(r.tests_ordering)} |")
        return "\n".join(rows)
    if name == "checklist":
        return deposit.checklist_markdown()
    if name == "figures_index":
        return figure_index_markdown(edition)
    if name == "notebooks":
        rows = _header(edition, "notebook", "reads", "writes", widths=(8, 20, 24))
        pngs_too = edition.word("(and each figure's `.png`)")
        for notebook, spec in pipeline.NOTEBOOKS.items():
            reads = ", ".join(f"`{p}`" for p in spec["inputs"])
            writes = ", ".join(f"`{p}`" for p in spec["outputs"] if not p.endswith(".png"))
            rows.append(f"| `notebooks/{notebook}.ipynb` | {reads} | {writes} {pngs_too} |")
        return "\n".join(rows)
    if name == "evidence":
        inputs = _derived("evidence_of_inputs.csv")
        rows = _header(edition, "used by", "source_id", "evidence", "values", "why no second copy", widths=(8, 10, 8, 4, 30))
        chinese = edition.code == CHINESE.code
        for r in inputs.itertuples():
            use = labels.USES.get(r.use, r.use) if chinese else r.use  # figure ids stay as they are
            evidence = labels.word(labels.EVIDENCE, r.evidence, edition.code, "evidence level")
            why = r.why_single_zh if chinese else r.why_single
            rows.append(f"| {_escape(use)} | {_escape(r.source_id)} | {_escape(evidence)} | {r.rows} | {_escape(why)} |")
        return "\n".join(rows)
    if name == "sources":
        sources = pd.read_csv(paths.SOURCES, keep_default_na=False)
        cited = _raw_rows().groupby("source_id").size()
        rows = _header(edition, "source_id", "publisher", "title", "issued", "vintage", "rows", "publisher's page",
                       "copy seen", widths=(9, 10, 14, 5, 7, 3, 14, 14))
        for r in sources.itertuples():
            page = f"{_link(r.url)} ({PAGE_SEEN[r.publisher_page_seen]})" if r.url else "not found"
            rows.append(f"| {_escape(r.source_id)} | {_escape(r.publisher)} | {_escape(r.title)} | {r.issued} | "
                        f"{_escape(r.vintage.replace(';', ', '))} | {int(cited.get(r.source_id, 0))} | {page} | {_link(r.seen_at)} |")
        return "\n".join(rows)
    if name == "copies":  # the copies seen outside the recognised hosts, with the reason for each
        sources = pd.read_csv(paths.SOURCES, keep_default_na=False)
        rows = _header(edition, "source_id", "copy seen", "why this copy", widths=(9, 14, 30))
        for r in sources[sources["why_this_copy"] != ""].itertuples():
            rows.append(f"| {_escape(r.source_id)} | {_link(r.seen_at)} | {_escape(r.why_this_copy)} |")
        return "\n".join(rows)
    raise KeyError(f"unknown table {name!r}")


def _official(value: float) -> str:
    """Four significant digits, but never in exponent form: 74652 stays 74652, not 7.465e+04."""
    return f"{value:.0f}" if abs(value) >= 1e4 else f"{value:.4g}"


def _evidence_cell(rows: pd.DataFrame | None, edition: Edition) -> str:
    """How many rows of `data/` a verdict rests on, and their sources (each listed in the sources
    table below); the rows themselves, with file and line, are in claims_evidence.csv."""
    if rows is None or not len(rows):
        return edition.word("none")
    sources = sorted(set(rows["source_id"]) - {"derived"})
    counted = f"{len(rows)} {edition.word('rows:count')}"
    if not sources:
        return f"{counted}: {_escape(rows['file'].iloc[0])}"
    if len(sources) > EVIDENCE_SOURCES_SHOWN:
        return f"{counted}{edition.word('comma')}{len(sources)} {edition.word('sources:count')}: " + ", ".join(
            _escape(s) for s in sources[:EVIDENCE_SOURCES_SHOWN]) + " …"
    return f"{counted}: " + ", ".join(_escape(s) for s in sources)


PAGE_SEEN = {"yes": "seen", "quoted": "address quoted elsewhere, not opened", "no": "not opened"}
EVIDENCE_SOURCES_SHOWN = 3  # the rest are in claims_evidence.csv, row by row


def _link(address: str) -> str:
    return f"<{address}>" if re.fullmatch(r"https?://[^\s<>\"|]+", address) else _escape(address)


def _flipping(claims: pd.DataFrame) -> list[str]:
    """The claims whose verdict changes with the reading, as the audit marked them."""
    return sorted(claims.loc[claims["verdict_changes_with_reading"] == "True", "claim_id"])


# Which Markdown reader a rendering is for: Python-Markdown (the HTML editions), pandoc (the PDFs),
# GitHub (the README). Set by `render`; `_escape` reads it, so every table cell and bound text takes
# the one escaping route of its reader.
TARGET: contextvars.ContextVar[str] = contextvars.ContextVar("target", default="html")
TARGETS = ("html", "pandoc", "gfm")
# Python-Markdown honours a backslash before these only (its ESCAPED_CHARS, and | for tables); it
# has no math, citations or strikeout, so $ @ ~ ^ are plain text there.
PYTHON_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
# pandoc and GFM accept a backslash before any ASCII punctuation; these are the ones that can open
# something inside a line: emphasis, code, links and images, raw HTML or Typst, math, citations,
# strikeout, superscript, entities, headings, cell separators (GFM's bare-URL autolinks need no
# escape here: only http(s) and www addresses, never javascript:, become links)
MARKUP_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>$@~^|&#!])")


def render_text(text: str, target: str | None = None) -> str:
    """Text from a data file, printed literally by the target's Markdown reader: no link, image,
    math, citation, raw HTML or Typst, emphasis, code span or cell separator opened by the data."""
    target = target or TARGET.get()
    flat = str(text).replace("\r", " ").replace("\n", " ")
    if target == "html":
        return PYTHON_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    if target in ("pandoc", "gfm"):
        return MARKUP_PUNCTUATION.sub(r"\\\1", flat)
    raise ValueError(f"unknown target {target!r} (one of {TARGETS})")


_escape = render_text


def figure_index_markdown(edition: Edition = ENGLISH) -> str:
    """Every figure of both papers → notebook → files (also used in the README)."""
    rows = _header(edition, "figure", "caption", "kind", "notebook", "files")
    for e in exhibits.EXHIBITS:
        kind = labels.word(labels.FIGURE_KINDS, e.kind, edition.code, "kind of figure")
        rows.append(f"| {e.figure_id} | {e.caption} | {kind} | `notebooks/{e.notebook}.ipynb` | "
                    f"`figures/{e.figure_id}.svg`, `.png` |")
    return "\n".join(rows)


def used_bindings(template: str) -> list[tuple[str, str]]:
    """The (name, format) pairs a template binds, in the order it binds them (figure and table
    blocks included: they are places too)."""
    return [(m["name"].strip(), (m["format"] or "").strip()) for m in BINDING.finditer(template)]


def render(template: str, values: dict, edition: Edition = ENGLISH, figure=_figure_html, target: str = "html") -> str:
    token = TARGET.set(target)
    try:
        return _render(template, values, edition, figure)
    finally:
        TARGET.reset(token)


def _render(template: str, values: dict, edition: Edition, figure) -> str:
    def substitute(match: re.Match) -> str:
        name, spec = match["name"].strip(), (match["format"] or "").strip()
        if name.startswith("figure:"):
            return figure(name.split(":", 1)[1].strip(), edition)
        if name.startswith("table:"):
            return "\n" + _table(name.split(":", 1)[1].strip(), edition) + "\n"
        if name not in values:
            raise KeyError(f"{edition.template.name}: binding {{{{ {name} }}}} names no value "
                           "(see compendium/report.py bindings)")
        text = printed(values[name], spec, edition)
        return render_text(text) if isinstance(values[name], str) else text
    return BINDING.sub(substitute, template)


WORD_FORMAT = "word"  # `{{ name | word }}`: a value that is a word of the phrasebook, in the edition's language
RULE_FORMAT = "rule"  # `{{ name | rule }}`: a verdict rule's id, said in the edition's language (compendium/phrasebook/)
LIST_FORMAT = "list"  # `{{ name | list }}`: identifiers joined by ", " (claim ids, years), or none in the edition's word
SPECIFICATION_FORMAT = "spec"  # `{{ name | spec }}`: specification names (or "; "-joined, or none), in the edition's language


def printed(value, spec: str, edition: Edition = ENGLISH) -> str:
    """A bound value as the edition prints it."""
    if spec == WORD_FORMAT:
        return edition.word(str(value))
    if spec == RULE_FORMAT:
        return sentences.say("rule", str(value), lang=edition.code)
    if spec == LIST_FORMAT:
        return edition.word("none") if value == "none" else str(value)
    if spec == SPECIFICATION_FORMAT:  # a specification's name, or several joined by "; ", or "none"
        if edition.code != CHINESE.code:
            return str(value)
        return edition.word("none") if value == "none" else "；".join(
            labels.specification_name(name.split()[0], "zh") for name in str(value).split("; "))
    return format(value, spec) if spec else str(value)


STYLE = """body{font-family:"Compendium CJK","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;line-height:1.55;color:#222}table{border-collapse:collapse;font-size:.85rem;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}th{background:#f2f2f2}figure{margin:1.5rem 0}
img{max-width:100%}figcaption{font-size:.85rem;color:#555}code{font-size:.85em}"""


def embedded_font(text: str) -> str:
    """An @font-face rule with the CJK font cut down to the characters the page uses.

    The page must show Chinese on machines without a Chinese system font, and stay small: the
    full font is megabytes, the subset a few dozen kilobytes. Subsetting is deterministic.
    """
    # figures arrive as base64 data: addresses, pure ASCII; leave them out of the character scan
    shown = re.sub(r"data:[^\"')]+", "", text)
    characters = "".join(sorted(ch for ch in set(shown) if ord(ch) > 127))
    encoded = base64.b64encode(font_subset(characters)).decode()
    return f'@font-face{{font-family:"Compendium CJK";src:url(data:font/otf;base64,{encoded}) format("opentype")}}'


FONT_SUBSETS = paths.ROOT / ".build" / "font-subsets"  # never committed


def font_subset(characters: str) -> bytes:
    """The bundled CJK font cut down to `characters`, kept in `.build/` under a key of everything the
    cut depends on: the font file, the characters, fontTools' version and the cutting code itself.
    Cutting is the report's slowest step (about 1.6 s an edition) and gives the same bytes each
    time, so a page whose characters did not change reuses the cut of the last render."""
    import hashlib

    from fontTools import version

    font = paths.cjk_font()
    key = hashlib.sha256("\0".join([hashlib.sha256(font.read_bytes()).hexdigest(), characters, version,
                                    _CUTTING_CODE]).encode()).hexdigest()
    cached = FONT_SUBSETS / f"{key}.otf"
    if cached.is_file():
        return cached.read_bytes()
    data = _cut_font(font, characters)
    paths.write_whole(cached, data)  # both editions render at once
    return data


def _cut_font(font: Path, characters: str) -> bytes:
    import io

    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    loaded = subset.load_font(str(font), options, lazy=True)  # reads only the glyphs kept
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(loaded)
    buffer = io.BytesIO()
    subset.save_font(loaded, buffer, options)
    return buffer.getvalue()


_CUTTING_CODE = inspect.getsource(_cut_font)  # part of the cache key: an edit of the cut is a new cut


def build(values: dict | None = None, edition: Edition = ENGLISH) -> str:
    values = bindings() if values is None else values
    body = markdown.markdown(render(edition.template.read_text(encoding="utf-8"), values, edition), extensions=["tables"])
    return (f'<!DOCTYPE html>\n<html lang="{edition.lang}"><head><meta charset="utf-8"><title>{edition.title}</title>'
            f"<style>{embedded_font(body)}\n{STYLE}</style></head><body>\n{body}\n</body></html>\n")


# Typst page set-up; the body comes from pandoc. `date: none` keeps the build time out of the file.
PDF_PREAMBLE = """#set document(title: "{title}", date: none)
#set page(paper: "a4", margin: (x: 1.6cm, y: 1.8cm), numbering: "1")
#set text(font: ("{font}",), size: 9.5pt, lang: "{lang}")
#set par(justify: false)
#show link: set text(fill: rgb("#1f5fa8"))
#show raw: set text(size: 8pt)
#set table(stroke: 0.4pt + luma(180), inset: 3pt, align: left)
#show table: set text(size: 6.5pt)
#show figure: set block(breakable: false)
// tables (pandoc wraps each in a figure) break across pages, their header row repeated; an
// unbreakable figure would squeeze a long table's last rows over the page foot
#show figure.where(kind: table): set block(breakable: true)
// identifiers and paths in table cells may break after an underscore or a slash
#show table: it => {{ show "_": "_" + sym.zws; show "/": "/" + sym.zws; it }}
#set figure(numbering: none)  // captions carry the papers' own numbers
"""
PDF_TEXT_WIDTH_PT = 595.28 - 2 * 45.35  # A4 less the two 1.6 cm margins of PDF_PREAMBLE


def build_pdf(values: dict | None = None, edition: Edition = ENGLISH) -> bytes:
    """The same template and values through pandoc (Markdown → Typst) and the Typst compiler.

    Only the bundled CJK font and Typst's own fonts are used (no system font can change the
    output), and nothing of the build time is written: two builds are byte-identical.
    """
    import pypandoc
    import typst

    from .style import CJK_FONT_NAME

    values = bindings() if values is None else values
    markdown_text = render(edition.template.read_text(encoding="utf-8"), values, edition, figure=_figure_markdown,
                           target="pandoc")
    body = pypandoc.convert_text(markdown_text, "typst", format="markdown-smart", extra_args=["--wrap=none"])
    source = PDF_PREAMBLE.format(title=edition.title, font=CJK_FONT_NAME, lang=edition.lang.split("-")[0]) + body
    return typst.compile(source.encode("utf-8"), root=str(paths.ROOT), font_paths=[str(paths.cjk_font().parent)],
                         ignore_system_fonts=True)


README_TEMPLATE = paths.ROOT / "README.md.in"
README = paths.ROOT / "README.md"
README_NOTICE = "<!-- Generated from README.md.in by `make` (compendium/report.py): edit that file, not this one. -->\n"


def build_readme(values: dict | None = None) -> str:
    values = bindings() if values is None else values
    return README_NOTICE + render(README_TEMPLATE.read_text(encoding="utf-8"), values, target="gfm")


def _write_if_changed(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.is_file() or path.read_bytes() != data:
        paths.write_whole(path, data)  # a reader never sees half a file


def _edition_documents(values: dict, edition: Edition) -> dict[str, str | bytes]:
    return {".html": build(values, edition), ".pdf": build_pdf(values, edition)}


def main() -> int:
    from concurrent.futures import ProcessPoolExecutor

    values = bindings()  # read the derived files once for every document
    # the editions are independent and mostly CPU (font subsetting, Typst): one process each
    with ProcessPoolExecutor(max_workers=len(EDITIONS)) as pool:
        documents = list(pool.map(_edition_documents, [values] * len(EDITIONS), EDITIONS))
    # everything is rendered before anything is written: a failure anywhere leaves README.md and
    # paper/ as they were, all of them matching the same derived files
    outputs = {edition.output(suffix): document for edition, documents_of in zip(EDITIONS, documents)
               for suffix, document in documents_of.items()}
    outputs[README] = build_readme(values)
    outputs.update({paths.ROOT / name: text for name, text in deposit.documents().items()})
    changed = [path for path, document in outputs.items()
               if not path.is_file() or path.read_bytes() != (document.encode("utf-8") if isinstance(document, str) else document)]
    for path, document in outputs.items():
        _write_if_changed(path, document)
    print("report: " + (", ".join(str(p.relative_to(paths.ROOT)) for p in changed) + " changed" if changed
                        else "every document unchanged"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
