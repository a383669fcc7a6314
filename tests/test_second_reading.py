"""Every raw row of a source with a second reading of its copy equals what that reading found.

The second readings (`data/second_reading/`, see its PROVENANCE.md) were made from the copy each
source names in `seen_at`, by readers who had not seen `data/raw`. A transcription slip committed with
re-recorded checksums (the README tells a user how to re-record them) fails here, whatever the build
and the snapshot comparisons say.
"""
from __future__ import annotations

import csv
import functools
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from compendium import paths

READINGS = sorted((paths.DATA / "second_reading").glob("*.csv"))


@functools.cache
def _raw_rows() -> tuple[dict, ...]:
    """Every raw observation row with its file and line, read once (the tests only read them)."""
    rows = []
    for path in sorted(paths.RAW.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows += [r | {"file": path.name, "line": i + 2} for i, r in enumerate(csv.DictReader(handle))]
    return tuple(rows)


@functools.cache
def _reading(path: Path) -> dict[tuple, dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {(r["region"], int(r["year"]), r["measure"]): r for r in csv.DictReader(handle)}


def _step(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(min(exponent, 0))


def _rounded(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def disagreements(raw: list[dict], source_id: str, cells: dict[tuple, dict], read_elsewhere: frozenset = frozenset()) -> list[str]:
    """The raw rows of `source_id` the reading does not bear out: no cell, or values that differ at the
    coarser of the two precisions (the raw value's last digit, or the copy's: its `step` where a
    conversion hides it, as 2.69万亿 is 26900 to the nearest 100)."""
    found = []
    for row in raw:
        if row["source_id"] != source_id:
            continue
        cell = cells.get((row["region"], int(row["year"]), row["measure"]))
        where = f"{row['file']} line {row['line']} ({row['region']} {row['year']} {row['measure']} {row['vintage']})"
        if cell is None:
            # a corroborated row is held to its other copy (test_corroboration.py); a row the reader
            # looked for and could not find or open is listed below with the reason
            if (row["region"], row["year"], row["measure"], row["vintage"]) not in read_elsewhere \
                    and not row["corroborated_by"] and (source_id, row["region"], int(row["year"]), row["measure"]) not in UNREAD:
                found.append(f"{where}: no cell in the second reading, nor in the few-row claims' reading")
            continue
        written, read = Decimal(row["value"]), Decimal(cell["value"])
        step = max(_step(written), Decimal(cell["step"]) if cell.get("step") else _step(read))
        if _rounded(written, step) != _rounded(read, step):
            found.append(f"{where}: data/raw has {row['value']}, the copy prints {cell['printed']} ({cell['copy_locator']})")
    return found


# Single-copy rows the second reader looked for and did not read (data/second_reading/PROVENANCE.md):
# not in the stored copy of the page the register cites, or no stored copy of it found.
UNREAD = {
    ("bj_release_2022", "Beijing", 2022, "de_core_value"): "the stored article prints only the broad figures",
    ("bj_release_2022", "Beijing", 2022, "de_core_share"): "the stored article prints only the broad figures",
    ("caict_global_2022", "USA", 2021, "de_scale_usd_caict"): "the part of the stored copy the reader saw holds China's figure only",
    ("caict_2020_whitepaper", "China", 2019, "de_scale_caict"): "no stored copy of the cited page",
    ("caict_2020_whitepaper", "China", 2019, "de_growth_caict"): "no stored copy of the cited page",
    ("sz_release_2021", "Shenzhen", 2021, "gdp"): "no stored copy of the cited page",
    ("sz_release_2021", "Shenzhen", 2021, "gdp_real_growth"): "no stored copy of the cited page",
    ("sz_bulletin_2023", "Shenzhen", 2023, "gdp"): "no stored copy of the cited page",
    ("nbs_poverty_2019", "China", 2019, "rural_poor_population"): "no stored copy of the cited page",
}


def _claim_rows_read() -> frozenset:
    """(region, year, measure, vintage) of the rows the few-row claims' second reading holds
    (tests/expectations/claim_row_values.csv, tested in test_claim_row_values.py)."""
    with open(paths.ROOT / "tests" / "expectations" / "claim_row_values.csv", encoding="utf-8", newline="") as handle:
        return frozenset((r["region"], r["year"], r["measure"], r["vintage"]) for r in csv.DictReader(handle))


def _address(url: str) -> str:
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return list(_raw_rows())


@pytest.fixture(scope="module")
def register() -> dict[str, dict]:
    with open(paths.DATA / "sources.csv", encoding="utf-8", newline="") as handle:
        return {r["source_id"]: r for r in csv.DictReader(handle)}


@pytest.mark.parametrize("path", READINGS, ids=[p.stem for p in READINGS])
def test_every_raw_row_of_the_source_is_what_its_copy_prints(raw, register, path):
    assert path.stem in register, f"{path.name}: no source {path.stem} in data/sources.csv"
    cells = _reading(path)
    # the reading is of the copy the register cites: the commit it read is the one in seen_at, or the
    # page it read is seen_at (scheme and "www." aside)
    seen = _address(register[path.stem]["seen_at"])
    for cell in cells.values():
        assert cell["copy_commit"] in seen if cell["copy_commit"] else _address(cell["copy_path"]) == seen, (path.stem, cell)
    assert any(r["source_id"] == path.stem for r in raw), f"{path.stem}: no raw row to compare"
    assert disagreements(raw, path.stem, cells, _claim_rows_read()) == []


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
    """A floor, so that a reading dropped from the folder is noticed: 94 sources (14 whole tables, 80
    pages), 5 262 raw rows of them."""
    raw = _raw_rows()
    read = {p.stem for p in READINGS}
    assert len(read) == 94
    assert sum(r["source_id"] in read for r in raw) == 5262


# Raw values printed more finely than the copy their source cites prints them: equal at the copy's
# precision, their last digits from elsewhere (the source's note says where). Listed so that the list
# cannot grow unseen.
FINER_THAN_THE_COPY = {("nbs_release_2023", "China", 2023, "gdp"), ("sz_bulletin_2019", "Shenzhen", 2019, "gdp"),
                       ("ah_pressconf_2020", "Anhui", 2020, "gdp")}


def test_the_raw_values_finer_than_their_cited_copy_are_the_three_known():
    finer = set()
    for row in _raw_rows():
        path = paths.DATA / "second_reading" / f"{row['source_id']}.csv"
        if not path.is_file():
            continue
        cell = _reading(path).get((row["region"], int(row["year"]), row["measure"]))
        if cell is None:
            continue
        written, read = Decimal(row["value"]), Decimal(cell["value"])
        coarser = Decimal(cell["step"]) if cell.get("step") else _step(read)
        if coarser > _step(written) and _rounded(written, coarser) != written:  # digits the copy does not print
            finer.add((row["source_id"], row["region"], int(row["year"]), row["measure"]))
    assert finer == FINER_THAN_THE_COPY


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
    assert f"The other {len(raw) - read} have no second reading" in readme
    english = (paths.ROOT / "paper" / "report.html").read_text(encoding="utf-8")
    chinese = (paths.ROOT / "paper" / "report.zh.html").read_text(encoding="utf-8")
    assert f"Of the other {len(raw)}, {read} were read a second time" in english
    assert f"其余 {len(raw)} 个数值中，有 {read} 个由另一组 AI 智能体" in chinese
    assert f"{len(raw) - read} could not be read again" in english and f"另有 {len(raw) - read} 个数值无法重读" in chinese


def test_the_readme_counts_the_coarser_readings_and_the_second_copies_at_another_level():
    raw = _raw_rows()
    other_level = sum(bool(r["corroborated_by"]) and r["confidence"] in ("official", "press") for r in raw)
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert f"count {other_level} of them as official or press" in readme
    assert f"in {len(FINER_THAN_THE_COPY)} cases the\ncopy prints fewer digits" in readme
