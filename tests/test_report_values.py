"""The report's computed values, recomputed here with the csv module and hand formulas.

`compendium/values/` counts and summarises the derived files at the end of each notebook, and the
report binds what it wrote into both editions and the README; a count taken another way (a population instead of a sample standard
deviation, every row instead of the estimated ones) would be bound, rendered and committed with
nothing to contradict it but these expectations. Each is worked out from the files themselves.
"""
from __future__ import annotations

import csv
import statistics

import pytest

from compendium import paths, report

ALPHA = 0.05  # the analysis plan's level (paper/analysis_plan.md)
VERDICT_KEYS = {"matches": "matches", "differs": "differs", "not comparable": "not_comparable",
                "inconclusive": "inconclusive", "unverified": "unverified", "not a statistic": "not_a_statistic"}


def _rows(name: str, folder=paths.DATA / "derived") -> list[dict]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def values() -> dict:
    return report.bindings()


def test_the_claim_counts_per_paper_and_verdict(values):
    audited = _rows("claims_audit.csv")
    assert values["claims.total"] == len(audited)
    for paper in ("A", "B"):
        assert values[f"claims.{paper}.total"] == sum(r["paper"] == paper for r in audited)
        for verdict, key in VERDICT_KEYS.items():
            assert values[f"claims.{paper}.{key}"] == sum(r["paper"] == paper and r["verdict"] == verdict for r in audited)


def test_the_regression_table_counts_estimated_and_significant_rows(values):
    """Estimated: a row with a coefficient (a refused specification has none). Significant: p below
    the plan's level on the slope's side; 'with the wild bootstrap': its wild p below it too."""
    results = _rows("regression_results.csv")
    estimated = [r for r in results if r["coefficient"] != ""]
    assert len(estimated) < len(results)  # one refusal at least, so that the two ways differ
    assert values["regression.estimated"] == len(estimated)
    for sign, key in ((1, "positive"), (-1, "negative")):
        significant = [r for r in estimated if sign * float(r["coefficient"]) > 0 and float(r["p_value"]) < ALPHA]
        wild = [r for r in significant if r["p_wild"] != "" and float(r["p_wild"]) < ALPHA]
        assert values[f"regression.{key}_significant"] == len(significant)
        assert values[f"regression.{key}_significant_wild"] == len(wild)
        assert values[f"regression.{key}_significant_list"] == ("; ".join(r["specification"] for r in significant) or "none")


def test_the_per_year_cross_sections_counted_by_sign_and_level(values):
    per_year = [r for r in _rows("regression_robustness.csv") if r["check"] == "per-year cross-section"]
    assert values["per_year.count"] == len(per_year)
    assert values["per_year.positive_significant"] == sum(float(r["coefficient"]) > 0 and float(r["p_value"]) < ALPHA
                                                           for r in per_year)
    assert values["per_year.negative_significant"] == sum(float(r["coefficient"]) < 0 and float(r["p_value"]) < ALPHA
                                                           for r in per_year)
    assert values["per_year.expected_by_chance"] == pytest.approx(len(per_year) * ALPHA)


