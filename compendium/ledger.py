"""The ledger and its logs: the checkable statements of both papers (data/claims.csv), the readings of
ambiguous ones (data/readings.csv), where else each unverified claim was sought (data/searches.csv),
and the coverage map of every line of both papers with a number, comparison or superlative
(data/coverage.csv). Each loads with its rules, and a broken row is named by file, row and rule.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths, regions
from .data import DataError, _is_number, _is_year, _read_csv_strict, _relative, _validate, pa
from .schema import AGAINST_REST, CHECK_NAMES, COMPARATORS, LOCATION, MEASURES, READING_OVERRIDES, STATEMENT_KINDS, VINTAGES

# ---- the claims ledger -----------------------------------------------------------------------

CLAIMS = paths.DATA / "claims.csv"
CJK = r"[\u4e00-\u9fff]"  # a Chinese text column holds Chinese
CLAIM_COLUMNS = ["claim_id", "paper", "location", "printed", "value", "unit", "comparator", "ref_year", "start_year",
                 "region", "against", "measure", "vintage", "kind", "check", "what", "what_zh", "cited_source", "note"]
CLAIM_YEAR_RANGE = (1900, 2100)  # claims include historical dates and targets
CLAIM_KINDS = {"statistic", "derived", "projection", "figure_data", "figure_statement", "comparison"} | set(STATEMENT_KINDS)
CLAIM_CHECKS = set(CHECK_NAMES)


def _measures_known(cells: pd.Series) -> pd.Series:
    return cells.map(lambda cell: cell == "" or all(m in MEASURES for m in cell.split("|")))


def _regions_known(cells: pd.Series) -> pd.Series:
    known = set(regions.ALL) | set(regions.GROUPS) | {regions.ALL_PROVINCES}
    return cells.map(lambda cell: cell == "" or all(r in known for r in cell.split("|")))


AGAINST_ERROR = f"against is empty, {AGAINST_REST!r}, or region or group keys joined by |"


def _against_known(cells: pd.Series) -> pd.Series:
    return (cells == AGAINST_REST) | _regions_known(cells)


def load_claims(path: Path | None = None) -> pd.DataFrame:
    """The ledger of every number in both papers, `data/claims.csv`, validated."""
    path = path or CLAIMS
    name = _relative(path)
    frame = _read_csv_strict(path, CLAIM_COLUMNS)
    def schema():  # built only when the frame is checked (pandera is imported then)
        optional_number = pa.Check(lambda s: (s == "") | _is_number(s), error="value is a number or empty")
        return pa.DataFrameSchema(
            {
                "claim_id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[AB]\d{2}$", error="claim_id is A or B and two digits")),
                "paper": pa.Column(str, checks=pa.Check.isin(["A", "B"], error="paper is A or B")),
                "location": pa.Column(str, checks=pa.Check(lambda s: s.str.fullmatch(LOCATION.pattern),
                                                                   error="location is in the ledger's notation (schema.LOCATION)")),
                "printed": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="the printed value is given")),
                "value": pa.Column(str, checks=optional_number),
                "comparator": pa.Column(str, checks=pa.Check.isin(COMPARATORS, error=f"comparator is one of {' '.join(COMPARATORS)}")),
                "ref_year": pa.Column(str, checks=pa.Check(lambda s: (s == "") | _is_year(s, CLAIM_YEAR_RANGE),
                                                       error=f"ref_year is a year in {CLAIM_YEAR_RANGE} or empty")),
                "start_year": pa.Column(str, checks=pa.Check(lambda s: (s == "") | _is_year(s, CLAIM_YEAR_RANGE),
                                                       error=f"start_year is a year in {CLAIM_YEAR_RANGE} or empty")),
                "region": pa.Column(str, checks=pa.Check(_regions_known, error="region is empty, or region or group keys joined by |")),
                "against": pa.Column(str, checks=pa.Check(_against_known, error=AGAINST_ERROR)),
                "measure": pa.Column(str, checks=pa.Check(_measures_known, error="each measure is declared in compendium/schema.py")),
                "vintage": pa.Column(str, checks=pa.Check.isin([""] + sorted(VINTAGES), error="vintage is empty or a declared vintage")),
                "kind": pa.Column(str, checks=pa.Check.isin(CLAIM_KINDS, error=f"kind is one of {sorted(CLAIM_KINDS)}")),
                "check": pa.Column(str, checks=pa.Check.isin(CLAIM_CHECKS, error=f"check is one of {sorted(CLAIM_CHECKS)}")),
                "what": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="what is given")),
                "what_zh": pa.Column(str, checks=pa.Check.str_contains(CJK, error="what_zh says it in Chinese")),
            },
            checks=[pa.Check(lambda f: (f["kind"] != "projection") | f["measure"].str.split("|").str[0].str.endswith("_projection"),
                             error="a projection is checked against a *_projection measure (the projection as published)"),
                    pa.Check(lambda f: f["kind"].isin(list(STATEMENT_KINDS)) | f["check"].isin(["regression_interval", "regression_sign"])
                             | (f["measure"] != ""),
                             error="a statistical claim names the measure its look-up needs (declared in compendium/schema.py, "
                                   "collected or not)")],
            strict=False,
        )
    _validate(schema, frame, name, ["claim_id"])
    frame = frame.replace({"ref_year": {"": None}, "region": {"": None}})
    frame["ref_year"] = pd.to_numeric(frame["ref_year"]).astype("Int64")
    frame["start_year"] = pd.to_numeric(frame["start_year"].replace("", None)).astype("Int64")
    return frame


# ---- the readings log ------------------------------------------------------------------------

READINGS = paths.DATA / "readings.csv"
READING_COLUMNS = ["claim_id", "reading_id", "chosen", "reading", "reading_zh", "check", "comparator", "value", "ref_year",
                   "start_year", "region", "against", "measure", "vintage", "kind", "why"]


def load_readings(path: Path | None = None, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """How ambiguous phrases were read, `data/readings.csv`: per claim, at least two readings, each
    the ledger row with the fields it fills replaced, and exactly one `chosen`: the audit judges the
    claim under the chosen one (flipping that flag is the one edit that changes the reading)."""
    path = path or READINGS
    name = _relative(path)
    claims = load_claims() if claims is None else claims
    frame = _read_csv_strict(path, READING_COLUMNS)
    overrides = list(READING_OVERRIDES)
    known_claims = set(claims["claim_id"])
    def schema():  # built only when the frame is checked (pandera is imported then)
        return pa.DataFrameSchema(
            {
                "claim_id": pa.Column(str, checks=pa.Check.isin(known_claims, error="claim_id is a claim of data/claims.csv")),
                "reading_id": pa.Column(str, checks=pa.Check.str_matches(r"^[a-z]$", error="reading_id is one lower-case letter")),
                "chosen": pa.Column(str, checks=pa.Check.isin(["yes", "no"], error="chosen is yes or no")),
                "reading": pa.Column(str, checks=pa.Check.str_length(min_value=10, error="the reading is written out")),
                "reading_zh": pa.Column(str, checks=pa.Check.str_contains(CJK, error="reading_zh says it in Chinese")),
                "check": pa.Column(str, checks=pa.Check.isin([""] + sorted(CLAIM_CHECKS), error="check is empty or a known check")),
                "comparator": pa.Column(str, checks=pa.Check.isin([""] + list(COMPARATORS), error="comparator is empty or known")),
                "value": pa.Column(str, checks=pa.Check(lambda s: (s == "") | _is_number(s), error="value is a number or empty")),
                "ref_year": pa.Column(str, checks=pa.Check(lambda s: (s == "") | _is_year(s, CLAIM_YEAR_RANGE), error="ref_year is a year or empty")),
                "start_year": pa.Column(str, checks=pa.Check(lambda s: (s == "") | _is_year(s, CLAIM_YEAR_RANGE), error="start_year is a year or "
                                                                                                                        "empty")),
                "vintage": pa.Column(str, checks=pa.Check.isin([""] + sorted(VINTAGES), error="vintage is empty or a declared vintage")),
                "region": pa.Column(str, checks=pa.Check(_regions_known, error="region is empty, or region or group keys joined by |")),
                "against": pa.Column(str, checks=pa.Check(_against_known, error=AGAINST_ERROR)),
                "measure": pa.Column(str, checks=pa.Check(_measures_known, error="each measure is declared in compendium/schema.py")),
                "kind": pa.Column(str, checks=pa.Check.isin([""] + sorted(CLAIM_KINDS), error="kind is empty or a known kind")),
            },
            checks=[
                pa.Check(lambda f: ~f.duplicated(["claim_id", *overrides], keep=False),
                         error=f"the readings of a claim differ in at least one field ({', '.join(overrides)})"),
                pa.Check(lambda f: f.groupby("claim_id")["chosen"].transform(lambda c: (c == "yes").sum() == 1),
                         error="each claim has exactly one chosen reading"),
                pa.Check(lambda f: f.groupby("claim_id")["chosen"].transform(lambda c: (c == "no").sum() >= 1),
                         error="each claim has at least one other reading"),
                pa.Check(lambda f: ~f.duplicated(["claim_id", "reading_id"], keep=False),
                         error="(claim_id, reading_id) is unique"),
            ],
            strict=False,
        )
    _validate(schema, frame, name, ["claim_id", "reading_id"])
    return frame.assign(chosen=frame["chosen"] == "yes")


# ---- the search log: where else a claim was looked for --------------------------------------

SEARCHES = paths.DATA / "searches.csv"
SEARCH_COLUMNS = ["claim_id", "kind", "where", "query", "date", "outcome"]
SEARCH_KINDS = ("publisher", "press", "repository")


def load_searches(path: Path | None = None, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where each claim was searched beyond `data/` (`data/searches.csv`), validated. The audit
    computes what is missing; this log is the only hand-written part of an unverified verdict."""
    path = path or SEARCHES
    claims = load_claims() if claims is None else claims
    frame = _read_csv_strict(path, SEARCH_COLUMNS)
    def schema():  # built only when the frame is checked (pandera is imported then)
        return pa.DataFrameSchema(
            {
                "claim_id": pa.Column(str, checks=pa.Check.isin(set(claims["claim_id"]), error="claim_id is a claim of data/claims.csv")),
                "kind": pa.Column(str, checks=pa.Check.isin(SEARCH_KINDS, error=f"kind is one of {', '.join(SEARCH_KINDS)}")),
                "where": pa.Column(str, checks=pa.Check.str_length(min_value=3, error="where is written out")),
                "query": pa.Column(str, checks=pa.Check.str_length(min_value=3, error="query is written out")),
                "date": pa.Column(str, checks=pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$", error="date is YYYY-MM-DD")),
                "outcome": pa.Column(str, checks=pa.Check.str_length(min_value=3, error="outcome is written out")),
            },
            strict=True,
        )
    _validate(schema, frame, _relative(path))
    return frame


# ---- the coverage map: every line of both papers with a number, comparison or superlative -----

COVERAGE = paths.DATA / "coverage.csv"
COVERAGE_COLUMNS = ["paper", "line", "section", "locator", "claim_ids", "reason"]
LOCATOR_MAX = 12  # characters of the line, enough to find the spot
COVERAGE_REASONS = ("evaluation", "policy aim", "mechanism", "reference list", "heading", "foreign programme",
                    "title or metadata")
DUPLICATE_REASON = r"^duplicate of [AB]\d{2}$"


def load_coverage(path: Path | None = None, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """`data/coverage.csv`, validated: every listed line of both papers (1-based line of the text
    files, one paragraph per line) names the ledger claims it holds or the reason it holds none;
    every ledger claim is on some line. Built once from the papers, which the build never reads."""
    path = path or COVERAGE
    name = _relative(path)
    claims = load_claims() if claims is None else claims
    known = set(claims["claim_id"])
    frame = _read_csv_strict(path, COVERAGE_COLUMNS)
    ids = frame["claim_ids"].str.split(";")
    reason_ok = frame["reason"].isin(COVERAGE_REASONS) | frame["reason"].str.match(DUPLICATE_REASON)
    def schema():  # built only when the frame is checked (pandera is imported then)
        return pa.DataFrameSchema(
            {
                "paper": pa.Column(str, checks=pa.Check.isin(["A", "B"], error="paper is A or B")),
                "line": pa.Column(str, checks=pa.Check.str_matches(r"^[1-9]\d*$", error="line is a line number (from 1)")),
                "section": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="section is given")),
                "locator": pa.Column(str, checks=pa.Check.str_length(1, LOCATOR_MAX, error=f"locator has 1 to {LOCATOR_MAX} characters")),
                "claim_ids": pa.Column(str, checks=pa.Check(lambda s: s.str.split(";").map(lambda c: c == [""] or set(c) <= known),
                                                            error="claim_ids are claims of data/claims.csv, ';'-separated")),
                "reason": pa.Column(str, checks=pa.Check(lambda s: (s == "") | reason_ok,
                                                         error=f"reason is empty or one of {', '.join(COVERAGE_REASONS)} or 'duplicate of Xnn'")),
            },
            checks=[pa.Check(lambda f: (f["claim_ids"] != "") | (f["reason"] != ""),
                             error="each line names its claims or the reason it holds none"),
                    pa.Check(lambda f: ~f.duplicated(["paper", "line"], keep=False), error="(paper, line) is unique")],
            strict=True, ordered=True,
        )
    _validate(schema, frame, name)
    placed = {i for cell in ids for i in cell if i}
    unplaced = sorted(known - placed)
    if unplaced:
        raise DataError(f"{name}: claim(s) {', '.join(unplaced)} of data/claims.csv are on no line "
                        "(rule: every ledger claim appears in the coverage map)")
    return frame.astype({"line": int})


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per paper: lines listed, lines holding claims, lines excused by each reason."""
    status = coverage["reason"].where(coverage["claim_ids"] == "", "holds claims").str.replace(
        r"^duplicate of .*", "duplicate of a claim", regex=True)
    table = pd.crosstab(coverage["paper"], status)
    table.insert(0, "lines", coverage.groupby("paper").size())
    return table.rename_axis(columns=None).reset_index()
