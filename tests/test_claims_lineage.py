"""Every verdict traced to its rows, causes computed from the data, readings chosen in one place.

Expectations here are worked out from the raw files with the csv module (no code shared with the
audit), from hand-made data, or by running the build in a copy of the tree.
"""
import csv
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from compendium import audit, data, ledger, lineage, paths, regions
from compendium.schema import COMPONENTS, OBSERVATION_FILES

ROOT = paths.ROOT


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def raw_by_line():
    """(file, line) -> the raw row, read with the csv module."""
    rows = {}
    for file in OBSERVATION_FILES.values():
        for number, row in enumerate(_csv(paths.RAW / file), start=2):
            rows[(f"data/raw/{file}", number)] = row
    return rows


@pytest.fixture(scope="module")
def audited():
    return {r["claim_id"]: r for r in _csv(paths.DATA / "derived" / "claims_audit.csv")}


@pytest.fixture(scope="module")
def evidence():
    return _csv(paths.DATA / "derived" / "claims_evidence.csv")


def test_every_cited_evidence_row_is_the_raw_row_at_that_file_and_line(evidence, raw_by_line):
    cited = [e for e in evidence if e["found"] == "True" and e["file"].startswith("data/raw/")]
    assert cited
    for e in cited:
        raw = raw_by_line[(e["file"], int(e["line"]))]
        assert (raw["region"], raw["year"], raw["measure"], raw["vintage"], raw["source_id"]) == \
            (e["region"], e["year"], e["measure"], e["vintage"], e["source_id"]), e
        assert float(raw["value"]) == pytest.approx(float(e["value"]), rel=1e-9), e


def test_every_judged_verdict_rests_on_at_least_one_row_and_cites_its_sources(evidence, audited):
    rows = Counter(e["claim_id"] for e in evidence if e["found"] == "True")
    sources = {}
    for e in evidence:
        if e["found"] == "True" and e["file"].startswith("data/raw/"):
            sources.setdefault(e["claim_id"], set()).add(e["source_id"])
    for claim, row in audited.items():
        if row["verdict"] in (audit.MATCHES, audit.DIFFERS, audit.NOT_COMPARABLE):
            assert rows[claim] >= 1, claim
        if "/" not in row["source_id"]:  # the regression's verdict cites its derived file
            # every source of every row the rule looked at, and no other: not a subset
            assert set(filter(None, row["source_id"].split(";"))) == sources.get(claim, set()), claim


def test_a_measure_or_region_said_not_collected_was_looked_up_and_logged_as_not_found(evidence, audited):
    """*Unverified* means searched and not found: a claim whose cause says a measure (or a region of
    it) is not in data/ has, in the evidence file, a look-up of that measure (and region) that found
    nothing. Dropping the empty look-ups from the file fails here."""
    import json

    empty = [e for e in evidence if e["found"] == "False"]
    said = [(claim, json.loads(row["cause_params"])) for claim, row in audited.items()
            if row["cause_code"] in ("measure_not_collected", "region_not_collected")]
    assert len(said) >= 5
    for claim, params in said:
        looked = [e for e in empty if e["claim_id"] == claim and params["measure"] in e["query_measure"].split("|")]
        if "region" in params:
            looked = [e for e in looked if params["region"] in e["query_region"].split("|")]
        assert looked, (claim, params)
    # and every unverified claim was searched: at least one look-up of it is in the file, except
    # where the paper names no region at all (nothing to look up; the cause says so)
    searched = {e["claim_id"] for e in evidence}
    assert [c for c, row in audited.items() if row["verdict"] == audit.UNVERIFIED and c not in searched
            and row["cause_code"] != "no_region"] == []


def _needs_are_in_data(claim: dict, raw_rows: list[dict]) -> bool:
    """Independently of the audit: does data/raw hold the claim's own measure for every region it
    names, in its year (or the published components of that measure)?"""
    measure = claim["measure"].split("|")[0]
    if not measure or not claim["region"] or not claim["ref_year"]:
        return False
    names = list(regions.PROVINCES) if claim["region"] == regions.ALL_PROVINCES else claim["region"].split("|")
    held = {(r["measure"], r["region"]) for r in raw_rows if r["year"] == claim["ref_year"]}
    if all((measure, n) in held for n in names):
        return True
    parts = COMPONENTS.get(measure, ())
    return bool(parts) and all((p, n) in held for p in parts for n in names)


def _offenders(claims: list[dict], verdicts: dict[str, str], raw_rows: list[dict]) -> list[str]:
    return [c["claim_id"] for c in claims
            if verdicts[c["claim_id"]] in (audit.UNVERIFIED, audit.NOT_COMPARABLE)
            and c["check"] in ("lookup", "none") and _needs_are_in_data(c, raw_rows)]


@pytest.fixture(scope="module")
def raw_rows():
    return [row for file in OBSERVATION_FILES.values() for row in _csv(paths.RAW / file)]


