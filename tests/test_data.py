"""The data layer: committed files validate, damaged copies fail with file, row and rule."""
from __future__ import annotations

import csv
import io
import shutil

import re

import pytest

from compendium import data, ledger, paths
from compendium.schema import MEASURES


def test_committed_observations_validate_and_cover_the_papers_regions():
    observations = data.load_all_observations()
    growth = observations[(observations["measure"] == "gdp_real_growth") & (observations["vintage"] == "first_release")]
    for region in ("Shenzhen", "Anhui", "Guizhou", "China"):
        assert sorted(growth.loc[growth["region"] == region, "year"]) == [2019, 2020, 2021, 2022, 2023]


def test_every_observation_cites_a_registered_source_and_every_source_is_used():
    observations = data.load_all_observations()
    register = set(data.load_sources()["source_id"])
    corroborating = {part for cell in observations["corroborated_by"] for part in cell.split(";") if part}
    cited = set(observations["source_id"]) | corroborating | {data.PKU_DFIIC_SOURCE_ID}
    assert cited <= register
    assert register - cited == set()


def test_raw_files_match_their_recorded_checksums():
    assert data.recorded_checksums() == data.current_checksums()


def test_pku_dfiic_copy_is_the_documented_file():
    digest = data.sha256(paths.RAW / data.PKU_DFIIC_FILE)
    assert digest == "f457812a11d725f131d43a9eae3574c1118ea2cadf343e67f9fee5d613f501f9"
    pku = data.load_pku_dfiic()
    assert len(pku) == 31 * 13
    # spot values given in the provenance note
    assert pku.query("region == 'Beijing' and year == 2011")["index_aggregate"].item() == pytest.approx(79.41)
    assert pku.query("region == 'Shanghai' and year == 2021")["index_aggregate"].item() == pytest.approx(458.97)


# ---- damaged copies ------------------------------------------------------------------------

@pytest.fixture
def rows():
    with open(paths.RAW / "digital_economy.csv", encoding="utf-8", newline="") as handle:
        return [list(r) for r in csv.reader(handle)]


def write(tmp_path, rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path = tmp_path / "digital_economy.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def load(path):
    return data.load_observations("digital_economy", path)


def column(rows, name):
    return rows[0].index(name)


def test_missing_column_is_named(tmp_path, rows):
    drop = column(rows, "unit")
    path = write(tmp_path, [r[:drop] + r[drop + 1:] for r in rows])
    with pytest.raises(data.DataError, match=r"digital_economy\.csv, header \(file line 1\): missing column\(s\) \['unit'\]"):
        load(path)


def test_text_in_a_number_column_names_row_and_rule(tmp_path, rows):
    rows[4][column(rows, "value")] = "n/a"
    with pytest.raises(data.DataError, match=r"row 4 \(file line 5\), column value: rule 'value is a number' failed \(found 'n/a'\)"):
        load(write(tmp_path, rows))


def test_duplicate_key_names_both_rows(tmp_path, rows):
    rows.append(list(rows[2]))
    with pytest.raises(data.DataError) as error:
        load(write(tmp_path, rows))
    message = str(error.value)
    assert "row 2 (file line 3)" in message and f"row {len(rows) - 1} (file line {len(rows)})" in message
    assert "is unique (no value stored twice)" in message


def test_share_of_130_percent_is_out_of_range(tmp_path, rows):
    share_row = next(i for i, r in enumerate(rows) if r[column(rows, "measure")] == "de_share_caict")
    rows[share_row][column(rows, "value")] = "130"
    with pytest.raises(data.DataError, match=rf"row {share_row} \(file line {share_row + 1}\), column measure, value: rule 'value lies in the plausible range"):  # noqa: E501
        load(write(tmp_path, rows))


def test_unknown_source_id_is_named(tmp_path, rows):
    rows[1][column(rows, "source_id")] = "made_up_source"
    with pytest.raises(data.DataError, match=r"row 1 \(file line 2\), column source_id: rule 'source_id is listed in data/sources.csv' failed \(found 'made_up_source'\)"):  # noqa: E501
        load(write(tmp_path, rows))


def test_wrong_unit_for_the_measure_is_named(tmp_path, rows):
    rows[1][column(rows, "unit")] = "万亿元"
    with pytest.raises(data.DataError, match=r"row 1 \(file line 2\), column measure, unit: rule 'unit is the unit declared"):
        load(write(tmp_path, rows))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(data.DataError, match=r"nowhere\.csv: file not found"):
        load(tmp_path / "nowhere.csv")


def test_gbk_encoded_file_is_rejected_with_the_line(tmp_path, rows):
    path = write(tmp_path, rows, encoding="gbk")
    first_chinese_line = next(i for i, r in enumerate(rows) if any(ord(ch) > 127 for ch in ",".join(r))) + 1
    with pytest.raises(data.DataError, match=rf"file line {first_chinese_line}: .* is not UTF-8 .*not GBK"):
        load(path)


def test_unknown_region_and_measure_are_named(tmp_path, rows):
    rows[1][column(rows, "region")] = "Atlantis"
    rows[2][column(rows, "measure")] = "de_share_magic"
    with pytest.raises(data.DataError) as error:
        load(write(tmp_path, rows))
    assert "row 1 (file line 2), column region: rule 'region is a known region key" in str(error.value)
    assert "row 2 (file line 3), column measure: rule 'measure is declared" in str(error.value)


def test_a_measure_split_across_files_is_refused(tmp_path, monkeypatch, rows):
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW, raw)
    gdp_rows = list(csv.reader(open(raw / "gdp.csv", encoding="utf-8")))
    moved = rows[:1] + [gdp_rows[1]]
    (raw / "digital_economy.csv").write_text("\n".join(",".join(r) for r in moved) + "\n", encoding="utf-8")
    monkeypatch.setattr(paths, "RAW", raw)
    with pytest.raises(data.DataError, match=r"measure\(s\) \['gdp'\] appear in more than one file"):
        data.load_all_observations()


