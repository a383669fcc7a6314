"""Claims whose verdict rests on one raw row, held by a second transcription of that row's source.

`tests/expectations/single_row_values.csv` was typed on 2026-12-06 by a reader who had not seen
`data/raw`: for each row, the copy's address, the sentence or cell it was read from, the number as
printed and in the row's unit. A typo in a raw value — even with the checksums re-recorded, as the
README tells a user to do after an edit — fails here; so does a claim that comes to rest on a single
row nobody has read twice.
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest

from compendium import paths

EXPECTATIONS = paths.ROOT / "tests" / "expectations" / "single_row_values.csv"


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _single_rows() -> dict[str, tuple[str, int]]:
    """claim id → (raw file, line) for the claims whose evidence is exactly one raw row."""
    rows: dict[str, set] = {}
    for r in _csv(paths.DATA / "derived" / "claims_evidence.csv"):
        if r["found"] == "True" and r["file"].startswith("data/raw/"):
            rows.setdefault(r["claim_id"], set()).add((r["file"], int(r["line"])))
    return {claim: next(iter(used)) for claim, used in rows.items() if len(used) == 1}


def test_every_single_row_claim_rests_on_a_value_read_twice():
    expected = {(r["region"], r["year"], r["measure"]): r for r in _csv(EXPECTATIONS)}
    raw_files: dict[str, list[dict]] = {}
    held = set()
    singles = _single_rows()
    assert len(singles) >= 20  # the claims of both papers that rest on one row (22 on 2026-12-06)
    for claim, (file, line) in singles.items():
        rows = raw_files.setdefault(file, _csv(paths.ROOT / file))
        raw = rows[line - 2]  # line 1 is the header
        key = (raw["region"], raw["year"], raw["measure"])
        assert key in expected, f"{claim}: {file} line {line} {key} has no second transcription"
        second = expected[key]
        assert raw["unit"] == second["unit"], (claim, raw["unit"], second["unit"])
        assert Decimal(raw["value"]) == Decimal(second["value"]), (claim, file, line, raw["value"], second["value"])
        held.add(key)
    assert held == set(expected), f"second transcriptions no claim rests on: {set(expected) - held}"


def test_each_second_transcription_says_where_it_was_read():
    for r in _csv(EXPECTATIONS):
        assert r["address_read"].startswith("http") and r["quote"] and r["printed"], r
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["read_on"]), r


# units the papers print against the units the data keep, typed here: 1 万亿元 = 10 000 亿元, 1 亿人 = 10 000 万人
PAPER_UNIT_PER_DATA_UNIT = {("亿元", "万亿元"): 1e-4, ("万人", "亿人"): 1e-4}


def test_the_official_value_a_verdict_reports_is_the_value_read_twice_in_the_papers_unit():
    """The audit's `official` column for a claim resting on one row is that row's value, as read the
    second time, converted to the unit the paper prints: a rule reporting the unconverted value (or
    one on another scale) fails here even when its verdict does not change."""
    expected = {(r["region"], r["year"], r["measure"]): r for r in _csv(EXPECTATIONS)}
    audited = {r["claim_id"]: r for r in _csv(paths.DATA / "derived" / "claims_audit.csv")}
    checked = 0
    for claim, (file, line) in _single_rows().items():
        row = audited[claim]
        if row["official"] == "":
            continue
        raw = _csv(paths.ROOT / file)[line - 2]
        second = expected[(raw["region"], raw["year"], raw["measure"])]
        factor = 1.0 if second["unit"] == row["official_unit"] else \
            PAPER_UNIT_PER_DATA_UNIT[(second["unit"], row["official_unit"])]
        assert float(row["official"]) == pytest.approx(float(second["value"]) * factor, rel=1e-9), claim
        checked += 1
    assert checked >= 15