def test_the_growth_mean_and_sample_standard_deviation_of_the_three_regions(values):
    """From data/raw/gdp.csv, first-release real growth 2019–2023; the sample standard deviation
    (n − 1), as the volatility rules use it (B11–B14)."""
    with open(paths.RAW / "gdp.csv", encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    for region in ("Shenzhen", "Anhui", "Guizhou"):
        growth = [float(r["value"]) for r in raw if (r["region"], r["measure"], r["vintage"]) ==
                  (region, "gdp_real_growth", "first_release") and 2019 <= int(r["year"]) <= 2023]
        assert len(growth) == 5
        assert values[f"growth.{region}.mean"] == pytest.approx(statistics.mean(growth))
        assert values[f"growth.{region}.std"] == pytest.approx(statistics.stdev(growth))


def test_the_panel_counts(values):
    panel = _rows("regression_panel.csv")
    shares = [r for r in panel if (r["share_local"] or r["share_caict"]) and r["growth"]]
    assert values["panel.share_obs"] == len(shares)
    assert values["panel.share_provinces"] == len({r["region"] for r in shares})
    assert values["panel.province_years"] == len(panel)
    assert (values["panel.first_year"], values["panel.last_year"]) == (min(int(r["year"]) for r in panel),
                                                                         max(int(r["year"]) for r in panel))


def test_the_coverage_map_counts(values):
    with open(paths.DATA / "coverage.csv", encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    for paper in ("A", "B"):
        mine = [r for r in lines if r["paper"] == paper]
        assert values[f"map.{paper}.lines"] == len(mine)
        assert values[f"map.{paper}.claims"] == sum(r["claim_ids"] != "" for r in mine)
        assert values[f"map.{paper}.excused"] == sum(r["claim_ids"] == "" for r in mine)
    assert values["map.lines"] == len(lines)


def test_the_register_counts(values):
    register = _rows("sources.csv", paths.DATA)
    assert values["sources.total"] == len(register)
    assert values["sources.page_seen"] == sum(r["publisher_page_seen"] == "yes" for r in register)
    assert values["sources.page_quoted"] == sum(r["publisher_page_seen"] == "quoted" for r in register)
    assert values["sources.page_not_found"] == sum(r["url"] == "" for r in register)
    assert values["searches.rows"] == len(_rows("searches.csv", paths.DATA))


def test_the_evidence_counts_of_all_values_of_the_inputs_and_of_the_headline(values):
    """From evidence_levels.csv ('all files' row) and evidence_of_inputs.csv: shares are of input
    values (rows), not of (use, source) groups."""
    levels = {r["file"]: r for r in _rows("evidence_levels.csv")}["all files"]
    for level, key in (("official", "official"), ("press", "press"), ("corroborated", "corroborated"),
                       ("single secondary copy", "single")):
        assert values[f"evidence.all.{key}"] == int(levels[level])
    assert values["evidence.all.total"] == sum(int(levels[k]) for k in ("official", "press", "corroborated", "single secondary copy"))
    inputs = _rows("evidence_of_inputs.csv")
    assert values["evidence.inputs.total"] == sum(int(r["rows"]) for r in inputs)
    assert values["evidence.inputs.accepted"] == sum(int(r["rows"]) for r in inputs if r["evidence"] != "single secondary copy")
    headline = [r for r in inputs if r["use"] == "headline regression"]
    total = sum(int(r["rows"]) for r in headline)
    single = sum(int(r["rows"]) for r in headline if r["evidence"] == "single secondary copy")
    assert values["evidence.headline.total"] == total
    assert values["evidence.headline.single_share"] == pytest.approx(single / total)
    groups = sum(r["evidence"] == "single secondary copy" for r in headline) / len(headline)
    assert abs(groups - single / total) > 0.01  # the two ways differ in these data, so the test can tell them apart


def test_the_readings_coverage_and_robustness_summaries(values):
    readings = _rows("claims_readings.csv")
    assert values["readings.claims"] == len({r["claim_id"] for r in readings})
    flipping = sorted({r["claim_id"] for r in readings if r["verdict_differs_from_chosen"] == "True"})
    assert values["readings.flipping"] == len(flipping) and values["readings.flipping_list"] == ", ".join(flipping)
    coverage = _rows("data_coverage.csv")
    assert values["coverage.cells"] == len(coverage)
    assert values["coverage.with_share"] == sum(r["share_definitions"] != "" for r in coverage)
    robustness = _rows("regression_robustness.csv")
    for check in {r["check"] for r in robustness}:
        slopes = [float(r["coefficient"]) for r in robustness if r["check"] == check and r["coefficient"] != ""]
        key = check.replace(" ", "_").replace("-", "_")
        assert (values[f"robustness.{key}.min"], values[f"robustness.{key}.max"]) == (pytest.approx(min(slopes)),
                                                                                        pytest.approx(max(slopes)))


def test_the_sign_and_zero_words_of_the_h0_h1_and_headline_intervals(values):
    results = {r["specification"].split()[0]: r for r in _rows("regression_results.csv")}
    results["headline"] = next(r for r in results.values() if r["headline"] == "True")
    for key in ("H0", "H1", "headline"):
        low, high = float(results[key]["ci_low"]), float(results[key]["ci_high"])
        assert values[f"regression.{key}.interval_zero"] == ("covers zero" if low <= 0 <= high else "excludes zero")
    same = (float(results["H0"]["coefficient"]) > 0) == (float(results["H1"]["coefficient"]) > 0)
    assert values["regression.H0_H1_sign"] == ("keeps its sign" if same else "changes sign")


def test_the_index_spreads_in_index_points_and_the_structural_years(values):
    """The panel holds the PKU index per 100 of its points: a spread of 0.28 there is 28 index points
    (raw PKU-DFIIC points, as the analysis plan states the scale). The structural rows H14/H15 cover the
    panel years with every structural control present, each the previous year's value."""
    headline = next(r for r in _rows("regression_power.csv") if r["x"].startswith("pku") and
                    r["specification"] == values["regression.headline.name"])
    for column in ("iqr_within", "iqr_residual"):
        assert values[f"power.headline.{column}_points"] == pytest.approx(100 * float(headline[column]))
    panel = _rows("regression_panel.csv")
    years = [int(r["year"]) for r in panel
             if all(r[c] != "" for c in ("urbanisation_lag", "secondary_share_2021_lag", "investment_rate_lag"))]
    assert (values["panel.structural_first_year"], values["panel.structural_last_year"]) == (min(years), max(years))
    assert (values["panel.structural_data_first_year"], values["panel.structural_data_last_year"]) == (min(years) - 1,
                                                                                                     max(years) - 1)


def test_the_per_year_slopes_named_as_significant(values):
    per_year = [r for r in _rows("regression_robustness.csv") if r["check"] == "per-year cross-section"]
    named = [[int(float(r["key"])), pytest.approx(float(r["coefficient"]))] for r in per_year if float(r["p_value"]) < ALPHA]
    assert values["per_year.significant"] == named


def test_the_joint_tests_p_is_the_share_of_null_draws_at_least_as_extreme():
    """The plan and Simonsohn, Simmons & Nelson define p as the share of null draws at least as
    extreme as the observed curve: k/B from the file's own counts (not (k+1)/(B+1))."""
    for row in _rows("specification_curve_joint.csv"):
        k, draws = int(row["null_draws_as_extreme"]), int(row["draws"])
        assert float(row["p"]) == pytest.approx(k / draws, abs=5e-7), (row["subset"], row["statistic"])


def test_each_claims_evidence_cell_counts_its_rows_and_all_its_sources():
    """On the English page, a claim's evidence cell says how many rows of data/ the verdict rests on
    and, where it names more sources than it lists, how many: both from claims_evidence.csv."""
    import re
    from collections import defaultdict

    rows, sources = defaultdict(int), defaultdict(set)
    for r in _rows("claims_evidence.csv"):
        if r["found"] == "True":
            rows[r["claim_id"]] += 1
            if r["source_id"] != "derived":
                sources[r["claim_id"]].add(r["source_id"])
    page = report.OUTPUT.read_text(encoding="utf-8")
    checked = 0
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        claim = re.match(r"\s*<td>([AB]\d{2})</td>", row)
        cell = re.search(r"<td>(\d+) rows?(?:, (\d+) sources)?:", row)
        if not claim or not cell:
            continue
        claim, count, listed = claim.group(1), cell.group(1), cell.group(2)
        assert int(count) == rows[claim], claim
        if len(sources[claim]) > 3:
            assert listed and int(listed) == len(sources[claim]), claim
        checked += 1
    assert checked >= 60


def test_the_readmes_source_table_counts_the_raw_rows_citing_each_source():
    """The 'rows' column of the README's source table: rows of data/raw/*.csv citing the source
    (counted here with the csv module), summing to every raw row."""
    from collections import Counter

    cited = Counter()
    for path in sorted(paths.RAW.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            cited.update(r["source_id"] for r in csv.DictReader(handle))
    lines = report.README.read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("| source_id | publisher |")))
    shown = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        shown[cells[0].replace("\\_", "_")] = int(cells[5])
    assert shown == {source: cited.get(source, 0) for source in shown}
    assert sum(shown.values()) == sum(cited.values())