def test_no_claim_is_unverified_or_not_comparable_while_data_holds_what_its_check_needs(audited, raw_rows):
    claims = _csv(paths.DATA / "claims.csv")
    assert _offenders(claims, {k: v["verdict"] for k, v in audited.items()}, raw_rows) == []


def test_the_cause_check_fails_on_a_planted_claim_whose_data_are_present(raw_rows):
    """A claim that names no rule (check `none`) although data/raw holds its measure, region and
    year: the audit can only call it unverified, and the check above must flag it."""
    planted = {"claim_id": "A99", "paper": "A", "location": "planted", "printed": "39.2万亿元", "value": "39.2",
               "unit": "万亿元", "comparator": "=", "ref_year": "2020", "start_year": "", "region": "China",
               "measure": "de_scale_caict", "vintage": "", "kind": "statistic", "check": "none",
               "what": "planted", "cited_source": "", "note": ""}
    verdict = audit.audit_claim(pd.Series(planted | {"region": "China", "ref_year": 2020}), data.load_all_observations(),
                                pd.DataFrame())
    assert verdict.verdict == audit.UNVERIFIED and verdict.why.code == "no_rule"
    assert _offenders([planted], {"A99": verdict.verdict}, raw_rows) == ["A99"]


def _copy_tree(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", ".tools", ".build", "__pycache__",
                                                              "*.egg-info"))
    for cache in CONTENT_KEYED_CACHES:  # keyed by what they were made from: a copy may reuse them
        if (ROOT / cache).is_dir():
            shutil.copytree(ROOT / cache, copy / cache)
    return copy


CONTENT_KEYED_CACHES = (".build/font-subsets", ".build/jieba-cuts", ".build/validated")


def test_verify_names_the_claims_whose_rows_a_one_cell_edit_of_gdp_changes(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW, raw)
    assert lineage.changed_claims(raw_dir=raw) == {}
    gdp = raw / "gdp.csv"
    rows = list(csv.reader(gdp.open(encoding="utf-8", newline="")))
    header = rows[0]
    target = next(i for i, r in enumerate(rows) if r[:4] == ["Shenzhen", "2023", "gdp_real_growth", "first_release"])
    rows[target][header.index("value")] = "6.1"  # was 6.0
    with gdp.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    touched = set(lineage.changed_claims(raw_dir=raw))
    # worked out from the ledger: the claims on the three regions' first-release growth 2019–2023
    # (figures 3–6) that compare Shenzhen (all three regions, or Shenzhen named), under their chosen
    # readings; nothing else reads Shenzhen's growth (B29 sets Anhui against Guizhou alone)
    statement_claims = {c["claim_id"] for c in _csv(paths.DATA / "claims.csv") if c["check"] in audit.STATEMENT_CHECKS
                        and (c["against"] in ("", "rest") or "Shenzhen" in [c["region"], *c["against"].split("|")])}
    assert "B29" not in statement_claims
    assert touched == statement_claims
    assert {"B09", "B11", "B14", "B31"} <= touched


def test_make_verify_prints_the_claims_an_edit_touches(tmp_path):
    copy = _copy_tree(tmp_path)
    gdp = copy / "data/raw/gdp.csv"
    text = gdp.read_text(encoding="utf-8")
    gdp.write_text(text.replace("Guizhou,2021,gdp_real_growth,first_release,8.1,", "Guizhou,2021,gdp_real_growth,first_release,8.2,", 1),
                   encoding="utf-8")
    assert gdp.read_text(encoding="utf-8") != text
    result = subprocess.run([sys.executable, "-m", "compendium.build", "--verify"], cwd=copy, capture_output=True,
                            text=True, env=dict(os.environ, PYTHONPATH=str(copy)))
    assert result.returncode == 1
    assert "claim B13" in result.stdout and "EVIDENCE CHANGED" in result.stdout
    assert "the evidence of" in result.stdout.splitlines()[-1]


