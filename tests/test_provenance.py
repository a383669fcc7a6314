"""What a data editor checks: every citation opens, precision is the publisher's, corroboration is
real, and the evidence counts the README prints are the counts of the raw files.

Expectations are computed here from the raw files with this file's own logic, not with the
helpers under test.
"""
import csv
import io
import re
from collections import Counter
from urllib.parse import urlparse

import pandas as pd
import pytest

from compendium import data, paths, report, schema


def _sources() -> list[dict]:
    with open(paths.SOURCES, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _observations() -> list[dict]:
    rows = []
    for name in data.OBSERVATION_FILES.values():
        with open(paths.RAW / name, encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


# ---- citations -----------------------------------------------------------------------------

def test_every_citation_is_an_address_that_names_a_page():
    for source in _sources():
        for column in ("url", "seen_at"):
            if column == "url" and source["url"] == "":  # the publisher's page not found: title and date identify it
                assert source["publisher_page_seen"] == "no" and source["title"] and source["issued"], source["source_id"]
                continue
            parts = urlparse(source[column])
            assert parts.scheme in ("http", "https") and parts.netloc, (source["source_id"], column)
            assert parts.path.strip("/"), f"{source['source_id']}: {column} is a bare homepage"
            assert "search-index" not in source[column] and " " not in source[column], source["source_id"]


def test_repository_copies_are_cited_at_a_commit():
    for source in _sources():
        if source["seen_at"].startswith("https://github.com/") and ("/blob/" in source["seen_at"] or "/tree/" in source["seen_at"]):
            assert re.search(r"/(blob|tree)/[0-9a-f]{40}/", source["seen_at"]), source["source_id"]


def _write_sources(tmp_path, mutate):
    rows = _sources()
    mutate(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "sources.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(("column", "bad"), [("seen_at", "search-index file id 123456"),
                                             ("url", "https://www.stats.gov.cn/"),
                                             ("seen_at", "http://example.org")])
def test_an_unresolvable_citation_is_refused_with_file_row_and_rule(tmp_path, monkeypatch, column, bad):
    def damage(rows):
        rows[4][column] = bad
    monkeypatch.setattr(paths, "SOURCES", _write_sources(tmp_path, damage))
    with pytest.raises(data.DataError, match=rf"sources\.csv, row 5 \(file line 6\), column {column}: rule '{column} is a page a reader can open"):
        data.load_sources()


# ---- precision -----------------------------------------------------------------------------

def _declared(cell: str) -> dict:
    """The decimals cell read independently of the loader: {measure or "": (at most?, places)}."""
    out = {}
    for item in filter(None, cell.split(";")):
        measure, _, spec = item.rpartition(":")
        out[measure] = (spec.startswith("<="), int(spec.removeprefix("<=")))
    return out


def test_every_row_carries_the_decimals_its_source_declares():
    declared = {s["source_id"]: _declared(s["decimals"]) for s in _sources() if s["decimals"]}
    assert {"nbs_final_provincial", "nbs_gdp_census", "nbs_growth_index_census"} <= set(declared)
    assert declared["nbs_population_2021db"] == {"urbanisation_rate": (False, 2), "population": (True, 2)}
    for row in _observations():
        rules = declared.get(row["source_id"], {})
        rule = rules.get(row["measure"], rules.get(""))
        if rule:
            places = len(row["value"].split(".")[1]) if "." in row["value"] else 0
            assert (places <= rule[1]) if rule[0] else (places == rule[1]), row


def test_final_verification_keeps_the_printed_decimal_and_henan_is_not_a_shifted_year():
    final = {(r["region"], r["year"]): r["value"] for r in _observations()
             if r["measure"] == "gdp" and r["vintage"] == "final_verification" and r["region"] != "China"}
    assert len(final) == 124 and all(re.fullmatch(r"\d+\.\d", v) for v in final.values())
    first = {(r["region"], r["year"]): r["value"] for r in _observations()
             if r["measure"] == "gdp" and r["vintage"] == "first_release"}
    # read off the NBS export and the 2019 bulletin: 54259.4 (2020 verified) is not 54259.20 (2019 first release)
    assert final[("Henan", "2020")] == "54259.4" and first[("Henan", "2019")] == "54259.20"


def test_a_value_with_fewer_decimals_than_its_source_prints_is_refused(tmp_path):
    with open(paths.RAW / "gdp.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    index = next(i for i, r in enumerate(rows) if r[6] == "nbs_final_provincial")
    rows[index][4] = rows[index][4].split(".")[0]  # 53717.8 → 53717
    path = tmp_path / "gdp.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with pytest.raises(data.DataError, match=rf"row {index} \(file line {index + 1}\), column source_id, value: rule 'value carries exactly the decimals"):  # noqa: E501
        data.load_observations("gdp", path)


@pytest.mark.parametrize(("value", "rule"), [("made_up_copy", "corroborated_by lists source_ids"),
                                             ("SELF", "a value is not corroborated by its own source")])
def test_a_bad_corroboration_is_refused(tmp_path, value, rule):
    with open(paths.RAW / "gdp.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[3][9] = rows[3][6] if value == "SELF" else value
    path = tmp_path / "gdp.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with pytest.raises(data.DataError, match=rf"row 3 \(file line 4\).*{rule}"):
        data.load_observations("gdp", path)


# ---- corroboration and evidence counts -------------------------------------------------------

def _level(row: dict) -> str:
    if row["confidence"] in ("official", "press"):
        return row["confidence"]
    return "corroborated" if row["corroborated_by"].strip() else "single secondary copy"


def test_the_readme_and_report_print_the_evidence_counts_of_the_raw_files():
    counts = Counter(_level(r) for r in _observations())
    derived = pd.read_csv(paths.DATA / "derived" / "evidence_levels.csv").set_index("file").loc["all files"]
    assert {level: int(derived[level]) for level in data.EVIDENCE_LEVELS} == {level: counts[level] for level in data.EVIDENCE_LEVELS}
    readme = report.README.read_text(encoding="utf-8")
    assert (f"{counts['official']} official,\n{counts['press']} press, {counts['corroborated']} corroborated and\n"
            f"{counts['single secondary copy']} single secondary copies, of {sum(counts.values())} values") in readme


def test_corroborating_copies_print_the_same_values_as_the_census_and_final_series():
    """Spot values read off both NBS exports by hand (RenJiyi163 and tec_expenditure; eoocl and xiaoqi737)."""
    values = {(r["region"], r["year"], r["measure"], r["vintage"]): r for r in _observations()}
    beijing = values[("Beijing", "2023", "gdp", "census_revision")]
    assert beijing["value"] == "47353.7" and "nbs_gdp_census_tec" in beijing["corroborated_by"]
    guizhou = values[("Guizhou", "2020", "gdp", "final_verification")]
    assert guizhou["value"] == "17860.4" and guizhou["corroborated_by"] == "nbs_gdp_final_xiaoqi"


def test_every_single_copy_used_by_a_figure_or_the_headline_says_why():
    inputs = pd.read_csv(paths.DATA / "derived" / "evidence_of_inputs.csv", keep_default_na=False)
    single = inputs[inputs["evidence"] == "single secondary copy"]
    assert (single["why_single"].str.len() > 20).all(), single[single["why_single"].str.len() <= 20]
    assert set(inputs["use"]) >= {"headline regression", "B-fig03", "B-fig07"}


def test_pku_comparison_counts_in_the_provenance_note_are_the_computed_ones():
    status = data.pku_agreement(data.load_pku_dfiic(), data.load_all_observations())["status"].value_counts()
    note = (paths.RAW / "pku_dfiic" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert f"equal cells: {status['equal']} " in note
    assert f"different cells: {status['different']} " in note
    assert f"without a second copy: {status['no second copy']} " in note


def test_every_missing_first_release_growth_is_explained_and_the_headline_outcome_has_no_gap():
    """2019–2023 first releases: each missing province-year is listed in data/gaps.csv with what was
    searched; the headline's outcome (the revised NBS index) is complete for 2012–2023."""
    have = {(r["region"], r["year"]) for r in _observations()
            if r["measure"] == "gdp_real_growth" and r["vintage"] == "first_release"}
    missing = {(region, str(year)) for region in data.regions.PROVINCES for year in range(2019, 2024)} - have
    with open(paths.DATA / "gaps.csv", encoding="utf-8", newline="") as handle:
        listed = {(r["region"], r["year"]) for r in csv.DictReader(handle) if r["reason"] and r["searched"]}
    assert missing == listed
    panel = pd.read_csv(paths.DATA / "derived" / "regression_panel.csv")
    assert panel["growth"].notna().all() and len(panel) == 31 * 12


# ---- publisher addresses ----------------------------------------------------------------------

def test_every_source_has_a_publisher_address_or_an_exact_table_or_its_title_and_date():
    sources = data.load_sources()
    for row in sources.itertuples():
        if row.url == "":
            assert row.publisher_page_seen == "no" and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row.issued), row.source_id
        elif schema.is_portal(row.url):  # a database or yearbook: the table or indicator is named beside it
            assert schema.names_a_table(row.table_or_page), row.source_id
        else:
            assert row.url != row.seen_at or row.publisher_page_seen == "yes", row.source_id
    # the publisher's own pages seen, by hand: the Wuhu bureau's bulletin and the Guizhou bureau's press conference
    seen = set(sources.loc[sources["publisher_page_seen"] == "yes", "source_id"])
    assert {"wuhu_bulletin_2021", "gz_pressconf_2020"} <= seen


@pytest.mark.parametrize(("source_id", "column", "bad", "rule"), [
    ("wuhu_bulletin_2021", "url", "", "a publisher page seen or quoted has its address in url"),
    ("nbs_gdp_census", "table_or_page", "national accounts", "a database or yearbook portal in url has its indicator"),
    ("nbs_gini_2020", "why_this_copy", "", "a copy seen outside the recognised hosts"),
    ("gz_bulletin_2019", "url", "https://www.stats.gov.cn/sj/tjgb/", "a database or yearbook portal in url has its indicator"),
    ("bjreview_gini_2012", "url", "http://www.bjreview.com/Cover_Stories_Series_2013/Bridging_Chinas_Income_Gap.htm",
     "url is the publisher's own page: equal to seen_at only when that page was seen"),
])
def test_a_source_without_its_publisher_address_rule_is_refused(tmp_path, monkeypatch, source_id, column, bad, rule):
    def damage(rows):
        next(r for r in rows if r["source_id"] == source_id)[column] = bad
    monkeypatch.setattr(paths, "SOURCES", _write_sources(tmp_path, damage))
    with pytest.raises(data.DataError, match=re.escape(rule)):
        data.load_sources()
