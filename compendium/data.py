"""Validated loading of everything under `data/`: the only way notebooks read raw data.

Every load checks the file against the rules in `schema.py`. A violation raises `DataError`
naming the file, the row and the rule, so no figure is ever drawn from a damaged file.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlparse

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from pandera import DataFrameSchema
    from pandera.errors import SchemaErrors

from . import paths, regions
from .schema import EVIDENCE_LEVELS  # noqa: F401 (notebooks 00 and 03 read it as data.EVIDENCE_LEVELS)
from .schema import (CONFIDENCE, MEASURES, OBSERVATION_COLUMNS, OBSERVATION_FILES,
                     OBSERVATION_KEY, PUBLISHER_PAGE_SEEN, SOURCE_COLUMNS, VINTAGES,
                     YEAR_RANGE, is_portal, names_a_table, recognised_copy)


class _ImportedOnFirstUse:
    """A module imported when one of its names is first used."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str):
        return getattr(importlib.import_module(self._name), attribute)


# pandera is imported on the first check of a frame: a notebook whose loads are all remembered as
# checked (see _validation_stamp) never imports it (0.56 s a process)
pa = _ImportedOnFirstUse("pandera.pandas")

PKU_DFIIC_FILE = "pku_dfiic/PKU_DFIIC_province.dta"
PKU_DFIIC_SOURCE_ID = "pku_dfiic_2011_2023"
MAX_ERRORS_SHOWN = 10


class DataError(ValueError):
    """A raw data file breaks a rule. The message names file, row and rule."""


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def _read_csv_strict(path: Path, required: list[str]) -> pd.DataFrame:
    """Read a CSV as text cells, failing clearly on a missing file, bad encoding or missing column."""
    name = _relative(path)
    if not path.is_file():
        raise DataError(f"{name}: file not found (rule: every declared data file exists)")
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            f"{name}, file line {line}: byte 0x{raw[err.start]:02x} is not UTF-8 "
            "(rule: data files are UTF-8 encoded; re-save the file as UTF-8, not GBK)"
        ) from None
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.ParserError as err:
        raise DataError(f"{name}: not a well-formed CSV file ({err}) "
                        "(rule: comma-separated, fields with commas in double quotes)") from None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(f"{name}, header (file line 1): missing column(s) {missing} "
                        f"(rule: required columns are {required})")
    return frame


def _is_number(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells, errors="coerce").notna()


def _is_year(cells: pd.Series, bounds: tuple[int, int] = YEAR_RANGE) -> pd.Series:
    years = pd.to_numeric(cells, errors="coerce")
    return years.notna() & (years % 1 == 0) & years.between(*bounds)


def _value_in_range(frame: pd.DataFrame) -> pd.Series:
    values = pd.to_numeric(frame["value"], errors="coerce")
    low = frame["measure"].map(lambda m: MEASURES[m].low if m in MEASURES else float("nan"))
    high = frame["measure"].map(lambda m: MEASURES[m].high if m in MEASURES else float("nan"))
    # rows with an unknown measure or a non-number fail their own rule; don't report them twice
    unknown = low.isna() | values.isna()
    return unknown | values.between(low, high)


def _unit_matches(frame: pd.DataFrame) -> pd.Series:
    expected = frame["measure"].map(lambda m: MEASURES[m].unit if m in MEASURES else None)
    return expected.isna() | (frame["unit"] == expected)


RANGE_RULE = "value lies in the plausible range of its measure (compendium/schema.py)"
UNIT_RULE = "unit is the unit declared for the measure"
# Row-wise rules see every column; a report names only the columns the rule is about.
SELF_CORROBORATION_RULE = "a value is not corroborated by its own source"
PRECISION_RULE = "value carries exactly the decimals its source prints (data/sources.csv, column decimals)"
# a row's vintage is the state of the data its source published, so the register says which states a
# source holds; two rows' labels swapped (a ratio then mixes database states) fail here
VINTAGE_RULE = "vintage is one its source holds (data/sources.csv, column vintage, ';'-separated)"
MEASURE_RULE = ("measure is one its source declares, where the source declares its precision measure by measure "
                "(data/sources.csv, column decimals, measure:N items)")