@pytest.mark.tree_copy
def test_flipping_one_chosen_flag_changes_the_verdict_the_counts_and_both_editions(tmp_path):
    """A reviewer who prefers A08's other reading (约 as ±5 %) flips two cells of one column and
    runs `make`: the verdict, the README's counts and both editions follow."""
    copy = _copy_tree(tmp_path)
    readings = copy / "data/readings.csv"
    text = readings.read_text(encoding="utf-8")
    text = text.replace("A08,a,yes,", "A08,a,no,", 1).replace("A08,b,no,", "A08,b,yes,", 1)
    readings.write_text(text, encoding="utf-8")
    before = {p: (copy / p).read_bytes() for p in ("README.md", "paper/report.html", "paper/report.zh.html")}
    env = dict(os.environ, PYTHONPATH=str(copy))
    built = subprocess.run([sys.executable, "-m", "compendium.build"], cwd=copy, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    audited = {r["claim_id"]: r for r in _csv(copy / "data/derived/claims_audit.csv")}
    # by hand: 47412 / 18931 = 2.5044, within 5 % of 2.56 (2.432 to 2.688): matches under reading b
    assert 2.56 * 0.95 <= 47412 / 18931 <= 2.56 * 1.05
    assert (audited["A08"]["verdict"], audited["A08"]["reading_id"]) == (audit.MATCHES, "b")
    counts = Counter(r["verdict"] for r in audited.values() if r["paper"] == "A")
    readme = (copy / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| A | "))
    assert row.split(" | ")[1:3] == [str(counts[audit.MATCHES]), str(counts[audit.DIFFERS])]
    for page in ("README.md", "paper/report.html", "paper/report.zh.html"):
        assert (copy / page).read_bytes() != before[page], page
    # the chosen reading is shown, in each edition's language
    assert "约 read loosely as roughly" in (copy / "paper/report.html").read_text(encoding="utf-8")
    assert "“约”宽松地解读为大致" in (copy / "paper/report.zh.html").read_text(encoding="utf-8")


def test_the_coverage_map_places_every_claim_and_its_counts_reach_the_report():
    coverage = ledger.load_coverage()
    placed = {i for cell in coverage["claim_ids"] for i in cell.split(";") if i}
    assert placed == set(ledger.load_claims()["claim_id"])
    summary = {r["paper"]: r for r in _csv(paths.DATA / "derived" / "claims_coverage.csv")}
    for paper in ("A", "B"):
        listed = coverage[coverage["paper"] == paper]
        assert int(summary[paper]["lines"]) == len(listed)
        assert int(summary[paper]["holds claims"]) == int((listed["claim_ids"] != "").sum())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(coverage[coverage['paper'] == 'A'])} lines of Paper A" in readme


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace(",A01;A02;A03,", ",A01;A02;A98,", 1), "claim_ids are claims of data/claims.csv"),
    (lambda t: "\n".join(line for line in t.splitlines() if ",B65" not in line and "B38;B65" not in line) + "\n",
     r"claim\(s\) B38, B65 of data/claims.csv are on no line"),
    (lambda t: t.replace(",heading\n", ",unimportant\n", 1), "reason is empty or one of"),
])
def test_a_broken_coverage_map_names_file_row_and_rule(tmp_path, edit, message):
    path = tmp_path / "coverage.csv"
    path.write_text(edit(ledger.COVERAGE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(data.DataError, match=message):
        ledger.load_coverage(path)


def test_searches_log_validates_and_names_file_row_and_rule(tmp_path):
    assert len(ledger.load_searches()) >= 2
    path = tmp_path / "searches.csv"
    path.write_text(ledger.SEARCHES.read_text(encoding="utf-8").replace(",publisher,", ",rumour,", 1), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"row 1 \(file line 2\), column kind: rule 'kind is one of"):
        ledger.load_searches(path)


def test_a_rule_reads_the_data_only_through_the_logged_look_up():
    """Read from the rules' source: a family module never reaches the observations' frame, never makes
    a fresh (unlogged) `Observations`, and uses its raw `observations` argument only to wrap it. A
    look-up made around the log would leave its rows out of what the verdict cites (B54's GDP rows and
    B36/B37's population rows were once lost this way, every verdict unchanged)."""
    import ast

    for path in sorted((paths.ROOT / "compendium" / "rules").glob("*.py")):
        if path.name in ("__init__.py", "base.py"):  # the dispatcher and the log itself
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Attribute) and node.attr == "frame"), (path.name, node.lineno)
            assert not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Observations"), (path.name, node.lineno)
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            uses = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == "observations"]
            wraps = [n for n in ast.walk(function) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "as_observations"
                     and [a.id for a in n.args if isinstance(a, ast.Name)] == ["observations"]]
            assert len(uses) == len(wraps), (path.name, function.name)


def test_every_line_the_marker_scan_finds_is_placed_in_the_coverage_map():
    """data/coverage_markers.csv (the scan of both papers for comparative and superlative markers,
    run by hand: `python -m compendium.markers ../shared/papers`) lists line numbers and markers only;
    each candidate line must be in data/coverage.csv, holding claims or naming why it holds none."""
    with open(paths.DATA / "coverage_markers.csv", encoding="utf-8", newline="") as handle:
        candidates = [(r["paper"], int(r["line"])) for r in csv.DictReader(handle)]
    placed = {(r["paper"], int(r["line"])) for r in _csv(paths.DATA / "coverage.csv")}
    assert len(candidates) > 150
    assert [c for c in candidates if c not in placed] == []


def test_the_marker_scan_sees_a_line_the_map_does_not_place(tmp_path):
    """The scan, on a planted paper: a new comparative line is a candidate the map must place."""
    from compendium import markers
    for paper, name in markers.PAPERS.items():
        (tmp_path / name).write_text("一、问题提出\n\n数字经济规模大幅增长\n", encoding="utf-8")
    rows = markers.scan(tmp_path)
    assert rows == [{"paper": "A", "line": 3, "markers": "大幅|增长"}, {"paper": "B", "line": 3, "markers": "大幅|增长"}]


def test_the_marker_file_copies_no_sentence_of_the_papers():
    with open(paths.DATA / "coverage_markers.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    from compendium import markers
    assert all(set(r["markers"].split("|")) <= set(markers.MARKERS) for r in rows)