def test_every_measure_declares_a_sensible_range():
    for name, measure in MEASURES.items():
        assert measure.low < measure.high, name


def test_claims_ledger_validates_and_a_duplicate_claim_id_is_named(tmp_path):
    claims = ledger.load_claims()
    assert claims["claim_id"].is_unique and set(claims["paper"]) == {"A", "B"}
    lines = (paths.DATA / "claims.csv").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "claims.csv"
    broken.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match=rf"claims\.csv, row {len(lines)} \(file line {len(lines) + 1}\), column claim_id: rule 'the key \['claim_id'\] is unique"):  # noqa: E501
        ledger.load_claims(broken)


def test_a_location_outside_the_ledgers_notation_is_refused_naming_its_row(tmp_path):
    """The Chinese edition names a location's parts: a location it cannot read (or text smuggled in
    as one) stops the loader, naming the row and the rule."""
    lines = (paths.DATA / "claims.csv").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "claims.csv"
    broken.write_text("\n".join([lines[0], lines[1].replace("§一 para 2", "first section para 2", 1)] + lines[2:]) + "\n",
                      encoding="utf-8")
    with pytest.raises(data.DataError, match=r"claims\.csv, row 1 \(file line 2\), column location: rule 'location is in the ledger's notation"):
        ledger.load_claims(broken)


PERCENT_MEASURES = sorted(m for m, spec in MEASURES.items() if spec.unit == "%")


@pytest.mark.parametrize("measure", PERCENT_MEASURES)
def test_every_percentage_measure_refuses_130_percent(tmp_path, rows, measure):
    """No share, rate or growth of any measure reaches 130 %: each refuses it with file, row and rule."""
    header = rows[0]
    row = dict(zip(header, rows[1]))
    row.update({"measure": measure, "unit": "%", "value": "130", "region": "China", "year": "2021"})
    with pytest.raises(data.DataError, match=r"row 1 \(file line 2\), column measure, value: rule 'value lies in the plausible range"):
        load(write(tmp_path, [header, [row[c] for c in header]]))


def test_the_percentage_measures_are_the_ones_expected():
    """Written from the papers' measures; a new percentage measure is added here deliberately."""
    assert len(PERCENT_MEASURES) >= 12 and {"de_share_caict", "gdp_real_growth", "fiveg_coverage",
                                            "population_60plus_share"} <= set(PERCENT_MEASURES)


