"""Every raw row of a source with a second reading of its copy equals what that reading found.

The second readings (`data/second_reading/`, see its PROVENANCE.md) were made from the copy each
source names in `seen_at`, by readers who had not seen `data/raw`. A transcription slip committed with
re-recorded checksums (the README tells a user how to re-record them) fails here, whatever the build
and the snapshot comparisons say.
"""
from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from compendium import paths

READINGS = sorted((paths.DATA / "second_reading").glob("*.csv"))


def _raw_rows() -> list[dict]:
    rows = []
    for path in sorted(paths.RAW.glob("*.csv")):
        if path.name == "SHA256SUMS":
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            rows += [r | {"file": path.name, "line": i + 2} for i, r in enumerate(csv.DictReader(handle))]
    return rows


def _reading(path: Path) -> dict[tuple, dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {(r["region"], int(r["year"]), r["measure"]): r for r in csv.DictReader(handle)}


def disagreements(raw: list[dict], source_id: str, cells: dict[tuple, dict]) -> list[str]:
    """The raw rows of `source_id` the reading does not bear out: no cell, or a value that is not the
    cell's value rounded to the decimals the raw value shows."""
    found = []
    for row in raw:
        if row["source_id"] != source_id:
            continue
        cell = cells.get((row["region"], int(row["year"]), row["measure"]))
        where = f"{row['file']} line {row['line']} ({row['region']} {row['year']} {row['measure']} {row['vintage']})"
        if cell is None:
            found.append(f"{where}: no cell in the second reading")
            continue
        written = Decimal(row["value"])
        read = Decimal(cell["value"]).quantize(Decimal(1).scaleb(written.as_tuple().exponent), rounding=ROUND_HALF_UP) \
            if written.as_tuple().exponent < 0 else Decimal(cell["value"]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if read != written:
            found.append(f"{where}: data/raw has {row['value']}, the copy prints {cell['printed']} ({cell['copy_locator']})")
    return found


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return _raw_rows()


@pytest.fixture(scope="module")
def register() -> dict[str, dict]:
    with open(paths.DATA / "sources.csv", encoding="utf-8", newline="") as handle:
        return {r["source_id"]: r for r in csv.DictReader(handle)}


@pytest.mark.parametrize("path", READINGS, ids=[p.stem for p in READINGS])
def test_every_raw_row_of_the_source_is_what_its_copy_prints(raw, register, path):
    assert path.stem in register, f"{path.name}: no source {path.stem} in data/sources.csv"
    cells = _reading(path)
    # the reading is of the copy the register cites: the commit it read is the one in seen_at
    commits = {c["copy_commit"] for c in cells.values()}
    assert all(commit in register[path.stem]["seen_at"] for commit in commits), (path.stem, commits)
    assert any(r["source_id"] == path.stem for r in raw), f"{path.stem}: no raw row to compare"
    assert disagreements(raw, path.stem, cells) == []


def test_a_transposed_digit_with_its_checksum_re_recorded_is_named():
    """The held-back audit's typo (Hubei 2017 GDP in the 2021 database, 37235.0 → 37325.0) and a
    dropped decimal, planted in memory: each is named by file, line and what the copy prints."""
    raw = _raw_rows()
    cells = _reading(paths.DATA / "second_reading" / "nbs_gdp_2021db.csv")
    [hubei] = [r for r in raw if (r["region"], r["year"], r["measure"], r["vintage"]) == ("Hubei", "2017", "gdp", "database_2021")]
    assert hubei["value"] == "37235.0"
    for wrong in ("37325.0", "3723.5"):
        planted = [r | {"value": wrong} if r is hubei else r for r in raw]
        [message] = disagreements(planted, "nbs_gdp_2021db", cells)
        assert f"gdp.csv line {hubei['line']}" in message and "the copy prints 37235.0" in message


def test_the_readings_cover_most_single_copy_rows():
    """A floor, so that a reading dropped from the folder is noticed: 5 044 raw rows of 14 sources."""
    raw = _raw_rows()
    read = {p.stem for p in READINGS}
    assert len(read) == 14
    assert sum(r["source_id"] in read for r in raw) == 5044


def test_the_readme_counts_the_single_copy_rows_read_twice():
    """Worked out here: single-copy raw rows (no corroborated_by) that a reading of their copy or the
    few-row claims' reading holds, and those no second reading holds."""
    raw = [r for r in _raw_rows() if r["corroborated_by"] == ""]
    by_copy = {(p.stem, *key) for p in READINGS for key in _reading(p)}
    with open(paths.ROOT / "tests" / "expectations" / "claim_row_values.csv", encoding="utf-8", newline="") as handle:
        by_claim = {(r["region"], r["year"], r["measure"], r["vintage"]) for r in csv.DictReader(handle)}
    read = sum((r["source_id"], r["region"], int(r["year"]), r["measure"]) in by_copy
               or (r["region"], r["year"], r["measure"], r["vintage"]) in by_claim for r in raw)
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert f"The other {len(raw)} have one copy. Of these, {read} were read a second time" in readme
    assert f"The other {len(raw) - read} have no second reading." in readme