ROW_RULE_COLUMNS = {RANGE_RULE: ("measure", "value"), UNIT_RULE: ("measure", "unit"),
                    SELF_CORROBORATION_RULE: ("source_id", "corroborated_by"), PRECISION_RULE: ("source_id", "value"),
                    VINTAGE_RULE: ("source_id", "vintage"), MEASURE_RULE: ("source_id", "measure")}


def _ids(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def evidence_level(confidence: str, corroborated_by: str) -> str:
    """official / press as recorded; a secondary copy with an independent second copy is corroborated."""
    if confidence in ("official", "press"):
        return confidence
    return "corroborated" if _ids(corroborated_by) else "single secondary copy"


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


# A source's declared precision (data/sources.csv, column decimals): one item, or one per measure
# where its measures differ, ';'-separated. `2` means exactly two decimals as printed; `<=2` at most
# two (for copies that drop trailing zeros, or publishers that print whole numbers without them).
DECIMALS_ITEM = re.compile(r"^(?:(?P<measure>[a-z0-9_]+):)?(?P<at_most><=)?(?P<places>\d{1,2})$")


def parse_decimals(text: str) -> dict[str | None, tuple[bool, int]]:
    """{measure or None (every measure): (at most?, places)}; ValueError on a malformed item."""
    declared = {}
    for item in filter(None, (part.strip() for part in text.split(";"))):
        match = DECIMALS_ITEM.match(item)
        if not match or (match["measure"] and match["measure"] not in MEASURES):
            raise ValueError(f"decimals item {item!r}: write N, <=N, or measure:N with a measure of compendium/schema.py")
        declared[match["measure"]] = (bool(match["at_most"]), int(match["places"]))
    return declared


def _precision_ok(declared: dict, measure: str, value: str) -> bool:
    rule = declared.get(measure, declared.get(None))
    if rule is None:
        return True
    at_most, places = rule
    return _decimals(value) <= places if at_most else _decimals(value) == places


def _measure_declared(declared: dict, measure: str) -> bool:
    """A source that gives its precision measure by measure (no item for every measure) names each
    measure its rows carry: the register says what the rows are."""
    return None in declared or not declared or measure in declared


def _decimals_valid(text: str) -> bool:
    try:
        return bool(parse_decimals(text))
    except ValueError:
        return False


def _observation_schema(source_ids: set[str], decimals: dict[str, dict] | None = None,
                        vintages: dict[str, list[str]] | None = None) -> DataFrameSchema:
    decimals = decimals or {}  # source_id → parse_decimals(its decimals cell)
    vintages = vintages or {}  # source_id → the vintages its register row declares
    text = dict(dtype=str, nullable=False)
    return pa.DataFrameSchema(
        {
            "region": pa.Column(**text, checks=pa.Check.isin(regions.ALL, error="region is a known region key (compendium/regions.py)")),
            "year": pa.Column(**text, checks=pa.Check(_is_year, error=f"year is a whole number in {YEAR_RANGE}")),
            "measure": pa.Column(**text, checks=pa.Check.isin(MEASURES, error="measure is declared in compendium/schema.py MEASURES")),
            "vintage": pa.Column(**text, checks=pa.Check.isin(VINTAGES, error=f"vintage is one of {sorted(VINTAGES)}")),
            "value": pa.Column(**text, checks=pa.Check(_is_number, error="value is a number")),
            "unit": pa.Column(**text),
            "source_id": pa.Column(**text, checks=pa.Check.isin(source_ids, error="source_id is listed in data/sources.csv")),
            "confidence": pa.Column(**text, checks=pa.Check.isin(CONFIDENCE, error=f"confidence is one of {sorted(CONFIDENCE)}")),
            "note": pa.Column(**text),
            "corroborated_by": pa.Column(**text, checks=pa.Check(
                lambda cells: cells.map(lambda c: all(s in source_ids for s in _ids(c))),
                element_wise=False, error="corroborated_by lists source_ids of data/sources.csv, ';'-separated")),
        },
        checks=[
            pa.Check(_value_in_range, error=RANGE_RULE),
            pa.Check(_unit_matches, error=UNIT_RULE),
            pa.Check(lambda f: pd.Series([row.source_id not in _ids(row.corroborated_by) for row in f.itertuples()],
                                         index=f.index), error=SELF_CORROBORATION_RULE),
            pa.Check(lambda f: pd.Series([_precision_ok(decimals.get(row.source_id, {}), row.measure, row.value)
                                          for row in f.itertuples()], index=f.index), error=PRECISION_RULE),
            pa.Check(lambda f: pd.Series([row.vintage in vintages.get(row.source_id, [row.vintage])
                                          for row in f.itertuples()], index=f.index), error=VINTAGE_RULE),
            pa.Check(lambda f: pd.Series([_measure_declared(decimals.get(row.source_id, {}), row.measure)
                                          for row in f.itertuples()], index=f.index), error=MEASURE_RULE),
        ],
        unique=OBSERVATION_KEY,
        report_duplicates="all",
        strict=True,
        ordered=True,
    )


def _format_failures(name: str, err: SchemaErrors, key: list[str] | None = None) -> str:
    """One line per failing (row, rule): file, row, file line, columns, rule, offending values."""
    cases = err.failure_cases.copy()
    cases["index"] = pd.to_numeric(cases["index"], errors="coerce")
    cases["column"] = cases["column"].where(cases["column"].map(lambda c: isinstance(c, str)), "")
    cases["check"] = cases["check"].astype(str)
    relevant = [column in ROW_RULE_COLUMNS.get(rule, (column,)) for rule, column in zip(cases["check"], cases["column"])]
    cases = cases[relevant]
    if key:
        cases.loc[cases["check"].str.contains("unique"), "check"] = f"the key {key} is unique (no value stored twice)"
    cases.loc[cases["check"] == "column_in_schema", "check"] = "no columns beyond the declared ones"
    cases.loc[cases["check"] == "column_ordered", "check"] = "columns in the declared order"
    grouped = (cases.groupby(["index", "check"], dropna=False, sort=True)
               .agg(columns=("column", lambda c: ", ".join(sorted(set(filter(None, c))))),
                    found=("failure_case", lambda f: ", ".join(map(repr, dict.fromkeys(map(str, f))))))
               .reset_index())
    lines = []
    for case in grouped.head(MAX_ERRORS_SHOWN).itertuples():
        where = "header (file line 1)" if pd.isna(case.index) else f"row {int(case.index) + 1} (file line {int(case.index) + 2})"
        columns = f", column {case.columns}" if case.columns else ""
        lines.append(f"{name}, {where}{columns}: rule '{case.check}' failed (found {case.found})")
    if len(grouped) > MAX_ERRORS_SHOWN:
        lines.append(f"... and {len(grouped) - MAX_ERRORS_SHOWN} more")
    return "\n".join(lines)


def _validate(schema: Callable[[], DataFrameSchema], frame: pd.DataFrame, name: str,
              key: list[str] | None = None) -> None:
    """Check every rule at once; report all failures by file, row and rule. In the build runner's
    notebooks, a frame that passed under the same rules is not checked again (`_validation_stamp`)."""
    stamp = _validation_stamp(frame, name)
    if stamp is not None and stamp.is_file():
        return
    from pandera.errors import SchemaErrors

    try:
        schema().validate(frame, lazy=True)
    except SchemaErrors as err:
        raise DataError(_format_failures(name, err, key)) from None
    if stamp is not None:  # only a pass is remembered
        paths.write_whole(stamp, (name + "\n").encode("utf-8"))


@functools.cache
def _rules_fingerprint() -> str:
    """Everything a validation's outcome depends on besides the frame itself: the rules' code (this module and
    every module of the package it imports), the pinned packages, and the tables a rule consults (the
    source register, claims, readings and the other files of data/)."""
    from .pipeline import ENVIRONMENT_INPUTS, package_files

    code = package_files({__name__}) + ENVIRONMENT_INPUTS
    files = [paths.ROOT / name for name in code] + sorted(paths.DATA.glob("*.csv"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


def _validation_stamp(frame: pd.DataFrame, name: str) -> Path | None:
    """Where a pass of `frame` (read from `name`) under today's rules is remembered, or None when
    the build runner did not ask for remembering (see paths.VALIDATION_CACHE_ENV)."""
    directory = os.environ.get(paths.VALIDATION_CACHE_ENV)
    if not directory:
        return None
    digest = hashlib.sha256(_rules_fingerprint().encode() + name.encode() + "\0".join(frame.columns).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return Path(directory) / digest.hexdigest()


ADDRESS_RULE = ("{} is a page a reader can open: an http(s) address naming a page, table, document or repository "
                "file (not a bare homepage, not a search-index file id)")


def _is_page_address(text: str) -> bool:
    """An http(s) URL with a path beyond '/': a homepage does not say where the figure is."""
    parts = urlparse(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.path.strip("/") != "" and " " not in text


def load_sources() -> pd.DataFrame:
    """The source register, `data/sources.csv`: one row per publication."""
    name = _relative(paths.SOURCES)
    frame = _read_csv_strict(paths.SOURCES, SOURCE_COLUMNS)
    def schema():  # built only when the frame is checked (pandera is imported then)
        return pa.DataFrameSchema(
            {
                "source_id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z0-9_]+$", error="source_id is lower-case snake_case")),
                "publisher": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="publisher is given")),
                "title": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="title is given")),
                "year": pa.Column(str, checks=pa.Check(_is_year, error="publication year is a whole number")),
                "url": pa.Column(str, checks=pa.Check(lambda u: u == "" or _is_page_address(u), element_wise=True,
                                                      error=ADDRESS_RULE.format("url") + " or blank (not found)")),
                "publisher_page_seen": pa.Column(str, checks=pa.Check.isin(
                    PUBLISHER_PAGE_SEEN, error=f"publisher_page_seen is one of {PUBLISHER_PAGE_SEEN}")),
                "issued": pa.Column(str, checks=pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$", error="issued is a date YYYY-MM-DD, YYYY-MM or "
                                                                                                         "YYYY")),
                "seen_at": pa.Column(str, checks=pa.Check(_is_page_address, element_wise=True, error=ADDRESS_RULE.format("seen_at"))),
                "decimals": pa.Column(str, checks=pa.Check(_decimals_valid, element_wise=True,
                                                           error="decimals declares N, <=N or measure:N items, ';'-separated")),
                "consulted": pa.Column(str, checks=pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$", error="consulted is a date YYYY-MM-DD")),
                "vintage": pa.Column(str, checks=pa.Check(lambda c: c.map(lambda v: bool(_ids(v)) and all(i in VINTAGES for i in _ids(v))),
                                                          error=f"vintage lists one or more of {sorted(VINTAGES)}, ';'-separated")),
            },
            checks=[pa.Check(lambda f: (f["why_single"] == "") == (f["why_single_zh"] == ""),
                             error="why_single and why_single_zh are both given or both blank (the Chinese edition prints the reason)"),
                    pa.Check(lambda f: (f["url"] != "") | (f["publisher_page_seen"] == "no"),
                             error="a publisher page seen or quoted has its address in url"),
                    pa.Check(lambda f: (f["url"] != f["seen_at"]) | (f["publisher_page_seen"] == "yes"),
                             error="url is the publisher's own page: equal to seen_at only when that page was seen"),
                    pa.Check(lambda f: pd.Series([not is_portal(u) or names_a_table(t) for u, t in zip(f["url"], f["table_or_page"])],
                                                 index=f.index),
                             error="a database or yearbook portal in url has its indicator or table named in table_or_page"),
                    pa.Check(lambda f: pd.Series([recognised_copy(s) or w != "" for s, w in zip(f["seen_at"], f["why_this_copy"])],
                                                 index=f.index),
                             error="a copy seen outside the recognised hosts (compendium/schema.py RECOGNISED_COPY_HOSTS) says why_this_copy")],
            strict=False,
        )
    _validate(schema, frame, name)
    return frame


