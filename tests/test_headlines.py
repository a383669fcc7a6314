"""The README's and the report's headline numbers, recomputed here from the derived files.

The renderer's bindings are not used: counts come from `claims_audit.csv` read with the csv
module, the headline regression from `regression_results.csv`, and the text is searched for them.
A renderer that swapped two counts, or a regression that lost its clustering, fails here even
when everything was rebuilt consistently.
"""
from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter

import numpy as np
import pytest

from compendium import data, ledger, paths, report
from compendium.schema import MEASURES

VERDICT_ORDER = ["matches", "differs", "not comparable", "inconclusive", "unverified", "not a statistic"]


def _rows(name: str) -> list[dict]:
    with open(paths.DATA / "derived" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def expected_counts() -> dict[str, list[int]]:
    counted = Counter((r["paper"], r["verdict"]) for r in _rows("claims_audit.csv"))
    return {paper: [counted[(paper, v)] for v in VERDICT_ORDER] + [sum(counted[(paper, v)] for v in VERDICT_ORDER)]
            for paper in ("A", "B")}


def _markdown_table(text: str, header_start: str) -> tuple[list[str], dict[str, list[str]]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    body = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        body[cells[0]] = cells[1:]
    return header, body


def test_readme_verdict_counts_equal_the_audit_file(expected_counts):
    header, body = _markdown_table(report.README.read_text(encoding="utf-8"), "| paper | matches")
    assert header[1:] == VERDICT_ORDER + ["all"]
    assert {p: [int(c) for c in cells] for p, cells in body.items()} == expected_counts


def test_report_verdict_counts_equal_the_audit_file(expected_counts):
    page = report.OUTPUT.read_text(encoding="utf-8")
    table = page[page.index("<th>paper</th>"):]
    table = table[:table.index("</table>")]
    header = re.findall(r"<th>([^<]*)</th>", table)
    assert header[1:] == VERDICT_ORDER + ["all"]
    for paper, counts in expected_counts.items():
        row = re.search(rf"<tr>\s*<td>{paper}</td>(.*?)</tr>", table, flags=re.S).group(1)
        assert [int(c) for c in re.findall(r"<td>(\d+)</td>", row)] == counts


def test_claim_total_and_papers_add_up():
    audited = _rows("claims_audit.csv")
    assert len(audited) == len(ledger.load_claims())
    readme = report.README.read_text(encoding="utf-8")
    assert f"holds {len(audited)} checkable statements" in readme


def test_the_evidence_file_counts_are_its_found_rows_and_its_empty_look_ups_in_both_editions():
    """Worked out here from claims_evidence.csv: the rows a verdict used (found) and, apart, the
    look-ups that found nothing; neither counted in the other."""
    rows = _rows("claims_evidence.csv")
    found, empty = sum(r["found"] == "True" for r in rows), sum(r["found"] == "False" for r in rows)
    assert found + empty == len(rows)
    assert f"lists them ({found} rows, with file, line, value, source and evidence level; and {empty} look-ups that found nothing)" \
        in report.OUTPUT.read_text(encoding="utf-8")
    assert f"逐条列出（{found} 行，含文件、行号、数值、来源和证据等级；此外，核查程序按指标、地区和年份查询了 {empty} 次，均未取得数据）" \
        in report.CHINESE.output(".html").read_text(encoding="utf-8")


def test_the_unverified_share_is_of_the_whole_ledger_in_the_readme_and_both_editions():
    """Worked out here from the audit file: unverified claims over all claims of the ledger (the
    sentence says "of the ledger"), one decimal, in the README and on both pages."""
    audited = _rows("claims_audit.csv")
    share = f"{100 * sum(r['verdict'] == 'unverified' for r in audited) / len(audited):.1f}"
    assert f"are {share} % of the ledger." in report.README.read_text(encoding="utf-8")
    assert f"Unverified claims are {share} % of the ledger" in report.OUTPUT.read_text(encoding="utf-8")
    assert f"无法核实的表述占台账的 {share}%" in report.CHINESE.output(".html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def headline() -> dict:
    [row] = [r for r in _rows("regression_results.csv") if r["headline"] == "True"]
    return row


def test_readme_and_report_quote_the_headline_regression_and_its_verdict(headline):
    slope, low, high, n, p_wild = (float(headline[k]) for k in ("coefficient", "ci_low", "ci_high", "n", "p_wild"))
    # the plan's rule (paper/analysis_plan.md), restated here: interval and bootstrap must agree
    verdict = "matches" if low > 0 and p_wild < 0.05 else "differs" if high < 0 and p_wild < 0.05 else "inconclusive"
    readme = report.README.read_text(encoding="utf-8")
    assert (f"slope {slope:.3f}, 95 % CI {low:.2f} to {high:.2f} (t, clusters less one), wild-bootstrap p = {p_wild:.3f}, "
            f"N = {n:.0f}") in readme
    assert f"verdict: **{verdict}**" in readme
    page = report.OUTPUT.read_text(encoding="utf-8")
    assert f"slope {slope:.3f} points" in page and f"interval {low:.3f} to {high:.3f}" in page
    assert f"wild-bootstrap p = {p_wild:.3f}" in page
    assert f"Verdict: <strong>{verdict}</strong>" in page


def test_the_headline_is_the_one_the_committed_plan_names(headline):
    """The plan names the headline by one level per axis of the grid; the committed headline row has
    the outcome, regressor, controls, effects and sample those levels declare (read here with yaml)."""
    import yaml

    plan = (data.paths.PAPER / "analysis_plan.md").read_text(encoding="utf-8")
    [line] = re.findall(r"^headline: (.+)$", plan, flags=re.MULTILINE)
    point = dict(pair.split("=") for pair in line.split(", "))
    axes = yaml.safe_load((data.paths.PAPER / "specification_grid.yaml").read_text(encoding="utf-8"))["axes"]
    assert headline["y"] == axes["outcome"][point["outcome"]]
    assert headline["x"] == axes["regressor"][point["regressor"]]["column"] + axes["lag"][point["lag"]]["suffix"]
    assert headline["controls"] == (" + ".join(axes["controls"][point["controls"]]) or "none")
    assert headline["fixed_effects"] == axes["fixed_effects"][point["fixed_effects"]]
    assert headline["sample"] == (axes["sample"][point["sample"]] or "all")
    assert int(headline["n"]) >= 300 and int(headline["n_regions"]) == 31


def test_the_readings_flip_count_equals_the_readings_file():
    """A claim flips when its readings do not all reach the same verdict: counted here from the
    verdict column itself, not from the flag the audit wrote."""
    readings = _rows("claims_readings.csv")
    verdicts: dict[str, set] = {}
    chosen = {r["claim_id"]: r["verdict"] for r in readings if r["chosen"] == "True"}
    for r in readings:
        verdicts.setdefault(r["claim_id"], set()).add(r["verdict"])
        assert (r["verdict_differs_from_chosen"] == "True") == (r["verdict"] != chosen[r["claim_id"]]), r
    flipping = sorted(c for c, found in verdicts.items() if len(found) > 1)
    readme = report.README.read_text(encoding="utf-8")
    assert f"{len(flipping)} of the {len(verdicts)} claims with logged readings" in readme
    assert f"reading: {', '.join(flipping)};" in readme
    # of them, those where another reading reaches another of the three verdicts that decide
    decided = ("matches", "differs", "inconclusive")
    swings = sorted(c for c, found in verdicts.items() if chosen[c] in decided and len(found & set(decided)) > 1)
    assert f"{len(swings)} of them between matches, differs and inconclusive ({', '.join(swings)})" in readme
    audited = {r["claim_id"]: r["verdict_changes_with_reading"] == "True" for r in _rows("claims_audit.csv")}
    assert sorted(c for c, flag in audited.items() if flag) == flipping


def test_text_from_data_files_is_escaped_in_the_report_and_the_readme(tmp_path, monkeypatch):
    sources = paths.SOURCES.read_text(encoding="utf-8").splitlines()
    header, first = sources[0], next(csv.reader([sources[1]]))
    columns = header.split(",")
    first[columns.index("title")] = "<script>alert(1)</script> | pipe"
    hostile = tmp_path / "sources.csv"
    with open(hostile, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerow(first)
        writer.writerows(csv.reader(sources[2:]))
    monkeypatch.setattr(paths, "SOURCES", hostile)
    readme = report.build_readme()
    # GitHub's reader: every character that could open markup is backslash-escaped (render_text, target gfm)
    assert "<script>" not in readme and "\\<script\\>alert(1)\\</script\\> \\| pipe" in readme


# ---- the central test's curve and power, recomputed from the committed CSVs with the csv module ------

def _curve_counts() -> dict[str, int]:
    """The curve's counts, by hand: distinct fits are estimable rows not marked as another's
    duplicate; significant means t and wild-bootstrap p both below 0.05."""
    rows = _rows("specification_curve.csv")
    estimable = [r for r in rows if r["estimable"] == "True"]
    distinct = [r for r in estimable if r["duplicate_of"] == ""]

    def significant(r, sign):
        return float(r["p_value"]) < 0.05 and float(r["p_wild"]) < 0.05 and sign * float(r["coefficient"]) > 0

    lagged = [r for r in distinct if r["lag"] == "previous_year"]
    return {"estimable": len(estimable), "distinct": len(distinct), "duplicates": len(estimable) - len(distinct),
            "positive": sum(significant(r, 1) for r in distinct), "negative": sum(significant(r, -1) for r in distinct),
            "ordering": len(lagged), "ordering_positive": sum(significant(r, 1) for r in lagged),
            "ordering_negative": sum(significant(r, -1) for r in lagged)}


def test_the_curve_counts_in_the_readme_and_both_editions_equal_the_curve_file():
    c = _curve_counts()
    assert c["duplicates"] > 0 and c["distinct"] < c["estimable"]
    readme = report.README.read_text(encoding="utf-8")
    assert (f"Across the {c['distinct']} distinct fits of the declared curve (`paper/specification_grid.yaml`; "
            f"{c['estimable']} estimable specifications, {c['duplicates']} of them repeating another's fit), "
            f"{c['positive']} slopes are significantly positive and {c['negative']} significantly negative by both tests "
            f"(t and wild bootstrap); on the {c['ordering']} that test the paper's ordering (the previous year's regressor), "
            f"{c['ordering_positive']} and {c['ordering_negative']}.") in readme
    english = re.sub(r"<[^>]+>", "", report.OUTPUT.read_text(encoding="utf-8"))
    assert f"leaving {c['distinct']} distinct fits" in english
    assert f"{c['positive']} are positive and {c['negative']} negative" in english
    assert (f"Only the {c['ordering']} fits on the previous year's regressor test the paper's ordering (digitalisation "
            f"first, growth after): of these, {c['ordering_positive']} are significantly positive and "
            f"{c['ordering_negative']} significantly negative") in english
    chinese = re.sub(r"<[^>]+>", "", report.CHINESE.output(".html").read_text(encoding="utf-8"))
    assert f"只计一次，剩下 {c['distinct']} 个不重复的回归" in chinese
    assert f"正的 {c['positive']} 个，负的 {c['negative']} 个" in chinese
    assert (f"只有解释变量取上一年值的 {c['ordering']} 个回归检验了论文所说的先后顺序（先数字化，后增长）：其中显著为正的 "
            f"{c['ordering_positive']} 个，显著为负的 {c['ordering_negative']} 个") in chinese


def test_the_joint_test_and_the_power_verdict_read_the_same_in_both_editions():
    """Known values printed in each edition's own words: the joint test's p-values, and the
    headline's and H0's informative verdict by the plan's 25 % rule, worked out here from the power file."""
    joint = {(r["subset"], r["statistic"]): r for r in _rows("specification_curve_joint.csv")}
    english = re.sub(r"<[^>]+>", "", report.OUTPUT.read_text(encoding="utf-8"))
    chinese = re.sub(r"<[^>]+>", "", report.CHINESE.output(".html").read_text(encoding="utf-8"))
    p_positive = float(joint[("all", "positive_significant")]["p"])
    p_negative = float(joint[("all", "negative_significant")]["p"])
    assert f"p = {p_positive:.3f} (positive) and p = {p_negative:.3f} (negative)" in english
    assert f"显著个数不少于实际值的比例（单侧）：正向 p = {p_positive:.3f}，负向 p = {p_negative:.3f}" in chinese
    beyond = (p_positive < 0.05, p_negative < 0.05)
    english_verdict = {(False, False): "more significant fits of neither sign than null curves commonly reach"}.get(beyond)
    chinese_verdict = {(False, False): "正负两个方向的显著回归个数都没有超出零假设曲线的常见范围"}.get(beyond)
    if english_verdict:  # the verdict words are held here for today's outcome
        assert f"So the whole curve shows {english_verdict};" in english
        assert f"就整条曲线而言，{chinese_verdict}；" in chinese
    power = {r["specification"].split()[0]: r for r in _rows("regression_power.csv")}
    for key, english_name, chinese_name in (("H", "the headline test is", "主设定的检验"),
                                            ("H0", "", "")):
        row = power[key]
        informative = float(row["mde_iqr_within"]) <= 0.25 * float(row["mean_growth"])
        if key == "H":
            assert f"{english_name} {'informative' if informative else 'not informative'}." in english
            # and on growth's own within-year spread, by the same quarter
            own = float(row["mde_iqr_within"]) <= 0.25 * float(row["growth_iqr_within"])
            assert (f"the same quarter would call the test {'informative' if own else 'not informative'}.") in english
            assert f"按同样的四分之一，检验{'功效充足' if own else '功效不足'}。" in chinese
            assert f"{chinese_name}{'功效充足' if informative else '功效不足'}" in chinese
        else:
            assert (f"{float(row['mde_share_of_mean_growth']):.0%} of mean growth: "
                    f"{'informative' if informative else 'not informative'}.") in english
            assert (f"即平均增长率的 {float(row['mde_share_of_mean_growth']):.0%}："
                    f"{'功效充足' if informative else '功效不足'}") in chinese


def test_the_curve_p_values_follow_from_coefficient_error_and_degrees_of_freedom():
    """Every estimable row's t(G−1) p-value from its own coefficient, standard error and degrees of
    freedom (SciPy), and its degrees of freedom from its clusters."""
    from scipy import stats

    rows = [r for r in _rows("specification_curve.csv") if r["estimable"] == "True"]
    coefficient, error, df, p = (np.array([float(r[c]) for r in rows]) for c in ("coefficient", "std_error", "df_inference",
                                                                                  "p_value"))
    coefficient = np.abs(coefficient)
    assert (df == np.array([int(r["n_regions"]) - 1 for r in rows])).all()
    # the file keeps six decimals: the t the rounded numbers allow lies between these two
    low, high = (coefficient - 5e-7) / (error + 5e-7), (coefficient + 5e-7) / (error - 5e-7)
    outside = (p < 2 * stats.t.sf(high, df) - 1e-6) | (p > 2 * stats.t.sf(np.maximum(low, 0), df) + 1e-6)
    assert len(rows) > 1000 and not outside.any(), [r["id"] for r, bad in zip(rows, outside) if bad]


# ---- the Chinese edition held by meaning: words written here, apart from the phrasebook and report.py ----

VERDICTS_IN_CHINESE = {"matches": "相符", "differs": "不符", "not comparable": "不可直接比较", "inconclusive": "无定论",
                       "unverified": "无法核实", "not a statistic": "非统计性表述"}
CLAIM_TABLE_HEADERS_IN_CHINESE = ["表述", "位置", "论文原文", "官方数值", "单位", "年份", "规则", "所用数据行", "解读", "各种变体下",
                                  "原因"]
# the claims table's parts, in order, and the ledger kinds each holds (written here, apart from the code)
CLAIM_PARTS_IN_CHINESE = [("论文给出的数字", "number"), ("关于数据的表述：比较，以及未给出数字的统计表述", "statement"),
                          ("非统计性表述", "other")]


def test_the_chinese_claims_table_files_every_claim_under_its_own_verdict_word():
    """On the Chinese page itself: the printed numbers, then the comparative statements, then the
    statements that are not statistics; in each, each verdict's group is headed by its Chinese word
    and count, its table has the Chinese headers in order, and holds exactly the claims the audit file
    gives that kind and verdict (read with the csv module). A Chinese word bound to the wrong verdict,
    or a claim filed in the wrong part, fails here."""
    page = report.CHINESE.output(".html").read_text(encoding="utf-8")
    rows = _rows("claims_audit.csv")
    part_starts = [page.index(f">{title}</h3>") for title, _ in CLAIM_PARTS_IN_CHINESE]
    assert part_starts == sorted(part_starts)
    ends = part_starts[1:] + [page.index("</table>", page.index("<table", part_starts[-1])) + 1]
    filed = []
    for (title, code), begin, finish in zip(CLAIM_PARTS_IN_CHINESE, part_starts, ends):
        part, mine = page[begin:finish], [r for r in rows if r["part"] == code]
        headings = {verdict: f"<p><strong>{word}</strong>（{sum(r['verdict'] == verdict for r in mine)} 条）</p>"
                    for verdict, word in VERDICTS_IN_CHINESE.items() if any(r["verdict"] == verdict for r in mine)}
        starts = sorted((part.index(heading), verdict) for verdict, heading in headings.items())
        for (start, verdict), (end, _) in zip(starts, starts[1:] + [(len(part), None)]):
            section = part[start:end]
            header = re.findall(r"<th>([^<]*)</th>", section.split("</thead>")[0])
            assert header == CLAIM_TABLE_HEADERS_IN_CHINESE, (title, verdict)
            listed = re.findall(r"<tr>\s*<td>([AB]\d{2})</td>", section)
            assert listed == [r["claim_id"] for r in mine if r["verdict"] == verdict], (title, verdict)
            filed += listed
    assert sorted(filed) == sorted(r["claim_id"] for r in rows)
    # the central claim, by name
    [b15] = [r for r in rows if r["claim_id"] == "B15"]
    assert f"判定：<strong>{VERDICTS_IN_CHINESE[b15['verdict']]}</strong>" in page


# Every table header of the Chinese edition, in page order, written here apart from report.py's words
# (the column of source ids is headed 来源编号; the ids stay as they are); the claims table repeats once per verdict group
CHINESE_HEADERS_BEFORE_CLAIMS = [
    ["论文", "相符", "不符", "不可直接比较", "无定论", "无法核实", "非统计性表述", "合计"],
    ["表述", "解读", "采用", "判定", "规则", "原因"],
    ["设定", "N", "系数", "单位", "95% 区间", "p 值", "聚类野自助法 p 值", "R²", "说明"],
    ["选择", "不重复的回归", "为正", "为负", "显著为正", "显著为负", "效应中位数（百分点）", "解释变量滞后一年"],
]
CHINESE_HEADERS_AFTER_CLAIMS = [
    ["用于", "来源编号", "证据等级", "数值个数", "为何没有第二份副本"],
    ["笔记本", "读取", "写出"],
    ["图", "图题", "类型", "笔记本", "文件"],
]


def test_every_table_header_of_the_chinese_edition_says_what_the_table_holds():
    page = report.CHINESE.output(".html").read_text(encoding="utf-8")
    headers = [re.findall(r"<th[^>]*>([^<]*)</th>", m) for m in re.findall(r"<thead>\s*<tr>(.*?)</tr>\s*</thead>", page, re.S)]
    groups = sum(len({r["verdict"] for r in _rows("claims_audit.csv") if r["part"] == code}) for _, code in CLAIM_PARTS_IN_CHINESE)
    assert headers == (CHINESE_HEADERS_BEFORE_CLAIMS + [CLAIM_TABLE_HEADERS_IN_CHINESE] * groups
                       + CHINESE_HEADERS_AFTER_CLAIMS)


def _claim_cells(page: str) -> dict[str, list[str]]:
    """Each claim row of a claims table on an HTML page: claim id → its cells' text."""
    cells = {}
    for claim, body in re.findall(r"<tr>\s*<td>([AB]\d{2})</td>(.*?)</tr>", page, flags=re.S):
        cells[claim] = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", body, flags=re.S)]
    return cells


NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w])")


def _numbers(text: str) -> list[str]:
    # "7 700" and "7700" are one number; a thousands space is the English edition's only grouping
    return sorted(NUMBER.findall(re.sub(r"(?<=\d),(?=\d{3}\b)", "", html.unescape(text))))


def test_each_chinese_cause_states_the_numbers_years_and_sources_of_the_english_one():
    """Claim by claim, on the two pages: every number (years included) and every source id of the
    English cause appears in the Chinese cause, as many times. A date shifted or a figure dropped in
    the Chinese wording fails here."""
    english = _claim_cells(report.ENGLISH.output(".html").read_text(encoding="utf-8"))
    chinese = _claim_cells(report.CHINESE.output(".html").read_text(encoding="utf-8"))
    with open(paths.SOURCES, encoding="utf-8", newline="") as handle:
        source_ids = {r["source_id"] for r in csv.DictReader(handle)}
    audited = {r["claim_id"]: r for r in _rows("claims_audit.csv")}
    assert english.keys() == chinese.keys() and len(english) == len(audited)
    wrong = {}
    for claim, cells in english.items():
        en, zh = cells[-1], chinese[claim][-1]
        # a number inside a measure's English name ("per 10 000 population", "aged 60 and over") is
        # part of the name, which the Chinese says in its own words (每万人口, 60 岁及以上)
        params = json.loads(audited[claim]["cause_params"] or "{}")
        names = " ".join(MEASURES[v].label for v in params.values() if isinstance(v, str) and v in MEASURES)
        stated = [n for n in _numbers(en) if n not in _numbers(names)]
        missing = [n for n in set(stated) if _numbers(zh).count(n) < stated.count(n)]
        missing += [s for s in source_ids if re.search(rf"\b{s}\b", en) and not re.search(rf"\b{s}\b", zh)]
        if missing:
            wrong[claim] = (missing, en, zh)
    assert not wrong, wrong


def test_the_joint_tests_observed_statistics_recomputed_from_the_curve_file():
    """Subset by subset, from the distinct estimable fits of specification_curve.csv (csv module,
    scipy's t and normal): the counts of fits significant at 5 % either way, the median effect and
    Stouffer's z = Σ Φ⁻¹(F_t(t_i; df_i)) / √k, against the observed column of the joint file."""
    from scipy import stats

    fits = [r for r in _rows("specification_curve.csv") if r["estimable"] == "True" and r["duplicate_of"] == ""]
    joint = {(r["subset"], r["statistic"]): r for r in _rows("specification_curve_joint.csv")}
    subsets = {"all": fits, "ordering": [r for r in fits if r["tests_ordering"] == "True"],
               "same_year": [r for r in fits if r["tests_ordering"] == "False"]}
    for subset, rows in subsets.items():
        t = np.array([float(r["coefficient"]) / float(r["std_error"]) for r in rows])
        df = np.array([float(r["df_inference"]) for r in rows])
        critical = stats.t.ppf(0.975, df)
        expected = {"positive_significant": (t > critical).sum(), "negative_significant": (t < -critical).sum(),
                    "median_effect_iqr": np.median([float(r["effect_iqr"]) for r in rows]),
                    "stouffer_z": stats.norm.ppf(stats.t.cdf(t, df)).sum() / np.sqrt(len(rows))}
        expected["any_significant"] = expected["positive_significant"] + expected["negative_significant"]
        assert int(joint[(subset, "stouffer_z")]["specifications"]) == len(rows)
        for statistic, value in expected.items():
            # the file keeps six decimals of each coefficient and error: z agrees to about 1e-3
            assert float(joint[(subset, statistic)]["observed"]) == pytest.approx(value, abs=2e-3), (subset, statistic)


def test_what_the_headline_interval_excludes_is_said_as_the_power_file_has_it_in_both_editions():
    """The headline's power row (csv module) decides each phrase; the words are typed here, apart from
    report.py: a Chinese or English word bound to the opposite value fails."""
    [row] = [r for r in _rows("regression_power.csv") if r["specification"].startswith("H ")]
    english = report.ENGLISH.output(".html").read_text(encoding="utf-8")
    chinese = report.CHINESE.output(".html").read_text(encoding="utf-8")
    en = {"True": "excludes", "False": "does not exclude"}
    zh = {"True": "排除了", "False": "未能排除"}
    informative_zh = {"True": "功效充足", "False": "功效不足"}
    assert f"the interval {en[row['excludes_threshold']]} an effect of that size" in english
    assert f"interval, so converted, {en[row['excludes_threshold_pooled']]} the threshold" in english
    assert f"区间也{zh[row['excludes_threshold']]}这么大的效应" in chinese
    assert f"区间也{zh[row['excludes_threshold_pooled']]}标准大小的效应" in chinese
    assert f"检验<strong>{informative_zh[row['informative']]}</strong>" in chinese
    assert f"检验<strong>{informative_zh[row['informative_pooled']]}</strong>" in chinese


# ---- no program identifier reaches a Chinese reader ----------------------------------------------
# (a native reader found `de_share_caict`, `employed_persons` and 46 more in the Chinese tables)

def _source_ids() -> set[str]:
    import csv
    with open(paths.ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as handle:
        return {row["source_id"] for row in csv.DictReader(handle)}


# ASCII classes: a Chinese character is a word character to `\w` and `\b`, so `的gdp_current合计` would hide
_PATH = re.compile(r"[A-Za-z0-9_.\-]*/[A-Za-z0-9_.\-/]*|[A-Za-z0-9_\-]+\.(?:csv|md|ipynb|svg|png|py|json|yaml|pdf|html|txt)"
                   r"(?![A-Za-z0-9])")
_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![A-Za-z0-9_])")


def _identifiers(text: str) -> set[str]:
    """snake_case words a reader sees, outside file paths and repository names."""
    return set(_IDENTIFIER.findall(_PATH.sub(" ", text)))


def _chinese_html_text_and_code() -> tuple[str, str]:
    page = report.CHINESE.output(".html").read_text(encoding="utf-8")
    body = page[page.index("<body>"):]
    code = " ".join(re.findall(r"<code>(.*?)</code>", body, flags=re.S))
    return re.sub(r"<[^>]+>", " ", re.sub(r"<code>.*?</code>", " ", body, flags=re.S)), code


def test_no_program_identifier_reaches_a_chinese_reader_outside_code_and_source_ids():
    """Both Chinese hand-outs: outside code spans, file paths and source ids (which the page says stay
    as they are, with the column name `source_id`), no snake_case word. The PDF cannot tell code from
    text, so there the words of the HTML's code spans are allowed too."""
    from compendium import pdf_layout

    allowed = _source_ids() | {"source_id"}
    text, code = _chinese_html_text_and_code()
    assert _identifiers(text) - allowed == set()
    pdf_words, _ = pdf_layout.words(report.CHINESE.output(".pdf").read_bytes())
    pdf_text = " ".join(w.text for w in pdf_words)
    assert _identifiers(pdf_text) - allowed - _identifiers(code) == set()


def test_the_identifier_check_sees_a_measure_id_planted_in_a_chinese_cell():
    text, _ = _chinese_html_text_and_code()
    planted = text.replace("GDP（现价）", "gdp_current", 1)
    assert planted != text and _identifiers(planted) - _source_ids() - {"source_id"} == {"gdp_current"}
