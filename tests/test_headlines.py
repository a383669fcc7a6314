"""The README's and the report's headline numbers, recomputed here from the derived files.

The renderer's bindings are not used: counts come from `claims_audit.csv` read with the csv
module, the headline regression from `regression_results.csv`, and the text is searched for them.
A renderer that swapped two counts, or a regression that lost its clustering, fails here even
when everything was rebuilt consistently.
"""
from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from compendium import data, paths, report

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
    assert len(audited) == len(data.load_claims())
    readme = report.README.read_text(encoding="utf-8")
    assert f"holds {len(audited)} checkable statements" in readme


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
    assert f"reading: {', '.join(flipping)}." in readme
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