def load_observations(topic: str, path: Path | None = None) -> pd.DataFrame:
    """One validated observation file, with `year` as int and `value` as float."""
    path = path or paths.RAW / OBSERVATION_FILES[topic]
    name = _relative(path)
    frame = _read_csv_strict(path, OBSERVATION_COLUMNS)
    sources = load_sources()
    declared = {row.source_id: parse_decimals(row.decimals) for row in sources.itertuples()}
    held = {row.source_id: _ids(row.vintage) for row in sources.itertuples()}
    _validate(lambda: _observation_schema(set(sources["source_id"]), declared, held), frame, name, OBSERVATION_KEY)
    return frame.astype({"year": int, "value": float})


def load_all_observations() -> pd.DataFrame:
    """Every observation file stacked, with `file` and `line` (the row's line in its file) so that a
    verdict can cite the rows it used; a measure may live in one file only."""
    frames = [(lambda frame: frame.assign(file=file, line=frame.index + 2))(load_observations(topic))
              for topic, file in OBSERVATION_FILES.items()]
    stacked = pd.concat(frames, ignore_index=True)
    homes = stacked.groupby("measure")["file"].nunique()
    split = homes[homes > 1]
    if len(split):
        raise DataError(f"data/raw: measure(s) {list(split.index)} appear in more than one file "
                        "(rule: each measure lives in exactly one file)")
    return stacked