def test_the_nbval_sanitize_file_holds_exactly_its_two_patterns():
    """tests/sanitize.cfg may only hide what varies by machine and run, never a number a notebook prints."""
    import configparser

    config = configparser.ConfigParser()
    config.read(paths.TESTS / "sanitize.cfg", encoding="utf-8")
    patterns = {section: (config[section]["regex"], config[section]["replace"]) for section in config.sections()}
    assert patterns == {
        "matplotlib": (r"<Figure size \d+x\d+ with \d+ Axes>", "<Figure>"),
        "memory-addresses": (r"at 0x[0-9a-f]+>", "at 0xADDRESS>"),
    }
    import re

    for regex, _ in patterns.values():  # neither pattern touches a printed table row or a verdict line
        assert not re.search(regex, "B15 (more digitalised regions grow faster): inconclusive  -0.044  147")
        assert not re.search(regex, "Shenzhen   5.16   1.81")


def test_declared_precision_per_measure_and_at_most():
    assert data.parse_decimals("2") == {None: (False, 2)}
    assert data.parse_decimals("urbanisation_rate:2;population:<=2") == {"urbanisation_rate": (False, 2),
                                                                      "population": (True, 2)}
    for bad in ("two", "gdp:", "not_a_measure:2", "<2", "2.0"):
        with pytest.raises(ValueError, match="decimals item"):
            data.parse_decimals(bad)
    rule = data.parse_decimals("urbanisation_rate:2;population:<=2")
    assert data._precision_ok(rule, "population", "2154") and data._precision_ok(rule, "population", "2069.3")
    assert not data._precision_ok(rule, "population", "4488.4367")   # a copier's computed value
    assert not data._precision_ok(rule, "urbanisation_rate", "44.8")  # exactly two as printed: 44.80


def test_a_population_value_computed_by_a_copier_is_refused(tmp_path):
    path = data.paths.RAW / "provincial_panel.csv"
    text = path.read_text(encoding="utf-8").replace("Jiangsu,2012,population,database_2021,",
                                                    "Jiangsu,2011,population,database_2021,7898.80066823418,万人,"
                                                    "nbs_population_2021db,secondary,,\nJiangsu,2012,population,database_2021,", 1)
    broken = tmp_path / "provincial_panel.csv"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataError, match=r"provincial_panel\.csv, row \d+ \(file line \d+\).*decimals its source prints.*7898\.80066823418"):
        data.load_observations("provincial_panel", broken)


def test_two_rows_vintage_labels_swapped_are_refused_by_the_register(tmp_path):
    """Anhui's 2020 GDP first release and final verification come from different publications;
    swapping their vintage labels (a ratio would then mix releases) names both rows and the rule."""
    path = data.paths.RAW / "gdp.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Anhui,2020,gdp,first_release,"))
    final = next(i for i, line in enumerate(lines) if line.startswith("Anhui,2020,gdp,final_verification,"))
    lines[first] = lines[first].replace("first_release", "final_verification", 1)
    lines[final] = lines[final].replace("final_verification", "first_release", 1)
    broken = tmp_path / "gdp.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError) as raised:
        data.load_observations("gdp", broken)
    message = str(raised.value)
    for line in (first + 1, final + 1):
        assert re.search(rf"file line {line}\).*vintage is one its source holds", message), line


