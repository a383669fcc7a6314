"""The rows a claim rests on, when it rests on few, held by a second reading of their sources.

`tests/expectations/claim_row_values.csv` was typed on 2026-12-06 by readers who had not seen
`data/raw`: for each row, the copy's address, the sentence or cell it was read from, the number as
printed and in the row's unit. It covers every row of every claim that rests on at most
`FEW_ROWS` raw rows and names no second copy (those are held by tests/test_corroboration.py).
A typo in such a raw value — even with the checksums re-recorded, as the README tells a user to do
after an edit — fails here; so does a claim that comes to rest on a row nobody has read twice. A row
whose copy could not be found again is listed with an empty value and says so.
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest

from compendium import paths

EXPECTATIONS = paths.ROOT / "tests" / "expectations" / "claim_row_values.csv"
FEW_ROWS = 6


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _claim_rows() -> dict[str, set[tuple[str, int]]]:
    """claim id → its raw rows (file, line), for every claim the evidence file cites rows for."""
    rows: dict[str, set] = {}
    for r in _csv(paths.DATA / "derived" / "claims_evidence.csv"):
        if r["found"] == "True" and r["file"].startswith("data/raw/"):
            rows.setdefault(r["claim_id"], set()).add((r["file"], int(r["line"])))
    return rows


def _single_rows() -> dict[str, tuple[str, int]]:
    return {claim: next(iter(used)) for claim, used in _claim_rows().items() if len(used) == 1}


def _key(row: dict) -> tuple:
    return row["region"], row["year"], row["measure"], row["vintage"]


def test_every_row_of_a_claim_resting_on_few_rows_was_read_twice():
    expected = {_key(r): r for r in _csv(EXPECTATIONS)}
    raw_files: dict[str, list[dict]] = {}
    held, not_found = set(), set()
    for claim, used in _claim_rows().items():
        if len(used) > FEW_ROWS:
            continue
        for file, line in used:
            raw = raw_files.setdefault(file, _csv(paths.ROOT / file))[line - 2]  # line 1 is the header
            if raw["corroborated_by"]:
                continue  # held by its second copy (tests/test_corroboration.py)
            assert _key(raw) in expected, f"{claim}: {file} line {line} {_key(raw)} has no second reading"
            second = expected[_key(raw)]
            held.add(_key(raw))
            if second["value"] == "":
                assert second["note"].startswith("not found"), second
                not_found.add(_key(raw))
                continue
            assert raw["unit"] == second["unit"], (claim, raw["unit"], second["unit"])
            assert Decimal(raw["value"]) == Decimal(second["value"]), (claim, file, line, raw["value"], second["value"])
    assert held == set(expected), f"second readings no such claim rests on: {set(expected) - held}"
    assert len(held) >= 60 and len(not_found) <= 3  # 67 rows, 3 not found again (2026-12-06)


def test_each_second_reading_says_where_it_was_read():
    for r in _csv(EXPECTATIONS):
        assert r["address_read"].startswith(("http", "github:")) and r["quote"], r
        assert r["printed"] or r["value"] == "", r
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["read_on"]), r


# units the papers print against the units the data keep, typed here: 1 万亿元 = 10 000 亿元, 1 亿人 = 10 000 万人
PAPER_UNIT_PER_DATA_UNIT = {("亿元", "万亿元"): 1e-4, ("万人", "亿人"): 1e-4}


def test_the_official_value_a_verdict_reports_is_the_value_read_twice_in_the_papers_unit():
    """The audit's `official` column for a claim resting on one row is that row's value, as read the
    second time, converted to the unit the paper prints: a rule reporting the unconverted value (or
    one on another scale) fails here even when its verdict does not change."""
    expected = {_key(r): r for r in _csv(EXPECTATIONS)}
    audited = {r["claim_id"]: r for r in _csv(paths.DATA / "derived" / "claims_audit.csv")}
    checked = 0
    for claim, (file, line) in _single_rows().items():
        row = audited[claim]
        if row["official"] == "":
            continue
        raw = _csv(paths.ROOT / file)[line - 2]
        second = expected[_key(raw)]
        factor = 1.0 if second["unit"] == row["official_unit"] else \
            PAPER_UNIT_PER_DATA_UNIT[(second["unit"], row["official_unit"])]
        assert float(row["official"]) == pytest.approx(float(second["value"]) * factor, rel=1e-9), claim
        checked += 1
    assert checked >= 15