def load_pku_dfiic() -> pd.DataFrame:
    """PKU Digital Financial Inclusion Index, provinces × years, in the compendium's region keys."""
    path = paths.RAW / PKU_DFIIC_FILE
    name = _relative(path)
    if not path.is_file():
        raise DataError(f"{name}: file not found (rule: every declared data file exists)")
    frame = pd.read_stata(path)
    known = {en.lower(): en for en in regions.PROVINCES}
    aliases = {"inner mongolia": "Inner Mongolia", "neimenggu": "Inner Mongolia", "xizang": "Tibet"}
    frame["region"] = frame["prov_name_eng"].str.strip().str.lower().map(lambda s: known.get(s) or aliases.get(s))
    bad = frame[frame["region"].isna()]
    if len(bad):
        row = int(bad.index[0])
        raise DataError(f"{name}, row {row + 1}: province {bad.iloc[0]['prov_name_eng']!r} "
                        "is not a known region (rule: region is a known region key)")
    frame["year"] = frame["year"].astype(int)
    dup = frame.duplicated(["region", "year"], keep=False)
    if dup.any():
        row = int(frame.index[dup][0])
        raise DataError(f"{name}, row {row + 1}: duplicate (region, year) (rule: the key is unique)")
    nonpositive = frame["index_aggregate"].isna() | (frame["index_aggregate"] <= 0)
    if nonpositive.any():
        row = int(frame.index[nonpositive][0])
        raise DataError(f"{name}, row {row + 1}: index_aggregate must be a positive number")
    return frame[["region", "year", "index_aggregate", "coverage_breadth", "usage_depth", "digitization_level"]].assign(
        source_id=PKU_DFIIC_SOURCE_ID)