def test_every_raw_rows_vintage_is_one_its_source_holds():
    """Read with the csv module, apart from the loader: each raw row's vintage is among the
    `;`-separated vintages its register row declares."""
    import csv

    with open(data.paths.SOURCES, encoding="utf-8", newline="") as handle:
        held = {r["source_id"]: set(r["vintage"].split(";")) for r in csv.DictReader(handle)}
    for path in sorted(data.paths.RAW.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for line, r in enumerate(csv.DictReader(handle), start=2):
                assert r["vintage"] in held[r["source_id"]], (path.name, line, r["vintage"], r["source_id"])


def test_a_row_whose_measure_its_source_does_not_declare_is_refused(tmp_path):
    """A source that gives its precision measure by measure names every measure its rows carry: a
    row relabelled with another measure (here the student spreadsheet's IT employment as urban
    employment) is refused, naming file, row and rule."""
    path = data.paths.RAW / "digital_indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if line.startswith("Anhui,2013,it_employment,compiled,"))
    lines[target] = lines[target].replace("it_employment", "urban_employed_persons", 1)
    broken = tmp_path / "digital_indicators.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError) as raised:
        data.load_observations("digital_indicators", broken)
    assert re.search(rf"file line {target + 1}\).*measure is one its source declares", str(raised.value))


def test_every_raw_rows_measure_is_one_its_source_declares():
    """Read with the csv module, apart from the loader: where a source's decimals name measures
    (`measure:N` items, none for every measure), each of its rows carries one of them."""
    import csv

    with open(data.paths.SOURCES, encoding="utf-8", newline="") as handle:
        per_measure = {r["source_id"]: {i.split(":")[0] for i in r["decimals"].split(";")}
                       for r in csv.DictReader(handle) if all(":" in i for i in r["decimals"].split(";"))}
    checked = 0
    for path in sorted(data.paths.RAW.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for line, r in enumerate(csv.DictReader(handle), start=2):
                if r["source_id"] in per_measure:
                    checked += 1
                    assert r["measure"] in per_measure[r["source_id"]], (path.name, line, r["measure"], r["source_id"])
    assert checked > 2000


def test_every_source_declares_its_precision_and_a_blank_is_refused(tmp_path, monkeypatch):
    sources = data.load_sources()
    assert (sources["decimals"] != "").all()
    text = data.paths.SOURCES.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    broken = tmp_path / "sources.csv"
    # blank the decimals cell of the first source (a simple row without quoted commas)
    row = next(i for i, line in enumerate(text) if line.startswith("wuhu_bulletin_2021,"))
    cells = next(__import__("csv").reader([text[row]]))
    cells[header.index("decimals")] = ""
    buffer = __import__("io").StringIO()
    __import__("csv").writer(buffer, lineterminator="").writerow(cells)
    text[row] = buffer.getvalue()
    broken.write_text("\n".join(text) + "\n", encoding="utf-8")
    monkeypatch.setattr(data.paths, "SOURCES", broken)
    with pytest.raises(data.DataError, match=r"sources\.csv, row \d+ \(file line \d+\), column decimals.*decimals declares"):
        data.load_sources()


# ---- the build runner's memory of passed validations -------------------------------------------

def test_a_pass_is_remembered_in_the_build_and_a_damaged_copy_is_still_refused(tmp_path, monkeypatch, rows):
    """With the build runner's cache directory set, a frame that passed is not checked again (the
    schema's validate is not called a second time); a copy with one damaged cell is a new frame and
    is refused as before; without the variable nothing is remembered."""
    import pandera.pandas as pa

    calls = []
    original = pa.DataFrameSchema.validate
    monkeypatch.setattr(pa.DataFrameSchema, "validate", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    monkeypatch.delenv(paths.VALIDATION_CACHE_ENV, raising=False)  # the test session sets one (conftest)
    good = write(tmp_path, rows)
    load(good)
    unremembered = len(calls)
    load(good)
    assert len(calls) == 2 * unremembered  # no variable: every load checks
    monkeypatch.setenv(paths.VALIDATION_CACHE_ENV, str(tmp_path / "validated"))
    load(good)
    first = len(calls)
    load(good)
    assert len(calls) == first  # remembered: the second load checks nothing
    assert len(list((tmp_path / "validated").iterdir())) == 2  # the source register and the file
    rows[4][column(rows, "value")] = "n/a"
    with pytest.raises(data.DataError, match=r"row 4 \(file line 5\), column value: rule 'value is a number'"):
        load(write(tmp_path, rows))
    assert len(list((tmp_path / "validated").iterdir())) == 2  # a failure is never remembered


def test_a_change_of_the_rules_forgets_every_pass(tmp_path, monkeypatch, rows):
    monkeypatch.setenv(paths.VALIDATION_CACHE_ENV, str(tmp_path / "validated"))
    frame = data._read_csv_strict(write(tmp_path, rows), list(rows[0]))
    before = data._validation_stamp(frame, "x.csv")
    monkeypatch.setattr(data, "_rules_fingerprint", lambda: "other rules")
    assert data._validation_stamp(frame, "x.csv") != before


def test_a_growth_row_equals_the_index_its_note_records_less_100():
    """868 growth rows carry the index they were read as ("index (previous year = 100) 111.2"): the
    value is that index less 100, exactly. Two vintages' values exchanged, or one digit changed, leaves
    the note behind and fails here (the held-back audit swapped Anhui's 2020 first-release and
    census-revised growth)."""
    import csv
    import re
    from decimal import Decimal

    pattern = re.compile(r"index \(previous year = 100\) (\d+(?:\.\d+)?)")
    checked = 0
    with open(paths.RAW / "gdp.csv", encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            found = pattern.search(row["note"])
            if found:
                checked += 1
                assert Decimal(row["value"]) == Decimal(found.group(1)) - 100, (line, row["region"], row["year"], row["vintage"])
    assert checked == 868
