"""Every raw value that names a second copy (`corroborated_by`) agrees with that copy as read apart.

`data/corroboration/<source_id>.csv` holds what each corroborating copy prints for the keys the raw
rows ask of it, read on 2026-12-06 by a reader who had not seen data/raw (`PROVENANCE.md` there says
which commit and cell). A typo in a corroborated raw value — checksums re-recorded or not — fails
here; so does a `corroborated_by` cell naming a copy that does not hold the value.
"""
from __future__ import annotations

import csv
from decimal import Decimal

from compendium import paths

CORROBORATION = paths.DATA / "corroboration"


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _agree(ours: str, theirs: str) -> bool:
    """Equal at the coarser of the two printed precisions (a copy may print 20164.6 for 20164.58)."""
    a, b = Decimal(ours), Decimal(theirs)
    step = Decimal(1).scaleb(max(a.as_tuple().exponent, b.as_tuple().exponent))
    return abs(a - b) <= step / 2


def test_every_corroborated_raw_value_agrees_with_its_second_copy():
    copies = {path.stem: {(r["region"], r["year"], r["measure"]): r for r in _csv(path)}
              for path in CORROBORATION.glob("*.csv")}
    checked, wrong = 0, []
    for path in sorted(paths.RAW.glob("*.csv")):
        for line, row in enumerate(_csv(path), start=2):
            for source in filter(None, row["corroborated_by"].split(";")):
                second = copies[source].get((row["region"], row["year"], row["measure"]))
                if second is None or second["value"] == "" or not _agree(row["value"], second["value"]):
                    wrong.append((path.name, line, source, row["value"], second and second["value"]))
                checked += 1
    assert not wrong, wrong
    assert checked >= 4200  # 1 218 on 2026-12-06; 4 240 on 2026-12-07, after four more copies were read


def test_a_sum_of_printed_parts_adds_up_and_every_copy_says_where_it_was_read():
    for path in CORROBORATION.glob("*.csv"):
        for r in _csv(path):
            assert r["where"], (path.name, r)
            if "+" in r["as_printed"]:
                assert sum(Decimal(p) for p in r["as_printed"].split("+")) == Decimal(r["value"]), (path.name, r)


def test_a_typo_in_a_corroborated_value_is_caught(tmp_path, monkeypatch):
    """Planted: Jiangxi's 2023 first-release GDP with two digits transposed (32200.1 → 32020.1), the
    defect a held-back audit found passing every other test."""
    gdp = (paths.RAW / "gdp.csv").read_text(encoding="utf-8")
    assert gdp.count("Jiangxi,2023,gdp,first_release,32200.1,") == 1
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in paths.RAW.glob("*.csv"):
        (raw / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (raw / "gdp.csv").write_text(gdp.replace("Jiangxi,2023,gdp,first_release,32200.1,",
                                             "Jiangxi,2023,gdp,first_release,32020.1,"), encoding="utf-8")
    monkeypatch.setattr(paths, "RAW", raw)
    try:
        test_every_corroborated_raw_value_agrees_with_its_second_copy()
    except AssertionError as caught:
        assert "32020.1" in str(caught)
    else:
        raise AssertionError("the transposed digits passed")


def test_at_most_half_of_the_raw_values_rest_on_one_secondary_copy():
    """The data editor's goal (#38): single-copy values at most 50 % of data/raw, counted here from the
    rows with the csv module (a value read in the publisher's own document or quoted by the press keeps
    that level), and the same count in the derived file the hand-outs bind."""
    levels = {"official": 0, "press": 0, "corroborated": 0, "single secondary copy": 0}
    for path in sorted(paths.RAW.glob("*.csv")):
        for row in _csv(path):
            level = row["confidence"] if row["confidence"] in ("official", "press") else (
                "corroborated" if row["corroborated_by"] else "single secondary copy")
            levels[level] += 1
    written = {r["file"]: r for r in _csv(paths.DATA / "derived" / "evidence_levels.csv")}["all files"]
    assert {k: int(written[k]) for k in levels} == levels
    assert levels["single secondary copy"] / sum(levels.values()) <= 0.5, levels  # 2 582 of 6 157 on 2026-12-07