# ---- checksums: an accidental edit of a raw file shows up in the tests ----------------------

def raw_files() -> list[Path]:
    """Every raw input whose bytes are recorded, including the source register."""
    files = sorted(p for p in paths.RAW.rglob("*") if p.is_file() and p != paths.CHECKSUMS)
    return files + [paths.SOURCES]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_checksums() -> dict[str, str]:
    lines = paths.CHECKSUMS.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def current_checksums() -> dict[str, str]:
    return {_relative(p): sha256(p) for p in raw_files()}


def write_checksums() -> None:
    text = "".join(f"{digest}  {name}\n" for name, digest in sorted(current_checksums().items()))
    paths.CHECKSUMS.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # `python -m compendium.data`: re-record checksums after a deliberate edit
    write_checksums()
    print(f"recorded {len(current_checksums())} checksums in {_relative(paths.CHECKSUMS)}")


def evidence_of_inputs(observations: pd.DataFrame, figure_data: pd.DataFrame, headline_inputs,
                       pku_status: pd.DataFrame) -> pd.DataFrame:
    """Per use (a figure, the headline regression) and source: how many values, at which evidence
    level, and for single copies the source's stated reason. The data editor's exception list."""
    sources = load_sources().set_index("source_id")
    keyed = observations.set_index(["region", "year", "measure", "source_id"])
    figure_rows = figure_data.rename(columns={"series": "measure"}).join(
        keyed[["corroborated_by"]], on=["region", "year", "measure", "source_id"])
    figure_rows = figure_rows.assign(use=figure_rows["figure_id"])
    selected = []
    for measure, vintage, first, last in headline_inputs:
        rows = observations[(observations["measure"] == measure) & observations["year"].between(first, last)
                            & observations["region"].isin(regions.PROVINCES)]
        selected.append(rows[rows["vintage"] == vintage] if vintage else rows)
    headline_rows = pd.concat(selected).assign(use="headline regression")
    counts = pku_status.groupby("status").agg(rows=("year", "size"), first=("year", "min"), last=("year", "max"),
                                              gap=("gap", "max"))
    pku = pd.DataFrame({"use": "headline regression", "source_id": PKU_DFIIC_SOURCE_ID, "rows": counts["rows"],
                        "evidence": ["corroborated" if status == "equal" else "single secondary copy" for status in counts.index]})
    both = pd.concat([figure_rows, headline_rows], ignore_index=True).fillna({"corroborated_by": ""})
    both["evidence"] = [evidence_level(c, b) for c, b in zip(both["confidence"], both["corroborated_by"])]
    table = both.groupby(["use", "source_id", "evidence"]).size().rename("rows").reset_index()
    for column in ("why_single", "why_single_zh"):
        table[column] = [sources.loc[s, column] if e == "single secondary copy" else ""
                         for s, e in zip(table["source_id"], table["evidence"])]

    def pku_reason(status: str, row, chinese: bool) -> str:
        if status == "equal":
            return ""
        years = f"{int(row.first)}–{int(row.last)}"
        if status == "different":
            return (f"{years} 年的数值与另一份副本（{PKU_COPY_NAME_ZH}）不一致（最大相差 {row.gap:.2f} 点），"
                    "尚不能确定哪一份是研究所的现行发布" if chinese else
                    f"different, {years} (largest gap {row.gap:.2f} points): another copy ({PKU_COPY_NAME}) prints "
                    "other values, and which is the institute's current release is not established")
        reason = sources.loc[PKU_DFIIC_SOURCE_ID, "why_single_zh" if chinese else "why_single"]
        return f"{years} 年没有第二份副本。{reason}" if chinese else f"{status}, {years}: {reason}"

    pku["why_single"] = [pku_reason(status, row, False) for status, row in counts.iterrows()]
    pku["why_single_zh"] = [pku_reason(status, row, True) for status, row in counts.iterrows()]
    table = pd.concat([table, pku[table.columns]], ignore_index=True)
    return table.sort_values(["use", "evidence", "source_id"]).reset_index(drop=True)


# the other copy, named as a reader finds it: a student's compilation, perhaps of another release of the index
PKU_COPY_NAME = "a student's compilation of the index, source airuimeng_yearbook_indicators, perhaps of another release"
PKU_COPY_NAME_ZH = "来源 airuimeng_yearbook_indicators：学生整理的该指数，可能出自另一次发布"
PKU_AGREEMENT_TOLERANCE = 0.005  # the official release prints two decimals


def pku_agreement(pku: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Each province-year of the PKU file against the other copy (`pku_index_copy`): equal at
    the printed two decimals, different, or without a second copy."""
    copy = observations[observations["measure"] == "pku_index_copy"].set_index(["region", "year"])["value"]
    frame = pku.set_index(["region", "year"])[["index_aggregate"]].join(copy.rename("copy"))
    gap = (frame["index_aggregate"] - frame["copy"]).abs()
    frame["gap"] = gap
    frame["status"] = np.where(frame["copy"].isna(), "no second copy",
                               np.where(gap < PKU_AGREEMENT_TOLERANCE, "equal", "different"))
    return frame.reset_index()
